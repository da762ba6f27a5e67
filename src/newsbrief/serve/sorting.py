"""Sorting a mixed upload into stories with the online story grouper (newsbrief.group.stories).

The grouper keeps term statistics and story profiles in memory. The web app rebuilds it once, lazily, by
replaying the store's articles in the order they were added, and maps each grouper story to the store's
story that holds most of its articles. After that every new article costs one `add`.

When the grouper is not installed (or fails), `StorySorter.available` is False and uploads are one story.
"""
from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict

from newsbrief.store import Added, Store

log = logging.getLogger("newsbrief.serve")

try:
    from newsbrief.group.stories import StoryGrouper
except ImportError:   # story grouping is a later module; without it an upload is one story
    StoryGrouper = None
except Exception:     # a broken optional module must not take the web app down with it
    log.exception("newsbrief.group.stories failed to load; uploads are one story each")
    StoryGrouper = None


class StorySorter:
    def __init__(self, store: Store):
        self.store = store
        self._grouper = None
        self._homes: dict[str, int] = {}        # grouper story -> store story
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return StoryGrouper is not None

    def sort(self, added: list[Added]) -> dict[int, list[str]]:
        """Store story -> the article ids that join it. Articles already in a story stay there."""
        ids = [a.article.id for a in added]
        homes = self.store.stories_of(ids)
        fresh = [a.article for a in added if not homes[a.article.id]]
        out: dict[int, list[str]] = defaultdict(list)
        with self._lock:
            if self._grouper is None:
                self._rebuild(exclude={a.id for a in fresh})
            for article in fresh:
                key = self._grouper.add(article)
                story = self._homes.get(key)
                if story is None:
                    story = self._homes[key] = self.store.new_story()
                out[story].append(article.id)
        return dict(out)

    def _rebuild(self, exclude: set[str], page: int = 500) -> None:
        grouper = StoryGrouper()
        votes: dict[str, Counter] = defaultdict(Counter)
        offset = 0
        while batch := self.store.articles(limit=page, offset=offset):
            offset += len(batch)
            batch = [a for a in batch if a.id not in exclude]
            homes = self.store.stories_of([a.id for a in batch])
            for article in batch:
                key = grouper.add(article)
                votes[key].update(homes[article.id])
        self._homes = {key: count.most_common(1)[0][0] for key, count in votes.items() if count}
        self._grouper = grouper
        log.info("story grouper rebuilt from %d stored articles", offset)
