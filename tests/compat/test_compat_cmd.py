"""`bilat petr-validate` (loads the spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.interfaces.cli.app import app

pytestmark = pytest.mark.slow
RECORDS = Path(__file__).resolve().parent / "petrarch" / "fixtures" / "mini.records.xml"


def test_json_report():
    result = CliRunner().invoke(app, ["petr-validate", "--records", str(RECORDS),
                                      "--format", "json", "--details"])
    assert result.exit_code == 0, result.output
    [suite] = json.loads(result.stdout)
    assert (suite["name"], suite["exact"], suite["evaluated"]) == ("mini.records.xml", 3, 3)
    assert {o["id"] for o in suite["outcomes"]} >= {"BASIC-01", "DATE-02"}


def test_text_report_and_fail_under():
    ok = CliRunner().invoke(app, ["petr-validate", "-r", str(RECORDS), "--fail-under", "0.9"])
    assert ok.exit_code == 0 and "3/3 evaluated records coded exactly (100.0%)" in ok.stdout


def test_missing_records_file_is_one_line_error(tmp_path, capsys):
    from bilat.interfaces.cli.app import main

    assert main(["petr-validate", "--records", str(tmp_path / "none.xml")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("bilat: E101 ") and "none.xml" in err and "\n" not in err
