"""Acceptance: the facts of the seed story, stored and shown in the KAZ–ROU profile."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_story):
    from bilat.interfaces.cli.app import main

    db = str(tmp_path_factory.mktemp("seed") / "seed.duckdb")
    assert main(["code", str(seed_story), "--db", db, "--silent"]) == 0
    return db


@pytest.fixture(scope="module")
def profile(seed_store):
    from bilat.analysis import build_profile
    from bilat.store import Store

    with Store.open(seed_store, read_only=True) as store:
        return build_profile(store, "KAZ", "ROU", names={"KAZ": "Kazakhstan", "ROU": "Romania"})


def _names(profile, kind):
    return [f.name for f in profile.facts if f.kind == kind]


def test_structure(profile):
    assert "joint Action Plan" in _names(profile, "agreement")
    assert any(n.startswith("Intergovernmental Commission for Trade and Economic")
               for n in _names(profile, "mechanism"))
    assert "Trans-Caspian International Transport Route" in _names(profile, "transport")


def test_societies_with_their_cities(profile):
    cities = {p for f in profile.facts if f.kind == "organization" for p in f.places}
    assert cities == {"Almaty", "Karaganda", "Pavlodar"}
    assert len(_names(profile, "organization")) == 3
    assert all((f.country_a, f.country_b) == ("ROU", "KAZ")
               for f in profile.facts if f.kind == "organization")


def test_diaspora(profile):
    (f,) = [f for f in profile.facts if f.kind == "diaspora"]
    assert (f.value, f.unit, f.qualifier) == (20000.0, "people", "more than")
    assert (f.country_a, f.country_b) == ("ROU", "KAZ")


def test_membership(profile):
    assert set(_names(profile, "membership")) >= {"UN", "OSCE"}


def test_rendered_everywhere(profile):
    from bilat.analysis.render import profile_to_dict, render_markdown, render_text

    text = render_text(profile, width=200)
    for needle in ("Facts:", "joint Action Plan", "Intergovernmental Commission",
                   "Trans-Caspian International Transport Route", "Almaty", "Karaganda",
                   "Pavlodar", "more than 20,000 people", "UN (United Nations)", "OSCE"):
        assert needle in text, needle
    assert "## Facts" in render_markdown(profile)
    data = profile_to_dict(profile)
    assert {f["kind"] for f in data["facts"]} >= {"agreement", "mechanism", "transport",
                                                  "organization", "diaspora", "membership"}


def test_seed_events_have_places(seed_store):
    from bilat.store import Store

    with Store.open(seed_store, read_only=True) as store:
        events = store.events()
    by = {(e.cameo, (e.date or "")[:4]): e for e in events}
    assert by[("042", "2007")].location_country == "ROU"  # the visit to Romania
    assert by[("042", "2010")].location_country == "KAZ"  # visited Kazakhstan
    current = [e for e in events if not e.historical]
    assert current and all(e.location_name == "Astana" for e in current)  # the dateline
    assert all(e.location_name is None for e in events if e.cameo == "054")
