"""build_profile: established relations, visits (042/043 normalised), lists, yearly aggregates."""

from __future__ import annotations

from datetime import date

import pytest

from bilat import ontology
from bilat.analysis import Visit, build_profile, normalise_visits
from bilat.errors import BadParameter
from bilat.store import Store

KAZ, ROU, RUS = "KAZ", "ROU", "RUS"


@pytest.fixture
def store(memory_store: Store, make_article, make_event) -> Store:
    e = make_event
    d1 = "kazinform-2017-07-15"
    d2 = "agerpres-2010-06-01"
    d3 = "other-2012"
    memory_store.write_stories([
        (make_article(d1, date(2017, 7, 15), title="25 years", url="https://example.org/1"), [
            e(d1, 0, "054", KAZ, ROU, "1992", historical=True, goldstein=5.0,
              sentence="They celebrated 25 years of diplomatic relations."),
            e(d1, 1, "0541", ROU, KAZ, "1993", historical=True, goldstein=5.0),
            e(d1, 2, "042", KAZ, ROU, "2007", historical=True, source_text="President Nazarbayev",
              goldstein=1.9),
            # 043 KAZ->ROU: Kazakhstan hosted Romania, so Romania visited
            e(d1, 3, "043", KAZ, ROU, "2010", count=2, target_text="the President of Romania",
              historical=True, goldstein=2.8),
            e(d1, 4, "057", KAZ, ROU, "2017-07-15", goldstein=8.0, quad_class=1),
            e(d1, 5, "0311", ROU, KAZ, "2017-07", goldstein=5.2),
            e(d1, 6, "061", KAZ, ROU, "2017-07-14", goldstein=6.4, quad_class=2),
        ]),
        (make_article(d2, date(2010, 6, 1), title="Visit to Astana"), [
            # one trip coded both ways in one sentence: a single visit
            e(d2, 0, "042", ROU, KAZ, "2010-06-01", source_text="Basescu", goldstein=1.9),
            e(d2, 0, "043", KAZ, ROU, "2010-06-01", target_text="the Romanian head of state",
              count=3, goldstein=2.8),
            e(d2, 1, "046", ROU, KAZ, "2010-06-01", goldstein=7.0),
            e(d2, 2, "041", KAZ, ROU, None, goldstein=1.0),
            e(d2, 3, "111", ROU, KAZ, "2010-06", goldstein=-2.0, quad_class=3),
            e(d2, 4, "030", KAZ, ROU, "2010-06-02", goldstein=4.0),
        ]),
        (make_article(d3, date(2012, 1, 1)), [
            e(d3, 0, "042", KAZ, RUS, "2012", source_text="not this dyad"),
            e(d3, 1, "054", RUS, KAZ, "1991"),
            e(d3, 2, "145", ROU, KAZ, "2012-01-01", goldstein=-7.5, quad_class=4),
        ]),
    ])
    return memory_store


def test_established_is_earliest_recognition_in_the_dyad(store: Store) -> None:
    p = build_profile(store, ROU, KAZ)
    assert p.established is not None
    assert (p.established.date, p.established.year, p.established.cameo, p.established.doc_id) == (
        "1992", 1992, "054", "kazinform-2017-07-15")
    assert "25 years" in p.established.sentence


def test_established_none(memory_store: Store, make_article, make_event) -> None:
    memory_store.write_story(make_article("x"), [make_event("x", 0, "042", KAZ, ROU, "2001")])
    assert build_profile(memory_store, KAZ, ROU).established is None


def test_visits_are_visitor_to_host(store: Store) -> None:
    p = build_profile(store, KAZ, ROU)
    assert [(v.date, v.visitor, v.host, v.count, v.visitor_text) for v in p.visits] == [
        ("2007", KAZ, ROU, 1, "President Nazarbayev"),
        ("2010", ROU, KAZ, 2, "the President of Romania"),
        ("2010-06-01", ROU, KAZ, 3, "Basescu"),  # merged: 042 wording, larger count
    ]
    assert len(p.visits[2].event_ids) == 2


@pytest.mark.parametrize("a,b", [(KAZ, ROU), (ROU, KAZ)])
def test_profile_is_symmetric_in_content(store: Store, a: str, b: str) -> None:
    p = build_profile(store, a, b)
    assert (p.a, p.b) == (a, b)
    assert len(p.visits) == 3 and p.totals.n_events == 14


def test_event_lists(store: Store) -> None:
    p = build_profile(store, KAZ, ROU)
    assert [e.cameo for e in p.consultations] == ["046", "041"]  # undated last
    assert [(e.cameo, e.label) for e in p.agreements] == [("057", ontology.get("057").name)]
    assert [e.cameo for e in p.cooperation] == ["030", "0311", "061"]
    assert p.cooperation[1].label == ontology.get("0311").name
    assert [e.cameo for e in p.recent][:3] == ["057", "061", "0311"]
    assert all(not e.historical for e in p.recent)
    assert len(build_profile(store, KAZ, ROU, n_recent=2).recent) == 2


def test_by_year_and_totals(store: Store) -> None:
    p = build_profile(store, KAZ, ROU)
    rows = {y.year: y for y in p.by_year}
    assert sorted(rows) == [1992, 1993, 2007, 2010, 2012, 2017]
    y2010 = rows[2010]
    assert (y2010.n, y2010.quad) == (6, (5, 0, 1, 0))
    assert y2010.mean_goldstein == pytest.approx((2.8 + 1.9 + 2.8 + 7.0 - 2.0 + 4.0) / 6)
    assert (rows[2012].quad, rows[2012].mean_goldstein) == ((0, 0, 0, 1), -7.5)
    assert rows[2017].quad == (2, 1, 0, 0)
    t = p.totals
    assert (t.n_events, t.quad, t.first_date, t.last_date, t.n_undated) == (
        14, (11, 1, 1, 1), "1992", "2017-07-15", 1)
    assert sum(y.n for y in p.by_year) == t.n_events - t.n_undated


def test_sources(store: Store) -> None:
    p = build_profile(store, KAZ, ROU)
    assert [(s.doc_id, s.story_date, s.n_events, s.title) for s in p.sources] == [
        ("agerpres-2010-06-01", "2010-06-01", 6, "Visit to Astana"),
        ("other-2012", "2012-01-01", 1, None),
        ("kazinform-2017-07-15", "2017-07-15", 7, "25 years"),
    ]


def test_names(store: Store) -> None:
    p = build_profile(store, KAZ, ROU, names={KAZ: "Kazakhstan", ROU: "Romania", "X": "y"})
    assert (p.name_a, p.name_b) == ("Kazakhstan", "Romania")
    assert build_profile(store, KAZ, ROU).name_a is None


def test_empty_dyad(store: Store) -> None:
    p = build_profile(store, KAZ, "USA")
    assert (p.established, p.visits, p.by_year, p.sources) == (None, (), (), ())
    assert (p.totals.n_events, p.totals.mean_goldstein) == (0, None)


@pytest.mark.parametrize("a,b,kw", [(KAZ, KAZ, {}), ("", ROU, {}), (KAZ, ROU, {"n_recent": 0})])
def test_bad_arguments(store: Store, a: str, b: str, kw: dict) -> None:
    with pytest.raises(BadParameter):
        build_profile(store, a, b, **kw)


def test_normalise_visits_keeps_distinct_sentences_apart(make_event) -> None:
    e = make_event
    visits = normalise_visits([
        e("d", 0, "042", KAZ, ROU, "2001", source_text="A"),
        e("d", 1, "043", ROU, KAZ, "2001", target_text="B"),  # another sentence: another visit
        e("d", 2, "043", ROU, KAZ, None, target_text=None, count=4),
        e("d", 2, "042", KAZ, ROU, "2003", source_text="C"),  # same sentence as the 043 above
        e("d", 3, "042", KAZ, None, "2004"),  # no host: not a visit
        e("d", 4, "046", KAZ, ROU, "2004"),  # not a visit code
    ])
    assert visits == [
        Visit("2001", KAZ, ROU, "A", 1, "Sentence 0 of d.", "d", 0, (visits[0].event_ids[0],)),
        Visit("2001", KAZ, ROU, "B", 1, "Sentence 1 of d.", "d", 1, (visits[1].event_ids[0],)),
        Visit("2003", KAZ, ROU, "C", 4, "Sentence 2 of d.", "d", 2, visits[2].event_ids),
    ]
    assert len(visits[2].event_ids) == 2
