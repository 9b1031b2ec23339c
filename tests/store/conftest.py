"""Fixtures for the store tests: synthetic articles and events, and open stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bilat.schemas import Article, Event, StoryDateSource, make_event_id
from bilat.store import Store


def article(doc_id: str = "doc-1", text: str = "Kazakhstan and Romania talked.", **kw: Any) -> Article:
    kw.setdefault("story_date", date(2017, 7, 15))
    kw.setdefault("story_date_source", StoryDateSource.METADATA)
    kw.setdefault("title", f"Title of {doc_id}")
    return Article(doc_id=doc_id, text=text, **kw)


def event(doc_id: str = "doc-1", i: int = 0, *, cameo: str = "042", source: str | None = "KAZ",
          target: str | None = "ROU", date: str | None = "2017-07-15", **kw: Any) -> Event:
    """An Event with plausible defaults; keyword arguments override any field."""
    values: dict[str, Any] = dict(
        event_id=make_event_id(doc_id, i, 0, cameo, source, target), doc_id=doc_id,
        story_date="2017-07-15", date=date, date_precision="day", historical=False,
        source_actor=None if source is None else source + "GOV", source_country=source,
        target_actor=target, target_country=target, cameo=cameo, root=cameo[:2],
        quad_class=1, goldstein=1.9, plover="CONSULT", count=1, sentence_index=i,
        sentence=f"Sentence {i} of {doc_id}.", source_text="the president",
        target_text="Romania", trigger="visited", extra={"mode": "active"},
    )
    values.update(kw)
    return Event(**values)


def story(doc_id: str, n: int = 3, *, text: str | None = None, **kw: Any) -> tuple[Article, list[Event]]:
    a = article(doc_id, text or f"Story {doc_id}.")
    return a, [event(doc_id, i, **kw) for i in range(n)]


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    return article


@pytest.fixture(scope="session")
def make_event() -> Callable[..., Event]:
    return event


@pytest.fixture(scope="session")
def make_story() -> Callable[..., tuple[Article, list[Event]]]:
    return story


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bilat.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as s:
        yield s

