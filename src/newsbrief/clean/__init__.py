"""Cleaning: boilerplate out, metadata in. RawDocument -> Article.

Web pages go through trafilatura first (main text and page metadata); plain text, and the text
trafilatura returns, go through `clean_text`, which removes the clutter line by line and records each
removal with its reason. Lines that several articles repeat are evidence of boilerplate, so
`clean_all` counts them across the batch before cleaning each article.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from newsbrief.clean.html import extract_html
from newsbrief.clean.text import Cleaned, clean_text, short_label_lines
from newsbrief.errors import UnusableItem
from newsbrief.model import Article, Dateline, RawDocument, Skipped

__all__ = ["clean_article", "clean_all", "clean_text", "repeated_lines"]


def repeated_lines(raws: Iterable[RawDocument]) -> frozenset[str]:
    """Short non-sentence lines found in two or more articles: site furniture, not reporting."""
    counts: Counter[str] = Counter()
    for raw in raws:
        if raw.text:
            counts.update(short_label_lines(raw.text))
    return frozenset(line for line, n in counts.items() if n >= 2)


def clean_all(raws: list[RawDocument], progress: Callable[[int, int], None] | None = None) -> list[Article | Skipped]:
    """Every item cleaned, in order; an item that cannot be used becomes a Skipped.

    `progress(done, total)` is called as items are cleaned, for long runs."""
    extracted: list[RawDocument | Skipped] = []
    for raw in raws:
        try:
            extracted.append(extract_html(raw) if raw.html is not None else raw)
        except UnusableItem as err:
            extracted.append(Skipped(raw.source, err.reason))
    repeated = repeated_lines(r for r in extracted if isinstance(r, RawDocument))
    out: list[Article | Skipped] = []
    for done, item in enumerate(extracted, 1):
        if progress:
            progress(done, len(extracted))
        if isinstance(item, Skipped):
            out.append(item)
            continue
        try:
            out.append(clean_article(item, repeated))
        except UnusableItem as err:
            out.append(Skipped(item.source, err.reason))
    return out


def clean_article(raw: RawDocument, repeated: frozenset[str] = frozenset()) -> Article:
    if raw.html is not None and raw.text is None:
        raw = extract_html(raw)
    if not (raw.text or "").strip():
        raise UnusableItem("no text")
    cleaned: Cleaned = clean_text(raw.text or "", title=raw.title, repeated=repeated)
    if not cleaned.text.strip():
        raise UnusableItem("no article text left after removing clutter")
    dateline = None
    if cleaned.dateline or cleaned.agency:
        found = cleaned.dateline
        dateline = Dateline(place=found.place if found else None,
                            agency=(found.agency if found else None) or cleaned.agency,
                            date=found.date if found else None)
    return Article(
        id=raw.id or raw.source,
        source=raw.source,
        title=raw.title or cleaned.title,
        outlet=raw.outlet or cleaned.outlet,
        byline=raw.byline or cleaned.byline,
        published=raw.published or cleaned.published,
        dateline=dateline,
        text=cleaned.text,
        removed=cleaned.removed,
        url=raw.url,
        metadata=raw.metadata,
    )
