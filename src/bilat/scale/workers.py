"""A process per core: code stories in worker processes, results in input order.

    for coded in code_parallel(articles, workers=2, spec=CoderSpec()):
        ...                                   # CodedArticle, in input order

The parent reads stories and cuts them into chunks of `pipeline.BATCH_SIZE`
(the batches a single process would code, so the events are the same whatever
the number of workers); each worker builds its `Coder` once (spawned processes,
so nothing of the parent, e.g. an open database, is inherited) and codes whole
chunks. At most `workers * PENDING_PER_WORKER` chunks are in flight, so memory
stays bounded however long the input; the parent alone writes to the store.
Each result carries the worker's resident memory (`WorkerStats`).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from bilat.errors import BadParameter

if TYPE_CHECKING:
    from bilat.pipeline import Coder, CodedArticle
    from bilat.schemas import Article

PENDING_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, no more
START_METHOD = "spawn"  # no inherited state: safe with threads and open databases


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """How to build the Coder in a worker (a Coder itself cannot cross processes)."""

    fast: bool = True
    model: str | None = None  # spaCy model name; None: bilat's default
    patterns: str | None = None  # pattern file; None: the bundled dictionary

    def build(self) -> "Coder":
        from bilat.coding.patterns import load_patterns
        from bilat.pipeline import Coder

        pats = load_patterns(self.patterns) if self.patterns else None
        return Coder(fast=self.fast, model=self.model, patterns=pats)


@dataclass(slots=True)
class WorkerStats:
    """Resident memory of the worker processes, in bytes, as the chunks came back."""

    peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> peak so far
    samples: list[tuple[int, int, int]] = field(default_factory=list)  # (stories done, pid, rss)
    busy: float = 0.0  # seconds the workers spent coding, all workers added up
    cpu: float = 0.0  # CPU seconds they used for it (less than `busy`: they waited for a core)

    @property
    def max_peak(self) -> int:
        return max(self.peak_rss.values(), default=0)


@dataclass(frozen=True, slots=True)
class _Chunk:
    """What a worker sends back for one chunk."""

    coded: list["CodedArticle"]
    pid: int
    rss: int  # current resident set size
    peak: int  # peak resident set size
    busy: float  # seconds spent coding the chunk
    cpu: float  # CPU seconds of it


def current_rss() -> int:
    """This process's resident set size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def peak_rss() -> int:
    """This process's peak resident set size in bytes: VmHWM where /proc has it (the
    rusage figure of a spawned child would include its parent's size before exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass  # no /proc: fall back to rusage
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


# ---------------------------------------------------------------- worker side
_CODER: "Coder | None" = None


def _init_worker(spec: CoderSpec) -> None:
    global _CODER
    _CODER = spec.build()
    _CODER.warm_up()


def _code_chunk(articles: list["Article"]) -> _Chunk:
    if _CODER is None:  # the initializer always runs first; this guards misuse
        raise RuntimeError("bilat worker used before its Coder was built")
    start, cpu = time.perf_counter(), time.process_time()
    coded = list(_CODER.code_articles(articles, batch=len(articles) or 1))
    busy, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = current_rss()
    return _Chunk(coded, os.getpid(), rss, max(rss, peak_rss()), busy, cpu)


# ---------------------------------------------------------------- parent side
def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable["Article"], size: int) -> Iterator[list["Article"]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def code_parallel(articles: Iterable["Article"], *, workers: int, spec: CoderSpec = CoderSpec(),
                  chunk: int | None = None,
                  stats: WorkerStats | None = None) -> Iterator["CodedArticle"]:
    """Code `articles` in `workers` processes; yields CodedArticles in input order.

    Raises BadParameter for `workers` < 1; errors raised in a worker are re-raised here.
    """
    from bilat.pipeline import BATCH_SIZE

    if workers < 1:
        raise BadParameter(f"--workers must be 1 or more, got {workers}")
    size = chunk or BATCH_SIZE
    ctx = multiprocessing.get_context(START_METHOD)
    done = 0
    with ctx.Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        pending: deque = deque()
        try:
            for part in chunked(articles, size):
                pending.append(pool.apply_async(_code_chunk, (part,)))
                while len(pending) >= workers * PENDING_PER_WORKER:
                    done = yield from _drain(pending.popleft(), done, stats)
            while pending:
                done = yield from _drain(pending.popleft(), done, stats)
        finally:
            pool.terminate()


def _drain(result, done: int, stats: WorkerStats | None) -> Iterator["CodedArticle"]:
    chunk: _Chunk = result.get()
    done += len(chunk.coded)
    if stats is not None:
        stats.peak_rss[chunk.pid] = max(stats.peak_rss.get(chunk.pid, 0), chunk.peak)
        stats.samples.append((done, chunk.pid, chunk.rss))
        stats.busy += chunk.busy
        stats.cpu += chunk.cpu
    yield from chunk.coded
    return done
