"""The PETRARCH ``.issues`` list: parsed so a dictionary folder loads whole, not used.

Format::

    <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
    n:teacher [TEACHERS]          # n: noun and plural, v: regular verb forms,
    early+childhood education [X] # +: with a blank and with a hyphen
    ~a head start                 # ~ (or ~~): a phrase that cancels issue coding
    </ISSUE>

bilat codes events, not issues: `IssueList` is checked and kept (so a broken
file is reported with its line) but the coder does not use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bilat.compat.petrarch._source import Problems, bracket_code, read_source, source_lines

__all__ = ["Issue", "IssueList", "parse_issues", "load_issues"]

_OPEN = re.compile(r"^<ISSUE\b([^>]*)>$", re.I)
_CLOSE = re.compile(r"^</ISSUE>$", re.I)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Issue:
    category: str | None
    phrase: str
    code: str | None  # None for an ignore (~) phrase
    ignore: bool
    line: int


@dataclass(frozen=True)
class IssueList:
    entries: tuple[Issue, ...]
    origins: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)


def parse_issues(text: str, *, origin: str, strict: bool = False) -> IssueList:
    """Parse an issues text; `origin` names it in errors (file:line)."""
    problems = Problems(origin, strict=strict)
    entries: list[Issue] = []
    category: str | None = None
    for ln in source_lines(text, semicolon=False):
        body = ln.text
        m = _OPEN.match(body)
        if m:
            category = dict(_ATTR.findall(m.group(1))).get("CATEGORY")
            continue
        if _CLOSE.match(body):
            category = None
            continue
        if body.startswith("~"):
            entries.append(Issue(category, body.lstrip("~").strip(), None, True, ln.number))
            continue
        phrase, code = bracket_code(body)
        if code is None or not phrase:
            problems.add(ln.number, f"expected 'phrase [CODE]' or '~phrase', got {body!r}")
            continue
        entries.append(Issue(category, phrase, code, False, ln.number))
    notes = problems.finish(what="issue list")
    return IssueList(tuple(entries), (origin,), notes)


def load_issues(path: str | Path, *, strict: bool = False) -> IssueList:
    return parse_issues(read_source(path), origin=str(path), strict=strict)
