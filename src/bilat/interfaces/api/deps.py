"""Shared pieces of the routes: the per-request store, country names, `next` links."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

from fastapi import Request

from bilat.interfaces.api.params import countries

EPOCH_KEY = "bilat_epoch"  # the pool epoch a request read in (cache.ResponseCache reads it)
from bilat.store import Store

MAX_PAGE = 1000  # largest page of events or dyads
DEFAULT_PAGE = 100


class StoreSource(Protocol):
    """Where requests get the store: `pool.ReadPool` (read-only) or `writer.StoryWriter`."""

    def store(self) -> AbstractContextManager[Store]: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class AppState:
    """What `create_app` hands to the routes (on `app.state.bilat`)."""

    pool: StoreSource
    writes_enabled: bool


def state(request: Request) -> AppState:
    return request.app.state.bilat


def read_store(request: Request) -> Iterator[Store]:
    """The shared store for one request (FastAPI dependency). Records the pool's epoch in the
    request's state, so the answer may be cached for that epoch (see `cache.ResponseCache`)."""
    pool = state(request).pool
    with pool.store() as store:
        epoch = getattr(pool, "epoch", None)
        if epoch is not None:
            request.scope.setdefault("state", {})[EPOCH_KEY] = epoch
        yield store


def name_of(code: str | None) -> str | None:
    if code is None:
        return None
    table = countries()
    return table.name(code) if table.is_known(code) else None


def kind_of(code: str) -> str:
    return "igo" if countries().by_code(code).is_igo else "state"


def next_link(request: Request, *, offset: int, limit: int, total: int) -> str | None:
    """Relative URL of the next page (the same parameters with a new offset), or None."""
    if offset + limit >= total:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    params += [("limit", str(limit)), ("offset", str(offset + limit))]
    return f"{request.url.path}?{urlencode(params)}"
