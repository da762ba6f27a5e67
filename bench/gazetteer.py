"""The gazetteer's cost: build time (once), open time and memory from the cache, lookup speed.

    .venv/bin/python bench/gazetteer.py [--build] [--runs 5] [--write]

--build also times a build from scratch into a temporary cache directory (about a minute).
Open time and memory are measured in fresh processes: import, open, and one lookup; the floor is
Python starting and importing the package without opening the index, in the same run.
Goal (issue 4): opens in under 1 s from its cache, under 300 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import write_results  # noqa: E402

PYTHON = sys.executable
OPEN = """
import time, resource, json
t = time.perf_counter()
from newsbrief import gazetteer
g = gazetteer.default()
g.lookup("Rawa")
opened = time.perf_counter() - t
names = ["Baghdad", "Springfield", "Paris", "Albu Kamal", "Deir Ezzor", "Mosul", "Kent", "Alexandria"] * 50
t = time.perf_counter()
for i, n in enumerate(names):
    g.lookup(n + " " * (i % 7))      # defeat the per-name cache a little: each spelling is a new key
lookups = len(names) / (time.perf_counter() - t)
print(json.dumps({"open": opened, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "lookups": lookups}))
"""
FLOOR = """
import time, resource, json
t = time.perf_counter()
import newsbrief.gazetteer
print(json.dumps({"open": time.perf_counter() - t, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, env: dict | None = None) -> dict:
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = []
    if args.build:
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, NEWSBRIEF_CACHE_DIR=cache)
            t = time.perf_counter()
            built = run(OPEN, env)
            size = sum(f.stat().st_size for f in Path(cache).iterdir()) / 1e6
            rows.append(f"| build from scratch, then open (once) | {time.perf_counter() - t:.1f} s | "
                        f"{built['rss']:.0f} MB | {size:.0f} MB on disk |")
    run(OPEN)       # make sure the cache exists
    opened = [run(OPEN) for _ in range(args.runs)]
    floor = [run(FLOOR) for _ in range(args.runs)]
    rows.append(f"| open from the cache + first lookup, fresh process (median of {args.runs}) | "
                f"{statistics.median(r['open'] for r in opened):.3f} s | "
                f"{statistics.median(r['rss'] for r in opened):.0f} MB | goal < 1 s, < 300 MB |")
    rows.append(f"| floor: Python + import, no index (same run) | {statistics.median(r['open'] for r in floor):.3f} s | "
                f"{statistics.median(r['rss'] for r in floor):.0f} MB | |")
    rows.append(f"| lookups, new spellings (uncached) | {statistics.median(r['lookups'] for r in opened):,.0f} /s | | |")
    table = "\n".join(["| what | time | peak RSS | note |", "|---|---|---|---|", *rows])
    print(table)
    if args.write:
        write_results("gazetteer", table)


if __name__ == "__main__":
    main()
