"""Datelines: found and removed when present, ordinary openings left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilat.ingest import parse_dateline

BODY = "Officials from both capitals met on Tuesday."


@pytest.mark.parametrize(("head", "place", "agency", "month", "day"), [
    ("ASTANA. KAZINFORM -", "ASTANA", "KAZINFORM", None, None),
    ("NUR-SULTAN. KAZINFORM –", "NUR-SULTAN", "KAZINFORM", None, None),
    ("ASTANA. July 15. KAZINFORM -", "ASTANA", "KAZINFORM", 7, 15),
    ("ASTANA, KAZINFORM -", "ASTANA", "KAZINFORM", None, None),
    ("TOKYO, March 3 (Kyodo) -", "TOKYO", "Kyodo", 3, 3),
    ("Tokyo, March 3 (Kyodo) -", "Tokyo", "Kyodo", 3, 3),
    ("WASHINGTON (Reuters) -", "WASHINGTON", "Reuters", None, None),
    ("WASHINGTON, D.C. (Reuters) -", "WASHINGTON", "Reuters", None, None),
    ("BUCHAREST, 15 July /Agerpres/ -", "BUCHAREST", "Agerpres", 7, 15),
    ("MOSCOW, Jan. 5 (Xinhua) --", "MOSCOW", "Xinhua", 1, 5),
    ("BEIJING, May 2 (Xinhua) —", "BEIJING", "Xinhua", 5, 2),
    ("BEIJING, Sept. 21 (Xinhua) —", "BEIJING", "Xinhua", 9, 21),
    ("KYIV (AP) —", "KYIV", "AP", None, None),
    ("KYIV, Ukraine (AP) —", "KYIV", "AP", None, None),
    ("ANKARA, TURKEY -", "ANKARA", None, None, None),
    ("WASHINGTON —", "WASHINGTON", None, None, None),
    ("NEW YORK, Oct 9 -", "NEW YORK", None, 10, 9),
    ("RIO DE JANEIRO, 2nd April (EFE) -", "RIO DE JANEIRO", "EFE", 4, 2),
    ("ST. PETERSBURG, June 2 (TASS) -", "ST. PETERSBURG", "TASS", 6, 2),
    ("BOGOTÁ (AFP) -", "BOGOTÁ", "AFP", None, None),
    ("NEW DELHI, March 3 (IANS):", "NEW DELHI", "IANS", 3, 3),
    ("LONDON, March 3, 2021 (Reuters) -", "LONDON", "Reuters", 3, 3),
    ("PARIS, FEBRUARY 29 -", "PARIS", None, 2, 29),
    ("UAE. WAM -", "UAE", "WAM", None, None),
    ("BERLIN (dpa) -", "BERLIN", "dpa", None, None),
    ("ISTANBUL, Turkey, March 3 (AP) —", "ISTANBUL", "AP", 3, 3),
])
def test_dateline_forms(head: str, place: str, agency: str | None, month: int | None,
                        day: int | None) -> None:
    dateline, rest = parse_dateline(f"{head} {BODY}")
    assert dateline is not None
    assert (dateline.text, dateline.place, dateline.agency) == (head, place, agency)
    assert (dateline.month, dateline.day) == (month, day)
    assert rest == BODY


@pytest.mark.parametrize("text", [
    "The UN said - in a short note - that talks would go on.",
    "Kazakhstan and Romania marked an anniversary of ties.",
    "Kazakhstan and Romania - two partners - met again.",
    "US President Ann Example said the deal was fair.",
    "EU - China talks resume in the autumn.",
    "UN: the assembly meets next week.",
    "NOTE: figures are provisional.",
    "In Paris, March 3 - a date to remember - leaders met.",
    "On March 3 - the day of the vote - turnout was high.",
    "Tokyo, Japan - a city of millions - hosted the summit.",
    "Washington (Reuters) - title-case places need a date.",
    "Paris, March 3 was a cold day in the capital.",
    "I - for one - disagree with the minister.",
    "I (for one) - disagree with the minister.",
    "COVID-19 - a pandemic - slowed trade.",
    "Tokyo, March 3. The minister - who had just landed - spoke.",
    "Mr. Example, 45, said - calmly - that he would resign.",
    "THE TALKS ENDED\nTOKYO, March 3 (Kyodo) - not at the very start.",
    "",
    "   ",
])
def test_ordinary_openings_are_not_datelines(text: str) -> None:
    assert parse_dateline(text) == (None, text)


def test_leading_whitespace_and_newline_after_dash() -> None:
    dateline, rest = parse_dateline("\n  KYIV (AP) —\nThe talks began.")
    assert dateline is not None and dateline.place == "KYIV"
    assert rest == "The talks began."


def test_em_dash_without_space_before_text() -> None:
    dateline, rest = parse_dateline("KYIV (AP) —The talks began.")
    assert dateline is not None and rest == "The talks began."


def test_impossible_date_keeps_dateline_without_month_day() -> None:
    dateline, _ = parse_dateline("TOKYO, February 31 (Kyodo) - Talks.")
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day) == ("TOKYO", None, None)


def test_dateline_only_story_leaves_empty_rest() -> None:
    dateline, rest = parse_dateline("WASHINGTON (Reuters) - ")
    assert dateline is not None and rest == ""


@given(st.text(max_size=80))
def test_parse_is_a_split_of_the_input(text: str) -> None:
    dateline, rest = parse_dateline(text)
    if dateline is None:
        assert rest == text
    else:
        assert dateline.text in text
        assert text.endswith(rest)
        assert dateline.place and text.lstrip().startswith(dateline.place)
