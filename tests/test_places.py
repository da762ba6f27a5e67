"""Toponyms: found by NER, gazetteer and context together; resolved with the story's context."""
from collections import Counter

from conftest import ner
from newsbrief.analyse.places import country_evidence, find_toponyms, resolve
from newsbrief.geo import km


def test_a_name_the_ner_mislabels_is_a_place_when_the_context_says_so(gazetteer):
    text = ("Iraqi forces entered the town of Rawa on Friday. Fighters fled to Albu Kamal. "
            "Rawa was the last town held by the group.")
    names = ner(text, ("Iraqi", "NORP"), ("Rawa", "ORG"), ("Albu Kamal", "PERSON"), ("Rawa", "ORG"))
    found = find_toponyms(text, names, gazetteer)
    assert [(t.text, t.evidence) for t in found] == [("Rawa", "cue"), ("Albu Kamal", "cue"), ("Rawa", "repeat")]
    assert "Iraqi" not in [t.text for t in found]            # a demonym is country evidence, not a place


def test_a_person_is_not_a_place_without_a_cue(gazetteer):
    text = "Paris Hilton said the party was over. Jordan Peterson agreed."
    names = ner(text, ("Paris Hilton", "PERSON"), ("Jordan Peterson", "PERSON"))
    assert find_toponyms(text, names, gazetteer) == []


def test_story_context_picks_the_right_rawa(gazetteer):
    text = "Iraqi troops retook Rawa, a town on the Euphrates in Anbar province, near the Syrian border."
    names = ner(text, ("Iraqi", "NORP"), ("Rawa", "ORG"), ("Euphrates", "LOC"), ("Anbar", "GPE"), ("Syrian", "NORP"))
    found = find_toponyms(text, names, gazetteer)
    chosen = dict(zip([t.text for t in found], resolve(found, gazetteer, country_evidence(text, gazetteer))))
    assert chosen["Rawa"].country == "IQ" and km(chosen["Rawa"].lat, chosen["Rawa"].lon, 34.48, 41.92) < 10
    assert chosen["Anbar province"].is_admin1 and chosen["Anbar province"].country == "IQ"


def test_qualified_names_and_country_context(gazetteer):
    def where(text, *labelled):
        found = find_toponyms(text, ner(text, *labelled), gazetteer)
        return [(t.text, e.country, e.admin1) for t, e in
                zip(found, resolve(found, gazetteer, country_evidence(text, gazetteer)))]
    assert ("Springfield", "US", "IL") in where("The rally in Springfield, Illinois drew thousands.",
                                                ("Springfield", "GPE"), ("Illinois", "GPE"))
    assert ("Paris", "FR", "11") in where("Protests spread across Paris as French unions struck.",
                                          ("Paris", "GPE"), ("French", "NORP"))
    assert ("Paris", "US", "TX") in where("A tornado hit Paris, Texas, on Sunday.", ("Paris", "GPE"), ("Texas", "GPE"))


def test_an_implausible_village_abroad_is_left_out(gazetteer):
    text = "Iraqi forces took al-Rumana, west of Rawa, in Iraq."
    names = ner(text, ("Iraqi", "NORP"), ("al-Rumana", "PERSON"), ("Rawa", "GPE"), ("Iraq", "GPE"))
    found = find_toponyms(text, names, gazetteer)
    chosen = resolve(found, gazetteer, country_evidence(text, gazetteer))
    assert [(t.text, e and e.country) for t, e in zip(found, chosen)] == [
        ("al-Rumana", None), ("Rawa", "IQ"), ("Iraq", "IQ")]


def test_country_evidence_counts_demonyms_and_the_dateline(gazetteer):
    evidence = country_evidence("Syrian troops and Iraqi forces met.", gazetteer, dateline="Beirut")
    assert evidence["LB"] == 3 and evidence["SY"] > 0 and evidence["IQ"] > 0
    assert country_evidence("nothing here", gazetteer) == Counter()


def test_the_demo_brief_puts_its_places_on_the_map(example_brief):
    places = {p.name: p for p in example_brief.places}
    brod = places["Slavonski Brod"]
    assert brod.country == "HR" and km(brod.lat, brod.lon, 45.16, 18.02) < 10
    assert all(m.article in {a.id for a in example_brief.articles} for p in example_brief.places for m in p.mentions)
    texts = {a.id: a.text for a in example_brief.articles}
    for p in example_brief.places:
        for m in p.mentions:     # every mention points at the name as written
            assert texts[m.article][m.start:m.end] in [p.name, *p.aliases] or p.name in texts[m.article][m.start:m.end]


def test_well_known_places_the_ner_calls_organisations_are_places_but_institutions_are_not(gazetteer):
    text = "Minnesota beat Chicago on Sunday, the Minnesota Department of Health said. In March one man left."
    names = ner(text, ("Minnesota", "ORG"), ("Chicago", "ORG"), ("Sunday", "DATE"),
                ("Minnesota Department of Health", "ORG"), ("March", "DATE"), ("one", "CARDINAL"))
    # the institution is not a place, the state that opens its name is
    assert [(t.text, t.evidence) for t in find_toponyms(text, names, gazetteer)] == [
        ("Minnesota", "gazetteer"), ("Chicago", "gazetteer"), ("Minnesota", "institution")]
