"""The brief's places on an offline map: what the HTML template needs to draw it as inline SVG.

`place_map` crops the world to the places (a margin around them, never less than MIN_EXTENT degrees,
the whole world when they span it), projects equirectangularly with longitudes scaled by the cosine
of the view's middle latitude, keeps only the land that reaches the view (clipped to it, points
closer than a pixel dropped), and sizes one marker per place by its mentions. It returns numbers and
names only; the template writes the SVG, so Jinja2's autoescaping covers every name.

The land is `basemap.json`, built by scripts/build_basemap.py from Natural Earth (public domain) via
the npm package world-atlas (ISC).
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from newsbrief.geo import km
from newsbrief.model import Place

WIDTH = 800                    # SVG user units (pixels at 100%); the page scales it to fit
ASPECT = (1.25, 2.2)           # width / height, narrowest and widest, except for the world view
MIN_EXTENT = 4.0               # degrees: a single place still shows its surroundings
MARGIN = 0.15                  # of the places' span, on every side
WORLD = (-180.0, -58.0, 180.0, 84.0)   # west, south, east, north: the world view leaves out Antarctica
WORLD_BEYOND = 0.6             # of the world's width or height: a crop that large is shown as the world
RADIUS = (4.0, 16.0)           # a marker's radius for one mention, and the largest
MAX_LABELS = 15                # more names than this clutter the map; the list below has them all
FONT = 12                      # label size, and the width of a character is guessed from it
COUNTRY_FONT = 10              # country names: small capitals, only where the country has room
SCALE_KM = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
KM_PER_DEGREE = 111.32
FOCUS_KM = 1500.0              # the region around the most mentioned places that the map shows ...
FOCUS_SHARE = 0.6              # ... when it holds this share of all mentions


@dataclass(frozen=True)
class View:
    """A window on the map in projected degrees (x = lon * k, y = lat) and the pixels it fills."""

    west: float
    south: float
    east: float
    north: float
    k: float                   # cos(middle latitude): how short a degree of longitude is here

    @property
    def scale(self) -> float:
        return WIDTH / (self.k * (self.east - self.west))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def unwrap(self, lon: float) -> float:
        """A longitude as this view counts it: past 180 east when the view crosses the antimeridian."""
        return lon + 360 if self.east > 180 and lon < 0 else lon

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.k * self.scale, (self.north - lat) * self.scale


@dataclass
class Marker:
    id: str                    # the list entry's element id, the marker's link target
    place: Place
    x: float | None            # None: coordinates that cannot be drawn; the place is only listed
    y: float | None
    r: float
    label: dict | None = None  # x, y and anchor of the name, when it is drawn


@dataclass
class PlaceMap:
    width: int
    height: int
    land: list[str]            # one SVG path per country that reaches the view
    markers: list[Marker]      # most mentioned first: the list's order
    countries: list[dict] = field(default_factory=list)  # x, y and name of the countries labelled
    scale_bar: dict | None = None
    drawn: list[Marker] = field(default_factory=list)   # the markers on the map, largest first
    elsewhere: int = 0         # places far from the story's own, listed but not drawn


@cache
def basemap() -> dict:
    """The country outlines, read once: names and rings of [lon, lat]; each ring's bbox added."""
    with resources.files("newsbrief.render").joinpath("basemap.json").open(encoding="utf-8") as f:
        data = json.load(f)
    for country in data["countries"]:
        country["boxes"] = [(min(p[0] for p in r), min(p[1] for p in r), max(p[0] for p in r), max(p[1] for p in r))
                            for r in country["rings"]]
    return data


def place_map(places: list[Place]) -> PlaceMap | None:
    """The map of the brief's places, or None when there is none to show."""
    if not places:
        return None
    ordered = sorted(places, key=lambda p: (-len(p.mentions), p.name))
    markers = [Marker(f"place-{i}", p, None, None, radius(len(p.mentions))) for i, p in enumerate(ordered, 1)]
    valid = [m for m in markers if _valid(m.place)]
    if not valid:
        return PlaceMap(width=0, height=0, land=[], markers=markers)
    drawable = focus(valid)
    view = crop([(m.place.lon, m.place.lat) for m in drawable])
    for m in drawable:
        m.x, m.y = (round(v, 1) for v in view.xy(view.unwrap(m.place.lon), m.place.lat))
    bar = _scale_bar(view)
    taken = _place_labels(drawable, view, avoid=[_bar_box(bar)] if bar else [])
    paths, areas = land(view)
    return PlaceMap(width=WIDTH, height=view.height, land=paths, markers=markers,
                    countries=_country_labels(areas, taken, view), scale_bar=bar,
                    drawn=sorted(drawable, key=lambda m: -m.r), elsewhere=len(valid) - len(drawable))


def focus(markers: list[Marker]) -> list[Marker]:
    """The places the story is about. A few far places named in passing (a summit in Vietnam, Washington
    as a party to it) would zoom the map out to the whole world and crowd the story's own places into a
    dot; when most mentions fall within FOCUS_KM of one place, the map shows that region and the list
    keeps the rest."""
    total = sum(len(m.place.mentions) for m in markers)
    best: list[Marker] = markers
    for centre in markers[:10]:
        near = [m for m in markers if km(centre.place.lat, centre.place.lon, m.place.lat, m.place.lon) <= FOCUS_KM]
        if sum(len(m.place.mentions) for m in near) > sum(len(m.place.mentions) for m in best) or best is markers:
            best = near
    share = sum(len(m.place.mentions) for m in best) / max(total, 1)
    return best if share >= FOCUS_SHARE and len(best) >= 2 else markers


def radius(mentions: int) -> float:
    """Area grows with the mentions: radius with their square root, between RADIUS's bounds."""
    return round(min(RADIUS[1], RADIUS[0] * math.sqrt(max(mentions, 1))), 1)


def _valid(place: Place) -> bool:
    return (isinstance(place.lat, (int, float)) and isinstance(place.lon, (int, float))
            and -90 <= place.lat <= 90 and -180 <= place.lon <= 180)


def crop(points: list[tuple[float, float]]) -> View:
    """A view around the (lon, lat) points: their box plus a margin, at least MIN_EXTENT degrees on each
    side, widened or heightened to a sensible shape, and kept inside the world; the world view when
    the points span most of it. When the points are closer across the antimeridian than around the
    world, the view runs past 180 degrees east (west 170, east 200)."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    eastward = [lon % 360 for lon in lons]          # Fiji and Samoa are neighbours across 180 degrees
    across = max(eastward) - min(eastward) < max(lons) - min(lons)
    if across:
        lons = eastward
    k = max(0.2, math.cos(math.radians((min(lats) + max(lats)) / 2)))
    cx, cy = (min(lons) + max(lons)) / 2 * k, (min(lats) + max(lats)) / 2
    w = max((max(lons) - min(lons)) * k * (1 + 2 * MARGIN), MIN_EXTENT)
    h = max((max(lats) - min(lats)) * (1 + 2 * MARGIN), MIN_EXTENT)
    w, h = max(w, h * ASPECT[0]), max(h, w / ASPECT[1])
    if w / k > WORLD_BEYOND * 360 or h > WORLD_BEYOND * (WORLD[3] - WORLD[1]):
        return View(*WORLD, k=1.0)
    west, east = _inside(cx / k - w / k / 2, cx / k + w / k / 2, *((0, 360) if across else (-180, 180)))
    south, north = _inside(cy - h / 2, cy + h / 2, -85, 85)
    return View(west, south, east, north, k)


def _inside(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    """Slide the interval [low, high] back inside [floor, ceiling] without changing its length."""
    shift = max(0.0, floor - low) - max(0.0, high - ceiling)
    return max(floor, low + shift), min(ceiling, high + shift)


def land(view: View) -> tuple[list[str], list[dict]]:
    """Each country reaching the view as one SVG path, and its largest visible piece (name, area,
    centroid, outline) for its label."""
    paths, pieces = [], []
    for country in basemap()["countries"]:
        parts, largest = [], None
        for points in _visible_rings(country, view):
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
            piece = _piece(points)
            if largest is None or piece["area"] > largest["area"]:
                largest = piece
        if parts:
            paths.append("".join(parts))
            pieces.append({"name": country["name"], **largest})
    return paths, pieces


def _visible_rings(country: dict, view: View) -> Iterator[list[tuple[float, float]]]:
    """The country's rings in pixels: those whose box misses the view skipped, the rest clipped to the
    view (a few pixels beyond it, so the cut edges are never seen) and thinned. A view across the
    antimeridian runs past 180 degrees east, so rings of the western hemisphere are tried there too."""
    pad = 4 / view.scale
    west, south, east, north = view.west - pad / view.k, view.south - pad, view.east + pad / view.k, view.north + pad
    x0, y1 = view.xy(west, south)
    x1, y0 = view.xy(east, north)
    for ring, (w, s, e, n) in zip(country["rings"], country["boxes"]):
        for offset in (0.0, 360.0) if view.east > 180 else (0.0,):
            if e + offset < west or w + offset > east or n < south or s > north:
                continue
            points = _thin(_clip([view.xy(lon + offset, lat) for lon, lat in ring], x0, y0, x1, y1))
            if len(points) >= 3:
                yield points


def _piece(points: list[tuple[float, float]]) -> dict:
    """A polygon's area and centroid (the shoelace formula), and its outline."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(a) < 1e-9:
        return {"area": 0.0, "x": points[0][0], "y": points[0][1], "points": points}
    return {"area": abs(a) / 2, "x": cx / (3 * a), "y": cy / (3 * a), "points": points}


def _contains(points: list[tuple[float, float]], x: float, y: float) -> bool:
    """Whether (x, y) is inside the polygon: an odd number of its edges cross the ray to the right."""
    inside = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _clip(points: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the polygon cut to the rectangle, one edge of it at a time."""
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not points:
            break
        inside = (lambda p: p[axis] >= bound) if keep_above else (lambda p: p[axis] <= bound)
        out = []
        for i, p in enumerate(points):
            q = points[i - 1]
            if inside(p) != inside(q):
                t = (bound - q[axis]) / (p[axis] - q[axis])
                out.append((q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1])))
            if inside(p):
                out.append(p)
        points = out
    return points


def _thin(points: list[tuple[float, float]], min_step: float = 1.0) -> list[tuple[float, float]]:
    """Drop points closer than `min_step` pixels to the last one kept: invisible, and they weigh."""
    out: list[tuple[float, float]] = []
    for x, y in points:
        if not out or abs(x - out[-1][0]) + abs(y - out[-1][1]) >= min_step:
            out.append((x, y))
    return out


def _place_labels(markers: list[Marker], view: View, avoid: list[tuple[float, float, float, float]] = ()
                  ) -> list[tuple[float, float, float, float]]:
    """Names beside their markers, the most mentioned first (MAX_LABELS at most): to the right, else to
    the left, else none, so that no name covers another, a marker or what is in `avoid` (the scale bar),
    or runs off the map. Returns the boxes of the markers, the names drawn and `avoid`."""
    circles = {m.id: (m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in markers}
    taken: list[tuple[float, float, float, float]] = list(avoid)
    for m in markers[:MAX_LABELS]:
        others = [b for i, b in circles.items() if i != m.id]
        width = 0.6 * FONT * len(m.place.name)
        y = m.y + FONT * 0.35
        for anchor, x in (("start", m.x + m.r + 3), ("end", m.x - m.r - 3)):
            box = (x, m.y - FONT / 2, x + width, m.y + FONT / 2) if anchor == "start" else \
                  (x - width, m.y - FONT / 2, x, m.y + FONT / 2)
            if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > view.height:
                continue
            if any(_overlap(box, b) for b in taken + others):
                continue
            taken.append(box)
            m.label = {"x": round(x, 1), "y": round(y, 1), "anchor": anchor}
            break
    return taken + list(circles.values())


def _country_labels(pieces: list[dict], taken: list[tuple[float, float, float, float]], view: View) -> list[dict]:
    """Country names at the centre of their visible land, largest first, where the name (with a margin)
    lies inside that land and on the map, and covers no place, name or other country's name."""
    out = []
    for piece in sorted(pieces, key=lambda p: -p["area"]):
        width, height = 0.75 * COUNTRY_FONT * len(piece["name"]), COUNTRY_FONT
        box = (piece["x"] - width / 2, piece["y"] - height / 2, piece["x"] + width / 2, piece["y"] + height / 2)
        corners = [(x, y) for x in (box[0] - 6, box[2] + 6) for y in (box[1] - 4, box[3] + 4)]
        on_map = box[0] >= 4 and box[2] <= WIDTH - 4 and box[1] >= 4 and box[3] <= view.height - 4
        inside = all(_contains(piece["points"], x, y) for x, y in corners)
        if on_map and inside and not any(_overlap(box, b) for b in taken):
            taken.append(box)
            out.append({"x": round(piece["x"], 1), "y": round(piece["y"] + height * 0.35, 1), "name": piece["name"]})
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _bar_box(bar: dict) -> tuple[float, float, float, float]:
    """Where the scale bar and its distance are drawn, with a margin."""
    return (bar["x"] - 4, bar["y"] - 7 - FONT - 2, bar["x"] + max(bar["px"], 0.6 * FONT * 7) + 4, bar["y"] + 4)


def _scale_bar(view: View) -> dict | None:
    """A round distance about a sixth of the map's width, at the view's middle latitude; none on the
    world view, where no one distance holds from the equator to the poles."""
    if (view.west, view.south, view.east, view.north) == WORLD:
        return None
    km_per_px = KM_PER_DEGREE / view.scale
    km = max([d for d in SCALE_KM if d / km_per_px <= WIDTH / 6] or [SCALE_KM[0]])
    return {"km": km, "px": round(km / km_per_px, 1), "x": 12, "y": view.height - 12}
