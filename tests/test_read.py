"""Readers: formats, folders, stdin, encodings, and every kind of bad input reported and skipped."""
import io
import json

import pytest

from newsbrief import load
from newsbrief.errors import NothingUsable
from newsbrief.model import RawDocument, Skipped
from newsbrief.read import read_inputs
from newsbrief.read.decode import MAX_ITEM_BYTES

STORY = ("Flood defences held overnight in the river town, the mayor said on Monday.\n\n"
         "Crews worked through the night to raise the embankment by half a metre, officials said.\n")
PAGE = ("<!DOCTYPE html><html><head><title>Defences hold</title>"
        "<meta property='og:site_name' content='Example Times'></head><body><nav>Home | News</nav>"
        "<article><h1>Defences hold</h1><p>" + "Flood defences held overnight in the river town, the mayor said. " * 4 +
        "</p><p>Crews worked through the night to raise the embankment by half a metre, officials said.</p>"
        "</article><footer>© 2025 Example Times</footer></body></html>")


def run(paths, stdin=None):
    """Load and collect the report lines, as the CLI prints them."""
    lines = []
    loaded = load([str(p) for p in paths], stdin=stdin, report=lines.append)
    return loaded, lines


def test_reads_text_html_and_jsonl_from_a_folder_recursively(tmp_path):
    (tmp_path / "a.txt").write_text("River levels fall\n\n" + STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps(
        {"id": "c1", "title": "T", "outlet": "Wire", "published": "2025-03-16T08:30:00+01:00",
         "text": STORY, "lang": "en"}) + "\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    loaded, lines = run([tmp_path])
    assert [a.id for a in loaded.articles] == ["a", "b", "c1"]
    a, b, c = loaded.articles
    assert a.title == "River levels fall" and a.text.startswith("Flood defences held")
    assert b.outlet == "Example Times" and "Home" not in b.text and "raise the embankment" in b.text
    assert c.outlet == "Wire" and c.published == "2025-03-16T08:30+01:00"
    assert c.metadata == {"lang": "en"}
    assert lines == []


def test_stdin_text_and_jsonl():
    items = list(read_inputs(["-"], stdin=io.BytesIO(STORY.encode())))
    assert isinstance(items[0], RawDocument) and items[0].text.startswith("Flood")
    jsonl = b'{"id": "x", "text": "One sentence here, for the test."}\n{"id": "y", "html": "<p>hi</p>"}\n'
    ids = [i.id for i in read_inputs(["-"], stdin=io.BytesIO(jsonl))]
    assert ids == ["x", "y"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings(tmp_path, encoding):
    text = "Café owners in Zürich said the “floods” were the worst since 1999.\n"
    if encoding == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    loaded, lines = run([tmp_path / "a.txt"])
    assert loaded.articles[0].text == text.strip()
    if encoding in ("cp1252", "latin-1"):
        assert lines and "Windows-1252" in lines[0]   # the guess is said, once


def bad_inputs(tmp_path):
    """Each bad kind of item, with what its report line must say."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)           # 50 MB, sparse: the size alone must refuse it
    (tmp_path / "broken-utf8.txt").write_bytes(
        "Les réfugiés sont arrivés à Genève, a dit le maire.".encode() + b"\xff\xfe broken \xc3")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "A good line of text that is fine."}\n{not json}\n[1, 2]\n{"id": "notext"}\n')
    (tmp_path / "good.txt").write_text(STORY)
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file (a PNG image)",
        "huge.txt": "too large",
        "nav.html": "HTML page with no article text",
        "lines.jsonl:2": "not valid JSON",
        "lines.jsonl:3": "not a JSON object",
        "lines.jsonl:4": "no text",
    }


def test_bad_items_are_reported_one_line_each_and_the_rest_goes_on(tmp_path):
    expected = bad_inputs(tmp_path)
    loaded, lines = run([tmp_path])
    assert sorted(a.id for a in loaded.articles) == ["broken-utf8", "good", "ok"]
    for item, reason in expected.items():
        hits = [line for line in lines if f"{item}: skipped: " in line and reason in line]
        assert len(hits) == 1, (item, lines)
    # invalid UTF-8 is repaired, and said
    assert any("broken-utf8.txt" in line and "invalid UTF-8" in line for line in lines)
    assert loaded.articles[0].text.startswith("Les réfugiés")
    assert len(loaded.skipped) == len(expected)


def test_nothing_usable_raises(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingUsable):
        run([tmp_path / "empty.txt"])


def test_missing_path_is_reported():
    items = list(read_inputs(["/no/such/file.txt"]))
    assert items == [Skipped("/no/such/file.txt", "no such file or folder")]


def test_an_overlong_jsonl_line_is_skipped_without_reading_it_whole():
    big = b'{"text": "' + b"a" * (MAX_ITEM_BYTES + 10) + b'"}\n{"id": "after", "text": "Still read after it."}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(big)))
    assert isinstance(items[0], Skipped) and "too long" in items[0].reason
    assert items[1].id == "after"


def test_html_declared_charset_is_honoured(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="koi8-r">').replace("the mayor said", "the mayor Иван said")
    (tmp_path / "p.html").write_bytes(page.encode("koi8-r"))
    loaded, lines = run([tmp_path / "p.html"])
    assert "the mayor Иван said" in loaded.articles[0].text and lines == []
