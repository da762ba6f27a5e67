"""The story's sentences as one pool: terms for similarity, and syndicated copies grouped as one.

A sentence carried by several articles (wire copy, lightly edited) is one `Statement` with several
carriers, so that a summary says it once and cites every carrier.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsbrief.model import Analysis, Citation

# Words that carry no topic. Short on purpose: idf weighting does the rest.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself said says say
told according mr mrs ms would could one two new also last first year years
""".split())

NEAR_DUPLICATE = 0.6      # Jaccard of word bigrams above which two sentences are copies
MAX_POSTINGS = 400        # bigrams this common find too many candidates to be evidence

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    # "U.S.-led" and "US-led" must agree, as must curly and straight apostrophes
    text = text.lower().replace("u.s.", "us").replace("u.k.", "uk").replace("u.n.", "un")
    return _WORD.findall(text)


def stem(word: str) -> str:
    """A light suffix strip; enough to match "forces"/"force" and "attacked"/"attack"."""
    for suffix in ("ings", "ing", "edly", "ed", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


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
            sentence = text[span.start:span.end]
            terms = Counter(stem(w) for w in words(sentence) if w not in STOPWORDS and not w.isdigit())
            out.append(Candidate(a_index, position, span.start, span.end, sentence, terms))
    return out


def _bigrams(text: str) -> set[tuple[str, str]]:
    tokens = words(text)
    return set(zip(tokens, tokens[1:]))


def group_copies(pool: list[Candidate], order: dict[int, tuple]) -> list[Statement]:
    """Sentences grouped with their near-identical copies in other articles.

    `order` ranks articles (earliest first); the earliest carrier's copy is the one quoted. Copies are
    found through shared bigrams, so a sentence is only compared with those that share its wording."""
    shingles = [_bigrams(c.text) for c in pool]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, grams in enumerate(shingles):
        for gram in grams:
            postings[gram].append(i)
    parent = list(range(len(pool)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, grams in enumerate(shingles):
        if len(grams) < 4:
            continue
        shared: Counter[int] = Counter()
        for gram in grams:
            ids = postings[gram]
            if len(ids) <= MAX_POSTINGS:
                shared.update(j for j in ids if j > i and pool[j].article != pool[i].article)
        for j, common in shared.items():
            union = len(grams) + len(shingles[j]) - common
            if common / union >= NEAR_DUPLICATE:
                parent[root(j)] = root(i)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for i, candidate in enumerate(pool):
        groups[root(i)].append(candidate)
    statements = []
    for members in groups.values():
        members.sort(key=lambda c: (order[c.article], c.position))
        statements.append(Statement(_one_per_article(members)))
    return statements


def _one_per_article(members: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    for c in members:
        if c.article not in seen:
            seen.add(c.article)
            out.append(c)
    return out


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
