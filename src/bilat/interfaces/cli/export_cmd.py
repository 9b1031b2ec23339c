"""`bilat export`: write stored events as GDELT 2.0, PLOVER JSON Lines, CSV or Parquet."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from bilat.interfaces.cli.options import DbOption, country_code


class ExportChoice(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    csv = "csv"
    parquet = "parquet"


def export(
    out: str = typer.Argument(..., help="File to write ('-' for standard output, not for parquet).",
                              metavar="OUT"),
    fmt: ExportChoice = typer.Option(..., "--format", "-f", help="Export format."),
    db: Path = DbOption,
    dyad: Optional[tuple[str, str]] = typer.Option(None, "--dyad", metavar="A B",
                                                   help="Only events between two countries, either direction."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this country as source or target."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY[-MM[-DD]] (inclusive)."),
    header: bool = typer.Option(False, "--header", help="gdelt: write the 61 column names first."),
) -> None:
    """Export stored events in a standard format.

    Examples:

      bilat export --format gdelt --dyad KAZ ROU kaz-rou.gdelt.tsv

      bilat export --format plover events.plover.jsonl

      bilat export --format parquet --since 2020 events.parquet
    """
    from bilat.actors.countries import CountryTable
    from bilat.store import EventQuery, Store
    from bilat.store.export import export_events, write_events

    query = EventQuery(
        dyad=(country_code(dyad[0]), country_code(dyad[1])) if dyad else None,
        actor=country_code(actor) if actor else None, since=since, until=until,
    )
    table = CountryTable.load()

    def names(code: str) -> str | None:
        return table.name(code) if table.is_known(code) else None

    with Store.open(db, read_only=True) as store:
        if out == "-":
            result = write_events(store, sys.stdout, fmt=fmt.value, query=query, names=names,
                                  header=header)
        else:
            result = export_events(store, out, fmt=fmt.value, query=query, names=names,
                                   header=header)
    skipped = f"; {result.n_skipped} skipped (no {fmt.value} category or no date)" if result.n_skipped else ""
    where = "standard output" if result.path == "-" else result.path
    typer.echo(f"bilat: exported {result.n_events} events as {fmt.value} to {where}{skipped}",
               err=True)
