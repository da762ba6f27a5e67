"""Reading inputs: files, folders (recursively), `-` for stdin. One module per format.

`read_inputs` yields a RawDocument for every usable item and a Skipped for every unusable one, so a
caller can report each bad item and go on.
"""
from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsbrief.errors import UnusableItem
from newsbrief.model import RawDocument, Skipped
from newsbrief.read.decode import MAX_ITEM_BYTES, check_size, declared_charset, decode
from newsbrief.read.jsonl import read_json_document, read_jsonl

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES

__all__ = ["read_inputs", "KNOWN_SUFFIXES"]


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[RawDocument | Skipped]:
    """Every item in `inputs`, in order. Folders are walked recursively in name order; inside a
    folder only files with a known suffix are read (README.md and the like are not articles)."""
    for name in inputs:
        if name == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "-")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Skipped(name, "folder holds no .txt, .html, .htm, .jsonl or .json files")
            for file in files:
                yield from read_path(file)
        elif path.exists():
            yield from read_path(path)
        else:
            yield Skipped(name, "no such file or folder")


def read_path(path: Path) -> Iterator[RawDocument | Skipped]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, source, path.stem)
            return
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except UnusableItem as err:
        yield Skipped(source, err.reason)
        return
    except OSError as err:
        yield Skipped(source, f"cannot read: {err.strerror or err}")
        return
    yield from _read_bytes(data, source, path.stem, suffix)


def read_stream(stream: BinaryIO, source: str) -> Iterator[RawDocument | Skipped]:
    """Standard input: JSON Lines when it starts with "{", else one article (text or HTML)."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    head = buffered.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        yield from read_jsonl(buffered, source, "stdin")
        return
    data = buffered.read(MAX_ITEM_BYTES + 1)
    try:
        check_size(len(data))
    except UnusableItem as err:
        yield Skipped(source, err.reason)
        return
    yield from _read_bytes(data, source, "stdin", "")


def _read_bytes(data: bytes, source: str, stem: str, suffix: str) -> Iterator[RawDocument | Skipped]:
    declared = declared_charset(data) if suffix in HTML_SUFFIXES or data[:1] == b"<" else None
    try:
        text, note = decode(data, declared)
    except UnusableItem as err:
        yield Skipped(source, err.reason)
        return
    notes = [note] if note else []
    kind = _kind(suffix, text)
    if kind == "json":
        yield from read_json_document(text, source, stem)
    elif kind == "html":
        yield RawDocument(source=source, id=stem, html=text, notes=notes)
    else:
        yield RawDocument(source=source, id=stem, text=text, notes=notes)


def _kind(suffix: str, text: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "text"
