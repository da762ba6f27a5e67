"""Finding time expressions: a grammar of news date forms, each match read into an `Expr`.

The grammar is a list of patterns over the raw text. Every pattern's matches are collected, the
longest non-overlapping ones win, and each is read into an `Expr` that says what the words mean
("the weekday Saturday, no relation", "last + week", "two + days + later"). Turning an Expr into a
calendar value needs an anchor and a tense; that is `resolve.py`'s job.
"""
from __future__ import annotations

import re
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

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=\b|['’]s)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?!\d|,\d)"
_YEAR2 = _YEAR.replace("<year>", "<year2>")
_NUM = (r"(?P<num>\d{1,3}(?:\.\d+)?|a couple of|a dozen|half an?|a few|an?|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
        r"thirty|forty|fifty|sixty|few|several|some|many|dozens of|hundreds of|a number of)")
_UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centuries)s?"
_TIME = (r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)"
         r"(?:\s*\(?(?P<zone>[A-Z]{2,4})\)?)?")
_HOLIDAYS = ("Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year['’]s(?: Day| Eve)?|Independence Day|Easter(?: Sunday)?|"
             "Good Friday|Labou?r Day|Memorial Day|Valentine['’]s Day|Halloween|Boxing Day|Veterans Day|"
             "Bastille Day|May Day")
_PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
_EDGE = r"(?P<mod>early|late|mid|the end of|end of|the beginning of|the start of|the middle of|the turn of)"

# Each pattern is tried over the whole text; named groups carry the meaning to `interpret`.
PATTERNS = [
    ("iso", rf"(?<![\d-])(?P<year>\d{{4}})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    ("date", rf"(?:{_WD},?\s+(?:the\s+)?)?{_MONTH}\s+{_DAY}(?:\s*,?\s+{_YEAR})?"),
    ("date", rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("month", rf"(?:{_EDGE}[\s-]*)?{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    ("month", rf"(?:{_EDGE}[\s-]*)?{_MONTH}\s+(?P<yrel>this|last|next)\s+year"),
    ("month", rf"(?:(?P<rel>last|next|this|coming|past|that)\s+|{_EDGE}[\s-]*)?{_MONTH}"),
    ("year", rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+|(?P<half>the (?:first|second|last) half of)\s+|{_EDGE}[\s-]*)?{_YEAR}"),
    ("decade", r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?P<decade>(?:1[6-9]|20)\d0|['’]\d0)['’]?s\b"),
    ("season", rf"(?:(?P<rel>this|last|next|past|coming)\s+|(?P<mod>early|late|mid)[\s-]*|(?P<the>the)\s+)?"
               rf"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_YEAR})?"),
    ("quarter", rf"(?:(?P<the>the|this year['’]s|last year['’]s|next year['’]s)\s+|{_YEAR}\s+)?(?P<q>(?:(?:latest|last|past|previous|"
                rf"current|next|coming|same|year-earlier|year-ago|fiscal|first|second|third|fourth|final|1st|2nd|"
                rf"3rd|4th)[\s-]+)+)quarter(?:\s+of\s+(?:fiscal\s+)?{_YEAR2})?"),
    ("quarter", rf"(?P<the>the)\s+quarter(?!\s+of)(?![\w-])"),
    ("quarter", rf"\bQ(?P<qnum>[1-4])(?:\s+{_YEAR})?"),
    ("half", rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|{_YEAR}))?"),
    ("deictic", rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<deictic>today|yesterday|tomorrow|tonight)"
                rf"(?:\s+{_PART})?"),
    ("deictic", rf"(?P<deictic>this|last)\s+{_PART}"),
    ("ref", r"(?P<ref>right now|now|nowadays|currently|presently|at present|the present|recently|lately|"
            r"the past|in the past|the (?:near |distant )?future|these days|in recent years|recent years|"
            r"current(?!\s+(?:account|affairs|flowing|flow|carrying))|recent)(?![\w-])"),
    ("fiscal", r"(?:the\s+)?(?P<rel>current|latest|last|previous|next|this|same|full)?\s*(?P<unit>fiscal year|full year)"
               r"|(?P<yearend>(?:the\s+)?year[\s-]end|year['’]s end)"),
    ("yearago", r"(?:the\s+)?(?P<rel>year-earlier|year-ago|year earlier|latest)\s*(?P<unit>period|quarter)?(?![\w-])"),
    ("century", r"(?:the\s+)?(?P<num>\d{1,2})(?:st|nd|rd|th)[\s-]+century"),
    ("holiday", rf"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<holiday>{_HOLIDAYS})(?:\s+{_YEAR})?"),
    ("weekday", rf"(?:(?P<rel>last|next|this|coming|past|previous)\s+|(?P<mod>early|late)\s+)?{_WD}"
                rf"(?:\s+{_PART})?"),
    ("edge", rf"(?P<edge>earlier|later|early|late)\s+(?:in\s+)?(?P<rel>this|last|next|that|the)\s+{_UNIT}"),
    ("edge", rf"(?:the\s+)?(?P<edge>end|beginning|start|middle|turn)\s+of\s+(?:the\s+)?(?P<rel>this|last|next|"
             rf"current|past|the)\s+{_UNIT}"),
    ("relative", rf"(?:(?P<the>the)\s+)?(?P<rel>last|past|previous|next|coming|following|this|current|same|"
                 rf"prior|preceding|upcoming)\s+(?:{_NUM}\s+)?{_UNIT}"),
    ("relative", rf"(?P<rel>that)\s+(?P<unit>day|week|weekend|month|year)(?![\w-])"),
    ("relative", rf"(?P<rel>the)\s+(?P<unit>weekend)"),
    ("relative", rf"(?P<rel>this)\s+(?P<unit>weekend)"),
    ("offset", rf"{_NUM}[\s-]+{_UNIT}\s+(?P<dir>ago|earlier|later|before|after|from now|hence|back|on)(?![\w-])"),
    ("anchored", rf"(?:the\s+)?(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?:\s+(?P<deictic>yesterday|tomorrow))?"),
    ("anchored", rf"the\s+(?P<dir>next|following|previous)\s+{_PART}"),
    ("duration", rf"{_NUM}[\s-]+{_UNIT}(?:[\s-]+(?:long|old))?"),
    ("set", r"(?P<set>every|each)\s+(?P<unit>day|week|month|year|morning|night|evening)|"
            r"(?P<adverb>daily|weekly|monthly|annually|yearly|nightly)"),
    ("weekday_time", rf"{_TIME}\s+(?:(?:on|this|next|last)\s+)?{_WD}"),
    ("weekday_time", rf"{_WD}\s+(?:at\s+)?{_TIME}"),
    ("time", r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)|"
             r"(?P<named>noon|midnight|midday)"),
]
# Every pattern starts at a word boundary; saying so lets the engine skip the inside of words fast.
COMPILED = [(kind, re.compile(p if p.startswith(("(?<", "\\b")) else r"\b" + p, re.I)) for kind, p in PATTERNS]

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


# Every expression holds one of these words or a digit. The patterns only run in windows around
# them: time expressions are sparse, and scanning every position with 30 patterns is what costs.
TRIGGER = re.compile(
    r"\b(?:1[6-9]|20)\d\d\b|\d0['’]?s\b|\d\s*[ap]\.?\s?m\b|\d(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|now|current|present|recent|lately|past|future|year|month|week|day|quarter|decade|"
    r"centur|spring|summer|fall|autumn|winter|fortnight|hour|minute|seconds|noon|midnight|midday|morning|"
    r"afternoon|evening|night|overnight|thanksgiving|christmas|easter|new year|independence|good friday|"
    r"labou?r|memorial|valentine|halloween|boxing|veterans|bastille|daily|weekly|monthly|annually|yearly|"
    r"nightly|fiscal|period|latest|the nineties|q[1-4])", re.I)
WINDOW = 40


def windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in TRIGGER.finditer(text, start, end):
        lo, hi = max(start, m.start() - WINDOW), min(end, m.end() + WINDOW)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Expr]:
    """Every time expression in `text` (or in text[start:end]), in order, overlaps resolved in favour
    of the longer."""
    found = []
    end = len(text) if end is None else end
    for lo, hi in windows(text, start, end):
        for kind, pattern in COMPILED:
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start() and (expr := interpret(kind, m, text)) is not None:
                    found.append(expr)
    found = list({(e.start, e.end, e.kind): e for e in found}.values())
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    chosen: list[Expr] = []
    for e in found:
        if all(e.end <= c.start or e.start >= c.end for c in chosen):
            chosen.append(e)
    return sorted(chosen, key=lambda e: e.start)


def _capitalised(m: re.Match, group: str) -> bool:
    value = m.group(group) if group in m.re.groupindex else None
    return value is None or value[:1].isupper()


def interpret(kind: str, m: re.Match, text: str) -> Expr | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if "year2" in g:
        g["year"] = g.pop("year2")
    if not (_capitalised(m, "month") and _capitalised(m, "wd")):
        return None
    if not _word_bounded(m, text):
        return None
    start, end = m.start(), m.end()
    if text[start:end].lower().startswith(("in the past", "in recent")):
        start += 3
    base = dict(kind=kind, start=start, end=end, text=text[start:end])
    month = MONTHS[g["month"].lower().rstrip(".")] if "month" in g else (int(g["mnum"]) if "mnum" in g else None)
    year = int(g["year"]) if "year" in g else None
    weekday = WEEKDAYS[g["wd"].lower()] if "wd" in g else None
    part = PARTS_OF_DAY.get(g.get("part", "").lower())
    mod = g.get("mod", "").lower().replace("the ", "").replace(" of", "").strip() or None
    rel = g.get("rel", "").lower() or None
    if kind in ("iso", "date"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        # "the Aug. 7 blasts killed": a date used as a modifier, governed by the verb after it
        attributive = text[max(0, start - 4):start].lower() == "the " and "year" not in g
        return Expr(**base | dict(kind="date"), year=year, month=month, day=day, weekday=weekday,
                    label="attributive" if attributive else None)
    if kind == "month":
        if "yrel" in g:                      # "June last year"
            return Expr(**base, month=month, mod=mod, rel="year:" + g["yrel"].lower())
        if year is None and not (rel or mod or _after_date_word(m, text)):
            return None
        return Expr(**base, year=year, month=month, rel=rel, mod=mod)
    if kind == "year":
        if not _plausible_year(m, text, g):
            return None
        label = ("H1" if "first" in g["half"].lower() else "H2") if "half" in g else None
        return Expr(**base, year=year, mod=mod, label=label)
    if kind == "decade":
        digits = g["decade"].lstrip("'’")
        decade = int(digits) if len(digits) == 4 else 1900 + int(digits)
        return Expr(**base, year=decade, unit="decade", mod=mod)
    if kind == "season":
        if g["season"].lower() == "fall" and not (rel or "year" in g or "the" in g):
            return None        # "prices fall"
        if not (rel or mod or "year" in g or "the" in g or _after_date_word(m, text)):
            return None
        if not (rel or mod or "year" in g) and re.match(r"\s+(?!of|in|and|or|to|when|as|with|before|after)[a-z]+",
                                                         text[end:end + 20]):
            return None      # "the winter crop": a season as a modifier, not a time
        return Expr(**base, year=year, rel=rel, mod=mod, label=SEASONS[g["season"].lower()])
    if kind == "quarter":
        words = (g.get("q") or "").lower().replace("-", " ").split()
        number = next((ORDINALS[w] for w in words if w in ORDINALS), None)
        if "qnum" in g:
            number = int(g["qnum"])
        qrel = next((w for w in words if w not in ORDINALS and w != "quarter"), None)
        if g.get("the", "").lower().startswith("last year"):
            qrel = "last-year"
        if g.get("the", "").lower().startswith("next year"):
            qrel = "next-year"
        if "year" in g.get("q", "") and "ago" in g.get("q", "") or "earlier" in g.get("q", ""):
            qrel = "year-ago"
        return Expr(**base, year=year, unit="quarter", n=number, rel=qrel)
    if kind == "half":
        return Expr(**base, year=year, unit="half", n=1 if g["h"].lower() == "first" else 2, rel=rel)
    if kind == "deictic":
        word = g["deictic"].lower()
        if word in ("this", "last"):
            word = "today" if word == "this" else "yesterday"
            part = part or "NI"
        if word == "tonight":
            word, part = "today", "NI"
        return Expr(**base, label=word, part=part, mod=g.get("mod", "").lower() or None)
    if kind == "ref":
        word = g["ref"].lower()
        value = ("PRESENT_REF" if word in ("right now", "now", "nowadays", "currently", "presently", "at present",
                                           "the present", "these days", "current")
                 else "FUTURE_REF" if "future" in word or word == "soon" else "PAST_REF")
        return Expr(**base, label=value)
    if kind == "weekday":
        return Expr(**base, weekday=weekday, rel=rel, mod=mod, part=part,
                    label="possessive" if text[end:end + 2] in ("'s", "’s") else None)
    if kind == "holiday":
        return Expr(**base, year=year, rel=rel, label=g["holiday"])
    if kind == "weekday_time":
        hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        return Expr(**base | dict(kind="weekday"), weekday=weekday, n=hour * 60 + int(g.get("minute") or 0))
    if kind == "edge":
        edge = g["edge"].lower()
        return Expr(**base, unit=_unit(g["unit"]), rel=rel, mod=edge)
    if kind == "relative":
        n, vague = _number(g.get("num"))
        unit = _unit(g["unit"])
        if rel == "the" and unit in ("day", "week", "month", "year"):
            rel = "that"
        return Expr(**base, unit=unit, n=n, rel=rel, vague=vague, label="the" if "the" in g else None)
    if kind in ("offset", "duration") and g["unit"].lower() == "second":
        return None          # "a second day": the ordinal, not the unit (which is plural in news)
    if kind == "offset":
        n, vague = _number(g["num"])
        direction = g["dir"].lower()
        if direction in ("after", "before") and re.match(r"\s+(?:the|a|an|his|her|its|their|[a-z]+ing)\b",
                                                         text[end:end + 15]):
            # "two days after the breach": counted from an event the text names, not from a date
            return Expr(**base | dict(kind="duration"), unit=_unit(g["unit"]), n=n, vague=vague)
        return Expr(**base, unit=_unit(g["unit"]), n=n, direction=direction, vague=vague)
    if kind == "anchored":
        direction = {"next": "after", "following": "after", "previous": "before"}.get(g["dir"].lower(), g["dir"].lower())
        return Expr(**base, unit=_unit(g.get("unit", "day")), n=1, direction=direction, label=g.get("deictic"),
                    part=part)
    if kind == "fiscal":
        return Expr(**base | dict(kind="relative"), unit="year",
                    rel={"last": "last", "previous": "last", "next": "next"}.get(rel, "this"))
    if kind == "yearago":
        if rel == "latest" and "unit" not in g:
            return None
        return Expr(**base | dict(kind="quarter"), unit="quarter", rel="year-ago" if rel != "latest" else "latest")
    if kind == "century":
        return Expr(**base | dict(kind="decade"), year=(int(g["num"]) - 1) * 100, unit="century")
    if kind == "duration":
        n, vague = _number(g["num"])
        if n is None and not vague:
            return None
        return Expr(**base, unit=_unit(g["unit"]), n=n, vague=vague)
    if kind == "set":
        unit = _unit(g.get("unit")) or {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month",
                                        "annually": "year", "yearly": "year"}[g["adverb"].lower()]
        return Expr(**base, unit=unit)
    if kind == "time":
        if "named" in g:    # midnight closes the day it belongs to: T24:00
            hour, minute = (12, 0) if g["named"].lower() in ("noon", "midday") else (24, 0)
        else:
            hour, minute = int(g["hour"]), int(g.get("minute") or 0)
            ampm = g["ampm"].lower().replace(".", "").replace(" ", "")
            if hour > 12 or hour == 0:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        return Expr(**base, n=hour * 60 + minute)
    return None


def _word_bounded(m: re.Match, text: str) -> bool:
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _after_date_word(m: re.Match, text: str) -> bool:
    return bool(_DATE_LEFT.search(text[max(0, m.start() - 20):m.start()]))


def _plausible_year(m: re.Match, text: str, g: dict) -> bool:
    if "fiscal" in g or "mod" in g or "half" in g:
        return True
    left, right = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 30]
    if _NOT_YEAR_LEFT.search(left) or _NOT_YEAR_RIGHT.match(right):
        return False
    return not re.search(r"[\d.,]\s*$", left) or left.endswith(", ")
