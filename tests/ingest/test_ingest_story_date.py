"""Full dates in the lead, ISO metadata dates, and which story date wins."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.ingest import article_from_text, find_full_dates
from bilat.ingest.story_date import parse_iso_date
from bilat.schemas import StoryDateSource


@pytest.mark.parametrize(("text", "expected"), [
    ("On July 15, 2017 the two sides met.", date(2017, 7, 15)),
    ("On July 15th, 2017 the two sides met.", date(2017, 7, 15)),
    ("Since July 15 2017 the border has been open.", date(2017, 7, 15)),
    ("On Jul. 5, 2019 talks opened.", date(2019, 7, 5)),
    ("On Sept. 9, 2001 a note was sent.", date(2001, 9, 9)),
    ("Signed on 15 July 2017 in the capital.", date(2017, 7, 15)),
    ("Signed on 1st March, 2020 in the capital.", date(2020, 3, 1)),
    ("Signed on the 3rd of May 2018 in the capital.", date(2018, 5, 3)),
    ("Dated 2017-07-15 in the registry.", date(2017, 7, 15)),
    ("Stamped 2017-07-15T08:30:00Z by the clerk.", date(2017, 7, 15)),
    ("Filed 2016/02/29 with the court.", date(2016, 2, 29)),
    ("MEETING ON DECEMBER 1, 1999 ENDED.", date(1999, 12, 1)),
])
def test_full_date_forms(text: str, expected: date) -> None:
    assert [f.value for f in find_full_dates(text)] == [expected]


@pytest.mark.parametrize("text", [
    "On July 15 the two sides met.",          # no year
    "In July 2017 the two sides met.",        # no day
    "They may 15, 2017 never agree.",         # lower-case "may" is a verb
    "On February 30, 2017 nothing happened.",  # impossible day
    "Dated 2017-13-01 in the registry.",      # impossible month
    "On July 15, 1776 a bell rang.",          # outside 1900-2099
    "Code 12017-07-150 is not a date.",       # digits glued on
    "25 years of relations since 1992.",
])
def test_not_full_dates(text: str) -> None:
    assert list(find_full_dates(text)) == []


def test_dates_found_in_order_with_spans_and_limit() -> None:
    text = "On 2 May 2018 a note; on June 3, 2019 a reply."
    found = list(find_full_dates(text))
    assert [f.value for f in found] == [date(2018, 5, 2), date(2019, 6, 3)]
    assert text[found[1].start:found[1].end] == "June 3, 2019"
    assert list(find_full_dates("x" * 600 + " July 15, 2017")) == []
    assert [f.value for f in find_full_dates("x" * 490 + " July 15, 2017")] == [date(2017, 7, 15)]


@pytest.mark.parametrize(("value", "expected"), [
    ("2017-07-15", date(2017, 7, 15)),
    ("2017-07-15T23:59:00", date(2017, 7, 15)),
    ("2017-07-15T23:59:00+05:00", date(2017, 7, 15)),
    ("2017-07-15T10:00:00Z", date(2017, 7, 15)),
    ("2017-07-15 10:00:00", date(2017, 7, 15)),
    (" 2017-07-15 ", date(2017, 7, 15)),
])
def test_parse_iso_date(value: str, expected: date) -> None:
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize("value", ["15 July 2017", "2017-02-30", "yesterday", "", "2017/07/15"])
def test_parse_iso_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(value)


STORY = "TOKYO, March 3 (Kyodo) - On March 1, 2021 a note was sent; on March 3, 2021 talks began."


@pytest.mark.parametrize(("kwargs", "expected", "source"), [
    ({"metadata_date": date(2021, 3, 4), "story_date": date(2021, 3, 5)},
     date(2021, 3, 4), StoryDateSource.METADATA),
    ({"story_date": date(2021, 3, 5)}, date(2021, 3, 5), StoryDateSource.CLI),
    ({}, date(2021, 3, 3), StoryDateSource.DATELINE),  # the full date with the dateline's day
])
def test_story_date_precedence(kwargs: dict, expected: date, source: StoryDateSource) -> None:
    article = article_from_text(STORY, doc_id="d", **kwargs)
    assert (article.story_date, article.story_date_source) == (expected, source)


@pytest.mark.parametrize(("text", "expected", "source"), [
    # the dateline's month/day has no year anywhere: first full date in the lead
    ("TOKYO, March 3 (Kyodo) - Talks recalled the pact of May 9, 2011.",
     date(2011, 5, 9), StoryDateSource.INFERRED),
    # the year stands in the dateline itself
    ("LONDON, March 3, 2021 (Reuters) - Talks began today.", date(2021, 3, 3),
     StoryDateSource.DATELINE),
    ("BUCHAREST, 15 July /Agerpres/ - Ties began on 15 July 1992.", date(1992, 7, 15),
     StoryDateSource.DATELINE),
    ("ASTANA. KAZINFORM - On July 15, 2017 two states marked an anniversary.",
     date(2017, 7, 15), StoryDateSource.INFERRED),
    ("No dateline. On 4 June 2019 talks opened.", date(2019, 6, 4), StoryDateSource.INFERRED),
    ("TOKYO, March 3 (Kyodo) - Talks began on Tuesday.", None, StoryDateSource.NONE),
    ("Talks began on Tuesday and no year is given.", None, StoryDateSource.NONE),
    ("A" * 520 + " On 4 June 2019 talks opened.", None, StoryDateSource.NONE),
])
def test_story_date_from_the_text(text: str, expected: date | None,
                                  source: StoryDateSource) -> None:
    article = article_from_text(text, doc_id="d")
    assert (article.story_date, article.story_date_source) == (expected, source)
