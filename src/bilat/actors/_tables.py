"""Reading the bundled actor tables: TSV rows with their line numbers, and one
error for every bad row at once.

The tables live in ``bilat/data/actors/``. Each is UTF-8, tab-separated, with
``#`` lines for notes, then a header row naming the columns, then data rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bilat.errors import TableError

#: CAMEO sector codes (the three-letter agent codes) that the tables may use.
SECTORS = frozenset({
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "OPP", "REB", "INS", "PTY",
    "CVL", "LAB", "EDU", "REF", "HLH", "REL", "AGR", "HRI", "CRM", "ELI", "NGO", "ENV",
    "UAF", "MOD", "RAD",
})


def data_dir() -> Path:
    """Folder of the bundled actor tables."""
    return Path(str(resources.files("bilat") / "data" / "actors"))


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: where it stood and its cells by column name."""

    path: Path
    line: int
    cells: dict[str, str]

    def where(self) -> str:
        return f"{self.path.name}:{self.line}"


class Problems:
    """Collects bad rows so that a table reports all of them in one error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = "; ".join(self.items[:5])
        more = f"; and {len(self.items) - 5} more" if len(self.items) > 5 else ""
        raise TableError(
            f"{len(self.items)} bad row(s) in {self.path}: {shown}{more} (fix the table and reload)"
        )


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Rows of a table whose header must be exactly `columns`.

    Raises TableError for a missing file, a wrong header or a row with the wrong
    number of cells (all such rows at once).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise TableError(f"{path}: table not found (reinstall bilat or pass an existing path)") from e
    except UnicodeDecodeError as e:
        raise TableError(f"{path}: not UTF-8 (save the table as UTF-8)") from e
    problems = Problems(path)
    rows: list[Row] = []
    header_seen = False
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(c.strip() for c in cells) != columns:
                raise TableError(
                    f"{path.name}:{line_no}: header is {cells!r}, expected {list(columns)!r} "
                    "(restore the header row)"
                )
            continue
        if len(cells) != len(columns):
            problems.add(f"{path.name}:{line_no}",
                         f"{len(cells)} cells, expected {len(columns)} (tab-separated)")
            continue
        rows.append(Row(path, line_no, {c: v.strip() for c, v in zip(columns, cells)}))
    if not header_seen:
        raise TableError(f"{path}: no header row (add the column names)")
    problems.raise_if_any()
    return rows


def split_list(cell: str) -> list[str]:
    """A |-separated cell as its non-empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]
