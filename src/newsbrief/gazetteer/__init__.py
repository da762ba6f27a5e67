"""The gazetteer: place names to candidate places, from SQLite index files built once from packaged data.

    gazetteer = default()
    gazetteer.lookup("Rawa")      # every place named so, in every source, best known first
    gazetteer.demonym("Iraqi")    # "IQ"

Opening costs a few milliseconds and memory stays small: lookups are indexed queries, cached per name.
"""
from __future__ import annotations

import os
import sqlite3
from functools import cache, lru_cache
from pathlib import Path

from newsbrief.errors import ConfigurationError
from newsbrief.gazetteer.build import SOURCE_FILES, index_files, user_file
from newsbrief.gazetteer.model import Entry
from newsbrief.gazetteer.names import keys, query_keys

__all__ = ["Entry", "Gazetteer", "default", "keys"]

_COLUMNS = ("p.id, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.population, p.geonames_id, p.source, "
            "n.main, p.names")


class Gazetteer:
    def __init__(self, files: list[Path]):
        self.files = [f for f in files if f.exists()]
        self._connections = [sqlite3.connect(f"file:{f}?mode=ro", uri=True, check_same_thread=False)
                             for f in self.files]
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        # every capitalised word of every article is asked whether it is a demonym
        self.demonym = lru_cache(maxsize=50_000)(self._demonym)
        self._countries: dict[str, Entry] | None = None
        # Later files may carry better points for the base file's countries (see sources.countrystatecity).
        # The curated points of country_points.tsv win over all.
        self._country_points = {}
        for connection in self._connections[1:]:
            self._country_points.update(
                (row[0], (row[1], row[2])) for row in connection.execute(
                    "SELECT country, lat, lon FROM places WHERE feature = 'A.PCLI' AND geonames_id IS NOT NULL"))
        for connection in self._connections[:1]:
            self._country_points.update((row[0], (row[1], row[2])) for row in connection.execute(
                "SELECT country, lat, lon FROM country_points"))

    def _lookup(self, name: str) -> tuple[Entry, ...]:
        """Places a name may refer to, deduplicated by GeoNames id (the first file's row wins)."""
        found: dict[object, Entry] = {}
        for key_rank, key in enumerate(query_keys(name)):
            for file_rank, connection in enumerate(self._connections):
                for row in connection.execute(f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place "
                                              "WHERE n.key = ?", (key,)):
                    identity = row[8] or (file_rank, row[0])
                    if identity not in found:
                        found[identity] = self._entry(row, "variant" if key_rank else "name" if row[10] else "alternate")
        return tuple(found.values())

    def _entry(self, row: tuple, match: str) -> Entry:
        """An Entry from a row of _COLUMNS; a country gets the curated or better point (see __init__)."""
        entry = Entry(id=row[0], name=row[1], lat=row[2], lon=row[3], feature=row[4], country=row[5], admin1=row[6],
                      population=row[7], geonames_id=row[8], source=row[9], match=match, names=row[11])
        if entry.is_country and entry.country in self._country_points:
            entry.lat, entry.lon = self._country_points[entry.country]
        return entry

    def country(self, code: str) -> Entry | None:
        """The country with this ISO code."""
        if self._countries is None:       # one query for all of them: places has no index on country
            self._countries = {}
            for connection in self._connections[:1]:
                for row in connection.execute(f"SELECT {_COLUMNS} FROM places p JOIN names n ON n.place = p.id "
                                              "WHERE p.feature = 'A.PCLI' AND n.main = 1 ORDER BY p.population"):
                    entry = self._entry(row, "name")
                    self._countries[entry.country] = entry
        return self._countries.get(code)

    def _demonym(self, word: str) -> str | None:
        """The country a demonym or adjective names ("Iraqi", "Syrians"), or None."""
        key = min(keys(word), key=len, default="")
        for connection in self._connections:
            row = connection.execute("SELECT country FROM demonyms WHERE key = ?", (key,)).fetchone()
            if row:
                return row[0]
        return None


@cache
def default() -> Gazetteer:
    """The packaged sources plus the user's GeoNames dump if they added one; built on first use.

    NEWSBRIEF_GAZETTEER lists the packaged sources to use (default "base,countrystatecity,uszip"): leave
    out the share-alike ones with NEWSBRIEF_GAZETTEER=base."""
    return Gazetteer([*index_files(names=wanted_sources()), user_file()])


def wanted_sources() -> list[str]:
    """The packaged sources NEWSBRIEF_GAZETTEER names (all by default); an unknown name is an error."""
    wanted = [n.strip() for n in os.environ.get("NEWSBRIEF_GAZETTEER", ",".join(SOURCE_FILES)).split(",") if n.strip()]
    unknown = set(wanted) - set(SOURCE_FILES)
    if unknown:
        raise ConfigurationError(f"NEWSBRIEF_GAZETTEER: unknown source(s) {', '.join(sorted(unknown))}; "
                                 f"known: {', '.join(SOURCE_FILES)}")
    return wanted
