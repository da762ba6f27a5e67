"""Bytes to text: refuse binaries, detect the encoding, say so when a guess was needed."""
from __future__ import annotations

import codecs
import re
import unicodedata

from newsbrief.errors import UnusableItem

# A news article is never this large; a file that is, is a dump, a log or a mistake.
MAX_ITEM_BYTES = 10 * 1024 * 1024

_MAGIC = [
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"), (b"\x7fELF", "an executable"), (b"BZh", "bzip2-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a media file"), (b"\x00\x00\x00", "binary data"),
]
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def check_size(size: int) -> None:
    if size > MAX_ITEM_BYTES:
        raise UnusableItem(
            f"too large for one article ({size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_ITEM_BYTES // 1024 // 1024} MB); split it or pass it as JSON Lines")


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in its first bytes, when Python knows it."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """The text of `data` and a note when its encoding had to be guessed or repaired.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; then the charset a page
    declares, when the bytes are not UTF-8 and agree with it. Otherwise text that is
    mostly valid UTF-8 keeps UTF-8 with the bad bytes replaced; text with no UTF-8 in it is
    Windows-1252 (a superset of Latin-1's printable range), or Latin-1 where cp1252 leaves a byte
    undefined.
    """
    if not data.strip():
        raise UnusableItem("empty file" if not data else "no text (only whitespace)")
    if data.startswith(codecs.BOM_UTF8):
        return _check_text(data[3:].decode("utf-8", errors="replace")), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _check_text(data.decode("utf-16", errors="replace")), None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnusableItem(f"binary file ({what}), not text")
    if b"\x00" in data[:8192]:
        raise UnusableItem("binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8")), None
    except UnicodeDecodeError as err:
        first_bad = err.start
    if declared and declared != "utf-8":
        try:
            return _check_text(data.decode(declared)), None
        except UnicodeDecodeError:
            pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    if len(_UTF8_MULTIBYTE.findall(data)) > bad:
        return _check_text(replaced), f"invalid UTF-8 (first at byte {first_bad}); {bad} bad byte(s) replaced"
    try:
        return _check_text(data.decode("cp1252")), f"not UTF-8 (byte {first_bad}); read as Windows-1252"
    except UnicodeDecodeError:
        return _check_text(data.decode("latin-1")), f"not UTF-8 (byte {first_bad}); read as Latin-1"


def _check_text(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(sample) // 50):
        raise UnusableItem("binary file (mostly control characters), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnusableItem("no text (only whitespace)")
    return text
