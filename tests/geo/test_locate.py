"""Places of events from hand-parsed sentences (no model): prepositions, objects, borders,
place nouns, and the dateline."""

from __future__ import annotations

import pytest

from bilat.geo import EventLocator, find_event_place, trigger_token
from bilat.schemas import Article, Dateline, Event

MET_IN_ASTANA = "Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 Astana/PROPN/pobj/2 ./PUNCT/punct/1"
VISITED = ("He/PRON/nsubj/1 visited/VERB/ROOT/1/visit Kazakhstan/PROPN/dobj/1 in/ADP/prep/1 "
           "2010/NUM/pobj/3 ./PUNCT/punct/1")
BORDER = ("Troops/NOUN/nsubj/1 massed/VERB/ROOT/1/mass at/ADP/prep/1 the/DET/det/4 "
          "border/NOUN/pobj/2 with/ADP/prep/4 Ukraine/PROPN/pobj/5 ./PUNCT/punct/1")
CITY_OF = ("Talks/NOUN/nsubjpass/2/talk were/AUX/auxpass/2/be held/VERB/ROOT/2/hold in/ADP/prep/2 "
           "the/DET/det/5 city/NOUN/pobj/3 of/ADP/prep/5 Karagandy/PROPN/pobj/6 ./PUNCT/punct/2")
DISTRICT = ("Fighters/NOUN/nsubjpass/2/fighter were/AUX/auxpass/2/be killed/VERB/ROOT/2/kill "
            "in/ADP/prep/2 the/DET/det/6 Zorbani/PROPN/compound/6 district/NOUN/pobj/3 "
            "./PUNCT/punct/2")
VISIT_TO = ("the/DET/det/1 visit/NOUN/ROOT/1 of/ADP/prep/1 the/DET/det/4 President/PROPN/pobj/2 "
            "to/ADP/prep/1 Romania/PROPN/pobj/5")
NEAREST = ("Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 Astana/PROPN/pobj/2 "
           "after/ADP/prep/1 talks/NOUN/pobj/4/talk in/ADP/prep/5 Kyiv/PROPN/pobj/6")
DEEPER = ("Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet after/ADP/prep/1 talks/NOUN/pobj/2/talk "
          "in/ADP/prep/3 Kiev/PROPN/pobj/4")
SUBJECT_PLACE = ("Officials/NOUN/nsubj/3/official in/ADP/prep/0 Almaty/PROPN/pobj/1 "
                 "said/VERB/ROOT/3/say talks/NOUN/nsubj/5/talk ended/VERB/ccomp/3/end ./PUNCT/punct/3")
NO_PLACE = ("Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 {word}/PROPN/pobj/2 "
            "./PUNCT/punct/1")


@pytest.mark.parametrize("spec, trigger, name, country, via", [
    (MET_IN_ASTANA, "met", "Astana", "KAZ", "text"),
    (VISITED, "visited", "Kazakhstan", "KAZ", "object"),
    (CITY_OF, "Talks", "Karaganda", "KAZ", "text"),
    (VISIT_TO, "visit", "Romania", "ROU", "text"),
    (NEAREST, "met", "Astana", "KAZ", "text"),
    (DEEPER, "met", "Kyiv", "UKR", "text"),
])
def test_place_of_event(parse, table, spec, trigger, name, country, via):
    doc = parse(spec)
    ref = find_event_place(trigger_token(doc[:], trigger), table=table)
    assert ref is not None
    assert (ref.place.name, ref.place.country, ref.via) == (name, country, via)


def test_city_has_coordinates_country_has_none(parse, table):
    city = find_event_place(trigger_token(parse(MET_IN_ASTANA)[:], "met"), table=table)
    country = find_event_place(trigger_token(parse(VISITED)[:], "visited"), table=table)
    assert city.place.lat == pytest.approx(51.17, abs=0.05)
    assert country.place.lat is None and country.place.kind == "country"


@pytest.mark.parametrize("word", ["Parliament", "March", "UN", "NATO"])
def test_words_that_are_not_places(parse, table, word):
    doc = parse(NO_PLACE.format(word=word))
    assert find_event_place(trigger_token(doc[:], "met"), table=table) is None


@pytest.mark.parametrize("prep, found", [("in", True), ("near", True), ("at", False)])
def test_unknown_name_after_in_is_a_place(parse, table, prep, found):
    doc = parse(NO_PLACE.format(word="Xyzzy").replace("in/ADP", f"{prep}/ADP"))
    ref = find_event_place(trigger_token(doc[:], "met"), table=table)
    assert (ref is not None) is found
    if found:
        assert (ref.place.name, ref.place.kind) == ("Xyzzy", "unresolved")


def test_subject_places_belong_to_the_subject(parse, table):
    doc = parse(SUBJECT_PLACE)
    assert find_event_place(trigger_token(doc[:], "said"), table=table) is None


def test_place_noun_keeps_an_unknown_name(parse, table):
    ref = find_event_place(trigger_token(parse(DISTRICT)[:], "killed"), table=table)
    assert ref is not None
    assert (ref.place.name, ref.place.kind, ref.place.country) == ("Zorbani", "unresolved", None)


@pytest.mark.parametrize("source, target, name, country", [
    ("RUS", "UKR", "Russia–Ukraine border", "RUS"),  # the side the subject stands on
    ("UKR", "RUS", "Russia–Ukraine border", "RUS"),  # "with Ukraine" said by the target's side
    (None, None, "Ukraine border", None),
])
def test_border_with(parse, table, source, target, name, country):
    ref = find_event_place(trigger_token(parse(BORDER)[:], "massed"), table=table,
                           source=source, target=target)
    assert ref is not None and ref.via == "border"
    assert (ref.place.name, ref.place.country, ref.place.kind) == (name, country, "border")
    assert ref.place.lat is None


def test_trigger_token(parse):
    doc = parse(MET_IN_ASTANA)
    assert trigger_token(doc[:], "met").i == 1
    assert trigger_token(doc[:], "Astana").i == 3
    assert trigger_token(doc[:], "signed") is None
    assert trigger_token(doc[:], None) is None


@pytest.fixture
def locator(table):
    return EventLocator(table)


def test_dateline_stands_in_for_a_current_event(parse, locator):
    doc = parse("Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet ./PUNCT/punct/1")
    ref = locator.locate(doc[:], "met", source="KAZ", target="ROU", dateline="ASTANA.")
    assert ref is not None and ref.via == "dateline" and ref.place.name == "Astana"
    assert locator.locate(doc[:], "met", historical=True, dateline="ASTANA") is None
    assert locator.locate(doc[:], "met", dateline="NOWHERE-ON-EARTH") is None
    assert locator.locate(doc[:], "met", dateline=None) is None


def test_text_beats_dateline(parse, locator):
    ref = locator.locate(parse(MET_IN_ASTANA)[:], "met", dateline="BUCHAREST")
    assert ref.place.name == "Astana" and ref.via == "text"


def _event(**kw) -> Event:
    values = dict(event_id="e1", doc_id="d1", story_date="2024-03-12", date="2024-03-12",
                  date_precision="story", historical=False, source_actor="KAZGOV",
                  source_country="KAZ", target_actor="ROUGOV", target_country="ROU",
                  cameo="040", root="04", quad_class=1, goldstein=1.0, plover=None, count=1,
                  sentence_index=0, sentence="Ministers met.", trigger="met")
    values.update(kw)
    return Event(**values)


def test_attach_sets_the_location_fields(parse, locator):
    article = Article(doc_id="d1", text="x", dateline=Dateline(text="BUCHAREST -",
                                                                place="BUCHAREST"))
    doc = parse("Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet ./PUNCT/punct/1")
    ev = _event()
    located = locator.attach(ev, doc[:], article)
    assert (located.location_name, located.location_country) == ("Bucharest", "ROU")
    assert located.lat == pytest.approx(44.43, abs=0.05)
    assert located.extra["location"]["via"] == "dateline"
    assert ev.location_name is None and "location" not in ev.extra  # the original is untouched
    historical = locator.attach(_event(historical=True), doc[:], article)
    assert historical.location_name is None


def test_anniversary_events_get_no_place(parse, locator):
    article = Article(doc_id="d1", text="x", dateline=Dateline(text="ASTANA -", place="ASTANA"))
    ev = _event(cameo="054", historical=True, trigger="25 years",
                extra={"mode": "asserted", "notes": ["anniversary"]})
    doc = parse(MET_IN_ASTANA)
    assert locator.attach(ev, doc[:], article) is ev
