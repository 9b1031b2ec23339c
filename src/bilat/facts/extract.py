"""The facts of a relationship, read from the parsed sentences of a story by rules.

Each rule reads one sentence (its spaCy parse and the actor mentions the gazetteer found):

  names       a named mechanism, agreement, route or organisation (`bilat.facts.names`),
              with the city after it ("the Romanian Cultural Centre in Almaty");
  quoted      names in quotation marks in a sentence about societies, centres, associations
              ("«Carpathia» in Brasov"): organisations with their cities;
  diaspora    a count of people of one country living in the other ("more than ten thousand
              ethnic Estonians", "the Korean diaspora of about 100,000");
  membership  an IGO the two work within or belong to ("within the UN, OSCE", "both are members
              of the WTO");
  trade       a trade figure ("trade turnover reached $1.2 billion in 2016") or a trading
              partnership ("X is an important economic partner for Y");
  investment  an investment figure or an investor ("X is a significant investor in Y");
  transport   flights and links that are not named ("direct flights between Almaty and Bucharest").

The two countries of a fact are the story's dyad, unless the sentence itself names two other
countries; a story without two countries has no facts. Facts are deduplicated per story.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from bilat.facts.names import KEYWORDS, MAX_TAIL, OPENERS, named_things
from bilat.facts.quantities import Quantity, quantities
from bilat.schemas import ActorMention, Fact, FactKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bilat.geo.places import PlaceTable

ORG_NOUNS = frozenset({"society", "association", "centre", "center", "club", "community",
                       "foundation", "union", "house", "ensemble", "school", "theatre", "theater",
                       "organisation", "organization", "group", "federation", "league"})
DIASPORA_NOUNS = frozenset({"diaspora", "community", "communities", "citizen", "national",
                            "expatriate", "immigrant", "emigrant", "migrant", "compatriot",
                            "people", "minority", "descent"})
COUNT_VERBS = frozenset({"number", "total", "reach", "exceed", "amount", "count", "be",
                         "estimate", "stand", "comprise", "top"})
LIVE_VERBS = frozenset({"live", "reside", "work", "settle", "stay"})
TRADE_WORDS = frozenset({"trade", "turnover", "commerce", "export", "import"})
PARTNER_WORDS = frozenset({"trade", "trading", "economic", "commercial"})
INVEST_WORDS = frozenset({"investment", "investor", "invest", "fdi"})
FLIGHT_WORDS = frozenset({"flight", "air", "airline"})
MEMBER_WORDS = frozenset({"member", "membership", "join", "accession", "framework", "auspices",
                          "platform", "format", "umbrella"})
IGO_PREPS = frozenset({"within", "in", "at", "inside", "under", "through"})
COOP_WORDS = frozenset({"cooperation", "cooperate", "co-operation", "interaction", "coordinate",
                        "coordinated", "effort", "support", "partnership", "together", "joint",
                        "mutual", "both", "jointly", "interact", "work"})
QUANTIFIERS = frozenset({"several", "many", "some", "various", "numerous", "other", "few", "all",
                         "both", "multiple", "two", "three", "four", "five"})
OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“", "‘": "’"}
# words that make a sentence worth parsing for facts (see FactExtractor.wants)
CUE_WORDS = frozenset({"trade", "turnover", "commerce", "exports", "imports", "export", "import",
                       "investment", "investments", "investor", "investors", "invest",
                       "invested", "invests", "fdi", "partner", "partners", "flight", "flights",
                       "diaspora", "joint", "bilateral", "intergovernmental", "member",
                       "members", "membership"}) | OPENERS
LIVE_FORMS = frozenset({"live", "lives", "living", "lived", "reside", "resides", "residing",
                        "settled", "work", "works", "working"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class _Draft:
    kind: FactKind
    name: str | None
    countries: tuple[str | None, str | None]
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    places: list[str] = field(default_factory=list)
    description: str | None = None
    period: str | None = None


def make_fact_id(doc_id: str, sentence_index: int, kind: str, name: str | None,
                 value: float | None) -> str:
    """Deterministic id: the same story read twice gives the same ids."""
    key = f"{doc_id}\x1f{sentence_index}\x1f{kind}\x1f{name}\x1f{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _countries(mentions: Sequence[ActorMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.country and m.kind not in ("igo", "dyad_ref") and len(m.country) == 3 \
                and m.country.isupper() and m.country not in out:
            out.append(m.country)
    return out


def fact_pair(mentions: Sequence[ActorMention],
              dyad: tuple[str, str] | None) -> tuple[str, str] | None:
    """The two countries a sentence's facts are about (see the module docstring)."""
    named = _countries(mentions)
    if len(named) >= 2 and (dyad is None or not (set(named[:2]) & set(dyad))):
        return named[0], named[1]
    return dyad


class FactExtractor:
    """Reads the facts of a story. Holds no per-story state; the place table (for the cities
    of organisations) is loaded on first use."""

    def __init__(self, *, places: "PlaceTable | None" = None) -> None:
        self._places = places

    @property
    def places(self) -> "PlaceTable":
        if self._places is None:
            from bilat.geo.places import PlaceTable

            self._places = PlaceTable.load()
        return self._places

    def extract(self, items: Iterable[tuple[int, "Span", Sequence[ActorMention]]], *,
                dyad: tuple[str, str] | None, doc_id: str) -> tuple[Fact, ...]:
        """Every fact of a story from its parsed sentences: (sentence index, sentence, the
        sentence's actor mentions) triples, in order."""
        out: list[Fact] = []
        seen: set[tuple] = set()
        for idx, sent, ms in items:
            pair = fact_pair(ms, dyad)
            if pair is None or not self.wants(sent, ms):
                continue
            text = sent.text.strip()
            for d in self.sentence_facts(sent, ms, pair):
                key = (d.kind, (d.name or "").casefold(), d.value, tuple(d.places))
                if key in seen:
                    continue
                seen.add(key)
                out.append(Fact(
                    fact_id=make_fact_id(doc_id, idx, d.kind.value, d.name, d.value),
                    doc_id=doc_id, kind=d.kind.value, country_a=d.countries[0],
                    country_b=d.countries[1], name=d.name, value=d.value, unit=d.unit,
                    qualifier=d.qualifier, places=tuple(d.places), description=d.description,
                    period=d.period, sentence_index=idx, sentence=text))
        return tuple(out)

    def extract_sentences(self, sents: Sequence["Span"],
                          mentions: Sequence[Sequence[ActorMention]], *,
                          dyad: tuple[str, str] | None, doc_id: str) -> tuple[Fact, ...]:
        """`extract` over all sentences of a story (`mentions[i]` are those of `sents[i]`)."""
        return self.extract(((i, s, m) for i, (s, m) in enumerate(zip(sents, mentions))),
                            dyad=dyad, doc_id=doc_id)

    @staticmethod
    def wants(sent: "Span", mentions: Sequence[ActorMention]) -> bool:
        """True if a sentence may hold a fact: cheap tests on its words that need no parse,
        true of every sentence a rule can read a fact from. `extract` reads only such
        sentences, and a fast pipeline parses them (with those that may hold events)."""
        if any(m.kind == "igo" for m in mentions):
            return True
        people = any(m.kind == "demonym" or (m.kind == "role" and m.country) for m in mentions)
        last_cap = -10
        for k, t in enumerate(sent):
            w = t.lower_
            if w in CUE_WORDS or t.text in OPEN_QUOTES:
                return True
            if k - last_cap <= MAX_TAIL + 1 and (w in KEYWORDS or w[:-1] in KEYWORDS):
                return True
            if people and (t.like_num or w in DIASPORA_NOUNS or w[:-1] in DIASPORA_NOUNS
                           or w in LIVE_FORMS):
                return True
            if t.text[:1].isupper() and t.is_alpha and k > 0:
                last_cap = k
        return False

    def candidates(self, sents: Sequence["Span"],
                   mentions: Sequence[Sequence[ActorMention]]) -> set[int]:
        """Indices of the sentences that `wants` (to be parsed for facts)."""
        return {i for i, (s, ms) in enumerate(zip(sents, mentions)) if self.wants(s, ms)}

    def sentence_facts(self, sent: "Span", mentions: Sequence[ActorMention],
                       pair: tuple[str, str]) -> Iterator[_Draft]:
        """The facts of one sentence about the countries `pair`."""
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        igo_spans = [(m.start, m.end) for m in mentions if m.kind == "igo"]
        named = [nt for nt in named_things(sent)
                 if not any(a < nt.end and nt.start < b for a, b in igo_spans)]
        for nt in named:
            yield self._named(sent, nt, mentions, pair)
        if any(t.text in OPEN_QUOTES for t in sent):
            yield from self._quoted(sent, mentions, pair, named)
        nums = quantities(list(sent)) if any(t.like_num for t in sent) else []
        yield from self._diaspora(sent, mentions, pair, nums)
        if igo_spans:
            yield from self._membership(sent, mentions, pair, lemmas)
        if lemmas & TRADE_WORDS or "partner" in lemmas:
            yield from self._trade(sent, mentions, pair, nums)
        if lemmas & INVEST_WORDS:
            yield from self._investment(sent, mentions, pair, nums)
        if lemmas & FLIGHT_WORDS:
            yield from self._flights(sent, pair, named)

    # -- names -----------------------------------------------------------------------------------

    def _named(self, sent: "Span", nt, mentions: Sequence[ActorMention],
               pair: tuple[str, str]) -> _Draft:
        doc = sent.doc
        places = self._places_after(doc, nt.end, sent.end)
        countries = pair
        if nt.kind is FactKind.ORGANIZATION:
            own = [m.country for m in mentions if m.kind == "demonym" and m.country
                   and nt.start <= m.start < nt.end]
            countries = _ordered(own[0] if own else None, pair)
        return _Draft(nt.kind, nt.text, countries, places=places)

    def _place_name(self, text: str) -> str:
        place = self.places.resolve(text)
        return place.name if place is not None else text

    def _places_after(self, doc, i: int, end: int) -> list[str]:
        """The place of "in [the city of] Almaty" starting at token `i` (empty when none)."""
        if i >= end or doc[i].lower_ not in ("in", "at"):
            return []
        j = i + 1
        if j < end and doc[j].lower_ == "the":
            j += 1
        said = False  # "the city of X": the text says X is a place
        if j + 1 < end and doc[j].lower_ in ("city", "town", "village", "region", "capital") \
                and doc[j + 1].lower_ == "of":
            j += 2
            said = True
        k = j
        while k < end and (doc[k].text[:1].isupper() or (doc[k].text == "-" and k > j)):
            k += 1
        if k == j:
            return []
        place = self.places.resolve(doc[j:k].text)
        if place is not None and place.kind != "country":
            return [place.name]
        return [doc[j:k].text] if said else []

    # -- quoted names ----------------------------------------------------------------------------

    def _quoted(self, sent: "Span", mentions: Sequence[ActorMention], pair: tuple[str, str],
                named) -> Iterator[_Draft]:
        doc = sent.doc
        org = next((t for t in sent if t.lemma_.lower() in ORG_NOUNS and t.pos_ == "NOUN"), None)
        description = None
        own = None
        if org is not None:
            mods = [c for c in org.lefts if c.dep_ in ("amod", "compound", "nmod")
                    and c.lower_ not in QUANTIFIERS]
            start = min([c.i for c in mods] + [org.i])
            description = " ".join([doc[k].text for k in range(start, org.i)] + [org.lemma_])
            own = next((m.country for m in mentions if m.kind == "demonym" and m.country
                        and start <= m.start <= org.i), None)
        i, end = sent.start, sent.end
        while i < end:
            close = OPEN_QUOTES.get(doc[i].text)
            if close is None:
                i += 1
                continue
            j = i + 1
            while j < end and doc[j].text != close and j - i <= 10:
                j += 1
            if j >= end or doc[j].text != close or j == i + 1:
                i += 1
                continue
            inner = doc[i + 1:j].text.strip()
            kind = next((KEYWORDS[w.lower_] for w in doc[i + 1:j] if w.lower_ in KEYWORDS), None)
            if inner[:1].isupper() and (org is not None or kind is not None) and not any(
                    nt.start <= i + 1 < nt.end for nt in named):
                yield _Draft(kind or FactKind.ORGANIZATION, inner, _ordered(own, pair),
                             places=self._places_after(doc, j + 1, end),
                             description=description)
            i = j + 1

    # -- diaspora --------------------------------------------------------------------------------

    def _diaspora(self, sent: "Span", mentions: Sequence[ActorMention], pair: tuple[str, str],
                  nums: list[Quantity]) -> Iterator[_Draft]:
        demonyms = {m.end - 1: m for m in mentions if m.kind == "demonym" and m.country}
        cover = {i: m for m in mentions for i in range(m.start, m.end)}
        for tok in sent:
            origin, phrase_start = None, tok.i
            lemma = tok.lemma_.lower()
            if tok.i in demonyms and tok.tag_ in ("NNPS", "NNS") or (
                    tok.i in demonyms and tok.text.endswith("s") and tok.pos_ == "PROPN"):
                origin = demonyms[tok.i].country
                diaspora_word = False
            elif lemma in DIASPORA_NOUNS or tok.lower_ in DIASPORA_NOUNS:
                mods = [demonyms[c.i] for c in tok.children
                        if c.i in demonyms and c.dep_ in ("amod", "compound", "nmod")]
                whole = cover.get(tok.i)  # "Georgian diaspora" read as one mention
                if mods:
                    origin = mods[-1].country
                elif whole is not None and whole.country and whole.start < tok.i \
                        and whole.kind != "igo":
                    origin = whole.country
                else:
                    continue
                diaspora_word = lemma in ("diaspora", "community", "minority", "compatriot")
            else:
                continue
            left = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
            if left:
                phrase_start = min(c.i for c in left)
            qty = next((q for q in nums if phrase_start - 1 <= q.end - 1 < phrase_start
                        or q.end == phrase_start), None)
            if qty is None:
                qty = self._counted(tok, nums)
            living = any(w.lemma_.lower() in LIVE_VERBS for w in tok.subtree) or (
                tok.head.lemma_.lower() in LIVE_VERBS)
            if qty is None and not diaspora_word and not living:
                continue
            host = next((m.country for m in mentions if m.kind == "demonym" and m.country
                         and m.country != origin and phrase_start <= m.start < tok.i), None)
            if host is None:
                host = next((c for c in _countries(_in_phrase(tok, mentions)) if c != origin),
                            None)
            if host is None:
                host = pair[1] if pair[0] == origin else pair[0] if pair[1] == origin else None
            if host is None or origin not in pair and host not in pair:
                continue
            name = sent.doc[phrase_start: tok.i + 1].text
            yield _Draft(FactKind.DIASPORA, name, (origin, host),
                         value=qty.value if qty else None, unit="people" if qty else None,
                         qualifier=qty.qualifier if qty else None, description="diaspora")

    @staticmethod
    def _counted(tok: "Token", nums: list[Quantity]) -> Quantity | None:
        """"The diaspora numbers about 20,000", "a diaspora of 20,000"."""
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in COUNT_VERBS:
            span = range(head.left_edge.i, head.right_edge.i + 1)
            return next((q for q in nums if q.start in span and q.start > tok.i
                         and q.unit is None), None)
        for c in tok.children:
            if c.dep_ in ("prep", "acl") and c.lower_ in ("of", "numbering", "totalling",
                                                           "totaling"):
                span = range(c.left_edge.i, c.right_edge.i + 1)
                return next((q for q in nums if q.start in span and q.unit is None), None)
        return None

    # -- membership ------------------------------------------------------------------------------

    def _membership(self, sent: "Span", mentions: Sequence[ActorMention], pair: tuple[str, str],
                    lemmas: set[str]) -> Iterator[_Draft]:
        from bilat.actors.countries import CountryTable

        doc = sent.doc
        about_pair = any(m.kind == "dyad_ref" for m in mentions) or bool(
            lemmas & (COOP_WORDS | MEMBER_WORDS))
        if not about_pair:
            return
        table = CountryTable.load()
        for m in mentions:
            if m.kind != "igo" or not m.country:
                continue
            root = doc[m.start:m.end].root
            if not _within(root):
                continue
            full = table.by_code(m.country).name if table.is_known(m.country) else None
            yield _Draft(FactKind.MEMBERSHIP, m.text, pair, description=full)

    # -- trade and investment --------------------------------------------------------------------

    def _trade(self, sent: "Span", mentions: Sequence[ActorMention], pair: tuple[str, str],
               nums: list[Quantity]) -> Iterator[_Draft]:
        money = [q for q in nums if q.unit or q.value >= 1_000_000]
        trade = next((t for t in sent if t.lemma_.lower() in TRADE_WORDS
                      and t.pos_ in ("NOUN", "PROPN")), None)
        if trade is not None and trade.dep_ == "compound" and trade.head.pos_ == "NOUN":
            trade = trade.head  # "trade turnover"
        if trade is not None and money:
            q = money[0]
            yield _Draft(FactKind.TRADE, _phrase(trade), pair, value=q.value, unit=q.unit,
                         qualifier=q.qualifier, period=_year(sent))
            return
        for tok in sent:
            if tok.lemma_.lower() != "partner":
                continue
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound")
                    and c.lower_ in PARTNER_WORDS]
            if not mods:
                continue
            a, b = _copula_pair(tok, mentions, pair)
            yield _Draft(FactKind.TRADE, f"{mods[0].lower_} partner", (a, b),
                         description=_phrase(tok))
            return

    def _investment(self, sent: "Span", mentions: Sequence[ActorMention],
                    pair: tuple[str, str], nums: list[Quantity]) -> Iterator[_Draft]:
        tok = next((t for t in sent if t.lemma_.lower() in INVEST_WORDS), None)
        if tok is None:
            return
        money = [q for q in nums if q.unit or q.value >= 1_000_000]
        a, b = _copula_pair(tok, mentions, pair)
        q = money[0] if money else None
        if q is None and tok.lemma_.lower() not in ("investor",):
            return
        name = "investment" if q is not None else "investor"
        yield _Draft(FactKind.INVESTMENT, name, (a, b),
                     value=q.value if q else None, unit=q.unit if q else None,
                     qualifier=q.qualifier if q else None, description=_phrase(tok),
                     period=_year(sent) if q else None)

    # -- flights ---------------------------------------------------------------------------------

    def _flights(self, sent: "Span", pair: tuple[str, str], named) -> Iterator[_Draft]:
        for tok in sent:
            if tok.lemma_.lower() != "flight" or any(nt.start <= tok.i < nt.end for nt in named):
                continue
            places: list[str] = []
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "from", "to"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            for n in (g, *g.conjuncts):
                                if n.text[:1].isupper():
                                    places.append(self._place_name(n.text))
            mods = [c.lower_ for c in tok.children if c.dep_ == "amod"]
            if not places and not set(mods) & {"direct", "regular", "non-stop", "nonstop"}:
                continue
            yield _Draft(FactKind.TRANSPORT, " ".join(mods[:1] + ["flights"]), pair,
                         places=places)
            return


def _ordered(first: str | None, pair: tuple[str, str]) -> tuple[str, str]:
    """`pair` with `first` first when it is one of them."""
    if first == pair[1]:
        return pair[1], pair[0]
    return pair


def _in_phrase(tok: "Token", mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions under an "in" attached to `tok` or to its verb ("Romanians living in X")."""
    heads = [tok, tok.head]
    spans = []
    for h in heads:
        for c in h.subtree if h is tok else h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of"):
                spans.append(range(c.left_edge.i, c.right_edge.i + 1))
    return [m for m in mentions if any(m.start in s for s in spans)]


def _within(root: "Token") -> bool:
    """An IGO named as a frame of work or membership: "within the UN", "in the framework of
    the SCO", "members of the WTO" (through conjuncts: "the UN, OSCE")."""
    node = root
    for _ in range(6):
        if node.dep_ == "conj":
            node = node.head
            continue
        head = node.head
        if node.dep_ == "pobj":
            if head.lower_ in IGO_PREPS:
                return True
            if head.lower_ == "of" and head.head.lemma_.lower() in MEMBER_WORDS:
                return True
            if head.lower_ in ("of", "to") and head.head.lemma_.lower() in ("member", "join",
                                                                           "accession"):
                return True
            return False
        if node.dep_ == "dobj" and head.lemma_.lower() in ("join",):
            return True
        return False
    return False


def _copula_pair(tok: "Token", mentions: Sequence[ActorMention],
                 pair: tuple[str, str]) -> tuple[str, str]:
    """(subject's country, the other) for "X is a partner/investor for/in Y", else `pair`."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    head = tok.head if tok.dep_ in ("attr", "dobj", "appos") else tok
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    first = by_token.get(subj.i).country if subj is not None and subj.i in by_token else None
    if first is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for g in c.children:
                    m = by_token.get(g.i)
                    if m is not None and m.country in pair:
                        first = m.country
    if first in pair:
        return _ordered(first, pair)
    return pair


def _phrase(tok: "Token") -> str:
    """The words that modify `tok`, with it: "bilateral trade turnover", "economic partner"."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
    start = min([c.left_edge.i for c in mods] + [tok.i])
    return tok.doc[start: tok.i + 1].text


def _year(sent: "Span") -> str | None:
    for t in sent:
        if _YEAR.match(t.text):
            return t.text
    return None
