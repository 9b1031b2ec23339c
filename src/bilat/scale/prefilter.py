"""The fast path's first pass: which sentences can hold an event, from tokens alone.

The parser is most of the cost of coding, and most sentences of the news hold no
event between two countries. `SentenceFilter.select` looks at a story's tokens
and the gazetteer's mentions (no tagger, parser or lemmatizer) and keeps a
sentence only if it has an event word and can name two different actors:

    countries named in it                   "Romania and Kazakhstan signed ..."
    the story's dyad, through a dyad        "the two sides", "both countries' leaders"
      reference or a plural dyad noun
      after "the", "both", "two", "their"
    the previous sentence's actors,         "He met Putin" after "Erdogan arrived ..."
      through a pronoun
    or, with the dyad known, a relations    "the 25th anniversary of diplomatic relations"
      word (the coder dates these to the dyad)

These are the only ways `bilat.coding` finds an actor, so a dropped sentence
cannot yield an event. A kept sentence with a pronoun also asks for the
previous sentence to be parsed: its main subject is the pronoun's antecedent.

Event words are surface forms, not lemmas: the lemmas of the pattern dictionary
(verbs and nouns), of the coder's governor, speech and relation word lists,
each with its inflections. The inflections invert the lemmatizer's own rules
and exception tables (so every form it maps to one of those lemmas is listed),
plus generic English suffixes for when no tables are at hand. Over-generating
costs a little speed, never an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IS_SPACE, LOWER
from spacy.strings import get_string_id

from bilat.schemas import ActorMention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from bilat.coding.patterns import PatternSet

# the lemmatizer tables whose rules and exceptions are inverted
_POS = ("verb", "noun", "adj")
# how many words (line breaks skipped) before a plural dyad noun its determiner may stand:
# "the Forest eleven tropical rainforest countries"
DET_WINDOW = 6


@dataclass(frozen=True, slots=True)
class EventWords:
    """Lower-case surface forms the filter looks for."""

    events: frozenset[str]  # pattern verbs and nouns, governors, speech verbs, relation words
    dyad: frozenset[str]  # plural dyad nouns ("countries", "sides", "leaders")
    dyad_dets: frozenset[str]  # words that make a plural dyad noun the dyad ("the two ...")
    pronouns: frozenset[str]  # pronouns the coder resolves to the previous sentence's subject
    relations: frozenset[str]  # "relations", "ties", "treaty": dated to the dyad
    establish: frozenset[str]  # verbs of the 054 patterns: "relations were established"


def _generic_forms(lemma: str) -> set[str]:
    """Regular English inflections of `lemma` (over-generating is harmless)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("y") and len(lemma) > 2:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e") and len(lemma) > 2:
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("ie"):
        out.add(lemma[:-2] + "ying")
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@dataclass(frozen=True, slots=True)
class Inflector:
    """Inverse of a rule lemmatizer: lemma -> every form its rules or exceptions map to it."""

    rules: Mapping[str, tuple[tuple[str, str], ...]]  # pos -> (form suffix, lemma suffix)
    exceptions: Mapping[str, Mapping[str, frozenset[str]]]  # pos -> lemma -> irregular forms

    @classmethod
    def from_nlp(cls, nlp: "Language") -> "Inflector":
        """The tables of `nlp`'s lemmatizer; none (generic suffixes only) when it has none."""
        if "lemmatizer" not in nlp.pipe_names:
            return cls({}, {})
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        return cls.from_tables(_table(lookups, "lemma_rules"), _table(lookups, "lemma_exc"))

    @classmethod
    def from_tables(cls, rules: Mapping[str, Any], exceptions: Mapping[str, Any]) -> "Inflector":
        """From spaCy's `lemma_rules` ({pos: [[old, new], ...]}) and `lemma_exc`
        ({pos: {form: [lemma, ...]}}) tables."""
        inv_rules = {pos: tuple((old, new) for old, new in rules.get(pos, ())) for pos in _POS}
        inv_exc: dict[str, dict[str, frozenset[str]]] = {}
        for pos in _POS:
            by_lemma: dict[str, set[str]] = {}
            for form, lemmas in dict(exceptions.get(pos, {})).items():
                for lemma in lemmas:
                    by_lemma.setdefault(lemma, set()).add(form)
            inv_exc[pos] = {k: frozenset(v) for k, v in by_lemma.items()}
        return cls(inv_rules, inv_exc)

    def plurals(self, noun: str) -> set[str]:
        """Plural forms of `noun` ("countries", "sides", "men" for "man"), lower case."""
        noun = noun.lower()
        out = {noun + "s", noun + "es"}
        if noun.endswith("y") and len(noun) > 2:
            out.add(noun[:-1] + "ies")
        for old, new in self.rules.get("noun", ()):
            if noun.endswith(new) and old != new:
                out.add(noun[: len(noun) - len(new)] + old)
        out |= self.exceptions.get("noun", {}).get(noun, frozenset())
        out.discard(noun)
        return {f for f in out if f}

    def forms(self, lemma: str) -> set[str]:
        """`lemma`, its regular inflections and its irregular forms, lower case."""
        lemma = lemma.lower()
        out = _generic_forms(lemma)
        for pos, pairs in self.rules.items():
            for old, new in pairs:
                if lemma.endswith(new):
                    out.add(lemma[: len(lemma) - len(new)] + old)
            out |= self.exceptions.get(pos, {}).get(lemma, frozenset())
        return {f for f in out if f}


def _table(lookups: Any, name: str) -> Mapping[str, Any]:
    if lookups is None or not lookups.has_table(name):
        return {}
    table = lookups.get_table(name)
    return {pos: table[pos] for pos in _POS if pos in table}


def event_lemmas(patterns: "PatternSet") -> frozenset[str]:
    """Every lemma that can start an event in `bilat.coding`: pattern verbs and nouns,
    the governors of speech acts (intent, appeal, demand, refusal, threat), the
    verbs of statements and the relation and treaty words of anniversaries."""
    from bilat.coding import coder, modality

    out: set[str] = set()
    for p in patterns.patterns:
        out |= p.verbs | p.nouns
    for words in (modality.INTENT_GOVERNORS, modality.APPEAL_GOVERNORS,
                  modality.DEMAND_GOVERNORS, modality.REFUSAL_GOVERNORS,
                  modality.THREAT_GOVERNORS, coder.SAY_VERBS, coder.RELATION_WORDS,
                  coder.TREATY_WORDS):
        out |= words
    return frozenset(out)


def event_words(patterns: "PatternSet", inflector: Inflector) -> EventWords:
    """The surface forms for `patterns` and the coder's fixed word lists."""
    from bilat.coding import coder, roles

    relations = _all_forms(coder.RELATION_WORDS | coder.TREATY_WORDS, inflector)
    return EventWords(
        events=_all_forms(event_lemmas(patterns), inflector),
        dyad=frozenset(f for noun in roles.DYAD_NOUNS for f in inflector.plurals(noun)),
        dyad_dets=frozenset(roles.DYAD_DETS),
        pronouns=frozenset(roles.PRONOUNS),
        relations=relations,
        establish=_all_forms((v for p in patterns.patterns if p.code.startswith("054")
                              for v in p.verbs), inflector),
    )


def _all_forms(lemmas: Iterable[str], inflector: Inflector) -> frozenset[str]:
    out: set[str] = set()
    for lemma in lemmas:
        out |= inflector.forms(lemma)
    return frozenset(out)


def _ids(words: Iterable[str]) -> np.ndarray:
    return np.array(sorted({get_string_id(w) for w in words}), dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class DocMarks:
    """Per-token flags of one tokenized Doc, indexed by token position."""

    events: np.ndarray
    dyad: np.ndarray
    pronouns: np.ndarray
    relations: np.ndarray
    establish: np.ndarray


@dataclass(frozen=True, slots=True)
class Selection:
    """What to parse of one story: the sentences to code, and the sentences whose
    main subject is needed as the next sentence's pronoun antecedent."""

    picks: tuple[int, ...]
    context: tuple[int, ...]

    @property
    def to_parse(self) -> tuple[int, ...]:
        return tuple(sorted(set(self.picks) | set(self.context)))


class SentenceFilter:
    """Decides, from tokens and mentions, which sentences go to the parser."""

    def __init__(self, words: EventWords) -> None:
        self.words = words
        self._events = _ids(words.events)
        self._dyad = _ids(words.dyad)
        self._dyad_dets = _ids(words.dyad_dets)
        self._pronouns = _ids(words.pronouns)
        self._relations = _ids(words.relations)
        self._establish = _ids(words.establish)

    @classmethod
    def for_nlp(cls, nlp: "Language", patterns: "PatternSet") -> "SentenceFilter":
        """A filter for the lemmatizer of `nlp` and the pattern dictionary `patterns`."""
        return cls(event_words(patterns, Inflector.from_nlp(nlp)))

    def mark(self, doc: "Doc") -> DocMarks:
        """Which tokens of `doc` are event, dyad, pronoun and relation words (vectorised)."""
        arr = doc.to_array([LOWER, IS_SPACE])
        lower = arr[:, 0]
        words = np.flatnonzero(arr[:, 1] == 0)  # the window skips line breaks
        dets = np.isin(lower[words], self._dyad_dets)
        near_words = np.zeros_like(dets)  # a dyad determiner among the few words before
        for k in range(1, DET_WINDOW + 1):
            near_words[k:] |= dets[:-k]
        near = np.zeros(len(lower), dtype=bool)
        near[words] = near_words
        return DocMarks(np.isin(lower, self._events), np.isin(lower, self._dyad) & near,
                        np.isin(lower, self._pronouns), np.isin(lower, self._relations),
                        np.isin(lower, self._establish))

    def _own_actors(self, sent: "Span", mentions: Sequence[ActorMention],
                    dyad: tuple[str, str] | None, marks: DocMarks) -> set[str]:
        """Countries the sentence itself can name."""
        out = {m.country for m in mentions if m.country is not None}
        if dyad is None:
            return out
        if any(m.country is None and m.kind != "role" for m in mentions):
            return out | set(dyad)  # "the two presidents"
        hits = np.flatnonzero(marks.dyad[sent.start:sent.end]) + sent.start
        named = [m for m in mentions if m.country is not None or m.kind != "role"]
        if any(not any(m.start <= j < m.end for m in named) for j in hits):
            return out | set(dyad)  # "the two countries", "the leaders"; not "the United Nations"
        return out

    @staticmethod
    def _dated_relations(sent: "Span", marks: DocMarks, when: date | None) -> bool:
        """Relations the coder gives to the dyad with no actor named: an anniversary
        ("25 years of diplomatic relations") or "relations were established"."""
        lo, hi = sent.start, sent.end
        if not marks.relations[lo:hi].any():
            return False
        if marks.establish[lo:hi].any():
            return True
        from bilat.dates import anniversary_origin

        return bool(anniversary_origin(sent.text, story_date=when))

    def select(self, sents: Sequence["Span"], mentions: Sequence[Sequence[ActorMention]],
               dyad: tuple[str, str] | None, marks: Sequence[DocMarks], *,
               when: date | None = None) -> Selection:
        """The sentences of one story worth parsing (see the module docstring).
        `marks[i]` are the marks of the Doc that `sents[i]` belongs to; `when` is
        the story date."""
        picks: list[int] = []
        context: list[int] = []
        prev: set[str] = set()
        for i, (sent, ms, mk) in enumerate(zip(sents, mentions, marks)):
            own = self._own_actors(sent, ms, dyad, mk)
            lo, hi = sent.start, sent.end
            if mk.events[lo:hi].any():
                pronoun = bool(prev) and bool(mk.pronouns[lo:hi].any())
                actors = (own | prev) if pronoun else own
                if len(actors) >= 2 or (dyad is not None and self._dated_relations(sent, mk, when)):
                    picks.append(i)
                    if pronoun:
                        context.append(i - 1)
            prev = own
        return Selection(tuple(picks), tuple(context))

    def wants(self, sent: "Span", mentions: Sequence[ActorMention],
              dyad: tuple[str, str] | None, *, when: date | None = None) -> bool:
        """True if `sent`, taken alone (no previous sentence), can hold an event."""
        marks = self.mark(sent.doc)
        return bool(self.select([sent], [mentions], dyad, [marks], when=when).picks)
