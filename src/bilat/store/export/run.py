"""`export_events`: write the events a query matches to a file in one of the standard formats."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO

from bilat.errors import BadParameter
from bilat.store.export.csvfile import write_csv
from bilat.store.export.gdelt import write_gdelt
from bilat.store.export.parquet import write_parquet
from bilat.store.export.plover import write_plover
from bilat.store.records import EventQuery
from bilat.store.store import Store


class ExportFormat(str, Enum):
    GDELT = "gdelt"  # GDELT 2.0 event table, tab-separated, no header
    PLOVER = "plover"  # PLOVER JSON records, one per line
    CSV = "csv"  # every Event field, with a header
    PARQUET = "parquet"  # the stored columns, via DuckDB COPY


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: str
    format: ExportFormat
    n_events: int  # rows or records written
    n_skipped: int = 0  # events the format cannot hold (PLOVER: no category or no date)


def write_events(store: Store, out: TextIO, *, fmt: ExportFormat | str,
                 query: EventQuery = EventQuery(), names: Callable[[str], str | None] | None = None,
                 header: bool = False) -> ExportResult:
    """Write the matching events to a text stream (e.g. stdout); Parquet needs a file."""
    fmt = _format(fmt)
    if fmt is ExportFormat.PARQUET:
        raise BadParameter("parquet is a binary format: give a file path, not standard output")
    n, skipped = _write_text(store, out, fmt, query=query, names=names, header=header)
    return ExportResult(path="-", format=fmt, n_events=n, n_skipped=skipped)


def _write_text(store: Store, out: TextIO, fmt: ExportFormat, *, query: EventQuery,
                names: Callable[[str], str | None] | None, header: bool) -> tuple[int, int]:
    if fmt is ExportFormat.GDELT:
        return write_gdelt(store, out, query=query, names=names, header=header), 0
    if fmt is ExportFormat.PLOVER:
        return write_plover(store, out, query=query)
    return write_csv(store, out, query=query), 0


def _format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise BadParameter(f"export format {fmt!r} is not one of {choices}") from None


def export_events(store: Store, out: str | Path, *, fmt: ExportFormat | str,
                  query: EventQuery = EventQuery(), names: Callable[[str], str | None] | None = None,
                  header: bool = False) -> ExportResult:
    """Write the events matching `query` to the file `out` in format `fmt`.

    The file appears only when complete: it is written beside `out` under a
    temporary name and renamed. `names` maps a country code to its name (GDELT's
    Actor1Name/Actor2Name); `header` writes GDELT's column names as a first line.
    """
    fmt = _format(fmt)
    target = Path(out)
    if target.is_dir():
        raise BadParameter(f"{target} is a directory; give a file path to export to")
    if not target.parent.is_dir():
        raise BadParameter(f"folder {target.parent} does not exist; create it or choose another path")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    skipped = 0
    try:
        if fmt is ExportFormat.PARQUET:
            n = write_parquet(store, tmp, query=query)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as f:
                n, skipped = _write_text(store, f, fmt, query=query, names=names, header=header)
        os.replace(tmp, target)
    except OSError as e:
        raise BadParameter(
            f"cannot write {target} ({e.strerror or e}); check free space and permissions "
            "or choose another path"
        ) from e
    finally:
        tmp.unlink(missing_ok=True)
    return ExportResult(path=str(target), format=fmt, n_events=n, n_skipped=skipped)
