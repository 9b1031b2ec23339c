"""GET /api/dyads, /api/profile/{a}/{b} and /api/timeline/{a}/{b}."""

from __future__ import annotations

import json

import pytest

from bilat.interfaces.cli.app import main


def test_dyads_list_counts_dates_goldstein_and_quads(client):
    r = client.get("/api/dyads")
    assert r.status_code == 200
    body = r.json()
    by_pair = {(d["a"], d["b"]): d for d in body["dyads"]}
    assert body["total"] == len(by_pair) == 5
    assert [(d["a"], d["b"]) for d in body["dyads"]][:2] == [("CHN", "USA"), ("KAZ", "ROU")]
    kr = by_pair[("KAZ", "ROU")]
    assert kr["n_events"] == 6
    assert kr["name_a"] == "Kazakhstan" and kr["name_b"] == "Romania"
    assert kr["first_date"] == "1992" and kr["last_date"] == "2021-03"
    assert kr["quad"] == [5, 0, 0, 1]
    assert kr["mean_goldstein"] == pytest.approx((6.0 + 1.9 + 1.9 + 1.0 + 4.0 - 7.0) / 6, abs=1e-3)
    assert by_pair[("RUS", "UKR")]["quad"] == [0, 0, 1, 1]
    assert ("EU", "RUS") in by_pair


def test_dyads_filter_and_paging(client):
    body = client.get("/api/dyads", params={"country": "rus"}).json()
    assert {(d["a"], d["b"]) for d in body["dyads"]} == {("EU", "RUS"), ("RUS", "UKR")}
    page = client.get("/api/dyads", params={"limit": 2}).json()
    assert len(page["dyads"]) == 2 and page["next"] == "/api/dyads?limit=2&offset=2"
    rest = client.get(page["next"]).json()
    assert {(d["a"], d["b"]) for d in page["dyads"]}.isdisjoint({(d["a"], d["b"]) for d in rest["dyads"]})


def test_profile_is_what_the_cli_prints(client, api_db, capsys):
    assert main(["profile", "KAZ", "ROU", "--db", str(api_db), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    r = client.get("/api/profile/KAZ/ROU")
    assert r.status_code == 200
    assert r.json() == cli


def test_profile_content(client):
    p = client.get("/api/profile/kaz/rou").json()
    assert p["title"] == "Kazakhstan – Romania (KAZ–ROU)"
    assert p["established"]["year"] == 1992
    visits = [(v["date"], v["visitor"], v["host"], v["count"]) for v in p["visits"]]
    assert visits == [("2007", "KAZ", "ROU", 1), ("2010", "ROU", "KAZ", 2)]
    assert [s["doc_id"] for s in p["sources"]] == ["kaz-rou-anniversary-2017", "rou-kaz-expulsion-2021"]


def test_profile_of_a_dyad_without_events_is_empty_not_an_error(client):
    p = client.get("/api/profile/FRA/DEU").json()
    assert p["totals"]["n_events"] == 0 and p["established"] is None and p["visits"] == []


@pytest.mark.parametrize("interval, periods", [
    ("year", {"1992": 1, "2007": 1, "2010": 1, "2017": 2, "2021": 1}),
    ("month", {"2017-07": 2, "2021-03": 1}),
])
def test_timeline(client, interval, periods):
    r = client.get("/api/timeline/KAZ/ROU", params={"interval": interval})
    assert r.status_code == 200
    body = r.json()
    assert body["interval"] == interval and (body["a"], body["b"]) == ("KAZ", "ROU")
    assert {p["period"]: p["n"] for p in body["periods"]} == periods
    assert body["n_coarser"] == (3 if interval == "month" else 0)
    by = {p["period"]: p for p in body["periods"]}
    last = by["2021" if interval == "year" else "2021-03"]
    assert last["quad"] == [0, 0, 0, 1] and last["mean_goldstein"] == -7.0


def test_timeline_counts_undated(client):
    body = client.get("/api/timeline/JPN/KOR").json()
    assert body["n_undated"] == 1
    assert body["periods"] == [{"period": "2023", "n": 1, "quad": [1, 0, 0, 0], "mean_goldstein": 0.0}]
