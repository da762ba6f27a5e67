"""Web pages: trafilatura takes the main text and the page's metadata."""
from __future__ import annotations

import dataclasses

import trafilatura

from newsbrief.clean.stamps import normalise_published
from newsbrief.errors import UnusableItem
from newsbrief.model import RawDocument

# Ask htmldate (inside trafilatura) for the original publication time, not just the day.
DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def extract_html(raw: RawDocument) -> RawDocument:
    """The page's article text, with title, outlet, author, date and URL from its metadata."""
    doc = trafilatura.bare_extraction(
        raw.html, url=raw.url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=DATE_PARAMS)
    text = (doc.text if doc is not None else "") or ""
    if len(text.split()) < 5:
        raise UnusableItem("HTML page with no article text in it")
    # trafilatura puts one paragraph per line; blank lines make the paragraphs explicit
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    published = raw.published or (normalise_published(_iso_offset(doc.date)) if doc.date else None)
    return dataclasses.replace(
        raw, text=text, html=None, title=raw.title or doc.title, outlet=raw.outlet or doc.sitename,
        byline=raw.byline or doc.author, url=raw.url or doc.url, published=published)


def _iso_offset(value: str) -> str:
    # htmldate writes "+0100"; ISO 8601 as datetime.fromisoformat reads it wants "+01:00"
    if len(value) > 5 and value[-5] in "+-" and value[-4:].isdigit():
        return value[:-2] + ":" + value[-2:]
    return value
