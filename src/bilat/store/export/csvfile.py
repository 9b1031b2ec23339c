"""Events as CSV: one header line, then one row per event with every field of `Event`.

Empty cells are None; booleans are `true`/`false`; `extra` is a JSON object
(empty when the event has none), so the file reads back with any CSV reader.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from bilat.schemas import Event
from bilat.store.records import EventQuery
from bilat.store.rows import EVENT_FIELDS
from bilat.store.store import Store

CSV_COLUMNS: tuple[str, ...] = EVENT_FIELDS


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return value


def csv_row(ev: Event) -> list[Any]:
    """The cells of one event, in `CSV_COLUMNS` order."""
    d = ev.to_dict()
    return [_cell(d[name]) for name in CSV_COLUMNS]


def write_csv(store: Store, out: TextIO, *, query: EventQuery = EventQuery()) -> int:
    """Write the matching events as CSV to `out` (opened with newline=""); return how many."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for ev in store.iter_events(query):
        w.writerow(csv_row(ev))
        n += 1
    return n
