"""GET /api/countries and /api/countries/{c}: the country list and one country's partners."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from bilat.interfaces.api import queries
from bilat.interfaces.api.deps import kind_of, name_of, read_store
from bilat.interfaces.api.models import CountryList, CountryOut, CountryPage, LocationRow, PartnerRow
from bilat.interfaces.api.params import countries, country
from bilat.store import Store

router = APIRouter(tags=["countries"])

MAX_PARTNERS = 500
MAX_LOCATIONS = 200


@router.get("/api/countries", response_model=CountryList, summary="List countries")
def list_countries(store: Annotated[Store, Depends(read_store)]) -> CountryList:
    """Every state and IGO bilat knows, with its number of events (for pickers)."""
    counts = queries.country_counts(store)
    table = countries()
    out = [CountryOut(code=c.code, name=c.name, kind="igo" if c.is_igo else "state",
                      n_events=counts.get(c.code, 0))
           for c in [*table.all(), *table.igos()]]
    out.sort(key=lambda c: c.name)
    return CountryList(countries=out)


@router.get("/api/countries/{c}", response_model=CountryPage, summary="One country's partners")
def country_page(
    c: Annotated[str, Path(max_length=12, description="ISO 3166-1 alpha-3 code or IGO, e.g. KAZ")],
    store: Annotated[Store, Depends(read_store)],
    limit: Annotated[int, Query(ge=1, le=MAX_PARTNERS, description="At most this many partners")] = 50,
) -> CountryPage:
    """Partners ranked by event count, with the balance of cooperation and conflict; event places."""
    code = country(c)
    n, rows = queries.partners(store, code, limit=limit)
    partners = []
    for r in rows:
        coop, conf = r.quad[0] + r.quad[1], r.quad[2] + r.quad[3]
        partners.append(PartnerRow(
            code=r.code, name=name_of(r.code), n_events=r.n_events, quad=list(r.quad),
            cooperation=coop, conflict=conf, balance=round((coop - conf) / r.n_events, 3),
            mean_goldstein=r.mean_goldstein, first_date=r.first_date, last_date=r.last_date,
        ))
    places = [LocationRow(name=p.name, country=p.country, lat=p.lat, lon=p.lon, n_events=p.n_events)
              for p in queries.locations(store, code, limit=MAX_LOCATIONS)]
    return CountryPage(code=code, name=name_of(code) or code, kind=kind_of(code), n_events=n,
                       partners=partners, locations=places)
