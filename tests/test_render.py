"""JSON, Markdown and the self-contained HTML file; atomic writes."""
import json
import os
import re

import pytest

from newsbrief import brief
from newsbrief.errors import OutputError
from newsbrief.model import Article, Removal
from newsbrief.render import format_for, to_html, to_json, to_markdown, write_atomic
from newsbrief.render.html import HTML_DATETIME, figures_view

EVIL = '</script><script>alert("x")</script> Flood water rose <b>fast</b> in the town, officials said on Sunday.'


@pytest.fixture()
def evil_brief():
    a = Article(id="evil", source="evil.txt", title="<i>T</i>", text=EVIL + "\n\nA second paragraph said more.",
                removed=[Removal(text="<img src=x onerror=alert(1)>", reason="share bar", at=0)])
    return brief([a])


def test_figures_merge_repeated_claims_and_keep_every_citation(example_brief):
    shown = figures_view(example_brief)
    assert len(shown["conflicts"]) == len(example_brief.conflicts) > 0
    for group, conflict in zip(shown["conflicts"], example_brief.conflicts):
        assert sum(len(c.citations) for c in group["claims"]) == len(conflict.figures)   # nothing lost merging
        keys = [(c.figure.value, (c.figure.claimed_by or "").lower()) for c in group["claims"]]
        assert len(keys) == len(set(keys))                                        # each claim once
        assert group["low"] < group["high"]
    killed = next(g for g in shown["conflicts"] if g["about"] == "people killed" and g["high"] == 6)
    six = next(c for c in killed["claims"] if c.figure.value == 6 and c.figure.claimed_by == "Red Cross")
    assert len(six.citations) == 2 and killed["range"] == "4 to 6"


def test_html_is_self_contained(example_brief):
    html = to_html(example_brief)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "<link" not in html
    assert html.count("<script") == 2        # the data and the inline script


def test_html_shows_headline_summary_markers_and_struck_out_clutter(example_brief):
    html = to_html(example_brief)
    assert example_brief.headline.text.replace('"', "&#34;") in html
    cited = [example_brief.headline, *example_brief.summary, *example_brief.timeline]
    per_article = [{c.article for c in x.mentions} for x in [*example_brief.places, *example_brief.entities[:20]]]
    shown = figures_view(example_brief)
    figures = sum(len(c.citations) for group in shown["conflicts"] + shown["trends"] for c in group["claims"]) \
        + len(shown["rest"])
    carriers = sum(len(p.carriers) for p in example_brief.passages)
    assert html.count('class="cite"') == sum(len(s.citations) for s in cited) + sum(map(len, per_article)) \
        + len(example_brief.quotes) + figures + carriers
    # one heading per day of the timeline (times within a day stay in it), and per vaguer period
    headed = {e.date[:10] if "T" in e.date else e.date for e in example_brief.timeline}
    assert html.count("<h3><time datetime=") == len({d for d in headed if HTML_DATETIME.match(d)}) > 5
    removed = sum(len(a.removed) for a in example_brief.articles)
    assert html.count('<del class="removed"') == removed > 0


def test_html_escapes_article_text(evil_brief):
    html = to_html(evil_brief)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>fast</b>" not in html
    data = re.search(r'<script type="application/json" id="nb-data">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["evil"]["text"].startswith("</script>")


def test_markdown_and_json(example_brief):
    md = to_markdown(example_brief)
    assert md.startswith("# ") and "## Summary" in md and "## Sources" in md
    assert re.search(r"\[\d\]", md.splitlines()[0])
    doc = json.loads(to_json(example_brief))
    assert doc["headline"]["text"] == example_brief.headline.text


def test_markdown_escapes_markup(evil_brief):
    assert "<script>" not in to_markdown(evil_brief)


@pytest.mark.parametrize("fmt, output, expected", [
    ("json", "x.html", "json"), (None, "x.html", "html"), (None, "x.JSON", "json"), (None, None, "md"),
    (None, "x.txt", "md")])
def test_format_choice(fmt, output, expected):
    assert format_for(fmt, output) == expected


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("old")
    write_atomic(target, "new text")
    assert target.read_text() == "new text"
    assert os.listdir(tmp_path) == ["brief.md"]
    fresh = tmp_path / "fresh.md"
    write_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask     # not mkstemp's private 0600


def test_write_atomic_failure_keeps_the_old_file(tmp_path):
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "missing-dir" / "x.md", "text")


def test_map_names_keep_clear_of_the_scale_bar():
    from newsbrief.model import Citation, Place
    from newsbrief.render.map import COUNTRY_FONT, FONT, _bar_box, _overlap, place_map
    # the places of the Rawa story (2017), where Saudi Arabia's name fell on the bar
    places = [Place(name=name, lat=lat, lon=lon, mentions=[Citation("a", 0, 1)] * n) for name, lat, lon, n in [
        ("Syria", 35.0, 38.0, 31), ("Iraq", 33.0, 44.0, 29), ("Albu Kamal", 34.45, 40.92, 18),
        ("Rawa", 34.48, 41.92, 18), ("Al-Qaim", 34.39, 40.99, 13), ("Euphrates", 35.49, 40.03, 10),
        ("Iran", 32.0, 53.0, 5), ("Mosul", 36.34, 43.12, 5), ("Baghdad", 33.34, 44.4, 4), ("Damascus", 33.51, 36.29, 2),
        ("Deir Ezzor", 35.34, 40.14, 2), ("Nineveh", 35.92, 42.75, 2), ("Raqqa", 35.95, 39.01, 2),
        ("Anbar", 33.23, 41.53, 1), ("Ceyhan", 37.02, 35.82, 1), ("Jordan", 31.0, 36.0, 1), ("Kirkuk", 35.47, 44.39, 1),
        ("Lebanon", 33.83, 35.83, 1), ("Tehran", 35.69, 51.42, 1), ("Turkey", 39.0, 35.0, 1)]]
    shown = place_map(places)
    bar = _bar_box(shown.scale_bar)
    for c in shown.countries:
        width = 0.75 * COUNTRY_FONT * len(c["name"])
        assert not _overlap((c["x"] - width / 2, c["y"] - COUNTRY_FONT, c["x"] + width / 2, c["y"]), bar), c
    for m in shown.drawn:
        if m.label:
            width = 0.6 * FONT * len(m.place.name)
            x0 = m.label["x"] if m.label["anchor"] == "start" else m.label["x"] - width
            assert not _overlap((x0, m.y - FONT / 2, x0 + width, m.y + FONT / 2), bar), m.place.name


@pytest.mark.parametrize("value, unit, qualifier, low, high, shown", [
    (1500, None, "about", 1275, 1725, "≈ 1,500"), (200, None, None, 200, 999, "200–999"),
    (3000, None, "more than", 3000, None, "> 3,000"), (2e8, "EUR", "at least", 2e8, None, "≥ 200 million EUR"),
    (2300, None, None, 2185, 2415, "2,300"), (210, "percent", "about", 178.5, 241.5, "≈ 210%"),
    (10.4, "m", None, 9.88, 10.92, "10.4 m")])
def test_a_figure_is_shown_as_its_wording_bounds_it(value, unit, qualifier, low, high, shown):
    from newsbrief.model import Citation, Figure
    from newsbrief.render.html import Claim
    cite = Citation("a", 0, 1)
    figure = Figure(value=value, unit=unit, counts="people", claimed_by=None, date=None, citation=cite,
                    qualifier=qualifier, low=low, high=high)
    assert Claim(figure, [cite]).number == shown


def test_the_html_names_files_below_their_folder_not_by_the_path_of_this_machine(example_brief):
    from conftest import EXAMPLE
    html = to_html(example_brief)
    assert str(EXAMPLE) not in html and "From <code>02-adriatic-wire.txt</code>" in html
    assert "From <code>04-balkan-daily.jsonl:1</code> (<code>https://balkandaily.example/sava-levee</code>)" in html
    assert json.loads(to_json(example_brief))["articles"][1]["source"] == str(EXAMPLE / "02-adriatic-wire.txt")


def test_source_names():
    from types import SimpleNamespace as A
    from newsbrief.render.html import source_names
    assert source_names([A(id="a", source="/srv/in/a.txt"), A(id="b", source="/srv/in/wire/feed.jsonl:3"),
                         A(id="c", source="https://example.org/x"), A(id="d", source="-")]) == {
        "a": "a.txt", "b": "wire/feed.jsonl:3", "c": "https://example.org/x", "d": "standard input"}
    assert source_names([A(id="a", source="/srv/in/a.txt")]) == {"a": "a.txt"}
    assert source_names([A(id="a", source="in/a.txt"), A(id="b", source="/elsewhere/b.json[2]")]) == {
        "a": "a.txt", "b": "b.json[2]"}


def test_reported_speech_is_not_put_in_quote_marks():
    text = ('"We had people on the levee all night," said Tomislav Horvat, the county chief.\n\n'
            'Police said three people were missing and boats were searching the villages.')
    b = brief([Article(id="a", source="a.txt", text=text)])
    said = {q.text[:10]: q for q in b.quotes}
    assert set(said) == {"We had peo", "three peop"}
    html, md = to_html(b), to_markdown(b)
    assert "<q>We had people on the levee all night,</q>" in html
    assert "reported:</span> three people were missing" in html and "<q>three people" not in html
    assert "(reported): three people were missing" in md and "“three people" not in md
