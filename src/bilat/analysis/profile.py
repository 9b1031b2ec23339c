"""The profile of a bilateral relationship, built from the events in a store.

`build_profile(store, "KAZ", "ROU")` gathers, for events in either direction:
when relations were established (CAMEO 054), visits (042/043, as visitor ->
host), consultations (the rest of root 04), agreements (057), cooperation
(030, 031x, root 06), yearly counts by quad class, totals, sources, the
most recent events, and the standing facts of the relationship (`bilat.facts`:
mechanisms, agreements, routes, diaspora ...). Rendering lives in `bilat.analysis.render`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from bilat.analysis.labels import cameo_label
from bilat.errors import BadParameter
from bilat.schemas import Event, Fact
from bilat.store import EventQuery, Store
from bilat.store.periods import period_bounds

VISIT, HOST = "042", "043"
_CONSULT_OTHER = ("040", "041", "044", "045", "046")


@dataclass(frozen=True, slots=True)
class ProfileEvent:
    """One event as a profile lists it."""

    date: str | None
    source: str | None
    target: str | None
    cameo: str
    label: str | None
    count: int
    goldstein: float
    historical: bool
    sentence: str
    doc_id: str
    event_id: str


@dataclass(frozen=True, slots=True)
class Established:
    """The earliest event granting diplomatic recognition (CAMEO 054)."""

    date: str | None  # as coded: "1992", "1992-05" or "1992-05-27"
    year: int | None
    cameo: str
    sentence: str
    doc_id: str
    event_id: str


@dataclass(frozen=True, slots=True)
class Visit:
    """A visit, always as visitor -> host, whichever of 042/043 coded it."""

    date: str | None
    visitor: str
    host: str
    visitor_text: str | None  # the words that named the visitor
    count: int
    sentence: str
    doc_id: str
    sentence_index: int
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    quad: tuple[int, int, int, int]  # events of quad class 1, 2, 3, 4
    n: int
    mean_goldstein: float


@dataclass(frozen=True, slots=True)
class Totals:
    n_events: int
    quad: tuple[int, int, int, int]
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None
    n_undated: int


@dataclass(frozen=True, slots=True)
class SourceRow:
    doc_id: str
    title: str | None
    story_date: str | None
    url: str | None
    n_events: int


@dataclass(frozen=True, slots=True)
class ProfileFact:
    """A fact of the relationship as a profile lists it: one per (kind, name, number,
    places), with every story that states it."""

    kind: str
    name: str | None
    country_a: str | None
    country_b: str | None
    value: float | None
    unit: str | None
    qualifier: str | None
    places: tuple[str, ...]
    description: str | None
    period: str | None
    sentence: str
    doc_ids: tuple[str, ...]


# the order of the kinds in a profile: the structure first, then flows, then people
FACT_ORDER = ("mechanism", "agreement", "transport", "trade", "investment", "membership",
              "organization", "diaspora")


def merge_facts(facts: Iterable[Fact]) -> list[ProfileFact]:
    """Facts of many stories, one per (kind, name, number, places), in `FACT_ORDER`; the
    first story's sentence stands for all."""
    merged: dict[tuple, ProfileFact] = {}
    for f in facts:
        key = (f.kind, (f.name or "").casefold(), f.value, f.unit, tuple(f.places))
        old = merged.get(key)
        if old is not None:
            if f.doc_id not in old.doc_ids:
                merged[key] = dataclasses.replace(old, doc_ids=old.doc_ids + (f.doc_id,))
            continue
        merged[key] = ProfileFact(
            kind=f.kind, name=f.name, country_a=f.country_a, country_b=f.country_b,
            value=f.value, unit=f.unit, qualifier=f.qualifier, places=tuple(f.places),
            description=f.description, period=f.period, sentence=f.sentence,
            doc_ids=(f.doc_id,))
    rank = {k: i for i, k in enumerate(FACT_ORDER)}
    return sorted(merged.values(), key=lambda p: rank.get(p.kind, len(rank)))


@dataclass(frozen=True, slots=True)
class DyadProfile:
    a: str
    b: str
    name_a: str | None
    name_b: str | None
    established: Established | None
    visits: tuple[Visit, ...]
    consultations: tuple[ProfileEvent, ...]
    agreements: tuple[ProfileEvent, ...]
    cooperation: tuple[ProfileEvent, ...]
    by_year: tuple[YearRow, ...]
    totals: Totals
    sources: tuple[SourceRow, ...]
    recent: tuple[ProfileEvent, ...]
    facts: tuple[ProfileFact, ...] = ()  # the standing facts (bilat.facts), by kind


def build_profile(store: Store, a: str, b: str, *, names: Mapping[str, str] | None = None,
                  n_recent: int = 10) -> DyadProfile:
    """Profile of the relationship between countries `a` and `b` (codes checked by the caller)."""
    for label, code in (("a", a), ("b", b)):
        if not isinstance(code, str) or not code:
            raise BadParameter(f"country {label} must be a country code, got {code!r}")
    if a == b:
        raise BadParameter(f"a profile needs two different countries, got {a} twice")
    if isinstance(n_recent, bool) or not isinstance(n_recent, int) or not 1 <= n_recent <= 1000:
        raise BadParameter(f"n_recent must be between 1 and 1000, got {n_recent!r}")
    dyad = (a, b)

    def query(**filters: Any) -> list[Event]:
        return store.events(EventQuery(dyad=dyad, **filters))

    first_recognition = pick_establishment(query(cameo="054"))
    consult = [e for e in query(root="04") if e.cameo.startswith(_CONSULT_OTHER)]
    cooperation = _sorted(query(cameo="030") + query(cameo="031") + query(root="06"))
    summary = store.summary(EventQuery(dyad=dyad))
    names = names or {}
    return DyadProfile(
        a=a, b=b, name_a=names.get(a), name_b=names.get(b),
        established=_established(first_recognition) if first_recognition else None,
        visits=tuple(normalise_visits(query(cameo=VISIT) + query(cameo=HOST))),
        consultations=tuple(_listed(e) for e in consult),
        agreements=tuple(_listed(e) for e in query(cameo="057")),
        cooperation=tuple(_listed(e) for e in cooperation),
        by_year=tuple(
            YearRow(year=y.year, quad=y.quad, n=y.n, mean_goldstein=y.mean_goldstein)
            for y in store.year_summary(EventQuery(dyad=dyad))
        ),
        totals=Totals(
            n_events=summary.n, quad=summary.quad, mean_goldstein=summary.mean_goldstein,
            first_date=summary.first_date, last_date=summary.last_date,
            n_undated=summary.n_undated,
        ),
        sources=tuple(
            SourceRow(doc_id=d.doc_id, title=d.title,
                      story_date=d.story_date.isoformat() if d.story_date else None,
                      url=d.url, n_events=d.n_events)
            for d in store.document_counts(EventQuery(dyad=dyad))
        ),
        recent=tuple(_listed(e) for e in query(historical=False, newest_first=True, limit=n_recent)),
        facts=tuple(merge_facts(store.facts(pair=dyad))),
    )


def normalise_visits(events: Iterable[Event]) -> list[Visit]:
    """Visits as visitor -> host, one per (sentence, visitor, host), in date order.

    042 X->Y: X visited Y, named by the source text. 043 X->Y: X hosted Y, so
    Y visited X, named by the target text. A 042 and a 043 from the same
    sentence about the same trip are one visit; its count is the larger one.
    """
    merged: dict[tuple[str, int, str, str], Visit] = {}
    for ev in events:
        if ev.source_country is None or ev.target_country is None:
            continue
        if ev.cameo.startswith(VISIT):
            visitor, host, text = ev.source_country, ev.target_country, ev.source_text
        elif ev.cameo.startswith(HOST):
            visitor, host, text = ev.target_country, ev.source_country, ev.target_text
        else:
            continue
        key = (ev.doc_id, ev.sentence_index, visitor, host)
        old = merged.get(key)
        if old is None:
            merged[key] = Visit(
                date=ev.date, visitor=visitor, host=host, visitor_text=text, count=ev.count,
                sentence=ev.sentence, doc_id=ev.doc_id, sentence_index=ev.sentence_index,
                event_ids=(ev.event_id,),
            )
            continue
        prefer_new = ev.cameo.startswith(VISIT) and text is not None
        merged[key] = Visit(
            date=old.date if old.date is not None else ev.date,
            visitor=visitor, host=host,
            visitor_text=text if prefer_new or old.visitor_text is None else old.visitor_text,
            count=max(old.count, ev.count), sentence=old.sentence, doc_id=old.doc_id,
            sentence_index=old.sentence_index, event_ids=old.event_ids + (ev.event_id,),
        )
    return sorted(merged.values(), key=lambda v: (*_date_key(v.date), v.doc_id, v.sentence_index))


def _date_key(value: str | None) -> tuple[bool, date]:
    bounds = period_bounds(value) if value else None
    return (bounds is None, bounds[0] if bounds else date.min)


def _sorted(events: list[Event]) -> list[Event]:
    unique = {e.event_id: e for e in events}.values()
    return sorted(unique, key=lambda e: (*_date_key(e.date), e.doc_id, e.sentence_index, e.event_id))


def _listed(ev: Event) -> ProfileEvent:
    return ProfileEvent(
        date=ev.date, source=ev.source_country, target=ev.target_country, cameo=ev.cameo,
        label=cameo_label(ev.cameo), count=ev.count, goldstein=ev.goldstein,
        historical=ev.historical, sentence=ev.sentence, doc_id=ev.doc_id, event_id=ev.event_id,
    )


def pick_establishment(events: Sequence[Event]) -> Event | None:
    """The event that dates the relationship: the earliest 054 that establishes diplomatic
    relations, else the earliest recognition (a recognition often precedes relations by
    years), else the earliest other 054 (restored or consular relations)."""
    dated = sorted((e for e in events if e.cameo.startswith("054")),
                   key=lambda e: (e.date is None, e.date or ""))
    for wanted in ((), ("recognition",)):
        for e in dated:
            if tuple(e.extra.get("notes", ())) == wanted:
                return e
    return dated[0] if dated else None


def _established(ev: Event) -> Established:
    bounds = period_bounds(ev.date) if ev.date else None
    return Established(
        date=ev.date, year=bounds[0].year if bounds else None, cameo=ev.cameo,
        sentence=ev.sentence, doc_id=ev.doc_id, event_id=ev.event_id,
    )
