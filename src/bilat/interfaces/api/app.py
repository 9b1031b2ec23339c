"""`create_app(db_path)`: the FastAPI app serving the JSON API, the dashboard and offline docs.

    app = create_app("bilat.duckdb")            # read-only; CORS off; bodies <= 1 MiB
    uvicorn.run(app, host="127.0.0.1", port=8000)

The app only reads the store (see `pool.ReadPool` for how it shares the file
with `bilat code`). It adds no CORS headers, so browsers refuse other sites'
scripts reading it; every error has the shape of `errors.ErrorBody`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bilat.about import __version__
from bilat.errors import BadParameter, StoreError
from bilat.interfaces.api.deps import AppState
from bilat.interfaces.api.errors import install_handlers
from bilat.interfaces.api.middleware import DEFAULT_MAX_BODY, BodyLimit, HostCheck, SecurityHeaders
from bilat.interfaces.api.pool import DEFAULT_LINGER, ReadPool, StoreBusy, open_read_only
from bilat.interfaces.api.routes import countries, dyads, events, meta, web
from bilat.interfaces.web import static_dir

DESCRIPTION = (
    "Read CAMEO-coded dyadic events and relationship profiles from a bilat store. "
    "Errors are JSON objects {ok, error, errors, status}."
)


def create_app(db_path: str | Path, *, allow_write: bool = False, linger: float = DEFAULT_LINGER,
               max_body_bytes: int = DEFAULT_MAX_BODY, allowed_hosts: Sequence[str] | None = None,
               check: bool = True) -> FastAPI:
    """Build the app for the store at `db_path`.

    check: open the store once now, so a wrong path fails here with StoreError
    rather than on the first request (a store busy with a writer is accepted).
    allowed_hosts: Host header values to accept (e.g. loopback names, against DNS
    rebinding); None accepts any. allow_write is reserved: this version has no
    endpoint that writes, so True is refused.
    """
    if allow_write:
        raise BadParameter("this bilat API has no endpoint that writes; serve without allow_write")
    if isinstance(max_body_bytes, bool) or not isinstance(max_body_bytes, int) or max_body_bytes < 0:
        raise BadParameter(f"max_body_bytes must be 0 or more, got {max_body_bytes!r}")
    if check:
        _check_store(db_path)
    pool = ReadPool(db_path, linger=linger)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="bilat", version=__version__, description=DESCRIPTION,
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.bilat = AppState(pool=pool, writes_enabled=False)
    install_handlers(app)
    for module in (events, dyads, countries, meta, web):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    # outermost last: headers on every response, then the body limit, then the host check
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
