"""The story's sentences as one pool: terms for similarity, and syndicated copies grouped as one.

A sentence carried by several articles (wire copy, lightly edited: found by `group.passages`) is one
`Statement` with several carriers, so that a summary says it once and cites every carrier.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsbrief.clean.metadata import parse_inline_dateline
from newsbrief.group.copying import publication_order
from newsbrief.group.passages import Shared, find_passages
from newsbrief.model import Analysis, Citation
from newsbrief.terms import STOPWORDS, stem, words

@dataclass
class Candidate:
    """One sentence of one article."""

    article: int              # index into the story's analyses
    position: int             # sentence index in its article
    start: int
    end: int
    text: str
    terms: Counter = field(default_factory=Counter)

    def citation(self, analyses: list[Analysis]) -> Citation:
        return Citation(analyses[self.article].article.id, self.start, self.end)


@dataclass
class Statement:
    """A sentence and its copies in other articles; `copies[0]` is the one quoted."""

    copies: list[Candidate]
    vector: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def first(self) -> Candidate:
        return self.copies[0]

    def citations(self, analyses: list[Analysis]) -> list[Citation]:
        return [c.citation(analyses) for c in self.copies]


def candidates(analyses: list[Analysis]) -> list[Candidate]:
    out = []
    for a_index, analysis in enumerate(analyses):
        text = analysis.article.text
        for position, span in enumerate(analysis.sentences):
            start = span.start
            # a dateline left in the text ("SYDNEY, Sept. 28 (Xinhua) --", "LOS ANGELES _") is not the
            # sentence's: quote and cite what follows it
            dateline = parse_inline_dateline(text[start:span.end])
            if dateline and dateline.end < span.end - start:
                start += dateline.end
            sentence = text[start:span.end]
            terms = Counter(stem(w) for w in words(sentence) if w not in STOPWORDS and not w.isdigit())
            out.append(Candidate(a_index, position, start, span.end, sentence, terms))
    return out


def story_shared(analyses: list[Analysis]) -> Shared:
    """The story's shared passages, the earliest carrier first."""
    articles = [a.article for a in analyses]
    return find_passages(articles, [a.sentences for a in analyses], order=publication_order(articles))


def group_copies(pool: list[Candidate], shared: Shared, order: dict[int, tuple]) -> list[Statement]:
    """Sentences grouped with their copies in other articles (`shared`, from `story_shared`).

    `order` ranks articles (earliest first); the earliest carrier's copy is the one quoted."""
    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in pool:
        g = shared.group_of.get((c.article, c.position))
        groups[(g,) if g is not None else (None, c.article, c.position)].append(c)
    statements = []
    for members in groups.values():
        members.sort(key=lambda c: (order[c.article], c.position))
        statements.append(Statement(members))
    return statements


def weigh(statements: list[Statement]) -> None:
    """tf-idf vectors, idf counted over statements so that wire copies do not dilute it."""
    df: Counter[str] = Counter()
    for s in statements:
        df.update(s.first.terms.keys())
    n = len(statements)
    for s in statements:
        vec = {t: (1 + math.log(tf)) * math.log((n + 1) / (df[t] + 0.5)) for t, tf in s.first.terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        s.vector = {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
