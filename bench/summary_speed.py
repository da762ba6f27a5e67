"""How the summariser's time grows with the story: 25 to 800 articles, against sumy's LexRank.

A story of n articles is the first n articles of DUC 2006 (../shared/data/duc2006; 25 per topic, so a
large "story" spans several topics: the work is the same, only the content is broader). For each n:
- sentences: syntok splitting (`split_sentences`), which every system needs;
- summarise: `newsbrief.brief.summary.summarise(words=250)` given the sentences: copies grouped across
  the story, statements scored, headline and summary chosen (the issue's "100 articles in under 2 s");
- brief stage: `make_brief` given full analyses (summary plus timeline, places, people, figures,
  passages, sources), up to --brief-max articles; the analyses themselves are made once, untimed;
- LexRank: sumy's, 250 words, on the same texts (its sentence graph is quadratic), up to --peer-max.
Times are medians of --runs runs in one process; the exponent is the slope of log time over log
sentences between the smallest and the largest size measured.

    .venv/bin/python bench/summary_speed.py [--sizes 25,50,100,200,400,800] [--runs 3] [--write]
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "duc2006" / "duc2006.jsonl"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def median_time(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def slope(points: list[tuple[float, float]]) -> float | None:
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len(points) < 2:
        return None
    (x0, y0), (x1, y1) = points[0], points[-1]
    return math.log(y1 / y0) / math.log(x1 / x0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,50,100,200,400,800")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--brief-max", type=int, default=200, help="largest story for the full brief stage")
    ap.add_argument("--peer-max", type=int, default=50, help="largest story for LexRank (quadratic: 50 articles "
                    "take minutes)")
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return

    import sumy_peers
    from newsbrief.analyse import analyse_articles
    from newsbrief.analyse.sentences import split_sentences
    from newsbrief.brief import make_brief
    from newsbrief.brief.summary import summarise
    from newsbrief.model import Analysis, Article

    rows = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    sizes = sorted(int(s) for s in args.sizes.split(","))
    raw = [a for r in rows for a in r["articles"]][:max(sizes)]
    articles = [Article(id=a["id"], source="duc2006", published=a.get("date"), text=a["text"]) for a in raw]
    full = analyse_articles(articles[:min(args.brief_max, max(sizes))])      # untimed: the brief stage's input

    warm = [Analysis(article=a, sentences=split_sentences(a.text)) for a in articles[:sizes[0]]]
    summarise(warm, words=250)                  # first-call costs (stemmer, regexes) out of the timings
    table = ["| articles | sentences | split (s) | summarise (s) | brief stage (s) | LexRank (s) | LexRank / summarise |",
             "|---|---|---|---|---|---|---|"]
    ours, peer = [], []
    for n in sizes:
        if n > len(articles):
            break
        texts = [a.text for a in articles[:n]]
        split = [split_sentences(t) for t in texts]
        sentences = sum(len(s) for s in split)
        t_split = median_time(lambda: [split_sentences(t) for t in texts], args.runs)
        analyses = [Analysis(article=a, sentences=s) for a, s in zip(articles[:n], split)]
        t_sum = median_time(lambda: summarise(analyses, words=250), args.runs)
        ours.append((sentences, t_sum))
        t_brief = median_time(lambda: make_brief(full[:n], words=250), args.runs) if n <= len(full) else None
        t_peer = median_time(lambda: sumy_peers.summarise("lexrank", texts, 250), 1) if n <= args.peer_max else None
        if t_peer:
            peer.append((sentences, t_peer))
        cell = (lambda v: f"{v:.2f}" if v is not None else "-")
        ratio = f"x{t_peer / t_sum:.1f}" if t_peer else "-"
        table.append(f"| {n:,} | {sentences:,} | {t_split:.2f} | {t_sum:.2f} | {cell(t_brief)} | {cell(t_peer)} | {ratio} |")
        print(table[-1], flush=True)
    exponent, peer_exponent = slope(ours), slope(peer)
    notes = [f"Exponent (log time over log sentences, {ours[0][0]:,} to {ours[-1][0]:,} sentences): summarise "
             f"{exponent:.2f}" + (f"; LexRank {peer_exponent:.2f} ({peer[0][0]:,} to {peer[-1][0]:,})"
                                  if peer_exponent is not None else "") + ".",
             f"Medians of {args.runs} runs (LexRank: 1), one process; the brief stage's analyses (spaCy, "
             f"times, places) are made once beforehand and not timed."]
    text = "\n".join(table) + "\n\n" + "\n".join(f"- {n}" for n in notes)
    print("\n" + text)
    if args.write:
        from speed import write_results
        write_results("summary_speed", text)


if __name__ == "__main__":
    main()
