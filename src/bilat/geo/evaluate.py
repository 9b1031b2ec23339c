"""Accuracy of event places on the gold subset of the public event-location set.

    result = run_location_eval()        # reads ../shared/eval/event-location (or $BILAT_SHARED)
    result.line()                        # "event places: name 71.2% (...), country 83.0% ..."

The set (Halterman, "Geolocating Political Events in Text", MIT licence) marks one verb in
each sentence and, when the sentence gives one, the place where that verb's event happened.
The gold subset is the records with ``source == "RELABEL"`` (496 sentences). The zip file is
read where it lies; nothing is extracted.

For each sentence bilat parses the text, takes the marked verb as the trigger and asks
`find_event_place` for its place (no dateline: the set has none). Scores:
  - name accuracy: share of sentences where bilat's answer is right: the gold place when there
    is one (the same place, or one name containing the other as whole words, "Aleppo" for
    "Aleppo province"), no place when there is none;
  - precision and recall of the places given;
  - country accuracy: among sentences whose gold place resolves to a country with bilat's own
    gazetteer, the share where bilat's place lies in that country (no answer counts as wrong);
    country precision: the same share among the sentences where bilat gave a country.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.errors import InputNotFound, MalformedInput
from bilat.geo.locate import find_event_place
from bilat.geo.places import PlaceTable, place_key

if TYPE_CHECKING:
    from spacy.language import Language

SET_PATH = Path("eval") / "event-location" / "labeled_text.jsonl.zip"
MEMBER = "labeled_text.jsonl"
GOLD_SOURCE = "RELABEL"


@dataclass(frozen=True, slots=True)
class LocationCase:
    """One gold sentence: the marked verb (character offsets) and the gold place names."""

    case_id: str
    text: str
    verb_start: int
    verb_end: int
    gold: tuple[str, ...]  # empty: the sentence gives no place for the event


@dataclass(frozen=True, slots=True)
class LocationOutcome:
    case_id: str
    gold: tuple[str, ...]
    predicted: str | None  # the place name bilat gave
    predicted_country: str | None
    gold_country: str | None  # the gold place's country, by bilat's gazetteer
    name_ok: bool
    country_ok: bool | None  # None when the gold place has no known country


@dataclass(frozen=True, slots=True)
class LocationEvalResult:
    n: int
    n_gold_places: int
    n_predicted: int
    n_correct_places: int
    name_accuracy: float
    precision: float
    recall: float
    n_country: int
    country_accuracy: float | None
    country_precision: float | None  # of the places bilat gave, those in the gold country
    outcomes: tuple[LocationOutcome, ...]

    def line(self) -> str:
        country = ("n/a" if self.country_accuracy is None
                   else f"{self.country_accuracy:.1%} of {self.n_country}")
        cprec = "n/a" if self.country_precision is None else f"{self.country_precision:.1%}"
        return (f"event places ({self.n} gold sentences): name accuracy {self.name_accuracy:.1%}, "
                f"precision {self.precision:.1%}, recall {self.recall:.1%}; "
                f"country accuracy {country}, country precision {cprec}")

    def figures(self) -> dict[str, Any]:
        """The headline numbers, JSON-ready (no per-sentence outcomes)."""
        return {"n": self.n, "n_gold_places": self.n_gold_places,
                "n_predicted": self.n_predicted, "n_correct_places": self.n_correct_places,
                "name_accuracy": round(self.name_accuracy, 4),
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "n_country": self.n_country,
                "country_accuracy": None if self.country_accuracy is None
                else round(self.country_accuracy, 4),
                "country_precision": None if self.country_precision is None
                else round(self.country_precision, 4)}


def default_set_path() -> Path:
    """``$BILAT_SHARED/eval/...``, else ``../shared/eval/...`` beside the checkout."""
    env = os.environ.get("BILAT_SHARED")
    root = Path(env) if env else Path(__file__).resolve().parents[4] / "shared"
    return root / SET_PATH


def load_cases(path: Path | None = None) -> list[LocationCase]:
    """The gold sentences of the set, in file order."""
    path = path or default_set_path()
    if not path.is_file():
        raise InputNotFound(f"event-location set not found at {path}; put the shared gold data "
                            "beside the checkout or set BILAT_SHARED")
    try:
        with zipfile.ZipFile(path) as z:
            records = json.loads(z.read(MEMBER))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise MalformedInput(f"{path} is not the event-location zip ({e}); "
                             "restore it from the shared data") from e
    return [c for r in records if r.get("source") == GOLD_SOURCE
            if (c := _case(r)) is not None]


def _case(record: dict[str, Any]) -> LocationCase | None:
    tokens = record.get("tokens") or []
    text = record.get("text") or ""

    def chars(span: dict[str, Any]) -> tuple[int, int]:
        return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]

    verbs = [s for s in record.get("spans", ()) if s.get("label") == "VERB"]
    if not verbs or not tokens:
        return None
    v0, v1 = chars(verbs[0])
    gold = tuple(text[a:b] for a, b in (chars(s) for s in record.get("spans", ())
                                        if s.get("label") == "LOCATION"))
    return LocationCase(str(record.get("_id", "")).strip(), text, v0, v1, gold)


def _same_name(a: str, b: str, table: PlaceTable) -> bool:
    ka, kb = place_key(a), place_key(b)
    if not ka or not kb:
        return False
    if ka == kb or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} ":
        return True
    pa, pb = table.resolve(a), table.resolve(b)
    return pa is not None and pa == pb


def run_location_eval(*, path: Path | None = None, nlp: "Language | None" = None,
                      table: PlaceTable | None = None,
                      limit: int | None = None) -> LocationEvalResult:
    """Score `find_event_place` on the gold sentences (the first `limit` when given)."""
    from bilat.nlp import load_model

    cases = load_cases(path)[:limit] if limit else load_cases(path)
    nlp = nlp if nlp is not None else load_model(None)
    table = table if table is not None else PlaceTable.load()
    outcomes: list[LocationOutcome] = []
    for case, doc in zip(cases, nlp.pipe(c.text for c in cases)):
        span = doc.char_span(case.verb_start, case.verb_end, alignment_mode="expand")
        ref = find_event_place(span.root, table=table) if span is not None and len(span) else None
        predicted = ref.text if ref is not None else None
        pcountry = ref.place.country if ref is not None else None
        if case.gold:
            name_ok = predicted is not None and any(_same_name(predicted, g, table)
                                                    for g in case.gold)
        else:
            name_ok = predicted is None
        gold_place = next((p for g in case.gold if (p := table.resolve(g)) is not None
                           and p.country), None)
        gcountry = gold_place.country if gold_place is not None else None
        country_ok = None if gcountry is None else pcountry == gcountry
        outcomes.append(LocationOutcome(case.case_id, case.gold, predicted, pcountry, gcountry,
                                        name_ok, country_ok))
    return _score(outcomes)


def _score(outcomes: list[LocationOutcome]) -> LocationEvalResult:
    n = len(outcomes)
    gold_places = sum(1 for o in outcomes if o.gold)
    predicted = sum(1 for o in outcomes if o.predicted is not None)
    correct = sum(1 for o in outcomes if o.gold and o.name_ok)
    country = [o.country_ok for o in outcomes if o.country_ok is not None]
    given = [o.country_ok for o in outcomes if o.country_ok is not None and o.predicted_country]
    return LocationEvalResult(
        n=n, n_gold_places=gold_places, n_predicted=predicted, n_correct_places=correct,
        name_accuracy=sum(o.name_ok for o in outcomes) / n if n else 0.0,
        precision=correct / predicted if predicted else 0.0,
        recall=correct / gold_places if gold_places else 0.0,
        n_country=len(country),
        country_accuracy=sum(country) / len(country) if country else None,
        country_precision=sum(given) / len(given) if given else None,
        outcomes=tuple(outcomes),
    )
