"""TIMEX3 values in words, for people: "2017-11-17" -> "Fri 17 Nov 2017", "2017-W45" -> "week of 6 Nov 2017"."""
from __future__ import annotations

import re
from datetime import date

from newsbrief.analyse.times.calendar import period_of

PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "MI": "midday"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def short_day(d: date, year: bool = False) -> str:
    """A day in words: "Sun 16 Mar", with year "Sun 16 Mar 2025"."""
    return f"{d:%a} {d.day} {d:%b}" + (f" {d.year}" if year else "")


def describe(value: str) -> str:
    period = period_of(value)
    if period is None:
        return value
    d: date = period.first
    if period.unit == "day":
        text = short_day(d, year=True)
        if m := re.search(r"T(MO|AF|EV|NI|MI)$", value):
            text += f", {PARTS[m[1]]}"
        elif m := re.search(r"T(\d\d:\d\d)", value):
            text += ", midnight" if m[1] == "24:00" else f", {m[1]}"   # TIMEX3's end of the day
        return text
    if period.unit == "week":
        return (f"weekend of {d.day} {d:%b %Y}" if value.endswith("-WE")
                else f"week of {d.day} {d:%b %Y}")
    if period.unit == "month":
        return f"{d:%B %Y}"
    if period.unit == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if period.unit == "season":
        return f"{SEASONS[value[-2:]]} {value[:4]}"
    if period.unit == "half":
        return f"{'first' if value.endswith('H1') else 'second'} half of {d.year}"
    if period.unit == "year":
        return str(d.year)
    if period.unit == "decade":
        return f"the {d.year}s"
    return value
