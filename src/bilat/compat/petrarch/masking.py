"""Stand-in names for actor phrases, so the parser sees words it knows.

The dictionaries' actors are often names the English model has never seen
("Caras Galadhon", "Osgiliath", "the Shire"); parsed as they are they break
coordination and subjects ("Fornost and the evil awful Gondor welcomed ..."
comes out with "awful" as the subject). Each actor phrase found by the
dictionary is replaced by one well-known country name before parsing; the
mention keeps its own code and text, so nothing of the actor is lost. Agents
are ordinary nouns and stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from bilat.compat.petrarch.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MaskedText", "mask_actors", "STAND_INS"]

#: Single-token country names the parser reliably reads as proper nouns.
STAND_INS = ("France", "Germany", "Japan", "Brazil", "Canada", "Egypt", "Kenya", "Chile",
             "Spain", "Norway", "Peru", "Italy")
#: Stand-ins for one-word mentions shaped like a nationality adjective ("Valdorian").
ADJECTIVE_STAND_INS = ("French", "German", "Japanese", "Brazilian", "Canadian", "Egyptian")
ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ani", "eli", "aqi", "udi", "ori")


def _adjectival(text: str) -> bool:
    w = text.lower()
    return " " not in text and len(w) > 4 and w.isalpha() and w.endswith(ADJECTIVE_ENDINGS)


@dataclass(frozen=True, slots=True)
class MaskedText:
    """An unparsed Doc with one stand-in token per actor mention, and the mentions
    re-indexed to it (each covering its one token)."""

    doc: "Doc"
    actors: tuple[Mention, ...]
    originals: tuple[str, ...]  # the text each token stands for, with its trailing blank

    @property
    def text(self) -> str:
        return "".join(self.originals).strip()

    def original(self, span) -> str:
        """The original text of a span of the masked Doc."""
        return "".join(self.originals[span.start:span.end]).strip()


def mask_actors(tokens: "Doc", mentions: Sequence[Mention]) -> MaskedText:
    """Replace each actor mention of `tokens` (a tokenized Doc) by one stand-in word."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    originals: list[str] = []
    out: list[Mention] = []
    by_start = {m.start: m for m in mentions}
    i, n = 0, len(tokens)
    k = 0
    while i < n:
        m = by_start.get(i)
        if m is not None and m.end > m.start:
            j = len(words)
            original = tokens[m.start:m.end].text
            pool = ADJECTIVE_STAND_INS if _adjectival(original) else STAND_INS
            words.append(pool[k % len(pool)])
            spaces.append(bool(tokens[m.end - 1].whitespace_))
            originals.append(tokens[m.start:m.end].text + tokens[m.end - 1].whitespace_)
            out.append(replace(m, start=j, end=j + 1))
            k += 1
            i = m.end
            continue
        words.append(tokens[i].text)
        spaces.append(bool(tokens[i].whitespace_))
        originals.append(tokens[i].text_with_ws)
        i += 1
    return MaskedText(Doc(tokens.vocab, words=words, spaces=spaces), tuple(out),
                      tuple(originals))
