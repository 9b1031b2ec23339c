"""The fast scan (anchors + dispatch) gives exactly what one regex pass would.

`find_time_expressions` tries the grammar only near anchor words and only the
alternatives a word can open. These tests compare it with the plain reference,
`patterns.COMBINED.finditer`, on generated sentences, so that a new
alternative without an anchor or dispatch entry is caught.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bilat.dates import anniversary_origin, find_time_expressions, finder
from bilat.dates import patterns as P

FRAGMENTS = [
    "On", "July", "15", "2017", "the", "25", "years", "of", "diplomatic", "relations", "in",
    "2007", "Monday", "last", "week", "two", "days", "ago", "next", "Tuesday", "this",
    "coming", "Wednesday", "twenty-seventh", "anniversary", "a", "quarter", "century",
    "friendship", "half", "decade", "May", "March", "Sept.", "11", "15.07.2017",
    "2017-07-15", "1990s", "and", "to", "2015", "since", "mid-", "day", "before",
    "yesterday", "tonight", "earlier", "month", "later", "year", "a couple of", "weeks'",
    "time", "Good", "Friday", "people", "$", "No.", "(7172)", "'s", "Jan.", "JULY", "4th",
    "30th", "thirtieth", "centenary", "independence", "treaty", "twenty", "five", "old",
    "weekend", "morning", "established", "ties", "for", "Resolution", "G20", "10-year",
    "x" * 30, "considerably", "once",
]
SEPARATORS = [" ", " ", " ", ", ", "-", "", ".", "(", ")", "\n", "/"]

sentences = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14,
).map(lambda parts: "".join(word + sep for word, sep in parts))
story_dates = st.sampled_from([date(2017, 7, 15), date(2016, 2, 29), date(2017, 1, 2), None])


def reference(pattern, text, story_date):
    scan = finder._Scan(text, story_date)
    for m in pattern.finditer(text):
        scan.found.extend(finder._RESOLVERS[m.lastgroup](m, scan))
    return scan.found


def test_every_alternative_has_a_resolver():
    assert {name for name, _ in P._ALTERNATIVES} == set(finder._RESOLVERS)


@settings(max_examples=400, deadline=None)
@given(sentences, story_dates)
def test_fast_scan_equals_one_regex_pass(text, story_date):
    assert find_time_expressions(text, story_date=story_date) == reference(
        P.COMBINED, text, story_date)


@settings(max_examples=200, deadline=None)
@given(sentences, story_dates)
def test_anniversary_scan_equals_one_regex_pass(text, story_date):
    only_anniversaries = P._combine(P._ANNIVERSARY_ALTERNATIVES)
    assert anniversary_origin(text, story_date=story_date) == reference(
        only_anniversaries, text, story_date)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.dates(min_value=date(100, 1, 1), max_value=date(9899, 12, 31)))
def test_any_text_gives_valid_spans(text, story_date):
    found = find_time_expressions(text, story_date=story_date)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.value is None or t.value[:4].isdigit()
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
