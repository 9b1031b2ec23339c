"""Leaders benchmark: visits described only by the visitor's title and name.

Each sentence of ``data/benchmarks/visits.jsonl`` names a visitor by title and
name, without a country word ("Chancellor Helmut Kohl arrived in Moscow on
December 15, 1992"), so the source country can only come from the leaders
table resolved on the story date. The benchmark runs bilat's full `Coder`
and counts the sentences whose visit event (CAMEO 042) has the gold source
country. The target figure is `TARGET` (0.90).

    result = run_leaders_bench()           # builds a Coder (spaCy model) once
    result.source_accuracy                 # the headline figure
    result.misses                          # what went wrong, sentence by sentence
    result.to_set_result()                 # the evaluation runner's record

    python -m bilat.evaluation.leaders_bench [--path FILE] [--misses]

Each miss is classified so that the fix goes to the right place:

    visitor not found     no actor of the gold country in the sentence
                          (the name is missing from the table, or the gazetteer
                          did not match it)
    visitor wrong country the visitor was found, but as another country
    no visit event        the visitor was found; the coder made no 042 event
    wrong source          a 042 event was coded with another source

File format (JSONL, one sentence a line): ``id``, ``text``, ``story_date``
(YYYY-MM-DD), ``source`` and ``target`` (ISO3), ``year``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bilat.errors import BilatError, InputEncodingError, InputNotFound, MalformedInput

if TYPE_CHECKING:
    from bilat.evaluation.adapters.base import SetResult
    from bilat.pipeline import CodedArticle
    from bilat.schemas import Article

__all__ = [
    "DEFAULT_PATH", "NAME", "TARGET", "VISIT_CODE", "BenchResult", "VisitCase", "VisitMiss",
    "format_result", "load_cases", "main", "run_leaders_bench", "score_cases",
]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "benchmarks" / "visits.jsonl"
NAME = "leaders-visits"
TARGET = 0.90
VISIT_CODE = "042"  # CAMEO: make a visit
_VISITOR_TOKENS = 6  # the visitor's mention starts this close to the start of the sentence
_FIELDS = ("id", "text", "story_date", "source", "target", "year")


@dataclass(frozen=True, slots=True)
class VisitCase:
    """One benchmark sentence and its gold dyad."""

    id: str
    text: str
    story_date: date
    source: str  # ISO3 of the visitor
    target: str  # ISO3 of the host
    year: int


@dataclass(frozen=True, slots=True)
class VisitMiss:
    """A sentence whose visit event did not get the gold source country."""

    id: str
    kind: str  # visitor not found | visitor wrong country | no visit event | wrong source
    text: str
    gold: str  # "DEU->RUS"
    predicted: str  # the coded events ("042 DEU->RUS; 040 DEU->-") or "-"


@dataclass(frozen=True, slots=True)
class BenchResult:
    """The benchmark's figures. `source_accuracy` is held against `TARGET`."""

    size: int
    correct: int  # sentences with a 042 event whose source is the gold country
    dyad_correct: int  # ... whose target is the gold country too
    misses: tuple[VisitMiss, ...]
    path: str

    @property
    def source_accuracy(self) -> float:
        return self.correct / self.size if self.size else 0.0

    @property
    def dyad_accuracy(self) -> float:
        return self.dyad_correct / self.size if self.size else 0.0

    @property
    def met(self) -> bool:
        return self.source_accuracy >= TARGET

    def miss_kinds(self) -> Counter[str]:
        return Counter(m.kind for m in self.misses)

    def to_set_result(self) -> "SetResult":
        """The record `bilat.evaluation.runner` prints and keeps in docs/ACCURACY.md."""
        from bilat.evaluation.adapters.base import ErrorRow, SetResult

        errors = tuple(ErrorRow(m.kind, m.id, m.gold, m.predicted, m.text) for m in self.misses)
        return SetResult(NAME, self.size, "source accuracy", self.source_accuracy,
                         accuracy=self.source_accuracy,
                         extra={"dyad_accuracy": round(self.dyad_accuracy, 3),
                                "correct": self.correct},
                         errors=errors,
                         notes=(f"visits by title and name only, read from {self.path}",))


class _CoderLike(Protocol):
    def code_articles(self, articles: Iterable["Article"]) -> Iterable["CodedArticle"]: ...


# ---- reading ---------------------------------------------------------------------------------

def load_cases(path: Path | str | None = None) -> list[VisitCase]:
    """The benchmark sentences at `path` (default: the bundled file).

    Raises InputNotFound, InputEncodingError, or MalformedInput naming every bad line.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise InputNotFound(f"benchmark file {p} does not exist: pass the path of a visits "
                            "JSONL file") from e
    except UnicodeDecodeError as e:
        raise InputEncodingError(f"benchmark file {p} is not UTF-8: save it as UTF-8") from e
    cases: list[VisitCase] = []
    problems: list[str] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(_case(json.loads(line)))
        except (ValueError, TypeError, KeyError) as e:
            problems.append(f"{p}:{lineno}: {e}")
    if problems:
        raise MalformedInput(f"benchmark file {p} has {len(problems)} bad line(s): "
                             + "; ".join(problems) + " -- each line needs "
                             + ", ".join(_FIELDS))
    if not cases:
        raise MalformedInput(f"benchmark file {p} has no sentences: add JSONL lines with "
                             + ", ".join(_FIELDS))
    return cases


def _case(record: Any) -> VisitCase:
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    missing = [k for k in _FIELDS if k not in record]
    if missing:
        raise KeyError(f"missing field(s) {', '.join(missing)}")
    when = date.fromisoformat(str(record["story_date"]))
    case = VisitCase(id=str(record["id"]), text=str(record["text"]), story_date=when,
                     source=str(record["source"]).upper(), target=str(record["target"]).upper(),
                     year=int(record["year"]))
    if case.year != when.year:
        raise ValueError(f"year {case.year} differs from story_date {when.isoformat()}")
    return case


# ---- scoring ---------------------------------------------------------------------------------

def _describe(events: Sequence[Any]) -> str:
    if not events:
        return "-"
    return "; ".join(f"{e.cameo} {e.source_country or '-'}->{e.target_country or '-'}"
                     for e in events)


def _visitor_countries(coder: Any, case: VisitCase) -> set[str] | None:
    """Countries of the actors the gazetteer finds at the start of the sentence (the
    visitor), or None when `coder` has no gazetteer."""
    gazetteer, nlp = getattr(coder, "gazetteer", None), getattr(coder, "nlp", None)
    if gazetteer is None or nlp is None:
        return None
    doc = nlp.make_doc(case.text)
    return {m.country for m in gazetteer.find_actors(doc, when=case.story_date)
            if m.country is not None and m.start <= _VISITOR_TOKENS}


def score_cases(cases: Sequence[VisitCase], coded: Sequence["CodedArticle"], *,
                coder: Any = None, path: str = "") -> BenchResult:
    """Compare coded articles (in the order of `cases`) with the gold dyads.

    `coder`, when given, classifies each miss by what its gazetteer found.
    """
    if len(cases) != len(coded):
        raise MalformedInput(f"{len(coded)} coded articles for {len(cases)} benchmark "
                             "sentences: code every sentence once, in order")
    correct = dyad_correct = 0
    misses: list[VisitMiss] = []
    for case, result in zip(cases, coded):
        events = list(result.events)
        visits = [e for e in events if e.cameo.startswith(VISIT_CODE)]
        good = [e for e in visits if e.source_country == case.source]
        if good:
            correct += 1
            dyad_correct += any(e.target_country == case.target for e in good)
            continue
        found = _visitor_countries(coder, case) if coder is not None else None
        if found is not None and case.source not in found:
            kind = "visitor wrong country" if found - {case.target} else "visitor not found"
        elif visits:
            kind = "wrong source"
        else:
            kind = "no visit event"
        misses.append(VisitMiss(case.id, kind, case.text, f"{case.source}->{case.target}",
                                _describe(events)))
    return BenchResult(len(cases), correct, dyad_correct, tuple(misses), path)


def run_leaders_bench(path: Path | str | None = None, *,
                      coder: _CoderLike | None = None) -> BenchResult:
    """Code every benchmark sentence with bilat's full Coder and score the visits.

    `coder` defaults to a new `bilat.pipeline.Coder()` (loads the spaCy model).
    """
    from bilat.ingest import article_from_text

    cases = load_cases(path)
    if coder is None:
        from bilat.pipeline import Coder

        coder = Coder()
    articles = [article_from_text(c.text, doc_id=c.id, story_date=c.story_date) for c in cases]
    coded = list(coder.code_articles(articles))
    shown = str(Path(path)) if path is not None else str(DEFAULT_PATH)
    return score_cases(cases, coded, coder=coder, path=shown)


# ---- output ----------------------------------------------------------------------------------

def format_result(result: BenchResult, *, misses: bool = True) -> str:
    """The figure, the miss kinds and (optionally) every miss, as text."""
    lines = [f"{NAME}: source accuracy {result.source_accuracy:.3f} "
             f"({result.correct}/{result.size}), dyad {result.dyad_accuracy:.3f}, "
             f"target {TARGET:.2f}: {'met' if result.met else 'MISSED'}"]
    for kind, n in result.miss_kinds().most_common():
        lines.append(f"  {n:4d}  {kind}")
    if misses:
        for m in result.misses:
            lines.append(f"- [{m.kind}] {m.id}: gold {m.gold} | bilat {m.predicted}")
            lines.append(f"    {m.text}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bilat.evaluation.leaders_bench",
        description="Score bilat on visits described by the visitor's title and name only.",
        epilog="example: python -m bilat.evaluation.leaders_bench --misses")
    p.add_argument("--path", type=Path, help="a visits JSONL file (default: the bundled one)")
    p.add_argument("--misses", action="store_true", help="list every miss after the figure")
    args = p.parse_args(argv)
    try:
        result = run_leaders_bench(args.path)
    except BilatError as e:
        sys.stderr.write(f"bilat: {e}\n")
        return 1
    sys.stdout.write(format_result(result, misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
