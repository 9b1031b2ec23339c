"""Actor and agent mentions in a parsed sentence, and the codes of its noun phrases.

`find_mentions` matches the actor and agent phrases of the dictionaries against
the tokens (longest first, actors before agents of the same length; an agent
is a noun, so a verb never ends one). `SentenceMentions.resolve` gives the
PETRARCH codes of the noun phrase headed by a token:

- the first actor of the phrase's core (the head and its compound, adjective,
  possessive ... modifiers) is the phrase's actor; every agent of the core
  composes with it ("Arnor's foreign minister" -> ARN + ~GOVFRM);
- with no actor in the core, an actor reached through of/in/from/at/between
  is used ("the government of Gondor", "soldiers from Gondor");
- an agent alone gives "---" + its code ("officials" -> ---GOV);
- coordinated phrases give one actor each; an agent-only conjunct borrows the
  actors of its conjuncts ("Danish media and government" -> DNKMED, DNKGOV) and
  lends its agents to conjuncts that have none; a prepositional phrase after the
  last conjunct belongs to that conjunct ("sheep and goats of Gondor");
- an actor in apposition inside a list counts as a conjunct ("Mordor, the Shire,
  Fornost and Bree");
- a code listing actors with "/" gives each of them; a null code ("---") gives
  no actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Sequence

from bilat.compat.petrarch.actors import NULL_CODE, ActorDictionary, ActorEntry
from bilat.compat.petrarch.agents import AgentDictionary, AgentEntry, compose

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Mention", "CodedActor", "SentenceMentions", "find_mentions", "find_actor_mentions",
           "find_agent_mentions", "merge_mentions", "normalize", "CORE_DEPS", "LINK_PREPS"]

#: Dependents that stay inside a noun phrase's core.
CORE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "det", "case", "predet",
                       "quantmod", "nn", "npadvmod", "advmod"})
#: Prepositions through which a noun phrase without an actor takes one.
LINK_PREPS = frozenset({"of", "in", "from", "at", "between"})
_MAX_DEPTH = 4
#: (actor code or None, agents, tokens that named it, text) of one phrase part
_Part = tuple[str | None, tuple[AgentEntry, ...], frozenset[int], str]


def normalize(text: str) -> str:
    """A token as the dictionaries spell words: upper case, straight apostrophes."""
    return text.upper().replace("\u2019", "'").replace("\u2018", "'")


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary phrase found at tokens [start, end)."""

    start: int
    end: int
    codes: tuple[str, ...] | None  # actor codes on the sentence's date; None: an agent
    agent: AgentEntry | None
    entry: ActorEntry | None
    text: str

    @property
    def is_actor(self) -> bool:
        return self.agent is None


@dataclass(frozen=True, slots=True)
class CodedActor:
    """A PETRARCH actor code (agents composed in) and the words that named it."""

    code: str
    text: str
    tokens: frozenset[int]


def _actor_codes(entry: ActorEntry, when: date | None) -> tuple[str, ...]:
    code = entry.code_on(when)
    if code is None or code == NULL_CODE:
        return ()
    return tuple(c for c in code.split("/") if c and c != NULL_CODE)


def find_actor_mentions(words: Sequence[str], *, actors: ActorDictionary, when: date | None,
                        tags: Sequence[str] | None = None, texts: Sequence[str] | None = None,
                        offset: int = 0) -> list[Mention]:
    """Actor mentions among upper-case `words` (token indices shifted by `offset`)."""
    out = []
    for m in actors.index.find_all(words, tags):
        entry = m.payload
        text = " ".join((texts or words)[m.start:m.end])
        out.append(Mention(m.start + offset, m.end + offset, _actor_codes(entry, when), None,
                           entry, text))
    return out


def find_agent_mentions(words: Sequence[str], tags: Sequence[str], *, agents: AgentDictionary,
                        texts: Sequence[str] | None = None, offset: int = 0) -> list[Mention]:
    """Agent mentions among upper-case `words`; an agent ends on a noun, never a verb."""
    out = []
    for m in agents.index.find_all(words, tags):
        last = tags[m.end - 1]
        if last.startswith("VB") or last == "MD":
            continue
        text = " ".join((texts or words)[m.start:m.end])
        out.append(Mention(m.start + offset, m.end + offset, None, m.payload, None, text))
    return out


def merge_mentions(first: Sequence[Mention], second: Sequence[Mention]) -> list[Mention]:
    """Both lists left to right; where they overlap the longer mention (else `first`) wins."""
    ranked = sorted([(m.start, -(m.end - m.start), 0, m) for m in first]
                    + [(m.start, -(m.end - m.start), 1, m) for m in second],
                    key=lambda x: x[:3])
    out: list[Mention] = []
    taken_until = -1
    for _, _, _, m in ranked:
        if m.start < taken_until or any(o.start < m.end and m.start < o.end for o in out):
            continue
        out.append(m)
        taken_until = m.end
    return out


def find_mentions(tokens: Sequence["Token"], *, actors: ActorDictionary,
                  agents: AgentDictionary | None, when: date | None) -> list[Mention]:
    """Actor and agent mentions among parsed `tokens` (one sentence), left to right."""
    words = [normalize(t.text) for t in tokens]
    tags = [t.tag_ for t in tokens]
    texts = [t.text for t in tokens]
    offset = tokens[0].i if len(tokens) else 0
    found = find_actor_mentions(words, actors=actors, when=when, tags=tags, texts=texts,
                                offset=offset)
    if agents is not None:
        found = merge_mentions(found, find_agent_mentions(words, tags, agents=agents,
                                                          texts=texts, offset=offset))
    return found


class SentenceMentions:
    """The mentions of one parsed sentence, looked up by token, and phrase resolution."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = list(mentions)
        self.by_token: dict[int, Mention] = {}
        self.starting: dict[int, Mention] = {}
        self.ending: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
            self.starting[m.start] = m
            self.ending[m.end - 1] = m

    # ------------------------------------------------------------ phrase heads
    @staticmethod
    def mention_root(m: Mention, doc) -> "Token":
        """The token of the mention whose head lies outside it."""
        for i in range(m.start, m.end):
            tok = doc[i]
            if not (m.start <= tok.head.i < m.end) or tok.head.i == tok.i:
                return tok
        return doc[m.end - 1]

    def phrase_head(self, m: Mention, doc) -> "Token":
        """The head of the noun phrase a mention sits in (up through modifier links)."""
        tok = self.mention_root(m, doc)
        for _ in range(6):
            if tok.dep_ in CORE_DEPS and tok.head.i != tok.i and \
                    tok.head.pos_ not in ("VERB", "AUX"):
                tok = tok.head
            else:
                break
        return tok

    # ------------------------------------------------------------ resolution
    def _core(self, head: "Token") -> list[Mention]:
        """Mentions in the core of the phrase headed by `head`, in text order."""
        seen: dict[int, Mention] = {}
        stack = [head]
        while stack:
            tok = stack.pop()
            m = self.by_token.get(tok.i)
            if m is not None:
                seen[m.start] = m
            for c in tok.children:
                if c.dep_ in CORE_DEPS or (m is not None and m.start <= c.i < m.end):
                    stack.append(c)
        return [seen[k] for k in sorted(seen)]

    def _one(self, head: "Token", *, via_preps: bool, depth: int,
             preps: Sequence["Token"] | None = None
             ) -> list[_Part]:
        core = self._core(head)
        agents = tuple(m.agent for m in core if m.agent is not None)
        actor = next((m for m in core if m.is_actor), None)
        span = frozenset(i for m in core for i in range(m.start, m.end))
        if actor is not None:
            # coordinated modifiers: "Eriadori and Calenardhon leaders"
            actors = [actor] + self._conjoined(actor, head.doc)
            return [(c, agents, span | frozenset(range(a.start, a.end)), a.text)
                    for a in actors for c in (a.codes or ())]
        if via_preps and depth < _MAX_DEPTH:
            for prep in (head.children if preps is None else preps):
                if prep.dep_ != "prep" or prep.lower_ not in LINK_PREPS:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ not in ("pobj", "pcomp"):
                        continue
                    sub = self._group(pobj, via_preps=True, depth=depth + 1)
                    subs = [s for s in sub if s[0] is not None]
                    if subs:
                        return [(code, agents + sub_agents, span | toks, text)
                                for code, sub_agents, toks, text in subs]
        if agents:
            text = " ".join(m.text for m in core if m.agent is not None)
            return [(None, agents, span, text)]
        return []

    def _conjoined(self, m: Mention, doc) -> list[Mention]:
        """Actor mentions coordinated with `m` inside a modifier ("X and Y leaders")."""
        root = self.mention_root(m, doc)
        if root.dep_ not in CORE_DEPS:
            return []
        out = []
        for c in root.conjuncts:
            other = self.by_token.get(c.i)
            if other is not None and other.is_actor and other is not m:
                out.append(other)
        return out

    def _members(self, head: "Token") -> list["Token"]:
        """The head, its conjuncts, and appositions that name an actor ("Mordor, the
        Shire, Fornost and Bree" is parsed with "the Shire" in apposition)."""
        members = {head.i: head}
        for t in list(head.conjuncts):
            members[t.i] = t
        doc = head.doc
        for t in list(members.values()):
            for c in t.children:
                left, right = c.left_edge.i, c.right_edge.i
                after = [w.lower_ for w in doc[right + 1:right + 3]]
                listed = left > 0 and doc[left - 1].text == "," and (
                    len(members) > 1 or bool(list(c.conjuncts))
                    or after[:1] in (["and"], ["or"]) or after in ([",", "and"], [",", "or"]))
                if c.dep_ == "appos" and listed and any(m.is_actor for m in self._core(c)):
                    members[c.i] = c
                    for cc in c.conjuncts:
                        members[cc.i] = cc
        return [members[k] for k in sorted(members)]

    def _group(self, head: "Token", *, via_preps: bool, depth: int
               ) -> list[_Part]:
        members = self._members(head)
        # "sheep and goats of Gondor": a phrase after the last conjunct belongs to it,
        # wherever the parser hung it
        moved: list["Token"] = []
        if len(members) > 1:
            moved = [p for p in head.children if p.dep_ == "prep" and p.i > members[-1].i]
        parts = []
        for t in members:
            preps = None
            if moved and t is head:
                preps = [p for p in t.children if p not in moved]
            elif moved and t is members[-1]:
                preps = list(t.children) + moved
            parts.append(self._one(t, via_preps=via_preps, depth=depth, preps=preps))
        agent_only = [p for p in parts if p and all(code is None for code, *_ in p)]
        actor_parts = [p for p in parts if p and any(code is not None for code, *_ in p)]
        if not agent_only or not actor_parts:
            return [x for p in parts for x in p]
        borrowed_codes = [(code, toks, text) for p in actor_parts for code, ags, toks, text in p]
        lent_agents = tuple(a for p in agent_only for _, ags, _, _ in p for a in ags)
        out = []
        for p in actor_parts:
            for code, ags, toks, text in p:
                out.append((code, ags if ags else lent_agents, toks, text))
        for p in agent_only:
            for _, ags, toks, text in p:
                for code, btoks, btext in borrowed_codes:
                    out.append((code, ags, toks | btoks, f"{text} {btext}"))
        return out

    def resolve(self, head: "Token", *, via_preps: bool = True) -> list[CodedActor]:
        """The coded actors of the (coordinated) noun phrase headed by `head`."""
        out: list[CodedActor] = []
        seen: set[str] = set()
        for code, agents, toks, text in self._group(head, via_preps=via_preps, depth=0):
            full = compose(code, agents)
            if full in seen:
                continue
            seen.add(full)
            out.append(CodedActor(full, text, toks))
        return out

    def resolve_mention(self, m: Mention, doc) -> list[CodedActor]:
        """Coded actors of the phrase a pattern marker landed on (no of/in links)."""
        return self.resolve(self.phrase_head(m, doc), via_preps=False)
