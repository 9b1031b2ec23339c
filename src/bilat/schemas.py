"""Typed records that flow between the pipeline stages.

    ingest  -> Article
    actors  -> ActorMention (token spans on a spaCy Doc)
    dates   -> TimeExpression (character spans on a sentence)
    coding  -> Event
    store   <- Article + Event

Records are frozen dataclasses: stages build new records instead of mutating
shared ones, so a record can be handed to another process safely.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import Enum
from typing import Any


class StoryDateSource(str, Enum):
    """Where an article's story date came from, in order of trust."""

    METADATA = "metadata"  # the JSONL/HTML record said so
    CLI = "cli"  # the user passed --story-date
    DATELINE = "dateline"  # "TOKYO, March 3 (Kyodo) -" (year from elsewhere)
    INFERRED = "inferred"  # first full date in the lead
    NONE = "none"  # nothing known


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    STORY = "story"  # the text gives no date: the story date stands in
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline removed from the head of a story."""

    text: str  # the raw dateline as it stood, e.g. "TOKYO, March 3 (Kyodo) -"
    place: str | None = None  # "TOKYO" as written
    agency: str | None = None  # "Kyodo", "KAZINFORM", "Reuters"
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news story, ready for NLP. `text` has its dateline removed."""

    doc_id: str
    text: str
    story_date: date | None = None
    story_date_source: StoryDateSource = StoryDateSource.NONE
    title: str | None = None
    url: str | None = None
    source: str | None = None  # publisher / agency name
    path: str | None = None  # where it was read from
    dateline: Dateline | None = None

    @property
    def content_hash(self) -> str:
        """Hash of what determines the coding: an updated story gets a new hash."""
        h = hashlib.sha256()
        h.update(self.text.encode("utf-8"))
        h.update(b"\0")
        h.update((self.story_date.isoformat() if self.story_date else "").encode())
        return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in a sentence, as a token span of a spaCy Doc.

    `country` is an ISO 3166-1 alpha-3 code, an IGO short name ("UN", "EU"),
    or None for references that the coder resolves from context
    (kind "dyad_ref": "the two countries"; kind "role": a bare "the president").
    """

    start: int  # first token (Doc index)
    end: int  # one past the last token
    text: str
    kind: str  # country | demonym | capital | igo | leader | role | dyad_ref
    country: str | None = None
    sector: str | None = None  # CAMEO sector code: GOV, MIL, LEG, ELI, BUS ...
    name: str | None = None  # a person's name when the mention is a person

    @property
    def code(self) -> str | None:
        """CAMEO-style actor code: country + sector (KAZGOV), or None."""
        if self.country is None:
            return None
        return self.country + (self.sector or "")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in text, with the date it denotes."""

    start: int  # character offsets in the text that was searched
    end: int
    text: str
    value: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None if unresolvable
    precision: DatePrecision
    kind: str  # absolute | relative | anniversary | year | duration
    future: bool = False  # "next month", "in 2030" after the story date


@dataclass(frozen=True, slots=True)
class Event:
    """One coded dyadic event; field names are the public JSON schema."""

    event_id: str
    doc_id: str
    story_date: str | None
    date: str | None
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
    source_text: str | None = None  # the words that named the source
    target_text: str | None = None
    trigger: str | None = None  # the verb or noun that carried the event
    extra: dict[str, Any] = field(default_factory=dict)
    location_name: str | None = None  # where it happened (bilat.geo): "Astana", "Kazakhstan"
    location_country: str | None = None  # ISO3 of that place
    lat: float | None = None  # WGS84; None for a country, a border or an unknown place
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


class FactKind(str, Enum):
    """What a fact of a relationship is about (bilat.facts)."""

    MECHANISM = "mechanism"  # a commission, council, working group the two run together
    AGREEMENT = "agreement"  # a named treaty, plan, programme, memorandum
    ORGANIZATION = "organization"  # a society, centre, association (with its cities)
    DIASPORA = "diaspora"  # people of one country living in the other (a count)
    TRADE = "trade"  # trade volume or trading partnership
    INVESTMENT = "investment"  # investment of one in the other
    TRANSPORT = "transport"  # a route, corridor, railway, flight link
    MEMBERSHIP = "membership"  # shared membership of, or cooperation within, an IGO


@dataclass(frozen=True, slots=True)
class Fact:
    """A standing feature of a relationship, read from one sentence of a story.

    The countries are in the order the fact gives them: for a diaspora, `country_a` is the
    people's country of origin and `country_b` the country they live in; for investment,
    `country_a` is the investor. `value`/`unit`/`qualifier` hold a number the sentence
    gives ("more than ten thousand" -> 10000.0, "people", "more than").
    """

    fact_id: str
    doc_id: str
    kind: str  # a FactKind value
    country_a: str | None
    country_b: str | None
    name: str | None  # "joint Work Programme", "UN", "Middle Corridor"
    value: float | None = None
    unit: str | None = None  # "people", "USD", "EUR"
    qualifier: str | None = None  # "more than", "about", "up to"
    places: tuple[str, ...] = ()  # cities the fact names ("Almaty")
    description: str | None = None  # the common noun that says what it is
    period: str | None = None  # "2016" for a yearly trade figure
    sentence_index: int = 0
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_event_id(doc_id: str, sentence_index: int, n: int, cameo: str,
                  source: str | None, target: str | None) -> str:
    """Deterministic id: the same story coded twice gives the same ids."""
    key = f"{doc_id}\x1f{sentence_index}\x1f{n}\x1f{cameo}\x1f{source}\x1f{target}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
