"""Compression keeps a summary sentence faithful: only linking words, short asides, closing attributions."""
from newsbrief.brief.compress import compress


def test_a_closing_attribution_goes_but_not_from_a_quote_or_a_short_sentence():
    assert compress("Crews sealed the breach with a wall of crushed stone and steel sheet piling, said "
                    "Tomislav Horvat, head of the county civil protection.") == \
        "Crews sealed the breach with a wall of crushed stone and steel sheet piling."
    assert compress("A levee broke west of Slavonski Brod late on Saturday, flooding several villages, "
                    "civil protection officials said on Sunday.") == \
        "A levee broke west of Slavonski Brod late on Saturday, flooding several villages."
    quoted = '"We had people on the levee all night," said Tomislav Horvat, head of the county civil protection.'
    assert compress(quoted) == quoted                                   # whose words they are stays
    assert compress("Four people died, officials said.") == "Four people died, officials said."


def test_linking_words_and_short_asides_go_but_not_words_that_carry_meaning():
    assert compress("However, the Syrian Observatory for Human Rights (SOHR) put the toll at 26 on Saturday.") == \
        "The Syrian Observatory for Human Rights put the toll at 26 on Saturday."
    assert compress("But the second levee protecting Županja held through the night.") == \
        "The second levee protecting Županja held through the night."
    for kept in ["So many people came to the shelters that the school hall was full.",
                 "Also killed was the mayor of the small town of Sibinj on Saturday.",
                 "It ranks with the heliocentric view of the solar system (planets revolve around the sun) today.",
                 "The river rose by 40 cm (16 inches) overnight at the Županja gauge."]:
        assert compress(kept) == kept


def test_a_compressed_brief_cites_the_whole_source_sentence(tmp_path):
    from test_cli import EXAMPLE, run
    import json
    r = run("brief", str(EXAMPLE), "--compress", "--words", "120", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    shorter = 0
    for cited in data["summary"]:
        first = cited["citations"][0]
        source = texts[first["article"]][first["start"]:first["end"]]
        assert all(w.strip(".,").lower() in source.lower() for w in cited["text"].split())   # nothing added
        shorter += len(cited["text"]) < len(source)
    assert shorter >= 1
