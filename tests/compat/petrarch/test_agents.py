"""The .agents reader (plurals, substitution sets) and agent-actor composition."""

from __future__ import annotations

import re

import pytest

from bilat.compat.petrarch.agents import AgentEntry, compose, load_agents, parse_agents
from bilat.compat.petrarch.phrases import parse_phrase
from bilat.errors import TableError


@pytest.fixture(scope="module")
def agents(fixtures_dir):
    return load_agents(fixtures_dir / "mini.agents.txt", strict=True)


def forms(agents):
    return {" ".join(e.phrase.words): (e.code, e.prefix) for e in agents.entries}


def test_plurals(agents):
    f = forms(agents)
    assert f["ENVOY"] == f["ENVOYS"] == ("GOV", False)
    assert "ARMIES" in f                                   # Y -> IES
    assert "HARBOUR POLICE" in f and "HARBOUR POLICES" not in f  # {} = no plural
    assert "CHARITY BOARDS" in f and f["CHARITY BOARD"] == ("NGO", True)  # given plural
    assert "TRADE GUILDS" in f


def test_substitution_sets_give_one_form_per_item(agents):
    f = forms(agents)
    assert {"SHIP CREWMAN", "SHIP CREWMEN", "SHIP CREWWOMAN"} <= set(f)
    assert "SHIP CREWMENS" not in f  # no plural of a substituted form


def test_blank_allows_words_between_but_underscore_does_not(agents):
    guild = next(e for e in agents.entries if e.phrase.words == ("TRADE", "GUILD"))
    police = next(e for e in agents.entries if e.phrase.words == ("HARBOUR", "POLICE"))
    assert guild.phrase.tight == (False,) and police.phrase.tight == (True,)


def agent(code, prefix=False):
    return AgentEntry(parse_phrase("X"), code, prefix, 1)


@pytest.mark.parametrize("actor,agents,code", [
    ("KRV", [agent("MIL")], "KRVMIL"),
    ("KRV", [agent("NGO", True)], "NGOKRV"),
    ("KRV", [agent("NGO", True), agent("GOV")], "NGOKRVGOV"),
    ("VALGOV", [agent("GOV")], "VALGOV"),              # already there
    ("VALGOVMED", [agent("GOVMED")], "VALGOVMED"),     # already there, at a boundary
    ("GMWGOV", [agent("WGO")], "GMWGOVWGO"),           # "WGO" inside, not at a boundary
    ("DNK", [agent("MUS"), agent("MED")], "DNKMUSMED"),  # in text order
    (None, [agent("GOV")], "---GOV"),                  # an agent alone
    ("KRV", [], "KRV"),
])
def test_compose(actor, agents, code):
    assert compose(actor, agents) == code


@pytest.mark.parametrize("text,message", [
    ("LONE_WORD\n", "no [~CODE]"),
    ("OFFICER [GOV]\n", "needs one ~"),
    ("!MISSING!_OFFICE [~GOV]\n", "is not defined"),
    ("ENVOY {ENVOYS [~GOV]\n", "unbalanced"),
])
def test_errors_name_file_and_line(text, message):
    with pytest.raises(TableError, match=rf"my\.agents:1: .*{re.escape(message)}"):
        parse_agents(text, origin="my.agents", strict=True)
    assert parse_agents(text, origin="my.agents").notes[0].startswith("my.agents:1: ")
