"""People, organisations and groups: roles from the text, and one entity per referent across articles."""
from conftest import ner
from newsbrief.analyse.people import find_mentions, merge


def test_aliases_of_a_group_and_of_a_person_are_one_entity():
    a = ("The jihadist Islamic State group lost Rawa. Prime Minister Haider al-Abadi hailed the troops. "
         "IS fighters fled, and ISIS is now weaker.")
    b = "Abadi said the country was free. Haider Al-Abadi flew to Tehran. Daesh denied it."
    mentions = [("a", m) for m in find_mentions(a, ner(a, ("Haider al-Abadi", "PERSON")))]
    mentions += [("b", m) for m in find_mentions(b, ner(b, ("Abadi", "PERSON"), ("Haider Al-Abadi", "PERSON"),
                                                          ("Tehran", "GPE")))]
    entities = {e.name: e for e in merge(mentions)}
    assert set(entities) == {"Islamic State", "Haider al-Abadi"}
    group = entities["Islamic State"]
    assert group.type == "GROUP" and {"IS", "ISIS", "Islamic State group", "Daesh"} <= set(group.aliases)
    person = entities["Haider al-Abadi"]
    assert person.type == "PERSON" and person.role == "Prime Minister"
    assert {"Abadi", "Haider Al-Abadi"} <= set(person.aliases)
    assert {c.article for c in person.mentions} == {"a", "b"} and len(person.mentions) == 3


def test_roles_from_appositives_and_titles():
    text = ("Lieutenant General Abdelamir Yarallah, the operation's commander, said the town was taken. "
            "Rami Abdel Rahman, head of the Britain-based Observatory, said 26 died. "
            "The Syrian Observatory for Human Rights gave no source. The Observatory, SOHR, counts the dead.")
    found = find_mentions(text, ner(text, ("Abdelamir Yarallah", "PERSON"), ("Rami Abdel Rahman", "PERSON"),
                                      ("Syrian Observatory for Human Rights", "ORG"), ("Observatory", "PERSON"),
                                      ("SOHR", "ORG")))
    entities = {e.name: e for e in merge([("x", m) for m in found])}
    assert entities["Abdelamir Yarallah"].role == "operation's commander"
    assert entities["Rami Abdel Rahman"].role == "head of the Britain-based Observatory"
    sohr = entities["Syrian Observatory for Human Rights"]
    assert sohr.type == "ORG" and {"Observatory", "SOHR"} <= set(sohr.aliases) and len(sohr.mentions) == 3


def test_places_and_non_names_are_not_entities():
    text = "Forces near Rawa overran swathes of desert, the ministry said."
    found = find_mentions(text, ner(text, ("Rawa", "ORG"), ("overran swathes", "PERSON"), ("ministry", "ORG")),
                          skip=[(text.index("Rawa"), text.index("Rawa") + 4)])
    assert found == []


def test_two_people_with_one_surname_stay_apart_and_the_surname_goes_to_the_most_mentioned():
    text = "George Bush met Laura Bush. George Bush spoke first. Bush said it went well."
    found = find_mentions(text, ner(text, ("George Bush", "PERSON"), ("Laura Bush", "PERSON"),
                                      ("George Bush", "PERSON"), ("Bush", "PERSON")))
    entities = {e.name: len(e.mentions) for e in merge([("x", m) for m in found])}
    assert entities == {"George Bush": 3, "Laura Bush": 1}


def test_the_example_brief_names_no_junk_speakers(example_brief):
    # "Josip Lovrić, 67, ... said" and "Downstream, the state water authority said" once gave "67" and "Downstream"
    from newsbrief.analyse.people.quotes import plausible_speaker
    names = {e.name for e in example_brief.entities}
    speakers = {q.speaker for q in example_brief.quotes if q.speaker}
    assert all(s in names or plausible_speaker(s) for s in speakers)
    assert not speakers & {"67", "Downstream", "in Bosnia and Herzegovina"}
    mud = next(q for q in example_brief.quotes if "line of mud" in q.text)
    assert mud.speaker == "Josip Lovrić"
