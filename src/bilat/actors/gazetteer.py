"""Find the actors named in a sentence: countries, demonyms, capitals, IGOs,
leaders, roles and references to both parties of a dyad.

    gaz = Gazetteer.load(nlp.vocab)              # build once, reuse
    gaz.find_actors(doc, when=date(2017, 7, 15))
    # "the President of the Republic of Kazakhstan Nursultan Nazarbayev"
    #   -> one ActorMention, kind "leader", KAZ GOV, name "Nursultan Nazarbayev"

It needs tokens only (no tagger, parser or NER), so the fast path can run it
on tokenizer output. Two PhraseMatchers find the known words: one on LOWER for
names and roles (a name must start with a capital letter in the text, so
"turkey" the bird and "china" the porcelain are left alone) and one on ORTH
for acronyms ("US" but not "us"). A linear scan then joins neighbouring
matches into one mention per noun phrase:

    nation   [role ...] [leader]      "Romanian President Klaus Iohannis"
    nation   's role                  "Romania's president", "the Kazakh MFA's press service"
    role     of [the] nation [leader] "the President of Romania"
    role     of [the] dyad            "the foreign ministries of the two countries"
    role     leader                   "Prime Minister George Papandreou" (country from the leader)
    pair     role                     "the two presidents" (a dyad reference)

Small words glue a phrase ("deputy", "acting"); "former"/"ex-" make it an
elite (ELI). Within a mention the first sector other than GOV wins, so
"Defence Ministry spokesman" is MIL and "opposition leader" OPP.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, Literal, Protocol

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from bilat.actors import forms
from bilat.actors.countries import Capital, CountryTable
from bilat.actors.roles import RoleTable, RoleType
from bilat.schemas import ActorMention


class LeaderHitLike(Protocol):
    country: str
    sector: str
    former: bool
    term: Any  # has .name and .title


class LeaderSource(Protocol):
    """What the gazetteer needs from a leader table (bilat.actors.leaders.LeaderTable)."""

    def surface_forms(self) -> list[str]: ...

    def lookup(self, name: str, *, when: date | None) -> LeaderHitLike | None: ...


class _Cat(IntEnum):
    """What a matched word is; the value breaks ties between matches of the same span."""

    COUNTRY = 0
    IGO = 1
    DEMONYM = 2
    CAPITAL = 3
    INSTITUTION = 4
    LEADER = 5
    BLOCK = 6
    DYAD = 7
    ROLE = 8
    PAIR = 9
    FORMER = 10
    MODIFIER = 11


_NATIONS = frozenset({_Cat.COUNTRY, _Cat.IGO, _Cat.DEMONYM, _Cat.CAPITAL, _Cat.INSTITUTION})
_GLUE = frozenset({_Cat.PAIR, _Cat.FORMER, _Cat.MODIFIER})
_ADJECTIVAL = frozenset({_Cat.COUNTRY, _Cat.IGO, _Cat.DEMONYM})  # may follow "former", "new"
_FORM_KINDS = {"country": _Cat.COUNTRY, "igo": _Cat.IGO, "demonym": _Cat.DEMONYM,
               "capital": _Cat.CAPITAL, "institution": _Cat.INSTITUTION}
_ROLE_KINDS = {RoleType.TITLE: _Cat.ROLE, RoleType.BODY: _Cat.ROLE, RoleType.FORMER: _Cat.FORMER,
               RoleType.MODIFIER: _Cat.MODIFIER, RoleType.PAIR: _Cat.PAIR,
               RoleType.DYAD: _Cat.DYAD, RoleType.BLOCK: _Cat.BLOCK}
_MENTION_KINDS = {_Cat.COUNTRY: "country", _Cat.IGO: "igo", _Cat.DEMONYM: "demonym",
                  _Cat.CAPITAL: "capital", _Cat.INSTITUTION: "role"}
_POSSESSIVE = frozenset({("'s",), ("'",), ("’s",), ("’",)})
_OF = frozenset({("of",), ("of", "the")})
_NOT_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December The A An And But Or Of In On At To "
    "For With By From As After Before During Since While When This That These Those It He She "
    "They We His Her Their Its Our Mr Mrs Ms Dr".split()
)
_MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Entry:
    """The meaning of a matcher key."""

    cat: _Cat
    code: str | None = None
    sector: str | None = None
    capital: Capital | None = None
    leader_form: str | None = None
    title: bool = False  # a person's title: a name may follow
    guard: bool = False  # must start with a capital letter in the text


@dataclass(frozen=True, slots=True)
class _Atom:
    """A match kept for composition."""

    start: int
    end: int
    entry: _Entry
    country: str | None
    sector: str | None
    hit: Any = None  # the leader hit

    @property
    def cat(self) -> _Cat:
        return self.entry.cat


class Gazetteer:
    """Finds actor mentions on spaCy Docs; build once with `load`, then reuse."""

    def __init__(self, vocab: Vocab, *, lower: PhraseMatcher, orth: PhraseMatcher,
                 entries: dict[int, _Entry], leaders: LeaderSource | None) -> None:
        self.vocab = vocab
        self._lower = lower
        self._orth = orth
        self._entries = entries
        self._leaders = leaders
        self._leader_hit = functools.lru_cache(maxsize=16384)(self._lookup_leader)

    @classmethod
    def load(cls, nlp_vocab: Vocab | Language, *,
             leaders: LeaderSource | None | Literal["bundled"] = "bundled",
             countries: CountryTable | None = None,
             roles: RoleTable | None = None) -> Gazetteer:
        """Build the matchers for `nlp_vocab` (a Vocab, or a Language whose
        tokenizer then splits the patterns). `leaders` is the leader table
        ("bundled": bilat.actors.leaders.LeaderTable.load(); None: no leaders)."""
        if isinstance(nlp_vocab, Language):
            vocab, tokenizer = nlp_vocab.vocab, nlp_vocab.tokenizer
        else:
            import spacy

            vocab, tokenizer = nlp_vocab, spacy.blank("en", vocab=nlp_vocab).tokenizer
        if leaders == "bundled":
            from bilat.actors.leaders import LeaderTable

            leaders = LeaderTable.load()
        countries = countries or CountryTable.load()
        roles = roles or RoleTable.load()

        patterns: dict[_Entry, list[str]] = {}
        for form in countries.surface_forms():
            entry = _Entry(_FORM_KINDS[form.kind], form.code, form.sector, form.capital,
                           guard=not forms.is_acronym(form.text))
            patterns.setdefault(entry, []).append(form.text)
        for role in roles.all():
            entry = _Entry(_ROLE_KINDS[role.type], sector=role.sector,
                           title=role.type is RoleType.TITLE)
            patterns.setdefault(entry, []).extend(forms.variants(role.phrase))
        if leaders is not None:
            for name in leaders.surface_forms():
                entry = _Entry(_Cat.LEADER, leader_form=name, guard=not forms.is_acronym(name))
                patterns.setdefault(entry, []).extend(forms.variants(name))

        lower = PhraseMatcher(vocab, attr="LOWER")
        orth = PhraseMatcher(vocab, attr="ORTH")
        entries: dict[int, _Entry] = {}
        for n, (entry, texts) in enumerate(patterns.items()):
            label = f"bilat.actor.{n}"
            entries[vocab.strings.add(label)] = entry
            by_case = {True: [], False: []}
            for text in dict.fromkeys(texts):
                by_case[forms.is_acronym(text) and entry.cat < _Cat.BLOCK].append(text)
            if by_case[False]:
                lower.add(label, _pattern_docs(vocab, tokenizer, by_case[False]))
            if by_case[True]:
                orth.add(label, _pattern_docs(vocab, tokenizer, by_case[True]))
        return cls(vocab, lower=lower, orth=orth, entries=entries, leaders=leaders)

    # -- public --------------------------------------------------------------------------------

    def find_actors(self, doc_or_span: Doc | Span, *, when: date | None = None) -> list[ActorMention]:
        """Actor mentions in `doc_or_span`, in text order, with Doc token offsets.

        `when` is the date the text speaks of (None: today): it picks the
        leader in office and whether a place was the capital then.
        """
        doc, _, hi = _bounds(doc_or_span)
        atoms = self._atoms(doc_or_span, when)
        out: list[ActorMention] = []
        phrase: list[_Atom] = []
        name_from: int | None = None  # where a name written before a leader begins
        for atom in atoms:
            if phrase:
                joined = self._joins(doc, phrase, atom)
                if joined:
                    if joined == "name":
                        name_from = phrase[-1].end
                    phrase.append(atom)
                    continue
                self._finish(doc, phrase, name_from, atom.start, out, when)
            phrase, name_from = [atom], None
        if phrase:
            self._finish(doc, phrase, name_from, hi, out, when)
        return out

    def has_actor(self, doc_or_span: Doc | Span) -> bool:
        """True if the text names any actor: a cheap test for the fast path."""
        return any(a.cat not in _GLUE for a in self._atoms(doc_or_span, None))

    # -- matching ------------------------------------------------------------------------------

    def _lookup_leader(self, form: str, when: date | None) -> Any:
        return self._leaders.lookup(form, when=when) if self._leaders is not None else None

    def _atoms(self, doc_or_span: Doc | Span, when: date | None) -> list[_Atom]:
        """Matches that pass their checks, longest first where they overlap, in text order."""
        doc, lo, hi = _bounds(doc_or_span)
        candidates: list[_Atom] = []
        for match_id, start, end in itertools.chain(self._lower(doc_or_span), self._orth(doc_or_span)):
            entry = self._entries[match_id]
            if entry.guard and not doc[start].text[:1].isupper():
                continue
            country, sector, hit = entry.code, entry.sector, None
            if entry.cat is _Cat.CAPITAL:
                if not entry.capital.stands_for_government(when):
                    continue
                sector = "GOV"
            elif entry.cat is _Cat.LEADER:
                hit = self._leader_hit(entry.leader_form, when)
                if hit is None:
                    continue
                country, sector = hit.country, hit.sector
            candidates.append(_Atom(start, end, entry, country, sector, hit))
        candidates.sort(key=lambda a: (a.start - a.end, a.cat, a.start))
        taken = bytearray(hi - lo)
        kept: list[_Atom] = []
        for atom in candidates:
            if taken.find(1, atom.start - lo, atom.end - lo) != -1:
                continue
            taken[atom.start - lo:atom.end - lo] = b"\x01" * (atom.end - atom.start)
            if atom.cat is not _Cat.BLOCK:
                kept.append(atom)
        kept.sort(key=lambda a: a.start)
        return kept

    # -- composition ---------------------------------------------------------------------------

    def _joins(self, doc: Doc, phrase: list[_Atom], atom: _Atom) -> str | None:
        """Whether `atom` continues the mention in `phrase`: "join", "name"
        (a written name leads up to a leader), or None."""
        gap = tuple(t.lower_ for t in doc[phrase[-1].end:atom.start])
        cat, last = atom.cat, phrase[-1]
        nation = _first(phrase, _NATIONS)
        leader = _first(phrase, {_Cat.LEADER})
        glue_only = all(a.cat in _GLUE for a in phrase)
        paired = any(a.cat in (_Cat.PAIR, _Cat.DYAD) for a in phrase)
        if not gap:
            if cat in _NATIONS:  # "former Kazakh ...", "the new U.S. ..."; not after a role
                return "join" if glue_only and not paired and cat in _ADJECTIVAL else None
            if cat is _Cat.LEADER:
                return "join" if _leader_fits(phrase, atom) and last.cat is not _Cat.PAIR else None
            if cat is _Cat.ROLE:
                if leader is not None and atom.entry.title:
                    return None  # "Nazarbayev President": two phrases
                if last.cat is _Cat.PAIR and not _plural(doc[atom.start:atom.end]):
                    return None  # "both President Trump and ...": not a dyad
                return "join" if last.cat is not _Cat.DYAD else None
            if cat in (_Cat.MODIFIER, _Cat.FORMER):
                return "join" if leader is None and last.cat is not _Cat.DYAD else None
            return None
        if gap in _POSSESSIVE:
            if glue_only or last.cat in _GLUE:
                return None
            if cat in (_Cat.ROLE, _Cat.MODIFIER, _Cat.FORMER):
                return "join"
            return "join" if cat is _Cat.LEADER and _leader_fits(phrase, atom) else None
        if gap in _OF:
            if last.cat is not _Cat.ROLE or leader is not None:
                return None
            if cat in _NATIONS or cat is _Cat.DYAD:
                return "join" if nation is None and not paired else None
            return "join" if cat is _Cat.ROLE else None
        if (cat is _Cat.LEADER and last.cat is _Cat.ROLE and last.entry.title
                and _leader_fits(phrase, atom) and _name_end(doc, phrase[-1].end, atom.start) == atom.start):
            return "name"
        return None

    def _finish(self, doc: Doc, phrase: list[_Atom], name_from: int | None, limit: int,
                out: list[ActorMention], when: date | None = None) -> None:
        """Turn a finished phrase into a mention (or drop it if it is only glue)."""
        while phrase and phrase[-1].cat in _GLUE:  # glue binds only what follows it
            phrase = phrase[:-1]
        heads = [a for a in phrase if a.cat not in _GLUE]
        if not heads:
            return
        roles = [a for a in phrase if a.cat is _Cat.ROLE]
        leader = _first(phrase, {_Cat.LEADER})
        nation = _first(phrase, _NATIONS)
        paired = any(a.cat in (_Cat.PAIR, _Cat.DYAD) for a in phrase)
        if roles or leader or paired:
            start = phrase[0].start
            former = any(a.cat is _Cat.FORMER for a in phrase)
        else:  # glue before a bare name is not part of it: "then Romania"
            start, former = heads[0].start, False
        end = phrase[-1].end
        leader_is_head = leader is not None and not any(r.start > leader.start for r in roles)

        name = None
        if leader_is_head:
            name = getattr(leader.hit.term, "name", None) or doc[name_from or leader.start:leader.end].text
        elif phrase[-1].cat is _Cat.ROLE and phrase[-1].entry.title:
            name_end = _name_end(doc, end, limit)
            if name_end > end:
                name, end = doc[end:name_end].text, name_end

        if former or (leader_is_head and leader.hit.former):
            sector = "ELI"
        else:
            sectors = [a.sector for a in phrase
                       if a.cat in (_Cat.ROLE, _Cat.INSTITUTION, _Cat.DYAD) and a.sector]
            sector = next((s for s in sectors if s != "GOV"), "GOV" if sectors else None)
            if sector is None and leader is not None:
                sector = leader.sector
            if sector is None and nation is not None and nation.cat is _Cat.CAPITAL:
                sector = "GOV"

        if paired:
            kind, country = "dyad_ref", None
        else:
            country = nation.country if nation is not None else (leader.country if leader else None)
            if country is None and name is not None and not leader_is_head:
                # "President Mario Soares": a title, then a name the table spells otherwise
                hit = self._leader_hit(name, when)
                if hit is not None:
                    country = hit.country
                    if not former:
                        sector = hit.sector
            if leader_is_head:
                kind = "leader"
            elif roles:
                kind = "role"
            else:
                kind = _MENTION_KINDS[nation.cat]
        out.append(ActorMention(start=start, end=end, text=doc[start:end].text, kind=kind,
                                country=country, sector=sector, name=name))


def _pattern_docs(vocab: Vocab, tokenizer: Any, texts: list[str]) -> list[Doc]:
    """Patterns tokenised as running text would be. A prefix written with a
    trailing hyphen ("ex-", "then-") is split off its hyphen, as it is in
    "ex-president"."""
    docs = []
    for text in texts:
        if text.endswith("-") and len(text) > 1:
            words = [t.text for t in tokenizer(text[:-1])] + ["-"]
            docs.append(Doc(vocab, words=words))
        else:
            docs.append(tokenizer(text))
    return docs


def _bounds(doc_or_span: Doc | Span) -> tuple[Doc, int, int]:
    if isinstance(doc_or_span, Span):
        return doc_or_span.doc, doc_or_span.start, doc_or_span.end
    return doc_or_span, 0, len(doc_or_span)


def _first(phrase: list[_Atom], cats: frozenset[_Cat] | set[_Cat]) -> _Atom | None:
    return next((a for a in phrase if a.cat in cats), None)


def _leader_fits(phrase: list[_Atom], atom: _Atom) -> bool:
    """A leader may join a phrase with no leader, no dyad, and no other country."""
    if any(a.cat in (_Cat.LEADER, _Cat.DYAD, _Cat.PAIR) for a in phrase):
        return False
    nation = _first(phrase, _NATIONS)
    return nation is None or nation.country == atom.country


def _plural(words: Span) -> bool:
    """Rough plural test for a role phrase: a word ends in -s ("presidents",
    "heads of state"), but not -ss."""
    return any(t.lower_.endswith("s") and not t.lower_.endswith("ss") for t in words)


def _is_name_word(token: Token) -> bool:
    """A capitalised word, not all capitals, not a weekday, month or function word
    ("Blinken", "Yar'Adua"), or an initial ("S.")."""
    text = token.text
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True
    return (text[:1].isupper() and text != text.upper() and text not in _NOT_NAMES
            and all(ch.isalpha() or ch in "'’" for ch in text))


def _name_end(doc: Doc, start: int, limit: int) -> int:
    """End of a run of capitalised words from `start` (a person's name after a
    title: "Antony Blinken", "Ban Ki-moon"), at most a few words, before `limit`."""
    end, words, i = start, 0, start
    while i < limit and words < _MAX_NAME_WORDS:
        token = doc[i]
        if _is_name_word(token):
            words += 1
            i += 1
            end = i
        elif (token.text == "-" and words and i + 1 < limit and not doc[i - 1].whitespace_
              and not token.whitespace_ and doc[i + 1].is_alpha):
            i += 2  # "Ki-moon", "Kassym-Jomart": the hyphen and the word after it
            end = i
        else:
            break
    return end
