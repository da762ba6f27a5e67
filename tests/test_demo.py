"""The bundled demo story (examples/sava-flood, written by us) carries every feature it promises."""


def by_id(loaded):
    return {a.id: a for a in loaded.articles}


def test_demo_reads_all_seven_articles(example_loaded):
    assert len(example_loaded.articles) == 7 and not example_loaded.skipped


def test_demo_clutter_is_gone(example_loaded):
    herald = by_id(example_loaded)["03-sava-valley-herald"]
    for clutter in ("3 min read", "Share on Facebook", "Related Links", "Ferry operators", "Comments are moderated"):
        assert clutter not in herald.text
        assert any(r.text.startswith(clutter) for r in herald.removed)


def test_demo_dates(example_loaded):
    a = by_id(example_loaded)
    assert a["01-zagreb-evening-post"].published == "2025-03-16T08:30+01:00"
    assert a["02-adriatic-wire"].published == "2025-03-16"
    assert a["03-sava-valley-herald"].published == "2025-03-16T11:42"
    assert a["balkan-daily-0317"].published == "2025-03-17T07:15+01:00"
    # no date anywhere in it: dated from the story, and marked so
    assert a["05-danube-monitor"].published == "2025-03-16" and a["05-danube-monitor"].published_inferred
    assert a["06-pannonian-times"].published == "2025-03-18"
    # "ZAGREB, March 19 (ZEP) -" gives the day; the year comes from the story, and is marked inferred
    update = a["07-zagreb-evening-post-update"]
    assert update.published == "2025-03-19" and update.published_inferred


def test_demo_wire_story_is_cited_to_all_its_carriers(example_brief):
    carriers = {"02-adriatic-wire", "03-sava-valley-herald", "balkan-daily-0317"}
    cited = [example_brief.headline, *example_brief.summary]
    assert any({c.article for c in s.citations} == carriers for s in cited)


def test_demo_figures_show_the_disagreement_and_the_changes(example_brief):
    """06 and 07 give civil protection's 7 dead against the Red Cross's 9, and 2,300 evacuated against
    more than 3,000; the Sava at Županja rose from 9.8 m to 10.4 m (README's table)."""
    figures = example_brief.figures

    def values(group):
        return {figures[i].value for i in group.figures}

    assert any({7, 9} <= values(c) for c in example_brief.conflicts)
    assert any({2300, 3000} <= values(c) for c in example_brief.conflicts)
    levels = [t for t in example_brief.trends if figures[t.figures[0]].unit == "m"]
    assert [[figures[i].value for i in t.figures] for t in levels] == [[9.8, 10.4]]
    # a source's own changing count is a trend, not a conflict with itself
    assert any([figures[i].value for i in t.figures][0] == 4 and 7 in values(t) for t in example_brief.trends)
