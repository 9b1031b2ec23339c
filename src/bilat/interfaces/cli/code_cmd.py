"""`bilat code`: read stories, code them, store the events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from bilat.interfaces.cli.options import DbOption, parse_day

EXIT_PARTIAL = 3  # some inputs were skipped; the others were coded and stored


def code(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .json, .html), folders or globs."),
    db: Path = DbOption,
    jsonl: Optional[Path] = typer.Option(None, "--jsonl", help="Also write this run's events to this JSON Lines file ('-' = stdout)."),
    story_date: Optional[str] = typer.Option(None, "--story-date", help="Story date YYYY-MM-DD for stories whose metadata has none."),
    force: bool = typer.Option(False, "--force", help="Re-code stories even when they are unchanged."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Worker processes (default: all cores; a run of under 64 stories stays in one process)."),
    fast: bool = typer.Option(True, "--fast/--full", help="Parse only the sentences that can hold an event (--fast, the default) or every sentence (--full)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS", help="Code on a Dask cluster: its scheduler (tcp://host:8786) or 'local' (a LocalCluster of --workers processes)."),
    dask_dir: Optional[Path] = typer.Option(None, "--dask-dir", help="With --dask: folder for the Parquet parts, on storage every worker shares (default: beside --db)."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help="Code with TABARI/PETRARCH dictionaries (.verbs, .actors, .agents ...) from this folder instead of bilat's own tables (one process; see docs/DICTIONARIES.md)."),
    silent: bool = typer.Option(False, "--silent", "-q", help="No progress bar."),
) -> None:
    """Code news stories into CAMEO events and store them.

    Re-running on the same input adds nothing; an edited story's events are replaced.
    Exit status: 0 all read, 3 some inputs skipped (each named on stderr), 1 error.

    Examples:

      bilat code stories/ --db bilat.duckdb

      bilat code 'feeds/*.jsonl' --jsonl events.jsonl --story-date 2017-07-15

      bilat code feeds/ --workers 8

      bilat code feeds/ --dask tcp://scheduler:8786 --dask-dir /shared/bilat-parts
    """
    from bilat.run import code_inputs
    from bilat.scale.workers import default_workers

    day = parse_day(story_date, option="--story-date")
    run = dict(force=force, workers=workers or default_workers(), fast=fast, dask=dask,
               dask_dir=dask_dir)
    if dictionaries is not None:
        from bilat.compat.petrarch.bridge import PetrarchArticleCoder
        from bilat.errors import BadParameter

        if dask is not None:
            raise BadParameter("--dictionaries cannot be used with --dask")
        run.update(workers=1, coder=PetrarchArticleCoder.from_folder(dictionaries))
    out = None
    if jsonl is not None:
        out = sys.stdout if str(jsonl) == "-" else jsonl.open("w", encoding="utf-8")
    show = not silent and sys.stderr.isatty()
    try:
        if show:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.completed} stories"),
                          TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task("coding", total=None)
                summary = code_inputs(inputs, db=db, story_date=day, jsonl_out=out, **run,
                                      progress=lambda n: bar.advance(task, n))
        else:
            summary = code_inputs(inputs, db=db, story_date=day, jsonl_out=out, **run)
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    for skip in summary.skipped:
        typer.echo(f"bilat: skipped {skip.error}", err=True)
    typer.echo(f"bilat: {summary.line()} -> {db}", err=True)
    if summary.skipped:
        raise typer.Exit(EXIT_PARTIAL)
