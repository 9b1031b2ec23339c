"""Named things of a relationship: capitalised names with a word that says what they are.

    "the joint Work Programme"                      -> agreement   "joint Work Programme"
    "the Intergovernmental Commission for Fisheries and Economic, Cultural and Technical
     Cooperation"                                   -> mechanism   (the whole name)
    "the Amber Sea International Transit Route"     -> transport
    "the Norvik-Ostra railway"                      -> transport   (a lowercase head word)
    "the Sylvanian-Freedonian business council"     -> mechanism

A name is a run of capitalised words (with hyphens, and "for", "of", "of the", "on", "and",
commas between capitalised words; "in" ends a name, since "X Centre in Almaty" is a place),
optionally opened by "joint", "bilateral" or a similar word and
closed by a lowercase head word of up to three words ("business council"). Its kind comes from
the head word of its first part, the part before "for"/"of"/"on": the last keyword there
("Work Programme" -> programme; "Intergovernmental Commission" -> commission). A name needs two words
or more; a lowercase head must be singular ("Romanian cultural societies" is no name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from bilat.schemas import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

KEYWORDS: dict[str, FactKind] = {
    **dict.fromkeys(("commission", "subcommission", "sub-commission", "committee", "council",
                     "forum", "group", "dialogue", "mechanism", "board", "taskforce", "force",
                     "consultations", "format"), FactKind.MECHANISM),
    **dict.fromkeys(("agreement", "treaty", "plan", "programme", "program", "memorandum",
                     "protocol", "roadmap", "declaration", "convention", "accord", "strategy",
                     "charter", "pact", "partnership"), FactKind.AGREEMENT),
    **dict.fromkeys(("route", "corridor", "railway", "railroad", "highway", "pipeline", "bridge",
                     "motorway", "road", "link", "line", "airline", "airlines", "seaport",
                     "ferry"), FactKind.TRANSPORT),
    **dict.fromkeys(("society", "association", "centre", "center", "foundation", "institute",
                     "chamber", "club", "fund", "school", "university", "house", "ensemble",
                     "theatre", "theater", "library", "museum", "academy", "union"),
                    FactKind.ORGANIZATION),
}
OPENERS = frozenset({"joint", "bilateral", "intergovernmental", "interparliamentary",
                     "trilateral", "multilateral", "comprehensive", "strategic"})
CONNECTORS = frozenset({"for", "of", "on", "and", "between", "&"})
SPLITTERS = frozenset({"for", "of", "on", "between"})
_STOP_POS = frozenset({"DET", "PRON", "AUX", "SCONJ", "PART", "NUM", "PUNCT", "SYM"})
MAX_TAIL = 3


@dataclass(frozen=True, slots=True)
class NamedThing:
    """A name found in a sentence (token bounds in the Doc) and the kind its head word gives."""

    start: int
    end: int
    text: str
    kind: FactKind
    head: str  # the keyword, lower case


def _cap(tok: "Token") -> bool:
    return tok.text[:1].isupper() and tok.pos_ not in _STOP_POS and not tok.is_punct


def _kind_of(words: Sequence["Token"]) -> tuple[FactKind, str] | None:
    first: list["Token"] = []
    for t in words:
        if t.lower_ in SPLITTERS:
            break
        first.append(t)
    for t in reversed(first):
        w = t.lower_
        kind = KEYWORDS.get(w) or KEYWORDS.get(t.lemma_.lower())
        if kind is not None:
            return kind, w
    return None


def named_things(sent: "Span") -> list[NamedThing]:
    """Every name of a mechanism, agreement, route or organisation in `sent`."""
    toks = list(sent)
    out: list[NamedThing] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        opener = t.lower_ in OPENERS and i + 1 < n and _cap(toks[i + 1])
        if not (_cap(t) or opener) or (i == 0 and t.pos_ not in ("PROPN",) and not opener):
            i += 1
            continue
        j = i + 1 if opener else i
        caps = 0
        end = j
        while j < n:
            w = toks[j]
            if _cap(w):
                caps += 1
                end = j + 1
                j += 1
            elif w.text in ("-", "–") and end == j and j + 1 < n and _cap(toks[j + 1]):
                j += 1
            elif (w.lower_ in CONNECTORS or w.text == ",") and end == j:
                k = j + 1
                while k < n and (toks[k].lower_ in CONNECTORS or toks[k].text == ","
                                 or (toks[k].lower_ == "the" and toks[k - 1].lower_ == "of")):
                    k += 1
                if k < n and _cap(toks[k]) and w.text != "," or (
                        w.text == "," and k < n and _cap(toks[k]) and _has_and_ahead(toks, k)):
                    j = k
                else:
                    break
            else:
                break
        # a lowercase head word: "Norvik-Ostra railway", "Sylvanian-Freedonian business council"
        tail_end = end
        for k in range(end, min(end + MAX_TAIL, n)):
            w = toks[k]
            if w.is_punct or not w.is_alpha or w.text[:1].isupper():
                break
            if (KEYWORDS.get(w.lower_) or KEYWORDS.get(w.lemma_.lower())) and w.tag_ not in (
                    "NNS", "NNPS"):
                tail_end = k + 1
                break
            if w.pos_ not in ("NOUN", "ADJ", "PROPN"):
                break
        words = toks[i:tail_end]
        found = _kind_of(words)
        if found is not None and caps + (tail_end - end) + (1 if opener else 0) >= 2:
            doc = t.doc
            out.append(NamedThing(t.i, toks[tail_end - 1].i + 1,
                                  doc[t.i: toks[tail_end - 1].i + 1].text, found[0], found[1]))
            i = tail_end
        else:
            i = max(end, i + 1)
    return out


def _has_and_ahead(toks: Sequence["Token"], k: int) -> bool:
    """A comma inside a name is followed, within the name, by "and" ("Trade and Economic,
    Scientific and Technical Cooperation")."""
    for w in toks[k: k + 6]:
        if w.lower_ == "and":
            return True
        if not (_cap(w) or w.text == "-"):
            return False
    return False
