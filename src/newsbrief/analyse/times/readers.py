"""Readers: what a matched time expression means, one small function per kind of pattern.

Each reader gets the match's named groups already parsed (`Found`) and returns an `Expr`, or None
when the context shows the words are not a time after all.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsbrief.analyse.times.calendar import PARTS_OF_DAY, SEASONS
from newsbrief.clean.stamps import MONTHS

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "a couple of": 2, "a dozen": 12, "half a": 0.5,
}
VAGUE = ("a few", "few", "several", "some", "many", "recent", "dozens of", "hundreds of", "the past few",
         "a number of")
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


# A bare month or season is a date only after words like these ("in May", not "May I ...").
_DATE_LEFT = re.compile(r"(?:\b(?:in|since|until|till|by|from|to|through|throughout|during|of|before|after|between|"
                        r"and|or|early|late|mid|last|next|this|each|every|for|on|until|the|a|an|late|early)\s+|-)$",
                        re.I)
# Four digits followed by these are counts, not years.
_NOT_YEAR_RIGHT = re.compile(r"^\s*(?:%|percent|per cent|(?!(?:is|was|has|its|this|as|us|plus)\b)[a-z]+s\b(?<!elections)(?<!olympics)(?<!games)(?<!floods)"
                             r"(?<!attacks)(?<!talks)(?<!polls)(?<!championships)(?<!riots)(?<!protests))", re.I)
_NOT_YEAR_LEFT = re.compile(r"(?:[$€£#]|\bno\.|\bnumber|\broute|\bflight|\bpage|\bitem)\s*$", re.I)



@dataclass(frozen=True)
class Expr:
    """What a time expression says, before it is placed on the calendar."""

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    n: float | None = None           # a count or an offset; None when vague ("several")
    rel: str | None = None           # last, next, this, past, same, following, ...
    direction: str | None = None     # ago, later, before, after ...
    part: str | None = None          # MO AF EV NI
    mod: str | None = None           # early, late, mid, end, start ...
    label: str | None = None         # season code, quarter number, deictic word, REF value ...
    vague: bool = False


def _number(text: str | None) -> tuple[float | None, bool]:
    if text is None:
        return None, False
    text = text.lower()
    if text in VAGUE:
        return None, True
    if text in NUMBERS:
        return NUMBERS[text], False
    if text.startswith("half"):
        return 0.5, False
    try:
        return float(text), False
    except ValueError:
        return None, True


def _unit(text: str | None) -> str | None:
    if not text:
        return None
    text = text.lower().rstrip("s")
    return {"centurie": "century", "century": "century", "fortnight": "fortnight"}.get(text, text)



def _after_date_word(m: re.Match, text: str) -> bool:
    return bool(_DATE_LEFT.search(text[max(0, m.start() - 20):m.start()]))


def _plausible_year(m: re.Match, text: str, g: dict) -> bool:
    if "fiscal" in g or "mod" in g or "half" in g:
        return True
    left, right = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 30]
    if _NOT_YEAR_LEFT.search(left) or _NOT_YEAR_RIGHT.match(right):
        return False
    return not re.search(r"[\d.,]\s*$", left) or left.endswith(", ")

# "two days after the breach": counted from an event the text names, not from a date
_EVENT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|[a-z]+ing)\b")
# "the winter crop": a season as a modifier, not a time
_MODIFIED_NOUN = re.compile(r"\s+(?!of|in|and|or|to|when|as|with|before|after)[a-z]+")


@dataclass
class Found:
    """A match with its groups parsed into the fields most readers need."""

    m: re.Match
    text: str
    g: dict
    base: dict
    month: int | None
    year: int | None
    weekday: int | None
    part: str | None
    mod: str | None
    rel: str | None

    @property
    def end(self) -> int:
        return self.base["end"]

    @classmethod
    def of(cls, kind: str, m: re.Match, text: str) -> Found:
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        if "year2" in g:
            g["year"] = g.pop("year2")
        start, end = m.start(), m.end()
        if text[start:end].lower().startswith(("in the past", "in recent")):
            start += 3
        month = MONTHS[g["month"].lower().rstrip(".")] if "month" in g else (int(g["mnum"]) if "mnum" in g else None)
        return cls(m=m, text=text, g=g, base=dict(kind=kind, start=start, end=end, text=text[start:end]),
                   month=month, year=int(g["year"]) if "year" in g else None,
                   weekday=WEEKDAYS[g["wd"].lower()] if "wd" in g else None,
                   part=PARTS_OF_DAY.get(g.get("part", "").lower()),
                   mod=g.get("mod", "").lower().replace("the ", "").replace(" of", "").strip() or None,
                   rel=g.get("rel", "").lower() or None)

    def expr(self, kind: str | None = None, **fields) -> Expr:
        return Expr(**(self.base | {"kind": kind} if kind else self.base), **fields)


def _date(f: Found) -> Expr | None:
    day = int(f.g["day"])
    if not 1 <= day <= 31:
        return None
    # "the Aug. 7 blasts killed": a date used as a modifier, governed by the verb after it
    start = f.base["start"]
    attributive = f.text[max(0, start - 4):start].lower() == "the " and "year" not in f.g
    return f.expr("date", year=f.year, month=f.month, day=day, weekday=f.weekday,
                  label="attributive" if attributive else None)


def _month(f: Found) -> Expr | None:
    if "yrel" in f.g:                      # "June last year"
        return f.expr(month=f.month, mod=f.mod, rel="year:" + f.g["yrel"].lower())
    if f.year is None and not (f.rel or f.mod or _after_date_word(f.m, f.text)):
        return None                        # "May I ..."
    return f.expr(year=f.year, month=f.month, rel=f.rel, mod=f.mod)


def _year(f: Found) -> Expr | None:
    if not _plausible_year(f.m, f.text, f.g):
        return None
    label = ("H1" if "first" in f.g["half"].lower() else "H2") if "half" in f.g else None
    return f.expr(year=f.year, mod=f.mod, label=label)


def _decade(f: Found) -> Expr:
    digits = f.g["decade"].lstrip("'’")
    return f.expr(year=int(digits) if len(digits) == 4 else 1900 + int(digits), unit="decade", mod=f.mod)


def _season(f: Found) -> Expr | None:
    explicit = f.rel or f.mod or "year" in f.g
    if f.g["season"].lower() == "fall" and not (f.rel or "year" in f.g or "the" in f.g):
        return None                        # "prices fall"
    if not (explicit or "the" in f.g or _after_date_word(f.m, f.text)):
        return None
    if not explicit and _MODIFIED_NOUN.match(f.text[f.end:f.end + 20]):
        return None
    return f.expr(year=f.year, rel=f.rel, mod=f.mod, label=SEASONS[f.g["season"].lower()])


def _quarter(f: Found) -> Expr:
    q = f.g.get("q") or ""
    words = q.lower().replace("-", " ").split()
    number = int(f.g["qnum"]) if "qnum" in f.g else next((ORDINALS[w] for w in words if w in ORDINALS), None)
    qrel = next((w for w in words if w not in ORDINALS and w != "quarter"), None)
    owner = f.g.get("the", "").lower()
    if owner.startswith("last year"):
        qrel = "last-year"
    if owner.startswith("next year"):
        qrel = "next-year"
    if ("year" in q and "ago" in q) or "earlier" in q:
        qrel = "year-ago"
    return f.expr(year=f.year, unit="quarter", n=number, rel=qrel)


def _half(f: Found) -> Expr:
    return f.expr(year=f.year, unit="half", n=1 if f.g["h"].lower() == "first" else 2, rel=f.rel)


def _deictic(f: Found) -> Expr:
    word, part = f.g["deictic"].lower(), f.part
    if word in ("this", "last"):           # "this morning", "last night"
        word, part = ("today" if word == "this" else "yesterday"), part or "NI"
    if word == "tonight":
        word, part = "today", "NI"
    return f.expr(label=word, part=part, mod=f.g.get("mod", "").lower() or None)


def _ref(f: Found) -> Expr:
    word = f.g["ref"].lower()
    present = ("right now", "now", "nowadays", "currently", "presently", "at present", "the present", "these days",
               "current")
    value = "PRESENT_REF" if word in present else "FUTURE_REF" if "future" in word else "PAST_REF"
    return f.expr(label=value)


def _weekday(f: Found) -> Expr:
    possessive = f.text[f.end:f.end + 2] in ("'s", "’s")
    return f.expr(weekday=f.weekday, rel=f.rel, mod=f.mod, part=f.part, label="possessive" if possessive else None)


def _weekday_time(f: Found) -> Expr:
    hour = int(f.g["hour"]) % 12 + (12 if f.g["ampm"].lower().startswith("p") else 0)
    return f.expr("weekday", weekday=f.weekday, n=hour * 60 + int(f.g.get("minute") or 0))


def _holiday(f: Found) -> Expr:
    return f.expr(year=f.year, rel=f.rel, label=f.g["holiday"])


def _edge(f: Found) -> Expr:
    return f.expr(unit=_unit(f.g["unit"]), rel=f.rel, mod=f.g["edge"].lower())


def _relative(f: Found) -> Expr:
    n, vague = _number(f.g.get("num"))
    unit = _unit(f.g["unit"])
    rel = "that" if f.rel == "the" and unit in ("day", "week", "month", "year") else f.rel
    return f.expr(unit=unit, n=n, rel=rel, vague=vague, label="the" if "the" in f.g else None)


def _offset(f: Found) -> Expr | None:
    if f.g["unit"].lower() == "second":
        return None                        # "a second day": the ordinal, not the unit
    n, vague = _number(f.g["num"])
    direction = f.g["dir"].lower()
    if direction in ("after", "before") and _EVENT_AFTER.match(f.text[f.end:f.end + 15]):
        return f.expr("duration", unit=_unit(f.g["unit"]), n=n, vague=vague)
    return f.expr(unit=_unit(f.g["unit"]), n=n, direction=direction, vague=vague)


def _anchored(f: Found) -> Expr:
    word = f.g["dir"].lower()
    direction = {"next": "after", "following": "after", "previous": "before"}.get(word, word)
    return f.expr(unit=_unit(f.g.get("unit", "day")), n=1, direction=direction, label=f.g.get("deictic"), part=f.part)


def _fiscal(f: Found) -> Expr:
    return f.expr("relative", unit="year", rel={"last": "last", "previous": "last", "next": "next"}.get(f.rel, "this"))


def _yearago(f: Found) -> Expr | None:
    if f.rel == "latest" and "unit" not in f.g:
        return None
    return f.expr("quarter", unit="quarter", rel="year-ago" if f.rel != "latest" else "latest")


def _century(f: Found) -> Expr:
    return f.expr("decade", year=(int(f.g["num"]) - 1) * 100, unit="century")


def _duration(f: Found) -> Expr | None:
    if f.g["unit"].lower() == "second":
        return None
    n, vague = _number(f.g["num"])
    if n is None and not vague:
        return None
    return f.expr(unit=_unit(f.g["unit"]), n=n, vague=vague)


def _set(f: Found) -> Expr:
    adverbs = {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year"}
    return f.expr(unit=_unit(f.g.get("unit")) or adverbs[f.g["adverb"].lower()])


def _time(f: Found) -> Expr | None:
    if "named" in f.g:                     # midnight closes the day it belongs to: T24:00
        hour, minute = (12, 0) if f.g["named"].lower() in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(f.g["hour"]), int(f.g.get("minute") or 0)
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if f.g["ampm"].lower().startswith("p") else 0)
    return f.expr(n=hour * 60 + minute)


READERS: dict[str, Callable[[Found], Expr | None]] = {
    "iso": _date, "date": _date, "month": _month, "year": _year, "decade": _decade, "season": _season,
    "quarter": _quarter, "half": _half, "deictic": _deictic, "ref": _ref, "weekday": _weekday,
    "weekday_time": _weekday_time, "holiday": _holiday, "edge": _edge, "relative": _relative, "offset": _offset,
    "anchored": _anchored, "fiscal": _fiscal, "yearago": _yearago, "century": _century, "duration": _duration,
    "set": _set, "time": _time,
}
