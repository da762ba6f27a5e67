"""Articles in: uploaded files, pasted text or JSON Lines, read by the same readers as the command line,
stored once per text, and put into stories.

Reading goes through `newsbrief.pipeline.load` over a private temporary folder, so the web app accepts
exactly what `newsbrief brief` accepts (formats by extension, bad items skipped with a reason).
"""
from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.errors import NothingUsable
from newsbrief.model import Article
from newsbrief.pipeline import load
from newsbrief.read import KNOWN_SUFFIXES
from newsbrief.serve.sorting import StorySorter
from newsbrief.store import Added, Store

log = logging.getLogger("newsbrief.serve")


@dataclass
class Upload:
    """What one request brought: files as (name, bytes), pasted text, JSON Lines."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""
    jsonl: str = ""
    sort: bool = False      # a mixed feed: let the story grouper sort it into stories

    def empty(self) -> bool:
        return not self.files and not self.text.strip() and not self.jsonl.strip()


@dataclass
class Ingested:
    added: list[Added] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)        # one line each: where, and why
    stories: dict[int, list[str]] = field(default_factory=dict)   # story -> article ids it gained

    @property
    def new(self) -> list[Article]:
        return [a.article for a in self.added if a.new]


def safe_name(name: str, n: int) -> str:
    """A file name we can write in our temporary folder: no folders, no dot files, a known suffix kept."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".") or f"upload-{n}"
    return base[:120]


def read_upload(upload: Upload) -> tuple[list[Article], list[str]]:
    """Articles and the skipped items' reasons. Sources read `upload:NAME`, not our temporary path; the
    reasons name the file as it was sent."""
    folder = Path(tempfile.mkdtemp(prefix="newsbrief-upload-"))
    skipped: list[str] = []
    try:
        names: set[str] = set()
        for n, (name, data) in enumerate(upload.files, 1):
            safe = safe_name(name, n)
            if Path(safe).suffix.lower() not in KNOWN_SUFFIXES:
                skipped.append(f"{safe}: skipped: not a .txt, .html, .htm, .jsonl or .json file")
                continue
            while safe in names:                                # the same name twice: keep both
                safe = f"{n}-{safe}"
            names.add(safe)
            (folder / safe).write_bytes(data)
        if upload.text.strip():
            record = {"id": _slug(upload.title) or "pasted", "text": upload.text,
                      "title": upload.title.strip() or None, "outlet": upload.outlet.strip() or None,
                      "published": upload.published.strip() or None}
            (folder / "~pasted.jsonl").write_text(json.dumps({k: v for k, v in record.items() if v}) + "\n",
                                                  encoding="utf-8")
        if upload.jsonl.strip():
            (folder / "~sent.jsonl").write_text(upload.jsonl, encoding="utf-8")
        prefix = str(folder) + "/"

        def report(line: str) -> None:
            # what the person sent, not our temporary folder: "feed.jsonl:3", "pasted JSON Lines, line 2"
            line = line.replace(prefix + "~pasted.jsonl:1", "the pasted article").replace(prefix, "")
            skipped.append(re.sub(r"^~sent\.jsonl:(\d+)", r"pasted JSON Lines, line \1", line))

        try:
            articles = load([str(folder)], report=report).articles
        except NothingUsable:
            return [], skipped or ["nothing usable in the upload"]
        for article in articles:
            article.source = article.source.replace(prefix, "upload:")
        return articles, skipped
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def ingest(store: Store, upload: Upload, story: int | None = None, sorter: StorySorter | None = None) -> Ingested:
    """Read, store (each text once) and group an upload. `story`: add it all to that story; else, with
    `upload.sort` and a sorter, the story grouper decides; else the upload is one story."""
    articles, skipped = read_upload(upload)
    result = Ingested(skipped=skipped)
    if not articles:
        return result
    result.added = store.add_articles(articles)
    for story_id, ids in group_into_stories(store, result.added, story,
                                            sorter if upload.sort and story is None else None).items():
        gained = store.add_to_story(story_id, ids)
        if gained:
            result.stories[story_id] = gained
    return result


def group_into_stories(store: Store, added: list[Added], story: int | None = None,
                       sorter: StorySorter | None = None) -> dict[int, list[str]]:
    """Which story each article joins. This is the one place that decides it.

    With a sorter (a mixed feed), the online story grouper (group/stories.py) puts each new article in the
    story of its event. Otherwise an upload is one story: the one named, else the story most of its
    already-known articles are in (an upload that overlaps a story updates it), else a new story.
    Articles already in a story are left where they are."""
    if sorter is not None and sorter.available:
        try:
            return sorter.sort(added)
        except Exception:
            log.exception("story grouping failed; the upload is one story")
    ids = [a.article.id for a in added]
    homes = store.stories_of(ids)
    if story is None:
        votes = Counter(s for i in ids for s in homes[i])
        story = votes.most_common(1)[0][0] if votes else None
    if story is None:
        if all(homes[i] for i in ids):
            return {}
        story = store.new_story()
    return {story: [i for i in ids if story in homes[i] or not homes[i]]}
