"""The story's timeline, and dating undated articles from their story."""
from newsbrief import brief
from newsbrief.analyse.times.calendar import period_of
from newsbrief.group import date_undated
from newsbrief.model import Article, Dateline

WIRE_1 = ("Government forces retook the river town of Rawa on Friday, the army said. "
          "The offensive had started on Thursday with a dawn assault.")
WIRE_2 = ("Government forces retook the river town of Rawa on Friday, the army said. "
          "The town had been held by the militants since 2014, when they swept across the region.")
OWN = ("Residents began returning to Rawa on Saturday after the army cleared the main road. "
       "The army recaptured Rawa on Friday after a short battle, local officials said.")


def story():
    return [Article(id="w1", source="w1", text=WIRE_1, published="2017-11-17"),
            Article(id="w2", source="w2", text=WIRE_2, published="2017-11-17"),
            Article(id="own", source="own", text=OWN, published="2017-11-18")]


def test_the_same_event_from_several_outlets_is_one_entry_citing_all():
    tl = brief(story()).timeline
    friday = [e for e in tl if e.date == "2017-11-17"]
    assert len(friday) == 1
    assert {c.article for c in friday[0].citations} == {"w1", "w2", "own"}
    texts = {a.id: a.text for a in brief(story()).articles}
    for c in friday[0].citations:
        assert "Friday" in texts[c.article][c.start:c.end]


def test_entries_are_ordered_with_their_granularity_and_background_apart():
    tl = brief(story()).timeline
    assert [e.date for e in tl] == ["2014", "2017-11-16", "2017-11-17", "2017-11-18"]
    assert [e.background for e in tl] == [True, False, False, False]


def test_period_of_values():
    assert period_of("2017-W45").first.isoformat() == "2017-11-06"
    assert period_of("2017-W45-WE").first.isoformat() == "2017-11-11"
    assert period_of("2017-Q4").last.isoformat() == "2017-12-31"
    assert period_of("201").first.isoformat() == "2010-01-01"
    assert period_of("P3Y") is None and period_of("PRESENT_REF") is None and period_of("XXXX-11-03") is None


def test_undated_article_takes_the_date_of_what_it_reports():
    undated = Article(id="u", source="u", text=(
        "Government forces retook the river town of Rawa, the army said, ending the militants' hold. "
        "On November 8th, the militants had lost the border crossing."))
    articles = [*story(), undated]
    date_undated(articles)
    assert undated.published == "2017-11-17" and undated.published_inferred
    assert [a.published_inferred for a in articles[:3]] == [False, False, False]


def test_undated_article_is_never_older_than_the_days_it_reports():
    undated = Article(id="u", source="u", text="Markets were calm. On November 18th, prices rose sharply.")
    articles = [Article(id="a", source="a", text="Markets were calm.", published="2017-11-10"),
                Article(id="b", source="b", text="Prices fell.", published="2017-11-20"), undated]
    date_undated(articles)
    assert undated.published == "2017-11-18"


def test_yearless_dateline_takes_the_story_year():
    a = Article(id="z", source="z", text="Floodwater began to recede.",
                dateline=Dateline(place="Zagreb", agency="ZEP", date="XXXX-03-19"))
    articles = [Article(id="b", source="b", text="x", published="2025-03-16"), a]
    date_undated(articles)
    assert a.published == "2025-03-19" and a.published_inferred and a.dateline.date == "2025-03-19"


def test_a_long_story_keeps_its_best_supported_entries():
    days = [f"On {month} {d}, 2017, the council met about bridge number {month}{d}."
            for month in ("March", "April") for d in range(1, 21)]
    one = Article(id="a", source="x", text=" ".join(days), published="2017-04-30")
    again = Article(id="b", source="x", text=days[25], published="2017-04-30")
    tl = brief([one, again]).timeline
    assert len(tl) == 30
    assert "2017-04-06" in [e.date for e in tl]      # the one day two articles report is kept
