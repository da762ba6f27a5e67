"""Calendar arithmetic and TIMEX3 value formats: days, ISO weeks, months, quarters, seasons, decades.

A `Point` is a date at a granularity; `value()` writes it the way TIMEX3 does ("2017-11-11",
"2017-W45", "2017-11", "2017-Q4", "2017-SU", "2017", "201" for the 2010s). `period_of` reads such a
value back as the span of days it covers.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

GRANULARITIES = ("day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century")
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                "overnight": "NI", "midday": "MI", "noon": "MI", "dawn": "MO", "daybreak": "MO", "dusk": "EV"}


@dataclass(frozen=True)
class Point:
    """A calendar point: `day` is any date inside it; `unit` says how much of it the text gives."""

    day: date
    unit: str = "day"
    part: str | None = None          # part of day: MO, AF, EV, NI
    season: str | None = None        # for unit "season"

    def value(self) -> str:
        d = self.day
        if self.unit == "day":
            return d.isoformat() + (f"T{self.part}" if self.part else "")
        if self.unit in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.unit == "weekend" else "")
        if self.unit == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.unit == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.unit == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.unit == "season":
            return f"{d.year:04d}-{self.season}"
        if self.unit == "year":
            return f"{d.year:04d}"
        if self.unit == "decade":
            return f"{d.year // 10:03d}"
        if self.unit == "century":
            return f"{d.year // 100:02d}"
        raise ValueError(self.unit)


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """`d` moved by n units (negative for the past)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "half":
        return add_months(d, 6 * n)
    if unit == "season":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    raise ValueError(unit)


def season_of(d: date) -> tuple[int, str]:
    """The season a date falls in, with the year TIMEX3 gives it (December belongs to its own winter)."""
    code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")
    year = d.year - 1 if d.month in (1, 2) else d.year
    return year, code


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class Period:
    """A TIMEX3 calendar value as a span of days, for ordering and for the background test."""

    value: str
    unit: str
    first: date
    last: date


def period_of(value: str) -> Period | None:
    """The days a calendar value covers; None for durations, REFs and values with unknown parts."""
    if "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Period(value, "day", d, d)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(value, "week", monday + timedelta(days=5 if m[3] else 0), monday + timedelta(days=6))
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            first = date(int(m[1]), int(m[2]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return Period(value, "month", first, nxt - timedelta(days=1))
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            first = date(int(m[1]), 3 * int(m[2]) - 2, 1)
            last = date(int(m[1]), 12, 31) if m[2] == "4" else date(int(m[1]), 3 * int(m[2]) + 1, 1) - timedelta(days=1)
            return Period(value, "quarter", first, last)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            month = SEASON_START_MONTH[m[2]]
            first = date(int(m[1]), month, 1)
            return Period(value, "season", first, first + timedelta(days=90))
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            year = int(m[1])
            return Period(value, "half", date(year, 1 if m[2] == "1" else 7, 1),
                          date(year, 6, 30) if m[2] == "1" else date(year, 12, 31))
        if re.fullmatch(r"\d{4}", value):
            return Period(value, "year", date(int(value), 1, 1), date(int(value), 12, 31))
        if re.fullmatch(r"\d{3}", value):
            return Period(value, "decade", date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31))
    except ValueError:
        return None
    return None
