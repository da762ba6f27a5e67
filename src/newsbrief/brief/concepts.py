"""What a summary should cover: the story's concepts, and a selection of sentences that covers the most.

A concept is a pair of adjacent words, one of them a content word at least (stemmed: "car bomb",
"in rawa"). Its weight is the
number of articles that use it: what many outlets report is what the story is about (Gillick and Favre's
concept coverage, which led the DUC and TAC evaluations). A summary earns a concept's weight once,
however many of its sentences carry it, so covering concepts is also redundancy control: a second
sentence saying the same thing earns nothing.

The weights bend to the reader:
- `focus` (a question): concepts that share a word with it count more;
- `known` (articles the reader has seen): concepts they already carry count for little, so an update
  summary tells what is new.

Selection is greedy by gain per word, with lazily re-evaluated gains (a sentence's gain only falls as
others are chosen), so it costs about n log n in the number of sentences, not n squared.
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable

from newsbrief.terms import STOPWORDS, stem, words

FOCUS_BOOST = 1.0          # a concept that shares a word with the question weighs this much more
KNOWN_DISCOUNT = 0.5       # what the reader has already seen keeps this share of its weight: what is new
                           # comes first, but the story's own terms still hold the update together
LENGTH_POWER = 0.7         # gain per word**power: a little in favour of longer, fuller sentences
MIN_SHARE = 0.2            # a concept must be in this share of the articles (at least two) to count fully
RARE = 0.01                # ... else it keeps this share of its weight


def concepts(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs with at least one content word, stemmed: "car bomb", "of rawa" ("of the" is
    no concept)."""
    tokens = [stem(w) for w in words(text)]
    out = set()
    for a, b in zip(tokens, tokens[1:]):
        if a in STOPWORDS and b in STOPWORDS or a.isdigit() and b.isdigit():
            continue
        out.add((a, b))
    return out


# Words a question uses to ask, not to name its subject ("Describe the efforts ... Include details of ..."):
# they are in every sentence's reach and point at none
ASKING = frozenset(stem(w) for w in """describe discuss identify explain include including information specify
    detail details provide give list mention tell summarize summarise outline indicate note""".split())


def asked(focus: str | None) -> set[str]:
    """The question's content words, stemmed."""
    return {t for t in (stem(w) for w in words(focus or "") if w not in STOPWORDS) if t not in ASKING}


def weights(article_texts: Iterable[str], focus: str | None = None,
            known_texts: Iterable[str] = ()) -> dict[tuple[str, str], float]:
    """Each concept's weight: the number of articles that carry it, bent by focus and what is known."""
    texts = list(article_texts)
    df: Counter[tuple[str, str]] = Counter()
    for text in texts:
        df.update(concepts(text))
    least = max(2, round(MIN_SHARE * len(texts))) if len(texts) > 2 else 1
    # a concept one outlet alone uses still counts a little: a short summary has room for it once the
    # shared ones are covered
    out = {c: float(n) if n >= least else RARE * n for c, n in df.items()}
    if focus:        # what the question asks about counts even when one outlet alone says it
        question = asked(focus)
        for c in out:
            if c[0] in question or c[1] in question:
                out[c] = df[c] * (1 + FOCUS_BOOST)
    seen: set[tuple[str, str]] = set()
    for text in known_texts:
        seen |= concepts(text)
    for c in out:
        if c in seen:
            out[c] *= KNOWN_DISCOUNT
    return out


def cover(candidates: list[set[tuple[str, str]]], lengths: list[int], weight: dict[tuple[str, str], float],
          budget: int, bonus: list[float] | None = None, covered: set | None = None,
          limit: int | None = None) -> list[int]:
    """Indices of the candidates that together cover the most concept weight within `budget` words (and
    at most `limit` of them). `bonus` multiplies a candidate's gain (position); `covered` are concepts
    already told."""
    covered = set(covered or ())
    bonus = bonus or [1.0] * len(candidates)

    def gain(i: int) -> float:
        return bonus[i] * sum(weight.get(c, 0.0) for c in candidates[i] if c not in covered) \
            / max(lengths[i], 1) ** LENGTH_POWER

    heap = [(-gain(i), i) for i in range(len(candidates))]
    heapq.heapify(heap)
    chosen, used = [], 0
    while heap and (limit is None or len(chosen) < limit):
        _, i = heapq.heappop(heap)
        if used + lengths[i] > budget:
            continue
        fresh = gain(i)
        if heap and fresh < -heap[0][0] - 1e-12:      # stale: put it back with its true gain
            heapq.heappush(heap, (-fresh, i))
            continue
        if fresh <= 0:
            break
        chosen.append(i)
        used += lengths[i]
        covered |= candidates[i]
    return chosen
