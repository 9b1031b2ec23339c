"""seed: the seed story(ies) of ``corpus/seed`` against their gold events.

Every ``NAME.txt`` beside a ``NAME.gold.jsonl`` is read as bilat reads a story
file (dateline, story date from the text) and scored with the project's scorer
at the full level (dyad, root and year). The target: every non-optional gold
event found (recall 1.00) with at most one prediction outside the gold
(the full level's false positives; predictions matching optional gold are free).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from bilat.errors import InputNotFound, MalformedInput
from bilat.evaluation.adapters.base import (
    ActorFinder, Case, Loaded, SetResult, evenly, read_text, require,
)
from bilat.evaluation.adapters.scoring import classify_misses, event_report
from bilat.ingest import read_path
from bilat.ingest.records import Skip

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle

__all__ = ["Seed", "SeedGold", "MAX_OUTSIDE_GOLD"]

FOLDER = ("corpus", "seed")
MAX_OUTSIDE_GOLD = 1  # predictions outside the gold that the target allows


@dataclass(frozen=True, slots=True)
class SeedGold:
    lines: tuple[dict[str, Any], ...]  # the gold file's lines, doc_id set to the story's


def _gold_lines(path: Path) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for lineno, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise MalformedInput(f"{path}:{lineno}: not JSON ({e}); fix the gold line") from e
        if not isinstance(obj, dict):
            raise MalformedInput(f"{path}:{lineno}: not a JSON object; fix the gold line")
        out.append(obj)
    return tuple(out)


class Seed:
    name: ClassVar[str] = "seed"
    description: ClassVar[str] = "seed story: recall at full level, predictions outside gold"
    target: ClassVar[float] = 1.0

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[SeedGold]:
        folder = require(shared.joinpath(*FOLDER), "the seed story folder")
        stories = sorted(p for p in folder.glob("*.txt")
                         if p.with_name(p.stem + ".gold.jsonl").is_file())
        if not stories:
            raise InputNotFound(f"{folder}: no story NAME.txt beside a NAME.gold.jsonl; "
                                "restore the seed story and its gold")
        cases: list[Case[SeedGold]] = []
        for path in evenly(stories, limit):
            (item,) = list(read_path(path))
            if isinstance(item, Skip):
                raise item.error
            lines = tuple({**g, "doc_id": item.doc_id}
                          for g in _gold_lines(path.with_name(path.stem + ".gold.jsonl")))
            cases.append(Case(item, SeedGold(lines)))
        return Loaded(cases, (), len(stories))

    def score(self, loaded: Loaded[SeedGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        gold_lines = [g for c in loaded.cases for g in c.gold.lines]
        events = [e for ca in coded for e in ca.events]
        report = event_report(gold_lines, events)
        full = report.levels["full"]
        errors = classify_misses(report, events, texts={})
        return SetResult(
            name=self.name, size=full.tp + full.fn, metric="recall full", headline=full.recall,
            precision=full.precision, recall=full.recall, f1=full.f1,
            extra={"outside_gold": full.fp, "predictions": report.pred_events,
                   "matched_optional": full.ignored_optional,
                   "recall_root_only": report.levels["root_only"].recall},
            errors=errors,
            notes=(f"{len(loaded.cases)} stor{'y' if len(loaded.cases) == 1 else 'ies'}; "
                   f"{report.gold_optional_events} optional gold events",))

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target and int(result.extra["outside_gold"]) <= \
            MAX_OUTSIDE_GOLD
