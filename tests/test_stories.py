"""Stories from a stream: one event per story, similar events apart, drift followed, state saved and restored."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, FIXTURES

from newsbrief.cli import main
from newsbrief.group.stories import Settings, StoryGrouper, group_stories
from newsbrief.model import Article
from newsbrief.pipeline import analyse, load

FERRIES = FIXTURES / "stories" / "ferries.jsonl"


@pytest.fixture(scope="module")
def ferries():
    return load([str(FERRIES)]).articles


def test_the_example_story_is_one_story(example_loaded):
    stories = group_stories(example_loaded.articles)
    assert len(stories) == 1
    assert sorted(stories[0].articles) == sorted(a.id for a in example_loaded.articles)
    assert (stories[0].first, stories[0].last) == ("2025-03-16", "2025-03-19")
    # the headline is a title of the story's latest day
    latest = [a.title for a in example_loaded.articles if a.published.startswith("2025-03-19")]
    assert stories[0].headline in latest


def test_similar_events_stay_apart(ferries):
    # two tourist boats capsize in a storm, days apart, in the same words: the names, places and dates differ
    stories = group_stories(ferries)
    assert sorted(sorted(s.articles) for s in stories) == [
        ["balaton-1", "balaton-2", "balaton-3"], ["ohrid-1", "ohrid-2", "ohrid-3"]]


def test_analyses_group_as_their_articles_do(ferries):
    # the analysis adds entities, resolved places and times to the text's terms
    stories = group_stories(analyse(ferries))
    assert sorted(sorted(s.articles) for s in stories) == [
        ["balaton-1", "balaton-2", "balaton-3"], ["ohrid-1", "ohrid-2", "ohrid-3"]]
    assert all(s.headline for s in stories)


def test_similar_events_apart_in_any_order_and_mixed_with_another_story(ferries, example_loaded):
    items = ferries + example_loaded.articles
    for order in (items, items[::-1], items[1::2] + items[::2]):
        grouper = StoryGrouper()
        for article in order:            # the stream API, in an order that is not by date
            grouper.add(article)
        groups = sorted(sorted(s.articles) for s in grouper.result())
        assert len(groups) == 3
        assert ["balaton-1", "balaton-2", "balaton-3"] in groups and ["ohrid-1", "ohrid-2", "ohrid-3"] in groups


def test_state_saved_and_restored_goes_on_as_if_never_stopped(ferries, example_loaded):
    items = sorted(ferries + example_loaded.articles, key=lambda a: a.published)
    whole = StoryGrouper()
    for a in items:
        whole.add(a)
    first = StoryGrouper()
    for a in items[:5]:
        first.add(a)
    restored = StoryGrouper.from_dict(json.loads(json.dumps(first.to_dict())))
    for a in items[5:]:
        restored.add(a)
    assert [(s.id, s.articles, s.headline) for s in restored.result()] == \
           [(s.id, s.articles, s.headline) for s in whole.result()]


def test_a_story_closes_after_the_window():
    # the same event words a month apart: a new story (the first one has no article for 30 days)
    text = "A tourist boat capsized on Lake Ohrid near Peshtani, and divers searched for the missing passengers."
    a = Article(id="a", source="a", published="2025-06-01", text=text)
    b = Article(id="b", source="b", published="2025-07-01", text=text)
    c = Article(id="c", source="c", published="2025-06-03", text=text)
    assert len(group_stories([a, c])) == 1
    assert len(group_stories([a, b])) == 2


def test_a_new_article_is_compared_with_few_stories_not_all():
    grouper = StoryGrouper(Settings(candidates=5))
    for i in range(300):   # 300 unrelated stories that share one word
        grouper.add(Article(id=f"x{i}", source="x", text=f"Report on alpha{i} beta{i} gamma{i} delta{i}."))
    calls = []
    similarity = grouper._similarity
    grouper._similarity = lambda vector, story: calls.append(story.id) or similarity(vector, story)
    grouper.add(Article(id="new", source="x", text="Report on alpha7 beta7 gamma7."))
    assert 0 < len(calls) <= 5
    assert grouper.stories[calls[0]].articles == ["x7", "new"]


def test_cli_writes_one_json_line_per_story(tmp_path, capsys):
    out = tmp_path / "stories.jsonl"
    assert main(["stories", str(FERRIES), str(EXAMPLE), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    for line in lines:
        assert list(line)[:3] == ["story", "articles", "headline"]
        assert isinstance(line["story"], str) and line["headline"]
        assert all(isinstance(a, str) for a in line["articles"])
    assert sorted(len(line["articles"]) for line in lines) == [3, 3, 7]
    assert len({line["story"] for line in lines}) == 3


def test_cli_stdout_and_a_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    assert main(["stories", str(FERRIES), str(bad)]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "bad.jsonl" in captured.err
    assert main(["stories", str(bad)]) == 1


@pytest.mark.shared_data
def test_ecbplus_dev_event_f1_stays_above_a_floor():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import clustering

    docs = clustering.split(clustering.load_docs(), clustering.DEV)
    predicted, _ = clustering.run_ours([clustering.article(d) for d in docs], docs, seed=0)
    assert clustering.scores(predicted, docs)["event"][2] >= 0.85
