"""cameo-manual: the CAMEO manual's example sentences (``eval/cameo-manual``).

One example a CAMEO code (``derived/cameo_manual_examples.jsonl``: ``cameo_code``,
``root_code``, ``text``). The texts are cleaned of two defects of the derived
file: UTF-8 read as Mac Roman ("Moscow‚Äôs" -> "Moscow’s") and the manual's
coder notes appended to some examples (" Note: ..."), which are not news text.

Scope: the examples that name two actors, decided by bilat's gazetteer (the
`ActorFinder` the runner builds from the coder): two or more distinct countries
or IGOs in the sentence. Deciding it by the coder's output would hide every
example the coder misses; the gazetteer is independent of the event patterns.

An example is right when the root of the first event bilat codes in it (events
come in the order of their triggers) is the example's root; "any event" (some
coded event has the root) is reported beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bilat.errors import BadParameter, EmptyStory, MalformedInput
from bilat.evaluation.adapters.base import (
    MANUAL_STORY_DATE, ActorFinder, Case, ErrorRow, Loaded, SetResult, evenly, read_text,
    require, short,
)
from bilat.ingest import article_from_text

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle

__all__ = ["CameoGold", "CameoManual", "clean_example", "repair_mojibake"]

PATH = ("eval", "cameo-manual", "derived", "cameo_manual_examples.jsonl")

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOTE = re.compile(r"\s+Note:.*$", re.S)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes decoded as Mac Roman, run by run ("‚Äô" -> "’")."""
    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        try:
            return run.encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
    return _NON_ASCII.sub(fix, text)


def clean_example(text: str) -> str:
    """An example as news text: mojibake repaired, the coder's note cut off."""
    return " ".join(_NOTE.sub("", repair_mojibake(text)).split())


@dataclass(frozen=True, slots=True)
class CameoGold:
    code: str
    root: str
    name: str
    had_note: bool


class CameoManual:
    name: ClassVar[str] = "cameo-manual"
    description: ClassVar[str] = "CAMEO manual examples naming two actors: root accuracy"
    target: ClassVar[float] = 0.80

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[CameoGold]:
        path = require(shared.joinpath(*PATH), "the cameo-manual examples")
        rows = []
        for lineno, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                code = str(obj["cameo_code"]).strip()
                rows.append((code, str(obj.get("root_code") or code[:2]).zfill(2),
                             str(obj.get("name") or ""), str(obj["text"])))
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise MalformedInput(f"{path}:{lineno}: not a CAMEO example ({e}); "
                                     "restore the original file") from e
        cases: list[Case[CameoGold]] = []
        notes: list[str] = []
        repaired = noted = 0
        for code, root, name, raw in evenly(rows, limit):
            text = clean_example(raw)
            repaired += repair_mojibake(raw) != raw
            noted += "Note:" in raw
            try:
                article = article_from_text(text, doc_id=f"cameo-{code}",
                                            story_date=MANUAL_STORY_DATE)
            except EmptyStory:
                notes.append(f"cameo-{code}: no text; not scored")
                continue
            cases.append(Case(article, CameoGold(code, root, name, "Note:" in raw)))
        notes.append(f"{repaired} texts with mojibake repaired, {noted} coder notes cut off")
        return Loaded(cases, tuple(notes), len(rows))

    def score(self, loaded: Loaded[CameoGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        if actor_finder is None:
            raise BadParameter("cameo-manual needs an actor finder (bilat's gazetteer) to "
                               "choose the examples that name two actors; pass actor_finder")
        found = actor_finder([c.article.text for c in loaded.cases])
        right = any_right = in_scope = 0
        errors: list[ErrorRow] = []
        for case, ca, actors in zip(loaded.cases, coded, found, strict=True):
            if len(actors) < 2:
                continue
            in_scope += 1
            g, events = case.gold, ca.events
            roots = [e.root for e in events]
            any_right += g.root in roots
            if roots and roots[0] == g.root:
                right += 1
                continue
            if not events:
                kind = "no event coded"
            elif g.root in roots:
                kind = "gold root not the first event"
            else:
                kind = "wrong root"
            predicted = "; ".join(f"{e.source_country}->{e.target_country} {e.cameo}"
                                  for e in events) or "-"
            errors.append(ErrorRow(kind, case.article.doc_id,
                                   f"{g.code} {g.name} [{'+'.join(sorted(actors))}]",
                                   predicted, short(case.article.text)))
        accuracy = right / in_scope if in_scope else 0.0
        return SetResult(
            name=self.name, size=in_scope, metric="accuracy", headline=accuracy,
            accuracy=accuracy,
            extra={"examples": len(loaded.cases),
                   "any_event": any_right / in_scope if in_scope else 0.0},
            errors=tuple(errors),
            notes=(*loaded.notes, f"{in_scope} of {len(loaded.cases)} examples name two "
                                  "countries/IGOs (bilat's gazetteer)"))

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target
