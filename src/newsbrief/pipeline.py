"""The Python API behind the command line: load (read + clean), analyse, brief.

Each verb is a plain function over the data model; the CLI is a thin layer over these.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from dataclasses import dataclass, field
from typing import BinaryIO

from newsbrief.analyse import analyse_articles
from newsbrief.brief import make_brief
from newsbrief.clean import clean_all
from newsbrief.errors import NothingUsable, UsageError
from newsbrief.group import date_undated
from newsbrief.model import Analysis, Article, Brief, RawDocument, Skipped
from newsbrief.read import read_inputs

Report = Callable[[str], None]


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def load(inputs: Iterable[str], *, stdin: BinaryIO | None = None, report: Report | None = None,
         progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Read and clean every input. Bad items are reported (one line each) and skipped.

    Raises NothingUsable when no item could be used."""
    say = report or (lambda line: None)
    loaded = Loaded()
    raws: list[RawDocument] = []
    for item in read_inputs(inputs, stdin=stdin):
        if isinstance(item, Skipped):
            loaded.skipped.append(item)
            say(str(item))
        else:
            for note in item.notes:
                say(f"{item.source}: {note}")
            raws.append(item)
    for cleaned in clean_all(raws, progress):
        if isinstance(cleaned, Skipped):
            loaded.skipped.append(cleaned)
            say(str(cleaned))
        else:
            loaded.articles.append(cleaned)
    if not loaded.articles:
        raise NothingUsable(f"nothing usable in the input ({len(loaded.skipped)} item(s) skipped)")
    _unique_ids(loaded.articles)
    date_undated(loaded.articles)
    return loaded


def analyse(articles: Iterable[Article]) -> list[Analysis]:
    return analyse_articles(articles)


def brief(articles: Iterable[Article] | Iterable[Analysis], *, sentences: int | None = 5, words: int | None = None,
          focus: str | None = None, known: Iterable[Article] = (), compressed: bool = False) -> Brief:
    """The brief of one story. `known` are articles the reader has already been told about (`since`):
    the summary then tells what is new."""
    items = list(articles)
    pending = analyse_articles([a for a in items if not isinstance(a, Analysis)])
    fresh = iter(pending)
    analyses = [a if isinstance(a, Analysis) else next(fresh) for a in items]
    return make_brief(analyses, sentences=sentences, words=words, focus=focus,
                      known=[Analysis(article=a) for a in known], compressed=compressed)


def since(articles: list[Article], mark: str) -> tuple[list[Article], list[Article]]:
    """(new, known): split at `mark`, a date (articles published before it are known) or a previous
    brief's JSON file (its articles are known; an input it already had is not new)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", mark):
        known = [a for a in articles if a.published and a.published[:10] < mark]
    else:
        known = previous_articles(mark)
    seen = {a.id for a in known} | {_fingerprint(a.text) for a in known}
    new = [a for a in articles if a.id not in seen and _fingerprint(a.text) not in seen]
    if not new:
        raise NothingUsable(f"nothing new since {mark} ({len(articles)} article(s) read, all already known)")
    return new, known


def previous_articles(path: str) -> list[Article]:
    """The articles of a brief written earlier as JSON (`newsbrief brief --format json`)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        rows = data["articles"]
        return [Article(id=r["id"], source=r.get("source", r["id"]), title=r.get("title"), outlet=r.get("outlet"),
                        published=r.get("published"), text=r.get("text", "")) for r in rows]
    except FileNotFoundError:
        raise UsageError(f"--since {path}: neither a date (YYYY-MM-DD) nor a brief's JSON file") from None
    except (ValueError, KeyError, TypeError) as e:
        raise UsageError(f"--since {path}: not a newsbrief JSON brief ({e})") from None


def _fingerprint(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def _unique_ids(articles: list[Article]) -> None:
    seen: dict[str, int] = {}
    for article in articles:
        n = seen.get(article.id, 0) + 1
        seen[article.id] = n
        if n > 1:
            article.id = f"{article.id}-{n}"
            seen[article.id] = 1
