"""Checks on request parameters: country codes, dyads, and the event filters.

Values are validated here (or by `EventQuery`) before any SQL runs, and reach
the database only as bound parameters.
"""

from __future__ import annotations

import re
from functools import cache

from bilat.actors.countries import CountryTable
from bilat.errors import BadParameter, QueryError, UnknownCountry
from bilat.interfaces.api.errors import ApiProblem, shown
from bilat.store import EventQuery

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,9}")


@cache
def countries() -> CountryTable:
    return CountryTable.load()


def country(value: str, *, name: str = "country") -> str:
    """The upper-cased code of a known state or IGO; UnknownCountry otherwise."""
    code = value.strip().upper()
    if not _CODE.fullmatch(code) or not countries().is_known(code):
        raise UnknownCountry(
            f"{name} {shown(value)} is not an ISO 3166-1 alpha-3 code or a known IGO "
            "(e.g. KAZ, ROU, USA, UN, EU); GET /api/countries lists them"
        )
    return code


def query_country(value: str, *, name: str) -> str:
    """`country` for a query parameter: an unknown code is a bad parameter (422), not a 404."""
    try:
        return country(value, name=name)
    except UnknownCountry as e:
        raise ApiProblem(422, str(e), errors=[f"query.{name}: {e.message}"]) from e


def dyad_param(value: str) -> tuple[str, str]:
    """`dyad=A,B` -> (A, B), two different known countries."""
    parts = value.split(",")
    if len(parts) != 2:
        raise ApiProblem(422, f"dyad must be two country codes separated by a comma (dyad=KAZ,ROU), "
                              f"got {shown(value)}", errors=["query.dyad: expected A,B"])
    a, b = (query_country(p, name="dyad") for p in parts)
    return pair(a, b)


def pair(a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise BadParameter(f"a dyad needs two different countries, got {a} twice")
    return a, b


def root_param(value: str) -> str:
    """CAMEO root as given, with "4" read as "04"; EventQuery checks the range."""
    value = value.strip()
    return value.zfill(2) if len(value) == 1 and value.isdigit() else value


def event_query(**filters: object) -> EventQuery:
    """Build the EventQuery, turning its validation errors into 422s naming the parameter."""
    try:
        return EventQuery(**filters)  # type: ignore[arg-type]
    except QueryError as e:
        raise ApiProblem(422, str(e), errors=[e.message]) from e
