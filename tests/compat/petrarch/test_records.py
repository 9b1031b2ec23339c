"""The validation-records reader."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch.records import parse_records, read_records
from bilat.errors import InputNotFound, MalformedInput


@pytest.fixture(scope="module")
def rs(fixtures_dir):
    return read_records(fixtures_dir / "mini.records.xml")


def test_environment_names_the_dictionaries(rs):
    env = rs.environment
    assert (env.verbs, env.actors, env.agents, env.discards) == (
        "mini.verbs.txt", ("mini.actors.txt",), ("mini.agents.txt",), ("mini.discards.txt",))
    assert env.include == ("BASIC", "DATE") and env.ontology is None


def test_records_and_gold(rs):
    by_id = {r.id: r for r in rs.records}
    assert list(by_id) == ["BASIC-01", "BASIC-02", "DATE-01", "DATE-02", "OTHER-01"]
    first = by_id["BASIC-01"]
    assert first.expected == {("VAL", "KRV", "162")}
    assert first.text == "Valdoria severed trade ties with Korvath on Monday."
    assert first.date.isoformat() == "1995-01-05" and first.comments == ("a synonym-set pattern",)
    assert by_id["BASIC-02"].expected == frozenset()               # noevents
    assert by_id["DATE-01"].expected == {("ESKGOV", "VAL", "073")}  # self-closing tag
    assert by_id["OTHER-01"].expects_error == "storydiscard"


def test_which_records_are_evaluated(rs):
    by_id = {r.id: r for r in rs.records}
    assert not by_id["DATE-02"].evaluate                   # sentence="false"
    assert [r.id for r in rs.records if rs.included(r)] == ["BASIC-01", "BASIC-02", "DATE-01"]


def test_config_options_are_kept_not_applied(rs):
    by_id = {r.id: r for r in rs.records}
    assert by_id["BASIC-01"].option("require_dyad") is None
    assert by_id["BASIC-02"].option("require_dyad") == "false"


def test_parse_words_flag_a_text_that_differs(rs):
    first = rs.records[0]
    assert first.parse_words[:3] == ("Valdoria", "severed", "trade")
    assert first.text_matches_parse
    other = parse_records(
        '<Sentence id="X" date="19950101"><Text>Valdoria left.</Text>'
        "<Parse>1\tKorvath\t_\n2\tleft\t_\n3\t.\t_</Parse></Sentence>", origin="r")
    assert not other.records[0].text_matches_parse


@pytest.mark.parametrize("text,message", [
    ('<Sentence id="X" date="1995"><Text>a</Text></Sentence>', r"r:1: date='1995'"),
    ('\n<Sentence id="X"></Sentence>', r"r:2: <Sentence> without <Text>"),
    ("<Validation></Validation>", "no <Sentence> records"),
])
def test_malformed_records(text, message):
    with pytest.raises(MalformedInput, match=message):
        parse_records(text, origin="r")


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        read_records(tmp_path / "nope.xml")


def test_real_suites_read(suite_dir):
    unit = read_records(suite_dir / "petrarch2" / "PETR.UnitTest.records.xml")
    assert len(unit.records) > 250 and "DEMO" in unit.environment.include
    ud = read_records(suite_dir / "ud-petrarch-dev-validate" / "PETR_Validate_records_2_02.xml")
    assert ud.environment.ontology and sum(not r.evaluate for r in ud.records) > 5
