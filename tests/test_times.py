"""Time expressions: every kind, and every anchoring rule, on sentences written for these tests.

The reference day in most cases is Saturday 11 November 2017."""
import pytest

from newsbrief.analyse import split_sentences
from newsbrief.analyse.times import find_times, reference_date
from newsbrief.model import Article, Dateline

SATURDAY = "2017-11-11"


def times(text, published=SATURDAY, dateline=None, inferred=False):
    a = Article(id="t", source="t", text=text, published=published, dateline=dateline, published_inferred=inferred)
    return find_times(a, split_sentences(text))


def value_of(text, expression, **kw):
    found = {t.text: t for t in times(text, **kw)}
    assert expression in found, (expression, list(found))
    return found[expression].value


@pytest.mark.parametrize("text, expression, value", [
    # absolute dates in the common news forms
    ("The talks ended on Nov 11, 2017 in Geneva.", "Nov 11, 2017", "2017-11-11"),
    ("It was signed on 11 November, 2017.", "11 November, 2017", "2017-11-11"),
    ("Troops retook the town on November 3rd.", "November 3rd", "2017-11-03"),
    ("The offensive began on 27th October 2017.", "27th October 2017", "2017-10-27"),
    ("The file is dated 2017-11-11.", "2017-11-11", "2017-11-11"),
    ("The statement of Monday, Nov. 6 was read out.", "Monday, Nov. 6", "2017-11-06"),
    # weekdays in past-tense reporting: the last such day on or before the reference
    ("Iraqi forces retook the town on Saturday.", "Saturday", "2017-11-11"),
    ("They attacked late Thursday, officials said.", "late Thursday", "2017-11-09"),
    ("Fighting resumed on Thursday night.", "Thursday night", "2017-11-09TNI"),
    ("Saturday's statement was welcomed.", "Saturday", "2017-11-11"),
    ("The ministers met last Friday.", "last Friday", "2017-11-10"),
    # weekdays in future tense: the next such day
    ("Leaders will meet on Monday in Vienna.", "Monday", "2017-11-13"),
    ("The envoy is expected to arrive on Saturday.", "Saturday", "2017-11-18"),
    ("The deadline is 9 a.m. Tuesday, the ministry said it would insist.", "9 a.m. Tuesday", "2017-11-07T09:00"),
    # relative periods
    ("The town was bypassed last week.", "last week", "2017-W44"),
    ("Prices rose this month.", "this month", "2017-11"),
    ("Talks will resume later this month.", "later this month", "2017-11"),
    ("The referendum was held last month.", "last month", "2017-10"),
    ("Mosul fell in July.", "July", "2017-07"),
    ("Turnout fell earlier this year.", "earlier this year", "2017"),
    ("Strikes over the past three years killed 786 civilians.", "the past three years", "P3Y"),
    ("Elections are due next year.", "next year", "2018"),
    ("The group lost the city a year ago.", "a year ago", "2016"),
    ("The fund was set up three weeks ago.", "three weeks ago", "2017-W42"),
    ("He arrived yesterday.", "yesterday", "2017-11-10"),
    ("He leaves tomorrow.", "tomorrow", "2017-11-12"),
    ("Fighting stopped over the weekend.", "the weekend", "2017-W45-WE"),
    # years, decades, seasons, quarters, halves, holidays
    ("The group declared a caliphate in 2014.", "2014", "2014"),
    ("Growth was strong in the 1990s.", "the 1990s", "199"),
    ("The levee was raised last summer.", "last summer", "2017-SU"),
    ("The dam will open in the spring of 2019.", "the spring of 2019", "2019-SU".replace("SU", "SP")),
    ("Profit rose in the third quarter.", "the third quarter", "2017-Q3"),
    ("Sales fell in the first half of 2016.", "the first half of 2016", "2016-H1"),
    ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "2016-11-24"),
    ("Shops close on Christmas Day.", "Christmas Day", "2017-12-25"),
    ("The plan covers the 21st century.", "the 21st century", "20"),
    # references without a calendar value
    ("The jihadists are now confined to the valley.", "now", "PRESENT_REF"),
    ("Such attacks have risen recently.", "recently", "PAST_REF"),
])
def test_expression_kinds(text, expression, value):
    assert value_of(text, expression) == value


def test_counts_are_not_years():
    assert times("About 2000 troops and 1,500 people left; 2014 elections were cancelled.")[0].value == "2014"
    assert [t.text for t in times("Prices fall when supply rises.")] == []


def test_a_second_day_is_not_a_duration():
    assert all(t.type != "DURATION" for t in times("The town came under attack for a second day."))


def test_dateline_date_is_the_reference_when_it_differs_from_publication():
    dl = Dateline(place="Beirut", agency="AFP", date="2017-11-11")
    found = times("The town fell on Saturday.", published="2017-11-13", dateline=dl)
    assert found[0].value == "2017-11-11" and found[0].anchor == "dateline"
    assert reference_date(Article(id="x", source="x", published="2017-11-13", dateline=dl)) == (
        __import__("datetime").date(2017, 11, 11), "dateline")


def test_publication_date_is_the_reference_otherwise():
    found = times("The town fell on Saturday.", published="2017-11-13T09:00-08:00")
    assert found[0].value == "2017-11-11" and found[0].anchor == "published"


def test_inferred_reference_is_said():
    assert times("The town fell on Saturday.", inferred=True)[0].anchor == "inferred"


def test_event_anchor_two_days_later_and_the_same_day():
    text = ("Regime forces overran the town on Thursday but lost it again just two days later. "
            "On November 3rd the army retook al-Qaim. On the same day, allies recaptured Deir ez-Zor.")
    found = {t.text: t for t in times(text)}
    assert found["two days later"].value == "2017-11-11" and found["two days later"].anchor == "event"
    assert found["the same day"].value == "2017-11-03" and found["the same day"].anchor == "event"


def test_later_that_year_continues_the_year_named():
    found = {t.text: t for t in times("He fled in June 1998 and returned later that year.")}
    assert found["later that year"].value == "1998"


def test_the_next_day_and_the_day_before():
    found = {t.text: t.value for t in times("Talks opened on Nov. 6. The next day, they broke down. "
                                            "The day before, the envoy had left.")}
    assert found["The next day"] == "2017-11-07"
    assert found["The day before"] == "2017-11-06"


def test_no_reference_keeps_the_unknown_parts_unknown():
    found = {t.text: t.value for t in times("Troops retook the town on November 3rd and on Saturday.", published=None)}
    assert found == {"November 3rd": "XXXX-11-03", "Saturday": "XXXX-WXX-6"}


def test_never_invents_precision():
    found = {t.text: t.value for t in times("It happened in 2016, in March 2017 and last week.")}
    assert found == {"2016": "2016", "March 2017": "2017-03", "last week": "2017-W44"}


def test_year_less_day_takes_the_nearest_year():
    # written on 7 January 2000: 10 February is the coming one
    assert value_of("He must testify on Feb. 10.", "Feb. 10", published="2000-01-07") == "2000-02-10"
    # written in May: the November of a past-tense report is the one before
    assert value_of("He was last seen Nov. 3, police said.", "Nov. 3", published="1999-05-07") == "1998-11-03"
