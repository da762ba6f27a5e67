"""The first cited brief: one-sentence headline, N central sentences, each citing every carrier."""
from newsbrief import analyse, brief
from newsbrief.analyse import split_sentences
from newsbrief.model import Article

WIRE = ("Flood water broke through a levee on the Sava river near Slavonski Brod late on Saturday, forcing "
        "about 1,500 people from their homes, officials said. Soldiers and volunteers filled sandbags through the "
        "night to protect the villages of Sibinj and Oriovac. The county civil protection office said four people "
        "had died in the flooding. Engineers said the breach was roughly 40 metres wide.")


def article(i, text, published=None):
    return Article(id=f"a{i}", source=f"a{i}.txt", text=text, published=published)


def story():
    return [
        article(1, WIRE, "2025-03-16"),
        # the same wire copy, lightly edited ("U.S."/"US", a trimmed word) by another outlet
        article(2, WIRE.replace("late on Saturday", "late Saturday") + " Schools in the area stayed closed.",
                "2025-03-16"),
        article(3, "Red Cross officials said six people had died in the floods in eastern Croatia. The levee near "
                   "Slavonski Brod had been strengthened after floods in 2014. Flood water began to recede from "
                   "the villages of Sibinj and Oriovac on Wednesday as engineers closed the breach in the levee.",
                "2025-03-19"),
    ]


def test_sentences_have_offsets_into_the_text():
    text = "Gen. Smith spoke. The U.S. envoy said \"no.\" Then he left.\n\nA new paragraph."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Gen. Smith spoke.", "The U.S. envoy said \"no.\"", "Then he left.", "A new paragraph."]


def test_summary_cites_every_carrier_and_says_each_thing_once():
    result = brief(story(), sentences=4)
    texts = {a.id: a.text for a in result.articles}
    cited = [result.headline, *result.summary]
    assert len(result.summary) == 4
    for c in cited:
        first = c.citations[0]
        assert texts[first.article][first.start:first.end] == c.text
        assert len({x.article for x in c.citations}) == len(c.citations)
    wire_first = [c for c in cited if c.text.startswith("Flood water broke through")]
    assert len(wire_first) == 1                                  # once, not once per carrier
    assert [x.article for x in wire_first[0].citations] == ["a1", "a2"]
    assert len({c.text for c in cited}) == len(cited)


def test_headline_is_one_sentence_and_not_repeated_in_the_summary():
    result = brief(story())
    assert len(split_sentences(result.headline.text)) == 1
    assert result.headline.text not in [s.text for s in result.summary]


def test_headline_prefers_the_latest_report():
    result = brief(story())
    assert result.headline.citations[0].article == "a3"


def test_summary_follows_the_story_in_time():
    result = brief(story(), sentences=5)
    order = {"a1": 0, "a2": 0, "a3": 1}
    keys = [order[s.citations[0].article] for s in result.summary]
    assert keys == sorted(keys)


def test_an_analysis_list_gives_the_same_brief():
    assert brief(analyse(story())).to_dict() == brief(story()).to_dict()
