"""Input partitions for `newsbrief batch`: which pieces of which files each task reads, and reading one.

A partition is a byte block of a JSON Lines file (a line belongs to the block its first byte lies in),
a run of row groups of a Parquet file, a whole WARC file (a gzipped WARC cannot be split without an index)
or a handful of other files (.txt, .html, .json). Planning runs on the client and reads only file sizes,
Parquet footers, and the JSON Lines files once to number their lines, so that every item gets the same
source (`path:line`) and default id (`stem-line`) as `newsbrief analyse` gives it.

Reading a partition goes through newsbrief.read's own functions; nothing here parses an article.
"""
from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsbrief.errors import UnusableItem, UsageError
from newsbrief.model import RawDocument, Skipped
from newsbrief.read import KNOWN_SUFFIXES, read_path
from newsbrief.read.decode import check_size, declared_charset, decode
from newsbrief.read.jsonl import read_json_document, read_jsonl

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FILES_PER_PART = 200          # plain files (.txt, .html, .json) read by one task at most
_COUNT_CHUNK = 1 << 20


@dataclass(frozen=True)
class Part:
    number: int
    kind: str                       # "jsonl", "parquet", "warc" or "files"
    path: str = ""                  # the file (jsonl, parquet, warc)
    start: int = 0                  # jsonl: first byte; parquet: first row group
    end: int = 0                    # jsonl: end byte (exclusive); parquet: row group end (exclusive)
    first: int = 1                  # jsonl: number of the block's first line; parquet: of its first row
    files: tuple[str, ...] = ()     # kind "files"

    def __str__(self) -> str:
        if self.kind == "files":
            return f"{len(self.files)} file(s) from {self.files[0]}"
        return f"{self.path} [{self.start}:{self.end}]" if self.kind in ("jsonl", "parquet") else self.path


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _wanted(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in KNOWN_SUFFIXES or suffix in PARQUET_SUFFIXES or is_warc(path)


def input_files(inputs: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """The files behind the inputs, folders walked recursively in name order (hidden entries left out,
    as `newsbrief analyse` does); Parquet and WARC files are taken besides what newsbrief.read reads."""
    files: list[Path] = []
    missing: list[Skipped] = []
    for name in inputs:
        if name == "-":
            raise UsageError("batch reads files and folders, not standard input")
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                missing.append(Skipped(name, "folder holds no .jsonl, .parquet, .warc, .txt, .html or .json files"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(Skipped(name, "no such file or folder"))
    return files, missing


def plan(inputs: Iterable[str], blocksize: int | None = None, workers: int = 2) -> tuple[list[Part], list[Skipped]]:
    """Partitions over the inputs, in input order. `blocksize` (bytes) bounds a JSON Lines block and a
    Parquet run of row groups; by default the input is cut in about four blocks per worker (so that a
    slow block does not leave a worker idle), between 256 KiB and 64 MiB each."""
    files, skipped = input_files(inputs)
    if blocksize is None:
        total = sum(p.stat().st_size for p in files)
        blocksize = min(64 << 20, max(256 << 10, total // max(1, 4 * workers)))
    parts: list[Part] = []
    loose: list[str] = []

    def add(**fields) -> None:
        parts.append(Part(number=len(parts), **fields))

    def flush_loose() -> None:
        for i in range(0, len(loose), FILES_PER_PART):
            add(kind="files", files=tuple(loose[i:i + FILES_PER_PART]))
        loose.clear()

    for path in files:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES or suffix in PARQUET_SUFFIXES or is_warc(path):
            flush_loose()
        if suffix in JSONL_SUFFIXES:
            for start, end, first in jsonl_blocks(path, blocksize):
                add(kind="jsonl", path=str(path), start=start, end=end, first=first)
        elif suffix in PARQUET_SUFFIXES:
            try:
                runs = parquet_runs(path, blocksize)
            except Exception as err:  # noqa: BLE001 - pyarrow's errors for a file that is not Parquet
                skipped.append(Skipped(str(path), f"not a readable Parquet file ({err})"))
                continue
            for start, end, first in runs:
                add(kind="parquet", path=str(path), start=start, end=end, first=first)
        elif is_warc(path):
            add(kind="warc", path=str(path))
        else:
            loose.append(str(path))
    flush_loose()
    return parts, skipped


def jsonl_blocks(path: Path, blocksize: int) -> list[tuple[int, int, int]]:
    """(start, end, number of the first line) of each block, cut at line starts."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as f:
        for target in range(blocksize, size, blocksize):
            if target <= cuts[-1]:
                continue
            f.seek(target - 1)
            f.readline()                  # to the end of the line that holds byte target-1
            if f.tell() < size:
                cuts.append(f.tell())
        cuts.append(size)
        blocks, line = [], 1
        for start, end in itertools.pairwise(cuts):
            if end > start:
                blocks.append((start, end, line))
                f.seek(start)
                left = end - start
                while left > 0:
                    chunk = f.read(min(_COUNT_CHUNK, left))
                    line += chunk.count(b"\n")
                    left -= len(chunk)
    return blocks or [(0, 0, 1)]


def parquet_runs(path: Path, blocksize: int) -> list[tuple[int, int, int]]:
    """(first row group, end row group, number of the first row) of runs of row groups about
    `blocksize` bytes (uncompressed) each."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    runs, start, row, size, first = [], 0, 1, 0, 1
    for g in range(meta.num_row_groups):
        size += meta.row_group(g).total_byte_size
        row += meta.row_group(g).num_rows
        if size >= blocksize or g == meta.num_row_groups - 1:
            runs.append((start, g + 1, first))
            start, size, first = g + 1, 0, row
    return runs


# ---------------------------------------------------------------- reading a partition

def read_part(part: Part) -> Iterator[RawDocument | Skipped]:
    """Every item of the partition, in order, as newsbrief.read gives them."""
    if part.kind == "jsonl":
        yield from _read_jsonl_block(part)
    elif part.kind == "parquet":
        yield from _read_parquet_run(part)
    elif part.kind == "warc":
        yield from read_warc(Path(part.path))
    else:
        for name in part.files:
            yield from read_path(Path(name))


def _read_jsonl_block(part: Part) -> Iterator[RawDocument | Skipped]:
    path = Path(part.path)
    try:
        with path.open("rb") as f:
            f.seek(part.start)
            data = f.read(part.end - part.start)
    except OSError as err:
        yield Skipped(part.path, f"cannot read: {err.strerror or err}")
        return
    # read_jsonl numbers lines from 1 and skips blank ones: leading newlines give this block's lines the
    # numbers (and so the sources and default ids) they have in the whole file.
    yield from read_jsonl(io.BytesIO(b"\n" * (part.first - 1) + data), part.path, path.stem)


def _read_parquet_run(part: Part) -> Iterator[RawDocument | Skipped]:
    import pyarrow.parquet as pq

    path = Path(part.path)
    try:
        table = pq.ParquetFile(path).read_row_groups(list(range(part.start, part.end)))
    except Exception as err:  # noqa: BLE001 - a damaged row group: the run is lost, the batch goes on
        yield Skipped(f"{part.path}:{part.first}", f"unreadable Parquet row groups {part.start}-{part.end - 1} ({err})")
        return
    for number, record in enumerate(table.to_pylist(), part.first):
        where = f"{part.path}:{number}"
        try:
            text = json.dumps(record, ensure_ascii=False, default=_json_value)
        except (TypeError, ValueError) as err:
            yield Skipped(where, f"row not representable as JSON ({err})")
            continue
        # the row is an article object: read exactly as a .json article with this source and default id
        yield from read_json_document(text, where, f"{path.stem}-{number}")


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path) -> Iterator[RawDocument | Skipped]:
    """The HTML (and plain-text) responses of a WARC file; other records (requests, metadata, images,
    redirects) are not articles and are passed over silently. The WARC date is the crawl's, not the
    publication's, so it is not taken as `published`."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Skipped(str(path), "WARC input needs the warcio package (pip install warcio)")
        return
    number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.http_headers is not None and not record.http_headers.get_statuscode().startswith("2"):
                    continue
                headers = record.http_headers or record.rec_headers
                ctype = (headers.get_header("Content-Type") or "").lower()
                is_html = ctype.startswith(HTML_TYPES)
                if not is_html and not ctype.startswith("text/plain"):
                    continue
                number += 1
                where = f"{path}:{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    data = record.content_stream().read()
                    check_size(len(data))
                    declared = _charset(ctype) or (declared_charset(data) if is_html else None)
                    text, note = decode(data, declared)
                except UnusableItem as err:
                    yield Skipped(where, err.reason)
                    continue
                except Exception as err:  # noqa: BLE001 - a damaged payload (bad chunking or compression)
                    yield Skipped(where, f"unreadable record ({type(err).__name__}: {err})")
                    continue
                yield RawDocument(source=where, id=f"{path.name.split('.')[0]}-{number}", url=url,
                                  html=text if is_html else None, text=None if is_html else text,
                                  notes=[note] if note else [])
    except (ArchiveLoadFailed, OSError, EOFError) as err:
        yield Skipped(f"{path}:{number + 1}", f"WARC reading stopped: {err}")


def _charset(content_type: str) -> str | None:
    import codecs

    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.strip() == "charset" and value:
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                return None
    return None
