"""The command line: a thin layer over newsbrief's Python API (load, analyse, brief).

Exit status: 0 when something usable was read and the output written; 1 when nothing usable was read or
the work failed (the output cannot be written, the store cannot be opened); 2 for a usage error (an
option's value, a missing argument); 130 when interrupted. Every problem is one line on stderr.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from newsbrief import __version__
from newsbrief.console import Console
from newsbrief.errors import NewsbriefError, NothingUsable, OutputError, UsageError
from newsbrief.model import Analysis, Article
from newsbrief.pipeline import analyse, brief, load, since
from newsbrief.render import FORMATS, format_for, render, write_atomic
from newsbrief.render.json import analysis_line

ANALYSE_CHUNK = 8        # articles analysed together: the NER batches 4, and the bar moves often enough
DEBUG = "NEWSBRIEF_DEBUG"   # set: a bug shows its traceback instead of one line


# ---------------------------------------------------------------- the stages, with progress


def _load(inputs: list[str], ui: Console):
    if "-" in inputs and sys.stdin.isatty():
        ui.report("reading an article from standard input (Ctrl-D ends it)")
    return load(inputs, report=ui.report, progress=ui.counter("reading and cleaning"))


def _analyse(articles: list[Article], ui: Console) -> list[Analysis]:
    """Every article analysed, in order. An article that breaks the analysis is reported and skipped, so
    one bad article never stops the rest; an error of the set-up (no spaCy model) still ends the run."""
    _gazetteer(ui)
    count = ui.counter("analysing articles", len(articles))
    out: list[Analysis] = []
    for i in range(0, len(articles), ANALYSE_CHUNK):
        chunk = articles[i:i + ANALYSE_CHUNK]
        try:
            out += analyse(chunk)
        except (NewsbriefError, RuntimeError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - find the article, and go on without it
            for article in chunk:
                try:
                    out += analyse([article])
                except (NewsbriefError, RuntimeError, MemoryError):
                    raise
                except Exception as err:  # noqa: BLE001
                    if os.environ.get(DEBUG):
                        raise
                    ui.report(f"{article.source}: skipped: the analysis failed ({type(err).__name__}: {err})")
        if count:
            count(min(i + ANALYSE_CHUNK, len(articles)), len(articles))
    if not out:
        raise NothingUsable(f"nothing usable: the analysis failed on all {len(articles)} article(s)")
    return out


def _gazetteer(ui: Console) -> None:
    """Build the place-name index before the analysis needs it (the first run: about a minute), with a
    spinner that says so, rather than a silent pause."""
    from newsbrief.gazetteer import build, wanted_sources

    wanted = wanted_sources()
    if not build.needs_build(names=wanted):
        return
    label = "building the place-name index (once, about a minute)"
    with ui.status(label) as say:
        progress = (lambda source, places: say(f"{label}: {source}, {places:,} places")) if ui.live else None
        build.index_files(names=wanted, progress=progress)


# ---------------------------------------------------------------- commands


def _check_output(output: str | None) -> None:
    """A file that cannot be written there fails before the work, not after it."""
    if output and output != "-":
        folder = Path(output).parent
        if not folder.is_dir():
            raise OutputError(f"cannot write {output}: no folder {folder}")
        if Path(output).is_dir():
            raise OutputError(f"cannot write {output}: it is a folder")


def _emit(text: str, output: str | None, ui: Console) -> None:
    if output and output != "-":
        write_atomic(output, text)
        if not ui.quiet:
            ui.report(f"wrote {output}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_brief(args: argparse.Namespace, ui: Console) -> int:
    fmt = format_for(args.format, args.output)
    _check_output(args.output)
    with ui.session():
        loaded = _load(args.inputs, ui)
        articles, known = loaded.articles, []
        if args.since:
            articles, known = since(articles, args.since)
            ui.report(f"{len(articles)} new article(s) since {args.since}; {len(known)} already known")
        analyses = _analyse(articles, ui)
        with ui.status("writing the brief: summary, timeline, places, people, figures"):
            result = brief(analyses, sentences=None if args.words else args.sentences, words=args.words,
                           focus=args.focus, known=known, compressed=args.compress)
    _emit(render(result, fmt), args.output, ui)
    return 0


def cmd_analyse(args: argparse.Namespace, ui: Console) -> int:
    _check_output(args.output)
    with ui.session():
        analyses = _analyse(_load(args.inputs, ui).articles, ui)
    _emit("".join(analysis_line(a) for a in analyses), args.output, ui)
    return 0


def cmd_stories(args: argparse.Namespace, ui: Console) -> int:
    from newsbrief.group.stories import group_stories, story_line

    _check_output(args.output)
    with ui.session():
        loaded = _load(args.inputs, ui)
        with ui.status(f"grouping {len(loaded.articles)} article(s) into stories"):
            stories = group_stories(loaded.articles)
    if ui.live:
        ui.report(f"{len(loaded.articles)} article(s) in {len(stories)} story(ies)")
    _emit("".join(story_line(s) for s in stories), args.output, ui)
    return 0


def cmd_gazetteer(args: argparse.Namespace, ui: Console) -> int:
    from newsbrief.gazetteer import build

    if args.action == "add":
        path = Path(args.file)
        if not path.is_file():
            raise NewsbriefError(f"{path}: no such file (a GeoNames dump such as allCountries.txt)")
        with ui.session(), ui.status(f"indexing {path.name}"):
            count = build.add_geonames_dump(path)
        if count == 0:
            raise NewsbriefError(f"{path}: no places read; is it in the GeoNames 'geoname' layout "
                                 "(19 tab-separated columns)?")
        ui.report(f"added {count} places from {path} to {build.user_file()}")
    else:   # info: build what is missing and say where the index is
        with ui.session():
            _gazetteer(ui)
        for file in [*build.index_files(), build.user_file()]:
            state = f"{file.stat().st_size / 1e6:.1f} MB" if file.exists() else "not present"
            print(f"{file}\t{state}")
    return 0


def cmd_batch(args: argparse.Namespace, ui: Console) -> int:
    from newsbrief.scale.batch import parse_size, run_batch, story_grouping   # Dask and pyarrow load only here

    blocksize = parse_size(args.blocksize) if args.blocksize else None
    with ui.session():
        _gazetteer(ui)
        with ui.status("batch on Dask"), _PartsDone(ui, Path(args.output)) as parts:
            def report(line: str) -> None:
                ui.report(line)
                parts.heard(line)
            run_batch(args.inputs, args.output, scheduler=args.scheduler, workers=args.workers,
                      blocksize=blocksize, report=report,
                      after=story_grouping(briefs=args.briefs) if args.stories or args.briefs else None)
    return 0


def cmd_serve(args: argparse.Namespace, ui: Console) -> int:
    from newsbrief.serve.run import serve   # FastAPI and uvicorn load only here

    return serve(args.db, args.host, args.port, token=args.token, inputs=args.load, report=ui.report)


class _PartsDone:
    """A bar of the batch's finished partitions, read from the folder the batch builds (each partition's
    Parquet file appears there when it is done), so that the batch itself needs no hook. When the batch
    works otherwise, the bar just stays empty."""

    def __init__(self, ui: Console, output: Path):
        self.ui, self.output, self.total = ui, output, None
        self.count: Callable[[int, int], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def heard(self, line: str) -> None:
        m = re.match(r"(\d+) partition\(s\) on ", line)
        if m and self.ui.live and self.count is None:
            self.total = int(m[1])
            self.count = self.ui.counter("batch: partitions analysed", self.total)

    def __enter__(self) -> _PartsDone:
        if self.ui.live:
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)

    def _watch(self) -> None:
        pattern = f".{self.output.name}.*.partial/articles/part-*.parquet"
        while not self._stop.wait(0.5):
            if self.count and self.total:
                done = sum(1 for _ in self.output.parent.glob(pattern))
                self.count(min(done, self.total - 1), self.total)   # the bar closes when the batch does


# ---------------------------------------------------------------- checks of option values


def _validate(args: argparse.Namespace) -> None:
    """What can be told wrong from the command line alone, before any work: a usage error (exit 2)."""
    if args.command == "brief":
        format_for(args.format, args.output)
        mark = args.since or ""
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", mark):
            try:
                date.fromisoformat(mark)
            except ValueError:
                raise UsageError(f"--since {mark}: not a date in the calendar (YYYY-MM-DD, e.g. 2025-03-18)") from None
        elif mark and Path(mark).is_dir():
            raise UsageError(f"--since {mark}: a folder; give a date (YYYY-MM-DD) or a brief's JSON file")
    elif args.command == "gazetteer" and args.action == "add" and not args.file:
        raise UsageError("gazetteer add FILE: which GeoNames dump? (allCountries.txt or a country's file, "
                         "from download.geonames.org/export/dump/)")
    elif args.command == "batch" and args.blocksize:
        from newsbrief.scale.batch import parse_size
        try:
            parse_size(args.blocksize)
        except (ValueError, NewsbriefError):
            raise UsageError(f"--blocksize {args.blocksize}: a size such as 32MB, 500kB or 1000000") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be 1 or more")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value}: a port is 1 to 65535")
    return value


# ---------------------------------------------------------------- the parser


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line that says where the help is, not the whole usage block."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newsbrief",
        description="Turn the coverage of a news story into a cited brief. Inputs are files or folders "
                    "(.txt, .html, .htm, .jsonl, .json; folders recursively) or - for standard input. "
                    "Long runs show progress on stderr when it is a terminal (-q, --quiet: none).")
    p.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars and no 'wrote FILE' line; problems are still reported")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("brief", parents=[common], help="one brief, all inputs taken as one story")
    b.add_argument("inputs", nargs="+", metavar="INPUT")
    b.add_argument("--format", choices=sorted(FORMATS), help="json, md or html (default: from -o, else md)")
    b.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout; .json, .md "
                   "or .html sets the format")
    b.add_argument("--sentences", type=_positive, default=5, metavar="N", help="summary length in sentences "
                   "(default 5)")
    b.add_argument("--words", type=_positive, metavar="N", help="summary length in words, the headline apart "
                   "(instead of --sentences)")
    b.add_argument("--focus", metavar="TEXT", help="bias the summary towards a question")
    b.add_argument("--compress", action="store_true", help="shorter summary sentences: drop linking words, short "
                   "bracketed asides and closing attributions (\", officials said.\"), never inside a quote")
    b.add_argument("--since", metavar="DATE|BRIEF.json", help="an update: summarise only what is new since a date, "
                   "or since a brief written earlier (its JSON)")
    b.set_defaults(parser=b, run=cmd_brief)

    a = sub.add_parser("analyse", aliases=["analyze"], parents=[common], help="per-article analysis as JSON Lines")
    a.add_argument("inputs", nargs="+", metavar="INPUT")
    a.add_argument("-o", "--output", metavar="FILE")
    a.set_defaults(parser=a, run=cmd_analyse)

    g = sub.add_parser("gazetteer", parents=[common],
                       help="the place-name index: where it is, or add a GeoNames dump")
    g.add_argument("action", choices=["info", "add"], help="info: build if needed and list the index files; "
                   "add FILE: index a GeoNames dump (allCountries.txt; alternateNamesV2.txt beside it is read too)")
    g.add_argument("file", nargs="?", help="the GeoNames dump for 'add'")
    g.set_defaults(parser=g, run=cmd_gazetteer)

    bt = sub.add_parser("batch", parents=[common], help="read, clean and analyse a large corpus on Dask, to Parquet",
                        description="The per-article stages over JSON Lines, Parquet or WARC files (and folders of "
                                    "them) as a Dask bag; writes OUTPUT/articles/*.parquet (one row per article, "
                                    "with its 'analyse' JSON), OUTPUT/errors.parquet and OUTPUT/summary.json.")
    bt.add_argument("inputs", nargs="+", metavar="INPUT")
    bt.add_argument("-o", "--output", required=True, metavar="DIR", help="the output folder (replaced whole when done)")
    bt.add_argument("--scheduler", default="local", metavar="local|sync|ADDRESS",
                    help="local: a LocalCluster (default); sync: one process; or a scheduler address (tcp://host:8786)")
    bt.add_argument("--workers", type=_positive, default=2, metavar="N", help="LocalCluster worker processes "
                    "(default 2)")
    bt.add_argument("--blocksize", metavar="BYTES", help="input per task, e.g. 32MB (default: about four per worker)")
    bt.add_argument("--stories", action="store_true", help="also group the articles into stories: OUTPUT/stories.jsonl")
    bt.add_argument("--briefs", action="store_true", help="also brief each story of two or more articles: "
                    "OUTPUT/briefs/STORY.json, from the batch's analyses (implies --stories)")
    bt.set_defaults(parser=bt, run=cmd_batch)

    sv = sub.add_parser("serve", parents=[common],
                        help="the web app and REST API over a store (SQLite file or PostgreSQL URL)")
    sv.add_argument("--db", default=os.environ.get("NEWSBRIEF_DB", "newsbrief.db"), metavar="FILE|URL",
                    help="the store: a SQLite file (created if missing; default newsbrief.db, or NEWSBRIEF_DB) "
                         "or postgresql://user@host/db")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine "
                    "only; elsewhere, writes need a token)")
    sv.add_argument("--port", type=_port, default=8000, help="default 8000")
    sv.add_argument("--token", help="the token writes need (default: NEWSBRIEF_TOKEN; made up and printed when "
                    "listening beyond loopback without one)")
    sv.add_argument("--load", nargs="+", default=[], metavar="INPUT", help="store these inputs as a story first "
                    "(again: nothing changes), e.g. --load examples/sava-flood")
    sv.set_defaults(parser=sv, run=cmd_serve)

    st = sub.add_parser("stories", parents=[common], help="group articles into stories, one event each (JSON Lines)",
                        description="Groups the articles into stories, one event each, as a stream in publication "
                                    "order; writes one JSON line per story: {\"story\", \"articles\", "
                                    "\"headline\", \"first\", \"last\"}, the largest story first.")
    st.add_argument("inputs", nargs="+", metavar="INPUT")
    st.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    st.set_defaults(parser=st, run=cmd_stories)
    return p


def _one_line(err: BaseException) -> str:
    return "; ".join(line.strip() for line in str(err).splitlines() if line.strip()) or type(err).__name__


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _validate(args)
    except UsageError as err:
        args.parser.error(_one_line(err))      # exits 2, as argparse's own usage errors do
    ui = Console(quiet=args.quiet)
    try:
        return args.run(args, ui)
    except NothingUsable as err:
        ui.report(_one_line(err))
        return 1
    except NewsbriefError as err:      # including a UsageError found during the work (--since FILE not a brief)
        ui.report(f"error: {_one_line(err)}")
        return 1
    except KeyboardInterrupt:
        ui.report("interrupted")
        return 130
    except BrokenPipeError:        # the reader went away (| head): not an error
        try:
            sys.stdout = open(os.devnull, "w")   # noqa: SIM115 - so that the exit's flush does not fail again
        except OSError:
            pass
        return 0
    except Exception as err:  # noqa: BLE001 - a bug: one line, the traceback on request
        if os.environ.get(DEBUG):
            raise
        ui.report(f"internal error: {type(err).__name__}: {_one_line(err)} (run with {DEBUG}=1 for the traceback, "
                  "and please report it)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
