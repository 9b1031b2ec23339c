"""ReadPool: overlapping requests share one read-only store; an idle one lets go of the file."""

from __future__ import annotations

import threading
import time

import pytest

from bilat.interfaces.api.pool import ReadPool, StoreBusy, open_read_only
from bilat.store import Store


class FakeStore:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


class Opener:
    def __init__(self) -> None:
        self.opened: list[FakeStore] = []

    def __call__(self, path):
        s = FakeStore()
        self.opened.append(s)
        return s


def test_overlapping_uses_share_one_store_and_linger_0_closes_at_once():
    opener = Opener()
    pool = ReadPool("x", linger=0, opener=opener)
    with pool.store() as a, pool.store() as b:
        assert a is b and len(opener.opened) == 1 and pool.is_open
    assert not pool.is_open and opener.opened[0].closed
    with pool.store():
        pass
    assert len(opener.opened) == 2


def test_idle_store_is_closed_after_linger_and_reused_within_it():
    opener = Opener()
    pool = ReadPool("x", linger=0.2, opener=opener)
    with pool.store():
        pass
    with pool.store():  # within the linger: same store
        pass
    assert len(opener.opened) == 1 and pool.is_open
    deadline = time.monotonic() + 5
    while pool.is_open and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not pool.is_open and opener.opened[0].closed


def test_store_in_use_is_never_closed_by_the_idle_timer():
    opener = Opener()
    pool = ReadPool("x", linger=0.05, opener=opener)
    with pool.store():
        pass
    with pool.store() as s:
        time.sleep(0.2)  # the timer of the first use fires meanwhile
        assert not s.closed
    pool.close()
    assert s.closed


def test_concurrent_first_use_opens_once():
    opener = Opener()
    pool = ReadPool("x", linger=10, opener=opener)
    barrier = threading.Barrier(8)

    def use():
        barrier.wait()
        with pool.store():
            time.sleep(0.01)

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(opener.opened) == 1
    pool.close()


def test_a_writer_can_open_the_file_once_the_pool_lets_go(tmp_path, synth):
    db = synth.build_store(tmp_path / "w.duckdb")
    pool = ReadPool(db, linger=0)
    with pool.store() as s:
        assert s.stats().n_events == synth.n_events()
    with Store.open(db) as writer:  # would fail while a read-only open is alive
        writer.write_story(*synth.seed_equivalent(), force=True)
    with pool.store() as s:
        assert s.stats().n_events == synth.n_events()


def test_open_read_only_reports_other_mode_as_busy(tmp_path, synth):
    db = synth.build_store(tmp_path / "b.duckdb")
    with Store.open(db):
        with pytest.raises(StoreBusy, match="being written"):
            open_read_only(db)
