"""Throughput of the full per-article analysis (read + clean + analyse): one process against a LocalCluster.

For each size (1k, 10k, 100k articles of bench/scale_corpus.py, written to a temporary folder as JSON Lines
files of 1,000 articles, 10% of them web pages), in the same run:
- `newsbrief batch --scheduler sync`: the batch code in one process (the single-process figure);
- `newsbrief batch --workers 2`: a LocalCluster of 2 worker processes, one thread each (the ratio);
- up to --analyse-up-to articles, `newsbrief analyse`: the plain single-process path, as a reference for
  what the batch's machinery (two passes, Parquet) costs.
Each is a fresh command: its wall time includes Python start-up, the cluster's start and the first pass.
Articles/s per core is the cluster's rate over its 2 workers; as the machine is shared, the CPU seconds of
each command and its workers are measured too (os.wait4), and articles per CPU-second is the per-core
figure that other jobs do not change. Peak memory is the sum of each process's
peak RSS (the client, which also runs the scheduler and the nannies, plus every worker; `newsbrief batch`
reports them in summary.json), an upper bound of the peak of the sum. The scaling exponent is the slope of
log(wall time) over log(n) between the sizes measured (1.0 is linear).

A run with --sample K (the 100k run; from --sample-from articles) is a time sample: the whole input is scanned (the first pass) but
only every K-th partition is analysed; the analysis time is extrapolated to all articles, and the row says
so. Results are kept in the system temp folder, so that sizes can be run one at a time and tabulated together.

    python bench/throughput.py --sizes 1000,10000 --write
    python bench/throughput.py --sizes 100000 --sample 10 --write      # adds to the saved results
    python bench/throughput.py --profile 200                            # where the time goes (cProfile)
    python bench/throughput.py --floor 1000                             # the NER alone: the per-core ceiling
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent
WORK = Path(tempfile.gettempdir()) / "newsbrief-bench-throughput"
SAVED = WORK / "results.json"
GOAL_PER_CORE = 40
GOAL_MB_AT_10K = 2048
WORKERS = 2


def corpus(n: int, seed: int) -> Path:
    folder = WORK / f"corpus-{n}-{seed}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        # in a child process: a process this one starts later would otherwise report this one's peak
        # memory (Linux keeps ru_maxrss over fork and exec), and generating 100k articles takes GBs
        subprocess.run([sys.executable, str(HERE / "scale_corpus.py"), str(n), str(folder), "--seed", str(seed)],
                       check=True)
        (folder / "done").write_text(f"{time.perf_counter() - started:.1f}\n")
        print(f"n={n}: corpus written in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


class Load:
    """The machine's 1-minute load average, sampled every 5 s while a run goes on."""

    def __init__(self):
        self.samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return statistics.mean(self.samples)


def run(mode: str, folder: Path, n: int, sample: int | None) -> dict:
    out = WORK / f"out-{mode}-{n}"
    shutil.rmtree(out, ignore_errors=True)
    if mode == "analyse":
        command = [str(BIN / "newsbrief"), "analyse", str(folder), "-o", str(out.with_suffix(".jsonl"))]
    elif sample:
        scheduler = "sync" if mode == "sync" else "local"
        code = ("import sys; from newsbrief.scale.batch import run_batch; "
                f"run_batch([sys.argv[1]], sys.argv[2], scheduler={scheduler!r}, workers={WORKERS}, sample={sample}, "
                "report=lambda l: print('newsbrief:', l, file=sys.stderr))")
        command = [sys.executable, "-c", code, str(folder), str(out)]
    else:
        command = [str(BIN / "newsbrief"), "batch", str(folder), "-o", str(out)]
        command += ["--scheduler", "sync"] if mode == "sync" else ["--workers", str(WORKERS)]
    load = Load()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    # CPU seconds of the command and of every process it waited for (the cluster's workers): a measure the
    # other jobs on the machine do not change, unlike wall time
    cpu = usage.ru_utime + usage.ru_stime
    result = {"mode": mode, "n": n, "wall": wall, "cpu": cpu, "load": load.stop(), "date": time.strftime("%Y-%m-%d %H:%M"),
              "command": "python bench/throughput.py " + " ".join(a for a in sys.argv[1:] if a != "--write")}
    if child.returncode != 0:
        result["failed"] = stderr.strip().splitlines()[-3:]
        return result
    if mode == "analyse":
        with open(out.with_suffix(".jsonl"), encoding="utf-8") as f:
            result["articles"] = sum(1 for _ in f)
        result["peak_mb"] = usage.ru_maxrss / 1024
        out.with_suffix(".jsonl").unlink()
        return result
    summary = json.loads((out / "summary.json").read_text())
    result.update(articles=summary["articles"], skipped=summary["skipped"], seconds=summary["seconds"],
                  peak_mb=summary["peak_rss_mb"]["sum"], peak=summary["peak_rss_mb"], model_loads=summary["model_loads"],
                  parts=summary["parts"], task_cpu=summary.get("task_cpu_s"))
    if sample:
        # the analysed partitions' rate, applied to every article; planning and scanning were measured whole
        analysed = summary["articles"] + summary["skipped"]
        result["sampled"] = {"every": sample, "articles": summary["articles"], "analyse_s": summary["seconds"]["analyse"]}
        result["articles"] = round(summary["articles"] * n / max(1, analysed))
        result["wall"] = wall - summary["seconds"]["analyse"] + summary["seconds"]["analyse"] * n / max(1, analysed)
        result["measured_cpu"] = cpu
        if summary.get("task_cpu_s"):   # the tasks' CPU scaled up; the rest (start-up, the scan) was whole
            result["cpu"] = cpu + summary["task_cpu_s"] * (n / max(1, analysed) - 1)
        else:                           # an upper bound: the scan's CPU is scaled up too
            result["cpu"] = cpu * n / max(1, analysed)
    shutil.rmtree(out, ignore_errors=True)
    return result


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(n)."""
    if len(points) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


LABELS = {"analyse": "newsbrief analyse (one process)", "sync": "batch, one process (sync)",
          "local": f"batch, LocalCluster {WORKERS} workers"}


def table(results: list[dict]) -> str:
    ok = [r for r in results if "failed" not in r]
    rows = [("| n | run | articles/s (wall) | per core (wall) | articles per CPU-s | wall (s) | CPU (s) | "
            "peak RSS, sum (MB) | load avg | note |"),
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(ok, key=lambda r: (r["n"], list(LABELS).index(r["mode"]))):
        rate = r["articles"] / r["wall"]
        cores = WORKERS if r["mode"] == "local" else 1
        note = []
        if "sampled" in r:
            note.append(f"EXTRAPOLATED: 1 partition in {r['sampled']['every']} analysed "
                        f"({r['sampled']['articles']:,} articles), the rest at that rate; the scan measured whole")
        if r.get("model_loads"):
            note.append(f"spaCy loads per worker: {sorted(r['model_loads'].values())}")
        if r.get("peak_note"):
            note.append(r["peak_note"])
        if r.get("task_cpu"):
            note.append(f"CPU inside the tasks {r['task_cpu']:.0f} s")
        if r["mode"] != "analyse" and r.get("seconds"):
            note.append(f"scan {r['seconds']['scan']:.0f} s, analyse {r['seconds']['analyse']:.0f} s")
        per_cpu = f"{r['articles'] / r['cpu']:.1f}" if r.get("cpu") else "-"
        cpu = f"{r['cpu']:.0f}" if r.get("cpu") else "-"
        rows.append(f"| {r['n']:,} | {LABELS[r['mode']]} | {rate:.1f} | {rate / cores:.1f} | {per_cpu} | {r['wall']:.0f} | "
                    f"{cpu} | {r['peak_mb']:.0f} | {r['load']:.1f} | {'; '.join(note)} |")
    lines = ["\n".join(rows), ""]
    by = {(r["n"], r["mode"]): r for r in ok}
    for n in sorted({r["n"] for r in ok}):
        if (n, "sync") in by and (n, "local") in by:
            s, c = by[(n, "sync")], by[(n, "local")]
            ratio = (c["articles"] / c["wall"]) / (s["articles"] / s["wall"])
            line = f"- n = {n:,}: LocalCluster/one process, wall time = **{ratio:.2f}x** on {WORKERS} workers"
            if s.get("cpu") and c.get("cpu"):
                # what two cores of its own would give: the cluster's work per CPU-second, on both cores
                normalised = (c["articles"] / c["cpu"] * WORKERS) / (s["articles"] / s["cpu"])
                line += (f"; CPU-normalised (articles per CPU-s x {WORKERS} cores / one process's) = "
                         f"**{normalised:.2f}x**")
            lines.append(line + ".")
    for mode, label in LABELS.items():
        runs = sorted((r for r in ok if r["mode"] == mode), key=lambda r: r["n"])
        e = exponent([(r["n"], r["wall"]) for r in runs])
        if e is None:
            continue
        sizes = ", ".join(f"{r['n']:,}" for r in runs)
        line = f"- Scaling exponent ({label}, n = {sizes}): "
        if all(r.get("cpu") for r in runs):
            # CPU seconds: the machine's other jobs change the wall time from run to run, not the work done
            line += f"**{exponent([(r['n'], r['cpu']) for r in runs]):.2f}** in CPU seconds (1.0 is linear); "
        lines.append(line + f"{e:.2f} in wall time (under the loads in the table).")
    local = [r for r in ok if r["mode"] == "local"]
    if local:
        best = max(r["articles"] / (r.get("cpu") or r["wall"] * WORKERS) for r in local)
        at10k = [r["peak_mb"] for r in ok if r["n"] == 10_000]
        lines.append(f"- Goals: >= {GOAL_PER_CORE} articles/s/core (best measured, per CPU-second on the cluster: "
                     f"{best:.1f}); "
                     f"< {GOAL_MB_AT_10K} MB at 10k (measured: {', '.join(f'{m:.0f}' for m in at10k) or 'not run'} MB).")
    failed = [r for r in results if "failed" in r]
    for r in failed:
        lines.append(f"- FAILED: n = {r['n']:,}, {LABELS[r['mode']]}: {' / '.join(r['failed'])}")
    if (WORK / "profile.json").exists():
        prof = json.loads((WORK / "profile.json").read_text())
        shares = "; ".join(f"{name.strip()} {t / prof['seconds']:.0%}" for name, t in prof["parts"].items() if t)
        lines.append(f"- Where the time goes (`--profile {prof['articles']}`, cProfile, one process, share of "
                     f"{prof['seconds']:.0f} s; the profiler slows the Python stages more than the NER, whose "
                     f"share without it is below): {shares}. analyse/nlp.py runs the NER without spaCy's shared "
                     "`tok2vec` component, which only the (excluded) tagger and parser listen to: en_core_web_sm's "
                     "NER has its own embedding layers, and its entities are the same without it (412 articles, "
                     "27,900 entities, identical) for 30% less NER time.")
    if (WORK / "floor.json").exists():
        f = json.loads((WORK / "floor.json").read_text())
        n, cpu = f["articles"], f["cpu"]
        whole = cpu["read + clean"] + cpu["analysis"]
        lines.append(f"- The floor (`--floor {n}`, CPU seconds in one process, median of {f['rounds']}): spaCy's NER "
                     f"alone on the clean text of {n:,} articles of this corpus (mean {f['words'] / n:.0f} words) "
                     f"runs at **{n / cpu['NER']:.1f} articles per CPU-second** ({f['words'] / cpu['NER']:,.0f} "
                     f"words/s); the whole per-article work (read + clean + analyse) at {n / whole:.1f}, the NER "
                     f"being {cpu['NER'] / whole:.0%} of it. Even if everything else took no time, "
                     f"en_core_web_sm's NER caps the analysis at about {n / cpu['NER']:.0f} articles/s per core, "
                     f"under the goal of {GOAL_PER_CORE}: reaching it needs a faster NER (or none), not a faster "
                     "batch.")
    commands = sorted({r["command"] for r in results if r.get("command")})
    if commands:
        lines.append("- Commands: " + "; ".join(f"`{c}`" for c in commands) + " (then `--write`).")
    lines.append(f"- The machine has {os.cpu_count()} cores, shared with other jobs while measuring: the load average "
                 "column is the mean 1-minute load during each run (2.0 = both cores busy).")
    return "\n".join(lines)


def profile(n: int, seed: int) -> str:
    """cProfile of read + clean + analyse over n articles of the scale corpus, in this process."""
    import cProfile
    import io
    import pstats

    folder = WORK / f"profile-{n}-{seed}"
    if not folder.exists():
        import scale_corpus

        scale_corpus.write(n, folder, seed=seed)
    from newsbrief.analyse.nlp import names_of
    from newsbrief.pipeline import analyse, load

    load([str(folder)])              # warm: the gazetteer, trafilatura's imports
    names_of(["Warm up in Zagreb."])   # and spaCy's model, whose loading is not per article
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    loaded = load([str(folder)])
    analyse(loaded.articles)
    prof.disable()
    took = time.perf_counter() - started
    stream = io.StringIO()
    stats = pstats.Stats(prof, stream=stream)
    total = sum(tt for _, _, tt, _, _ in stats.stats.values())

    def cumulative(file_end: str, name: str) -> float:
        return sum(ct for (file, _, func), (_, _, _, ct, _) in stats.stats.items()
                   if func == name and file.endswith(file_end))

    parts = {"spaCy NER (analyse/nlp.py names_of)": cumulative("analyse/nlp.py", "names_of"),
             "sentences (syntok)": cumulative("analyse/sentences.py", "split_sentences"),
             "people and quotes": cumulative("analyse/people/__init__.py", "people_and_quotes"),
             "times": cumulative("analyse/times/__init__.py", "find_times"),
             "figures": cumulative("analyse/figures/__init__.py", "find_figures"),
             "places (toponyms, resolution, gazetteer)": cumulative("analyse/places/detect.py", "find_toponyms")
             + cumulative("analyse/places/resolve.py", "resolve")
             + cumulative("analyse/places/__init__.py", "country_evidence"),
             "read + clean (pipeline.load)": cumulative("newsbrief/pipeline.py", "load")}
    (WORK / "profile.json").write_text(json.dumps({"articles": len(loaded.articles), "seconds": took, "total": total,
                                                   "parts": parts, "date": time.strftime("%Y-%m-%d %H:%M")}))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    return f"{len(loaded.articles)} articles in {took:.1f} s under cProfile ({len(loaded.articles) / took:.1f}/s)\n" \
           + stream.getvalue()


def floor(n: int, seed: int, rounds: int = 3) -> str:
    """CPU seconds of spaCy's NER alone (newsbrief.analyse.nlp.names_of) against the whole per-article
    analysis, over the clean text of the same n articles (the corpus of the throughput run of that size),
    in this process, the median of `rounds` alternated runs: the NER's rate is what the analysis could reach per core if everything else took
    no time."""
    from newsbrief.analyse import analyse_articles
    from newsbrief.analyse.nlp import names_of
    from newsbrief.pipeline import load

    folder = corpus(n, seed)      # the articles of the --sizes run of that n
    load([str(folder)])
    names_of(["Warm up in Zagreb."])
    times: dict[str, list[float]] = {"read + clean": [], "NER": [], "analysis": []}
    for _ in range(rounds):
        cpu = time.process_time()
        articles = load([str(folder)]).articles
        times["read + clean"].append(time.process_time() - cpu)
        texts = [a.text for a in articles]
        cpu = time.process_time()
        names_of(texts)
        times["NER"].append(time.process_time() - cpu)
        cpu = time.process_time()
        analyse_articles(articles)
        times["analysis"].append(time.process_time() - cpu)
    median = {k: statistics.median(v) for k, v in times.items()}
    words = sum(len(t.split()) for t in texts)
    result = {"articles": len(texts), "words": words, "cpu": median, "rounds": rounds,
              "load": os.getloadavg()[0], "date": time.strftime("%Y-%m-%d %H:%M")}
    (WORK / "floor.json").write_text(json.dumps(result))
    return json.dumps(result, indent=1)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--sample", type=int, metavar="K", help="for sizes of --sample-from and more: analyse every K-th "
                   "partition and extrapolate (labelled so in the table)")
    p.add_argument("--sample-from", type=int, default=100_000, metavar="N")
    p.add_argument("--analyse-up-to", type=int, default=1000, help="run `newsbrief analyse` up to this size")
    p.add_argument("--modes", default="analyse,sync,local")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--fresh", action="store_true", help="forget the saved results of earlier runs")
    p.add_argument("--write", action="store_true")
    p.add_argument("--profile", type=int, metavar="N", help="only profile N articles and print where the time goes")
    p.add_argument("--floor", type=int, metavar="N", help="only time the NER alone against the whole analysis "
                   "on N articles (CPU seconds)")
    args = p.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.profile:
        print(profile(args.profile, args.seed))
        return
    if args.floor:
        print(floor(args.floor, args.seed))
        return
    saved = json.loads(SAVED.read_text()) if SAVED.exists() and not args.fresh else []
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        folder = corpus(n, args.seed)
        sample = args.sample if n >= args.sample_from else None
        for mode in args.modes.split(","):
            if mode == "analyse" and n > args.analyse_up_to:
                continue
            r = run(mode, folder, n, sample)
            print(json.dumps(r), flush=True)
            # read again before writing: another size may be running at the same time
            saved = json.loads(SAVED.read_text()) if SAVED.exists() else []
            saved = [s for s in saved if (s["n"], s["mode"]) != (n, mode)] + [r]
            SAVED.write_text(json.dumps(saved, indent=1))
    text = table(saved)
    print(text)
    if args.write:
        from speed import write_results

        path = HERE / "RESULTS.md"
        if "<!-- throughput:begin -->" not in path.read_text(encoding="utf-8"):
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n## Throughput (batch on Dask)\n\n<!-- throughput:begin -->\n<!-- throughput:end -->\n")
        write_results("throughput", text)


if __name__ == "__main__":
    main()
