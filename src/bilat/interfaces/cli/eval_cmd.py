"""`bilat evaluate`: score predicted events against gold events."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


def evaluate(
    gold: Path = typer.Argument(..., help="Gold events, JSON Lines."),
    pred: Path = typer.Argument(..., help="Predicted events, JSON Lines (e.g. from `bilat code --jsonl`)."),
    by_root: bool = typer.Option(False, "--by-root", help="Add recall and precision per CAMEO root."),
    details: bool = typer.Option(False, "--details", help="List false negatives and false positives."),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f"),
) -> None:
    """Precision, recall and F1 at the dyad, dyad+root and dyad+root+year levels.

    The matching rules are those of the project's gold-event scorer (docs/SCORING.md).

    Example:

      bilat code story.txt --jsonl pred.jsonl && bilat evaluate story.gold.jsonl pred.jsonl --by-root
    """
    from bilat.evaluation.score import (format_report, load_gold, load_predictions,
                                        report_to_dict, score)

    report = score(load_gold(gold), load_predictions(pred))
    for w in report.warnings:
        typer.echo(f"bilat: warning: {w}", err=True)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report_to_dict(report, by_root=by_root, details=details)))
    else:
        typer.echo(format_report(report, by_root=by_root, details=details))
