"""Date shifts, weekday search, value strings and is_historical."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.dates import is_historical
from bilat.dates.arithmetic import (
    add_months,
    add_years,
    format_value,
    is_after,
    parse_value,
    weekday_on_or_after,
    weekday_on_or_before,
)
from bilat.errors import BadDate
from bilat.schemas import DatePrecision

MON, WED, FRI = 0, 2, 4


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2017, 1, 31), 1, date(2017, 2, 28)),
    (date(2016, 1, 31), 1, date(2016, 2, 29)),
    (date(2017, 3, 15), -3, date(2016, 12, 15)),
    (date(2017, 12, 1), 1, date(2018, 1, 1)),
    (date(2017, 1, 10), -1, date(2016, 12, 10)),
    (date(2017, 5, 31), -25, date(2015, 4, 30)),
])
def test_add_months_clamps_the_day(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("start", "years", "expected"), [
    (date(2016, 2, 29), 1, date(2017, 2, 28)),
    (date(2016, 2, 29), -1, date(2015, 2, 28)),
    (date(2016, 2, 29), 4, date(2020, 2, 29)),
    (date(2017, 7, 15), -25, date(1992, 7, 15)),
])
def test_add_years_handles_feb_29(start, years, expected):
    assert add_years(start, years) == expected


@pytest.mark.parametrize(("d", "weekday", "strict", "expected"), [
    (date(2017, 7, 12), MON, False, date(2017, 7, 10)),
    (date(2017, 7, 12), WED, False, date(2017, 7, 12)),
    (date(2017, 7, 12), WED, True, date(2017, 7, 5)),
    (date(2017, 1, 2), FRI, False, date(2016, 12, 30)),
])
def test_weekday_on_or_before(d, weekday, strict, expected):
    assert weekday_on_or_before(d, weekday, strict=strict) == expected


@pytest.mark.parametrize(("d", "weekday", "strict", "expected"), [
    (date(2017, 7, 12), FRI, False, date(2017, 7, 14)),
    (date(2017, 7, 12), WED, False, date(2017, 7, 12)),
    (date(2017, 7, 12), WED, True, date(2017, 7, 19)),
    (date(2017, 12, 29), MON, False, date(2018, 1, 1)),
])
def test_weekday_on_or_after(d, weekday, strict, expected):
    assert weekday_on_or_after(d, weekday, strict=strict) == expected


@pytest.mark.parametrize(("precision", "expected"), [
    (DatePrecision.DAY, "2007-03-09"),
    (DatePrecision.MONTH, "2007-03"),
    (DatePrecision.YEAR, "2007"),
])
def test_format_value(precision, expected):
    assert format_value(date(2007, 3, 9), precision) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2007", (2007, None, None)),
    ("2007-03", (2007, 3, None)),
    ("2007-03-09", (2007, 3, 9)),
])
def test_parse_value(value, expected):
    assert parse_value(value) == expected


@pytest.mark.parametrize(("d", "precision", "expected"), [
    (date(2017, 12, 31), DatePrecision.YEAR, False),
    (date(2018, 1, 1), DatePrecision.YEAR, True),
    (date(2017, 7, 1), DatePrecision.MONTH, False),
    (date(2017, 8, 1), DatePrecision.MONTH, True),
    (date(2017, 7, 15), DatePrecision.DAY, False),
    (date(2017, 7, 16), DatePrecision.DAY, True),
])
def test_is_after_compares_at_the_precision(d, precision, expected):
    assert is_after(d, precision, date(2017, 7, 15)) is expected


@pytest.mark.parametrize(("value", "story_date", "expected"), [
    ("2007", date(2017, 7, 15), True),
    ("2016-12-31", date(2017, 1, 1), True),
    ("2017-01", date(2017, 7, 15), False),
    ("2017-07-14", date(2017, 7, 15), False),
    ("2018", date(2017, 7, 15), False),
    (None, date(2017, 7, 15), False),
    ("2007", None, False),
])
def test_is_historical(value, story_date, expected):
    assert is_historical(value, story_date=story_date) is expected


@pytest.mark.parametrize("value", ["July 2007", "07/2007", "2007-7", "17", ""])
def test_malformed_values_raise_bad_date(value):
    with pytest.raises(BadDate, match="YYYY"):
        is_historical(value, story_date=date(2017, 7, 15))
