"""Standard exports of stored events: GDELT 2.0 event table, PLOVER JSON Lines, CSV, Parquet.

    with Store.open("bilat.duckdb", read_only=True) as store:
        result = export_events(store, "kaz-rou.tsv", fmt=ExportFormat.GDELT,
                               query=EventQuery(dyad=("KAZ", "ROU")))

Each format has its own module; `export_events` writes any of them to a file
atomically (a temporary file beside OUT, renamed when complete), so a failed
export never leaves a half-written OUT behind.
"""

from bilat.store.export.csvfile import CSV_COLUMNS, write_csv
from bilat.store.export.gdelt import GDELT_COLUMNS, gdelt_row, write_gdelt
from bilat.store.export.parquet import PARQUET_COLUMNS, write_parquet
from bilat.store.export.plover import plover_record, write_plover
from bilat.store.export.run import ExportFormat, ExportResult, export_events, write_events

__all__ = [
    "CSV_COLUMNS", "ExportFormat", "ExportResult", "GDELT_COLUMNS", "PARQUET_COLUMNS",
    "export_events", "gdelt_row", "plover_record", "write_csv", "write_gdelt", "write_parquet",
    "write_events", "write_plover",
]
