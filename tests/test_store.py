"""The store: articles by content hash, stories, briefs, migrations and transactions, on SQLite and on a
real PostgreSQL server that the tests start on loopback (skipped when the Debian package is absent)."""
from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from newsbrief.model import Article
from newsbrief.render.json import to_json
from newsbrief.store import StoreError, content_hash, open_store
from newsbrief.store.codec import analysis_from_dict, brief_from_dict
from newsbrief.store.db import open_database
from newsbrief.store.migrations import LATEST, migrate, version_of

# ---------------------------------------------------------------- a PostgreSQL server for the session


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user (or nobody)."""
    if os.geteuid() != 0:
        return command
    for user in ("postgres", "nobody"):
        try:
            import pwd
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--", *command]
    pytest.skip("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@pytest.fixture(scope="session")
def postgres_url():
    """A throw-away PostgreSQL cluster on 127.0.0.1 and a free port: trust auth, no fsync, torn down
    at the end of the session."""
    pytest.importorskip("psycopg")
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="newsbrief-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = "postgres" if shutil.which("runuser") else None
        if user is None:
            pytest.skip("running as root without runuser")
        shutil.chown(base, user="postgres")
        shutil.chown(sockets, user="postgres")
    port = _free_port()
    log = base / "server.log"
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                        "--no-sync", "-E", "UTF8", "--locale=C"]),
                       check=True, capture_output=True, timeout=60)
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30",
                                        "-o", f"-h 127.0.0.1 -p {port} -k {sockets} -F -c max_connections=60",
                                        "start"]),
                       check=True, capture_output=True, timeout=60)
    except (subprocess.SubprocessError, OSError) as err:
        detail = getattr(err, "stderr", b"") or b""
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {err} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _fresh_postgres_db(url: str) -> str:
    import psycopg
    name = f"nb_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path):
    """A fresh, empty store's address: the same tests run on both dialects."""
    if request.param == "sqlite":
        return str(tmp_path / "newsbrief.db")
    return _fresh_postgres_db(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_target):
    s = open_store(store_target)
    yield s
    s.close()


def _article(id: str, text: str, **kw) -> Article:
    return Article(id=id, source=f"test:{id}", text=text, **kw)


# ---------------------------------------------------------------- articles


def test_the_same_text_is_stored_once(store):
    first = store.add_articles([_article("a", "The levee broke late on Saturday.", title="Levee")])
    again = store.add_articles([_article("copy", "The levee  broke late\non Saturday.")])
    assert first[0].new and not again[0].new
    assert again[0].article.id == "a" and again[0].article.title == "Levee"
    assert store.article_count() == 1


def test_an_id_taken_by_another_text_gets_a_suffix(store):
    store.add_articles([_article("report", "First text.")])
    added = store.add_articles([_article("report", "Second text."), _article("report", "Third text.")])
    assert [a.article.id for a in added] == ["report-2", "report-3"]
    assert store.article("report-2").text == "Second text."
    assert [a.id for a in store.articles(["report-3", "missing", "report"])] == ["report-3", "report"]


def test_articles_round_trip_as_contract_json(store, example_loaded):
    originals = [replace(a) for a in example_loaded.articles]
    store.add_articles(originals)
    for original in example_loaded.articles:
        assert store.article(original.id) == original
    assert len(store.articles(limit=3)) == 3 and len(store.articles(limit=100, offset=5)) == len(originals) - 5


def test_analyses_are_kept_per_article(store):
    from newsbrief.pipeline import analyse
    article = _article("a", "Prime Minister Ana Horvat visited Slavonski Brod on Monday, 17 March 2025.",
                       published="2025-03-17")
    store.add_articles([article])
    (analysis,) = analyse([article])
    store.save_analyses([analysis])
    store.save_analyses([analysis])    # again: replaced, not doubled
    stored = store.analysis("a")
    assert stored == json.loads(json.dumps(analysis.to_dict()))
    assert analysis_from_dict(stored).to_dict() == stored
    assert store.analysis("nope") is None


def test_an_analysis_is_reused_only_while_its_article_and_version_are_the_same(store, monkeypatch):
    from newsbrief.pipeline import analyse
    from newsbrief.store import library
    article = _article("a", "Prime Minister Ana Horvat visited Slavonski Brod on Monday, 17 March 2025.",
                       published="2025-03-17")
    store.add_articles([article])
    (analysis,) = analyse([article])
    store.save_analyses([analysis])
    kept = store.reusable_analyses([article])["a"]
    assert kept.to_dict() == analysis.to_dict() and kept.found["toponyms"] and kept.found["mentions"]
    assert kept.found == analysis.found
    assert store.reusable_analyses([replace(article, published="2025-03-18")]) == {}   # dated anew
    monkeypatch.setattr(library, "__version__", "99.0")                                  # a new version
    assert store.reusable_analyses([article]) == {}


# ---------------------------------------------------------------- stories and briefs


def test_stories_collect_articles_and_keep_every_brief(store, example_loaded, example_brief):
    added = store.add_articles([replace(a) for a in example_loaded.articles])
    story = store.new_story()
    ids = [a.article.id for a in added]
    assert store.add_to_story(story, ids[:3]) == ids[:3]
    assert store.add_to_story(story, ids) == ids[3:]     # only what it did not have
    first = store.save_brief(story, example_brief, new_articles=ids)
    second = store.save_brief(story, example_brief, new_articles=[])
    info = store.story(story)
    assert info.articles == ids and info.briefs == 2 and info.latest_brief == second   # ids: in the order they came
    assert info.headline == example_brief.headline.text
    assert [b.id for b in store.briefs(story)] == [second, first]
    assert store.newest_beside(first) == store.newest_beside(second) == second and store.newest_beside(999) is None
    assert store.brief_info(first).new_articles == ids
    assert json.loads(store.brief_json(first)) == example_brief.to_dict()
    assert to_json(store.brief(first)) == to_json(example_brief)
    assert info.to_contract() == {"story": story, "articles": info.articles, "headline": info.headline}
    assert store.stories_of([ids[0], "unknown"]) == {ids[0]: [story], "unknown": []}
    assert store.story(story + 100) is None and store.brief(9999) is None


def test_stories_are_listed_latest_first(store):
    store.add_articles([_article("x", "One."), _article("y", "Two.")])
    old, new = store.new_story(), store.new_story()
    store.add_to_story(new, ["x"])
    time.sleep(0.01)                  # stamps are to the millisecond
    store.add_to_story(old, ["y"])
    assert [s.id for s in store.stories()] == [old, new]


def test_a_failed_write_leaves_nothing_behind(store):
    good = _article("good", "A good article.")
    bad = _article("bad", "A bad article.")
    bad.metadata = {"not json": object()}      # serialising it fails half-way through the batch
    with pytest.raises(TypeError):
        store.add_articles([good, bad])
    assert store.article_count() == 0
    assert store.add_articles([_article("good", "A good article.")])[0].new


# ---------------------------------------------------------------- schema


def test_migrations_upgrade_an_old_store(store_target):
    db = open_database(store_target)
    assert migrate(db, upto=1) == 1
    with db.transaction() as tx:
        stamp = "2025-03-16T00:00:00.000Z"
        story = tx.value("INSERT INTO stories (headline, created_at, updated_at) VALUES (?, ?, ?) RETURNING id",
                         ("Old", stamp, stamp))
        tx.execute("INSERT INTO briefs (story_id, made_at, headline, article_count, data) VALUES (?, ?, ?, ?, ?)",
                   (story, stamp, "Old brief", 0, "{}"))
    db.close()
    store = open_store(store_target)           # applies step 2: briefs gain new_articles
    assert store.version == LATEST == version_of(store.db)
    assert store.briefs(int(story))[0].new_articles == []
    store.close()
    assert open_store(store_target).version == LATEST   # opening again changes nothing


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2099-01-01T00:00:00Z')")
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_bad_places_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="no such folder"):
        open_store(tmp_path / "missing" / "x.db")
    (tmp_path / "junk.db").write_bytes(b"this is not a database, just bytes " * 100)
    with pytest.raises(StoreError, match="SQLite"):
        open_store(tmp_path / "junk.db")


def test_concurrent_writers_store_each_text_once(store_target):
    store = open_store(store_target)
    texts = [f"Report number {i} on the flood." for i in range(10)]
    errors = []

    def writer(n: int) -> None:
        try:
            store.add_articles([_article(f"w{n}-{i}", t) for i, t in enumerate(texts)])
        except Exception as err:   # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.article_count() == len(texts)
    assert {content_hash(a.text) for a in store.articles()} == {content_hash(t) for t in texts}
    store.close()


def test_brief_json_decodes_to_the_same_brief(example_brief):
    data = json.loads(to_json(example_brief))
    assert json.loads(to_json(brief_from_dict(data))) == data


def test_the_story_list_agrees_with_each_story(store):
    store.add_articles([_article(f"a{i}", f"Text number {i}.") for i in range(6)])
    first, second, empty = store.new_story(), store.new_story(), store.new_story()
    store.add_to_story(first, ["a3", "a1"])
    store.add_to_story(second, ["a0", "a2", "a5"])
    store.add_to_story(first, ["a4"])
    assert {s.id: s for s in store.stories()} == {s: store.story(s) for s in (first, second, empty)}
    assert store.story(first).articles == ["a3", "a1", "a4"] and store.story(empty).articles == []
