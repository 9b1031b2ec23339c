"""Scoring helpers shared by the event-level adapters (petr2-gsr, seed).

`event_report` scores bilat `Event`s against gold-line dicts with the
project's scorer; `classify_misses` sorts its full-level false negatives and
false positives into a few kinds of error, so that ``--details`` and
docs/ACCURACY.md can say what stands in the way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bilat.evaluation.adapters.base import ErrorRow, short
from bilat.evaluation.score import (
    GoldEvent, PredEvent, ScoreReport, gold_from_records, preds_from_records, score,
)

if TYPE_CHECKING:
    from bilat.schemas import Event

__all__ = ["event_report", "classify_misses", "describe_event"]


def event_report(gold_lines: Sequence[Mapping[str, Any]], events: Sequence["Event"]
                 ) -> ScoreReport:
    """The scorer's report for bilat events (in that order) against gold lines."""
    return score(gold_from_records(gold_lines), preds_from_records(e.to_dict() for e in events))


def describe_event(e: "Event") -> str:
    year = (e.date or "")[:4] or "?"
    count = f" x{e.count}" if e.count != 1 else ""
    return f"{e.source_country}->{e.target_country} {e.cameo} ({year}){count}"


def _describe_gold(g: GoldEvent) -> str:
    arrow = "<->" if g.symmetric else "->"
    year = "any" if g.year is None else str(g.year)
    return f"{g.source}{arrow}{g.target} root {g.root} year {year}"


def _same_dyad(g: GoldEvent, p: PredEvent, *, either_way: bool) -> bool:
    if p.source_country == g.source and p.target_country == g.target:
        return True
    return either_way and p.source_country == g.target and p.target_country == g.source


def classify_misses(report: ScoreReport, events: Sequence["Event"], *,
                    texts: Mapping[str, str], noevent_docs: Collection[str] = ()
                    ) -> tuple[ErrorRow, ...]:
    """Kinds of the report's full-level misses ("miss: ...") and extras ("extra: ...").

    `events` must be the list the report was scored from (prediction line n is
    ``events[n - 1]``).
    """
    by_doc: dict[str, list["Event"]] = defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    preds = [PredEvent(e.doc_id, e.source_country, e.target_country, e.root,
                       int(e.date[:4]) if e.date and e.date[:4].isdigit() else None, n)
             for n, e in enumerate(events, 1)]
    preds_by_doc: dict[str, list[PredEvent]] = defaultdict(list)
    for p in preds:
        preds_by_doc[p.doc_id].append(p)
    gold_by_doc: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in report.false_negatives:
        gold_by_doc[g.doc_id].append(g)
    rows: list[ErrorRow] = []
    for g in report.false_negatives:
        doc_preds = preds_by_doc.get(g.doc_id, [])
        if not doc_preds:
            kind = "miss: no event coded in the text"
        elif any(_same_dyad(g, p, either_way=g.symmetric) and p.root == g.root
                 for p in doc_preds):
            kind = "miss: wrong year" if g.year is not None else "miss: over-counted elsewhere"
        elif any(_same_dyad(g, p, either_way=g.symmetric) for p in doc_preds):
            kind = "miss: dyad right, root wrong"
        elif any(_same_dyad(g, p, either_way=True) for p in doc_preds):
            kind = "miss: dyad reversed"
        elif any(p.root == g.root for p in doc_preds):
            kind = "miss: root right, actors wrong"
        else:
            kind = "miss: other events only"
        predicted = "; ".join(describe_event(e) for e in by_doc.get(g.doc_id, [])) or "-"
        rows.append(ErrorRow(kind, g.doc_id, _describe_gold(g), predicted,
                             short(texts.get(g.doc_id) or g.note)))
    for p in report.false_positives:
        e = events[p.line - 1]
        doc_gold = [g for g in report.false_negatives if g.doc_id == p.doc_id]
        if p.doc_id in noevent_docs:
            kind = "extra: event on a no-event sentence"
        elif p.source_country is None or p.target_country is None:
            kind = "extra: an actor without a country"
        elif any(_same_dyad(g, p, either_way=True) for g in doc_gold):
            kind = "extra: dyad of a missed gold event, other root/year"
        else:
            kind = "extra: not in gold"
        gold = "; ".join(_describe_gold(g) for g in doc_gold) or "-"
        rows.append(ErrorRow(kind, p.doc_id, gold, describe_event(e), short(e.sentence)))
    return tuple(rows)
