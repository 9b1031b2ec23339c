"""GDELT 2.0 export: 61 columns in GDELT's order, values where bilat has them, read back two ways."""

from __future__ import annotations

import csv

import duckdb
import pytest

from bilat.store import EventQuery
from bilat.store.export import GDELT_COLUMNS, ExportFormat, export_events, gdelt_row
from bilat.store.export.gdelt import global_event_id

NAMES = {"KAZ": "Kazakhstan", "ROU": "Romania", "RUS": "Russia"}


def read_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == 61 for r in rows)
    return [dict(zip(GDELT_COLUMNS, r)) for r in rows]


def test_the_61_columns_in_gdelt_order():
    assert len(GDELT_COLUMNS) == len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5] == "Actor1Code" and GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                                    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                                    "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[43] == "Actor2Geo_Type"
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[58] == "ActionGeo_FeatureID"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_export_values(reader, tmp_path, events):
    out = tmp_path / "all.tsv"
    result = export_events(reader, out, fmt="gdelt", names=NAMES.get)
    assert result.n_events == 5 and result.format is ExportFormat.GDELT
    rows = {r["GlobalEventID"]: r for r in read_rows(out)}
    assert len(rows) == 5
    visit = rows[global_event_id(events["kaz-rou:4"].event_id)]
    assert (visit["Day"], visit["MonthYear"], visit["Year"], visit["FractionDate"]) == (
        "20100101", "201001", "2010", "2010.0000")
    assert (visit["Actor1Code"], visit["Actor1Name"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == (
        "ROUGOV", "ROMANIA", "ROU", "GOV")
    assert (visit["Actor2Code"], visit["Actor2Name"], visit["Actor2CountryCode"], visit["Actor2Type1Code"]) == (
        "KAZ", "KAZAKHSTAN", "KAZ", "")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "042", "04")
    assert (visit["QuadClass"], visit["GoldsteinScale"], visit["IsRootEvent"]) == ("1", "1.9", "0")
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"], visit["AvgTone"]) == ("1", "1", "1", "")
    assert visit["SOURCEURL"] == "https://example.org/kaz-rou"
    assert len(visit["DATEADDED"]) == 14 and visit["DATEADDED"].isdigit()
    assert all(visit[c] == "" for c in GDELT_COLUMNS if c.startswith(("Actor1Geo_", "Actor2Geo_")))
    assert (visit["ActionGeo_Type"], visit["ActionGeo_FullName"], visit["ActionGeo_Lat"],
            visit["ActionGeo_Long"], visit["ActionGeo_CountryCode"]) == ("4", "Astana", "51.1700", "71.4500", "")
    first = rows[global_event_id(events["kaz-rou:0"].event_id)]
    assert first["IsRootEvent"] == "1" and first["Day"] == "19920101"
    sanctions = rows[global_event_id(events["eu-rus:0"].event_id)]
    assert sanctions["Actor1CountryCode"] == "" and sanctions["Actor1KnownGroupCode"] == "EU"
    assert sanctions["Day"] == "20230601" and sanctions["QuadClass"] == "4"
    assert sanctions["GoldsteinScale"] == "-8.0" and sanctions["SOURCEURL"] == ""
    assert (sanctions["ActionGeo_Type"], sanctions["ActionGeo_FullName"], sanctions["ActionGeo_Lat"]) == (
        "1", "Russia", "")
    assert all(first[c] == "" for c in GDELT_COLUMNS if "Geo_" in c)
    undated = rows[global_event_id(events["eu-rus:1"].event_id)]
    assert undated["Day"] == undated["MonthYear"] == undated["Year"] == undated["FractionDate"] == ""


def test_duckdb_reads_the_same_rows(reader, tmp_path):
    out = tmp_path / "all.tsv"
    export_events(reader, out, fmt="gdelt")
    con = duckdb.connect()
    columns = {c: "VARCHAR" for c in GDELT_COLUMNS}
    rows = con.execute(
        "SELECT EventCode, Actor1Code, Actor2Name FROM read_csv(?, delim='\t', header=false, quote='', "
        "escape='', columns=?) ORDER BY EventCode", [str(out), columns]).fetchall()
    assert [r[0] for r in rows] == ["010", "042", "054", "112", "163"]
    assert rows[1][2] == "KAZAKHSTAN"  # no names given: the words that named the actor, upper-cased


def test_tabs_and_newlines_never_split_a_row(reader, tmp_path):
    out = tmp_path / "t.tsv"
    export_events(reader, out, fmt="gdelt")
    text = out.read_text(encoding="utf-8")
    assert text.count("\n") == 5
    assert "\tTHE PRESIDENT OF ROMANIA\t" in text  # the tab inside the name became a space


def test_header_and_dyad_filter(reader, tmp_path):
    out = tmp_path / "kr.tsv"
    result = export_events(reader, out, fmt="gdelt", query=EventQuery(dyad=("KAZ", "ROU")), header=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert result.n_events == len(lines) - 1 == 3


@pytest.mark.parametrize("event_id, expected", [("ffffffffffffffff0000", str(16**15 - 1)), ("zz", "")])
def test_global_event_id(event_id, expected):
    assert global_event_id(event_id) == expected


def test_row_without_document(events):
    row = gdelt_row(events["kaz-rou:4"])
    assert len(row) == 61 and row[-2:] == ["", ""]
    assert row[GDELT_COLUMNS.index("Actor1Name")] == "THE PRESIDENT OF ROMANIA"
