"""Places: toponyms found in an article (detect.py) and resolved to gazetteer entries (resolve.py).

`analyse` resolves each article on its own; the brief resolves the story's toponyms again together, so
that one article's "Rawa, in Anbar province" helps another's bare "Rawa".
"""
from __future__ import annotations

import re
from collections import Counter

from newsbrief.analyse.places.detect import Toponym, find_toponyms
from newsbrief.analyse.places.resolve import resolve
from newsbrief.gazetteer import Entry, Gazetteer
from newsbrief.model import PlaceMention

__all__ = ["Toponym", "find_toponyms", "resolve", "country_evidence", "mention"]

_WORD = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")


def country_evidence(text: str, gazetteer: Gazetteer, dateline: str | None = None) -> Counter:
    """Countries a text points at without naming them as places: demonyms ("Iraqi forces") and the dateline."""
    found: Counter = Counter()
    for match in _WORD.finditer(text):
        country = gazetteer.demonym(match.group(0))
        if country:
            found[country] += 0.5
    if dateline:
        entries = gazetteer.lookup(dateline)
        if entries:
            top = max(entries, key=lambda e: (e.is_country, e.population))
            if top.country:
                found[top.country] += 3
    return found


def mention(toponym: Toponym, entry: Entry) -> PlaceMention:
    return PlaceMention(start=toponym.start, end=toponym.end, text=toponym.text, name=entry.name,
                        lat=entry.lat, lon=entry.lon, country=entry.country or None, geonames_id=entry.geonames_id)
