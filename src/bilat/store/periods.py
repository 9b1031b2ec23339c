"""Dates written as YYYY, YYYY-MM or YYYY-MM-DD, read as the period they name."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period_bounds(value: str) -> tuple[date, date] | None:
    """First and last day of the period `value` names, or None if it is not a valid date.

    >>> period_bounds("2010")
    (datetime.date(2010, 1, 1), datetime.date(2010, 12, 31))
    """
    m = _PERIOD.fullmatch(value)
    if m is None:
        return None
    year = int(m.group(1))
    if year < 1:
        return None
    if m.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return date(year, month, 1), date(year, month, last)
    day = int(m.group(3))
    if not 1 <= day <= last:
        return None
    d = date(year, month, day)
    return d, d
