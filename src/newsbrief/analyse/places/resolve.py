"""Choose the place each toponym refers to, from the story's own context.

A candidate's score adds up evidence:
  - prior: what kind of place it is (a country or province before a village) and how many live there;
  - match: the name itself rather than an alternate name or a looser spelling;
  - context: the story's countries (named, as demonyms, or in the dateline) and first-level regions;
    "Springfield, Illinois" style qualification; nearness to the places already resolved.
Two passes: the first resolves without nearness, the second adds nearness to the first pass's confident
choices (countries, regions, and names with a single candidate or a clear winner).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsbrief.analyse.places.detect import Toponym
from newsbrief.gazetteer import Entry, Gazetteer
from newsbrief.geo import km

_FEATURE_PRIOR = {"A.PCLI": 6.0, "A.PCLD": 4.0, "L.CONT": 3.5, "L.RGN": 2.0, "A.ADM1": 2.6, "P.PPLC": 2.5,
                  "A.ADM2": 1.2, "H.STM": 1.2, "H.SEA": 1.5, "H.GULF": 1.5, "H.OCN": 2.0, "H.LK": 0.6}
_MATCH = {"name": 1.5, "alternate": 0.3, "variant": 0.0}
_SOURCE = {"geonames": 0.3, "naturalearth": 0.3, "geonames dump": 0.3, "countrystatecity": 0.0, "uszip": -0.2}


@dataclass
class Context:
    """What the story says about where it is."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)        # (country, admin1)
    anchors: set[tuple[float, float]] = field(default_factory=set)
    # every candidate of every distinct name in the text, for spatial coherence: (name, lat, lon) in
    # grid cells of 3 by 4 degrees, so that a candidate only looks at its neighbourhood
    spread: dict[tuple[int, int], set[tuple[str, float, float]]] = field(default_factory=dict)
    country_weight: dict[str, float] = field(default_factory=dict)


def prior(entry: Entry) -> float:
    """What a reader assumes with no context: the better-known place."""
    base = _FEATURE_PRIOR.get(entry.feature, 0.4 if entry.feature[0] in "HTLS" else 0.0)
    population = math.log10(entry.population + 1) / 2.5 if entry.feature[0] == "P" else 0.0
    source = _SOURCE.get(entry.source, 0.8 if entry.source.startswith("supplement") else 0.0)
    return base + population + source + _MATCH.get(entry.match, 0.0)


def score(entry: Entry, toponym: Toponym, context: Context, use_anchors: bool) -> float:
    s = prior(entry)
    if toponym.hint == "admin" and entry.feature.startswith("A.ADM"):
        s += 2.0
    if toponym.hint == "water" and entry.feature[0] == "H":
        s += 2.0
    if entry.country and context.countries[entry.country]:
        # more for the story's main countries than for one named in passing
        s += 1.5 + 1.5 * context.countries[entry.country] / max(context.countries.values())
    if entry.admin1 and context.regions[(entry.country, entry.admin1)]:
        s += 1.5
    if toponym.within:
        if any(c == entry.country and (not a or a == entry.admin1) for c, a in toponym.within):
            s += 4.0
        else:
            s -= 2.0
    if use_anchors and context.anchors and not entry.is_country:
        nearest = min(km(entry.lat, entry.lon, lat, lon) for lat, lon in context.anchors)
        s += 2.5 * math.exp(-nearest / 250.0)
    if not entry.is_country and entry.feature != "L.CONT":
        # a region's point is only its middle: being near the story's places says less about it
        s += _coherence(entry, toponym.lookup, context) * (0.5 if entry.is_admin1 else 1.0)
        s += context.country_weight.get(entry.country, 0.0)
    return s


def _coherence(entry: Entry, name: str, context: Context) -> float:
    """How many of the text's other names could be a place near this candidate: places in a story
    cluster, so the reading that puts them together is the likely one."""
    near: dict[str, float] = {}
    row, column = _cell(entry.lat, entry.lon)
    for cell in ((row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
        for other, lat, lon in context.spread.get(cell, ()):
            if other != name and abs(lat - entry.lat) < 3 and abs(lon - entry.lon) < 4:
                closeness = math.exp(-km(entry.lat, entry.lon, lat, lon) / 100.0)
                near[other] = max(near.get(other, 0.0), closeness)
    return min(3.0, 0.8 * sum(near.values()))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / 3), math.floor(lon / 4)


def best(candidates: tuple[Entry, ...], toponym: Toponym, context: Context, use_anchors: bool) -> tuple[Entry, float]:
    scored = sorted(((score(e, toponym, context, use_anchors), -i, e) for i, e in enumerate(candidates)),
                    reverse=True, key=lambda t: t[:2])
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0
    return scored[0][2], margin


def resolve(toponyms: list[Toponym], gazetteer: Gazetteer, countries: Counter | None = None,
            known_places: bool = False) -> list[Entry | None]:
    """The chosen entry for each toponym (None when the gazetteer has no candidate, or when the only
    reading is an implausible small place abroad, unless `known_places` says the names are places).

    `countries` counts the countries the text names by other means: demonyms, the dateline."""
    context = Context(countries=Counter(countries or {}))
    candidates = [_candidates(t, gazetteer) for t in toponyms]
    for toponym, found in zip(toponyms, candidates, strict=True):
        for entry in sorted(found, key=prior, reverse=True)[:_SPREAD_CANDIDATES]:
            if not entry.is_country:
                context.spread.setdefault(_cell(entry.lat, entry.lon), set()).add((toponym.lookup, entry.lat, entry.lon))
    context.country_weight = _country_weights(candidates, gazetteer)
    # Names that are certainly countries or regions set the context first.
    for found in candidates:
        top = [e for e in found if e.match != "variant"]
        strongest = max(top, key=prior) if top else None
        # a name that is also a region ("Georgia") is no evidence for either country
        rival = strongest is not None and strongest.is_country and any(e.is_admin1 for e in top)
        if strongest is not None and not rival:
            if strongest.is_country:
                context.countries[strongest.country] += 1
            elif strongest.is_admin1:
                context.regions[(strongest.country, strongest.admin1)] += 1
                context.countries[strongest.country] += 0.5
    first = _best_each(toponyms, candidates, context, False)
    named = Counter(context.countries)     # the countries the text itself names, before any guesses
    for entry, margin in first:
        if entry is not None and (margin >= 1.5 or entry.is_country or entry.is_admin1) and \
                (not named or named[entry.country] or entry.is_country):
            if not entry.is_country and entry.feature != "L.CONT" and entry.feature != "L.RGN":
                context.anchors.add((entry.lat, entry.lon))
            context.countries[entry.country] += 0.5 if entry.country else 0
    chosen = [entry for entry, _margin in _best_each(toponyms, candidates, context, True)]
    if known_places:
        return chosen
    return [e if e is None or _plausible(e, t, named, context) else None for e, t in zip(chosen, toponyms, strict=True)]


def _best_each(toponyms: list[Toponym], candidates: list[tuple[Entry, ...]], context: Context,
               use_anchors: bool) -> list[tuple[Entry | None, float]]:
    """`best` for each toponym; a name a story repeats is scored once (its score depends on the name,
    its hints and the context, not on where it stands)."""
    done: dict[tuple, tuple[Entry | None, float]] = {}
    out = []
    for toponym, found in zip(toponyms, candidates, strict=True):
        key = (toponym.text, toponym.lookup, toponym.hint, toponym.within)
        if key not in done:
            done[key] = best(found, toponym, context, use_anchors) if found else (None, 0.0)
        out.append(done[key])
    return out


def _plausible(entry: Entry, toponym: Toponym, named: Counter, context: Context) -> bool:
    """A village abroad is a worse answer than none: when the story names its countries and the only
    reading of a name is a small place in another one, leave it out."""
    if entry.is_country or entry.is_admin1 or entry.feature[0] != "P" or not named:
        return True
    return bool(named[entry.country] or entry.population >= 100_000 or toponym.within)


_SPREAD_CANDIDATES = 25


def _country_weights(candidates, gazetteer: Gazetteer) -> dict[str, float]:
    """A small bonus for places in populous countries, to break ties such as Maryland (US) against
    Maryland (Liberia): a reader of English news assumes the better-known one."""
    out = {}
    for found in candidates:
        for entry in found:
            if entry.country and entry.country not in out:
                country = gazetteer.country(entry.country)
                population = country.population if country else 0
                out[entry.country] = 0.3 * max(0.0, math.log10(population + 1) - 6.0)
    return out


_QUALIFIER = re.compile(r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower|"
                        r"greater|inner|outer)(?:[\s-]+(?:east|west)(?:ern)?)?|port\s+of|river|lake|mount|mt\.?|"
                        r"city\s+of|town\s+of|county\s+of|township\s+of)\s+", re.IGNORECASE)


def _candidates(toponym: Toponym, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    """The gazetteer's candidates for the whole name ("Red River", "Douglas County"), else for the name
    without its place noun ("Anbar" for "Anbar province"); a demonym ("Palestinians") stands for its country."""
    whole = toponym.text[4:] if toponym.text.lower().startswith("the ") else toponym.text
    found = gazetteer.lookup(whole) if whole != toponym.lookup else ()
    found = found or gazetteer.lookup(toponym.lookup)
    if not found:      # "South Los Angeles", "Port of Los Angeles", "River Lune", "Eastern Mediterranean"
        core = _QUALIFIER.sub("", toponym.lookup)
        found = gazetteer.lookup(core) if core and core != toponym.lookup else ()
    if not found:
        code = gazetteer.demonym(toponym.lookup)
        country = gazetteer.country(code) if code else None
        found = (country,) if country else ()
    return found


def population_baseline(toponyms: list[Toponym], gazetteer: Gazetteer) -> list[Entry | None]:
    """The peer in the benchmark: the most populous candidate, countries and regions first."""
    out = []
    for toponym in toponyms:
        found = _candidates(toponym, gazetteer)
        out.append(max(found, key=lambda e: (e.is_country, e.is_admin1, e.population)) if found else None)
    return out
