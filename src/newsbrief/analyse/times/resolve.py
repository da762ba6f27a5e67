"""Placing an `Expr` on the calendar: its TIMEX3 type and value, given a reference date and tense.

`reference` is the date the article speaks from (its dateline or publication date); `event` is the
last day the text itself named, which "two days later" and "the same day" continue from. Tense
decides the direction of a bare weekday or month: "retook on Friday" is the last Friday on or before
the reference, "will meet on Monday" the next Monday after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from newsbrief.analyse.times import calendar as cal
from newsbrief.analyse.times.calendar import Point
from newsbrief.analyse.times.detect import Expr

DURATION_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "W",
                  "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
PAST_WORDS = ("last", "past", "previous", "prior", "preceding")
FUTURE_WORDS = ("next", "coming", "upcoming")


@dataclass(frozen=True)
class Resolved:
    type: str                 # DATE, TIME, DURATION, SET
    value: str
    anchor: str               # "absolute", "reference", "event", "none"
    point: Point | None = None


def resolve(e: Expr, reference: date | None, event: date | None, tense: str | None,
            last: Point | None = None) -> Resolved | None:
    """`last` is the last point the text named at any granularity ("June 1998" for "later that year")."""
    handler = _HANDLERS.get(e.kind)
    if handler is None:
        return None
    if e.kind in ("relative", "edge", "offset") and last is not None:
        return handler(e, reference, event, tense, last)
    return handler(e, reference, event, tense)


def _date(e, ref, event, tense):
    if e.year is not None:
        d = cal.safe_date(e.year, e.month, e.day)
        return _point(Point(d), "absolute") if d else None
    if ref is None:
        return Resolved("DATE", f"XXXX-{e.month:02d}-{e.day:02d}", "none")
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := cal.safe_date(y, e.month, e.day))]
    if e.weekday is not None and any(d.weekday() == e.weekday for d in options):
        options = [d for d in options if d.weekday() == e.weekday]
    return _point(Point(nearest_day(options, ref, tense)), "reference")


def nearest_day(options: list[date], ref: date, tense: str | None) -> date:
    """A day and month without a year: the nearest such day, unless it lies more than a week on the
    side the tense rules out and the other side's is within five months ("will meet on Feb. 10",
    written in late January of a year... is this year's). Tense is a weaker clue than nearness."""
    nearest = min(options, key=lambda d: abs((d - ref).days))
    later = [d for d in options if d >= ref]
    earlier = [d for d in options if d <= ref]
    if tense == "future" and (nearest - ref).days < -7 and later and (min(later) - ref).days <= 200:
        return min(later)
    if tense == "past" and (nearest - ref).days > 7 and earlier and (ref - max(earlier)).days <= 250:
        return max(earlier)
    return nearest


def _by_tense(options: list[date], ref: date, tense: str | None) -> date:
    """Of candidate dates, the one the tense points to; the nearest when tense says nothing."""
    if tense == "past" and (past := [d for d in options if d <= ref]):
        return max(past)
    if tense == "future" and (future := [d for d in options if d >= ref]):
        return min(future)
    return min(options, key=lambda d: abs((d - ref).days))


def _month(e, ref, event, tense):
    if e.year is not None:
        return _point(Point(date(e.year, e.month, 1), "month"), "absolute")
    if ref is None:
        return Resolved("DATE", f"XXXX-{e.month:02d}", "none")
    if e.rel and e.rel.startswith("year:"):
        year = ref.year + {"last": -1, "next": 1}.get(e.rel[5:], 0)
        return _point(Point(date(year, e.month, 1), "month"), "reference")
    options = [date(y, e.month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    this_month = ref.replace(day=1)
    if e.rel in PAST_WORDS:
        chosen = max(d for d in options if d < this_month)
    elif e.rel in FUTURE_WORDS:
        chosen = min(d for d in options if d > this_month)
    elif e.rel in ("this", "that"):
        chosen = date(ref.year, e.month, 1)
    else:
        nearest = min(options, key=lambda d: abs((d - this_month).days))
        # this month and its neighbours are what a report means, whatever the verb; further off, tense decides
        chosen = nearest if abs((nearest - this_month).days) <= 31 else _by_tense(options, this_month, tense)
    return _point(Point(chosen, "month"), "reference")


def _year(e, ref, event, tense):
    if e.label in ("H1", "H2"):
        return Resolved("DATE", f"{e.year:04d}-{e.label}", "absolute")
    return _point(Point(date(e.year, 1, 1), "year"), "absolute")


def _decade(e, ref, event, tense):
    return _point(Point(date(max(1, e.year), 1, 1), e.unit or "decade"), "absolute")


def _season(e, ref, event, tense):
    if e.year is not None:
        return _point(Point(date(e.year, cal.SEASON_START_MONTH[e.label], 1), "season", season=e.label), "absolute")
    if ref is None:
        return Resolved("DATE", f"XXXX-{e.label}", "none")
    starts = [date(y, cal.SEASON_START_MONTH[e.label], 1) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    current = cal.season_of(ref)
    if e.rel == "this" or (e.rel is None and tense is None):
        year = current[0] if current[1] == e.label else ref.year
        return Resolved("DATE", f"{year:04d}-{e.label}", "reference")
    if e.rel in PAST_WORDS or (e.rel is None and tense == "past"):
        chosen = max(d for d in starts if d <= ref and cal.season_of(d) != current)
    else:
        chosen = min(d for d in starts if d > ref)
    return Resolved("DATE", f"{cal.season_of(chosen)[0]:04d}-{e.label}", "reference")


def _quarter(e, ref, event, tense):
    if e.n is not None and e.year is not None:
        return Resolved("DATE", f"{e.year:04d}-Q{int(e.n)}", "absolute")
    if ref is None:
        return None
    if e.n is not None:
        year = ref.year + {"last-year": -1, "year-ago": -1, "year-earlier": -1, "next-year": 1}.get(e.rel, 0)
        return Resolved("DATE", f"{year:04d}-Q{int(e.n)}", "reference")
    last_completed = cal.shift(ref, "quarter", -1)
    d = {"current": ref, "this": ref, "next": cal.shift(ref, "quarter", 1), "coming": cal.shift(ref, "quarter", 1),
         "year-ago": cal.shift(last_completed, "year", -1)}.get(e.rel, last_completed)
    return _point(Point(d, "quarter"), "reference")


def _half(e, ref, event, tense):
    year = e.year if e.year is not None else (ref.year + {"last": -1, "next": 1}.get(e.rel, 0) if ref else None)
    if year is None:
        return None
    return Resolved("DATE", f"{year:04d}-H{int(e.n)}", "absolute" if e.year else "reference")


def _deictic(e, ref, event, tense):
    if ref is None:
        return None
    d = ref + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[e.label])
    return _point(Point(d, "day", part=e.part), "reference")


def _ref(e, ref, event, tense):
    return Resolved("DATE", e.label, "none")


def resolve_weekday(weekday: int, anchor: date, rel: str | None, tense: str | None) -> date:
    """The calendar day of a named weekday: past tense looks back (the anchor day itself included, which is
    where dateparser's PREFER_DATES_FROM='past' goes a week too far), future tense looks ahead."""
    if rel in PAST_WORDS:
        return cal.weekday_on_or_before(anchor - timedelta(days=1), weekday)
    if rel in FUTURE_WORDS or (rel is None and tense == "future"):
        return cal.weekday_after(anchor, weekday)
    if rel == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    return cal.weekday_on_or_before(anchor, weekday)


def _weekday(e, ref, event, tense):
    if ref is None:
        return Resolved("DATE", f"XXXX-WXX-{e.weekday + 1}", "none")
    if e.label == "possessive":      # "Saturday's statement" reports what was said
        tense = "past"
    if e.rel == "previous" and event is not None:     # "the previous Friday": before the day last named
        day = cal.weekday_on_or_before(event - timedelta(days=1), e.weekday)
        return _point(Point(day, "day", part=e.part), "event")
    day = resolve_weekday(e.weekday, ref, e.rel, tense)
    if e.n is not None:              # "9 a.m. Tuesday"
        hour, minute = divmod(int(e.n), 60)
        return Resolved("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", "reference")
    return _point(Point(day, "day", part=e.part), "reference")


def holiday(name: str, year: int) -> date | None:
    name = name.lower().replace("’", "'").replace(" day", "").replace(" sunday", "")
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1), "new year's eve": (12, 31),
             "independence": (7, 4), "valentine's": (2, 14), "halloween": (10, 31), "boxing": (12, 26),
             "veterans": (11, 11), "bastille": (7, 14), "may": (5, 1)}
    if name in fixed:
        return date(year, *fixed[name])
    if name == "thanksgiving":
        return cal.weekday_after(date(year, 10, 31), 3) + timedelta(weeks=3)
    if name in ("labor", "labour"):
        return cal.weekday_after(date(year, 8, 31), 0)
    if name == "memorial":
        return cal.weekday_on_or_before(date(year, 5, 31), 0)
    if name in ("easter", "good friday"):
        return _easter(year) - timedelta(days=2 if name == "good friday" else 0)
    return None


def _easter(year: int) -> date:
    """The Gregorian computus (Anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(e, ref, event, tense):
    if e.year is not None:
        d = holiday(e.label, e.year)
        return _point(Point(d), "absolute") if d else None
    if ref is None:
        return None
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := holiday(e.label, y))]
    if e.rel in PAST_WORDS:
        chosen = max(d for d in options if d < ref)
    elif e.rel in FUTURE_WORDS:
        chosen = min(d for d in options if d > ref)
    elif tense == "past" and (earlier := [d for d in options if d <= ref]):
        chosen = max(earlier)        # a holiday comes once a year: the tense says which one
    elif tense == "future" and (later := [d for d in options if d >= ref]):
        chosen = min(later)
    else:
        chosen = nearest_day(options, ref, tense)
    return _point(Point(chosen), "reference")


def _edge(e, ref, event, tense, last=None):
    """"earlier this year", "later this month", "the end of last year": the unit, at its granularity."""
    base, anchor = (_last_day(last, e.unit) or event, "event") if e.rel == "that" else (ref, "reference")
    if base is None or e.unit not in cal.GRANULARITIES:
        return None
    step = {"last": -1, "past": -1, "next": 1}.get(e.rel, 0)       # "the" ("earlier in the year") is this
    return _point(Point(cal.shift(base, e.unit, step), e.unit), anchor)


def _last_day(last: Point | None, unit: str | None) -> date | None:
    """The last named point, when it is at least as fine as `unit` ("June 1998" serves "that year")."""
    if last is None or unit not in cal.GRANULARITIES or last.unit not in cal.GRANULARITIES:
        return None
    return last.day if cal.GRANULARITIES.index(last.unit) <= cal.GRANULARITIES.index(unit) else None


def _relative(e, ref, event, tense, last=None):
    if e.n is not None and e.n != 1 or e.vague:
        return _duration(e, ref, event, tense)
    if e.unit == "weekend" and e.rel in ("the", None):
        # "over the weekend": the last one in past-tense reporting, the coming one in future tense
        saturday = resolve_weekday(5, ref, None, tense) if ref else None
        return _point(Point(saturday, "weekend"), "reference") if saturday else None
    anaphoric = e.rel in ("same", "that", "following") or (
        e.label == "the" and e.rel in ("next", "previous", "prior", "preceding"))
    if anaphoric and e.unit != "day":
        event = _last_day(last, e.unit) or event
    base, anchor = (event or ref, "event" if event else "reference") if anaphoric else (ref, "reference")
    if base is None or e.unit not in cal.GRANULARITIES:
        return None
    step = 0
    if e.rel in PAST_WORDS:
        step = -1
    elif e.rel in FUTURE_WORDS or e.rel == "following":
        step = 1
    return _point(Point(cal.shift(base, e.unit, step), e.unit), anchor)


def _offset(e, ref, event, tense, last=None):
    if e.vague or e.n is None:
        if e.direction in ("ago", "back"):
            return Resolved("DATE", "PAST_REF", "none")
        if e.direction in ("from now", "hence"):
            return Resolved("DATE", "FUTURE_REF", "none")
        return None
    if e.n != int(e.n) or e.unit not in cal.GRANULARITIES:
        return None
    sign = -1 if e.direction in ("ago", "back", "earlier", "before") else 1
    from_event = e.direction in ("later", "earlier", "before", "after", "on")
    base, anchor = (event, "event") if from_event and event else (ref, "reference")
    if base is None:
        return None
    if e.unit == "year" and int(e.n) == 1 and last is not None and last.unit == "quarter":
        # "profit of $5 million, against $4 million a year earlier": the same quarter a year before
        return _point(Point(cal.shift(last.day, "year", sign), "quarter"), "event")
    return _point(Point(cal.shift(base, e.unit, sign * int(e.n)), e.unit), anchor)


def _anchored(e, ref, event, tense):
    """"the day before", "the day after", "the day before yesterday"."""
    if e.label:
        if ref is None:
            return None
        base, anchor = ref + timedelta(days=-1 if e.label.lower() == "yesterday" else 1), "reference"
    else:
        base, anchor = (event, "event") if event else (ref, "reference")
    if base is None:
        return None
    sign = -1 if e.direction == "before" else 1
    if e.part:                       # "the next morning"
        return _point(Point(cal.shift(base, "day", sign), "day", part=e.part), anchor)
    return _point(Point(cal.shift(base, e.unit, sign), e.unit), anchor)


def _duration(e, ref, event, tense):
    code = DURATION_CODES.get(e.unit or "")
    if code is None:
        return None
    amount = "X" if e.vague or e.n is None else _number_text(e.n * (2 if e.unit == "fortnight" else 1))
    if code.startswith("T"):
        return Resolved("DURATION", f"PT{amount}{code[1]}", "none")
    return Resolved("DURATION", f"P{amount}{code}", "none")


def _number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _set(e, ref, event, tense):
    code = DURATION_CODES.get(e.unit or "", "D")
    return Resolved("SET", f"P1{code}", "none")


def _time(e, ref, event, tense):
    """A clock time belongs to the last day the text named ("late on Saturday ... before midnight")."""
    base, anchor = (event, "event") if event else (ref, "reference")
    if base is None:
        return None
    hour, minute = divmod(int(e.n), 60)
    return Resolved("TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}", anchor)


def _point(point: Point, anchor: str) -> Resolved:
    kind = "TIME" if point.part else "DATE"
    return Resolved(kind, point.value(), anchor, point)


_HANDLERS = {
    "date": _date, "month": _month, "year": _year, "decade": _decade, "season": _season, "quarter": _quarter,
    "half": _half, "deictic": _deictic, "ref": _ref, "weekday": _weekday, "holiday": _holiday, "edge": _edge, "relative": _relative,
    "offset": _offset, "anchored": _anchored, "duration": _duration, "set": _set, "time": _time,
}
