"""Load test of the API on loopback: concurrent clients on /api/events and /api/profile.

    python -m bilat.benchmarks.loadtest                    # 1M synthetic events, 50 clients, 30 s
    python -m bilat.benchmarks.loadtest --events 100000 --clients 10 --duration 5
    python -m bilat.benchmarks.loadtest --db my.duckdb --json result.json --markdown

It builds a synthetic store (`bilat.benchmarks.synthetic`, cached under
`--work`), starts `bilat serve` on it in a child process on a free loopback
port, warms up, then runs `--clients` clients for `--duration` seconds. Each
client keeps one HTTP/1.1 connection open and sends one request after the other
(no think time), choosing at random (seeded) between an `/api/events` query and
a `/api/profile/A/B` of one of the busiest dyads. The run is bounded: it stops
after `--duration` seconds, and each request times out after `--timeout`.

Recorded per endpoint and overall: requests, requests/s, p50/p90/p99/max
latency, and errors (non-2xx answers, timeouts, broken connections), with the
machine's details. The client is a minimal asyncio HTTP/1.1 reader (Content-Length
framing only), so it costs the server's CPUs little.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from bilat.errors import BadParameter

DEFAULT_CLIENTS = 50
DEFAULT_DURATION = 30.0
DEFAULT_EVENTS = 1_000_000
DEFAULT_WORK = Path(".bench")
MAX_CLIENTS = 500
MAX_DURATION = 600.0
TARGET_P99_MS = 200.0
T = TypeVar("T")


# -- requests -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RequestMix:
    """The URLs the clients choose from: event queries and profiles of busy dyads."""

    events: tuple[str, ...]
    profiles: tuple[str, ...]
    profile_share: float = 0.5

    def pick(self, rng: random.Random) -> tuple[str, str]:
        """(endpoint name, path) of the next request."""
        if rng.random() < self.profile_share:
            return "profile", rng.choice(self.profiles)
        return "events", rng.choice(self.events)


def request_mix(dyads: Sequence[tuple[str, str]], countries: Sequence[str], *,
                profile_share: float = 0.5) -> RequestMix:
    """Event queries as the dashboard and API users send them, over the given dyads."""
    if not dyads or len(countries) < 2:
        raise BadParameter("the load test needs at least one dyad and two countries")
    events: list[str] = ["/api/events", "/api/events?sort=-date", "/api/events?limit=20"]
    for a, b in dyads:
        events += [f"/api/events?dyad={a},{b}", f"/api/events?dyad={a},{b}&root=04",
                   f"/api/events?dyad={a},{b}&since=2010&limit=50"]
    for c in countries[:30]:
        events += [f"/api/events?actor={c}&since=2015", f"/api/events?actor={c}&quad_class=4"]
    profiles = tuple(f"/api/profile/{a}/{b}" for a, b in dyads)
    return RequestMix(tuple(events), profiles, profile_share)


# -- results --------------------------------------------------------------------------------

@dataclass(slots=True)
class Samples:
    """Latencies (seconds) of the answered requests and the errors, of one endpoint."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


@dataclass(frozen=True, slots=True)
class EndpointStats:
    endpoint: str
    requests: int
    errors: int
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    error_kinds: dict[str, int]


@dataclass(frozen=True, slots=True)
class LoadResult:
    """One load test: per endpoint and over all requests."""

    clients: int
    duration_s: float
    endpoints: tuple[EndpointStats, ...]
    total: EndpointStats

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) of sorted values, nearest rank; 0.0 for none."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), -(-len(sorted_values) * q // 100)))
    return sorted_values[int(rank) - 1]


def summarise(name: str, samples: Samples, elapsed: float) -> EndpointStats:
    lat = sorted(samples.latencies)
    n_err = sum(samples.errors.values())
    ms = [1000 * percentile(lat, q) for q in (50, 90, 99)]
    return EndpointStats(endpoint=name, requests=len(lat) + n_err, errors=n_err,
                         requests_per_s=round((len(lat) + n_err) / elapsed, 1) if elapsed else 0.0,
                         p50_ms=round(ms[0], 1), p90_ms=round(ms[1], 1), p99_ms=round(ms[2], 1),
                         max_ms=round(1000 * lat[-1], 1) if lat else 0.0,
                         error_kinds=dict(samples.errors))


# -- the client -----------------------------------------------------------------------------

class _Connection:
    """One keep-alive HTTP/1.1 connection; `get` returns (status, body length)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: application/json\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = None
        close = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if length is None:
            raise ConnectionError("response without Content-Length")
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def _client(host: str, port: int, mix: RequestMix, rng: random.Random, stop_at: float,
                  timeout: float, samples: dict[str, Samples]) -> None:
    conn = _Connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            name, path = mix.pick(rng)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(path), timeout)
            except asyncio.TimeoutError:
                samples[name].error("timeout")
                await conn.close()
                continue
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as e:
                samples[name].error(type(e).__name__)
                await conn.close()
                continue
            if 200 <= status < 300:
                samples[name].latencies.append(time.perf_counter() - started)
            else:
                samples[name].error(f"HTTP {status}")
    finally:
        await conn.close()


async def _run(base_url: str, mix: RequestMix, *, clients: int, duration: float,
               timeout: float, seed: int) -> LoadResult:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    samples = {"events": Samples(), "profile": Samples()}
    started = time.perf_counter()
    stop_at = started + duration
    await asyncio.gather(*(
        _client(host, port, mix, random.Random(seed * 1000 + k), stop_at, timeout, samples)
        for k in range(clients)))
    elapsed = time.perf_counter() - started
    everything = Samples([x for s in samples.values() for x in s.latencies], {})
    for s in samples.values():
        for kind, n in s.errors.items():
            everything.errors[kind] = everything.errors.get(kind, 0) + n
    return LoadResult(clients=clients, duration_s=round(elapsed, 2),
                      endpoints=tuple(summarise(k, v, elapsed) for k, v in samples.items()),
                      total=summarise("all", everything, elapsed))


async def _prime(base_url: str, paths: Sequence[str], *, concurrency: int, timeout: float) -> int:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    queue = list(paths)
    failed = 0

    async def worker() -> None:
        nonlocal failed
        conn = _Connection(host, port)
        try:
            while queue:
                path = queue.pop()
                try:
                    if not 200 <= await asyncio.wait_for(conn.get(path), timeout) < 300:
                        failed += 1
                except (asyncio.TimeoutError, OSError, ConnectionError, asyncio.IncompleteReadError,
                        ValueError):
                    failed += 1
                    await conn.close()
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return failed


def _in_own_loop(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in a new event loop on its own thread (the caller may have a loop)."""
    out: list[T] = []
    failed: list[BaseException] = []

    def main() -> None:
        try:
            out.append(asyncio.run(make()))
        except BaseException as e:  # handed back to the caller's thread below
            failed.append(e)

    thread = threading.Thread(target=main, name="bilat-loadtest")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return out[0]


def prime(base_url: str, mix: RequestMix, *, concurrency: int = 2, timeout: float = 60.0) -> int:
    """Request every URL of the mix once (fills the server's answer cache); failures counted."""
    return _in_own_loop(lambda: _prime(base_url, [*mix.events, *mix.profiles],
                                       concurrency=concurrency, timeout=timeout))


def run_load(base_url: str, mix: RequestMix, *, clients: int = DEFAULT_CLIENTS,
             duration: float = DEFAULT_DURATION, timeout: float = 10.0, seed: int = 0) -> LoadResult:
    """Run `clients` concurrent clients against `base_url` for `duration` seconds."""
    if isinstance(clients, bool) or not isinstance(clients, int) or not 1 <= clients <= MAX_CLIENTS:
        raise BadParameter(f"clients must be 1..{MAX_CLIENTS}, got {clients!r}")
    if not 0 < duration <= MAX_DURATION:
        raise BadParameter(f"duration must be over 0 and at most {MAX_DURATION:g} s, got {duration!r}")
    if not 0 < timeout <= 120:
        raise BadParameter(f"timeout must be over 0 and at most 120 s, got {timeout!r}")
    return _in_own_loop(lambda: _run(base_url, mix, clients=clients, duration=duration,
                                     timeout=timeout, seed=seed))


# -- the server and the machine ---------------------------------------------------------------

_URL = re.compile(r"serving .* at (http://\S+/)")


class Server:
    """`bilat serve` on a free loopback port, in a child process (a context manager)."""

    def __init__(self, db: Path, *, cache_mb: int = 64) -> None:
        self.db = db
        self.cache_mb = cache_mb
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bilat.interfaces.cli.app", "serve", "--db", str(self.db),
             "--host", "127.0.0.1", "--port", "0", "--cache-mb", str(self.cache_mb)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline() if self.proc.stdout is not None else ""
        found = _URL.search(line)
        if found is None:
            self.__exit__(None, None, None)
            raise BadParameter(f"bilat serve did not start: {line.strip() or 'no output'}")
        self.url = found.group(1)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.communicate()
            self.proc = None


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    import duckdb

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        mem = round(pages * size / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cpus": os.cpu_count(), "memory_gib": mem,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "load_before": None if load is None else round(load, 2)}


def markdown(result: LoadResult, *, db_events: int, host: dict[str, object],
             cache_mb: int = 64) -> str:
    """The results as the section of docs/BENCHMARKS.md."""
    rows = [*result.endpoints, result.total]
    cache = f"answer cache {cache_mb} MiB" if cache_mb else "answer cache off"
    lines = [
        f"{result.clients} concurrent clients for {result.duration_s:g} s on loopback, "
        f"store of {db_events:,} synthetic events, {cache} "
        "(`python -m bilat.benchmarks.loadtest`).",
        "",
        "| endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {r.endpoint} | {r.requests:,} | {r.requests_per_s:g} | {r.p50_ms:g} | {r.p90_ms:g} "
          f"| {r.p99_ms:g} | {r.max_ms:g} | {r.errors} |" for r in rows),
        "",
        f"Target (0 errors, p99 < {TARGET_P99_MS:g} ms): "
        + ("met." if result.total.errors == 0 and result.total.p99_ms < TARGET_P99_MS else "not met."),
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in host.items()) + ".",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bilat.benchmarks.loadtest",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store to serve (default: build a "
                                                "synthetic one under --work)")
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS,
                        help="synthetic events to build (default 1,000,000)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where synthetic stores are cached")
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS)
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION, help="seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up, not recorded")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--profile-share", type=float, default=0.5)
    parser.add_argument("--no-prime", action="store_true",
                        help="do not request every URL once before the run (cold cache)")
    parser.add_argument("--cache-mb", type=int, default=64,
                        help="the server's answer cache (0: off, every request reads the store)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    try:
        return _main(args)
    except BadParameter as e:
        print(f"bilat: {e}", file=sys.stderr)
        return 1


def _main(args: argparse.Namespace) -> int:
    from bilat.benchmarks.synthetic import build_store
    from bilat.interfaces.api import queries
    from bilat.store import Store

    if args.db is not None:
        db = args.db
    else:
        db = args.work / f"synthetic-{args.events}-seed{args.seed}.duckdb"
        if not db.exists():
            args.work.mkdir(parents=True, exist_ok=True)
            info = build_store(db, n_events=args.events, seed=args.seed)
            print(f"built {db}: {info.n_events:,} events in {info.seconds:.1f} s", file=sys.stderr)
    with Store.open(db, read_only=True) as store:
        n_events = store.stats().n_events
        dyads = [(r.a, r.b) for r in queries.dyads(store, country=None, limit=50, offset=0)[1]]
        countries = sorted({c for d in dyads for c in d})
    mix = request_mix(dyads, countries, profile_share=args.profile_share)
    host = machine()
    with Server(db, cache_mb=args.cache_mb) as server:
        if args.cache_mb > 0 and not args.no_prime:
            started = time.perf_counter()
            failed = prime(server.url, mix)
            print(f"primed {len(mix.events) + len(mix.profiles)} URLs in "
                  f"{time.perf_counter() - started:.1f} s ({failed} failed)", file=sys.stderr)
        if args.warmup > 0:
            run_load(server.url, mix, clients=args.clients, duration=args.warmup,
                     timeout=args.timeout, seed=args.seed + 1)
        result = run_load(server.url, mix, clients=args.clients, duration=args.duration,
                          timeout=args.timeout, seed=args.seed)
    if args.json is not None:
        args.json.write_text(json.dumps({"result": result.to_dict(), "machine": host,
                                         "db_events": n_events, "cache_mb": args.cache_mb},
                                        indent=2) + "\n")
    if args.markdown:
        print(markdown(result, db_events=n_events, host=host, cache_mb=args.cache_mb), end="")
    else:
        for r in (*result.endpoints, result.total):
            print(f"{r.endpoint:8} {r.requests:7,} req {r.requests_per_s:8.1f} req/s  "
                  f"p50 {r.p50_ms:7.1f} ms  p99 {r.p99_ms:7.1f} ms  errors {r.errors}"
                  + (f" {r.error_kinds}" if r.error_kinds else ""))
    return 0 if result.total.errors == 0 else 2


if __name__ == "__main__":
    sys.exit(main())
