"""Dictionary phrases and finding them in a tokenized sentence.

A PETRARCH phrase is words joined by ``_`` (the next word must follow at once)
or by a blank (a few words of the same noun phrase may come between, e.g. the
actor ``ITHILEN TELEVISION`` in "Ithilen state-run television"). Matching is
on whole words, case-insensitive; a trailing ``_`` (TABARI's "no stemming") is
the default and is dropped.

`PhraseIndex` holds phrases by first word; `find_all` walks a sentence left to
right and keeps, at each start, the longest phrase (then the one with fewer
gaps, then the one listed first), never overlapping an earlier match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Sequence, TypeVar

from bilat.compat.petrarch._source import split_words

__all__ = ["Phrase", "parse_phrase", "PhraseIndex", "Match", "GAP_TAGS", "MAX_GAP"]

T = TypeVar("T")

#: Part-of-speech tags a blank in a phrase may step over (noun-phrase modifiers).
GAP_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "CD", "VBN", "VBG"})
#: Without tags (before parsing), a blank steps over words that are not these.
CLOSED_WORDS = frozenset({"A", "AN", "THE", "AND", "OR", "NOR", "BUT", "OF", "IN", "ON", "AT",
                          "BY", "FOR", "WITH", "FROM", "TO", "INTO", "'S", "'", "IS", "ARE",
                          "WAS", "WERE", "BE", "BEEN", "HAS", "HAVE", "HAD", "WILL", "WOULD",
                          "THAT", "WHICH", "WHO", "IT", "ITS", "THEIR", "HIS", "HER", "NOT"})
MAX_GAP = 3  # tokens one blank may step over


def _gap_ok(word: str, tag: str | None) -> bool:
    if tag is not None:
        return tag in GAP_TAGS
    return word == "-" or (word[:1].isalnum() and word not in CLOSED_WORDS)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Upper-case words; `tight[i]` says word i+1 must follow word i directly."""

    words: tuple[str, ...]
    tight: tuple[bool, ...]

    @property
    def text(self) -> str:
        out = self.words[0] if self.words else ""
        for w, t in zip(self.words[1:], self.tight):
            out += ("_" if t else " ") + w
        return out


def parse_phrase(text: str) -> Phrase:
    """"ITHILEN TELEVISION" / "HUMAN_RIGHTS_ACTIVIST" / "BARAD-DUR" -> Phrase."""
    words: list[str] = []
    tight: list[bool] = []
    for chunk in text.split():
        first_of_chunk = True
        for part in (w for w in chunk.split("_") if w):
            for piece in split_words(part):
                if words:
                    tight.append(not first_of_chunk)
                words.append(piece)
                first_of_chunk = False
    return Phrase(tuple(words), tuple(tight))


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found at tokens [start, end) with `gaps` skipped tokens."""

    start: int
    end: int
    gaps: int
    payload: T
    size: int  # number of phrase words


class PhraseIndex(Generic[T]):
    """Phrases with payloads, indexed by first word."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[Phrase, T, int]]] = {}
        self._n = 0

    def add(self, phrase: Phrase, payload: T) -> None:
        if not phrase.words:
            return
        self._by_first.setdefault(phrase.words[0], []).append((phrase, payload, self._n))
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def _match_at(self, phrase: Phrase, words: Sequence[str], tags: Sequence[str] | None,
                  i: int) -> tuple[int, int] | None:
        """End (exclusive) and gap count of `phrase` starting at token i, or None."""
        j, gaps = i + 1, 0
        n = len(words)
        for w, tight in zip(phrase.words[1:], phrase.tight):
            if j < n and words[j] == w:
                j += 1
                continue
            if tight:
                return None
            k = j
            while k < n and k - j < MAX_GAP and words[k] != w and \
                    _gap_ok(words[k], tags[k] if tags is not None else None):
                k += 1
            if k < n and words[k] == w and k > j:
                gaps += k - j
                j = k + 1
                continue
            return None
        return j, gaps

    def find_all(self, words: Sequence[str], tags: Sequence[str] | None = None) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right. `words` are upper-case; `tags`
        (part-of-speech) decide what a blank may step over, else a word list does."""
        out: list[Match[T]] = []
        i, n = 0, len(words)
        while i < n:
            best: tuple[int, int, int, int, Phrase, T] | None = None
            for phrase, payload, order in self._by_first.get(words[i], ()):
                hit = self._match_at(phrase, words, tags, i)
                if hit is None:
                    continue
                end, gaps = hit
                key = (len(phrase.words), -gaps, -order)
                if best is None or key > best[:3]:
                    best = (len(phrase.words), -gaps, -order, end, phrase, payload)
            if best is None:
                i += 1
                continue
            size, neg_gaps, _, end, _, payload = best
            out.append(Match(i, end, -neg_gaps, payload, size))
            i = end
        return out

    def phrases(self) -> Iterable[tuple[Phrase, T]]:
        for items in self._by_first.values():
            for phrase, payload, _ in items:
                yield phrase, payload


def concat_parts(parts: Iterable[object]) -> tuple[list, list[str], list[str]]:
    """Entries, origins and notes of several loaded dictionary files, in file order
    (what every dictionary's `merge` starts from)."""
    entries: list = []
    origins: list[str] = []
    notes: list[str] = []
    for p in parts:
        entries.extend(p.entries)  # type: ignore[attr-defined]
        origins.extend(p.origins)  # type: ignore[attr-defined]
        notes.extend(p.notes)  # type: ignore[attr-defined]
    return entries, origins, notes
