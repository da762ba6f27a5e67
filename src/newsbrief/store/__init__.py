"""The store: a library of articles, analyses, stories and briefs in SQLite (a file, the default) or
PostgreSQL (a shared server), with a versioned schema.

    from newsbrief.store import open_store
    store = open_store("newsbrief.db")          # or "postgresql://user@host:5432/newsbrief"
    added = store.add_articles(articles)       # the same text twice is stored once
    story = store.new_story(); store.add_to_story(story, [a.article.id for a in added])
    store.save_brief(story, brief)

    db.py          the DB-API layer: SQLite or psycopg, placeholders, one transaction per unit of work
    migrations.py  the schema as numbered steps; schema_version says which a store has had
    library.py     the verbs (add_articles, new_story, save_brief, ...)
    codec.py       the contract's JSON back into the data model (to render a stored brief)
"""
from newsbrief.store.db import StoreError
from newsbrief.store.library import (
    Added,
    BriefInfo,
    Store,
    StoryInfo,
    content_hash,
    open_store,
)

__all__ = ["Added", "BriefInfo", "Store", "StoreError", "StoryInfo", "content_hash", "open_store"]
