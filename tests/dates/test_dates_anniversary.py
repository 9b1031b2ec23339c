"""anniversary_origin: "25 years of relations" in a 2017 story began in 1992."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.dates import anniversary_origin, find_time_expressions

SD = date(2017, 7, 15)


def rows(found):
    return [(t.text, t.value, t.precision.value, t.kind) for t in found]


ANNIVERSARIES = [
    ("Kazakhstan and Romania celebrated 25 years of diplomatic relations.",
     [("25 years of diplomatic relations", "1992", "year", "anniversary")]),
    ("The two countries marked the 30th anniversary of diplomatic relations.",
     [("the 30th anniversary of diplomatic relations", "1987", "year", "anniversary")]),
    ("They marked 20 years since the establishment of diplomatic relations.",
     [("20 years since the establishment of diplomatic relations", "1997", "year",
       "anniversary")]),
    ("Kazakhstan celebrates twenty-five years of independence.",
     [("twenty-five years of independence", "1992", "year", "anniversary")]),
    ("The thirtieth anniversary of the treaty was celebrated in Bucharest.",
     [("The thirtieth anniversary of the treaty", "1987", "year", "anniversary")]),
    ("The twenty-seventh anniversary of bilateral ties fell on Monday.",
     [("The twenty-seventh anniversary of bilateral ties", "1990", "year", "anniversary")]),
    ("The 10-year anniversary of the strategic partnership was marked.",
     [("The 10-year anniversary of the strategic partnership", "2007", "year", "anniversary")]),
    ("Leaders hailed a quarter of a century of friendship.",
     [("a quarter of a century of friendship", "1992", "year", "anniversary")]),
    ("Leaders hailed two decades of partnership.",
     [("two decades of partnership", "1997", "year", "anniversary")]),
    ("The nation marked the centenary of its independence.",
     [("the centenary of its independence", "1917", "year", "anniversary")]),
    ("They marked 20 years since Kazakhstan and Romania established diplomatic relations.",
     [("20 years since Kazakhstan and Romania established", "1997", "year", "anniversary")]),
]

NOT_ANNIVERSARIES = [
    "He is 25 years old.",
    "For 25 years he led the party.",
    "He spent 25 years in prison.",
    "The 25th session of the assembly opened.",
    "They marked the 25th anniversary.",
    "He endured 25 years of hard labour.",
    "They met two days ago.",
    "The relations date back 25 years.",
]


@pytest.mark.parametrize(("sentence", "expected"), ANNIVERSARIES)
def test_anniversary_origin(sentence, expected):
    assert rows(anniversary_origin(sentence, story_date=SD)) == expected


@pytest.mark.parametrize(("sentence", "expected"), ANNIVERSARIES)
def test_anniversaries_are_part_of_all_expressions(sentence, expected):
    found = [t for t in find_time_expressions(sentence, story_date=SD) if t.kind == "anniversary"]
    assert rows(found) == expected


@pytest.mark.parametrize("sentence", NOT_ANNIVERSARIES)
def test_ages_terms_and_durations_are_not_anniversaries(sentence):
    assert anniversary_origin(sentence, story_date=SD) == []
    assert all(t.kind != "anniversary"
               for t in find_time_expressions(sentence, story_date=SD))


def test_only_anniversaries_are_returned():
    sentence = "On July 15, 2017 they celebrated 25 years of relations, begun in 1992."
    assert [t.text for t in anniversary_origin(sentence, story_date=SD)] == [
        "25 years of relations"]
    assert [t.kind for t in find_time_expressions(sentence, story_date=SD)] == [
        "absolute", "anniversary", "year"]


@pytest.mark.parametrize(("story_date", "value"), [
    (date(2017, 7, 15), "1992"),
    (date(2000, 1, 1), "1975"),
    (None, None),
])
def test_origin_follows_the_story_year(story_date, value):
    found = anniversary_origin("They celebrated 25 years of diplomatic relations.",
                               story_date=story_date)
    assert [t.value for t in found] == [value]
    assert found[0].precision.value == ("year" if value else "none")
