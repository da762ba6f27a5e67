"""Who may write, and how much they may send.

- Bound to loopback without a token, the app trusts the machine's own users; bound elsewhere it needs
  one (`--token`, NEWSBRIEF_TOKEN, or one made up and printed at start). With a token, every write
  (POST, PUT, PATCH, DELETE) must carry it: `Authorization: Bearer ...`, `X-Newsbrief-Token`, or the
  cookie the sign-in page sets.
- A write from another site's page is refused whatever the token (the Origin must be ours), and on
  loopback only loopback host names are answered, so a web page cannot reach the app through DNS
  rebinding.
- Request bodies are capped (the total, each file, the number of files) before they are parsed.
"""
from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsbrief.read.decode import MAX_ITEM_BYTES

TOKEN_COOKIE = "newsbrief_token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


@dataclass
class Limits:
    request_bytes: int = 64 * 1024 * 1024      # one upload request, all files together
    file_bytes: int = MAX_ITEM_BYTES           # one file: the reader's own cap on an item
    files: int = 200                           # files in one upload
    # A pasted text field is capped at 1 MB by the form parser itself (Starlette's max_part_size).


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    limits: Limits = field(default_factory=Limits)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def writes_need_token(self) -> bool:
        return self.token is not None


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settle_token(host: str, token: str | None) -> tuple[str | None, bool]:
    """The token to require, and whether it was made up here (to print it). Off loopback there is
    always one."""
    if token:
        return token, False
    if is_loopback(host):
        return None, False
    return secrets.token_urlsafe(24), True


def token_matches(expected: str | None, given: str | None) -> bool:
    if expected is None:
        return True
    return given is not None and secrets.compare_digest(expected.encode(), given.encode())


def presented_token(headers: dict[str, str], cookies: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-newsbrief-token") or cookies.get(TOKEN_COOKIE)


def cross_site(method: str, headers: dict[str, str], scheme: str) -> bool:
    """A write sent by another origin's page (a form post from elsewhere, even another port of this
    machine). Browsers say where a request comes from in Sec-Fetch-Site, older ones in Origin; a client
    that is not a browser sends neither and is judged by its token alone."""
    if method not in UNSAFE_METHODS:
        return False
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return False
    if origin == "null":
        return True
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" != f"{scheme}://{headers.get('host', '')}"


def host_allowed(settings: Settings, host_header: str) -> bool:
    """On loopback, answer only loopback names: a rebinding attacker's name is refused."""
    if not settings.loopback:
        return True
    name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return name in LOOPBACK_NAMES or is_loopback(name)


class BodyTooLarge(BaseException):
    """Raised from inside the body's stream. A BaseException so that FastAPI's form parser, which turns
    any Exception into "400 error parsing the body", lets it through to LimitBody, which answers 413."""


class LimitBody:
    """ASGI middleware: a request body over the cap is refused with 413, by its Content-Length when it
    declares one, else when the bytes received pass the cap."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await _too_large(send, self.max_bytes)
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, self.max_bytes)


async def _too_large(send, max_bytes: int) -> None:
    body = f"request too large: at most {size(max_bytes)} in one request\n".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def size(n: int) -> str:
    return f"{n / 1048576:g} MB" if n >= 1048576 else f"{n / 1024:g} KB"
