"""The DuckDB store of coded stories and events, and its query records.

    with Store.open("bilat.duckdb") as store:
        store.write_story(article, events)
        store.events(EventQuery(dyad=("KAZ", "ROU"), since="2010"))
"""

from bilat.store.records import (
    DocumentCount,
    DocumentRow,
    EventQuery,
    EventSummary,
    StoreStats,
    WriteResult,
    YearSummary,
)
from bilat.store.store import DEFAULT_STORE_PATH, Store

__all__ = [
    "DEFAULT_STORE_PATH", "DocumentCount", "DocumentRow", "EventQuery", "EventSummary",
    "Store", "StoreStats", "WriteResult", "YearSummary",
]
