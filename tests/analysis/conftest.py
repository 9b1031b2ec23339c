"""Fixtures for the analysis tests: a small in-memory store about one dyad."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from bilat.schemas import Article, Event, StoryDateSource, make_event_id
from bilat.store import Store


def _event(doc_id: str, i: int, cameo: str, source: str | None, target: str | None,
           when: str | None, **kw: Any) -> Event:
    values: dict[str, Any] = dict(
        event_id=make_event_id(doc_id, i, 0, cameo, source, target), doc_id=doc_id,
        story_date=None, date=when, date_precision="year", historical=False,
        source_actor=source, source_country=source, target_actor=target, target_country=target,
        cameo=cameo, root=cameo[:2], quad_class=1, goldstein=1.0, plover=None, count=1,
        sentence_index=i, sentence=f"Sentence {i} of {doc_id}.",
    )
    values.update(kw)
    return Event(**values)


@pytest.fixture(scope="session")
def make_event() -> Callable[..., Event]:
    return _event


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    def build(doc_id: str, story_date: date | None = None, **kw: Any) -> Article:
        return Article(doc_id=doc_id, text=f"text of {doc_id}", story_date=story_date,
                       story_date_source=StoryDateSource.METADATA, **kw)
    return build


@pytest.fixture
def memory_store() -> Iterator[Store]:
    with Store.open(":memory:") as s:
        yield s
