"""The FastAPI app: pages at /, the REST API at /api, its OpenAPI docs at /docs."""
from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsbrief import __version__
from newsbrief.serve.api import api_routes
from newsbrief.serve.briefer import Briefer
from newsbrief.serve.context import Context
from newsbrief.serve.pages import page_routes
from newsbrief.serve.security import LimitBody, Settings, host_allowed
from newsbrief.store import Store

PAGE_POLICY = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'")
# Swagger UI (served from the swagger-ui-bundle package, not a CDN) starts itself with an inline script.
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; frame-ancestors 'none'")


class Guard:
    """ASGI middleware: on loopback, only loopback host names (no DNS rebinding); security headers on
    every response."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if not host_allowed(self.settings, host):
            response = PlainTextResponse("unknown host name: this server answers only on loopback\n", status_code=421)
            return await response(scope, receive, send)
        policy = DOCS_POLICY if scope["path"] == "/docs" else PAGE_POLICY

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in ((b"content-security-policy", policy), (b"x-content-type-options", "nosniff"),
                                    (b"referrer-policy", "same-origin")):
                    if name not in names:
                        headers.append((name, value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        ctx.briefer.close()

    ctx = Context(store=store, briefer=Briefer(store), settings=settings)
    app = FastAPI(title="newsbrief", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Cited briefs of news stories. Reads are open; adding articles needs the server's "
                              "token when it has one (`Authorization: Bearer TOKEN`). JSON shapes follow "
                              "CONTRACT.md (schema newsbrief/1).")
    app.state.ctx = ctx
    app.include_router(api_routes(ctx))
    app.include_router(page_routes(ctx))
    app.mount("/static/docs", StaticFiles(directory=str(swagger_ui_bundle.swagger_ui_path)), name="docs-static")
    app.mount("/static", StaticFiles(directory=str(files("newsbrief.serve") / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="newsbrief API",
                                   swagger_js_url="/static/docs/swagger-ui-bundle.js",
                                   swagger_css_url="/static/docs/swagger-ui.css",
                                   swagger_favicon_url="/static/docs/favicon-32x32.png")

    @app.exception_handler(HTTPException)
    async def errors(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        page = ctx.templates.get_template("error.html.j2").render(status=exc.status_code, detail=exc.detail,
                                                                   settings=settings, signed_in=False)
        return HTMLResponse(page, status_code=exc.status_code, headers=exc.headers)

    # Outermost first: refuse unknown host names, add the security headers, cap the body before parsing.
    app.add_middleware(LimitBody, max_bytes=settings.limits.request_bytes)
    app.add_middleware(Guard, settings=settings)
    return app
