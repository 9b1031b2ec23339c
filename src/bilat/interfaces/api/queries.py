"""Aggregates the API serves that the Store has no method for: dyads, partners, timelines.

Every statement is fixed text; filters come from `bilat.store.sql.where` or are
bound parameters, never user text in the SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from bilat.store import EventQuery, Store
from bilat.store import sql as store_sql

Interval = Literal["year", "month"]

_QUAD = ("count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
         "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)")
_DYADIC = ("source_country IS NOT NULL AND target_country IS NOT NULL "
           "AND source_country <> target_country")
_PERIOD = {"year": "strftime(date_start, '%Y')", "month": "strftime(date_start, '%Y-%m')"}
_KNOWN_TO = {"year": 4, "month": 7}  # shortest `date` that places an event in a period


@contextmanager
def _cursor(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    # the Store hands out one cursor per read; these aggregates run on it read-only
    with store._cursor() as cur:
        yield cur


@dataclass(frozen=True, slots=True)
class DyadStats:
    a: str
    b: str
    n_events: int
    quad: tuple[int, int, int, int]
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class PartnerStats:
    code: str
    n_events: int
    quad: tuple[int, int, int, int]
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class LocationStats:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    n_events: int


@dataclass(frozen=True, slots=True)
class PeriodStats:
    period: str
    n: int
    quad: tuple[int, int, int, int]
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class TimelineStats:
    periods: list[PeriodStats]
    n_undated: int
    n_coarser: int


def _quad(row: tuple[Any, ...], start: int) -> tuple[int, int, int, int]:
    return (int(row[start]), int(row[start + 1]), int(row[start + 2]), int(row[start + 3]))


def _float(value: Any) -> float | None:
    return None if value is None else round(float(value), 3)


def dyads(store: Store, *, country: str | None = None, limit: int, offset: int) -> tuple[int, list[DyadStats]]:
    """Every unordered pair of countries with events, most events first; and how many pairs."""
    where = f"WHERE {_DYADIC}"
    params: list[Any] = []
    if country is not None:
        where += " AND (source_country = ? OR target_country = ?)"
        params += [country, country]
    grouped = (
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        f"count(*) AS n, {_QUAD}, avg(goldstein), "
        'arg_min("date", date_start), arg_max("date", date_start) '
        f"FROM events {where} GROUP BY a, b"
    )
    with _cursor(store) as cur:
        total = cur.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()
        rows = cur.execute(f"{grouped} ORDER BY n DESC, a, b LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
    return int(total[0]) if total else 0, [
        DyadStats(a=r[0], b=r[1], n_events=int(r[2]), quad=_quad(r, 3), mean_goldstein=_float(r[7]),
                  first_date=r[8], last_date=r[9])
        for r in rows
    ]


def country_counts(store: Store) -> dict[str, int]:
    """Events per country (as source or target; an event counts once per country)."""
    text = (
        "SELECT c, count(*) FROM ("
        " SELECT source_country AS c FROM events WHERE source_country IS NOT NULL"
        " UNION ALL"
        " SELECT target_country FROM events WHERE target_country IS NOT NULL"
        " AND target_country IS DISTINCT FROM source_country"
        ") GROUP BY c"
    )
    with _cursor(store) as cur:
        return {code: int(n) for code, n in cur.execute(text).fetchall()}


def partners(store: Store, code: str, *, limit: int) -> tuple[int, list[PartnerStats]]:
    """The countries `code` has events with, most events first; and its own event count."""
    text = (
        "WITH e AS (SELECT CASE WHEN source_country = ? THEN target_country ELSE source_country END "
        'AS partner, quad_class, goldstein, "date", date_start FROM events '
        f"WHERE (source_country = ? OR target_country = ?) AND {_DYADIC}) "
        f"SELECT partner, count(*) AS n, {_QUAD}, avg(goldstein), "
        'arg_min("date", date_start), arg_max("date", date_start) '
        "FROM e GROUP BY partner ORDER BY n DESC, partner LIMIT ?"
    )
    with _cursor(store) as cur:
        own = cur.execute("SELECT count(*) FROM events WHERE source_country = ? OR target_country = ?",
                          [code, code]).fetchone()
        rows = cur.execute(text, [code, code, code, limit]).fetchall()
    return int(own[0]) if own else 0, [
        PartnerStats(code=r[0], n_events=int(r[1]), quad=_quad(r, 2), mean_goldstein=_float(r[6]),
                     first_date=r[7], last_date=r[8])
        for r in rows
    ]


def locations(store: Store, code: str, *, limit: int) -> list[LocationStats]:
    """Places of `code`'s events (the location bilat.geo gave them), most events first."""
    text = (
        "SELECT location_name, location_country, lat, lon, count(*) AS n FROM events "
        "WHERE (source_country = ? OR target_country = ?) "
        "AND location_name IS NOT NULL AND location_name <> '' "
        "GROUP BY location_name, location_country, lat, lon ORDER BY n DESC, location_name LIMIT ?"
    )
    with _cursor(store) as cur:
        rows = cur.execute(text, [code, code, limit]).fetchall()
    return [LocationStats(name=r[0], country=r[1], lat=r[2], lon=r[3], n_events=int(r[4]))
            for r in rows]


def timeline(store: Store, query: EventQuery, *, interval: Interval) -> TimelineStats:
    """Events matching `query` per year or month: counts by quad class and mean Goldstein."""
    clause, params = store_sql.where(query)
    base = clause or "WHERE TRUE"
    known = _KNOWN_TO[interval]
    period = _PERIOD[interval]
    text = (
        f"SELECT {period} AS p, count(*), {_QUAD}, avg(goldstein) FROM events {base} "
        f'AND date_start IS NOT NULL AND length("date") >= {known} GROUP BY p ORDER BY p'
    )
    counts = (
        "SELECT count(*) FILTER (WHERE date_start IS NULL), "
        f'count(*) FILTER (WHERE date_start IS NOT NULL AND length("date") < {known}) '
        f"FROM events {base}"
    )
    with _cursor(store) as cur:
        rows = cur.execute(text, params).fetchall()
        extra = cur.execute(counts, params).fetchone()
    return TimelineStats(
        periods=[PeriodStats(period=r[0], n=int(r[1]), quad=_quad(r, 2), mean_goldstein=round(float(r[6]), 3))
                 for r in rows],
        n_undated=int(extra[0]) if extra else 0,
        n_coarser=int(extra[1]) if extra else 0,
    )
