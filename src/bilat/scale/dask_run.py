"""Code stories on a Dask distributed cluster: partitions -> Parquet parts -> one load.

    summary = code_on_dask(articles, db="bilat.duckdb", address="local", workers=2)
    summary = code_on_dask(articles, db=..., address="tcp://scheduler:8786",
                           parts_dir="/shared/bilat-parts")

The client cuts the stories into partitions (whole batches of the Coder, so the
events are those of a single-process run) and submits each to the cluster, at
most a few per worker at a time so memory stays bounded. On each worker a
`CoderPlugin` (a Dask WorkerPlugin) builds the Coder once, when the worker
joins; the task codes its partition and writes it as Parquet files
(`bilat.scale.parquet`) into `parts_dir`, which every worker and the client
must see at the same path (shared storage on a real cluster). When all parts
are written, the client loads them into DuckDB in one transaction and deletes
them. `address="local"` starts a `LocalCluster` of `workers` processes.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from bilat.errors import BadParameter, StoreError
from bilat.scale.parquet import LoadSummary, PartFiles, load_parts, remove_parts, write_part
from bilat.scale.workers import CoderSpec, chunked, current_rss, peak_rss

if TYPE_CHECKING:
    from bilat.pipeline import Coder
    from bilat.schemas import Article

LOCAL = "local"
PLUGIN_NAME = "bilat-coder"
PARTITION_BATCHES = 4  # Coder batches a partition
PENDING_PER_WORKER = 2  # partitions in flight per worker


class CoderPlugin(WorkerPlugin):
    """Builds the Coder once per worker (the spaCy model is loaded when the worker joins)."""

    name = PLUGIN_NAME

    def __init__(self, spec: CoderSpec) -> None:
        self.spec = spec
        self.coder: "Coder | None" = None

    def setup(self, worker: Any) -> None:
        self.coder = self.spec.build()
        self.coder.warm_up()

    def teardown(self, worker: Any) -> None:
        self.coder = None


@dataclass(frozen=True, slots=True)
class PartResult:
    """What a task returns: its Parquet files and the worker's memory."""

    files: PartFiles
    worker: str
    rss: int
    peak_rss: int
    busy: float = 0.0  # seconds spent coding and writing the partition
    cpu: float = 0.0  # CPU seconds of it


def code_partition(articles: list["Article"], *, folder: str, part: int) -> PartResult:
    """The task run on a worker: code one partition and write it as Parquet."""
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    coder = getattr(plugin, "coder", None)
    if coder is None:
        raise StoreError(f"worker {worker.address} has no bilat Coder; register CoderPlugin "
                         "on the cluster before submitting partitions")
    start, cpu = time.perf_counter(), time.process_time()
    coded = list(coder.code_articles(articles))
    files = write_part(folder, part, coded)
    rss = current_rss()
    return PartResult(files, worker.address, rss, max(rss, peak_rss()),
                      time.perf_counter() - start, time.process_time() - cpu)


@dataclass(slots=True)
class DaskSummary:
    """What a Dask run did."""

    stories_coded: int = 0
    parts: int = 0
    load: LoadSummary | None = None
    worker_peak_rss: dict[str, int] = field(default_factory=dict)
    busy: float = 0.0  # seconds the workers spent on partitions, added up
    cpu: float = 0.0  # CPU seconds of it


def _client(address: str, workers: int) -> tuple[Any, Any]:
    """A client (and the LocalCluster it owns, or None) for `address`."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="30s"), None
    except (OSError, TimeoutError) as e:
        raise BadParameter(f"cannot reach the Dask scheduler at {address} ({e}); "
                           "give its address (tcp://host:8786) or 'local'") from e


def run_partitions(client: Any, articles: Iterable["Article"], *, folder: str,
                   partition: int, n_workers: int, summary: DaskSummary) -> Iterator[PartFiles]:
    """Submit partitions, at most `n_workers * PENDING_PER_WORKER` at a time; yield their
    files in partition order."""
    from distributed import wait

    pending: list[Any] = []
    limit = max(1, n_workers) * PENDING_PER_WORKER

    def take(fut: Any) -> PartFiles:
        res: PartResult = fut.result()
        summary.stories_coded += res.files.n_stories
        summary.parts += 1
        summary.busy += res.busy
        summary.cpu += res.cpu
        summary.worker_peak_rss[res.worker] = max(summary.worker_peak_rss.get(res.worker, 0),
                                                  res.peak_rss)
        return res.files

    for part, chunk in enumerate(chunked(articles, partition)):
        pending.append(client.submit(code_partition, chunk, folder=folder, part=part,
                                     key=f"bilat-part-{part}-{id(summary)}", pure=False))
        if len(pending) >= limit:
            wait(pending[:1])
            yield take(pending.pop(0))
    for fut in pending:
        yield take(fut)


def code_to_parts(articles: Iterable["Article"], *, folder: str | Path, address: str = LOCAL,
                  workers: int = 2, spec: CoderSpec = CoderSpec(),
                  partition: int | None = None,
                  progress: Callable[[int], None] | None = None) -> tuple[list[PartFiles], DaskSummary]:
    """Code `articles` on the Dask cluster at `address` into Parquet parts in `folder`.

    Raises BadParameter for an unreachable scheduler or a bad option, StoreError when
    a part cannot be written.
    """
    from bilat.pipeline import BATCH_SIZE

    if workers < 1:
        raise BadParameter(f"--workers must be 1 or more, got {workers}")
    size = partition or BATCH_SIZE * PARTITION_BATCHES
    summary = DaskSummary()
    client, cluster = _client(address, workers)
    parts: list[PartFiles] = []
    try:
        client.register_plugin(CoderPlugin(spec), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        for files in run_partitions(client, articles, folder=str(folder), partition=size,
                                    n_workers=n_workers, summary=summary):
            parts.append(files)
            if progress is not None:
                progress(files.n_stories)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return parts, summary


def parts_folder(db: str | Path, parts_dir: str | Path | None) -> Path:
    """A new folder for this run's parts: under `parts_dir`, else beside the store."""
    base = Path(parts_dir) if parts_dir is not None else Path(db).resolve().parent
    if not base.is_dir():
        raise BadParameter(f"parts folder {base} does not exist; create it on shared storage "
                           "(every worker must see it) or choose another --dask-dir")
    return Path(tempfile.mkdtemp(prefix="bilat-parts-", dir=base))


def load_and_clean(db: str | Path, parts: list[PartFiles], folder: Path, *,
                   force: bool) -> LoadSummary:
    """The one load of a run's parts into `db`; the parts are deleted once loaded
    (and kept, for inspection, when the load fails)."""
    summary = load_parts(db, parts, force=force)
    remove_parts(parts)
    shutil.rmtree(folder, ignore_errors=True)
    return summary


def code_on_dask(articles: Iterable["Article"], *, db: str | Path, address: str = LOCAL,
                 workers: int = 2, spec: CoderSpec = CoderSpec(),
                 parts_dir: str | Path | None = None, force: bool = False,
                 partition: int | None = None) -> DaskSummary:
    """Code `articles` on the cluster at `address` and load them into the store at `db`
    (which must not be open elsewhere). Raises as `code_to_parts` and `load_parts` do."""
    folder = parts_folder(db, parts_dir)
    try:
        parts, summary = code_to_parts(articles, folder=folder, address=address, workers=workers,
                                       spec=spec, partition=partition)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    summary.load = load_and_clean(db, parts, folder, force=force)
    return summary
