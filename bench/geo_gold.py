"""Gold toponyms with coordinates from four geocoding corpora (standard library only).

    articles = load("lgl", Path("../shared/data"))      # bench/ on sys.path, or run this file

``load(name, root)`` returns one dict per article::

    {"id": str, "text": str, "date": "YYYY-MM-DD" | None,
     "toponyms": [{"start", "end", "surface", "name", "lat", "lon", "geonames_id", "feature"}, ...]}

``root`` is the shared data folder (holding ``geowebnews/``, ``lgl/``, ...); the corpus folder or the
XML file itself is accepted too. Every toponym satisfies ``text[start:end] == surface`` (checked on
load) and carries gold latitude/longitude; spans without coordinates are left out. Offsets that do
not point at the surface are repaired by a search for the surface near the stated offset (first at
the shift that repaired the previous span of the same article, then the nearest free, word-bounded
occurrence within 100 characters); what cannot be repaired is dropped. ``python bench/geo_gold.py
[root]`` prints, per corpus, the articles, toponyms, repaired offsets and dropped spans with reasons.

Corpora (split used by this benchmark in ``CORPORA``):

geowebnews (test) -- GeoWebNews, Gritta et al. 2019: 200 web-news articles, ~2018. Text and
    offsets from ``GWN.xml``; the gold set is ``gwn_full.txt``, the file the authors score toponym
    resolution on. Its line i belongs to the i-th ``<article>`` of GWN.xml in document order (not to
    ``file="i"``). Despite its README, gwn_full.txt holds 2,401 records, not 2,601: exactly the
    GWN.xml spans that have a GeoNames ID. GWN.xml has 200 more spans with annotator-given
    coordinates but no GeoNames ID (buildings, streets, small sites; mostly Literal and Coercion)
    that the authors do not score; they are excluded here and counted in the printout. Included
    are all GeoNames-linked classes, literal and non-literal alike: Literal, Metonymic ("Moscow
    said"), Literal_Modifier / Non_Literal_Modifier ("the US economy", "Syrian"),
    Mixed, Coercion and Embedded_Literal / Embedded_Non_Lit (a toponym inside a name; some of
    these spans cover the whole name, e.g. "Paranaque Regional Trial Court" -> City of Paranaque).
    Excluded because they have no coordinates: Literal_Expression / Non_Lit_Expression (common
    nouns such as "lot", "citizens"; the only spans with nonLocational=Yes), Demonym, Language,
    Homonym, Non_Toponym and 9 Coercion spans. ``feature`` holds this GWN class (a linguistic reading, not a
    GeoNames feature code); ``name`` is the normalised name (e.g. "Republic of France" for
    "French"). Repairs: 3 gwn_full records disagree with GWN.xml (e.g. "BA-Karachi" for "Karachi",
    "U.S" for "U.S."); the overlapping GWN.xml span with the same name and coordinates is used.
    Dropped: 2 spans of article file=123 with negative offsets -- they lie in the headline, which is
    not part of ``<text>``. No publication date in the corpus: ``date`` is None.

tr-news (test) -- TR-News, Kamalloo & Rafiei 2018: 118 news articles (36 outlets, 2009-2017,
    mostly Nov/Dec 2016).
    1,275 of 1,319 toponyms have a GeoNames gaztag (coordinates, ``name``, ``geonames_id``,
    ``feature`` = fcode, else fclass; one gaztag has no feature). Caveat: 116 offsets are
    shifted, drifting up to -10 characters within an article (plus two ends off by one); they are
    repaired by the local search. ``date`` is parsed from ``dltime``, which comes in ~20 formats
    and is empty for 12 articles (None).

lgl (dev) -- LGL, Lieberman et al. 2010: 588 local-news articles (2009). Gold = ``gaztag`` (GeoNames
    ID, name, fclass/fcode, lat/lon); 4,462 of 5,088 toponyms have one, the rest are dropped.
    Offsets are exact. ``date`` is the date part of ``dltime``, the download time (a proxy for the
    publication date). The headline is the start of ``text``.

geovirus (dev) -- GeoVirus, Gritta et al. 2018: 229 Wikinews passages on disease outbreaks, 2,170
    locations, all with coordinates and (except 14 "N/A") a Wikipedia page. ``name`` is the
    Wikipedia page title (else ``altName``, else the surface); no GeoNames ID or feature type.
    Caveats: every offset is one too large (1-based starts); all are repaired (counted as fixes).
    Three ``<location>`` elements are nested inside another one; they are read as well. Several
    passages come from the same Wikinews page, so ``id`` is the position in the file; no date.
"""
from __future__ import annotations

import datetime
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

CORPORA = {"geowebnews": "test", "tr-news": "test", "lgl": "dev", "geovirus": "dev"}

_FILES = {
    "geowebnews": ("geowebnews", "GWN.xml"),
    "tr-news": ("tr-news", "TR-News.xml"),
    "lgl": ("lgl", "lgl.xml"),
    "geovirus": ("geovirus", "GeoVirus.xml"),
}
_WINDOW = 100  # characters searched on each side of a wrong offset


# ----------------------------------------------------------------------------- shared helpers

def _path(name: str, root: Path) -> Path:
    folder, filename = _FILES[name]
    root = Path(root)
    for candidate in (root / folder / filename, root / filename, root):
        if candidate.is_file() and candidate.name == filename:
            return candidate
    raise FileNotFoundError(f"{name}: {filename} not found under {root}")


class _Stats:
    def __init__(self) -> None:
        self.fixed = 0
        self.dropped: Counter[str] = Counter()  # gold records lost, by reason
        self.excluded: Counter[str] = Counter()  # annotated spans outside the gold set (GeoWebNews)


def _boundary(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e >= len(text) or not text[e].isalnum())


def _place(text: str, items: list[dict], stats: _Stats) -> list[dict]:
    """Check text[start:end] == surface for every item; repair the others by local search.

    Items that already match are kept and claim their spans first; the rest, in offset order, take
    the occurrence of their surface at the shift that repaired the previous item, else the nearest
    unclaimed, word-bounded occurrence within _WINDOW characters. Unrepairable items are dropped."""
    taken = set()
    kept, broken = [], []
    for item in items:
        s, e = item["start"], item["end"]
        if 0 <= s < e <= len(text) and text[s:e] == item["surface"] and (s, e) not in taken:
            taken.add((s, e))
            kept.append(item)
        else:
            broken.append(item)
    hint = 0
    for item in sorted(broken, key=lambda t: t["start"]):
        surface, s0, n = item["surface"], item["start"], len(item["surface"])
        if not surface.strip():
            stats.dropped["empty surface"] += 1
            continue
        if text[s0:s0 + n] == surface and (s0, s0 + n) not in taken:
            best = s0  # start right, end wrong
        elif 0 <= s0 + hint and text[s0 + hint:s0 + hint + n] == surface and (s0 + hint, s0 + hint + n) not in taken:
            best = s0 + hint
        else:
            lo, hi = max(0, s0 - _WINDOW), min(len(text), s0 + _WINDOW + n)
            found, i = [], text.find(surface, lo, hi)
            while i != -1:
                if (i, i + n) not in taken:
                    found.append(i)
                i = text.find(surface, i + 1, hi)
            if not found:
                reason = "duplicate of an annotated span" if text.find(surface, lo, hi) != -1 \
                    else "surface not found near offset"
                stats.dropped[reason] += 1
                continue
            best = min(found, key=lambda i: (not _boundary(text, i, i + n), abs(i - s0 - hint), abs(i - s0)))
        hint = best - s0
        item["start"], item["end"] = best, best + n
        taken.add((best, best + n))
        stats.fixed += 1
        kept.append(item)
    kept.sort(key=lambda t: (t["start"], t["end"]))
    return kept


def _coords(lat, lon) -> tuple[float, float] | None:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if -90 <= la <= 90 and -180 <= lo <= 180:
        return la, lo
    return None


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = [  # (regex, group order as (year, month, day))
    (re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b"), (3, 1, 2)),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})\b", re.I), (3, 2, 1)),
    (re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), (3, 1, 2)),
    (re.compile(r"\b(\d{4})\s+" + _MON + r"\s+(\d{1,2})\b", re.I), (1, 2, 3)),
]


def _date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) from the corpora's free-form dltime strings; None if unreadable."""
    if not value:
        return None
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.search(value)
        if not match:
            continue
        month = match.group(m)
        month = _MONTHS[month[:3].lower()] if month[:1].isalpha() else int(month)
        year, day = int(match.group(y)), int(match.group(d))
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


# ----------------------------------------------------------------------------- LGL and TR-News

def _gaztag_corpus(path: Path, stats: _Stats) -> list[dict]:
    articles = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        items = []
        for top in art.iterfind("toponyms/toponym"):
            gaz = top.find("gaztag")
            if gaz is None:
                stats.dropped["no gaztag (no coordinates)"] += 1
                continue
            ll = _coords(gaz.findtext("lat"), gaz.findtext("lon"))
            start, end = _int(top.findtext("start")), _int(top.findtext("end"))
            surface = top.findtext("phrase") or ""
            if ll is None:
                stats.dropped["gaztag without valid lat/lon"] += 1
                continue
            if start is None or end is None:
                stats.dropped["no offsets"] += 1
                continue
            items.append({"start": start, "end": end, "surface": surface,
                          "name": _clean(gaz.findtext("name")) or surface, "lat": ll[0], "lon": ll[1],
                          "geonames_id": _int(gaz.get("geonameid")),
                          "feature": _clean(gaz.findtext("fcode")) or _clean(gaz.findtext("fclass"))})
        articles.append({"id": art.get("docid") or str(len(articles)), "text": text,
                         "date": _date(art.findtext("dltime")), "toponyms": _place(text, items, stats)})
    return articles


# ----------------------------------------------------------------------------- GeoVirus

def _geovirus(path: Path, stats: _Stats) -> list[dict]:
    articles = []
    for index, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        items = []
        for loc in art.iter("location"):  # iter: three <location>s are nested in another one
            ll = _coords(loc.findtext("lat"), loc.findtext("lon"))
            start, end = _int(loc.findtext("start")), _int(loc.findtext("end"))
            surface = loc.findtext("name") or ""
            if ll is None:
                stats.dropped["no valid lat/lon"] += 1
                continue
            if start is None or end is None:
                stats.dropped["no offsets"] += 1
                continue
            page = (loc.findtext("page") or "").strip()
            name = unquote(page.split("/wiki/", 1)[1]).replace("_", " ").split("#")[0] if "/wiki/" in page else None
            items.append({"start": start, "end": end, "surface": surface,
                          "name": name or _clean(loc.findtext("altName")) or surface,
                          "lat": ll[0], "lon": ll[1], "geonames_id": None, "feature": None})
        articles.append({"id": str(index), "text": text, "date": None,
                         "toponyms": _place(text, items, stats)})
    return articles


# ----------------------------------------------------------------------------- GeoWebNews

def _gwn_records(line: str) -> list[tuple[str, str, str, str, int, int]]:
    records = []
    for raw in line.split("||"):
        if not raw.strip():
            continue
        head, lat, lon, start, end = raw.rsplit(",,", 4)
        name, surface = head.split(",,", 1)
        records.append((name, surface, lat, lon, int(start), int(end)))
    return records


def _geowebnews(path: Path, stats: _Stats) -> list[dict]:
    full = path.with_name("gwn_full.txt")
    lines = full.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    arts = list(ET.parse(path).getroot().iter("article"))
    if len(lines) != len(arts):
        raise ValueError(f"gwn_full.txt has {len(lines)} lines but GWN.xml {len(arts)} articles")
    articles = []
    for art, line in zip(arts, lines):
        text = art.findtext("text") or ""
        xml_tops = [{e.tag: (e.text or "").strip() for e in top} for top in art.iterfind("toponyms/toponym")]
        linked = [t for t in xml_tops if t.get("geonamesID") and t.get("latitude")]
        by_span = {(int(t["start"]), int(t["end"])): t for t in linked}
        used = set()  # id() of the GWN.xml toponyms matched by a gwn_full record
        items = []
        for name, surface, lat, lon, start, end in _gwn_records(line):
            ll = _coords(lat, lon)
            if ll is None:
                stats.dropped["no valid lat/lon"] += 1
                continue
            xml = by_span.get((start, end))
            if xml is None:  # gwn_full disagrees with GWN.xml: take the overlapping xml span of the same place
                for t in linked:
                    s, e = int(t["start"]), int(t["end"])
                    if id(t) not in used and s < end and start < e and t["normalisedName"] == name \
                            and _coords(t["latitude"], t["longitude"]) == ll and text[s:e] == t["extractedName"]:
                        xml = t
                        start, end, surface = s, e, t["extractedName"]
                        stats.fixed += 1
                        break
            if xml is not None:
                used.add(id(xml))
            if start < 0:
                stats.dropped["negative offset (span is in the headline, not in <text>)"] += 1
                continue
            items.append({"start": start, "end": end, "surface": surface, "name": name or surface,
                          "lat": ll[0], "lon": ll[1],
                          "geonames_id": _int(xml.get("geonamesID")) if xml else None,
                          "feature": (xml.get("type") or None) if xml else None})
        for t in xml_tops:  # spans of GWN.xml not in the scored set, by reason
            if id(t) in used:
                continue
            if t.get("geonamesID") and t.get("latitude"):
                stats.excluded["GeoNames-linked in GWN.xml but not in gwn_full.txt"] += 1
            elif t.get("latitude"):
                stats.excluded["coordinates but no GeoNames ID (not in gwn_full.txt)"] += 1
            else:
                stats.excluded[f"no coordinates: {t.get('type')}"] += 1
        articles.append({"id": art.get("file") or str(len(articles)), "text": text, "date": None,
                         "toponyms": _place(text, items, stats)})
    return articles


# ----------------------------------------------------------------------------- public API

_LOADERS = {"geowebnews": _geowebnews, "tr-news": _gaztag_corpus, "lgl": _gaztag_corpus, "geovirus": _geovirus}


def load_with_stats(name: str, root: Path) -> tuple[list[dict], dict]:
    """(articles, {"articles", "toponyms", "offsets_fixed", "dropped": {reason: n}, "excluded": {reason: n}}).

    `dropped`: gold records (for LGL/TR-News: annotated toponyms) left out; `excluded`: GWN.xml spans
    that are not in the scored gold set gwn_full.txt."""
    if name not in _LOADERS:
        raise KeyError(f"unknown corpus {name!r}; one of {sorted(_LOADERS)}")
    stats = _Stats()
    articles = _LOADERS[name](_path(name, root), stats)
    for art in articles:  # the promise of this module, checked on every load
        text = art["text"]
        for t in art["toponyms"]:
            if text[t["start"]:t["end"]] != t["surface"]:
                raise AssertionError(f"{name} {art['id']}: {t}")
    return articles, {"articles": len(articles), "toponyms": sum(len(a["toponyms"]) for a in articles),
                      "offsets_fixed": stats.fixed, "dropped": dict(stats.dropped.most_common()),
                      "excluded": dict(stats.excluded.most_common())}


def load(name: str, root: Path) -> list[dict]:
    """Articles of corpus `name` (a key of CORPORA) with their gold toponyms; see the module docstring."""
    return load_with_stats(name, root)[0]


def main(argv: list[str]) -> None:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data"
    for name, split in CORPORA.items():
        t0 = time.perf_counter()
        try:
            _, st = load_with_stats(name, root)
        except FileNotFoundError as exc:
            print(f"{name} ({split}): skipped, {exc}")
            continue
        print(f"{name} ({split}): {st['articles']} articles, {st['toponyms']} toponyms, "
              f"{st['offsets_fixed']} offsets fixed, {sum(st['dropped'].values())} dropped "
              f"[{time.perf_counter() - t0:.2f} s]")
        for reason, n in st["dropped"].items():
            print(f"    dropped  {n:5d}  {reason}")
        if st["excluded"]:
            print(f"    not in the gold set ({sum(st['excluded'].values())} other GWN.xml spans):")
        for reason, n in st["excluded"].items():
            print(f"    excluded {n:5d}  {reason}")


if __name__ == "__main__":
    main(sys.argv[1:])
