"""The command line, end to end, in a subprocess as users run it."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- bad input: one line on stderr, the right exit code

def cli(capsys, *args):
    """main() in this process: (exit code, stdout, stderr); a usage error's SystemExit is its code."""
    from newsbrief.cli import main
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert all(line.startswith("newsbrief") for line in err.splitlines()), err
    return code, out, err


GOOD = "A river broke its banks on Sunday, officials said. Hundreds of people left their homes."


@pytest.mark.parametrize("command", ["brief", "analyse", "stories"])
def test_a_missing_path_an_empty_folder_and_a_folder_of_no_articles(capsys, tmp_path, command):
    code, out, err = cli(capsys, command, tmp_path / "missing")
    assert code == 1 and out == ""
    assert "missing: skipped: no such file or folder" in err and "nothing usable in the input" in err
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("# not an article\n")
    for folder in ("empty", "notes"):
        code, _out, err = cli(capsys, command, tmp_path / folder)
        assert code == 1 and f"{folder}: skipped: folder holds no .txt, .html" in err


def test_a_binary_file_and_an_unreadable_file_are_skipped(capsys, tmp_path, monkeypatch):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 20)
    code, _out, err = cli(capsys, "brief", tmp_path / "photo.txt")
    assert code == 1 and "photo.txt: skipped: binary file" in err
    (tmp_path / "locked.txt").write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":     # chmod 000 does not stop root, so the refusal is simulated
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, err = cli(capsys, "analyse", tmp_path / "locked.txt", tmp_path / "ok.txt")
    assert code == 0 and "locked.txt: skipped: cannot read: Permission denied" in err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["ok"]


def test_a_bad_json_line_is_skipped_and_the_rest_goes_on(capsys, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"
                    + json.dumps({"id": "b", "text": GOOD.replace("Sunday", "Monday")}) + "\n")
    code, out, err = cli(capsys, "analyse", feed)
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"]
    assert "feed.jsonl:2: skipped: not valid JSON" in err and "feed.jsonl:3: skipped: no text" in err


@pytest.mark.parametrize("args, code, message", [
    (["--since", "2025-13-45"], 2, "--since 2025-13-45: not a date in the calendar"),
    (["--since", "last-brief.json"], 1, "--since last-brief.json: neither a date (YYYY-MM-DD) nor a brief's JSON file"),
    (["--format", "pdf"], 2, "argument --format: invalid choice: 'pdf'"),
    (["-o", "brief.pdf"], 2, "-o brief.pdf: no brief format is written as .pdf; use .json, .md or .html"),
    (["-o", "no/such/folder/brief.html"], 1, "cannot write no/such/folder/brief.html: no folder no/such/folder"),
    (["-o", "."], 1, "cannot write .: it is a folder"),
    (["--sentences", "0"], 2, "argument --sentences: 0: must be 1 or more"),
    (["--words", "many"], 2, "argument --words: 'many' is not a whole number"),
])
def test_bad_options_of_brief(capsys, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text(GOOD)
    got, out, err = cli(capsys, "brief", "ok.txt", *args)
    assert got == code and out == "" and message in err
    assert len(err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.txt"]      # nothing half written


@pytest.mark.parametrize("args, message", [
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["brief"], "the following arguments are required: INPUT (see: newsbrief brief --help)"),
    (["gazetteer", "add"], "gazetteer add FILE: which GeoNames dump?"),
    (["serve", "--port", "70000"], "argument --port: 70000: a port is 1 to 65535"),
    (["batch", "x.jsonl"], "the following arguments are required: -o/--output"),
    (["batch", "x.jsonl", "-o", "out", "--blocksize", "lots"], "--blocksize lots: a size such as 32MB"),
    (["batch", "x.jsonl", "-o", "out", "--workers", "0"], "argument --workers: 0: must be 1 or more"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, args, message):
    code, _out, err = cli(capsys, *args)
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_serve_on_a_busy_port_says_so(capsys, tmp_path):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _out, err = cli(capsys, "serve", "--db", tmp_path / "x.db", "--port", port)
    assert code == 1 and f"cannot listen on 127.0.0.1:{port}" in err and "choose another --port" in err


def test_an_article_that_breaks_the_analysis_is_skipped_and_the_rest_goes_on(capsys, tmp_path, monkeypatch):
    import newsbrief.cli as cli_module
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("Officials said the bridge would reopen on Friday, the mayor said.")
    real = cli_module.analyse

    def analyse(articles):
        if any(a.id == "a" for a in articles):
            raise ValueError("a bug in one stage")
        return real(articles)
    monkeypatch.setattr(cli_module, "analyse", analyse)
    code, out, err = cli(capsys, "analyse", tmp_path)
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["b"]
    assert "a.txt: skipped: the analysis failed (ValueError: a bug in one stage)" in err


def test_a_bug_is_one_line_and_the_traceback_is_there_on_request(capsys, tmp_path, monkeypatch):
    import newsbrief.cli as cli_module
    (tmp_path / "a.txt").write_text(GOOD)

    def broken(*args, **kwargs):
        raise KeyError("oops")
    monkeypatch.setattr(cli_module, "group_stories", broken, raising=False)
    monkeypatch.setattr("newsbrief.group.stories.group_stories", broken)
    code, _out, err = cli(capsys, "stories", tmp_path)
    assert code == 1 and "internal error: KeyError: 'oops' (run with NEWSBRIEF_DEBUG=1" in err
    monkeypatch.setenv("NEWSBRIEF_DEBUG", "1")
    with pytest.raises(KeyError):
        cli_module.main(["stories", str(tmp_path)])


# ---------------------------------------------------------------- progress: only on a terminal, and not with --quiet

def test_no_progress_when_stderr_is_not_a_terminal_and_quiet_drops_the_wrote_line(tmp_path):
    out = tmp_path / "brief.md"
    r = run("brief", str(EXAMPLE), "-o", str(out))
    assert r.returncode == 0 and r.stderr == f"newsbrief: wrote {out}\n"      # no bars, no escape codes
    r = run("brief", str(EXAMPLE), "-o", str(out), "--quiet")
    assert r.returncode == 0 and r.stderr == ""


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_on_a_terminal_and_reports_stay_readable():
    from newsbrief.console import Console
    screen = Terminal()
    ui = Console(stream=screen)
    with ui.session():
        count = ui.counter("analysing articles", 3)
        count(1, 3)
        ui.report("x.txt: skipped: empty file")
        with ui.status("writing the brief"):
            count(3, 3)
    text = screen.getvalue()
    assert "analysing articles" in text and "newsbrief: x.txt: skipped: empty file" in text
    quiet = Terminal()
    ui = Console(stream=quiet, quiet=True)
    with ui.session():
        assert ui.counter("analysing articles", 3) is None
        ui.report("x.txt: skipped: empty file")
    assert quiet.getvalue() == "newsbrief: x.txt: skipped: empty file\n"


def test_the_gazetteer_says_when_it_needs_a_build(tmp_path):
    from newsbrief.gazetteer import build
    assert build.needs_build(tmp_path)
    assert not build.needs_build(build.index_files()[0].parent)
