"""Response models: the JSON each endpoint returns, as the OpenAPI schema documents it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Quad = list[int]  # events of quad class 1, 2, 3, 4 (verbal/material cooperation, verbal/material conflict)


class EventOut(BaseModel):
    """One coded event; the fields of `bilat.schemas.Event`."""

    event_id: str
    doc_id: str
    story_date: str | None
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; null when unknown")
    date_precision: str
    historical: bool
    source_actor: str | None
    source_country: str | None
    target_actor: str | None
    target_country: str | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    count: int
    sentence_index: int
    sentence: str
    source_text: str | None = None
    target_text: str | None = None
    trigger: str | None = None
    extra: dict[str, Any] = {}
    location_name: str | None = Field(None, description="where it happened, e.g. Astana")
    location_country: str | None = Field(None, description="ISO3 code of that place")
    lat: float | None = None
    lon: float | None = None


class Page(BaseModel):
    total: int = Field(description="rows matching the filters, over all pages")
    limit: int
    offset: int
    next: str | None = Field(description="relative URL of the next page; null on the last page")


class EventPage(Page):
    events: list[EventOut]


class DyadRow(BaseModel):
    a: str
    b: str
    name_a: str | None
    name_b: str | None
    n_events: int
    first_date: str | None
    last_date: str | None
    mean_goldstein: float | None
    quad: Quad


class DyadPage(Page):
    dyads: list[DyadRow]


class CountryOut(BaseModel):
    code: str
    name: str
    kind: Literal["state", "igo"]
    n_events: int


class CountryList(BaseModel):
    countries: list[CountryOut]


class PartnerRow(BaseModel):
    code: str
    name: str | None
    n_events: int
    quad: Quad
    cooperation: int = Field(description="events of quad classes 1 and 2")
    conflict: int = Field(description="events of quad classes 3 and 4")
    balance: float = Field(description="(cooperation - conflict) / n_events, from -1 to 1")
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None


class LocationRow(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    n_events: int


class CountryPage(BaseModel):
    code: str
    name: str
    kind: Literal["state", "igo"]
    n_events: int
    partners: list[PartnerRow]
    locations: list[LocationRow] = Field(
        description="where its events happened (their location_name); empty when unknown")


class TimelinePeriod(BaseModel):
    period: str = Field(description="YYYY or YYYY-MM")
    n: int
    quad: Quad
    mean_goldstein: float


class Timeline(BaseModel):
    a: str
    b: str
    interval: Literal["year", "month"]
    periods: list[TimelinePeriod]
    n_undated: int
    n_coarser: int = Field(description="dated events not placed: known only to the year (month interval)")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: int
    n_documents: int
    n_events: int
    first_date: str | None
    last_date: str | None
    writes_enabled: bool


# -- the profile: the same content as `bilat profile A B --format json` ---------------------

class _Open(BaseModel):
    # fields the analysis adds later pass through unchanged
    model_config = ConfigDict(extra="allow")


class EstablishedOut(_Open):
    date: str | None
    year: int | None
    cameo: str
    sentence: str
    doc_id: str
    event_id: str


class VisitOut(_Open):
    date: str | None
    visitor: str
    host: str
    visitor_text: str | None
    count: int
    sentence: str
    doc_id: str
    sentence_index: int
    event_ids: list[str]


class ProfileEventOut(_Open):
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


class YearRowOut(_Open):
    year: int
    quad: Quad
    n: int
    mean_goldstein: float


class TotalsOut(_Open):
    n_events: int
    quad: Quad
    mean_goldstein: float | None
    first_date: str | None
    last_date: str | None
    n_undated: int


class SourceRowOut(_Open):
    doc_id: str
    title: str | None
    story_date: str | None
    url: str | None
    n_events: int


class ProfileOut(_Open):
    a: str
    b: str
    name_a: str | None
    name_b: str | None
    established: EstablishedOut | None
    visits: list[VisitOut]
    consultations: list[ProfileEventOut]
    agreements: list[ProfileEventOut]
    cooperation: list[ProfileEventOut]
    by_year: list[YearRowOut]
    totals: TotalsOut
    sources: list[SourceRowOut]
    recent: list[ProfileEventOut]
    title: str


# -- writing (only with allow_write) ---------------------------------------------------------

class StoryIn(BaseModel):
    """A story to code: the fields of one JSONL line of `bilat code`."""

    text: str = Field(description="the story's text (a leading dateline is read and removed)")
    doc_id: str | None = Field(None, description="the story's id; a story posted again with the "
                                                 "same id replaces its events (default: a hash of the text)")
    story_date: str | None = Field(None, description="YYYY-MM-DD or an ISO datetime")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="publisher or agency")


class StoryOut(BaseModel):
    """What posting a story did: new, updated (events replaced) or unchanged (not recoded)."""

    ok: Literal[True] = True
    doc_id: str
    status: Literal["new", "updated", "unchanged"]
    story_date: str | None
    n_events: int
    n_replaced: int = Field(description="events of the story's previous version that were removed")
    events: list[EventOut]
