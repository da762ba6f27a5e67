"""The Parquet rows `newsbrief batch` writes: one per article, and one per skipped item or note.

An article row holds the article's fields flat (to filter and group on without parsing JSON), the number
of things found of each kind, and `analysis`: the article's line of `newsbrief analyse`, exactly
(newsbrief.render.json.analysis_line, without its newline), which is what a later stage reads back, with
`found` beside it: the story-level evidence (newsbrief.analyse.found) that lets briefs follow the batch
without analysing the articles again.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsbrief.analyse.found import found_from_dict, found_to_dict
from newsbrief.model import Analysis
from newsbrief.render.json import analysis_line

ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("outlet", pa.string()), ("byline", pa.string()), ("published", pa.string()),
    ("published_inferred", pa.bool_()), ("dateline_place", pa.string()), ("dateline_agency", pa.string()),
    ("text", pa.string()), ("chars", pa.int32()), ("sentences", pa.int32()), ("times", pa.int32()),
    ("entities", pa.int32()), ("quotes", pa.int32()), ("figures", pa.int32()), ("places", pa.int32()),
    ("analysis", pa.string()), ("found", pa.string()),
    ("part", pa.int32()), ("seq", pa.int32()),      # input order: partition, then position in it
])

ERROR_SCHEMA = pa.schema([("source", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
                          ("skipped", pa.bool_())])


def article_row(analysis: Analysis, part: int, seq: int) -> dict:
    a = analysis.article
    return {
        "id": a.id, "source": a.source, "url": a.url, "title": a.title, "outlet": a.outlet, "byline": a.byline,
        "published": a.published, "published_inferred": a.published_inferred,
        "dateline_place": a.dateline.place if a.dateline else None,
        "dateline_agency": a.dateline.agency if a.dateline else None,
        "text": a.text, "chars": len(a.text), "sentences": len(analysis.sentences), "times": len(analysis.times),
        "entities": len(analysis.entities), "quotes": len(analysis.quotes), "figures": len(analysis.figures),
        "places": len(analysis.places), "analysis": analysis_line(analysis).rstrip("\n"),
        "found": json.dumps(found_to_dict(analysis.found), ensure_ascii=False, separators=(",", ":")),
        "part": part, "seq": seq,
    }


def error_row(source: str, reason: str, stage: str, skipped: bool = True) -> dict:
    """stage: read, clean or analyse (the item was skipped there), or note (a warning; the item was used)."""
    return {"source": source, "stage": stage, "reason": reason, "skipped": skipped}


class PartWriter:
    """Rows of one partition, written a row group at a time to a temporary name, renamed when closed
    (a task that is run again after a worker died rewrites its file whole)."""

    def __init__(self, path: Path, part: int):
        self.path, self.part = path, part
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.rows = 0
        self._buffer: list[dict] = []
        self._writer: pq.ParquetWriter | None = None

    def add(self, analysis: Analysis) -> None:
        self._buffer.append(article_row(analysis, self.part, self.rows))
        self.rows += 1

    def flush(self) -> None:
        if not self._buffer:
            return
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.tmp, ARTICLE_SCHEMA, compression="zstd")
        self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=ARTICLE_SCHEMA))
        self._buffer.clear()

    def close(self) -> None:
        self.flush()
        if self._writer is not None:
            self._writer.close()
            os.replace(self.tmp, self.path)


def write_errors(path: Path, rows: list[dict]) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=ERROR_SCHEMA), path, compression="zstd")


def read_articles(folder: str | Path, columns: list[str] | None = None) -> pa.Table:
    """The article rows of a batch output, in input order."""
    table = pq.read_table(Path(folder) / "articles", columns=None if columns is None else
                          sorted(set(columns) | {"part", "seq"}, key=ARTICLE_SCHEMA.names.index),
                          schema=ARTICLE_SCHEMA)
    return table.sort_by([("part", "ascending"), ("seq", "ascending")])


def read_analyses(folder: str | Path, batch_size: int = 256, with_found: bool = False) -> Iterator[Analysis]:
    """The batch's analyses back as the data model, in input order, a few hundred rows in memory at a
    time: what story grouping and briefs read after a batch. `with_found` adds the story-level evidence a
    brief needs (`Analysis.found`; without it, as for any `analyse` line read back, it is None)."""
    from newsbrief.store.codec import analysis_from_dict

    columns = ["analysis", "found"] if with_found else ["analysis"]
    for file in sorted((Path(folder) / "articles").glob("part-*.parquet")):
        for batch in pq.ParquetFile(file).iter_batches(columns=columns, batch_size=batch_size):
            lines = batch.column(0).to_pylist()
            found = batch.column(1).to_pylist() if with_found else [None] * len(lines)
            for line, evidence in zip(lines, found, strict=True):
                analysis = analysis_from_dict(json.loads(line))
                analysis.found = found_from_dict(json.loads(evidence)) if evidence else None
                yield analysis
