"""Fixtures of the reliability tests: the CLI in-process, store snapshots and integrity checks."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from bilat.schemas import Article, Event, StoryDateSource, make_event_id
from bilat.store import Store

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bilat_tests_reliability_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


newsgen = _load("newsgen")


@pytest.fixture(scope="session")
def news() -> ModuleType:
    return newsgen


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture
def cli(monkeypatch, capsys, coder) -> Callable[..., CliResult]:
    """Run `bilat ARGS` in this process with the session's Coder (loading it takes seconds)."""
    from bilat.interfaces.cli.app import main

    monkeypatch.setattr("bilat.run.Coder", lambda *a, **k: coder, raising=False)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# -- what a store holds, and the invariants it must keep ---------------------------------------

@dataclass(frozen=True)
class Snapshot:
    documents: dict[str, tuple]  # doc_id -> (content_hash, n_events)
    events: dict[str, tuple]  # event_id -> the stored row (every column)
    n_event_rows: int

    def without(self, doc_ids: set[str]) -> Snapshot:
        """The snapshot without these stories (rows are counted again)."""
        events = {k: v for k, v in self.events.items() if v[1] not in doc_ids}
        return Snapshot({k: v for k, v in self.documents.items() if k not in doc_ids},
                        events, len(events))


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}


def snapshot(db: Path) -> Snapshot:
    """Everything stored that coding decides (not coded_at), read with a plain read-only connection.

    A store killed before its first migration committed holds no tables yet: empty."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        if not {"documents", "events"} <= _tables(con):
            return Snapshot({}, {}, 0)
        docs = {r[0]: (r[1], r[2]) for r in
                con.execute("SELECT doc_id, content_hash, n_events FROM documents").fetchall()}
        rows = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    finally:
        con.close()
    return Snapshot(docs, {r[0]: tuple(r) for r in rows}, len(rows))


INTEGRITY = {
    "events without their story": """
        SELECT count(*) FROM events e LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL""",
    "stories with a part of their events": """
        SELECT count(*) FROM documents d
        LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) c USING (doc_id)
        WHERE coalesce(c.n, 0) <> d.n_events""",
    "actors without their event": """
        SELECT count(*) FROM actors a LEFT JOIN events e USING (event_id) WHERE e.event_id IS NULL""",
    "events without their actors": """
        SELECT count(*) FROM events e WHERE (source_country IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM actors a WHERE a.event_id = e.event_id AND a.role = 'source'))
        OR (target_country IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM actors a WHERE a.event_id = e.event_id AND a.role = 'target'))""",
    "duplicate event ids": "SELECT count(*) - count(DISTINCT event_id) FROM events",
    "duplicate documents": "SELECT count(*) - count(DISTINCT doc_id) FROM documents",
}


def assert_intact(db: Path) -> Snapshot:
    """The store opens and keeps every invariant: whole stories only, no orphans, no duplicates."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = _tables(con)
        if not {"documents", "events", "actors"} <= tables:  # not migrated yet: nothing stored
            assert not tables & {"documents", "events", "actors"}, f"{db}: half a schema {tables}"
            return snapshot(db)
        broken = {name: n for name, q in INTEGRITY.items() if (n := con.execute(q).fetchone()[0])}
    finally:
        con.close()
    assert not broken, f"{db}: {broken}"
    return snapshot(db)


# -- a store with a few stories in it, to check that a run leaves them alone ----------------------

BASELINE_DOCS = ("baseline-1", "baseline-2")


def baseline_events(doc_id: str) -> list[Event]:
    out = []
    for i, (cameo, src, tgt) in enumerate((("042", "KAZ", "ROU"), ("112", "RUS", "UKR"))):
        out.append(Event(
            event_id=make_event_id(doc_id, i, 0, cameo, src, tgt), doc_id=doc_id,
            story_date="2017-07-15", date="2017-07-15", date_precision="day", historical=False,
            source_actor=src, source_country=src, target_actor=tgt, target_country=tgt,
            cameo=cameo, root=cameo[:2], quad_class=1 if cameo == "042" else 3,
            goldstein=1.9 if cameo == "042" else -2.0, plover="CONSULT" if cameo == "042" else "ACCUSE",
            count=1, sentence_index=i, sentence=f"Baseline sentence {i} of {doc_id}.",
            source_text=src, target_text=tgt))
    return out


@pytest.fixture
def baseline_db(tmp_path) -> Path:
    db = tmp_path / "baseline.duckdb"
    with Store.open(db) as store:
        store.write_stories([
            (Article(doc_id=d, text=f"text of {d}", story_date=date(2017, 7, 15),
                     story_date_source=StoryDateSource.METADATA), baseline_events(d))
            for d in BASELINE_DOCS])
    return db


class StoreCheck:
    """`check.snapshot(db)` and `check.intact(db)` for the tests (conftest functions are not
    importable under --import-mode=importlib)."""

    snapshot = staticmethod(snapshot)
    intact = staticmethod(assert_intact)


@pytest.fixture(scope="session")
def check() -> type[StoreCheck]:
    return StoreCheck
