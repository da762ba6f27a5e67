"""Metadata lines: title, byline, publication date lines and datelines ("Beirut (AFP) Nov 11, 2017",
"HABBANIYAH: Iraqi forces ...", "ZAGREB, March 19 (ZEP) - ...")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.clean.stamps import TIME_FORM, find_date, find_day_month, parse_stamp
from newsbrief.clean.vocab import normalise, vocabulary

# A title glued to a date label, as some exports write it: "date 2017-11-11 IS recaptures ...".
DATE_LABEL_PREFIX = re.compile(r"^\s*(?:date|published|posted)\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})\s+", re.I)
BYLINE = re.compile(r"^(?:by|written by|words by|author:?)\s+(?P<rest>\S.*)$", re.I)
# "Beirut (AFP) Nov 11, 2017" on a line of its own.
DATELINE_LINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.\-]*(?: [\w'’.\-]+){0,3}?)(?:,\s*(?P<region>[A-Z][\w'’.\- ]{1,30}?))?"
    r"\s*\((?P<agency>[^()]{1,30})\)\s*[-—–:]?\s*(?P<date>[^()]{0,40})$")
# "HABBANIYAH: ", "ZAGREB, March 19 (ZEP) - ", "WASHINGTON (AP) _ " at the start of the first paragraph.
INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}|[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+)?))??"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()]{1,25})\))?\s*(?P<sep>:|--|—|–|-|_)\s+(?=[\"“‘'A-Z0-9])")


@dataclass
class Byline:
    names: str | None
    agency: str | None
    outlet: str | None
    published: str | None


@dataclass
class DatelineFound:
    place: str | None
    agency: str | None
    date: str | None       # ISO date, or "XXXX-MM-DD" when the dateline gives no year
    end: int = 0           # for an inline dateline: where the paragraph's own text begins


def strip_date_label(line: str) -> tuple[str, str | None]:
    """A title with a glued date label: the title and the ISO date."""
    m = DATE_LABEL_PREFIX.match(line)
    if not m:
        return line, None
    return line[m.end():].strip(), m.group("date")


def is_date_line(line: str) -> str | None:
    """The published stamp when the line is nothing but a date stamp and labels, else None.

    "11 November, 2017", "Published: 27th October 2017 01:13 AM | Last Updated: ... | A+A-"."""
    stamp = parse_stamp(line)
    if not stamp:
        return None
    rest = line
    while (found := find_date(rest)) is not None:
        _, start, end = found
        rest = rest[:start] + " " + rest[end:]
    rest = TIME_FORM.sub(" ", rest)
    labels = vocabulary().date_labels
    leftover = normalise(rest)
    for label in sorted(labels, key=len, reverse=True):
        leftover = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", leftover)
    words = re.findall(r"[a-z]{2,}", leftover)
    if len(words) > 1:
        return None
    published = _published_part(line)
    return published or stamp.value


def _published_part(line: str) -> str | None:
    """Of "Updated: X | Published: Y", the stamp that follows "published"/"posted"."""
    m = re.search(r"\b(published|posted|first published)\b\s*:?", line, re.I)
    if not m:
        return None
    stamp = parse_stamp(line[m.end():])
    return stamp.value if stamp else None


def parse_byline(line: str) -> Byline | None:
    m = BYLINE.match(line.strip())
    if not m:
        return None
    rest = m.group("rest")
    stamp = parse_stamp(rest)
    if stamp:
        rest = rest[:stamp.start]
    if len(rest.split()) > 12 or rest.rstrip().endswith((".", "!", "?")) and len(rest.split()) > 5:
        return None
    names, agency, outlet = [], None, None
    parts = [p.strip() for p in re.split(r"\s*(?:\||/|•|·|,|\s{2,}|\u00a0{1,}|\band\b)\s*", rest) if p and p.strip()]
    for i, part in enumerate(parts):
        if vocabulary().is_agency(part) and agency is None:
            agency = part
        elif i > 0 and re.split(r"\s*\|\s*", rest, maxsplit=1)[-1].strip() == part and "|" in rest:
            outlet = part
        elif re.search(r"[A-Za-z]", part):
            names.append(_fix_caps(part))
    return Byline(", ".join(names) or None, agency, outlet, stamp.value if stamp else None)


def _fix_caps(name: str) -> str:
    """"Maya GEBEILY" -> "Maya Gebeily": shouted surnames are a house style, not the name."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())


def _place(text: str) -> str:
    text = text.strip(" ,")
    return _fix_caps(text) if text.isupper() else text


def _dateline_date(text: str | None, year: int | None) -> str | None:
    if not text:
        return None
    found = find_date(text)
    if found:
        return found[0].isoformat()
    return find_day_month(text, year)


def parse_dateline_line(line: str, year: int | None = None) -> DatelineFound | None:
    m = DATELINE_LINE.match(line.strip())
    if not m:
        return None
    date_text = m.group("date").strip()
    date = _dateline_date(date_text, year)
    if date_text and not date:
        return None
    agency = m.group("agency").strip()
    if not (vocabulary().is_agency(agency) or date):
        return None
    return DatelineFound(_place(m.group("place")), agency, date)


# Shouted labels that open a paragraph the way a dateline does, but name no place.
KICKERS = frozenset("""new update updated breaking exclusive watch video photos analysis opinion editorial comment
correction note live alert urgent developing flash bulletin advisory editors editor's""".split())


def parse_inline_dateline(paragraph: str, year: int | None = None) -> DatelineFound | None:
    m = INLINE_DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    if place.lower() in KICKERS:
        return None
    shouted = place.isupper() and len(place.replace(" ", "")) >= 3
    if not (shouted or m.group("agency") or m.group("date")):
        return None
    if m.group("agency") and not vocabulary().is_agency(m.group("agency")) and not m.group("date"):
        return None
    return DatelineFound(_place(place), m.group("agency"), _dateline_date(m.group("date"), year), m.end())


def is_headline_shaped(line: str) -> bool:
    """A title: short, and not ending like a sentence (headlines drop the full stop)."""
    words = line.split()
    return 1 <= len(words) <= 25 and not line.rstrip(" \"”’'").endswith((".", ";", ","))
