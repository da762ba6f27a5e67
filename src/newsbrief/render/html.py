"""The brief as one self-contained HTML file: inline CSS and JS, no network, opens offline.

Article text is escaped by Jinja2's autoescaping; the data the script reads is embedded as JSON with
every "<" escaped, so no article can close the script element. The page works without its script
too (every section is plain HTML); the script adds the source panel, the clutter toggle and printing
with every article open.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import PurePath

import jinja2

from newsbrief.analyse.times.calendar import period_of
from newsbrief.model import Article, Brief, Citation, Figure, Quote, TimelineEntry
from newsbrief.render.dates import describe, short_day
from newsbrief.render.map import place_map

WEEKS_FROM = 28          # days: a story whose dated days span more than this is grouped by week
UNITS = ["day", "week", "month", "quarter", "season", "half", "year", "decade"]
# the values HTML's <time datetime> accepts, of those TIMEX3 gives
HTML_DATETIME = re.compile(r"^\d{4}(-\d\d(-\d\d)?|-W\d\d)?$")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsbrief.render", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def to_html(brief: Brief) -> str:
    numbers = {a.id: i for i, a in enumerate(brief.articles, 1)}
    sources = source_names(brief.articles)
    short = {a.id: short_label(a) for a in brief.articles}
    template = _environment().get_template("brief.html.j2")
    timeline = timeline_view(brief)
    return template.render(
        brief=brief, numbers=numbers, short=short, title=display_title,
        blocks=article_blocks, data=_data(brief), timeline=timeline, describe=describe, facts=facts_view(brief),
        people=people_and_quotes(brief), per_article=first_per_article, figures=figures_view(brief),
        copying=copying_view(brief), published=describe_published, place_map=place_map(brief.places),
        cited=cited_counts(brief), sources=sources, id=id,
        sections=_sections(brief, timeline))


# ---------------------------------------------------------------- articles and their labels


def display_title(article: Article) -> str:
    """The title, or the first words of the text for an article that has none."""
    if article.title:
        return article.title
    words = article.text.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "") if words else article.id


def source_names(articles: list[Article]) -> dict[str, str]:
    """Where each article came from, as a reader needs it: files by their path below the folder they share
    ("01-zagreb-evening-post.txt", "feeds/wire.jsonl:3"), so that a brief shows no path of the machine it
    was made on; a URL or an upload's name as it is. The JSON keeps the full `source`."""
    files: dict[str, tuple[PurePath, str]] = {}
    for a in articles:
        if a.source == "-" or re.match(r"[a-z][a-z0-9+.-]+:", a.source):    # stdin, "upload:x.txt", a URL
            continue
        path, where = re.fullmatch(r"(.*?)((?::\d+)|(?:\[\d+\]))?", a.source).groups()
        files[a.id] = (PurePath(path), where or "")
    try:
        folder = os.path.commonpath([str(p.parent) for p, _w in files.values()]) if files else ""
    except ValueError:          # absolute and relative paths together: the names alone
        folder = None
    names = {}
    for a in articles:
        if a.id not in files:
            names[a.id] = "standard input" if a.source == "-" else a.source
            continue
        path, where = files[a.id]
        shown = path.name if folder is None or not folder else str(path.relative_to(folder))
        names[a.id] = shown + where
    return names


def short_label(article: Article) -> str:
    """Who and when, for a citation marker's accessible name: "Adriatic Wire, 18 Mar 2025"."""
    who = article.outlet or (article.dateline.agency if article.dateline else None) or display_title(article)
    if len(who) > 60:
        who = who[:57].rstrip() + "…"
    day = _day(article.published)
    return f"{who}, {day.day} {day:%b %Y}" if day else who


def describe_published(stamp: str | None) -> str:
    """"2025-03-16T08:30+01:00" -> "Sun 16 Mar 2025, 08:30 +01:00"."""
    day = _day(stamp)
    if day is None:
        return stamp or "—"
    text = short_day(day, year=True)
    if m := re.match(r"\d{4}-\d\d-\d\dT(\d\d:\d\d)(?::\d\d)?(Z|[+-]\d\d:\d\d)?$", stamp or ""):
        text += f", {m[1]}" + (f" {m[2]}" if m[2] else "")
    return text


def _day(stamp: str | None) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


def article_blocks(article: Article) -> list[dict]:
    """The article as paragraphs and removed clutter, in reading order, each paragraph with its offset."""
    blocks, removed, i, offset = [], sorted(article.removed, key=lambda r: r.at), 0, 0
    for paragraph in article.text.split("\n\n"):
        while i < len(removed) and removed[i].at <= offset:
            blocks.append({"removed": removed[i]})
            i += 1
        blocks.append({"text": paragraph, "start": offset})
        offset += len(paragraph) + 2
    blocks += [{"removed": r} for r in removed[i:]]
    return blocks


def panel_label(article: Article) -> str:
    """Who, what and when, for the source panel: "ZEP, “Sava waters recede”, Wed 19 Mar 2025 (date inferred)"."""
    who = article.outlet or (article.dateline.agency if article.dateline else None)
    when = describe_published(article.published) if article.published else None
    if when and article.published_inferred:
        when += " (date inferred)"
    return ", ".join(p for p in (who, f"“{display_title(article)}”", when) if p)


def _data(brief: Brief) -> str:
    data = {a.id: {"text": a.text, "label": panel_label(a)} for a in brief.articles}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace("\u2028", "\\u2028")


def facts_view(brief: Brief) -> dict:
    """The line under the headline: how many sources, from how many outlets, over which days."""
    days = sorted(d for a in brief.articles if (d := _day(a.published)))
    outlets = {a.outlet or (a.dateline.agency if a.dateline else None) for a in brief.articles} - {None}
    span = None
    if days:
        first, last = days[0], days[-1]
        span = (f"{first.day} {first:%b %Y}" if first == last
                else f"{first.day} {first:%b} – {last.day} {last:%b %Y}" if first.year == last.year
                else f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}")
    return {"articles": len(brief.articles), "outlets": len(outlets), "span": span,
            "removed": sum(len(a.removed) for a in brief.articles), "conflicts": len(brief.conflicts)}


def _sections(brief: Brief, timeline: dict) -> list[tuple[str, str]]:
    """The page's contents: (element id, title) of each section it shows, for the navigation bar."""
    shown = [("summary", "Summary", bool(brief.summary)),
             ("timeline", "Timeline", bool(timeline["groups"] or timeline["background"])),
             ("places", "Map", bool(brief.places)),
             ("people", "People", bool(brief.entities or brief.quotes)),
             ("figures", "Figures", bool(brief.figures)),
             ("passages", "Shared passages", bool(brief.passages)),
             ("sources", "Sources", True), ("articles", "Articles", bool(brief.articles))]
    return [(key, title) for key, title, present in shown if present]


def cited_counts(brief: Brief) -> Counter:
    """How often the headline, summary and timeline cite each article: how much the brief leans on it."""
    return Counter(c.article for item in [brief.headline, *brief.summary, *brief.timeline] for c in item.citations)


def first_per_article(citations: list[Citation]) -> dict:
    """One citation per article (its first), for lists where every mention would be too many buttons."""
    seen, out = set(), []
    for c in citations:
        if c.article not in seen:
            seen.add(c.article)
            out.append(c)
    return {"citations": out}


def people_and_quotes(brief: Brief, limit: int = 20) -> dict:
    """The most mentioned entities with what each said, and the quotes of other speakers; each quote with
    whether it is direct (in quote marks in the article) or reported speech."""
    shown = brief.entities[:limit]
    said: dict[str, list[Quote]] = {e.name: [] for e in shown}
    others: list[Quote] = []
    for quote in brief.quotes:
        said.get(quote.speaker or "", others).append(quote)
    # people who said something first, then by mentions
    ordered = sorted(shown, key=lambda e: (not said[e.name], -len(e.mentions)))
    texts = {a.id: a.text for a in brief.articles}
    direct = {id(q) for q in brief.quotes if is_direct(q, texts.get(q.citation.article, ""))}
    return {"entities": [(e, said[e.name]) for e in ordered], "others": others,
            "more": len(brief.entities) - len(shown), "direct": direct}


QUOTE_MARKS = "\"“”‘’`'«»„"


def is_direct(quote: Quote, text: str) -> bool:
    """A quote in quote marks in its article (its words are the speaker's), not reported speech ("police
    said three people were missing"), which a brief must not put in quote marks."""
    start = quote.citation.start
    return start > 0 and text[start - 1:start] in QUOTE_MARKS


# ---------------------------------------------------------------- the timeline


@dataclass
class TimelineGroup:
    """The entries of one day (or week): a heading on the timeline and what happened then."""

    id: str
    label: str
    first: date | None
    last: date | None
    unit: str                                  # day, week, or the entry's own coarser unit
    datetime: str | None = None                # for <time datetime>, when HTML accepts the value
    vague: bool = False                        # a period coarser than the grouping: "sometime in March"
    entries: list[tuple[str | None, TimelineEntry]] = field(default_factory=list)   # (when within, entry)


def timeline_view(brief: Brief, weeks_from: int = WEEKS_FROM) -> dict:
    """The story's entries grouped by day, or by week when its dated days span more than `weeks_from`
    days; entries vaguer than the grouping (a month, a season) are groups of their own after their last day.
    Background entries (before the story) are apart, under their own values. Also the bars of the
    chart above the list: entries per day (or week) on a true time axis."""
    story = [e for e in brief.timeline if not e.background]
    days = sorted(p.first for e in story if (p := period_of(e.date)) and p.unit == "day")
    unit = "week" if days and (days[-1] - days[0]).days > weeks_from else "day"
    groups = _group(story, unit, "t")
    older = [e for e in brief.timeline if e.background]
    return {"unit": unit, "groups": groups, "background": _group(older, None, "b"), "chart": _chart(groups, unit),
            "entries": len(story), "background_entries": len(older)}


def _group(entries: list[TimelineEntry], unit: str | None, prefix: str) -> list[TimelineGroup]:
    """Entries under their day or week (unit), or under their own value (unit None)."""
    groups: dict[str, TimelineGroup] = {}
    for entry in entries:
        period = period_of(entry.date)
        own = period.unit if period else None
        if unit == "day" and own == "day":
            key, within = entry.date[:10], _part_of_day(entry.date)
            group = TimelineGroup("", describe(key), period.first, period.first, "day", key)
        elif unit == "week" and own in ("day", "week"):
            year, week, _ = period.first.isocalendar()
            key = f"{year}-W{week:02d}"
            monday = date.fromisocalendar(year, week, 1)
            within = (short_day(period.first) + (f", {p}" if (p := _part_of_day(entry.date)) else "")
                      if own == "day" else describe(entry.date) if entry.date.endswith("-WE") else "during the week")
            group = TimelineGroup("", f"Week of {monday.day} {monday:%b %Y}", monday, monday, "week", key)
        else:
            key = entry.date[:10] if own == "day" else entry.date       # a day's times share its group
            within = _part_of_day(entry.date) if own == "day" else None
            label = describe(key) if own == "day" else _sometime(entry.date, own, unit)
            group = TimelineGroup("", label, period.first if period else None, period.last if period else None,
                                  own or "unknown",
                                  key if HTML_DATETIME.match(key) else None, vague=unit is not None)
        groups.setdefault(key, group).entries.append((within, entry))
    # a vague period goes after the last day it may hold: what comes before it is surely no later
    ordered = sorted(groups.values(),
                     key=lambda g: ((g.last if g.vague else g.first) or date.max, _rank(g.unit), g.label))
    for i, group in enumerate(ordered, 1):
        group.id = f"{prefix}{i}"
        group.entries.sort(key=lambda pair: _entry_order(pair[1]))
    return ordered


def _rank(unit: str) -> int:
    return UNITS.index(unit) if unit in UNITS else len(UNITS)


def _entry_order(entry: TimelineEntry) -> tuple:
    period = period_of(entry.date)
    return (period.first if period else date.max, _rank(period.unit) if period else 99, entry.date)


def _part_of_day(value: str) -> str | None:
    """The time within a day a value gives: "morning", "23:00", "midnight"."""
    described = describe(value)
    return described.split(", ", 1)[1] if ", " in described else None


def _sometime(value: str, own: str | None, unit: str | None) -> str:
    text = describe(value)
    if unit is None or own is None:
        return text
    return f"During the {text}" if own == "week" else f"Sometime in {text}"


def _chart(groups: list[TimelineGroup], unit: str, width: int = 880, height: int = 90) -> dict | None:
    """Bars of entries per day (or week) on a time axis from the first to the last, each bar a link to
    its group; vaguer groups are not drawn (they have no single day)."""
    drawn = [g for g in groups if g.unit == unit and g.first]
    if not drawn:
        return None
    step = 7 if unit == "week" else 1
    first, last = drawn[0].first, drawn[-1].first
    slots = (last - first).days // step + 1
    left, right, top, bottom = 8, 8, 14, 24
    slot = (width - left - right) / slots
    most = max(len(g.entries) for g in drawn)
    bars = []
    for g in drawn:
        n = len(g.entries)
        h = max(4.0, (height - top - bottom) * n / most)
        x = left + (g.first - first).days // step * slot
        bars.append({"id": g.id, "x": round(x + slot * 0.15, 1), "w": round(max(2.0, slot * 0.7), 1),
                     "y": round(height - bottom - h, 1), "h": round(h, 1), "n": n, "label": g.label})
    ticks = []
    every = max(1, round(slots / 8))
    for i in range(0, slots, every):
        day = date.fromordinal(first.toordinal() + i * step)
        ticks.append({"x": round(left + (i + 0.5) * slot, 1), "text": f"{day.day} {day:%b}"})
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "base": height - bottom,
            "unit": unit, "most": most}


# ---------------------------------------------------------------- figures and copying


@dataclass
class Claim:
    """One figure as one claimant gave it, with every article that carries it and the dates it held."""

    figure: Figure
    citations: list[Citation]
    dates: list[str] = field(default_factory=list)

    @property
    def number(self) -> str:
        """The value as the wording bounds it: "≈ 1,500", "> 3,000", "200–999" for "hundreds", "≥ 200 million EUR"."""
        f = self.figure
        unit = {"percent": "%", None: ""}.get(f.unit, f" {f.unit}")
        spread = f.low is not None and f.high is not None and f.high >= 2 * max(f.low, 1)
        if f.qualifier == "between" or (f.qualifier is None and spread):
            return f"{_amount(f.low)}–{_amount(f.high)}{unit}"          # "hundreds", "thousands"
        sign = QUALIFIER_SIGNS.get(f.qualifier or "", "")
        if not sign and f.low is not None and f.high is None:
            sign = "≥ "
        return sign + _amount(f.value) + unit


# the qualifiers figures.numbers gives, as signs
QUALIFIER_SIGNS = {"about": "≈ ", "at least": "≥ ", "more than": "> ", "up to": "≤ ", "almost": "< ", "fewer than": "< "}


def _amount(value: float) -> str:
    """1500 -> "1,500"; 140000000 -> "140 million"."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def merge_claims(figures: list[Figure], by_date: bool = True) -> list[Claim]:
    """The same value from the same claimant in several articles (a syndicated copy repeats it, a later
    report restates it) as one claim; on `by_date`, only when it is also for the same date."""
    claims: dict[tuple, Claim] = {}
    for f in figures:
        key = (f.value, f.unit, (f.claimed_by or "").lower(), f.date if by_date else None)
        claim = claims.setdefault(key, Claim(f, []))
        claim.citations.append(f.citation)
        if f.date and f.date not in claim.dates:
            claim.dates.append(f.date)
    return list(claims.values())


def figures_view(brief: Brief, limit: int = 30) -> dict:
    """Conflicts and trends first, then the story's other claims: the tolls, shares and sums before plain
    counts of things, and each claim once (a syndicated copy repeats it)."""
    listed = {i for group in [*brief.conflicts, *brief.trends] for i in group.figures}
    seen, rest = set(), []
    for i, f in enumerate(brief.figures):
        key = (f.value, f.unit, f.counts.lower(), f.claimed_by)
        if i not in listed and key not in seen:
            seen.add(key)
            rest.append(f)
    rest.sort(key=lambda f: f.measure == "other")

    def claims(indices: list[int], by_date: bool = True) -> list[Claim]:
        return merge_claims([brief.figures[i] for i in indices], by_date)

    conflicts = []
    for c in brief.conflicts:
        merged = claims(c.figures, by_date=False)     # who says what matters here; the trends show when
        low = min(merged, key=lambda m: m.figure.value)
        high = max(merged, key=lambda m: m.figure.value)
        conflicts.append({"about": c.about, "claims": merged, "low": low.figure.value, "high": high.figure.value,
                          "range": f"{low.number} to {high.number}"})
    return {"conflicts": conflicts,
            "trends": [{"about": t.about, "claims": claims(t.figures)} for t in brief.trends],
            "rest": [Claim(f, [f.citation], [f.date] if f.date else []) for f in rest[:limit]],
            "more": max(0, len(rest) - limit)}


def copying_view(brief: Brief) -> dict:
    """Per article: its originality and who it shares passages with; per passage, its carriers."""
    sources = {s.article: s for s in brief.sources}
    return {"sources": sources, "pairs": brief.copying}
