"""Reading a TABARI/PETRARCH dictionary file: lines, comments, problems, words.

Comment rules (shared by every PETRARCH dictionary):

- ``<!-- ... -->`` may sit inside a line or span lines; the legacy ``<! --`` opener
  is accepted too;
- ``#`` starts a comment that runs to the end of the line, except inside ``[...]``
  (so the TABARI code ``[###]`` survives);
- ``;`` does the same (the old KEDS/TABARI rule) where a format allows it;
- blank lines are dropped.

`Problems` collects every bad line of a file and raises one `TableError` that
names ``file:line`` for each, so a user fixes them all in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bilat.errors import InputNotFound, TableError

__all__ = ["SourceLine", "Problems", "read_source", "source_lines", "split_words", "plural_of",
           "bracket_code"]

_HTML_OPEN = re.compile(r"<!\s*--")
MAX_LISTED = 10  # problems spelled out in one error message


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One meaningful line of a dictionary file."""

    number: int  # 1-based line number in the file
    text: str  # the line without comments, stripped
    indented: bool  # the raw line began with a blank or a tab


class Problems:
    """Bad lines of one file.

    A *fatal* problem (the file is not in the format at all) always raises. Other
    problems spoil one entry: PETRARCH skips such entries, and so does bilat unless
    `strict`; they are kept as notes ("file:line: what") for the user to see.
    `finish` raises one `TableError` naming every problem's file:line.
    """

    def __init__(self, origin: str, *, strict: bool = False) -> None:
        self.origin = origin
        self.strict = strict
        self.items: list[tuple[int, str, bool]] = []

    def add(self, line: int, message: str, *, fatal: bool = False) -> None:
        self.items.append((line, message, fatal))

    def finish(self, *, what: str) -> tuple[str, ...]:
        """Raise if a fatal problem (or, when strict, any problem) was seen; else the notes."""
        bad = [(n, m) for n, m, fatal in self.items if fatal or self.strict]
        if bad:
            shown = "; ".join(f"{self.origin}:{n}: {m}" for n, m in bad[:MAX_LISTED])
            more = len(bad) - MAX_LISTED
            tail = f"; and {more} more" if more > 0 else ""
            raise TableError(f"{len(bad)} bad line(s) in the {what} {self.origin}: "
                             f"{shown}{tail}; fix these lines and load the file again")
        return tuple(f"{self.origin}:{n}: {m}" for n, m, _ in self.items)


def read_source(path: str | Path) -> str:
    """The text of a dictionary file (UTF-8, else Latin-1 as legacy files often are)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError as e:
        raise InputNotFound(f"{p}: no such dictionary file; check the path") from e
    except OSError as e:
        raise TableError(f"{p}: cannot read the dictionary file ({e.strerror})") from e
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _strip_outside_brackets(line: str, marks: str) -> str:
    """Cut `line` at the first comment mark that is not inside [...]."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif ch in marks and depth == 0:
            return line[:i]
    return line


def source_lines(text: str, *, semicolon: bool = True) -> list[SourceLine]:
    """The meaningful lines of a dictionary text, comments removed."""
    out: list[SourceLine] = []
    in_comment = False
    marks = "#;" if semicolon else "#"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        kept = []
        while line:
            if in_comment:
                end = line.find("-->")
                if end == -1:
                    line = ""
                    break
                line = line[end + 3:]
                in_comment = False
                continue
            m = _HTML_OPEN.search(line)
            if m is None:
                kept.append(line)
                break
            kept.append(line[:m.start()])
            line = line[m.end():]
            in_comment = True
        content = _strip_outside_brackets("".join(kept), marks).rstrip()
        if content.strip():
            out.append(SourceLine(number, content.strip(), raw[:1] in (" ", "\t")))
    return out


_HYPHEN = re.compile(r"(?<=[A-Z0-9])-(?=[A-Z0-9])")


def split_words(word: str) -> tuple[str, ...]:
    """One dictionary word as the tokenizer will see it: internal hyphens and
    Treebank contractions become separate tokens ("BARAD-DUR" -> BARAD - DUR,
    "DON'T" -> DO N'T, "CAN'T" -> CA N'T, "WON'T" -> WO N'T)."""
    w = word.upper().replace("\u2019", "'")
    parts: list[str] = []
    for piece in _HYPHEN.split(w):
        if parts:
            parts.append("-")
        if len(piece) > 3 and piece.endswith("N'T"):
            parts += [piece[:-3], "N'T"]
        else:
            parts.append(piece)
    return tuple(p for p in parts if p)


def plural_of(word: str) -> str:
    """The regular English plural of an upper-case word (PETRARCH's rule, made sane
    for vowel + Y): +S; consonant + Y -> IES; S, X, Z, CH, SH -> +ES."""
    if len(word) > 1 and word.endswith("Y") and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


_CODE = re.compile(r"\[([^\[\]]*)[\]}]")


def bracket_code(text: str) -> tuple[str, str | None]:
    """Split "PHRASE [CODE] rest" into ("PHRASE rest", "CODE"); no brackets -> (text, None).
    A closing ``}`` typed for ``]`` (seen in legacy files) is accepted."""
    m = _CODE.search(text)
    if m is None:
        return text, None
    return (text[:m.start()] + " " + text[m.end():]).strip(), m.group(1).strip()
