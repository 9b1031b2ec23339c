"""The store keeps each story's facts and event places, replaces them with the story, and
migrates a version-1 store."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from bilat.errors import StoreError
from bilat.facts import make_fact_id
from bilat.schemas import Article, Event, Fact, StoryDateSource, make_event_id
from bilat.store import Store


def _article(doc_id: str, text: str = "text") -> Article:
    return Article(doc_id=doc_id, text=text, story_date=date(2024, 3, 12),
                   story_date_source=StoryDateSource.METADATA)


def _event(doc_id: str, i: int = 0, **kw) -> Event:
    values = dict(event_id=make_event_id(doc_id, i, 0, "040", "KAZ", "ROU"), doc_id=doc_id,
                  story_date="2024-03-12", date="2024-03-12", date_precision="story",
                  historical=False, source_actor="KAZGOV", source_country="KAZ",
                  target_actor="ROUGOV", target_country="ROU", cameo="040", root="04",
                  quad_class=1, goldstein=1.0, plover=None, count=1, sentence_index=i,
                  sentence="Ministers met.", location_name="Astana", location_country="KAZ",
                  lat=51.1694, lon=71.4491)
    values.update(kw)
    return Event(**values)


def _fact(doc_id: str, i: int = 0, *, kind: str = "diaspora", name: str = "Sylvanians",
          a: str = "ROU", b: str = "KAZ", **kw) -> Fact:
    values = dict(fact_id=make_fact_id(doc_id, i, kind, name, kw.get("value")), doc_id=doc_id,
                  kind=kind, country_a=a, country_b=b, name=name, sentence_index=i,
                  sentence=f"Sentence {i}.")
    values.update(kw)
    return Fact(**values)


@pytest.fixture
def store():
    with Store.open(":memory:") as s:
        yield s


def test_facts_round_trip(store):
    f = _fact("d1", value=20000.0, unit="people", qualifier="more than", places=("Almaty",),
              description="diaspora", period="2017")
    store.write_stories([(_article("d1"), [_event("d1")], [f])])
    assert store.facts() == [f]
    assert store.facts(pair=("KAZ", "ROU")) == [f]  # either order
    assert store.facts(pair=("ROU", "KAZ")) == [f]
    assert store.facts(pair=("KAZ", "UKR")) == []
    assert store.facts(doc_ids=["d1"]) == [f] and store.facts(doc_ids=["x"]) == []


def test_event_places_round_trip(store):
    ev = _event("d1")
    store.write_story(_article("d1"), [ev])
    (back,) = store.events()
    assert (back.location_name, back.location_country, back.lat, back.lon) == (
        "Astana", "KAZ", 51.1694, 71.4491)


def test_two_item_batches_still_work(store):
    store.write_stories([(_article("d1"), [_event("d1")])])
    assert store.facts() == [] and len(store.events()) == 1


def test_recoding_replaces_the_facts(store):
    store.write_story(_article("d1", "old"), [_event("d1")], facts=[_fact("d1"), _fact("d1", 1)])
    new = _fact("d1", 2, kind="membership", name="UN")
    result = store.write_story(_article("d1", "new text"), [_event("d1")], facts=[new])
    assert result.status == "updated"
    assert store.facts() == [new]
    store.write_story(_article("d1", "new text"), [_event("d1")], facts=[])
    assert store.facts() == [new]  # unchanged story: left as it was
    store.write_story(_article("d1", "new text"), [_event("d1")], facts=[], force=True)
    assert store.facts() == []  # forced: rewritten


def test_facts_keep_the_order_of_the_text(store):
    facts = [_fact("d1", 0, name="Zeta"), _fact("d1", 0, name="Alpha"), _fact("d1", 1, name="Mid")]
    store.write_story(_article("d1"), [], facts=facts)
    assert [f.name for f in store.facts()] == ["Zeta", "Alpha", "Mid"]


@pytest.mark.parametrize("bad, message", [
    (_fact("other"), "pass each story with its own facts"),
    (_fact("d1", kind="gossip"), "cannot write"),
])
def test_bad_facts_are_refused_and_nothing_is_written(store, bad, message):
    with pytest.raises(StoreError, match=message):
        store.write_story(_article("d1"), [_event("d1")], facts=[bad])
    assert store.documents() == [] and store.facts() == []


def test_duplicate_fact_ids_are_refused(store):
    f = _fact("d1")
    with pytest.raises(StoreError, match="two facts with id"):
        store.write_story(_article("d1"), [], facts=[f, f])


def test_a_version_1_store_is_migrated(tmp_path: Path):
    from bilat.store.migrations import available_migrations

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    (v1,) = [m for m in available_migrations() if m.version == 1]
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    con.execute(v1.sql)
    con.execute("INSERT INTO schema_migrations VALUES (1, 'init', ?)", [datetime(2024, 1, 1)])
    con.close()
    with pytest.raises(StoreError, match="migrate"):
        Store.open(path, read_only=True)
    with Store.open(path) as s:
        assert s.schema_version >= 2
        s.write_story(_article("d1"), [_event("d1")], facts=[_fact("d1")])
        assert s.events()[0].location_name == "Astana" and len(s.facts()) == 1
