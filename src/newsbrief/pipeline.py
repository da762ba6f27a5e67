"""The Python API behind the command line: load (read + clean), analyse, brief.

Each verb is a plain function over the data model; the CLI is a thin layer over these.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from newsbrief.analyse import analyse_articles
from newsbrief.brief import make_brief
from newsbrief.clean import clean_all
from newsbrief.errors import NothingUsable
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


def brief(articles: Iterable[Article] | Iterable[Analysis], *, sentences: int = 5) -> Brief:
    items = list(articles)
    pending = analyse_articles([a for a in items if not isinstance(a, Analysis)])
    fresh = iter(pending)
    analyses = [a if isinstance(a, Analysis) else next(fresh) for a in items]
    return make_brief(analyses, sentences=sentences)


def _unique_ids(articles: list[Article]) -> None:
    seen: dict[str, int] = {}
    for article in articles:
        n = seen.get(article.id, 0) + 1
        seen[article.id] = n
        if n > 1:
            article.id = f"{article.id}-{n}"
            seen[article.id] = 1
