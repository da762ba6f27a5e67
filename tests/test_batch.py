"""newsbrief batch: the single-process stages on Dask, written to Parquet; broken items reported, not fatal."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.read import read_inputs

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "batch" / "harbour.jsonl"


def _single_process(tmp_path: Path, *inputs: str) -> list[str]:
    out = tmp_path / "single.jsonl"
    assert main(["analyse", *inputs, "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8").splitlines()


def _batch_rows(folder: Path) -> list[dict]:
    from newsbrief.scale.rows import read_articles

    return read_articles(folder).to_pylist()


def test_batch_on_a_local_cluster_matches_the_single_process_analysis(tmp_path, capsys):
    out = tmp_path / "out"
    # a small block size: the fixture is cut in several partitions, spread over both workers
    assert main(["batch", str(FIXTURE), "-o", str(out), "--workers", "2", "--blocksize", "700"]) == 0
    err = capsys.readouterr().err
    assert "LocalCluster of 2 worker" in err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["parts"] >= 3 and summary["workers"] == 2
    # spaCy's model loaded once in each worker process, not per article or per task
    assert sorted(summary["model_loads"].values()) == [1, 1]
    rows = _batch_rows(out)
    assert [r["analysis"] for r in rows] == _single_process(tmp_path, str(FIXTURE))
    # the repeated id is renamed as in one process; the line repeated across partitions is clutter in both
    assert [r["id"] for r in rows] == ["harbour-1", "harbour-2", "harbour-3", "harbour-2-2", "harbour-7"]
    assert all("Share this article" not in r["text"] for r in rows)
    first = json.loads(rows[0]["analysis"])
    assert rows[0]["entities"] == len(first["entities"]) and rows[0]["outlet"] == "Lindmark Courier"
    # the broken line and the object without text are reported with their line, and the rest went on
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    assert [(e["source"].rsplit(":", 1)[1], e["stage"], e["skipped"]) for e in errors] == \
        [("3", "read", True), ("6", "read", True)]
    assert "not valid JSON" in errors[0]["reason"] and f"{FIXTURE}:3: skipped: not valid JSON" in err


def test_blocks_of_a_jsonl_file_keep_the_line_numbers_of_the_whole_file():
    from newsbrief.scale.partitions import plan, read_part

    parts, missing = plan([str(FIXTURE)], blocksize=300)
    assert not missing and len(parts) >= 4
    assert [p.kind for p in parts] == ["jsonl"] * len(parts)
    assert parts[0].start == 0 and parts[-1].end == FIXTURE.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    whole = [(i.source, getattr(i, "id", None), getattr(i, "reason", None)) for i in read_inputs([str(FIXTURE)])]
    cut = [(i.source, getattr(i, "id", None), getattr(i, "reason", None)) for p in parts for i in read_part(p)]
    assert cut == whole


def test_parquet_and_warc_inputs_in_one_process(tmp_path):
    from newsbrief.scale.batch import run_batch

    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.endswith("}")]
    table = pa.Table.from_pylist([{k: r.get(k) for k in ("id", "title", "outlet", "published", "text")} for r in records])
    pq.write_table(table, tmp_path / "harbour.parquet", row_group_size=2)
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc, [("https://lindmark-courier.example/fire", "text/html; charset=utf-8", _page(records[0])),
                       ("https://lindmark-courier.example/logo.png", "image/png", b"\x89PNG..."),
                       ("https://lindmark-courier.example/empty", "text/html", b"<html><body><nav>Home</nav></body></html>")])
    result = run_batch([str(tmp_path / "harbour.parquet"), str(warc)], tmp_path / "out", scheduler="sync", blocksize=1)
    rows = _batch_rows(tmp_path / "out")
    assert result.workers == 1 and result.model_loads is None
    # read back as the data model (what story grouping and briefs take), the same as written
    from newsbrief.scale.rows import read_analyses
    assert [json.dumps(a.to_dict(), ensure_ascii=False) for a in read_analyses(tmp_path / "out")] == \
        [r["analysis"] for r in rows]
    # Parquet: one row per record, named by row as JSON Lines are by line; the record without text skipped
    parquet_rows = [r for r in rows if r["source"].startswith(str(tmp_path / "harbour.parquet"))]
    assert [r["title"] for r in parquet_rows] == [r["title"] for r in records if r.get("text")]
    assert parquet_rows[0]["source"].endswith("harbour.parquet:1")
    # WARC: the HTML page is read through trafilatura; the image is not an article; the empty page is skipped
    page = [r for r in rows if r["url"] == "https://lindmark-courier.example/fire"]
    assert len(page) == 1 and "40 firefighters" in page[0]["text"]
    errors = pq.read_table(tmp_path / "out" / "errors.parquet").to_pylist()
    assert {(Path(e["source"]).name, e["stage"]) for e in errors} == {("harbour.parquet:5", "read"),
                                                                     ("crawl.warc.gz:2", "read")}


def test_an_item_that_breaks_the_analysis_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    from newsbrief.scale import stages
    from newsbrief.scale.batch import run_batch

    real = stages.analyse_article

    def failing(article, names=None):
        if article.id == "harbour-3":
            raise ValueError("a bug on this article")
        return real(article, names)

    monkeypatch.setattr(stages, "analyse_article", failing)
    result = run_batch([str(FIXTURE)], tmp_path / "out", scheduler="sync")
    assert result.articles == 4 and result.skipped == 3
    errors = pq.read_table(tmp_path / "out" / "errors.parquet").to_pylist()
    assert any(e["stage"] == "analyse" and "a bug on this article" in e["reason"] for e in errors)


def test_the_output_folder_is_replaced_whole_and_nothing_else_is(tmp_path):
    from newsbrief.errors import NewsbriefError, NothingUsable
    from newsbrief.scale.batch import run_batch

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(NewsbriefError, match="not a batch output"):
        run_batch([str(FIXTURE)], foreign, scheduler="sync")
    assert (foreign / "notes.txt").read_text() == "keep me"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1\n')
    with pytest.raises(NothingUsable):
        run_batch([str(broken)], tmp_path / "none", scheduler="sync")
    assert not (tmp_path / "none").exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert main(["batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x"), "--scheduler", "sync"]) == 1


def test_stories_from_the_batch_output(tmp_path):
    pytest.importorskip("newsbrief.group.stories")
    out = tmp_path / "out"
    assert main(["batch", str(FIXTURE), "-o", str(out), "--scheduler", "sync", "--stories"]) == 0
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = sorted(i for story in stories for i in story["articles"])
    assert ids == sorted(r["id"] for r in _batch_rows(out))
    # the same stories as `newsbrief stories` over the same input
    single = tmp_path / "single-stories.jsonl"
    assert main(["stories", str(FIXTURE), "-o", str(single)]) == 0
    assert single.read_text(encoding="utf-8") == (out / "stories.jsonl").read_text(encoding="utf-8")
    assert json.loads((out / "summary.json").read_text())["stories"]["stories"] == len(stories)


def _page(record: dict) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
    return (f"<html><head><title>{record['title']}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{record['title']}</h1>{body}</article><footer>(c) Courier</footer></body></html>").encode()


def _write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, ctype, payload in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                          http_headers=headers))



@pytest.mark.parametrize("scheduler", ["sync", "local"])
def test_briefs_follow_the_batch_without_analysing_again(tmp_path, scheduler):
    pytest.importorskip("newsbrief.group.stories")
    from newsbrief.pipeline import brief
    from newsbrief.render.json import to_json
    from newsbrief.scale.rows import read_analyses

    out = tmp_path / "out"
    # on a LocalCluster the briefs are made on the workers, which never load spaCy for them
    assert main(["batch", str(FIXTURE), "-o", str(out), "--scheduler", scheduler, "--briefs", "--blocksize", "700"]) == 0
    if scheduler == "local":
        assert sorted(json.loads((out / "summary.json").read_text())["model_loads"].values()) == [1, 1]
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    wanted = [s for s in stories if len(s["articles"]) >= 2]
    assert wanted and sorted(p.stem for p in (out / "briefs").glob("*.json")) == sorted(s["story"] for s in wanted)
    assert json.loads((out / "summary.json").read_text())["stories"]["briefs"] == len(wanted)
    # each brief is the one the articles, analysed afresh, give
    articles = {a.article.id: a.article for a in read_analyses(out)}
    for story in wanted:
        written = (out / "briefs" / f"{story['story']}.json").read_text(encoding="utf-8")
        assert written == to_json(brief([articles[i] for i in story["articles"]]))
