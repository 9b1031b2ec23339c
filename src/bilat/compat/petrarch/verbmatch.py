"""Finding dictionary verbs in a parsed sentence and matching their patterns.

A verb is a token the parser tagged as a verb (VB*) whose form is in the
dictionary, with the words its multi-word form needs right before and after
it ("broken down", "wire tapped", "cordoned off").

A pattern is matched on two word sequences: the words after the verb inside
the verb's clause (its dependency subtree, without coordinated clauses) for
the part after ``*``, and the words before the verb in the sentence, read
backwards, for the part before it. Words and set phrases must match exactly
(case aside); ``_`` needs adjacency, a blank allows a gap, ``{...}`` allows
only noun-phrase modifiers in between. ``$``, ``+`` and ``%`` bind the actor
or agent mention found there; ``^`` steps over one noun phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from bilat.compat.petrarch.mentions import Mention, SentenceMentions, normalize
from bilat.compat.petrarch.verbs import Element, Kind, Link, VerbDictionary, VerbHit, VerbPattern

__all__ = ["VerbOccurrence", "Binding", "SentenceView", "find_verbs", "match_pattern"]

#: Tags a noun-phrase gap ({...} in a pattern) may step over.
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "RBS", "DT", "CD", "PRP$", "HYPH",
                           "VBN", "VBG", "PDT"})
#: Tags a prepositional-phrase gap ((...) in a pattern) may step over.
DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "CD"})
MAX_MODIFIERS = 3
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
NOT_CLAUSE_DEPS = frozenset({"amod", "compound"})


@dataclass(frozen=True, slots=True)
class VerbOccurrence:
    """A dictionary verb at token `head`; the verb's words span [start, end)."""

    head: int
    start: int
    end: int
    hit: VerbHit


@dataclass(frozen=True, slots=True)
class Binding:
    """What a matched pattern's markers landed on."""

    pattern: VerbPattern
    source: Mention | None = None
    target: Mention | None = None
    compound: Mention | None = None
    compound_before_verb: bool = False
    words: int = 0  # sentence words matched by the pattern's words and set phrases


class SentenceView:
    """The token facts pattern matching needs, computed once per sentence."""

    def __init__(self, sent, mentions: SentenceMentions, *,
                 masked: frozenset[int] = frozenset()) -> None:
        self.sent = sent
        self.doc = sent.doc if hasattr(sent, "doc") else sent
        self.start = sent.start if hasattr(sent, "start") else 0
        self.end = sent.end if hasattr(sent, "end") else len(sent)
        # a stand-in token (masked actor) is no word a pattern can name
        self.words = {t.i: ("\0" if t.i in masked else normalize(t.text)) for t in sent}
        self.tags = {t.i: t.tag_ for t in sent}
        self.mentions = mentions
        self.chunk_of: dict[int, tuple[int, int]] = {}
        chunks = sent.noun_chunks if hasattr(sent, "noun_chunks") else ()
        for ch in chunks:
            for i in range(ch.start, ch.end):
                self.chunk_of[i] = (ch.start, ch.end)
        self.in_noun_chunk = frozenset(self.chunk_of)
        for m in mentions.mentions:  # a mention outside any chunk is its own phrase
            for i in range(m.start, m.end):
                self.chunk_of.setdefault(i, (m.start, m.end))


def find_verbs(view: SentenceView, verbs: VerbDictionary) -> list[VerbOccurrence]:
    """Dictionary verbs of the sentence, in text order; where forms overlap the longer
    one wins ("will not wire tap" is WIRE_+TAP, not WIRE and TAP)."""
    candidates: list[VerbOccurrence] = []
    for tok in view.sent:
        for hit in verbs.lookup(view.words[tok.i]):
            start, end = tok.i - len(hit.before), tok.i + 1 + len(hit.after)
            if start < view.start or end > view.end:
                continue
            if any(view.words[start + k] != w for k, w in enumerate(hit.before)):
                continue
            if any(view.words[tok.i + 1 + k] != w for k, w in enumerate(hit.after)):
                continue
            span = range(start, end)
            if not any(view.tags[i] in VERB_TAGS for i in span):
                continue
            if len(span) == 1 and tok.dep_ in NOT_CLAUSE_DEPS:
                continue
            candidates.append(VerbOccurrence(tok.i, start, end, hit))
            break
    candidates.sort(key=lambda o: (-(o.end - o.start), o.start))
    used: set[int] = set()
    out: list[VerbOccurrence] = []
    for occ in candidates:
        span = range(occ.start, occ.end)
        if any(i in used for i in span):
            continue
        used.update(span)
        out.append(occ)
    return sorted(out, key=lambda o: o.start)


# --------------------------------------------------------------------- matching

class _Matcher:
    """Backtracking match of pattern elements on a sequence of token indices."""

    def __init__(self, view: SentenceView, synsets, seq: Sequence[int], *, backward: bool,
                 clausal: frozenset[int] = frozenset()) -> None:
        self.view = view
        self.synsets = synsets
        self.seq = seq
        self.backward = backward
        self.clausal = clausal  # tokens of the verb's clausal complements
        self.steps = 0

    def _np_ok(self, el: Element, start: int, end: int) -> bool:
        """A {...} item lies in a noun phrase of the verb's own clause."""
        if not el.in_np:
            return True
        toks = self.seq[start:end]
        return all(t in self.view.in_noun_chunk and t not in self.clausal for t in toks)

    def _word(self, pos: int) -> str | None:
        return self.view.words.get(self.seq[pos]) if 0 <= pos < len(self.seq) else None

    def _contiguous(self, pos: int, n: int) -> bool:
        if pos + n > len(self.seq):
            return False
        step = -1 if self.backward else 1
        return all(self.seq[pos + k] == self.seq[pos] + step * k for k in range(n))

    def _phrase_at(self, words: tuple[str, ...], pos: int) -> int | None:
        n = len(words)
        if not self._contiguous(pos, n):
            return None
        ordered = tuple(reversed(words)) if self.backward else words
        for k, w in enumerate(ordered):
            if self._word(pos + k) != w:
                return None
        return pos + n

    def _element_at(self, el: Element, pos: int) -> list[tuple[int, tuple[str, object] | None]]:
        """Positions after `el` matched at `pos`, with what a marker bound (or, for words,
        how many sentence words they took)."""
        if pos >= len(self.seq):
            return []
        tok = self.seq[pos]
        if el.kind is Kind.WORD:
            if self._word(pos) != el.value or not self._np_ok(el, pos, pos + 1):
                return []
            if el.preposition and self.backward and self.view.tags.get(tok) == "TO":
                return []  # "(TO) *": a preposition before the verb, not its own "to"
            return [(pos + 1, ("words", 1))]
        if el.kind is Kind.SYNSET:
            out = []
            for phrase in self.synsets.get(el.value, ()):
                end = self._phrase_at(phrase, pos)
                if end is not None and self._np_ok(el, pos, end):
                    out.append((end, ("words", end - pos)))
            return out
        ms = self.view.mentions
        if el.kind in (Kind.SOURCE, Kind.TARGET, Kind.COMPOUND):
            m = ms.ending.get(tok) if self.backward else ms.starting.get(tok)
            if m is None:
                return []
            if el.kind is Kind.COMPOUND:
                head = ms.phrase_head(m, self.view.doc)
                if not list(head.conjuncts):
                    return []
            end = pos
            while end < len(self.seq) and m.start <= self.seq[end] < m.end:
                end += 1
            return [(end, (el.kind.value, m))]
        if el.kind is Kind.SKIP:
            span = self.view.chunk_of.get(tok)
            if span is None:
                return []
            end = pos
            while end < len(self.seq) and span[0] <= self.seq[end] < span[1]:
                end += 1
            return [(end, None)]
        return []

    def _starts(self, pos: int, link: Link) -> range | list[int]:
        if link is Link.ADJACENT:
            return [pos]
        if link in (Link.PHRASE, Link.PREP):
            allowed = MODIFIER_TAGS if link is Link.PHRASE else DETERMINER_TAGS
            out = [pos]
            k = pos
            while k < len(self.seq) and k - pos < MAX_MODIFIERS and \
                    self.view.tags.get(self.seq[k]) in allowed:
                k += 1
                out.append(k)
            return out
        return range(pos, len(self.seq))

    def match(self, elems: Sequence[Element], links_in: Sequence[Link], k: int = 0,
              pos: int = 0) -> list[tuple[str, object]] | None:
        if k == len(elems):
            return []
        self.steps += 1
        if self.steps > 5000:
            return None
        link = links_in[k]
        if link is Link.PREP and elems[k].kind not in (Kind.WORD, Kind.SYNSET):
            link = Link.GAP  # markers inside (...) are not tied to the preposition
        for s in self._starts(pos, link):
            for end, bound in self._element_at(elems[k], s):
                rest = self.match(elems, links_in, k + 1, end)
                if rest is not None:
                    return ([bound] if bound else []) + rest
        return None


def match_pattern(pattern: VerbPattern, view: SentenceView, synsets, *,
                  upper: Sequence[int], lower: Sequence[int],
                  clausal: frozenset[int] = frozenset()) -> Binding | None:
    """Bind `pattern` around a verb: `upper` = tokens before the verb, nearest first;
    `lower` = tokens after it, in order; `clausal` = tokens of the verb's clausal
    complements (no {...} noun phrase of the pattern lies there). None when the
    pattern does not fit."""
    bound: list[tuple[str, object]] = []
    if pattern.lower:
        links = [pattern.verb_link] + [e.link for e in pattern.lower[:-1]]
        got = _Matcher(view, synsets, lower, backward=False, clausal=clausal).match(
            pattern.lower, links)
        if got is None:
            return None
        bound += got
    before_verb_compound = False
    if pattern.upper:
        rev = list(reversed(pattern.upper))
        links = [e.link for e in rev]
        got = _Matcher(view, synsets, upper, backward=True).match(rev, links)
        if got is None:
            return None
        before_verb_compound = any(kind == Kind.COMPOUND.value for kind, _ in got)
        bound += got
    b: dict[str, Mention] = {}
    words = 0
    for kind, m in bound:
        if kind == "words":
            words += m  # type: ignore[operator]
        else:
            b.setdefault(kind, m)  # type: ignore[arg-type]
    return Binding(pattern, b.get(Kind.SOURCE.value), b.get(Kind.TARGET.value),
                   b.get(Kind.COMPOUND.value), before_verb_compound, words)
