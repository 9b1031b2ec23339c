"""Tests for bilat.evaluation.score: each matching rule on small invented cases,
then a differential test against the reference scorer in ../shared/tools."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bilat.errors import InputEncodingError, InputNotFound, MalformedInput
from bilat.evaluation import (
    MAX_COUNT,
    EventList,
    GoldEvent,
    PredEvent,
    format_report,
    gold_from_records,
    load_gold,
    load_predictions,
    preds_from_records,
    report_to_dict,
    score,
)


def _shared() -> Path:
    env = os.environ.get("BILAT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


REFERENCE = _shared() / "tools" / "score.py"


def g(src: str = "ARN", tgt: str = "GON", root: Any = "04", year: Any = 2017, *,
      doc: str = "d1", **extra: Any) -> dict[str, Any]:
    return {"doc_id": doc, "source": src, "target": tgt, "root": root, "year": year, **extra}


def p(src: Any = "ARN", tgt: Any = "GON", root: Any = "04", date: Any = "2017-03-01", *,
      doc: str = "d1", **extra: Any) -> dict[str, Any]:
    return {"doc_id": doc, "source_country": src, "target_country": tgt, "root": root,
            "date": date, **extra}


def run(gold: list[dict[str, Any]], preds: list[dict[str, Any]], *,
        ignore_null: bool = False) -> dict[str, Any]:
    report = score(gold_from_records(gold), preds_from_records(preds, ignore_null=ignore_null))
    return report_to_dict(report)


def counts(result: dict[str, Any], level: str) -> tuple[int, int, int, int]:
    s = result["levels"][level]
    return s["tp"], s["fp"], s["fn"], s["ignored_optional"]


# --- the three levels --------------------------------------------------------------

@pytest.mark.parametrize(
    ("pred", "full", "root_only", "dyad_only"),
    [
        (p(), (1, 0, 0, 0), (1, 0, 0, 0), (1, 0, 0, 0)),  # all agree
        (p(date="2016-12-31"), (0, 1, 1, 0), (1, 0, 0, 0), (1, 0, 0, 0)),  # year differs
        (p(date=None), (0, 1, 1, 0), (1, 0, 0, 0), (1, 0, 0, 0)),  # no predicted year
        (p(root="05"), (0, 1, 1, 0), (0, 1, 1, 0), (1, 0, 0, 0)),  # root differs
        (p(src="GON", tgt="ARN"), (0, 1, 1, 0), (0, 1, 1, 0), (0, 1, 1, 0)),  # reversed
        (p(doc="d2"), (0, 1, 1, 0), (0, 1, 1, 0), (0, 1, 1, 0)),  # other document
        (p(tgt="MOR"), (0, 1, 1, 0), (0, 1, 1, 0), (0, 1, 1, 0)),  # other target
    ],
)
def test_levels(pred: dict[str, Any], full: tuple, root_only: tuple, dyad_only: tuple) -> None:
    result = run([g()], [pred])
    assert counts(result, "full") == full
    assert counts(result, "root_only") == root_only
    assert counts(result, "dyad_only") == dyad_only


@pytest.mark.parametrize("date", ["1999", "2030-01-01", None])
def test_gold_year_null_matches_any_year(date: Any) -> None:
    assert counts(run([g(year=None)], [p(date=date)]), "full") == (1, 0, 0, 0)


def test_symmetric_gold_matches_either_direction() -> None:
    assert counts(run([g(symmetric=True)], [p(src="GON", tgt="ARN")]), "full") == (1, 0, 0, 0)
    assert counts(run([g(symmetric=False)], [p(src="GON", tgt="ARN")]), "full") == (0, 1, 1, 0)


# --- optional gold -------------------------------------------------------------------

def test_optional_gold_is_neither_rewarded_nor_punished() -> None:
    hit = run([g(optional=True)], [p()])
    assert counts(hit, "full") == (0, 0, 0, 1)
    assert hit["gold_events"] == 0 and hit["gold_optional_events"] == 1
    miss = run([g(), g(root="05", optional=True)], [p()])
    assert counts(miss, "full") == (1, 0, 0, 0)  # the unmatched optional event is no FN


def test_non_optional_gold_chooses_first() -> None:
    result = run([g(optional=True), g()], [p()])
    assert counts(result, "full") == (1, 0, 0, 0)


# --- counts ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("gold_count", "pred_count", "expected"),
    [(2, 3, (2, 1, 0, 0)), (3, 1, (1, 0, 2, 0)), (None, None, (1, 0, 0, 0)),
     (0, 1, (0, 1, 0, 0)), (2, "2", (2, 0, 0, 0)), (1, 0, (0, 0, 1, 0))],
)
def test_counts_are_expanded_on_both_sides(gold_count: Any, pred_count: Any,
                                           expected: tuple) -> None:
    if gold_count == 0:  # gold needs one usable event: add one in another doc
        gold = [g(count=0), g(doc="other")]
        expected = (0, 1, 1, 0)
    else:
        gold = [g(count=gold_count)]
    assert counts(run(gold, [p(count=pred_count)]), "full") == expected


@pytest.mark.parametrize(
    ("value", "n", "warning"),
    [(MAX_COUNT + 500, MAX_COUNT, "capped at"), (-3, 0, "negative count"),
     ("two", 1, "not an integer"), (2.9, 2, None), ([1], 1, "not an integer"),
     (float("inf"), 1, "not an integer")],
)
def test_count_edge_cases(value: Any, n: int, warning: str | None) -> None:
    preds = preds_from_records([p(count=value)])
    assert len(preds) == n
    if warning is None:
        assert preds.warnings == []
    else:
        assert len(preds.warnings) == 1 and warning in preds.warnings[0]
        assert preds.warnings[0].startswith("prediction line 1: ")


def test_large_counts_score_quickly() -> None:
    gold = gold_from_records([g(count=MAX_COUNT)])
    preds = preds_from_records([p(count=MAX_COUNT * 3)])
    assert counts(report_to_dict(score(gold, preds)), "full") == (MAX_COUNT, 0, 0, 0)


# --- greedy order and preference -----------------------------------------------------

def test_directed_gold_chooses_before_symmetric() -> None:
    result = run([g(symmetric=True, note="sym"), g(note="directed")], [p()])
    assert counts(result, "full") == (1, 0, 1, 0)
    assert [e["note"] for e in result["false_negatives"]] == ["sym"]


def test_directed_undated_gold_chooses_before_symmetric_dated() -> None:
    result = run([g(symmetric=True, note="sym"), g(year=None, note="directed")], [p()])
    assert [e["note"] for e in result["false_negatives"]] == ["sym"]


def test_dated_gold_chooses_before_undated() -> None:
    result = run([g(year=None, note="undated"), g(year=2017, note="dated")], [p()])
    assert [e["note"] for e in result["false_negatives"]] == ["undated"]


def test_both_directions_used_when_directed_gold_goes_first() -> None:
    gold = [g(symmetric=True), g()]
    preds = [p(), p(src="GON", tgt="ARN")]
    assert counts(run(gold, preds), "full") == (2, 0, 0, 0)


def test_symmetric_gold_prefers_the_stated_direction() -> None:
    # the symmetric event takes ARN->GON (line 2) although GON->ARN comes first;
    # the optional directed event then finds nothing and GON->ARN is a FP
    gold = [g(symmetric=True), g(optional=True)]
    preds = [p(src="GON", tgt="ARN"), p()]
    result = run(gold, preds)
    assert counts(result, "full") == (1, 1, 0, 0)
    assert [e["pred_line"] for e in result["false_positives"]] == [1]


def test_file_order_breaks_ties() -> None:
    result = run([g()], [p(), p()])
    assert [e["pred_line"] for e in result["false_positives"]] == [2]


# --- null actors and documents ----------------------------------------------------------

@pytest.mark.parametrize(("src", "tgt"), [(None, "GON"), ("ARN", None), ("", "GON"), (None, None)])
def test_null_actor_never_matches(src: Any, tgt: Any) -> None:
    result = run([g(symmetric=True)], [p(src=src, tgt=tgt)])
    assert counts(result, "dyad_only") == (0, 1, 1, 0)
    assert result["pred_null_actor_events"] == 1
    dropped = run([g()], [p(src=src, tgt=tgt)], ignore_null=True)
    assert counts(dropped, "dyad_only") == (0, 0, 1, 0)
    assert dropped["pred_skipped_null"] == 1 and dropped["pred_events"] == 0


def test_predictions_outside_gold_docs_are_false_positives() -> None:
    result = run([g()], [p(), p(doc="elsewhere")])
    assert counts(result, "full") == (1, 1, 0, 0)
    assert result["pred_events_outside_gold_docs"] == 1
    assert result["gold_docs"] == 1 and result["pred_docs"] == 2


def test_precision_is_zero_without_predictions() -> None:
    s = run([g()], [])["levels"]["full"]
    assert (s["precision"], s["recall"], s["f1"]) == (0.0, 0.0, 0.0)


def test_rates() -> None:
    result = run([g(), g(root="05"), g(root="06")], [p(), p(root="05"), p(root="19"),
                                                     p(root="20")])
    s = result["levels"]["full"]
    assert (s["tp"], s["fp"], s["fn"]) == (2, 2, 1)
    assert (s["precision"], s["recall"], s["f1"]) == (0.5, 0.667, 0.571)


# --- reading records ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("fields", "root"),
    [({"root": "04"}, "04"), ({"root": 4}, "04"), ({"root": "4"}, "04"), ({"root": "042"}, "04"),
     ({"root": " 04 "}, "04"), ({"root": None, "cameo": "042"}, "04"),
     ({"root": None, "cameo": 42}, "04"),
     ({"root": None, "cameo": "4"}, "04"), ({"root": None, "code": "0214"}, "02"),
     ({"root": True}, None), ({"root": "x4"}, None), ({"root": 4.0}, None), ({"root": 100}, None),
     ({"root": None, "cameo": None, "code": "042"}, None), ({"root": None, "cameo": "x"}, None)],
)
def test_prediction_root(fields: dict[str, Any], root: str | None) -> None:
    record = {**p(), **fields}
    assert preds_from_records([record])[0].root == root


@pytest.mark.parametrize(
    ("fields", "year"),
    [({"date": "2017-07-15"}, 2017), ({"date": "2017-07"}, 2017), ({"date": 2017}, 2017),
     ({"date": " 2017"}, 2017), ({"date": None}, None), ({"date": "July 2017"}, None),
     ({"date": True}, None), ({"date": None, "year": 2016}, 2016), ({"date": "17-07-15"}, None)],
)
def test_prediction_year(fields: dict[str, Any], year: int | None) -> None:
    assert preds_from_records([{**p(), **fields}])[0].year == year


def test_actor_and_doc_normalisation() -> None:
    pred = preds_from_records([{"doc_id": " d1 ", "source": " arn ", "target": "gon",
                                "cameo": "042"}])[0]
    assert pred == PredEvent(doc_id="d1", source_country="ARN", target_country="GON",
                             root="04", year=None, line=1)
    gold = gold_from_records([{"doc_id": "d1", "source": "arn", "target": "Gon", "code": 43,
                               "year": "2017", "symmetric": 1, "note": None}])[0]
    assert gold == GoldEvent(doc_id="d1", source="ARN", target="GON", root="04", year=2017,
                             symmetric=True, optional=False, note="", line=1)


def test_source_country_wins_even_when_null() -> None:
    pred = preds_from_records([{"doc_id": "d", "source_country": None, "source": "ARN",
                                "target": "GON", "root": "04"}])[0]
    assert pred.source_country is None and pred.target_country == "GON"


@pytest.mark.parametrize("missing", ["doc_id", "source", "target", "root"])
def test_gold_without_required_field_is_skipped_with_warning(missing: str) -> None:
    record = g()
    record[missing] = None
    gold = gold_from_records([g(), record])
    assert len(gold) == 1
    assert gold.warnings == ["gold line 2 lacks doc_id/source/target/root; skipped"]


def test_prediction_without_doc_is_skipped_with_warning() -> None:
    preds = preds_from_records([p(doc=""), p(doc=None), p()])  # type: ignore[arg-type]
    assert len(preds) == 1
    assert preds.warnings == ["2 prediction lines without doc_id skipped"]


def test_non_mapping_records_are_counted() -> None:
    preds = preds_from_records([p(), "text", [1], None])
    assert len(preds) == 1 and preds.malformed == 3
    assert preds.warnings[0] == "prediction record line 2 is not a JSON object; skipped"


# --- reading files --------------------------------------------------------------------------

def _jsonl(path: Path, lines: list[Any], *, bom: bool = False) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_load_files_with_bom_blank_and_malformed_lines(tmp_path: Path) -> None:
    gold_path = _jsonl(tmp_path / "gold.jsonl", [g(), "", "{broken", g(root="05")], bom=True)
    pred_path = _jsonl(tmp_path / "pred.jsonl", [p(), "[1, 2]", "   "])
    gold, preds = load_gold(gold_path), load_predictions(pred_path)
    assert [e.line for e in gold] == [1, 4]
    assert gold.malformed == 1 and preds.malformed == 1
    report = score(gold, preds)
    assert report.warnings == [f"gold {gold_path} line 3 is not a JSON object; skipped",
                               f"prediction {pred_path} line 2 is not a JSON object; skipped"]
    assert counts(report_to_dict(report), "full") == (1, 0, 1, 0)


def test_many_malformed_lines_are_summed_up(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "pred.jsonl", ["nope"] * 8 + [p()])
    preds = load_predictions(path)
    assert len(preds) == 1 and preds.malformed == 8
    assert len(preds.warnings) == 6
    assert preds.warnings[-1] == f"prediction {path}: 8 malformed lines skipped in all"


def test_missing_file_raises_input_not_found(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    with pytest.raises(InputNotFound, match="absent.jsonl"):
        load_gold(path)
    with pytest.raises(InputNotFound, match="absent.jsonl"):
        load_predictions(path)
    with pytest.raises(InputNotFound):
        load_gold(tmp_path)  # a directory


def test_non_utf8_file_raises_input_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"doc_id": "S\xe3o Paulo"}\n'.encode("latin-1"))
    with pytest.raises(InputEncodingError, match="latin.jsonl"):
        load_predictions(path)


@pytest.mark.parametrize("lines", [[], ["junk"], [{"doc_id": "d1"}], [g(count=0)]])
def test_gold_file_without_usable_event_is_malformed(tmp_path: Path, lines: list[Any]) -> None:
    path = _jsonl(tmp_path / "gold.jsonl", lines)
    with pytest.raises(MalformedInput, match="gold.jsonl"):
        load_gold(path)


# --- output ----------------------------------------------------------------------------------

def test_report_dict_shape() -> None:
    report = score(gold_from_records([g()]), preds_from_records([p()]))
    d = report_to_dict(report)
    assert list(d) == ["gold_events", "gold_optional_events", "gold_docs", "pred_events",
                       "pred_docs", "pred_events_outside_gold_docs", "pred_null_actor_events",
                       "pred_skipped_null", "levels", "by_root", "false_negatives",
                       "false_positives"]
    assert list(d["levels"]) == ["full", "root_only", "dyad_only"]
    assert list(report_to_dict(report, by_root=False, details=False))[-1] == "levels"
    json.dumps(d)


def test_by_root_table() -> None:
    result = run([g(), g(root="05"), g(root="06", optional=True)],
                 [p(), p(root="06"), p(root=None), p(root="19")])
    rows = result["by_root"]
    assert list(rows) == ["04", "05", "06", "19", "??"]
    assert rows["04"] == {"gold": 1, "matched": 1, "pred": 1, "fp": 0, "recall": 1.0,
                          "precision": 1.0, "ignored_optional": 0}
    assert rows["05"]["recall"] == 0.0 and rows["05"]["precision"] is None
    assert rows["06"] == {"gold": 0, "matched": 0, "pred": 1, "fp": 0, "recall": None,
                          "precision": None, "ignored_optional": 1}
    assert rows["??"]["fp"] == 1 and rows["19"]["precision"] == 0.0


def test_format_report_text() -> None:
    report = score(gold_from_records([g(symmetric=True, note="a visit")]),
                   preds_from_records([p(root="05"), p(src=None, doc="x")]))
    text = format_report(report, by_root=True, details=True)
    lines = text.splitlines()
    assert lines[0] == "gold: 1 events (+0 optional) in 1 docs; predictions: 2 events in 2 docs"
    assert "  1 predicted events are in doc_ids absent from gold (all counted as FP)" in lines
    assert "  1 predicted events have a null source or target (never match)" in lines
    assert "dyad-only      1     1     0        0      0.500   1.000  0.667" in lines
    assert "  d1 ARN<->GON root 04 year 2017  [gold line 1] a visit" in lines
    assert "  x None->GON root 04 year 2017  [pred line 2]" in lines
    assert "per root" not in format_report(report, by_root=False)


def test_event_list_is_a_list() -> None:
    events = EventList([1, 2], warnings=["w"])
    assert events == [1, 2] and events.warnings == ["w"] and events.skipped_null == 0


# --- differential test against the reference scorer -------------------------------------------

ACTORS = ["ARN", "GON", "ROH", "arn", " gon ", "MOR"]


def _random_gold(rng: random.Random, docs: list[str]) -> list[Any]:
    lines: list[Any] = []
    for _ in range(rng.randint(1, 12)):
        rec: dict[str, Any] = {
            "doc_id": rng.choice(docs),
            "source": rng.choice(ACTORS[:3]),
            "target": rng.choice(ACTORS[:3]),
            "year": rng.choice([2016, 2017, "2017", None, None, "2017-05-01"]),
            "symmetric": rng.random() < 0.4,
            "optional": rng.random() < 0.25,
            "note": rng.choice(["", "n", None]),
        }
        if rng.random() < 0.8:
            rec["root"] = rng.choice(["04", "05", 4, "4", "042", "19"])
        else:
            rec["code"] = rng.choice(["042", "0512", 57, "190"])
        if rng.random() < 0.4:
            rec["count"] = rng.choice([0, 1, 2, 3, "2", -1, "x"])
        if rng.random() < 0.05:
            rec["target"] = None  # skipped with a warning
        lines.append(rec)
    if rng.random() < 0.2:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", "junk", "[1]", "null"]))
    lines.append({"doc_id": docs[0], "source": "ARN", "target": "GON", "root": "04"})
    return lines


def _random_preds(rng: random.Random, docs: list[str], gold: list[Any]) -> list[Any]:
    """Mostly perturbed copies of gold events (so that matching is exercised), some noise."""
    gold_events = [x for x in gold if isinstance(x, dict)]
    lines: list[Any] = []
    for _ in range(rng.randint(0, 14)):
        if rng.random() < 0.65:
            base = rng.choice(gold_events)
            src, tgt = base["source"], base["target"]
            if rng.random() < 0.3:
                src, tgt = tgt, src
            rec: dict[str, Any] = {"doc_id": base["doc_id"] if rng.random() < 0.9 else "other",
                                   "source_country": src, "target_country": tgt}
            rec["root"] = base.get("root", base.get("code")) if rng.random() < 0.7 \
                else rng.choice(["04", "05", "19"])
            year = base.get("year")
            rec["date"] = year if rng.random() < 0.6 else rng.choice(["2016-02-03", "2017-03-04",
                                                                     None])
            if rng.random() < 0.25:
                rec["count"] = rng.choice([0, 1, 2, 3])
            lines.append(rec)
            continue
        rec = {"doc_id": rng.choice(docs + ["other", "", None])}
        for side in ("source", "target"):
            actor = rng.choice(ACTORS + [None, ""])
            key = f"{side}_country" if rng.random() < 0.85 else side
            rec[key] = actor
        style = rng.random()
        if style < 0.5:
            rec["root"] = rng.choice(["04", "05", "19", 4, "4", None, True, "xx"])
        elif style < 0.85:
            rec["cameo"] = rng.choice(["042", "0512", 57, "190", None, "1"])
        else:
            rec["code"] = rng.choice(["042", "057"])
        date_style = rng.random()
        if date_style < 0.7:
            rec["date"] = rng.choice(["2017-03-04", "2016", "2017-07", None, 2017, "soon"])
        elif date_style < 0.85:
            rec["year"] = rng.choice([2016, 2017, "2017"])
        if rng.random() < 0.3:
            rec["count"] = rng.choice([0, 1, 2, 3, "3", -2, "many", 2.5])
        rec["extra"] = "ignored"
        lines.append(rec)
    if rng.random() < 0.2:
        for _ in range(rng.choice([1, 7])):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["bad", "42", "{"]))
    return lines


def _reference(gold: Path, pred: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REFERENCE), str(gold), str(pred), *flags],
                          capture_output=True, text=True, timeout=60, check=True)


@pytest.mark.shared
@pytest.mark.parametrize("seed", range(50))
def test_agrees_with_reference_scorer(tmp_path: Path, seed: int) -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} absent")
    rng = random.Random(seed)
    docs = [f"doc{i}" for i in range(rng.randint(1, 3))]
    gold = _random_gold(rng, docs)
    gold_path = _jsonl(tmp_path / "gold.jsonl", gold, bom=seed % 7 == 0)
    pred_path = _jsonl(tmp_path / "pred.jsonl", _random_preds(rng, docs, gold))
    ignore_null = seed % 5 == 0
    flags = ["--by-root", "--details"] + (["--ignore-null"] if ignore_null else [])

    report = score(load_gold(gold_path), load_predictions(pred_path, ignore_null=ignore_null))
    ref = _reference(gold_path, pred_path, "--json", *flags)
    expected = json.loads(ref.stdout)
    ours = report_to_dict(report)
    for level in ("full", "root_only", "dyad_only"):
        assert counts(ours, level) == counts(expected, level), level
    assert ours == expected
    assert ["score.py: warning: " + w for w in report.warnings] == ref.stderr.splitlines()
    if seed % 5 == 1:
        text = _reference(gold_path, pred_path, *flags).stdout
        assert format_report(report, by_root=True, details=True) == text


# --- the worked example of docs/SCORING.md -------------------------------------------------------

SCORING_MD = Path(__file__).resolve().parents[2] / "docs" / "SCORING.md"


def test_docs_worked_example() -> None:
    text = SCORING_MD.read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", text, flags=re.S)
    json_blocks = [body for lang, body in blocks if lang == "json"]
    expected = next(body for lang, body in blocks if lang == "text")
    gold, preds = ([json.loads(line) for line in body.splitlines()] for body in json_blocks)
    report = score(gold_from_records(gold), preds_from_records(preds))
    shown = format_report(report, by_root=True, details=True)
    assert [line.rstrip() for line in shown.splitlines()] == expected.splitlines()
