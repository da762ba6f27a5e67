"""The headline and the summary, extractive and cited.

The story's sentences are statements: a sentence with its syndicated copies, cited to every carrier.
- Headline: the latest development, the lead sentence of the latest reports that covers the most of what
  the story is about.
- Summary: the statements that together cover the most of the story's concepts (`concepts.py`), with a
  bonus for leads and for what several outlets carry, within a sentence or word budget; then in story
  order. `focus` bends it towards a question; `known` articles make it an update.
- `score_statements` also gives each statement its centrality to the story (the timeline ranks by it).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsbrief.brief.compress import compress
from newsbrief.brief.concepts import LENGTH_POWER, asked, concepts, cover, weights
from newsbrief.brief.sentences import (
    Statement,
    candidates,
    cosine,
    group_copies,
    story_shared,
    weigh,
)
from newsbrief.group.passages import CONTAINED, MIN_SHINGLES, Shared, shingles
from newsbrief.model import Analysis, Cited
from newsbrief.terms import STOPWORDS, stem, words

MIN_WORDS, MAX_WORDS = 6, 60     # shorter is a fragment or a label; longer is a run-on extraction
HEADLINE_MAX_WORDS = 40
FOCUS_SENTENCE = 0.5             # a sentence's gain grows by this for each question word it has (scaled)
OFF_FOCUS = 0.3                  # ... from this share, for a sentence with none of them
NEWS_CYCLE_DAYS = 0              # the headline comes from the last day's reports and this many days before
                                 # (1 reads better on ROUGE for 100 words, but yesterday is not the latest)
LEAD_BONUS = 0.3                 # a first sentence's gain counts this much more (halving with each place)


@dataclass
class Selection:
    headline: Cited | None
    summary: list[Cited]


def article_order(analyses: list[Analysis]) -> dict[int, tuple]:
    """Rank of each article in time: dated ones by date, undated ones after them, then input order."""
    return {i: (a.article.published is None, (a.article.published or "")[:10], i)
            for i, a in enumerate(analyses)}


# Not prose: a web or mail address, a "Web site:" or contact line, SGML left in wire text (&LR;), or a
# sentence cut after a title ("... and Gov." before the name: a splitting error)
NOT_PROSE = re.compile(r"https?://|www\.|\S@\S|\b(?:web ?site|e-?mail|phone|fax)\s*:|&[A-Z]{2,3};"
                       r"|\b(?:Gov|Sen|Rep|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Prof|Rev|Capt|Adm|Maj|Pres|St)\.$", re.I)
ENDS_LIKE_A_SENTENCE = (".", "!", '"', "”", "'", "’", ")")


def usable(statement: Statement) -> bool:
    """Can the sentence stand in a summary: prose of a sentence's length, not a question, a label, a
    heading in capitals, an address or a teaser cut short ("Though much of the Gulf...")."""
    text = statement.first.text.rstrip()
    tokens = text.split()
    return (MIN_WORDS <= len(tokens) <= MAX_WORDS and text.endswith(ENDS_LIKE_A_SENTENCE)
            and not text.endswith(("...", "…"))          # a teaser cut short
            and (text[:1].isupper() or text[:1] in "\"“‘'`0123456789")
            and sum(t.isupper() for t in tokens) <= 0.5 * len(tokens)
            and not NOT_PROSE.search(text))


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


def select(analyses: list[Analysis], scored: list[Statement], sentences: int | None = 5,
           words: int | None = None, focus: str | None = None, known: list[Analysis] | None = None,
           compressed: bool = False) -> Selection:
    """Headline and summary from the story's statements (`score_statements`, copies grouped): the
    headline is the latest development; the summary covers the most of the story's concepts
    (`concepts.py`) in `sentences` sentences or `words` words, headline included, in story order."""
    if not analyses:
        return Selection(None, [])
    pool = [s for s in scored if usable(s)] or scored
    if known:       # an update: what the reader was told is not told again, in any outlet's words
        pool = _not_told(pool, known) or pool
    # each article's own text: a wire sentence it shares counts once, for its first carrier, so that
    # five outlets printing one paragraph are not five confirmations
    own: dict[int, list[str]] = {i: [] for i in range(len(analyses))}
    for s in scored:
        own[s.first.article].append(s.first.text)
    weight = weights([" ".join(texts) for texts in own.values()], focus, [k.article.text for k in known or []])
    texts = [compress(s.first.text) if compressed else s.first.text for s in pool]
    found = [concepts(t) for t in texts]
    lengths = [len(t.split()) for t in texts]
    bonus = [_prior(s) * _relevance(s.first.text, focus) for s in pool]
    h = _headline(pool, found, lengths, weight, analyses)
    # the summary stands alone under the headline, as a story's body does: it does not repeat the
    # headline's sentence, but may tell its fact in another outlet's words
    rest = [i for i in range(len(pool)) if i != h]
    picked = cover([found[i] for i in rest], [lengths[i] for i in rest], weight, words or 10 ** 9,
                   [bonus[i] for i in rest], limit=sentences if not words else None)
    chosen = [rest[k] for k in picked]
    order = article_order(analyses)
    chosen.sort(key=lambda i: (order[pool[i].first.article], pool[i].first.position))
    return Selection(
        headline=_cited(pool[h], analyses, texts[h]) if h is not None else None,
        summary=[_cited(pool[i], analyses, texts[i]) for i in chosen],
    )


def _not_told(pool: list[Statement], known: list[Analysis]) -> list[Statement]:
    """The statements the reader has not already read: most of a statement's word pairs (the shingles of
    shared passages) printed in the known articles, in any sentence and any outlet's words, is a repeat,
    however it is cut or re-punctuated. Over the known texts' pooled shingles, not sentence by sentence:
    nothing of them needs splitting, which was most of an update's time."""
    told: set[str] = set()
    for analysis in known:
        for paragraph in analysis.article.text.split("\n"):
            told |= shingles(paragraph)

    def repeats(statement: Statement) -> bool:
        mine = shingles(statement.first.text)
        return len(mine) >= MIN_SHINGLES and len(mine & told) >= CONTAINED * len(mine)
    return [s for s in pool if not repeats(s)]


def _relevance(text: str, focus: str | None) -> float:
    """How much a sentence answers the question: the question's content words it has."""
    if not focus:
        return 1.0
    question = asked(focus)
    said = {stem(w) for w in words(text)}
    return OFF_FOCUS + FOCUS_SENTENCE * len(question & said) / math.sqrt(len(question) or 1)


def _prior(statement: Statement) -> float:
    """Leads say what matters; what several outlets carry matters more."""
    position = min(c.position for c in statement.copies)
    return (1.0 + LEAD_BONUS / (1 + position)) * (1 + 0.1 * math.log(len(statement.copies)))


def _headline(pool: list[Statement], found: list[set], lengths: list[int], weight: dict,
              analyses: list[Analysis]) -> int | None:
    """The latest development: the lead sentence, among the latest reports, that covers the most of what
    the story is about. A lead is a first or second sentence; the latest reports are those of the last
    news cycle (the last day the story was reported, and NEWS_CYCLE_DAYS before), among articles with a
    lead."""
    order = article_order(analyses)
    leads = [i for i, s in enumerate(pool)
             if min(c.position for c in s.copies) < 2 and lengths[i] <= HEADLINE_MAX_WORDS and lengths[i] >= 8]
    if not leads:
        return max(range(len(pool)), key=lambda i: _value(found[i], weight, lengths[i])) if pool else None

    def latest(i: int) -> str:      # the day the statement was last reported (a copy can be later news)
        return max(order[c.article][1] for c in pool[i].copies)

    last = max(latest(i) for i in leads)
    if len(last) == 10:             # the latest news cycle
        cycle = (date.fromisoformat(last) - timedelta(days=NEWS_CYCLE_DAYS)).isoformat()
        leads = [i for i in leads if latest(i) >= cycle]
    return max(leads, key=lambda i: _value(found[i], weight, lengths[i]) * _prior(pool[i]))


def _value(found: set, weight: dict, length: int) -> float:
    return sum(weight.get(c, 0.0) for c in found) / max(length, 1) ** LENGTH_POWER


def _cited(statement: Statement, analyses: list[Analysis], text: str) -> Cited:
    return Cited(text=text, citations=statement.citations(analyses))


def summarise(analyses: list[Analysis], *, words: int = 250, focus: str | None = None,
              known: list[Analysis] | None = None, compressed: bool = False) -> Selection:
    """A summary of about `words` words, headline included. `focus` biases it towards a question;
    `known` are articles the reader has already seen, so that it tells what is new."""
    return select(analyses, score_statements(analyses), sentences=None, words=words, focus=focus, known=known,
                  compressed=compressed)
