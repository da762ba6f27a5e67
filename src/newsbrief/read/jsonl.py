"""JSON Lines (one article per line) and JSON documents (an article object or a list of them).

Fields (CONTRACT.md): id, url, title, outlet, published, text | html. Common export spellings are
accepted too (date, date_published, source, sitename, content, body); every other field is kept as
metadata.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsbrief.clean.stamps import normalise_published
from newsbrief.errors import UnusableItem
from newsbrief.model import RawDocument, Skipped
from newsbrief.read.decode import MAX_ITEM_BYTES, decode

ALIASES = {
    "published": ("published", "date_published", "published_at", "datetime", "date_time", "date", "pubdate"),
    "outlet": ("outlet", "sitename", "site_name", "source", "publisher"),
    "text": ("text", "content", "body", "maintext"),
    "byline": ("byline", "author", "authors"),
}


def read_jsonl(stream: BinaryIO, source: str, stem: str) -> Iterator[RawDocument | Skipped]:
    for number, line in enumerate(_lines(stream), 1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > MAX_ITEM_BYTES:
            yield Skipped(where, f"line too long ({len(line) / 1024 / 1024:.1f} MB)")
            continue
        try:
            text, _ = decode(line)
            record = json.loads(text)
        except UnusableItem as err:
            yield Skipped(where, err.reason)
            continue
        except json.JSONDecodeError as err:
            yield Skipped(where, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        yield _from_record(record, where, f"{stem}-{number}")


def read_json_document(text: str, source: str, stem: str) -> Iterator[RawDocument | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if "\n{" in text:   # JSON Lines under another name
            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), source, stem)
            return
        yield Skipped(source, f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        where = source if len(records) == 1 else f"{source}[{number - 1}]"
        yield _from_record(record, where, stem if len(records) == 1 else f"{stem}-{number}")


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines in bounded pieces, so that one enormous line cannot exhaust memory: an over-long line
    is yielded cut at the limit (the caller reports it by its length) and the rest is dropped."""
    while line := stream.readline(MAX_ITEM_BYTES + 1):
        if len(line) > MAX_ITEM_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_ITEM_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield line


def _pick(record: dict, field: str) -> tuple[str | None, Any]:
    for key in ALIASES[field]:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return key, value
    return None, None


def _from_record(record: Any, where: str, default_id: str) -> RawDocument | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, f"not a JSON object (a {type(record).__name__})")
    text_key, text = _pick(record, "text")
    html = record.get("html") if isinstance(record.get("html"), str) and record["html"].strip() else None
    if text is None and html is None:
        return Skipped(where, "no text: the object has no non-empty 'text' or 'html' field")
    notes = []
    published_key, published_raw = _pick(record, "published")
    published = normalise_published(published_raw) if published_raw else None
    if published_raw and not published:
        notes.append(f"unreadable '{published_key}' value {published_raw!r} ignored")
    outlet_key, outlet = _pick(record, "outlet")
    byline_key, byline = _pick(record, "byline")
    used = {"id", "url", "title", "html", text_key, published_key, outlet_key, byline_key}
    return RawDocument(
        source=where,
        id=str(record["id"]) if record.get("id") not in (None, "") else default_id,
        text=text if html is None or text is not None else None,
        html=html if text is None else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        outlet=outlet,
        byline=byline,
        published=published,
        metadata={k: v for k, v in record.items() if k not in used},
        notes=notes,
    )
