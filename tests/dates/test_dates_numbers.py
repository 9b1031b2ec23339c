"""parse_count: small counts written as digits or words."""

from __future__ import annotations

import re

import pytest

from bilat.dates.numbers import CARDINAL, ORDINAL, parse_count


@pytest.mark.parametrize(("text", "expected"), [
    ("25", 25), ("25th", 25), ("1st", 1), ("a", 1), ("an", 1), ("seven", 7),
    ("seventeen", 17), ("twenty-five", 25), ("Twenty five", 25), ("thirtieth", 30),
    ("twenty-seventh", 27), ("eleventh", 11), ("centenary", 100),
    ("banana", None), ("twenty-banana", None), ("", None),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(("fragment", "text", "matched"), [
    (CARDINAL, "twenty-five years", "twenty-five"),
    (CARDINAL, "seventeen years", "seventeen"),
    (CARDINAL, "2,000 troops", None),
    (ORDINAL, "twenty-fifth anniversary", "twenty-fifth"),
    (ORDINAL, "25th anniversary", "25th"),
])
def test_fragments_match_whole_numbers(fragment, text, matched):
    m = re.match(rf"(?i:{fragment})\b", text)
    assert (m.group() if m else None) == matched
