"""GET /api/countries and /api/countries/{c}."""

from __future__ import annotations


def test_country_list_for_pickers(client):
    body = client.get("/api/countries").json()
    by_code = {c["code"]: c for c in body["countries"]}
    assert by_code["KAZ"] == {"code": "KAZ", "name": "Kazakhstan", "kind": "state", "n_events": 6}
    assert by_code["ROU"]["n_events"] == 6
    assert by_code["EU"]["kind"] == "igo" and by_code["EU"]["n_events"] == 1
    assert by_code["FRA"]["n_events"] == 0
    assert len(by_code) > 190
    names = [c["name"] for c in body["countries"]]
    assert names == sorted(names)


def test_partners_ranked_with_balance(client):
    body = client.get("/api/countries/rus").json()
    assert body["code"] == "RUS" and body["name"] == "Russia" and body["kind"] == "state"
    assert body["n_events"] == 3
    assert [p["code"] for p in body["partners"]] == ["UKR", "EU"]
    ukr = body["partners"][0]
    assert ukr["n_events"] == 2 and ukr["cooperation"] == 0 and ukr["conflict"] == 2
    assert ukr["balance"] == -1.0 and ukr["mean_goldstein"] == -6.0


def test_partner_balance_mixes_cooperation_and_conflict(client):
    [rou] = client.get("/api/countries/KAZ").json()["partners"]
    assert (rou["cooperation"], rou["conflict"], rou["n_events"]) == (5, 1, 6)
    assert rou["balance"] == round(4 / 6, 3)


def test_locations_come_from_the_events_locations(client):
    kaz = client.get("/api/countries/KAZ").json()
    assert kaz["locations"] == [{"name": "Astana", "country": "KAZ", "lat": 51.17, "lon": 71.45, "n_events": 1}]
    jpn = client.get("/api/countries/JPN").json()
    assert jpn["locations"] == [{"name": "South Korea", "country": "KOR", "lat": None, "lon": None,
                                 "n_events": 1}]
    assert client.get("/api/countries/RUS").json()["locations"] == []


def test_partner_limit(client):
    body = client.get("/api/countries/USA", params={"limit": 1}).json()
    assert [p["code"] for p in body["partners"]] == ["CHN"]
    assert client.get("/api/countries/USA", params={"limit": 0}).status_code == 422
