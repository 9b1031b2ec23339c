"""Default source and target of a dictionary verb, read from the dependency parse.

Used when a verb pattern does not bind ``$``/``+`` itself:

- source: the subject (``nsubj``); for a passive, the ``by`` agent, else the
  passive subject itself (as PETRARCH-2 codes "X was criticized over ..."); a
  relative pronoun stands for the noun it modifies; a pronoun subject of a
  complement clause ("Ethiopia indicated it would act") is the governing
  clause's subject; an open complement or coordinated verb inherits its
  governor's subject (the object, for "urged X to ...");
- target: the passive subject when there is a ``by`` agent, else the first
  actor (or agent) mentioned after the verb in its clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from bilat.compat.petrarch.mentions import CodedActor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bilat.compat.petrarch.verbmatch import SentenceView

__all__ = ["ClauseRoles"]

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
PRONOUN_TAGS = frozenset({"PRP"})
INHERIT_DEPS = frozenset({"xcomp", "conj", "acomp"})
MAX_CLIMB = 4


class ClauseRoles:
    """Role finding on one sentence (its mentions and parse)."""

    def __init__(self, view: "SentenceView") -> None:
        self.view = view
        self.sm = view.mentions

    def _resolve_subject(self, subj: "Token", clause: "Token") -> list[CodedActor]:
        if subj.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl":
            return self.sm.resolve(clause.head)
        found = self.sm.resolve(subj)
        if not found and subj.tag_ in PRONOUN_TAGS and clause.dep_ == "ccomp":
            return self.subject_of(clause.head, depth=1)[0]
        return found

    @staticmethod
    def _by_agent(kids: Sequence["Token"]) -> "Token | None":
        for a in kids:
            if a.dep_ == "agent":
                for p in a.children:
                    if p.dep_ == "pobj":
                        return p
        return None

    def subject_of(self, tok: "Token", *, depth: int = 0
                   ) -> tuple[list[CodedActor], list[CodedActor]]:
        """(sources, passive target) of the clause headed by `tok`."""
        kids = list(tok.children)
        # a subject the parser hung on an auxiliary ("X was ... criticized") counts too
        kids += [g for c in list(kids) if c.dep_ in ("aux", "auxpass") for g in c.children]
        subjects = [c for c in kids if c.dep_ in SUBJECT_DEPS]
        if subjects:
            found = [a for c in subjects for a in self._resolve_subject(c, tok)]
            return _unique(found), []
        by = self._by_agent(kids)
        for c in kids:
            if c.dep_ == "nsubjpass":
                if by is not None:
                    return self.sm.resolve(by), self._resolve_subject(c, tok)
                return self._resolve_subject(c, tok), []
        if any(c.dep_ == "auxpass" for c in kids):
            return (self.sm.resolve(by) if by is not None else []), []
        if depth >= MAX_CLIMB or tok.head.i == tok.i:
            return [], []
        if tok.dep_ in ("relcl", "acl"):  # "a woman believed linked to ...": the woman
            return self.sm.resolve(tok.head), []
        if tok.dep_ in INHERIT_DEPS:
            head = tok.head
            if tok.dep_ == "xcomp":
                for o in head.children:
                    if o.dep_ in ("dobj", "dative"):
                        found = self.sm.resolve(o)
                        if found:
                            return found, []
            return self.subject_of(head, depth=depth + 1)[0], []
        return [], []

    def governing_subject(self, v: "Token") -> list[CodedActor]:
        """The subject of the nearest verb above `v` that has one."""
        tok = v
        for _ in range(MAX_CLIMB):
            if tok.head.i == tok.i:
                return []
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                found = self.subject_of(tok)[0]
                if found:
                    return found
        return []

    def first_actor(self, lower: Sequence[int], taken: frozenset[int]) -> list[CodedActor]:
        """The coded actors of the first phrase after the verb that has any."""
        sm = self.sm
        doc = self.view.doc
        aside: set[int] = set()  # ", five years after X did Y," is no place for the target
        for i in lower:
            t = doc[i]
            if t.dep_ == "advcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
                aside.update(x.i for x in t.subtree)
        for i in lower:
            m = sm.by_token.get(i)
            if m is None or i in taken or i != m.start or i in aside:
                continue
            head = sm.phrase_head(m, self.view.doc)
            found = [c for c in sm.resolve(head) if not (c.tokens & taken)]
            if found:
                return found
        return []


def _unique(actors: Sequence[CodedActor]) -> list[CodedActor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out
