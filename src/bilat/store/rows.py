"""Conversions between bilat records and the rows of the store's tables.

Column order here is the order of the SELECT/append statements in `store.py`;
`tests/store/test_schema.py` checks it against the tables the migrations make.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime
from typing import Any, Sequence

from bilat.errors import StoreError
from bilat.schemas import Article, Event, Fact
from bilat.store.periods import period_bounds

EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
# stored columns: the Event fields with date_start after `date`
EVENT_COLUMNS: tuple[str, ...] = (
    EVENT_FIELDS[: EVENT_FIELDS.index("date") + 1]
    + ("date_start",)
    + EVENT_FIELDS[EVENT_FIELDS.index("date") + 1:]
)
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "content_hash", "story_date", "story_date_source", "title", "url",
    "source", "path", "coded_at", "n_events",
)
ACTOR_COLUMNS: tuple[str, ...] = ("event_id", "doc_id", "role", "code", "country", "sector", "text")
# the `facts` table: the fields of bilat.schemas.Fact, in order
FACT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Fact))


def quoted(columns: Sequence[str]) -> str:
    """Column list for SQL; names come from this module, never from users."""
    return ", ".join(f'"{c}"' for c in columns)


def document_row(article: Article, n_events: int, coded_at: datetime) -> tuple[Any, ...]:
    return (
        article.doc_id, article.content_hash, article.story_date,
        article.story_date_source.value, article.title, article.url,
        article.source, article.path, coded_at, n_events,
    )


def event_row(ev: Event) -> tuple[Any, ...]:
    """One `events` row; raises StoreError for a date the store cannot place."""
    if ev.date is None:
        start = None
    else:
        bounds = period_bounds(ev.date)
        if bounds is None:
            raise StoreError(
                f"event {ev.event_id} of story {ev.doc_id} has date {ev.date!r}, "
                "expected YYYY, YYYY-MM or YYYY-MM-DD; fix the coder output"
            )
        start = bounds[0]
    extra = json.dumps(ev.extra, ensure_ascii=False) if ev.extra else None
    return (
        ev.event_id, ev.doc_id, ev.story_date, ev.date, start, ev.date_precision,
        ev.historical, ev.source_actor, ev.source_country, ev.target_actor,
        ev.target_country, ev.cameo, ev.root, ev.quad_class, ev.goldstein, ev.plover,
        ev.count, ev.sentence_index, ev.sentence, ev.source_text, ev.target_text,
        ev.trigger, extra, ev.location_name, ev.location_country, ev.lat, ev.lon,
    )


def fact_row(fact: Fact) -> tuple[Any, ...]:
    """One `facts` row, in `FACT_COLUMNS` order."""
    return tuple(list(fact.places) if name == "places" else getattr(fact, name)
                 for name in FACT_COLUMNS)


def row_to_fact(row: Sequence[Any]) -> Fact:
    """Build a Fact from a row selected with `FACT_COLUMNS` in order."""
    values = dict(zip(FACT_COLUMNS, row))
    values["places"] = tuple(values["places"] or ())
    return Fact(**values)


def actor_rows(ev: Event) -> list[tuple[Any, ...]]:
    """The source and target actors of an event, when the event names them."""
    out = []
    for role, code, country, text in (
        ("source", ev.source_actor, ev.source_country, ev.source_text),
        ("target", ev.target_actor, ev.target_country, ev.target_text),
    ):
        if code is None and country is None and text is None:
            continue
        out.append((ev.event_id, ev.doc_id, role, code, country, _sector(code, country), text))
    return out


def _sector(code: str | None, country: str | None) -> str | None:
    """KAZGOV with country KAZ -> GOV; None when the code adds nothing."""
    if code and country and code.startswith(country) and len(code) > len(country):
        return code[len(country):]
    return None


def row_to_event(row: Sequence[Any]) -> Event:
    """Build an Event from a row selected with `EVENT_FIELDS` in order."""
    values = list(row)
    extra = values[_EXTRA]
    values[_EXTRA] = json.loads(extra) if extra else {}
    return Event(*values)


_EXTRA = EVENT_FIELDS.index("extra")
