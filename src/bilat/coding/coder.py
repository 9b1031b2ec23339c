"""The coding stage: parsed sentences + actor mentions + time expressions -> events.

For each sentence:
  1. find triggers: verbs and event nouns of the pattern dictionary;
  2. find each trigger's modality (negated, intended, refused, appealed for ...)
     and recode it (bilat.coding.modality);
  3. find source and target actors from the parse (bilat.coding.roles);
  4. attach the time expression nearest in the tree, else the story date;
  5. anniversaries of relations ("25 years of diplomatic relations") become
     an establishment event (054) dated to the year they began.
The result is a list of `EventMention`s; `bilat.coding.events` turns them into
the public `Event` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Iterable, Sequence

from bilat.coding.modality import (
    APPEAL_GOVERNORS, INTENT_GOVERNORS, Mode, aux_mode, count_of, governor, governor_mode,
    is_negated, recode,
)
from bilat.coding.patterns import Pattern, PatternSet
from bilat.coding.roles import Actor, SentenceActors, dedupe
from bilat.schemas import ActorMention, DatePrecision, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bilat.actors.leaders import LeaderTable

# verbs whose object noun carries the event: "paid a visit", "held talks"
LIGHT_VERBS = frozenset({"pay", "make", "hold", "have", "conduct", "begin", "start", "launch",
                         "carry", "undertake", "continue", "resume", "complete", "open", "stage",
                         "host", "attend", "join", "conclude", "wrap", "embark", "express",
                         "offer", "send", "extend", "convey", "lodge", "file", "issue", "level",
                         "deliver", "announce", "mount", "step", "intensify"})
# verbs of which a subject noun event is the topic: "talks took place between ..."
HAPPEN_VERBS = frozenset({"take", "be", "happen", "occur", "continue", "start", "begin", "end",
                          "open", "hold", "conclude", "resume"})
# words in an intended action that make it material (031) rather than general (030) cooperation
MATERIAL_WORDS = frozenset({"trade", "economic", "economy", "transport", "transit", "investment",
                            "invest", "energy", "infrastructure", "industrial", "business",
                            "financial", "agricultural", "logistics", "oil", "gas", "railway",
                            "commercial", "route", "pipeline", "corridor"})
TIME_WORDS = frozenset({"year", "month", "week", "day", "time", "january", "february", "march",
                        "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
                        "decade", "century", "weekend", "morning", "evening", "night",
                        "summer", "winter", "spring", "autumn", "fall", "anniversary"})
# codes whose compound subject acts on each other: "X and Y met / signed / clashed"
MUTUAL_PREFIXES = ("030", "031", "032", "036", "037", "04", "050", "054", "056", "057", "06",
                   "0871", "190", "193")
MAX_MUTUAL = 3  # "X, Y, Z and W signed" is a multilateral act: not coded as dyads


def is_mutual(code: str) -> bool:
    return code.startswith(MUTUAL_PREFIXES)


RELATION_WORDS = frozenset({"relation", "tie", "relationship"})
TREATY_WORDS = frozenset({"treaty", "agreement", "accord", "pact"})


@dataclass(frozen=True, slots=True)
class EventMention:
    """One coded event in one sentence, before it becomes a public record."""

    code: str
    source: Actor
    target: Actor
    trigger: str
    count: int = 1
    time: TimeExpression | None = None
    mode: Mode = Mode.ASSERTED
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Trigger:
    tok: "Token"
    pattern: Pattern
    is_noun: bool


def _candidate_lemmas(tok: "Token") -> tuple[str, ...]:
    lemma = tok.lemma_.lower()
    text = tok.lower_
    out = [lemma]
    if text != lemma:
        out.append(text)
    # adjectival participles keep their -ed form as lemma ("committed")
    if tok.pos_ == "ADJ" and text.endswith("ed") and len(text) > 5:
        stem = text[:-2]
        out += [stem, stem + "e"]
        if len(stem) > 3 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    return tuple(out)


def dyad_of(mentions: Iterable[ActorMention]) -> tuple[str, str] | None:
    """The story's main dyad: the two countries named most often (first named first)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for n, m in enumerate(mentions):
        if m.country is None or m.kind in ("igo", "dyad_ref"):
            continue
        counts[m.country] = counts.get(m.country, 0) + 1
        first.setdefault(m.country, n)
    if len(counts) < 2:
        return None
    top = sorted(counts, key=lambda c: (-counts[c], first[c]))[:2]
    return tuple(sorted(top, key=lambda c: first[c]))  # type: ignore[return-value]


class SentenceCoder:
    """Codes one sentence. Holds no per-story state: safe to reuse across stories."""

    def __init__(self, patterns: PatternSet, *, leaders: "LeaderTable | None" = None) -> None:
        self.patterns = patterns
        self.leaders = leaders

    # ------------------------------------------------------------ triggers
    def _pattern_for(self, tok: "Token", *, noun: bool) -> Pattern | None:
        for lemma in _candidate_lemmas(tok):
            pats = self.patterns.for_noun(lemma) if noun else self.patterns.for_verb(lemma)
            for p in pats:
                if not p.objects or self._object_lemmas(tok) & p.objects:
                    return p
        return None

    @staticmethod
    def _object_lemmas(tok: "Token") -> set[str]:
        out: set[str] = set()
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                out.add(c.lemma_.lower())
                out.update(cc.lemma_.lower() for cc in c.conjuncts)
            elif c.dep_ == "prt":  # "pull out troops", "break off ties"
                for cc in c.children:
                    if cc.dep_ == "dobj":
                        out.add(cc.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in ("on", "to"):  # "agree on a ceasefire"
                out.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
        return out

    def triggers(self, sent: "Span", actors: SentenceActors) -> list[_Trigger]:
        found = []
        for tok in sent:
            if tok.i in actors.by_token or tok.is_punct or tok.is_space:
                continue
            pos = tok.pos_
            if pos in ("VERB", "ADJ") or (pos == "AUX" and tok.dep_ == "ROOT"):
                p = self._pattern_for(tok, noun=False)
                if p is not None:
                    found.append(_Trigger(tok, p, False))
                    continue
            if pos in ("NOUN", "PROPN") and tok.dep_ != "compound":
                p = self._pattern_for(tok, noun=True)
                if p is not None:
                    found.append(_Trigger(tok, p, True))
        return found

    # ------------------------------------------------------------ roles
    def subjects(self, tok: "Token", actors: SentenceActors, depth: int = 0) -> list[Actor]:
        for c in tok.children:
            if c.dep_ == "nsubj":
                return actors.phrases(c)
            if c.dep_ == "agent":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        return actors.phrases(pobj)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return []  # passive without "by": the doer is not named
        if depth < 4 and tok.head is not tok:
            if tok.dep_ in ("xcomp", "conj", "advcl", "acomp"):
                return self.subjects(tok.head, actors, depth + 1)
            if tok.dep_ == "pcomp" and tok.head.head is not tok.head:
                return self.subjects(tok.head.head, actors, depth + 1)
            if tok.dep_ == "relcl":
                return actors.phrases(tok.head)
            # "X posted a message blaming Y": the participle's doer is the clause's subject
            if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in ("dobj", "pobj"):
                verb = tok.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
                    verb = verb.head
                if verb.pos_ in ("VERB", "AUX"):
                    return self.subjects(verb, actors, depth + 1)
        return []

    def verb_targets(self, tok: "Token", pat: Pattern, actors: SentenceActors,
                     sources: Sequence[Actor]) -> list[Actor]:
        out: list[Actor] = []
        preps = tuple(pat.target_preps) + ("between",)
        for c in tok.children:
            if c.dep_ == "nsubjpass" and not pat.objects:
                out.extend(actors.phrases(c))
            elif c.dep_ in ("dobj", "attr") and pat.object_is_target:
                # "expelled two Russian diplomats": the object's nationality is the target
                out.extend(actors.phrases(c))
            elif c.dep_ == "dative":
                out.extend(actors.phrases(c))
        out.extend(actors.under_preps(tok, preps, deep=False))
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "prt"):
                out.extend(actors.under_preps(c, preps, deep=c.dep_ == "prt"))
        if not out:
            out.extend(actors.under_preps(tok, preps, deep=True))
        if not out and tok.dep_ == "acomp":
            out.extend(actors.under_preps(tok.head, preps, deep=True))
        src = {a.country for a in sources}
        return dedupe(a for a in out if a.country not in src or len(out) > 1)

    def noun_roles(self, tok: "Token", pat: Pattern,
                   actors: SentenceActors) -> tuple[list[Actor], list[Actor]]:
        sources: list[Actor] = []
        for c in tok.children:
            if c.dep_ == "poss":
                sources.extend(actors.phrases(c))
            elif c.dep_ in ("amod", "compound", "nmod") and c.i in actors.by_token:
                sources.extend(actors.phrase(c))
        sources.extend(actors.under_preps(tok, ("by",), deep=False))
        of_is_target = "of" in pat.target_preps and bool(sources)
        src_preps = [p for p in pat.source_preps
                     if p != "by" and not (p == "of" and of_is_target)
                     and (p not in pat.target_preps or p == "of")]
        tgt_preps = [p for p in pat.target_preps if p != "of" or of_is_target] + ["between"]
        if not sources:
            sources.extend(actors.under_preps(tok, src_preps, deep=False))
        targets = actors.under_preps(tok, tgt_preps, deep=False)
        head = tok.head
        if not sources and tok.dep_ in ("dobj", "conj") and head.lemma_.lower() in LIGHT_VERBS:
            sources = self.subjects(head, actors)
            targets += actors.under_preps(head, tgt_preps, deep=False)
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in HAPPEN_VERBS:
            targets += actors.under_preps(head, tgt_preps, deep=False)
        if not sources and not targets:
            targets = actors.under_preps(tok, tgt_preps, deep=True)
        return dedupe(sources), dedupe(targets)

    # ------------------------------------------------------------ pairing
    @staticmethod
    def pairs(code: str, sources: Sequence[Actor], targets: Sequence[Actor],
              between: Sequence[Actor] = ()) -> list[tuple[Actor, Actor]]:
        """Source-target pairs. "talks between X and Y" pairs X with Y; a compound subject
        with no target ("X and Y signed ...") pairs its members, for mutual acts only."""
        if not sources and len(between) >= 2:
            sources, targets = between[:1], [a for a in targets if a.country != between[0].country]
        if len(sources) >= 2 and not targets:
            if not is_mutual(code) or len(sources) > MAX_MUTUAL:
                return []
            return [(sources[i], sources[j]) for i in range(len(sources))
                    for j in range(i + 1, len(sources))]
        return [(s, t) for s in sources for t in targets if s.country != t.country]

    # ------------------------------------------------------------ time
    @staticmethod
    def _modifies(ttok: "Token", anchor: "Token") -> int | None:
        """Hops from a time token up to `anchor` when every step between is a modifier
        (prepositions, time words, numbers); None when the path crosses a content word,
        e.g. "thanked X for the evacuation in 2021" does not date the thanking."""
        hops, node = 0, ttok
        while node.i != anchor.i:
            if node.head is node or hops > 5:
                return None
            if hops > 0 and node.pos_ not in ("ADP", "NUM", "DET", "ADJ", "ADV", "PUNCT",
                                              "CCONJ", "PART") and not node.like_num \
                    and node.lemma_.lower() not in TIME_WORDS:
                return None
            node = node.head
            hops += 1
        return hops

    def attach_time(self, tok: "Token",
                    times: Sequence[tuple[TimeExpression, "Token"]]) -> TimeExpression | None:
        """The time expression that modifies the trigger (or its governing verb, or the
        clause a noun trigger sits in); None when none does."""
        anchors = [tok]
        gov = governor(tok)
        if gov is not None:
            anchors.append(gov)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("attr", "nsubj", "nsubjpass", "dobj",
                                                          "conj", "appos"):
            anchors.append(tok.head)
        best, best_d = None, 10**6
        for te, ttok in times:
            if te.kind == "anniversary" or te.value is None:
                continue
            for rank, anchor in enumerate(anchors):
                hops = self._modifies(ttok, anchor)
                if hops is not None and hops + rank < best_d:
                    best, best_d = te, hops + rank
        return best

    # ------------------------------------------------------------ main
    def code(self, sent: "Span", mentions: Sequence[ActorMention], *,
             dyad: tuple[str, str] | None,
             times: Sequence[TimeExpression]) -> list[EventMention]:
        actors = SentenceActors(mentions, dyad)
        time_toks = []
        for te in times:
            span = sent.char_span(te.start, te.end, alignment_mode="expand")
            if span is not None and len(span):
                time_toks.append((te, span.root))
        trigs = self.triggers(sent, actors)
        trig_ids = {t.tok.i for t in trigs}
        consumed: set[int] = set()
        for t in trigs:
            gov = governor(t.tok)
            if gov is not None and gov.i in trig_ids and governor_mode(gov) is not None:
                consumed.add(gov.i)
        out: list[EventMention] = []
        for t in trigs:
            if t.tok.i not in consumed:
                out.extend(self._code_trigger(t, actors, time_toks))
        out.extend(self._generic_intent(sent, actors, trig_ids, time_toks))
        out.extend(self._anniversaries(sent, actors, times, time_toks))
        return _dedupe_events(out)

    def _code_trigger(self, t: _Trigger, actors: SentenceActors,
                      time_toks: Sequence[tuple[TimeExpression, "Token"]]) -> list[EventMention]:
        tok, pat = t.tok, t.pattern
        # "agreed to resume talks": the light verb carries the noun event's modality
        clause = tok.head if (t.is_noun and tok.dep_ == "dobj"
                              and tok.head.lemma_.lower() in LIGHT_VERBS) else tok
        if is_negated(tok) or (clause is not tok and is_negated(clause)):
            return []
        mode = aux_mode(clause)
        gov = governor(clause)
        gmode = governor_mode(gov) if gov is not None else None
        if gov is not None and gmode is not None:
            if is_negated(gov):
                return []
            mode = gmode
            if aux_mode(gov) is Mode.HYPOTHETICAL:
                return []
        if mode in (Mode.NEGATED, Mode.HYPOTHETICAL):
            return []
        if t.is_noun:
            sources, targets = self.noun_roles(tok, pat, actors)
            if not sources and gov is not None and gmode is not None:
                sources = self.subjects(gov, actors)
        else:
            sources = self.subjects(tok, actors)
            targets = self.verb_targets(tok, pat, actors, sources)
        if mode in (Mode.APPEAL, Mode.DEMAND) and gov is not None:
            # "X urged Y to negotiate": X appeals to Y; "X demanded that Y withdraw": to Y
            asked = [a for c in gov.children if c.dep_ in ("dobj", "dative")
                     for a in actors.phrases(c)]
            doers = sources
            sources = self.subjects(gov, actors)
            targets = asked or [a for a in doers if a.country not in {s.country for s in sources}] \
                or targets
        code = recode(pat.code, mode)
        if code is None:
            return []
        te = self.attach_time(tok, time_toks)
        if te is not None and te.future and mode is Mode.ASSERTED:
            mode = Mode.INTENT
            code = recode(pat.code, mode) or code
        count = count_of(tok) if not t.is_noun else _noun_count(tok)
        between = actors.under_preps(tok, ("between",), deep=True)
        if clause is not tok:
            between += actors.under_preps(clause, ("between",), deep=False)
        return [EventMention(code, self._dated(s, te), self._dated(g, te), tok.text, count, te, mode)
                for s, g in self.pairs(code, sources, targets, dedupe(between))]

    def _dated(self, actor: Actor, te: TimeExpression | None) -> Actor:
        """A named leader's sector on the event's own date ("Obama met Putin in 2009")."""
        if actor.name is None or te is None or not te.value or self.leaders is None:
            return actor
        hit = self.leaders.lookup(actor.name, when=_mid_period(te.value))
        if hit is None or hit.country != actor.country or hit.sector == actor.sector:
            return actor
        return replace(actor, sector=hit.sector)

    def _generic_intent(self, sent: "Span", actors: SentenceActors, trig_ids: set[int],
                        time_toks) -> list[EventMention]:
        """'X and Y intend to use their transit potential': intent to cooperate (030/031)."""
        out: list[EventMention] = []
        for tok in sent:
            if tok.i in trig_ids or tok.lemma_.lower() not in INTENT_GOVERNORS:
                continue
            if tok.lemma_.lower() in APPEAL_GOVERNORS or is_negated(tok):
                continue
            comps = [c for c in tok.children if c.dep_ == "xcomp" and c.i not in trig_ids]
            if not comps or any(c.i in trig_ids for comp in comps for c in comp.subtree):
                continue
            sources = self.subjects(tok, actors)
            comp = comps[0]
            targets = actors.under_preps(comp, ("with", "to", "between"), deep=True)
            words = {w.lemma_.lower() for w in comp.subtree}
            code = "031" if words & MATERIAL_WORDS else "030"
            te = self.attach_time(tok, time_toks)
            out.extend(EventMention(code, s, g, tok.text, 1, te, Mode.INTENT)
                       for s, g in self.pairs(code, sources, targets))
        return out

    def _anniversaries(self, sent: "Span", actors: SentenceActors,
                       times: Sequence[TimeExpression],
                       time_toks) -> list[EventMention]:
        """An anniversary of relations (or of a treaty) dates their establishment."""
        out: list[EventMention] = []
        for te, ttok in time_toks:
            if te.kind != "anniversary" or te.value is None:
                continue
            near = {w.lemma_.lower() for w in sent if ttok.i - 2 <= w.i <= ttok.i + 8}
            near |= {w.lemma_.lower() for w in ttok.subtree}
            if near & RELATION_WORDS:
                code = "054"
            elif near & TREATY_WORDS:
                code = "057"
            else:
                continue
            verb = ttok
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
                verb = verb.head
            sources = self.subjects(verb, actors) if verb.pos_ in ("VERB", "AUX") else []
            targets = actors.under_preps(ttok, ("between", "with"), deep=True)
            if verb is not ttok:
                targets += actors.under_preps(verb, ("with", "between"), deep=False)
            pairs = self.pairs(code, dedupe(sources), dedupe(targets), dedupe(targets))
            if not pairs and actors.dyad:
                a, b = actors.dyad
                pairs = [(Actor(a, None, "", True), Actor(b, None, "", True))]
            anchored = TimeExpression(te.start, te.end, te.text, te.value, DatePrecision.YEAR,
                                      "anniversary")
            out.extend(EventMention(code, s, g, te.text, 1, anchored, Mode.ASSERTED,
                                    ("anniversary",)) for s, g in pairs)
        return out


def _mid_period(value: str) -> date:
    """The middle of a YYYY / YYYY-MM period, or the day itself."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 15)
    return date(parts[0], parts[1], parts[2])


def _noun_count(tok: "Token") -> int:
    from bilat.coding.modality import NUMBER_WORDS

    for c in tok.children:
        if c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[c.lower_]
    return 1


def _dedupe_events(events: Sequence[EventMention]) -> list[EventMention]:
    """One event per (source, target, code, date) in a sentence; the largest count wins."""
    best: dict[tuple, EventMention] = {}
    for e in events:
        key = (e.source.country, e.target.country, e.code, e.time.value if e.time else None)
        old = best.get(key)
        if old is None or e.count > old.count:
            best[key] = e
    return list(best.values())

