"""The PETRARCH ``.agents`` dictionary, and composing agents with actors.

Format::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON   # a substitution set
    PHRASE {PLURAL PLURAL} [~CODE]              # ~CODE: appended after the actor code
    PHRASE {} [CODE~]                           # CODE~: put before it; {} = no plural
    CONGRESS!PERSON! [~LEG]                     # one entry per item of the set

Without ``{...}`` the regular plural of the last word is added (+S, Y -> IES,
S/X/Z/CH/SH -> +ES); items of a substitution set get no plural. `compose` builds
a PETRARCH code from an actor code and the agents of its noun phrase: prefix
agents first, then the actor, then suffix agents in order, leaving out an agent
code already present at a three-letter boundary (``USAGOV`` + ``~GOV`` stays
``USAGOV``; ``GMWGOV`` + ``~WGO`` becomes ``GMWGOVWGO``). An agent with no actor
gives ``---`` + its code (``---GOV``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from bilat.compat.petrarch._source import (Problems, bracket_code, plural_of, read_source,
                                           source_lines)
from bilat.compat.petrarch.phrases import Phrase, PhraseIndex, concat_parts, parse_phrase

__all__ = ["AgentEntry", "AgentDictionary", "parse_agents", "load_agents", "compose"]

_SUBST_DEF = re.compile(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$")
_SUBST_USE = re.compile(r"![A-Za-z0-9_]+!")
_PLURALS = re.compile(r"\{([^{}]*)\}")
_AGENT_CODE = re.compile(r"^(~[A-Za-z0-9]+|[A-Za-z0-9]+~)$")


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent phrase and its code (without the ``~``)."""

    phrase: Phrase
    code: str
    prefix: bool  # True for CODE~ (goes before the actor code)
    line: int


@dataclass(frozen=True)
class AgentDictionary:
    entries: tuple[AgentEntry, ...]
    origins: tuple[str, ...]
    index: PhraseIndex[AgentEntry]
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def merge(parts: Iterable["AgentDictionary"]) -> "AgentDictionary":
        return _build(*concat_parts(parts))


def _build(entries: list[AgentEntry], origins: list[str], notes: list[str]) -> AgentDictionary:
    index: PhraseIndex[AgentEntry] = PhraseIndex()
    seen: set[tuple[str, ...]] = set()
    for e in entries:
        if e.phrase.words in seen:
            continue
        seen.add(e.phrase.words)
        index.add(e.phrase, e)
    return AgentDictionary(tuple(entries), tuple(origins), index, tuple(notes))


_LAST_WORD = re.compile(r"^(.*?)([^\s_]+)[\s_]*$")


def _with_plural(text: str) -> str:
    """The phrase text with its last word made plural."""
    m = _LAST_WORD.match(text)
    if m is None:
        return text
    return m.group(1) + plural_of(m.group(2).upper())


def parse_agents(text: str, *, origin: str, strict: bool = False) -> AgentDictionary:
    """Parse an ``.agents`` text; `origin` names it in errors (file:line). Lines PETRARCH
    would skip are skipped and noted, or raise when `strict`."""
    problems = Problems(origin, strict=strict)
    substitutions: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for ln in source_lines(text):
        body = ln.text
        m = _SUBST_DEF.match(body)
        if m:
            items = [x.strip() for x in m.group(2).split(",") if x.strip()]
            if not items:
                problems.add(ln.number, f"substitution set {m.group(1)} has no items")
            substitutions[m.group(1).upper()] = items
            continue
        rest, code = bracket_code(body)
        if code is None:
            problems.add(ln.number, f"no [~CODE] in agent line {body!r}")
            continue
        code = code.replace(" ", "")
        if not _AGENT_CODE.match(code):
            problems.add(ln.number, f"agent code [{code}] needs one ~ before or after a code "
                                    "(e.g. [~GOV] or [NGO~])")
            continue
        plurals: list[str] | None = None
        pm = _PLURALS.search(rest)
        if pm:
            plurals = pm.group(1).split()
            rest = (rest[:pm.start()] + rest[pm.end():]).strip()
        if "{" in rest or "}" in rest:
            problems.add(ln.number, f"unbalanced {{...}} in agent line {body!r}")
            continue
        phrase_text = rest.strip()
        if not phrase_text:
            problems.add(ln.number, "agent line without a phrase")
            continue
        prefix = code.endswith("~")
        bare = code.strip("~").upper()
        markers = _SUBST_USE.findall(phrase_text)
        if markers:
            unknown = [mk for mk in markers if mk.upper() not in substitutions]
            if unknown:
                problems.add(ln.number, f"substitution set {unknown[0]} is not defined above "
                                        "this line")
                continue
            texts = [phrase_text]
            for mk in markers:
                items = substitutions[mk.upper()]
                texts = [t.replace(mk, item, 1) for t in texts for item in items]
        else:
            texts = [phrase_text]
            if plurals is None:
                texts.append(_with_plural(phrase_text))
            else:
                texts.extend(plurals)
        for t in texts:
            phrase = parse_phrase(t)
            if phrase.words:
                entries.append(AgentEntry(phrase, bare, prefix, ln.number))
    notes = problems.finish(what="agent dictionary")
    return _build(entries, [origin], list(notes))


def load_agents(path: str | Path, *, strict: bool = False) -> AgentDictionary:
    return parse_agents(read_source(path), origin=str(path), strict=strict)


def _present(code: str, part: str) -> bool:
    """`part` already in `code` at a three-letter boundary."""
    return any(code.startswith(part, i) for i in range(0, len(code) - len(part) + 1, 3))


def compose(actor_code: str | None, agents: Sequence[AgentEntry]) -> str:
    """PETRARCH code of an actor and the agents of its noun phrase."""
    base = actor_code if actor_code else "---"
    prefixes = [a.code for a in agents if a.prefix]
    suffixes = [a.code for a in agents if not a.prefix]
    code = base
    for p in reversed(prefixes):
        if not _present(code, p):
            code = p + code
    for s in suffixes:
        if not _present(code, s):
            code = code + s
    return code
