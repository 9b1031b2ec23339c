"""Fixtures for the browser tests: the API on a loopback port, and headless Chromium.

The tests drive Debian's Chromium through Playwright for Python. They are
marked `browser` and skip cleanly when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bilat.interfaces.api import create_app
from bilat.interfaces.api.server import bind, make_server, url_of

# Debian's Chromium; BILAT_CHROMIUM names another binary (a missing one skips these tests)
CHROMIUM = Path(os.environ.get("BILAT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives headless Chromium (skipped without /usr/bin/chromium or playwright)")


def _load_synthetic() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "api" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("bilat_tests_synthetic_web", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _load_synthetic()


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """Serve the store at `db` on a free loopback port in a thread; yield its base URL."""
    app = create_app(db, allowed_hosts=["127.0.0.1"])
    sock = bind("127.0.0.1", 0)
    server = make_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def synth_web() -> ModuleType:
    return synthetic


@pytest.fixture(scope="session")
def serve_db():
    """`serving` as a fixture: `with serve_db(path) as base_url: ...`."""
    return serving


@pytest.fixture(scope="session")
def make_visit():
    """`new_visit` as a fixture: `make_visit(browser, base_url)`; close its context after."""
    return new_visit


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    return synthetic.build_store(tmp_path_factory.mktemp("web") / "synthetic.duckdb")


@pytest.fixture(scope="session")
def base_url(web_db) -> Iterator[str]:
    with serving(web_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception as e:  # playwright's own error type; any launch failure is a skip reason
        pw.stop()
        pytest.skip(f"Chromium does not start under Playwright: {str(e).splitlines()[0]}")
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@dataclass
class Visit:
    """A browser page plus what it tried to fetch elsewhere and what it logged as errors."""

    page: Any
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "") -> None:
        self.page.goto(self.base + path)
        self.ready()

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-state=ready]", timeout=20_000)


def new_visit(browser: Any, base: str) -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(page=page, base=base)

    def guard(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:  # the page must work with no network: record and refuse
            visit.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    return visit


@pytest.fixture
def visit(browser, base_url) -> Iterator[Visit]:
    v = new_visit(browser, base_url)
    try:
        yield v
    finally:
        v.page.context.close()
