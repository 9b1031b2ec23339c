"""Schema migrations: numbered SQL files under `migrations/`, applied in order.

Each applied file is recorded in `schema_migrations(version, name, applied_at)`,
so opening a store twice never re-applies one. The highest file number is
`bilat.about.SCHEMA_VERSION`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

import duckdb

from bilat.about import SCHEMA_VERSION
from bilat.errors import StoreError

_FILE = re.compile(r"(\d{3})_([a-z0-9_]+)\.sql")

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migration files shipped with bilat, by version."""
    found = []
    for entry in resources.files("bilat.store").joinpath("migrations").iterdir():
        m = _FILE.fullmatch(entry.name)
        if m is not None:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """Highest applied version; None if the database has no `schema_migrations` table."""
    has = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
        ["schema_migrations"],
    ).fetchone()
    if not has or has[0] == 0:
        return None
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _n_tables(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'").fetchone()
    return int(row[0]) if row else 0


def check_version(version: int | None, *, path: str) -> None:
    """Refuse a database this bilat cannot read (read-only opens call this)."""
    if version is None or version == 0:
        raise StoreError(f"{path} is not a bilat store (no schema); run `bilat code` to create one")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this bilat ({SCHEMA_VERSION}); upgrade bilat"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, this bilat needs {SCHEMA_VERSION}; "
            "open it once without --read-only (e.g. `bilat code`) to migrate it"
        )


def migrate(con: duckdb.DuckDBPyConnection, *, path: str) -> int:
    """Apply every migration newer than the database; return the resulting version."""
    version = current_version(con)
    if version is None and _n_tables(con) > 0:
        raise StoreError(
            f"{path} is a DuckDB database but not a bilat store; choose another --db path"
        )
    if version is not None and version > SCHEMA_VERSION:
        check_version(version, path=path)
    con.execute(_BOOTSTRAP)
    version = version or 0
    for mig in available_migrations():
        if mig.version <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(mig.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [mig.version, mig.name, datetime.now(timezone.utc).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise StoreError(
                f"migration {mig.version:03d}_{mig.name} failed on {path}: {_one_line(e)}"
            ) from e
        version = mig.version
    return version


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
