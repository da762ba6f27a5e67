"""The store's schema as a versioned list of steps. A store records the steps it has had in
`schema_version`; opening it applies the missing ones, in order, each in its own transaction.

Never edit a step that has shipped: add a new one. `{serial}` is the dialect's auto-numbered key.
JSON columns hold the contract's JSON (CONTRACT.md) as text, so both dialects store it the same way.
"""
from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.store.db import Database, StoreError, Transaction

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, analyses, stories and briefs", [
        """CREATE TABLE articles (
               id TEXT PRIMARY KEY,
               content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the whitespace-normalised text
               title TEXT, outlet TEXT, published TEXT,
               source TEXT NOT NULL,
               data TEXT NOT NULL,                  -- the Article as contract JSON
               added_at TEXT NOT NULL)""",
        """CREATE TABLE analyses (
               article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
               data TEXT NOT NULL,                  -- an `analyse` line
               made_at TEXT NOT NULL)""",
        """CREATE TABLE stories (
               id {serial},
               headline TEXT,
               created_at TEXT NOT NULL,
               updated_at TEXT NOT NULL)""",
        """CREATE TABLE story_articles (
               story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
               article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
               added_at TEXT NOT NULL,
               PRIMARY KEY (story_id, article_id))""",
        "CREATE INDEX story_articles_by_article ON story_articles(article_id)",
        """CREATE TABLE briefs (
               id {serial},
               story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
               made_at TEXT NOT NULL,
               headline TEXT NOT NULL,
               article_count INTEGER NOT NULL,
               data TEXT NOT NULL)""",
        "CREATE INDEX briefs_by_story ON briefs(story_id, id)",
    ]),
    # A story's updates: each brief says which of its articles the previous brief did not have; a
    # story keeps its articles in the order they came (its brief numbers its sources in that order).
    (2, "briefs record their new articles; story articles keep their order", [
        "ALTER TABLE briefs ADD COLUMN new_articles TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE story_articles ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
    ]),
    # A story's next brief re-uses the analyses of the articles it already had: each keeps the
    # story-level evidence a brief needs (Analysis.found) and what it was made from (the article's
    # JSON and the newsbrief version, hashed), so a changed article or a new version is analysed again.
    (3, "analyses keep their story-level evidence and what they were made from", [
        "ALTER TABLE analyses ADD COLUMN found TEXT",
        "ALTER TABLE analyses ADD COLUMN basis TEXT",
    ]),
]

LATEST = MIGRATIONS[-1][0]


def migrate(db: Database, upto: int = LATEST) -> int:
    """Bring the store's schema up to `upto`; returns the version it is at."""
    with db.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                   "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, description, steps in MIGRATIONS:
        if version > upto:
            break
        with db.transaction() as tx:
            _serialise_migrators(db, tx)
            if tx.value("SELECT 1 FROM schema_version WHERE version = ?", (version,)):
                continue
            for step in steps:
                tx.execute(step.format(**db.words()))
            tx.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                       (version, description, now()))
    current = version_of(db)
    if current > LATEST:
        raise StoreError(f"the store's schema is version {current}, newer than this newsbrief knows "
                         f"({LATEST}); upgrade newsbrief")
    return current


def version_of(db: Database) -> int:
    with db.transaction(write=False) as tx:
        return int(tx.value("SELECT MAX(version) FROM schema_version") or 0)


def _serialise_migrators(db: Database, tx: Transaction) -> None:
    """Two servers opening one PostgreSQL store at once must not both apply a step. (SQLite's
    BEGIN IMMEDIATE already lets one writer in at a time.)"""
    if db.dialect == "postgres":
        tx.execute("SELECT pg_advisory_xact_lock(7726001)")


def now() -> str:
    """UTC to the millisecond, as ISO 8601 text: sorts as it reads in both dialects."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
