"""`newsbrief serve`: open the store, optionally load articles into it, and run the app with uvicorn."""
from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable

from newsbrief.errors import NewsbriefError, UsageError
from newsbrief.pipeline import load
from newsbrief.serve.ingest import group_into_stories
from newsbrief.serve.security import Settings, is_loopback, settle_token
from newsbrief.store import Store, open_store

Report = Callable[[str], None]


def preload(store: Store, inputs: Iterable[str], report: Report) -> list[int]:
    """Store the inputs as one story (or the story they are already in); the stories that need a brief
    (they gained articles, or have none yet)."""
    loaded = load(list(inputs), report=report)
    added = store.add_articles(loaded.articles)
    gained = set()
    for story, ids in group_into_stories(store, added).items():
        if store.add_to_story(story, ids):
            gained.add(story)
    homes = store.stories_of([a.article.id for a in added])
    stories = sorted({s for ids in homes.values() for s in ids})
    report(f"loaded {len(added)} article(s), {sum(a.new for a in added)} new, into story "
           f"{', '.join(map(str, stories))}")
    return [s for s in stories if s in gained or store.story(s).latest_brief is None]


def serve(db: str, host: str, port: int, token: str | None = None, inputs: Iterable[str] = (),
          report: Report = print) -> int:
    import uvicorn  # the web server loads only for this command

    from newsbrief.serve.app import create_app

    token, made_up = settle_token(host, token or os.environ.get("NEWSBRIEF_TOKEN") or None)
    check_listen(host, port)        # before the store and the preload: a busy port is the common mistake
    store = open_store(db)
    try:
        stories = preload(store, inputs, report) if inputs else []
        app = create_app(store, Settings(host=host, port=port, token=token))
        for story in stories:
            app.state.ctx.briefer.request(story)
        shown = f"[{host}]" if ":" in host else host
        report(f"serving {db} at http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)")
        if stories:
            report(f"the brief of story {stories[0]} is being written: http://{shown}:{port}/stories/{stories[0]}")
        if made_up:
            report(f"writes need this token: {token}  (sign in: http://{shown}:{port}/login?token={token})")
        elif token:
            report("writes need the token given (--token or NEWSBRIEF_TOKEN)")
        if not is_loopback(host):
            report(f"warning: listening on {host}, not only this machine; use a TLS proxy in front of it")
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    finally:
        store.close()
    return 0


def check_listen(host: str, port: int) -> None:
    """Fail with one line when the address cannot be listened on (uvicorn would log a traceback-like
    error after the start-up)."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as err:
        raise UsageError(f"--host {host}: not an address of this machine ({err.strerror})") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)     # as uvicorn does
        try:
            probe.bind(address)
        except OSError as err:
            raise NewsbriefError(f"cannot listen on {host}:{port}: {err.strerror or err} (is another server "
                                 "using it? choose another --port)") from None
