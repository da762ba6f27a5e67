"""Summaries: concept coverage, word budgets, the latest development as headline, focus and updates."""
import json

from newsbrief import brief
from newsbrief.brief.concepts import concepts, cover, weights
from newsbrief.model import Article

from test_cli import EXAMPLE, run


def test_a_concept_counts_once_per_article_and_what_the_reader_knows_counts_less():
    texts = ["The levee broke near Slavonski Brod.", "A levee broke on the Sava near Slavonski Brod.",
             "Slavonski Brod schools closed."]
    w = weights(texts)
    assert w[("slavonski", "brod")] == 3 and w[("levee", "broke")] == 2
    assert weights(texts, known_texts=["Slavonski Brod is a city."])[("slavonski", "brod")] < 3
    assert weights(texts, known_texts=["Slavonski Brod is a city."])[("levee", "broke")] == 2
    assert ("of", "the") not in concepts("of the levee") and ("the", "levee") in concepts("the levee")


def test_coverage_says_each_thing_once_and_keeps_the_budget():
    sentences = ["The levee on the Sava broke near Slavonski Brod on Saturday.",
                 "Near Slavonski Brod the Sava levee broke on Saturday night.",
                 "Four people died in the flooding villages."]
    found = [concepts(s) for s in sentences]
    lengths = [len(s.split()) for s in sentences]
    w = weights(sentences + ["Four people died as the Sava levee broke.", "Flooding villages near Slavonski Brod."])
    picked = cover(found, lengths, w, budget=25)
    assert sorted(picked) in ([0, 2], [1, 2])                      # one of the two copies, and the deaths
    assert sum(lengths[i] for i in picked) <= 25


def story():
    return [
        Article(id="mon", source="mon", published="2025-03-17", text=(
            "A levee on the Sava river broke near Slavonski Brod on Saturday, flooding villages. "
            "Four people died, civil protection officials said. Farmers said the flood ruined their winter crops.")),
        Article(id="tue", source="tue", published="2025-03-18", text=(
            "The Sava levee near Slavonski Brod was still broken on Tuesday as the flood moved downstream. "
            "The number of people killed rose to seven, civil protection officials said.")),
        Article(id="wed", source="wed", published="2025-03-19", text=(
            "Engineers closed the breach in the Sava levee near Slavonski Brod on Wednesday and the water began "
            "to recede. The government put the damage at 140 million euros.")),
    ]


def test_the_headline_is_the_latest_development():
    result = brief(story())
    assert result.headline.citations[0].article == "wed"
    assert "closed the breach" in result.headline.text


def test_a_word_budget_is_the_summarys_and_the_headline_stands_apart():
    result = brief(story(), sentences=None, words=40)
    total = sum(len(c.text.split()) for c in result.summary)
    assert 20 < total <= 40
    assert brief(story(), sentences=None, words=5).summary == []     # no sentence is that short
    assert result.headline.text not in [c.text for c in result.summary]
    assert "closed the breach" in result.headline.text


def test_focus_brings_in_what_the_question_asks():
    plain = brief(story(), sentences=1)
    focused = brief(story(), sentences=1, focus="What happened to the farmers' crops?")
    assert not any("crops" in c.text for c in plain.summary)
    assert any("crops" in c.text for c in focused.summary)


def test_an_update_does_not_repeat_what_the_reader_was_told():
    from newsbrief.brief.summary import summarise
    from newsbrief.pipeline import analyse

    told, *new = analyse(story())
    # a later report re-prints the Monday lead, lightly edited, before its own news
    new.append(analyse([Article(id="thu", source="thu", published="2025-03-20", text=(
        "A levee on the Sava river broke near Slavonski Brod on Saturday, flooding the villages. "
        "Insurers said claims from the Sava flood would pass 40 million euros."))])[0])
    fresh = summarise(new, words=200, known=[told])
    said = [fresh.headline.text, *(c.text for c in fresh.summary)]
    assert not any("broke near Slavonski Brod on Saturday" in s for s in said)
    assert any("Insurers" in s for s in said)
    everything = summarise([told, *new], words=200)
    assert any("broke near Slavonski Brod on Saturday" in s for s in [everything.headline.text,
                                                                     *(c.text for c in everything.summary)])


def test_an_update_tells_what_is_new(tmp_path):
    earlier = tmp_path / "earlier.json"
    r = run("brief", str(EXAMPLE), "--format", "json", "-o", str(earlier))
    assert r.returncode == 0, r.stderr
    r = run("brief", str(EXAMPLE), "--since", str(earlier))
    assert r.returncode == 1 and "nothing new" in r.stderr
    r = run("brief", str(EXAMPLE), "--since", "2025-03-18", "--format", "json")
    assert r.returncode == 0, r.stderr
    update = json.loads(r.stdout)
    assert update["articles"] and all(a["published"][:10] >= "2025-03-18" for a in update["articles"])
    assert "already known" in r.stderr
    r = run("brief", str(EXAMPLE), "--since", "no-such-brief.json")
    assert r.returncode == 1 and "neither a date" in r.stderr


def test_a_summary_quotes_prose_not_addresses_headings_or_datelines():
    from newsbrief.brief.summary import summarise
    from newsbrief.pipeline import analyse

    texts = [
        "ZAGREB, March 18 (ZEP) -- The Sava levee near Slavonski Brod broke on Saturday and flooded villages. "
        "More on the flood at the civil protection web site: http://example.org/sava-flood.",
        "SLAVONSKI BROD _ The Sava levee near Slavonski Brod broke on Saturday after days of rain.\n\n"
        "SAVA FLOOD: WHAT WE KNOW ABOUT THE BREACH NEAR SLAVONSKI BROD.",
        "Villages near Slavonski Brod were flooded when the Sava levee broke, and the civil protection web "
        "site: http://example.org/sava-flood lists shelters.",
    ]
    analyses = analyse([Article(id=f"a{i}", source=f"a{i}", published="2025-03-18", text=t)
                        for i, t in enumerate(texts)])
    chosen = summarise(analyses, words=200)
    said = [chosen.headline, *chosen.summary]
    assert said and not any("http" in c.text or "WHAT WE KNOW" in c.text for c in said)
    assert not any(c.text.startswith(("ZAGREB", "SLAVONSKI BROD _")) for c in said)
    for c in said:          # the cited span is the quoted text, dateline trimmed
        cite = c.citations[0]
        assert analyses[int(cite.article[1:])].article.text[cite.start:cite.end] == c.text


def test_a_questions_asking_words_are_not_its_subject():
    from newsbrief.brief.concepts import asked
    from newsbrief.terms import stem
    question = asked("Describe the efforts to rescue the miners. Include details and any information on delays.")
    assert {stem("rescue"), stem("miners"), stem("efforts"), stem("delays")} <= question
    assert not question & {stem("describe"), stem("include"), stem("details"), stem("information")}


def test_what_cannot_stand_in_a_summary_is_left_out():
    from newsbrief.brief.sentences import Candidate, Statement
    from newsbrief.brief.summary import usable

    def can(text):
        return usable(Statement(copies=[Candidate(article=0, position=0, start=0, end=len(text), text=text)]))
    assert can("The levee on the Sava broke near Slavonski Brod on Saturday.")
    assert not can("Though much of the Gulf of Mexico remains open to fishing...")       # a teaser cut short
    assert not can("More information is on the Web site: www.example.org today.")
    assert not can("SAVA FLOOD LATEST NEWS FROM THE REGION TODAY.")                      # a heading
    assert not can("The levee broke near Slavonski Brod on Saturday, and Gov.")          # cut after a title
