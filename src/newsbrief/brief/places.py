"""The story's places: every article's toponyms resolved together, then one Place per place.

Resolving them together lets one article's context ("Rawa, in Anbar province", a dateline) decide
another's bare "Rawa". A Place takes the name the articles use most, and the gazetteer's as an alias.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from newsbrief import gazetteer
from newsbrief.analyse.places import mention, resolve
from newsbrief.model import Analysis, Citation, Place, PlaceMention


def story_places(analyses: list[Analysis]) -> list[Place]:
    found = [(a, getattr(a, "found", None)) for a in analyses]
    if all(f is not None for _a, f in found):
        toponyms = [(a.article.id, t) for a, f in found for t in f["toponyms"]]
        countries: Counter = Counter()
        for _a, f in found:
            countries.update(f["countries"])
        entries = resolve([t for _id, t in toponyms], gazetteer.default(), countries)
        mentions = [(article, mention(t, e)) for (article, t), e in zip(toponyms, entries, strict=True) if e]
    else:       # analyses read back from JSON: keep each article's own resolution
        mentions = [(a.article.id, m) for a in analyses for m in a.places]
    return aggregate(mentions)


def aggregate(mentions: list[tuple[str, PlaceMention]]) -> list[Place]:
    groups: dict[tuple, list[tuple[str, PlaceMention]]] = defaultdict(list)
    for article, m in mentions:
        groups[(m.geonames_id,) if m.geonames_id else (m.name, round(m.lat, 3), round(m.lon, 3))].append((article, m))
    places = []
    for members in groups.values():
        surfaces = Counter(_surface(m.text) for _a, m in members)
        name = surfaces.most_common(1)[0][0]
        first = members[0][1]
        aliases = sorted(({s for s in surfaces} | {first.name}) - {name})
        places.append(Place(name=name, lat=first.lat, lon=first.lon, country=first.country,
                            geonames_id=first.geonames_id, aliases=aliases,
                            mentions=sorted((Citation(article=a, start=m.start, end=m.end) for a, m in members),
                                            key=lambda c: (c.article, c.start))))
    return sorted(places, key=lambda p: (-len(p.mentions), p.name))


def _surface(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
