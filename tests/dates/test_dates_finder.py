"""find_time_expressions: what is found in a sentence and the date it resolves to."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from bilat.dates import find_time_expressions
from bilat.errors import BadParameter

SAT = date(2017, 7, 15)  # a Saturday
WED = date(2017, 7, 12)  # a Wednesday


def rows(found):
    return [(t.text, t.value, t.precision.value, t.kind, t.future) for t in found]


ABSOLUTE = [
    ("On July 15, 2017 the two presidents met in Astana.", SAT,
     [("July 15, 2017", "2017-07-15", "day", "absolute", False)]),
    ("The treaty was signed on 15 July 2017 in Bucharest.", SAT,
     [("15 July 2017", "2017-07-15", "day", "absolute", False)]),
    ("Talks opened on July 15th, 2017.", WED,
     [("July 15th, 2017", "2017-07-15", "day", "absolute", True)]),
    ("The protocol dated 2017-07-15 was ratified.", SAT,
     [("2017-07-15", "2017-07-15", "day", "absolute", False)]),
    ("The memorandum of 15.07.2017 entered into force.", SAT,
     [("15.07.2017", "2017-07-15", "day", "absolute", False)]),
    ("The note dated 03/04/2016 was published.", SAT,
     [("03/04/2016", "2016-04-03", "day", "absolute", False)]),  # day first
    ("The note dated 12/25/2016 was published.", SAT,
     [("12/25/2016", "2016-12-25", "day", "absolute", False)]),  # 25 cannot be a month
    ("The embassy opened in July 2016.", SAT,
     [("July 2016", "2016-07", "month", "absolute", False)]),
    ("The visit is planned for July of 2018.", SAT,
     [("July of 2018", "2018-07", "month", "absolute", True)]),
    ("The ministers met in March.", SAT,
     [("March", "2017-03", "month", "absolute", False)]),
    ("The summit will be held in September.", SAT,
     [("September", "2017-09", "month", "absolute", True)]),
    ("The ministers met on March 3.", SAT,
     [("March 3", "2017-03-03", "day", "absolute", False)]),
    ("They met again on the 3rd of March.", SAT,
     [("the 3rd of March", "2017-03-03", "day", "absolute", False)]),
    ("On Monday, July 10, 2017 the talks began.", SAT,
     [("Monday, July 10, 2017", "2017-07-10", "day", "absolute", False)]),
    ("The Jan. 5, 2016 decree was annulled.", SAT,
     [("Jan. 5, 2016", "2016-01-05", "day", "absolute", False)]),
    ("Parliament sat from June to July.", SAT,
     [("June", "2017-06", "month", "absolute", False),
      ("July", "2017-07", "month", "absolute", False)]),
    ("The delegation arrived in mid-May.", SAT,
     [("May", "2017-05", "month", "absolute", False)]),
    ("THE TALKS OPENED ON JULY 4.", SAT,
     [("JULY 4", "2017-07-04", "day", "absolute", False)]),
]

YEARS = [
    ("The president paid an official visit to Romania in 2007.", SAT,
     [("2007", "2007", "year", "year", False)]),
    ("In 2010, the president of Romania visited Kazakhstan twice.", SAT,
     [("2010", "2010", "year", "year", False)]),
    ("Since 1992 the two states have cooperated closely.", SAT,
     [("1992", "1992", "year", "year", False)]),
    ("Trade should double by 2030.", SAT,
     [("2030", "2030", "year", "year", True)]),
    ("The consulate was opened in the year 2007.", SAT,
     [("2007", "2007", "year", "year", False)]),
    ("Relations cooled in the 1990s.", SAT,
     [("1990s", "1990", "year", "year", False)]),
    ("The programme ran from 2010 to 2015.", SAT,
     [("2010", "2010", "year", "year", False), ("2015", "2015", "year", "year", False)]),
    ("The 2010-2015 programme was a success.", SAT,
     [("2010", "2010", "year", "year", False), ("2015", "2015", "year", "year", False)]),
    ("Visits took place in 2011, 2013 and 2016.", SAT,
     [("2011", "2011", "year", "year", False), ("2013", "2013", "year", "year", False),
      ("2016", "2016", "year", "year", False)]),
    ("Kazakhstan's 2016 elections drew many observers.", SAT,
     [("2016", "2016", "year", "year", False)]),
    ("The border treaty (2001) remains in force.", SAT,
     [("2001", "2001", "year", "year", False)]),
    ("The plant opened in mid-2015.", SAT,
     [("2015", "2015", "year", "year", False)]),
    ("2010, the year of the Astana summit, was a busy one.", SAT,
     [("2010", "2010", "year", "year", False)]),
    ("The ministry cut its 2018 budget.", SAT, [("2018", "2018", "year", "year", True)]),
    ("According to a 2016 study, exports grew.", SAT,
     [("2016", "2016", "year", "year", False)]),
    ("The talks ended in March this year [2017].", SAT,
     [("March", "2017-03", "month", "absolute", False),
      ("this year", "2017", "year", "relative", False),
      ("2017", "2017", "year", "year", False)]),
]

RELATIVE = [
    ("The minister arrived today.", WED, [("today", "2017-07-12", "day", "relative", False)]),
    ("The minister arrived yesterday.", WED,
     [("yesterday", "2017-07-11", "day", "relative", False)]),
    ("The minister leaves tomorrow.", WED,
     [("tomorrow", "2017-07-13", "day", "relative", True)]),
    ("The talks ended late last night.", WED,
     [("last night", "2017-07-11", "day", "relative", False)]),
    ("The envoy came the day before yesterday.", WED,
     [("the day before yesterday", "2017-07-10", "day", "relative", False)]),
    ("The ministers met last week.", WED,
     [("last week", "2017-07-05", "day", "relative", False)]),
    ("The ministers will meet next week.", WED,
     [("next week", "2017-07-19", "day", "relative", True)]),
    ("The ministers met this week.", WED,
     [("this week", "2017-07-12", "day", "relative", False)]),
    ("Trade fell last month.", WED, [("last month", "2017-06", "month", "relative", False)]),
    ("Trade will rise next month.", WED,
     [("next month", "2017-08", "month", "relative", True)]),
    ("Trade rose earlier this month.", WED,
     [("earlier this month", "2017-07", "month", "relative", False)]),
    ("The deal was signed last year.", WED, [("last year", "2016", "year", "relative", False)]),
    ("Elections are due next year.", WED, [("next year", "2018", "year", "relative", True)]),
    ("A visit is expected later this year.", WED,
     [("later this year", "2017", "year", "relative", True)]),
    ("The envoy arrived two days ago.", WED,
     [("two days ago", "2017-07-10", "day", "relative", False)]),
    ("The envoy arrived 3 weeks ago.", WED,
     [("3 weeks ago", "2017-06-21", "day", "relative", False)]),
    ("The embassy opened a year ago.", WED, [("a year ago", "2016", "year", "relative", False)]),
    ("The talks stalled six months ago.", WED,
     [("six months ago", "2017-01", "month", "relative", False)]),
    ("Two decades ago the border was demarcated.", WED,
     [("Two decades ago", "1997", "year", "relative", False)]),
    ("The team will return in two weeks.", WED,
     [("in two weeks", "2017-07-26", "day", "relative", True)]),
    ("The text should be ready in three months' time.", WED,
     [("in three months' time", "2017-10", "month", "relative", True)]),
    ("They spoke last Monday.", WED, [("last Monday", "2017-07-10", "day", "relative", False)]),
    ("They will speak next Tuesday.", WED,
     [("next Tuesday", "2017-07-18", "day", "relative", True)]),
    ("They spoke on Friday.", WED, [("Friday", "2017-07-07", "day", "relative", False)]),
    ("They will speak again on Friday.", WED,
     [("Friday", "2017-07-14", "day", "relative", True)]),
    ("They met on Wednesday.", WED, [("Wednesday", "2017-07-12", "day", "relative", False)]),
    ("They met last weekend.", WED, [("last weekend", "2017-07-08", "day", "relative", False)]),
    ("They met last July.", WED, [("last July", "2016-07", "month", "relative", False)]),
    ("They will meet next March.", WED, [("next March", "2018-03", "month", "relative", True)]),
]

BOUNDARIES = [
    ("Trade fell last month.", date(2017, 1, 10),
     [("last month", "2016-12", "month", "relative", False)]),
    ("Trade will rise next month.", date(2017, 12, 5),
     [("next month", "2018-01", "month", "relative", True)]),
    ("The envoy arrived yesterday.", date(2017, 1, 1),
     [("yesterday", "2016-12-31", "day", "relative", False)]),
    ("The envoy leaves tomorrow.", date(2016, 12, 31),
     [("tomorrow", "2017-01-01", "day", "relative", True)]),
    ("They met last Friday.", date(2017, 1, 2),
     [("last Friday", "2016-12-30", "day", "relative", False)]),
    ("They met last December.", date(2017, 1, 10),
     [("last December", "2016-12", "month", "relative", False)]),
    ("They will meet next January.", date(2017, 12, 20),
     [("next January", "2018-01", "month", "relative", True)]),
    # leap years
    ("The envoy arrived yesterday.", date(2016, 3, 1),
     [("yesterday", "2016-02-29", "day", "relative", False)]),
    ("The envoy arrived two days ago.", date(2016, 3, 1),
     [("two days ago", "2016-02-28", "day", "relative", False)]),
    ("The deal was signed a year ago.", date(2016, 2, 29),
     [("a year ago", "2015", "year", "relative", False)]),
    ("The talks stalled a month ago.", date(2017, 3, 31),
     [("a month ago", "2017-02", "month", "relative", False)]),
    ("The talks resumed on February 29.", date(2016, 6, 1),
     [("February 29", "2016-02-29", "day", "absolute", False)]),
    ("The talks resumed on February 29.", date(2017, 6, 1),  # no such day in 2017
     [("February 29", None, "none", "absolute", False)]),
    ("The deal was signed on February 29, 2016.", SAT,
     [("February 29, 2016", "2016-02-29", "day", "absolute", False)]),
    ("The deal was signed on February 29, 2017.", SAT,
     [("February 29, 2017", None, "none", "absolute", False)]),
    ("The memorandum of 29.02.2016 entered into force.", SAT,
     [("29.02.2016", "2016-02-29", "day", "absolute", False)]),
]

NO_STORY_DATE = [
    ("On July 15, 2017 the presidents met.",
     [("July 15, 2017", "2017-07-15", "day", "absolute", False)]),
    ("The president visited Romania in 2007.", [("2007", "2007", "year", "year", False)]),
    ("Trade should double by 2030.", [("2030", "2030", "year", "year", False)]),
    ("The ministers met yesterday.", [("yesterday", None, "none", "relative", False)]),
    ("The ministers will meet next week.", [("next week", None, "none", "relative", True)]),
    ("They met in March.", [("March", None, "none", "absolute", False)]),
    ("They met on March 3.", [("March 3", None, "none", "absolute", False)]),
    ("They met on Friday.", [("Friday", None, "none", "relative", False)]),
    ("They celebrated 25 years of diplomatic relations.",
     [("25 years of diplomatic relations", None, "none", "anniversary", False)]),
]

NOT_DATES = [
    "Call +7 (7172) 2010 15 for details.",
    "The country sent 2,000 troops to the mission.",
    "Some 1990 soldiers took part in the drill.",
    "About 2010 people attended the rally.",
    "The motion was carried by 2010 votes.",
    "The G20 leaders discussed trade.",
    "The Security Council adopted Resolution 2231 unanimously.",
    "The Security Council adopted Resolution 2015 unanimously.",
    "The 25th session of the assembly opened.",
    "He is 25 years old.",
    "For 25 years he led the party.",
    "He was sentenced to 25 years in prison.",
    "The price rose 15% to $2015 per tonne.",
    "The flight landed at 2015 local time.",
    "Version 2.2017.1 of the software was released.",
    "The ceremony fell on Good Friday.",
    "The March of remembrance drew large crowds.",
    "May the talks succeed.",
    "She visited the capital twice in a year.",
    "It was the first visit in 25 years.",
    "The last year of his term was difficult.",
    "A 2000-strong force was deployed.",
    "The fund bought 2015 shares in the company.",
    "The parties agreed on a broad agenda.",
    "",
]


@pytest.mark.parametrize(("sentence", "story_date", "expected"), ABSOLUTE + YEARS)
def test_absolute_dates_and_years(sentence, story_date, expected):
    assert rows(find_time_expressions(sentence, story_date=story_date)) == expected


@pytest.mark.parametrize(("sentence", "story_date", "expected"), RELATIVE)
def test_relative_expressions(sentence, story_date, expected):
    assert rows(find_time_expressions(sentence, story_date=story_date)) == expected


@pytest.mark.parametrize(("sentence", "story_date", "expected"), BOUNDARIES)
def test_year_boundaries_and_leap_years(sentence, story_date, expected):
    assert rows(find_time_expressions(sentence, story_date=story_date)) == expected


@pytest.mark.parametrize(("sentence", "expected"), NO_STORY_DATE)
def test_without_story_date(sentence, expected):
    assert rows(find_time_expressions(sentence, story_date=None)) == expected


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_numbers_and_names_that_are_not_dates(sentence):
    assert find_time_expressions(sentence, story_date=SAT) == []


ALL_SENTENCES = [c[0] for c in ABSOLUTE + YEARS + RELATIVE + BOUNDARIES + NO_STORY_DATE] + [
    "On July 15, 2017 the Republic of Kazakhstan and Romania celebrated 25 years of relations,"
    " two days after talks that began last Monday and ended in 2010-2015 terms.",
]


@pytest.mark.parametrize("sentence", ALL_SENTENCES)
def test_spans_are_sorted_disjoint_and_point_into_the_text(sentence):
    found = find_time_expressions(sentence, story_date=SAT)
    assert found
    for t in found:
        assert sentence[t.start:t.end] == t.text
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_longest_reading_wins():
    found = find_time_expressions("Talks began on July 15, 2017 in Astana.", story_date=SAT)
    assert [t.text for t in found] == ["July 15, 2017"]


def test_future_tense_sends_a_bare_weekday_forward():
    past = find_time_expressions("The ministers met on Monday.", story_date=WED)
    future = find_time_expressions("The ministers will meet on Monday.", story_date=WED)
    assert (past[0].value, past[0].future) == ("2017-07-10", False)
    assert (future[0].value, future[0].future) == ("2017-07-17", True)


def test_datetime_story_date_is_taken_as_its_date():
    found = find_time_expressions("They met yesterday.", story_date=datetime(2017, 7, 12, 23, 59))
    assert found[0].value == "2017-07-11"


@pytest.mark.parametrize(("text", "story_date"), [
    (None, SAT),
    (b"in 2007", SAT),
    ("in 2007", "2017-07-15"),
    ("in 2007", 2017),
    ("in 2007", date(1, 1, 1)),
    ("in 2007", date(9999, 12, 31)),
])
def test_bad_arguments_raise_bad_parameter(text, story_date):
    with pytest.raises(BadParameter):
        find_time_expressions(text, story_date=story_date)


# --- the seed story ---------------------------------------------------------------

def _shared() -> Path:
    env = os.environ.get("BILAT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    path = _shared() / "corpus" / "seed" / "kazinform-kaz-rou-2017-07-15.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    text = path.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _sentence_with(sentences: list[str], needle: str) -> str:
    for s in sentences:
        if needle in s:
            return s
    pytest.fail(f"no seed sentence contains {needle!r}")


@pytest.mark.shared
def test_seed_story_dates(seed_sentences):
    sd = date(2017, 7, 15)
    lead = _sentence_with(seed_sentences, "celebrated")
    found = find_time_expressions(lead, story_date=sd)
    assert [(t.value, t.kind) for t in found] == [
        ("2017-07-15", "absolute"), ("1992", "anniversary")]

    visit = _sentence_with(seed_sentences, "official visit")
    assert [(t.value, t.kind) for t in find_time_expressions(visit, story_date=sd)] == [
        ("2007", "year")]

    twice = _sentence_with(seed_sentences, "visited Kazakhstan twice")
    assert [(t.value, t.kind) for t in find_time_expressions(twice, story_date=sd)] == [
        ("2010", "year")]


@pytest.mark.shared
def test_seed_story_has_no_other_dates(seed_sentences):
    dated = ("celebrated", "official visit", "visited Kazakhstan twice")
    for s in seed_sentences:
        if not any(d in s for d in dated):
            assert find_time_expressions(s, story_date=date(2017, 7, 15)) == [], s
