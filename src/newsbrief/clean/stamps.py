"""Publication stamps: "11 November, 2017", "Nov 11, 2017", "November 17, 2017 | 05:57 pm PT",
"27th October 2017 01:13 AM", "2017-11-11T08:30:00+01:00".

A stamp becomes "YYYY-MM-DD", "YYYY-MM-DDThh:mm" or "YYYY-MM-DDThh:mm±hh:mm": the precision the text
gives, never more. Zone abbreviations are resolved for the stamp's own date, so "PT" in November is
-08:00 and in July -07:00.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

DATE_FORMS = [
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)", re.I),                 # 2017-11-11
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),                         # Nov 11, 2017
    re.compile(_WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR, re.I),               # 11 November, 2017
    re.compile(r"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)"),                   # 11.11.2017
    re.compile(r"(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"),                     # 11/17/2017 (US)
]
# A date with no year, as in the dateline "ZAGREB, March 19 (ZEP) -".
DAY_MONTH_FORMS = [
    re.compile(_MONTH + r"\s+" + _DAY + r"\b", re.I),
    re.compile(_DAY + r"\s+" + _MONTH + r"\b", re.I),
]
TIME_FORM = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?!\d)"
    r"(?:\s*\(?(?P<zone>[A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d\d)?)?|[+-]\d\d:?\d\d|Z)\)?)?",
    re.I,
)

# Abbreviations that name a region with daylight saving are resolved through the tz database.
ZONES = {
    "PT": "America/Los_Angeles", "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "UK": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris", "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
}
FIXED_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 60, "WET": 0, "PST": -480, "PDT": -420, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "IST": 330, "PKT": 300, "MSK": 180, "AST": 180,
    "GST": 240, "SGT": 480, "HKT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "WIB": 420,
    "ICT": 420, "EAT": 180, "WAT": 60, "CAT": 120, "SAST": 120, "NZST": 720, "NZDT": 780,
}


@dataclass(frozen=True)
class Stamp:
    value: str          # ISO 8601 at the precision found
    start: int          # span of the date part in the searched text
    end: int


def _month(m: re.Match) -> int:
    if m.groupdict().get("mnum"):
        return int(m.group("mnum"))
    return MONTHS[m.group("month").lower().rstrip(".")]


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first full calendar date (with a year) in `text`, with its span."""
    found = []
    for form in DATE_FORMS:
        for m in form.finditer(text):
            try:
                found.append((m.start(), date(int(m.group("year")), _month(m), int(m.group("day"))), m.end()))
            except ValueError:
                continue
            break
    if not found:
        return None
    start, d, end = min(found)
    return d, start, end


def find_day_month(text: str, year: int | None) -> str | None:
    """A date without a year: "YYYY-MM-DD" when the year is known, else "XXXX-MM-DD"."""
    for form in DAY_MONTH_FORMS:
        m = form.search(text)
        if m:
            month, day = _month(m), int(m.group("day"))
            if not 1 <= day <= 31:
                continue
            return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    return None


def _offset(zone: str | None, when: datetime) -> str | None:
    if not zone:
        return None
    zone = zone.upper()
    minutes: int | None = None
    sign_match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", zone)
    if sign_match:
        sign, hh, mm = sign_match.groups()
        minutes = (int(hh) * 60 + int(mm or 0)) * (1 if sign == "+" else -1)
    elif zone in ZONES:
        delta = when.replace(tzinfo=ZoneInfo(ZONES[zone])).utcoffset()
        minutes = int(delta.total_seconds() // 60) if delta is not None else None
    elif zone in FIXED_OFFSETS:
        minutes = FIXED_OFFSETS[zone]
    if minutes is None:
        return None
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_stamp(text: str) -> Stamp | None:
    """A publication stamp in `text`: its date, and its time and zone when they follow the date."""
    found = find_date(text)
    if not found:
        return None
    d, start, end = found
    value = d.isoformat()
    tm = TIME_FORM.search(text, end, min(len(text), end + 40))
    if tm and not re.search(r"[A-Za-z]{3,}", text[end:tm.start()].replace("at", "").replace("updated", "")):
        hour, minute = int(tm.group("hour")), int(tm.group("minute"))
        ampm = (tm.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24:
            when = datetime(d.year, d.month, d.day, hour, minute)
            value = when.strftime("%Y-%m-%dT%H:%M")
            offset = _offset(tm.group("zone"), when)
            if offset:
                value += offset
            end = tm.end()
    return Stamp(value, start, end)


def normalise_published(value: str) -> str | None:
    """An ISO 8601 date or datetime as given in metadata, in the contract's form; None if unreadable."""
    value = value.strip()
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        stamp = parse_stamp(value)
        return stamp.value if stamp else None
    if len(value) <= 10:
        return when.date().isoformat()
    out = when.strftime("%Y-%m-%dT%H:%M" + (":%S" if when.second else ""))
    if when.utcoffset() is not None:
        offset: timedelta = when.utcoffset()  # type: ignore[assignment]
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        out += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return out
