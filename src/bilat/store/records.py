"""Typed records of the store: the query, write results, document rows, summaries.

`EventQuery` validates itself when built, so a bad filter fails before any SQL
runs; country codes are checked by the caller (the CLI/API), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bilat.errors import BadDate, BadParameter
from bilat.store.periods import period_bounds

WriteStatus = Literal["new", "updated", "unchanged"]

MAX_LIMIT = 1_000_000
MAX_QUERY_WORDS = 20
MAX_QUERY_CHARS = 500

_ROOT = re.compile(r"\d{2}")
_CAMEO_PREFIX = re.compile(r"\d{1,4}")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters on stored events; every filter that is set must hold.

    dyad: two countries, events in either direction. actor: source or target
    country. root: two-digit CAMEO root "01".."20". cameo: prefix of the CAMEO
    code. since/until: YYYY[-MM[-DD]], compared with the first day of the
    event's date; `until` includes its whole period. q: words that must all
    occur in the sentence (case-insensitive). Results are sorted by date
    (undated last), doc_id, sentence_index; `newest_first` reverses the dates.
    """

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    root: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    historical: bool | None = None
    doc_id: str | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False

    def __post_init__(self) -> None:
        if self.dyad is not None:
            if (not isinstance(self.dyad, tuple) or len(self.dyad) != 2
                    or not all(isinstance(c, str) and c for c in self.dyad)):
                raise BadParameter(f"dyad must be two country codes, got {self.dyad!r}")
        if self.actor is not None and (not isinstance(self.actor, str) or not self.actor):
            raise BadParameter(f"actor must be a country code, got {self.actor!r}")
        if self.root is not None and (
            not isinstance(self.root, str) or not _ROOT.fullmatch(self.root)
            or not 1 <= int(self.root) <= 20
        ):
            raise BadParameter(f"root must be a two-digit CAMEO root 01..20, got {self.root!r}")
        if self.cameo is not None and (
            not isinstance(self.cameo, str) or not _CAMEO_PREFIX.fullmatch(self.cameo)
        ):
            raise BadParameter(f"cameo must be 1 to 4 digits (a code prefix), got {self.cameo!r}")
        if self.quad_class is not None and (
            isinstance(self.quad_class, bool) or not isinstance(self.quad_class, int)
            or not 1 <= self.quad_class <= 4
        ):
            raise BadParameter(f"quad_class must be 1, 2, 3 or 4, got {self.quad_class!r}")
        since = _period("since", self.since)
        until = _period("until", self.until)
        if since is not None and until is not None and since[0] > until[1]:
            raise BadDate(f"since {self.since} is after until {self.until}; swap them")
        if self.q is not None:
            if not isinstance(self.q, str) or not self.q.split():
                raise BadParameter("q must contain at least one word")
            if len(self.q) > MAX_QUERY_CHARS or len(self.q.split()) > MAX_QUERY_WORDS:
                raise BadParameter(
                    f"q is too long: at most {MAX_QUERY_WORDS} words and {MAX_QUERY_CHARS} characters"
                )
        if self.historical is not None and not isinstance(self.historical, bool):
            raise BadParameter(f"historical must be true or false, got {self.historical!r}")
        if self.doc_id is not None and (not isinstance(self.doc_id, str) or not self.doc_id):
            raise BadParameter(f"doc_id must be a non-empty string, got {self.doc_id!r}")
        if self.limit is not None and (
            isinstance(self.limit, bool) or not isinstance(self.limit, int)
            or not 1 <= self.limit <= MAX_LIMIT
        ):
            raise BadParameter(f"limit must be between 1 and {MAX_LIMIT:,}, got {self.limit!r}")
        if isinstance(self.offset, bool) or not isinstance(self.offset, int) or self.offset < 0:
            raise BadParameter(f"offset must be 0 or more, got {self.offset!r}")

    @property
    def since_date(self) -> date | None:
        """First day of the `since` period."""
        b = _period("since", self.since)
        return None if b is None else b[0]

    @property
    def until_date(self) -> date | None:
        """Last day of the `until` period: until="2010" means up to 2010-12-31."""
        b = _period("until", self.until)
        return None if b is None else b[1]


def _period(name: str, value: str | None) -> tuple[date, date] | None:
    if value is None:
        return None
    bounds = period_bounds(value) if isinstance(value, str) else None
    if bounds is None:
        raise BadDate(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return bounds


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What `Store.write_story` did to one story."""

    doc_id: str
    status: WriteStatus
    n_events: int  # events now stored for the story
    n_replaced: int = 0  # events of the previous version that were removed


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored story."""

    doc_id: str
    content_hash: str
    story_date: date | None
    story_date_source: str
    title: str | None
    url: str | None
    source: str | None
    path: str | None
    coded_at: datetime
    n_events: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Size and time span of a store."""

    path: str
    schema_version: int
    n_documents: int
    n_events: int
    first_date: str | None  # `date` of the earliest dated event
    last_date: str | None


@dataclass(frozen=True, slots=True)
class YearSummary:
    """Events of one calendar year (from `date_start`)."""

    year: int
    n: int
    quad: tuple[int, int, int, int]  # counts of quad classes 1..4
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class EventSummary:
    """Totals over all events a query matches (limit/offset ignored)."""

    n: int
    quad: tuple[int, int, int, int]
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None
    n_undated: int


@dataclass(frozen=True, slots=True)
class DocumentCount:
    """A story and how many of the matching events came from it."""

    doc_id: str
    title: str | None
    story_date: date | None
    url: str | None
    n_events: int
