"""The gazetteer on tokenizer-only Docs: composition of mentions, guards, dates, every table row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import spacy

from bilat.actors.countries import CountryTable
from bilat.actors.gazetteer import Gazetteer
from bilat.actors.roles import RoleTable, RoleType

pytest.importorskip("bilat.actors.leaders")


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def gaz(nlp) -> Gazetteer:
    return Gazetteer.load(nlp.vocab)


def found(gaz, nlp, text, when=None):
    """(text, kind, country, sector, name) of each mention."""
    return [(m.text, m.kind, m.country, m.sector, m.name)
            for m in gaz.find_actors(nlp(text), when=when)]


D2007, D2010, D2016, D2020, D2023 = (date(2007, 5, 1), date(2010, 6, 1), date(2016, 3, 1),
                                     date(2020, 6, 1), date(2023, 6, 1))

COMPOSITION = [
    # role of country + leader name: one mention
    ("Yesterday the President of the Republic of Kazakhstan Nursultan Nazarbayev arrived.", D2007,
     [("President of the Republic of Kazakhstan Nursultan Nazarbayev", "leader", "KAZ", "GOV",
       "Nursultan Nazarbayev")]),
    ("Last year the President of Romania toured the region.", D2010,
     [("President of Romania", "role", "ROU", "GOV", None)]),
    ("Romanian President Klaus Iohannis spoke on Monday.", D2016,
     [("Romanian President Klaus Iohannis", "leader", "ROU", "GOV", "Klaus Iohannis")]),
    ("Romania's president flew home.", None, [("Romania's president", "role", "ROU", "GOV", None)]),
    ("Kazakhstan’s Foreign Ministry objected.", None,
     [("Kazakhstan’s Foreign Ministry", "role", "KAZ", "GOV", None)]),
    ("The Kazakh Foreign Minister spoke.", None,
     [("Kazakh Foreign Minister", "role", "KAZ", "GOV", None)]),
    ("This was reported by the Kazakh MFA's press service on Monday.", None,
     [("Kazakh MFA's press service", "role", "KAZ", "GOV", None)]),
    ("The foreign ministries of the two countries signed a plan.", None,
     [("foreign ministries of the two countries", "dyad_ref", None, "GOV", None)]),
    ("Russian troops crossed the border.", None, [("Russian troops", "role", "RUS", "MIL", None)]),
    ("The Turkish parliament approved it.", None,
     [("Turkish parliament", "role", "TUR", "LEG", None)]),
    ("U.S. Secretary of State Antony Blinken landed.", date(2022, 3, 1),
     [("U.S. Secretary of State Antony Blinken", "leader", "USA", "GOV", "Antony Blinken")]),
    ("Prime Minister George Papandreou resigned.", date(2011, 11, 9),
     [("Prime Minister George Papandreou", "leader", "GRC", "GOV", "George Papandreou")]),
    ("Nazarbayev said so.", D2007, [("Nazarbayev", "leader", "KAZ", "GOV", "Nursultan Nazarbayev")]),
    ("Nazarbayev said so.", date(2021, 1, 1),
     [("Nazarbayev", "leader", "KAZ", "ELI", "Nursultan Nazarbayev")]),
    ("Then-President Nazarbayev said so.", D2007,
     [("Then-President Nazarbayev", "leader", "KAZ", "GOV", "Nursultan Nazarbayev")]),
    ("Former President Nazarbayev said so.", D2007,
     [("Former President Nazarbayev", "leader", "KAZ", "ELI", "Nursultan Nazarbayev")]),
    ("Putin's spokesman Dmitry Peskov denied it.", D2020,
     [("Putin's spokesman Dmitry Peskov", "role", "RUS", "GOV", "Dmitry Peskov")]),
    ("The Biden administration agreed.", date(2022, 1, 1),
     [("Biden administration", "role", "USA", "GOV", None)]),
    # bare names
    ("Kazakhstan and Romania signed.", None,
     [("Kazakhstan", "country", "KAZ", None, None), ("Romania", "country", "ROU", None, None)]),
    ("The Republic of Kazakhstan signed.", None,
     [("Republic of Kazakhstan", "country", "KAZ", None, None)]),
    ("Astana welcomed the move.", D2023, [("Astana", "capital", "KAZ", "GOV", None)]),
    ("More Kazakh Romanians came.", None,
     [("Kazakh", "demonym", "KAZ", None, None), ("Romanians", "demonym", "ROU", None, None)]),
    ("Romanian national cultural societies met.", None,
     [("Romanian", "demonym", "ROU", None, None)]),
    # IGOs
    ("The UN and the UN Security Council met.", None,
     [("UN", "igo", "UN", None, None), ("UN Security Council", "igo", "UNSC", None, None)]),
    ("The European Commission and NATO troops.", None,
     [("European Commission", "role", "EU", "GOV", None), ("NATO troops", "role", "NATO", "MIL", None)]),
    ("The UN Secretary-General spoke.", None, [("UN Secretary-General", "role", "UN", "GOV", None)]),
    # sectors inside one mention: the first that is not GOV wins
    ("A Russian Defence Ministry spokesman said.", None,
     [("Russian Defence Ministry spokesman", "role", "RUS", "MIL", None)]),
    ("Syrian government troops advanced.", None,
     [("Syrian government troops", "role", "SYR", "MIL", None)]),
    ("The Belarusian opposition leader fled.", None,
     [("Belarusian opposition leader", "role", "BLR", "OPP", None)]),
    ("The former Kazakh ambassador wrote.", None,
     [("former Kazakh ambassador", "role", "KAZ", "ELI", None)]),
    ("The head of the Kremlin and the Pentagon.", None,
     [("Kremlin", "role", "RUS", "GOV", None), ("Pentagon", "role", "USA", "MIL", None)]),
    # roles without a country
    ("The president said officials would come.", None,
     [("president", "role", None, "GOV", None), ("officials", "role", None, "GOV", None)]),
    ("Latin American leaders met.", None, [("leaders", "role", None, "GOV", None)]),
    # dyad references
    ("The two presidents met and both governments agreed.", None,
     [("The two presidents", "dyad_ref", None, "GOV", None),
      ("both governments", "dyad_ref", None, "GOV", None)]),
    ("The two countries' foreign ministers met.", None,
     [("The two countries' foreign ministers", "dyad_ref", None, "GOV", None)]),
    ("Both President Macron and Chancellor Merkel came.", D2020,
     [("President Macron", "leader", "FRA", "GOV", "Emmanuel Macron"),
      ("Chancellor Merkel", "leader", "DEU", "GOV", "Angela Merkel")]),
]


@pytest.mark.parametrize("text,when,expected", COMPOSITION)
def test_composition(gaz, nlp, text, when, expected):
    assert found(gaz, nlp, text, when) == expected


@pytest.mark.parametrize("phrase", [
    "the two countries", "both countries", "both sides", "the two sides", "the two nations",
    "the two states", "their countries", "the countries", "The two countries",
])
def test_dyad_refs(gaz, nlp, phrase):
    assert found(gaz, nlp, f"Then {phrase} agreed.") == [(phrase, "dyad_ref", None, None, None)]


@pytest.mark.parametrize("phrase,sector", [
    ("the two governments", "GOV"), ("the two presidents", "GOV"), ("both foreign ministers", "GOV"),
    ("the two armies", "MIL"), ("the two peoples", "CVL"),
])
def test_dyad_refs_with_sector(gaz, nlp, phrase, sector):
    assert found(gaz, nlp, f"Then {phrase} agreed.") == [(phrase, "dyad_ref", None, sector, None)]


# -- capitalisation and acronyms ----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("We ate turkey and fine china.", []),
    ("Turkey and China protested.", [("Turkey", "TUR"), ("China", "CHN")]),
    ("TURKEY PROTESTS", [("TURKEY", "TUR")]),
    ("Chad said no.", [("Chad", "TCD")]),
    ("Let us go.", []),
    ("US officials left.", [("US officials", "USA")]),
    ("The UN met; the un-named man left.", [("UN", "UN")]),
    ("He went to jordan.", []),
])
def test_capitalisation(gaz, nlp, text, expected):
    assert [(m.text, m.country) for m in gaz.find_actors(nlp(text))] == expected


@pytest.mark.parametrize("text", [
    "Latin American trade grew.", "Ships sailed the South China Sea.", "The Paris Agreement holds.",
    "New Mexico voted.", "Guinea pigs ate.", "An official visit took place.",
])
def test_blocked_phrases(gaz, nlp, text):
    assert gaz.find_actors(nlp(text)) == []


# -- capitals by date ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,when,expected", [
    ("Nur-Sultan said no.", D2020, [("Nur-Sultan", "capital", "KAZ", "GOV", None)]),
    ("Astana said no.", D2020, [("Astana", "capital", "KAZ", "GOV", None)]),
    ("A concert in Almaty.", D2010, []),
    ("A concert in Almaty.", date(1995, 1, 1), [("Almaty", "capital", "KAZ", "GOV", None)]),
    ("Bonn and Washington agreed.", date(1985, 1, 1),
     [("Bonn", "capital", "DEU", "GOV", None), ("Washington", "capital", "USA", "GOV", None)]),
    ("Bonn and Washington agreed.", D2010, [("Washington", "capital", "USA", "GOV", None)]),
    ("Kiev and Kyiv.", None,
     [("Kiev", "capital", "UKR", "GOV", None), ("Kyiv", "capital", "UKR", "GOV", None)]),
])
def test_capitals_by_date(gaz, nlp, text, when, expected):
    assert found(gaz, nlp, text, when) == expected


# -- spans, offsets, inputs ---------------------------------------------------------------------

def test_span_gives_doc_offsets(gaz, nlp):
    doc = nlp("It rained. Later Russian troops and the President Klaus Iohannis left.")
    span = doc[3:10]  # "Later Russian troops and the President Klaus" (ends inside the name)
    mentions = gaz.find_actors(span, when=D2016)
    assert [(m.start, m.end, m.text) for m in mentions] == [(4, 6, "Russian troops"),
                                                            (8, 10, "President Klaus")]
    assert doc[4:6].text == "Russian troops"


def test_language_and_vocab_give_the_same(nlp, gaz):
    by_language = Gazetteer.load(nlp)
    for text, when, _ in COMPOSITION:
        assert by_language.find_actors(nlp(text), when=when) == gaz.find_actors(nlp(text), when=when)


@pytest.mark.parametrize("text,has", [
    ("Kazakhstan agreed.", True), ("Officials said so.", True), ("The two countries met.", True),
    ("It rained all day in the mountains.", False), ("The deputy said so.", False),
    ("We ate turkey.", False), ("", False),
])
def test_has_actor(gaz, nlp, text, has):
    assert gaz.has_actor(nlp(text)) is has
    assert bool(gaz.find_actors(nlp(text))) is has


# -- an injected leader table -------------------------------------------------------------------

@dataclass(frozen=True)
class _Term:
    name: str
    title: str


@dataclass(frozen=True)
class _Hit:
    country: str
    sector: str
    former: bool
    term: _Term


class _Leaders:
    """Kassym-Jomart Tokayev as president from 2019 only (the real table has more)."""

    def surface_forms(self):
        return ["Kassym-Jomart Tokayev", "Tokayev"]

    def lookup(self, name, *, when):
        start = date(2019, 3, 20)
        term = _Term("Kassym-Jomart Tokayev", "President")
        if "Tokayev" not in name and "Tokaev" not in name:
            return None
        if when is None or when >= start:
            return _Hit("KAZ", "GOV", False, term)
        return _Hit("KAZ", "ELI", False, term)


@pytest.fixture(scope="module")
def fake(nlp):
    return Gazetteer.load(nlp.vocab, leaders=_Leaders())


@pytest.mark.parametrize("text,when,expected", [
    ("Tokayev said.", D2020, [("Tokayev", "leader", "KAZ", "GOV", "Kassym-Jomart Tokayev")]),
    ("Tokayev said.", D2010, [("Tokayev", "leader", "KAZ", "ELI", "Kassym-Jomart Tokayev")]),
    # a written role outranks "not yet in office"
    ("Kazakh Foreign Minister Kassym-Jomart Tokayev said.", D2007,
     [("Kazakh Foreign Minister Kassym-Jomart Tokayev", "leader", "KAZ", "GOV",
       "Kassym-Jomart Tokayev")]),
    # a leader of another country does not join the phrase
    ("Romanian President Tokayev said.", D2020,
     [("Romanian President", "role", "ROU", "GOV", None),
      ("Tokayev", "leader", "KAZ", "GOV", "Kassym-Jomart Tokayev")]),
    ("Nazarbayev said.", D2007, []),
])
def test_injected_leaders(fake, nlp, text, when, expected):
    assert found(fake, nlp, text, when) == expected


def test_a_title_with_a_name_spelled_otherwise_asks_the_leader_table(fake, nlp):
    # "Tokaev" is no surface form of the stand-in table, but its lookup knows the person
    assert found(fake, nlp, "President Kassym-Jomart Tokaev said.", D2020) == [
        ("President Kassym-Jomart Tokaev", "role", "KAZ", "GOV", "Kassym-Jomart Tokaev")]


def test_without_leaders_a_title_still_takes_a_name(nlp):
    gaz = Gazetteer.load(nlp.vocab, leaders=None)
    assert found(gaz, nlp, "President Nazarbayev said.", D2007) == [
        ("President Nazarbayev", "role", None, "GOV", "Nazarbayev")]
    assert found(gaz, nlp, "Secretary-General Ban Ki-moon said.") == [
        ("Secretary-General Ban Ki-moon", "role", None, "GOV", "Ban Ki-moon")]


# -- every table row is found -------------------------------------------------------------------

def _inside(capital):
    """A day on which the capital held the role (None if it always did)."""
    if not capital or not capital.periods:
        return None
    period = capital.periods[0]
    return period.start or (period.end - timedelta(days=1))


def test_every_country_form_is_found(gaz, nlp):
    kinds = {"country": "country", "igo": "igo", "demonym": "demonym", "capital": "capital",
             "institution": "role"}
    wrong = []
    for sf in CountryTable.load().surface_forms():
        doc = nlp(sf.text)
        got = [(m.start, m.end, m.kind, m.country)
               for m in gaz.find_actors(doc, when=_inside(sf.capital))]
        if got != [(0, len(doc), kinds[sf.kind], sf.code)]:
            wrong.append((sf.text, got))
    assert not wrong


def test_every_role_phrase_is_found(gaz, nlp):
    wrong = []
    for role in RoleTable.load().all():
        doc = nlp(role.phrase)
        got = [(m.start, m.end, m.kind, m.sector) for m in gaz.find_actors(doc)]
        if role.type in (RoleType.TITLE, RoleType.BODY):
            expected = [(0, len(doc), "role", role.sector)]
        elif role.type is RoleType.DYAD:
            expected = [(0, len(doc), "dyad_ref", role.sector)]
        else:  # glue and blocked phrases are never mentions on their own
            expected = []
        if got != expected:
            wrong.append((role.phrase, got))
    assert not wrong


# -- the seed story, read from ../shared --------------------------------------------------------

@pytest.mark.shared
def test_seed_story_actors(gaz, seed_story):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(seed_story.read_text(encoding="utf-8"))
    got = {(m.text, m.kind, m.code) for s in doc.sents
           for m in gaz.find_actors(s, when=date(2017, 7, 15))}
    assert {
        ("Republic of Kazakhstan", "country", "KAZ"), ("Romania", "country", "ROU"),
        ("Astana", "capital", "KAZGOV"), ("Bucharest", "capital", "ROUGOV"),
        ("UN", "igo", "UN"), ("OSCE", "igo", "OSCE"),
        ("Kazakh MFA's press service", "role", "KAZGOV"),
        ("President of the Republic of Kazakhstan Nursultan Nazarbayev", "leader", "KAZGOV"),
        ("President of Romania", "role", "ROUGOV"),
        ("foreign ministries of the two countries", "dyad_ref", None),
        ("the two countries", "dyad_ref", None), ("The countries", "dyad_ref", None),
        ("Kazakh", "demonym", "KAZ"), ("Romanians", "demonym", "ROU"),
    } <= got
    assert not any(text == "Almaty" for text, _, _ in got)
    assert not any(kind == "role" and text == "official" for text, kind, _ in got)


# -- a parsed Doc from the full model gives the same mentions as tokens alone -------------------

@pytest.mark.slow
def test_full_model_doc(gaz, nlp):
    from bilat.nlp import load_model

    full = load_model()
    by_model = Gazetteer.load(full)
    for text, when, expected in COMPOSITION:
        doc = full(text)
        assert found(by_model, full, text, when) == expected
        assert gaz.find_actors(doc, when=when) == by_model.find_actors(doc, when=when)
