"""What every route needs: the store, the briefer, the settings, the templates; and the checks and
steps that pages and API share (may this request write? take an upload in)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2
from fastapi import HTTPException, Request, UploadFile

from newsbrief.model import Article
from newsbrief.render.html import source_names, to_html
from newsbrief.serve.briefer import Briefer
from newsbrief.serve.ingest import Ingested, Upload, ingest
from newsbrief.serve.security import (
    Settings,
    cross_site,
    presented_token,
    size,
    token_matches,
)
from newsbrief.serve.sorting import StorySorter
from newsbrief.store import Store


@dataclass
class Context:
    store: Store
    briefer: Briefer
    settings: Settings
    templates: jinja2.Environment = field(default_factory=lambda: _environment())
    last_upload: dict[int, Ingested] = field(default_factory=dict)   # story -> what its last upload brought

    def __post_init__(self) -> None:
        self.sorter = StorySorter(self.store)
        # A stored brief never changes, so its page is made once (bounded: the last 64 asked for stay).
        self.page_of = lru_cache(maxsize=64)(self._page_of)

    def render(self, template: str, request: Request, **values) -> str:
        return self.templates.get_template(template).render(
            request=request, settings=self.settings, signed_in=self.may_write(request),
            sorting=self.sorter.available, **values)

    # ------------------------------------------------------------ writes

    def may_write(self, request: Request) -> bool:
        return token_matches(self.settings.token, presented_token(dict(request.headers), request.cookies))

    def check_write(self, request: Request) -> None:
        if cross_site(request.method, dict(request.headers), request.url.scheme):
            raise HTTPException(403, "writes from another site's page are refused")
        if not self.may_write(request):
            raise HTTPException(401, "this server needs its token to add articles: sign in at /login, or send "
                                     "'Authorization: Bearer TOKEN'", headers={"WWW-Authenticate": "Bearer"})

    def take(self, upload: Upload, story: int | None, wait: bool = False) -> tuple[Ingested, dict[int, int | None]]:
        """Store an upload, group it, and ask for a new brief of every story that gained articles.
        With `wait`, return once those briefs are written (brief ids by story)."""
        if story is not None and self.store.story(story) is None:
            raise HTTPException(404, f"no story {story}")
        result = ingest(self.store, upload, story, self.sorter)
        jobs = {s: self.briefer.request(s) for s in result.stories}
        for s in result.stories:
            self.last_upload[s] = result
        briefs: dict[int, int | None] = {}
        for s, job in jobs.items():
            if wait:
                job.done.wait(timeout=600)
                if job.error:
                    raise HTTPException(500, f"the brief of story {s} failed: {job.error}")
            briefs[s] = job.brief
        return result, briefs

    def read_files(self, files: list[UploadFile]) -> list[tuple[str, bytes]]:
        limits = self.settings.limits
        files = [f for f in files if f.filename]
        if len(files) > limits.files:
            raise HTTPException(413, f"too many files: at most {limits.files} in one upload")
        out = []
        for f in files:
            data = f.file.read(limits.file_bytes + 1)
            if len(data) > limits.file_bytes:
                raise HTTPException(413, f"{f.filename}: too large (at most {size(limits.file_bytes)} a file)")
            out.append((f.filename or "upload", data))
        return out

    # ------------------------------------------------------------ briefs

    def brief_page(self, brief_id: int) -> bytes | None:
        """The offline brief's page with a bar on top: which brief of the story it is, and the newest.
        One query per request; the page itself is made once per (brief, newest brief)."""
        newest = self.store.newest_beside(brief_id)
        return None if newest is None else self.page_of(brief_id, newest)

    def _page_of(self, brief_id: int, newest: int) -> bytes:
        info, brief = self.store.brief_info(brief_id), self.store.brief(brief_id)
        ids = [b.id for b in self.store.briefs(info.story)]
        bar = self.templates.get_template("brief_bar.html.j2").render(
            info=info, number=len(ids) - ids.index(brief_id), latest=newest)
        return _after_body(to_html(brief), bar).encode("utf-8")


def _after_body(page: str, bar: str) -> str:
    """The web app's way back to the story, put at the top of the offline brief's page."""
    match = re.search(r"<body[^>]*>", page)
    return page[:match.end()] + bar + page[match.end():] if match else bar + page


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("newsbrief.serve", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    environment.globals["came_from"] = came_from
    return environment


def came_from(articles: Iterable[Article]) -> dict[str, str]:
    """Each article's source as the story page shows it: a file by its name below the folder the story's
    files share (no path of the server's disk), an upload by its file name ("01-wire.txt, uploaded"),
    and the add form's pastes as such."""
    names = source_names(list(articles))
    for key, name in names.items():
        if name.startswith("upload:"):
            name = name[len("upload:"):]
            pasted = re.fullmatch(r"~(pasted|sent)\.jsonl:(\d+)", name)
            names[key] = (("pasted in the form" if pasted[1] == "pasted" else f"pasted JSON Lines, line {pasted[2]}")
                          if pasted else f"{name}, uploaded")
    return names
