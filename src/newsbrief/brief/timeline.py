"""The story's timeline: dated events, one entry per event with every article that reports it.

A sentence is a dated event when it holds a calendar time expression; its date is the finest one in
it that dates the event rather than the telling ("retook it on Saturday, officials said on Sunday" is
Saturday's news; "said on Wednesday that in 2014 ..." is Wednesday's). Sentences with the same date that
say the same thing (syndicated copies, or close paraphrases) become one entry citing all of them.
Dates well before the story's own period (the 2014 background of a 2017 story) are marked
`background` and kept apart.
"""
from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from newsbrief.analyse.times import is_reporting
from newsbrief.analyse.times.calendar import Period, period_of
from newsbrief.brief.sentences import Candidate, Statement
from newsbrief.terms import STOPWORDS, stem, words
from newsbrief.model import Analysis, TimelineEntry

UNIT_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6}
SAME_EVENT = 0.3           # set cosine of event terms above which same-dated sentences tell one event
BACKGROUND_DAYS = 30       # before the first report by more than this is background


@dataclass
class DatedSentence:
    period: Period
    candidate: Candidate
    statement: Statement | None = None


@dataclass
class Event:
    period: Period
    members: list[DatedSentence] = field(default_factory=list)

    @property
    def articles(self) -> set[int]:
        return {c.article for m in self.members for c in (m.statement.copies if m.statement else [m.candidate])}


def dated_sentences(analyses: list[Analysis], statements: list[Statement]) -> list[DatedSentence]:
    """Every sentence holding a calendar date, with the finest such date in it."""
    by_sentence = {(c.article, c.start): s for s in statements for c in s.copies}
    out = []
    for a_index, analysis in enumerate(analyses):
        times = sorted(analysis.times, key=lambda t: t.start)
        for position, span in enumerate(analysis.sentences):
            inside = [(t, p) for t in times if span.start <= t.start < span.end and t.type in ("DATE", "TIME")
                      and (p := period_of(t.value))]
            if not inside:
                continue
            # the event's date, not the telling's ("retook it on Saturday, officials said on Sunday")
            text = analysis.article.text
            period = min(inside, key=lambda tp: (is_reporting(text, tp[0].start), UNIT_ORDER.get(tp[1].unit, 9)))[1]
            statement = by_sentence.get((a_index, span.start))
            candidate = next((c for c in statement.copies if c.article == a_index and c.start == span.start),
                             None) if statement else None
            if candidate is None:
                continue
            out.append(DatedSentence(period, candidate, statement))
    return out


@cache
def _event_classes() -> dict[str, str]:
    data = tomllib.loads(resources.files("newsbrief.brief").joinpath("event_words.toml").read_text("utf-8"))
    return {word: name for name, words_ in data.items() for word in words_}


TIME_WORDS = frozenset(stem(w) for w in """monday tuesday wednesday thursday friday saturday sunday day days week
weeks month months year years today yesterday tomorrow night morning evening afternoon weekend january february
march april may june july august september october november december""".split())


def event_terms(text: str) -> frozenset[str]:
    """What a sentence says happened: its content words, event verbs folded into their class, times dropped."""
    classes = _event_classes()
    terms = set()
    for w in words(text):
        if w in STOPWORDS or w.isdigit():
            continue
        s = stem(w)
        if s not in TIME_WORDS:
            terms.add(classes.get(s, s))
    return frozenset(terms)


def same_event(a: DatedSentence, b: DatedSentence) -> bool:
    if a.statement is b.statement:
        return True
    x, y = event_terms(a.candidate.text), event_terms(b.candidate.text)
    return bool(x and y) and len(x & y) / math.sqrt(len(x) * len(y)) >= SAME_EVENT


def group_events(dated: list[DatedSentence]) -> list[Event]:
    """Same-dated sentences that share wording (one statement) or say the same thing become one event."""
    by_value: dict[str, list[DatedSentence]] = defaultdict(list)
    for d in dated:
        by_value[d.period.value].append(d)
    events = []
    for value, items in by_value.items():
        groups: list[Event] = []
        for item in items:
            home = next((g for g in groups if any(same_event(m, item) for m in g.members)), None)
            if home is None:
                groups.append(Event(item.period, [item]))
            elif all(m.statement is not item.statement for m in home.members):
                home.members.append(item)
        events.extend(groups)
    return events


def story_start(analyses: list[Analysis]) -> date | None:
    dates = [date.fromisoformat(a.article.published[:10]) for a in analyses
             if a.article.published and not a.article.published_inferred]
    return min(dates) if dates else None


def build_timeline(analyses: list[Analysis], statements: list[Statement], per_date: int = 3,
                   max_story: int = 30, max_background: int = 10) -> list[TimelineEntry]:
    """The brief's timeline: events in date order, at most `per_date` per date, and at most
    `max_story` story entries and `max_background` background ones: the best supported (most
    articles, then the most central wording)."""
    events = group_events(dated_sentences(analyses, statements))
    start = story_start(analyses)
    by_value: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_value[e.period.value].append(e)
    entries = []
    for value, group in by_value.items():
        group.sort(key=lambda e: (-len(e.articles), -max(m.statement.score for m in e.members)))
        for event in group[:per_date]:
            entries.append((event, _entry(event, analyses, start)))
    entries = _best(entries, False, max_story) + _best(entries, True, max_background)
    entries.sort(key=lambda pair: (pair[0].period.first, UNIT_ORDER.get(pair[0].period.unit, 9), pair[0].period.value,
                                   pair[0].members[0].candidate.article, pair[0].members[0].candidate.position))
    return [entry for _, entry in entries]


def _best(entries: list[tuple[Event, TimelineEntry]], background: bool, limit: int) -> list[tuple[Event, TimelineEntry]]:
    kept = [pair for pair in entries if pair[1].background == background]
    kept.sort(key=lambda pair: (-len(pair[0].articles), -max(m.statement.score for m in pair[0].members)))
    return kept[:limit]


def _entry(event: Event, analyses: list[Analysis], start: date | None) -> TimelineEntry:
    # the best-placed sentence speaks for the event; every copy and paraphrase is cited
    members = sorted(event.members, key=lambda m: (-m.statement.score, m.candidate.position))
    citations = []
    seen = set()
    for m in members:
        for c in m.statement.copies:
            citation = c.citation(analyses)
            if citation not in seen:
                seen.add(citation)
                citations.append(citation)
    lead = members[0].statement.first
    first = lead.citation(analyses)
    citations.remove(first)
    background = start is not None and event.period.last < start - timedelta(days=BACKGROUND_DAYS)
    return TimelineEntry(date=event.period.value, text=lead.text, citations=[first, *citations],
                         background=background)


def summarise_days(analyses: list[Analysis], statements: list[Statement], max_dates: int, per_date: int,
                   start: date | None = None, end: date | None = None,
                   pub_weight: float = 0.5) -> dict[date, list[Statement]]:
    """A timeline summary of a long story: the `max_dates` days the collection points at most, each
    with the `per_date` most central sentences about it.

    A day's weight is the number of articles that name it afterwards (a day still talked about later
    mattered), plus half the articles that name it on the day, plus `pub_weight` for every article
    published on it. A day's sentences are those that name it, and the first sentences of that
    day's articles that name no other day; ranked by closeness to their centroid, without repeats."""
    def within(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    dated = [d for d in dated_sentences(analyses, statements) if d.period.unit == "day" and within(d.period.first)]
    day_of = {i: date.fromisoformat(a.article.published[:10]) for i, a in enumerate(analyses) if a.article.published}
    later: dict[date, set[int]] = defaultdict(set)
    same: dict[date, set[int]] = defaultdict(set)
    naming: dict[date, dict[int, Statement]] = defaultdict(dict)
    named_days: dict[int, set[date]] = defaultdict(set)
    for d in dated:
        naming[d.period.first][id(d.statement)] = d.statement
        named_days[id(d.statement)].add(d.period.first)
        for c in d.statement.copies:
            if c.article in day_of:
                (later if day_of[c.article] > d.period.first else same)[d.period.first].add(c.article)
    published: dict[date, int] = defaultdict(int)
    for day in day_of.values():
        if within(day):
            published[day] += 1
    weight = {day: len(later.get(day, ())) + 0.5 * len(same.get(day, ())) + pub_weight * published.get(day, 0)
              for day in set(naming) | set(published)}
    days = sorted(weight, key=lambda d: (-weight[d], d))[:max_dates]
    leads: dict[date, dict[int, Statement]] = defaultdict(dict)
    for s in statements:
        day = day_of.get(s.first.article)
        if day and s.first.position < 3 and named_days.get(id(s), set()) <= {day}:
            leads[day][id(s)] = s
    return {day: _central(list({**leads.get(day, {}), **naming.get(day, {})}.values()), per_date)
            for day in sorted(days)}


def _central(pool: list[Statement], k: int) -> list[Statement]:
    usable = [s for s in pool if 8 <= len(s.first.text.split()) <= 80] or pool
    centroid: dict[str, float] = defaultdict(float)
    for s in usable:
        for t, v in s.vector.items():
            centroid[t] += v
    ranked = sorted(usable, key=lambda s: -(sum(v * centroid[t] for t, v in s.vector.items())
                                            * (1 + 0.2 * math.log(len(s.copies)))))
    chosen: list[Statement] = []
    for s in ranked:
        if len(chosen) == k:
            break
        if all(sum(v * c.vector.get(t, 0.0) for t, v in s.vector.items()) < 0.5 for c in chosen):
            chosen.append(s)
    return chosen
