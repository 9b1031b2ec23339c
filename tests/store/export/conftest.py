"""Fixtures for the export tests: a small store with every kind of event an export must handle."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bilat.schemas import Article, Event, StoryDateSource, make_event_id
from bilat.store import Store


def _event(doc_id: str, i: int, cameo: str, source: str | None, target: str | None, when: str | None,
           **kw: Any) -> Event:
    values: dict[str, Any] = dict(
        event_id=make_event_id(doc_id, i, 0, cameo, source, target), doc_id=doc_id, story_date="2017-07-15",
        date=when, date_precision="none" if when is None else {4: "year", 7: "month", 10: "day"}[len(when)],
        historical=False, source_actor=source, source_country=source, target_actor=target,
        target_country=target, cameo=cameo, root=cameo[:2], quad_class=1, goldstein=1.0,
        plover="CONSULT", count=1, sentence_index=i, sentence=f"Sentence {i} of {doc_id}.",
    )
    values.update(kw)
    return Event(**values)


def stories() -> list[tuple[Article, list[Event]]]:
    a = Article(doc_id="kaz-rou", text="one", story_date=date(2017, 7, 15),
                story_date_source=StoryDateSource.METADATA, title="Twenty-five years",
                url="https://example.org/kaz-rou", source="Test Wire")
    b = Article(doc_id="eu-rus", text="two", story_date=date(2023, 6, 23),
                story_date_source=StoryDateSource.METADATA)
    return [
        (a, [
            _event("kaz-rou", 0, "054", "KAZ", "ROU", "1992", goldstein=6.0, plover="SUPPORT", historical=True,
                   sentence="Relations began in 1992.", trigger="relations"),
            _event("kaz-rou", 4, "042", "ROU", "KAZ", "2010", goldstein=1.9, historical=True, count=2,
                   source_actor="ROUGOV", target_actor="KAZ", source_text="the president\tof Romania",
                   target_text="Kazakhstan", trigger="visited", extra={"mode": "asserted"},
                   location_name="Astana", location_country="KAZ", lat=51.17, lon=71.45,
                   sentence='He said, "twice in 2010",\nand left.'),
            _event("kaz-rou", 5, "010", "KAZ", "ROU", "2017-07-15", goldstein=0.0, plover=None,
                   sentence="A statement."),
        ]),
        (b, [
            _event("eu-rus", 0, "163", "EU", "RUS", "2023-06", quad_class=4, goldstein=-8.0, plover="COERCE",
                   sentence="Sanctions were imposed.", location_name="Russia", location_country="RUS"),
            _event("eu-rus", 1, "112", "RUS", "EU", None, quad_class=3, goldstein=-2.0, plover="ACCUSE",
                   sentence="Russia criticised the bloc."),
        ]),
    ]


@pytest.fixture
def export_db(tmp_path: Path) -> Path:
    db = tmp_path / "export.duckdb"
    with Store.open(db) as store:
        store.write_stories(stories())
    return db


@pytest.fixture
def reader(export_db: Path):
    with Store.open(export_db, read_only=True) as store:
        yield store


@pytest.fixture
def events() -> dict[str, Event]:
    """The stored events by (doc_id, sentence_index) as 'doc:i'."""
    return {f"{ev.doc_id}:{ev.sentence_index}": ev for _, evs in stories() for ev in evs}
