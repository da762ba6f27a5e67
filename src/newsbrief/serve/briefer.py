"""Writing briefs in the background: a story that gains articles gets a new brief; earlier ones stay.

One worker thread, because analysis is CPU work and the machine's cores are better spent on one brief
at a time than on several half-done ones. Requests for a story already waiting are merged. Pages show
"being written" while a story is queued, and the API can wait for it.
"""
from __future__ import annotations

import json
import logging
import queue
import threading
from dataclasses import dataclass, field

from newsbrief.pipeline import analyse, brief
from newsbrief.store import Store

log = logging.getLogger("newsbrief.serve")


@dataclass
class Job:
    story: int
    done: threading.Event = field(default_factory=threading.Event)
    brief: int | None = None
    error: str | None = None


class Briefer:
    def __init__(self, store: Store):
        self.store = store
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._waiting: dict[int, Job] = {}
        self._errors: dict[int, str] = {}
        self._running: int | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name="newsbrief-briefer", daemon=True)
        self._thread.start()

    def request(self, story: int) -> Job:
        """A new brief of `story`, written after what is already queued; the same Job when one waits."""
        with self._lock:
            job = self._waiting.get(story)
            if job is None:
                job = self._waiting[story] = Job(story)
                self._queue.put(job)
            return job

    def pending(self, story: int) -> bool:
        with self._lock:
            return story in self._waiting or story == self._running

    def error(self, story: int) -> str | None:
        with self._lock:
            return self._errors.get(story)

    def close(self, timeout: float = 30) -> None:
        self._queue.put(None)
        self._thread.join(timeout)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            with self._lock:
                # Articles that arrive from now on need another brief: let the next request queue one.
                self._waiting.pop(job.story, None)
                self._running = job.story
            try:
                job.brief = write_brief(self.store, job.story)
                with self._lock:
                    self._errors.pop(job.story, None)
            except Exception as err:
                log.exception("brief of story %s failed", job.story)
                job.error = f"{type(err).__name__}: {err}"
                with self._lock:
                    self._errors[job.story] = job.error
            finally:
                with self._lock:
                    self._running = None
                job.done.set()


def write_brief(store: Store, story: int) -> int | None:
    """Analyse the story's new articles, keep their analyses, and store a brief of them all, noting which
    articles the previous brief did not have. None when the story has no articles or nothing new."""
    articles = store.story_articles(story)
    if not articles:
        return None
    previous = store.briefs(story)
    before: set[str] = set()
    if previous:
        before = {a["id"] for a in json.loads(store.brief_json(previous[0].id) or "{}").get("articles", [])}
    new = [a.id for a in articles if a.id not in before]
    if previous and not new:
        return previous[0].id
    # the articles the story already had keep their analyses; only new or changed ones are analysed (in
    # process: the brief merges places and people across articles)
    kept = store.reusable_analyses(articles)
    fresh = analyse([a for a in articles if a.id not in kept])
    store.save_analyses(fresh)
    made = iter(fresh)
    analyses = [kept[a.id] if a.id in kept else next(made) for a in articles]
    return store.save_brief(story, brief(analyses), new_articles=new)
