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
    Mode, aux_mode, count_of, governor, governor_mode, is_conditional_threat, is_negated, noun_count,
    recode,
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
                         "deliver", "announce", "mount", "step", "intensify", "renew",
                         "reiterate", "repeat", "make", "impose", "reimpose", "enforce",
                         "declare"})
# heads of a compound whose modifier is the event: "mediation mission", "invasion plans"
GENERIC_EVENT_HEADS = frozenset({"mission", "effort", "process", "initiative", "bid", "round",
                                 "team", "programme", "program", "campaign", "operation",
                                 "visit", "trip", "session", "meeting", "deal", "plan"})
ENGAGE_VERBS = frozenset({"engage", "involve", "participate", "take", "join", "embark"})
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


# roots of speech acts: their target may be the subject of the reported clause
SPEECH_ROOTS = frozenset({"01", "02", "10", "11", "12", "13", "14"})
DEEP_PARTNER_PREPS = ("with", "between")
SPEECH_ACT_CODES = {Mode.INTENT: "030", Mode.APPEAL: "020", Mode.DEMAND: "100",
                    Mode.REFUSAL: "120", Mode.THREAT: "130"}
# governors too weak to be an event on their own ("want to", "hope to", "expect ...")
WEAK_GOVERNORS = frozenset({"want", "hope", "wish", "expect", "seek", "aim", "decide", "set",
                            "due", "scheduled", "going", "prepare", "prepared", "warn", "force",
                            "require", "order", "advise", "push", "undertake", "resolve",
                            "poised", "keen", "eager", "determined", "consider"})
# intent governors that, with someone else as the doer, ask that other to act
WISH_GOVERNORS = frozenset({"want", "wish", "expect", "hope", "like", "need", "prefer"})
SAY_VERBS = frozenset({"say", "tell", "state", "declare", "announce", "add", "note", "stress",
                       "emphasize", "emphasise", "reiterate", "affirm", "remark", "comment",
                       "assert", "reply", "respond", "write", "express", "voice", "indicate"})
PESSIMISM = frozenset({"pessimistic", "skeptical", "sceptical", "concern", "concerned", "worried",
                       "worry", "doubt", "doubts", "fear", "fears", "alarm", "alarmed", "dismay",
                       "gloomy", "bleak", "regret", "disappointed", "disappointment"})
OPTIMISM = frozenset({"optimistic", "confident", "hopeful", "hope", "hopes", "positive",
                      "encouraged", "satisfied", "satisfaction", "pleased", "upbeat"})
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
                # "a military aid program", "part of the aid": the object's head words
                for g in c.children:
                    if g.dep_ in ("compound", "amod"):
                        out.add(g.lemma_.lower())
                    elif g.dep_ == "prep" and g.lower_ == "of":
                        for pobj in g.children:
                            if pobj.dep_ == "pobj":
                                out.add(pobj.lemma_.lower())
                                out.update(x.lemma_.lower() for x in pobj.children
                                           if x.dep_ == "compound")
            elif c.dep_ == "prt":  # "pull out troops", "break off ties"
                for cc in c.children:
                    if cc.dep_ == "dobj":
                        out.add(cc.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in ("on", "to", "for"):  # "agree on a ceasefire"
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
            if pos in ("NOUN", "PROPN"):
                if tok.dep_ == "compound" and tok.head.lemma_.lower() not in GENERIC_EVENT_HEADS:
                    continue
                p = self._pattern_for(tok, noun=True)
                if p is not None:
                    # "mediation mission", "peace talks": the phrase's head carries the roles
                    head = tok.head if tok.dep_ == "compound" else tok
                    found.append(_Trigger(head, p, True))
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
                # "gave Ukraine weapons", or "provide support to Israel" (the preposition)
                heads = [g for g in c.children if g.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
                out.extend(a for h in heads for a in actors.phrases(h))
        out.extend(actors.under_preps(tok, preps, deep=False))
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "prt"):
                # "endorsed an agreement with the EU": a partner named on the object; but when
                # the object names its own actor ("condemned the Russian invasion of Ukraine")
                # the object's other prepositions name someone else
                named = c.dep_ != "prt" and bool(actors.phrase(c))
                out.extend(actors.under_preps(c, DEEP_PARTNER_PREPS if named else
                                              preps + DEEP_PARTNER_PREPS, deep=c.dep_ == "prt"))
        if not out and not pat.objects:
            # "defended the right of Soviet troops", "rejected the proposal of Iraq"
            for c in tok.children:
                if c.dep_ == "dobj":
                    out.extend(actors.under_preps(c, ("of", "by"), deep=False))
        if not out and pat.code[:2] in SPEECH_ROOTS:
            # "demanded that Y withdraw", "criticised X for ...": the complement's subject
            out.extend(a for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                       for sub in c.children if sub.dep_ in ("nsubj", "nsubjpass")
                       for a in actors.phrases(sub))
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
        if (not sources and tok.dep_ == "pobj" and head.dep_ == "prep"
                and head.head.lemma_.lower() in ENGAGE_VERBS):
            sources = self.subjects(head.head, actors)  # "were engaged in ethnic cleansing"
            # "rebels engaged peacekeepers in a firefight": the engaged party is the target
            targets += [a for c in head.head.children if c.dep_ == "dobj"
                        for a in actors.phrases(c)]
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in HAPPEN_VERBS:
            targets += actors.under_preps(head, tgt_preps, deep=False)
        if not targets:
            # "launch a new offensive in its war with Iraq": a partner deep in the phrase
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
    def _modifies(ttok: "Token", anchor: "Token", crossable: frozenset[int] = frozenset()) -> int | None:
        """Hops from a time token up to `anchor` when every step between is a modifier
        (prepositions, time words, numbers) or a `crossable` word (the anchor's object, an
        actor); None when the path crosses another content word, e.g. "thanked X for
        the evacuation in 2021" does not date the thanking."""
        hops, node = 0, ttok
        while node.i != anchor.i:
            if node.head is node or hops > 6:
                return None
            if hops > 0 and node.pos_ not in ("ADP", "NUM", "DET", "ADJ", "ADV", "PUNCT",
                                              "CCONJ", "PART") and not node.like_num \
                    and node.lemma_.lower() not in TIME_WORDS and node.i not in crossable:
                return None
            node = node.head
            hops += 1
        return hops

    def attach_time(self, tok: "Token", times: Sequence[tuple[TimeExpression, "Token"]],
                    actors: SentenceActors | None = None) -> TimeExpression | None:
        """The time expression that modifies the trigger (or its governing verb, or the
        clause a noun trigger sits in); None when none does. A date that the parser hung
        on the trigger's object or on an actor ("recognized X as a state on April 7, 1992",
        "established relations with Italy in 1861") still dates the trigger."""
        if not times:
            return None
        crossable = set(actors.by_token) if actors is not None else set()
        for c in tok.children:
            if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
                crossable.add(c.i)
            elif c.dep_ == "prep" and c.lower_ == "as":
                crossable.update(g.i for g in c.children if g.dep_ == "pobj")
        frozen = frozenset(crossable)
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
                hops = self._modifies(ttok, anchor, frozen)
                if hops is not None and hops + rank < best_d:
                    best, best_d = te, hops + rank
        return best

    # ------------------------------------------------------------ main
    def code(self, sent: "Span", mentions: Sequence[ActorMention], *,
             dyad: tuple[str, str] | None,
             times: Sequence[TimeExpression],
             context: Sequence[Actor] = ()) -> list[EventMention]:
        """Events of one sentence; `context` is the previous sentence's subject (for pronouns)."""
        actors = SentenceActors(mentions, dyad, context=context)
        time_toks = []
        for te in times:
            span = sent.char_span(te.start, te.end, alignment_mode="expand")
            if span is not None and len(span):
                time_toks.append((te, span.root))
        trigs = self.triggers(sent, actors)
        trig_ids = {t.tok.i for t in trigs}
        consumed: set[int] = set()
        for t in trigs:
            _, gov = self._clause_and_governor(t)
            if gov is not None and gov.i in trig_ids and governor_mode(gov) is not None:
                consumed.add(gov.i)
        out: list[EventMention] = []
        for t in trigs:
            if t.tok.i not in consumed:
                out.extend(self._code_trigger(t, actors, time_toks))
        out.extend(self._speech_acts(sent, actors, trig_ids, time_toks))
        out.extend(self._anniversaries(sent, actors, time_toks))
        if not out:
            out.extend(self._statements(sent, actors, time_toks))
        return _dedupe_events(out)

    def main_subjects(self, sent: "Span", mentions: Sequence[ActorMention], *,
                      dyad: tuple[str, str] | None) -> list[Actor]:
        """The sentence's main subject actors: the context for the next sentence's pronouns."""
        actors = SentenceActors(mentions, dyad)
        root = sent.root
        return [a for a in self.subjects(root, actors)] if root.pos_ in ("VERB", "AUX") else []

    @staticmethod
    def _clause_and_governor(t: _Trigger) -> tuple["Token", "Token | None"]:
        """The token that carries the trigger's clause ("agreed to resume talks": the light
        verb "resume" for the noun "talks") and the verb that governs it, if any
        ("agreed"; "demanded a meeting": "demanded" governs the noun "meeting")."""
        tok = t.tok
        if t.is_noun and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
            return tok.head, governor(tok.head)
        gov = governor(tok)
        if gov is None and t.is_noun and tok.dep_ == "dobj" and governor_mode(tok.head) is not None:
            gov = tok.head
        return tok, gov

    def _code_trigger(self, t: _Trigger, actors: SentenceActors,
                      time_toks: Sequence[tuple[TimeExpression, "Token"]]) -> list[EventMention]:
        tok, pat = t.tok, t.pattern
        clause, gov = self._clause_and_governor(t)
        mode = aux_mode(clause)
        if is_negated(tok) or (clause is not tok and is_negated(clause)):
            # "would not provide support": a refusal; "did not sign": nothing happened
            if mode is not Mode.INTENT:
                return []
            mode = Mode.REFUSAL
        gmode = governor_mode(gov) if gov is not None else None
        if gov is not None and gmode is not None:
            if is_negated(gov):
                return []
            mode = gmode
            if mode is Mode.INTENT and gov.lemma_.lower() in WISH_GOVERNORS and (
                    any(c.dep_ == "dobj" for c in gov.children)
                    or any(c.dep_ == "nsubj" for c in clause.children)):
                mode = Mode.APPEAL  # "Obama wants Putin to attack": Obama asks Putin
            if aux_mode(gov) is Mode.HYPOTHETICAL:
                return []
        if mode in (Mode.NEGATED, Mode.HYPOTHETICAL):
            return []
        if mode is Mode.INTENT and (is_conditional_threat(clause) or
                                    (gov is not None and is_conditional_threat(gov))):
            mode = Mode.THREAT
        if t.is_noun:
            sources, targets = self.noun_roles(tok, pat, actors)
            if not sources and gov is not None and gmode is not None:
                sources = self.subjects(gov, actors)
        else:
            sources = self.subjects(tok, actors)
            targets = self.verb_targets(tok, pat, actors, sources)
        if mode is Mode.REFUSAL and t.is_noun and gov is not None and clause is tok:
            # "Beirut rejected a UN appeal": the refuser refuses the one who appealed
            asker = sources
            sources = self.subjects(gov, actors)
            targets = [a for a in asker if a.country not in {s.country for s in sources}] or targets
        if mode in (Mode.APPEAL, Mode.DEMAND) and gov is not None:
            # "X urged Y to negotiate": X appeals to Y; "X demanded that Y withdraw": to Y
            asked = [a for c in gov.children if c.dep_ in ("dobj", "dative")
                     for a in actors.phrases(c)]
            asked += actors.under_preps(gov, ("on", "upon"), deep=False)
            doers = sources
            sources = self.subjects(gov, actors)
            targets = asked or [a for a in doers if a.country not in {s.country for s in sources}] \
                or targets
        code = recode(pat.code, mode)
        if code is None:
            return []
        te = self.attach_time(tok, time_toks, actors)
        if te is not None and te.future and mode is Mode.ASSERTED:
            mode = Mode.INTENT
            code = recode(pat.code, mode) or code
        count = noun_count(tok) if t.is_noun else count_of(tok)
        between = actors.under_preps(tok, ("between",), deep=True)
        if clause is not tok:
            between += actors.under_preps(clause, ("between",), deep=False)
        pairs = self.pairs(code, sources, targets, dedupe(between))
        if not pairs and not sources and not targets and actors.dyad and code.startswith("054") \
                and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in RELATION_WORDS
                        for c in tok.children):
            # "diplomatic relations were established in 1947": the story's two countries
            a, b = actors.dyad
            pairs = [(Actor(a, None, "", True), Actor(b, None, "", True))]
        notes = _relation_notes(tok) if code.startswith("054") else ()
        return [EventMention(code, self._dated(s, te), self._dated(g, te), tok.text, count, te,
                             mode, notes) for s, g in pairs]

    def _dated(self, actor: Actor, te: TimeExpression | None) -> Actor:
        """A named leader's sector on the event's own date ("Obama met Putin in 2009")."""
        if actor.name is None or te is None or not te.value or self.leaders is None:
            return actor
        hit = self.leaders.lookup(actor.name, when=_mid_period(te.value))
        if hit is None or hit.country != actor.country or hit.sector == actor.sector:
            return actor
        return replace(actor, sector=hit.sector)

    def _speech_acts(self, sent: "Span", actors: SentenceActors, trig_ids: set[int],
                     time_toks) -> list[EventMention]:
        """Governors whose complement holds no coded action are events themselves:
        "X and Y intend to use their transit potential" (030/031), "X urged Y to act"
        (020), "X demanded that Y act" (100), "X refused to ..." (120), "X threatened
        to ..." (130)."""
        out: list[EventMention] = []
        for tok in sent:
            if tok.i in trig_ids or tok.pos_ not in ("VERB", "ADJ", "AUX"):
                continue
            mode = governor_mode(tok)
            if mode not in SPEECH_ACT_CODES or tok.lemma_.lower() in WEAK_GOVERNORS:
                continue
            comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
            if not comps or is_negated(tok) or aux_mode(tok) is Mode.HYPOTHETICAL:
                continue
            if any(w.i in trig_ids for comp in comps for w in comp.subtree):
                continue  # the embedded action was coded with this modality
            sources = self.subjects(tok, actors)
            comp = comps[0]
            targets: list[Actor] = []
            for c in tok.children:
                if c.dep_ in ("dobj", "dative"):
                    targets.extend(actors.phrases(c))
            targets.extend(actors.under_preps(tok, ("on", "upon", "to", "with", "from", "against"),
                                              deep=False))
            if mode is Mode.INTENT:
                targets.extend(actors.under_preps(comp, ("with", "to", "between"), deep=True))
            else:
                targets.extend(a for sub in comp.children if sub.dep_ in ("nsubj", "nsubjpass")
                               for a in actors.phrases(sub))
                targets.extend(actors.under_preps(comp, ("to", "with", "against", "on"),
                                                  deep=False))
                for c in comp.children:
                    if c.dep_ == "dobj":
                        targets.extend(actors.phrases(c))
                        targets.extend(actors.under_preps(c, ("to", "against", "on", "with"),
                                                          deep=False))
            code = SPEECH_ACT_CODES[mode]
            if mode is Mode.INTENT and {w.lemma_.lower() for w in comp.subtree} & MATERIAL_WORDS:
                code = "031"
            te = self.attach_time(tok, time_toks)
            out.extend(EventMention(code, s, g, tok.text, 1, te, mode)
                       for s, g in self.pairs(code, sources, dedupe(targets)))
        return out

    def _statements(self, sent: "Span", actors: SentenceActors,
                    time_toks) -> list[EventMention]:
        """'X said Y ...' with nothing else coded in the sentence: a statement (01) by X
        about Y, pessimistic (012) or optimistic (013) when its words say so."""
        out: list[EventMention] = []
        for tok in sent:
            if tok.lemma_.lower() not in SAY_VERBS or tok.pos_ != "VERB" or is_negated(tok):
                continue
            sources = self.subjects(tok, actors)
            if not sources:
                continue
            targets = [a for c in tok.children if c.dep_ in ("dobj", "dative")
                       for a in actors.phrases(c)]
            comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl")]
            if any(c.i < tok.i for c in comps):
                continue  # "X did Y, officials said": an attribution, not a statement about Y
            words: set[str] = set()
            for comp in comps:
                words |= {w.lower_ for w in comp.subtree}
                if not targets:
                    # the reported clause's own subject or object, not an actor deep inside it
                    targets = [a for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                               for a in actors.phrases(c)]
            src = {a.country for a in sources}
            targets = [a for a in dedupe(targets) if a.country not in src][:1]
            if not targets:
                continue
            code = "012" if words & PESSIMISM else "013" if words & OPTIMISM else "010"
            for comp in comps:
                auxes = {c.lower_ for c in comp.children if c.dep_ == "aux"}
                subj = [a for c in comp.children if c.dep_ == "nsubj" for a in actors.phrases(c)
                        if a.country not in src]
                if auxes & {"must", "should"} and subj:
                    code, targets = "100", subj[:1]  # "X said Y must withdraw": a demand
                    break
            te = self.attach_time(tok, time_toks)
            out.extend(EventMention(code, s, g, tok.text, 1, te, Mode.ASSERTED)
                       for s, g in self.pairs(code, sources, targets))
            break
        return out

    def _anniversaries(self, sent: "Span", actors: SentenceActors,
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


RESTORE_WORDS = frozenset({"reestablish", "restore", "resume", "renew", "normalize", "normalise",
                           "restoration", "normalization", "normalisation", "resumption"})
SECONDARY_RELATIONS = frozenset({"consular", "commercial", "trade", "economic", "informal",
                                 "unofficial", "cultural"})


def _relation_notes(tok: "Token") -> tuple[str, ...]:
    """What kind of 054 a trigger is: a recognition, a restoration, or relations short of
    diplomatic ones ("consular relations"); plain establishment gives no note."""
    lemma = tok.lemma_.lower()
    if lemma.startswith("recogni"):
        return ("recognition",)
    notes: list[str] = []
    if lemma in RESTORE_WORDS:
        notes.append("restoration")
    rel = [c for c in tok.children if c.lemma_.lower() in RELATION_WORDS]
    rel += [g for c in tok.children if c.dep_ == "prep" for g in c.children
            if g.lemma_.lower() in RELATION_WORDS]
    if tok.lemma_.lower() in RELATION_WORDS:
        rel.append(tok)
    if any(m.lower_ in SECONDARY_RELATIONS for r in rel for m in r.children if m.dep_ == "amod"):
        notes.append("consular")
    return tuple(notes)


def _mid_period(value: str) -> date:
    """The middle of a YYYY / YYYY-MM period, or the day itself."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 15)
    return date(parts[0], parts[1], parts[2])


def _dedupe_events(events: Sequence[EventMention]) -> list[EventMention]:
    """One event per (source, target, code, date) in a sentence; the largest count wins."""
    best: dict[tuple, EventMention] = {}
    for e in events:
        key = (e.source.country, e.target.country, e.code, e.time.value if e.time else None)
        old = best.get(key)
        if old is None or e.count > old.count:
            best[key] = e
    return list(best.values())

