"""The writer's intent: how a writer asks bilat's readers to let go of a store file.

DuckDB lets one process write a database file, or any number of processes read it,
never both. A reader that keeps the file open (the API server's shared read-only
connection, `bilat.interfaces.api.pool`) would keep `bilat code` out for as long as
requests keep coming. So, before it opens the file, a writer takes an exclusive
`flock` on `<db>.lock` beside it and holds it until the store is closed:

    writer                                  reader (the API)
    WriteIntent.acquire(db)   ──────────►   writer_waiting(db) is True: open nothing new,
    open db read-write, retrying while      answer 503, close the shared connection as
    only readers hold it                    soon as its requests end
    ... write ...
    close db; intent.release()  ────────►   writer_waiting(db) is False: open again

The kernel drops the lock when the writer's process ends, even by SIGKILL, so a
crashed writer never leaves a stale intent. The lock file itself stays (it is
empty); deleting it could race with a writer that just opened it. `flock` exists
on POSIX only: elsewhere there is no intent, and a writer meets busy readers with
DuckDB's own "in use" error.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from bilat.errors import StoreError

LOCK_SUFFIX = ".lock"
# Readers hold the shared lock for a few microseconds while they look; a writer retries
# this long before it concludes that another writer holds the intent.
ACQUIRE_PATIENCE = 0.25


def intent_path(db_path: str | Path) -> Path:
    """The lock file of a store: `bilat.duckdb` -> `bilat.duckdb.lock`."""
    p = Path(db_path)
    return p.with_name(p.name + LOCK_SUFFIX)


class WriteIntent:
    """An exclusive lock on `<db>.lock`, held by the one process that writes the store."""

    def __init__(self, fd: int | None, path: Path) -> None:
        self._fd = fd
        self.path = path

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def acquire(cls, db_path: str | Path, *, patience: float = ACQUIRE_PATIENCE) -> WriteIntent:
        """Take the intent of the store at `db_path`.

        Raises StoreError when another process holds it (it is writing the store).
        When the lock file cannot be created (a read-only folder) the intent is not
        held and DuckDB's own checks decide.
        """
        path = intent_path(db_path)
        if fcntl is None:  # pragma: no cover
            return cls(None, path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            return cls(None, path)
        deadline = time.monotonic() + patience
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return cls(fd, path)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreError(
                        f"{db_path} is in use by another process (another writer, such as "
                        "`bilat code` or `bilat serve --allow-write`); wait for it to finish"
                    ) from None
                time.sleep(0.005)
            except OSError:  # a file system without flock: no intent
                os.close(fd)
                return cls(None, path)

    def release(self) -> None:
        """Let readers in again (closing the descriptor drops the lock)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def writer_waiting(db_path: str | Path) -> bool:
    """True while a writer holds (or is about to take) the store at `db_path`.

    Costs an open and a non-blocking `flock` on the lock file, a few microseconds;
    it never creates the file, so it works in read-only folders.
    """
    if fcntl is None:  # pragma: no cover
        return False
    try:
        fd = os.open(intent_path(db_path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also drops the shared lock at once
    return False
