"""Options shared by several commands, and the checks on their values."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path

import typer

from bilat.errors import BadDate, UnknownCountry

DbOption = typer.Option(Path("bilat.duckdb"), "--db", help="DuckDB database file.",
                        envvar="BILAT_DB", show_default=True)


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ProfileFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def parse_day(value: str | None, *, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise BadDate(f"{option} {value!r} is not a date YYYY-MM-DD") from e


def country_code(value: str, *, what: str = "country") -> str:
    """Upper-cased ISO3 or IGO code; unknown codes raise UnknownCountry."""
    from bilat.actors.countries import CountryTable

    code = value.strip().upper()
    if not CountryTable.load().is_known(code):
        raise UnknownCountry(
            f"{what} code {value!r} is not an ISO 3166-1 alpha-3 code or a known IGO "
            "(e.g. KAZ, ROU, USA, UN, EU)")
    return code
