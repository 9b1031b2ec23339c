"""The CAMEO event ontology: codes, names, Goldstein values, quad classes, PLOVER types.

The facts live in ``data/cameo/cameo_codes.tsv`` (one row per CAMEO 1.1b3 code:
the 20 two-digit roots, every three- and four-digit code). The table is read
and checked once, on first use, and kept for the life of the process.

    >>> from bilat import ontology
    >>> ontology.get("042").goldstein
    1.9
    >>> ontology.root_of("0214")
    '02'

Unknown codes raise ``BadParameter``; a broken table raises ``TableError``
naming ``file:line``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bilat.errors import BadParameter, TableError

__all__ = [
    "CameoCode", "QUAD_CLASS_NAMES", "PLOVER_TYPES", "COLUMNS",
    "get", "is_valid", "all_codes", "roots", "root_of", "load_table", "default_table_path",
]

#: CAMEO's four quad classes (the bilat "0 statement" class is not one of them).
QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: PLOVER event types (PLOVER 2021 and later; DEMAND, DISAPPROVE and
#: INVESTIGATE of earlier drafts were folded into REQUEST and ACCUSE).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_PLOVER_SET = frozenset(PLOVER_TYPES)

#: The header the table must start with.
COLUMNS: tuple[str, ...] = ("code", "name", "goldstein", "quad_class", "plover")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and its attributes."""

    code: str  # "01" .. "20", "042", "0214"
    name: str  # short description
    goldstein: float  # Goldstein (1992) conflict-cooperation weight, -10 .. +10
    quad_class: int  # 1..4, see QUAD_CLASS_NAMES
    plover: str | None  # PLOVER event type, or None (CAMEO 01 statements)
    root: str  # the two-digit root

    @property
    def quad_class_name(self) -> str:
        return QUAD_CLASS_NAMES[self.quad_class]

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


def default_table_path() -> Path:
    """Where the bundled table is."""
    return Path(str(resources.files("bilat") / "data" / "cameo" / "cameo_codes.tsv"))


def _check_row(row: list[str], where: str, problems: list[str]) -> CameoCode | None:
    if len(row) != len(COLUMNS):
        problems.append(f"{where}: expected {len(COLUMNS)} tab-separated columns, got {len(row)}")
        return None
    code, name, gold_s, quad_s, plover_s = (cell.strip() for cell in row)
    bad = len(problems)
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        problems.append(f"{where}: code {code!r} is not 2 to 4 digits")
    elif not 1 <= int(code[:2]) <= 20:
        problems.append(f"{where}: code {code!r} has root {code[:2]!r}, not 01..20")
    if not name:
        problems.append(f"{where}: code {code!r} has no name")
    try:
        goldstein = float(gold_s)
    except ValueError:
        goldstein = math.nan
    if not -10.0 <= goldstein <= 10.0:
        problems.append(f"{where}: Goldstein value {gold_s!r} is not a number in [-10, 10]")
    quad = int(quad_s) if quad_s.isascii() and quad_s.isdigit() else 0
    if quad not in QUAD_CLASS_NAMES:
        problems.append(f"{where}: quad_class {quad_s!r} is not 1, 2, 3 or 4")
    if plover_s and plover_s not in _PLOVER_SET:
        problems.append(f"{where}: PLOVER type {plover_s!r} is not one of "
                        f"{', '.join(PLOVER_TYPES)}")
    if len(problems) > bad:
        return None
    return CameoCode(code=code, name=name, goldstein=goldstein, quad_class=quad,
                     plover=plover_s or None, root=code[:2])


def load_table(path: str | Path) -> dict[str, CameoCode]:
    """Read and check a code table; return ``{code: CameoCode}`` in file order.

    Blank lines and lines starting with ``#`` are skipped. Every bad row is
    collected; the ``TableError`` names the first one and counts the rest.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TableError(f"{path}: cannot read the CAMEO code table ({e}); reinstall bilat "
                         "or fix the path") from e
    problems: list[str] = []
    table: dict[str, CameoCode] = {}
    lines: dict[str, int] = {}
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        where = f"{path}:{lineno}"
        if not header_seen:
            header_seen = True
            if tuple(c.strip() for c in row) != COLUMNS:
                problems.append(f"{where}: header must be {' '.join(COLUMNS)} (tab-separated)")
                break
            continue
        entry = _check_row(row, where, problems)
        if entry is None:
            continue
        if entry.code in table:
            problems.append(f"{where}: code {entry.code!r} already defined on line "
                            f"{lines[entry.code]}")
            continue
        table[entry.code] = entry
        lines[entry.code] = lineno
    if not header_seen:
        problems.append(f"{path}:1: the table is empty")
    for code, entry in table.items():
        where = f"{path}:{lines[code]}"
        if entry.root not in table:
            problems.append(f"{where}: code {code!r} has no root row {entry.root!r}")
        elif len(code) == 4 and code[:3] not in table:
            problems.append(f"{where}: code {code!r} has no parent row {code[:3]!r}")
    if problems:
        more = f" (and {len(problems) - 1} more bad rows)" if len(problems) > 1 else ""
        raise TableError(f"{problems[0]}{more}; fix the CAMEO code table")
    return table


@functools.cache
def _table() -> dict[str, CameoCode]:
    return load_table(default_table_path())


def get(code: str) -> CameoCode:
    """The entry of a CAMEO code such as ``"042"``; ``BadParameter`` if unknown."""
    table = _table()
    try:
        return table[code]
    except (KeyError, TypeError):
        pass
    if isinstance(code, str) and code.strip() in table:
        return table[code.strip()]
    raise BadParameter(f"unknown CAMEO code {code!r}; use a CAMEO 1.1b3 code such as '042' "
                       "or a root '01'..'20'")


def is_valid(code: str) -> bool:
    """True when ``code`` is a CAMEO 1.1b3 code (exactly as written)."""
    try:
        return code in _table()
    except TypeError:  # unhashable input
        return False


def all_codes() -> list[CameoCode]:
    """Every code, roots included, in table order (01, 010, 011, ...)."""
    return list(_table().values())


def roots() -> list[CameoCode]:
    """The twenty root codes 01..20."""
    return [c for c in _table().values() if len(c.code) == 2]


def root_of(code: str) -> str:
    """The two-digit root of a CAMEO code (``"0214"`` -> ``"02"``)."""
    return get(code).root
