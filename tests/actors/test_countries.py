"""The country and IGO table: contents, lookups, capitals by date, and load-time checks."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from bilat.actors import forms
from bilat.actors._tables import data_dir
from bilat.actors.countries import CountryTable
from bilat.errors import TableError, UnknownCountry


@pytest.fixture(scope="module")
def table() -> CountryTable:
    return CountryTable.load()


# -- contents -----------------------------------------------------------------------------------

def test_every_un_member_and_the_others(table):
    by_status: dict[str, set[str]] = {}
    for c in table.all():
        by_status.setdefault(c.status, set()).add(c.code)
    assert len(by_status["member"]) == 193
    assert by_status["observer"] == {"VAT", "PSE"}
    assert by_status["other"] == {"TWN", "XKX"}


def test_codes_are_unique_iso3(table):
    codes = [c.code for c in table.all()]
    assert len(codes) == len(set(codes)) == 197
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)


@pytest.mark.parametrize("code,name", [
    ("KAZ", "Kazakhstan"), ("ROU", "Romania"), ("USA", "United States"), ("GBR", "United Kingdom"),
    ("SSD", "South Sudan"), ("TLS", "Timor-Leste"), ("SWZ", "Eswatini"), ("MKD", "North Macedonia"),
    ("CZE", "Czechia"), ("TUR", "Türkiye"), ("COD", "Democratic Republic of the Congo"),
])
def test_names(table, code, name):
    assert table.name(code) == name


def test_members_have_official_names_and_demonyms(table):
    for c in table.all():
        assert c.official and c.name
        if c.status == "member":  # Congo-Brazzaville and Dominica share theirs (second readings)
            assert c.demonyms or c.second_readings, c.code


def test_igo_codes_do_not_collide_with_countries(table):
    iso3 = {c.code for c in table.all()}
    igos = {c.code for c in table.igos()}
    assert not iso3 & igos
    assert {"UN", "UNSC", "EU", "NATO", "OSCE", "ASEAN", "AU", "SCO", "CIS", "EAEU", "OIC", "G7",
            "G20", "OPEC", "IMF", "WB", "WTO", "WHO", "IAEA", "CSTO", "GCC", "ARL", "OAS", "ECOWAS",
            "SAARC", "BRICS", "COE", "ICC", "UNHCR", "UNICEF", "WFP"} <= igos
    assert all(c.is_igo for c in table.igos())
    assert not any(c.is_igo for c in table.all())


# -- lookups ------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["KAZ", "kaz", "UN", "eu", "ARL", "XKX"])
def test_is_known(table, code):
    assert table.is_known(code)
    assert table.by_code(code).code == code.upper()


@pytest.mark.parametrize("code", ["XXX", "", "KAZX", "SUN"])
def test_unknown_code(table, code):
    assert not table.is_known(code)
    with pytest.raises(UnknownCountry, match="unknown country code") as info:
        table.by_code(code)
    assert info.value.code == "E201"


@pytest.mark.parametrize("text,code", [
    ("Kazakhstan", "KAZ"), ("the Republic of Kazakhstan", "KAZ"), ("Kazakstan", "KAZ"),
    ("Kazakh", "KAZ"), ("Kazakhstani", "KAZ"), ("ROMANIA", "ROU"), ("Romanians", "ROU"),
    ("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("Briton", "GBR"),
    ("US", "USA"), ("U.S.", "USA"), ("USA", "USA"), ("United States of America", "USA"),
    ("America", "USA"), ("Americans", "USA"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Cote d’Ivoire", "CIV"), ("Czechia", "CZE"), ("Czech Republic", "CZE"), ("Türkiye", "TUR"),
    ("Turkey", "TUR"), ("Turkiye", "TUR"), ("North Korea", "PRK"), ("DPRK", "PRK"),
    ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("ROK", "KOR"),
    ("Georgian", "GEO"), ("Dominican", "DOM"), ("Congolese", "COD"), ("The Gambia", "GMB"),
    ("Bogota", "COL"), ("St. Kitts and Nevis", "KNA"), ("Saint Lucia", "LCA"), ("Holy See", "VAT"),
    ("Vatican", "VAT"), ("State of Palestine", "PSE"), ("Chinese Taipei", "TWN"), ("Kosovo", "XKX"),
    ("Burma", "MMR"), ("Swaziland", "SWZ"), ("Kremlin", "RUS"), ("Duma", "RUS"), ("Majilis", "KAZ"),
    ("United Nations", "UN"), ("U.N.", "UN"), ("the European Union", "EU"), ("Arab League", "ARL"),
    ("World Bank", "WB"), ("Organisation of American States", "OAS"), ("UN Security Council", "UNSC"),
    ("European Commission", "EU"), ("kaz", "KAZ"),
])
def test_resolve_name(table, text, code):
    country = table.resolve_name(text)
    assert country is not None and country.code == code


@pytest.mark.parametrize("text", ["Atlantis", "", "the", "Soviet Union", "Europe"])
def test_resolve_unknown_name(table, text):
    assert table.resolve_name(text) is None


@pytest.mark.parametrize("text,readings", [
    ("Congo", ["COD", "COG"]), ("Congolese", ["COD", "COG"]), ("Dominican", ["DOM", "DMA"]),
    ("Korea", ["KOR", "PRK"]), ("Korean", ["KOR", "PRK"]), ("Kazakh", ["KAZ"]),
])
def test_readings(table, text, readings):
    assert [c.code for c in table.readings(text)] == readings


def test_no_form_names_two_countries(table):
    """Every writing the matcher sees belongs to one code (second readings are not matched)."""
    owners: dict[str, set[str]] = {}
    for sf in table.surface_forms():
        owners.setdefault(forms.normalize(sf.text), set()).add(sf.code)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_ambiguous_forms_are_exactly_the_declared_ones(table):
    declared = {forms.normalize(f) for c in [*table.all(), *table.igos()] for f in c.second_readings}
    assert declared == {"congo", "congolese", "dominican", "dominicans", "korea", "korean", "koreans"}
    for form in declared:
        assert len(table.readings(form)) == 2


# -- capitals by date ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,when,code", [
    ("Astana", date(2000, 1, 1), "KAZ"),
    ("Astana", date(2023, 1, 1), "KAZ"),
    ("Astana", date(2020, 1, 1), "KAZ"),  # today's name read back into the Nur-Sultan years
    ("Nur-Sultan", date(2020, 1, 1), "KAZ"),
    ("Nur-Sultan", date(2023, 1, 1), None),
    ("Akmola", date(1998, 1, 1), "KAZ"),
    ("Almaty", date(1995, 1, 1), "KAZ"),
    ("Almaty", date(2010, 1, 1), None),
    ("Almaty", None, None),
    ("Bonn", date(1985, 1, 1), "DEU"),
    ("Bonn", date(2000, 1, 1), None),
    ("Lagos", date(1980, 1, 1), "NGA"),
    ("Lagos", date(2005, 1, 1), None),
    ("Rangoon", date(2000, 1, 1), "MMR"),
    ("Bucharest", None, "ROU"),
    ("Kiev", date(2010, 1, 1), "UKR"),
    ("Kyiv", None, "UKR"),
])
def test_capitals_by_date(table, text, when, code):
    country = table.resolve_name(text, when=when)
    assert (country.code if country else None) == code


def test_capital_periods_parse(table):
    kaz = {c.name: c for c in table.by_code("KAZ").capitals}
    assert kaz["Nur-Sultan"].is_capital_on(date(2019, 3, 23))
    assert not kaz["Nur-Sultan"].is_capital_on(date(2022, 9, 17))  # the end is exclusive
    assert len(kaz["Astana"].periods) == 2
    assert kaz["Astana"].is_capital_on(date(2024, 1, 1))
    assert not kaz["Almaty"].is_capital_on(date(1997, 12, 10))


# -- surface forms ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("The Bahamas", "bahamas"), ("  Côte  d’Ivoire ", "cote d'ivoire"), ("TÜRKIYE", "turkiye"),
    ("the", "the"), ("U.S.", "u.s."),
])
def test_normalize(text, key):
    assert forms.normalize(text) == key


@pytest.mark.parametrize("form,expected", [
    ("Bogotá", {"Bogotá", "Bogota"}),
    ("Saint Lucia", {"Saint Lucia", "St. Lucia", "St Lucia"}),
    ("Ministry of Defence", {"Ministry of Defence", "Ministry of Defense"}),
    ("World Food Program", {"World Food Program", "World Food Programme"}),
    ("N'Djamena", {"N'Djamena", "N’Djamena"}),
])
def test_variants(form, expected):
    out = forms.variants(form)
    assert out[0] == form
    assert set(out) == expected


@pytest.mark.parametrize("form,acronym", [
    ("UN", True), ("U.S.", True), ("G20", True), ("Nato", False), ("AfDB", False), ("Kazakh", False),
])
def test_is_acronym(form, acronym):
    assert forms.is_acronym(form) is acronym


# -- load-time checks ---------------------------------------------------------------------------

def _copy_tables(tmp_path: Path) -> Path:
    for name in ("countries.tsv", "igos.tsv"):
        shutil.copy(data_dir() / name, tmp_path / name)
    return tmp_path


def _replace_row(path: Path, code: str, new: str | None) -> int:
    """Replace (or with None, duplicate) the row of `code`; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.split("\t")[0] == code:
            if new is None:
                lines.insert(i + 1, line)
                line_no = i + 2
            else:
                lines[i] = new
                line_no = i + 1
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return line_no
    raise LookupError(code)


ROW = "KAZ\tKazakhstan\tRepublic of Kazakhstan\tKazakstan\tKazakh\t{capitals}\t{inst}\t{status}"


@pytest.mark.parametrize("row,message", [
    ("KA\tKazakhstan\tRepublic of Kazakhstan\t\t\t\t\tmember", "iso3 'KA'"),
    (ROW.format(capitals="Astana", inst="", status="state"), "status 'state'"),
    (ROW.format(capitals="Astana@2022-13-01..", inst="", status="member"), "impossible date"),
    (ROW.format(capitals="Astana@2020-01-01..2019-01-01", inst="", status="member"), "ends before"),
    (ROW.format(capitals="Astana@2020", inst="", status="member"), "not Name or Name@"),
    (ROW.format(capitals="Astana", inst="Majilis=PARL", status="member"), "Name=SECTOR"),
    ("KAZ\tKazakhstan\tRepublic of Kazakhstan\tRomania\t\t\t\tmember", "also names"),
    ("KAZ\tKazakhstan\tRepublic of Kazakhstan\t~Kazakstan\t\t\t\tmember", "second reading"),
    ("KAZ\tKazakhstan\tRepublic of Kazakhstan\t\t\tmember", "cells, expected 8"),
    ("KAZ\t\tRepublic of Kazakhstan\t\t\t\t\tmember", "must not be empty"),
])
def test_bad_country_row(tmp_path, row, message):
    directory = _copy_tables(tmp_path)
    line_no = _replace_row(directory / "countries.tsv", "KAZ", row)
    with pytest.raises(TableError, match=message) as info:
        CountryTable.load(directory=directory)
    assert f"countries.tsv:{line_no}" in str(info.value)
    assert info.value.code == "E301"


def test_duplicate_code_is_reported(tmp_path):
    directory = _copy_tables(tmp_path)
    line_no = _replace_row(directory / "countries.tsv", "ROU", None)
    with pytest.raises(TableError, match=f"countries.tsv:{line_no}: iso3 ROU already used"):
        CountryTable.load(directory=directory)


def test_all_bad_rows_are_reported_at_once(tmp_path):
    directory = _copy_tables(tmp_path)
    first = _replace_row(directory / "countries.tsv", "KAZ", ROW.format(capitals="", inst="",
                                                                           status="nation"))
    second = _replace_row(directory / "countries.tsv", "ROU", "RO\tRomania\tRomania\t\t\t\t\tmember")
    with pytest.raises(TableError, match="2 bad row") as info:
        CountryTable.load(directory=directory)
    assert f"countries.tsv:{first}" in str(info.value)
    assert f"countries.tsv:{second}" in str(info.value)


def test_igo_code_may_not_be_a_country_code(tmp_path):
    directory = _copy_tables(tmp_path)
    with open(directory / "igos.tsv", "a", encoding="utf-8") as f:
        f.write("KAZ\tKazakh Union\t\t\n")
    with pytest.raises(TableError, match="igos.tsv:.*already used"):
        CountryTable.load(directory=directory)


def test_bad_header(tmp_path):
    directory = _copy_tables(tmp_path)
    path = directory / "countries.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("iso3\tname", "code\tname", 1),
                    encoding="utf-8")
    with pytest.raises(TableError, match="header"):
        CountryTable.load(directory=directory)


def test_missing_table(tmp_path):
    with pytest.raises(TableError, match="table not found"):
        CountryTable.load(directory=tmp_path)


# -- cross-check against a public table (read from ../shared, never copied) ---------------------

@pytest.mark.shared
def test_codes_agree_with_a_public_country_list(table, shared):
    path = shared / "reference" / "dictionaries" / "ngec-2025-assets" / "countries.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with open(path, encoding="utf-8") as f:
        theirs = {row["CCA3"] for row in csv.DictReader(f)}
    ours = {c.code for c in table.all()}
    # their list predates South Sudan and leaves out Dominica; everything else must agree
    assert ours - theirs <= {"SSD", "DMA"}
