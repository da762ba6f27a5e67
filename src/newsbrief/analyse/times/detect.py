"""Finding time expressions: a grammar of news date forms, each match read into an `Expr`.

The grammar is a list of patterns over the raw text. Every pattern's matches are collected, the
longest non-overlapping ones win, and each is read into an `Expr` that says what the words mean
("the weekday Saturday, no relation", "last + week", "two + days + later"). Turning an Expr into a
calendar value needs an anchor and a tense; that is `resolve.py`'s job.
"""
from __future__ import annotations

import re

from newsbrief.analyse.times.readers import READERS, Expr, Found

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
    ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
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
    ("quarter", r"(?P<the>the)\s+quarter(?!\s+of)(?![\w-])"),
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
    ("relative", r"(?P<rel>that)\s+(?P<unit>day|week|weekend|month|year)(?![\w-])"),
    ("relative", r"(?P<rel>the)\s+(?P<unit>weekend)"),
    ("relative", r"(?P<rel>this)\s+(?P<unit>weekend)"),
    ("offset", rf"{_NUM}[\s-]+{_UNIT}\s+(?P<dir>ago|earlier|later|before|after|from now|hence|back|on)(?![\w-])"),
    ("anchored", r"(?:the\s+)?(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?:\s+(?P<deictic>yesterday|tomorrow))?"),
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

# Every expression holds one of these words or a digit. The patterns only run in windows around
# them: time expressions are sparse, and scanning every position with 30 patterns is what costs.
TRIGGER = re.compile(
    r"\b(?:1[6-9]|20)\d\d\b|\d0['’]?s\b|\d\s*[ap]\.?\s?m\b|\d(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|now|current|present|recent|lately|past|future|year|month|week|day|quarter|decade|"
    r"centur|spring|summer|fall|autumn|winter|fortnight|hour|minute|seconds|noon|midnight|midday|morning|"
    r"afternoon|evening|night|overnight|thanksgiving|christmas|easter|new year|independence|good friday|"
    r"labou?r|memorial|valentine|halloween|boxing|veterans|bastille|daily|weekly|monthly|annually|yearly|"
    r"nightly|fiscal|period|latest|the nineties|q[1-4])", re.I)
WINDOW = 28


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
    """A pattern's match read into an Expr by the reader for its kind (readers.py), or None when the
    words turn out not to be a time ("May I", "prices fall", "2000 troops")."""
    if not (_capitalised(m, "month") and _capitalised(m, "wd")) or not _word_bounded(m, text):
        return None
    return READERS[kind](Found.of(kind, m, text))


def _word_bounded(m: re.Match, text: str) -> bool:
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())
