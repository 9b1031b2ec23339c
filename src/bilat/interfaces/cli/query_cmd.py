"""`bilat events` and `bilat profile`: read what is stored."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from bilat.interfaces.cli.options import DbOption, OutputFormat, ProfileFormat, country_code

EVENT_COLUMNS = ("date", "source_actor", "target_actor", "cameo", "goldstein", "count", "doc_id",
                 "sentence")


def events(
    db: Path = DbOption,
    dyad: Optional[tuple[str, str]] = typer.Option(None, "--dyad", help="Two country codes, either direction.", metavar="A B"),
    actor: Optional[str] = typer.Option(None, "--actor", help="Events with this country as source or target."),
    root: Optional[str] = typer.Option(None, "--root", help="CAMEO root, 01..20."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY[-MM[-DD]] (inclusive)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """List stored events.

    Examples:

      bilat events --dyad KAZ ROU

      bilat events --actor RUS --root 19 --since 2022 --format csv > rus-force.csv
    """
    from bilat.store import EventQuery, Store

    query = EventQuery(
        dyad=(country_code(dyad[0]), country_code(dyad[1])) if dyad else None,
        actor=country_code(actor) if actor else None,
        root=root.zfill(2) if root and root.isdigit() and len(root) == 1 else root,
        since=since, until=until, limit=limit,
    )
    with Store.open(db, read_only=True) as store:
        rows = store.iter_events(query)
        if fmt is OutputFormat.jsonl:
            for ev in rows:
                sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
        elif fmt is OutputFormat.csv:
            w = csv.writer(sys.stdout)
            first = True
            for ev in rows:
                d = ev.to_dict()
                d["extra"] = json.dumps(d["extra"], ensure_ascii=False)
                if first:
                    w.writerow(d.keys())
                    first = False
                w.writerow(d.values())
        else:
            _table(list(rows))


def _table(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    if not rows:
        typer.echo("no events match", err=True)
        return
    table = Table(show_lines=False)
    for col in ("date", "source", "target", "cameo", "goldstein", "n", "sentence"):
        table.add_column(col, overflow="fold")
    for ev in rows:
        table.add_row(ev.date or "", ev.source_actor or "", ev.target_actor or "", ev.cameo,
                      f"{ev.goldstein:+.1f}", str(ev.count),
                      ev.sentence if len(ev.sentence) < 120 else ev.sentence[:117] + "...")
    console.print(table)


def profile(
    a: str = typer.Argument(..., help="First country (ISO3 or IGO), e.g. KAZ."),
    b: str = typer.Argument(..., help="Second country, e.g. ROU."),
    db: Path = DbOption,
    fmt: ProfileFormat = typer.Option(ProfileFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """Profile the relationship of two countries: establishment, visits, consultations, trend, sources.

    Examples:

      bilat profile KAZ ROU

      bilat profile USA CHN --format markdown > usa-chn.md
    """
    from bilat.actors.countries import CountryTable
    from bilat.analysis import build_profile, profile_to_dict, render_markdown, render_text
    from bilat.errors import BadParameter
    from bilat.store import Store

    ca, cb = country_code(a), country_code(b)
    if ca == cb:
        raise BadParameter(f"a dyad needs two different countries, got {ca} twice")
    table = CountryTable.load()
    names = {c: table.name(c) for c in (ca, cb)}
    with Store.open(db, read_only=True) as store:
        p = build_profile(store, ca, cb, names=names)
    if fmt is ProfileFormat.json:
        typer.echo(json.dumps(profile_to_dict(p), ensure_ascii=False, indent=2))
    elif fmt is ProfileFormat.markdown:
        typer.echo(render_markdown(p))
    else:
        typer.echo(render_text(p))
