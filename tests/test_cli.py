"""The command line, end to end, in a subprocess as users run it."""
import json
import subprocess
import sys

from conftest import EXAMPLE

CLI = [sys.executable, "-m", "newsbrief.cli"]


def run(*args, stdin=None):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, input=stdin, timeout=120)


def test_brief_to_html_file(tmp_path):
    out = tmp_path / "brief.html"
    r = run("brief", str(EXAMPLE), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert r.stdout == ""


def test_brief_markdown_on_stdout_and_json_by_flag():
    r = run("brief", str(EXAMPLE))
    assert r.returncode == 0 and r.stdout.startswith("# ")
    r = run("brief", str(EXAMPLE), "--format", "json")
    assert json.loads(r.stdout)["schema"] == "newsbrief/1"


def test_analyse_writes_one_line_per_article_in_input_order(tmp_path):
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".html"))
    r = run("analyse", *map(str, reversed(files)))
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["id"] for d in lines] == [p.stem for p in reversed(files)]
    for d in lines:
        assert all(d["text"][s["start"]:s["end"]].strip() for s in d["sentences"])


def test_stdin_input():
    r = run("brief", "-", stdin="A river broke its banks on Sunday, officials said.\n\nHundreds left their homes.\n")
    assert r.returncode == 0 and "river broke its banks" in r.stdout


def test_bad_items_are_reported_and_exit_is_zero_when_something_was_usable(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_text("A river broke its banks on Sunday, officials said.")
    r = run("brief", str(tmp_path))
    assert r.returncode == 0
    assert "empty.txt: skipped: empty file" in r.stderr


def test_nothing_usable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    r = run("brief", str(tmp_path / "empty.txt"))
    assert r.returncode == 1 and "nothing usable" in r.stderr


def test_stories_with_a_missing_input_says_so():
    # `stories` is built now (tests/test_stories.py); a missing input is reported like elsewhere
    r = run("stories", "x")
    assert r.returncode == 1 and "x: skipped: no such file" in r.stderr


def test_gazetteer_add_indexes_a_geonames_dump_and_says_what_is_wrong(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_DATA_DIR", str(tmp_path / "data"))
    dump = tmp_path / "cities.txt"
    dump.write_text("\t".join(["7000001", "Nowhereville", "Nowhereville", "", "10.5", "20.25", "P", "PPL", "TD",
                               "", "01", "", "", "", "1234", "", "", "", "2020-01-01"]) + "\n", encoding="utf-8")
    r = run("gazetteer", "add", str(dump))
    assert r.returncode == 0 and "added 1 places" in r.stderr
    assert (tmp_path / "data" / "gazetteer-user.sqlite").exists()
    r = run("gazetteer", "add", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "no such file" in r.stderr
    (tmp_path / "notes.txt").write_text("not a gazetteer\n", encoding="utf-8")
    r = run("gazetteer", "add", str(tmp_path / "notes.txt"))
    assert r.returncode == 1 and "GeoNames" in r.stderr
    # the bad file did not replace the index that was there
    import sqlite3
    with sqlite3.connect(tmp_path / "data" / "gazetteer-user.sqlite") as db:
        assert db.execute("SELECT name FROM places").fetchall() == [("Nowhereville",)]
