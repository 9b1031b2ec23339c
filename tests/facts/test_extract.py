"""Facts read from invented stories with the full pipeline (slow), and the cheap pre-test."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from bilat.facts import FactExtractor, fact_pair, make_fact_id
from bilat.schemas import ActorMention, Fact

STORY = (
    "Ministers of Georgia and Azerbaijan met in Tbilisi on Monday. "
    "Bilateral trade turnover between Georgia and Azerbaijan reached $1.2 billion in 2022. "
    "Azerbaijan is the largest investor in Georgia. "
    "The Baku-Tbilisi-Kars railway and the Middle Corridor were discussed. "
    "Both countries cooperate closely within the Council of Europe. "
    "Some 200,000 ethnic Azerbaijanis live in Georgia. "
    "The Georgian diaspora in Azerbaijan numbers about 10,000 people. "
    "Direct flights between Tbilisi and Baku will resume in May. "
    "The Azerbaijani Cultural Centre in Tbilisi hosted an exhibition. "
    "Two Azerbaijani societies work in Georgia: «Odlar Yurdu» in Rustavi and «Dostluq» in Batumi. "
    "The Joint Intergovernmental Commission on Economic Cooperation will meet in Baku."
)


@pytest.fixture(scope="module")
def story_facts(coder):
    from bilat.ingest import article_from_text

    art = article_from_text(STORY, doc_id="geo-aze", story_date=date(2023, 5, 2))
    return art, coder.code_article(art).facts


def _find(facts, kind, name=None):
    hits = [f for f in facts if f.kind == kind and (name is None or f.name == name)]
    assert hits, f"no {kind} {name!r} in {[(f.kind, f.name) for f in facts]}"
    return hits[0]



@pytest.mark.slow
@pytest.mark.parametrize("kind, name", [
    ("transport", "Baku-Tbilisi-Kars railway"),
    ("transport", "Middle Corridor"),
    ("mechanism", "Joint Intergovernmental Commission on Economic Cooperation"),
    ("membership", "Council of Europe"),
    ("organization", "Azerbaijani Cultural Centre"),
])
def test_named_facts(story_facts, kind, name):
    _, facts = story_facts
    f = _find(facts, kind, name)
    assert {f.country_a, f.country_b} == {"GEO", "AZE"}
    assert f.doc_id == "geo-aze" and f.sentence


@pytest.mark.slow
def test_trade_figure(story_facts):
    f = _find(story_facts[1], "trade")
    assert (f.value, f.unit, f.period) == (1.2e9, "USD", "2022")


@pytest.mark.slow
def test_investor_direction(story_facts):
    f = _find(story_facts[1], "investment")
    assert (f.country_a, f.country_b) == ("AZE", "GEO")


@pytest.mark.slow
@pytest.mark.parametrize("origin, host, value, qualifier", [
    ("AZE", "GEO", 200_000.0, "about"),
    ("GEO", "AZE", 10_000.0, "about"),
])
def test_diaspora(story_facts, origin, host, value, qualifier):
    hits = [f for f in story_facts[1] if f.kind == "diaspora" and f.country_a == origin]
    assert hits, [(f.kind, f.name, f.country_a) for f in story_facts[1]]
    f = hits[0]
    assert (f.country_b, f.value, f.unit, f.qualifier) == (host, value, "people", qualifier)


@pytest.mark.slow
def test_quoted_societies_with_their_cities(story_facts):
    orgs = {f.name: f for f in story_facts[1] if f.kind == "organization"}
    assert orgs["Odlar Yurdu"].places == ("Rustavi",)
    assert orgs["Dostluq"].places == ("Batumi",)
    assert (orgs["Dostluq"].country_a, orgs["Dostluq"].country_b) == ("AZE", "GEO")


@pytest.mark.slow
def test_flights(story_facts):
    f = _find(story_facts[1], "transport", "direct flights")
    assert f.places == ("Tbilisi", "Baku")


@pytest.mark.slow
def test_fast_and_full_paths_agree(coder, story_facts):
    art, fast = story_facts
    full = coder.code_docs(art, list(coder.nlp.pipe([art.text]))).facts
    assert [(f.kind, f.name, f.value) for f in fast] == [(f.kind, f.name, f.value) for f in full]


@pytest.mark.slow
def test_ids_are_unique_and_stable(coder, story_facts):
    art, facts = story_facts
    assert len({f.fact_id for f in facts}) == len(facts)
    again = coder.code_article(art).facts
    assert [f.fact_id for f in again] == [f.fact_id for f in facts]


@pytest.mark.slow
def test_a_story_without_two_countries_has_no_facts(coder):
    from bilat.ingest import article_from_text

    art = article_from_text("The Joint Commission on Roads met in Tbilisi. Georgia signed the "
                            "Treaty of Friendship.", doc_id="one")
    assert coder.code_article(art).facts == ()


# -- without the model ---------------------------------------------------------------------------

NLP = spacy.blank("en")


def _mention(kind: str, country: str | None, start: int = 0) -> ActorMention:
    return ActorMention(start, start + 1, "x", kind, country)


@pytest.mark.parametrize("text, mentions, wanted", [
    ("They met within the UN.", [_mention("igo", "UN")], True),
    ("Bilateral trade grew.", [], True),
    ("The Amber Route opened.", [], True),
    ("The Sylvan-Nord business council met.", [], True),
    ("Some 5,000 Sylvanians live there.", [_mention("demonym", "SYL")], True),
    ("The Sylvanian community grew.", [_mention("demonym", "SYL")], True),
    ("«Carpathia» works in Karaganda.", [], True),
    ("The ministers met on Monday.", [_mention("country", "SYL")], False),
    ("Some 5,000 people attended.", [], False),
])
def test_wants(text, mentions, wanted):
    assert FactExtractor.wants(NLP(text)[:], mentions) is wanted


@pytest.mark.parametrize("countries, dyad, pair", [
    ([], ("KAZ", "ROU"), ("KAZ", "ROU")),
    (["KAZ"], ("KAZ", "ROU"), ("KAZ", "ROU")),
    (["GEO", "AZE"], ("KAZ", "ROU"), ("GEO", "AZE")),  # the sentence names another pair
    (["KAZ", "AZE"], ("KAZ", "ROU"), ("KAZ", "ROU")),
    (["GEO", "AZE"], None, ("GEO", "AZE")),
    (["GEO"], None, None),
])
def test_fact_pair(countries, dyad, pair):
    ms = [_mention("country", c, i) for i, c in enumerate(countries)]
    assert fact_pair(ms, dyad) == pair


def test_fact_ids():
    a = make_fact_id("d", 1, "diaspora", "ethnic Romanians", 20000.0)
    assert a == make_fact_id("d", 1, "diaspora", "ethnic Romanians", 20000.0)
    assert a != make_fact_id("d", 2, "diaspora", "ethnic Romanians", 20000.0)
    assert len(a) == 20


def test_fact_record_is_json_ready():
    f = Fact("id", "d", "diaspora", "ROU", "KAZ", "ethnic Romanians", 20000.0, "people",
             "more than", ("Almaty",))
    assert f.to_dict()["places"] == ("Almaty",)
    assert f.to_dict()["qualifier"] == "more than"
