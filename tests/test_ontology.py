"""Tests for bilat.ontology: the CAMEO code table, its loader and its checks."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from bilat import ontology
from bilat.errors import BadParameter, TableError


def _shared() -> Path:
    env = os.environ.get("BILAT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


SHARED = _shared()
MANUAL_CSV = SHARED / "eval" / "cameo-manual" / "cameo-codes.csv"
PLOVER_TABLE = SHARED / "eval" / "plover-gsr" / "CAMEO2PLOVER-2021.txt"

# Codes the 2021 CAMEO->PLOVER table does not list. PLOVER has no type for
# CAMEO 01 statements (we map them to None); CAMEO 02 appeals fold into
# REQUEST together with 10 demands (the table starts at 03).
PLOVER_ABSENT_ROOTS = {"01": None, "02": "REQUEST"}
# Codes in the PLOVER table that are not CAMEO 1.1b3 codes.
PLOVER_EXTRA_CODES = {"1214"}  # "reject intelligence cooperation": a later addition
# Genuine disagreements with the 2021 table: none at present. Add entries as
# code -> (ours, why) if the table is ever judged wrong on a code.
PLOVER_EXCEPTIONS: dict[str, tuple[str, str]] = {}


# --- the bundled table ------------------------------------------------------

def test_twenty_roots_in_order() -> None:
    assert [c.code for c in ontology.roots()] == [f"{i:02d}" for i in range(1, 21)]


def test_table_size_and_shapes() -> None:
    codes = ontology.all_codes()
    assert len(codes) == 312
    assert sum(len(c.code) == 3 for c in codes) == 147
    assert sum(len(c.code) == 4 for c in codes) == 145
    for c in codes:
        assert c.root == c.code[:2]
        assert ontology.is_valid(c.root)
        if len(c.code) == 4:
            assert ontology.is_valid(c.code[:3])


@pytest.mark.parametrize(
    ("code", "goldstein", "plover"),
    [
        ("01", 0.0, None),
        ("010", 0.0, None),
        ("016", -5.0, None),
        ("020", 3.0, "REQUEST"),
        ("036", 4.0, "AGREE"),
        ("040", 1.0, "CONSULT"),
        ("042", 1.9, "CONSULT"),
        ("043", 2.8, "CONSULT"),
        ("046", 7.0, "CONSULT"),
        ("051", 3.4, "SUPPORT"),
        ("054", 6.0, "SUPPORT"),
        ("057", 8.0, "SUPPORT"),
        ("061", 6.4, "COOPERATE"),
        ("072", 8.3, "AID"),
        ("074", 8.5, "AID"),
        ("0874", 10.0, "RETREAT"),
        ("081", 5.0, "CONCEDE"),
        ("090", -2.0, "ACCUSE"),
        ("100", -5.0, "REQUEST"),
        ("112", -2.0, "ACCUSE"),
        ("120", -4.0, "REJECT"),
        ("130", -4.4, "THREATEN"),
        ("138", -7.0, "THREATEN"),
        ("141", -6.5, "PROTEST"),
        ("154", -7.2, "MOBILIZE"),
        ("161", -4.0, "SANCTION"),
        ("163", -8.0, "COERCE"),
        ("173", -5.0, "COERCE"),
        ("182", -9.5, "ASSAULT"),
        ("190", -10.0, "ASSAULT"),
        ("192", -9.5, "COERCE"),
        ("2042", -10.0, "ASSAULT"),
    ],
)
def test_known_facts(code: str, goldstein: float, plover: str | None) -> None:
    c = ontology.get(code)
    assert c.goldstein == goldstein
    assert c.plover == plover
    assert c.name


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_boundaries(root: str, quad: int) -> None:
    assert ontology.get(root).quad_class == quad


def test_every_code_has_the_standard_quad_class() -> None:
    def standard(root: int) -> int:
        return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4

    for c in ontology.all_codes():
        assert c.quad_class == standard(int(c.root)), c.code
        assert c.quad_class_name == ontology.QUAD_CLASS_NAMES[c.quad_class]
    assert set(ontology.QUAD_CLASS_NAMES) == {1, 2, 3, 4}


def test_plover_types_are_allowed_and_only_statements_lack_one() -> None:
    for c in ontology.all_codes():
        if c.root == "01":
            assert c.plover is None
        else:
            assert c.plover in ontology.PLOVER_TYPES, c.code


@pytest.mark.parametrize(("code", "root"), [("01", "01"), ("042", "04"), ("0214", "02"),
                                            ("2042", "20"), ("196", "19")])
def test_root_of(code: str, root: str) -> None:
    assert ontology.root_of(code) == root


@pytest.mark.parametrize("code", ["", "00", "21", "0", "42", "1834", "0420", "abc", " 04x"])
def test_unknown_code_raises_bad_parameter_naming_it(code: str) -> None:
    assert not ontology.is_valid(code)
    with pytest.raises(BadParameter) as info:
        ontology.get(code)
    assert repr(code) in str(info.value)
    with pytest.raises(BadParameter):
        ontology.root_of(code)


@pytest.mark.parametrize("code", [None, 42, ["042"]])
def test_non_string_codes_are_unknown(code: object) -> None:
    assert not ontology.is_valid(code)  # type: ignore[arg-type]
    with pytest.raises(BadParameter):
        ontology.get(code)  # type: ignore[arg-type]


def test_get_tolerates_surrounding_space_but_is_valid_is_exact() -> None:
    assert ontology.get(" 042 ").code == "042"
    assert not ontology.is_valid(" 042 ")


def test_table_is_loaded_once() -> None:
    assert ontology.get("042") is ontology.get("042")
    assert ontology.all_codes() is not ontology.all_codes()  # callers get their own list


# --- the loader's checks ------------------------------------------------------

HEADER = "code\tname\tgoldstein\tquad_class\tplover\n"
GOOD = HEADER + "04\tconsult\t1.0\t1\tCONSULT\n040\tconsult\t1.0\t1\tCONSULT\n"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "codes.tsv"
    p.write_text(text, encoding="utf-8")
    return p


def test_load_table_good_with_comments_and_blanks(tmp_path: Path) -> None:
    p = _write(tmp_path, "# a comment\n\n" + GOOD + "\n")
    table = ontology.load_table(p)
    assert list(table) == ["04", "040"]
    assert table["040"].plover == "CONSULT"


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        ("04\tconsult\t11.0\t1\tCONSULT\n", 2, "Goldstein"),
        ("04\tconsult\t-10.5\t1\tCONSULT\n", 2, "Goldstein"),
        ("04\tconsult\tnan\t1\tCONSULT\n", 2, "Goldstein"),
        ("04\tconsult\tx\t1\tCONSULT\n", 2, "Goldstein"),
        ("04\tconsult\t1.0\t0\tCONSULT\n", 2, "quad_class"),
        ("04\tconsult\t1.0\t5\tCONSULT\n", 2, "quad_class"),
        ("04\tconsult\t1.0\t1\tDEMAND\n", 2, "PLOVER"),
        ("04\tconsult\t1.0\t1\n", 2, "columns"),
        ("4a\tconsult\t1.0\t1\tCONSULT\n", 2, "digits"),
        ("21\tbeyond\t1.0\t4\tASSAULT\n", 2, "root"),
        ("04\t\t1.0\t1\tCONSULT\n", 2, "name"),
        ("04\tconsult\t1.0\t1\tCONSULT\n04\tagain\t1.0\t1\tCONSULT\n", 3, "already"),
        ("05\tsupport\t3.5\t1\tSUPPORT\n0511\torphan\t3.5\t1\tSUPPORT\n", 3, "parent"),
        ("040\tconsult\t1.0\t1\tCONSULT\n", 2, "root"),
    ],
)
def test_bad_rows_raise_table_error_naming_file_and_line(
    tmp_path: Path, rows: str, line: int, words: str
) -> None:
    p = _write(tmp_path, HEADER + rows)
    with pytest.raises(TableError) as info:
        ontology.load_table(p)
    msg = str(info.value)
    assert f"{p}:{line}:" in msg
    assert words in msg
    assert "\n" not in msg


def test_root_may_follow_its_children(tmp_path: Path) -> None:
    p = _write(tmp_path, HEADER + "041\tphone\t1.0\t1\tCONSULT\n04\tconsult\t1.0\t1\tCONSULT\n")
    assert list(ontology.load_table(p)) == ["041", "04"]


def test_every_bad_row_is_counted(tmp_path: Path) -> None:
    rows = "04\ta\t99\t1\tCONSULT\n05\tb\t1\t9\tSUPPORT\n06\tc\t1\t2\tNOPE\n"
    p = _write(tmp_path, HEADER + rows)
    with pytest.raises(TableError, match=r":2: .*and 2 more bad rows"):
        ontology.load_table(p)


@pytest.mark.parametrize("text", ["", "\n# only a comment\n", "code\tname\n04\ta\t1\t1\tCONSULT\n"])
def test_missing_or_wrong_header(tmp_path: Path, text: str) -> None:
    with pytest.raises(TableError, match=r"codes\.tsv:\d+: "):
        ontology.load_table(_write(tmp_path, text))


def test_unreadable_table(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="cannot read"):
        ontology.load_table(tmp_path / "absent.tsv")
    p = tmp_path / "latin1.tsv"
    p.write_bytes(HEADER.encode() + "04\tcons\xfclt\t1\t1\tCONSULT\n".encode("latin-1"))
    with pytest.raises(TableError, match="cannot read"):
        ontology.load_table(p)


def test_bundled_table_file_is_clean() -> None:
    text = ontology.default_table_path().read_text(encoding="utf-8")
    assert text.startswith("\t".join(ontology.COLUMNS) + "\n")
    assert text.endswith("\n") and "\r" not in text


# --- cross-checks against the public references in ../shared ------------------

def _manual_rows() -> dict[str, float]:
    if not MANUAL_CSV.is_file():
        pytest.skip(f"{MANUAL_CSV} absent")
    with MANUAL_CSV.open(encoding="utf-8", errors="replace", newline="") as f:
        return {row["code"].strip(): float(row["goldstein"]) for row in csv.DictReader(f)}


@pytest.mark.shared
def test_code_set_agrees_with_cameo_manual() -> None:
    manual = _manual_rows()
    ours = {c.code for c in ontology.all_codes()}
    assert sorted(ours - set(manual)) == []
    assert sorted(set(manual) - ours) == []


@pytest.mark.shared
def test_goldstein_values_agree_with_cameo_manual() -> None:
    manual = _manual_rows()
    disagreements = {code: (ontology.get(code).goldstein, value)
                     for code, value in manual.items()
                     if ontology.is_valid(code) and ontology.get(code).goldstein != value}
    assert disagreements == {}


def _plover_rows() -> dict[str, set[str]]:
    if not PLOVER_TABLE.is_file():
        pytest.skip(f"{PLOVER_TABLE} absent")
    mapping: dict[str, set[str]] = {}
    for line in PLOVER_TABLE.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:  # a code can be listed twice (root 08 heads CONCEDE and RETREAT)
            mapping.setdefault(m.group(1), set()).add(m.group(2))
    return mapping


@pytest.mark.shared
def test_plover_mapping_agrees_with_cameo2plover_2021() -> None:
    theirs = _plover_rows()
    ours = {c.code: c.plover for c in ontology.all_codes()}
    common = sorted(set(ours) & set(theirs))
    differ = {code: (ours[code], sorted(theirs[code])) for code in common
              if ours[code] not in theirs[code] and code not in PLOVER_EXCEPTIONS}
    assert differ == {}
    agreeing = sum(ours[code] in theirs[code] for code in common)
    assert agreeing / len(common) >= 0.95
    assert len(common) >= 270


@pytest.mark.shared
def test_codes_missing_from_plover_table_are_the_documented_ones() -> None:
    theirs = _plover_rows()
    ours = {c.code: c.plover for c in ontology.all_codes()}
    absent = {code for code in ours if code not in theirs}
    assert {code[:2] for code in absent} == set(PLOVER_ABSENT_ROOTS)
    for code in absent:
        assert ours[code] == PLOVER_ABSENT_ROOTS[code[:2]]
    assert set(theirs) - set(ours) == PLOVER_EXTRA_CODES
