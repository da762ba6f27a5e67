"""newsbrief serve through its HTTP interface (FastAPI's TestClient, no network): adding articles by
form and API, stories and their briefs, the contract's JSON, escaping, tokens, origins and size caps."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import warnings

import jsonschema
import pytest
from conftest import EXAMPLE
from test_store import _fresh_postgres_db, postgres_url  # noqa: F401 (postgres_url: a fixture)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")   # Starlette now prefers httpx2; httpx works the same
    from fastapi.testclient import TestClient

from newsbrief import schema
from newsbrief.serve.app import create_app
from newsbrief.serve.ingest import Upload, ingest
from newsbrief.serve.security import Limits, Settings, settle_token
from newsbrief.store import open_store

LOCAL = "http://127.0.0.1:8000"
SCRIPT = "<script>alert('owned')</script>"


def demo_files() -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLE.iterdir())]


def wait_for_brief(client: TestClient, story: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = client.get(f"/api/stories/{story}").json()
        if not info["brief_pending"] and info["latest_brief"] is not None:
            return info
        time.sleep(0.1)
    raise AssertionError(f"no brief of story {story} after {timeout} s")


def make_client(tmp_path, **settings) -> TestClient:
    store = open_store(tmp_path / "serve.db")
    return TestClient(create_app(store, Settings(**settings)), base_url=LOCAL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo story added through the form, as a person would, and its first brief written."""
    with make_client(tmp_path_factory.mktemp("serve")) as client:
        response = client.post("/add", files=demo_files(), follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/stories/1"
        info = wait_for_brief(client, 1)
        yield client, info


# ---------------------------------------------------------------- pages


def test_home_lists_the_story(demo):
    client, info = demo
    page = client.get("/")
    assert page.status_code == 200
    assert '<a href="/stories/1">' in page.text and info["headline"][:40] in page.text
    assert 'type="file" name="files" multiple' in page.text


def test_story_page_links_its_brief_and_articles(demo):
    client, info = demo
    page = client.get("/stories/1").text
    assert f'id="latest-brief" href="/briefs/{info["latest_brief"]}"' in page
    assert "Sava levee gives way near Slavonski Brod, forcing hundreds" in page and "Pannonian Times" in page
    assert "<code>02-adriatic-wire.txt, uploaded</code>" in page and "<li>README.md: skipped: not a .txt" in page
    assert "being written" not in page


def test_brief_page_is_the_offline_brief_with_a_way_back(demo):
    client, info = demo
    response = client.get(f"/briefs/{info['latest_brief']}")
    assert response.status_code == 200
    page = response.text
    assert page.count('class="cite"') > 5 and 'id="source"' in page
    assert '<a href="/stories/1"' in page.split("<main", 1)[0]          # the bar sits above the brief
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src" not in policy   # nothing fetched from anywhere


def test_the_web_brief_is_the_command_line_brief(demo, example_brief):
    client, info = demo
    served = client.get(f"/api/briefs/{info['latest_brief']}").json()
    assert [a["id"] for a in served["articles"]] == [a.id for a in example_brief.articles]
    assert served["headline"] == json.loads(json.dumps(example_brief.to_dict()))["headline"]


def test_unknown_pages_are_404(demo):
    client, _ = demo
    assert client.get("/stories/999", headers={"accept": "text/html"}).status_code == 404
    assert "no story 999" in client.get("/stories/999", headers={"accept": "text/html"}).text
    assert client.get("/api/briefs/999").json() == {"detail": "no brief 999"}


# ---------------------------------------------------------------- the API


def test_api_mirrors_the_contract(demo):
    client, info = demo
    stories = client.get("/api/stories").json()
    assert stories[0]["story"] == 1 and len(stories[0]["articles"]) == 7 and stories[0]["headline"]
    brief = client.get("/api/stories/1/brief").json()
    jsonschema.validate(brief, schema.generate())
    assert brief == client.get(f"/api/briefs/{info['latest_brief']}").json()
    article = client.get("/api/articles/02-adriatic-wire").json()
    assert article["title"].startswith("Sava levee gives way") and article["text"].startswith(brief["articles"][1]["text"][:80])
    analysis = client.get("/api/articles/02-adriatic-wire/analysis").json()
    assert analysis["id"] == "02-adriatic-wire" and analysis["quotes"] and analysis["times"]
    assert len(client.get("/api/articles?limit=3").json()) == 3


def test_openapi_docs_work_offline(demo):
    client, _ = demo
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/uploads", "/api/stories", "/api/stories/{story_id}/brief",
            "/api/briefs/{brief_id}"} <= set(paths)
    docs = client.get("/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in docs and "cdn." not in docs
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200


def test_jsonl_through_the_api_and_a_story_update(tmp_path, example_loaded):
    with make_client(tmp_path) as client:
        first = "".join(json.dumps({"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
                                    "text": a.text}) + "\n" for a in example_loaded.articles[:3])
        response = client.post("/api/articles?wait=true", content=first,
                               headers={"content-type": "application/x-ndjson"})
        assert response.status_code == 201, response.text
        outcome = response.json()
        assert len(outcome["added"]) == 3 and outcome["stories"][0]["brief"] is not None
        story, first_brief = outcome["stories"][0]["story"], outcome["stories"][0]["brief"]

        again = client.post("/api/articles?wait=true", content=first).json()    # the same texts: nothing new
        assert again["added"] == [] and len(again["known"]) == 3 and again["stories"] == []

        late = example_loaded.articles[6]
        update = client.post(f"/api/uploads?wait=true&story={story}",
                             files=[("files", ("late.txt", late.text.encode()))]).json()
        assert update["added"] == ["late"]
        info = client.get(f"/api/stories/{story}").json()
        assert [b["id"] for b in info["briefs"]] == [update["stories"][0]["brief"], first_brief]
        assert info["briefs"][0]["new_articles"] == ["late"] and info["briefs"][0]["articles"] == 4
        old = client.get(f"/briefs/{first_brief}").text
        assert "A newer brief is out" in old
        assert client.post("/api/stories/999/briefs").status_code == 404


def test_an_upload_that_overlaps_a_story_updates_it(tmp_path, example_loaded):
    store = open_store(tmp_path / "s.db")
    texts = [(f"{a.id}.txt", a.text.encode()) for a in example_loaded.articles]
    one = ingest(store, Upload(files=texts[:4]))
    two = ingest(store, Upload(files=texts[2:]))
    assert list(one.stories) == list(two.stories) == [1]
    assert len(store.story(1).articles) == 7


# ---------------------------------------------------------------- escaping


def test_article_text_is_escaped_everywhere(tmp_path):
    text = (f"Officials said {SCRIPT} on Sunday that the levee at Sibinj had failed. The army sent 200 soldiers. "
            f"\"We are doing everything we can {SCRIPT}\", said Mayor Ana Kovač.")
    with make_client(tmp_path) as client:
        response = client.post("/add", data={"title": f"Flood {SCRIPT}", "outlet": "<b>Outlet</b>", "text": text,
                                             "published": "2025-03-16"}, follow_redirects=False)
        assert response.status_code == 303
        info = wait_for_brief(client, 1)
        for page in (client.get("/").text, client.get("/stories/1").text,
                     client.get(f"/briefs/{info['latest_brief']}").text):
            assert "<script>alert" not in page and "<b>Outlet" not in page
        assert "&lt;script&gt;alert" in client.get("/stories/1").text
        assert client.get("/api/articles/flood-script-alert-owned-script").json()["title"] == f"Flood {SCRIPT}"


# ---------------------------------------------------------------- who may write, and how much


def test_a_token_guards_writes_but_not_reads(tmp_path):
    with make_client(tmp_path, token="s3cret") as client:
        line = json.dumps({"id": "t1", "text": "The levee at Sibinj broke late on Saturday, officials said."})
        assert client.post("/api/articles", content=line).status_code == 401
        assert client.post("/api/articles", content=line, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.post("/add", data={"text": "A text."}).status_code == 401
        assert client.get("/api/stories").status_code == 200
        assert "sign in" in client.get("/").text
        assert client.post("/api/articles", content=line, headers={"authorization": "Bearer s3cret"}).status_code == 201
        assert client.post("/login", data={"token": "nope"}).status_code == 401
        signed = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
        assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
        assert "samesite=strict" in signed.headers["set-cookie"].lower()
        assert client.post("/add", data={"text": "Another text about the flood in Slavonski Brod."},
                           follow_redirects=False).status_code == 303      # the cookie now signs the form


def test_tokens_are_made_up_off_loopback_only():
    assert settle_token("127.0.0.1", None) == (None, False)
    assert settle_token("::1", None) == (None, False)
    token, made = settle_token("0.0.0.0", None)
    assert made and len(token) >= 24
    assert settle_token("0.0.0.0", "given") == ("given", False)


def test_other_sites_and_host_names_are_refused(tmp_path):
    with make_client(tmp_path) as client:
        line = json.dumps({"text": "A text."})
        assert client.post("/api/articles", content=line, headers={"origin": "http://evil.example"}).status_code == 403
        assert client.post("/add", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"}).status_code == 403
        assert client.post("/add", data={"text": "x"}, headers={"sec-fetch-site": "same-site"}).status_code == 403
        assert client.post("/add", data={"text": "x"}, headers={"origin": "null"}).status_code == 403
        same = {"origin": LOCAL, "sec-fetch-site": "same-origin"}
        assert client.post("/add", data={"text": "A short text.", "title": "Same origin"}, headers=same,
                           follow_redirects=False).status_code == 303
        assert client.get("/", headers={"host": "rebound.example:8000"}).status_code == 421
        assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_uploads_are_capped(tmp_path):
    limits = Limits(request_bytes=200_000, file_bytes=50_000, files=3)
    with make_client(tmp_path, limits=limits) as client:
        many = [("files", (f"{i}.txt", b"Some text about a flood.")) for i in range(4)]
        assert client.post("/api/uploads", files=many).status_code == 413
        big = [("files", ("big.txt", b"word " * 20_000))]
        assert client.post("/api/uploads", files=big).status_code == 413
        huge = "x" * 300_000
        assert client.post("/api/articles", content=huge).status_code == 413

        def chunks():    # no Content-Length: the cap counts what arrives
            for _ in range(30):
                yield b"y" * 10_000

        assert client.post("/api/articles", content=chunks()).status_code == 413

        def form():      # a form sent in chunks: refused before the form parser has it all
            yield b'--B\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
            yield from chunks()
            yield b"\r\n--B--\r\n"

        response = client.post("/add", content=form(), headers={"content-type": "multipart/form-data; boundary=B"})
        assert response.status_code == 413 and "KB in one request" in response.text


def test_unusable_uploads_say_why(tmp_path):
    with make_client(tmp_path) as client:
        files = [("files", ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)),
                 ("files", ("empty.txt", b""))]
        page = client.post("/add", files=files)
        assert page.status_code == 400
        assert "photo.jpg" in page.text and "empty.txt" in page.text and "Nothing was added" in page.text
        response = client.post("/api/articles", content='{"title": "no text"}\nnot json\n')
        assert response.status_code == 422 and len(response.json()["detail"]["skipped"]) == 2


# ---------------------------------------------------------------- the command


def test_the_cli_does_not_load_the_web_stack_until_serve():
    code = ("import sys, newsbrief.cli as c; c.parser().parse_args(['serve', '--port', '9']); "
            "print('fastapi' in sys.modules or 'uvicorn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_app_over_postgresql(postgres_url, example_loaded):  # noqa: F811 (the fixture)
    """The same app over a PostgreSQL store: the briefer's thread and the request threads each have
    their own connection."""
    store = open_store(_fresh_postgres_db(postgres_url))
    lines = "".join(json.dumps({"id": a.id, "title": a.title, "published": a.published, "text": a.text}) + "\n"
                    for a in example_loaded.articles[:3])
    with TestClient(create_app(store), base_url=LOCAL) as client:
        outcome = client.post("/api/articles?wait=true", content=lines).json()
        assert len(outcome["added"]) == 3 and outcome["stories"][0]["brief"]
        jsonschema.validate(client.get("/api/stories/1/brief").json(), schema.generate())
        assert client.post("/api/articles?wait=true", content=lines).json()["known"] == outcome["added"]
        assert client.get(f"/briefs/{outcome['stories'][0]['brief']}").status_code == 200
    store.close()


UNRELATED = ("Firefighters in the Algarve fought a wildfire near Monchique on Monday, 17 March 2025, after dry winds "
             "pushed the flames across the hills towards Portimão. About 80 residents left their homes overnight, "
             "the regional fire service said. Two water-bombing aircraft from Spain joined the effort on Tuesday.")


class GroupByTitleWord:
    """A stand-in for the story grouper: the first word of the title is the event."""

    def add(self, article) -> str:
        return (article.title or article.id).split()[0].lower()


def test_a_mixed_feed_is_sorted_into_stories(tmp_path, monkeypatch):
    """With sort=true the story grouper decides; a restarted app rebuilds it from the store and maps its
    stories to the stored ones."""
    from newsbrief.serve import sorting
    monkeypatch.setattr(sorting, "StoryGrouper", GroupByTitleWord)

    def line(id: str, title: str) -> str:
        return json.dumps({"id": id, "title": title, "text": f"{title}. A report on it, number {id}."})

    feed = "\n".join([line("f1", "Flood in Slavonia"), line("w1", "Wildfire near Monchique"),
                      line("f2", "Flood waters rise")])
    with make_client(tmp_path) as client:
        assert 'name="sort"' in client.get("/").text
        outcome = client.post("/api/articles?sort=true", content=feed).json()
        assert [s["articles"] for s in outcome["stories"]] == [["f1", "f2"], ["w1"]]
        flood = outcome["stories"][0]["story"]
        together = client.post("/api/articles", content=line("x1", "Xylophone news")).json()   # no sort: one story
        assert len(together["stories"]) == 1
    with make_client(tmp_path) as client:      # a new app over the same store: the grouper is rebuilt
        outcome = client.post("/api/articles?sort=true", content=line("f3", "Flood crest passes")).json()
        assert [s["story"] for s in outcome["stories"]] == [flood]
        page = client.post("/add", data={"jsonl": line("w2", "Wildfire contained") + "\n" +
                                         line("q1", "Quake in the Alps"), "sort": "1"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/"     # two stories: listed at home


def test_the_real_story_grouper_puts_each_article_in_one_story(tmp_path, example_loaded):
    from newsbrief.serve import sorting
    if not sorting.StoryGrouper:
        pytest.skip("newsbrief.group.stories is not here yet")
    lines = "".join(json.dumps({"id": a.id, "title": a.title, "published": a.published, "text": a.text}) + "\n"
                    for a in example_loaded.articles)
    with make_client(tmp_path) as client:
        outcome = client.post("/api/articles?sort=true", content=lines).json()
        placed = [i for s in outcome["stories"] for i in s["articles"]]
        assert sorted(placed) == sorted(outcome["added"]) and len(outcome["added"]) == 7


def test_a_failed_brief_is_shown_and_the_next_one_can_succeed(tmp_path, monkeypatch):
    from newsbrief.serve import briefer

    def broken(store, story):
        raise RuntimeError("the analysis broke")

    monkeypatch.setattr(briefer, "write_brief", broken)
    with make_client(tmp_path) as client:
        line = json.dumps({"id": "a", "title": "Levee", "text": "The levee at Sibinj broke late on Saturday."})
        response = client.post("/api/articles?wait=true", content=line)
        assert response.status_code == 500 and "the analysis broke" in response.json()["detail"]
        page = client.get("/stories/1").text
        assert "The last brief failed: RuntimeError: the analysis broke" in page
        monkeypatch.undo()
        assert client.post("/api/stories/1/briefs?wait=true").json()["brief"] is not None
        assert "The last brief failed" not in client.get("/stories/1").text


def test_serve_load_is_idempotent(tmp_path, example_brief):
    from newsbrief.serve.run import preload
    store = open_store(tmp_path / "s.db")
    lines: list[str] = []
    assert preload(store, [str(EXAMPLE)], lines.append) == [1]
    store.save_brief(1, example_brief)
    assert preload(store, [str(EXAMPLE)], lines.append) == []      # nothing new: no new brief
    assert lines == ["loaded 7 article(s), 7 new, into story 1", "loaded 7 article(s), 0 new, into story 1"]
    assert store.article_count() == 7 and len(store.stories()) == 1


def test_the_story_page_names_sources_as_they_were_sent():
    from types import SimpleNamespace as A
    from newsbrief.serve.context import came_from
    assert came_from([A(id="a", source="upload:01-wire.txt"), A(id="b", source="upload:~pasted.jsonl:1"),
                      A(id="c", source="upload:~sent.jsonl:4"), A(id="d", source="/srv/feeds/x/b.txt"),
                      A(id="e", source="/srv/feeds/y/c.txt")]) == {
        "a": "01-wire.txt, uploaded", "b": "pasted in the form", "c": "pasted JSON Lines, line 4",
        "d": "x/b.txt", "e": "y/c.txt"}


def test_an_article_on_the_story_page_opens_in_the_latest_brief(demo):
    client, info = demo
    page = client.get("/stories/1").text
    links = re.findall(r'<td><a href="/briefs/(\d+)#art-(\d+)">', page)
    assert links and {int(b) for b, _n in links} == {info["latest_brief"]}
    brief = client.get(f"/briefs/{info['latest_brief']}").text
    story = client.get("/api/stories/1").json()
    for _b, n in links:      # the brief numbers its articles in the story's order
        assert f'id="art-{n}" data-article="{story["articles"][int(n) - 1]}"' in brief


def test_a_story_update_analyses_only_its_new_articles(tmp_path, example_loaded, monkeypatch):
    from newsbrief.serve import briefer
    analysed: list[list[str]] = []
    real = briefer.analyse

    def counting(articles):
        analysed.append([a.id for a in articles])
        return real(articles)
    monkeypatch.setattr(briefer, "analyse", counting)
    store = open_store(tmp_path / "s.db")
    first = example_loaded.articles[:3]
    store.add_articles(first)
    story = store.new_story()
    store.add_to_story(story, [a.id for a in first])
    one = briefer.write_brief(store, story)
    late = example_loaded.articles[6]
    store.add_articles([late])
    store.add_to_story(story, [late.id])
    two = briefer.write_brief(store, story)
    assert analysed == [[a.id for a in first], [late.id]]
    # the same brief as analysing the four afresh
    fresh = briefer.brief(real([*first, late]))
    assert json.loads(store.brief_json(two)) == json.loads(json.dumps(fresh.to_dict()))
    assert one != two
