"""PLOVER JSON records, one per line (JSON Lines, as the PLOVER specification suggests).

A record uses PLOVER's field names where bilat has the information:

    {"id": "...", "date": "2010-01-01", "source": [{"code": "ROU", "sector": "GOV",
     "actor_text": "President of Romania"}], "recipient": [{"code": "KAZ", ...}],
     "event": ["CONSULT"], "event_loc": {"name": "Astana", "cc3": "KAZ", "latitude": 51.17,
     "longitude": 71.45}, "event_text": ["visited"], "event_scale": 1.9,
     "text": "...", "text_info": {"sequence": 4},
     "cite_info": {"citation": "<doc_id>", "url": ..., "title": ..., "publication": ...,
                   "coder": "bilat 0.1.0", "codebook": "CAMEO 1.1b3 (bilat)"},
     "coded_date": "2024-03-12", "coded_time": "10:15:00",
     "date_precision": "year", "count": 2, "historical": true,
     "cameo": {"code": "042", "root": "04", "quad_class": 1, "goldstein": 1.9}}

`date` is required by PLOVER and must be YYYY-MM-DD: an event dated to a month
or a year gets the first day of that period, and `date_precision` (a field
bilat adds) says so. Events PLOVER has no category for (CAMEO 01 statements)
and undated events are skipped and counted. `event_scale` carries the
Goldstein value; `event_loc` uses GeoNames' field names (plus PLOVER's `cc3`) for the
event's location; `quad_code` is left out because PLOVER groups its categories
into quads differently from CAMEO (bilat's CAMEO quad class is under `cameo`).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from bilat.about import __version__
from bilat.schemas import Event
from bilat.store.export.documents import events_with_documents
from bilat.store.periods import period_bounds
from bilat.store.records import DocumentRow, EventQuery
from bilat.store.store import Store

CODEBOOK = "CAMEO 1.1b3 (bilat)"


def _actors(code: str | None, country: str | None, text: str | None) -> list[dict[str, Any]]:
    if country is None and code is None:
        return []
    actor: dict[str, Any] = {"code": country if country is not None else code}
    if code and country and code.startswith(country) and len(code) > len(country):
        actor["sector"] = code[len(country):]
    if text:
        actor["actor_text"] = text
    return [actor]


def plover_record(ev: Event, doc: DocumentRow | None = None) -> dict[str, Any] | None:
    """The event as a PLOVER record, or None if PLOVER cannot hold it (no category or no date)."""
    bounds = period_bounds(ev.date) if ev.date else None
    if ev.plover is None or bounds is None:
        return None
    record: dict[str, Any] = {
        "id": ev.event_id,
        "date": bounds[0].isoformat(),
        "source": _actors(ev.source_actor, ev.source_country, ev.source_text),
        "recipient": _actors(ev.target_actor, ev.target_country, ev.target_text),
        "event": [ev.plover],
    }
    if ev.location_name:
        loc: dict[str, Any] = {"name": ev.location_name}
        if ev.location_country:
            loc["cc3"] = ev.location_country
        if ev.lat is not None and ev.lon is not None:
            loc["latitude"], loc["longitude"] = ev.lat, ev.lon
        record["event_loc"] = loc
    if ev.trigger:
        record["event_text"] = [ev.trigger]
    record["event_scale"] = ev.goldstein
    record["text"] = ev.sentence
    record["text_info"] = {"sequence": ev.sentence_index}
    cite: dict[str, Any] = {"citation": ev.doc_id}
    if doc is not None:
        for key, value in (("url", doc.url), ("title", doc.title), ("publication", doc.source)):
            if value:
                cite[key] = value
    cite["coder"] = f"bilat {__version__}"
    cite["codebook"] = CODEBOOK
    record["cite_info"] = cite
    if doc is not None:
        record["coded_date"] = doc.coded_at.date().isoformat()
        record["coded_time"] = doc.coded_at.time().replace(microsecond=0).isoformat()
    record["date_precision"] = ev.date_precision
    record["count"] = ev.count
    record["historical"] = ev.historical
    record["cameo"] = {"code": ev.cameo, "root": ev.root, "quad_class": ev.quad_class,
                       "goldstein": ev.goldstein}
    return record


def write_plover(store: Store, out: TextIO, *, query: EventQuery = EventQuery()) -> tuple[int, int]:
    """Write the matching events as PLOVER JSON Lines; return (written, skipped)."""
    written = skipped = 0
    for ev, doc in events_with_documents(store, query):
        record = plover_record(ev, doc)
        if record is None:
            skipped += 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written, skipped
