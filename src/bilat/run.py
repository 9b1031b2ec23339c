"""Drive one coding run: read inputs, skip stories already coded, code, store.

The CLI's `bilat code` is a thin wrapper over `code_inputs`. Stories are
written in batches, each batch one transaction of whole stories, so a run
stopped at any point leaves only whole stories behind, and running it again
codes exactly the stories still missing.

Three ways to code, one writer (this process) in each:

    workers=1          the Coder in this process
    workers=N          N worker processes (`bilat.scale.workers`); a run of fewer
                       than `PARALLEL_MIN` stories stays in this process
    dask=ADDRESS       a Dask cluster ("local": a LocalCluster of N workers) writes
                       Parquet parts, loaded in one transaction (`bilat.scale.dask_run`)

The events are the same in all three.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from itertools import chain, islice
from typing import IO, Callable, Iterable, Iterator, Sequence

from bilat.errors import BadParameter
from bilat.ingest import Skip, read_inputs
from bilat.pipeline import BATCH_SIZE, CodedArticle, Coder
from bilat.schemas import Article


@dataclass(slots=True)
class RunSummary:
    """What a run did; `skipped` holds each unreadable input and its reason."""

    stories_read: int = 0
    stories_coded: int = 0
    stories_unchanged: int = 0
    stories_updated: int = 0
    events_written: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.stories_read} stories read", f"{self.stories_coded} coded",
                 f"{self.events_written} events stored"]
        if self.stories_updated:
            parts.append(f"{self.stories_updated} updated")
        if self.stories_unchanged:
            parts.append(f"{self.stories_unchanged} unchanged (already coded)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


ProgressFn = Callable[[int], None]
WRITE_BATCH = 64  # stories a write transaction; each story stays atomic (see Store.write_stories)
LOOKUP_BATCH = 512  # stories looked up in the store at once (see _fresh)
PARALLEL_MIN = 2 * BATCH_SIZE  # fewer stories than this are coded in this process


def code_stream(articles: Iterable[Article], *, workers: int = 1, fast: bool = True,
                coder: Coder | None = None) -> Iterator[CodedArticle]:
    """Coded articles in input order: by `coder` (or a new Coder) in this process, or by
    `workers` processes once the input holds at least `PARALLEL_MIN` stories."""
    if workers < 1:
        raise BadParameter(f"--workers must be 1 or more, got {workers}")
    it = iter(articles)
    if coder is None and workers > 1:
        head = list(islice(it, PARALLEL_MIN))
        if len(head) >= PARALLEL_MIN:
            from bilat.scale.workers import CoderSpec, code_parallel

            yield from code_parallel(chain(head, it), workers=workers, spec=CoderSpec(fast=fast))
            return
        it = iter(head)
    yield from (coder or Coder(fast=fast)).code_articles(it)


def code_inputs(inputs: Sequence[str], *, db: str | Path, story_date: date | None = None,
                jsonl_out: IO[str] | None = None, coder: Coder | None = None,
                progress: ProgressFn | None = None, force: bool = False,
                workers: int = 1, fast: bool = True, dask: str | None = None,
                dask_dir: str | Path | None = None) -> RunSummary:
    """Code every story in `inputs` into the database at `db`.

    `workers` processes code (1: this one); `fast=False` parses every sentence;
    `dask` is a scheduler address or "local" (see the module docstring), with the
    Parquet parts in `dask_dir` (shared storage; default: beside the store).
    Raises `InputNotFound` when an input path matches nothing, `StoreError` when the
    database cannot be opened, `BadParameter` for a bad option; per-story problems are
    collected in `summary.skipped`.
    """
    from bilat.store import Store

    if dask is not None:
        if jsonl_out is not None or coder is not None:
            raise BadParameter("--jsonl cannot be used with --dask; export the events "
                               "afterwards with `bilat events --db ...`")
        return _code_on_dask(inputs, db=db, story_date=story_date, progress=progress,
                             force=force, workers=workers, fast=fast, address=dask,
                             dask_dir=dask_dir)
    summary = RunSummary()
    with Store.open(db) as store:
        pending: list = []

        def flush() -> None:
            results = store.write_stories([(c.article, c.events, c.facts) for c in pending],
                                          force=force)
            for coded, result in zip(pending, results):
                summary.stories_coded += 1
                if result.status == "updated":
                    summary.stories_updated += 1
                summary.events_written += len(coded.events)
                if jsonl_out is not None:
                    for ev in coded.events:
                        jsonl_out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
                if progress:
                    progress(1)
            pending.clear()

        stories = _fresh(store, inputs, story_date=story_date, force=force, summary=summary,
                         progress=progress)
        for coded in code_stream(stories, workers=workers, fast=fast, coder=coder):
            pending.append(coded)
            if len(pending) >= WRITE_BATCH:
                flush()
        if pending:
            flush()
    return summary


def _fresh(store, inputs: Sequence[str], *, story_date: date | None, force: bool,
           summary: RunSummary, progress: ProgressFn | None) -> Iterator[Article]:
    """The readable stories of `inputs` that the store does not hold unchanged.

    Stories are looked up LOOKUP_BATCH at a time, one query a batch (a query a story made
    a run over 10^5 tiny stories spend minutes in point lookups).
    """
    batch: list[Article] = []

    def sift() -> Iterator[Article]:
        same = set() if force else store.unchanged([(a.doc_id, a.content_hash) for a in batch])
        for article in batch:
            if (article.doc_id, article.content_hash) in same:
                summary.stories_unchanged += 1
                if progress:
                    progress(1)
            else:
                yield article
        batch.clear()

    for item in read_inputs(inputs, story_date=story_date):
        if isinstance(item, Skip):
            summary.skipped.append(item)
            if progress:
                progress(1)
            continue
        summary.stories_read += 1
        batch.append(item)
        if len(batch) >= LOOKUP_BATCH:
            yield from sift()
    if batch:
        yield from sift()


def _code_on_dask(inputs: Sequence[str], *, db: str | Path, story_date: date | None,
                  progress: ProgressFn | None, force: bool, workers: int, fast: bool,
                  address: str, dask_dir: str | Path | None) -> RunSummary:
    """`code_inputs` on a Dask cluster: parts first (the store only read), then one load."""
    import shutil

    from bilat.scale.dask_run import code_to_parts, load_and_clean, parts_folder
    from bilat.scale.workers import CoderSpec
    from bilat.store import Store

    summary = RunSummary()
    folder = parts_folder(db, dask_dir)
    try:
        with Store.open(db) as store:
            stories = _fresh(store, inputs, story_date=story_date, force=force,
                             summary=summary, progress=progress)
            parts, _ = code_to_parts(stories, folder=folder, address=address, workers=workers,
                                     spec=CoderSpec(fast=fast), progress=progress)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    loaded = load_and_clean(db, parts, folder, force=force)
    summary.stories_coded = sum(p.n_stories for p in parts)
    summary.stories_unchanged += loaded.stories_unchanged
    summary.stories_updated = loaded.stories_updated
    summary.events_written = loaded.events_written
    return summary
