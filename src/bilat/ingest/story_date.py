"""The story date: which source wins, and the full dates found in a story's lead.

Precedence (first that applies):

    metadata date (JSONL/HTML record)                      -> METADATA
    the date passed by the caller (CLI --story-date)       -> CLI
    dateline month/day + the year of a full date in the
      lead with that same month/day                        -> DATELINE
    first full date in the lead                            -> INFERRED
    nothing                                                -> NONE

A full date has a day, a month and a year: "July 15, 2017", "July 15th, 2017",
"15 July 2017", "15th of July, 2017", "2017-07-15". Years 1900-2099 only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from bilat.ingest.months import MONTH_PATTERN, month_number
from bilat.schemas import Dateline, StoryDateSource

LEAD_CHARS = 500  # how far into the story to look for a full date

_DAY = r"(?<!\d)(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)(?P<{}>(?:19|20)\d\d)(?!\d)"
_FULL_DATE = re.compile(
    # July 15, 2017 / July 15th 2017 / Jul. 15, 2017
    rf"(?P<m1>{MONTH_PATTERN})[ \t]+{_DAY.format('d1')},?[ \t]+{_YEAR.format('y1')}"
    # 15 July 2017 / 15th of July, 2017
    rf"|{_DAY.format('d2')}[ \t]+(?:of[ \t]+)?(?P<m2>{MONTH_PATTERN}),?[ \t]+{_YEAR.format('y2')}"
    # 2017-07-15 / 2017/07/15 (also the date part of an ISO timestamp)
    rf"|{_YEAR.format('y3')}(?P<sep>[-/])(?P<m3>[01]?\d)(?P=sep)(?P<d3>[0-3]?\d)(?!\d)"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A full date found in text, with its character span."""

    start: int
    end: int
    value: date


def find_full_dates(text: str, *, limit: int = LEAD_CHARS) -> Iterator[FoundDate]:
    """Full dates (day, month, year) starting in the first `limit` characters, in order."""
    for m in _FULL_DATE.finditer(text, 0, min(len(text), limit + 40)):
        if m.start() >= limit:
            return
        if m["m1"]:
            parts = (m["y1"], month_number(m["m1"]), m["d1"])
        elif m["m2"]:
            parts = (m["y2"], month_number(m["m2"]), m["d2"])
        else:
            parts = (m["y3"], m["m3"], m["d3"])
        try:
            value = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:  # "February 30, 2017", "2017-13-01"
            continue
        yield FoundDate(m.start(), m.end(), value)


def parse_iso_date(value: str) -> date:
    """An ISO date or datetime string to its date ("2017-07-15", "2017-07-15T09:30:00Z").

    Raises ValueError for anything else. The date is taken as written, without
    converting time zones.
    """
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


def choose_story_date(*, metadata_date: date | None, cli_date: date | None,
                      dateline: Dateline | None, lead: str) -> tuple[date | None, StoryDateSource]:
    """Apply the precedence above. `lead` is the story text after the dateline."""
    if metadata_date is not None:
        return metadata_date, StoryDateSource.METADATA
    if cli_date is not None:
        return cli_date, StoryDateSource.CLI
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        # The dateline may carry its own year ("LONDON, March 3, 2021 (Reuters) -").
        head = f"{dateline.text}\n{lead}"
        for found in find_full_dates(head, limit=len(dateline.text) + 1 + LEAD_CHARS):
            if (found.value.month, found.value.day) == (dateline.month, dateline.day):
                return found.value, StoryDateSource.DATELINE
    for found in find_full_dates(lead):
        return found.value, StoryDateSource.INFERRED
    return None, StoryDateSource.NONE
