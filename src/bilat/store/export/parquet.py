"""Events as Parquet, written by DuckDB's COPY from the store's own table.

The columns are the stored ones: every field of `Event` plus `date_start`
(the first day of the event's date, a DATE); `extra` is JSON text.
"""

from __future__ import annotations

from pathlib import Path

from bilat.store import sql
from bilat.store.records import EventQuery
from bilat.store.rows import EVENT_COLUMNS
from bilat.store.store import Store

PARQUET_COLUMNS: tuple[str, ...] = EVENT_COLUMNS


def _select() -> str:
    return ", ".join('CAST(extra AS VARCHAR) AS extra' if c == "extra" else f'"{c}"'
                     for c in PARQUET_COLUMNS)


def write_parquet(store: Store, path: str | Path, *, query: EventQuery = EventQuery()) -> int:
    """Write the matching events to the Parquet file `path`; return how many.

    The filters and the path are bound parameters; no value enters the SQL text.
    """
    clause, params = sql.where(query)
    paging, page_params = sql.page(query)
    select = f"SELECT {_select()} FROM events {clause} {sql.order_by(query)} {paging}"
    with store._cursor() as cur:  # the store package's own connection (same package)
        cur.execute(f"COPY ({select}) TO ? (FORMAT parquet, COMPRESSION zstd)",
                    [*params, *page_params, str(path)])
        row = cur.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    return int(row[0]) if row else 0
