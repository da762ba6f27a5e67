"""`newsbrief batch`: the per-article stages over a large corpus, as a Dask bag of input partitions.

    run_batch(["corpus/"], "out/")                       # a LocalCluster of 2 worker processes
    run_batch(["corpus/"], "out/", scheduler="sync")      # one process, the same code
    run_batch(["corpus/"], "out/", scheduler="tcp://10.0.0.5:8786")

The bag holds one element per input partition (newsbrief.scale.partitions); each task reads, cleans and
analyses its partition's articles with the single-process functions (newsbrief.scale.stages) and writes
one Parquet file. The output is a folder, published whole when the batch is done (built beside it under a
hidden name, then renamed into place):

    out/articles/part-00000.parquet ...   one row per article (newsbrief.scale.rows.ARTICLE_SCHEMA)
    out/errors.parquet                    one row per skipped item (source, stage, reason) or note
    out/summary.json                      counts, timings, workers, model loads and peak memory
    out/stories.jsonl                     with after=story_grouping() (--stories): the articles' stories
    out/briefs/<story>.json               with story_grouping(briefs=True) (--briefs): a brief per story of
                                          two or more articles, the JSON of `newsbrief brief`

What the single-process path does across articles, the batch does across the whole input: lines repeated
by two or more articles are clutter (a first pass counts them), and repeated ids get "-2", "-3" suffixes in
input order. Undated articles are not dated here: newsbrief.group.date_undated dates an article from its
story, and a corpus is many stories; that belongs with story grouping, after the batch.

Workers are processes with one thread each (spaCy and the analysis hold the GIL). spaCy's model loads
once per worker process, on its first task (newsbrief.analyse.nlp caches it per process); the summary
reports the loads per worker. With a scheduler address, the output folder must be reachable by the workers
at the same path (a shared file system), as for any Dask writer.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace

from newsbrief.errors import NothingUsable, OutputError, UsageError
from newsbrief.scale.partitions import Part, plan
from newsbrief.scale.rows import error_row, write_errors
from newsbrief.scale.stages import PartDone, Scan, run_part, scan_part

REPEATED_IN = 2     # as newsbrief.clean.repeated_lines: a label line in this many articles is clutter
SHOWN_ERRORS = 20   # skipped items reported one by one on stderr; the rest are in errors.parquet


@dataclass
class BatchResult:
    output: str
    scheduler: str
    workers: int
    parts: int
    items: int = 0
    articles: int = 0
    skipped: int = 0
    notes: int = 0
    repeated_lines: int = 0
    seconds: dict = field(default_factory=dict)
    task_cpu_s: float = 0.0                  # CPU seconds inside the analysis tasks (what Dask adds is outside)
    model_loads: dict | None = None          # worker -> times spaCy's model was loaded there
    peak_rss_mb: dict = field(default_factory=dict)
    stories: dict | None = None
    sampled: int | None = None               # only every k-th partition was analysed (a time sample)


def run_batch(inputs: Iterable[str], output: str | Path, *, scheduler: str = "local", workers: int = 2,
              blocksize: int | None = None, report: Callable[[str], None] | None = None,
              after: Callable[[Path, BatchResult, object], dict | None] | None = None,
              sample: int | None = None) -> BatchResult:
    """Read, clean and analyse every input item on Dask; write the output folder (see the module doc).

    `after(staging_folder, result, client)` runs once the articles are written and before the folder is
    published, with the batch's distributed Client still open (None for `sync`): story grouping and briefs
    hook in here; what it returns is kept in the summary. Raises NothingUsable when no
    article came out. `sample=k` analyses only every k-th partition after scanning them all: a time sample
    for benchmarks, not an output to use."""
    say = report or (lambda line: None)
    started = time.perf_counter()
    output = Path(output)
    if workers < 1:
        raise UsageError("--workers must be 1 or more")
    if scheduler not in ("local", "sync") and "://" not in scheduler:
        raise UsageError(f"--scheduler {scheduler}: local, sync or an address such as tcp://host:8786")
    parts, missing = plan(list(inputs), blocksize, workers)
    if not parts:
        for skipped in missing:
            say(str(skipped))
        raise NothingUsable(f"nothing to read in the input ({len(missing)} input(s) skipped)")
    _build_gazetteer()     # once, here, rather than raced by every worker
    result = BatchResult(output=str(output), scheduler=scheduler, workers=1 if scheduler == "sync" else workers,
                         parts=len(parts))
    result.seconds["plan"] = round(time.perf_counter() - started, 3)
    staging = _staging(output)
    try:
        with _client(scheduler, workers) as client:
            if client is not None:
                result.workers = len(client.scheduler_info()["workers"])
            say(f"{len(parts)} partition(s) on {_where(scheduler, result.workers)}")
            compute = {"scheduler": "sync"} if client is None else {}
            import dask.bag as db

            bag = db.from_sequence(parts, npartitions=len(parts))
            mark = time.perf_counter()
            scans: list[Scan] = bag.map(scan_part).compute(**compute)
            labels: Counter = Counter()
            for scan in scans:
                labels.update(scan.labels)
            repeated = frozenset(line for line, n in labels.items() if n >= REPEATED_IN)
            renames = _renames(scans)
            result.seconds["scan"] = round(time.perf_counter() - mark, 3)
            result.repeated_lines = len(repeated)
            say(f"scanned {sum(s.items for s in scans)} item(s): {len(repeated)} repeated label line(s), "
                f"{len(renames)} repeated id(s) renamed ({result.seconds['scan']:.1f} s)")
            mark = time.perf_counter()
            if sample and sample > 1:
                result.sampled = sample
                bag = db.from_sequence(parts[::sample], npartitions=len(parts[::sample]))
            done: list[PartDone] = bag.map(run_part, repeated=repeated, renames=renames,
                                           staging=str(staging)).compute(**compute)
            result.seconds["analyse"] = round(time.perf_counter() - mark, 3)
            errors = [error_row(s.source, s.reason, "read") for s in missing] + [e for d in done for e in d.errors]
            result.items = sum(s.items for s in scans) + len(missing)
            result.articles = sum(d.articles for d in done)
            result.task_cpu_s = round(sum(d.cpu for d in done), 3)
            result.skipped = sum(e["skipped"] for e in errors)
            result.notes = len(errors) - result.skipped
            _say_errors(errors, output, say)
            if not result.articles:
                raise NothingUsable(f"nothing usable in the input ({result.skipped} item(s) skipped)")
            write_errors(staging / "errors.parquet", errors)
            if after is not None:     # while the workers are up: story briefs are spread over them
                result.stories = after(staging, result, client)
            result.model_loads, worker_rss = _worker_facts(client)
        client_rss = _peak_rss_mb()
        result.peak_rss_mb = {"client": round(client_rss), "workers": worker_rss,
                              "sum": round(client_rss + sum(worker_rss.values()))}
        result.seconds["total"] = round(time.perf_counter() - started, 3)
        (staging / "summary.json").write_text(json.dumps(asdict(result), indent=2) + "\n", encoding="utf-8")
        _publish(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    say(f"{result.articles} article(s), {result.skipped} skipped, in {result.seconds['total']:.1f} s "
        f"({result.articles / max(result.seconds['analyse'], 1e-9):.1f} articles/s analysing); wrote {output}")
    return result


def story_grouping(briefs: bool = False, min_articles: int = 2) -> Callable[[Path, BatchResult, object], dict]:
    """The `after` hook that groups the batch's articles into stories (newsbrief.group.stories) and writes
    stories.jsonl (the lines of `newsbrief stories`: story id, article ids, headline, first and last day). The grouping is
    online but sequential: it runs in the client, over the articles read back from the Parquet output in
    input order and fed by date, all held in memory (group_stories sorts them). With `briefs`, each story
    of `min_articles` or more also gets its brief (`story_briefs`). Raises UsageError, before any work,
    when this version has no story grouping."""
    try:
        from newsbrief.group.stories import group_stories, story_line
    except ImportError:
        raise UsageError("--stories: story grouping (newsbrief.group.stories) is not in this version") from None

    def group(folder: Path, result: BatchResult, client: object = None) -> dict:
        from newsbrief.scale.rows import read_analyses

        started = time.perf_counter()
        # the articles, as `newsbrief stories` groups them (so the two give the same stories)
        stories = group_stories(analysis.article for analysis in read_analyses(folder))
        with open(folder / "stories.jsonl", "w", encoding="utf-8") as out:
            out.writelines(story_line(story) for story in stories)
        done = {"stories": len(stories), "seconds": round(time.perf_counter() - started, 3)}
        if briefs:
            mark = time.perf_counter()
            done["briefs"] = story_briefs(folder, stories, min_articles, client)
            done["briefs_seconds"] = round(time.perf_counter() - mark, 3)
        return done
    return group


def story_briefs(folder: Path, stories: list, min_articles: int = 2, client: object = None) -> int:
    """briefs/<story>.json for each story of `min_articles` or more: the brief stage over the analyses the
    batch wrote (with their story-level evidence), so nothing is analysed again. The client reads the
    output once, holding a story's analyses only until its last article has been read; then the story is
    briefed on a worker (`write_brief`; here, without a Client), a few stories per worker in flight at
    once. Articles stay as the batch analysed them (an undated one is not dated from its story here)."""
    from newsbrief.scale.rows import read_analyses

    wanted = [s for s in stories if len(s.articles) >= min_articles]
    story_of = {article: k for k, story in enumerate(wanted) for article in story.articles}
    target = folder / "briefs"
    target.mkdir(exist_ok=True)
    waiting: dict[int, dict] = {}
    flight: list = []
    room = 4 * max(1, len(client.scheduler_info()["workers"])) if client is not None else 0
    written = 0
    for analysis in read_analyses(folder, with_found=True):
        k = story_of.get(analysis.article.id)
        if k is None:
            continue
        held = waiting.setdefault(k, {})
        held[analysis.article.id] = analysis
        if len(held) < len(wanted[k].articles):
            continue
        story = wanted[k]
        del waiting[k]
        ordered = [held[a] for a in story.articles]          # the story's order: as they came
        if client is None:
            written += write_brief(ordered, str(target / f"{story.id}.json"))
            continue
        flight.append(client.submit(write_brief, ordered, str(target / f"{story.id}.json"), pure=False))
        if len(flight) >= room:                               # bounded: the client's memory stays flat
            from distributed import wait

            finished, pending = wait(flight, return_when="FIRST_COMPLETED")
            written += sum(f.result() for f in finished)
            flight = list(pending)
    return written + sum(f.result() for f in flight)


def write_brief(analyses: list, path: str) -> int:
    """One story's brief as the JSON of `newsbrief brief`, written to `path` (in the staging folder)."""
    from newsbrief.brief import make_brief
    from newsbrief.render.json import to_json

    Path(path).write_text(to_json(make_brief(analyses)), encoding="utf-8")
    return 1


def parse_size(text: str) -> int:
    """'32MB', '512kB', '1000000' -> bytes."""
    from dask.utils import parse_bytes

    try:
        size = parse_bytes(text)
    except (ValueError, TypeError):
        raise UsageError(f"--blocksize {text}: not a size (such as 32MB)") from None
    if size < 1:
        raise UsageError(f"--blocksize {text}: must be more than 0")
    return size


def _where(scheduler: str, workers: int) -> str:
    if scheduler == "sync":
        return "one process (sync)"
    if scheduler == "local":
        return f"a LocalCluster of {workers} worker process(es)"
    return f"{scheduler} ({workers} worker(s))"


@contextmanager
def _client(scheduler: str, workers: int):
    """None for the synchronous scheduler; else a distributed Client, on a LocalCluster made (and closed)
    here or on the scheduler at the given address."""
    if scheduler == "sync":
        yield None
        return
    import dask
    from distributed import Client, LocalCluster

    if scheduler == "local":
        # processes with one thread each: the stages are pure Python under the GIL. The scheduler's HTTP
        # server on a free port: several batches (and other programs) may run on one machine. The workers'
        # statistical profiler (a thread walking the task's stack every 10 ms) is off: on this deep Python
        # code it cost about 15% more CPU per article (100 articles: 22.2 CPU-s with it, 19.0 without,
        # 17.2 in one process).
        quiet = {"distributed.worker.profile.enabled": False}
        with dask.config.set(quiet), LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
    elif "://" in scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as err:
            raise UsageError(f"--scheduler {scheduler}: cannot connect ({err})") from None
        with client:
            yield client
    else:
        raise UsageError(f"--scheduler {scheduler}: local, sync or an address such as tcp://host:8786")


def _renames(scans: list[Scan]) -> dict[tuple[int, int], str]:
    """New ids for repeated ones, by newsbrief.pipeline's own rule, over the whole input in order."""
    from newsbrief.pipeline import _unique_ids

    stubs = [SimpleNamespace(id=i, key=(s.part, k)) for s in scans for k, i in enumerate(s.ids)]
    before = [s.id for s in stubs]
    _unique_ids(stubs)  # type: ignore[arg-type]   # it reads and sets .id only
    return {s.key: s.id for s, old in zip(stubs, before, strict=True) if s.id != old}


def _worker_facts(client) -> tuple[dict | None, dict]:
    """(spaCy model loads per worker, peak RSS per worker in MB); ({}, {}) without workers."""
    if client is None:
        return None, {}
    loads = client.run(_model_loads)
    rss = client.run(_peak_rss_mb)
    return loads, rss


def _model_loads() -> int:
    from newsbrief.analyse import nlp

    return nlp._pipeline.cache_info().misses


def _peak_rss_mb() -> int:
    """This process's peak resident memory. VmHWM where there is one (Linux): ru_maxrss carries a parent's
    peak over fork and exec, so a process started by a large one would report the parent's memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _build_gazetteer() -> None:
    from newsbrief.gazetteer.build import index_files

    index_files()


def _staging(output: Path) -> Path:
    if output.exists() and not (output.is_dir() and ((output / "summary.json").exists() or not any(output.iterdir()))):
        raise OutputError(f"{output}: exists and is not a batch output folder; not replacing it")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent))
        os.chmod(staging, 0o755)
        (staging / "articles").mkdir()
    except OSError as err:
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from err
    return staging


def _publish(staging: Path, output: Path) -> None:
    """The finished folder takes the output's name; a previous output is moved aside first, then removed."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _say_errors(errors: list[dict], output: Path, say: Callable[[str], None]) -> None:
    skipped = [e for e in errors if e["skipped"]]
    for e in skipped[:SHOWN_ERRORS]:
        say(f"{e['source']}: skipped: {e['reason']}")
    if len(skipped) > SHOWN_ERRORS:
        say(f"... and {len(skipped) - SHOWN_ERRORS} more skipped item(s): see {output / 'errors.parquet'}")


__all__ = ["BatchResult", "Part", "parse_size", "run_batch", "story_grouping"]
