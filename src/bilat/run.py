"""Drive one coding run: read inputs, skip stories already coded, code, store.

The CLI's `bilat code` is a thin wrapper over `code_inputs`. Stories are
written in batches, each batch one transaction of whole stories, so a run
stopped at any point leaves only whole stories behind, and running it again
codes exactly the stories still missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

from bilat.ingest import Skip, read_inputs
from bilat.pipeline import Coder
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


def code_inputs(inputs: Sequence[str], *, db: str | Path, story_date: date | None = None,
                jsonl_out: IO[str] | None = None, coder: Coder | None = None,
                progress: ProgressFn | None = None, force: bool = False) -> RunSummary:
    """Code every story in `inputs` into the database at `db`.

    Raises `InputNotFound` when an input path matches nothing, `StoreError` when the
    database cannot be opened; per-story problems are collected in `summary.skipped`.
    """
    from bilat.store import Store

    summary = RunSummary()
    with Store.open(db) as store:
        def fresh() -> Iterator[Article]:
            for item in read_inputs(inputs, story_date=story_date):
                if isinstance(item, Skip):
                    summary.skipped.append(item)
                    if progress:
                        progress(1)
                    continue
                summary.stories_read += 1
                if not force and store.is_unchanged(item.doc_id, item.content_hash):
                    summary.stories_unchanged += 1
                    if progress:
                        progress(1)
                    continue
                yield item

        active = coder or Coder()
        pending: list = []

        def flush() -> None:
            results = store.write_stories([(c.article, c.events) for c in pending], force=force)
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

        for coded in active.code_articles(fresh()):
            pending.append(coded)
            if len(pending) >= WRITE_BATCH:
                flush()
        if pending:
            flush()
    return summary
