"""`newsbrief serve`: the web app and REST API over a store.

    run.py       the command: open the store, --load inputs, start uvicorn
    app.py       the FastAPI app: pages, /api, /docs (Swagger UI from a package, no CDN); middleware
    pages.py     server-rendered pages (templates/, static/), no script of our own
    api.py       the REST API: the contract's JSON
    context.py   what routes share: the store, the briefer, the write check, taking an upload in
    ingest.py    uploads -> articles (the CLI's readers) -> the store -> stories (group_into_stories)
    sorting.py   a mixed feed sorted into stories by the online story grouper (group/stories.py)
    briefer.py   a background worker that writes a story's new brief when articles arrive
    security.py  tokens, origins, host names, size caps
"""
