"""The .verbs reader: synonym sets, verb forms, patterns, and its error reports."""

from __future__ import annotations

import re

import pytest

from bilat.compat.petrarch.verbs import Kind, Link, load_verbs, parse_verbs, verb_forms
from bilat.errors import TableError


@pytest.fixture(scope="module")
def verbs(fixtures_dir):
    return load_verbs(fixtures_dir / "mini.verbs.txt", strict=True)


@pytest.mark.parametrize("verb,forms", [
    ("SEVER", ("SEVER", "SEVERS", "SEVERED", "SEVERING")),
    ("DONATE", ("DONATE", "DONATES", "DONATED", "DONATING")),
    ("ACCOMPANY", ("ACCOMPANY", "ACCOMPANIES", "ACCOMPANIED", "ACCOMPANYING")),
    ("DELAY", ("DELAY", "DELAYS", "DELAYED", "DELAYING")),
    ("PUNISH", ("PUNISH", "PUNISHES", "PUNISHED", "PUNISHING")),
    ("AGREE", ("AGREE", "AGREES", "AGREED", "AGREEING")),
    ("TIE", ("TIE", "TIES", "TIED", "TYING")),
])
def test_regular_forms(verb, forms):
    assert verb_forms(verb) == forms


def test_synonym_sets_get_plurals_unless_marked(verbs):
    tieset = set(verbs.synsets["TIESET"])
    assert {("TRADE",), ("TRADES",), ("CULTURAL",), ("RAIL",)} <= tieset
    assert ("RAILS",) not in tieset  # the phrase ends in "_"
    coins = set(verbs.synsets["COINS"])  # the label ends in "_": no plurals at all
    assert coins == {("CROWNS",), ("SILVER", "MARKS")}
    assert set(verbs.synsets["ALLCOINS"]) >= coins | {("GOLD", "PIECES")}  # nested set
    assert ("DID", "N'T") in verbs.synsets["NEVERSET"]


def test_forms_and_codes_of_a_block(verbs):
    [hit] = [h for h in verbs.lookup("GAVE")]
    assert (hit.code, hit.verb) == ("070", "GIFT")
    assert verbs.lookup("DONATED")[0].code == "071"  # a verb's own code beats the block's
    multi = [h for h in verbs.lookup("CUTTING") if h.after == ("OFF",)]
    assert multi and multi[0].code == "161"
    assert verbs.lookup("SEVERES") == ()


def test_pattern_elements_links_and_weights(verbs):
    block = next(b for b in verbs.blocks if b.name == "SEVER")
    assert [p.weight for p in block.patterns] == sorted((p.weight for p in block.patterns),
                                                       reverse=True)
    ties = next(p for p in block.patterns if p.code == "162")
    assert [(e.kind, e.value) for e in ties.lower] == [(Kind.SYNSET, "TIESET"), (Kind.WORD, "TIES")]
    assert ties.verb_link is Link.GAP and ties.lower[0].link is Link.GAP
    all_ties = next(p for p in block.patterns if p.code == "163")
    assert all_ties.lower[0].link is Link.ADJACENT  # ALL_TIES
    praise = next(b for b in verbs.blocks if b.name == "PRAISE").patterns[0]
    assert [e.kind for e in praise.upper] == [Kind.TARGET, Kind.WORD]
    assert [e.kind for e in praise.lower] == [Kind.WORD, Kind.SOURCE]
    meet = next(b for b in verbs.blocks if b.name == "MEET")
    assert (meet.code, meet.patterns[0].code) == ("040:040", "043:043")


def test_petrarch2_noun_and_prepositional_phrases(verbs):
    ask = next(b for b in verbs.blocks if b.name == "ASK")
    link = next(p for p in ask.patterns if p.code == "061")
    # {RAIL LINK}: the head word must follow the word before it at once
    assert [(e.value, e.link, e.in_np) for e in link.lower] == [
        ("FOR", Link.GAP, False), ("RAIL", Link.ADJACENT, True), ("LINK", Link.GAP, True)]
    loans = next(p for p in ask.patterns if p.code == "062")
    assert loans.lower[0].preposition and loans.lower[0].link is Link.PREP


BAD = [
    ("- * X [010]\n", "a pattern before any --- VERB", True),
    ("EXPEL\n", "before any --- VERB", True),
    ("--- A [010] ---\nA\n- * X\n", "has no [code]", False),
    ("--- A [010] ---\nA\n- * X [01:02:03]\n", "bad code", False),
    ("--- A [010] ---\nA\n- * {X [010]\n", "unclosed", False),
    ("--- A [010] ---\nA\n- * X * [010]\n", "two verbs", False),
    ("--- A [010] ---\nA\n- X Y [010]\n", "no * for the verb", False),
    ("&S\n+&S\n--- A [010] ---\nA\n", "includes itself", False),
]


@pytest.mark.parametrize("text,message,fatal", BAD)
def test_errors_name_file_and_line(text, message, fatal):
    with pytest.raises(TableError, match=rf"my\.verbs:\d+: .*{re.escape(message)}"):
        parse_verbs(text, origin="my.verbs", strict=True)
    if not fatal:
        notes = parse_verbs(text, origin="my.verbs").notes
        assert any(message in n and n.startswith("my.verbs:") for n in notes)


def test_error_reports_the_right_line():
    text = "--- A [010] ---\nA\n- * OK [011]\n\n- * BAD\n"
    with pytest.raises(TableError, match=r"my\.verbs:5: "):
        parse_verbs(text, origin="my.verbs", strict=True)


def test_undefined_set_drops_the_pattern_with_a_note():
    d = parse_verbs("--- A [010] ---\nA\n- * &NOPE [011]\n- * YES [012]\n", origin="v")
    assert [p.code for p in d.blocks[0].patterns] == ["012"]
    assert d.notes == ("v:3: pattern dropped: synonym set &NOPE is not defined",)


def test_real_petrarch_verbs_load(suite_dir):
    d = load_verbs(suite_dir / "petrarch2" / "PETR.Validate.verbs.txt")
    assert len(d.blocks) > 200 and "TIETYPES" in d.synsets
    ud = load_verbs(suite_dir / "ud-petrarch-dev-validate" / "PETR_Validate_verbs_2_02.txt")
    assert any(p.lower and p.lower[0].in_np for b in ud.blocks for p in b.patterns)
