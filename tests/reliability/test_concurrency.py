"""The API reads while `bilat code` writes the same store (DuckDB: one writer or many readers).

The design (docs/RELIABILITY.md): the API's readers share one read-only connection that is
closed when idle; a writer first takes the store's intent lock (`<db>.lock`), and from then on
the API opens nothing, answers 503 + Retry-After, and lets go of the file as soon as its
running requests end; the writer waits for that (up to `Store.WRITER_WAIT`) instead of failing.
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter

import pytest
import uvicorn

from bilat.errors import StoreError
from bilat.interfaces.api import create_app
from bilat.interfaces.api.pool import ReadPool, StoreBusy
from bilat.interfaces.api.server import bind
from bilat.store import Store
from bilat.store.intent import WriteIntent, intent_path, writer_waiting

READER_PATHS = ["/api/health", "/api/events?limit=20", "/api/events?actor=FRA&sort=-date",
                "/api/dyads", "/api/profile/FRA/DEU", "/api/countries/FRA"]


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""

    def __init__(self, app) -> None:
        self.sock = bind("127.0.0.1", 0)
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.sock.close()


class Readers:
    """Threads reading the API in a loop, each on its own keep-alive connection."""

    def __init__(self, port: int, n: int) -> None:
        self.port = port
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.bad: list[str] = []  # responses that break the rules
        self.last_health: dict | None = None
        self.threads = [threading.Thread(target=self._run, args=(k,), daemon=True) for k in range(n)]

    def _run(self, k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        i = k
        while not self.stop.is_set():
            path = READER_PATHS[i % len(READER_PATHS)]
            i += 1
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                body = r.read()
            except (OSError, http.client.HTTPException) as e:
                with self.lock:
                    self.bad.append(f"{path}: {type(e).__name__} {e}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            with self.lock:
                self.statuses[r.status] += 1
                if r.status == 503:
                    data = json.loads(body)
                    if not (r.getheader("Retry-After", "").isdigit()
                            and set(data) == {"ok", "error", "errors", "status"}
                            and "being written by another process" in data["error"]):
                        self.bad.append(f"{path}: bad 503 {r.headers} {body[:200]!r}")
                elif r.status != 200:
                    self.bad.append(f"{path}: {r.status} {body[:300]!r}")
                elif path == "/api/health":
                    self.last_health = json.loads(body)
        conn.close()

    def __enter__(self) -> Readers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)


@pytest.mark.slow
def test_api_reads_while_bilat_code_writes(news, check, tmp_path):
    db = tmp_path / "shared.duckdb"
    first = news.write_jsonl(tmp_path / "first.jsonl", news.stories(30, seed=1))
    more = news.write_jsonl(tmp_path / "more.jsonl", news.stories(150, seed=2))
    code = [sys.executable, "-m", "bilat.interfaces.cli.app", "code", "--silent", "--workers", "1",
            "--db", str(db)]
    subprocess.run([*code, str(first)], check=True, capture_output=True, timeout=300)
    n_before = check.intact(db).n_event_rows

    with LiveServer(create_app(db)) as live, Readers(live.port, 4) as readers:
        time.sleep(1.0)  # reads under way: the shared read-only connection is open
        assert readers.statuses[200] > 0
        started = time.monotonic()
        writer = subprocess.run([*code, str(more)], capture_output=True, text=True, timeout=600)
        wrote_for = time.monotonic() - started
        time.sleep(1.5)  # reads go on after the writer: the API opens the store again
    assert writer.returncode == 0, writer.stderr  # the writer got in despite constant reads
    assert "150 coded" in writer.stderr
    assert readers.bad == []  # only 200s and well-formed 503s: never a 500, never a reset
    assert readers.statuses[503] > 0 and readers.statuses[200] > 0
    assert set(readers.statuses) <= {200, 503}
    final = check.intact(db)
    assert final.n_event_rows > n_before
    assert readers.last_health is not None and readers.last_health["n_events"] == final.n_event_rows
    assert wrote_for < 300


# -- the intent lock itself -------------------------------------------------------------------

def test_intent_is_exclusive_and_seen_by_readers(tmp_path):
    db = tmp_path / "x.duckdb"
    assert not writer_waiting(db)  # no lock file yet: no writer
    first = WriteIntent.acquire(db)
    try:
        assert first.held and intent_path(db).exists()
        assert writer_waiting(db)
        with pytest.raises(StoreError, match="in use by another process"):
            WriteIntent.acquire(db, patience=0.05)
    finally:
        first.release()
    assert not writer_waiting(db)
    WriteIntent.acquire(db).release()


HOLD_INTENT = textwrap.dedent("""
    import sys, time
    from bilat.store.intent import WriteIntent
    intent = WriteIntent.acquire(sys.argv[1])
    print("held", flush=True)
    time.sleep(600)
""")


def test_intent_of_a_killed_writer_is_gone(tmp_path):
    db = tmp_path / "x.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", HOLD_INTENT, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert writer_waiting(db)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    assert not writer_waiting(db)  # no stale lock after a crash
    WriteIntent.acquire(db).release()


def test_second_writer_fails_at_once(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store.open(db):
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", "import sys; from bilat.store import Store; "
                               "Store.open(sys.argv[1])", str(db)], capture_output=True, text=True,
                              timeout=60)
        assert time.monotonic() - started < 8
    assert proc.returncode == 1 and "in use by another process (another writer" in proc.stderr


HOLD_READ = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print("reading", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


@pytest.mark.parametrize("hold, wait, opens", [(1.0, 10.0, True), (30.0, 0.3, False)])
def test_writer_waits_for_readers_to_let_go(tmp_path, hold, wait, opens):
    db = tmp_path / "x.duckdb"
    Store.open(db).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD_READ, str(db), str(hold)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "reading"
        started = time.monotonic()
        if opens:
            Store.open(db, wait=wait).close()
            assert 0.3 < time.monotonic() - started < wait
        else:
            with pytest.raises(StoreError, match="in use by another process"):
                Store.open(db, wait=wait)
            assert time.monotonic() - started < wait + 2
            assert not writer_waiting(db)  # a failed open gives the intent back
    finally:
        proc.kill()
        proc.communicate(timeout=30)


def test_pool_lets_go_when_a_writer_announces_itself(tmp_path):
    db = tmp_path / "x.duckdb"
    Store.open(db).close()
    pool = ReadPool(db, linger=60)
    try:
        with pool.store():
            intent = WriteIntent.acquire(db)
            with pytest.raises(StoreBusy, match="being written by another process"):
                with pool.store():
                    pass
            assert pool.is_open  # the running request keeps its connection
        assert not pool.is_open  # closed as soon as the last request ended, not after 60 s
        with pytest.raises(StoreBusy):
            with pool.store():
                pass
        intent.release()
        with pool.store() as store:
            assert store.stats().n_events == 0
    finally:
        pool.close()


def test_an_idle_pool_lets_a_writer_in_long_before_its_linger(tmp_path):
    db = tmp_path / "x.duckdb"
    Store.open(db).close()
    pool = ReadPool(db, linger=600)
    try:
        with pool.store():
            pass
        assert pool.is_open  # idle, and would stay open for ten minutes
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", "import sys; from bilat.store import Store; "
                               "Store.open(sys.argv[1]).close()", str(db)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert time.monotonic() - started < 10
        assert not pool.is_open
    finally:
        pool.close()
