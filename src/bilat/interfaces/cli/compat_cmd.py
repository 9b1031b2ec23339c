"""`bilat petr-validate`: run a PETRARCH validation-records file with its own dictionaries."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def petr_validate(
    records: Optional[list[Path]] = typer.Option(
        None, "--records", "-r",
        help="A validation-records .xml file (or its folder); repeat for several. "
             "Default: both suites under ../shared/eval/petr-validation-suite."),
    details: bool = typer.Option(False, "--details", help="List every record not coded exactly."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f"),
    fail_under: Optional[float] = typer.Option(
        None, "--fail-under", min=0.0, max=1.0,
        help="Exit 1 when a suite's exact rate is below this share (e.g. 0.85)."),
) -> None:
    """Code a PETRARCH validation suite with the dictionaries its <Environment> names.

    A record is exact when bilat codes the same set of (source, target, event code)
    as the gold. <Config> and <Parse> are not applied; failures they explain are tagged.

    Examples:

      bilat petr-validate

      bilat petr-validate --records ../shared/eval/petr-validation-suite/petrarch2 --details
    """
    from bilat.compat.petrarch.runner import default_suites, format_result, run_suite

    paths = list(records) if records else default_suites()
    results = [run_suite(p) for p in paths]
    if fmt is ReportFormat.json:
        typer.echo(json.dumps([r.to_dict(details=details) for r in results], ensure_ascii=False))
    else:
        typer.echo("\n\n".join(format_result(r, details=details) for r in results))
    if fail_under is not None and any(r.rate < fail_under for r in results):
        worst = min(results, key=lambda r: r.rate)
        typer.echo(f"bilat: {worst.name} coded {worst.rate:.1%} exactly, under {fail_under:.1%}",
                   err=True)
        raise typer.Exit(1)
