"""Run a PETRARCH validation-records file with its own dictionaries and score it.

    result = run_suite("../shared/eval/petr-validation-suite/petrarch2/PETR.UnitTest.records.xml")
    result.rate            # share of evaluated records coded exactly
    print(format_result(result, details=True))

The dictionaries are the ones the file's ``<Environment>`` names, read from the
file's folder. A record counts as exact when the set of (source, target, event
code) triples bilat codes equals the gold set (an empty set for
``noevents``/``error`` records). ``<Config>`` and ``<Parse>`` are not applied;
failures they explain are tagged (see `TAGS`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.compat.petrarch.coder import PetrarchCoder
from bilat.compat.petrarch.dictionaries import PetrarchDictionaries, load_files
from bilat.compat.petrarch.records import Record, RecordSet, Triple, read_records
from bilat.errors import InputNotFound, MalformedInput

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RecordOutcome", "SuiteResult", "run_suite", "run_records", "find_records_file",
           "format_result", "diagnose", "default_suites", "producible_codes", "result_json",
           "SUITES", "TAGS"]

#: The suites `default_suites` looks for, under the shared data folder.
SUITES = (
    ("eval", "petr-validation-suite", "petrarch2", "PETR.UnitTest.records.xml"),
    ("eval", "petr-validation-suite", "ud-petrarch-dev-validate", "PETR_Validate_records_2_02.xml"),
)

#: Why a record cannot come out exact by design (from the record itself).
TAGS = {
    "parse-text": "the <Parse> words differ from <Text>; the gold was coded from the parse",
    "require-dyad-off": "gold has a null (---) side: needs <Config require_dyad=false>",
    "new-actor": "gold has a quoted noun phrase: needs <Config new_actor_length> actor guessing",
    "parse-error": "gold expects PETRARCH to reject a malformed <Parse>",
    "joined-codes": "gold keeps a '/'-joined actor code whole; bilat codes each actor",
    "unknown-code": "gold has an event code the suite's verbs dictionary cannot give",
}


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    id: str
    category: str | None
    line: int
    text: str
    included: bool
    expected: frozenset[Triple]
    predicted: frozenset[Triple]
    tags: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        return self.expected == self.predicted

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "category": self.category, "line": self.line,
                "included": self.included, "exact": self.exact, "text": self.text,
                "expected": sorted(map(list, self.expected)),
                "predicted": sorted(map(list, self.predicted)), "tags": list(self.tags)}


@dataclass(frozen=True, slots=True)
class SuiteResult:
    name: str
    path: str
    dictionaries: str
    outcomes: tuple[RecordOutcome, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def evaluated(self) -> list[RecordOutcome]:
        return [o for o in self.outcomes if o.included]

    @property
    def exact(self) -> int:
        return sum(o.exact for o in self.evaluated)

    @property
    def rate(self) -> float:
        n = len(self.evaluated)
        return self.exact / n if n else 0.0

    @property
    def rate_all(self) -> float:
        n = len(self.outcomes)
        return sum(o.exact for o in self.outcomes) / n if n else 0.0

    @property
    def failures(self) -> list[RecordOutcome]:
        return [o for o in self.evaluated if not o.exact]

    def by_category(self) -> dict[str, tuple[int, int]]:
        total: Counter[str] = Counter()
        good: Counter[str] = Counter()
        for o in self.evaluated:
            key = o.category or "-"
            total[key] += 1
            good[key] += o.exact
        return {k: (good[k], total[k]) for k in total}

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "path": self.path, "dictionaries": self.dictionaries,
            "records": len(self.outcomes), "evaluated": len(self.evaluated),
            "exact": self.exact, "rate": round(self.rate, 4), "rate_all": round(self.rate_all, 4),
            "by_category": {k: {"exact": g, "records": n}
                            for k, (g, n) in self.by_category().items()},
            "failures": [o.id for o in self.failures],
        }
        if details:
            out["outcomes"] = [o.to_dict() for o in self.outcomes]
        return out


def producible_codes(d: PetrarchDictionaries) -> frozenset[str]:
    """Every event code the dictionaries can give (negations through the ontology too)."""
    raw: set[str] = set()
    for b in d.verbs.blocks:
        raw.add(b.code)
        raw.update(v.code for v in b.verbs if v.code)
        raw.update(p.code for p in b.patterns)
    codes = {part for c in raw for part in c.split(":") if part}
    if d.ontology is not None:
        codes |= {n for c in list(codes) if (n := d.ontology.negate(c))}
    return frozenset(codes)


def diagnose(r: Record, codes: frozenset[str] | None = None) -> tuple[str, ...]:
    """Tags (keys of `TAGS`) for what the record needs beyond coding its text; `codes`
    are the event codes the dictionaries can give."""
    tags = []
    if not r.text_matches_parse:
        tags.append("parse-text")
    if any(s == "---" or t == "---" for s, t, _ in r.expected):
        tags.append("require-dyad-off")
    if any(s.startswith('"') or t.startswith('"') for s, t, _ in r.expected):
        tags.append("new-actor")
    if r.expects_error == "bad_input_parse":
        tags.append("parse-error")
    if any("/" in s or "/" in t for s, t, _ in r.expected):
        tags.append("joined-codes")
    if codes is not None and any(e not in codes for _, _, e in r.expected):
        tags.append("unknown-code")
    return tuple(tags)


def default_suites(shared: Path | None = None) -> list[Path]:
    """The PETRARCH-2 unit-test and UD-PETRARCH validation records under the shared
    data folder (``$BILAT_SHARED``, else ``../shared`` beside the checkout)."""
    from bilat.evaluation.adapters.base import shared_dir

    root = shared if shared is not None else shared_dir()
    found = [root.joinpath(*parts) for parts in SUITES]
    present = [p for p in found if p.is_file()]
    if not present:
        raise InputNotFound(f"no PETRARCH validation records under {root}; put the shared data "
                            "beside the checkout, set BILAT_SHARED, or give --records FILE")
    return present


def find_records_file(path: str | Path) -> Path:
    """`path` itself, or the one ``*records*.xml`` file in the folder `path`."""
    p = Path(path)
    if p.is_file():
        return p
    if p.is_dir():
        found = sorted(p.glob("*[Rr]ecords*.xml"))
        if len(found) == 1:
            return found[0]
        raise InputNotFound(f"{p}: expected one *records*.xml file, found {len(found)}; "
                            "give the records file itself")
    raise InputNotFound(f"{p}: no such records file or folder")


def _dictionaries(rs: RecordSet, folder: Path) -> PetrarchDictionaries:
    env = rs.environment
    if env.verbs is None or not env.actors:
        raise MalformedInput(f"{rs.path}: <Environment> must name a <Verbfile> and an "
                             "<Actorfile>")
    return load_files(verbs=folder / env.verbs, actors=[folder / a for a in env.actors],
                      agents=[folder / a for a in env.agents],
                      discards=[folder / d for d in env.discards],
                      ontology=folder / env.ontology if env.ontology else None)


def run_records(rs: RecordSet, coder: PetrarchCoder, *, name: str) -> SuiteResult:
    """Code every record of `rs` with `coder` and compare with the gold."""
    items = [(r.text, r.date) for r in rs.records]
    codes = producible_codes(coder.d)
    outcomes = []
    for r, sentences in zip(rs.records, coder.code_texts(items)):
        predicted = frozenset(ev.triple for s in sentences for ev in s.events)
        outcomes.append(RecordOutcome(r.id, r.category, r.line, r.text, rs.included(r),
                                      r.expected, predicted, diagnose(r, codes)))
    return SuiteResult(name, rs.path, coder.d.summary(), tuple(outcomes), coder.d.notes)


def run_suite(path: str | Path, *, nlp: "Language | None" = None) -> SuiteResult:
    """Read a records file (or its folder), load the dictionaries it names, run it."""
    file = find_records_file(path)
    rs = read_records(file)
    coder = PetrarchCoder(_dictionaries(rs, file.parent), nlp=nlp)
    return run_records(rs, coder, name=file.name)


def format_result(result: SuiteResult, *, details: bool = False) -> str:
    """A short text report; with `details`, every record not coded exactly."""
    lines = [f"{result.name}: {result.exact}/{len(result.evaluated)} evaluated records coded "
             f"exactly ({result.rate:.1%}); {len(result.outcomes)} records in the file",
             f"dictionaries: {result.dictionaries}"]
    for cat, (good, n) in sorted(result.by_category().items()):
        lines.append(f"  {cat:<10} {good:>4}/{n:<4}")
    if details:
        for o in result.failures:
            tags = f"  [{', '.join(o.tags)}]" if o.tags else ""
            lines.append(f"- {o.id} (line {o.line}){tags}: {o.text}")
            lines.append(f"    gold: {_fmt(o.expected)}")
            lines.append(f"    got:  {_fmt(o.predicted)}")
    return "\n".join(lines)


def _fmt(triples: frozenset[Triple]) -> str:
    if not triples:
        return "(no event)"
    return " ".join(f"{s}>{t}:{c}" for s, t, c in sorted(triples))


def result_json(result: SuiteResult, *, details: bool = False) -> str:
    return json.dumps(result.to_dict(details=details), ensure_ascii=False)
