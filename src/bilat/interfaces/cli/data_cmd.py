"""`bilat data ...`: check the data tables bilat codes with."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Check bilat's data tables (leaders, patterns).", no_args_is_help=True)


@app.command("check")
def check(
    leaders: Optional[Path] = typer.Argument(None, help="A leaders table (TSV); default: the bundled one."),
) -> None:
    """Validate a leaders table: columns, codes, dates, overlapping terms, gaps.

    Errors exit 1; warnings (e.g. gaps between terms) are printed and exit 0.

    Example:

      bilat data check my-leaders.tsv
    """
    from bilat.actors.datacheck import check_leaders
    from bilat.actors.leaders import DEFAULT_PATH
    from bilat.coding.patterns import load_patterns

    path = leaders or DEFAULT_PATH
    problems = check_leaders(path)
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        typer.echo(f"{p.path}:{p.line}: {p.severity}: {p.message}", err=True)
    load_patterns()  # raises TableError on a broken bundled dictionary
    typer.echo(f"{path}: {len(errors)} errors, {len(problems) - len(errors)} warnings")
    if errors:
        raise typer.Exit(1)
