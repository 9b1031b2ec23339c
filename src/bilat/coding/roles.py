"""Who did it and to whom: source and target actors of a trigger, from the parse.

Works on one parsed sentence plus the actor mentions the gazetteer found in it.
"the two countries" and similar references resolve to the story's dyad.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from bilat.schemas import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Token

# plural nouns that, with "the"/"both"/"two", mean the two parties of the story's dyad
DYAD_NOUNS = frozenset({"country", "side", "nation", "state", "government", "party", "partner",
                        "leader", "president", "minister", "counterpart", "capital", "delegation"})
DYAD_DETS = frozenset({"the", "both", "two", "their"})
# noun-phrase dependents through which an actor can name the phrase's referent
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "npadvmod"})
# clause boundaries the searches never cross
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "csubj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# prepositions that name a partner even deep inside a clause ("committed to ... cooperation
# with X", "consultations ... between the two countries"); place and direction words
# ("in", "to") count only when they attach to the trigger itself
DEEP_PREPS = frozenset({"with", "between"})


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor resolved to a country (ISO3 or IGO code), ready for an event."""

    country: str
    sector: str | None
    text: str
    via_dyad: bool = False  # came from "the two countries" etc.
    name: str | None = None  # a named leader: re-resolved on the event's own date

    @property
    def code(self) -> str:
        return self.country + (self.sector or "")


class SentenceActors:
    """Actor mentions of one sentence, looked up by token."""

    def __init__(self, mentions: Sequence[ActorMention], dyad: tuple[str, str] | None,
                 *, context: Sequence[Actor] = ()) -> None:
        self.dyad = dyad
        self.context = list(context)  # the previous sentence's subject, for "he", "it", "they"
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    # ------------------------------------------------------------ single phrase
    def from_mention(self, m: ActorMention) -> list[Actor]:
        if m.kind == "dyad_ref" or (m.country is None and m.kind != "role"):
            return self._dyad_actors(m.sector, m.text)
        if m.country is None:
            return []
        return [Actor(m.country, m.sector, m.text, name=m.name if m.kind == "leader" else None)]

    def _dyad_actors(self, sector: str | None, text: str) -> list[Actor]:
        if not self.dyad:
            return []
        return [Actor(c, sector, text, via_dyad=True) for c in self.dyad]

    def _implicit_dyad(self, tok: "Token") -> list[Actor]:
        if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in DYAD_NOUNS:
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "poss", "predet")}
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in DYAD_DETS:
            dets.add(tok.doc[tok.i - 1].lower_)
        if dets & DYAD_DETS:
            text = tok.doc[tok.left_edge.i: tok.i + 1].text
            return self._dyad_actors("GOV" if tok.lemma_.lower() in
                                     ("government", "leader", "president", "minister",
                                      "counterpart", "delegation") else None, text)
        return []

    def phrase(self, tok: "Token", *, depth: int = 0) -> list[Actor]:
        """Actors named by the noun phrase headed by `tok` (one phrase, no conjuncts)."""
        m = self.by_token.get(tok.i)
        if m is not None:
            found = self.from_mention(m)
            if found or m.kind != "role":
                return found
            # a role with no country of its own: "Iran's religious leader Khomeini"
        implicit = self._implicit_dyad(tok)
        if implicit:
            return implicit
        if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS and depth == 0:
            return self.antecedent(tok)
        if depth >= 3:
            return []
        for child in tok.children:
            if child.dep_ in PHRASE_DEPS:
                found = self.phrase(child, depth=depth + 1)
                if found:
                    # "Vietnamese and Cambodian forces": the modifier's conjuncts too
                    for c in child.conjuncts:
                        found = found + self.phrase(c, depth=depth + 1)
                    return dedupe(found)
        # "the leaders of the two countries", "the government of Romania"
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ACTOR_HEAD_NOUNS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.phrase(pobj, depth=depth + 1)
                            if found:
                                return found
        return []

    def phrases(self, tok: "Token") -> list[Actor]:
        """Actors of the phrase headed by `tok` and of its conjuncts."""
        out = list(self.phrase(tok))
        for c in tok.conjuncts:
            out.extend(self.phrase(c))
        for c in tok.children:
            # "Vietnamese and Cambodian armed forces": a coordinated modifier names a party
            if c.dep_ in ("amod", "compound") and any(g.dep_ == "cc" for g in c.children):
                out.extend(self.phrase(c))
        # "The US, Russia, and Switzerland met": the parser often hangs a list of
        # countries on an apposition
        head = self.by_token.get(tok.i)
        if head is not None and head.kind in ("country", "igo"):
            for c in tok.children:
                m = self.by_token.get(c.i)
                if c.dep_ == "appos" and m is not None and m.kind in ("country", "igo"):
                    out.extend(self.phrase(c))
                    out.extend(a for cc in c.conjuncts for a in self.phrase(cc))
        return dedupe(out)

    def antecedent(self, pron: "Token") -> list[Actor]:
        """'Obama said he would ...': a subject pronoun refers to the subject of a verb
        above it; failing that, to the previous sentence's subject."""
        node = pron.head
        steps = 0
        while node.head is not node and steps < 4:
            node = node.head
            steps += 1
            for c in node.children:
                if c.dep_ == "nsubj" and c.i != pron.i and c.pos_ != "PRON":
                    found = self.phrases(c)
                    if found:
                        return found
        return list(self.context)

    # ------------------------------------------------------------ searches
    def under_preps(self, tok: "Token", preps: Iterable[str], *, deep: bool,
                    skip: frozenset[int] = frozenset()) -> list[Actor]:
        """Objects of the prepositions `preps` under `tok` (directly, or anywhere in the
        clause when `deep`), never entering subjects or subordinate clauses."""
        wanted = frozenset(preps)
        wanted_deep = wanted & DEEP_PREPS
        out: list[Actor] = []
        stack = [(c, 0) for c in tok.children]
        while stack:
            node, d = stack.pop(0)
            if node.i in skip or node.dep_ in SUBJECT_DEPS or node.dep_ in ("relcl", "ccomp", "parataxis"):
                continue
            if node.dep_ == "prep" and node.lower_ in (wanted if d == 0 else wanted_deep):
                for pobj in node.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        found = self.phrases(pobj)
                        if not found:
                            # "aid to refugees in Liberia", "troops of Russia"
                            found = [a for pp in pobj.children
                                     if pp.dep_ == "prep" and pp.lower_ in ("in", "of", "from")
                                     for g in pp.children if g.dep_ == "pobj"
                                     for a in self.phrases(g)]
                        out.extend(found)
                continue
            if deep and d < 6:
                stack.extend((c, d + 1) for c in node.children)
        return dedupe(out)


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "its", "their", "his", "her", "our"})

# nouns that denote an actor (so "X of Y" names Y's actor)
ACTOR_HEAD_NOUNS = frozenset({"government", "leader", "leadership", "president", "ministry",
                              "minister", "parliament", "army", "people", "authority",
                              "official", "delegation", "representative", "head", "embassy",
                              "ambassador", "envoy", "king", "emir", "chancellor", "premier",
                              "administration", "cabinet", "force", "troop", "military"})


def dedupe(actors: Iterable[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.country in seen:
            continue
        seen.add(a.country)
        out.append(a)
    return out
