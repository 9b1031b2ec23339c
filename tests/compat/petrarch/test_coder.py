"""Coding sentences with the invented test dictionaries (loads the spaCy model)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.slow

D95 = date(1995, 1, 1)

CASES = [
    # (sentence, date, expected (source, target, code) triples, what it checks)
    ("Valdoria severed trade ties with Korvath on Monday.", D95,
     {("VAL", "KRV", "162")}, "synonym set in a pattern"),
    ("Korvath cut off all ties with Valdoria.", D95,
     {("KRV", "VAL", "163")}, "multi-word verb; '_' adjacency"),
    ("Korvath cut off ties with Valdoria.", D95,
     {("KRV", "VAL", "161")}, "no pattern: the block's code"),
    ("Valdoria didn't sever ties with Korvath.", D95,
     {("VAL", "KRV", "164")}, "negation spelled by the pattern is not negated again"),
    ("Eskaland gave 500 silver marks to Valdoria.", date(1989, 1, 1),
     {("ESKGOV", "VAL", "073")}, "irregular form; nested set; date before restriction"),
    ("Eskaland gave 500 silver marks to Valdoria.", D95,
     {("ESK", "VAL", "073")}, "date after restriction"),
    ("Eskaland gave 50 gold pieces to Valdoria.", D95,
     {("ESK", "VAL", "073")}, "equal patterns: the one matching more words"),
    ("Eskaland gave gold to Valdoria.", D95, {("ESK", "VAL", "074")}, "a one-word set"),
    ("Eskaland donated food to Valdoria.", D95,
     {("ESK", "VAL", "071")}, "a verb's own code"),
    ("Valdoria was praised by Korvath.", D95,
     {("KRV", "VAL", "052")}, "+ and $ in one pattern"),
    ("Korvath was praised by the Valdorian envoy.", D95,
     {("VALGOV", "KRV", "052")}, "agent composed with a demonym"),
    ("Valdoria and Korvath met on Tuesday.", D95,
     {("VAL", "KRV", "043"), ("KRV", "VAL", "043")}, "% compound, paired code"),
    ("Valdoria did not meet Korvath.", D95,
     {("VAL", "KRV", "125"), ("KRV", "VAL", "125")}, "negation through the ontology"),
    ("The Korvath army warned their neighbours about Eskaland.", D95,
     {("KRVMIL", "ESK", "131")}, "^ skips a noun phrase"),
    ("The Brennic charity board praised the Valdorian harbour police.", D95,
     {("NGOBRN", "VALCOP", "051")}, "prefix and suffix agents"),
    ("Korvath ship crewmen praised Valdoria.", D95,
     {("KRVMIL", "VAL", "051")}, "substitution-set agent"),
    ("The Twin Crowns praised Eskaland.", D95,
     {("VAL", "ESK", "051"), ("KRV", "ESK", "051")}, "a '/'-joined code gives each actor"),
    ("Old March praised Korvath.", D95, set(), "a null actor code"),
    ("Tamsin Vale praised Korvath.", date(2000, 6, 1), {("VALELI", "KRV", "051")},
     "date range"),
    ("Valdoria praised Korvath after the chess final.", D95, set(), "sentence discard"),
    ("Valdoria asked Korvath for a new rail link.", D95,
     {("VAL", "KRV", "061")}, "{...} noun phrase with a modifier before it"),
    ("Valdoria asked Korvath for loans.", D95, {("VAL", "KRV", "062")}, "(...) phrase"),
]


@pytest.mark.parametrize("text,when,expected,why", CASES, ids=[c[3] for c in CASES])
def test_code_text(mini_coder, text, when, expected, why):
    events = [e for s in mini_coder.code_text(text, when=when) for e in s.events]
    assert {e.triple for e in events} == expected


def test_events_say_where_they_came_from(mini_coder, fixtures_dir):
    [s] = mini_coder.code_text("Valdoria severed trade ties with Korvath.", when=D95)
    [ev] = s.events
    assert ev.verb == "severed" and ev.pattern.endswith("mini.verbs.txt:27")
    assert (ev.source_text, ev.target_text) == ("Valdoria", "Korvath")
    assert {m.text for m in s.mentions} == {"Valdoria", "Korvath"}


def test_story_discard_stops_every_sentence(mini_coder):
    out = mini_coder.code_text("Valdoria praised Korvath. It was at the Grand Prix.", when=D95)
    assert [s.discarded.phrase for s in out] == ["GRAND PRIX"]
    assert all(not s.events for s in out)


def test_require_dyad_off_codes_a_missing_side(mini, nlp):
    from bilat.compat.petrarch import PetrarchCoder

    loose = PetrarchCoder(mini, nlp=nlp, require_dyad=False)
    [s] = loose.code_text("Valdoria severed trade ties.", when=D95)
    assert {e.triple for e in s.events} == {("VAL", "---", "162")}


def test_code_texts_keeps_input_order_and_doc_coding_matches(mini_coder, nlp):
    items = [("Valdoria was praised by Korvath.", D95), ("Eskaland donated food to Valdoria.", D95)]
    got = [{e.triple for s in out for e in s.events} for out in mini_coder.code_texts(items)]
    assert got == [{("KRV", "VAL", "052")}, {("ESK", "VAL", "071")}]
    # a Doc parsed elsewhere is coded as it stands (no stand-in names)
    doc = nlp("Eskaland donated food to Valdoria.")
    assert {e.triple for s in mini_coder.code_doc(doc, when=D95) for e in s.events} == \
        {("ESK", "VAL", "071")}
