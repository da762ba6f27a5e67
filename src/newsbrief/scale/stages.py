"""What one batch task does with one input partition: the single-process stages, item by item.

Two passes, as `newsbrief analyse` makes two over its input:
1. `scan_part`: read and extract every item and count its short label lines (the site furniture that
   newsbrief.clean removes when two or more articles repeat it) and its id. The client adds the counts up
   over the whole input, so that cleaning on a cluster removes the same lines as cleaning in one process.
2. `run_part`: read and extract again, clean (newsbrief.clean.clean_article with the whole input's repeated
   lines), analyse in small batches (newsbrief.analyse: the NER batched, each article then analysed alone),
   and write one Parquet file of rows. An item that fails at any stage, for any reason, becomes an error
   row and the task goes on.

Web pages are extracted in both passes (trafilatura is run twice on HTML) so that no task holds a whole
partition in memory between the passes.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.analyse import analyse_article
from newsbrief.analyse.nlp import names_of
from newsbrief.clean import clean_article
from newsbrief.clean.html import extract_html
from newsbrief.clean.text import short_label_lines
from newsbrief.errors import UnusableItem
from newsbrief.model import Article, RawDocument, Skipped
from newsbrief.scale.partitions import Part, read_part
from newsbrief.scale.rows import PartWriter, error_row

CHUNK = 32          # articles analysed (and written) together: the NER batch, and bounded memory


@dataclass
class Scan:
    part: int
    labels: Counter = field(default_factory=Counter)     # label line -> articles that carry it
    ids: list[str | None] = field(default_factory=list)  # per extracted item, in order
    items: int = 0


@dataclass
class PartDone:
    part: int
    articles: int = 0
    errors: list[dict] = field(default_factory=list)     # error rows (skipped items and notes)
    seconds: float = 0.0
    cpu: float = 0.0                                     # CPU seconds of this task's process during it
    pid: int = 0
    file: str | None = None


def extracted(part: Part) -> Iterator[tuple[int, RawDocument] | Skipped]:
    """(k, item) for each item whose text could be had (web pages extracted), k counting them; Skipped
    for the others. Both passes walk this, so k names the same item in both."""
    k = 0
    for item in read_part(part):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            raw = extract_html(item) if item.html is not None else item
        except UnusableItem as err:
            yield Skipped(item.source, err.reason)
            continue
        except Exception as err:  # noqa: BLE001 - a parser crash on one page must not end the partition
            yield Skipped(item.source, f"extraction failed ({type(err).__name__}: {err})")
            continue
        yield k, raw
        k += 1


def scan_part(part: Part) -> Scan:
    scan = Scan(part.number)
    for item in extracted(part):
        scan.items += 1
        if isinstance(item, Skipped):
            continue
        _, raw = item
        if raw.text:
            scan.labels.update(short_label_lines(raw.text))
        scan.ids.append(raw.id or raw.source)     # clean_article's id: the item's, else its source
    return scan


def run_part(part: Part, repeated: frozenset[str], renames: dict[tuple[int, int], str], staging: str) -> PartDone:
    """Clean and analyse every item of the partition; write the articles to
    `staging`/articles/part-NNNNN.parquet and return the error rows."""
    started, cpu = time.perf_counter(), time.process_time()
    done = PartDone(part.number, pid=os.getpid())
    target = Path(staging) / "articles" / f"part-{part.number:05d}.parquet"
    writer = PartWriter(target, part.number)
    pending: list[Article] = []

    def flush() -> None:
        done.articles += _analyse_into(pending, writer, done.errors)
        pending.clear()

    try:
        for item in extracted(part):
            if isinstance(item, Skipped):
                done.errors.append(error_row(item.source, item.reason, "read"))
                continue
            k, raw = item
            for note in raw.notes:
                done.errors.append(error_row(raw.source, note, "note", skipped=False))
            try:
                article = clean_article(raw, repeated)
            except UnusableItem as err:
                done.errors.append(error_row(raw.source, err.reason, "clean"))
                continue
            except Exception as err:  # noqa: BLE001
                done.errors.append(error_row(raw.source, f"cleaning failed ({type(err).__name__}: {err})", "clean"))
                continue
            article.id = renames.get((part.number, k), article.id)
            pending.append(article)
            if len(pending) >= CHUNK:
                flush()
        flush()
    finally:
        writer.close()
    done.file = str(target) if writer.rows else None
    done.seconds = time.perf_counter() - started
    done.cpu = time.process_time() - cpu
    return done


def _analyse_into(articles: list[Article], writer: PartWriter, errors: list[dict]) -> int:
    """Analyse a few articles as newsbrief.analyse.analyse_articles does (the NER over all of them at
    once, then each article), but one failing article is an error row, not the end of the task."""
    if not articles:
        return 0
    try:
        names = names_of([a.text for a in articles])
    except Exception:  # noqa: BLE001 - find which article it was: each alone, below
        names = [None] * len(articles)
    written = 0
    for article, found in zip(articles, names, strict=True):
        try:
            analysis = analyse_article(article, found)
        except Exception as err:  # noqa: BLE001
            errors.append(error_row(article.source, f"analysis failed ({type(err).__name__}: {err})", "analyse"))
            continue
        writer.add(analysis)
        written += 1
    writer.flush()
    return written
