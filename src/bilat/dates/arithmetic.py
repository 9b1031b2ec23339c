"""Calendar arithmetic and the "YYYY[-MM[-DD]]" value strings of TimeExpression.

Pure functions on `datetime.date`: shift by months or years (clamping the day,
so Feb 29 minus a year is Feb 28), find the nearest weekday, format a date at
a precision, compare a value with the story date, and tell whether a value
lies in a year before the story's (`is_historical`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bilat.errors import BadDate
from bilat.schemas import DatePrecision

_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def add_months(d: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length.

    Raises ValueError when the result falls outside years 1-9999.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def add_years(d: date, years: int) -> date:
    """Shift by whole years; Feb 29 becomes Feb 28 in a common year."""
    return add_months(d, 12 * years)


def weekday_on_or_before(d: date, weekday: int, *, strict: bool = False) -> date:
    """The latest date with `weekday` (Mon=0) on or before `d` (before, if strict)."""
    back = (d.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return d - timedelta(days=back)


def weekday_on_or_after(d: date, weekday: int, *, strict: bool = False) -> date:
    """The earliest date with `weekday` (Mon=0) on or after `d` (after, if strict)."""
    ahead = (weekday - d.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return d + timedelta(days=ahead)


def format_value(d: date, precision: DatePrecision) -> str:
    """Render `d` as "YYYY", "YYYY-MM" or "YYYY-MM-DD" according to precision."""
    if precision is DatePrecision.YEAR:
        return f"{d.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def parse_value(value: str) -> tuple[int, int | None, int | None]:
    """Split "YYYY[-MM[-DD]]" into (year, month, day); raise BadDate otherwise."""
    m = _VALUE.fullmatch(value)
    if m is None:
        raise BadDate(f"date value {value!r} is not YYYY[-MM[-DD]]; "
                      "pass a value such as '2017', '2017-07' or '2017-07-15'")
    year, month, day = (int(g) if g else None for g in m.groups())
    return year, month, day  # type: ignore[return-value]


def is_after(d: date, precision: DatePrecision, story_date: date) -> bool:
    """True when the whole period that `d` stands for lies after `story_date`."""
    if precision is DatePrecision.YEAR:
        return d.year > story_date.year
    if precision is DatePrecision.MONTH:
        return (d.year, d.month) > (story_date.year, story_date.month)
    return d > story_date


def is_historical(value: str | None, *, story_date: date | None) -> bool:
    """True when the event date `value` lies in a year before the story's year.

    "In 2007 the president visited ..." told in a 2017 story is historical;
    "last month" is not (same year), nor is anything when either date is
    unknown. Raises BadDate when `value` is not "YYYY[-MM[-DD]]".
    """
    if value is None or story_date is None:
        return False
    year, _, _ = parse_value(value)
    return year < story_date.year
