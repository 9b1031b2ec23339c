"""Reading events back: every EventQuery filter, validation, sorting, paging, aggregates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from bilat.errors import BadDate, BadParameter
from bilat.store import EventQuery, Store

# (doc, sentence, cameo, source, target, date, sentence text, extra fields)
ROWS = [
    ("d1", 0, "042", "KAZ", "ROU", "2009-12-31", "Nazarbayev visited Bucharest.", {}),
    ("d1", 1, "043", "ROU", "KAZ", "2010", "Romania hosted the 50% delegation.", {}),
    ("d1", 2, "057", "KAZ", "ROU", "2010-12-31", "They SIGNED an agreement on_trade.", {"quad_class": 2}),
    ("d2", 0, "0541", "ROU", "KAZ", "1992-05", "Romania recognised Kazakhstan.",
     {"historical": True, "goldstein": 5.0}),
    ("d2", 1, "112", "KAZ", "RUS", "2011-01-01", "Kazakhstan accused Russia.",
     {"quad_class": 3, "goldstein": -2.0}),
    ("d3", 0, "190", "RUS", "UKR", "2014-03", "Russia fought in Ukraine.",
     {"quad_class": 4, "goldstein": -10.0}),
    ("d3", 1, "040", "UKR", "ROU", None, "Ukraine and Romania consulted.", {}),
    ("d3", 2, "046", "ROU", "UKR", "2014-03-02", "Romania negotiated with Ukraine; DROP TABLE events.", {}),
]


@pytest.fixture(scope="module")
def filled(make_article, make_event) -> Iterator[Store]:
    """One in-memory store for the module: these tests only read (and check nothing changed)."""
    by_doc: dict[str, list] = {}
    for doc, i, cameo, s, t, when, text, kw in ROWS:
        by_doc.setdefault(doc, []).append(
            make_event(doc, i, cameo=cameo, source=s, target=t, date=when, sentence=text, **kw))
    with Store.open(":memory:") as store:
        store.write_stories([(make_article(doc), evs) for doc, evs in by_doc.items()])
        yield store


def _keys(store: Store, query: EventQuery) -> list[tuple[str, int]]:
    return [(e.doc_id, e.sentence_index) for e in store.events(query)]


@pytest.mark.parametrize("query,expected", [
    (EventQuery(), [("d2", 0), ("d1", 0), ("d1", 1), ("d1", 2), ("d2", 1), ("d3", 0), ("d3", 2),
                    ("d3", 1)]),
    (EventQuery(dyad=("KAZ", "ROU")), [("d2", 0), ("d1", 0), ("d1", 1), ("d1", 2)]),
    (EventQuery(dyad=("ROU", "KAZ")), [("d2", 0), ("d1", 0), ("d1", 1), ("d1", 2)]),
    (EventQuery(dyad=("KAZ", "UKR")), []),
    (EventQuery(actor="RUS"), [("d2", 1), ("d3", 0)]),
    (EventQuery(actor="UKR", root="04"), [("d3", 2), ("d3", 1)]),
    (EventQuery(root="05"), [("d2", 0), ("d1", 2)]),
    (EventQuery(cameo="054"), [("d2", 0)]),
    (EventQuery(cameo="04"), [("d1", 0), ("d1", 1), ("d3", 2), ("d3", 1)]),
    (EventQuery(cameo="0"), [("d2", 0), ("d1", 0), ("d1", 1), ("d1", 2), ("d3", 2), ("d3", 1)]),
    (EventQuery(quad_class=2), [("d1", 2)]),
    (EventQuery(historical=True), [("d2", 0)]),
    (EventQuery(historical=False, actor="KAZ"), [("d1", 0), ("d1", 1), ("d1", 2), ("d2", 1)]),
    (EventQuery(doc_id="d3"), [("d3", 0), ("d3", 2), ("d3", 1)]),
    (EventQuery(doc_id="nope"), []),
    # dates: since = first day of its period, until = last day of its period
    (EventQuery(since="2010"), [("d1", 1), ("d1", 2), ("d2", 1), ("d3", 0), ("d3", 2)]),
    (EventQuery(until="2010"), [("d2", 0), ("d1", 0), ("d1", 1), ("d1", 2)]),
    (EventQuery(since="2010", until="2010"), [("d1", 1), ("d1", 2)]),
    (EventQuery(until="2009-12"), [("d2", 0), ("d1", 0)]),
    (EventQuery(until="2009-12-30"), [("d2", 0)]),
    (EventQuery(since="2014-03-02"), [("d3", 2)]),
    (EventQuery(since="2014-03", until="2014-03"), [("d3", 0), ("d3", 2)]),
    (EventQuery(since="1992-05-31"), [("d1", 0), ("d1", 1), ("d1", 2), ("d2", 1), ("d3", 0), ("d3", 2)]),
    # q: all words, any case, wildcards taken literally
    (EventQuery(q="signed"), [("d1", 2)]),
    (EventQuery(q="ROMANIA ukraine"), [("d3", 2), ("d3", 1)]),
    (EventQuery(q="50%"), [("d1", 1)]),
    (EventQuery(q="%"), [("d1", 1)]),
    (EventQuery(q="on_trade"), [("d1", 2)]),
    (EventQuery(q="on_"), [("d1", 2)]),
    (EventQuery(q="o_trade"), []),
    (EventQuery(q="visited", dyad=("ROU", "KAZ"), since="2009", until="2009", quad_class=1,
                root="04", cameo="042", historical=False, doc_id="d1"), [("d1", 0)]),
])
def test_filters(filled: Store, query: EventQuery, expected: list) -> None:
    assert _keys(filled, query) == expected
    assert filled.count_events(query) == len(expected)
    assert [(e.doc_id, e.sentence_index) for e in filled.iter_events(query, batch_size=2)] == expected


@pytest.mark.parametrize("q", [
    "'; DROP TABLE events; --",
    "\"; DELETE FROM documents; --",
    "x' OR '1'='1",
    "') OR 1=1 --",
    "\\",
    "%' OR sentence ILIKE '%",
])
def test_injection_looking_text_is_only_text(filled: Store, q: str) -> None:
    assert filled.events(EventQuery(q=q)) == []
    assert filled.events(EventQuery(doc_id=q)) == []
    assert filled.events(EventQuery(dyad=(q, "ROU"), actor=q)) == []
    assert filled.count_events(EventQuery(q=q)) == 0
    assert filled.documents([q]) == []
    assert not filled.is_unchanged(q, q)
    assert filled.count_events() == len(ROWS)
    assert filled.stats().n_documents == 3


def test_sentence_containing_sql_is_found_as_text(filled: Store) -> None:
    assert _keys(filled, EventQuery(q="drop table EVENTS.")) == [("d3", 2)]
    assert filled.count_events() == len(ROWS)


def test_newest_first(filled: Store) -> None:
    assert _keys(filled, EventQuery(actor="ROU", newest_first=True)) == [
        ("d3", 2), ("d1", 2), ("d1", 1), ("d1", 0), ("d2", 0), ("d3", 1)]


def test_pagination_covers_everything_once(filled: Store) -> None:
    everything = _keys(filled, EventQuery())
    pages = [_keys(filled, EventQuery(limit=3, offset=o)) for o in range(0, 10, 3)]
    assert [len(p) for p in pages] == [3, 3, 2, 0]
    assert sum(pages, []) == everything
    assert _keys(filled, EventQuery(offset=6)) == everything[6:]
    assert filled.count_events(EventQuery(limit=1)) == len(ROWS)  # count ignores paging


@pytest.mark.parametrize("kwargs,error,name", [
    ({"root": "21"}, BadParameter, "root"),
    ({"root": "00"}, BadParameter, "root"),
    ({"root": "4"}, BadParameter, "root"),
    ({"root": "0a"}, BadParameter, "root"),
    ({"cameo": "04a"}, BadParameter, "cameo"),
    ({"cameo": "04%"}, BadParameter, "cameo"),
    ({"cameo": "12345"}, BadParameter, "cameo"),
    ({"cameo": ""}, BadParameter, "cameo"),
    ({"quad_class": 0}, BadParameter, "quad_class"),
    ({"quad_class": 5}, BadParameter, "quad_class"),
    ({"quad_class": True}, BadParameter, "quad_class"),
    ({"since": "2010-13"}, BadDate, "since"),
    ({"since": "2010-02-30"}, BadDate, "since"),
    ({"since": "10"}, BadDate, "since"),
    ({"until": "2010/01/01"}, BadDate, "until"),
    ({"until": "2010-1-1"}, BadDate, "until"),
    ({"until": "0000"}, BadDate, "until"),
    ({"since": "2011", "until": "2010"}, BadDate, "since"),
    ({"limit": 0}, BadParameter, "limit"),
    ({"limit": 1_000_001}, BadParameter, "limit"),
    ({"limit": "10"}, BadParameter, "limit"),
    ({"offset": -1}, BadParameter, "offset"),
    ({"q": "   "}, BadParameter, "q"),
    ({"q": "w " * 21}, BadParameter, "q"),
    ({"dyad": ("KAZ",)}, BadParameter, "dyad"),
    ({"dyad": ("KAZ", "")}, BadParameter, "dyad"),
    ({"actor": ""}, BadParameter, "actor"),
    ({"historical": "yes"}, BadParameter, "historical"),
    ({"doc_id": ""}, BadParameter, "doc_id"),
])
def test_query_validation(kwargs: dict, error: type, name: str) -> None:
    with pytest.raises(error) as e:
        EventQuery(**kwargs)
    assert str(e.value).startswith(error.code + " " + name)


@pytest.mark.parametrize("kwargs", [
    {"root": "01"}, {"root": "20"}, {"cameo": "0541"}, {"since": "2010-02-28"}, {"until": "2012-02-29"},
    {"limit": 1}, {"limit": 1_000_000}, {"since": "2010", "until": "2010"},
])
def test_query_accepts(kwargs: dict) -> None:
    EventQuery(**kwargs)


def test_until_is_end_of_period() -> None:
    assert EventQuery(until="2010").until_date == date(2010, 12, 31)
    assert EventQuery(until="2012-02").until_date == date(2012, 2, 29)
    assert EventQuery(since="2012-02").since_date == date(2012, 2, 1)


def test_iter_events_batch_size(filled: Store) -> None:
    with pytest.raises(BadParameter, match="batch_size"):
        filled.iter_events(EventQuery(), batch_size=0)
    assert list(filled.iter_events(EventQuery(), batch_size=1)) == filled.events(EventQuery())


def test_documents_and_stats(filled: Store) -> None:
    assert [d.doc_id for d in filled.documents()] == ["d1", "d2", "d3"]
    assert [d.doc_id for d in filled.documents(["d3", "x"])] == ["d3"]
    assert filled.documents([]) == []
    stats = filled.stats()
    assert (stats.n_documents, stats.n_events, stats.first_date, stats.last_date) == (
        3, len(ROWS), "1992-05", "2014-03-02")


def test_aggregates(filled: Store) -> None:
    q = EventQuery(actor="KAZ")
    years = filled.year_summary(q)
    assert [(y.year, y.n, y.quad) for y in years] == [
        (1992, 1, (1, 0, 0, 0)), (2009, 1, (1, 0, 0, 0)), (2010, 2, (1, 1, 0, 0)), (2011, 1, (0, 0, 1, 0))]
    assert years[0].mean_goldstein == pytest.approx(5.0)
    assert years[2].mean_goldstein == pytest.approx(1.9)
    total = filled.summary(q)
    assert (total.n, total.quad, total.first_date, total.last_date, total.n_undated) == (
        5, (3, 1, 1, 0), "1992-05", "2011-01-01", 0)
    assert total.mean_goldstein == pytest.approx((5.0 + 1.9 * 3 - 2.0) / 5)
    assert filled.summary(EventQuery(actor="UKR")).n_undated == 1
    empty = filled.summary(EventQuery(actor="USA"))
    assert (empty.n, empty.mean_goldstein, empty.first_date) == (0, None, None)
    assert [(d.doc_id, d.n_events, d.title) for d in filled.document_counts(q)] == [
        ("d1", 3, "Title of d1"), ("d2", 2, "Title of d2")]
    assert filled.year_summary(EventQuery(actor="USA")) == []
