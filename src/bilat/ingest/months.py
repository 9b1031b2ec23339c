"""English month names for the dateline and date regexes: one pattern, one lookup."""

from __future__ import annotations

from datetime import date

_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
)

MONTHS: dict[str, int] = {name: n for n, names in enumerate(_NAMES, start=1) for name in names}

# Title case or capitals ("July", "JULY", "Jul."), never lower case: "may" is a verb.
# Longer names first so that "Sept" wins over "Sep"; an abbreviation may take a dot.
MONTH_PATTERN = "(?:" + "|".join(
    form
    for name in sorted(MONTHS, key=len, reverse=True)
    for form in (name.title(), name.upper())
) + r")\b\.?"


def month_number(word: str) -> int:
    """1-12 for a month name matched by MONTH_PATTERN ("Sept." -> 9)."""
    return MONTHS[word.rstrip(".").lower()]


def valid_day(month: int, day: int, year: int = 2000) -> bool:
    """True when the day exists in that month (a leap year by default, so Feb 29 passes)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
