"""The library: articles (one per distinct text), their analyses, stories and each story's briefs.

Every method is one transaction. Articles are keyed by a hash of their text, so adding the same text
again returns the article already stored instead of a copy; an id already used by another text gets a
suffix, because briefs cite articles by id and an id must name one text for ever.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief import __version__
from newsbrief.analyse.found import found_from_dict, found_to_dict
from newsbrief.model import Analysis, Article, Brief, to_dict
from newsbrief.store.codec import analysis_from_dict, article_from_dict, brief_from_dict
from newsbrief.store.db import Database, Transaction, open_database
from newsbrief.store.migrations import migrate, now


@dataclass
class Added:
    """One article handed to `add_articles`: as stored (its id may differ from the input's), and
    whether it was new."""

    article: Article
    new: bool


@dataclass
class StoryInfo:
    id: int
    headline: str | None
    created: str
    updated: str
    articles: list[str] = field(default_factory=list)
    briefs: int = 0
    latest_brief: int | None = None

    def to_contract(self) -> dict:
        """CONTRACT.md's `stories` line."""
        return {"story": self.id, "articles": self.articles, "headline": self.headline or ""}


@dataclass
class BriefInfo:
    id: int
    story: int
    made: str
    headline: str
    articles: int
    new_articles: list[str] = field(default_factory=list)


def content_hash(text: str) -> str:
    """The same text, however it was wrapped or spaced, has the same hash."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def analysis_basis(article: Article) -> str:
    """What an analysis was made from: the article as stored and the version that analysed it."""
    return hashlib.sha256((_json(to_dict(article)) + __version__).encode("utf-8")).hexdigest()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    def __init__(self, db: Database):
        self.db = db
        self.version = migrate(db)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> list[Added]:
        out: list[Added] = []
        with self.db.transaction() as tx:
            for article in articles:
                out.append(self._add_article(tx, article))
        return out

    def _add_article(self, tx: Transaction, article: Article) -> Added:
        digest = content_hash(article.text)
        base, n = article.id, 1
        while True:
            known = tx.one("SELECT data FROM articles WHERE content_hash = ?", (digest,))
            if known:
                return Added(article_from_dict(json.loads(known[0])), new=False)
            article.id = base if n == 1 else f"{base}-{n}"
            # DO NOTHING rather than fail: on PostgreSQL another writer may take this id or add this text
            # between our look-up and our insert; we look again instead of aborting the transaction.
            cursor = tx.execute(
                "INSERT INTO articles (id, content_hash, title, outlet, published, source, data, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (article.id, digest, article.title, article.outlet, article.published, article.source,
                 _json(to_dict(article)), now()))
            if cursor.rowcount:
                return Added(article, new=True)
            n += 1

    def article(self, article_id: str) -> Article | None:
        with self.db.transaction(write=False) as tx:
            row = tx.one("SELECT data FROM articles WHERE id = ?", (article_id,))
        return article_from_dict(json.loads(row[0])) if row else None

    def articles(self, ids: Iterable[str] | None = None, *, limit: int = 100, offset: int = 0) -> list[Article]:
        """The articles with these ids (in that order, unknown ids left out), or a page of all of them
        in the order they were added."""
        with self.db.transaction(write=False) as tx:
            if ids is None:
                rows = tx.all("SELECT data FROM articles ORDER BY added_at, id LIMIT ? OFFSET ?", (limit, offset))
                return [article_from_dict(json.loads(r[0])) for r in rows]
            wanted = list(ids)
            found = {}
            for article_id in wanted:
                row = tx.one("SELECT data FROM articles WHERE id = ?", (article_id,))
                if row:
                    found[article_id] = article_from_dict(json.loads(row[0]))
        return [found[i] for i in wanted if i in found]

    def article_count(self) -> int:
        with self.db.transaction(write=False) as tx:
            return int(tx.value("SELECT COUNT(*) FROM articles"))

    # ------------------------------------------------------------ analyses

    def save_analyses(self, analyses: Iterable[Analysis]) -> None:
        """Keep each article's latest analysis (the `analyse` JSON line), with its story-level evidence."""
        with self.db.transaction() as tx:
            for analysis in analyses:
                data, made = _json(analysis.to_dict()), now()
                found = _json(found_to_dict(analysis.found)) if analysis.found else None
                tx.execute("INSERT INTO analyses (article_id, data, made_at, found, basis) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (article_id) DO UPDATE SET data = excluded.data, made_at = excluded.made_at, "
                           "found = excluded.found, basis = excluded.basis",
                           (analysis.article.id, data, made, found, analysis_basis(analysis.article)))

    def reusable_analyses(self, articles: Iterable[Article]) -> dict[str, Analysis]:
        """The stored analyses of these articles that still hold: made by this version of newsbrief from
        the article as it is now, with the evidence a brief needs. By article id."""
        out = {}
        with self.db.transaction(write=False) as tx:
            for article in articles:
                row = tx.one("SELECT data, found, basis FROM analyses WHERE article_id = ?", (article.id,))
                if row and row[1] and row[2] == analysis_basis(article):
                    analysis = analysis_from_dict(json.loads(row[0]))
                    analysis.article, analysis.found = article, found_from_dict(json.loads(row[1]))
                    out[article.id] = analysis
        return out

    def analysis(self, article_id: str) -> dict | None:
        with self.db.transaction(write=False) as tx:
            row = tx.one("SELECT data FROM analyses WHERE article_id = ?", (article_id,))
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------ stories

    def new_story(self, headline: str | None = None) -> int:
        with self.db.transaction() as tx:
            stamp = now()
            return int(tx.value("INSERT INTO stories (headline, created_at, updated_at) VALUES (?, ?, ?) RETURNING id",
                                (headline, stamp, stamp)))

    def add_to_story(self, story_id: int, article_ids: Iterable[str]) -> list[str]:
        """Add articles to a story; returns the ids it did not have yet."""
        added = []
        with self.db.transaction() as tx:
            stamp = now()
            position = int(tx.value("SELECT COUNT(*) FROM story_articles WHERE story_id = ?", (story_id,)))
            for article_id in article_ids:
                cursor = tx.execute("INSERT INTO story_articles (story_id, article_id, added_at, position) "
                                    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                    (story_id, article_id, stamp, position))
                if cursor.rowcount:
                    added.append(article_id)
                    position += 1
            if added:
                tx.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (stamp, story_id))
        return added

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, list[int]]:
        """For each article, the stories it is in."""
        out: dict[str, list[int]] = {}
        with self.db.transaction(write=False) as tx:
            for article_id in article_ids:
                rows = tx.all("SELECT story_id FROM story_articles WHERE article_id = ? ORDER BY story_id",
                              (article_id,))
                out[article_id] = [int(r[0]) for r in rows]
        return out

    def stories(self) -> list[StoryInfo]:
        """Every story, the most recently updated first."""
        with self.db.transaction(write=False) as tx:   # two queries, however many stories
            rows = tx.all("SELECT s.id, s.headline, s.created_at, s.updated_at, COUNT(b.id), MAX(b.id) "
                          "FROM stories s LEFT JOIN briefs b ON b.story_id = s.id "
                          "GROUP BY s.id, s.headline, s.created_at, s.updated_at "
                          "ORDER BY s.updated_at DESC, s.id DESC")
            members: dict[int, list[str]] = {}
            for story, article in tx.all("SELECT story_id, article_id FROM story_articles "
                                         "ORDER BY story_id, position, article_id"):
                members.setdefault(int(story), []).append(article)
        return [StoryInfo(int(r[0]), r[1], r[2], r[3], members.get(int(r[0]), []), int(r[4]),
                          int(r[5]) if r[5] is not None else None) for r in rows]

    def story(self, story_id: int) -> StoryInfo | None:
        with self.db.transaction(write=False) as tx:
            return self._story(tx, story_id)

    def _story(self, tx: Transaction, story_id: int) -> StoryInfo | None:
        row = tx.one("SELECT id, headline, created_at, updated_at FROM stories WHERE id = ?", (story_id,))
        if not row:
            return None
        articles = [r[0] for r in tx.all("SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id "
                                         "WHERE s.story_id = ? ORDER BY s.position, s.article_id", (story_id,))]
        count, latest = tx.one("SELECT COUNT(*), MAX(id) FROM briefs WHERE story_id = ?", (story_id,))
        return StoryInfo(int(row[0]), row[1], row[2], row[3], articles, int(count),
                         int(latest) if latest is not None else None)

    def story_articles(self, story_id: int) -> list[Article]:
        story = self.story(story_id)
        return self.articles(story.articles) if story else []

    # ------------------------------------------------------------ briefs

    def save_brief(self, story_id: int, brief: Brief, new_articles: Iterable[str] = ()) -> int:
        """Keep a new brief of the story (earlier ones stay) and take its headline as the story's."""
        headline = brief.headline.text
        with self.db.transaction() as tx:
            stamp = now()
            brief_id = int(tx.value(
                "INSERT INTO briefs (story_id, made_at, headline, article_count, data, new_articles) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (story_id, stamp, headline, len(brief.articles), _json(brief.to_dict()), _json(list(new_articles)))))
            tx.execute("UPDATE stories SET headline = ?, updated_at = ? WHERE id = ?", (headline, stamp, story_id))
        return brief_id

    def briefs(self, story_id: int) -> list[BriefInfo]:
        """The story's briefs, the newest first."""
        with self.db.transaction(write=False) as tx:
            rows = tx.all("SELECT id, story_id, made_at, headline, article_count, new_articles FROM briefs "
                          "WHERE story_id = ? ORDER BY id DESC", (story_id,))
        return [BriefInfo(int(r[0]), int(r[1]), r[2], r[3], int(r[4]), json.loads(r[5])) for r in rows]

    def brief_info(self, brief_id: int) -> BriefInfo | None:
        with self.db.transaction(write=False) as tx:
            r = tx.one("SELECT id, story_id, made_at, headline, article_count, new_articles FROM briefs "
                       "WHERE id = ?", (brief_id,))
        return BriefInfo(int(r[0]), int(r[1]), r[2], r[3], int(r[4]), json.loads(r[5])) if r else None

    def newest_beside(self, brief_id: int) -> int | None:
        """The newest brief of the same story (the brief itself when it is the newest); None: no such brief."""
        with self.db.transaction(write=False) as tx:
            return tx.value("SELECT MAX(b.id) FROM briefs a JOIN briefs b ON b.story_id = a.story_id WHERE a.id = ?",
                            (brief_id,))

    def brief_json(self, brief_id: int) -> str | None:
        """The brief as stored: the contract's JSON text, ready to send."""
        with self.db.transaction(write=False) as tx:
            return tx.value("SELECT data FROM briefs WHERE id = ?", (brief_id,))

    def brief(self, brief_id: int) -> Brief | None:
        data = self.brief_json(brief_id)
        return brief_from_dict(json.loads(data)) if data else None


def open_store(target: str | Path) -> Store:
    """A store at a SQLite file path (created when missing) or a postgresql:// URL."""
    return Store(open_database(target))
