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
