"""Parquet parts of coded stories and their one idempotent load into the store."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.errors import StoreError
from bilat.pipeline import CodedArticle
from bilat.scale.parquet import load_parts, remove_parts, write_part
from bilat.schemas import Article, Event, Fact, make_event_id
from bilat.store import Store


def _event(doc_id: str, n: int, cameo: str = "042") -> Event:
    return Event(
        event_id=make_event_id(doc_id, n, 0, cameo, "ROUGOV", "KAZ"), doc_id=doc_id,
        story_date="2017-07-15", date="2010", date_precision="year", historical=True,
        source_actor="ROUGOV", source_country="ROU", target_actor="KAZ", target_country="KAZ",
        cameo=cameo, root=cameo[:2], quad_class=1, goldstein=1.9, plover="CONSULT", count=1,
        sentence_index=n, sentence=f"Sentence {n} of {doc_id}.", trigger="visited",
        extra={"mode": "asserted"})


def _coded(doc_id: str, text: str = "Romania and Kazakhstan.", n_events: int = 2,
           cameo: str = "042") -> CodedArticle:
    art = Article(doc_id=doc_id, text=text, story_date=date(2017, 7, 15))
    facts = (Fact(fact_id=f"f-{doc_id}", doc_id=doc_id, kind="agreement", country_a="KAZ",
                  country_b="ROU", name="joint Action Plan", places=("Astana",),
                  sentence_index=0, sentence="They signed a joint Action Plan."),)
    return CodedArticle(art, tuple(_event(doc_id, n, cameo) for n in range(n_events)), 3,
                        facts=facts)


def _stored(db):
    with Store.open(db, read_only=True) as store:
        return {(e.doc_id, e.event_id, e.cameo) for e in store.iter_events()}, store.stats()


def test_parts_load_into_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    parts = [write_part(tmp_path, 0, [_coded("a"), _coded("b", n_events=0)]),
             write_part(tmp_path, 1, [_coded("c", n_events=3)])]
    assert [p.n_events for p in parts] == [2, 3]
    summary = load_parts(db, parts)
    assert (summary.stories_new, summary.stories_unchanged, summary.events_written) == (3, 0, 5)
    events, stats = _stored(db)
    assert stats.n_documents == 3 and len(events) == 5
    with Store.open(db, read_only=True) as store:
        ev = next(iter(store.events()))
    assert ev == _event(ev.doc_id, ev.sentence_index)  # every field survives the round trip


def test_loading_twice_changes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    parts = [write_part(tmp_path, 0, [_coded("a"), _coded("b")])]
    load_parts(db, parts)
    before = _stored(db)[0]
    again = load_parts(db, parts)
    assert (again.stories_new, again.stories_updated, again.stories_unchanged) == (0, 0, 2)
    assert again.events_written == 0 and _stored(db)[0] == before


def test_a_changed_story_is_replaced_and_force_rewrites(tmp_path):
    db = tmp_path / "s.duckdb"
    load_parts(db, [write_part(tmp_path, 0, [_coded("a", n_events=3), _coded("b")])])
    edited = write_part(tmp_path, 1, [_coded("a", text="Edited text.", n_events=1, cameo="036"),
                                      _coded("b")])
    summary = load_parts(db, [edited])
    assert (summary.stories_updated, summary.stories_unchanged) == (1, 1)
    events = _stored(db)[0]
    assert {c for d, _, c in events if d == "a"} == {"036"}
    assert len([1 for d, _, _ in events if d == "a"]) == 1
    forced = load_parts(db, [edited], force=True)
    assert forced.stories_updated == 2 and _stored(db)[0] == events


def test_a_story_in_two_parts_is_taken_from_the_first(tmp_path):
    db = tmp_path / "s.duckdb"
    parts = [write_part(tmp_path, 3, [_coded("a", n_events=1)]),
             write_part(tmp_path, 7, [_coded("a", text="Other.", n_events=2)])]
    summary = load_parts(db, list(reversed(parts)))
    assert summary.stories_new == 1 and summary.events_written == 1


def test_facts_are_loaded_and_replaced(tmp_path):
    db = tmp_path / "s.duckdb"
    load_parts(db, [write_part(tmp_path, 0, [_coded("a")])])
    load_parts(db, [write_part(tmp_path, 1, [_coded("a", text="New.")])])
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT doc_id, name, places FROM facts").fetchall()
    finally:
        con.close()
    assert rows == [("a", "joint Action Plan", ["Astana"])]


def test_two_events_with_one_id_are_refused(tmp_path):
    bad = _coded("a")
    bad = CodedArticle(bad.article, bad.events + bad.events[:1], 3)
    with pytest.raises(StoreError, match="part 4"):
        write_part(tmp_path, 4, [bad])
    assert not list(tmp_path.glob("*.parquet"))


def test_no_parts_is_a_no_op_and_remove_deletes(tmp_path):
    db = tmp_path / "s.duckdb"
    assert load_parts(db, []).stories_new == 0 and not db.exists()
    parts = [write_part(tmp_path, 0, [_coded("a")])]
    remove_parts(parts)
    remove_parts(parts)
    assert not list(tmp_path.glob("*.parquet"))


def test_an_unwritable_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="part 0"):
        write_part(tmp_path / "missing", 0, [_coded("a")])
