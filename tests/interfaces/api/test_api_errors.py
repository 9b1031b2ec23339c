"""Bad parameters, injection attempts and failures all answer in the one error shape.

{ok: false, error: "<one line>", errors: ["<location>: <message>", ...], status: <http status>}
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from bilat.interfaces.api import create_app

SHAPE = {"ok", "error", "errors", "status"}


def assert_error_shape(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == SHAPE
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    assert isinstance(body["errors"], list) and all(isinstance(e, str) for e in body["errors"])
    assert "Traceback" not in r.text and 'File "' not in r.text
    return body


# -- bad parameters -------------------------------------------------------------------------

@pytest.mark.parametrize("url, status, says", [
    ("/api/events?root=99", 422, "root"),
    ("/api/events?root=abc", 422, "root"),
    ("/api/events?limit=1000000000", 422, "limit"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=ten", 422, "limit"),
    ("/api/events?offset=-1", 422, "offset"),
    ("/api/events?since=2010-13-01", 422, "since"),
    ("/api/events?since=yesterday", 422, "since"),
    ("/api/events?until=2010-02-30", 422, "until"),
    ("/api/events?since=2012&until=2010", 422, "since"),
    ("/api/events?quad_class=5", 422, "quad_class"),
    ("/api/events?cameo=04x", 422, "cameo"),
    ("/api/events?historical=maybe", 422, "historical"),
    ("/api/events?sort=name", 422, "sort"),
    ("/api/events?dyad=KAZ", 422, "dyad"),
    ("/api/events?dyad=KAZ,XXX", 422, "XXX"),
    ("/api/events?dyad=KAZ,KAZ", 422, "two different"),
    ("/api/events?actor=Atlantis", 422, "Atlantis"),
    ("/api/events?q=%20%20", 422, "q"),
    ("/api/events?q=" + "word%20" * 30, 422, "q"),
    ("/api/dyads?country=XXX", 422, "XXX"),
    ("/api/dyads?limit=5000", 422, "limit"),
    ("/api/profile/KAZ/XXX", 404, "XXX"),
    ("/api/profile/KAZ/KAZ", 422, "two different"),
    ("/api/timeline/XXX/ROU", 404, "XXX"),
    ("/api/timeline/KAZ/ROU?interval=week", 422, "interval"),
    ("/api/countries/XXX", 404, "XXX"),
    ("/api/countries/" + "A" * 40, 422, "at most 12"),
    ("/api/nothing-here", 404, "not found"),
    ("/static/nope.js", 404, "not found"),
    ("/static/%2e%2e/%2e%2e/errors.py", 404, "not found"),
])
def test_bad_parameters_answer_4xx_with_a_message(client, url, status, says):
    body = assert_error_shape(client.get(url), status)
    assert says.lower() in (body["error"] + " ".join(body["errors"])).lower()


def test_validation_errors_list_every_bad_parameter(client):
    body = assert_error_shape(client.get("/api/events?limit=0&offset=-5&quad_class=9"), 422)
    assert sorted(e.split(":")[0] for e in body["errors"]) == ["query.limit", "query.offset", "query.quad_class"]


def test_long_values_are_not_echoed_whole(client):
    value = "Z" * 11
    body = assert_error_shape(client.get(f"/api/countries/{value}"), 404)
    assert value in body["error"]
    huge = "x" * 5000
    r = client.get("/api/events", params={"dyad": huge})
    assert_error_shape(r, 422)
    assert len(r.text) < 1000 and huge not in r.text


def test_method_not_allowed(client):
    body = assert_error_shape(client.post("/api/events"), 405)
    assert "POST" in body["error"]
    assert_error_shape(client.delete("/api/profile/KAZ/ROU"), 405)


# -- injection: every parameter gets hostile strings; nothing breaks, nothing leaks ---------

INJECTIONS = [
    "' OR 1=1 --",
    "KAZ'; DROP TABLE events; --",
    "1) UNION SELECT * FROM documents --",
    "%' OR '%'='",
    '"; DELETE FROM events WHERE "1"="1',
    "\\' OR 1=1",
    "KAZ\x00ROU",
    "$1",
    "?",
]
EVENT_PARAMS = ["dyad", "actor", "root", "cameo", "quad_class", "since", "until", "q", "historical",
                "doc_id", "sort", "limit", "offset"]


@pytest.mark.parametrize("param", EVENT_PARAMS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_in_event_parameters(client, synth, param, value):
    r = client.get("/api/events", params={param: value})
    if r.status_code == 200:
        # a value that is merely text (q, doc_id) must match nothing, not everything
        assert param in ("q", "doc_id")
        assert r.json()["total"] == 0
    else:
        assert_error_shape(r, 422)
    assert client.get("/api/events?limit=1").json()["total"] == synth.n_events()


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("template", [
    "/api/profile/{v}/ROU", "/api/profile/KAZ/{v}", "/api/timeline/{v}/ROU", "/api/timeline/KAZ/{v}",
    "/api/countries/{v}", "/api/dyads?country={v}", "/api/dyads?limit={v}",
    "/api/timeline/KAZ/ROU?interval={v}", "/api/countries/KAZ?limit={v}",
])
def test_injection_in_other_parameters(client, synth, template, value):
    from urllib.parse import quote

    r = client.get(template.format(v=quote(value, safe="")))
    assert r.status_code in (404, 422), r.text
    assert_error_shape(r, r.status_code)
    assert client.get("/api/events?limit=1").json()["total"] == synth.n_events()


# -- CORS, body size, host header ------------------------------------------------------------

def test_cors_is_off(client):
    r = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    pre = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    assert pre.status_code == 405


def test_request_body_over_the_limit_is_refused(api_db):
    app = create_app(api_db, max_body_bytes=1000)
    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_error_shape(c.post("/api/events", content=b"x" * 1001), 413)
        assert "1,000 bytes" in body["error"]
        assert c.post("/api/events", content=b"x" * 10).status_code == 405


def test_unknown_host_header_is_refused(api_db):
    app = create_app(api_db, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
        assert_error_shape(c.get("/api/health", headers={"Host": "rebind.evil.example"}), 400)


def test_security_headers(client):
    for url in ("/", "/api/health", "/docs", "/api/countries/XXX"):
        r = client.get(url)
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/health").headers["cache-control"] == "no-store"


# -- server-side failures --------------------------------------------------------------------

def test_unexpected_exception_is_a_500_without_trace(api_db, caplog):
    app = create_app(api_db)

    def boom() -> None:
        raise RuntimeError("secret internals at /very/private/path")

    app.add_api_route("/api/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_error_shape(c.get("/api/boom"), 500)
    assert "secret" not in body["error"] and "/very/private" not in str(body)
    assert any("secret internals" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


WRITER = textwrap.dedent("""
    import sys, time
    from bilat.store import Store
    with Store.open(sys.argv[1]) as s:
        print("locked", flush=True)
        sys.stdin.readline()
""")


def test_database_held_by_a_writer_answers_503(tmp_path, synth):
    db = synth.build_store(tmp_path / "busy.duckdb")
    app = create_app(db, linger=0)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        with TestClient(app, raise_server_exceptions=False) as c:
            r = c.get("/api/events")
            body = assert_error_shape(r, 503)
            assert "being written by another process" in body["error"]
            assert r.headers["retry-after"].isdigit()
            assert_error_shape(c.get("/api/health"), 503)
            assert c.get("/").status_code == 200  # the page itself still loads
    finally:
        writer.communicate("\n", timeout=30)
    with TestClient(app) as c:
        assert c.get("/api/health").json()["n_events"] == synth.n_events()


def test_missing_store_fails_at_creation(tmp_path):
    from bilat.errors import StoreError

    with pytest.raises(StoreError, match="no bilat store"):
        create_app(tmp_path / "absent.duckdb")


def test_write_access_needs_a_token(api_db):
    from bilat.errors import BadParameter

    with pytest.raises(BadParameter, match="writing needs a token"):
        create_app(api_db, allow_write=True)
    with pytest.raises(BadParameter, match="at least 16"):
        create_app(api_db, allow_write=True, api_token="short")
    app = create_app(api_db)
    assert app.state.bilat.writes_enabled is False
    assert "/api/stories" not in app.openapi()["paths"]
