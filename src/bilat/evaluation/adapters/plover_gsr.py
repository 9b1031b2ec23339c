"""plover-gsr: the PLOVER gold standard records (``eval/plover-gsr/PLOVER_GSR_CAMEO.txt``).

A JSON list of records: ``text``, ``event`` (a PLOVER type), ``source`` and
``target`` (lists of ``{"actorText", "code", "sector"}``). Each record with
text is one document. The gold was coded with an early PLOVER draft; its
types are renamed to the PLOVER 2021 types bilat writes (`TYPE_RENAMES`).

The gold dyads: every (source, target) pair of mapped actors of different
countries; a record with no target and two or more sources ("Hungarian and
Romanian officials agreed ...") is reciprocal: any pair of its sources, either
way. Records whose actors give no such pair (an NGO, a militant group, one
country only) are not scored; the notes count them.

A record is right when bilat codes, in its sentence, an event of the gold
PLOVER type between a gold dyad. Headline: that accuracy over the scored records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from bilat.errors import EmptyStory, MalformedInput
from bilat.evaluation.adapters.base import (
    MANUAL_STORY_DATE, ActorFinder, Case, ErrorRow, Loaded, SetResult, evenly, read_text,
    refine_no_event, require, short,
)
from bilat.evaluation.adapters.codes import PLOVER_CODE_FIXES, plover_actor
from bilat.ingest import article_from_text

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle
    from bilat.schemas import Event

__all__ = ["PloverGold", "PloverGsr", "TYPE_RENAMES", "plover_gold", "read_records"]

PATH = ("eval", "plover-gsr", "PLOVER_GSR_CAMEO.txt")

#: Types of the early PLOVER drafts -> the PLOVER 2021 type that took them over.
TYPE_RENAMES: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class PloverGold:
    id: str
    type: str  # PLOVER 2021 type
    gold_type: str  # as the record wrote it
    pairs: tuple[tuple[str, str], ...]  # gold dyads (source, target)
    reciprocal: bool  # either direction counts
    actors: str  # the record's actor codes, for reports: "HUN+ROU -> -"
    fixed_codes: tuple[str, ...] = ()  # non-ISO codes that were corrected ("JAP->JPN")


def _actor_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    if isinstance(value, dict):
        return [value]
    return []


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def plover_gold(record: dict[str, Any]) -> PloverGold:
    """One record's gold type and dyads (pairs may be empty: then it is not scored)."""
    sources = _actor_list(record.get("source"))
    targets = _actor_list(record.get("target"))
    src = _dedupe([c for a in sources if (c := plover_actor(a)) is not None])
    tgt = _dedupe([c for a in targets if (c := plover_actor(a)) is not None])
    reciprocal = not targets and len(src) >= 2
    if reciprocal:
        pairs = [(a, b) for i, a in enumerate(src) for b in src[i + 1:]]
    else:
        pairs = [(s, t) for s in src for t in tgt if s != t]
    fixed = tuple(f"{a.get('code')}->{PLOVER_CODE_FIXES[str(a.get('code'))]}"
                  for a in (*sources, *targets) if str(a.get("code")) in PLOVER_CODE_FIXES)
    raw_type = str(record.get("event") or "").strip().upper()

    def codes(actors: list[dict[str, Any]]) -> str:
        return "+".join(str(a.get("code") or "?") for a in actors) or "-"

    return PloverGold(id=str(record.get("id")), type=TYPE_RENAMES.get(raw_type, raw_type),
                      gold_type=raw_type, pairs=tuple(pairs), reciprocal=reciprocal,
                      actors=f"{codes(sources)} -> {codes(targets)}", fixed_codes=fixed)


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of the file that have text (the DOCUMENT header has none)."""
    try:
        data = json.loads(read_text(path))
    except ValueError as e:
        raise MalformedInput(f"{path}: not JSON ({e}); restore the original file") from e
    if not isinstance(data, list):
        raise MalformedInput(f"{path}: expected a JSON list of records; restore the original file")
    return [r for r in data if isinstance(r, dict) and str(r.get("text") or "").strip()]


def _story_date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return MANUAL_STORY_DATE


def _in_pairs(e: "Event", g: PloverGold, *, either_way: bool) -> bool:
    pair = (e.source_country, e.target_country)
    if pair in g.pairs:
        return True
    return either_way and (e.target_country, e.source_country) in g.pairs


class PloverGsr:
    name: ClassVar[str] = "plover-gsr"
    description: ClassVar[str] = "PLOVER gold records: PLOVER type with both actors right"
    target: ClassVar[float] = 0.70

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[PloverGold]:
        path = require(shared.joinpath(*PATH), "the plover-gsr gold set")
        records = read_records(path)
        cases: list[Case[PloverGold]] = []
        notes: list[str] = []
        unscored: Counter[str] = Counter()
        for record in evenly(records, limit):
            gold = plover_gold(record)
            if not gold.pairs:
                unscored[gold.id.split("-")[2] if gold.id.count("-") >= 2 else "?"] += 1
                continue
            try:
                article = article_from_text(str(record["text"]), doc_id=gold.id,
                                            story_date=_story_date(record.get("date")))
            except EmptyStory:
                notes.append(f"{gold.id}: no text; not scored")
                continue
            cases.append(Case(article, gold))
        if unscored:
            notes.append(f"{sum(unscored.values())} records not scored: no pair of countries/IGOs "
                         "bilat codes among their actors")
        fixes = sorted({f for c in cases for f in c.gold.fixed_codes})
        if fixes:
            notes.append("non-ISO gold codes corrected: " + ", ".join(fixes))
        return Loaded(cases, tuple(notes), len(records))

    def score(self, loaded: Loaded[PloverGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        right = type_right = dyad_right = 0
        errors: list[ErrorRow] = []
        for case, ca in zip(loaded.cases, coded, strict=True):
            g, events = case.gold, ca.events
            on_dyad = [e for e in events if _in_pairs(e, g, either_way=g.reciprocal)]
            type_right += any(e.plover == g.type for e in events)
            dyad_right += bool(on_dyad)
            if any(e.plover == g.type for e in on_dyad):
                right += 1
                continue
            if not events:
                kind = "no event coded"
            elif on_dyad:
                kind = "dyad right, type wrong"
            elif any(_in_pairs(e, g, either_way=True) for e in events):
                kind = "dyad reversed"
            elif any(e.plover == g.type for e in events):
                kind = "type right, actors wrong"
            else:
                kind = "other actors and type"
            predicted = "; ".join(f"{e.source_country}->{e.target_country} {e.plover} ({e.cameo})"
                                  for e in events) or "-"
            gold = f"{g.type} {' | '.join(a + ('<->' if g.reciprocal else '->') + b for a, b in g.pairs)}"
            errors.append(ErrorRow(kind, g.id, gold, predicted, short(case.article.text)))
        n = len(loaded.cases)
        accuracy = right / n if n else 0.0
        return SetResult(
            name=self.name, size=n, metric="accuracy", headline=accuracy, accuracy=accuracy,
            extra={"records": loaded.total, "type_any_actors": type_right / n if n else 0.0,
                   "dyad_any_type": dyad_right / n if n else 0.0},
            errors=refine_no_event(errors, actor_finder,
                                   {c.article.doc_id: c.article.text for c in loaded.cases},
                                   kind="no event coded"),
            notes=loaded.notes)

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target
