"""Code sentences with a user's PETRARCH dictionaries: spaCy parse + verb patterns.

For each sentence (unless a discard phrase stops it):

1. find actor and agent mentions (`bilat.compat.petrarch.mentions`);
2. find the dictionary verbs (tagged as verbs by the parser);
3. for each verb, try its block's patterns, longest first; the first that fits
   gives the code and may bind ``$`` source, ``+`` target, ``%`` compound;
   with no pattern, the verb's own code (else its block's) is used;
4. fill what the pattern left open from the parse: the source is the subject
   (the ``by`` agent of a passive; inherited through xcomp/conj; a pronoun
   subject of a complement clause takes the governing clause's subject), the
   target the first actor after the verb in its clause (the subject of a
   passive with a ``by`` agent);
5. emit source -> target with the code (and target -> source with the second
   code of a paired ``[a:b]`` code); a compound with no other party codes its
   members against each other.

Events need both a source and a target (PETRARCH's ``require_dyad``) unless
the coder is built with ``require_dyad=False`` (then the missing side is
``---``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from bilat.compat.petrarch.dictionaries import PetrarchDictionaries
from bilat.compat.petrarch.discards import Discard
from bilat.compat.petrarch.masking import MaskedText, mask_actors
from bilat.compat.petrarch.mentions import (CodedActor, Mention, SentenceMentions,
                                            find_actor_mentions, find_agent_mentions,
                                            find_mentions, merge_mentions, normalize)
from bilat.compat.petrarch.roles import ClauseRoles
from bilat.compat.petrarch.verbmatch import (Binding, SentenceView, VerbOccurrence, find_verbs,
                                             match_pattern)
from bilat.compat.petrarch.verbs import NULL_CODE, Kind, VerbPattern

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["PetrEvent", "SentenceCoding", "PetrarchCoder", "prepare_text"]


@dataclass(frozen=True, slots=True)
class PetrEvent:
    """One coded event, PETRARCH style (codes as the dictionaries give them)."""

    source: str
    target: str
    code: str
    verb: str  # the verb as written in the sentence
    pattern: str | None  # "file:line" of the pattern used; None: the verb's default code
    source_text: str = ""
    target_text: str = ""

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.code)


@dataclass(frozen=True, slots=True)
class SentenceCoding:
    text: str
    events: tuple[PetrEvent, ...]
    discarded: Discard | None = None
    mentions: tuple[Mention, ...] = ()


def prepare_text(text: str) -> str:
    """Whitespace collapsed; an underscore between letters read as a blank ("Dol_Amroth")."""
    out = []
    for i, ch in enumerate(text):
        if ch == "_" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def _split_code(code: str) -> tuple[str | None, str | None]:
    first, _, second = code.partition(":")
    clean = lambda c: c if c and c != NULL_CODE else None  # noqa: E731
    return clean(first), clean(second)


class PetrarchCoder:
    """Codes text with one set of PETRARCH dictionaries. Holds no per-sentence state.

    With `mask_actors` (the default) actor phrases are replaced by stand-in
    country names before parsing (`bilat.compat.petrarch.masking`); `code_doc`
    on a Doc parsed elsewhere codes that parse as it is.
    """

    def __init__(self, dictionaries: PetrarchDictionaries, *, nlp: "Language | None" = None,
                 require_dyad: bool = True, mask_actors: bool = True) -> None:
        if nlp is None:
            from bilat.nlp import load_model

            nlp = load_model()
        self.d = dictionaries
        self.nlp = nlp
        self.require_dyad = require_dyad
        self.mask = mask_actors

    # ------------------------------------------------------------ entry points
    def code_text(self, text: str, *, when: date | None = None) -> list[SentenceCoding]:
        """Parse and code a text, one result per sentence."""
        return next(iter(self.code_texts([(text, when)])))

    def code_texts(self, items: Iterable[tuple[str, date | None]], *,
                   batch_size: int = 64) -> Iterator[list[SentenceCoding]]:
        """Code many (text, date) pairs, parsing in batches; results in input order."""
        if not self.mask:
            pairs = ((prepare_text(t), w) for t, w in items)
            for doc, when in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
                yield self.code_doc(doc, when=when)
            return
        masked = ((m.doc, (m, when)) for m, when in
                  ((self._masked(t, w), w) for t, w in items))
        for doc, (m, when) in self.nlp.pipe(masked, as_tuples=True, batch_size=batch_size):
            yield self._code_masked(doc, m, when)

    def _masked(self, text: str, when: date | None) -> MaskedText:
        tokens = self.nlp.make_doc(prepare_text(text))
        texts = [t.text for t in tokens]
        actors = find_actor_mentions([normalize(w) for w in texts], actors=self.d.actors,
                                     when=when, texts=texts)
        return mask_actors(tokens, actors)

    def _code_masked(self, doc: "Doc", m: MaskedText, when: date | None) -> list[SentenceCoding]:
        if self.d.discards is not None:
            story = self.d.discards.find(m.text)
            if story is not None and story.story:
                return [SentenceCoding(m.text, (), story)]
        return [self.code_sentence(s, when=when, actors=m.actors, original=m.original(s))
                for s in doc.sents]

    def code_doc(self, doc: "Doc", *, when: date | None = None) -> list[SentenceCoding]:
        """Code a Doc parsed elsewhere, sentence by sentence."""
        if self.d.discards is not None:
            story = self.d.discards.find(doc.text)
            if story is not None and story.story:
                return [SentenceCoding(doc.text, (), story)]
        return [self.code_sentence(s, when=when) for s in doc.sents]

    def code_sentence(self, sent: "Span", *, when: date | None = None,
                      actors: Sequence[Mention] | None = None,
                      original: str | None = None) -> SentenceCoding:
        """Code one parsed sentence; `when` picks dated actor codes. `actors` are mentions
        already found (on a masked Doc), `original` the sentence's own text."""
        text = original if original is not None else sent.text
        if self.d.discards is not None:
            hit = self.d.discards.find(text)
            if hit is not None:
                return SentenceCoding(text, (), hit)
        if actors is None:
            mentions = find_mentions(list(sent), actors=self.d.actors, agents=self.d.agents,
                                     when=when)
            masked: frozenset[int] = frozenset()
        else:
            own = [a for a in actors if sent.start <= a.start < sent.end]
            masked = frozenset(a.start for a in own)
            mentions = own
            if self.d.agents is not None:
                toks = list(sent)
                words = ["\0" if t.i in masked else normalize(t.text) for t in toks]
                agents = find_agent_mentions(words, [t.tag_ for t in toks], agents=self.d.agents,
                                             texts=[t.text for t in toks], offset=sent.start)
                mentions = merge_mentions(own, agents)
        sm = SentenceMentions(mentions)
        view = SentenceView(sent, sm, masked=masked)
        events: list[PetrEvent] = []
        seen: set[tuple[str, str, str]] = set()
        occurrences = find_verbs(view, self.d.verbs)
        verb_heads = frozenset(o.head for o in occurrences)
        for occ in occurrences:
            for ev in self._code_verb(occ, view, verb_heads):
                if ev.triple not in seen:
                    seen.add(ev.triple)
                    events.append(ev)
        return SentenceCoding(text, tuple(events), None, tuple(mentions))

    # ------------------------------------------------------------ one verb
    def _pattern_negates(self, binding: Binding | None) -> bool:
        """The matched pattern spells the negation out itself ("&NEGATVAUXVRB *")."""
        if binding is None:
            return False
        for el in binding.pattern.upper + binding.pattern.lower:
            if el.kind is Kind.WORD and el.value in NEGATION_WORDS:
                return True
            if el.kind is Kind.SYNSET and any(
                    w in NEGATION_WORDS for ph in self.d.verbs.synsets.get(el.value, ())
                    for w in ph):
                return True
        return False

    def _patterns(self, occ: VerbOccurrence, word: str) -> list[VerbPattern]:
        """Patterns of every block that lists this verb form, longest first."""
        blocks: list[int] = []
        for h in self.d.verbs.lookup(word):
            if h.before == occ.hit.before and h.after == occ.hit.after and h.block not in blocks:
                blocks.append(h.block)
        if len(blocks) == 1:
            return list(self.d.verbs.blocks[blocks[0]].patterns)
        pats = [p for b in blocks for p in self.d.verbs.blocks[b].patterns]
        return sorted(pats, key=lambda p: -p.weight)

    @staticmethod
    def _lower(v: "Token", occ: VerbOccurrence, verb_heads: frozenset[int]) -> list[int]:
        """Tokens after the verb inside its clause, without coordinated clauses headed by
        another dictionary verb (they are coded on their own)."""
        skip: set[int] = set()
        for c in v.children:
            if c.dep_ == "conj" and c.i in verb_heads and c.i > v.i:
                skip.update(t.i for t in c.subtree)
                skip.update(t.i for t in v.children if t.dep_ == "cc" and v.i < t.i < c.i)
        return [t.i for t in v.subtree if t.i >= occ.end and t.i not in skip]

    def _code_verb(self, occ: VerbOccurrence, view: SentenceView,
                   verb_heads: frozenset[int]) -> list[PetrEvent]:
        doc = view.doc
        v = doc[occ.head]
        if _object_controlled(v, verb_heads):
            return []  # "urged Eriador to respond to ...": the urging is the event
        lower = self._lower(v, occ, verb_heads)
        binding = self._match(occ, view, v, lower)
        primary, reverse = self._codes(occ, binding, doc)
        if primary is None and reverse is None:
            return []
        sources, targets, mutual = self._roles(v, binding, view, lower)
        verb_text = doc[occ.start:occ.end].text
        where = f"{self.d.verbs.origin}:{binding.pattern.line}" if binding is not None else None
        if mutual:
            return self._reciprocal(sources, primary, reverse, verb_text, where)
        return self._pairs(sources, targets, primary, reverse, verb_text, where)

    def _match(self, occ: VerbOccurrence, view: SentenceView, v: "Token",
               lower: list[int]) -> Binding | None:
        """The longest pattern of the verb that fits, else None; among patterns as long,
        the one that matched more of the sentence's words, then the first listed."""
        upper = list(range(occ.start - 1, view.start - 1, -1))
        clausal = frozenset(t.i for c in v.children if c.dep_ in CLAUSAL_DEPS for t in c.subtree)
        best: Binding | None = None
        for pat in self._patterns(occ, view.words[occ.head]):
            if best is not None and pat.weight < best.pattern.weight:
                break
            binding = match_pattern(pat, view, self.d.verbs.synsets, upper=upper, lower=lower,
                                    clausal=clausal)
            if binding is not None and (best is None or binding.words > best.words):
                best = binding
        return best

    def _codes(self, occ: VerbOccurrence, binding: Binding | None,
               doc: "Doc") -> tuple[str | None, str | None]:
        """(source->target, target->source) codes, negation applied through the PICO."""
        code = binding.pattern.code if binding is not None else occ.hit.code
        primary, reverse = _split_code(code)
        onto = self.d.ontology
        if onto is not None and any(_negated(doc[i]) for i in range(occ.start, occ.end)) \
                and not self._pattern_negates(binding):
            primary = onto.negate(primary) if primary else None
            reverse = onto.negate(reverse) if reverse else None
        return primary, reverse

    def _roles(self, v: "Token", binding: Binding | None, view: SentenceView,
               lower: list[int]) -> tuple[list[CodedActor], list[CodedActor], bool]:
        """(sources, targets, mutual): what the pattern bound, the parse for the rest.
        `mutual` means the sources act on each other (a compound and no other party)."""
        sm, doc = view.mentions, view.doc
        roles = ClauseRoles(view)
        b = binding
        if b is not None and b.compound is not None and b.compound_before_verb \
                and b.source is None and b.target is None:
            return sm.resolve_mention(b.compound, doc), [], True
        sources, passive_target = roles.subject_of(v)
        subjects = sources
        if b is not None and b.source is not None:
            sources = sm.resolve_mention(b.source, doc)
            if b.target is None and b.compound is None:
                # "$" names the source: the clause's subject becomes the target
                subjects = subjects or roles.governing_subject(v)
                if subjects and not _overlap(subjects, sources):
                    return sources, subjects, False
        if b is not None and b.target is not None:
            targets = sm.resolve_mention(b.target, doc)
            if b.source is None and _overlap(sources, targets):
                sources = roles.governing_subject(v)
        elif b is not None and b.compound is not None:
            targets = sm.resolve_mention(b.compound, doc)
        elif passive_target:
            targets = passive_target
        else:
            taken = frozenset(i for s in sources for i in s.tokens)
            targets = roles.first_actor(lower, taken)
        return sources, targets, not targets and len(sources) >= 2

    # ------------------------------------------------------------ events
    def _event(self, s: CodedActor | None, t: CodedActor | None, code: str, verb: str,
               where: str | None) -> PetrEvent | None:
        if s is None and t is None:
            return None
        if (s is None or t is None) and self.require_dyad:
            return None
        src = s.code if s is not None else NULL_CODE
        tgt = t.code if t is not None else NULL_CODE
        return PetrEvent(src, tgt, code, verb, where, s.text if s else "", t.text if t else "")

    def _pairs(self, sources: Sequence[CodedActor], targets: Sequence[CodedActor],
               primary: str | None, reverse: str | None, verb: str,
               where: str | None) -> list[PetrEvent]:
        out: list[PetrEvent] = []
        srcs: Sequence[CodedActor | None] = sources or ([None] if not self.require_dyad else [])
        tgts: Sequence[CodedActor | None] = targets or ([None] if not self.require_dyad else [])
        for s in srcs:
            for t in tgts:
                if s is not None and t is not None and (s.code == t.code or s.tokens & t.tokens):
                    continue
                if primary:
                    ev = self._event(s, t, primary, verb, where)
                    if ev:
                        out.append(ev)
                if reverse:
                    ev = self._event(t, s, reverse, verb, where)
                    if ev:
                        out.append(ev)
        return out

    def _reciprocal(self, members: Sequence[CodedActor], primary: str | None,
                    reverse: str | None, verb: str, where: str | None) -> list[PetrEvent]:
        out: list[PetrEvent] = []
        for i, a in enumerate(members):
            for j, b in enumerate(members):
                if i == j or a.code == b.code:
                    continue
                if reverse:
                    if i < j:
                        for s, t, c in ((a, b, primary), (b, a, reverse)):
                            if c:
                                ev = self._event(s, t, c, verb, where)
                                if ev:
                                    out.append(ev)
                elif primary:
                    ev = self._event(a, b, primary, verb, where)
                    if ev:
                        out.append(ev)
        return out


CLAUSAL_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
NEGATION_WORDS = frozenset({"NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR"})


def _object_controlled(v: "Token", verb_heads: frozenset[int]) -> bool:
    """`v` is the complement of another dictionary verb that names who should act
    ("X urged Y to attack Z"): the complement is not an event of its own."""
    head = v.head
    if v.dep_ != "xcomp" or head.i not in verb_heads:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return False
    return any(c.dep_ in ("dobj", "dative") for c in head.children)


def _negated(v: "Token") -> bool:
    """The verb is negated ("did not clash", "won't tap", "never met")."""
    for c in v.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children):
            return True
    return False


def _overlap(a: Sequence[CodedActor], b: Sequence[CodedActor]) -> bool:
    ta = frozenset(i for x in a for i in x.tokens)
    return any(x.tokens & ta for x in b)
