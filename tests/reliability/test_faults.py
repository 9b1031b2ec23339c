"""Faults: `bilat code` killed mid-run, a story recoded after an edit, a read-only store, a full disk.

The store must end exactly as an uninterrupted run leaves it (same event ids, same rows, no
duplicate, no story with only some of its events), and what was stored before a failure must
stay readable.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bilat.errors import StoreError
from bilat.store import Store

N_STORIES = 1000
WAL = ".wal"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, news) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    return news.write_jsonl(folder / "news.jsonl", news.stories(N_STORIES))


@pytest.fixture(scope="module")
def reference(corpus, coder, check, tmp_path_factory):
    """The store after one uninterrupted run (in this process, with the session's Coder)."""
    from bilat.run import code_inputs

    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    summary = code_inputs([str(corpus)], db=db, coder=coder)
    assert summary.stories_coded == N_STORIES and not summary.skipped
    snap = check.intact(db)
    assert snap.n_event_rows > N_STORIES // 2  # the stories do give events
    return snap


def _group(pgid: int) -> list[int]:
    """Live processes of a process group (the run and any worker it started)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                pids.append(int(entry))
    return pids


def _start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bilat.interfaces.cli.app", "code", str(corpus),
                             "--db", str(db), "--silent", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wal_state(db: Path) -> tuple[int, int]:
    try:
        st = os.stat(str(db) + WAL)
    except FileNotFoundError:
        return (0, 0)
    return (st.st_size, st.st_mtime_ns)


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the run, then (by pid) whatever it left in its process group."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    for pid in _group(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _kill_after_writes(proc: subprocess.Popen, db: Path, extra_delay: float) -> bool:
    """Kill once this run has committed something (its WAL changed), after `extra_delay`.
    False when the run ended first."""
    start = _wal_state(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        size, mtime = _wal_state(db)
        if size > 0 and (size, mtime) != start:
            break
        time.sleep(0.01)
    time.sleep(extra_delay)
    if proc.poll() is not None:
        return False
    _kill(proc)
    return True


@pytest.mark.slow
def test_sigkill_at_several_points_then_rerun_equals_an_uninterrupted_run(corpus, reference, check,
                                                                          tmp_path):
    db = tmp_path / "killed.duckdb"
    rng = random.Random(6)
    stored: list[int] = []
    interrupted = 0

    # 1. during start-up (imports, model loading): nothing or an empty store
    proc = _start(corpus, db, "--workers", "1")
    time.sleep(0.5)
    if proc.poll() is None:
        _kill(proc)
        interrupted += 1
    if db.exists():
        stored.append(len(check.intact(db).documents))

    # 2-4. after this run's first commit, and at random moments later on
    for delay in (0.0, rng.uniform(0.05, 0.6), rng.uniform(0.3, 1.5)):
        proc = _start(corpus, db, "--workers", "1")
        if _kill_after_writes(proc, db, delay):
            interrupted += 1
        else:
            assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        snap = check.intact(db)  # opens after the crash; every story whole
        assert all(doc in reference.documents for doc in snap.documents)
        for doc, (digest, n) in snap.documents.items():
            assert (digest, n) == reference.documents[doc]
        stored.append(len(snap.documents))
    assert interrupted >= 3, "the runs ended before they could be killed"
    assert stored == sorted(stored) and stored[-1] < N_STORIES  # progress kept, run not done

    # 5. the run again, to the end (all cores, as users run it): exactly the reference
    proc = _start(corpus, db)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"{N_STORIES} stories read" in err and f"{stored[-1]} unchanged" in err
    final = check.intact(db)
    assert final.documents == reference.documents
    assert set(final.events) == set(reference.events)
    assert final.n_event_rows == reference.n_event_rows == len(reference.events)  # no duplicates
    assert final.events == reference.events


# -- re-coding an edited story replaces its events ----------------------------------------------

def test_recoding_an_updated_story_replaces_its_events(cli, check, tmp_path):
    db = tmp_path / "edits.duckdb"
    feed = tmp_path / "feed.jsonl"

    def write(text: str) -> None:
        feed.write_text(json.dumps({"doc_id": "story-1", "story_date": "2021-05-04", "text": text})
                        + "\n" + json.dumps({"doc_id": "story-2", "story_date": "2021-05-04",
                                             "text": "Japan pledged economic aid to Kenya."}) + "\n",
                        encoding="utf-8")

    write("Russia accused Ukraine of violating the ceasefire. France imposed new sanctions on Iran.")
    assert cli("code", feed, "--db", db, "--silent").code == 0
    first = check.intact(db)
    old = {k for k, v in first.events.items() if v[1] == "story-1"}
    assert len(old) >= 2

    r = cli("code", feed, "--db", db, "--silent")  # unchanged: nothing recoded
    assert r.code == 0 and "2 unchanged" in r.err
    assert check.intact(db) == first

    write("Egypt condemned Israel for the air strike.")
    r = cli("code", feed, "--db", db, "--silent")
    assert r.code == 0 and "1 coded" in r.err and "1 updated" in r.err
    second = check.intact(db)
    new = {k for k, v in second.events.items() if v[1] == "story-1"}
    assert new and not new & old  # the old version's events are gone, none left behind
    assert {(v[8], v[10]) for k, v in second.events.items() if k in new} == {("EGY", "ISR")}
    assert second.documents["story-1"][1] == len(new)
    assert second.without({"story-1"}) == first.without({"story-1"})  # story-2 untouched

    alone = tmp_path / "alone.duckdb"  # the edited story coded on its own gives the same events
    assert cli("code", feed, "--db", alone, "--silent").code == 0
    assert {k: v for k, v in check.intact(alone).events.items() if v[1] == "story-1"} == \
        {k: v for k, v in second.events.items() if k in new}


# -- a store that cannot be written ---------------------------------------------------------------

def _mount_tmpfs(where: Path, *options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)],
                          capture_output=True)
    return proc.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


@pytest.fixture
def coded_store(cli, news, tmp_path) -> Path:
    """A store holding 20 coded stories (in its own folder)."""
    folder = tmp_path / "store"
    folder.mkdir()
    feed = news.write_jsonl(tmp_path / "twenty.jsonl", news.stories(20, seed=1))
    assert cli("code", feed, "--db", folder / "coded.duckdb", "--silent").code == 0
    return folder / "coded.duckdb"


@pytest.fixture
def read_only_store(coded_store, tmp_path):
    """The store on a read-only file system (a tmpfs remounted ro), or skip."""
    mnt = tmp_path / "ro"
    if not _mount_tmpfs(mnt, "size=64m"):
        pytest.skip("cannot mount a tmpfs (needs root): no read-only file system to test on")
    try:
        db = mnt / coded_store.name
        db.write_bytes(coded_store.read_bytes())
        if subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode:
            pytest.skip("cannot remount the tmpfs read-only")
        yield db
    finally:
        _umount(mnt)


def test_read_only_store_is_a_clear_error_and_stays_readable(cli, check, news, read_only_store,
                                                             tmp_path):
    before = check.intact(read_only_store)
    feed = news.write_jsonl(tmp_path / "more.jsonl", news.stories(5, seed=99))
    r = cli("code", feed, "--db", read_only_store, "--silent")
    assert r.code == 1
    assert len(r.err_lines) == 1
    line = r.err_lines[0]
    assert line.startswith(f"bilat: E501 cannot write {read_only_store}") and "Read-only file system" in line
    assert "choose a writable --db path" in line
    assert check.intact(read_only_store) == before
    r = cli("events", "--db", read_only_store, "--format", "jsonl", "--limit", "1000")
    assert r.code == 0 and len(r.out.splitlines()) == before.n_event_rows


def test_store_opened_read_only_refuses_writes(coded_store, check):
    from bilat.schemas import Article

    before = check.intact(coded_store)
    with Store.open(coded_store, read_only=True) as store:
        with pytest.raises(StoreError, match="opened read-only"):
            store.write_story(Article(doc_id="late", text="Japan pledged aid to Kenya."), [])
        assert store.count_events() == before.n_event_rows  # still reads
    con = duckdb.connect(str(coded_store), read_only=True)
    try:
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM events")
    finally:
        con.close()
    assert check.intact(coded_store) == before


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs, or skip."""
    mnt = tmp_path / "disk"
    if not _mount_tmpfs(mnt, "size=16m"):
        pytest.skip("cannot mount a tmpfs (needs root): no small file system to fill")
    try:
        yield mnt
    finally:
        _umount(mnt)


def _free(folder: Path) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


@pytest.mark.slow
def test_full_disk_is_a_clear_error_and_what_was_stored_stays(cli, check, news, coder, small_disk,
                                                              tmp_path):
    from bilat.run import code_inputs

    feed = news.write_jsonl(tmp_path / "feed.jsonl", news.stories(400, seed=3))
    reference = tmp_path / "reference.duckdb"
    code_inputs([str(feed)], db=reference, coder=coder)
    expected = check.intact(reference)

    db = small_disk / "full.duckdb"
    Store.open(db).close()
    filler = small_disk / "filler"
    with filler.open("wb") as f:  # leave 200 KiB: room for some of the stories, not all
        f.write(bytes(_free(small_disk) - 200 * 1024))
    r = cli("code", feed, "--db", db, "--silent", "--workers", "1")
    assert r.code == 1, r.err
    assert len(r.err_lines) == 1
    line = r.err_lines[0]
    assert line.startswith(f"bilat: E501 cannot write story news-") and str(db) in line
    assert "No space left on device" in line and "were stored)" in line
    snap = check.intact(db)  # readable, whole stories only, each exactly as coding gives it
    assert 0 < len(snap.documents) < 400
    assert all(expected.documents[d] == v for d, v in snap.documents.items())
    assert all(expected.events[k] == v for k, v in snap.events.items())

    filler.unlink()  # room again: running again finishes the job
    r = cli("code", feed, "--db", db, "--silent", "--workers", "1")
    assert r.code == 0 and f"{len(snap.documents)} unchanged" in r.err
    final = check.intact(db)
    assert final.documents == expected.documents and final.events == expected.events


class _DiskFullAt:
    """A connection whose COMMIT fails with ENOSPC once the transaction holds story `doc_id`
    (as if that story's rows no longer fitted on the disk)."""

    def __init__(self, con, doc_id: str) -> None:
        self._con = con
        self._doc_id = doc_id
        self._holds = False

    def execute(self, sql, *args):
        if sql == "BEGIN TRANSACTION":
            self._holds = False
        elif sql == "COMMIT" and self._holds:
            self._con.execute("ROLLBACK")
            raise duckdb.IOException(f'Could not write file "x.wal": {os.strerror(errno.ENOSPC)}')
        return self._con.execute(sql, *args)

    def appender(self, table, **kw):
        con = self

        class Watch:
            def __enter__(self):
                self.inner = con._con.appender(table, **kw).__enter__()
                return self

            def append_rows(self, rows):
                rows = list(rows)
                if table == "documents" and any(r[0] == con._doc_id for r in rows):
                    con._holds = True
                return self.inner.append_rows(rows)

            def __exit__(self, *exc):
                return self.inner.__exit__(*exc)

        return Watch()

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_disk_full_mid_batch_keeps_the_stories_before_it(check, baseline_db):
    """Without root: ENOSPC at COMMIT, as DuckDB reports it, in the middle of a batch."""
    from bilat.schemas import Article

    before = check.intact(baseline_db)
    stories = [(Article(doc_id=f"s{k}", text=f"story {k}"), []) for k in range(5)]
    with Store.open(baseline_db) as store:
        store._con = _DiskFullAt(store._con, "s3")
        with pytest.raises(StoreError) as e:
            store.write_stories(stories)
    message = str(e.value)
    assert "\n" not in message and "No space left on device" in message
    assert "(story 4 of a batch of 5; the 3 before it were stored)" in message
    after = check.intact(baseline_db)
    assert set(after.documents) == set(before.documents) | {"s0", "s1", "s2"}
    assert after.without({"s0", "s1", "s2"}) == before
