"""The PETRARCH/TABARI validation-records format (``PETR.UnitTest.records.xml``).

    <Environment>
        <Verbfile>X.verbs.txt</Verbfile>    <Actorfile>..</Actorfile> (one or more)
        <Agentfile>..</Agentfile>  <Discardfile>..</Discardfile>
        <Include>DEMO ACTOR ...</Include>   categories the suite evaluates
        <PICOfile>..</PICOfile>             UD-PETRARCH's coding ontology (optional)
    </Environment>
    <Config option="require_dyad" value="false"></Config>   (kept, not applied)
    <Sentence date="19950101" id="DEMO-01" category="DEMO" evaluate="true">
    <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
    <EventCoding noevents="True"/>           or error="..." : nothing should be coded
    <Text> ... </Text>
    <Parse> ... </Parse>                     (ignored: bilat parses the text itself)
    </Sentence>

A record is evaluated when its category is in ``<Include>`` (all when there is
no list) and it is not marked ``evaluate="false"`` (UD-PETRARCH) or
``sentence="false"`` (PETRARCH-2's files use it for cases "currently not
implemented"). The words of ``<Parse>`` are kept only to flag records whose
text and parse differ (the gold was coded from the parse).

Read with regular expressions, record by record, because the files are not
always well-formed XML; problems name ``file:line``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bilat.compat.petrarch._source import read_source
from bilat.errors import MalformedInput

__all__ = ["Environment", "Record", "RecordSet", "parse_records", "read_records", "Triple"]

Triple = tuple[str, str, str]  # (source code, target code, event code)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ENV = re.compile(r"<Environment>(.*?)</Environment>", re.S | re.I)
_TAG = re.compile(r"<(\w+)>\s*(.*?)\s*</\1>", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CONFIG = re.compile(r"<Config\b([^>]*?)/?>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
_LEAF = re.compile(r"\(([^()\s]+) ([^()\s]+)\)")
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


@dataclass(frozen=True, slots=True)
class Environment:
    verbs: str | None
    actors: tuple[str, ...]
    agents: tuple[str, ...]
    discards: tuple[str, ...]
    include: tuple[str, ...]  # empty: every category
    ontology: str | None = None  # <PICOfile> (UD-PETRARCH)


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    date: date | None
    category: str | None
    evaluate: bool  # the file asks for this record to be scored
    text: str
    expected: frozenset[Triple]
    expects_error: str | None  # error="..." of the gold ("dateline", "storydiscard", ...)
    parse_words: tuple[str, ...] | None
    options: tuple[tuple[str, str], ...]  # <Config> options in force (not applied)
    line: int
    comments: tuple[str, ...] = field(default=())

    @property
    def text_matches_parse(self) -> bool:
        """False when the words of <Parse> differ from <Text> (the gold follows the parse)."""
        if self.parse_words is None:
            return True
        return _squash(self.text.split()) == _squash(self.parse_words)

    def option(self, name: str) -> str | None:
        for k, v in self.options:
            if k == name:
                return v
        return None


@dataclass(frozen=True, slots=True)
class RecordSet:
    path: str
    environment: Environment
    records: tuple[Record, ...]

    def included(self, r: Record) -> bool:
        inc = self.environment.include
        return r.evaluate and (not inc or (r.category or "") in inc)


def _squash(words) -> str:
    joined = "".join(_BRACKETS.get(w, w) for w in words).lower()
    return re.sub(r"[^a-z0-9]", "", joined)


def _attrs(text: str) -> dict[str, str]:
    return {k: (a if a else b) for k, a, b in _ATTR.findall(text)}


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _date(value: str | None, origin: str, line: int) -> date | None:
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) == 8 and v.isdigit():
            return date(int(v[:4]), int(v[4:6]), int(v[6:]))
    except ValueError:
        pass
    raise MalformedInput(f"{origin}:{line}: date={value!r} is not YYYYMMDD; fix the record")


def _parse_words(block: str) -> tuple[str, ...]:
    if "(" in block:
        return tuple(w for _, w in _LEAF.findall(block))
    words = []
    for line in block.splitlines():
        cols = line.split("\t")
        if len(cols) > 1 and cols[0].strip().isdigit():
            words.append(cols[1])
    return tuple(words)


def _environment(text: str) -> Environment:
    m = _ENV.search(_COMMENT.sub("", text))
    tags: dict[str, list[str]] = {}
    if m:
        for name, value in _TAG.findall(m.group(1)):
            tags.setdefault(name.lower(), []).append(value.strip())
    include = tuple(w for v in tags.get("include", []) for w in v.split())
    return Environment(
        verbs=(tags.get("verbfile") or [None])[0],
        actors=tuple(tags.get("actorfile", [])),
        agents=tuple(tags.get("agentfile", [])),
        discards=tuple(tags.get("discardfile", [])),
        include=include,
        ontology=(tags.get("picofile") or [None])[0],
    )


def parse_records(text: str, *, origin: str) -> RecordSet:
    """Parse a validation-records text; `origin` names it in errors."""
    env = _environment(text)
    # blank comments out (same length) so positions and line numbers stay true
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    configs = [(m.start(), _attrs(m.group(1))) for m in _CONFIG.finditer(masked)]
    options: dict[str, str] = {}
    ci = 0
    records: list[Record] = []
    for m in _SENTENCE.finditer(masked):
        while ci < len(configs) and configs[ci][0] < m.start():
            a = configs[ci][1]
            if "option" in a:
                options[a["option"]] = a.get("value", "")
            ci += 1
        line = _line_of(text, m.start())
        attrs = _attrs(m.group(1))
        body = m.group(2)
        raw_body = text[m.start(2):m.end(2)]
        tm = _TEXT.search(body)
        if tm is None:
            raise MalformedInput(f"{origin}:{line}: <Sentence> without <Text>; fix the record")
        sentence_text = " ".join(html.unescape(tm.group(1)).split())
        expected: set[Triple] = set()
        error: str | None = None
        for cm in _CODING.finditer(body):
            a = _attrs(cm.group(1))
            if "error" in a:
                error = a["error"]
                continue
            if a.get("noevents", "").lower() == "true":
                continue
            if "eventcode" in a:
                expected.add((html.unescape(a.get("sourcecode", "")),
                              html.unescape(a.get("targetcode", "")), a["eventcode"]))
        pm = _PARSE.search(body)
        flag = (attrs.get("evaluate") or attrs.get("sentence") or "true").strip().lower()
        records.append(Record(
            id=attrs.get("id", f"line-{line}"),
            date=_date(attrs.get("date"), origin, line),
            category=attrs.get("category"),
            evaluate=flag != "false",
            text=sentence_text,
            expected=frozenset(expected),
            expects_error=error,
            parse_words=_parse_words(pm.group(1)) if pm else None,
            options=tuple(sorted(options.items())),
            line=line,
            comments=tuple(c.strip("<!-> \n") for c in _COMMENT.findall(raw_body)),
        ))
    if not records:
        raise MalformedInput(f"{origin}: no <Sentence> records found; is this a PETRARCH "
                             "validation-records file?")
    return RecordSet(origin, env, tuple(records))


def read_records(path: str | Path) -> RecordSet:
    """Read a validation-records file."""
    return parse_records(read_source(path), origin=str(path))
