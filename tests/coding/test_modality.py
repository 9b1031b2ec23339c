"""Modality code mappings: intent, refusal, appeal, demand, threat."""

import pytest

from bilat import ontology
from bilat.coding.modality import (Mode, appeal_code, demand_code, intent_code, recode,
                                   refusal_code, threat_code)


@pytest.mark.parametrize("code, expected", [
    ("042", "036"), ("040", "036"), ("046", "036"), ("045", "039"), ("057", "030"),
    ("061", "0311"), ("062", "0312"), ("070", "033"), ("072", "0332"), ("084", "0353"),
    ("085", "0354"), ("163", "1312"), ("161", "1313"), ("190", "1384"), ("192", "1382"),
    ("030", "030"), ("111", "111"), ("130", "130"),
])
def test_intent(code, expected):
    assert intent_code(code) == expected


@pytest.mark.parametrize("fn, code, expected", [
    (refusal_code, "042", "125"), (refusal_code, "057", "127"), (refusal_code, "061", "1211"),
    (refusal_code, "084", "1243"), (refusal_code, "120", "120"),
    (appeal_code, "046", "026"), (appeal_code, "045", "028"), (appeal_code, "071", "0231"),
    (appeal_code, "087", "0256"), (appeal_code, "020", "020"),
    (demand_code, "046", "106"), (demand_code, "084", "1053"), (demand_code, "100", "100"),
    (threat_code, "163", "1312"), (threat_code, "190", "1384"), (threat_code, "138", "138"),
])
def test_speech_act_mappings(fn, code, expected):
    assert fn(code) == expected


def test_every_mapped_code_exists_in_the_ontology():
    from bilat.coding.patterns import load_patterns

    for p in load_patterns().patterns:
        for mode in (Mode.INTENT, Mode.REFUSAL, Mode.APPEAL, Mode.DEMAND, Mode.THREAT):
            out = recode(p.code, mode)
            assert out is not None and ontology.is_valid(out), (p.code, mode, out)


@pytest.mark.parametrize("mode", [Mode.NEGATED, Mode.HYPOTHETICAL])
def test_negated_and_hypothetical_events_are_dropped(mode):
    assert recode("042", mode) is None
