"""Shared pieces of the routes: the per-request store, country names, `next` links."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

from bilat.interfaces.api.params import countries
from bilat.interfaces.api.pool import ReadPool
from bilat.store import Store

MAX_PAGE = 1000  # largest page of events or dyads
DEFAULT_PAGE = 100


@dataclass(frozen=True, slots=True)
class AppState:
    """What `create_app` hands to the routes (on `app.state.bilat`)."""

    pool: ReadPool
    writes_enabled: bool


def state(request: Request) -> AppState:
    return request.app.state.bilat


def read_store(request: Request) -> Iterator[Store]:
    """The shared read-only store for one request (FastAPI dependency)."""
    with state(request).pool.store() as store:
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
