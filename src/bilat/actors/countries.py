"""The country and IGO table: codes, names, aliases, demonyms, capitals by date.

    table = CountryTable.load()                  # cached
    table.by_code("KAZ").name                    # "Kazakhstan"
    table.resolve_name("the Republic of Kazakhstan")            # -> Country KAZ
    table.resolve_name("Almaty", when=date(2010, 1, 1))         # -> None (no longer the capital)

Data: ``data/actors/countries.tsv`` (UN members, observers, Taiwan, Kosovo) and
``data/actors/igos.tsv`` (intergovernmental organisations, coded by a short
name such as "UN" or "EU"). Both are checked when they load; a bad row raises
TableError naming file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from bilat.actors import forms
from bilat.actors._tables import SECTORS, Problems, Row, data_dir, read_tsv, split_list
from bilat.errors import UnknownCountry

COUNTRY_COLUMNS = ("iso3", "name", "official", "aliases", "demonyms", "capitals", "institutions",
                   "status")
IGO_COLUMNS = ("code", "name", "aliases", "institutions")
STATUSES = ("member", "observer", "other")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_IGO_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_CAPITAL = re.compile(r"^(?P<name>[^@]+?)(?:@(?P<start>\d{4}-\d{2}-\d{2})?\.\.(?P<end>\d{4}-\d{2}-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` (inclusive) to `end` (exclusive); None is open."""

    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Capital:
    """A name of a seat of government, with the periods it held that role
    (no periods: always)."""

    name: str
    periods: tuple[Period, ...] = ()

    def is_capital_on(self, day: date) -> bool:
        """True if the place was the capital on `day`."""
        return not self.periods or any(p.covers(day) for p in self.periods)

    def stands_for_government(self, day: date | None) -> bool:
        """True if the name is a metonym for the government on `day` (None: today):
        it was the capital then, or it is the capital now, so that a current name
        read back still counts ("Astana" in 2020, when the city was Nur-Sultan),
        while a former capital is just a city ("Almaty" in 2010)."""
        today = date.today()
        return self.is_capital_on(today) or (day is not None and self.is_capital_on(day))


@dataclass(frozen=True, slots=True)
class Country:
    """A state or an IGO. `code` is ISO 3166-1 alpha-3 for states and a short
    name ("UN", "EU") for IGOs; `status` is member/observer/other, or "igo"."""

    code: str
    name: str
    official: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[Capital, ...] = ()
    institutions: tuple[tuple[str, str], ...] = ()  # (name, CAMEO sector)
    status: str = "member"
    second_readings: tuple[str, ...] = ()  # forms another row owns ("~Congo")

    @property
    def is_igo(self) -> bool:
        return self.status == "igo"


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One writing of a name and what it means, for the gazetteer's matcher.

    kind: "country" (name, official name or alias of a state), "igo" (name or
    alias of an IGO), "demonym", "capital" or "institution".
    """

    text: str
    code: str
    kind: str
    sector: str | None = None  # institutions only
    capital: Capital | None = None  # capitals only


@dataclass(frozen=True, slots=True)
class _Reading:
    country: Country
    kind: str
    capital: Capital | None


class CountryTable:
    """States and IGOs, looked up by code or by any of their names."""

    def __init__(self, countries: list[Country], igos: list[Country], *, where: dict[str, str],
                 source: Path) -> None:
        self._countries = countries
        self._igos = igos
        self._by_code = {c.code: c for c in [*countries, *igos]}
        self._forms: list[SurfaceForm] = []
        self._readings: dict[str, list[_Reading]] = {}
        self._index(where, source)

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, *, directory: Path | None = None) -> CountryTable:
        """The table from `directory` (default: the bundled data), cached."""
        return _load(directory or data_dir())

    def _index(self, where: dict[str, str], source: Path) -> None:
        """Build the name index; a form owned by two rows is a TableError."""
        problems = Problems(source)
        owner: dict[str, str] = {}
        second: list[tuple[str, Country]] = []
        for country in [*self._countries, *self._igos]:
            for text, kind, sector, capital in _forms_of(country):
                writings = forms.variants(text)
                clash = next((owner[k] for k in map(forms.normalize, writings)
                              if owner.get(k, country.code) != country.code), None)
                if clash is not None:
                    problems.add(where[country.code],
                                 f"{text!r} also names {clash} at {where[clash]} (keep one, or "
                                 "mark the second reading with a leading ~)")
                    continue
                for variant in writings:
                    key = forms.normalize(variant)
                    if key not in owner:
                        owner[key] = country.code
                        self._readings[key] = [_Reading(country, kind, capital)]
                    self._forms.append(SurfaceForm(variant, country.code, kind, sector, capital))
            second.extend((text, country) for text in country.second_readings)
        for text, country in second:
            key = forms.normalize(text)
            if key not in owner or owner[key] == country.code:
                problems.add(where[country.code],
                             f"~{text} is marked as a second reading but no other row owns {text!r}")
                continue
            first = self._readings[key][0]
            self._readings[key].append(_Reading(country, first.kind, None))
        problems.raise_if_any()

    # -- queries -------------------------------------------------------------------------------

    def all(self) -> list[Country]:
        """Every state (not the IGOs), in table order."""
        return list(self._countries)

    def igos(self) -> list[Country]:
        """Every IGO, in table order."""
        return list(self._igos)

    def is_known(self, code: str) -> bool:
        """True for an ISO3 code of the table or an IGO code."""
        return code.upper() in self._by_code

    def by_code(self, code: str) -> Country:
        """The state or IGO with this code (any case); UnknownCountry otherwise."""
        try:
            return self._by_code[code.upper()]
        except KeyError:
            raise UnknownCountry(
                f"unknown country code {code!r}: use an ISO 3166-1 alpha-3 code such as KAZ "
                "or an IGO code such as UN (see `bilat countries`)"
            ) from None

    def name(self, code: str) -> str:
        """Short English name of a code ("KAZ" -> "Kazakhstan")."""
        return self.by_code(code).name

    def resolve_name(self, text: str, *, when: date | None = None) -> Country | None:
        """The state or IGO that `text` names, or None.

        Knows codes, names, official names, aliases, demonyms, institutions
        and capitals; a capital counts only if it stood for the government on
        `when` (None: today; see `Capital.stands_for_government`). An
        ambiguous form gives its first reading ("Congolese" -> COD);
        `readings` lists them all.
        """
        code = text.strip().upper()
        if code in self._by_code:
            return self._by_code[code]
        for reading in self._readings.get(forms.normalize(text), ()):
            if reading.capital is None or reading.capital.stands_for_government(when):
                return reading.country
        return None

    def readings(self, text: str) -> list[Country]:
        """Every state or IGO a form may name, the preferred reading first."""
        return [r.country for r in self._readings.get(forms.normalize(text), ())]

    def surface_forms(self) -> list[SurfaceForm]:
        """Every writing of every name, with spelling variants, for matching.
        Second readings are left out: a form is matched as its first reading."""
        return list(self._forms)


def _forms_of(country: Country):
    """(text, kind, sector, capital) for each name of a row, most specific kind first."""
    name_kind = "igo" if country.is_igo else "country"
    for text in dict.fromkeys((country.name, country.official, *country.aliases)):
        yield text, name_kind, None, None
    for text in country.demonyms:
        yield text, "demonym", None, None
    for capital in country.capitals:
        yield capital.name, "capital", None, capital
    for text, sector in country.institutions:
        yield text, "institution", sector, None


@cache
def _load(directory: Path) -> CountryTable:
    where: dict[str, str] = {}
    countries = _read_countries(directory / "countries.tsv", where)
    igos = _read_igos(directory / "igos.tsv", where, {c.code for c in countries})
    return CountryTable(countries, igos, where=where, source=directory)


def _read_countries(path: Path, where: dict[str, str]) -> list[Country]:
    problems = Problems(path)
    out: list[Country] = []
    for row in read_tsv(path, COUNTRY_COLUMNS):
        cells = row.cells
        code = cells["iso3"]
        if not _ISO3.match(code):
            problems.add(row.where(), f"iso3 {code!r} is not three capital letters")
            continue
        if code in where:
            problems.add(row.where(), f"iso3 {code} already used at {where[code]}")
            continue
        if cells["status"] not in STATUSES:
            problems.add(row.where(), f"status {cells['status']!r} is not one of {', '.join(STATUSES)}")
            continue
        country = _build(row, problems, code=code, status=cells["status"],
                         official=cells["official"], demonyms=split_list(cells["demonyms"]),
                         capitals=_capitals(row, problems))
        if country is not None:
            where[code] = row.where()
            out.append(country)
    problems.raise_if_any()
    return out


def _read_igos(path: Path, where: dict[str, str], iso3: set[str]) -> list[Country]:
    problems = Problems(path)
    out: list[Country] = []
    for row in read_tsv(path, IGO_COLUMNS):
        code = row.cells["code"]
        if not _IGO_CODE.match(code):
            problems.add(row.where(), f"code {code!r} is not 2-10 capital letters or digits")
            continue
        if code in iso3 or code in where:
            problems.add(row.where(), f"code {code} is already used by a country or IGO")
            continue
        country = _build(row, problems, code=code, status="igo", official=row.cells["name"],
                         demonyms=[], capitals=())
        if country is not None:
            where[code] = row.where()
            out.append(country)
    problems.raise_if_any()
    return out


def _build(row: Row, problems: Problems, *, code: str, status: str, official: str,
           demonyms: list[str], capitals: tuple[Capital, ...]) -> Country | None:
    cells = row.cells
    if not cells["name"] or not official:
        problems.add(row.where(), "name and official name must not be empty")
        return None
    aliases, second = _split_second(split_list(cells["aliases"]))
    demonyms, second_demonyms = _split_second(demonyms)
    institutions = []
    for item in split_list(cells["institutions"]):
        name, _, sector = item.rpartition("=")
        if not name or sector not in SECTORS:
            problems.add(row.where(), f"institution {item!r} is not Name=SECTOR with a CAMEO sector")
            continue
        institutions.append((forms.strip_article(name), sector))
    return Country(
        code=code,
        name=cells["name"],
        official=forms.strip_article(official),
        aliases=tuple(forms.strip_article(a) for a in aliases),
        demonyms=tuple(demonyms),
        capitals=capitals,
        institutions=tuple(institutions),
        status=status,
        second_readings=tuple(second + second_demonyms),
    )


def _split_second(items: list[str]) -> tuple[list[str], list[str]]:
    """Split plain forms from ~second readings."""
    plain = [i for i in items if not i.startswith("~")]
    second = [i[1:].strip() for i in items if i.startswith("~")]
    return plain, second


def _capitals(row: Row, problems: Problems) -> tuple[Capital, ...]:
    """Parse `Name|Name@YYYY-MM-DD..YYYY-MM-DD|...`, merging repeated names."""
    periods: dict[str, list[Period]] = {}
    undated: set[str] = set()
    for item in split_list(row.cells["capitals"]):
        m = _CAPITAL.match(item)
        if not m:
            problems.add(row.where(), f"capital {item!r} is not Name or Name@YYYY-MM-DD..YYYY-MM-DD")
            continue
        name = forms.strip_article(m["name"].strip())
        try:
            start = date.fromisoformat(m["start"]) if m["start"] else None
            end = date.fromisoformat(m["end"]) if m["end"] else None
        except ValueError:
            problems.add(row.where(), f"capital {item!r} has an impossible date")
            continue
        if start and end and start >= end:
            problems.add(row.where(), f"capital {item!r} ends before it starts")
            continue
        spans = periods.setdefault(name, [])
        if "@" in item:
            spans.append(Period(start, end))
        else:
            undated.add(name)
        if name in undated and spans:
            problems.add(row.where(), f"capital {name!r} is listed both with and without dates")
    return tuple(Capital(name, tuple(p)) for name, p in periods.items())
