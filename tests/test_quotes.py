"""Quotes, direct and indirect, with the speaker resolved through the sentence and the text around it."""
import pytest

from conftest import ner
from newsbrief.analyse.people import people_and_quotes
from newsbrief.analyse.people.quotes import plausible_speaker
from newsbrief.analyse.sentences import split_sentences


def quotes(text, *labelled):
    _entities, found, _mentions = people_and_quotes("a", text, split_sentences(text), ner(text, *labelled), [])
    for q in found:      # every quote cites its own words (a split quote: its parts, the attribution left out)
        cited = text[q.citation.start:q.citation.end]
        assert all(part in cited for part in q.text.split(" … ")) and cited.startswith(q.text.split(" … ")[0])
    return [(q.speaker, q.text) for q in found]


def test_direct_quote_with_the_speaker_after_it_and_a_pronoun_after_that():
    text = ('"The heroic legions are advancing into the last den of terrorism," Prime Minister Haider al-Abadi '
            'said in a statement.\n\n"They will all return to the motherland," he added.')
    assert quotes(text, ("Haider al-Abadi", "PERSON")) == [
        ("Haider al-Abadi", "The heroic legions are advancing into the last den of terrorism,"),
        ("Haider al-Abadi", "They will all return to the motherland,")]


def test_speaker_before_the_quote_and_after_the_verb():
    text = ('JOC spokesman Yahya Rassoul told AFP: "Militarily, IS has been defeated for good."\n\n'
            '"We will hunt down its remnants in the desert," said Hisham al-Hashemi, an expert on the group.')
    assert [s for s, _t in quotes(text, ("Yahya Rassoul", "PERSON"), ("AFP", "ORG"),
                                  ("Hisham al-Hashemi", "PERSON"))] == ["Yahya Rassoul", "Hisham al-Hashemi"]


def test_a_quote_split_by_its_attribution_is_one_quote():
    text = '"What has been liberated are the towns," Hashemi said, "but the desert is still theirs to roam."'
    found = quotes(text, ("Hashemi", "PERSON"))
    assert found == [("Hashemi", "What has been liberated are the towns, … but the desert is still theirs to roam.")]


def test_a_quote_running_over_paragraphs_and_an_unattributed_follow_up():
    text = ('Rami Abdel Rahman said: "IS started counter-attacking on Thursday night and took half the town.\n\n'
            '"Regime forces are now two kilometres from the city limits," he said.\n\n'
            '"There is no way back for them now, none at all."')
    assert {s for s, _t in quotes(text, ("Rami Abdel Rahman", "PERSON"))} == {"Rami Abdel Rahman"}
    assert len(quotes(text, ("Rami Abdel Rahman", "PERSON"))) == 3


@pytest.mark.parametrize("text, speaker, said", [
    ("The Observatory said a car bomb killed 26 people at a checkpoint.", "Syrian Observatory for Human Rights",
     "a car bomb killed 26 people at a checkpoint"),
    ("A car bomb killed 26 people at a checkpoint, police said on Saturday.", "police",
     "A car bomb killed 26 people at a checkpoint"),
    ("A car bomb killed 26 people at a checkpoint, said the interior ministry.", "interior ministry",
     "A car bomb killed 26 people at a checkpoint"),
    ("According to the Observatory, a car bomb killed 26 people at a checkpoint.", "Syrian Observatory for Human Rights",
     "a car bomb killed 26 people at a checkpoint"),
])
def test_indirect_speech(text, speaker, said):
    context = "The Syrian Observatory for Human Rights monitors the war. "
    found = quotes(context + text, ("Syrian Observatory for Human Rights", "ORG"), *(
        [("Observatory", "ORG")] if "Observatory" in text else []))
    assert found == [(speaker, said)]


def test_a_description_goes_to_the_person_the_article_gives_that_role():
    text = ("The chairman, James E. Hall, met the families on Friday. The plane went into an extreme dive, "
            "the chairman said. A senior US official said talks would go on. The official said the talks were "
            "going well.")
    found = quotes(text, ("James E. Hall", "PERSON"))
    assert [s for s, _t in found] == ["James E. Hall", "senior US official", "senior US official"]


def test_scare_quotes_are_not_quotes():
    assert quotes('The so-called "caliphate" collapsed and the "last big fight" began on Saturday.') == []


@pytest.mark.parametrize("text, labelled, speaker", [
    # an age after the name is an appositive, not the speaker
    ("Josip Lovrić, 67, who returned to his house for an hour on Wednesday, said the water had left a line of mud "
     "on the walls.", [("Josip Lovrić", "PERSON")], "Josip Lovrić"),
    # an adverb before the subject is not a name the subject is in apposition to
    ("Downstream, the state water authority said the river had begun to fall on Wednesday morning.", [],
     "state water authority"),
    # a place after the subject says where the subject is
    ("Across the river, authorities in Brod, in Bosnia and Herzegovina, said they were watching their own "
     "embankments closely.", [("Brod", "GPE"), ("Bosnia and Herzegovina", "GPE")], "authorities in Brod"),
    # "X gave figures, saying ...": the subject ends at its verb, regular or not
    ("The Croatian Red Cross gave higher figures, saying nine people had died in the floods.",
     [("Croatian Red Cross", "ORG")], "Red Cross"),
    ("The river peaked at 11.2 metres this week, according to figures published by the state water authority.", [],
     "state water authority"),
])
def test_speakers_are_people_and_bodies_not_the_words_around_them(text, labelled, speaker):
    assert [s for s, _t in quotes(text, *labelled)] == [speaker]


def test_a_participle_clause_before_member_states_is_no_reported_speech():
    text = ("A team from the civil protection mechanism arrived two days after the breach, bringing pumps and flood "
            "experts from several member states.")
    assert quotes(text) == []


@pytest.mark.parametrize("phrase", ["67", "Downstream", "in Bosnia and Herzegovina", "''", "' she", "Many", "Last year",
                                    "Fergus Bordewich in", "Opponents call the hunt butchery", "Separately", "Mrs",
                                    "$29.99. Alvita", "it's economics", "Just five years ago",
                                    "Britain defended its record", "He acknowledged that some officers",
                                    "government inspector's", "Metropolitan police Assistant Commissioner David Vaness "
                                    "said police", "Neville and Doreen Lawrence pushed"])
def test_what_is_not_a_speaker(phrase):
    assert not plausible_speaker(phrase)


@pytest.mark.parametrize("phrase", ["police", "a senior US official", "Prosecutors in Slavonski Brod", "U.S. researchers",
                                    "24-year-old Navajo gang member", "Even cynical UAW leaders", "Jordan",
                                    "Pilots experienced with the Boeing 767", "president"])
def test_what_is_a_speaker(phrase):
    assert plausible_speaker(phrase)
