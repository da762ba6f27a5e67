"""Shared passages (syndication): precision, recall and speed of `find_passages` on a generated corpus.

    .venv/bin/python bench/syndication.py [--quality 4000] [--sizes 1000,10000,100000] [--seed 0] [--write]

The corpus (bench/syndication_corpus.py) re-publishes real dev-corpus articles with realistic edits and
records, for every sentence of every generated article, the source sentence it comes from. Nothing is
written into the repo but the tables (--write, into bench/RESULTS.md). Each size runs once, in its own
process, so that peak RSS is that size's; the machine is shared and noisy.

Scoring, sentence pairs
- Gold: every unordered pair of sentences in two different articles that come from the same source
  sentence. Not scored, in gold or in predictions: paraphrased sentences (including a new lead written
  over a dropped one: a paraphrase is not a shared passage, and finding one is not wrong either),
  clutter lines (boilerplate; clutter-against-clutter matches are counted apart), and sentences whose
  source has fewer than 6 words.
- Predicted: for each Passage and each pair of its carriers, the generated sentences each carrier span
  covers (half or more of a sentence's characters inside the span) are paired by source sentence id:
  pairs with the same id are true positives; the sentences left on each side are paired in reading order
  and each such pair is a false positive (different source sentences, or clutter against text), unless
  one side is a paraphrase or a short sentence (not scored) or both are clutter (boilerplate).
  P = TP / (TP + FP), both counted as distinct sentence pairs; R = TP / gold.
- Article pairs: gold when the two articles share a gold sentence pair; predicted when a passage has them
  both as carriers and at least one scored sentence pair (TP or FP) came out of it.
Peer in the same run: exact match of normalised sentences (lower case, punctuation stripped, 6+ words,
the same syntok sentences), the common dedup approach; a sentence in more than 200 articles is
boilerplate for it as for newsbrief (MAX_CARRIERS). Timings: syntok sentence splitting (shared by both),
then `find_passages(articles, sentences)`, then the peer; "total" is split + find_passages, which is what
`find_passages(articles)` costs. Scaling exponent: least-squares slope of log time over log n.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import pickle
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import syndication_corpus as sc
from speed import write_results

SECTION = "syndication"
HEADING = "## Shared passages (syndication)"
PEER_MAX_CARRIERS = 200
REPEAT_UP_TO = 10_000       # sizes up to this run --repeat times (median); larger ones once
EXAMPLE_WORDS = 6


def rss_mb(field: str = "VmRSS") -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- scoring

def scorable(u: sc.Unit) -> bool:
    return u.kind == "text" and u.sid is not None and u.words >= sc.MIN_WORDS


class Scorer:
    """Maps claims (two article spans said to share text) onto the ground truth."""

    def __init__(self, corpus: sc.Corpus):
        self.corpus = corpus
        self.starts = [[u.start for u in g.units] for g in corpus.articles]
        self.index = {g.article.id: a for a, g in enumerate(corpus.articles)}
        gold = set()
        by_sid: dict[int, list[int]] = defaultdict(list)
        for a, g in enumerate(corpus.articles):
            for u in g.units:
                if scorable(u):
                    by_sid[u.sid].append(a)
        for sid, arts in by_sid.items():
            arts = sorted(set(arts))
            for x in range(len(arts)):
                for y in range(x + 1, len(arts)):
                    gold.add((arts[x], arts[y], sid))
        self.gold = gold
        self.gold_articles = {(a, b) for a, b, _ in gold}
        self.reset()

    def reset(self) -> None:
        self.tp: set[tuple[int, int, int]] = set()
        self.fp: dict[tuple[int, int, int, int], str] = {}
        self.articles: set[tuple[int, int]] = set()
        self.ignored: Counter = Counter()

    def covered(self, a: int, start: int, end: int) -> list[int]:
        units = self.corpus.articles[a].units
        out = []
        i = max(0, bisect_right(self.starts[a], start) - 1)
        while i < len(units) and units[i].start < end:
            u = units[i]
            inside = min(u.end, end) - max(u.start, start)
            if inside * 2 >= u.end - u.start:
                out.append(i)
            i += 1
        return out

    def claim(self, a: int, span_a: tuple[int, int], b: int, span_b: tuple[int, int]) -> None:
        if a == b:
            return
        if a > b:
            a, b, span_a, span_b = b, a, span_b, span_a
        ua, ub = self.covered(a, *span_a), self.covered(b, *span_b)
        units_a, units_b = self.corpus.articles[a].units, self.corpus.articles[b].units
        sid_b = {units_b[j].sid: j for j in ub if units_b[j].sid is not None}
        pairs, used_a, used_b = [], set(), set()
        for i in ua:
            j = sid_b.get(units_a[i].sid)
            if j is not None and j not in used_b:
                pairs.append((i, j))
                used_a.add(i)
                used_b.add(j)
        pairs += list(zip([i for i in ua if i not in used_a], [j for j in ub if j not in used_b]))
        scored = False
        for i, j in pairs:
            x, y = units_a[i], units_b[j]
            if x.sid is not None and x.sid == y.sid:
                if scorable(x) and scorable(y):
                    self.tp.add((a, b, x.sid))
                    scored = True
                elif "paraphrase" in (x.kind, y.kind):
                    self.ignored["paraphrase found"] += 1
                else:
                    self.ignored["short sentence"] += 1
            elif x.kind == "clutter" and y.kind == "clutter":
                self.ignored["boilerplate (clutter against clutter)"] += 1
            elif "paraphrase" in (x.kind, y.kind):
                self.ignored["paraphrase against another sentence"] += 1
            elif (x.kind == "text" and x.words < sc.MIN_WORDS) or (y.kind == "text" and y.words < sc.MIN_WORDS):
                self.ignored["short sentence"] += 1
            else:
                self.fp[(a, i, b, j)] = self.fp_kind(a, x, b, y)
                scored = True
        if scored:
            self.articles.add((a, b))

    def fp_kind(self, a: int, x: sc.Unit, b: int, y: sc.Unit) -> str:
        ga, gb = self.corpus.articles[a], self.corpus.articles[b]
        if "clutter" in (x.kind, y.kind):
            line = self.corpus.articles[a if x.kind == "clutter" else b].article.text
            u = x if x.kind == "clutter" else y
            if re.match(r"(Read more|READ MORE|Related): ", line[u.start:u.end]):
                return "related-story link quoting a lead's first words, against that lead"
            return "clutter line against text"
        if set(ga.originals) & set(gb.originals):
            return "two sentences of one original"
        base = len(self.corpus.pool.sentences)
        if x.sid is not None and y.sid is not None and x.sid % base == y.sid % base:
            return "recycling artifact: one dev sentence in two generations"
        if ga.topic == gb.topic:
            return "same-story originals (hard negative)"
        return "unrelated stories"

    def result(self) -> dict:
        tp, fp, gold = len(self.tp), len(self.fp), len(self.gold)
        ap = len(self.articles & self.gold_articles)
        return {"tp": tp, "fp": fp, "gold": gold,
                "p": tp / (tp + fp) if tp + fp else 1.0, "r": tp / gold if gold else 1.0,
                "article_tp": ap, "article_pred": len(self.articles), "article_gold": len(self.gold_articles),
                "article_p": ap / len(self.articles) if self.articles else 1.0,
                "article_r": ap / len(self.gold_articles) if self.gold_articles else 1.0,
                "fp_kinds": dict(Counter(self.fp.values())), "ignored": dict(self.ignored)}


def score_passages(scorer: Scorer, passages) -> dict:
    scorer.reset()
    for passage in passages:
        carriers = [(scorer.index[c.article], (c.start, c.end)) for c in passage.carriers]
        for x in range(len(carriers)):
            for y in range(x + 1, len(carriers)):
                scorer.claim(carriers[x][0], carriers[x][1], carriers[y][0], carriers[y][1])
    return scorer.result()


# ---------------------------------------------------------------- the peer

_PUNCT = re.compile(r"[^\w\s]")


def peer_exact(texts: list[str], sentences) -> list[list[tuple[int, int]]]:
    """Groups of (article, sentence) whose normalised text is equal, over 2 to 200 articles."""
    groups: dict[str, dict[int, int]] = defaultdict(dict)
    for a, (text, spans) in enumerate(zip(texts, sentences)):
        for s, span in enumerate(spans):
            key = " ".join(_PUNCT.sub(" ", text[span.start:span.end].lower()).split())
            if key.count(" ") + 1 >= sc.MIN_WORDS:
                groups[key].setdefault(a, s)
    return [sorted(g.items()) for g in groups.values() if 2 <= len(g) <= PEER_MAX_CARRIERS]


def score_groups(scorer: Scorer, groups, sentences) -> dict:
    scorer.reset()
    for g in groups:
        for x in range(len(g)):
            for y in range(x + 1, len(g)):
                (a, s), (b, t) = g[x], g[y]
                sa, sb = sentences[a][s], sentences[b][t]
                scorer.claim(a, (sa.start, sa.end), b, (sb.start, sb.end))
    return scorer.result()


# ---------------------------------------------------------------- error analysis

def _words(text: str, n: int = EXAMPLE_WORDS) -> str:
    w = text.split()
    return " ".join(w[:n]) + (" ..." if len(w) > n else "")


def analyse_errors(corpus: sc.Corpus, scorer: Scorer, shared, examples: int) -> dict:
    """Why the misses were missed and what the false positives are, with counts."""
    from newsbrief.group.passages import shingles, similar

    arts = corpus.articles
    in_group: dict[tuple[int, int], int] = {}          # (article, unit) -> detector copy group
    for g, members in enumerate(shared.copies):
        for a, s in members:
            span = shared.sentences[a][s]
            for i in scorer.covered(a, span.start, span.end):
                in_group.setdefault((a, i), g)
    unit_of: dict[tuple[int, int], int] = {}
    for a, g in enumerate(arts):
        for i, u in enumerate(g.units):
            if scorable(u):
                unit_of[(a, u.sid)] = i
    misses = Counter()
    miss_edits = Counter()
    miss_examples: dict[str, list[str]] = defaultdict(list)
    for a, b, sid in scorer.gold - scorer.tp:
        i, j = unit_of[(a, sid)], unit_of[(b, sid)]
        x, y = arts[a].units[i], arts[b].units[j]
        tx, ty = arts[a].article.text[x.start:x.end], arts[b].article.text[y.start:y.end]
        edits = tuple(sorted(set(x.edits) | set(y.edits))) or ("verbatim",)
        miss_edits[" + ".join(edits)] += 1
        sx, sy = shingles(tx), shingles(ty)
        if min(len(sx), len(sy)) < 6:
            why = "under 6 word bigrams (the detector's MIN_SHINGLES)"
        elif not similar(sx, sy):
            why = "edited below the similarity test"
        elif (a, i) not in in_group or (b, j) not in in_group:
            (c, _k), (d, m) = ((a, i), (b, j)) if (a, i) not in in_group else ((b, j), (a, i))
            g = in_group.get((d, m))
            if g is not None and any(art == c for art, _ in shared.copies[g]):
                why = "displaced: another sentence of its article holds the group (one per article)"
            else:
                why = "similar, but a side is in no copy group"
        elif in_group[(a, i)] != in_group[(b, j)]:
            why = "both copied, in different groups"
        else:
            why = "same group, not in one passage pair"
        misses[why] += 1
        if len(miss_examples[why]) < examples:
            miss_examples[why].append(f"{' + '.join(edits)}: \"{_words(tx)}\" / \"{_words(ty)}\"")
    fp_examples: dict[str, list[str]] = defaultdict(list)
    for (a, i, b, j), kind in sorted(scorer.fp.items()):
        if len(fp_examples[kind]) < examples:
            x, y = arts[a].units[i], arts[b].units[j]
            tx, ty = arts[a].article.text[x.start:x.end], arts[b].article.text[y.start:y.end]
            fp_examples[kind].append(f"J={sc.bigram_jaccard(tx, ty):.2f} \"{_words(tx)}\" / \"{_words(ty)}\"")
    # paraphrases: how many of the scored-out paraphrase pairs did the detector still match
    return {"misses": dict(misses), "miss_edits": dict(miss_edits.most_common()),
            "miss_examples": dict(miss_examples), "fp_examples": dict(fp_examples)}


def edit_recall(corpus: sc.Corpus, scorer: Scorer) -> dict:
    """Recall of gold pairs by the edits on their two sentences."""
    arts = corpus.articles
    edits_of: dict[tuple[int, int], tuple[str, ...]] = {}
    for a, g in enumerate(arts):
        for u in g.units:
            if scorable(u):
                edits_of[(a, u.sid)] = u.edits
    from newsbrief.group.passages import MIN_SHINGLES, shingles

    short: dict[tuple[int, int], bool] = {}
    for a, g in enumerate(arts):
        for u in g.units:
            if scorable(u):
                short[(a, u.sid)] = len(shingles(g.article.text[u.start:u.end])) < MIN_SHINGLES
    total, found = Counter(), Counter()
    for key in scorer.gold:
        a, b, sid = key
        kinds = set(edits_of[(a, sid)]) | set(edits_of[(b, sid)]) or {"verbatim"}
        kinds.add("both sides 6+ word bigrams" if not (short[(a, sid)] or short[(b, sid)])
                  else "a side under 6 word bigrams")
        for k in kinds:
            total[k] += 1
            found[k] += key in scorer.tp
    return {k: (found[k], total[k]) for k in total}


# ---------------------------------------------------------------- one size, in its own process

def run_one(n: int, seed: int, examples: int) -> dict:
    t0 = time.perf_counter()
    pool = sc.load_pool(seed)
    corpus = sc.generate(n, seed, pool)
    built = time.perf_counter() - t0
    articles = [g.article for g in corpus.articles]
    info = {"copies": sum(g.copy for g in corpus.articles), "generations": corpus.generations,
            "edits": dict(Counter(e for g in corpus.articles for e in g.edits)),
            "originals_by_corpus": dict(Counter(o.corpus for _, o in corpus.originals)), "pool": pool.counts}
    # the ground truth waits on disk (temp folder), so that the measured process holds the articles only
    if not examples:
        corpus.recycler.cache.clear()        # only the error analysis reads the source texts again
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as truth:
        pickle.dump(corpus, truth, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        del corpus, pool
        gc.collect()
        out = measure(n, articles, info, built)
        with open(truth.name, "rb") as f:
            corpus = pickle.load(f)
    finally:
        os.unlink(truth.name)
    shared, groups, sentences = out.pop("shared"), out.pop("groups"), out.pop("sentences_")
    scorer = Scorer(corpus)
    out["ours"] = score_passages(scorer, shared.passages)
    if examples:
        out["errors"] = analyse_errors(corpus, scorer, shared, examples)
        out["edit_recall"] = edit_recall(corpus, scorer)
        paraphrases = Counter()
        for g in corpus.articles:
            for u in g.units:
                if u.kind == "paraphrase":
                    paraphrases["new-lead" if "new-lead" in u.edits else "paraphrase"] += 1
        out["paraphrase_units"] = dict(paraphrases)
    out["peer"] = score_groups(scorer, groups, sentences)
    out["version"] = code_version()
    return out


def code_version() -> str:
    """The last commit of the detector's files, and whether they are edited since."""
    files = ["src/newsbrief/group/passages.py", "src/newsbrief/analyse/sentences.py", "src/newsbrief/terms.py"]
    root = HERE.parent
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%h", "--", *files], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *files], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return f"commit {commit}" + (" with uncommitted edits" if dirty else "")


def measure(n: int, articles: list, info: dict, built: float) -> dict:
    """Time and memory of splitting, find_passages and the peer; the process holds the articles only."""
    from newsbrief.analyse.sentences import split_sentences
    from newsbrief.group.passages import find_passages

    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")            # VmHWM starts again from here: the corpus generation's peak is not ours
    except OSError:
        pass
    rss_before = rss_mb()
    t = time.perf_counter()
    sentences = [split_sentences(a.text) for a in articles]
    t_split = time.perf_counter() - t
    t = time.perf_counter()
    shared = find_passages(articles, sentences)
    t_find = time.perf_counter() - t
    peak_ours, virtual = rss_mb("VmHWM"), rss_mb("VmPeak")   # per process image: ru_maxrss would include the parent's
    t = time.perf_counter()
    groups = peer_exact([a.text for a in articles], sentences)
    t_peer = time.perf_counter() - t
    out = {"n": n, **info, "sentences": sum(map(len, sentences)), "chars": sum(len(a.text) for a in articles),
           "passages": len(shared.passages), "built": built, "split": t_split, "find": t_find,
           "peer_time": t_peer, "rss_before": rss_before, "peak": peak_ours, "vmpeak": virtual}
    articles.clear()
    return {**out, "shared": shared, "groups": groups, "sentences_": sentences}


# ---------------------------------------------------------------- tables

def fmt_n(n: int) -> str:
    return f"{n:,}"


def slope(points: list[tuple[float, float]]) -> float:
    xs, ys = [math.log(x) for x, _ in points], [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def tables(quality: dict, speed: list[dict], seconds: float) -> str:
    q, o, p = quality, quality["ours"], quality["peer"]
    pc = q["pool"]
    lines = [(f"Pool: {fmt_n(sum(pc['read'].values()))} dev articles read (DUC 2006, Timeline17, ECB+ topics 1-20); "
             f"{fmt_n(pc['chrome units removed'])} lines of page chrome removed; "
             f"{fmt_n(pc['sentences removed: shared with a kept original'])} sentences that another original "
             f"also carries removed and {fmt_n(sum(pc['dropped: mostly shared with kept originals'].values()))} "
             f"mostly-shared articles dropped; {fmt_n(sum(pc['originals'].values()))} originals kept "
             f"({', '.join(f'{k} {fmt_n(v)}' for k, v in sorted(pc['originals'].items()))})."),
             (f"Quality corpus: {fmt_n(q['n'])} articles ({', '.join(f'{k} {fmt_n(v)}' for k, v in sorted(q['originals_by_corpus'].items()))} "
             f"originals, {fmt_n(q['copies'])} re-publications; seed 0). Edits: "
             f"{', '.join(f'{k} {v}' for k, v in sorted(q['edits'].items(), key=lambda kv: -kv[1]))}. "
             f"Gold sentence pairs {fmt_n(o['gold'])}, article pairs {fmt_n(o['article_gold'])}; paraphrased, "
             "clutter and under-6-word sentences not scored (bench/syndication.py says how)."), "",
             "| system | sentence pairs P | R | F1 | article pairs P | R | time (s) |",
             "|---|---|---|---|---|---|---|"]
    for name, r, secs in (("newsbrief find_passages (MinHash LSH)", o, q["split"] + q["find"]),
                          ("peer: exact normalised sentence match", p, q["split"] + q["peer_time"])):
        f1 = 2 * r["p"] * r["r"] / (r["p"] + r["r"]) if r["p"] + r["r"] else 0.0
        lines.append(f"| {name} | {r['p']:.4f} | {r['r']:.4f} | {f1:.4f} | {r['article_p']:.4f} | "
                     f"{r['article_r']:.4f} | {secs:.1f} |")
    lines.append("")
    lines.append(f"Goal: P >= 0.98, R >= 0.95 (sentence pairs). Times include syntok sentence splitting "
                 f"({q['split']:.1f} s), which both share.")
    if "edit_recall" in q:
        lines += ["", ("Recall of newsbrief by the edits on the two sentences of a gold pair (a pair counts under "
                  "each of its edits), and split by sentence length: newsbrief skips sentences under 6 word "
                  "bigrams (MIN_SHINGLES), which gold counts from 6 words:"), "",
                  "| edit | found / gold | recall |", "|---|---|---|"]
        for k, (f, t) in sorted(q["edit_recall"].items(), key=lambda kv: -kv[1][1]):
            lines.append(f"| {k} | {fmt_n(f)} / {fmt_n(t)} | {f / t:.4f} |")
        e = q["errors"]
        lines += ["", "newsbrief's misses, by cause: " + "; ".join(f"{k}: {v}" for k, v in
                                                                    sorted(e["misses"].items(), key=lambda kv: -kv[1]))
                  + ". False positives, by kind: " + ("; ".join(f"{k}: {v}" for k, v in
                                                               sorted(o["fp_kinds"].items(), key=lambda kv: -kv[1]))
                                                     or "none") + "."]
        ign = o["ignored"]
        lines.append(f"Not scored: paraphrase pairs matched anyway {ign.get('paraphrase found', 0)} (of "
                     f"{sum(q['paraphrase_units'].values())} paraphrased sentences); clutter-against-clutter "
                     f"pairs {ign.get('boilerplate (clutter against clutter)', 0)}.")
    if speed:
        lines += ["", ("| articles | copies | sentences | split (s) | find_passages (s) | total (s) | articles/s | "
                      "find µs/sentence | peak RSS (MB) | RSS before (MB) | P / R (sentences) | P / R (articles) | "
                      "peer P / R | peer (s) |"),
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        failed = [s for s in speed if "failed" in s]
        speed = [s for s in speed if "failed" not in s]
        for s in failed:
            lines.append(f"| {fmt_n(s['n'])} | {s['failed']} |" + " |" * 12)
        for s in speed:
            total = s["split"] + s["find"]
            lines.append(f"| {fmt_n(s['n'])} | {fmt_n(s['copies'])} | {fmt_n(s['sentences'])} | {s['split']:.1f} | "
                         f"{s['find']:.1f} | {total:.1f} | {s['n'] / total:.0f} | "
                         f"{s['find'] / s['sentences'] * 1e6:.0f} | {s['peak']:.0f} | "
                         f"{s['rss_before']:.0f} | {s['ours']['p']:.4f} / {s['ours']['r']:.4f} | "
                         f"{s['ours']['article_p']:.4f} / {s['ours']['article_r']:.4f} | "
                         f"{s['peer']['p']:.4f} / {s['peer']['r']:.4f} | {s['peer_time']:.1f} |")
        if len(speed) >= 2:
            pts_total = [(s["n"], s["split"] + s["find"]) for s in speed]
            pts_find = [(s["n"], s["find"]) for s in speed]
            pts_sent = [(s["sentences"], s["find"]) for s in speed]
            lines += ["", (f"Scaling exponent (slope of log time over log n, {len(speed)} sizes): total "
                          f"{slope(pts_total):.2f}, find_passages given sentences {slope(pts_find):.2f} "
                          f"(over the number of sentences: {slope(pts_sent):.2f}); last step "
                          f"({fmt_n(speed[-2]['n'])} to {fmt_n(speed[-1]['n'])}): total "
                          f"{slope(pts_total[-2:]):.2f}, find_passages {slope(pts_find[-2:]):.2f}. "
                          f"Times are medians of {max(s.get('runs', 1) for s in speed)} runs up to "
                          f"{fmt_n(REPEAT_UP_TO)} articles, one run above; each run in its own process. Peak RSS is "
                          "that process's high-water mark from the start of splitting (the articles, 'RSS "
                          "before', included); find_passages peaks at about "
                          f"{(speed[-1]['peak'] - speed[-1]['rss_before']) * 1024 / speed[-1]['sentences']:.1f} KB "
                          "per sentence (peak minus 'RSS before', largest size).")]
            lines.append("False positives by kind: " + "; ".join(
                f"{fmt_n(s['n'])}: " + (", ".join(f"{k} {v}" for k, v in sorted(s["ours"]["fp_kinds"].items()))
                                        or "none") for s in speed) + ".")
        gens = max((s["generations"] for s in speed), default=1)
        if gens > 1:
            lines.append(f"Beyond the pool's {fmt_n(sum(q['pool']['originals'].values()))} originals, the "
                         f"larger corpora recycle it through per-generation word permutations "
                         f"(up to {gens} generations; bench/syndication_corpus.py).")
    lines += ["", (f"Benchmark wall time {seconds / 60:.0f} min; newsbrief.group.passages as of "
                  f"{q.get('version', '?')}.")]
    return "\n".join(lines)


def error_report(q: dict) -> str:
    e = q["errors"]
    out = ["misses by cause:"]
    out += [f"  {k}: {v}" for k, v in sorted(e["misses"].items(), key=lambda kv: -kv[1])]
    out.append("misses by edits:")
    out += [f"  {k}: {v}" for k, v in e["miss_edits"].items()]
    for k, ex in e["miss_examples"].items():
        out.append(f"  e.g. ({k})")
        out += [f"    {x}" for x in ex]
    out.append("false positives by kind: " + json.dumps(q["ours"]["fp_kinds"]))
    for k, ex in e["fp_examples"].items():
        out.append(f"  e.g. ({k})")
        out += [f"    {x}" for x in ex]
    out.append("not scored (ours): " + json.dumps(q["ours"]["ignored"]))
    out.append("peer false positives: " + json.dumps(q["peer"]["fp_kinds"]))
    return "\n".join(out)


def child(n: int, seed: int, examples: int, max_gb: float) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as f:
        path = f.name
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(n), "--seed", str(seed),
                             "--examples", str(examples), "--max-gb", str(max_gb), "--json", path])
    try:
        if proc.wait():
            raise subprocess.CalledProcessError(proc.returncode, proc.args)
        with open(path) as f:
            return json.load(f)
    finally:
        if proc.poll() is None:      # interrupted: the run goes too
            proc.terminate()
            proc.wait()
        os.unlink(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quality", type=int, default=4000, help="articles in the quality run")
    ap.add_argument("--sizes", default="1000,10000,100000", help="speed runs, comma-separated ('' for none)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help=f"runs of each size up to {REPEAT_UP_TO:,} (median)")
    ap.add_argument("--examples", type=int, default=5, help="error examples per kind in the quality run")
    ap.add_argument("--max-gb", type=float, default=round(0.92 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1),
                    help="address-space cap of each run, GB (default: 92%% of RAM; 0: none)")
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    ap.add_argument("--reuse", action="store_true", help="print (and --write) the last run's figures again")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json", help=argparse.SUPPRESS)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))    # clean up (temp files, the child run) on kill
    if not all(p.exists() for p in (sc.DUC, sc.T17, sc.ECB)):
        print(f"syndication: dev corpora not found under {sc.DATA}; skipped")
        return
    if args.child:
        if args.max_gb:     # a corpus too big for the machine fails here, not in the OOM killer
            cap = int(args.max_gb * 2 ** 30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            result = run_one(args.child, args.seed, args.examples)
        except MemoryError:
            result = {"n": args.child, "failed": f"MemoryError: over the {args.max_gb:g} GB address-space cap"}
        with open(args.json, "w") as f:
            json.dump(result, f)
        return
    start = time.perf_counter()
    saved = Path(tempfile.gettempdir()) / "newsbrief-bench-syndication" / f"results-{args.seed}.json"
    if args.reuse:          # tables again from the last run's figures
        quality, speed, seconds = json.loads(saved.read_text())
    else:
        sc.load_pool(args.seed)          # build the cached pool once, before the children
        quality = child(args.quality, args.seed, args.examples, args.max_gb)
        print(error_report(quality), flush=True)
        speed = []
        for n in sorted(int(x) for x in args.sizes.split(",") if x.strip()):
            runs = [quality] if n == args.quality else []
            runs += [child(n, args.seed, 0, args.max_gb)
                     for _ in range((args.repeat if n <= REPEAT_UP_TO else 1) - len(runs))]
            s = dict(runs[0])
            if "failed" not in s:
                for key in ("split", "find", "peer_time"):
                    s[key] = statistics.median(r[key] for r in runs)
                s["peak"] = max(r["peak"] for r in runs)
                s["runs"] = len(runs)
            speed.append(s)
            if "failed" in s:
                print(f"n={n}: {s['failed']}", flush=True)
                continue
            print(f"n={s['n']}: split {s['split']:.1f} s, find {s['find']:.1f} s, peak {s['peak']:.0f} MB, "
                  f"P {s['ours']['p']:.4f} R {s['ours']['r']:.4f}, false positives {s['ours']['fp_kinds']}",
                  flush=True)
        seconds = time.perf_counter() - start
        saved.write_text(json.dumps([quality, speed, seconds]))
    table = tables(quality, speed, seconds)
    print(table)
    if args.write:
        path = HERE / "RESULTS.md"
        text = path.read_text(encoding="utf-8")
        if f"<!-- {SECTION}:begin -->" not in text:
            path.write_text(text.rstrip() + f"\n\n{HEADING}\n\n<!-- {SECTION}:begin -->\n<!-- {SECTION}:end -->\n",
                            encoding="utf-8")
        write_results(SECTION, table)


if __name__ == "__main__":
    main()
