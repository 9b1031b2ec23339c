"""A cache of the read API's answers that can never serve stale data.

While the API's shared read-only connection stays open (one `ReadPool` epoch),
DuckDB's shared lock keeps every writer out, so the store cannot change: an
answer computed in that epoch stays true for the rest of it. `ResponseCache`
keeps the 200 answers of `GET /api/...` keyed by path and query string, tagged
with the epoch the route read in (`deps.read_store` records it), and serves one
only while that same epoch is still open. When the pool closes the store (idle,
or a writer announced itself), the epoch ends and every entry with it.

Bounded: at most `max_bytes` of bodies (least recently used go first), no entry
over `max_entry_bytes`. A hit counts as a use of the store, so a busy server
keeps its epoch (and its cache) until a writer comes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat.interfaces.api.deps import EPOCH_KEY
from bilat.interfaces.api.pool import ReadPool

DEFAULT_CACHE_BYTES = 64 << 20  # 64 MiB of answers
DEFAULT_ENTRY_BYTES = 8 << 20  # a larger answer is not kept


@dataclass(frozen=True, slots=True)
class _Entry:
    epoch: int
    start: Message
    body: bytes


class ResponseCache:
    """ASGI middleware: answer repeated GETs of /api/ from memory within one store epoch."""

    def __init__(self, app: ASGIApp, *, pool: ReadPool, max_bytes: int = DEFAULT_CACHE_BYTES,
                 max_entry_bytes: int = DEFAULT_ENTRY_BYTES) -> None:
        self.app = app
        self.pool = pool
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[tuple[str, bytes], _Entry] = OrderedDict()
        self._size = 0
        self._epoch = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith("/api/")):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        epoch = self.pool.current_epoch()
        entry = self._get(key, epoch)
        if entry is not None:
            await send(entry.start)
            await send({"type": "http.response.body", "body": entry.body})
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                if size > self.max_entry_bytes:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        read_in = scope.get("state", {}).get(EPOCH_KEY)
        if keep and start is not None and isinstance(read_in, int):
            self._put(key, _Entry(read_in, start, b"".join(chunks)))

    def _get(self, key: tuple[str, bytes], epoch: int | None) -> _Entry | None:
        with self._lock:
            if epoch is None or epoch != self._epoch:
                self._clear_locked(epoch or 0)
                self.misses += 1
                return None
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def _put(self, key: tuple[str, bytes], entry: _Entry) -> None:
        with self._lock:
            if entry.epoch != self._epoch:
                if entry.epoch < self._epoch:
                    return  # read in an epoch that has ended
                self._clear_locked(entry.epoch)
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._entries[key] = entry
            self._size += len(entry.body)
            while self._size > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)

    def _clear_locked(self, epoch: int) -> None:
        self._entries.clear()
        self._size = 0
        self._epoch = epoch

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._size, "hits": self.hits,
                    "misses": self.misses, "epoch": self._epoch}
