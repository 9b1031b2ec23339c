"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no quoting.

bilat fills the columns it has and leaves the rest empty:

- GlobalEventID: the first 15 hex digits of bilat's event_id read as an integer
  (GDELT ids are integers; this one is stable across runs and fits in 64 bits).
- Day/MonthYear/Year/FractionDate: the first day of the period the event's date
  names ("2010" -> 20100101); empty for undated events.
- Actor1*/Actor2*: Code is the actor code (KAZGOV), Name the country's name in
  capitals when `names` knows it (else the words that named the actor),
  CountryCode the ISO3 code (an IGO's short name goes to KnownGroupCode),
  Type1Code the CAMEO sector (GOV, MIL ...). Ethnic and religion codes are empty.
- IsRootEvent: 1 for an event of the story's first sentence, else 0.
- EventCode/EventBaseCode/EventRootCode/QuadClass/GoldsteinScale: from CAMEO.
- NumMentions/NumSources/NumArticles: 1 (one mention in one story). bilat's
  `count` ("visited twice") has no GDELT column and is not exported here.
- AvgTone, Actor1Geo_* and Actor2Geo_*: empty (bilat scores no tone and places events,
  not actors).
- ActionGeo_*: from the event's location: Type 4 (a city or other point) when it has
  coordinates, 1 (a country) when it names only a country; FullName, Lat, Long. GDELT's
  CountryCode/ADM codes are FIPS codes, which bilat does not have: left empty.
- DATEADDED: when the story was coded (UTC, YYYYMMDDHHMMSS); SOURCEURL: its URL.

GDELT files have no header line; `header=True` writes the column names first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TextIO

from bilat.schemas import Event
from bilat.store.export.documents import events_with_documents
from bilat.store.periods import period_bounds
from bilat.store.records import DocumentRow, EventQuery
from bilat.store.store import Store

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

_N_ACTOR_GEO = 2 * 8
_ISO3 = re.compile(r"[A-Z]{3}")
_UNSAFE = re.compile(r"[\t\r\n]+")  # GDELT has no quoting: these would break the row

Names = Callable[[str], "str | None"]


def _clean(value: str | None) -> str:
    return "" if value is None else _UNSAFE.sub(" ", value).strip()


def _actor(code: str | None, country: str | None, text: str | None, names: Names | None) -> list[str]:
    name = names(country) if names is not None and country else None
    if name is None:
        name = text
    sector = code[len(country):] if code and country and code.startswith(country) else ""
    iso3 = country if country and _ISO3.fullmatch(country) else ""
    group = country if country and not iso3 else ""
    return [_clean(code), _clean(name).upper(), iso3, group, "", "", "", _clean(sector), "", ""]


def _day_fields(value: str | None) -> list[str]:
    bounds = period_bounds(value) if value else None
    if bounds is None:
        return ["", "", "", ""]
    d: date = bounds[0]
    days_in_year = 366 if date(d.year, 12, 31).timetuple().tm_yday == 366 else 365
    fraction = d.year + (d.timetuple().tm_yday - 1) / days_in_year
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{fraction:.4f}"]


def _action_geo(ev: Event) -> list[str]:
    name = _clean(ev.location_name)
    if not name:
        return [""] * 8
    located = ev.lat is not None and ev.lon is not None
    kind = "4" if located else ("1" if ev.location_country else "")
    lat = f"{ev.lat:.4f}" if located else ""
    lon = f"{ev.lon:.4f}" if located else ""
    return [kind, name, "", "", "", lat, lon, ""]


def global_event_id(event_id: str) -> str:
    """bilat's hex event id as GDELT's integer id (first 15 hex digits)."""
    try:
        return str(int(event_id[:15], 16))
    except ValueError:
        return ""


def gdelt_row(ev: Event, doc: DocumentRow | None = None, *, names: Names | None = None) -> list[str]:
    """One event as the 61 GDELT 2.0 fields (strings; empty where bilat has nothing)."""
    row = [global_event_id(ev.event_id), *_day_fields(ev.date)]
    row += _actor(ev.source_actor, ev.source_country, ev.source_text, names)
    row += _actor(ev.target_actor, ev.target_country, ev.target_text, names)
    row += [
        "1" if ev.sentence_index == 0 else "0", ev.cameo, ev.cameo[:3], ev.root,
        str(ev.quad_class), f"{ev.goldstein:.1f}", "1", "1", "1", "",
    ]
    row += [""] * _N_ACTOR_GEO
    row += _action_geo(ev)
    row += [
        doc.coded_at.strftime("%Y%m%d%H%M%S") if doc is not None else "",
        _clean(doc.url) if doc is not None else "",
    ]
    return row


def write_gdelt(store: Store, out: TextIO, *, query: EventQuery = EventQuery(),
                names: Names | None = None, header: bool = False) -> int:
    """Write the matching events as GDELT 2.0 rows to `out`; return how many."""
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for ev, doc in events_with_documents(store, query):
        out.write("\t".join(gdelt_row(ev, doc, names=names)) + "\n")
        n += 1
    return n
