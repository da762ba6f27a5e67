"""Shared passages: the sentences and paragraphs that several articles carry (wire copy).

Each sentence becomes a set of word-bigram shingles over a normalised text: lower case, "U.S." as "us",
punctuation and dateline stamps gone, so that "U.S.-led" and "US-led" agree. Sentences that normalise to
the same words are one sentence from the start. For the rest, over a corpus, datasketch's MinHash LSH
proposes pairs whose Jaccard similarity is likely above LSH_THRESHOLD (within one story, an index of
shared rare shingles does); every proposed pair is checked on the exact shingle sets: LSH decides what
gets compared, never what counts as shared. That keeps the work near-linear in the number of sentences,
which is what lets this run over 100k articles.

Copies of one sentence form a group (union-find). Consecutive sentences that the same articles carry, in
the same order in each, make one `Passage`, so a copied paragraph is one passage even when another outlet
re-ordered the paragraphs around it. Each pair of articles that share text gets a direction where the
evidence allows (`copying.py`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbrief.analyse.sentences import split_sentences
from newsbrief.model import Article, Citation, Passage, Span
from newsbrief.terms import words

LSH_FROM = 20_000         # distinct sentences from which candidates come from LSH rather than an exact index
MAX_POSTINGS = 400        # a shingle this common is no evidence of copying
MIN_COMMON = 0.4          # share of the shorter sentence's shingles a candidate pair must share (below SAME)
LSH_THRESHOLD = 0.4       # LSH recall is high above this; the exact check decides
NUM_PERM = 64
SAME = 0.5                # Jaccard of bigram sets at or above which two sentences are copies
CONTAINED = 0.8           # ... or this share of the shorter one's bigrams are in the longer one (a trimmed copy)
MIN_SHINGLES = 6          # shorter sentences ("He said.") are no evidence of copying
MIN_CONTAINED = 10        # a trimmed copy must keep this many bigrams
MAX_CARRIERS = 200        # a "sentence" carried by more articles is boilerplate, not syndication

# Dateline stamps that outlets add or trim: "BEIRUT (AFP) -", "(Reuters) -"
_STAMP = re.compile(r"^\s*(?:[A-Z][A-Za-z .,'-]{0,40})?\s*\([A-Za-z .]{1,25}\)\s*[-—–:]+\s*")


def shingles(text: str) -> frozenset[str]:
    tokens = words(_STAMP.sub("", text, count=1))
    return frozenset(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """The exact check behind every LSH candidate: near-identical, or one a trimmed copy of the other."""
    common = len(a & b)
    if not common:
        return False
    if common / (len(a) + len(b) - common) >= SAME:
        return True
    shorter = min(len(a), len(b))
    return shorter >= MIN_CONTAINED and common / shorter >= CONTAINED


@dataclass
class Shared:
    """What the articles share. Sentences are (article index, sentence index) pairs."""

    sentences: list[list[Span]]
    copies: list[list[tuple[int, int]]] = field(default_factory=list)   # groups over two or more articles
    passages: list[Passage] = field(default_factory=list)
    group_of: dict[tuple[int, int], int] = field(default_factory=dict)  # sentence -> index into copies

    def shared_chars(self, article: int) -> int:
        spans = self.sentences[article]
        return sum(spans[s].end - spans[s].start for (a, s) in self.group_of if a == article)


def find_copies(texts: Sequence[str], sentences: Sequence[Sequence[Span]]) -> list[list[tuple[int, int]]]:
    """Groups of copies of one sentence, each over at least two articles (one sentence per article)."""
    keys: list[tuple[int, int]] = []
    sets: list[frozenset[str]] = []
    by_words: dict[frozenset[str], int] = {}
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(j)] = root(i)

    distinct: list[int] = []          # one representative per distinct shingle set
    for a, (text, spans) in enumerate(zip(texts, sentences)):
        for s, span in enumerate(spans):
            grams = shingles(text[span.start:span.end])
            if len(grams) < MIN_SHINGLES:
                continue
            i = len(keys)
            keys.append((a, s))
            sets.append(grams)
            parent.append(i)
            same = by_words.get(grams)
            if same is None:
                by_words[grams] = i
                distinct.append(i)
            else:
                join(same, i)
    for i, j in _candidate_pairs([sets[i] for i in distinct]):
        if similar(sets[distinct[i]], sets[distinct[j]]):
            join(distinct[i], distinct[j])
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[root(i)].append(key)
    out = []
    for members in groups.values():
        one_each = _one_per_article(members)
        if 2 <= len(one_each) <= MAX_CARRIERS:
            out.append(one_each)
    return out


def _candidate_pairs(sets: list[frozenset[str]]):
    """Pairs of indices that may be similar: by MinHash LSH over a corpus, by shared rare shingles
    within a story (below LSH_FROM sentences an exact index is both cheaper and complete, and it spares
    a brief datasketch's import, which pulls in scipy: over a second)."""
    if len(sets) < 2:
        return
    if len(sets) < LSH_FROM:
        yield from _shared_shingles(sets)
        return
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = MinHash.bulk([[g.encode() for g in grams] for grams in sets], num_perm=NUM_PERM)
    for i, h in enumerate(hashes):
        for j in lsh.query(h):
            yield j, i
        lsh.insert(i, h, check_duplication=False)


def _shared_shingles(sets: list[frozenset[str]]):
    """Pairs that share enough shingles to pass `similar` (which needs half the shorter one's, at least),
    counting only shingles no more than MAX_POSTINGS sentences have ("of the" is no evidence)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, grams in enumerate(sets):
        for gram in grams:
            postings[gram].append(i)
    for i, grams in enumerate(sets):
        shared: Counter[int] = Counter()
        for gram in grams:
            ids = postings[gram]          # ascending: the later sentences are a slice
            if len(ids) <= MAX_POSTINGS:
                shared.update(ids[bisect_right(ids, i):])
        for j, common in shared.items():
            if common >= MIN_COMMON * min(len(grams), len(sets[j])):
                yield i, j


def _one_per_article(members: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence an article repeats counts once, at its first place."""
    first: dict[int, int] = {}
    for a, s in sorted(members):
        first.setdefault(a, s)
    return sorted(first.items())


def find_passages(articles: Sequence[Article], sentences: Sequence[Sequence[Span]] | None = None,
                  order: Sequence[int] | None = None) -> Shared:
    """The story's shared passages. `sentences` are each article's sentence spans (split here when not
    given); `order` ranks articles (earliest first, see `copying.publication_order`): a passage's text
    is quoted from, and its carriers listed from, the earliest article that carries it."""
    spans = [list(s) for s in sentences] if sentences is not None else [split_sentences(a.text) for a in articles]
    rank = {a: r for r, a in enumerate(order)} if order is not None else {a: a for a in range(len(articles))}
    shared = Shared(spans, find_copies([a.text for a in articles], spans))
    for members in shared.copies:
        members.sort(key=lambda key: rank[key[0]])
    # in the earliest carrier's reading order, so that a run starts at its first sentence
    shared.copies.sort(key=lambda members: (rank[members[0][0]], members[0][1]))
    for g, members in enumerate(shared.copies):
        for key in members:
            shared.group_of[key] = g
    shared.passages = _runs(articles, shared)
    return shared


def _runs(articles: Sequence[Article], shared: Shared) -> list[Passage]:
    """Consecutive copied sentences with the same carriers, in the same order in each, as one passage."""
    passages = []
    done: set[int] = set()
    for g, members in enumerate(shared.copies):
        if g in done:
            continue
        run = [members]
        done.add(g)
        while True:      # extend while each carrier's next sentence is the next group's copy
            after = {(a, s + 1) for a, s in run[-1]}
            nxt = shared.group_of.get(next(iter(sorted(after))))
            if nxt is None or nxt in done or {tuple(k) for k in shared.copies[nxt]} != after:
                break
            run.append(shared.copies[nxt])
            done.add(nxt)
        carriers = []
        for (a, s_first), (_, s_last) in zip(run[0], run[-1]):
            spans = shared.sentences[a]
            carriers.append(Citation(articles[a].id, spans[s_first].start, spans[s_last].end))
        first = carriers[0]
        text = articles[members[0][0]].text[first.start:first.end]
        passages.append(Passage(text=text, carriers=carriers))
    return passages
