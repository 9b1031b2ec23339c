"""Leaders with terms of office: resolve a person's name on a date to a country actor.

    >>> table = LeaderTable.load()
    >>> hit = table.lookup("President Nazarbayev", when=date(2007, 5, 1))
    >>> hit.country, hit.sector, hit.former
    ('KAZ', 'GOV', False)

The bundled table is ``data/actors/leaders.tsv`` (format: ``LEADERS.md``).
Names are matched case-, accent-, hyphen- and punctuation-insensitively;
every term of one person (one canonical ``name``) is reachable through any
spelling listed on any of that person's rows.

How `lookup` resolves a name on a date `when`:

* in office that day               -> that term, sector GOV
* out of office, after a past term -> the latest past term, sector ELI, former=True
* before the first term            -> the first term, sector ELI, former=False
* `when` is None                   -> the latest term, sector GOV

A name not written as in the table (no exact match on any spelling) gets one
looser try when it has at least two words: particles ("al", "bin", "de",
"van" ...) are dropped and each word is reduced to its consonants, a run of
vowels kept as one mark ("Hafiz al-Asad" ~ "Hafez al-Assad", "Zayid bin
Sultan Al Nuhayyan" ~ "Zayed bin Sultan Al Nahyan"). The words must then be a
subset or a superset of one of the person's spellings, end with the same word,
and share two words (six consonants) with it ("Omar Hassan Ahmad al-Bashir" ~
"Omar al-Bashir"). A name shorter than the spelling must share two words that
are not common given names ("Muhammad Ghani" is not "Mohammad Ashraf Ghani").
A bare surname, hyphenated or not, is never matched loosely. The gazetteer
matches the table's spellings exactly; the loose try serves names written
after a title that the gazetteer hands over as they are.

When a name fits several people (a shared surname such as "Bush" or
"Aliyev"): the one person in office on `when` wins; if several are in office
the name is ambiguous (None). If nobody is in office and all candidates
belong to the same country, the most recent former holder is returned (the
country and sector are right either way); otherwise None. With `when` None a
name that fits several people is ambiguous.

A person in office in several countries at once (the British monarch, who
is also Australia's and Canada's head of state) resolves to the country
whose row is not marked ``personal union`` in its note. Heads of
intergovernmental organisations (office IGO) carry the organisation's code
("UN", "NATO") as their country: "Guterres" is PRT in 2000 and UN in 2020.

The index is built once per table; a lookup is a few dict probes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bilat.actors.datacheck import OFFICES, LeaderRow, check_rows, read_leader_rows
from bilat.errors import BadParameter, InputNotFound, TableError

__all__ = ["LeaderTerm", "LeaderHit", "LeaderTable", "normalise_name", "DEFAULT_PATH"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors" / "leaders.tsv"

_OFFICE_RANK = {"HOS": 0, "HOG": 1, "FM": 2, "IGO": 3}

# Words that may stand before a name ("President Nazarbayev", "Secretary of
# State Blinken"); lookup drops them one by one when the whole string is unknown.
_TITLE_WORDS = frozenset("""
president presidents prime minister ministers premier chancellor vice deputy acting interim
caretaker former ex late elect king queen emperor empress emir amir sultan sheikh shaikh crown
prince princess his her majesty highness royal foreign external affairs secretary of state the
supreme leader ayatollah grand chairman chairwoman chair head chief executive general gen field
marshal mr mrs ms dr sir lord lady pm fm
""".split())

# Letters that NFKD does not split into a base letter and a mark.
_FOLD = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "þ": "th", "æ": "ae", "œ": "oe",
    "ß": "ss",
})
_FOLD_CASED = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ħ": "h",
    "Ħ": "H", "ı": "i", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ß": "ss",
})
# Words dropped before a loose match (articles and patronymic particles).
_PARTICLES = frozenset("""
al el ul ad as ash at az ar an bin ibn ben bint binti bte de da do dos das del della di du la le
van von der den ter jr sr mr mrs ms dr sir
""".split())
_VOWELS = frozenset("aeiouy")
_LOOSE_MIN_CONSONANTS = 6  # in the shared words: "Kim Jong" (k m j n g) is too little
_COMMON_NAME_PEOPLE = 6  # a word in this many people's names is a common given name
_APOSTROPHES = "'’‘ʼʻ`´"
_SEPARATORS = "-‐‑‒–—.,"
_PUNCT = str.maketrans({**{c: "" for c in _APOSTROPHES}, **{c: " " for c in _SEPARATORS}})
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The index key of a name: no case, accents, apostrophes; hyphens and dots as spaces.

    "Kassym-Jomart Tokayev" and "kassym jomart TOKAYEV" give the same key, as do
    "Băsescu"/"Basescu" and "Wałęsa"/"Walesa".
    """
    s = name.casefold().translate(_FOLD).translate(_PUNCT)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def _ascii_spelling(form: str) -> str:
    """`form` without accents, case and punctuation kept ("Băsescu" -> "Basescu")."""
    s = unicodedata.normalize("NFKD", form.translate(_FOLD_CASED))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def _skeleton(word: str) -> str:
    """Consonants with every run of vowels as "*", doubled letters collapsed:
    "assad" and "asad" give "*s*d", "hafez" and "hafiz" give "h*f*z"."""
    chars = ["*" if c in _VOWELS else c for c in word]
    return "".join(c for i, c in enumerate(chars) if i == 0 or c != chars[i - 1])


def _loose_words(key: str) -> tuple[str, ...]:
    """The skeletons of a normalised name's words, particles left out."""
    return tuple(sk for w in key.split(" ")
                 if w and w not in _PARTICLES and (sk := _skeleton(w)))


@dataclass(frozen=True, slots=True)
class LeaderTerm:
    """One term of one person in one office of one country."""

    country: str  # ISO 3166-1 alpha-3, or an organisation code (UN, NATO) for office IGO
    office: str  # HOS | HOG | FM | IGO
    title: str  # President, Prime Minister, King, Secretary of State ...
    name: str  # canonical spelling, with diacritics
    variants: tuple[str, ...]
    start: date
    end: date | None  # None: in office when the table was last updated
    note: str = ""

    def in_office(self, when: date) -> bool:
        """True if the term covers `when` (both ends inclusive)."""
        return self.start <= when and (self.end is None or when <= self.end)

    @property
    def personal_union(self) -> bool:
        """A row that repeats another country's head of state (note "personal union ...")."""
        return self.note.casefold().startswith("personal union")


@dataclass(frozen=True, slots=True)
class LeaderHit:
    """A name resolved on a date: the term, and the actor it denotes."""

    term: LeaderTerm
    country: str
    sector: str  # "GOV" in office (or no date given), "ELI" outside a term
    former: bool  # True when the date is after the term


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    terms: tuple[LeaderTerm, ...]  # sorted by start


def _pick_current(terms: list[LeaderTerm]) -> LeaderTerm:
    # a country's own row before a personal-union copy; then HOS > HOG > FM; then the newest
    return min(terms, key=lambda t: (t.personal_union, _OFFICE_RANK[t.office], -t.start.toordinal()))


def _resolve(person: _Person, when: date | None) -> tuple[str, LeaderTerm]:
    """("current" | "former" | "future" | "latest", term) for one person on `when`."""
    terms = person.terms
    if when is None:
        latest = max(t.start for t in terms)
        return "latest", _pick_current([t for t in terms if t.start == latest])
    current = [t for t in terms if t.in_office(when)]
    if current:
        return "current", _pick_current(current)
    past = [t for t in terms if t.end is not None and t.end < when]
    if past:
        last_end = max(t.end for t in past if t.end is not None)
        return "former", _pick_current([t for t in past if t.end == last_end])
    first = terms[0].start
    return "future", _pick_current([t for t in terms if t.start == first])


def _hit(kind: str, term: LeaderTerm) -> LeaderHit:
    if kind in ("current", "latest"):
        return LeaderHit(term, term.country, "GOV", False)
    return LeaderHit(term, term.country, "ELI", kind == "former")


class LeaderTable:
    """The leaders table, indexed by normalised name. Build with `load`."""

    def __init__(self, terms: Iterable[LeaderTerm]) -> None:
        self._terms: tuple[LeaderTerm, ...] = tuple(
            sorted(terms, key=lambda t: (t.country, _OFFICE_RANK.get(t.office, 9), t.start)))
        by_person: dict[str, list[LeaderTerm]] = {}
        for t in self._terms:
            by_person.setdefault(normalise_name(t.name), []).append(t)
        index: dict[str, list[_Person]] = {}
        forms: dict[str, None] = {}
        # loose index: last word's skeleton -> {(person, skeletons of a 2+ word spelling)}
        loose: dict[str, dict[tuple[str, frozenset[str]], _Person]] = {}
        for terms_of in by_person.values():
            person = _Person(terms_of[0].name,
                             tuple(sorted(terms_of, key=lambda t: (t.start, t.office))))
            keys: dict[str, None] = {}
            for t in terms_of:
                for form in (t.name, *t.variants):
                    forms[form] = None
                    forms[_ascii_spelling(form)] = None
                    key = normalise_name(form)
                    if key:
                        keys[key] = None
                    words = _loose_words(key)
                    if len(form.split()) >= 2 and len(set(words)) >= 2:  # never a bare surname
                        loose.setdefault(words[-1], {})[(person.name, frozenset(words))] = person
            for key in keys:
                index.setdefault(key, []).append(person)
        self._index: dict[str, tuple[_Person, ...]] = {k: tuple(v) for k, v in index.items()}
        self._loose: dict[str, tuple[tuple[frozenset[str], _Person], ...]] = {
            last: tuple((spelled, p) for (_, spelled), p in entries.items())
            for last, entries in loose.items()}
        # words in many people's names ("Mohammed", "Jean"): they do not make a short name fit
        counts = Counter(w for terms_of in by_person.values()
                         for w in set(_loose_words(normalise_name(terms_of[0].name))))
        self._common_words = frozenset(w for w, n in counts.items() if n >= _COMMON_NAME_PEOPLE)
        self._forms: tuple[str, ...] = tuple(sorted(forms))
        by_country: dict[str, list[LeaderTerm]] = {}
        for t in self._terms:
            by_country.setdefault(t.country, []).append(t)
        self._by_country = {c: tuple(ts) for c, ts in by_country.items()}

    @classmethod
    def load(cls, path: Path | str | None = None) -> LeaderTable:
        """The table at `path` (default: the bundled one), parsed once and cached.

        Raises TableError listing every bad row (path:line) and InputNotFound
        when the file does not exist. A file edited since its last load is re-read.
        """
        p = Path(path) if path is not None else DEFAULT_PATH
        try:
            st = p.stat()
        except FileNotFoundError as e:
            raise InputNotFound(f"leaders table {p} does not exist: pass the path of a "
                                "leaders TSV file") from e
        return _load_cached(str(p.resolve()), st.st_mtime_ns, st.st_size)

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def terms(self) -> tuple[LeaderTerm, ...]:
        """Every term, by country, office (HOS, HOG, FM, IGO) and start."""
        return self._terms

    def surface_forms(self) -> list[str]:
        """Every name and variant, plus its accent-free spelling; sorted, no repeats."""
        return list(self._forms)

    def lookup(self, name: str, *, when: date | None) -> LeaderHit | None:
        """Resolve a person's name on date `when` (see the module docstring); None if unknown."""
        if isinstance(when, datetime):
            when = when.date()
        key = ""
        for key in _candidate_keys(name):
            persons = self._index.get(key)
            if persons:
                return _choose(persons, when)
        persons = self._loose_persons(key)
        return _choose(persons, when) if persons else None

    def _loose_persons(self, key: str) -> tuple[_Person, ...]:
        """People one of whose 2+ word spellings fits `key` loosely (module docstring)."""
        words = _loose_words(key)
        if len(set(words)) < 2:
            return ()
        written = frozenset(words)
        found: dict[str, _Person] = {}
        for spelled, person in self._loose.get(words[-1], ()):
            shared = written & spelled
            consonants = sum(len(w) - w.count("*") for w in shared)
            if len(shared) < 2 or consonants < _LOOSE_MIN_CONSONANTS:
                continue
            if spelled <= written or (written < spelled
                                      and len(shared - self._common_words) >= 2):
                found.setdefault(person.name, person)
        return tuple(found.values())

    def terms_for(self, country: str) -> list[LeaderTerm]:
        """All terms of a country (ISO3) or organisation (UN), by office and start."""
        return list(self._by_country.get(country.upper(), ()))

    def holder(self, country: str, office: str, when: date) -> list[LeaderTerm]:
        """Who held `office` (HOS, HOG, FM, IGO) of `country` on `when`, acting holders too."""
        if office not in OFFICES:
            raise BadParameter(f"unknown office {office!r}: use one of "
                               f"{', '.join(sorted(OFFICES))}")
        return [t for t in self._by_country.get(country.upper(), ())
                if t.office == office and t.in_office(when)]


def _candidate_keys(name: str) -> Iterable[str]:
    """The whole name, then without a possessive, then without leading title words."""
    key = normalise_name(name)
    if not key:
        return
    yield key
    stripped = _POSSESSIVE.sub("", name.strip())
    if stripped != name.strip():
        key = normalise_name(stripped)
        yield key
    words = key.split(" ")
    i = 0
    while i < len(words) - 1 and words[i] in _TITLE_WORDS:
        i += 1
        yield " ".join(words[i:])


def _choose(persons: tuple[_Person, ...], when: date | None) -> LeaderHit | None:
    if len(persons) == 1:
        return _hit(*_resolve(persons[0], when))
    if when is None:
        return None
    resolved = [_resolve(p, when) for p in persons]
    current = [r for r in resolved if r[0] == "current"]
    if current:
        return _hit(*current[0]) if len(current) == 1 else None
    if len({term.country for _, term in resolved}) != 1:
        return None
    former = [r for r in resolved if r[0] == "former"]
    if former:
        return _hit(*max(former, key=lambda r: r[1].end or date.max))
    return _hit(*min(resolved, key=lambda r: r[1].start))


def _term_from_row(row: LeaderRow) -> LeaderTerm:
    return LeaderTerm(country=row.country, office=row.office, title=row.title, name=row.name,
                      variants=row.variants, start=row.start, end=row.end, note=row.note)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> LeaderTable:
    rows, problems = read_leader_rows(path)
    problems = [p for p in [*problems, *check_rows(rows, path=path)] if p.severity == "error"]
    if problems:
        problems.sort(key=lambda p: p.line)
        listing = "; ".join(f"{p.path}:{p.line}: {p.message}" for p in problems)
        raise TableError(f"leaders table {path} has {len(problems)} bad row(s): {listing} "
                         f"-- fix them (run `bilat data check {path}` to list them again)")
    return LeaderTable(_term_from_row(r) for r in rows)
