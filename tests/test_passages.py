"""Shared passages: copies found across edits, grouped into passages with every carrier, and who copied whom."""
from newsbrief import brief
from newsbrief.group.copying import copying, credits, direction
from newsbrief.group.passages import find_passages
from newsbrief.model import Article, Dateline

LEAD = ("Floodwater broke through a levee on the Drava river near the town of Osijek late on Tuesday, "
        "forcing about 900 people from their homes, regional officials said.")
SECOND = ("Rescue teams in boats reached families stranded on the roofs of farmhouses in three villages "
          "east of the town before dawn on Wednesday.")
THIRD = "The U.S.-led relief effort flew in pumps and generators from a base in northern Italy overnight."
OWN_A = "Schools in the district will stay closed for the rest of the week, the education office said."
OWN_B = "A local football club opened its stadium to families who had nowhere else to sleep that night."
OTHER = ("Officials in Osijek said the river was expected to fall by the weekend, although more rain "
         "was forecast for the mountains upstream on Thursday.")


def article(id, *paragraphs, published="2026-03-10", outlet=None, agency=None):
    return Article(id=id, source=id, text="\n\n".join(paragraphs), published=published, outlet=outlet,
                   dateline=Dateline(agency=agency) if agency else None)


def edited(text):
    """A re-publication's edits: a dateline stamp, "US" for "U.S.", a word dropped."""
    return "OSIJEK (AFP) - " + text.replace("U.S.-led", "US-led").replace("late on Tuesday", "on Tuesday")


def test_a_copied_paragraph_is_one_passage_with_both_carriers_across_edits_and_reordering():
    a = article("a", LEAD + " " + SECOND, OWN_A, THIRD)
    b = article("b", OWN_B, THIRD.replace("U.S.-led", "US-led"), edited(LEAD) + " " + SECOND)
    c = article("c", OTHER)
    shared = find_passages([a, b, c])
    carried = {tuple(sorted(x.article for x in p.carriers)) for p in shared.passages}
    assert carried == {("a", "b")}
    texts = [p.text for p in shared.passages]
    assert any(LEAD in t and SECOND in t for t in texts)        # two sentences, one passage
    assert any(THIRD in t for t in texts)
    for p in shared.passages:
        for carrier in p.carriers:
            body = (a if carrier.article == "a" else b).text[carrier.start:carrier.end]
            assert "Drava" in body or "pumps" in body


def test_same_story_sentences_that_are_not_copies_are_not_passages():
    a = article("a", LEAD, OWN_A)
    b = article("b", OTHER, OWN_B)
    assert find_passages([a, b]).passages == []


def test_direction_from_agency_credits_and_publication_time():
    wire = article("w", LEAD, outlet="AFP", published="2026-03-10T06:00")
    client = article("c", LEAD, agency="AFP", published="2026-03-10T09:00")
    assert direction(wire, client) == ("w", "c credits AFP")
    both = article("x", LEAD + " Rami Abdel Rahman told AFP."), article("y", "(AFP) " + LEAD)
    assert credits(both[0]) == {"AFP"} and credits(both[1]) == {"AFP"}
    assert direction(*both) == ("AFP", "both credit AFP")
    early, late = article("e", LEAD, published="2026-03-09"), article("l", LEAD, published="2026-03-10")
    assert direction(late, early) == ("e", "e was published first")
    assert direction(article("p", LEAD), article("q", LEAD)) == (None, None)


def test_originality_is_the_share_of_text_no_other_article_carries():
    a = article("a", LEAD, SECOND)
    b = article("b", LEAD, SECOND, OWN_B)
    c = article("c", OTHER)
    arts = [a, b, c]
    sources, pairs = copying(arts, find_passages(arts))
    share = {s.article: s.originality for s in sources}
    assert share["a"] == 0.0 and share["c"] == 1.0 and 0.2 < share["b"] < 0.5
    assert [p.articles for p in pairs] == [["a", "b"]] and pairs[0].passages == 1


def test_a_summary_sentence_cites_every_carrier():
    a = article("a", LEAD, SECOND, OWN_A, published="2026-03-10")
    b = article("b", edited(LEAD), SECOND, OWN_B, published="2026-03-11")
    result = brief([a, b])
    cited = [result.headline, *result.summary]
    copied = [c for c in cited if "Drava" in c.text]
    assert copied and all({x.article for x in c.citations} == {"a", "b"} for c in copied)
    assert copied[0].citations[0].article == "a"           # quoted from the earliest carrier
    assert result.passages and result.copying[0].source == "a"
