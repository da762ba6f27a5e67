"""Wall time and peak memory of `newsbrief brief`: the seed story, and DUC 2006 as 50 stories.

Reads ../shared/data (skips what is absent); writes nothing into the repo except when --write is
given, which replaces the speed table in bench/RESULTS.md. DUC text is staged in a temporary folder
and deleted afterwards. Reports medians: this machine is shared and noisy.

    .venv/bin/python bench/speed.py [--runs 5] [--write]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CLI = [str(ROOT / ".venv" / "bin" / "newsbrief")] if (ROOT / ".venv" / "bin" / "newsbrief").exists() \
    else [sys.executable, "-m", "newsbrief.cli"]


def timed(cmd: list[str]) -> tuple[float, float]:
    """Seconds and the peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, max(after.ru_maxrss, before.ru_maxrss) / 1024


def median_of(cmd: list[str], runs: int) -> tuple[float, float]:
    results = [timed(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def stage_duc(folder: Path) -> list[Path]:
    paths = []
    with open(DATA / "duc2006" / "duc2006.jsonl", encoding="utf-8") as f:
        for line in f:
            topic = json.loads(line)
            path = folder / f"{topic['id']}.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                for a in topic["articles"]:
                    out.write(json.dumps({"id": a["id"], "title": a.get("title"), "outlet": a.get("source"),
                                          "published": a.get("date_time") or a.get("date"), "text": a["text"]}) + "\n")
            paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args()
    rows = []
    floor, floor_mem = median_of([sys.executable, "-c", "import newsbrief.cli"], args.runs)
    rows.append(("python start-up + imports (floor, same run)", "-", floor, floor_mem, "-"))
    seeds = DATA / "seeds-rawa-2017"
    if seeds.is_dir():
        secs, mem = median_of([*CLI, "brief", str(seeds), "--format", "json"], args.runs)
        rows.append(("newsbrief brief: seeds-rawa-2017", "5 articles", secs, mem, "< 3 s"))
    if (DATA / "duc2006").is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            paths = stage_duc(Path(tmp))
            per_story, mems = [], []
            start = time.perf_counter()
            for path in paths:
                secs, mem = timed([*CLI, "brief", str(path), "--format", "json", "-o", os.devnull])
                per_story.append(secs)
                mems.append(mem)
            total = time.perf_counter() - start
            rows.append(("newsbrief brief: DUC 2006, 50 stories, one process each", "1,250 articles", total,
                         max(mems), "< 60 s"))
            rows.append(("  median per story (25 articles)", "", statistics.median(per_story), max(mems), ""))
            code = ("import sys, time; from newsbrief import load, brief; t = time.perf_counter()\n"
                    "for p in sys.argv[1:]: brief(load([p]).articles)\n"
                    "print(time.perf_counter() - t)")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            out = subprocess.run([sys.executable, "-c", code, *map(str, paths)], check=True,
                                 capture_output=True, text=True).stdout
            mem = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
            rows.append(("Python API: DUC 2006, 50 stories in one process", "1,250 articles", float(out), mem, ""))
    table = ["| what | input | wall time (s, median) | peak RSS (MB) | goal |", "|---|---|---|---|---|"]
    table += [f"| {w} | {i} | {s:.2f} | {m:.0f} | {g} |" for w, i, s, m, g in rows]
    print("\n".join(table))
    if args.write:
        write_results("speed", "\n".join(table))


def write_results(section: str, table: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    stamp = f"{begin}\nMeasured {time.strftime('%Y-%m-%d')} with `python bench/{section}.py --write` " \
            f"on {os.cpu_count()} cores.\n\n{table}\n{end}"
    if begin in text:
        text = text[:text.index(begin)] + stamp + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + f"\n\n## {section}\n\n{stamp}\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
