"""The answer cache: repeated GETs come from memory, but never once the store may have changed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from bilat.interfaces.api import create_app
from bilat.interfaces.api.cache import ResponseCache


def cache_of(app) -> ResponseCache:
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, ResponseCache):
        layer = getattr(layer, "app", None)
    assert layer is not None, "no ResponseCache in the middleware stack"
    return layer


@pytest.fixture
def cached(tmp_path, synth):
    db = synth.build_store(tmp_path / "cached.duckdb")
    app = create_app(db, linger=60)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield db, app, c


def test_repeated_gets_are_served_from_memory(cached):
    db, app, c = cached
    first = c.get("/api/events?dyad=KAZ,ROU")
    again = c.get("/api/events?dyad=KAZ,ROU")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert again.headers["content-security-policy"] and again.headers["cache-control"] == "no-store"
    stats = cache_of(app).stats()
    assert stats["hits"] == 1 and stats["entries"] == 1
    c.get("/api/events?dyad=KAZ,RUS")  # another query string: another entry
    assert cache_of(app).stats()["entries"] == 2


def test_errors_and_non_api_paths_are_not_cached(cached):
    db, app, c = cached
    for _ in range(2):
        assert c.get("/api/events?root=99").status_code == 422
        assert c.get("/").status_code == 200
    assert cache_of(app).stats()["entries"] == 0


WRITE = textwrap.dedent("""
    import sys
    from datetime import date
    from bilat.schemas import Article, Event, StoryDateSource, make_event_id
    from bilat.store import Store
    d = "late-story"
    ev = Event(event_id=make_event_id(d, 0, 0, "042", "KAZ", "ROU"), doc_id=d, story_date=None,
               date="2024-01-02", date_precision="day", historical=False, source_actor="KAZ",
               source_country="KAZ", target_actor="ROU", target_country="ROU", cameo="042",
               root="04", quad_class=1, goldstein=1.9, plover="CONSULT", count=1,
               sentence_index=0, sentence="A late visit.")
    with Store.open(sys.argv[1]) as s:
        s.write_story(Article(doc_id=d, text="x", story_date=date(2024, 1, 2),
                              story_date_source=StoryDateSource.METADATA), [ev])
""")


def test_an_answer_is_never_served_after_a_writer_changed_the_store(cached, synth):
    db, app, c = cached
    before = c.get("/api/events?dyad=KAZ,ROU").json()["total"]
    assert c.get("/api/events?dyad=KAZ,ROU").json()["total"] == before  # from the cache
    # a writer in another process: it announces itself, the idle pool lets go, it writes
    subprocess.run([sys.executable, "-c", WRITE, str(db)], check=True, timeout=120)
    assert c.get("/api/events?dyad=KAZ,ROU").json()["total"] == before + 1
    assert c.get("/api/health").json()["n_events"] == synth.n_events() + 1


def test_cache_is_bounded(tmp_path, synth):
    db = synth.build_store(tmp_path / "small.duckdb")
    app = create_app(db, linger=60, cache_bytes=60_000)
    with TestClient(app) as c:
        for offset in range(0, 250, 10):
            c.get(f"/api/events?dyad=USA,CHN&limit=10&offset={offset}")
        c.get("/api/events?dyad=USA,CHN&limit=1000")  # ~100 kB: over the whole cache, not kept
        stats = cache_of(app).stats()
    assert 0 < stats["bytes"] <= 60_000 and stats["entries"] < 26


def test_cache_off_and_in_write_mode(tmp_path, synth):
    db = synth.build_store(tmp_path / "off.duckdb")
    with pytest.raises(AssertionError, match="no ResponseCache"):
        cache_of(create_app(db, cache_bytes=0))
    app = create_app(db, allow_write=True, api_token="x" * 20, coder=object())
    with TestClient(app):
        with pytest.raises(AssertionError, match="no ResponseCache"):
            cache_of(app)  # the writing server reads live: no cache
