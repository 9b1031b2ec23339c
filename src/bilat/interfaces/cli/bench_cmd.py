"""`bilat bench`: measure coding speed, memory and scale on the fixed shared corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer


def bench(
    shared: Optional[Path] = typer.Option(None, "--shared", help="The shared data folder (default: ../shared beside the checkout, or $BILAT_SHARED)."),
    stories: int = typer.Option(10_000, "--stories", min=1, help="Short stories of the scale corpus (workers, memory, Dask)."),
    wikinews: int = typer.Option(200, "--wikinews", min=1, help="Wikinews stories of the speed corpus."),
    speeches: int = typer.Option(40, "--speeches", min=1, help="UN General Debate speeches of the speed corpus."),
    workers: int = typer.Option(2, "--workers", "-j", min=1, help="Workers of the parallel and Dask runs."),
    dask: bool = typer.Option(True, "--dask/--no-dask", help="Include the Dask LocalCluster run."),
    profile: bool = typer.Option(True, "--profile/--no-profile", help="Include the cProfile of the fast path."),
    write: bool = typer.Option(False, "--write", help="Also record the results in docs/BENCHMARKS.md."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of Markdown."),
    silent: bool = typer.Option(False, "--silent", "-q", help="No progress lines on stderr."),
) -> None:
    """Code a fixed corpus and print words/s, sentences/s, stories/s, peak RSS and events,
    against the full spaCy pipeline, for 1 and N workers and on Dask.

    Reads ../shared/corpus/wikinews and ../shared/corpus/ungdc; when they are absent it
    says so and exits 0 without measuring. The defaults take a few minutes on 2 cores.

    Examples:

      bilat bench

      bilat bench --stories 2000 --no-dask --write
    """
    from bilat.bench import (
        BenchConfig, default_doc_path, render_markdown, report_json, run_bench, shared_default,
        write_results,
    )
    from bilat.scale import corpus

    folder = shared or shared_default()
    missing = [str(folder / sub) for sub in (corpus.WIKINEWS, corpus.UNGDC)
               if not (folder / sub).is_dir()]
    if missing:
        typer.echo(f"bilat bench: skipped, the benchmark corpus is absent ({', '.join(missing)}); "
                   "put the shared data beside the checkout or pass --shared", err=True)
        return
    note = None if silent else (lambda text: typer.echo(f"bench: {text}", err=True))
    config = BenchConfig(shared=folder, stories=stories, wikinews=wikinews, speeches=speeches,
                         workers=workers, dask=dask, profile=profile, progress=note)
    report = run_bench(config)
    markdown = render_markdown(report)
    typer.echo(report_json(report) if as_json else markdown)
    if write:
        write_results(default_doc_path(), markdown)
        typer.echo(f"bilat bench: results written to {default_doc_path()}", err=True)
    sys.stdout.flush()
