"""Validation of the leaders table: bilat.actors.datacheck."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.actors.datacheck import ISO3_CODES, Problem, check_leaders, igo_codes, read_leader_rows
from bilat.errors import InputEncodingError, InputNotFound

HEADER = "country\toffice\ttitle\tname\tvariants\tstart\tend\tnote"

# One table with one problem of each kind; the line numbers are asserted below.
BAD_LINES = [
    "# a comment line",                                                           # 1
    HEADER,                                                                       # 2
    "KAZ\tHOS\tPresident\tAlpha One\tAlpha\t2000-01-01\t2005-01-01\t",            # 3 ok
    "KAZ\tHOS\tPresident\tBeta Two\t\t2004-06-01\t2010-01-01\t",                  # 4 overlaps 3
    "KAZ\tHOS\tActing President\tGamma Three\t\t2009-01-01\t2009-03-01\t",        # 5 acting: ok
    "KAZ\tHOS\tPresident\tDelta Four\t\t2011-01-01\t\t",                          # 6 gap > 60 days
    "KAZ\tHOS\tPresident\tBeta Two\t\t2004-06-01\t2010-01-01\t",                  # 7 duplicate of 4
    "ZZZ\tHOS\tPresident\tEpsilon Five\t\t2000-01-01\t\t",                        # 8 unknown code
    "ROU\tKING\tKing\tZeta Six\t\t2000-01-01\t\t",                                # 9 unknown office
    "ROU\tHOS\tPresident\tEta Seven\t\t2001-02-30\t\t",                           # 10 bad date
    "ROU\tHOG\tPrime Minister\tTheta Eight\t\t2005-01-01\t2004-01-01\t",          # 11 end < start
    "ROU\tHOG\tPrime Minister\tIota Nine",                                        # 12 columns
    "ROU\tFM\tForeign Minister\tKappa Ten\t\t2001/01/01\t\t",                     # 13 bad date
    "",                                                                           # 14 blank
    "GEO\tHOS\tCo-Chairman\tLambda Eleven\t\t1992-01-06\t1992-03-10\t",           # 15 co-: ok
    "GEO\tHOS\tCo-Chairman\tMu Twelve\t\t1992-01-06\t1992-03-10\t",               # 16 co-: ok
    "GEO\tHOS\t\tNu Thirteen\t\t1993-01-01\t1993-05-01\t",                        # 17 empty title
    "GEO\tHOG\tPrime Minister\tXi Fourteen\tXi||X\t1993-01-01\t\t",               # 18 empty variant
    "GEO\tFM\tForeign Minister\tŞerban Öztürk\t\t1993-01-01\t1994-01-01\t",       # 19 ok
    "GEO\tFM\tForeign Minister\tSerban Ozturk\t\t1994-01-01\t\t",                 # 20 spelled 2 ways
    "UKR\tHOS\tPresident\tOmicron Fifteen\t\t2000-01-01\t\t",                     # 21 incumbent...
    "UKR\tHOS\tPresident\tPi Sixteen\t\t2005-01-01\t\t",                          # 22 ...overlapped
]


@pytest.fixture()
def bad_table(tmp_path: Path) -> Path:
    p = tmp_path / "bad.tsv"
    p.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    return p


@pytest.fixture()
def problems(bad_table: Path) -> list[Problem]:
    return check_leaders(bad_table)


def _at(problems: list[Problem], line: int) -> list[Problem]:
    return [p for p in problems if p.line == line]


@pytest.mark.parametrize("line, severity, words", [
    (4, "error", "overlaps line 3"),
    (6, "warning", "nobody listed for 365 days"),
    (7, "error", "duplicate of line 4"),
    (8, "error", "unknown country code 'ZZZ'"),
    (9, "error", "unknown office 'KING'"),
    (10, "error", "bad start date '2001-02-30'"),
    (11, "error", "end 2004-01-01 is before start 2005-01-01"),
    (12, "error", "4 tab-separated columns"),
    (13, "error", "bad start date '2001/01/01'"),
    (17, "error", "empty title"),
    (18, "warning", "empty variant"),
    (20, "warning", "differs from 'Şerban Öztürk' on line 19"),
    (22, "error", "overlaps line 21"),
])
def test_each_problem_is_reported_at_its_line(problems, line, severity, words):
    found = _at(problems, line)
    assert any(p.severity == severity and words in p.message for p in found), found


@pytest.mark.parametrize("line", [1, 2, 3, 5, 14, 15, 16, 19, 21])
def test_good_lines_have_no_problem(problems, line):
    assert _at(problems, line) == []


def test_all_problems_reported_at_once_and_sorted(problems, bad_table):
    assert len([p for p in problems if p.severity == "error"]) == 10
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert all(p.path == str(bad_table) for p in problems)
    assert str(problems[0]).startswith(f"{bad_table}:4: error: ")


def test_read_leader_rows_keeps_only_rows_that_parse(bad_table):
    rows, _ = read_leader_rows(bad_table)
    assert [r.line for r in rows] == [3, 4, 5, 6, 7, 15, 16, 18, 19, 20, 21, 22]
    assert rows[0].variants == ("Alpha",) and rows[0].end is not None
    assert rows[-1].end is None


def test_missing_header(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("KAZ\tHOS\tPresident\tAlpha One\t\t2000-01-01\t\t\n", encoding="utf-8")
    found = check_leaders(p)
    assert [(x.line, x.severity) for x in found] == [(1, "error")]
    assert "header" in found[0].message


def test_empty_table(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("# only a comment\n", encoding="utf-8")
    found = check_leaders(p)
    assert [(x.line, x.severity) for x in found] == [(0, "error")]


def test_trailing_empty_fields_may_be_left_off(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text(HEADER + "\nKAZ\tHOS\tPresident\tAlpha One\t\t2000-01-01\n", encoding="utf-8")
    assert check_leaders(p) == []
    rows, _ = read_leader_rows(p)
    assert rows[0].end is None and rows[0].note == ""


def test_gap_before_coverage_is_not_reported(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text(HEADER + "\nKAZ\tHOS\tPresident\tA B\t\t1970-01-01\t1975-01-01\t\n"
                 "KAZ\tHOS\tPresident\tC D\t\t1980-01-01\t\t\n", encoding="utf-8")
    assert check_leaders(p) == []


def test_missing_file_raises(tmp_path):
    with pytest.raises(InputNotFound):
        check_leaders(tmp_path / "absent.tsv")


def test_non_utf8_file_raises(tmp_path):
    p = tmp_path / "latin1.tsv"
    p.write_bytes((HEADER + "\nROU\tHOS\tPresident\tTraian Băsescu\t\t2004-12-20\t\t\n")
                  .encode("utf-16"))
    with pytest.raises(InputEncodingError):
        check_leaders(p)


def test_iso3_codes():
    assert len(ISO3_CODES) == 250  # 249 ISO 3166-1 codes + XKX
    assert {"KAZ", "ROU", "USA", "XKX", "SSD", "BES"} <= ISO3_CODES
    assert all(len(c) == 3 and c.isupper() for c in ISO3_CODES)
    assert "SUN" not in ISO3_CODES and "YUG" not in ISO3_CODES


# ---- declared vacancies, heads of organisations, the bundled table ----------------------------

def _table(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "t.tsv"
    p.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("before_note, after_note, reported", [
    ("", "", True),
    ("office vacant after this term", "", False),
    ("", "office vacant before this term", False),
    ("", "holders of 1994-1996 unlisted before this term", False),
    ("holders unlisted after this term", "", False),
    ("vacant", "", True),  # the word alone does not say which side
])
def test_declared_gap_is_not_a_warning(tmp_path, before_note, after_note, reported):
    p = _table(tmp_path,
               f"KAZ\tHOG\tPrime Minister\tAlpha One\t\t2000-01-01\t2001-01-01\t{before_note}",
               f"KAZ\tHOG\tPrime Minister\tBeta Two\t\t2003-01-01\t\t{after_note}")
    found = check_leaders(p)
    assert any("nobody listed" in x.message for x in found) is reported
    assert all(x.severity == "warning" for x in found)


def test_gap_warning_says_how_to_declare_it(tmp_path):
    p = _table(tmp_path, "KAZ\tHOG\tPrime Minister\tAlpha One\t\t2000-01-01\t2001-01-01\t",
               "KAZ\tHOG\tPrime Minister\tBeta Two\t\t2003-01-01\t\t")
    (problem,) = check_leaders(p)
    assert "'vacant before'" in problem.message


@pytest.mark.parametrize("row, words", [
    ("UN\tHOS\tSecretary-General\tAlpha One\t\t2000-01-01\t\t", "organisations take office IGO"),
    ("XYZ\tIGO\tSecretary-General\tAlpha One\t\t2000-01-01\t\t", "unknown organisation code 'XYZ'"),
    ("KAZ\tIGO\tSecretary-General\tAlpha One\t\t2000-01-01\t\t", "unknown organisation code 'KAZ'"),
])
def test_igo_rows_need_an_organisation_code(tmp_path, row, words):
    found = check_leaders(_table(tmp_path, row))
    assert [x.severity for x in found] == ["error"] and words in found[0].message


def test_igo_rows_may_overlap_and_leave_gaps(tmp_path):
    p = _table(tmp_path,
               "EU\tIGO\tPresident of the European Commission\tAlpha One\t\t2000-01-01\t2005-01-01\t",
               "EU\tIGO\tPresident of the European Council\tBeta Two\t\t2002-01-01\t2003-01-01\t",
               "EU\tIGO\tPresident of the European Commission\tGamma Three\t\t2009-01-01\t\t")
    assert check_leaders(p) == []


def test_igo_codes_come_from_the_igo_table():
    assert {"UN", "NATO", "EU", "AU", "ARL"} <= igo_codes()
    assert not igo_codes() & ISO3_CODES


def test_bundled_table_has_no_warnings_either():
    from bilat.actors.leaders import DEFAULT_PATH

    assert [str(p) for p in check_leaders(DEFAULT_PATH)] == []


# ---- `bilat data check` --------------------------------------------------------------------------

@pytest.fixture()
def user_table(tmp_path: Path) -> Path:
    return _table(tmp_path,
                  "KAZ\tHOS\tPresident\tAlpha One\t\t2000-01-01\t2005-01-01\t",
                  "KAZ\tHOS\tPresident\tBeta Two\t\t2004-01-01\t2006-01-01\t",   # overlap
                  "ZZZ\tHOS\tPresident\tGamma Three\t\t2000-01-01\t\t",          # unknown code
                  "KAZ\tHOS\tPresident\tDelta Four\t\t2009-01-01\t\t")           # gap


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    from bilat.interfaces.cli.app import main

    code = main(["data", "check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_cli_reports_overlaps_gaps_and_unknown_codes(capsys, user_table):
    code, out, err = _cli(capsys, str(user_table))
    assert code == 1
    assert f"{user_table}: 2 errors, 1 warnings" in out
    assert f"{user_table}:3: error:" in err and "overlaps line 2" in err
    assert f"{user_table}:4: error: unknown country code 'ZZZ'" in err
    assert f"{user_table}:5: warning:" in err and "nobody listed for 1096 days" in err


@pytest.mark.slow
def test_cli_quiet_lists_errors_only(capsys, user_table):
    code, _, err = _cli(capsys, "--quiet", str(user_table))
    assert code == 1 and "error:" in err and "warning:" not in err


@pytest.mark.slow
def test_cli_strict_fails_on_warnings(capsys, tmp_path):
    gap = _table(tmp_path, "KAZ\tHOG\tPrime Minister\tAlpha One\t\t2000-01-01\t2001-01-01\t",
                 "KAZ\tHOG\tPrime Minister\tBeta Two\t\t2003-01-01\t\t")
    assert _cli(capsys, str(gap))[0] == 0
    assert _cli(capsys, "--strict", str(gap))[0] == 1


@pytest.mark.slow
def test_cli_bundled_table_passes_strict(capsys):
    code, out, _ = _cli(capsys, "--strict")
    assert code == 0 and "0 errors, 0 warnings" in out
