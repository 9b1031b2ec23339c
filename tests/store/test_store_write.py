"""Writing stories: atomic replace, unchanged stories, failures that change nothing, batches."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

import bilat.store.store as store_module
from bilat.errors import StoreError
from bilat.store import EventQuery, Store


def _ids(store: Store, doc_id: str) -> set[str]:
    return {e.event_id for e in store.events(EventQuery(doc_id=doc_id))}


def _actor_rows(store: Store, doc_id: str) -> list[tuple]:
    con = store._connection()
    return con.execute(
        "SELECT role, code, country, sector, text FROM actors WHERE doc_id = ? ORDER BY event_id, role",
        [doc_id],
    ).fetchall()


def test_new_story_round_trips(store: Store, make_story) -> None:
    a, events = make_story("doc-1", 3)
    result = store.write_story(a, events)
    assert (result.doc_id, result.status, result.n_events, result.n_replaced) == ("doc-1", "new", 3, 0)
    assert store.events(EventQuery(doc_id="doc-1")) == events  # every field, extra included
    [doc] = store.documents()
    assert (doc.doc_id, doc.content_hash, doc.story_date, doc.story_date_source, doc.n_events) == (
        "doc-1", a.content_hash, date(2017, 7, 15), "metadata", 3)
    assert doc.title == "Title of doc-1"


def test_same_story_twice_is_unchanged(store: Store, make_story) -> None:
    a, events = make_story("doc-1", 3)
    store.write_story(a, events)
    coded_at = store.documents()[0].coded_at
    again = store.write_story(a, events)
    assert (again.status, again.n_events) == ("unchanged", 3)
    assert store.count_events() == 3
    assert store.documents()[0].coded_at == coded_at  # nothing touched
    assert store.is_unchanged("doc-1", a.content_hash)
    assert not store.is_unchanged("doc-1", "0" * 16)
    assert not store.is_unchanged("doc-2", a.content_hash)


def test_unchanged_story_is_not_rewritten_even_with_other_events(store: Store, make_story) -> None:
    a, events = make_story("doc-1", 3)
    store.write_story(a, events)
    assert store.write_story(a, events[:1]).status == "unchanged"
    assert store.count_events() == 3


def test_force_rewrites_an_unchanged_story(store: Store, make_story) -> None:
    a, events = make_story("doc-1", 3)
    store.write_story(a, events)
    result = store.write_story(a, events[:1], force=True)
    assert (result.status, result.n_events, result.n_replaced) == ("updated", 1, 3)
    assert _ids(store, "doc-1") == {events[0].event_id}


def test_updated_story_replaces_all_its_events(store: Store, make_story, make_event) -> None:
    a, old = make_story("doc-1", 3)
    store.write_story(a, old)
    store.write_story(*make_story("doc-2", 2))
    new_article = replace(a, text=a.text + " More text.")
    new = [make_event("doc-1", 7, cameo="057", source="ROU", target="KAZ")]
    result = store.write_story(new_article, new)
    assert (result.status, result.n_events, result.n_replaced) == ("updated", 1, 3)
    assert store.events(EventQuery(doc_id="doc-1")) == new
    assert len(_ids(store, "doc-2")) == 2  # the other story is untouched
    assert _actor_rows(store, "doc-1") == [
        ("source", "ROUGOV", "ROU", "GOV", "the president"), ("target", "KAZ", "KAZ", None, "Romania")]
    assert store.documents(["doc-1"])[0].content_hash == new_article.content_hash
    assert store.stats().n_documents == 2


def test_story_without_events_is_recorded(store: Store, make_article) -> None:
    result = store.write_story(make_article("empty"), [])
    assert (result.status, result.n_events) == ("new", 0)
    assert store.is_unchanged("empty", make_article("empty").content_hash)


def test_actors_table(store: Store, make_story, make_event) -> None:
    a, _ = make_story("doc-1", 0)
    store.write_story(a, [make_event("doc-1", 0, source="KAZ", target=None, target_text=None)])
    assert _actor_rows(store, "doc-1") == [("source", "KAZGOV", "KAZ", "GOV", "the president")]


@pytest.mark.parametrize("case", ["check_constraint", "duplicate_id", "foreign_doc", "bad_date",
                                  "failing_actor_rows"])
def test_failed_update_keeps_the_old_story(store: Store, make_story, make_event, monkeypatch,
                                           case: str) -> None:
    a, old = make_story("doc-1", 3)
    store.write_story(a, old)
    before_docs = store.documents()
    before_actors = _actor_rows(store, "doc-1")
    new_article = replace(a, text="A new version.")
    new = [make_event("doc-1", 5, cameo="046"), make_event("doc-1", 6, cameo="057")]
    if case == "check_constraint":
        new.append(make_event("doc-1", 9, quad_class=7))
    elif case == "duplicate_id":
        new.append(new[0])
    elif case == "foreign_doc":
        new.append(make_event("doc-2", 0))
    elif case == "bad_date":
        new.append(make_event("doc-1", 9, date="July 2017"))
    else:  # the last statement of the transaction fails, after the deletes and inserts
        monkeypatch.setattr(store_module, "actor_rows",
                            lambda ev: [(ev.event_id, ev.doc_id, "witness", None, None, None, None)])
    with pytest.raises(StoreError) as e:
        store.write_story(new_article, new)
    assert "doc-1" in str(e.value) and "\n" not in str(e.value)
    assert store.events(EventQuery(doc_id="doc-1")) == old
    assert store.documents() == before_docs
    assert _actor_rows(store, "doc-1") == before_actors
    monkeypatch.undo()
    assert store.write_story(new_article, new[:2]).status == "updated"  # the store still works


def test_failed_new_story_leaves_no_trace(store: Store, make_story, make_event) -> None:
    a, events = make_story("doc-1", 2)
    with pytest.raises(StoreError, match="CHECK|constraint"):
        store.write_story(a, events + [make_event("doc-1", 9, goldstein=42.0)])
    assert store.stats().n_documents == 0 and store.count_events() == 0
    assert not store.is_unchanged("doc-1", a.content_hash)


def test_driver_error_inside_transaction_rolls_back(store: Store, make_story, monkeypatch) -> None:
    a, old = make_story("doc-1", 3)
    store.write_story(a, old)

    def broken(ev):
        raise duckdb.IOException("disk on fire")

    monkeypatch.setattr(store_module, "event_row", broken)
    with pytest.raises(StoreError, match="disk on fire"):
        store.write_story(replace(a, text="changed"), old[:1])
    assert store.events(EventQuery(doc_id="doc-1")) == old


# -- batches -------------------------------------------------------------------

def test_write_stories_statuses(store: Store, make_story) -> None:
    store.write_story(*make_story("a", 2))
    store.write_story(*make_story("b", 2))
    a2 = make_story("a", 1, text="a, second version")
    c1 = make_story("c", 3)
    c2 = make_story("c", 2, text="c, second version")
    results = store.write_stories([make_story("b", 2), a2, c1, c2, c2])
    assert [(r.doc_id, r.status, r.n_events, r.n_replaced) for r in results] == [
        ("b", "unchanged", 2, 0), ("a", "updated", 1, 2), ("c", "new", 3, 0),
        ("c", "updated", 2, 3), ("c", "unchanged", 2, 0)]
    assert {d.doc_id: d.n_events for d in store.documents()} == {"a": 1, "b": 2, "c": 2}
    assert store.count_events() == 5
    assert store.write_stories([]) == []


@pytest.mark.parametrize("bad_at", [0, 3, 6])
def test_bad_story_in_batch(store: Store, make_story, make_event, bad_at: int) -> None:
    batch = [make_story(f"doc-{i}", 2) for i in range(7)]
    a, events = batch[bad_at]
    batch[bad_at] = (a, events + [make_event(a.doc_id, 9, quad_class=0)])
    with pytest.raises(StoreError) as e:
        store.write_stories(batch)
    assert f"story doc-{bad_at}" in str(e.value)
    assert f"the {bad_at} before it were stored" in str(e.value)
    assert [d.doc_id for d in store.documents()] == [f"doc-{i}" for i in range(bad_at)]
    assert store.count_events() == 2 * bad_at


def test_batch_of_1000_stories_is_fast(tmp_path: Path, make_story) -> None:
    batch = [make_story(f"doc-{i:04d}", 5, date=f"{2000 + i % 20}-0{1 + i % 9}") for i in range(1000)]
    with Store.open(tmp_path / "fast.duckdb") as s:
        start = time.perf_counter()
        results = s.write_stories(batch)
        first = time.perf_counter() - start
        updated = [(replace(a, text=a.text + "!"), ev) for a, ev in batch]
        start = time.perf_counter()
        s.write_stories(updated)
        second = time.perf_counter() - start
        assert {r.status for r in results} == {"new"}
        assert s.stats().n_events == 5000 and s.stats().n_documents == 1000
    assert first < 5 and second < 5, (first, second)


def test_reads_from_other_threads_during_writes(store: Store, make_story) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def reader(_: int) -> list[int]:
        seen = []
        for _ in range(20):
            n = store.count_events()
            assert n % 3 == 0  # a story's 3 events appear together or not at all
            seen.append(n)
        return seen

    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(reader, i) for i in range(3)]
        for i in range(20):
            store.write_story(*make_story(f"doc-{i}", 3))
        for f in futures:
            assert f.result() == sorted(f.result())  # never goes backwards
    assert store.count_events() == 60
