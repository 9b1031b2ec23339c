"""The TABARI/PETRARCH ``.verbs`` dictionary: synonym sets, verb blocks, patterns.

Format, as implemented here::

    &CURRENCY                   synonym set; "+" lines are its phrases (consecutive
    +DOLLAR                     words, blank or _ between them); a regular plural is
    +SWISS FRANCS               added unless the phrase or the label ends in "_";
    +&OTHERSET                  a set may include another set

    --- GRANT [070] ---         a verb block and its default code ("---": none)
    GRANT                       the verbs of the block: regular forms (+S/+ES/+IES,
    GIVE {GAVE GIVEN} [071]     +ED/+D/+IED, +ING) are generated; irregular ones go
    +BREAK_DOWN {+BROKE_DOWN}   in {...}; "+" marks the verb word of a multi-word
    WIRE_+TAP                   verb; [code] gives a verb its own default code
    - * &CURRENCY [903]         patterns of the block, used for all of its verbs

Pattern syntax: ``*`` the verb; words before it must come before the verb, words
after it after; ``_`` joins two items that must be adjacent, a blank allows
words between; ``&SET`` any phrase of a set; ``$`` source, ``+`` target, ``%``
a compound actor (its members act on each other), ``^`` skip a noun phrase;
PETRARCH-2 style ``{A B}`` a noun phrase (only modifiers may come between) and
``(PREP ...)`` a prepositional phrase; codes ``[064]``, ``[032:033]`` (a paired
code: source->target 032 and target->source 033) or ``[---]`` (no event).

Every bad line is reported at once in one `TableError` naming ``file:line``.
A pattern naming an undefined set is dropped (PETRARCH does the same) and
listed in `VerbDictionary.notes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bilat.compat.petrarch._source import (Problems, bracket_code, plural_of, read_source,
                                           source_lines, split_words)

__all__ = ["Kind", "Link", "Element", "VerbPattern", "VerbEntry", "VerbBlock", "VerbHit",
           "VerbDictionary", "parse_verbs", "load_verbs", "verb_forms", "NULL_CODE"]

NULL_CODE = "---"
VOWELS = "AEIOU"


class Kind(str, Enum):
    WORD = "word"
    SYNSET = "synset"
    VERB = "verb"
    SOURCE = "source"  # $
    TARGET = "target"  # +
    COMPOUND = "compound"  # %
    SKIP = "skip"  # ^


class Link(str, Enum):
    """How an element joins the next one."""

    ADJACENT = "adjacent"  # "_", or the head word of a {...}: the next item follows at once
    PHRASE = "phrase"  # inside {...}: only noun-phrase modifiers may come between
    PREP = "prep"  # inside (...): only determiners may come between
    GAP = "gap"  # a blank: any words may come between


_MARKERS = {"*": Kind.VERB, "**": Kind.VERB, "$": Kind.SOURCE, "+": Kind.TARGET,
            "%": Kind.COMPOUND, "^": Kind.SKIP}


@dataclass(frozen=True, slots=True)
class Element:
    kind: Kind
    value: str = ""  # the word, or the set name without "&"
    link: Link = Link.GAP  # join to the next element
    preposition: bool = False  # first word of a (...) group: a preposition, not infinitival "to"
    in_np: bool = False  # inside {...}: must be a word of a noun phrase of the verb's own clause


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One ``-`` line of a verb block."""

    upper: tuple[Element, ...]  # before the verb, in reading order
    verb_link: Link  # join between the verb and the first lower element
    lower: tuple[Element, ...]  # after the verb
    code: str
    line: int
    text: str

    @property
    def weight(self) -> int:
        """Longer patterns are tried first (the number of items besides the verb)."""
        return len(self.upper) + len(self.lower)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb of a block: its words, which one is the verb, its surface forms."""

    words: tuple[str, ...]
    head: int
    forms: tuple[tuple[tuple[str, ...], int], ...]  # (words, head index) of every form
    code: str | None  # its own default code, else the block's
    line: int


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: str
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[VerbPattern, ...]
    line: int


@dataclass(frozen=True, slots=True)
class VerbHit:
    """A surface form of a verb: the verb word plus the words that must surround it."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str  # the verb's default code (its own, else its block's)
    block: int  # index into VerbDictionary.blocks
    verb: str  # the dictionary verb, for reports


@dataclass(frozen=True)
class VerbDictionary:
    origin: str
    synsets: dict[str, tuple[tuple[str, ...], ...]]
    blocks: tuple[VerbBlock, ...]
    hits: dict[str, tuple[VerbHit, ...]]
    notes: tuple[str, ...]

    def lookup(self, word: str) -> tuple[VerbHit, ...]:
        """Forms whose verb word is `word` (upper case), longest context first."""
        return self.hits.get(word, ())

    def __len__(self) -> int:
        return len(self.blocks)


# --------------------------------------------------------------------- forms

def verb_forms(word: str) -> tuple[str, ...]:
    """The regular forms of an upper-case verb: base, third person, past, gerund."""
    w = word
    out = [w]
    cons_y = len(w) > 1 and w.endswith("Y") and w[-2] not in VOWELS
    if w.endswith(("S", "X", "Z", "CH", "SH", "O")):
        out.append(w + "ES")
    elif cons_y:
        out.append(w[:-1] + "IES")
    else:
        out.append(w + "S")
    if w.endswith("E"):
        out.append(w + "D")
    elif cons_y:
        out.append(w[:-1] + "IED")
    else:
        out.append(w + "ED")
    if w.endswith("IE"):
        out.append(w[:-2] + "YING")
    elif w.endswith("E") and not w.endswith(("EE", "YE", "OE")) and len(w) > 2:
        out.append(w[:-1] + "ING")
    else:
        out.append(w + "ING")
    return tuple(dict.fromkeys(out))


def _verb_words(text: str) -> tuple[tuple[str, ...], int] | None:
    """"KLM_NOP_+RST" -> (("KLM", "NOP", "RST"), 2); no "+" -> the first word is the verb."""
    words: list[str] = []
    head = -1
    for part in re.split(r"[_\s]+", text.strip()):
        if not part:
            continue
        marked = part.startswith("+")
        part = part.lstrip("+")
        if not part:
            continue
        pieces = split_words(part)
        if marked and head == -1:
            head = len(words)
        words.extend(pieces)
    if not words:
        return None
    return tuple(words), max(head, 0)


# --------------------------------------------------------------------- patterns

_SCAN = re.compile(r"\{|\}|\(|\)|[^\s{}()]+")


def _parse_pattern(body: str, line: int, problems: Problems) -> tuple[list[Element], int] | None:
    """Elements of a pattern and the index of its verb; None (with a problem) if bad."""
    elements: list[Element] = []
    braces: list[int | None] = []  # the {...} group of each element
    parens: list[int | None] = []  # the (...) group of each element
    brace: list[int] = []
    paren: list[int] = []
    counter = 0
    verb_at = -1
    fresh_paren = False
    for tok in _SCAN.findall(body):
        if tok in ("{", "("):
            counter += 1
            (brace if tok == "{" else paren).append(counter)
            fresh_paren = fresh_paren or tok == "("
            continue
        if tok in ("}", ")"):
            stack = brace if tok == "}" else paren
            if not stack:
                problems.add(line, f"unbalanced {tok} in pattern {body!r}")
                return None
            stack.pop()
            continue
        bgroup = brace[-1] if brace else None
        pgroup = paren[-1] if paren else None
        first_in_chunk = True
        for part in (p for p in tok.split("_") if p):
            if part.startswith("&") and len(part) > 1:
                items = [Element(Kind.SYNSET, part[1:].upper())]
            elif part in _MARKERS:
                items = [Element(_MARKERS[part])]
            elif part.startswith("*") and part.lstrip("*") and "*" not in part.lstrip("*"):
                problems.add(line, f"{part!r} in pattern {body!r} read as '* {part.lstrip('*')}'")
                items = [Element(Kind.VERB)] + [Element(Kind.WORD, w)
                                                for w in split_words(part.lstrip("*"))]
            elif "*" in part:
                problems.add(line, f"{part!r} in pattern {body!r}: the verb is a lone *")
                return None
            else:
                items = [Element(Kind.WORD, w, preposition=fresh_paren and k == 0)
                         for k, w in enumerate(split_words(part))]
            fresh_paren = False
            for k, el in enumerate(items):
                if elements:
                    prev = elements[-1]
                    if not first_in_chunk or k > 0:
                        link = Link.ADJACENT
                    elif bgroup is not None and braces[-1] == bgroup:
                        link = Link.PHRASE
                    elif pgroup is not None and parens[-1] == pgroup:
                        link = Link.PREP
                    else:
                        link = Link.GAP
                    elements[-1] = Element(prev.kind, prev.value, link, prev.preposition,
                                           prev.in_np)
                if el.kind is Kind.VERB:
                    if verb_at != -1:
                        problems.add(line, f"two verbs (*) in pattern {body!r}")
                        return None
                    verb_at = len(elements)
                if bgroup is not None:
                    el = Element(el.kind, el.value, el.link, el.preposition, True)
                elements.append(el)
                braces.append(bgroup)
                parens.append(pgroup)
            first_in_chunk = False
    if brace or paren:
        problems.add(line, f"unclosed {{ or ( in pattern {body!r}")
        return None
    if verb_at == -1:
        problems.add(line, f"pattern {body!r} has no * for the verb")
        return None
    # the last item of a {...} noun phrase is its head: nothing may come between it and the
    # item before it ("{&TIETYPES MEMOS}" fits "economic memos", not "economic secret memos")
    for k in range(len(elements) - 1):
        g = braces[k]
        if g is not None and braces[k + 1] == g and (k + 2 >= len(elements) or braces[k + 2] != g):
            e = elements[k]
            elements[k] = Element(e.kind, e.value, Link.ADJACENT, e.preposition, e.in_np)
    return elements, verb_at


def _code_ok(code: str) -> bool:
    """"064", "032:033", ":173" (reverse event only); not "", ":" or "a:b:c"."""
    parts = code.split(":")
    return bool(code) and " " not in code and len(parts) <= 2 and any(parts)


# --------------------------------------------------------------------- file

@dataclass
class _Block:
    name: str
    code: str
    line: int
    verbs: list[VerbEntry]
    patterns: list[tuple[int, str, list[Element], int, str]]  # line, text, elements, verb_at, code


def parse_verbs(text: str, *, origin: str, strict: bool = False) -> VerbDictionary:
    """Parse a ``.verbs`` text; `origin` names it in errors (file:line). Entries PETRARCH
    would skip are skipped and noted, or raise when `strict`."""
    problems = Problems(origin, strict=strict)
    notes: list[str] = []
    raw_sets: dict[str, list[tuple[int, str]]] = {}
    set_no_plural: dict[str, bool] = {}
    blocks: list[_Block] = []
    current_set: str | None = None
    for ln in source_lines(text):
        body = ln.text
        if body.startswith("---"):
            current_set = None
            inner = body.strip("-").strip()
            name, code = bracket_code(inner)
            extra = bracket_code(name)[1] if code is not None else None
            if extra is not None:
                name = bracket_code(name)[0]
                problems.add(ln.number, f"block header has a second code [{extra}]; the first "
                                        f"[{code}] is the block's code")
            name = name.strip("- ").strip() or "?"
            code = (code or NULL_CODE).replace(" ", "")
            if not _code_ok(code):
                problems.add(ln.number, f"bad block code [{code}] in {body!r}")
                code = NULL_CODE
            blocks.append(_Block(name, code, ln.number, [], []))
            continue
        if body.startswith("&"):
            label = body.split()[0][1:].upper()
            current_set = label.rstrip("_")
            set_no_plural[current_set] = label.endswith("_")
            if current_set in raw_sets:
                problems.add(ln.number, f"synonym set &{current_set} is defined again; the "
                                        "later definition is used")
            raw_sets[current_set] = []
            continue
        if body.startswith("+") and current_set is not None:
            raw_sets[current_set].append((ln.number, body[1:].strip()))
            continue
        current_set = None
        lenient = body.startswith("*") and "[" in body
        if body.startswith("-") or lenient:
            if not blocks:
                problems.add(ln.number, "a pattern before any --- VERB [code] --- block",
                             fatal=True)
                continue
            pat = body if lenient else body[1:]
            cut = pat.rfind("[")
            end = pat.rfind("]")
            if cut == -1 or end < cut:
                problems.add(ln.number, f"pattern {body!r} has no [code]")
                continue
            code = pat[cut + 1:end].replace(" ", "")
            if not _code_ok(code):
                problems.add(ln.number, f"bad code [{code}] in pattern {body!r}")
                continue
            parsed = _parse_pattern(pat[:cut], ln.number, problems)
            if parsed is None:
                continue
            if lenient:
                problems.add(ln.number, "pattern line without its leading '-' read as a pattern")
            blocks[-1].patterns.append((ln.number, pat[:cut].strip(), parsed[0], parsed[1], code))
            continue
        # a verb line
        if not blocks:
            problems.add(ln.number, f"verb {body!r} before any --- VERB [code] --- block",
                         fatal=True)
            continue
        rest, code = bracket_code(body)
        forms_text: list[str] = []
        m = re.search(r"\{([^{}]*)\}", rest)
        if m:
            forms_text = m.group(1).split()
            rest = (rest[:m.start()] + " " + rest[m.end():]).strip()
        if "{" in rest or "}" in rest:
            problems.add(ln.number, f"unbalanced {{...}} in verb line {body!r}")
            continue
        parsed_words = _verb_words(rest)
        if parsed_words is None:
            problems.add(ln.number, f"no verb in line {body!r}")
            continue
        words, head = parsed_words
        if code is not None:
            code = code.replace(" ", "")
            if not _code_ok(code):
                problems.add(ln.number, f"bad verb code [{code}] in {body!r}")
                continue
        forms: list[tuple[tuple[str, ...], int]] = []
        for f in verb_forms(words[head]):
            forms.append((words[:head] + (f,) + words[head + 1:], head))
        for ft in forms_text:
            fw = _verb_words(ft)
            if fw is not None:
                forms.append(fw)
        blocks[-1].verbs.append(VerbEntry(words, head, tuple(dict.fromkeys(forms)), code,
                                          ln.number))
    synsets = _expand_sets(raw_sets, set_no_plural, problems)
    notes.extend(problems.finish(what="verb dictionary"))
    final_blocks: list[VerbBlock] = []
    for b in blocks:
        pats: list[VerbPattern] = []
        for line, ptext, elements, verb_at, code in b.patterns:
            missing = [e.value for e in elements
                       if e.kind is Kind.SYNSET and e.value not in synsets]
            if missing:
                notes.append(f"{origin}:{line}: pattern dropped: synonym set &{missing[0]} "
                             "is not defined")
                continue
            pats.append(VerbPattern(tuple(elements[:verb_at]), elements[verb_at].link,
                                    tuple(elements[verb_at + 1:]), code, line, ptext))
        pats.sort(key=lambda p: -p.weight)  # stable: file order among equals
        final_blocks.append(VerbBlock(b.name, b.code, tuple(b.verbs), tuple(pats), b.line))
    hits: dict[str, list[VerbHit]] = {}
    for bi, b in enumerate(final_blocks):
        for v in b.verbs:
            vcode = v.code if v.code is not None else b.code
            name = " ".join(v.words)
            for fwords, fhead in v.forms:
                hit = VerbHit(fwords[:fhead], fwords[fhead + 1:], vcode, bi, name)
                hits.setdefault(fwords[fhead], []).append(hit)
    ordered = {k: tuple(sorted(v, key=lambda h: -(len(h.before) + len(h.after))))
               for k, v in hits.items()}
    return VerbDictionary(origin, synsets, tuple(final_blocks), ordered, tuple(notes))


def _expand_sets(raw: dict[str, list[tuple[int, str]]], no_plural: dict[str, bool],
                 problems: Problems) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word tuples of every set, with plurals and nested sets expanded."""
    done: dict[str, tuple[tuple[str, ...], ...]] = {}

    def expand(name: str, stack: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        if name in done:
            return done[name]
        out: list[tuple[str, ...]] = []
        for line, text in raw[name]:
            t = text.strip().strip("()").strip()
            if t.startswith("&"):
                ref = t[1:].split()[0].upper().rstrip("_")
                if ref in stack:
                    problems.add(line, f"synonym set &{name} includes itself through &{ref}")
                    continue
                if ref not in raw:
                    problems.add(line, f"synonym set &{ref} used in &{name} is not defined")
                    continue
                out.extend(expand(ref, stack + (ref,)))
                continue
            if "&" in t or any(m in t.split() for m in ("$", "+", "%", "^", "*")):
                problems.add(line, f"a synonym-set phrase holds words only, not {t!r}")
                continue
            words: list[str] = []
            for part in re.split(r"[_\s]+", t):
                if part:
                    words.extend(split_words(part))
            if not words:
                continue
            out.append(tuple(words))
            if not (t.endswith("_") or no_plural.get(name, False)):
                out.append(tuple(words[:-1]) + (plural_of(words[-1]),))
        uniq = tuple(sorted(dict.fromkeys(out), key=lambda w: -len(w)))
        done[name] = uniq
        return uniq

    for name in raw:
        expand(name, (name,))
    return done


def load_verbs(path: str | Path, *, strict: bool = False) -> VerbDictionary:
    return parse_verbs(read_source(path), origin=str(path), strict=strict)
