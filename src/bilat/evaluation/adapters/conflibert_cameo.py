"""conflibert-cameo: the ConfliBERT CAMEO 5-way test split (``cameo_class/test.tsv``).

Lines of ``sentence<TAB>label``, no header; the label is the set's "penta
class": 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict. Its classes are not CAMEO's quad classes: the
test sentences that are also CAMEO manual examples show root 02 (appeal) in
class 0, 09 (investigate) and 16 (reduce relations) in class 3 and 14
(protest) in class 4. bilat's predicted root is put into the set's classes
with that mapping (`PENTA_CLASS`), so that bilat is judged by the set's rules.

The predicted class of a sentence is that of the first event bilat codes in it.
A sentence with no event coded is not counted as class 0: every test sentence
carries an event, and "statement" is a kind of event, not its absence; it gets
the column "none" of the confusion matrix and counts as wrong. The accuracy
with "none" read as 0 is reported beside it ("lenient"), and so is the
accuracy over the sentences bilat coded at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bilat.errors import EmptyStory, MalformedInput
from bilat.evaluation.adapters.base import (
    MANUAL_STORY_DATE, ActorFinder, Case, Confusion, ErrorRow, Loaded, SetResult, evenly,
    read_text, refine_no_event, require, short,
)
from bilat.ingest import article_from_text

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle

__all__ = ["CLASS_NAMES", "ConflibertCameo", "ConflibertGold", "PENTA_CLASS", "penta_class"]

PATH = ("eval", "conflibert-cameo", "cameo_class", "test.tsv")
NONE = "none"

CLASS_NAMES: dict[str, str] = {"0": "statement", "1": "verbal coop", "2": "material coop",
                               "3": "verbal conflict", "4": "material conflict"}

#: CAMEO root -> the set's class (see the module docstring for where it comes from).
PENTA_CLASS: dict[str, str] = {
    "01": "0", "02": "0", "03": "1", "04": "1", "05": "1", "06": "2", "07": "2", "08": "2",
    "09": "3", "10": "3", "11": "3", "12": "3", "13": "3", "16": "3",
    "14": "4", "15": "4", "17": "4", "18": "4", "19": "4", "20": "4",
}


def penta_class(root: str | None) -> str:
    """The set's class of a CAMEO root, or "none"."""
    return PENTA_CLASS.get(root or "", NONE)


@dataclass(frozen=True, slots=True)
class ConflibertGold:
    label: str  # "0".."4"
    line: int


class ConflibertCameo:
    name: ClassVar[str] = "conflibert-cameo"
    description: ClassVar[str] = "ConfliBERT CAMEO test split: 5-way class accuracy"
    target: ClassVar[float] = 0.70

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[ConflibertGold]:
        path = require(shared.joinpath(*PATH), "the conflibert-cameo test split")
        rows: list[tuple[int, str, str]] = []
        for lineno, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            label = label.strip()
            if not sep or label not in CLASS_NAMES:
                raise MalformedInput(f"{path}:{lineno}: expected 'sentence<TAB>0..4'; "
                                     "restore the original file")
            rows.append((lineno, text, label))
        cases: list[Case[ConflibertGold]] = []
        notes: list[str] = []
        for lineno, text, label in evenly(rows, limit):
            doc_id = f"conflibert-test-{lineno}"
            try:
                article = article_from_text(text, doc_id=doc_id, story_date=MANUAL_STORY_DATE)
            except EmptyStory:
                notes.append(f"{doc_id}: no text; not scored")
                continue
            cases.append(Case(article, ConflibertGold(label, lineno)))
        return Loaded(cases, tuple(notes), len(rows))

    def score(self, loaded: Loaded[ConflibertGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        gold_labels = tuple(CLASS_NAMES)
        pred_labels = (*gold_labels, NONE)
        counts: dict[str, dict[str, int]] = {g: dict.fromkeys(pred_labels, 0)
                                             for g in gold_labels}
        errors: list[ErrorRow] = []
        right = lenient = coded_n = coded_right = 0
        for case, ca in zip(loaded.cases, coded, strict=True):
            gold = case.gold.label
            pred = penta_class(ca.events[0].root) if ca.events else NONE
            counts[gold][pred] += 1
            right += pred == gold
            lenient += (pred if pred != NONE else "0") == gold
            if pred != NONE:
                coded_n += 1
                coded_right += pred == gold
            if pred != gold:
                kind = ("no event coded" if pred == NONE
                        else f"{CLASS_NAMES[gold]} coded as {CLASS_NAMES[pred]}")
                predicted = "; ".join(f"{e.source_country}->{e.target_country} {e.cameo}"
                                      for e in ca.events) or "-"
                errors.append(ErrorRow(kind, case.article.doc_id,
                                       f"{gold} {CLASS_NAMES[gold]}", predicted,
                                       short(case.article.text)))
        n = len(loaded.cases)
        accuracy = right / n if n else 0.0
        return SetResult(
            name=self.name, size=n, metric="accuracy", headline=accuracy, accuracy=accuracy,
            extra={"lenient_none_as_0": lenient / n if n else 0.0,
                   "coverage": coded_n / n if n else 0.0,
                   "accuracy_when_coded": coded_right / coded_n if coded_n else 0.0},
            errors=refine_no_event(errors, actor_finder,
                                   {c.article.doc_id: c.article.text for c in loaded.cases},
                                   kind="no event coded"),
            notes=loaded.notes,
            confusion=Confusion(gold_labels, pred_labels, counts))

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target
