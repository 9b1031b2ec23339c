"""The role table: role phrases and their CAMEO sectors, and load-time checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.actors._tables import SECTORS, data_dir
from bilat.actors.roles import RoleTable, RoleType
from bilat.errors import TableError


@pytest.fixture(scope="module")
def roles() -> RoleTable:
    return RoleTable.load()


@pytest.mark.parametrize("phrase,sector", [
    *[(p, "GOV") for p in (
        "president", "prime minister", "Premier", "chancellor", "king", "emir", "government",
        "cabinet", "minister", "Foreign Minister", "foreign ministry", "MFA", "Ministry of Foreign "
        "Affairs", "embassy", "ambassador", "envoy", "diplomats", "delegation", "officials",
        "spokesman", "secretary of state", "press service", "authorities")],
    *[(p, "LEG") for p in ("parliament", "Senate", "lawmakers", "parliamentary delegation",
                           "members of parliament", "congress")],
    *[(p, "MIL") for p in ("army", "military", "troops", "forces", "navy", "air force", "soldiers",
                           "defence ministry", "Defense Ministry", "ministry of defense",
                           "peacekeepers")],
    ("police", "COP"), ("court", "JUD"), ("judge", "JUD"),
    *[(p, "BUS") for p in ("companies", "business", "businesses", "firms", "investors")],
    ("media", "MED"), ("journalists", "MED"), ("opposition", "OPP"),
    *[(p, "REB") for p in ("rebels", "militants", "insurgents")],
    *[(p, "CVL") for p in ("protesters", "demonstrators", "people", "citizens", "civilians")],
    ("students", "EDU"), ("universities", "EDU"), ("refugees", "REF"), ("intelligence agency", "SPY"),
    ("former", "ELI"), ("ex-", "ELI"),
])
def test_sectors(roles, phrase, sector):
    role = roles.lookup(phrase)
    assert role is not None, phrase
    assert role.sector == sector


@pytest.mark.parametrize("phrase,kind", [
    ("president", RoleType.TITLE), ("government", RoleType.BODY), ("former", RoleType.FORMER),
    ("deputy", RoleType.MODIFIER), ("the two", RoleType.PAIR), ("both", RoleType.PAIR),
    ("the two countries", RoleType.DYAD), ("both sides", RoleType.DYAD),
    ("their countries", RoleType.DYAD), ("Latin American", RoleType.BLOCK),
])
def test_types(roles, phrase, kind):
    assert roles.lookup(phrase).type is kind


@pytest.mark.parametrize("phrase", ["weather", "Kazakhstan", "", "press"])
def test_not_roles(roles, phrase):
    assert roles.lookup(phrase) is None


def test_every_row_is_well_formed(roles):
    all_roles = roles.all()
    assert len(all_roles) > 300
    assert {r.type for r in all_roles} == set(RoleType)
    for r in all_roles:
        assert r.phrase == r.phrase.strip() and r.phrase
        if r.type.needs_sector:
            assert r.sector in SECTORS, r
        elif r.type in (RoleType.MODIFIER, RoleType.PAIR, RoleType.BLOCK):
            assert r.sector is None, r


# -- load-time checks ---------------------------------------------------------------------------

def _table(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "roles.tsv"
    text = (data_dir() / "roles.tsv").read_text(encoding="utf-8")
    path.write_text(text + extra + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("row,message", [
    ("president\tGOV\ttitle", "'president' is already listed"),
    ("grand vizier\tGOV\tvizier", "type 'vizier'"),
    ("grand vizier\t\ttitle", "needs a CAMEO sector"),
    ("grand vizier\tXYZ\tbody", "needs a CAMEO sector"),
    ("astrologers\tXYZ\tmodifier", "not a CAMEO sector"),
    ("grand vizier\tGOV", "cells, expected 3"),
])
def test_bad_row(tmp_path, row, message):
    path = _table(tmp_path, row)
    last_line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(TableError, match=message) as info:
        RoleTable.load(path=path)
    assert f"roles.tsv:{last_line}" in str(info.value)
