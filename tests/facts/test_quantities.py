"""Numbers with qualifiers and currencies, on tokenizer-only Docs."""

from __future__ import annotations

import pytest
import spacy

from bilat.facts import quantities

NLP = spacy.blank("en")


def _q(text):
    return [(q.value, q.unit, q.qualifier) for q in quantities(list(NLP(text)))]


@pytest.mark.parametrize("text, expected", [
    ("More than thirty thousand people", [(30000.0, None, "more than")]),
    ("some 5,000 teachers", [(5000.0, None, "about")]),
    ("over 1,500 US dollars", [(1500.0, "USD", "more than")]),
    ("$1.2 billion", [(1.2e9, "USD", None)]),
    ("about 300 million euros", [(3e8, "EUR", "about")]),
    ("USD 45.5 mln", [(45.5e6, "USD", None)]),
    ("one hundred twenty-five thousand", [(125000.0, None, None)]),
    ("twenty five", [(25.0, None, None)]),
    ("a million visitors", [(1e6, None, None)]),
    ("nearly 2 bn tenge", [(2e9, "KZT", "nearly")]),
    ("up to 40 flights", [(40.0, None, "up to")]),
    ("at least 12 dead", [(12.0, None, "at least")]),
])
def test_quantities(text, expected):
    got = _q(text)
    assert [(u, q) for _, u, q in got] == [(u, q) for _, u, q in expected]
    assert [v for v, _, _ in got] == pytest.approx([v for v, _, _ in expected])


@pytest.mark.parametrize("text", ["in 2017 they met", "the 1992 treaty", "no numbers here"])
def test_years_and_words_are_not_quantities(text):
    assert _q(text) == []


def test_a_year_with_a_qualifier_or_scale_is_a_quantity():
    assert _q("more than 2000 people") == [(2000.0, None, "more than")]


def test_positions_and_text():
    doc = NLP("Trade reached $ 1.2 billion in 2016.")
    (q,) = quantities(list(doc))
    assert doc[q.start:q.end].text == q.text == "$ 1.2 billion"
