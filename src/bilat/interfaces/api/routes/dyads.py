"""GET /api/dyads, /api/profile/{a}/{b}, /api/timeline/{a}/{b}: relationships between two countries."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from bilat.analysis import build_profile, profile_to_dict
from bilat.interfaces.api import queries
from bilat.interfaces.api.deps import DEFAULT_PAGE, MAX_PAGE, name_of, next_link, read_store
from bilat.interfaces.api.models import DyadPage, DyadRow, ProfileOut, Timeline, TimelinePeriod
from bilat.interfaces.api.params import country, pair, query_country
from bilat.store import EventQuery, Store

router = APIRouter(tags=["dyads"])

CountryPath = Annotated[str, Path(max_length=12, description="ISO 3166-1 alpha-3 code or IGO, e.g. KAZ")]


@router.get("/api/dyads", response_model=DyadPage, summary="List dyads")
def list_dyads(
    request: Request,
    store: Annotated[Store, Depends(read_store)],
    country_: Annotated[str | None, Query(alias="country", max_length=12,
                                          description="Only dyads with this country")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DyadPage:
    """Every pair of countries with events: count, first and last date, mean Goldstein, quad classes."""
    code = query_country(country_, name="country") if country_ is not None else None
    total, rows = queries.dyads(store, country=code, limit=limit, offset=offset)
    return DyadPage(
        dyads=[DyadRow(a=r.a, b=r.b, name_a=name_of(r.a), name_b=name_of(r.b), n_events=r.n_events,
                       first_date=r.first_date, last_date=r.last_date,
                       mean_goldstein=r.mean_goldstein, quad=list(r.quad)) for r in rows],
        total=total, limit=limit, offset=offset,
        next=next_link(request, offset=offset, limit=limit, total=total),
    )


@router.get("/api/profile/{a}/{b}", response_model=ProfileOut, summary="Profile of a relationship")
def profile(a: CountryPath, b: CountryPath,
            store: Annotated[Store, Depends(read_store)]) -> dict[str, Any]:
    """The same content as `bilat profile A B --format json`."""
    ca, cb = pair(country(a, name="country a"), country(b, name="country b"))
    p = build_profile(store, ca, cb, names={ca: name_of(ca), cb: name_of(cb)})
    return profile_to_dict(p)


@router.get("/api/timeline/{a}/{b}", response_model=Timeline, summary="Timeline of a relationship")
def timeline(
    a: CountryPath, b: CountryPath,
    store: Annotated[Store, Depends(read_store)],
    interval: Annotated[Literal["year", "month"], Query(description="year or month")] = "year",
) -> Timeline:
    """Events per interval: counts by quad class and mean Goldstein. With `interval=month`,
    events known only to the year are counted in `n_coarser`, not placed in a month."""
    ca, cb = pair(country(a, name="country a"), country(b, name="country b"))
    stats = queries.timeline(store, EventQuery(dyad=(ca, cb)), interval=interval)
    return Timeline(
        a=ca, b=cb, interval=interval,
        periods=[TimelinePeriod(period=p.period, n=p.n, quad=list(p.quad), mean_goldstein=p.mean_goldstein)
                 for p in stats.periods],
        n_undated=stats.n_undated, n_coarser=stats.n_coarser,
    )
