"""The "Facts" part of a profile: merged across stories, ordered by kind, rendered."""

from __future__ import annotations

import pytest

from bilat.analysis import build_profile
from bilat.analysis.profile import FACT_ORDER, merge_facts
from bilat.analysis.render import profile_to_dict, render_markdown, render_text
from bilat.facts import make_fact_id
from bilat.facts.describe import amount, describe_fact
from bilat.schemas import Fact


def fact(doc_id: str, i: int, kind: str, name: str, a: str = "KAZ", b: str = "ROU",
         **kw) -> Fact:
    return Fact(fact_id=make_fact_id(doc_id, i, kind, name, kw.get("value")), doc_id=doc_id,
                kind=kind, country_a=a, country_b=b, name=name, sentence_index=i,
                sentence=f"Sentence {i} of {doc_id}.", **kw)


def test_merge_facts_across_stories_and_orders_kinds():
    facts = [fact("d1", 0, "diaspora", "ethnic Romanians", "ROU", "KAZ", value=20000.0,
                  unit="people", qualifier="more than"),
             fact("d1", 1, "agreement", "joint Work Programme"),
             fact("d2", 4, "agreement", "Joint Work Programme"),
             fact("d2", 5, "mechanism", "Intergovernmental Commission")]
    merged = merge_facts(facts)
    assert [m.kind for m in merged] == ["mechanism", "agreement", "diaspora"]
    (plan,) = [m for m in merged if m.kind == "agreement"]
    assert plan.doc_ids == ("d1", "d2") and plan.name == "joint Work Programme"
    assert set(FACT_ORDER) == {"mechanism", "agreement", "organization", "diaspora", "trade",
                               "investment", "transport", "membership"}


@pytest.mark.parametrize("value, unit, qualifier, text", [
    (20000.0, "people", "more than", "more than 20,000 people"),
    (1.2e9, "USD", None, "USD 1.2 billion"),
    (3e8, "EUR", "about", "about EUR 300 million"),
    (1500.5, None, None, "1,500.50"),
    (None, None, None, ""),
])
def test_amount(value, unit, qualifier, text):
    assert amount(value, unit, qualifier) == text


def test_describe_fact():
    org = fact("d", 0, "organization", "Carpathia", "ROU", "KAZ", places=("Karaganda",),
               description="Romanian cultural society")
    assert describe_fact(org) == "Carpathia (Romanian cultural society) — Karaganda [ROU → KAZ]"
    trade = fact("d", 1, "trade", "trade turnover", value=1.2e9, unit="USD", period="2016")
    assert describe_fact(trade) == "trade turnover: USD 1.2 billion (2016)"
    partner = fact("d", 2, "trade", "economic partner", description="important economic partner")
    assert describe_fact(partner) == "important economic partner"


@pytest.fixture
def profile(memory_store, make_article, make_event):
    memory_store.write_stories([
        (make_article("d1"), [make_event("d1", 0, "042", "KAZ", "ROU", "2007")],
         [fact("d1", 1, "agreement", "joint Work Programme"),
          fact("d1", 2, "diaspora", "ethnic Romanians", "ROU", "KAZ", value=20000.0,
               unit="people", qualifier="more than"),
          fact("d1", 3, "membership", "UN", description="United Nations")]),
        (make_article("d2"), [], [fact("d2", 0, "transport", "Amber Route", "KAZ", "UKR")]),
    ])
    return build_profile(memory_store, "ROU", "KAZ")


def test_profile_lists_the_pairs_facts(profile):
    assert [f.name for f in profile.facts] == ["joint Work Programme", "UN", "ethnic Romanians"]


def test_render_text(profile):
    text = render_text(profile, width=200)
    block = text[text.index("Facts:"):]
    assert "agreement   joint Work Programme" in block  # kinds padded to the longest shown
    assert "ethnic Romanians: more than 20,000 people [ROU → KAZ]" in block
    assert "UN (United Nations)" in block
    assert "Amber Route" not in text
    narrow = render_text(profile, width=40)
    assert all(len(line) <= 40 for line in narrow[narrow.index("Facts:"):].splitlines()[:4])


def test_render_markdown_and_json(profile):
    md = render_markdown(profile)
    assert "## Facts" in md and "| agreement | joint Work Programme |" in md
    data = profile_to_dict(profile)
    assert data["facts"][2]["value"] == 20000.0
    assert data["facts"][2]["doc_ids"] == ["d1"]
    assert data["facts"][0]["places"] == []


def test_no_facts(memory_store, make_article, make_event):
    memory_store.write_story(make_article("d1"), [make_event("d1", 0, "042", "KAZ", "ROU", "2007")])
    p = build_profile(memory_store, "KAZ", "ROU")
    assert p.facts == ()
    assert "Facts: none" in render_text(p)
    assert "## Facts\n\nNone found." in render_markdown(p)
