"""Small counts written as digits or English words: regex fragments and parsers.

Time expressions count with small numbers ("two days ago", "the thirtieth
anniversary", "25 years of relations"). This module holds the regex
fragments that recognise such numbers and the functions that turn the
matched text back into an int. The fragments have no groups of their own, so
callers can wrap them in named groups.
"""

from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_ORD_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
}
_ORD_TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_ORD_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
_SPECIAL = {"a": 1, "an": 1, "hundredth": 100, "centenary": 100, "centennial": 100}

# First words that can open a written number: "twenty(-five)", "seven", "thirtieth".
CARDINAL_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS)
ORDINAL_WORDS = (frozenset(_ORD_UNITS) | frozenset(_ORD_TEENS) | frozenset(_ORD_TENS)
                 | {"hundredth"})

_WORD_VALUES: dict[str, int] = {
    **_UNITS, **_TEENS, **_TENS, **_ORD_UNITS, **_ORD_TEENS, **_ORD_TENS, **_SPECIAL,
}


def _alt(words: dict[str, int]) -> str:
    # Longest first, so "seventeen" is tried before "seven".
    return "|".join(sorted(words, key=len, reverse=True))


# Cardinals 1-99 as words ("twenty-five", "twenty five", "seven") or 1-3 digits.
CARDINAL = (
    rf"(?:\d{{1,3}}(?![\d,.]\d)"
    rf"|(?:{_alt(_TENS)})(?:[-\s](?:{_alt(_UNITS)}))?"
    rf"|{_alt(_TEENS)}|{_alt(_UNITS)})"
)

# Ordinals 1st-999th as digits or words ("25th", "twenty-fifth", "thirtieth").
ORDINAL = (
    rf"(?:\d{{1,3}}(?:st|nd|rd|th)"
    rf"|(?:{_alt(_TENS)})[-\s](?:{_alt(_ORD_UNITS)})"
    rf"|{_alt(_ORD_TENS)}|{_alt(_ORD_TEENS)}|{_alt(_ORD_UNITS)}|hundredth)"
)

_SPLIT = re.compile(r"[-\s]+")
_ORD_SUFFIX = re.compile(r"(?i)(\d+)(?:st|nd|rd|th)$")


def parse_count(text: str) -> int | None:
    """Turn "25", "25th", "twenty-five", "thirtieth", "a" into an int.

    Returns None when the text is not a number this module knows.
    """
    s = text.strip().lower()
    if s.isdigit():
        return int(s)
    m = _ORD_SUFFIX.match(s)
    if m:
        return int(m.group(1))
    total = 0
    for part in _SPLIT.split(s):
        value = _WORD_VALUES.get(part)
        if value is None:
            return None
        total += value
    return total or None
