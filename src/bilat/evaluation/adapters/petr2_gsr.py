"""petr2-gsr: the PETRARCH-2 gold standard sentences (``eval/petr2-gsr``).

Each sentence is its own document. Its ``<EventCoding>`` records become gold
events: actor codes map to countries (first three letters when they are a
country bilat codes, "IGO..." codes to bilat's IGO names; see
`bilat.evaluation.adapters.codes`). Then:

- an event with an actor that maps to no country ("---REB", "IMGMUSISI") is
  dropped: bilat cannot code it either way (counted in the notes);
- an event inside one country ("GEOOPP" -> "GEOGOV") is optional: bilat codes
  international dyads only, so such a gold event neither rewards nor punishes;
- a "no event" sentence has no gold: every prediction on it is a false positive.

The original ``PETR2_GSR_validation.xml`` is read when present (it is not
well-formed XML, so it is read record by record; a record with an empty
``<Text>`` gets its text back from its ``<Parse>`` tokens), else
``derived/PETR2_GSR_validation.jsonl``. Scored with `bilat.evaluation.score`;
the headline is F1 at dyad+root (the scorer's "root_only" level).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bilat.errors import EmptyStory, MalformedInput
from bilat.evaluation.adapters.base import (
    ActorFinder, Case, ErrorRow, Loaded, SetResult, evenly, read_text, refine_no_event, require,
    short,
)
from bilat.evaluation.adapters.codes import petr_actor
from bilat.evaluation.adapters.scoring import classify_misses, event_report
from bilat.ingest import article_from_text

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle

__all__ = ["PetrGold", "PetrRecord", "Petr2Gsr", "read_xml", "read_jsonl", "gold_events"]

FOLDER = ("eval", "petr2-gsr")
XML_NAME = "PETR2_GSR_validation.xml"
JSONL_NAME = "derived/PETR2_GSR_validation.jsonl"

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


@dataclass(frozen=True, slots=True)
class PetrRecord:
    """One gold sentence as the file holds it."""

    id: str
    date: str | None  # "YYYYMMDD"
    text: str
    events: tuple[tuple[str, str, str], ...]  # (source code, target code, CAMEO code)
    noevents: bool


@dataclass(frozen=True, slots=True)
class PetrGold:
    """A sentence's gold in scorer form, plus what could not be used."""

    record: PetrRecord
    events: tuple[dict[str, object], ...]  # gold-line dicts for gold_from_records
    dropped: tuple[tuple[str, str, str], ...]  # events with an actor bilat cannot code


def _text_from_parse(parse: str) -> str:
    """The sentence of a CoNLL-U block (token form, SpaceAfter=No honoured)."""
    out: list[str] = []
    for line in parse.splitlines():
        cells = line.split("\t")
        if len(cells) < 10 or not cells[0].isdigit():
            continue
        out.append(cells[1])
        if "SpaceAfter=No" not in cells[9]:
            out.append(" ")
    return "".join(out).strip()


def read_xml(text: str) -> list[PetrRecord]:
    """Records of a PETRARCH validation file (tolerant: one ``<Sentence`` to the next)."""
    starts = [m for m in _SENTENCE.finditer(text)]
    records: list[PetrRecord] = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        block = text[m.end():end]
        attrs = dict(_ATTR.findall(m.group(1)))
        if "id" not in attrs:
            continue
        events: list[tuple[str, str, str]] = []
        noevents = False
        for c in _CODING.finditer(block):
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("noevents", "").lower() == "true":
                noevents = True
            elif "eventcode" in a:
                events.append((a.get("sourcecode", ""), a.get("targetcode", ""), a["eventcode"]))
        tm = _TEXT.search(block)
        sentence = " ".join(html.unescape(tm.group(1)).split()) if tm else ""
        if not sentence:
            pm = _PARSE.search(block)
            sentence = _text_from_parse(pm.group(1)) if pm else ""
        records.append(PetrRecord(attrs["id"], attrs.get("date"), sentence, tuple(events),
                                  noevents))
    return records


def read_jsonl(text: str, where: str) -> list[PetrRecord]:
    """Records of the derived JSONL (``id, date, text, events[{source,target,event}], noevents``)."""
    records: list[PetrRecord] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            events = tuple((str(e.get("source") or ""), str(e.get("target") or ""),
                            str(e.get("event") or "")) for e in obj.get("events") or ())
            records.append(PetrRecord(str(obj["id"]), obj.get("date"),
                                      " ".join(str(obj.get("text") or "").split()), events,
                                      bool(obj.get("noevents"))))
        except (ValueError, KeyError, AttributeError, TypeError) as e:
            raise MalformedInput(f"{where}:{lineno}: not a PETRARCH gold record ({e}); "
                                 "restore the original file") from e
    return records


def gold_events(record: PetrRecord) -> PetrGold:
    """A record's events as scorer gold lines (see the module docstring for the rules)."""
    events: list[dict[str, object]] = []
    dropped: list[tuple[str, str, str]] = []
    for src_code, tgt_code, code in record.events:
        src, tgt = petr_actor(src_code), petr_actor(tgt_code)
        if src is None or tgt is None or not code[:2].isdigit():
            dropped.append((src_code, tgt_code, code))
            continue
        events.append({"doc_id": record.id, "source": src, "target": tgt, "code": code,
                       "root": code[:2], "year": None, "optional": src == tgt,
                       "note": f"{src_code}->{tgt_code} {code}"})
    return PetrGold(record, tuple(events), tuple(dropped))


def _story_date(value: str | None) -> date | None:
    if value and len(value) == 8 and value.isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            return None
    return None


class Petr2Gsr:
    name: ClassVar[str] = "petr2-gsr"
    description: ClassVar[str] = "PETRARCH-2 gold sentences: F1 at dyad+root"
    target: ClassVar[float] = 0.75

    @staticmethod
    def records(shared: Path) -> list[PetrRecord]:
        """The gold sentences: the original XML when present, else the derived JSONL."""
        folder = require(shared.joinpath(*FOLDER), "the petr2-gsr gold set")
        xml = folder / XML_NAME
        if xml.is_file():
            return read_xml(read_text(xml))
        path = require(folder / JSONL_NAME, "the petr2-gsr gold set")
        return read_jsonl(read_text(path), str(path))

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[PetrGold]:
        records = self.records(shared)
        cases: list[Case[PetrGold]] = []
        notes: list[str] = []
        for record in evenly(records, limit):
            try:
                article = article_from_text(record.text, doc_id=record.id,
                                            story_date=_story_date(record.date))
            except EmptyStory:
                notes.append(f"{record.id}: no text; not scored")
                continue
            cases.append(Case(article, gold_events(record)))
        return Loaded(cases, tuple(notes), len(records))

    def score(self, loaded: Loaded[PetrGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        cases = loaded.cases
        gold_lines = [e for c in cases for e in c.gold.events]
        events = [e for ca in coded for e in ca.events]
        report = event_report(gold_lines, events)
        level, dyad = report.levels["root_only"], report.levels["dyad_only"]
        texts = {c.article.doc_id: c.article.text for c in cases}
        noevent_docs = {c.article.doc_id for c in cases if c.gold.record.noevents}
        # gold years are None: the full level is the dyad+root level
        errors = classify_misses(report, events, texts=texts, noevent_docs=noevent_docs)
        dropped = [(c.article.doc_id, d) for c in cases for d in c.gold.dropped]
        errors += tuple(ErrorRow("gold: an actor bilat cannot code (dropped)", doc,
                                 f"{d[0]}->{d[1]} {d[2]}", "-", short(texts.get(doc, "")))
                        for doc, d in dropped)
        n_opt = sum(1 for e in gold_lines if e["optional"])
        notes = (*loaded.notes,
                 f"{len(gold_lines) - n_opt} gold events scored, {n_opt} domestic ones optional, "
                 f"{len(dropped)} dropped (an actor with no country), "
                 f"{len(noevent_docs)} no-event sentences")
        return SetResult(
            name=self.name, size=len(cases), metric="F1 dyad+root", headline=level.f1,
            precision=level.precision, recall=level.recall, f1=level.f1,
            extra={"gold_events": level.tp + level.fn, "predictions": report.pred_events,
                   "f1_dyad": dyad.f1,
                   "fp_on_no_event": sum(1 for e in events if e.doc_id in noevent_docs)},
            errors=refine_no_event(errors, actor_finder, texts,
                                   kind="miss: no event coded in the text"),
            notes=notes)

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target
