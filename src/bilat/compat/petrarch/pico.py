"""The PETRARCH Internal Coding Ontology (PICO) of UD-PETRARCH: how a negated verb recodes.

Format: one ``CODE:VALUE`` a line, VALUE a sum of signed hexadecimal terms,
anything after ``#`` a comment::

    050:0x0080#DiplomaticCoop
    110:0x1007f#0xFFFF+0x0080      "disapprove" = cooperate + the negation term
    011:0x1000-0xFFFF              "decline to comment" = comment - the negation term

A negated event ("did not clash", "will not wire tap") takes the code whose
value differs from its own by the negation term 0xFFFF (110 <-> 050,
170 <-> 057, 010 <-> 011); when no code has that value the event is not
coded. Without a PICO file negation is left to the verb patterns, as in
PETRARCH-2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bilat.compat.petrarch._source import Problems, read_source, source_lines

__all__ = ["CodingOntology", "parse_pico", "load_pico", "NEGATION"]

NEGATION = 0xFFFF
_LINE = re.compile(r"^([0-9A-Za-z]+)\s*:\s*([-+0-9a-fA-FxX\s]+)$")
_TERM = re.compile(r"([-+]?)\s*0[xX]([0-9a-fA-F]+)")


@dataclass(frozen=True)
class CodingOntology:
    values: dict[str, int]
    codes: dict[int, str]  # value -> the first code listed with it
    origin: str
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.values)

    def negate(self, code: str) -> str | None:
        """The code of the negated event, or None when the ontology has none."""
        v = self.values.get(code)
        if v is None:
            return None
        for w in (v - NEGATION, v + NEGATION):
            if w in self.codes:
                return self.codes[w]
        return None


def _value(expr: str) -> int | None:
    terms = _TERM.findall(expr)
    if not terms or _TERM.sub("", expr).strip():
        return None
    return sum((-1 if sign == "-" else 1) * int(h, 16) for sign, h in terms)


def parse_pico(text: str, *, origin: str, strict: bool = False) -> CodingOntology:
    problems = Problems(origin, strict=strict)
    values: dict[str, int] = {}
    codes: dict[int, str] = {}
    for ln in source_lines(text, semicolon=False):
        m = _LINE.match(ln.text)
        v = _value(m.group(2)) if m else None
        if m is None or v is None:
            problems.add(ln.number, f"expected CODE:0xVALUE (+/- more 0x terms), got {ln.text!r}")
            continue
        code = m.group(1)
        if code in values:
            problems.add(ln.number, f"code {code} is listed twice; the first value is kept")
            continue
        values[code] = v
        codes.setdefault(v, code)
    notes = problems.finish(what="coding ontology")
    return CodingOntology(values, codes, origin, notes)


def load_pico(path: str | Path, *, strict: bool = False) -> CodingOntology:
    return parse_pico(read_source(path), origin=str(path), strict=strict)
