"""A faster stand-in for the model's `attribute_ruler` + `lemmatizer`, with the same output.

After the tagger and parser, the English pipeline runs an attribute ruler (a
Matcher of some 180 patterns mapping TAG, LOWER, DEP to POS, MORPH, LEMMA) and a
rule lemmatizer, token by token in Python. On short sentence Docs the two cost
as much as the parser itself. `TagAttributes` computes the same values from
caches:

    patterns   a token's TAG, DEP, IS_SPACE and LOWER (kept only for the few
               words the patterns name) decide which patterns match it; the
               outcome is cached per such key. A longer pattern (a handful:
               "gon na", "let 's", "there is") is tried only where its first
               token matches.
    lemmas     cached per (ORTH, POS, MORPH), computed on a miss by the
               model's own lemmatizer

and writes POS, MORPH and LEMMA back with `Doc.from_array`. Matches are applied
in the ruler's order (later rules win), as `AttributeRuler` does.
`TagAttributes.from_nlp` returns None when the ruler uses a pattern this module
does not evaluate (operators, other attributes); the caller then keeps the stock
components. The caches are bounded (cleared when full), so memory stays flat.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
CACHE_LIMIT = 200_000  # entries a cache holds before it is cleared
_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})
_OUT = (POS, MORPH, LEMMA)
_SENTINEL = "\x00"  # the LOWER of a word no pattern names


@dataclass(frozen=True, slots=True)
class _Predicate:
    """One attribute test of a token spec: equal, IN, NOT_IN or REGEX."""

    attr: str
    op: str
    value: Any

    def __call__(self, values: Mapping[str, Any]) -> bool:
        v = values[self.attr]
        if self.op == "==":
            return v == self.value
        if self.op == "IN":
            return v in self.value
        if self.op == "NOT_IN":
            return v not in self.value
        return isinstance(v, str) and self.value.search(v) is not None


Spec = tuple[_Predicate, ...]


def _spec(raw: Mapping[str, Any]) -> Spec | None:
    """The tests of one token spec, or None if it uses anything else."""
    out = []
    for key, value in raw.items():
        if key not in _KEYS:
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN"):
                out.append(_Predicate(key, op, frozenset(arg)))
            elif op == "REGEX" and key == "LOWER":
                out.append(_Predicate(key, "REGEX", re.compile(arg)))
            else:
                return None
        else:
            out.append(_Predicate(key, "==", value))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Rule:
    """One ruler pattern: token specs, the index of the token it changes, its attrs."""

    order: int  # the ruler's attribute id: later rules win
    specs: tuple[Spec, ...]
    index: int
    attrs: dict


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What the one-token rules do to a token, and which longer rules may start at it."""

    found: tuple[tuple[int, dict], ...]  # (order, attrs) in the ruler's order
    values: tuple[int, int, int]  # POS, MORPH, LEMMA after them (0: not set)
    slow: bool  # they set TAG or DEP: applied with the ruler's own setter
    starts: tuple[int, ...] = ()  # longer rules whose first token matches here


def _merge(found: tuple[tuple[int, dict], ...], starts: tuple[int, ...] = ()) -> _Outcome:
    values = [0, 0, 0]
    slow = False
    for _, attrs in found:
        if TAG in attrs or DEP in attrs:
            slow = True
        for j, attr in enumerate(_OUT):
            if attr in attrs:
                values[j] = attrs[attr]
    return _Outcome(found, (values[0], values[1], values[2]), slow, starts)


class TagAttributes:
    """Sets POS, MORPH and LEMMA on tagged, parsed Docs like the ruler + lemmatizer."""

    def __init__(self, nlp: "Language", rules: Sequence[_Rule]) -> None:
        self.vocab = nlp.vocab
        self.lemmatizer = nlp.get_pipe(LEMMATIZER)
        self._singles = [r for r in rules if len(r.specs) == 1]
        self._longer = [r for r in rules if len(r.specs) > 1]
        preds = [p for r in rules for spec in r.specs for p in spec if p.attr == "LOWER"]
        self._named = frozenset(w for p in preds if p.op != "REGEX"
                                for w in ((p.value,) if p.op == "==" else p.value))
        self._regexes = [p for p in preds if p.op == "REGEX"]
        # a regex that matches the sentinel could tell two unnamed words apart: keep every word
        self._keep_all = any(p({"LOWER": _SENTINEL}) for p in self._regexes)
        self._proj: dict[int, int] = {}
        self._rules: dict[tuple[int, int, int, int], _Outcome] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @classmethod
    def from_nlp(cls, nlp: "Language") -> "TagAttributes | None":
        """For `nlp`'s attribute ruler and rule lemmatizer; None if they cannot be mirrored."""
        if nlp.pipe_names[-2:] != [RULER, LEMMATIZER]:
            return None  # the two must run last, the ruler first
        ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            return None
        rules: list[_Rule] = []
        for order, entry in enumerate(ruler.patterns):
            attrs = normalize_token_attrs(nlp.vocab, entry["attrs"])
            if "_" in attrs:
                return None
            for pattern in entry["patterns"]:
                specs = tuple(_spec(tok) for tok in pattern)
                if not specs or any(s is None for s in specs):
                    return None
                index = entry["index"] if entry["index"] >= 0 else len(specs) + entry["index"]
                if not 0 <= index < len(specs):
                    return None
                rules.append(_Rule(order, specs, index, attrs))  # type: ignore[arg-type]
        return cls(nlp, rules)

    # ------------------------------------------------------------ matching
    def _project(self, lower: int) -> int:
        """`lower` if some pattern tests that word, else 0 (all such words behave alike)."""
        hit = self._proj.get(lower)
        if hit is None:
            text = self.vocab.strings[lower]
            keep = (self._keep_all or text in self._named
                    or any(p({"LOWER": text}) for p in self._regexes))
            hit = lower if keep else 0
            if len(self._proj) >= CACHE_LIMIT:
                self._proj.clear()
            self._proj[lower] = hit
        return hit

    def _values(self, key: tuple[int, int, int, int]) -> dict[str, Any]:
        strings = self.vocab.strings
        lower, tag, dep, space = key
        return {"LOWER": strings[lower] if lower else _SENTINEL, "TAG": strings[tag],
                "DEP": strings[dep], "IS_SPACE": bool(space)}

    def _outcome(self, key: tuple[int, int, int, int]) -> _Outcome:
        """The outcome for a (projected lower, tag, dep, space) key."""
        hit = self._rules.get(key)
        if hit is None:
            values = self._values(key)
            found = tuple((r.order, r.attrs) for r in self._singles
                          if all(p(values) for p in r.specs[0]))
            starts = tuple(k for k, r in enumerate(self._longer)
                           if all(p(values) for p in r.specs[0]))
            hit = _merge(found, starts)
            if len(self._rules) >= CACHE_LIMIT:
                self._rules.clear()
            self._rules[key] = hit
        return hit

    def _longer_matches(self, keys: list[tuple[int, int, int, int]],
                        outcomes: list[_Outcome]) -> dict[int, list[tuple[int, dict]]]:
        extra: dict[int, list[tuple[int, dict]]] = {}
        n = len(keys)
        for i, o in enumerate(outcomes):
            for k in o.starts:
                rule = self._longer[k]
                if i + len(rule.specs) > n:
                    continue
                if all(all(p(self._values(keys[i + j])) for p in spec)
                       for j, spec in enumerate(rule.specs[1:], start=1)):
                    extra.setdefault(i + rule.index, []).append((rule.order, rule.attrs))
        return extra

    def __call__(self, doc: "Doc") -> "Doc":
        if not len(doc):
            return doc
        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE, ORTH]).tolist()
        keys = [(self._project(lower), tag, dep, space) for lower, tag, dep, space, _ in rows]
        outcomes = [self._outcome(k) for k in keys]
        if self._longer:
            for i, found in self._longer_matches(keys, outcomes).items():
                both = sorted(outcomes[i].found + tuple(found), key=lambda x: x[0])
                outcomes[i] = _merge(tuple(both))
        out = np.array([o.values for o in outcomes], dtype=np.uint64)
        doc.from_array(list(_OUT), out)
        slow = [i for i, o in enumerate(outcomes) if o.slow]
        for i in slow:  # rare (whitespace tokens): the ruler's own setter, in order
            for _, attrs in outcomes[i].found:
                set_token_attrs(doc[i], attrs)
        if slow:
            pos_morph = doc.to_array([POS, MORPH]).tolist()
        else:
            pos_morph = [o.values[:2] for o in outcomes]
        self._lemmatize(doc, rows, pos_morph, out[:, 2])
        return doc

    # ------------------------------------------------------------ lemmas
    def _lemmatize(self, doc: "Doc", rows: list[list[int]], pos_morph: Sequence[Sequence[int]],
                   lemmas: np.ndarray) -> None:
        """The rule lemmatizer's lemma for every token the ruler left without one."""
        cache = self._lemmas
        for i, (row, (pos, morph)) in enumerate(zip(rows, pos_morph)):
            if lemmas[i]:
                continue  # set by the ruler (the lemmatizer does not overwrite)
            key = (row[4], pos, morph)
            lemma = cache.get(key)
            if lemma is None:
                lemma = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                    self.lemmatizer.cache.clear()  # spaCy's own cache grows with our misses
                cache[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
