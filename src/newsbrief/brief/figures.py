"""The story's figures, and where they disagree: conflicts and trends.

Two figures are about the same quantity when they are the same kind (killed, wounded, share ...), count
the same subject (children are not all the dead; a town is not the territory), and tell the same event:
their sentences share enough event words (`timeline.event_terms`), or, for shares and other measures
whose sentences word the event differently ("lost 95 percent of its caliphate", "recaptured 90 percent of
the territory"), they name the same thing and are within a factor of two.

Same quantity, different claimants, the same day, and intervals that do not meet (`low`/`high`: "at least
26" against "20") is a conflict. Same quantity on different days is a trend (90% in October, 95% in
November), shown as a change, not a disagreement; where sources also disagree, each source's own series
is its trend (civil protection 4 then 7 dead, the Red Cross 6 then 9).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from itertools import combinations

from newsbrief.brief.timeline import event_terms
from newsbrief.gazetteer.names import fold
from newsbrief.model import Analysis, Conflict, Figure, Trend
from newsbrief.terms import stem

SAME_EVENT = 0.4          # cosine of event terms at or above which two figures' sentences tell one event
CONFLICT_FACTOR = 4.0     # claims further apart than this are about different things, not a dispute
TREND_FACTOR = 10.0       # ... and a "change" beyond this is two different counts
TOLLS = ("killed", "wounded", "missing", "arrested", "displaced")
SHARE_FACTOR = 2.0        # a share or measure named alike is the same quantity within this factor
SUBJECTS = {              # the subject of a count, when it is a subset of the whole
    "child": "children", "children": "children", "kid": "children", "minor": "children", "boy": "children",
    "girl": "children", "women": "women", "woman": "women", "soldier": "soldiers", "troop": "soldiers",
    "policemen": "police", "police": "police", "officer": "police", "journalist": "journalists",
    "foreigner": "foreigners", "tourist": "foreigners",
}
EVENT_KINDS = [(kind, rf"\b{pattern}") for kind, pattern in [
    ("car bomb", r"car[- ]bomb"), ("suicide bomb", r"suicide[- ]bomb"), ("roadside bomb", r"roadside bomb"),
    ("bomb", r"bomb(?:ing|s|ed)?\b"), ("air strike", r"air ?strikes?|air raids?|bombard"),
    ("artillery", r"artillery|shelling|mortar"), ("explosion", r"explo(?:sion|ded)|blast"),
    ("earthquake", r"(?:earth)?quake"), ("flood", r"flood"), ("storm", r"hurricane|typhoon|cyclone|storm"),
    ("crash", r"crash"), ("fire", r"fire\b|blaze|wildfire"), ("shooting", r"shooting|gunm[ae]n|gunfire"),
    ("massacre", r"massacre"), ("clash", r"clash(?:es)?"), ("epidemic", r"epidemic|outbreak|pandemic"),
    ("stampede", r"stampede"), ("landslide", r"landslide|mudslide"), ("collapse", r"collaps")]]
UNIT_WORDS = frozenset({"percent", "cent", "per"})
WHOLES = {                # a share's whole, by class
    "territory": "territory", "land": "territory", "caliphate": "territory", "area": "territory",
    "town": "town", "city": "town", "village": "town",
    "vote": "vote", "ballot": "vote", "electorate": "vote",
}


def story_figures(analyses: list[Analysis], names: dict[tuple[str, int], str]
                  ) -> tuple[list[Figure], list[Conflict], list[Trend]]:
    """Every figure with its claimant named as the story's entity, and the conflicts and trends."""
    figures, contexts, outlets, sentences = [], [], [], []
    for analysis in analyses:
        text = analysis.article.text
        for f in analysis.figures:
            mention = f.claimant_mention
            claimant = names.get((mention.article, mention.start)) if mention else None
            figures.append(replace(f, claimed_by=claimant or f.claimed_by))
            contexts.append(_context(text, analysis, f.citation.start))
            outlets.append(analysis.article.outlet or analysis.article.id)
            sentences.append(next((k for k, sp in enumerate(analysis.sentences)
                                   if sp.start <= f.citation.start < sp.end), -9))
    same = _same_quantity(figures, contexts, sentences)
    conflicts, trends = [], []
    for group in _groups(len(figures), same):
        found = _conflicts(group, figures, outlets)
        conflicts.extend(found)
        trends.extend(_trends(group, figures, outlets, conflicted=bool(found)))
    return figures, conflicts, trends


def _context(text: str, analysis: Analysis, at: int) -> str:
    """The figure's sentence, with the one before when it is short or starts with a pronoun ("It said
    12 children were among the victims")."""
    spans = analysis.sentences
    for k, s in enumerate(spans):
        if s.start <= at < s.end:
            sentence = text[s.start:s.end]
            if k and (len(sentence.split()) < 12 or re.match(r"(?:It|They|He|She|This)\b", sentence)):
                return text[spans[k - 1].start:s.end]
            return sentence
    return ""


def key(f: Figure) -> tuple[str, str | None, str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", f.counts.split(" of ")[0])]
    if f.measure in TOLLS:
        return f.measure, None, next((SUBJECTS[w] for w in words if w in SUBJECTS), "all")
    if f.measure == "people":            # "470 students" and "three truant officers" are different people
        return "people", None, stem(words[-1]) if words else ""
    head = stem(words[-1]) if words else ""
    return f.measure, f.unit, WHOLES.get(head, WHOLES.get(words[-1] if words else "", head))


def comparable(f: Figure) -> bool:
    """A figure that says what it counts: a toll always ("seven" dead); a share, a sum or a measure only
    with the thing it is of ("$60 million" alone could be anything)."""
    if f.measure in TOLLS:
        return True
    return bool(f.counts.strip()) and (f.measure != "other" or f.unit is not None)


def _same_quantity(figures: list[Figure], contexts: list[str], sentence_of: list[int]) -> dict[int, set[int]]:
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(figures):
        if comparable(f):
            by_key[key(f)].append(i)
    # the event, not the figure's own words: two shares of different things both say "percent" and
    # "territory"; a toll's "killed" and "dead" are the event itself, and stay
    terms = [event_terms(c) - UNIT_WORDS - (event_terms(f.text) if f.measure in ("share", "money", "other") else set())
             for c, f in zip(contexts, figures)]
    weights = _idf(terms)
    events = [event_kinds(c) for c in contexts]
    names_in = [_names(c) for c in contexts]
    same: dict[int, set[int]] = defaultdict(set)
    for members in by_key.values():
        for i, j in combinations(members, 2):
            a, b = figures[i], figures[j]
            here = a.citation.article == b.citation.article
            if here and sentence_of[i] == sentence_of[j] and _day(a) == _day(b):
                continue          # a sentence listing figures lists different things ("up from" is a change)
            if a.unit and a.measure == "other" and _elsewhere(contexts[i], contexts[j]):
                continue          # a river's level at two towns is two quantities
            cosine = _cosine(terms[i], terms[j], weights)
            # shares of one territory or town, worded differently ("lost 95 percent of its caliphate",
            # "recaptured 90 percent of the territory"), by the same names and close in value
            alike = (a.measure == "share" and key(a)[2] in WHOLES.values() and names_in[i] & names_in[j]
                     and _ratio(a, b) <= SHARE_FACTOR)
            # the next sentence of the same article comparing ("The Red Cross gave higher figures")
            adjacent = here and abs(sentence_of[i] - sentence_of[j]) == 1 and a.measure in TOLLS
            kinds = events[i] & events[j]
            if _ratio(a, b) > TREND_FACTOR or events[i] and events[j] and not kinds:
                continue          # a car bombing's toll is not the shelling's; 786 dead is not 26
            if kinds or cosine >= SAME_EVENT or alike or adjacent:
                same[i].add(j)
                same[j].add(i)
    return same


def event_kinds(text: str) -> frozenset[str]:
    """The kinds of event a sentence names ("car bomb", "air strike", "earthquake"), the specific kind
    only when it is there: a car bombing is not any bombing."""
    low = text.lower()
    found = {kind for kind, pattern in EVENT_KINDS if re.search(pattern, low)}
    return frozenset(k for k in found if not any(k != other and k in other for other in found))


def _idf(terms: list[frozenset[str]]) -> dict[str, float]:
    """Rare words tell an event apart ("car", "Deir Ezzor"); words every figure's sentence has ("people",
    "said") do not. Counted over the story's distinct figure sentences."""
    distinct = set(terms)
    df: dict[str, int] = defaultdict(int)
    for t in distinct:
        for w in t:
            df[w] += 1
    n = len(distinct)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _cosine(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    norm = math.sqrt(sum(weights[w] ** 2 for w in a) * sum(weights[w] ** 2 for w in b))
    return sum(weights[w] ** 2 for w in a & b) / norm if norm else 0.0


def _ratio(a: Figure, b: Figure) -> float:
    return max(a.value, b.value) / max(min(a.value, b.value), 1e-9)


CALENDAR = frozenset(fold(w) for w in """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December""".split())


def _elsewhere(a: str, b: str) -> bool:
    """Both sentences name where, and not the same place."""
    x, y = _names(a) - CALENDAR, _names(b) - CALENDAR
    return bool(x and y) and not x & y


def _names(text: str) -> set[str]:
    """Capitalised words after the first: the story's names, enough to tell two sentences' subjects apart."""
    return {fold(w) for w in re.findall(r"(?<=[\s(“\"])[A-Z][\w-]+", text)} - {"the", "but", "and", "in"}


def _groups(n: int, same: dict[int, set[int]]) -> list[list[int]]:
    seen, out = set(), []
    for i in range(n):
        if i in seen or i not in same:
            continue
        group, todo = [], [i]
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            group.append(x)
            todo.extend(same[x])
        out.append(sorted(group))
    return out


GENERIC = frozenset("the a an officials official spokesman spokeswoman spokesperson sources source".split())


def _claimant(f: Figure, outlet: str) -> str:
    """Who claims it, for comparing: "civil protection officials", "Croatian civil protection" and "Civil
    protection" are one source; an unattributed figure is its outlet's."""
    if not f.claimed_by:
        return f"outlet:{outlet}"
    words = [w for w in fold(f.claimed_by).split() if w not in GENERIC]
    return " ".join(w for w in words if not _DEMONYM.fullmatch(w)) or " ".join(words)


_DEMONYM = re.compile(r"[a-z]+(?:ian|ese|ish|i|an)")


def _same_source(a: str, b: str) -> bool:
    x, y = set(a.split()), set(b.split())
    return x <= y or y <= x


def _day(f: Figure) -> str:
    return (f.date or "")[:10]


def _disjoint(a: Figure, b: Figure) -> bool:
    def bounds(f: Figure) -> tuple[float, float]:
        return (f.low if f.low is not None else f.value), (f.high if f.high is not None else math.inf)
    (lo_a, hi_a), (lo_b, hi_b) = bounds(a), bounds(b)
    return hi_a < lo_b or hi_b < lo_a


def _conflicts(group: list[int], figures: list[Figure], outlets: list[str]) -> list[Conflict]:
    """One conflict per disagreement: on a day, claimants whose intervals do not meet. The same claims
    repeated on other days (a syndicated copy, a follow-up) join it rather than make another."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for i in group:
        by_day[_day(figures[i])].append(i)
    found: dict[frozenset, list[int]] = {}
    for day in sorted(by_day):
        members = by_day[day]
        clashing = {x for i, j in combinations(members, 2)
                    if not _same_source(_claimant(figures[i], outlets[i]), _claimant(figures[j], outlets[j]))
                    and _disjoint(figures[i], figures[j]) and _ratio(figures[i], figures[j]) <= CONFLICT_FACTOR
                    for x in (i, j)}
        if clashing:
            claims = frozenset((_claimant(figures[i], outlets[i]), figures[i].value) for i in clashing)
            found.setdefault(claims, []).extend(sorted(clashing))
    return [Conflict(about=about(figures[members[0]]), figures=members) for members in found.values()]


def _trends(group: list[int], figures: list[Figure], outlets: list[str], conflicted: bool) -> list[Trend]:
    """The quantity over time, each value once per day. When sources disagree, each claimant's own
    series: a change by one source is a trend; two sources' different numbers are not."""
    series: dict[str, list[int]] = defaultdict(list)
    for i in group:
        if _day(figures[i]):
            series[_claimant(figures[i], outlets[i]) if conflicted else ""].append(i)
    out = []
    for who, members in series.items():
        seen, kept = set(), []
        for i in sorted(members, key=lambda i: (_day(figures[i]), i)):
            if (_day(figures[i]), figures[i].value) not in seen:
                seen.add((_day(figures[i]), figures[i].value))
                kept.append(i)
        if len({_day(figures[i]) for i in kept}) >= 2 and len({figures[i].value for i in kept}) >= 2:
            claimant = figures[kept[0]].claimed_by if conflicted else None
            label = about(figures[kept[0]]) + (f", according to {claimant}" if claimant else "")
            out.append(Trend(about=label, figures=kept))
    return out


def about(f: Figure) -> str:
    """What the compared figures count, in words: "killed: displaced people", "share: territory"."""
    measure, unit, subject = key(f)
    if measure in ("killed", "wounded", "missing", "arrested", "displaced"):
        return f"{'people' if subject == 'all' else subject} {measure}"
    if measure == "share":
        return f"share of {f.counts or subject}"
    return f"{f.counts or subject} ({unit})" if unit else (f.counts or subject)
