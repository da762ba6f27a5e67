"""Build the compact Natural Earth table shipped in the package (gazetteer/data/naturalearth.tsv.gz).

Input: the Natural Earth conversion in GeoNames `geoname` layout that ../shared/data/gazetteer/naturalearth
holds (19 tab-separated columns, see its PROVENANCE.md). Natural Earth is public domain.

Output columns (tab-separated, UTF-8, gzip, no header):
    id  name  alternate names ("|"-joined, Latin script only)  lat  lon  feature class  feature code
    country code  admin1 code  admin2 code  population

Usage: python scripts/build_naturalearth.py [../shared/data/gazetteer/naturalearth/naturalearth_gazetteer.txt]
"""
from __future__ import annotations

import gzip
import io
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared/data/gazetteer/naturalearth/naturalearth_gazetteer.txt"
OUTPUT = ROOT / "src/newsbrief/gazetteer/data/naturalearth.tsv.gz"
# Map artefacts and poles are not places a news story mentions.
SKIP_NAMES = {"null island", "oceanic pole of inaccessibility"}


def latin(name: str) -> bool:
    """True when the name is written in Latin script (diacritics allowed): the text we geocode is English."""
    stripped = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "’‘ʿʾ" for ch in stripped)


def display(name: str) -> str:
    """NE writes some regions in capitals ("PATAGONIA"); show them as names."""
    return name.title() if name.isupper() and len(name) > 3 else name


def convert(lines) -> list[str]:
    out = []
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19 or not cols[4] or not cols[5]:
            continue
        name = display(cols[1].strip())
        if name.casefold() in SKIP_NAMES or "magnetic pole" in name.casefold():
            continue
        seen, alternates = {name.casefold()}, []
        for alt in cols[3].split(","):
            alt = display(alt.strip())
            if alt and latin(alt) and alt.casefold() not in seen:
                seen.add(alt.casefold())
                alternates.append(alt)
        lat, lon = float(cols[4]), float(cols[5])
        out.append("\t".join([cols[0], name, "|".join(alternates), f"{lat:.4f}", f"{lon:.4f}", cols[6], cols[7],
                              cols[8], cols[10], cols[11], cols[14] or "0"]))
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_INPUT
    with source.open(encoding="utf-8") as f:
        rows = convert(f)
    buffer = io.BytesIO()
    # mtime=0 so that the same input gives the same bytes
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(rows) + "\n").encode("utf-8"))
    tmp = OUTPUT.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(OUTPUT)
    print(f"{len(rows)} rows -> {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
