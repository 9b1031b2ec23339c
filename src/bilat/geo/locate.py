"""Where an event happened, from its parsed sentence, else from the story's dateline.

The place of an event is looked for in its clause, nearest first:
  - a place after "in", "at", "near", "outside", "inside", "throughout" that hangs from the
    trigger (or from the light verb that carries a noun trigger: "held talks in Astana"), or
    from a phrase inside the trigger's clause ("killed in fighting in Syria's Aleppo province");
  - "to" after a visit or a trip ("the visit of ... to Romania", "travelled to Kyiv");
  - the object of a verb of going or taking ("visited Kazakhstan", "captured Badme");
  - "the city of Almaty", "the town of Bakwa", "the Aziziyah district": a place noun names the
    place; such a place is kept even when the gazetteer does not know it (kind "unresolved");
  - a border: "at the border with X", "near the Lebanese-Israeli border".
Subjects and subordinate clauses are not searched: their places belong to other events.

Borders. "at the border with X" is said from outside X, so the event's country is the other
side: the source actor's country when it is not X (else the target's). The place is named
"A–X border" and has no point. "the border between X and Y" and "the X-Y border" name both
sides; the country is the source's side when it is one of them, else the first named.

When the clause names no place and the event is not historical, the dateline city stands in
("TOKYO, March 3 (Kyodo) -"): the story was filed there, and a current event with no other place
most often happened there. Historical events never take the dateline.

Ambiguous names are settled by `PlaceTable.resolve`: a country given in the text ("Paris,
Texas", "Syria's Aleppo province"), then the event's two countries, then size.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from bilat.geo.places import Place, PlaceTable

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bilat.schemas import Article, Event

LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "throughout", "across",
                            "off", "through", "around", "along"})
# after these, an unknown capitalised name is still taken as a place ("killed in Rumaila")
OPEN_PREPS = frozenset({"in", "near", "outside", "off"})
BORDER_PREPS = LOCATION_PREPS | {"on", "along", "to"}
# nouns of going somewhere: "to" names their place
TRIP_WORDS = frozenset({"visit", "trip", "tour", "travel", "journey", "voyage", "mission",
                        "fly", "go", "come", "return", "arrive", "head", "deploy", "move",
                        "send", "dispatch", "march", "pilgrimage"})
# verbs whose object is the place of the event
PLACE_OBJECT_VERBS = frozenset({"visit", "tour", "enter", "invade", "capture", "seize", "occupy",
                                "liberate", "bomb", "shell", "attack", "raid", "storm", "patrol",
                                "besiege", "overrun", "reach", "blockade", "strike", "hit",
                                "bombard", "retake", "recapture", "evacuate", "host"})
# nouns that say their phrase is a place ("the town of Bakwa", "Aziziyah district")
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district",
                         "area", "county", "port", "municipality", "neighbourhood", "neighborhood",
                         "suburb", "island", "oblast", "governorate", "prefecture", "state",
                         "territory", "outskirts", "camp", "settlement", "valley", "gorge",
                         "resort", "square", "zone", "enclave", "peninsula", "hamlet", "locality",
                         "commune", "township", "borough", "quarter", "countryside"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})
# nouns of a part of a place: "north of Karbala", "the streets of Reynosa", "the edge of Damascus"
RELATIVE_NOUNS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                            "southeast", "southwest", "edge", "outskirts", "outskirt", "street",
                            "streets", "centre", "center", "heart", "part", "parts", "suburbs",
                            "vicinity", "side", "coast", "shore", "shores", "bank", "banks",
                            "downtown", "environs", "periphery", "interior", "rest", "road",
                            "roads", "highway", "capital", "city", "town", "area", "areas"})
# words never read as places
NOT_PLACES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                        "september", "october", "november", "december", "monday", "tuesday",
                        "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
                        "oct.", "nov.", "dec.", "president", "minister", "government",
                        "parliament", "congress", "senate", "assembly", "council", "court",
                        "committee", "ministry", "office", "house", "embassy", "university",
                        "party", "army", "police", "islam", "god", "english", "cabinet"})
# "on" names a place only before these ("on the edge of Damascus", "on the island of Crete")
ON_NOUNS = frozenset({"edge", "outskirts", "outskirt", "border", "frontier", "island", "coast",
                      "shore", "shores", "bank", "banks", "side", "road", "highway", "street",
                      "streets", "frontline", "front", "boundary", "territory", "soil"})
# generic words that may end a place name without being part of its gazetteer form
GENERIC_TAILS = frozenset({"city", "town", "province", "region", "district", "governorate",
                           "oblast", "state", "county", "municipality", "village"})
# dependents never searched: other clauses and the event's subject
_BLOCKED = frozenset({"relcl", "ccomp", "advcl", "parataxis", "csubj", "csubjpass", "nsubj",
                      "nsubjpass", "mark", "expl", "punct"})
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "at", "az"})
MAX_DEPTH = 5


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place found for an event: the words as written, the place, and how it was found
    (via: "text", "object", "border" or "dateline")."""

    text: str
    place: Place
    via: str


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    hint: str | None  # a country the text gives for it
    placey: bool  # a place noun said it is a place
    cities_only: bool = False  # a bare modifier: only a city counts


# -- names in a phrase ---------------------------------------------------------------------------

def _capitalised(tok: "Token") -> bool:
    return tok.text[:1].isupper()


def _proper_span(head: "Token") -> tuple[int, int, int] | None:
    """Token bounds of the proper name ending at `head`: the capitalised words (and hyphens,
    and Arabic "al-"/"el-") just left of it in its own phrase; extended over "of Y" when Y
    is capitalised ("Republic of Kazakhstan")."""
    if not _capitalised(head):
        return None
    doc = head.doc
    start, edge = head.i, head.left_edge.i
    while start - 1 >= edge:
        prev = doc[start - 1]
        if _capitalised(prev) or (prev.text == "-" and start - 2 >= edge):
            start -= 1
        elif prev.lower_ in _ARTICLES and doc[start].text == "-":
            start -= 1
        else:
            break
    while start < head.i and not (_capitalised(doc[start]) or doc[start].lower_ in _ARTICLES):
        start += 1
    end = ext = head.i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end].head is head:
        of_obj = [g for g in doc[end].children if g.dep_ == "pobj"]
        if of_obj and _capitalised(of_obj[0]) and of_obj[0].i == doc[end].right_edge.i:
            ext = of_obj[0].i + 1
    return start, end, ext


def _country_code(tok: "Token", table: PlaceTable) -> str | None:
    """The country a token names ("Syria", "Syria's", "Kazakhstan"), if it is one."""
    bounds = _proper_span(tok)
    if bounds is None:
        return None
    place = table.resolve(tok.doc[bounds[0]:bounds[2]].text) or table.resolve(
        tok.doc[bounds[0]:bounds[1]].text)
    return place.country if place is not None and place.kind in ("country", "state") else None


def _hint(head: "Token", table: PlaceTable) -> str | None:
    """A country the text attaches to a place name: "Syria's Aleppo", "Almaty, Kazakhstan",
    "Paris, Texas", "Aleppo in Syria"."""
    for c in head.children:
        if c.dep_ in ("poss", "appos", "npadvmod") or (c.dep_ == "conj" and c.i == head.i + 2
                                                       and head.doc[head.i + 1].text == ","):
            code = _country_code(c, table)
            if code:
                return code
        if c.dep_ == "prep" and c.lower_ in ("in", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and (code := _country_code(g, table)):
                    return code
    return None


def _names(head: "Token", table: PlaceTable, *, placey: bool = False,
           depth: int = 0) -> Iterator[_Name]:
    """The place names a noun phrase headed by `head` may give, most specific first."""
    lemma = head.lemma_.lower()
    if depth > 2:
        return
    if lemma in PLACE_NOUNS or lemma in RELATIVE_NOUNS:
        hint = _hint(head, table)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        yield from _names(g, table, placey=lemma in PLACE_NOUNS,
                                          depth=depth + 1)
            elif c.dep_ == "appos":
                yield from _names(c, table, placey=True, depth=depth + 1)
        if lemma in PLACE_NOUNS:
            for c in sorted(head.lefts, key=lambda t: -t.i):
                if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and _usable(c):
                    bounds = _proper_span(c)
                    if bounds:
                        yield _Name(head.doc[bounds[0]:bounds[1]].text, hint, True)
        return
    bounds = _proper_span(head)
    if bounds is None or head.pos_ not in ("PROPN", "NOUN", "X") or not _usable(head):
        # "in the Manbij campaign": a city named before an event noun
        for c in head.lefts:
            if c.dep_ == "compound" and c.pos_ == "PROPN" and _usable(c):
                b = _proper_span(c)
                if b:
                    yield _Name(head.doc[b[0]:b[1]].text, None, False, cities_only=True)
        return
    hint = _hint(head, table)
    start, end, ext = bounds
    if ext > end:
        yield _Name(head.doc[start:ext].text, hint, False)
    yield _Name(head.doc[start:end].text, hint, placey)


def _usable(tok: "Token") -> bool:
    """Not a word that is never a place in news text (months, weekdays) nor an acronym
    of four letters or fewer ("UN" is not the Indian town of Un)."""
    text = tok.text
    if text.lower() in NOT_PLACES:
        return False
    return not (text.isupper() and len(text) <= 4 and text.isalpha())


def _resolve(name: _Name, table: PlaceTable, prefer: Sequence[str]) -> Place | None:
    words = name.text.split()
    tries = [name.text]
    if len(words) > 1 and words[-1].lower() in GENERIC_TAILS:
        tries.append(" ".join(words[:-1]))
    for text in tries:
        place = table.resolve(text, hint=name.hint, prefer=prefer)
        if place is not None and name.cities_only and place.kind not in ("city", "capital"):
            continue
        if place is not None and _is_igo(text):
            continue
        if place is not None:
            return place
    if name.placey:
        return Place(name.text, name.hint, kind="unresolved")
    return None


def _is_igo(text: str) -> bool:
    from bilat.actors.countries import CountryTable

    return any(c.is_igo for c in CountryTable.load().readings(text))


# -- borders -------------------------------------------------------------------------------------

def _border(head: "Token", table: PlaceTable, *, source: str | None,
            target: str | None) -> PlaceRef | None:
    """"the border with X", "the border between X and Y", "the Lebanese-Israeli border"."""
    from bilat.actors.countries import CountryTable

    countries = CountryTable.load()
    named: list[str] = []
    with_form = False

    def add(tok: "Token") -> None:
        for t in (tok, *tok.conjuncts):
            code = _country_code(t, table)
            if code is None:
                hit = countries.resolve_name(t.text)
                code = hit.code if hit is not None and not hit.is_igo else None
            if code and code not in named:
                named.append(code)

    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("with", "between", "of"):
            with_form = with_form or c.lower_ == "with"
            for g in c.children:
                if g.dep_ == "pobj":
                    add(g)
        elif c.dep_ in ("amod", "compound", "nmod", "poss"):
            add(c)
            for g in c.children:  # "Lebanese-Israeli": the parser splits the pair
                if g.dep_ in ("amod", "compound", "nmod"):
                    add(g)
    if not named:
        return None
    if with_form and len(named) == 1:
        other = source if source not in (None, named[0]) else (
            target if target not in (None, named[0]) else None)
        pair = [other, named[0]] if other else [named[0]]
        side = other
    else:
        pair = named[:2]
        side = source if source in pair else pair[0]
    label = "–".join(_country_name(code, table) for code in pair if code)
    text = head.doc[head.left_edge.i: head.i + 1].text
    return PlaceRef(text, Place(f"{label} border", side, kind="border"), "border")


def _country_name(code: str, table: PlaceTable) -> str:
    place = table.country(code)
    return place.name if place is not None else code


# -- the search ----------------------------------------------------------------------------------

def _anchors(tok: "Token") -> list["Token"]:
    """The trigger and the words that carry its clause: the light verb or copula of a noun
    trigger ("held talks", "talks took place", "was the visit")."""
    out = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "nsubj", "nsubjpass",
                                                      "conj", "appos"):
        out.append(tok.head)
    return out


def _candidates(tok: "Token") -> Iterator[tuple[int, str, "Token"]]:
    """(depth, how, noun) for every noun that may name the event's place, nearest first."""
    found: list[tuple[int, int, str, "Token"]] = []
    seen: set[int] = set()
    for rank, anchor in enumerate(_anchors(tok)):
        lemma = anchor.lemma_.lower()
        queue = [(anchor, rank)]
        while queue:
            node, depth = queue.pop(0)
            if node.i in seen:
                continue
            seen.add(node.i)
            for c in node.children:
                if c.dep_ in _BLOCKED:
                    continue
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                    # "were killed and wounded in X": a joined verb shares the place, after
                    # the trigger's own
                    if depth + 2 <= MAX_DEPTH:
                        queue.append((c, depth + 2))
                    continue
                if c.dep_ == "prep":
                    p = c.lower_
                    trip = p == "to" and node.lemma_.lower() in TRIP_WORDS
                    if p in BORDER_PREPS or trip:
                        for g in c.children:
                            if g.dep_ != "pobj":
                                continue
                            for n in (g, *g.conjuncts):
                                nl = n.lemma_.lower()
                                if nl in BORDER_NOUNS:
                                    how = "border"
                                elif p in OPEN_PREPS and n.pos_ == "PROPN":
                                    how = "open"
                                elif p in LOCATION_PREPS or trip or (p == "on" and nl in ON_NOUNS):
                                    how = "text"
                                else:
                                    continue
                                found.append((depth, n.i, how, n))
                elif (c.dep_ == "dobj" and node is anchor
                      and lemma in PLACE_OBJECT_VERBS):
                    for n in (c, *c.conjuncts):
                        found.append((depth, 1000 + n.i, "object", n))
                if depth < MAX_DEPTH:
                    queue.append((c, depth + 1))
    found.sort(key=lambda f: (f[0], f[1]))
    for depth, _, how, n in found:
        yield depth, how, n


def find_event_place(tok: "Token", *, table: PlaceTable, source: str | None = None,
                     target: str | None = None) -> PlaceRef | None:
    """The place the sentence gives for the event triggered by `tok`, or None.

    `source` and `target` are the event's countries: they settle ambiguous names and the
    side of a border.
    """
    prefer = tuple(c for c in (source, target) if c)
    for _, how, noun in _candidates(tok):
        if how == "border":
            ref = _border(noun, table, source=source, target=target)
            if ref is not None:
                return ref
            continue
        for name in _names(noun, table):
            if how == "open" and not name.placey:
                name = dataclasses.replace(name, placey=_open_name(noun, name.text))
            place = _resolve(name, table, prefer)
            if place is not None:
                return PlaceRef(name.text, place, "text" if how == "open" else how)
    return None


def _open_name(noun: "Token", text: str) -> bool:
    """An unknown capitalised name after "in"/"near" reads as a place unless it is a body or a
    person's title, or an actor the gazetteer knows ("in Parliament", "in NATO")."""
    from bilat.actors.countries import CountryTable

    words = text.lower().split()
    if not words or any(w in NOT_PLACES for w in words) or not _usable(noun):
        return False
    return not CountryTable.load().readings(text)


def trigger_token(sent: "Span", trigger: str | None) -> "Token | None":
    """The token of `sent` that carried an event, found by its text (the first occurrence;
    the root of a multi-word trigger)."""
    if not trigger:
        return None
    text = sent.text
    at = text.find(trigger)
    while at != -1:
        span = sent.char_span(at, at + len(trigger), alignment_mode="expand")
        if span is not None and len(span):
            return span.root
        at = text.find(trigger, at + 1)
    return None


class EventLocator:
    """Attaches places to events. Holds no per-story state; the place table is loaded on
    first use (about a second with GeoNames) and shared by every story."""

    def __init__(self, table: PlaceTable | None = None) -> None:
        self._table = table
        self._datelines: dict[tuple[str, tuple[str, ...]], Place | None] = {}

    @property
    def table(self) -> PlaceTable:
        if self._table is None:
            self._table = PlaceTable.load()
        return self._table

    def dateline_place(self, text: str | None, *, prefer: Sequence[str] = ()) -> Place | None:
        """The place a dateline names ("ASTANA", "WASHINGTON"), or None."""
        if not text:
            return None
        key = (text, tuple(prefer))
        if key not in self._datelines:
            if len(self._datelines) > 4096:
                self._datelines.clear()
            name = text.strip().strip(".,-–—").strip()
            self._datelines[key] = self.table.resolve(name, prefer=prefer) if name else None
        return self._datelines[key]

    def locate(self, sent: "Span", trigger: str | None, *, source: str | None = None,
               target: str | None = None, historical: bool = False,
               dateline: str | None = None) -> PlaceRef | None:
        """The place of one event of `sent`; the dateline's when the sentence gives none
        and the event is current."""
        tok = trigger_token(sent, trigger)
        if tok is not None:
            ref = find_event_place(tok, table=self.table, source=source, target=target)
            if ref is not None:
                return ref
        if historical or not dateline:
            return None
        prefer = tuple(c for c in (source, target) if c)
        place = self.dateline_place(dateline, prefer=prefer)
        return PlaceRef(dateline, place, "dateline") if place is not None else None

    def attach(self, event: "Event", sent: "Span", article: "Article") -> "Event":
        """`event` with its location fields set when a place is found (else unchanged).
        An anniversary's establishment event gets none: the text's place is the
        celebration's, and where relations began is not said."""
        if "anniversary" in event.extra.get("notes", ()):
            return event
        dateline = article.dateline.place if article.dateline is not None else None
        ref = self.locate(sent, event.trigger, source=event.source_country,
                          target=event.target_country, historical=event.historical,
                          dateline=dateline)
        if ref is None:
            return event
        p = ref.place
        extra = dict(event.extra)
        extra["location"] = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                             "kind": p.kind, "text": ref.text, "via": ref.via}
        return dataclasses.replace(event, location_name=p.name, location_country=p.country,
                                   lat=p.lat, lon=p.lon, extra=extra)
