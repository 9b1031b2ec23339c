"""Numbers with their qualifier and unit, read from the tokens of a sentence.

    "more than thirty thousand"  -> Quantity(30000.0, None, "more than")
    "$1.2 billion"               -> Quantity(1.2e9, "USD", None)
    "about 300 million euros"    -> Quantity(3e8, "EUR", "about")
    "20,000"                     -> Quantity(20000.0, None, None)

`quantities(tokens)` finds every such number in a run of spaCy tokens (a sentence). Years
("in 2016") and dates are not quantities: a bare four-digit number from 1900 to 2099 with no
scale word, currency or qualifier is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from spacy.tokens import Token

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "mln": 1_000_000, "bln": 1_000_000_000,
           "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
# qualifiers, longest first; the value is the form stored
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("more", "than"), "more than"), (("over",), "more than"), (("upwards", "of"), "more than"),
    (("in", "excess", "of"), "more than"), (("at", "least"), "at least"),
    (("less", "than"), "less than"), (("fewer", "than"), "less than"), (("under",), "less than"),
    (("up", "to"), "up to"), (("nearly",), "nearly"), (("almost",), "nearly"),
    (("close", "to"), "nearly"), (("about",), "about"), (("around",), "about"),
    (("approximately",), "about"), (("roughly",), "about"), (("some",), "about"),
    (("an", "estimated"), "about"), (("estimated",), "about"), (("approx.",), "about"),
)
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR",
                   "£": "GBP", "gbp": "GBP", "¥": "JPY", "rub": "RUB", "kzt": "KZT",
                   "ron": "RON", "cny": "CNY", "yuan": "CNY", "rmb": "CNY"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                   "pound": "GBP", "pounds": "GBP", "yen": "JPY", "rouble": "RUB",
                   "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "tenge": "KZT",
                   "lei": "RON", "leu": "RON", "yuan": "CNY", "usd": "USD", "eur": "EUR"}
_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_GLUED = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<scale>mln|bln|bn|m|k)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text; `start`/`end` are token indices (Doc) of its words."""

    value: float
    unit: str | None  # ISO 4217 currency code, or None
    qualifier: str | None
    start: int
    end: int
    text: str


def _digit_value(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(re.sub(r"[,\u202f\u00a0 ]", "", text))
    return None


def _qualifier_before(toks: Sequence["Token"], i: int) -> tuple[str | None, int]:
    words = [t.lower_ for t in toks]
    for pattern, value in _QUALIFIERS:
        n = len(pattern)
        if i - n >= 0 and tuple(words[i - n:i]) == pattern:
            return value, i - n
    return None, i


def _word_number(toks: Sequence["Token"], i: int) -> tuple[float | None, int]:
    """A number written in words or digits starting at toks[i]: value and index after it."""
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(toks):
        w = toks[j].lower_
        if w in ("-", "and") and seen and j + 1 < len(toks) and toks[j + 1].lower_ in _WORDS:
            j += 1
            continue
        digit = _digit_value(toks[j].text)
        if digit is not None and not seen:
            current, seen = digit, True
        elif w in _WORDS and (not seen or current % 100 == 0 or (
                current % 100 >= 20 and current % 10 == 0 and _WORDS[w] < 10)):
            current += _WORDS[w]
            seen = True
        elif w in ("a", "an") and not seen and j + 1 < len(toks) and toks[j + 1].lower_ in _SCALES:
            current, seen = 1, True
        elif w in _SCALES and seen and w not in ("m", "k"):
            scale = _SCALES[w]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0.0
        elif (m := _GLUED.match(toks[j].text)) and not seen:
            return float(m["num"]) * _SCALES[m["scale"].lower()], j + 1
        else:
            break
        j += 1
    return (total + current, j) if seen else (None, i)


def quantities(toks: Sequence["Token"]) -> list[Quantity]:
    """Every number of a run of tokens, with its qualifier and currency."""
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        sign = _CURRENCY_SIGNS.get(t.lower_) if t.lower_ in ("$", "us$", "€", "£", "¥", "usd",
                                                             "eur", "gbp", "kzt", "ron") else None
        start_num = i + 1 if sign else i
        if start_num >= len(toks):
            break
        value, after = _word_number(toks, start_num)
        if value is None:
            i += 1
            continue
        unit = sign
        if unit is None and after < len(toks):
            nxt = toks[after].lower_
            if nxt in ("us", "u.s.") and after + 1 < len(toks) and toks[after + 1].lower_ in (
                    "dollar", "dollars"):
                unit, after = "USD", after + 2
            elif nxt in _CURRENCY_WORDS:
                unit, after = _CURRENCY_WORDS[nxt], after + 1
        qualifier, start = _qualifier_before(toks, i)
        scaled = after - start_num > 1
        bare_year = (not unit and not qualifier and not scaled and value.is_integer()
                     and 1900 <= value <= 2099 and toks[start_num].text.isdigit())
        if not bare_year:
            doc = toks[start].doc
            text = doc[toks[start].i: toks[after - 1].i + 1].text
            out.append(Quantity(value, unit, qualifier, toks[start].i, toks[after - 1].i + 1, text))
        i = max(after, i + 1)
    return out
