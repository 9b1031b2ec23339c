"""The TABARI/PETRARCH ``.actors`` dictionary: phrases -> actor codes, by date.

Format (one record, in this order)::

    PRIMARY_PHRASE  [CODE]              # the code is optional
    +SYNONYM PHRASE                     # any number of synonyms
        [CODE <YYMMDD]                  # date restrictions, first that applies wins
        [CODE >YYYYMMDD]
        [CODE YYMMDD-YYMMDD]            # "or equal" at both ends; blanks allowed
        [CODE]                          # a restriction without a date = the default

Blank and ``_`` both join the words of a phrase; a few noun-phrase modifiers may
come between them (see `bilat.compat.petrarch.phrases`). A code may list several
actors joined by ``/`` (``[FRO/BIL/SAM]``); the null code
``---`` means "an actor, but not one to code". Dates are YYYYMMDD or YYMMDD; a
two-digit year up to `CENTURY_PIVOT` is 20YY, above it 19YY (the convention
of the TABARI/Phoenix files). With no restriction applying, the record's default
code is used, else the actor is null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from bilat.compat.petrarch._source import Problems, bracket_code, read_source, source_lines
from bilat.compat.petrarch.phrases import Phrase, PhraseIndex, concat_parts, parse_phrase

__all__ = ["DateRestriction", "ActorEntry", "ActorDictionary", "parse_actors", "load_actors",
           "parse_date", "CENTURY_PIVOT", "NULL_CODE"]

CENTURY_PIVOT = 30  # two-digit years 00..30 -> 2000..2030, 31..99 -> 1931..1999
NULL_CODE = "---"
_DATE = r"(\d{6}|\d{8})"
_RESTRICTION = re.compile(rf"^(\S+?)\s*(?:(<|>)\s*{_DATE}|{_DATE}\s*-\s*{_DATE})?$")
_CODE_OK = re.compile(r"^[A-Za-z0-9/+#?*~.\-]+$")


def parse_date(text: str, *, pivot: int = CENTURY_PIVOT) -> date:
    """YYYYMMDD or YYMMDD -> date; ValueError when it is no calendar date."""
    if len(text) == 8:
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif len(text) == 6:
        yy, m, d = int(text[:2]), int(text[2:4]), int(text[4:])
        y = 2000 + yy if yy <= pivot else 1900 + yy
    else:
        raise ValueError(f"{text!r} is not YYMMDD or YYYYMMDD")
    return date(y, m, d)


@dataclass(frozen=True, slots=True)
class DateRestriction:
    """`code` applies from `start` to `end` (inclusive; None = open)."""

    code: str
    start: date | None
    end: date | None
    line: int

    def applies(self, when: date) -> bool:
        return (self.start is None or when >= self.start) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor record: its phrases, default code and dated codes."""

    phrases: tuple[Phrase, ...]
    default: str | None
    restrictions: tuple[DateRestriction, ...]
    line: int
    origin: str

    def code_on(self, when: date | None) -> str | None:
        """The code on `when` (first restriction that applies), else the default."""
        if when is not None:
            for r in self.restrictions:
                if r.applies(when):
                    return r.code
        return self.default

    @property
    def name(self) -> str:
        """The primary phrase, words joined by blanks ("PORT ISKAR")."""
        return " ".join(self.phrases[0].words) if self.phrases else ""


@dataclass(frozen=True)
class ActorDictionary:
    """Actor records from one or more files, with their phrase index."""

    entries: tuple[ActorEntry, ...]
    origins: tuple[str, ...]
    index: PhraseIndex[ActorEntry]
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def merge(parts: Iterable["ActorDictionary"]) -> "ActorDictionary":
        """One dictionary from several files; on a phrase listed twice the earlier file wins."""
        return _build(*concat_parts(parts))


def _build(entries: list[ActorEntry], origins: list[str], notes: list[str]) -> ActorDictionary:
    index: PhraseIndex[ActorEntry] = PhraseIndex()
    seen: set[tuple[str, ...]] = set()
    for e in entries:
        for ph in e.phrases:
            key = ph.words
            if key in seen:
                continue
            seen.add(key)
            index.add(_loose(ph), e)
    return ActorDictionary(tuple(entries), tuple(origins), index, tuple(notes))


def _loose(phrase: Phrase) -> Phrase:
    """Actor phrases treat blank and "_" alike (PETRARCH's actor format does not tell
    them apart): the words of a name may have a few modifiers between them within one
    noun phrase ("ITHILEN_TELEVISION" in "Ithilen state-run television"). Pieces of one
    hyphenated word stay together."""
    tight = tuple(t and (a == "-" or b == "-") for t, a, b in
                  zip(phrase.tight, phrase.words, phrase.words[1:]))
    return Phrase(phrase.words, tight)


def _restriction(body: str, line: int, problems: Problems, *, pivot: int) -> DateRestriction | None:
    m = _RESTRICTION.match(body.strip())
    if m is None:
        problems.add(line, f"[{body}] is not [CODE], [CODE <DATE], [CODE >DATE] or "
                           "[CODE DATE-DATE]")
        return None
    code, op, one, lo, hi = m.groups()
    if not _CODE_OK.match(code):
        problems.add(line, f"actor code {code!r} has characters a code cannot have")
        return None
    try:
        if op == "<":
            return DateRestriction(code.upper(), None, parse_date(one, pivot=pivot), line)
        if op == ">":
            return DateRestriction(code.upper(), parse_date(one, pivot=pivot), None, line)
        if lo is not None:
            start, end = parse_date(lo, pivot=pivot), parse_date(hi, pivot=pivot)
            if end < start:
                problems.add(line, f"date range {lo}-{hi} ends before it starts")
                return None
            return DateRestriction(code.upper(), start, end, line)
    except ValueError as e:
        problems.add(line, f"bad date in [{body}] ({e})")
        return None
    return DateRestriction(code.upper(), None, None, line)


def parse_actors(text: str, *, origin: str, pivot: int = CENTURY_PIVOT,
                 strict: bool = False) -> ActorDictionary:
    """Parse an ``.actors`` text; `origin` names it in errors (file:line). Entries PETRARCH
    would skip are skipped and noted, or raise when `strict`."""
    problems = Problems(origin, strict=strict)
    entries: list[ActorEntry] = []
    current: dict | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        restrictions = [r for r in current["restrictions"] if r.start or r.end]
        defaults = [r.code for r in current["restrictions"] if not (r.start or r.end)]
        default = current["default"] or (defaults[0] if defaults else None)
        entries.append(ActorEntry(tuple(current["phrases"]), default, tuple(restrictions),
                                  current["line"], origin))
        current = None

    for ln in source_lines(text):
        body = ln.text
        if body.startswith("["):
            if current is None:
                problems.add(ln.number, "a [code] line before any actor phrase", fatal=True)
                continue
            inner, code = bracket_code(body)
            if code is None or inner:
                problems.add(ln.number,
                             f"expected one [CODE ...] on a restriction line, got {body!r}")
                continue
            r = _restriction(code, ln.number, problems, pivot=pivot)
            if r is not None:
                current["restrictions"].append(r)
            continue
        if body.startswith("+"):
            if current is None:
                problems.add(ln.number, "a +synonym line before any actor phrase", fatal=True)
                continue
            phrase_text, code = bracket_code(body[1:])
            if not phrase_text.strip():
                problems.add(ln.number, "empty +synonym")
                continue
            if code is not None:
                problems.add(ln.number, "a +synonym cannot carry its own [code]; "
                                        "give it its own record instead")
                continue
            current["phrases"].append(parse_phrase(phrase_text))
            continue
        close()
        phrase_text, code = bracket_code(body)
        if not phrase_text.strip():
            problems.add(ln.number, f"no actor phrase before the code in {body!r}")
            continue
        current = {"phrases": [parse_phrase(phrase_text)], "default": None,
                   "restrictions": [], "line": ln.number}
        if code is not None:
            r = _restriction(code, ln.number, problems, pivot=pivot)
            if r is not None:
                if r.start or r.end:
                    current["restrictions"].append(r)
                else:
                    current["default"] = r.code
    close()
    notes = problems.finish(what="actor dictionary")
    return _build(entries, [origin], list(notes))


def load_actors(path: str | Path, *, pivot: int = CENTURY_PIVOT,
                strict: bool = False) -> ActorDictionary:
    """Read and parse one ``.actors`` file."""
    return parse_actors(read_source(path), origin=str(path), pivot=pivot, strict=strict)
