"""Events joined with the stories they come from, for exports that need a URL or coding time."""

from __future__ import annotations

from collections.abc import Iterator

from bilat.schemas import Event
from bilat.store.records import DocumentRow, EventQuery
from bilat.store.store import Store

# a story's row is looked up once per batch of events; the cache is emptied when it
# grows past this many stories, so memory stays bounded on any store
_MAX_CACHED = 100_000


def events_with_documents(store: Store, query: EventQuery, *,
                          batch_size: int = 10_000) -> Iterator[tuple[Event, DocumentRow | None]]:
    """Each matching event (in the store's order) with its story's row, or None if missing."""
    cache: dict[str, DocumentRow] = {}
    batch: list[Event] = []
    for ev in store.iter_events(query, batch_size=batch_size):
        batch.append(ev)
        if len(batch) >= batch_size:
            yield from _with_docs(store, batch, cache)
            batch = []
    if batch:
        yield from _with_docs(store, batch, cache)


def _with_docs(store: Store, batch: list[Event],
               cache: dict[str, DocumentRow]) -> Iterator[tuple[Event, DocumentRow | None]]:
    missing = sorted({ev.doc_id for ev in batch} - cache.keys())
    if missing:
        if len(cache) + len(missing) > _MAX_CACHED:
            cache.clear()
        cache.update((d.doc_id, d) for d in store.documents(missing))
    for ev in batch:
        yield ev, cache.get(ev.doc_id)
