"""Leaders by date: bilat.actors.leaders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilat.actors.datacheck import check_leaders, read_leader_rows
from bilat.actors.leaders import DEFAULT_PATH, LeaderTable, LeaderTerm, normalise_name
from bilat.errors import BadParameter, InputNotFound, TableError

D = date.fromisoformat
HEADER = "country\toffice\ttitle\tname\tvariants\tstart\tend\tnote\n"


@pytest.fixture(scope="module")
def table() -> LeaderTable:
    return LeaderTable.load()


def write_table(tmp_path: Path, body: str, name: str = "leaders.tsv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


# ---- the bundled table -----------------------------------------------------------------------

def test_bundled_table_has_no_errors():
    errors = [p for p in check_leaders(DEFAULT_PATH) if p.severity == "error"]
    assert errors == []


def test_every_bundled_row_parses():
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    data_lines = [ln for ln in text.splitlines()[1:]
                  if ln.strip() and not ln.startswith("#") and not ln.startswith("country\t")]
    rows, problems = read_leader_rows(DEFAULT_PATH)
    assert [p for p in problems if p.severity == "error"] == []
    assert len(rows) == len(data_lines) == len(LeaderTable.load())


@pytest.mark.parametrize("country", [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "ZAF", "TUR", "GBR", "USA", "KAZ", "ROU", "UKR", "GRC", "POL", "KGZ", "UZB",
    "MDA", "HUN", "BLR", "GEO", "ARM", "AZE", "EGY", "ISR", "IRN", "PAK",
])
def test_every_covered_country_has_a_head_of_state_throughout(table, country):
    for year in range(1992, 2026):
        assert table.holder(country, "HOS", date(year, 7, 1)), (country, year)


@pytest.mark.parametrize("country", ["USA", "RUS", "CHN", "KAZ", "ROU", "DEU", "FRA", "GBR",
                                     "JPN", "TUR", "UKR", "IND"])
def test_foreign_ministers_are_covered(table, country):
    for year in range(1992, 2026):
        assert table.holder(country, "FM", date(year, 7, 1)), (country, year)


def test_load_is_cached(table):
    assert LeaderTable.load() is table
    assert LeaderTable.load(DEFAULT_PATH) is table


# ---- lookup: the brief's cases -------------------------------------------------------------

@pytest.mark.parametrize("name, when, country, sector, former, office", [
    ("Nazarbayev", "2007-06-01", "KAZ", "GOV", False, "HOS"),
    ("Nursultan Nazarbayev", "2007-06-01", "KAZ", "GOV", False, "HOS"),
    ("President Nazarbayev", "2007-06-01", "KAZ", "GOV", False, "HOS"),
    ("Nazarbayev", "2021-06-01", "KAZ", "ELI", True, "HOS"),
    ("Tokayev", "1995-06-01", "KAZ", "GOV", False, "FM"),
    ("Tokayev", "2000-06-01", "KAZ", "GOV", False, "HOG"),
    # Tokayev was Foreign Minister again 2002-01 to 2007-01, so 2005 is in office;
    # 2012 (UN post in Geneva) falls between his terms in the table.
    ("Tokayev", "2005-06-01", "KAZ", "GOV", False, "FM"),
    ("Tokayev", "2012-06-01", "KAZ", "ELI", True, "FM"),
    ("Tokaev", "2020-06-01", "KAZ", "GOV", False, "HOS"),
    ("Kassym-Jomart Tokayev", "2020-06-01", "KAZ", "GOV", False, "HOS"),
    ("Kassym Jomart Tokayev", "2020-06-01", "KAZ", "GOV", False, "HOS"),
    ("Băsescu", "2010-06-01", "ROU", "GOV", False, "HOS"),
    ("Basescu", "2010-06-01", "ROU", "GOV", False, "HOS"),
    ("Iohannis", "2016-06-01", "ROU", "GOV", False, "HOS"),
    ("Bolojan", "2025-03-01", "ROU", "GOV", False, "HOS"),
    ("Nicusor Dan", "2025-07-01", "ROU", "GOV", False, "HOS"),
    ("Obama", "2020-06-01", "USA", "ELI", True, "HOS"),
    ("Obama", "2005-06-01", "USA", "ELI", False, "HOS"),
    ("Erdoğan", "2010-06-01", "TUR", "GOV", False, "HOG"),
    ("Erdogan", "2010-06-01", "TUR", "GOV", False, "HOG"),
    ("Erdogan", "2020-06-01", "TUR", "GOV", False, "HOS"),
    ("George Papandreou", "2010-06-01", "GRC", "GOV", False, "HOG"),
    ("Lavrov", "2015-06-01", "RUS", "GOV", False, "FM"),
    ("Secretary of State Blinken", "2022-06-01", "USA", "GOV", False, "FM"),
    ("Putin's", "2022-06-01", "RUS", "GOV", False, "HOS"),
    ("Putin", "2010-06-01", "RUS", "GOV", False, "HOG"),
    ("Mohammed bin Salman", "2023-06-01", "SAU", "GOV", False, "HOG"),
])
def test_lookup(table, name, when, country, sector, former, office):
    hit = table.lookup(name, when=D(when))
    assert hit is not None
    assert (hit.country, hit.sector, hit.former, hit.term.office) == (country, sector, former, office)


def test_lookup_without_date_returns_latest_term_in_government(table):
    hit = table.lookup("Tokayev", when=None)
    assert hit is not None
    assert (hit.country, hit.sector, hit.former, hit.term.office) == ("KAZ", "GOV", False, "HOS")


@pytest.mark.parametrize("name", ["John Smith", "", "   ", "President", "Nazarbayevski"])
def test_unknown_name_is_none(table, name):
    assert table.lookup(name, when=D("2010-01-01")) is None


@pytest.mark.parametrize("name", ["NAZARBAYEV", "nazarbayev", "Nazarbáyev", "nursultan  nazarbayev"])
def test_case_and_diacritics_do_not_matter(table, name):
    hit = table.lookup(name, when=D("2007-01-01"))
    assert hit is not None and hit.term.name == "Nursultan Nazarbayev"


@pytest.mark.parametrize("name, when, expected", [
    ("Lech Walesa", "1992-06-01", "Lech Wałęsa"),
    ("WAŁĘSA", "1992-06-01", "Lech Wałęsa"),
    ("Massimo DAlema", "1999-06-01", "Massimo D'Alema"),
    ("Massimo D’Alema", "1999-06-01", "Massimo D'Alema"),
    ("George H.W. Bush", "1992-06-01", "George H. W. Bush"),
    ("Recep Tayyip ERDOĞAN", None, "Recep Tayyip Erdoğan"),
    ("Binali Yildirim", "2017-06-01", "Binali Yıldırım"),
])
def test_normalisation_spellings(table, name, when, expected):
    hit = table.lookup(name, when=D(when) if when else None)
    assert hit is not None and hit.term.name == expected


# ---- lookup: names shared by several people ----------------------------------------------

@pytest.mark.parametrize("name, when, expected", [
    # one of the two is in office: that one
    ("Bush", "1990-06-01", "George H. W. Bush"),
    ("Bush", "2005-06-01", "George W. Bush"),
    ("Clinton", "1995-06-01", "Bill Clinton"),
    ("Clinton", "2010-06-01", "Hillary Clinton"),
    ("Aliyev", "1995-06-01", "Heydar Aliyev"),
    ("Aliyev", "2010-06-01", "Ilham Aliyev"),
    ("Kaczyński", "2008-06-01", "Lech Kaczyński"),
    ("Papandreou", "1995-06-01", "Andreas Papandreou"),
    ("Herzog", "1996-06-01", "Roman Herzog"),
    # nobody in office, same country: the most recent former holder
    ("Bush", "2012-06-01", "George W. Bush"),
])
def test_shared_surname_resolved_by_date(table, name, when, expected):
    hit = table.lookup(name, when=D(when))
    assert hit is not None and hit.term.name == expected


@pytest.mark.parametrize("name, when", [
    ("Aliyev", "2003-09-01"),     # Heydar president, Ilham prime minister
    ("Kaczynski", "2006-09-01"),  # Lech president, Jarosław prime minister
    ("Herzog", "2010-06-01"),     # nobody in office; Israel and Germany
    ("Bush", None),               # no date to choose by
])
def test_shared_surname_ambiguous_is_none(table, name, when):
    assert table.lookup(name, when=D(when) if when else None) is None


def test_personal_union_prefers_the_home_country(table):
    hit = table.lookup("Queen Elizabeth", when=D("2010-01-01"))
    assert hit is not None and hit.country == "GBR"
    assert {t.country for t in table.holder("CAN", "HOS", D("2010-01-01"))} == {"CAN"}


# ---- terms_for / holder / surface_forms ---------------------------------------------------

def test_holder_on_handover_and_acting(table):
    assert [t.name for t in table.holder("ROU", "HOS", D("2016-01-01"))] == ["Klaus Iohannis"]
    names = {t.name for t in table.holder("ROU", "HOS", D("2012-08-01"))}
    assert names == {"Traian Băsescu", "Crin Antonescu"}
    assert {t.name for t in table.holder("KAZ", "HOS", D("2019-03-20"))} == {
        "Nursultan Nazarbayev", "Kassym-Jomart Tokayev"}
    assert table.holder("USA", "HOG", D("2010-01-01")) == []


def test_holder_rejects_unknown_office(table):
    with pytest.raises(BadParameter):
        table.holder("KAZ", "KING", D("2010-01-01"))


def test_terms_for(table):
    terms = table.terms_for("kaz")
    assert terms and all(t.country == "KAZ" for t in terms)
    tokayev = [t for t in terms if t.name == "Kassym-Jomart Tokayev"]
    assert [t.office for t in tokayev] == ["HOS", "HOG", "FM", "FM"]
    assert table.terms_for("ATA") == []


def test_surface_forms(table):
    forms = table.surface_forms()
    assert len(forms) == len(set(forms))
    for form in ("Nursultan Nazarbayev", "Tokaev", "Traian Băsescu", "Basescu", "Lech Walesa",
                 "Nicusor Dan"):
        assert form in forms
    assert "Dan" not in forms and "May" not in forms


def test_normalise_name():
    assert normalise_name("Kassym-Jomart  TOKAYEV") == "kassym jomart tokayev"
    assert normalise_name("Nicușor Dan") == normalise_name("Nicuşor Dan") == "nicusor dan"
    assert normalise_name("Yıldırım") == "yildirim"


# ---- loading user tables --------------------------------------------------------------------

def test_load_user_table(tmp_path):
    p = write_table(tmp_path, "KAZ\tHOS\tPresident\tTest Person\tPerson\t2001-01-01\t\t\n")
    t = LeaderTable.load(p)
    assert len(t) == 1
    hit = t.lookup("Person", when=D("2002-01-01"))
    assert hit is not None and hit.term == LeaderTerm("KAZ", "HOS", "President", "Test Person",
                                                      ("Person",), D("2001-01-01"), None, "")


def test_load_reports_every_error(tmp_path):
    p = write_table(tmp_path, (
        "KAZ\tHOS\tPresident\tGood Person\t\t2001-01-01\t2002-01-01\t\n"
        "XXX\tHOS\tPresident\tBad Country\t\t2003-01-01\t\t\n"
        "KAZ\tHOG\tPrime Minister\tBad Date\t\t2003-02-30\t\t\n"
    ))
    with pytest.raises(TableError) as info:
        LeaderTable.load(p)
    msg = str(info.value)
    assert msg.startswith("E301 ")
    assert f"{p}:3:" in msg and f"{p}:4:" in msg and f"{p}:2:" not in msg


def test_load_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        LeaderTable.load(tmp_path / "nope.tsv")


def test_lookup_accepts_a_datetime(table):
    from datetime import datetime

    hit = table.lookup("Iohannis", when=datetime(2016, 6, 1, 12, 30))
    assert hit is not None and (hit.country, hit.sector) == ("ROU", "GOV")
