"""Read-only access to the store, shared by concurrent requests and let go when idle.

DuckDB lets one process write a database file, or any number of processes read
it, never both at once: a read-only open takes a shared lock on the file, a
writer (`bilat code`) an exclusive one. Opening the file costs ~20 ms, so
requests that overlap share one read-only `Store`; once no request has used it
for `linger` seconds it is closed, the lock is released and a writer may open
the file. While a writer holds the file, opening fails with `StoreBusy`, which
the API answers with 503 and a Retry-After header.

A writer announces itself before it opens the file (`bilat.store.intent`): from
then on no request opens or gets the shared store (503 at once), and the store
is closed as soon as the requests already using it end (an idle store looks every
INTENT_POLL seconds), so `bilat code` can start even while the API is under
constant load.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bilat.errors import StoreError
from bilat.store import Store
from bilat.store.intent import writer_waiting

DEFAULT_LINGER = 1.0  # seconds an idle read-only store stays open
INTENT_POLL = 0.2  # how often an idle open store looks for a waiting writer


class StoreBusy(StoreError):
    """Another process (or another mode in this one) holds the database file."""


def _busy(path: str | Path) -> StoreBusy:
    return StoreBusy(
        f"the database {Path(path).name} is being written by another process "
        "(DuckDB allows one writer or many readers); retry when `bilat code` has finished"
    )


def open_read_only(path: str | Path) -> Store:
    """Open the store read-only; StoreBusy when a writer holds its lock."""
    try:
        return Store.open(path, read_only=True)
    except StoreError as e:
        cause = e.__cause__
        text = str(cause).lower() if isinstance(cause, duckdb.Error) else ""
        if "lock" in text or "different configuration" in text:
            raise _busy(path) from e
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
        self._idle_since = 0.0  # monotonic time the last use ended
        self._timer: threading.Timer | None = None  # at most one idle timer at a time
        # bumped each time the store is opened: while one epoch lasts the shared lock keeps
        # every writer out, so answers computed in it stay true (see `cache.ResponseCache`)
        self.epoch = 0

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
            if writer_waiting(self.path):
                if self._users == 0:
                    self._close_locked()
                raise _busy(self.path)
            if self._store is None:
                self._store = self._opener(self.path)
                self.epoch += 1
            self._users += 1
            return self._store

    def current_epoch(self) -> int | None:
        """The epoch of the open store, counted as a use (it keeps the store open for another
        `linger`); None when the store is closed or a writer waits for it."""
        with self._lock:
            if self._store is None:
                return None
            if writer_waiting(self.path):
                if self._users == 0:
                    self._close_locked()
                return None
            self._idle_since = time.monotonic()
            return self.epoch

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users > 0:
                return
            if self.linger <= 0 or writer_waiting(self.path):
                self._close_locked()
                return
            self._idle_since = time.monotonic()
            if self._timer is None:
                self._arm(min(self.linger, INTENT_POLL))

    def _arm(self, delay: float) -> None:
        timer = threading.Timer(delay, self._tick)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _tick(self) -> None:
        """The idle timer: close the store once no request has used it for `linger` seconds,
        or at once when a writer waits for it."""
        with self._lock:
            self._timer = None
            if self._store is None or self._users > 0:
                return  # closed already, or in use: the last release arms a new timer
            remaining = self._idle_since + self.linger - time.monotonic()
            if remaining <= 0 or writer_waiting(self.path):
                self._close_locked()
            else:
                self._arm(min(remaining, INTENT_POLL))

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
