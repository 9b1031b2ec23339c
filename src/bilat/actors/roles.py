"""The role table: words and phrases that name an actor's role, and the
CAMEO sector each gives ("foreign minister" -> GOV, "troops" -> MIL).

    roles = RoleTable.load()                     # cached
    roles.lookup("Foreign Ministry").sector      # "GOV"

Data: ``data/actors/roles.tsv``. Besides roles proper it holds the small words
that shape a mention ("former" -> ELI, "deputy"), references to both parties
("the two countries") and phrases that are never actors ("Latin American").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from bilat.actors import forms
from bilat.actors._tables import SECTORS, Problems, data_dir, read_tsv, split_list

ROLE_COLUMNS = ("phrases", "sector", "type")


class RoleType(str, Enum):
    """How a phrase acts in a mention (see the notes at the top of roles.tsv)."""

    TITLE = "title"  # a person's title; a name may follow
    BODY = "body"  # a group or organ
    FORMER = "former"  # makes the mention a former office holder (ELI)
    MODIFIER = "modifier"  # glue with no sector ("deputy", "acting")
    PAIR = "pair"  # "the two", "both": a dyad reference when a role follows
    DYAD = "dyad"  # "the two countries"
    BLOCK = "block"  # holds an actor word but names no actor

    @property
    def needs_sector(self) -> bool:
        return self in (RoleType.TITLE, RoleType.BODY, RoleType.FORMER)


@dataclass(frozen=True, slots=True)
class Role:
    """One phrase of the table."""

    phrase: str
    sector: str | None
    type: RoleType


class RoleTable:
    """Role phrases by lookup key."""

    def __init__(self, roles: list[Role]) -> None:
        self._roles = roles
        self._by_key = {forms.normalize(v): r for r in roles for v in forms.variants(r.phrase)}

    @classmethod
    def load(cls, *, path: Path | None = None) -> RoleTable:
        """The table at `path` (default: the bundled roles.tsv), cached."""
        return _load(path or data_dir() / "roles.tsv")

    def all(self) -> list[Role]:
        """Every phrase as written in the table (no spelling variants)."""
        return list(self._roles)

    def lookup(self, phrase: str) -> Role | None:
        """The role a phrase names, in any case and spelling ("Defense Ministry"), or None."""
        return self._by_key.get(forms.normalize(phrase))


@cache
def _load(path: Path) -> RoleTable:
    problems = Problems(path)
    roles: list[Role] = []
    seen: dict[str, str] = {}
    for row in read_tsv(path, ROLE_COLUMNS):
        try:
            kind = RoleType(row.cells["type"])
        except ValueError:
            problems.add(row.where(), f"type {row.cells['type']!r} is not one of "
                         f"{', '.join(t.value for t in RoleType)}")
            continue
        sector = row.cells["sector"] or None
        if kind.needs_sector and sector not in SECTORS:
            problems.add(row.where(), f"type {kind.value} needs a CAMEO sector, got {sector!r}")
            continue
        if sector is not None and sector not in SECTORS:
            problems.add(row.where(), f"sector {sector!r} is not a CAMEO sector code")
            continue
        phrases = split_list(row.cells["phrases"])
        if not phrases:
            problems.add(row.where(), "no phrases")
        for phrase in phrases:
            keys = {forms.normalize(v) for v in forms.variants(phrase)}
            again = next((seen[k] for k in keys if k in seen), None)
            if again is not None:
                problems.add(row.where(), f"{phrase!r} is already listed at {again}")
                continue
            seen.update(dict.fromkeys(keys, row.where()))
            roles.append(Role(phrase, sector, kind))
    problems.raise_if_any()
    return RoleTable(roles)
