"""The gazetteer: name keys, the index built from the packaged sources, and a user's GeoNames dump."""
import sqlite3

import pytest

from newsbrief.gazetteer import Gazetteer
from newsbrief.gazetteer.build import add_geonames_dump, km
from newsbrief.gazetteer.names import keys, query_keys


@pytest.mark.parametrize("a, b", [
    ("Rāwah", "Rawa"), ("Ālbū Kamāl", "Albu Kamal"), ("Al-Bukamal", "Abu Kamal"), ("Deir ez-Zor", "Deir Ezzor"),
    ("Al Qā’im", "Qaim"), ("U.S.", "US"), ("Ar Raqqah", "Raqqa"), ("Raqqa", "Raqa"), ("the Netherlands", "Netherlands"),
])
def test_spellings_of_one_place_share_a_key(a, b):
    assert keys(a) & keys(b)


@pytest.mark.parametrize("a, b", [("Rawa", "Rawalpindi"), ("Paris", "Parys"), ("Iran", "Iraq"), ("Mali", "Malta")])
def test_different_names_do_not(a, b):
    assert not keys(a) & keys(b)


def test_the_exact_key_is_looked_up_first():
    assert query_keys("Al-Bukamal")[0] == "albukamal"


def test_lookup_finds_places_from_every_source(gazetteer):
    def top(name):
        return max(gazetteer.lookup(name), key=lambda e: (e.is_country, e.population))
    assert top("Baghdad").country == "IQ" and top("Baghdad").feature == "P.PPLC"
    assert top("Iraq").is_country and top("Iraq").geonames_id == 99237
    anbar = [e for e in gazetteer.lookup("Anbar") if e.is_admin1]          # Natural Earth region
    assert anbar and anbar[0].country == "IQ"
    assert any(e.feature == "H.STM" for e in gazetteer.lookup("Euphrates"))   # a river
    assert top("U.S.").country == "US" and top("Britain").country == "GB"     # hand-made aliases
    assert gazetteer.demonym("Iraqi") == "IQ" and gazetteer.demonym("Syrians") == "SY"
    assert gazetteer.demonym("Baghdad") is None
    # the US point follows GeoNames (39.76, -98.5), not a centroid
    assert km(top("United States").lat, top("United States").lon, 39.76, -98.5) < 5


def test_the_index_opens_fast_and_lookups_are_cached(gazetteer):
    import time
    started = time.perf_counter()
    fresh = Gazetteer(gazetteer.files)
    assert time.perf_counter() - started < 1.0
    assert fresh.lookup("Mosul") is fresh.lookup("Mosul")


def test_a_geonames_dump_is_added_and_wins_by_id(tmp_path):
    dump = tmp_path / "allCountries.txt"
    dump.write_text("\t".join(["7000001", "Nowhereville", "Nowhereville", "Nwv", "10.5", "20.25", "P", "PPL", "TD",
                               "", "01", "", "", "", "1234", "", "", "", "2020-01-01"]) + "\nnot a row\n",
                    encoding="utf-8")
    (tmp_path / "alternateNamesV2.txt").write_text("1\t7000001\ten\tNowhere Town\t\t\t\t\t\t\n", encoding="utf-8")
    target = tmp_path / "user.sqlite"
    assert add_geonames_dump(dump, target) == 1
    found = Gazetteer([target]).lookup("Nowhere Town")
    assert [(e.name, e.geonames_id, e.country) for e in found] == [("Nowhereville", 7000001, "TD")]
    with sqlite3.connect(target) as db:       # written whole: no temporary file left behind
        assert db.execute("SELECT count(*) FROM places").fetchone() == (1,)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_the_share_alike_sources_can_be_left_out(monkeypatch, gazetteer):
    from newsbrief import gazetteer as module
    from newsbrief.errors import ConfigurationError
    module.default.cache_clear()
    try:
        monkeypatch.setenv("NEWSBRIEF_GAZETTEER", "base")
        assert [f.name.split("-")[1] for f in module.default().files] == ["base"]
        module.default.cache_clear()
        monkeypatch.setenv("NEWSBRIEF_GAZETTEER", "base,nonsense")
        with pytest.raises(ConfigurationError, match="nonsense"):
            module.default()
    finally:
        module.default.cache_clear()
