"""The synthetic store generator and the load-test client (the full load test is `make bench`)."""

from __future__ import annotations

import json

import duckdb
import pytest

from bilat import ontology
from bilat.actors.countries import CountryTable
from bilat.benchmarks import loadtest
from bilat.benchmarks.synthetic import build_store
from bilat.errors import BadParameter
from bilat.store import Store
from bilat.store.periods import period_bounds


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("synthetic") / "syn.duckdb", n_events=20_000)


def test_synthetic_store_is_a_valid_bilat_store(small_store, check):
    assert small_store.n_events == 20_000 and small_store.n_documents == 2_000
    snap = check.intact(small_store.path)  # whole stories, actors for every event
    assert snap.n_event_rows == 20_000
    table = CountryTable.load()
    con = duckdb.connect(str(small_store.path), read_only=True)
    try:
        rows = con.execute('SELECT cameo, root, quad_class, goldstein, plover, source_country, '
                           'target_country, "date" FROM events USING SAMPLE 500 ROWS').fetchall()
    finally:
        con.close()
    for cameo, root, quad, goldstein, plover, src, tgt, when in rows:
        code = ontology.get(cameo)
        assert (root, quad, goldstein, plover) == (code.root, code.quad_class, code.goldstein, code.plover)
        assert table.is_known(src) and table.is_known(tgt) and src != tgt
        assert period_bounds(when) is not None
    assert small_store.top_dyads[0] == ("CHN", "USA")  # the busiest pair comes first
    with Store.open(small_store.path, read_only=True) as store:  # the API's own reader agrees
        assert store.stats().n_events == 20_000


def test_synthetic_store_is_reproducible_and_never_overwrites(small_store, tmp_path):
    again = build_store(tmp_path / "again.duckdb", n_events=20_000)
    assert again.top_dyads == small_store.top_dyads

    def digest(path):
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute('SELECT count(*), sum(hash(event_id, doc_id, cameo, source_country, '
                               'target_country, "date", sentence)) FROM events').fetchone()
        finally:
            con.close()

    assert digest(again.path) == digest(small_store.path)
    other = build_store(tmp_path / "other.duckdb", n_events=20_000, seed=1)
    assert digest(other.path) != digest(small_store.path)
    with pytest.raises(BadParameter, match="exists"):
        build_store(small_store.path, n_events=10)
    with pytest.raises(BadParameter, match="n_events"):
        build_store(tmp_path / "none.duckdb", n_events=0)


@pytest.mark.parametrize("values, q, expected", [
    ([], 50, 0.0), ([5.0], 99, 5.0), ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
    ([float(i) for i in range(1, 101)], 99, 99.0), ([float(i) for i in range(1, 101)], 50, 50.0),
])
def test_percentile_is_nearest_rank(values, q, expected):
    assert loadtest.percentile(values, q) == expected


@pytest.mark.parametrize("kw, says", [({"clients": 0}, "clients"), ({"clients": 10_000}, "clients"),
                                      ({"duration": 0}, "duration"), ({"duration": 1e6}, "duration")])
def test_load_is_bounded(kw, says):
    mix = loadtest.request_mix([("KAZ", "ROU")], ["KAZ", "ROU"])
    with pytest.raises(BadParameter, match=says):
        loadtest.run_load("http://127.0.0.1:9/", mix, **kw)


@pytest.mark.slow
def test_load_test_against_a_served_store(small_store, tmp_path, capsys):
    out = tmp_path / "result.json"
    code = loadtest.main(["--db", str(small_store.path), "--clients", "4", "--duration", "1.5",
                          "--warmup", "0.3", "--json", str(out), "--markdown"])
    result = json.loads(out.read_text())
    total = result["result"]["total"]
    assert code == 0 and total["errors"] == 0 and total["requests"] > 0
    assert {e["endpoint"] for e in result["result"]["endpoints"]} == {"events", "profile"}
    assert all(e["requests"] > 0 for e in result["result"]["endpoints"])
    assert 0 < total["p50_ms"] <= total["p99_ms"] <= total["max_ms"]
    assert result["machine"]["cpus"] >= 1 and result["db_events"] == 20_000
    table = capsys.readouterr().out
    assert "| endpoint | requests | req/s | p50 ms |" in table and "| all |" in table
