"""The DuckDB store: one file holding documents, events and their actors.

Writes go through one `Store` (DuckDB allows a single writer per file). Each
story is written atomically: its document row and all of its events are
replaced together or not at all. `write_stories` writes a whole batch in one
transaction and, if that fails, writes each half again the same way, down to
one story per transaction: the stories before a bad one are kept, the bad one
is named, and no story is ever half written.
Reads use their own cursor, so they may run from other threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from bilat.errors import BadParameter, StoreError
from bilat.schemas import Article, Event, Fact
from bilat.store import migrations, sql
from bilat.store.intent import WriteIntent
from bilat.store.records import (
    MAX_LIMIT,
    DocumentCount,
    DocumentRow,
    EventQuery,
    EventSummary,
    StoreStats,
    WriteResult,
    YearSummary,
)
from bilat.store.rows import (
    ACTOR_COLUMNS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    EVENT_FIELDS,
    FACT_COLUMNS,
    actor_rows,
    document_row,
    event_row,
    fact_row,
    quoted,
    row_to_event,
    row_to_fact,
)

DEFAULT_STORE_PATH = Path("bilat.duckdb")
MEMORY = ":memory:"

_SELECT_EVENTS = f"SELECT {quoted(EVENT_FIELDS)} FROM events"
_SELECT_DOCUMENTS = f"SELECT {quoted(DOCUMENT_COLUMNS)} FROM documents"
_SELECT_FACTS = f"SELECT {quoted(FACT_COLUMNS)} FROM facts"
_IN_LIST = "IN (SELECT unnest(?::VARCHAR[]))"
# never fetch or load extensions behind the user's back (DuckDB would try to
# install sqlite_scanner when handed an SQLite file)
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file
# How long a writer waits for read-only holders (e.g. `bilat serve`) to let go of the file:
# they see its intent (bilat.store.intent) and close as soon as their requests end.
WRITER_WAIT = 10.0
_READERS_HOLD = "would be able to open this database in read-only mode"  # DuckDB's wording


@dataclass(slots=True)
class _Prepared:
    article: Article
    events: list[tuple[Any, ...]]
    actors: list[tuple[Any, ...]]
    facts: list[tuple[Any, ...]]


class Store:
    """A bilat store. Build it with `Store.open(path)`; use it as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, path: str, read_only: bool,
                 schema_version: int, intent: WriteIntent | None = None) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self.schema_version = schema_version
        self._lock = threading.RLock()
        self._intent = intent

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = DEFAULT_STORE_PATH, *, read_only: bool = False,
             wait: float = WRITER_WAIT) -> Store:
        """Open (and when writable, create and migrate) the store at `path`.

        A writer first takes the store's intent (`bilat.store.intent`), so bilat's
        readers let go of the file, and waits up to `wait` seconds while only readers
        hold it; another writer makes it fail at once.
        """
        name = str(path)
        if name != MEMORY:
            p = Path(path)
            if p.is_dir():
                raise StoreError(f"{name} is a directory; give a file path for the store")
            if read_only and not p.exists():
                raise StoreError(f"no bilat store at {name}; run `bilat code` first to create it")
            if not p.parent.is_dir():
                raise StoreError(f"folder {p.parent} does not exist; create it or choose another --db path")
            _check_magic(p)
        elif read_only:
            raise BadParameter("an in-memory store cannot be opened read-only")
        intent = None if read_only or name == MEMORY else WriteIntent.acquire(name)
        try:
            con = _connect(name, read_only=read_only, wait=wait if intent is not None else 0.0)
        except StoreError:
            if intent is not None:
                intent.release()
            raise
        try:
            if read_only:
                version = migrations.current_version(con)
                migrations.check_version(version, path=name)
            else:
                version = migrations.migrate(con, path=name)
        except (StoreError, duckdb.Error) as e:
            con.close()
            if intent is not None:
                intent.release()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot read store {name}: {_one_line(e)}") from e
        return cls(con, path=name, read_only=read_only, schema_version=version or 0,
                   intent=intent)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
            if self._intent is not None:
                self._intent.release()
                self._intent = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writable"
        state = "closed" if self._con is None else mode
        return f"<Store {self.path} ({state})>"

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"store {self.path} is closed; open it again with Store.open")
        return self._con

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            cur = self._connection().cursor()
        try:
            yield cur
        except duckdb.Error as e:
            raise StoreError(f"query on store {self.path} failed: {_one_line(e)}") from e
        finally:
            cur.close()

    # -- writing -------------------------------------------------------------

    def write_story(self, article: Article, events: Sequence[Event], *,
                    force: bool = False, facts: Sequence[Fact] = ()) -> WriteResult:
        """Store one story and replace all of its events (and facts), atomically.

        A story whose content hash is already stored is left untouched (status
        "unchanged") unless `force` (e.g. the dictionaries changed). On any
        error nothing changes and StoreError is raised.
        """
        return self.write_stories([(article, events, facts)], force=force)[0]

    def write_stories(self, batch: Sequence[tuple[Article, Sequence[Event]]
                                            | tuple[Article, Sequence[Event], Sequence[Fact]]], *,
                      force: bool = False) -> list[WriteResult]:
        """Store many stories, each atomically, with the result of each in order.

        Each item is (article, events) or (article, events, facts); a story's facts are
        replaced with its events.

        Same outcome as calling `write_story` on each in turn: if a story fails,
        the stories before it are stored, it and the ones after are not, and
        StoreError names it. The batch is written in one transaction when it can be.
        `force` rewrites stories whose content hash is already stored.
        """
        items = [(item[0], list(item[1]), list(item[2]) if len(item) > 2 else [])
                 for item in batch]
        if not items:
            return []
        with self._lock:
            self._writable()
            return self._write_halves(items, start=0, total=len(items), force=force)

    def _write_halves(self, items: list[tuple[Article, list[Event], list[Fact]]], *, start: int,
                      total: int, force: bool) -> list[WriteResult]:
        """Write `items` in one transaction; on failure write each half the same way.

        Halving finds a bad story in a few transactions while keeping the order:
        every story before it is stored, none after it.
        """
        try:
            return self._write_batch(items, force=force)
        except StoreError as e:
            if len(items) > 1:
                mid = len(items) // 2
                return (self._write_halves(items[:mid], start=start, total=total, force=force)
                        + self._write_halves(items[mid:], start=start + mid, total=total,
                                             force=force))
            if total == 1:
                raise
            raise StoreError(
                f"{e.message} (story {start + 1} of a batch of {total}; the {start} before it were stored)"
            ) from e

    def _writable(self) -> duckdb.DuckDBPyConnection:
        con = self._connection()
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only; open it without --read-only to write")
        return con

    def _write_batch(self, items: list[tuple[Article, list[Event], list[Fact]]], *,
                     force: bool) -> list[WriteResult]:
        con = self._writable()
        what = f"story {items[0][0].doc_id}" if len(items) == 1 else f"a batch of {len(items)} stories"
        doc_ids = list(dict.fromkeys(item[0].doc_id for item in items))
        try:
            con.execute("BEGIN TRANSACTION")
        except duckdb.Error as e:
            raise StoreError(f"cannot write {what} to {self.path}: {_one_line(e)}") from e
        try:
            stored = {
                doc_id: (content_hash, n)
                for doc_id, content_hash, n in con.execute(
                    f"SELECT doc_id, content_hash, n_events FROM documents WHERE doc_id {_IN_LIST}",
                    [doc_ids],
                ).fetchall()
            }
            state = dict(stored)
            results: list[WriteResult] = []
            final: dict[str, _Prepared] = {}
            for article, events, facts in items:
                prev = state.get(article.doc_id)
                digest = article.content_hash
                unchanged = prev is not None and prev[0] == digest
                if unchanged and force and article.doc_id not in final:
                    unchanged = False  # forced: rewrite once even though the text is the same
                if unchanged:
                    results.append(WriteResult(article.doc_id, "unchanged", prev[1]))
                    continue
                final[article.doc_id] = _prepare(article, events, facts)
                results.append(WriteResult(
                    article.doc_id, "new" if prev is None else "updated", len(events),
                    n_replaced=0 if prev is None else prev[1],
                ))
                state[article.doc_id] = (digest, len(events))
            replaced = [doc_id for doc_id in final if doc_id in stored]
            if replaced:
                for table in ("events", "actors", "facts", "documents"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id {_IN_LIST}", [replaced])
            if final:
                now = datetime.now(timezone.utc).replace(tzinfo=None)
                with con.appender("documents", columns=list(DOCUMENT_COLUMNS)) as app:
                    app.append_rows(
                        document_row(p.article, len(p.events), now) for p in final.values()
                    )
                with con.appender("events", columns=list(EVENT_COLUMNS)) as app:
                    app.append_rows(row for p in final.values() for row in p.events)
                with con.appender("actors", columns=list(ACTOR_COLUMNS)) as app:
                    app.append_rows(row for p in final.values() for row in p.actors)
                fact_rows = [row for p in final.values() for row in p.facts]
                if fact_rows:
                    con.executemany(
                        f"INSERT INTO facts ({quoted(FACT_COLUMNS)}) VALUES "
                        f"({', '.join('?' for _ in FACT_COLUMNS)})", fact_rows)
            con.execute("COMMIT")
        except (StoreError, duckdb.Error, ValueError, TypeError) as e:
            _rollback(con)
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot write {what} to {self.path}: {_one_line(e)}") from e
        return results

    # -- reading -------------------------------------------------------------

    def is_unchanged(self, doc_id: str, content_hash: str) -> bool:
        """True if `doc_id` is stored with this content hash (the coder may skip it)."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ?", [doc_id, content_hash]
            ).fetchone()
        return row is not None

    def unchanged(self, stories: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (doc_id, content_hash) pairs of `stories` stored exactly so, in one query
        (a point query a story costs ~1-4 ms on a large store; a batch of 500, ~3 ms)."""
        if not stories:
            return set()
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT doc_id, content_hash FROM documents WHERE doc_id {_IN_LIST}",
                [list({doc_id for doc_id, _ in stories})],
            ).fetchall()
        return {(doc_id, digest) for doc_id, digest in rows} & set(stories)

    def events(self, query: EventQuery = EventQuery()) -> list[Event]:
        """The events matching `query`, sorted by date (undated last), doc_id, sentence."""
        text, params = _events_sql(query)
        with self._cursor() as cur:
            return [row_to_event(r) for r in cur.execute(text, params).fetchall()]

    def iter_events(self, query: EventQuery = EventQuery(), *, batch_size: int = 10_000) -> Iterator[Event]:
        """Like `events`, fetched `batch_size` rows at a time."""
        if (isinstance(batch_size, bool) or not isinstance(batch_size, int)
                or not 1 <= batch_size <= MAX_LIMIT):
            raise BadParameter(f"batch_size must be between 1 and {MAX_LIMIT:,}, got {batch_size!r}")
        text, params = _events_sql(query)
        return self._iter(text, params, batch_size)

    def _iter(self, text: str, params: list[Any], batch_size: int) -> Iterator[Event]:
        with self._cursor() as cur:
            cur.execute(text, params)
            while rows := cur.fetchmany(batch_size):
                for r in rows:
                    yield row_to_event(r)

    def facts(self, *, pair: tuple[str, str] | None = None,
              doc_ids: Sequence[str] | None = None) -> list[Fact]:
        """Stored facts: those between the two countries of `pair` (either order) and/or of
        the stories `doc_ids`; all when neither is given. In the order of the text: by story,
        sentence, and place in the sentence."""
        clauses, params = [], []
        if pair is not None:
            clauses.append("((country_a = ? AND country_b = ?) OR (country_a = ? AND country_b = ?))")
            params += [pair[0], pair[1], pair[1], pair[0]]
        if doc_ids is not None:
            clauses.append(f"doc_id {_IN_LIST}")
            params.append(list(doc_ids))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "ORDER BY doc_id, sentence_index, rowid"
        with self._cursor() as cur:
            rows = cur.execute(f"{_SELECT_FACTS} {where} {order}", params).fetchall()
        return [row_to_fact(r) for r in rows]

    def count_events(self, query: EventQuery = EventQuery()) -> int:
        """How many events match `query` (limit and offset are ignored)."""
        clause, params = sql.where(query)
        with self._cursor() as cur:
            row = cur.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()
        return int(row[0]) if row else 0

    def documents(self, doc_ids: Sequence[str] | None = None) -> list[DocumentRow]:
        """Stored stories (all, or those named), by story date then doc_id."""
        order = "ORDER BY story_date NULLS LAST, doc_id"
        with self._cursor() as cur:
            if doc_ids is None:
                rows = cur.execute(f"{_SELECT_DOCUMENTS} {order}").fetchall()
            else:
                rows = cur.execute(
                    f"{_SELECT_DOCUMENTS} WHERE doc_id {_IN_LIST} {order}", [list(doc_ids)]
                ).fetchall()
        return [DocumentRow(*r) for r in rows]

    def stats(self) -> StoreStats:
        """Number of documents and events, and the dates of the first and last event."""
        with self._cursor() as cur:
            n_docs = cur.execute("SELECT count(*) FROM documents").fetchone()
            ev = cur.execute(
                'SELECT count(*), arg_min("date", date_start), arg_max("date", date_start) FROM events'
            ).fetchone()
        return StoreStats(
            path=self.path, schema_version=self.schema_version,
            n_documents=int(n_docs[0]) if n_docs else 0,
            n_events=int(ev[0]) if ev else 0,
            first_date=ev[1] if ev else None, last_date=ev[2] if ev else None,
        )

    # -- aggregates (limit/offset of the query are ignored) -------------------

    def year_summary(self, query: EventQuery = EventQuery()) -> list[YearSummary]:
        """Per calendar year of `date_start`: counts by quad class and mean Goldstein."""
        clause, params = sql.where(query)
        dated = f"{clause} AND date_start IS NOT NULL" if clause else "WHERE date_start IS NOT NULL"
        text = (
            "SELECT year(date_start) AS y, count(*), "
            "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
            "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4), "
            f"avg(goldstein) FROM events {dated} GROUP BY y ORDER BY y"
        )
        with self._cursor() as cur:
            rows = cur.execute(text, params).fetchall()
        return [YearSummary(year=int(r[0]), n=int(r[1]), quad=(r[2], r[3], r[4], r[5]),
                            mean_goldstein=float(r[6])) for r in rows]

    def summary(self, query: EventQuery = EventQuery()) -> EventSummary:
        """Totals over the matching events."""
        clause, params = sql.where(query)
        text = (
            "SELECT count(*), "
            "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
            "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4), "
            'avg(goldstein), arg_min("date", date_start), arg_max("date", date_start), '
            f"count(*) FILTER (WHERE date_start IS NULL) FROM events {clause}"
        )
        with self._cursor() as cur:
            r = cur.execute(text, params).fetchone()
        if r is None:  # an aggregate always returns a row
            raise StoreError(f"store {self.path} returned no summary row; the file may be damaged")
        return EventSummary(
            n=int(r[0]), quad=(r[1], r[2], r[3], r[4]),
            mean_goldstein=None if r[5] is None else float(r[5]),
            first_date=r[6], last_date=r[7], n_undated=int(r[8]),
        )

    def document_counts(self, query: EventQuery = EventQuery()) -> list[DocumentCount]:
        """The stories the matching events come from, with their event counts."""
        clause, params = sql.where(query)
        text = (
            f"WITH c AS (SELECT doc_id, count(*) AS n FROM events {clause} GROUP BY doc_id) "
            "SELECT c.doc_id, d.title, d.story_date, d.url, c.n FROM c "
            "LEFT JOIN documents d ON d.doc_id = c.doc_id "
            "ORDER BY d.story_date NULLS LAST, c.doc_id"
        )
        with self._cursor() as cur:
            rows = cur.execute(text, params).fetchall()
        return [DocumentCount(*r) for r in rows]


def _events_sql(query: EventQuery) -> tuple[str, list[Any]]:
    clause, params = sql.where(query)
    paging, page_params = sql.page(query)
    order = sql.order_by(query)
    if not clause and not paging:
        return f"{_SELECT_EVENTS} {order}", params
    # Pick the rows on the filter and sort columns only, then fetch their other columns by
    # rowid: DuckDB would otherwise read every column of every row it filters (2-5x slower
    # on a million events).
    picked = f"SELECT rowid FROM events {clause} {order} {paging}"
    return f"{_SELECT_EVENTS} WHERE rowid IN ({picked}) {order}", params + page_params


def _prepare(article: Article, events: list[Event], facts: Sequence[Fact] = ()) -> _Prepared:
    """Check a story's events and facts and turn them into rows (no database access)."""
    if not isinstance(article.doc_id, str) or not article.doc_id:
        raise StoreError(f"an article has doc_id {article.doc_id!r}; every story needs a doc_id")
    seen: set[str] = set()
    ev_rows = []
    ac_rows: list[tuple[Any, ...]] = []
    for ev in events:
        if ev.doc_id != article.doc_id:
            raise StoreError(
                f"event {ev.event_id} has doc_id {ev.doc_id!r} but was given with story "
                f"{article.doc_id!r}; pass each story with its own events"
            )
        if ev.event_id in seen:
            raise StoreError(
                f"story {article.doc_id} has two events with id {ev.event_id}; event ids must be unique"
            )
        seen.add(ev.event_id)
        ev_rows.append(event_row(ev))
        ac_rows += actor_rows(ev)
    fact_rows = []
    seen.clear()
    for fact in facts:
        if fact.doc_id != article.doc_id:
            raise StoreError(
                f"fact {fact.fact_id} has doc_id {fact.doc_id!r} but was given with story "
                f"{article.doc_id!r}; pass each story with its own facts"
            )
        if fact.fact_id in seen:
            raise StoreError(
                f"story {article.doc_id} has two facts with id {fact.fact_id}; fact ids must be unique"
            )
        seen.add(fact.fact_id)
        fact_rows.append(fact_row(fact))
    return _Prepared(article, ev_rows, ac_rows, fact_rows)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        # the transaction is already gone (DuckDB aborts it on some errors)
        return


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _check_magic(path: Path) -> None:
    """Refuse an existing file that is not a DuckDB database, before DuckDB sees it."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except FileNotFoundError:
        return
    except OSError as e:
        raise StoreError(f"cannot read {path} ({e.strerror}); check the --db path and its permissions") from e
    if head[8:12] != _MAGIC:
        raise StoreError(f"{path} is not a DuckDB database; choose another --db path")


def _connect(name: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retried for up to `wait` seconds while read-only holders keep the file."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(name, read_only=read_only, config=_CONFIG)
        except duckdb.Error as e:
            if _READERS_HOLD in str(e) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise StoreError(_open_message(name, e)) from e


def _open_message(path: str, e: duckdb.Error) -> str:
    text = _one_line(e)
    low = text.lower()
    if "not a valid duckdb database" in low:
        return f"{path} is not a DuckDB database; choose another --db path"
    if "lock" in low:
        return (f"{path} is in use by another process (DuckDB allows one writer, or readers "
                "only); wait for that process to finish")
    if "different configuration" in low:
        return f"{path} is already open in this process in another mode; close that store first"
    if "read-only file system" in low or "permission denied" in low:
        return f"cannot write {path} ({text}); choose a writable --db path or open it read-only"
    return f"cannot open store {path}: {text}"
