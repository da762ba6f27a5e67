"""`newsbrief serve`: the web app and REST API over a store.

    app.py       the FastAPI app: pages, /api, /docs; host check, security headers, body cap
    pages.py     server-rendered pages (templates/), no script of our own
    api.py       the REST API: the contract's JSON
    context.py   what routes share: the store, the briefer, the write check, taking an upload in
    ingest.py    uploads -> articles (the CLI's readers) -> the store -> stories
    briefer.py   a background worker that writes a story's new brief when articles arrive
    security.py  tokens, origins, host names, size caps
"""
