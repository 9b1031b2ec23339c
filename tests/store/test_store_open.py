"""Opening a store: creation, migrations, read-only mode and the files it refuses."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path

import duckdb
import pytest

from bilat.about import SCHEMA_VERSION
from bilat.errors import BadParameter, StoreError
from bilat.schemas import Event
from bilat.store import Store
from bilat.store.migrations import available_migrations
from bilat.store.rows import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS


def _one_line(e: pytest.ExceptionInfo[StoreError]) -> str:
    text = str(e.value)
    assert "\n" not in text
    return text


def test_open_creates_and_records_migrations(db_path: Path) -> None:
    with Store.open(db_path) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert db_path.exists()
    with Store.open(db_path) as s:  # a second open applies nothing again
        assert s.stats().n_events == 0
    con = duckdb.connect(str(db_path), read_only=True)
    rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    con.close()
    assert rows == [(m.version, m.name) for m in available_migrations()]


def test_highest_migration_is_schema_version() -> None:
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[-1] == SCHEMA_VERSION


def test_tables_match_records(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    con = duckdb.connect(str(db_path), read_only=True)

    def columns(table: str) -> tuple[str, ...]:
        return tuple(r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall())

    indexed = {r[0] for r in con.execute(
        "SELECT expressions FROM duckdb_indexes() WHERE table_name = 'events'").fetchall()}
    assert columns("events") == EVENT_COLUMNS
    assert set(columns("events")) == {f.name for f in fields(Event)} | {"date_start"}
    assert columns("documents") == DOCUMENT_COLUMNS
    assert columns("actors") == ACTOR_COLUMNS
    con.close()
    assert {"[doc_id]", "[source_country, target_country]", "[date_start]"} <= indexed


def test_read_only_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.duckdb"
    with pytest.raises(StoreError) as e:
        Store.open(path, read_only=True)
    text = _one_line(e)
    assert str(path) in text and "bilat code" in text
    assert not path.exists()


@pytest.mark.parametrize("content", [b"\x00\xffgarbage" * 500, b"hello world\n", b"",
                                     b"SQLite format 3\x00" + bytes(100)])
def test_not_a_duckdb_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreError) as e:
            Store.open(path, read_only=read_only)
        assert "not a DuckDB database" in _one_line(e)
    assert path.read_bytes() == content  # left alone


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_foreign_duckdb_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE accounts (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a bilat store"):
        Store.open(path)
    with pytest.raises(StoreError, match="not a bilat store"):
        Store.open(path, read_only=True)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (1,)
    con.close()


def test_newer_schema_is_refused(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations VALUES (?, 'future', now()::TIMESTAMP)",
                [SCHEMA_VERSION + 1])
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="upgrade bilat"):
            Store.open(db_path, read_only=read_only)


def test_read_only_store_reads_but_refuses_writes(db_path: Path, make_story) -> None:
    with Store.open(db_path) as s:
        s.write_story(*make_story("doc-1", 2))
    with Store.open(db_path, read_only=True) as s:
        assert s.count_events() == 2
        with pytest.raises(StoreError, match="read-only"):
            s.write_story(*make_story("doc-2", 1))
        assert s.count_events() == 2


def test_memory_store(make_story) -> None:
    with Store.open(":memory:") as s:
        s.write_story(*make_story("doc-1", 2))
        assert s.count_events() == 2
    with pytest.raises(BadParameter):
        Store.open(":memory:", read_only=True)


def test_closed_store_raises(store: Store) -> None:
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.stats()


def test_file_locked_by_another_process(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    holder = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(db_path)!r})
        print("locked", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError) as e:
            Store.open(db_path)
        assert "in use by another process" in _one_line(e)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "bilat.duckdb")
    assert not (tmp_path / "no").exists()
