"""The leaders benchmark: visits by title and name only (bilat.evaluation.leaders_bench)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bilat.errors import InputNotFound, MalformedInput
from bilat.evaluation import leaders_bench as lb

CONTINENT_SAMPLES = {  # a few sources from each continent that the benchmark must cover
    "Europe": {"DEU", "FRA", "GBR", "POL", "ROU"},
    "Asia": {"CHN", "IND", "JPN", "KAZ", "IRN"},
    "Africa": {"ZAF", "NGA", "EGY", "KEN", "SEN"},
    "Americas": {"USA", "BRA", "MEX", "ARG", "COL"},
    "Oceania": {"AUS", "NZL", "FJI"},
}


@pytest.fixture(scope="module")
def cases() -> list[lb.VisitCase]:
    return lb.load_cases()


def _line(**over) -> str:
    record = {"id": "v1", "text": "President Jacques Chirac visited Berlin on May 3, 2000.",
              "story_date": "2000-05-03", "source": "FRA", "target": "DEU", "year": 2000}
    record.update(over)
    return json.dumps(record)


# ---- the bundled sentences -------------------------------------------------------------------

def test_bundled_set_size_and_ids(cases):
    assert 150 <= len(cases) <= 250
    assert len({c.id for c in cases}) == len(cases)


def test_bundled_set_spans_1992_to_2024(cases):
    years = {c.year for c in cases}
    assert min(years) == 1992 and max(years) == 2024
    assert len(years) >= 25


@pytest.mark.parametrize("continent", sorted(CONTINENT_SAMPLES))
def test_bundled_set_covers_every_continent(cases, continent):
    assert CONTINENT_SAMPLES[continent] <= {c.source for c in cases}


def test_bundled_set_has_varied_verbs_and_titles(cases):
    texts = [c.text for c in cases]
    for verb in ("arrived in", "visited", "travelled to", "paid an official visit",
                 "paid a state visit", "flew to"):
        assert any(verb in t for t in texts), verb
    for title in ("President", "Prime Minister", "King", "Emir", "Sultan", "Chancellor",
                  "Foreign Minister", "Premier"):
        assert any(t.startswith(title + " ") for t in texts), title


def test_visitors_are_named_without_a_country_word(cases):
    """The source country must come from the name: no country, demonym or capital
    of the visitor's country anywhere in the sentence."""
    import spacy

    from bilat.actors.gazetteer import Gazetteer

    nlp = spacy.blank("en")
    places = Gazetteer.load(nlp, leaders=None)
    for c in cases:
        found = {m.country for m in places.find_actors(nlp.make_doc(c.text), when=c.story_date)}
        assert c.source not in found, c.text
        assert c.source != c.target, c.id


def test_story_date_is_the_date_in_the_sentence(cases):
    for c in cases:
        assert f"{c.story_date:%B} {c.story_date.day}, {c.year}" in c.text, c.id


# ---- reading ---------------------------------------------------------------------------------

def test_load_cases_from_a_user_file(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text(_line() + "\n\n" + _line(id="v2", source="fra") + "\n", encoding="utf-8")
    got = lb.load_cases(p)
    assert [c.id for c in got] == ["v1", "v2"]
    assert got[1].source == "FRA" and got[0].story_date == date(2000, 5, 3)


def test_load_cases_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        lb.load_cases(tmp_path / "absent.jsonl")


def test_load_cases_lists_every_bad_line(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text("\n".join([_line(), "{not json", _line(year=1999), json.dumps({"id": "x"}),
                            "[1, 2]"]) + "\n", encoding="utf-8")
    with pytest.raises(MalformedInput) as info:
        lb.load_cases(p)
    msg = str(info.value)
    assert msg.startswith("E104 ") and "4 bad line(s)" in msg
    assert all(f"{p}:{n}:" in msg for n in (2, 3, 4, 5)) and f"{p}:1:" not in msg


def test_load_cases_empty_file(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text("\n", encoding="utf-8")
    with pytest.raises(MalformedInput):
        lb.load_cases(p)


# ---- scoring ---------------------------------------------------------------------------------

def _event(cameo: str, source: str | None, target: str | None) -> SimpleNamespace:
    return SimpleNamespace(cameo=cameo, source_country=source, target_country=target)


def _coded(*events: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(events=tuple(events))


def _cases(n: int) -> list[lb.VisitCase]:
    return [lb.VisitCase(f"v{i}", f"Prime Minister X{i} visited Y.", date(2000, 1, 1), "FRA",
                         "DEU", 2000) for i in range(n)]


def test_score_counts_visits_with_the_gold_source():
    coded = [
        _coded(_event("042", "FRA", "DEU")),                          # right dyad
        _coded(_event("040", "FRA", "DEU"), _event("042", "FRA", None)),  # right source
        _coded(_event("042", "GBR", "DEU")),                          # wrong source
        _coded(_event("036", "FRA", "DEU")),                          # no visit event
        _coded(),                                                     # nothing
    ]
    r = lb.score_cases(_cases(5), coded)
    assert (r.size, r.correct, r.dyad_correct) == (5, 2, 1)
    assert r.source_accuracy == pytest.approx(0.4) and r.dyad_accuracy == pytest.approx(0.2)
    assert not r.met
    assert [(m.id, m.kind) for m in r.misses] == [
        ("v2", "wrong source"), ("v3", "no visit event"), ("v4", "no visit event")]
    assert r.misses[0].predicted == "042 GBR->DEU" and r.misses[2].predicted == "-"
    assert r.misses[0].gold == "FRA->DEU"


def test_score_classifies_misses_with_the_gazetteer():
    class FakeGazetteer:
        def __init__(self, found):
            self.found = found

        def find_actors(self, doc, *, when):
            return [SimpleNamespace(country=c, start=0) for c in self.found]

    nlp = SimpleNamespace(make_doc=lambda text: text)
    cases = _cases(1)
    for found, kind in [([], "visitor not found"), (["DEU"], "visitor not found"),
                        (["ITA", "DEU"], "visitor wrong country"), (["FRA", "DEU"], "no visit event")]:
        coder = SimpleNamespace(gazetteer=FakeGazetteer(found), nlp=nlp)
        r = lb.score_cases(cases, [_coded()], coder=coder)
        assert r.misses[0].kind == kind, found


def test_score_needs_one_coded_article_per_case():
    with pytest.raises(MalformedInput):
        lb.score_cases(_cases(2), [_coded()])


def test_run_with_a_fake_coder(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text(_line() + "\n" + _line(id="v2") + "\n", encoding="utf-8")

    class FakeCoder:
        def code_articles(self, articles):
            articles = list(articles)
            assert [a.story_date for a in articles] == [date(2000, 5, 3)] * 2
            return [_coded(_event("042", "FRA", "DEU")), _coded()]

    r = lb.run_leaders_bench(p, coder=FakeCoder())
    assert (r.size, r.correct) == (2, 1) and r.path == str(p)


def test_set_result_for_the_evaluation_runner():
    r = lb.score_cases(_cases(2), [_coded(_event("042", "FRA", "DEU")), _coded()])
    s = r.to_set_result()
    assert (s.name, s.size, s.metric, s.headline) == (lb.NAME, 2, "source accuracy", 0.5)
    assert s.figures()["headline"] == 0.5 and s.extra["dyad_accuracy"] == 0.5
    assert [(e.kind, e.doc_id) for e in s.errors] == [("no visit event", "v1")]


def test_format_result_and_main(monkeypatch, capsys):
    r = lb.score_cases(_cases(2), [_coded(_event("042", "FRA", "DEU")), _coded()])
    text = lb.format_result(r)
    assert text.startswith(f"{lb.NAME}: source accuracy 0.500 (1/2)") and "MISSED" in text
    assert "[no visit event] v1" in text
    assert "[no visit event]" not in lb.format_result(r, misses=False)

    monkeypatch.setattr(lb, "run_leaders_bench", lambda path=None: r)
    assert lb.main(["--misses"]) == 0
    assert "source accuracy 0.500" in capsys.readouterr().out
    monkeypatch.setattr(lb, "run_leaders_bench",
                        lambda path=None: (_ for _ in ()).throw(InputNotFound("no file")))
    assert lb.main([]) == 1
    assert capsys.readouterr().err.startswith("bilat: E101 no file")


# ---- the figure ------------------------------------------------------------------------------

#: The figure measured when the benchmark was written was 0.995 (186 of 187); the one miss is
#: a coder miss ("visited Windhoek"), not a table miss. The floor leaves a margin.
FLOOR = 0.95


@pytest.mark.slow
def test_source_accuracy_stays_above_the_floor(coder):
    result = lb.run_leaders_bench(coder=coder)
    assert result.source_accuracy >= max(FLOOR, lb.TARGET), lb.format_result(result)
    assert not [m for m in result.misses if m.kind.startswith("visitor")], lb.format_result(result)
