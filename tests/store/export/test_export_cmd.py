"""`bilat export` from the command line."""

from __future__ import annotations

import json

import pytest

from bilat.interfaces.cli.app import main


@pytest.mark.parametrize("fmt, n", [("gdelt", 3), ("plover", 2), ("csv", 3), ("parquet", 3)])
def test_export_a_dyad(export_db, tmp_path, capsys, fmt, n):
    out = tmp_path / f"kr.{fmt}"
    assert main(["export", "--format", fmt, "--db", str(export_db), "--dyad", "kaz", "ROU", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"exported {n} events as {fmt} to {out}" in err
    assert out.stat().st_size > 0


def test_gdelt_names_come_from_the_country_table(export_db, tmp_path):
    out = tmp_path / "g.tsv"
    assert main(["export", "-f", "gdelt", "--db", str(export_db), "--actor", "RUS", str(out)]) == 0
    names = {line.split("\t")[6] for line in out.read_text(encoding="utf-8").splitlines()}
    assert names == {"RUSSIA", "EUROPEAN UNION"}


def test_export_to_stdout(export_db, capsys):
    assert main(["export", "-f", "plover", "--db", str(export_db), "-"]) == 0
    out, err = capsys.readouterr()
    assert len([json.loads(line) for line in out.splitlines()]) == 3
    assert "to standard output; 2 skipped" in err


@pytest.mark.parametrize("argv, says", [
    (["--dyad", "KAZ", "XXX"], "E201"),
    (["--since", "2010-13"], "E202"),
    (["-f", "parquet", "-"], "binary"),
])
def test_export_errors_are_one_line(export_db, capsys, argv, says):
    args = ["export", "--db", str(export_db), *argv]
    if "-f" not in argv:
        args += ["-f", "csv", "out.csv"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
