"""bilat's HTTP API and dashboard server.

    from bilat.interfaces.api import create_app
    app = create_app("bilat.duckdb")

Modules: `app` (factory), `routes/` (one router per resource), `models`
(response models), `params` (parameter checks), `queries` (aggregate SQL),
`pool` (shared read-only store), `cache` (answers kept while the store cannot
change), `writer` (the single writer behind POST /api/stories), `auth` (its bearer
token), `errors` (the one error shape), `middleware` (body limit, security
headers), `server` (bind and run with uvicorn).
"""

from bilat.interfaces.api.app import create_app

__all__ = ["create_app"]
