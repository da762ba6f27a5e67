"""The server-rendered pages: the stories, a story with its briefs and articles, a brief, adding
articles, signing in. No script of our own; the brief page is the offline brief with a bar on top."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from newsbrief.serve.context import Context
from newsbrief.serve.ingest import Upload
from newsbrief.serve.security import TOKEN_COOKIE, token_matches

# The offline brief runs its own inline script and styles and needs nothing from anywhere else.
BRIEF_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
                "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def page_routes(ctx: Context) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        stories = ctx.store.stories()
        return HTMLResponse(ctx.render("home.html.j2", request, stories=stories, pending=ctx.briefer.pending,
                                       articles=ctx.store.article_count()))

    @router.post("/add", response_class=HTMLResponse)
    def add(request: Request, files: Annotated[list[UploadFile] | None, File()] = None,
            text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
            outlet: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
            jsonl: Annotated[str, Form()] = "", story: Annotated[str, Form()] = "",
            sort: Annotated[str, Form()] = ""):
        ctx.check_write(request)
        upload = Upload(files=ctx.read_files(files or []), text=text, title=title, outlet=outlet, published=published,
                        jsonl=jsonl, sort=bool(sort))
        target = int(story) if story.isdigit() else None
        if upload.empty():
            return _nothing(ctx, request, ["Choose files, paste an article, or paste JSON Lines."], target)
        result, _ = ctx.take(upload, target)
        if not result.stories:
            if result.added:   # every article was known already and is in its story
                home = ctx.store.stories_of([result.added[0].article.id])[result.added[0].article.id]
                if home:
                    return RedirectResponse(f"/stories/{home[0]}?known={len(result.added)}", status_code=303)
            return _nothing(ctx, request, result.skipped or ["Nothing usable in the upload."], target)
        if len(result.stories) > 1:      # sorted into several stories: they are listed on the home page
            return RedirectResponse("/", status_code=303)
        return RedirectResponse(f"/stories/{next(iter(result.stories))}", status_code=303)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(request: Request, story_id: int, known: int = 0) -> HTMLResponse:
        info = ctx.store.story(story_id)
        if info is None:
            raise HTTPException(404, f"no story {story_id}")
        briefs = ctx.store.briefs(story_id)
        titles = {a.id: a for a in ctx.store.story_articles(story_id)}
        return HTMLResponse(ctx.render(
            "story.html.j2", request, story=info, briefs=briefs, articles=titles, known=known,
            pending=ctx.briefer.pending(story_id), error=ctx.briefer.error(story_id),
            upload=ctx.last_upload.get(story_id)))

    @router.get("/briefs/{brief_id}", response_class=HTMLResponse)
    def brief(brief_id: int) -> HTMLResponse:
        page = ctx.brief_page(brief_id)
        if page is None:
            raise HTTPException(404, f"no brief {brief_id}")
        return HTMLResponse(page, headers={"Content-Security-Policy": BRIEF_POLICY})

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, token: str = "") -> HTMLResponse:
        if token:
            return _sign_in(ctx, request, token)
        return HTMLResponse(ctx.render("login.html.j2", request, failed=False))

    @router.post("/login", response_class=HTMLResponse)
    def login(request: Request, token: Annotated[str, Form()] = "") -> HTMLResponse:
        return _sign_in(ctx, request, token)

    return router


def _sign_in(ctx: Context, request: Request, token: str):
    if ctx.settings.token is None or not token_matches(ctx.settings.token, token):
        return HTMLResponse(ctx.render("login.html.j2", request, failed=bool(token)), status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        max_age=30 * 24 * 3600)
    return response


def _nothing(ctx: Context, request: Request, problems: list[str], story: int | None) -> HTMLResponse:
    page = "story.html.j2" if story is not None else "home.html.j2"
    if story is None:
        values = {"stories": ctx.store.stories(), "pending": ctx.briefer.pending,
                  "articles": ctx.store.article_count()}
    else:
        values = {"story": ctx.store.story(story), "briefs": ctx.store.briefs(story), "known": 0,
                  "articles": {a.id: a for a in ctx.store.story_articles(story)},
                  "pending": ctx.briefer.pending(story), "error": ctx.briefer.error(story), "upload": None}
    return HTMLResponse(ctx.render(page, request, problems=problems, **values), status_code=400)
