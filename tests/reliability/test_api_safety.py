"""API safety: read-only by default; POST /api/stories only with allow_write and the bearer
token; the CLI's validation for posted stories; bounded bodies; no CORS; no stack traces;
hostile strings in every parameter reach the database only as bound values.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from bilat.errors import BadParameter
from bilat.interfaces.api import create_app
from bilat.interfaces.api.auth import MIN_TOKEN_CHARS, TOKEN_ENV

TOKEN = "t0ken-for-the-reliability-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SHAPE = {"ok", "error", "errors", "status"}
STORY = {"doc_id": "api-1", "story_date": "2022-10-05", "title": "Talks",
         "text": "BUCHAREST, Oct 5 (Agerpres) - Romania and Kazakhstan signed an agreement on "
                 "energy cooperation. The president of Romania will visit Kazakhstan next year."}
INJECTIONS = ["' OR 1=1 --", "x'); DROP TABLE events; --", "1) UNION SELECT * FROM documents --",
              '"; DELETE FROM documents WHERE "1"="1', "%' OR '%'='", "\\'; --", "$1", "?",
              "KAZ\x00ROU", "<script>alert(1)</script>", "../../etc/passwd", "{{7*7}}"]


def error_of(r, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status
    assert "\n" not in body["error"] and "Traceback" not in r.text and 'File "' not in r.text
    return body


@pytest.fixture
def write_db(tmp_path):
    return tmp_path / "write.duckdb"


@pytest.fixture
def writer(write_db, coder):
    app = create_app(write_db, allow_write=True, api_token=TOKEN, coder=coder)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# -- read-only by default -----------------------------------------------------------------------

def test_read_only_by_default(check, baseline_db):
    app = create_app(baseline_db)
    assert "/api/stories" not in app.openapi()["paths"]
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/health").json()["writes_enabled"] is False
        r = c.post("/api/stories", json=STORY, headers=AUTH)
        assert r.status_code in (404, 405)
        error_of(r, r.status_code)
        for path in app.openapi()["paths"]:  # no route takes a write method
            for method in ("post", "put", "patch", "delete"):
                assert method not in app.openapi()["paths"][path]
    assert check.intact(baseline_db).documents.keys() == {"baseline-1", "baseline-2"}


@pytest.mark.parametrize("token, says", [(None, "writing needs a token"), ("", "writing needs a token"),
                                         ("x" * (MIN_TOKEN_CHARS - 1), "at least 16"),
                                         ("has a space inside it", "spaces")])
def test_write_mode_refuses_a_missing_or_weak_token(write_db, token, says):
    with pytest.raises(BadParameter, match=says):
        create_app(write_db, allow_write=True, api_token=token)
    assert not write_db.exists()  # refused before the store is touched


@pytest.mark.parametrize("token, says", [(None, "writing needs a token"), ("short", "at least 16")])
def test_serve_allow_write_refuses_to_start_without_a_good_token(cli, monkeypatch, write_db, token, says):
    if token is None:
        monkeypatch.delenv(TOKEN_ENV, raising=False)
    else:
        monkeypatch.setenv(TOKEN_ENV, token)
    r = cli("serve", "--allow-write", "--db", write_db, "--port", "0")
    assert r.code == 1 and len(r.err_lines) == 1
    assert r.err_lines[0].startswith("bilat: E203 ") and says in r.err_lines[0]


# -- the bearer token -----------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer"}, {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN},
    {"Authorization": f"Bearer {TOKEN[:-1]}"}, {"Authorization": "Bearer ' OR 1=1 --"},
    {"X-Api-Token": TOKEN},
])
def test_write_needs_the_bearer_token(writer, headers):
    r = writer.post("/api/stories", json=STORY, headers=headers)
    body = error_of(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert TOKEN not in r.text
    assert writer.get("/api/health").json()["n_documents"] == 0  # nothing written


def test_token_is_checked_before_the_body(writer):
    r = writer.post("/api/stories", content=b"{not json", headers={"Content-Type": "application/json"})
    error_of(r, 401)


# -- posting stories --------------------------------------------------------------------------------

def test_post_codes_stores_and_replaces(writer, check, write_db):
    r = writer.post("/api/stories", json=STORY, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ok"] is True and body["status"] == "new" and body["doc_id"] == "api-1"
    assert body["story_date"] == "2022-10-05" and body["n_events"] == len(body["events"]) >= 1
    assert {(e["source_country"], e["target_country"]) for e in body["events"]} >= {("ROU", "KAZ")}
    page = writer.get("/api/events?doc_id=api-1").json()
    assert page["total"] == body["n_events"]

    again = writer.post("/api/stories", json=STORY, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert again.json()["events"] == body["events"]

    edited = dict(STORY, text="Egypt condemned Israel for the air strike.")
    r = writer.post("/api/stories", json=edited, headers=AUTH)
    assert r.status_code == 200 and r.json()["status"] == "updated"
    assert r.json()["n_replaced"] == body["n_events"]
    events = writer.get("/api/events?doc_id=api-1").json()["events"]
    assert {(e["source_country"], e["target_country"]) for e in events} == {("EGY", "ISR")}

    no_id = writer.post("/api/stories", json={"text": "Japan pledged economic aid to Kenya."}, headers=AUTH)
    assert no_id.status_code == 201 and re.fullmatch(r"api-[0-9a-f]{12}", no_id.json()["doc_id"])


def test_posted_stories_are_checked_like_jsonl_lines(writer):
    """Each case: what `bilat code` says of the same object as a JSONL line."""
    from bilat.ingest import Skip, read_inputs

    cases = [
        ({"text": ""}, "E103"), ({"text": " \n\t "}, "E103"), ({"text": 42}, "E104"),
        ({"title": "no text"}, "E104"), ({"text": "x", "doc_id": [1]}, "E104"),
        ({"text": "Iran accused Turkey.", "story_date": "tomorrow"}, "E104"),
        ({"text": "Iran accused Turkey.", "story_date": "2022-02-30"}, "E104"),
        ({"text": "Iran accused Turkey.", "title": {"a": 1}}, "E104"),
        ("just a string", "E104"), ([{"text": "a list"}], "E104"), (None, "E104"),
    ]
    import tempfile
    from pathlib import Path

    for record, code in cases:
        r = writer.post("/api/stories", content=json.dumps(record), headers={**AUTH, "Content-Type": "application/json"})
        body = error_of(r, 422)
        assert body["error"].startswith(f"{code} request body: "), body
        with tempfile.TemporaryDirectory() as folder:  # the CLI says the same
            line = Path(folder) / "one.jsonl"
            line.write_text(json.dumps(record) + "\n", encoding="utf-8")
            items = list(read_inputs([str(line)]))
            assert len(items) == 1 and isinstance(items[0], Skip) and items[0].error.code == code
    assert writer.get("/api/health").json()["n_documents"] == 0


@pytest.mark.parametrize("content, content_type, status", [
    (b"{not json", "application/json", 400),
    (b"\xff\xfe\x00garbage", "application/json", 400),
    (b"", "application/json", 400),
    ('{"text": "Iran accused Turkey."}'.encode(), "text/plain", 415),
    ('{"text": "Iran accused Turkey."}'.encode(), None, 415),
    (b"\x89PNG\r\n\x1a\n", "image/png", 415),
])
def test_bad_bodies(writer, content, content_type, status):
    headers = dict(AUTH)
    if content_type:
        headers["Content-Type"] = content_type
    error_of(writer.post("/api/stories", content=content, headers=headers), status)


@pytest.mark.parametrize("text", [
    "Russia\x07 accused Ukraine\x1b of\x7f violating the ceasefire.",
    "\u202eRussia accused Ukraine of violating the ceasefire.\u202c \u0645\u0635\u0631 \u062a\u062f\u064a\u0646",
])
def test_control_and_right_to_left_text(writer, text):
    r = writer.post("/api/stories", json={"doc_id": "odd", "text": text}, headers=AUTH)
    assert r.status_code == 201, r.text
    events = r.json()["events"]
    assert [(e["source_country"], e["target_country"]) for e in events] == [("RUS", "UKR")]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", events[0]["sentence"])


def test_body_size_is_limited(write_db, coder):
    app = create_app(write_db, allow_write=True, api_token=TOKEN, coder=coder, max_body_bytes=2000)
    with TestClient(app, raise_server_exceptions=False) as c:
        big = {"text": "Japan pledged economic aid to Kenya. " * 100}
        body = error_of(c.post("/api/stories", json=big, headers=AUTH), 413)
        assert "2,000 bytes" in body["error"]

        def chunks():  # streamed without a Content-Length
            for _ in range(10):
                yield b"x" * 500

        error_of(c.post("/api/stories", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}), 413)
        assert c.get("/api/health").json()["n_documents"] == 0


def test_injection_in_every_posted_field(writer, check, write_db):
    for k, value in enumerate(INJECTIONS):
        story = {"doc_id": f"inj-{k}-{value}", "title": value, "url": value, "source": value,
                 "text": f"Japan pledged economic aid to Kenya. {value}"}
        r = writer.post("/api/stories", json=story, headers=AUTH)
        if "\x00" in value:  # a control character in an id is refused, as in a JSONL line
            assert "holds control characters" in error_of(r, 422)["error"]
            continue
        assert r.status_code == 201, r.text
        assert r.json()["doc_id"] == story["doc_id"]  # stored literally
        r = writer.post("/api/stories", json={**story, "story_date": value}, headers=AUTH)
        error_of(r, 422)
    health = writer.get("/api/health").json()
    assert health["n_documents"] >= len(INJECTIONS) - 1
    assert writer.get("/api/events?limit=1").json()["total"] == health["n_events"]
    for k, value in enumerate(INJECTIONS):
        if "\x00" not in value:
            page = writer.get("/api/events", params={"doc_id": f"inj-{k}-{value}"}).json()
            assert page["total"] >= 1 and {e["doc_id"] for e in page["events"]} == {f"inj-{k}-{value}"}


def _get_parameters(app) -> list[tuple[str, str, str]]:
    """(path template, parameter name, where) of every GET route in the OpenAPI schema."""
    out = []
    for path, methods in app.openapi()["paths"].items():
        for param in methods.get("get", {}).get("parameters", []):
            out.append((path, param["name"], param["in"]))
    return out


def test_injection_in_every_get_parameter(baseline_db, check):
    """Every parameter the schema lists (so a new one is covered as soon as it exists)."""
    before = check.snapshot(baseline_db)
    app = create_app(baseline_db)
    params = _get_parameters(app)
    assert len(params) >= 15
    with TestClient(app, raise_server_exceptions=False) as c:
        for path, name, where in params:
            for value in INJECTIONS:
                url = path
                query = {}
                for other in re.findall(r"\{(\w+)\}", path):
                    url = url.replace("{%s}" % other, quote(value, safe="") if other == name else
                                      {"a": "KAZ", "b": "ROU", "c": "KAZ"}.get(other, "KAZ"))
                if where == "query":
                    query[name] = value
                r = c.get(url, params=query)
                assert r.status_code in (200, 404, 422), (path, name, value, r.status_code, r.text)
                if r.status_code != 200:
                    error_of(r, r.status_code)
                elif name in ("q", "doc_id"):  # free text: matches nothing, never everything
                    assert r.json()["total"] == 0
    assert check.intact(baseline_db) == before


# -- CORS, stack traces, concurrency of writes ------------------------------------------------------

def test_no_cors_on_the_write_endpoint(writer):
    pre = writer.options("/api/stories", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "authorization"})
    assert pre.status_code in (401, 405)
    assert not any(h.lower().startswith("access-control-") for h in pre.headers)
    r = writer.post("/api/stories", json=STORY, headers={**AUTH, "Origin": "https://evil.example"})
    assert r.status_code == 201 and "access-control-allow-origin" not in r.headers


class Exploding:
    def code_article(self, article):
        raise RuntimeError("secret internals at /very/private/path")


def test_a_crash_while_coding_is_a_500_without_trace(write_db, caplog):
    app = create_app(write_db, allow_write=True, api_token=TOKEN, coder=Exploding())
    with TestClient(app, raise_server_exceptions=False) as c:
        body = error_of(c.post("/api/stories", json=STORY, headers=AUTH), 500)
        assert "secret" not in json.dumps(body) and body["error"].startswith("internal error")
        assert c.get("/api/health").json()["n_documents"] == 0
    assert any("secret internals" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


def test_concurrent_posts_are_serialised_and_all_kept(writer, check, write_db):
    stories = [{"doc_id": f"c-{k}", "text": f"Japan pledged economic aid to Kenya in project {k}."}
               for k in range(12)]
    results: list[int] = []
    lock = threading.Lock()

    def post(story):
        r = writer.post("/api/stories", json=story, headers=AUTH)
        with lock:
            results.append(r.status_code)

    threads = [threading.Thread(target=post, args=(s,)) for s in stories]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results == [201] * len(stories)
    health = writer.get("/api/health").json()
    assert health["n_documents"] == len(stories)


def test_the_writing_server_is_the_only_writer(writer, write_db, news, tmp_path):
    """While the API writes a store, `bilat code` on it is refused at once, clearly."""
    feed = news.write_jsonl(tmp_path / "feed.jsonl", news.stories(3))
    proc = subprocess.run([sys.executable, "-m", "bilat.interfaces.cli.app", "code", str(feed),
                           "--db", str(write_db), "--silent", "--workers", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"bilat: E501 {write_db} is in use by another process (another "
                                   "writer, such as `bilat code` or `bilat serve --allow-write`); "
                                   "wait for it to finish")
    assert writer.post("/api/stories", json=STORY, headers=AUTH).status_code == 201


@pytest.mark.slow
def test_serve_allow_write_end_to_end(write_db):
    import urllib.error
    import urllib.request

    env = {**os.environ, TOKEN_ENV: TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "bilat.interfaces.cli.app", "serve", "--allow-write",
                             "--db", str(write_db), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert "POST /api/stories enabled" in line, line + proc.stderr.read()
        url = re.search(r"(http://\S+/)", line).group(1)

        def post(headers):
            req = urllib.request.Request(url + "api/stories", data=json.dumps(STORY).encode(),
                                         headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    return r.status, json.loads(r.read())
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())

        assert post({})[0] == 401
        status, body = post(AUTH)
        assert status == 201 and body["n_events"] >= 1
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
