"""The command line: a thin layer over newsbrief's Python API (load, analyse, brief)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from collections.abc import Callable

from newsbrief import __version__
from newsbrief.errors import NewsbriefError, NothingUsable
from newsbrief.pipeline import analyse, brief, load, since
from newsbrief.render import FORMATS, format_for, render, write_atomic
from newsbrief.render.json import analysis_line


def _report(line: str) -> None:
    print(f"newsbrief: {line}", file=sys.stderr, flush=True)


def _progress() -> Callable[[int, int], None] | None:
    """A one-line counter on stderr for long runs, only when a person is watching it."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 50 and (done % 25 == 0 or done == total):
            end = "\n" if done == total else ""
            print(f"\rnewsbrief: cleaned {done}/{total} articles", end=end, file=sys.stderr, flush=True)
    return show


def _emit(text: str, output: str | None) -> None:
    if output and output != "-":
        write_atomic(output, text)
        _report(f"wrote {output}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_brief(args: argparse.Namespace) -> int:
    loaded = load(args.inputs, report=_report, progress=_progress())
    articles, known = loaded.articles, []
    if args.since:
        articles, known = since(articles, args.since)
        _report(f"{len(articles)} new article(s) since {args.since}; {len(known)} already known")
    result = brief(articles, sentences=None if args.words else args.sentences, words=args.words,
                   focus=args.focus, known=known, compressed=args.compress)
    _emit(render(result, format_for(args.format, args.output)), args.output)
    return 0


def cmd_analyse(args: argparse.Namespace) -> int:
    loaded = load(args.inputs, report=_report, progress=_progress())
    _emit("".join(analysis_line(a) for a in analyse(loaded.articles)), args.output)
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from newsbrief.group.stories import group_stories, story_line

    loaded = load(args.inputs, report=_report, progress=_progress())
    stories = group_stories(loaded.articles)
    if sys.stderr.isatty():
        _report(f"{len(loaded.articles)} article(s) in {len(stories)} story(ies)")
    _emit("".join(story_line(s) for s in stories), args.output)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from newsbrief.gazetteer import build

    if args.action == "add":
        path = Path(args.file)
        if not path.is_file():
            raise NewsbriefError(f"{path}: no such file (a GeoNames dump such as allCountries.txt)")
        count = build.add_geonames_dump(path)
        if count == 0:
            raise NewsbriefError(f"{path}: no places read; is it in the GeoNames 'geoname' layout (19 tab-separated columns)?")
        _report(f"added {count} places from {path} to {build.user_file()}")
    else:   # info: build what is missing and say where the index is
        for file in [*build.index_files(), build.user_file()]:
            state = f"{file.stat().st_size / 1e6:.1f} MB" if file.exists() else "not present"
            print(f"{file}\t{state}")
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from newsbrief.scale.batch import parse_size, run_batch, story_grouping   # Dask and pyarrow load only here

    run_batch(args.inputs, args.output, scheduler=args.scheduler, workers=args.workers,
              blocksize=parse_size(args.blocksize) if args.blocksize else None, report=_report,
              after=story_grouping() if args.stories else None)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newsbrief.serve.run import serve   # FastAPI and uvicorn load only here

    return serve(args.db, args.host, args.port, token=args.token, inputs=args.load, report=_report)


def cmd_later(what: str, issue: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        _report(f"'{what}' is not available in this version yet ({issue}); see README.md")
        return 2
    return run


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsbrief",
        description="Turn the coverage of a news story into a cited brief. Inputs are files or folders "
                    "(.txt, .html, .htm, .jsonl, .json; folders recursively) or - for standard input.")
    p.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("brief", help="one brief, all inputs taken as one story")
    b.add_argument("inputs", nargs="+", metavar="INPUT")
    b.add_argument("--format", choices=sorted(FORMATS), help="json, md or html (default: from -o, else md)")
    b.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    b.add_argument("--sentences", type=int, default=5, metavar="N", help="summary length in sentences (default 5)")
    b.add_argument("--words", type=int, metavar="N", help="summary length in words, the headline apart (instead of "
                   "--sentences)")
    b.add_argument("--focus", metavar="TEXT", help="bias the summary towards a question")
    b.add_argument("--compress", action="store_true", help="shorter summary sentences: drop linking words, short "
                   "bracketed asides and closing attributions (\", officials said.\"), never inside a quote")
    b.add_argument("--since", metavar="DATE|BRIEF.json", help="an update: summarise only what is new since a date, "
                   "or since a brief written earlier (its JSON)")
    b.set_defaults(run=cmd_brief)

    a = sub.add_parser("analyse", aliases=["analyze"], help="per-article analysis as JSON Lines")
    a.add_argument("inputs", nargs="+", metavar="INPUT")
    a.add_argument("-o", "--output", metavar="FILE")
    a.set_defaults(run=cmd_analyse)

    g = sub.add_parser("gazetteer", help="the place-name index: where it is, or add a GeoNames dump")
    g.add_argument("action", choices=["info", "add"], help="info: build if needed and list the index files; "
                   "add FILE: index a GeoNames dump (allCountries.txt; alternateNamesV2.txt beside it is read too)")
    g.add_argument("file", nargs="?", help="the GeoNames dump for 'add'")
    g.set_defaults(run=cmd_gazetteer)

    bt = sub.add_parser("batch", help="read, clean and analyse a large corpus on Dask, to Parquet",
                        description="The per-article stages over JSON Lines, Parquet or WARC files (and folders of "
                                    "them) as a Dask bag; writes OUTPUT/articles/*.parquet (one row per article, "
                                    "with its 'analyse' JSON), OUTPUT/errors.parquet and OUTPUT/summary.json.")
    bt.add_argument("inputs", nargs="+", metavar="INPUT")
    bt.add_argument("-o", "--output", required=True, metavar="DIR", help="the output folder (replaced whole when done)")
    bt.add_argument("--scheduler", default="local", metavar="local|sync|ADDRESS",
                    help="local: a LocalCluster (default); sync: one process; or a scheduler address (tcp://host:8786)")
    bt.add_argument("--workers", type=int, default=2, metavar="N", help="LocalCluster worker processes (default 2)")
    bt.add_argument("--blocksize", metavar="BYTES", help="input per task, e.g. 32MB (default: about four per worker)")
    bt.add_argument("--stories", action="store_true", help="also group the articles into stories: OUTPUT/stories.jsonl")
    bt.set_defaults(run=cmd_batch)

    sv = sub.add_parser("serve", help="the web app and REST API over a store (SQLite file or PostgreSQL URL)")
    sv.add_argument("--db", default=os.environ.get("NEWSBRIEF_DB", "newsbrief.db"), metavar="FILE|URL",
                    help="the store: a SQLite file (created if missing; default newsbrief.db, or NEWSBRIEF_DB) "
                         "or postgresql://user@host/db")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine "
                    "only; elsewhere, writes need a token)")
    sv.add_argument("--port", type=int, default=8000, help="default 8000")
    sv.add_argument("--token", help="the token writes need (default: NEWSBRIEF_TOKEN; made up and printed when "
                    "listening beyond loopback without one)")
    sv.add_argument("--load", nargs="+", default=[], metavar="INPUT", help="store these inputs as a story first "
                    "(again: nothing changes), e.g. --load examples/sava-flood")
    sv.set_defaults(run=cmd_serve)

    st = sub.add_parser("stories", help="group articles into stories, one event each (JSON Lines)",
                        description="Groups the articles into stories, one event each, as a stream in publication "
                                    "order; writes one JSON line per story: {\"story\", \"articles\", "
                                    "\"headline\", \"first\", \"last\"}, the largest story first.")
    st.add_argument("inputs", nargs="+", metavar="INPUT")
    st.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    st.set_defaults(run=cmd_stories)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except NothingUsable as err:
        _report(str(err))
        return 1
    except NewsbriefError as err:
        _report(f"error: {err}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
