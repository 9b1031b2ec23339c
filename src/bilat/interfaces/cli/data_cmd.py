"""`bilat data ...`: check the data tables bilat codes with."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Check bilat's data tables (leaders, patterns).", no_args_is_help=True)


@app.command("check")
def check(
    leaders: Optional[Path] = typer.Argument(
        None, help="A leaders table (TSV); default: the bundled one."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit 1 on warnings too (gaps, stray spaces)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="List errors only, not warnings."),
) -> None:
    """Validate a leaders table: columns, codes, dates, overlapping terms, gaps.

    Every problem is listed on stderr as path:line: severity: message, then a
    summary on stdout. Errors (a row the loader refuses: unknown country code,
    bad date, overlapping terms...) exit 1; warnings (a gap of more than 60 days
    between terms...) exit 0 unless --strict. The format and the update
    workflow are in src/bilat/data/actors/LEADERS.md.

    Example:

      bilat data check my-leaders.tsv

      bilat data check --strict
    """
    from bilat.actors.datacheck import check_leaders
    from bilat.actors.leaders import DEFAULT_PATH
    from bilat.coding.patterns import load_patterns

    path = leaders or DEFAULT_PATH
    problems = check_leaders(path)
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        if p.severity == "error" or not quiet:
            typer.echo(str(p), err=True)
    load_patterns()  # raises TableError on a broken bundled dictionary
    typer.echo(f"{path}: {len(errors)} errors, {len(problems) - len(errors)} warnings")
    if errors or (strict and problems):
        raise typer.Exit(1)
