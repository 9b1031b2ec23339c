"""The OpenAPI schema, the offline API docs, and the dashboard's assets: all served locally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilat.interfaces.web import static_dir

PATHS = {"/api/events", "/api/dyads", "/api/profile/{a}/{b}", "/api/timeline/{a}/{b}",
         "/api/countries", "/api/countries/{c}", "/api/health"}
ATTR = re.compile(r'(?:src|href)="([^"]*)"')


def test_openapi_lists_every_endpoint_with_response_models(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == PATHS
    for path, ops in schema["paths"].items():
        assert set(ops) == {"get"}, path
        ok = ops["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok, path
    assert {"EventPage", "DyadPage", "ProfileOut", "Timeline", "CountryPage", "Health"} <= set(
        schema["components"]["schemas"])


def test_health(client, synth):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["n_events"] == synth.n_events()
    assert body["n_documents"] == 6 and body["first_date"] == "1992"
    assert body["writes_enabled"] is False


@pytest.mark.parametrize("page", ["/", "/docs"])
def test_pages_load_only_local_assets(client, page):
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    refs = ATTR.findall(r.text)
    assert refs
    for ref in refs:
        assert ref.startswith(("/", "#", "data:")), ref
        if ref.startswith("/"):
            assert client.get(ref).status_code == 200, ref


def test_head_of_the_dashboard(client):
    assert client.head("/").status_code == 200


def test_no_asset_of_ours_names_another_host():
    for path in static_dir().glob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)\s*=\s*[\"']https?:", text), path
        assert "url(http" not in text and "@import" not in text, path
        assert "fonts.googleapis" not in text, path


def test_vendored_libraries_carry_their_licences():
    vendor = static_dir() / "vendor"
    assert "MIT License" in (vendor / "chartjs" / "LICENSE.md").read_text(encoding="utf-8")
    assert "Apache License" in (vendor / "swagger-ui" / "LICENSE").read_text(encoding="utf-8")
    assert (vendor / "chartjs" / "chart.umd.min.js").read_text(encoding="utf-8").startswith(
        "/*!\n * Chart.js v4.6.1")


DOC = Path(__file__).resolve().parents[3] / "docs" / "API.md"
CURL = re.compile(r"^curl -s 'http://127\.0\.0\.1:8000(?P<path>/[^']*)'(?:\s+# (?P<status>\d{3}))?\s*$")


def doc_examples() -> list[tuple[str, int]]:
    found = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = CURL.match(line.strip())
        if m:
            found.append((m["path"], int(m["status"] or 200)))
    return found


def test_docs_have_examples():
    assert len(doc_examples()) >= 10


@pytest.mark.parametrize("path, status", doc_examples())
def test_docs_examples_answer_as_documented(client, path, status):
    r = client.get(path)
    assert r.status_code == status, r.text
    if status != 200:
        assert set(r.json()) == {"ok", "error", "errors", "status"}


def test_docs_name_every_endpoint():
    text = DOC.read_text(encoding="utf-8")
    for path in PATHS:
        assert path.replace("{a}", "{A}").replace("{b}", "{B}").replace("{c}", "{C}") in text, path
