"""Read-only access to the store, shared by concurrent requests and let go when idle.

DuckDB lets one process write a database file, or any number of processes read
it, never both at once: a read-only open takes a shared lock on the file, a
writer (`bilat code`) an exclusive one. Opening the file costs ~20 ms, so
requests that overlap share one read-only `Store`; once no request has used it
for `linger` seconds it is closed, the lock is released and a writer may open
the file. While a writer holds the file, opening fails with `StoreBusy`, which
the API answers with 503 and a Retry-After header.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bilat.errors import StoreError
from bilat.store import Store

DEFAULT_LINGER = 1.0  # seconds an idle read-only store stays open


class StoreBusy(StoreError):
    """Another process (or another mode in this one) holds the database file."""


def open_read_only(path: str | Path) -> Store:
    """Open the store read-only; StoreBusy when a writer holds its lock."""
    try:
        return Store.open(path, read_only=True)
    except StoreError as e:
        cause = e.__cause__
        text = str(cause).lower() if isinstance(cause, duckdb.Error) else ""
        if "lock" in text or "different configuration" in text:
            raise StoreBusy(
                f"the database {Path(path).name} is being written by another process "
                "(DuckDB allows one writer or many readers); retry when `bilat code` has finished"
            ) from e
        raise


class ReadPool:
    """One read-only Store, opened on demand, shared, and closed after `linger` idle seconds."""

    def __init__(self, path: str | Path, *, linger: float = DEFAULT_LINGER,
                 opener: Callable[[str | Path], Store] = open_read_only) -> None:
        self.path = path
        self.linger = linger
        self._opener = opener
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._generation = 0  # bumped on each use, so a stale idle timer does nothing
        self._timer: threading.Timer | None = None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The shared read-only Store for the duration of one request."""
        store = self._acquire()
        try:
            yield store
        finally:
            self._release()

    def _acquire(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = self._opener(self.path)
            self._users += 1
            self._generation += 1
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            return self._store

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users > 0:
                return
            if self.linger <= 0:
                self._close_locked()
                return
            timer = threading.Timer(self.linger, self._close_if_idle, args=(self._generation,))
            timer.daemon = True
            self._timer = timer
            timer.start()

    def _close_if_idle(self, generation: int) -> None:
        with self._lock:
            if self._users == 0 and generation == self._generation:
                self._close_locked()

    def _close_locked(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        """Close the store now (at shutdown); a later request opens it again."""
        with self._lock:
            self._close_locked()
