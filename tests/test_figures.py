"""Figures: numbers with unit, what they count, qualifier, claimant and date; conflicts against trends."""
import pytest

from newsbrief import analyse, brief
from newsbrief.analyse.figures.numbers import find_numbers
from newsbrief.model import Article


def figures(text, published="2026-03-10"):
    return analyse([Article(id="a", source="a", text=text, published=published)])[0].figures


def one(text):
    found = figures(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize("text, value, qualifier, unit", [
    ("The blast killed at least 26 displaced people.", 26, "at least", None),
    ("Nine children were among the dead.", 9, None, None),
    ("The town is home to 8,900 people.", 8900, None, None),
    ("Rebels retook more than 40 percent of the town.", 40, "more than", "percent"),
    ("A few hundred protesters gathered outside the office.", 300, None, None),
    ("Two million people fled the region.", 2_000_000, None, None),
    ("The government pledged $2.5 billion for the rebuilding.", 2_500_000_000, None, "USD"),
    ("About 4.4 million Iraqis are no longer under its rule.", 4_400_000, "about", None),
])
def test_figures_in_digits_and_words(text, value, qualifier, unit):
    f = one(text)
    assert (f.value, f.qualifier, f.unit) == (value, qualifier, unit)
    assert text[f.citation.start:f.citation.end] == f.text


@pytest.mark.parametrize("text", [
    "The group declared its caliphate in 2014.",
    "A 45-year-old man was arrested.",
    "The six-year war has ruined the country.",
    "It was one of the worst attacks of the war.",
    "Flight 103 exploded over the town.",
    "The meeting starts at 10:30 on Monday.",
])
def test_years_ages_durations_pronouns_names_and_times_are_not_figures(text):
    assert figures(text) == []


def test_vague_amounts_and_qualifiers_give_the_interval_the_wording_allows():
    (hundreds,) = find_numbers("hundreds of people")
    assert (hundreds.low, hundreds.high) == (200, 999)
    (least,) = find_numbers("at least 26 people")
    assert (least.low, least.high, least.qualifier) == (26, None, "at least")
    (exact,) = find_numbers("20 dead")
    assert exact.low < 20 < exact.high < 21.5


def test_what_a_figure_counts_and_its_kind():
    found = figures("The car bombing killed at least 26 displaced people, including nine children, and wounded 30.")
    assert [(f.value, f.counts, f.measure) for f in found] == [
        (26, "displaced people", "killed"), (9, "children", "killed"), (30, "", "wounded")]
    (share,) = figures("Iraqi forces have recaptured more than 90 percent of the territory.")
    assert (share.measure, share.counts) == ("share", "territory")
    toll = figures("Nine people had died and more than 3,000 had been forced from their homes.")
    assert [f.measure for f in toll] == ["killed", "displaced"]


@pytest.mark.parametrize("text, claimant", [
    ("SANA also reported an IS car bombing in Deir Ezzor, giving a toll of 20 dead.", "SANA"),
    ("At least 27 people were wounded, Nile News said.", "Nile News"),
    ("The Observatory said a car bombing killed 26 people.", "Observatory"),
    ("Eleven people were killed in the blast, according to the Interior Ministry.", "Interior Ministry"),
    ("The UN estimated in January that 5,400 people had been killed.", "UN"),
    ("Hundreds of people were evacuated on Tuesday.", None),
])
def test_who_claims_a_figure(text, claimant):
    f = figures(text)[0]
    assert (f.claimed_by or None) == claimant or claimant and claimant in (f.claimed_by or "")


def test_a_figure_is_dated_by_its_sentence_else_by_its_article():
    said, plain = figures("The coalition said on Wednesday it had retaken 95 percent of the territory. "
                          "About 30 people were hurt.", published="2017-11-17")
    assert said.date == "2017-11-15" and plain.date == "2017-11-17"


def story(*texts):
    return [Article(id=f"a{i}", source=f"a{i}", text=t, published=p) for i, (t, p) in enumerate(texts)]


def test_two_claimants_disagreeing_on_the_same_day_is_a_conflict():
    result = brief(story(
        ("The Observatory said a car bombing killed at least 26 displaced people at a checkpoint in Deir Ezzor.",
         "2017-11-17"),
        ("Syria's state news agency SANA reported a car bombing targeting displaced families from Deir Ezzor, "
         "giving a toll of 20 dead and 30 wounded.", "2017-11-17")))
    assert len(result.conflicts) == 1
    claims = sorted((result.figures[i].value, result.figures[i].claimed_by) for i in result.conflicts[0].figures)
    assert [value for value, _ in claims] == [20, 26]
    assert "SANA" in claims[0][1] and "Observatory" in claims[1][1]
    assert result.trends == []


def test_figures_that_agree_within_their_qualifiers_are_no_conflict():
    result = brief(story(
        ("The Observatory said a car bombing killed more than 20 people at a checkpoint in Deir Ezzor.", "2017-11-17"),
        ("SANA reported a car bombing at a checkpoint in Deir Ezzor, giving a toll of 26 dead.", "2017-11-17")))
    assert result.conflicts == []


def test_a_change_over_time_is_a_trend_not_a_conflict():
    result = brief(story(
        ("Iraqi forces have recaptured more than 90 percent of the territory IS seized in Iraq.", "2017-10-27"),
        ("The coalition said IS has lost 95 percent of the territory it held in Iraq.", "2017-11-17")))
    assert result.conflicts == []
    assert len(result.trends) == 1
    assert [result.figures[i].value for i in result.trends[0].figures] == [90, 95]
