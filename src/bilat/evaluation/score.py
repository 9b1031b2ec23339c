"""Score predicted dyadic events against gold events.

The rules are those of the project's reference scorer (``shared/tools/score.py``);
``docs/SCORING.md`` explains them with a worked example. In short, per document
and one-to-one, greedily, at three levels:

    full       doc_id, dyad, root and year agree (a gold year of None = any year)
    root_only  doc_id, dyad and root agree
    dyad_only  doc_id and dyad agree

The dyad agrees when (source, target) are equal, or reversed on a symmetric
gold event. Counts are expanded on both sides (capped at ``MAX_COUNT``).
Optional gold is neither rewarded nor punished; predictions with a null actor
never match. Non-optional, non-symmetric, dated gold events choose first.

Reading never crashes on a bad line: it is skipped, counted, and described in
``ScoreReport.warnings``. A file that cannot be opened or decoded raises
``InputNotFound`` / ``InputEncodingError``; a gold file with no usable event
raises ``MalformedInput``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilat.errors import InputEncodingError, InputNotFound, MalformedInput

__all__ = [
    "MAX_COUNT", "LEVELS", "LEVEL_NAMES", "GoldEvent", "PredEvent", "EventList", "LevelScore",
    "RootScore", "ScoreReport", "load_gold", "load_predictions", "gold_from_records",
    "preds_from_records", "score", "report_to_dict", "format_report",
]

MAX_COUNT = 1000  # a count above this is capped (and warned about)
MAX_LISTED_BAD_LINES = 5  # malformed lines described one by one; the rest are summed up
LEVELS: tuple[str, ...] = ("full", "root_only", "dyad_only")
LEVEL_NAMES: dict[str, str] = {"full": "full", "root_only": "root-only", "dyad_only": "dyad-only"}

_YEAR = re.compile(r"\s*(\d{4})")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event (already expanded: a count of 2 gives two records).

    Actors are upper-case codes; ``year`` None matches any year.
    """

    doc_id: str
    source: str
    target: str
    root: str
    year: int | None = None
    symmetric: bool = False
    optional: bool = False
    note: str = ""
    line: int = 0  # line of the gold file (or position among the records)


@dataclass(frozen=True, slots=True)
class PredEvent:
    """One predicted event (already expanded). A None actor never matches."""

    doc_id: str
    source_country: str | None
    target_country: str | None
    root: str | None
    year: int | None = None
    line: int = 0


class EventList(list):  # type: ignore[type-arg]
    """A list of GoldEvent or PredEvent plus what reading them found wrong."""

    def __init__(self, events: Iterable[Any] = (), *, warnings: Sequence[str] = (),
                 malformed: int = 0, skipped_null: int = 0) -> None:
        super().__init__(events)
        self.warnings: list[str] = list(warnings)
        self.malformed = malformed  # lines that were not JSON objects
        self.skipped_null = skipped_null  # predictions dropped by ignore_null


@dataclass(frozen=True, slots=True)
class LevelScore:
    """Counts and rates at one matching level (rates unrounded)."""

    tp: int
    fp: int
    fn: int
    ignored_optional: int  # predictions matched to optional gold
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class RootScore:
    """One row of the per-root table (full level); rates None when undefined."""

    root: str  # "??" for predictions without a readable root
    gold: int
    matched: int
    pred: int
    fp: int
    recall: float | None
    precision: float | None
    ignored_optional: int


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """Everything the scorer found; ``report_to_dict`` gives the JSON form."""

    levels: dict[str, LevelScore]
    by_root: dict[str, RootScore]
    false_negatives: list[GoldEvent]  # full level
    false_positives: list[PredEvent]  # full level
    gold_events: int  # non-optional
    gold_optional_events: int
    gold_docs: int
    pred_events: int
    pred_docs: int
    pred_events_outside_gold_docs: int
    pred_null_actor_events: int
    pred_skipped_null: int = 0
    warnings: list[str] = field(default_factory=list)


# --- reading --------------------------------------------------------------------

def _read_jsonl(path: str | Path, kind: str) -> list[tuple[int, Any]]:
    """Every non-blank line of a file, numbered, parsed as JSON (None where it is not JSON)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise InputNotFound(f"cannot read {kind} file {path}: {e.strerror or e}; "
                            "check the path") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputEncodingError(f"{kind} file {path} is not UTF-8 ({e.reason}); "
                                 "re-save it as UTF-8 JSON Lines") from e
    records: list[tuple[int, Any]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            obj = None
        records.append((lineno, obj))
    return records


def _norm_actor(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    return text or None


def _norm_doc(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _root(root_value: Any, code_value: Any) -> str | None:
    """Two-digit root from an explicit root, else from a CAMEO code."""
    if root_value is not None and root_value != "":
        if isinstance(root_value, bool):
            return None
        if isinstance(root_value, int):
            return f"{root_value:02d}" if 0 <= root_value < 100 else None
        text = str(root_value).strip()
        if not text.isdigit():
            return None
        return text.zfill(2) if len(text) <= 2 else text[:2]
    if code_value is None or code_value == "" or isinstance(code_value, bool):
        return None
    # an integer code lost its leading zero: 42 -> "042"
    code = str(code_value).zfill(3) if isinstance(code_value, int) else str(code_value).strip()
    if len(code) >= 2 and code[:2].isdigit():
        return code[:2]
    return "0" + code if len(code) == 1 and code.isdigit() else None


def _year(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    m = _YEAR.match(str(value))
    return int(m.group(1)) if m else None


def _count(value: Any, where: str, warnings: list[str]) -> int:
    if value is None:
        return 1
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        warnings.append(f"{where}: count {value!r} is not an integer; using 1")
        return 1
    if n < 0:
        warnings.append(f"{where}: negative count {value!r}; using 0")
        return 0
    if n > MAX_COUNT:
        warnings.append(f"{where}: count {n} capped at {MAX_COUNT}")
        return MAX_COUNT
    return n


def _malformed(records: list[tuple[int, Any]], label: str, warnings: list[str]
               ) -> tuple[list[tuple[int, Mapping[str, Any]]], int]:
    """Keep the mappings; warn about the rest like the reference scorer."""
    good: list[tuple[int, Mapping[str, Any]]] = []
    bad = 0
    for lineno, obj in records:
        if isinstance(obj, Mapping):
            good.append((lineno, obj))
            continue
        bad += 1
        if bad <= MAX_LISTED_BAD_LINES:
            warnings.append(f"{label} line {lineno} is not a JSON object; skipped")
    if bad > MAX_LISTED_BAD_LINES:
        warnings.append(f"{label}: {bad} malformed lines skipped in all")
    return good, bad


def _gold(records: list[tuple[int, Any]], label: str) -> EventList:
    warnings: list[str] = []
    good, bad = _malformed(records, label, warnings)
    events: list[GoldEvent] = []
    for lineno, g in good:
        doc = _norm_doc(g.get("doc_id"))
        src, tgt = _norm_actor(g.get("source")), _norm_actor(g.get("target"))
        root = _root(g.get("root"), g.get("code"))
        if not (doc and src and tgt and root):
            warnings.append(f"gold line {lineno} lacks doc_id/source/target/root; skipped")
            continue
        event = GoldEvent(doc_id=doc, source=src, target=tgt, root=root,
                          year=_year(g.get("year")), symmetric=bool(g.get("symmetric")),
                          optional=bool(g.get("optional")), note=str(g.get("note") or ""),
                          line=lineno)
        events.extend([event] * _count(g.get("count"), f"gold line {lineno}", warnings))
    return EventList(events, warnings=warnings, malformed=bad)


def _preds(records: list[tuple[int, Any]], label: str, ignore_null: bool) -> EventList:
    warnings: list[str] = []
    good, bad = _malformed(records, label, warnings)
    events: list[PredEvent] = []
    skipped_null = no_doc = 0
    for lineno, p in good:
        doc = _norm_doc(p.get("doc_id"))
        if not doc:
            no_doc += 1
            continue
        src = _norm_actor(p["source_country"] if "source_country" in p else p.get("source"))
        tgt = _norm_actor(p["target_country"] if "target_country" in p else p.get("target"))
        if ignore_null and (src is None or tgt is None):
            skipped_null += 1
            continue
        date = p.get("date")
        event = PredEvent(doc_id=doc, source_country=src, target_country=tgt,
                          root=_root(p.get("root"), p.get("cameo", p.get("code"))),
                          year=_year(date if date is not None else p.get("year")), line=lineno)
        events.extend([event] * _count(p.get("count"), f"prediction line {lineno}", warnings))
    if no_doc:
        warnings.append(f"{no_doc} prediction lines without doc_id skipped")
    return EventList(events, warnings=warnings, malformed=bad, skipped_null=skipped_null)


def load_gold(path: str | Path) -> EventList:
    """Gold events of a JSONL file (``doc_id, source, target, root|code, year, count,
    symmetric, optional, note``), counts expanded. ``MalformedInput`` if none is usable."""
    records = _read_jsonl(path, "gold")
    gold = _gold(records, f"gold {path}")
    if not gold:
        raise MalformedInput(f"gold file {path} holds no usable event; each line needs "
                             "doc_id, source, target and root (or code)")
    return gold


def load_predictions(path: str | Path, *, ignore_null: bool = False) -> EventList:
    """Predicted events of a JSONL file (bilat's event JSON), counts expanded.

    With ``ignore_null``, predictions with a null source or target are dropped
    (and counted) instead of becoming false positives.
    """
    records = _read_jsonl(path, "prediction")
    return _preds(records, f"prediction {path}", ignore_null)


def gold_from_records(records: Iterable[Any]) -> EventList:
    """Gold events from dicts shaped like gold JSONL lines; ``line`` is the 1-based position."""
    return _gold(list(enumerate(records, 1)), "gold record")


def preds_from_records(records: Iterable[Any], *, ignore_null: bool = False) -> EventList:
    """Predicted events from dicts (``source_country``, ``target_country``, ``root`` or
    ``cameo``, ``date``, ``count``); ``line`` is the 1-based position."""
    return _preds(list(enumerate(records, 1)), "prediction record", ignore_null)


# --- matching -------------------------------------------------------------------

def _match(level: str, gold: Sequence[GoldEvent], preds: Sequence[PredEvent]
           ) -> tuple[set[int], dict[int, int]]:
    """Greedy one-to-one matching at one level: (matched gold indexes, pred -> gold index)."""
    check_root = level != "dyad_only"
    check_year = level == "full"
    candidates: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(preds):
        if p.source_country is not None and p.target_country is not None:
            candidates[p.doc_id].append(i)
    # non-optional gold first; then the most constrained: directed, then dated
    order = sorted(range(len(gold)),
                   key=lambda i: (gold[i].optional, gold[i].symmetric, gold[i].year is None, i))
    used: set[int] = set()
    pred_to: dict[int, int] = {}
    matched: set[int] = set()
    for gi in order:
        g = gold[gi]
        best = -1
        best_key: tuple[int, bool, bool, int] | None = None
        for pi in candidates.get(g.doc_id, ()):
            if pi in used:
                continue
            p = preds[pi]
            if p.source_country == g.source and p.target_country == g.target:
                reversed_ = 0
            elif g.symmetric and p.source_country == g.target and p.target_country == g.source:
                reversed_ = 1
            else:
                continue
            root_differs = g.root != p.root
            if check_root and root_differs:
                continue
            year_differs = g.year is not None and g.year != p.year
            if check_year and year_differs:
                continue
            # prefer: same direction, then agreement on ignored fields, then file order
            key = (reversed_, root_differs, year_differs, pi)
            if best_key is None or key < best_key:
                best, best_key = pi, key
                if key[:3] == (0, False, False):
                    break  # nothing later in file order can beat it
        if best >= 0:
            used.add(best)
            pred_to[best] = gi
            matched.add(gi)
    return matched, pred_to


def _rates(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _by_root(gold: Sequence[GoldEvent], preds: Sequence[PredEvent], matched: set[int],
             pred_to: dict[int, int]) -> dict[str, RootScore]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # gold matched pred fp
    for gi, g in enumerate(gold):
        if not g.optional:
            row = rows[g.root]
            row[0] += 1
            row[1] += gi in matched
    for pi, p in enumerate(preds):
        row = rows[p.root or "??"]
        row[2] += 1
        row[3] += pi not in pred_to
    table: dict[str, RootScore] = {}
    for root in sorted(rows):
        n_gold, n_matched, n_pred, n_fp = rows[root]
        matched_preds = n_pred - n_fp
        table[root] = RootScore(
            root=root, gold=n_gold, matched=n_matched, pred=n_pred, fp=n_fp,
            recall=n_matched / n_gold if n_gold else None,
            # predictions matched only to optional gold are neither TP nor FP
            precision=n_matched / (n_matched + n_fp) if n_matched + n_fp else None,
            ignored_optional=max(matched_preds - n_matched, 0))
    return table


def score(gold: Sequence[GoldEvent], preds: Sequence[PredEvent]) -> ScoreReport:
    """Score expanded predictions against expanded gold at every level."""
    n_required = sum(1 for g in gold if not g.optional)
    levels: dict[str, LevelScore] = {}
    full: tuple[set[int], dict[int, int]] = (set(), {})
    for level in LEVELS:
        matched, pred_to = _match(level, gold, preds)
        tp = sum(1 for gi in matched if not gold[gi].optional)
        fp = len(preds) - len(pred_to)
        fn = n_required - tp
        levels[level] = LevelScore(tp, fp, fn, len(pred_to) - tp, *_rates(tp, fp, fn))
        if level == "full":
            full = (matched, pred_to)
    matched, pred_to = full
    gold_docs = {g.doc_id for g in gold}
    warnings = [*getattr(gold, "warnings", ()), *getattr(preds, "warnings", ())]
    return ScoreReport(
        levels=levels,
        by_root=_by_root(gold, preds, matched, pred_to),
        false_negatives=[g for gi, g in enumerate(gold) if not g.optional and gi not in matched],
        false_positives=[p for pi, p in enumerate(preds) if pi not in pred_to],
        gold_events=n_required,
        gold_optional_events=len(gold) - n_required,
        gold_docs=len(gold_docs),
        pred_events=len(preds),
        pred_docs=len({p.doc_id for p in preds}),
        pred_events_outside_gold_docs=sum(1 for p in preds if p.doc_id not in gold_docs),
        pred_null_actor_events=sum(1 for p in preds
                                   if p.source_country is None or p.target_country is None),
        pred_skipped_null=getattr(preds, "skipped_null", 0),
        warnings=warnings,
    )


# --- output ---------------------------------------------------------------------

def _r3(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def report_to_dict(report: ScoreReport, *, by_root: bool = True, details: bool = True
                   ) -> dict[str, Any]:
    """The reference scorer's ``--json`` object (with ``--by-root``/``--details`` as asked)."""
    out: dict[str, Any] = {
        "gold_events": report.gold_events,
        "gold_optional_events": report.gold_optional_events,
        "gold_docs": report.gold_docs,
        "pred_events": report.pred_events,
        "pred_docs": report.pred_docs,
        "pred_events_outside_gold_docs": report.pred_events_outside_gold_docs,
        "pred_null_actor_events": report.pred_null_actor_events,
        "pred_skipped_null": report.pred_skipped_null,
        "levels": {name: {"tp": s.tp, "fp": s.fp, "fn": s.fn,
                          "ignored_optional": s.ignored_optional, "precision": _r3(s.precision),
                          "recall": _r3(s.recall), "f1": _r3(s.f1)}
                   for name, s in report.levels.items()},
    }
    if by_root:
        out["by_root"] = {root: {"gold": r.gold, "matched": r.matched, "pred": r.pred,
                                 "fp": r.fp, "recall": _r3(r.recall),
                                 "precision": _r3(r.precision),
                                 "ignored_optional": r.ignored_optional}
                          for root, r in report.by_root.items()}
    if details:
        out["false_negatives"] = [
            {"doc_id": g.doc_id, "source": g.source, "target": g.target, "root": g.root,
             "year": g.year, "symmetric": g.symmetric, "gold_line": g.line, "note": g.note}
            for g in report.false_negatives]
        out["false_positives"] = [
            {"doc_id": p.doc_id, "source_country": p.source_country,
             "target_country": p.target_country, "root": p.root, "year": p.year,
             "pred_line": p.line}
            for p in report.false_positives]
    return out


def _fmt_rate(x: float | None) -> str:
    return "  -  " if x is None else "%.3f" % round(x, 3)


def format_report(report: ScoreReport, *, by_root: bool, details: bool = False) -> str:
    """The reference scorer's text report (its stdout), ending with a newline."""
    r = report
    out = ["gold: %d events (+%d optional) in %d docs; predictions: %d events in %d docs"
           % (r.gold_events, r.gold_optional_events, r.gold_docs, r.pred_events, r.pred_docs)]
    if r.pred_events_outside_gold_docs:
        out.append("  %d predicted events are in doc_ids absent from gold (all counted as FP)"
                   % r.pred_events_outside_gold_docs)
    if r.pred_null_actor_events:
        out.append("  %d predicted events have a null source or target (never match)"
                   % r.pred_null_actor_events)
    if r.pred_skipped_null:
        out.append("  %d predicted events with a null actor dropped (--ignore-null)"
                   % r.pred_skipped_null)
    out.append("%-10s %5s %5s %5s %8s  %9s %7s %6s"
               % ("level", "tp", "fp", "fn", "ignored", "precision", "recall", "f1"))
    for level in LEVELS:
        s = r.levels[level]
        out.append("%-10s %5d %5d %5d %8d  %9.3f %7.3f %6.3f"
                   % (LEVEL_NAMES[level], s.tp, s.fp, s.fn, s.ignored_optional,
                      round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)))
    if by_root:
        out += ["", "per root (full level):",
                "%-5s %5s %8s %7s %5s %5s %9s"
                % ("root", "gold", "matched", "recall", "pred", "fp", "precision")]
        for root, row in r.by_root.items():
            out.append("%-5s %5d %8d %7s %5d %5d %9s"
                       % (root, row.gold, row.matched, _fmt_rate(row.recall), row.pred,
                          row.fp, _fmt_rate(row.precision)))
    if details:
        out += ["", "false negatives (full level): %d" % len(r.false_negatives)]
        for g in r.false_negatives:
            out.append("  %s %s%s%s root %s year %s  [gold line %d] %s"
                       % (g.doc_id, g.source, "<->" if g.symmetric else "->", g.target, g.root,
                          "any" if g.year is None else g.year, g.line, g.note))
        out.append("false positives (full level): %d" % len(r.false_positives))
        for p in r.false_positives:
            out.append("  %s %s->%s root %s year %s  [pred line %d]"
                       % (p.doc_id, p.source_country, p.target_country, p.root, p.year, p.line))
    return "\n".join(out) + "\n"
