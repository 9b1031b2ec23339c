"""Actors: who is named in a sentence.

    CountryTable   states and IGOs: codes, names, demonyms, capitals by date
    RoleTable      role words and the CAMEO sector each gives
    Gazetteer      finds ActorMentions on spaCy Docs (tokens only)

The leader table (terms of office) is `bilat.actors.leaders.LeaderTable`.
`Gazetteer` is imported on first use, so that the tables load without spaCy.
"""

from __future__ import annotations

from typing import Any

from bilat.actors.countries import Capital, Country, CountryTable, Period, SurfaceForm
from bilat.actors.roles import Role, RoleTable, RoleType

__all__ = [
    "Capital", "Country", "CountryTable", "Period", "SurfaceForm",
    "Gazetteer", "LeaderSource",
    "Role", "RoleTable", "RoleType",
]


def __getattr__(name: str) -> Any:
    if name in ("Gazetteer", "LeaderSource"):
        from bilat.actors import gazetteer

        return getattr(gazetteer, name)
    raise AttributeError(f"module 'bilat.actors' has no attribute {name!r}")
