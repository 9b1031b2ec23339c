"""Coded stories as Parquet parts, and their one idempotent load into the store.

    write_part(folder, 7, coded)        -> PartFiles: documents-00007.parquet, events-...,
                                           actors-..., facts-... (written by a Dask worker)
    load_parts(db, parts)               -> LoadSummary (the one writer, one transaction)

A part holds the rows the store would hold for its stories, with the store's own
column types: the worker builds them in an in-memory DuckDB migrated like the
store (`bilat.store.migrations`) from the store's row functions
(`bilat.store.rows`), then copies each table to Parquet (to a temporary name,
renamed when complete, so a crashed worker leaves no half part behind).

`load_parts` reads every part in one transaction: a story already stored with
the same content hash is left alone, a changed one has its document, events,
actors and facts replaced, a new one is added; a story found in two parts is
taken from the first. Loading the same parts twice changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from bilat.errors import StoreError

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle

TABLES = ("documents", "events", "actors", "facts")
# the store is never allowed to fetch extensions (as in bilat.store.store)
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


@dataclass(frozen=True, slots=True)
class PartFiles:
    """The Parquet files of one part, by table."""

    part: int
    paths: dict[str, str]
    n_stories: int
    n_events: int


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load did to the store."""

    stories_new: int
    stories_updated: int
    stories_unchanged: int
    events_written: int


def _columns() -> dict[str, tuple[str, ...]]:
    from bilat.store.rows import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, FACT_COLUMNS

    return {"documents": DOCUMENT_COLUMNS, "events": EVENT_COLUMNS, "actors": ACTOR_COLUMNS,
            "facts": FACT_COLUMNS}


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _sql_path(path: str | Path) -> str:
    return str(path).replace("'", "''")


def write_part(folder: str | Path, part: int, coded: Sequence["CodedArticle"]) -> PartFiles:
    """Write the rows of `coded` as Parquet files `<table>-<part>.parquet` in `folder`.

    Raises StoreError when a story's rows break the store's rules (e.g. two events
    with one id) or the folder cannot be written.
    """
    from bilat.store import migrations
    from bilat.store.rows import actor_rows, document_row, event_row, fact_row

    out = Path(folder)
    cols = _columns()
    con = duckdb.connect(":memory:", config=_CONFIG)
    try:
        migrations.migrate(con, path=f"part {part}")
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        for c in coded:
            rows["documents"].append(document_row(c.article, len(c.events), now))
            for ev in c.events:
                rows["events"].append(event_row(ev))
                rows["actors"].extend(actor_rows(ev))
            rows["facts"].extend(fact_row(f) for f in c.facts)
        for table in TABLES:
            if rows[table]:
                with con.appender(table, columns=list(cols[table])) as app:
                    app.append_rows(rows[table])
        paths: dict[str, str] = {}
        for table in TABLES:
            final = out / f"{table}-{part:05d}.parquet"
            tmp = out / f".{table}-{part:05d}.parquet.tmp"
            con.execute(f"COPY (SELECT {_quoted(cols[table])}, {int(part)} AS bilat_part "
                        f"FROM {table}) TO '{_sql_path(tmp)}' (FORMAT PARQUET)")
            os.replace(tmp, final)
            paths[table] = str(final)
    except duckdb.Error as e:
        raise StoreError(f"cannot write part {part} of the coded stories to {out}: "
                         f"{_one_line(e)}; check the folder is writable") from e
    except OSError as e:
        raise StoreError(f"cannot write part {part} to {out} ({e.strerror}); "
                         "check the folder is writable and shared with every worker") from e
    finally:
        con.close()
    return PartFiles(part, paths, len(coded), len(rows["events"]))


def load_parts(db: str | Path, parts: Sequence[PartFiles], *, force: bool = False) -> LoadSummary:
    """Load `parts` into the store at `db` in one transaction (see the module docstring).

    `force` replaces stories even when their content hash is already stored.
    Raises StoreError when the store or a part cannot be read or written; then
    nothing changes.
    """
    from bilat.store import Store

    if not parts:
        return LoadSummary(0, 0, 0, 0)
    Store.open(db).close()  # create or migrate the store first
    cols = _columns()
    files = {t: [p.paths[t] for p in sorted(parts, key=lambda p: p.part)] for t in TABLES}
    con = duckdb.connect(str(db), config=_CONFIG)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE TEMP TABLE bilat_incoming AS SELECT * FROM read_parquet(?) "
            "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY bilat_part) = 1",
            [files["documents"]])
        con.execute(
            "CREATE TEMP TABLE bilat_todo AS SELECT i.doc_id, i.bilat_part, "
            "d.doc_id IS NOT NULL AS existed FROM bilat_incoming i "
            "LEFT JOIN documents d ON d.doc_id = i.doc_id "
            "WHERE d.doc_id IS NULL OR d.content_hash <> i.content_hash OR ?", [force])
        n_incoming = con.execute("SELECT count(*) FROM bilat_incoming").fetchone()[0]
        n_new, n_updated = con.execute(
            "SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE existed) "
            "FROM bilat_todo").fetchone()
        for table in ("events", "actors", "facts", "documents"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM bilat_todo)")
        for table in TABLES:
            c = _quoted(cols[table])
            source = "bilat_incoming" if table == "documents" else "read_parquet(?)"
            params = [] if table == "documents" else [files[table]]
            con.execute(
                f"INSERT INTO {table} ({c}) SELECT {c} FROM {source} s "
                "WHERE EXISTS (SELECT 1 FROM bilat_todo t "
                "WHERE t.doc_id = s.doc_id AND t.bilat_part = s.bilat_part)", params)
        n_events = con.execute(
            "SELECT count(*) FROM events WHERE doc_id IN (SELECT doc_id FROM bilat_todo)"
        ).fetchone()[0]
        con.execute("DROP TABLE bilat_todo")
        con.execute("DROP TABLE bilat_incoming")
        con.execute("COMMIT")
    except duckdb.Error as e:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # DuckDB already aborted the transaction
        raise StoreError(f"cannot load {len(parts)} coded part(s) into {db}: {_one_line(e)}; "
                         "nothing was changed, run the command again") from e
    finally:
        con.close()
    return LoadSummary(int(n_new), int(n_updated), int(n_incoming - n_new - n_updated),
                       int(n_events))


def remove_parts(parts: Sequence[PartFiles]) -> None:
    """Delete the files of loaded parts (missing files are ignored)."""
    for p in parts:
        for path in p.paths.values():
            try:
                os.remove(path)
            except FileNotFoundError:
                continue


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
