"""The API's one writer: code a posted story and store it, one story at a time.

With `create_app(..., allow_write=True)` the server is the single writer of its
store (DuckDB allows one): it opens the file read-write once, for its whole
life, and every request reads through that same connection (each on its own
cursor, so reads never wait for a write and see only committed stories). Coding
and writing are serialised by one lock, so stories are written one after the
other, each in one transaction, exactly as `bilat code` writes them. While the
server writes, `bilat code` on the same file is refused ("in use by another
process"); stop the server or serve read-only to run it.

A posted story goes through `bilat.ingest.article_from_record`, the check every
JSONL line gets, so the API accepts exactly what `bilat code` accepts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.ingest import article_from_record
from bilat.schemas import Article, Event
from bilat.store import EventQuery, Store

if TYPE_CHECKING:
    from bilat.pipeline import Coder

ID_PREFIX = "api"  # doc_id of a posted story without one: "api-<hash of its text>"


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What posting one story did."""

    article: Article
    status: str  # new | updated | unchanged
    events: tuple[Event, ...]
    n_replaced: int


class StoryWriter:
    """A writable Store held for the app's life, and the lock that serialises writes."""

    def __init__(self, store: Store, *, coder: Coder | None = None) -> None:
        self._store = store
        self._coder = coder
        self._lock = threading.Lock()

    @classmethod
    def open(cls, db_path: str | Path, *, coder: Coder | None = None) -> StoryWriter:
        """Open (create, migrate) the store read-write; StoreError if another writer has it."""
        return cls(Store.open(db_path), coder=coder)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store for one request's reads (the same interface as `ReadPool.store`)."""
        yield self._store

    def _loaded_coder(self) -> Coder:
        if self._coder is None:
            from bilat.pipeline import Coder

            self._coder = Coder()
        return self._coder

    def submit(self, record: Any) -> StoryResult:
        """Check, code and store one story object; raises InputError for a bad one.

        An unchanged story (same doc_id, text and date) is not coded again: its
        stored events are returned. An edited one has its events replaced.
        """
        article = article_from_record(record, where="request body", id_prefix=ID_PREFIX)
        with self._lock:
            if self._store.is_unchanged(article.doc_id, article.content_hash):
                stored = self._store.events(EventQuery(doc_id=article.doc_id))
                return StoryResult(article, "unchanged", tuple(stored), 0)
            coded = self._loaded_coder().code_article(article)
            result = self._store.write_stories([(article, coded.events, coded.facts)])[0]
        return StoryResult(article, result.status, coded.events, result.n_replaced)

    def close(self) -> None:
        with self._lock:
            self._store.close()
