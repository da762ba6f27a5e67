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


def countries(topology: dict) -> list[dict]:
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topology)]
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        rings = [r for polygon in polygons for r in (ring(indices, arcs) for indices in polygon) if len(r) >= 4]
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
