"""Time expressions in an article, each resolved to a TIMEX3-style value.

    detect.py    the grammar: where the expressions are and what their words mean
    resolve.py   the calendar: an expression + reference date + tense -> value ("last week" is here)
    calendar.py  weeks, quarters, seasons and the TIMEX3 value formats

This module chooses what each expression is anchored to: the dateline's date when the article has
one (the day it was written), else the publication date, else an inferred date; and for "two days
later" or "the same day", the last day the text itself named. It also reads the tense that decides
whether a bare "Monday" looks back or ahead.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from newsbrief.analyse.times.calendar import Point
from newsbrief.analyse.times.detect import Expr, find_expressions
from newsbrief.analyse.times.resolve import Resolved, resolve, resolve_weekday
from newsbrief.model import Article, Span, Time

__all__ = ["find_times", "is_reporting", "reference_date", "resolve_in_order", "resolve_weekday", "tense_at"]

_FUTURE = re.compile(r"\b(?:will|won['’]t|shall|going to|plans? to|planning to|planned|scheduled|is to|are to|"
                     r"was to|were to|due|set to|expected|expects?|would|to be|to meet|upcoming|"
                     r"intends? to|hopes? to|aims? to)\b|['’]ll\b", re.I)
# Only these kinds look at tense; the rest do not need it worked out.
_TENSED = frozenset({"date", "month", "season", "holiday", "weekday", "relative"})
_MODAL = re.compile(r"\b(?:will|shall|won['’]t|going to|['’]ll)\b", re.I)
# Past: auxiliaries and lower-case -ed words (capitalised "United" is not a verb, and "to be published"
# or "is expected" are not past), minus common words that only look like verbs.
_PAST = re.compile(r"\b(?:was|were|had|did|has|have|said|says|told|ago|last|earlier|since|made|took|came|went|saw|"
                   r"gave|got|began|found|left|held|met|won|lost|fell|rose|sent|brought|built|bought|caught|fought|"
                   r"kept|led|paid|ran|stood|struck|spoke|thought|wrote|drove|flew|grew|knew|threw|broke|chose|"
                   r"became|felt|heard|sold|taught|spent|fled|sought|shot|hit|set|quit|cut|"
                   r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeen )"
                   r"(?!(?:need|seed|speed|feed|indeed|hundred|shed|bed|red|bred|proceed|exceed|succeed|"
                   r"expected)\b)[a-z]{2,}ed)\b")
# A deadline: "postponed until Tuesday", "as soon as Tuesday" (but "up until Thursday" looks back)
_DEADLINE = re.compile(r"(?:(?<!\bup )\buntil|\bas (?:soon|early) as)\s+(?:\S+\s+){0,3}$", re.I)


_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|tweeted|wrote|confirmed|"
                        r"declared|claimed|insisted|warned)\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$", re.I)


def is_reporting(text: str, start: int) -> bool:
    """The expression dates the telling, not the event: "said on Sunday", "told AFP on Saturday"."""
    return bool(_REPORTING.search(text[max(0, start - 40):start]))


def reference_date(article: Article) -> tuple[date | None, str]:
    """The date the article speaks from, and what it was taken from."""
    dateline = article.dateline.date if article.dateline else None
    if dateline and "X" not in dateline:
        return date.fromisoformat(dateline[:10]), "dateline"
    if article.published:
        return date.fromisoformat(article.published[:10]), "inferred" if article.published_inferred else "published"
    return None, "none"


def tense_at(text: str, start: int, end: int, sentence: Span | None = None, after_first: bool = False) -> str | None:
    """The tense that governs an expression: the nearest tense marker before it in its sentence
    ("said it would meet on Monday" -> future), else the first one after it. A date used as a
    modifier ("the Aug. 7 blasts killed") is governed by the verb after it: `after_first`."""
    lo, hi = (sentence.start, sentence.end) if sentence else (max(0, start - 200), min(len(text), end + 120))
    if after_first or _PAST.match(text[end:end + 20].lstrip()):
        # a modifier ("the Aug. 7 blasts killed"), or a date the verb follows ("court Thursday refused")
        following = _first_marker(text[end:hi])
        if following:
            return following
    before = text[lo:start]
    if _DEADLINE.search(before[-40:]):
        return "future"
    if _MODAL.search(before[-40:]):
        return "future"      # "will stay closed on Monday": the modal governs the participle
    # at a tie ("planned"), the future reading wins: the sort puts "future" after "past"
    markers = [(m.end(), 1, "future") for m in _FUTURE.finditer(before)] + [
        (m.end(), 0, "past") for m in _PAST.finditer(before)]
    if markers:
        return max(markers)[2]
    return _first_marker(text[end:hi])


def _first_marker(after: str) -> str | None:
    future, past = _FUTURE.search(after), _PAST.search(after)
    if future and (not past or future.start() < past.start()):
        return "future"
    return "past" if past else None


def find_times(article: Article, sentences: list[Span]) -> list[Time]:
    reference, reference_name = reference_date(article)
    pairs = resolve_in_order(article.text, find_expressions(article.text), sentences, reference)
    return [_time(article, expr, resolved, reference_name) for expr, resolved in pairs]


def resolve_in_order(text: str, exprs: list[Expr], sentences: list[Span],
                     reference: date | None) -> list[tuple[Expr, Resolved]]:
    """Resolve expressions in reading order, each continuing from the days named before it."""
    starts = [s.start for s in sentences]
    out: list[tuple[Expr, Resolved]] = []
    event: date | None = None          # the last day the text named: "two days later" counts from it
    last: Point | None = None          # the last point at any granularity: "later that year"
    for expr in exprs:
        i = bisect_right(starts, expr.start) - 1
        sentence = sentences[i] if 0 <= i < len(sentences) and sentences[i].end >= expr.end else None
        tense = (tense_at(text, expr.start, expr.end, sentence, after_first=expr.label == "attributive")
                 if expr.kind in _TENSED else None)
        resolved = resolve(expr, reference, event, tense, last)
        if resolved is None:
            continue
        out.append((expr, resolved))
        if resolved.point is not None and not is_reporting(text, expr.start):
            last = resolved.point if last is None or last.unit != "quarter" or resolved.point.unit == "day" \
                else last      # a report on quarters keeps counting in quarters: "a year earlier"
            if resolved.point.unit == "day":
                event = resolved.point.day
    return out


def _time(article: Article, expr: Expr, resolved: Resolved, reference_name: str) -> Time:
    anchor = {"reference": reference_name, "event": "event", "absolute": "absolute", "none": "none"}[resolved.anchor]
    return Time(article=article.id, start=expr.start, end=expr.end, text=expr.text, value=resolved.value,
                anchor=anchor, type=resolved.type)
