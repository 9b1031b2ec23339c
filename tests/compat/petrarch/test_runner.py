"""Running validation-records files, and the figures on the real PETRARCH suites."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.compat.petrarch.records import Record
from bilat.compat.petrarch.runner import (RecordOutcome, SuiteResult, default_suites, diagnose,
                                          find_records_file, format_result, run_suite)
from bilat.errors import InputNotFound

#: Exact-coding rates reached when this was written (docs/ACCURACY.md), less a margin:
#: a change that loses more than about eight records of a suite fails here.
FLOORS = {"PETR.UnitTest.records.xml": 0.87, "PETR_Validate_records_2_02.xml": 0.85}


def record(**kw) -> Record:
    base = dict(id="X", date=date(1995, 1, 1), category="DEMO", evaluate=True, text="a b",
                expected=frozenset(), expects_error=None, parse_words=("a", "b"), options=(),
                line=1)
    base.update(kw)
    return Record(**base)


@pytest.mark.parametrize("kw,tags", [
    ({}, ()),
    ({"parse_words": ("a", "c")}, ("parse-text",)),
    ({"expected": frozenset({("---GOV", "---", "023")})}, ("require-dyad-off",)),
    ({"expected": frozenset({('"INJURY TOLL"', "OSG", "223")})}, ("new-actor",)),
    ({"expects_error": "bad_input_parse"}, ("parse-error",)),
    ({"expected": frozenset({("FRO/BIL", "GON", "050")})}, ("joined-codes",)),
])
def test_diagnose(kw, tags):
    assert diagnose(record(**kw)) == tags


def test_diagnose_flags_a_code_the_dictionary_cannot_give(mini):
    from bilat.compat.petrarch.runner import producible_codes

    codes = producible_codes(mini)
    assert {"161", "162", "073", "903", "125"} <= codes  # 125: "040" negated
    assert diagnose(record(expected=frozenset({("VAL", "KRV", "345")})), codes) == \
        ("unknown-code",)
    assert diagnose(record(expected=frozenset({("VAL", "KRV", "162")})), codes) == ()


def test_result_figures_and_report():
    good = RecordOutcome("A", "DEMO", 3, "t", True, frozenset({("X", "Y", "010")}),
                         frozenset({("X", "Y", "010")}))
    bad = RecordOutcome("B", "DEMO", 9, "u", True, frozenset(), frozenset({("X", "Y", "010")}),
                        ("parse-text",))
    skipped = RecordOutcome("C", "AGENTS", 12, "v", False, frozenset(), frozenset())
    r = SuiteResult("s.xml", "s.xml", "d", (good, bad, skipped))
    assert (r.exact, len(r.evaluated), r.rate) == (1, 2, 0.5)
    assert r.by_category() == {"DEMO": (1, 2)}
    text = format_result(r, details=True)
    assert "1/2 evaluated records coded exactly (50.0%)" in text
    assert "- B (line 9)  [parse-text]: u" in text and "gold: (no event)" in text
    assert r.to_dict()["failures"] == ["B"]


def test_records_file_lookup(tmp_path, fixtures_dir):
    assert find_records_file(fixtures_dir) == fixtures_dir / "mini.records.xml"
    with pytest.raises(InputNotFound):
        find_records_file(tmp_path)
    with pytest.raises(InputNotFound, match="no PETRARCH validation records"):
        default_suites(tmp_path)


@pytest.mark.slow
def test_fixture_suite(fixtures_dir, nlp):
    r = run_suite(fixtures_dir / "mini.records.xml", nlp=nlp)
    assert (r.exact, len(r.evaluated), len(r.outcomes)) == (3, 3, 5)
    assert {o.id for o in r.outcomes if not o.included} == {"DATE-02", "OTHER-01"}


@pytest.mark.slow
@pytest.mark.parametrize("parts", [("petrarch2", "PETR.UnitTest.records.xml"),
                                   ("ud-petrarch-dev-validate", "PETR_Validate_records_2_02.xml")])
def test_real_suite_rate_holds(suite_dir, nlp, parts):
    path = suite_dir.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    r = run_suite(path, nlp=nlp)
    assert r.rate >= FLOORS[parts[-1]], format_result(r, details=True)
