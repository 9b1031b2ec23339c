"""PLOVER, CSV and Parquet exports, each read back by an independent reader."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from bilat.errors import BadParameter
from bilat.store import EventQuery
from bilat.store.export import (
    CSV_COLUMNS,
    PARQUET_COLUMNS,
    export_events,
    plover_record,
    write_events,
)


def test_plover_records(reader, tmp_path, events):
    out = tmp_path / "p.jsonl"
    result = export_events(reader, out, fmt="plover")
    assert (result.n_events, result.n_skipped) == (3, 2)  # a CAMEO 01 statement and an undated event
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    visit = records[events["kaz-rou:4"].event_id]
    assert visit["date"] == "2010-01-01" and visit["date_precision"] == "year"
    assert visit["source"] == [{"code": "ROU", "sector": "GOV", "actor_text": "the president\tof Romania"}]
    assert visit["recipient"] == [{"code": "KAZ", "actor_text": "Kazakhstan"}]
    assert visit["event"] == ["CONSULT"] and visit["event_text"] == ["visited"]
    assert visit["event_loc"] == {"name": "Astana", "cc3": "KAZ", "latitude": 51.17, "longitude": 71.45}
    assert visit["event_scale"] == 1.9 and visit["count"] == 2 and visit["historical"] is True
    assert visit["text"] == 'He said, "twice in 2010",\nand left.'
    assert visit["text_info"] == {"sequence": 4}
    assert visit["cite_info"]["url"] == "https://example.org/kaz-rou"
    assert visit["cite_info"]["citation"] == "kaz-rou" and visit["cite_info"]["coder"].startswith("bilat ")
    assert visit["cameo"] == {"code": "042", "root": "04", "quad_class": 1, "goldstein": 1.9}
    assert len(visit["coded_date"]) == 10
    sanction = records[events["eu-rus:0"].event_id]
    assert sanction["source"] == [{"code": "EU"}] and sanction["date"] == "2023-06-01"
    assert sanction["event"] == ["COERCE"] and sanction["event_loc"] == {"name": "Russia", "cc3": "RUS"}
    assert "event_loc" not in records[events["kaz-rou:0"].event_id]


@pytest.mark.parametrize("key", ["kaz-rou:5", "eu-rus:1"])
def test_plover_cannot_hold_statements_or_undated_events(events, key):
    assert plover_record(events[key]) is None


def test_csv_round_trip_with_the_csv_module(reader, tmp_path, events):
    out = tmp_path / "e.csv"
    assert export_events(reader, out, fmt="csv").n_events == 5
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {r["event_id"]: r for r in rows}
    for ev in events.values():
        row = by_id[ev.event_id]
        for name, value in ev.to_dict().items():
            if name == "extra":
                assert (json.loads(row[name]) if row[name] else {}) == value
            elif isinstance(value, bool):
                assert row[name] == ("true" if value else "false")
            elif value is None:
                assert row[name] == ""
            else:
                assert row[name] == str(value), name


def test_csv_read_by_duckdb_keeps_types(reader, tmp_path):
    out = tmp_path / "e.csv"
    export_events(reader, out, fmt="csv")
    con = duckdb.connect()
    rel = con.execute("SELECT historical, goldstein, count, sentence FROM read_csv(?, header=true) "
                      "ORDER BY goldstein", [str(out)])
    types = [d[1] for d in rel.description]
    rows = rel.fetchall()
    assert rows[0][:3] == (False, -8.0, 1)
    assert rows[-1][3] == "Relations began in 1992."
    assert 'He said, "twice in 2010",\nand left.' in [r[3] for r in rows]
    assert str(types[0]).upper() in ("BOOLEAN", "BOOL")


def test_parquet_round_trip(reader, tmp_path, events):
    out = tmp_path / "it's here.parquet"  # a quote in the path: bound, not spliced into SQL
    result = export_events(reader, out, fmt="parquet", query=EventQuery(dyad=("KAZ", "ROU")))
    assert result.n_events == 3
    con = duckdb.connect()
    rel = con.execute("SELECT * FROM read_parquet(?) ORDER BY sentence_index", [str(out)])
    assert [d[0] for d in rel.description] == list(PARQUET_COLUMNS)
    rows = [dict(zip(PARQUET_COLUMNS, r)) for r in rel.fetchall()]
    visit = rows[1]
    expected = events["kaz-rou:4"]
    assert visit["event_id"] == expected.event_id and visit["count"] == 2
    assert str(visit["date_start"]) == "2010-01-01" and visit["goldstein"] == pytest.approx(1.9)
    assert json.loads(visit["extra"]) == {"mode": "asserted"}
    assert visit["sentence"] == expected.sentence


def test_text_formats_to_a_stream(reader):
    buf = io.StringIO()
    result = write_events(reader, buf, fmt="csv", query=EventQuery(actor="RUS"))
    assert result.n_events == 2 and result.path == "-"
    assert buf.getvalue().count("\n") == 3
    with pytest.raises(BadParameter, match="binary"):
        write_events(reader, io.StringIO(), fmt="parquet")


@pytest.mark.parametrize("fmt", ["xml", "", "GDELT "])
def test_unknown_format(reader, tmp_path, fmt):
    with pytest.raises(BadParameter, match="is not one of gdelt, plover, csv, parquet"):
        export_events(reader, tmp_path / "x", fmt=fmt)


def test_bad_output_paths(reader, tmp_path):
    with pytest.raises(BadParameter, match="is a directory"):
        export_events(reader, tmp_path, fmt="csv")
    with pytest.raises(BadParameter, match="does not exist"):
        export_events(reader, tmp_path / "missing" / "x.csv", fmt="csv")


def test_a_failed_export_leaves_the_old_file_and_no_temporary(reader, tmp_path, monkeypatch):
    import bilat.store.export.run as run

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "keep.csv"
    out.write_text("old\n", encoding="utf-8")

    def failing(store, f, *, query):
        f.write("half a row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(run, "write_csv", failing)
    with pytest.raises(BadParameter, match="No space left on device"):
        export_events(reader, out, fmt="csv")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in folder.iterdir()) == ["keep.csv"]
