"""The .actors reader: phrases, default codes and date restrictions."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bilat.compat.petrarch.actors import load_actors, parse_actors, parse_date
from bilat.errors import TableError


@pytest.fixture(scope="module")
def actors(fixtures_dir):
    return load_actors(fixtures_dir / "mini.actors.txt", strict=True)


def entry(actors, name):
    return next(e for e in actors.entries if e.name == name)


def test_records_and_synonyms(actors):
    val = entry(actors, "VALDORIA")
    assert val.default == "VAL"
    assert [p.words for p in val.phrases] == [("VALDORIA",), ("VALDORIAN",), ("PORT", "ISKAR")]
    assert entry(actors, "OLD MARCH").default == "---"
    assert entry(actors, "THE TWIN CROWNS").default == "VAL/KRV"


@pytest.mark.parametrize("name,when,code", [
    ("ESKALAND", date(1990, 4, 23), "ESKGOV"),   # "<900424": before ...
    ("ESKALAND", date(1990, 4, 24), "ESKGOV"),   # ... or on the date
    ("ESKALAND", date(1990, 4, 25), "ESK"),      # ">900424"
    ("ESKALAND", None, None),                    # no default code, no date
    ("TAMSIN VALE", date(1997, 12, 31), "VALGOV"),  # default outside the range
    ("TAMSIN VALE", date(1998, 1, 1), "VALELI"),    # range ends count ("or equal")
    ("TAMSIN VALE", date(2003, 12, 31), "VALELI"),
    ("TAMSIN VALE", date(2004, 1, 1), "VALGOV"),
    ("BRENNIC ISLES", date(1986, 6, 1), "BRNREB"),  # six-digit range
    ("BRENNIC ISLES", date(1995, 6, 1), "BRN"),
])
def test_date_restrictions(actors, name, when, code):
    assert entry(actors, name).code_on(when) == code


def test_first_restriction_that_applies_wins():
    d = parse_actors("ORRIN [ORN]\n\t[ORNA 20100101-20101231]\n\t[ORNB 20100601-20111231]\n",
                     origin="a")
    e = d.entries[0]
    assert e.code_on(date(2010, 7, 1)) == "ORNA"
    assert e.code_on(date(2011, 7, 1)) == "ORNB"


def test_restriction_on_the_primary_line_and_bare_code_lines():
    d = parse_actors("ISKAR_REPUBLIC_ [ISKREB 911219-951112]\nENTWOOD\n\t[ENT]\n", origin="a")
    assert d.entries[0].code_on(date(1993, 1, 1)) == "ISKREB"
    assert d.entries[0].code_on(date(1999, 1, 1)) is None
    assert d.entries[1].default == "ENT"


@pytest.mark.parametrize("text,day", [
    ("900424", date(1990, 4, 24)), ("300101", date(2030, 1, 1)), ("310101", date(1931, 1, 1)),
    ("19310101", date(1931, 1, 1)), ("20310101", date(2031, 1, 1)),
])
def test_two_digit_years_use_the_pivot(text, day):
    assert parse_date(text) == day


def test_pivot_is_a_choice():
    assert parse_date("310101", pivot=40) == date(2031, 1, 1)


@pytest.mark.parametrize("text,message", [
    ("+SYNONYM FIRST\n", "a +synonym line before any actor phrase"),
    ("\t[ABC]\n", "a [code] line before any actor phrase"),
])
def test_structural_errors_always_raise(text, message):
    with pytest.raises(TableError, match=rf"my\.actors:1: {re.escape(message)}"):
        parse_actors(text, origin="my.actors")


@pytest.mark.parametrize("line,message", [
    ("\t[ABC 9008223-911221]", "is not [CODE]"),
    ("\t[ABC 20121207-20120802]", "ends before it starts"),
    ("\t[ABC 19901340-19911221]", "bad date"),
])
def test_bad_restrictions_are_reported_with_their_line(line, message):
    text = "NAME [ABC]\n+OTHER\n" + line + "\n"
    with pytest.raises(TableError, match=rf"my\.actors:3: .*{re.escape(message)}"):
        parse_actors(text, origin="my.actors", strict=True)
    lax = parse_actors(text, origin="my.actors")
    assert lax.entries[0].default == "ABC" and lax.notes[0].startswith("my.actors:3: ")


def test_merge_keeps_the_first_file_for_a_shared_phrase():
    from bilat.compat.petrarch.actors import ActorDictionary

    a = parse_actors("VALDORIA [VAL]\n", origin="a")
    b = parse_actors("VALDORIA [XXX]\nKORVATH [KRV]\n", origin="b")
    both = ActorDictionary.merge([a, b])
    hits = both.index.find_all(["VALDORIA", "KORVATH"])
    assert [m.payload.default for m in hits] == ["VAL", "KRV"]
    assert both.origins == ("a", "b")


def test_real_actor_files_load(shared):
    d = shared / "reference" / "dictionaries" / "phoenix-petrarch2"
    if not d.is_dir():
        pytest.skip(f"{d} is absent")
    actors = load_actors(d / "Phoenix.MilNonState.actors.txt")
    assert len(actors) > 500
    countries = load_actors(d / "Phoenix.Countries.actors.txt")
    assert len(countries) > 10000
    assert all(":" in n and n.split(":")[1].isdigit() for n in countries.notes)
