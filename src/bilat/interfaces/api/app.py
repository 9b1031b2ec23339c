"""`create_app(db_path)`: the FastAPI app serving the JSON API, the dashboard and offline docs.

    app = create_app("bilat.duckdb")            # read-only; CORS off; bodies <= 1 MiB
    uvicorn.run(app, host="127.0.0.1", port=8000)
    app = create_app("bilat.duckdb", allow_write=True, api_token=secret)   # + POST /api/stories

By default the app only reads the store (see `pool.ReadPool` for how it shares
the file with `bilat code`). With `allow_write` it is the store's single writer
(`writer.StoryWriter`) and adds `POST /api/stories`, which needs the bearer
token. It adds no CORS headers, so browsers refuse other sites' scripts reading
it; every error has the shape of `errors.ErrorBody`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bilat.about import __version__
from bilat.errors import BadParameter, StoreError
from bilat.interfaces.api.auth import BearerToken
from bilat.interfaces.api.cache import DEFAULT_CACHE_BYTES, ResponseCache
from bilat.interfaces.api.deps import AppState
from bilat.interfaces.api.errors import install_handlers
from bilat.interfaces.api.middleware import DEFAULT_MAX_BODY, BodyLimit, HostCheck, SecurityHeaders
from bilat.interfaces.api.pool import DEFAULT_LINGER, ReadPool, StoreBusy, open_read_only
from bilat.interfaces.api.routes import countries, dyads, events, meta, stories, web
from bilat.interfaces.api.writer import StoryWriter
from bilat.interfaces.web import static_dir

if TYPE_CHECKING:
    from bilat.pipeline import Coder

DESCRIPTION = (
    "Read CAMEO-coded dyadic events and relationship profiles from a bilat store. "
    "Errors are JSON objects {ok, error, errors, status}."
)


def create_app(db_path: str | Path, *, allow_write: bool = False, api_token: str | None = None,
               coder: Coder | None = None, linger: float = DEFAULT_LINGER,
               max_body_bytes: int = DEFAULT_MAX_BODY, allowed_hosts: Sequence[str] | None = None,
               check: bool = True, cache_bytes: int = DEFAULT_CACHE_BYTES) -> FastAPI:
    """Build the app for the store at `db_path`.

    check: open the store once now, so a wrong path fails here with StoreError
    rather than on the first request (a store busy with a writer is accepted).
    allowed_hosts: Host header values to accept (e.g. loopback names, against DNS
    rebinding); None accepts any.
    allow_write: add `POST /api/stories` and make the app the store's one writer (it
    opens the file read-write now, creating it if needed, and closes it at shutdown);
    needs `api_token` (16+ characters, BadParameter otherwise). `coder` codes the
    posted stories (default: a `bilat.pipeline.Coder` loaded on the first post).
    cache_bytes: memory for answers of the read-only API (`cache.ResponseCache`: an answer
    is served again only while the store cannot have changed); 0 turns it off.
    """
    for name, value in (("max_body_bytes", max_body_bytes), ("cache_bytes", cache_bytes)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BadParameter(f"{name} must be 0 or more, got {value!r}")
    writer: StoryWriter | None = None
    if allow_write:
        token = BearerToken(api_token)  # refuses a missing or short token first
        writer = StoryWriter.open(db_path, coder=coder)
        source: ReadPool | StoryWriter = writer
    else:
        if check:
            _check_store(db_path)
        source = ReadPool(db_path, linger=linger)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        source.close()

    app = FastAPI(
        title="bilat", version=__version__, description=DESCRIPTION,
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.bilat = AppState(pool=source, writes_enabled=writer is not None)
    install_handlers(app)
    for module in (events, dyads, countries, meta, web):
        app.include_router(module.router)
    if writer is not None:
        app.include_router(stories.router(writer, token))
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    # outermost last: headers on every response, then the body limit, then the host check,
    # then the cache of answers (read-only mode only)
    if isinstance(source, ReadPool) and cache_bytes > 0:
        app.add_middleware(ResponseCache, pool=source, max_bytes=cache_bytes)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=list(allowed_hosts))
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _check_store(db_path: str | Path) -> None:
    try:
        store = open_read_only(db_path)
    except StoreBusy:
        return
    except StoreError:
        raise
    store.close()
