"""A first extractive summary and headline: centrality across articles, redundancy removed, cited.

Score = closeness to the story's centroid (what most articles are about), raised by the number of
articles that carry the sentence and by an early position in its article. Sentences are chosen
greedily, skipping any too similar to one already chosen, then put in story order.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from newsbrief.brief.sentences import Statement, candidates, cosine, group_copies, story_shared, weigh
from newsbrief.group.passages import Shared
from newsbrief.model import Analysis, Cited

MIN_WORDS, MAX_WORDS = 6, 60     # shorter is a fragment or a label; longer is a run-on extraction
HEADLINE_MAX_WORDS = 40
REDUNDANT = 0.5                  # cosine above which a sentence repeats one already chosen


@dataclass
class Selection:
    headline: Cited | None
    summary: list[Cited]


def article_order(analyses: list[Analysis]) -> dict[int, tuple]:
    """Rank of each article in time: dated ones by date, undated ones after them, then input order."""
    return {i: (a.article.published is None, (a.article.published or "")[:10], i)
            for i, a in enumerate(analyses)}


def usable(statement: Statement) -> bool:
    text = statement.first.text
    n = len(text.split())
    return (MIN_WORDS <= n <= MAX_WORDS and not text.rstrip().endswith(("?", ":"))
            and (text[:1].isupper() or text[:1] in "\"“‘'0123456789"))


def score_statements(analyses: list[Analysis], shared: Shared | None = None) -> list[Statement]:
    order = article_order(analyses)
    statements = group_copies(candidates(analyses), shared or story_shared(analyses), order)
    weigh(statements)
    centroid: dict[str, float] = {}
    for s in statements:
        weight = 1 + math.log(len(s.copies))
        for term, value in s.vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight * value
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    centroid = {t: v / norm for t, v in centroid.items()}
    for s in statements:
        position = min(c.position for c in s.copies)
        s.score = (cosine(s.vector, centroid) * (1 + 0.25 * math.log(len(s.copies)))
                   * (1.0 if position < 3 else 0.8 if position < 8 else 0.65))
    return statements


def select(analyses: list[Analysis], scored: list[Statement], sentences: int = 5) -> Selection:
    """Headline and summary from the story's scored statements (`score_statements`)."""
    if not analyses:
        return Selection(None, [])
    statements = [s for s in scored if usable(s)] or scored
    ranked = sorted(statements, key=lambda s: -s.score)
    headline = _headline(ranked, analyses)
    chosen: list[Statement] = []
    for s in ranked:
        if len(chosen) >= sentences:
            break
        if s is headline or any(cosine(s.vector, c.vector) > REDUNDANT for c in chosen + [headline] if c):
            continue
        chosen.append(s)
    order = article_order(analyses)
    chosen.sort(key=lambda s: (order[s.first.article], s.first.position))
    return Selection(
        headline=_cited(headline, analyses) if headline else None,
        summary=[_cited(s, analyses) for s in chosen],
    )


def _headline(ranked: list[Statement], analyses: list[Analysis]) -> Statement | None:
    """The best lead sentence, favouring the latest reports: a headline tells what is new."""
    order = article_order(analyses)
    leads = [s for s in ranked if s.first.position < 3 and len(s.first.text.split()) <= HEADLINE_MAX_WORDS]
    if not leads:
        return ranked[0] if ranked else None
    dated = sorted({o[1] for o in order.values() if o[1]})

    def recency(s: Statement) -> float:
        first_reported = order[s.first.article][1]     # copies[0] is the earliest carrier
        if not dated or not first_reported:
            return 1.0
        return 1.0 + dated.index(first_reported) / max(1, len(dated) - 1)

    return max(leads, key=lambda s: s.score * recency(s))


def _cited(statement: Statement, analyses: list[Analysis]) -> Cited:
    return Cited(text=statement.first.text, citations=statement.citations(analyses))


def summarise(analyses: list[Analysis], *, words: int = 250, focus: str | None = None,
              known: list[Analysis] | None = None) -> Selection:
    """A summary of about `words` words: the headline, then the summary sentences. `focus` biases it
    towards a question; `known` are articles the reader has already seen (an update summary)."""
    scored = score_statements(analyses)
    full = select(analyses, scored, sentences=len(scored))
    chosen, total = [], 0
    for cited in full.summary:
        n = len(cited.text.split())
        if total + n > words and chosen:
            break
        chosen.append(cited)
        total += n
    return Selection(full.headline, chosen)
