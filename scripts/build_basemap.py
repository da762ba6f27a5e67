"""Build src/newsbrief/render/basemap.json, the land under the HTML brief's map of places.

The source is the npm package world-atlas 2.0.2: Natural Earth 4.1.0 (public domain) as TopoJSON,
redistributed by Mike Bostock under the ISC licence. Get the tarball once, then run this script:

    npm pack world-atlas@2.0.2                      # -> world-atlas-2.0.2.tgz, no install needed
    .venv/bin/python scripts/build_basemap.py world-atlas-2.0.2.tgz

It reads `countries-50m.json` from the tarball, decodes the quantized, delta-encoded arcs, simplifies
each arc once (Douglas-Peucker), so neighbouring countries keep one shared border, and writes every
country as rings of [lon, lat]. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import math
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsbrief" / "render" / "basemap.json"
MEMBER = "package/countries-50m.json"
SOURCE = "Natural Earth 4.1.0 (1:50m admin 0 countries) via the npm package world-atlas 2.0.2"
LICENSE = "Natural Earth: public domain; world-atlas: ISC, Copyright 2013-2019 Michael Bostock"
TOLERANCE = 0.03     # degrees (~3 km): about what 1:50m data resolves; keeps the file near 550 KB
DECIMALS = 2         # 0.01 degrees is about 1 km, under a pixel at the map's tightest (4 degree) view


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized arcs hold deltas from the previous point; the transform maps integers to degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points are always kept (they are shared with other arcs)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, far_at = tolerance, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, far_at = d, i
        if far_at is not None:
            keep[far_at] = True
            stack += [(first, far_at), (far_at, last)]
    return [p for p, k in zip(points, keep) if k]


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """From p to the segment a-b (to the point a when a closed arc starts and ends there), in degrees
    of latitude. Longitudes are scaled by cos(latitude), as the map draws them: far north a degree of
    longitude is short, so Arctic coasts need fewer points for the same look."""
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    (px, py), (ax, ay), (bx, by) = (p[0] * k, p[1]), (a[0] * k, a[1]), (b[0] * k, b[1])
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    ex, ey = px - (ax + t * dx), py - (ay + t * dy)
    return (ex * ex + ey * ey) ** 0.5


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Join a ring's arcs (index ~i is arc i reversed), each arc's first point being the last one's end."""
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points += arc[1:] if points else arc
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def split_at_antimeridian(points: list[list[float]]) -> list[list[list[float]]]:
    """A ring that crosses 180 degrees (eastern Russia, Fiji) as its parts on either side, so that a
    flat map does not draw it as a band across the world. A ring around the pole (Antarctica) is kept:
    its one jump is its closing edge, far south."""
    unwrapped, shift = [points[0]], 0.0
    for (x0, _), (x1, y1) in zip(points, points[1:]):
        shift += 360.0 if x0 - x1 > 180 else -360.0 if x1 - x0 > 180 else 0.0
        unwrapped.append([x1 + shift, y1])
    if shift or all(-180 <= x <= 180 for x, _ in unwrapped):
        return [points]
    side = 1.0 if max(x for x, _ in unwrapped) > 180 else -1.0    # it ran past 180 east, or past 180 west
    near = _cut(unwrapped[:-1], side * 180, lambda x: x * side <= 180)
    far = [[round(x - side * 360, DECIMALS), y] for x, y in
           _cut(unwrapped[:-1], side * 180, lambda x: x * side >= 180)]
    return [r + r[:1] for r in (near, far) if len(r) >= 3]


def _cut(points: list[list[float]], meridian: float, inside) -> list[list[float]]:
    """The part of an open ring where inside(lon) holds, cut along the meridian: Sutherland-Hodgman
    with a single edge."""
    out = []
    for i, (x1, y1) in enumerate(points):
        x0, y0 = points[i - 1]
        if inside(x0) != inside(x1):
            t = (meridian - x0) / (x1 - x0)
            out.append([meridian, round(y0 + t * (y1 - y0), DECIMALS)])
        if inside(x1):
            out.append([x1, y1])
    return out


def _tidy(points: list[list[float]]) -> list[list[float]] | None:
    """The ring without repeated points, or None when nothing of it is left to fill."""
    out = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(out, out[1:]))
    return out if len(out) >= 4 and abs(area) > 1e-9 else None


def countries(topology: dict) -> list[dict]:
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topology)]
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        rings = [part for polygon in polygons for r in (ring(indices, arcs) for indices in polygon)
                 for part in map(_tidy, split_at_antimeridian(r)) if part]
        if rings:
            out.append({"name": geometry.get("properties", {}).get("name", ""), "rings": rings})
    return sorted(out, key=lambda c: c["name"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tarball", help="world-atlas-2.0.2.tgz, from `npm pack world-atlas@2.0.2`")
    parser.add_argument("-o", "--output", default=str(OUT))
    args = parser.parse_args()
    with tarfile.open(args.tarball) as tar:
        topology = json.load(tar.extractfile(MEMBER))
    basemap = {"source": SOURCE, "license": LICENSE, "countries": countries(topology)}
    text = json.dumps(basemap, ensure_ascii=False, separators=(",", ":"))
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    rings = sum(len(c["rings"]) for c in basemap["countries"])
    print(f"{args.output}: {len(basemap['countries'])} countries, {rings} rings, {len(text.encode()) // 1024} KB")


if __name__ == "__main__":
    main()
