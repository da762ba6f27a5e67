"""Figures: the numbers an article reports, each a claim with a value, unit, thing counted, qualifier,
claimant and date.

    numbers.py   the number and its qualifier, in digits or words, with the interval the wording allows
    counted.py   unit, counted thing and kind of quantity
    claimants.py who claims it

The claimant is who the text says gives the number (`claimants.py`), or nobody: the article states it
on its own authority. Its date is the day the sentence gives, else the day it was claimed (the article's).
"""
from __future__ import annotations

import re

from newsbrief.analyse.figures.counted import counted, unit_before
from newsbrief.analyse.figures.numbers import QUALIFIERS, Number, find_numbers, qualifier_start
from newsbrief.analyse.figures.claimants import claimant
from newsbrief.analyse.people.mentions import Mention
from newsbrief.model import Article, Citation, Entity, Figure, Quote, Span, Time

__all__ = ["find_figures"]

# Compounds that make a number a duration or an age, not a figure: "a six-year war", "a 45-year-old"
_DURATION_AFTER = re.compile(r"[- ](?:year|month|week|day|hour|minute|second|decade|century)s?[- ]old\b|"
                             r"-(?:year|month|week|day|hour|minute|second|decade|century)\b|"
                             r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|EST|EDT|UTC|o'clock|local time|hours?\b|hrs\b)|:\d\d|"
                             r"(?:st|nd|rd|th)\b|\s*[/.]\s*\d", re.I)
_AGE = re.compile(r"(?:\baged?|\bage of)\s+$|,\s*$", re.I)
# A number that is part of a name: "Flight 103", "Resolution 1441", "G-8", "F-16", "No. 5"
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*[- ]|No\.\s?|#|\bpage\s|\bp\.\s?)$")
# Capitalised words before a number that do not make it a name: "About 26", "The 12", "Only 3"
NOT_NAMES = frozenset(w.split()[0] for w in QUALIFIERS) | frozenset(
    "the all only another just and but of in on by at to for with from some nearly".split())
UNIT_COMPOUNDS = frozenset("mile kilometre kilometer km metre meter foot ton tonne percent acre hectare".split())
ONE_NOT_A_COUNT = frozenset("""of another who which that day time way thing side hand point and or in is the a per
needs can could should must would may has had""".split())
SINCE = re.compile(r"\b(?:since|until|till)\b", re.I)
CLAUSE_BREAK = re.compile(r";|\s[-—–]{1,2}\s|:\s")


def find_figures(article: Article, sentences: list[Span], times: list[Time], quotes: list[Quote],
                 mentions: list[Mention] = (), entities: list[Entity] = ()) -> list[Figure]:
    text = article.text
    names = {c.start: e.name for e in entities for c in e.mentions}
    taken = [(t.start, t.end) for t in times]
    claimed_on = (article.published or "")[:10] or None
    out: list[Figure] = []
    for sentence in sentences:
        chunk = text[sentence.start:sentence.end]
        previous: Figure | None = None
        for n in find_numbers(chunk):
            start, end = sentence.start + n.start, sentence.start + n.end
            if any(s < end and start < e for s, e in taken) or not _is_figure(chunk, n):
                continue
            clause_start, clause_end = _clause(text, sentence, start)
            unit, unit_start = unit_before(text, start)
            what = counted(text, start, end, clause_start, clause_end, unit,
                           previous.citation.end if previous and previous.citation.end > clause_start else None)
            if _is_year(n, what.unit, what.counts):
                continue
            measure = what.measure
            if previous and re.search(
                    r"(?:including|among them|of whom|among whom)\s+$", text[max(clause_start, start - 20):start]):
                measure = previous.measure         # "26 killed, including nine children"
            begin = min(unit_start, sentence.start + qualifier_start(chunk, n))
            stop = _closed(text, begin, what.end)
            speaker, mention = claimant(article.id, text, sentence, start, quotes, mentions, names)
            figure = Figure(
                value=_tidy(n.value), unit=what.unit, counts=what.counts, claimed_by=speaker,
                date=_date(text, sentence, start, times) or claimed_on,
                citation=Citation(article.id, begin, stop), text=text[begin:stop],
                qualifier=n.qualifier, low=_tidy(n.low), high=_tidy(n.high) if n.high is not None else None,
                measure=measure, claimant_mention=mention)
            out.append(figure)
            previous = figure
    return out


def _closed(text: str, start: int, end: int) -> int:
    """The end of a figure's wording, with the closing quote mark of a word it quotes ("the "caliphate")."""
    inside = text[start:end]
    if end < len(text) and text[end] in "\"”’" and (inside.count('"') % 2 or inside.count("“") > inside.count("”")):
        return end + 1
    return end


def _tidy(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 6)


def _is_figure(chunk: str, n: Number) -> bool:
    """Not a duration, an age, a time, an ordinal, a part of a name, a score or "one" as a pronoun."""
    after = chunk[n.end:n.end + 16]
    before = chunk[max(0, n.start - 16):n.start]
    if _DURATION_AFTER.match(after):
        return False
    if n.value < 120 and _AGE.search(before) and re.match(r"[,)]", after):
        return False                                   # "John Smith, 45," and "aged 45"
    name = _NAME_BEFORE.search(chunk[:n.start])
    if n.written == "digits" and name and name.group().strip(" -").lower() not in NOT_NAMES:   # "Flight 103"
        return False
    if re.match(r"-\d", after) and n.written == "digits":      # scores and ranges: "3-1"
        return False
    compound = re.match(r"-([a-z]+)", after)
    if compound and compound.group(1) not in UNIT_COMPOUNDS:    # "a three-province region", not "a 20-mile stretch"
        return False
    if n.value == 1 and n.written == "words":          # "one" as a pronoun: "one of the", "one another"
        nxt = re.match(r"\s*([A-Za-z]+)", after)
        if not nxt or nxt.group(1).lower() in ONE_NOT_A_COUNT:
            return False
    return True


def _is_year(n: Number, unit: str | None, counts: str) -> bool:
    """A bare four-digit number between 1800 and 2100 that counts nothing is a year the time tagger left."""
    return (n.written == "digits" and unit is None and float(n.value).is_integer() and 1800 <= n.value <= 2100
            and not counts)


def _clause(text: str, sentence: Span, at: int) -> tuple[int, int]:
    start, end = sentence.start, sentence.end
    for m in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def _date(text: str, sentence: Span, at: int, times: list[Time]) -> str | None:
    """A calendar day or month the sentence gives, the nearest to the figure; "since Saturday" starts
    a count that holds when it is told."""
    best = None
    for t in times:
        if sentence.start <= t.start < sentence.end and t.type == "DATE" and re.match(r"\d{4}-\d{2}", t.value) \
                and not SINCE.search(text[min(at, t.start):t.start]):
            if best is None or abs(t.start - at) < abs(best.start - at):
                best = t
    return best.value if best else None
