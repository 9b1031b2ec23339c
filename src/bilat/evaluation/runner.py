"""Run bilat over the public gold sets and compare with the figures of the last run.

    outcomes = run_sets(["petr2-gsr", "seed"], limit=20)   # builds one Coder, lazily
    baseline = read_baseline(default_doc_path())            # the block in docs/ACCURACY.md
    text = format_table(outcomes, baseline)                 # one table: figures, previous, delta
    write_baseline(default_doc_path(), outcomes, today=date.today())

The figures of the last recorded run live in docs/ACCURACY.md between the
markers `BEGIN` and `END`: a Markdown table for readers and a fenced JSON block
for this module. `write_baseline` rewrites only that region, and keeps the
figures of the sets that were not run (or were skipped).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.errors import BadParameter, InputNotFound, MalformedInput
from bilat.evaluation.adapters import ADAPTERS, get_adapter
from bilat.evaluation.adapters.base import (
    MANUAL_STORY_DATE, ActorFinder, CoderLike, SetResult, shared_dir,
)

if TYPE_CHECKING:
    from bilat.pipeline import Coder

__all__ = [
    "BEGIN", "END", "Baseline", "SetOutcome", "default_doc_path", "format_details",
    "format_table", "gazetteer_finder", "merged_figures", "parse_sets", "read_baseline", "render_block",
    "run_sets", "write_baseline",
]

BEGIN = "<!-- bilat-eval:begin (written by `python -m bilat.evaluation --write`) -->"
END = "<!-- bilat-eval:end -->"
_JSON_BLOCK = re.compile(r"```json\s*\n(.*?)\n```", re.S)


def default_doc_path() -> Path:
    """docs/ACCURACY.md of the checkout bilat runs from."""
    return Path(__file__).resolve().parents[3] / "docs" / "ACCURACY.md"


def parse_sets(value: str | None) -> list[str]:
    """"a,b" -> ["a", "b"] in the table's order; None or "" or "all" -> every set."""
    if not value or value.strip() == "all":
        return list(ADAPTERS)
    names = [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        get_adapter(name)  # raises BadParameter for an unknown name
    return [n for n in ADAPTERS if n in names]


# --- running --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SetOutcome:
    """One set's run: its result, or why it was skipped."""

    name: str
    target: float
    result: SetResult | None = None
    met: bool | None = None
    skipped: str | None = None  # "absent: ..." when the data is not there
    seconds: float = 0.0
    articles: int = 0


def gazetteer_finder(coder: "Coder") -> ActorFinder:
    """The countries/IGOs bilat's gazetteer finds in each text (it needs tokens only)."""
    def find(texts: Sequence[str]) -> list[frozenset[str]]:
        out: list[frozenset[str]] = []
        for text in texts:
            doc = coder.nlp.make_doc(text)
            out.append(frozenset(m.country for m in coder.gazetteer.find_actors(
                doc, when=MANUAL_STORY_DATE) if m.country is not None and m.kind != "dyad_ref"))
        return out
    return find


def run_sets(names: Iterable[str], *, coder: CoderLike | None = None,
             make_coder: Callable[[], CoderLike] | None = None, shared: Path | None = None,
             limit: int | None = None, actor_finder: ActorFinder | None = None
             ) -> list[SetOutcome]:
    """Load, code and score each set. The coder is built (once) only when a set loads.

    A set whose data is absent comes back skipped ("absent: ..."); other errors
    propagate. `limit` scores at most that many records of each set, spread
    evenly over it.
    """
    if limit is not None and limit < 1:
        raise BadParameter(f"--limit must be at least 1, not {limit}")
    root = shared if shared is not None else shared_dir()
    outcomes: list[SetOutcome] = []
    for name in names:
        adapter = get_adapter(name)
        started = time.perf_counter()
        try:
            loaded = adapter.load(root, limit=limit)
        except InputNotFound as e:
            outcomes.append(SetOutcome(name, adapter.target, skipped=f"absent: {e.message}"))
            continue
        if coder is None:
            coder = make_coder() if make_coder is not None else _default_coder()
        coded = list(coder.code_articles(loaded.articles))
        finder = actor_finder
        if finder is None and hasattr(coder, "gazetteer") and hasattr(coder, "nlp"):
            finder = gazetteer_finder(coder)  # type: ignore[arg-type]
        result = adapter.score(loaded, coded, actor_finder=finder)
        outcomes.append(SetOutcome(name, adapter.target, result, adapter.meets_target(result),
                                   seconds=time.perf_counter() - started,
                                   articles=len(loaded.cases)))
    return outcomes


def _default_coder() -> CoderLike:
    from bilat.pipeline import Coder

    return Coder()


# --- the baseline block in docs/ACCURACY.md ---------------------------------------

@dataclass(frozen=True, slots=True)
class Baseline:
    """The figures of the last recorded run (empty when none was recorded)."""

    date: str | None = None
    sets: dict[str, dict[str, Any]] = field(default_factory=dict)

    def headline(self, name: str) -> float | None:
        value = self.sets.get(name, {}).get("headline")
        return float(value) if isinstance(value, (int, float)) else None


def _region(text: str) -> tuple[int, int] | None:
    start = text.find(BEGIN)
    if start < 0:
        return None
    end = text.find(END, start)
    return (start, end + len(END)) if end >= 0 else None


def read_baseline(path: Path) -> Baseline:
    """The JSON block between the markers of `path`; empty when the file or block is absent.

    A block that is not valid JSON raises ``MalformedInput``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Baseline()
    region = _region(text)
    if region is None:
        return Baseline()
    m = _JSON_BLOCK.search(text, region[0], region[1])
    if m is None:
        return Baseline()
    try:
        data = json.loads(m.group(1))
    except ValueError as e:
        raise MalformedInput(f"{path}: the figures block is not JSON ({e}); fix it or "
                             "delete the block and run with --write") from e
    if not isinstance(data, dict) or not isinstance(data.get("sets", {}), dict):
        raise MalformedInput(f"{path}: the figures block must be an object with 'sets'; "
                             "fix it or delete the block and run with --write")
    return Baseline(data.get("date"), dict(data.get("sets") or {}))


def merged_figures(outcomes: Sequence[SetOutcome], baseline: Baseline, *, today: date
                   ) -> dict[str, Any]:
    """The new block's data: this run's figures over the previous ones."""
    sets = {k: dict(v) for k, v in baseline.sets.items()}
    for o in outcomes:
        if o.result is None:
            continue
        sets[o.name] = {**o.result.figures(), "target": o.target, "met": o.met,
                        "date": today.isoformat()}
    ordered = {n: sets[n] for n in ADAPTERS if n in sets}
    ordered.update({n: v for n, v in sets.items() if n not in ordered})
    return {"date": today.isoformat(), "sets": ordered}


def _fmt(x: Any) -> str:
    if isinstance(x, bool) or x is None:
        return "-" if x is None else ("yes" if x else "no")
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


def _dump(data: dict[str, Any]) -> str:
    """The JSON block: one line per set, so that a run's diff is one line per changed set."""
    rows = [f" {json.dumps(name)}: {json.dumps(f, ensure_ascii=False)}"
            for name, f in data["sets"].items()]
    body = ",\n".join(rows)
    sets = "{\n" + body + "\n }" if rows else "{}"
    return f'{{\n "date": {json.dumps(data["date"])},\n "sets": {sets}\n}}'


def render_block(data: dict[str, Any]) -> str:
    """The region written into docs/ACCURACY.md: a Markdown table and the JSON block."""
    lines = [BEGIN, "", f"Measured on {data['date']} (per set: the date of its last run).", "",
             "| set | size | metric | P | R | figure | target | met | date |",
             "|---|---:|---|---:|---:|---:|---:|---|---|"]
    for name, f in data["sets"].items():
        lines.append(f"| {name} | {f.get('size', '-')} | {f.get('metric', '-')} | "
                     f"{_fmt(f.get('precision'))} | {_fmt(f.get('recall'))} | "
                     f"{_fmt(f.get('headline'))} | {_fmt(f.get('target'))} | "
                     f"{_fmt(f.get('met'))} | {f.get('date', '-')} |")
    lines += ["", "```json", _dump(data), "```", "", END]
    return "\n".join(lines)


def write_baseline(path: Path, outcomes: Sequence[SetOutcome], *, today: date) -> Baseline:
    """Record this run's figures in `path` (region replaced, or appended); the new baseline."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputNotFound(f"{path} not found; run from a checkout of bilat or pass --doc") from e
    data = merged_figures(outcomes, read_baseline(path), today=today)
    block = render_block(data)
    region = _region(text)
    if region is None:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = text[:region[0]] + block + text[region[1]:]
    path.write_text(text, encoding="utf-8")
    return Baseline(data["date"], data["sets"])


# --- output -----------------------------------------------------------------------

def _rate(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def format_table(outcomes: Sequence[SetOutcome], baseline: Baseline, *,
                 limit: int | None = None) -> str:
    """One table: per set its size, P, R, figure, the previous figure, delta and target."""
    head = (f"{'set':<17} {'size':>5}  {'metric':<13} {'P':>5} {'R':>5} {'figure':>6} "
            f"{'prev':>6} {'delta':>7} {'target':>6}  {'status':<8} {'secs':>5}")
    rows = [head, "-" * len(head)]
    for o in outcomes:
        prev = baseline.headline(o.name)
        prev_s = "     -" if prev is None else f"{prev:6.3f}"
        if o.result is None:
            rows.append(f"{o.name:<17} {'-':>5}  {'-':<13} {'-':>5} {'-':>5} {'-':>6} "
                        f"{prev_s} {'':>7} {o.target:6.2f}  skipped: "
                        f"{(o.skipped or '').split(':')[0]}")
            continue
        r = o.result
        delta = "      -" if prev is None else f"{round(r.headline - prev, 3) + 0.0:+7.3f}"
        status = "met" if o.met else "MISSED"
        rows.append(f"{o.name:<17} {r.size:>5}  {r.metric:<13} {_rate(r.precision)} "
                    f"{_rate(r.recall)} {r.headline:6.3f} {prev_s} {delta} {o.target:6.2f}  "
                    f"{status:<8} {o.seconds:5.1f}")
    when = baseline.date or "never"
    rows.append(f"previous figures: docs/ACCURACY.md, recorded {when}")
    if limit is not None:
        rows.append(f"--limit {limit}: figures on a sample of each set; deltas are indicative only")
    return "\n".join(rows) + "\n"


def format_details(outcome: SetOutcome) -> str:
    """Notes, secondary figures, error kinds with counts, the confusion matrix and every error."""
    if outcome.result is None:
        return f"{outcome.name}: skipped: {outcome.skipped}\n"
    r = outcome.result
    out = [f"== {r.name}: {r.metric} {r.headline:.3f} over {r.size} "
           f"(target {outcome.target:.2f})"]
    out += [f"note: {n}" for n in r.notes]
    if r.extra:
        out.append("figures: " + ", ".join(f"{k} {_fmt(v)}" for k, v in sorted(r.extra.items())))
    if r.confusion is not None:
        out += ["", "confusion matrix (rows gold, columns predicted):", r.confusion.format()]
    kinds = r.error_kinds()
    if kinds:
        out += ["", "error kinds:"]
        out += [f"  {n:4d}  {kind}" for kind, n in kinds.most_common()]
        out += ["", "errors:"]
        for e in sorted(r.errors, key=lambda e: (e.kind, e.doc_id)):
            out.append(f"- [{e.kind}] {e.doc_id}: gold {e.gold} | bilat {e.predicted}")
            if e.text:
                out.append(f"    {e.text}")
    return "\n".join(out) + "\n"
