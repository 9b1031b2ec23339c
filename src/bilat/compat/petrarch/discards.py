"""The PETRARCH ``.discards`` list: phrases that stop a sentence (or story) being coded.

Format: one phrase a line. ``+PHRASE`` discards the whole story, ``PHRASE`` the
sentence. Matching ignores case and starts at a word boundary; a phrase ending
in ``_`` must also end at one, otherwise it is a stem ("TYPHOON" also stops
"typhoons").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from bilat.compat.petrarch._source import Problems, read_source, source_lines
from bilat.compat.petrarch.phrases import concat_parts

__all__ = ["Discard", "DiscardList", "parse_discards", "load_discards"]


@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str  # upper case, single blanks
    story: bool  # True: the whole story is not coded
    exact: bool  # True: must end at a word boundary
    line: int


@dataclass(frozen=True)
class DiscardList:
    entries: tuple[Discard, ...]
    origins: tuple[str, ...]
    notes: tuple[str, ...] = ()
    story_pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    sentence_pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, entries: Iterable[Discard], origins: Iterable[str],
              notes: Iterable[str] = ()) -> "DiscardList":
        items = tuple(entries)
        return cls(items, tuple(origins), tuple(notes), _compile(e for e in items if e.story),
                   _compile(e for e in items if not e.story))

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> Discard | None:
        """The first discard that `text` contains (story-level ones first), else None."""
        norm = " ".join(text.upper().replace("\u2019", "'").split())
        for rx, story in ((self.story_pattern, True), (self.sentence_pattern, False)):
            if rx is None:
                continue
            m = rx.search(norm)
            if m:
                hit = m.group(0)
                for e in self.entries:
                    if e.story is story and hit.startswith(e.phrase):
                        return e
        return None

    @staticmethod
    def merge(parts: Iterable["DiscardList"]) -> "DiscardList":
        return DiscardList.build(*concat_parts(parts))


def _compile(entries: Iterable[Discard]) -> re.Pattern[str] | None:
    alts = []
    for e in sorted(entries, key=lambda e: -len(e.phrase)):
        body = re.escape(e.phrase).replace(r"\ ", " ")
        alts.append(body + (r"(?![A-Z0-9])" if e.exact else ""))
    if not alts:
        return None
    return re.compile(r"(?<![A-Z0-9])(?:" + "|".join(alts) + ")")


def parse_discards(text: str, *, origin: str, strict: bool = False) -> DiscardList:
    """Parse a discards text; `origin` names it in errors (file:line)."""
    problems = Problems(origin, strict=strict)
    entries: list[Discard] = []
    for ln in source_lines(text):
        body = ln.text
        story = body.startswith("+")
        if story:
            body = body[1:].strip()
        exact = body.endswith("_")
        phrase = " ".join(body.replace("_", " ").upper().split())
        if not phrase:
            problems.add(ln.number, "empty discard phrase")
            continue
        if "[" in phrase:
            problems.add(ln.number, f"a discard is a bare phrase, not a coded entry: {ln.text!r}")
            continue
        entries.append(Discard(phrase, story, exact, ln.number))
    notes = problems.finish(what="discard list")
    return DiscardList.build(entries, (origin,), notes)


def load_discards(path: str | Path, *, strict: bool = False) -> DiscardList:
    return parse_discards(read_source(path), origin=str(path), strict=strict)
