"""Finding dictionary phrases in a token sequence."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch.phrases import PhraseIndex, parse_phrase


@pytest.mark.parametrize("text,words,tight", [
    ("HUMAN_RIGHTS_ACTIVIST", ("HUMAN", "RIGHTS", "ACTIVIST"), (True, True)),
    ("ITHIL TELEVISION", ("ITHIL", "TELEVISION"), (False,)),
    ("PORT-ISKAR_", ("PORT", "-", "ISKAR"), (True, True)),
    ("OLD_PORT ISKAR", ("OLD", "PORT", "ISKAR"), (True, False)),
])
def test_parse_phrase(text, words, tight):
    p = parse_phrase(text)
    assert (p.words, p.tight) == (words, tight)


@pytest.fixture
def index():
    ix = PhraseIndex()
    for text, tag in [("NEW_ISKAR", "NI"), ("ISKAR", "I"), ("ORRIN TELEVISION", "OT"),
                      ("ORRIN", "O")]:
        ix.add(parse_phrase(text), tag)
    return ix


def found(index, sentence, tags=None):
    return [(m.start, m.end, m.payload) for m in index.find_all(sentence.upper().split(), tags)]


def test_longest_phrase_wins(index):
    assert found(index, "troops left New Iskar for Iskar") == [(2, 4, "NI"), (5, 6, "I")]


def test_a_blank_steps_over_modifiers_only(index):
    assert found(index, "Orrin state - run television said") == [(0, 5, "OT")]
    assert found(index, "Orrin and the television") == [(0, 1, "O")]
    tags = ["NNP", "JJ", "NN"]
    assert found(index, "Orrin public television", tags) == [(0, 3, "OT")]
    assert found(index, "Orrin said television", ["NNP", "VBD", "NN"]) == [(0, 1, "O")]
