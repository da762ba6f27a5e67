"""The REST API: the contract's JSON (CONTRACT.md) over HTTP. Articles and briefs are the contract's
Article and Brief; a story is the `stories` line plus what the store knows about it; an analysis is an
`analyse` line. Reads are open; writes need the token when the server has one."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from starlette.concurrency import (
    run_in_threadpool,  # the store and analysis block: off the event loop
)

from newsbrief.model import to_dict
from newsbrief.serve.context import Context
from newsbrief.serve.ingest import Ingested, Upload

JSONL_BODY = {"requestBody": {"required": True, "content": {
    "application/x-ndjson": {"schema": {"type": "string"},
                             "example": '{"id": "a1", "title": "...", "published": "2025-03-16", "text": "..."}\n'}}}}


def _story(ctx: Context, story_id: int) -> dict:
    info = ctx.store.story(story_id)
    if info is None:
        raise HTTPException(404, f"no story {story_id}")
    return {**info.to_contract(), "created": info.created, "updated": info.updated,
            "briefs": [b.__dict__ for b in ctx.store.briefs(story_id)], "latest_brief": info.latest_brief,
            "brief_pending": ctx.briefer.pending(story_id)}


def _outcome(result: Ingested, briefs: dict[int, int | None]) -> dict:
    return {"added": [a.article.id for a in result.added if a.new],
            "known": [a.article.id for a in result.added if not a.new],
            "skipped": result.skipped,
            "stories": [{"story": s, "articles": ids, "brief": briefs.get(s)} for s, ids in result.stories.items()]}


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


# Declares the token in the OpenAPI document (the docs page gets an Authorize button); Context.check_write
# is what enforces it, and only when the server has a token.
BEARER = [Depends(HTTPBearer(auto_error=False, description="the server's token (--token, NEWSBRIEF_TOKEN)"))]


def api_routes(ctx: Context) -> APIRouter:
    api = APIRouter(prefix="/api")

    @api.get("/articles", tags=["articles"], summary="Articles in the order they were added (contract Article)")
    def articles(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> list[dict]:
        return [to_dict(a) for a in ctx.store.articles(limit=limit, offset=offset)]

    @api.post("/articles", tags=["articles"], status_code=201, openapi_extra=JSONL_BODY, dependencies=BEARER,
              summary="Add articles sent as JSON Lines (one contract article per line)")
    async def add_jsonl(request: Request, story: int | None = None, wait: bool = False, sort: bool = False) -> dict:
        ctx.check_write(request)
        body = await request.body()
        if len(body) > ctx.settings.limits.request_bytes:
            raise HTTPException(413, "request too large")
        text = body.decode("utf-8", errors="replace")
        return await _take(request, Upload(jsonl=text if text.strip() else "", sort=sort), story, wait)

    @api.post("/uploads", tags=["articles"], status_code=201, dependencies=BEARER,
              summary="Add articles as files (.txt, .html, .jsonl, .json), as newsbrief brief reads them")
    async def add_files(request: Request, files: Annotated[list[UploadFile], File()], story: int | None = None,
                        wait: bool = False, sort: bool = False) -> dict:
        ctx.check_write(request)
        data = await run_in_threadpool(ctx.read_files, files)
        return await _take(request, Upload(files=data, sort=sort), story, wait)

    async def _take(request: Request, upload: Upload, story: int | None, wait: bool) -> dict:
        if upload.empty():
            raise HTTPException(400, "no articles in the request")
        result, briefs = await run_in_threadpool(ctx.take, upload, story, wait)
        if not result.added:
            raise HTTPException(422, {"message": "nothing usable in the request", "skipped": result.skipped})
        return _outcome(result, briefs)

    @api.get("/articles/{article_id}", tags=["articles"], summary="One article (contract Article)")
    def article(article_id: str) -> dict:
        found = ctx.store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return to_dict(found)

    @api.get("/articles/{article_id}/analysis", tags=["articles"],
             summary="What analysis found in one article (a line of newsbrief analyse)")
    def analysis(article_id: str) -> dict:
        found = ctx.store.analysis(article_id)
        if found is None:
            status = 404 if ctx.store.article(article_id) is None else 409
            raise HTTPException(status, f"no analysis of {article_id}" + (" yet" if status == 409 else ""))
        return found

    @api.get("/stories", tags=["stories"], summary="Stories, latest updated first: {story, articles, headline}")
    def stories() -> list[dict]:
        return [{**s.to_contract(), "updated": s.updated, "latest_brief": s.latest_brief}
                for s in ctx.store.stories()]

    @api.get("/stories/{story_id}", tags=["stories"], summary="One story and its briefs, newest first")
    def story(story_id: int) -> dict:
        return _story(ctx, story_id)

    @api.post("/stories/{story_id}/briefs", tags=["stories"], status_code=202, dependencies=BEARER,
              summary="Ask for a new brief of the story (one is written anyway when articles arrive)")
    def rebrief(request: Request, story_id: int, wait: bool = False) -> dict:
        ctx.check_write(request)
        _story(ctx, story_id)
        job = ctx.briefer.request(story_id)
        if wait:
            job.done.wait(timeout=600)
            if job.error:
                raise HTTPException(500, f"the brief failed: {job.error}")
        return {"story": story_id, "brief": job.brief, "pending": not job.done.is_set()}

    @api.get("/stories/{story_id}/brief", tags=["briefs"], summary="The story's latest brief (contract Brief)")
    def latest(story_id: int) -> Response:
        info = _story(ctx, story_id)
        if info["latest_brief"] is None:
            raise HTTPException(409 if info["brief_pending"] else 404,
                                "the brief is being written" if info["brief_pending"] else "no brief yet")
        return _json(ctx.store.brief_json(info["latest_brief"]) or "{}")

    @api.get("/briefs/{brief_id}", tags=["briefs"], summary="One brief (contract Brief)")
    def brief(brief_id: int) -> Response:
        text = ctx.store.brief_json(brief_id)
        if text is None:
            raise HTTPException(404, f"no brief {brief_id}")
        return _json(text)

    return api
