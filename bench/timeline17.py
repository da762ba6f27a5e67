"""Timeline summarisation on Timeline17, news-tls protocol, with a baseline peer in the same run.

    .venv/bin/python bench/timeline17.py [--write] [--topics N]

For every reference timeline: the collection is restricted to the timeline's date range; the
system gets the number of dates T and the mean sentences per date L (rounded), as in news-tls.
Scores (tilse_metrics.py): date F1 and alignment ROUGE-1/2 F ("align+ m:1"), averaged over the
19 timelines. Leave one topic out: the one tuned knob (the weight of publication counts in date
selection) is chosen on the other 16 topics for each topic. The peer is a publication-date
baseline: the T busiest publication days, each with the leads of that day's articles.
Anchor (news-tls, DATEWISE, T17): AR1-F 0.120, AR2-F 0.035, date-F1 0.544.
Analyses are cached outside the repo (in the system temp folder) to make re-runs fast.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import write_results  # noqa: E402
from tilse_metrics import align_m1, date_f1  # noqa: E402

from newsbrief.analyse import analyse_article  # noqa: E402
from newsbrief.brief.summary import article_order  # noqa: E402
from newsbrief.brief.sentences import candidates, group_copies, story_shared, weigh  # noqa: E402
from newsbrief.brief.timeline import summarise_days  # noqa: E402
from newsbrief.model import Article  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17" / "timeline17.jsonl"
CACHE = Path(tempfile.gettempdir()) / "newsbrief-bench-timeline17"
PUB_WEIGHTS = (0.25, 0.5, 1.0)


def load_topics(limit: int | None) -> list[dict]:
    topics = []
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            topics.append(json.loads(line))
            if limit and len(topics) >= limit:
                break
    return topics


def _analysis_code_stamp() -> str:
    """Cached analyses are valid while the analysis code is unchanged."""
    folder = Path(sys.modules[analyse_article.__module__].__file__).parent
    digest = hashlib.sha1()
    for file in sorted(folder.rglob("*.py")):
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def analyses_for(topic: dict):
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{topic['id']}-{_analysis_code_stamp()}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out = []
    for a in topic["articles"]:
        if not a["text"].strip():
            continue
        article = Article(id=a["id"], source=a["id"], text=a["text"].replace("\\/", "/"), published=a["date"])
        out.append(analyse_article(article))
    path.write_bytes(pickle.dumps(out))
    return out


def reference(tl: dict) -> dict[date, list[str]]:
    out = {}
    for e in tl["entries"]:
        try:
            out[date.fromisoformat(e["date"])] = e["sentences"]
        except ValueError:      # one reference entry is dated "2011-04-0"
            continue
    return out


def ours(analyses, ref, pub_weight):
    start, end = min(ref), max(ref)
    inside = [a for a in analyses if a.article.published and start <= date.fromisoformat(a.article.published) <= end]
    statements = group_copies(candidates(inside), story_shared(inside), article_order(inside))
    weigh(statements)
    per_date = max(1, round(statistics.mean(len(s) for s in ref.values())))
    days = summarise_days(inside, statements, len(ref), per_date, start, end, pub_weight)
    return {d: [s.first.text for s in chosen] for d, chosen in days.items() if chosen}


def peer(analyses, ref):
    start, end = min(ref), max(ref)
    by_day: dict[date, list] = {}
    for a in analyses:
        day = date.fromisoformat(a.article.published)
        if start <= day <= end and a.sentences:
            s = a.sentences[0]
            by_day.setdefault(day, []).append(a.article.text[s.start:s.end])
    per_date = max(1, round(statistics.mean(len(s) for s in ref.values())))
    days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:len(ref)]
    return {d: by_day[d][:per_date] for d in days}


def scores(pred, ref) -> tuple[float, float, float]:
    return align_m1(pred, [ref], 1), align_m1(pred, [ref], 2), date_f1(pred, [ref])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", type=int, default=None)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return
    started = time.perf_counter()
    topics = load_topics(args.topics)
    results: dict[str, dict[float, list[tuple]]] = {}
    peers: dict[str, list[tuple]] = {}
    for topic in topics:
        analyses = analyses_for(topic)
        for tl in topic["timelines"]:
            ref = reference(tl)
            key = f"{topic['id']}/{tl['name']}"
            results[key] = {w: scores(ours(analyses, ref, w), ref) for w in PUB_WEIGHTS}
            peers[key] = scores(peer(analyses, ref), ref)
        print(f"  {topic['id']}: done", file=sys.stderr)
    # leave one topic out: each topic uses the weight that did best (AR1-F + date F1) on the others
    chosen = []
    for key in results:
        topic = key.split("/")[0]
        others = [k for k in results if k.split("/")[0] != topic] or [key]
        best = max(PUB_WEIGHTS, key=lambda w: statistics.mean(results[k][w][0] + results[k][w][2] for k in others))
        chosen.append(results[key][best])
    mean = lambda rows, i: statistics.mean(r[i] for r in rows)  # noqa: E731
    table = "\n".join([
        "| system (T17, 19 timelines) | AR1-F | AR2-F | date F1 |",
        "|---|---|---|---|",
        f"| newsbrief (leave-one-topic-out) | {mean(chosen, 0):.3f} | {mean(chosen, 1):.3f} | {mean(chosen, 2):.3f} |",
        *[f"| newsbrief, pub weight {w} (all topics) | {mean([r[w] for r in results.values()], 0):.3f} | "
          f"{mean([r[w] for r in results.values()], 1):.3f} | {mean([r[w] for r in results.values()], 2):.3f} |"
          for w in PUB_WEIGHTS],
        f"| peer: publication-day leads (same run) | {mean(list(peers.values()), 0):.3f} | "
        f"{mean(list(peers.values()), 1):.3f} | {mean(list(peers.values()), 2):.3f} |",
        "| anchor: news-tls DATEWISE (published) | 0.120 | 0.035 | 0.544 |",
    ]) + f"\n\nMetrics reimplemented after tilse (bench/tilse_metrics.py); {time.perf_counter() - started:.0f} s."
    print(table)
    if args.write:
        write_results("timeline17", table)


if __name__ == "__main__":
    main()
