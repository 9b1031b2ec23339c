"""GET /api/events: stored events, filtered, sorted by date, a page at a time."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from bilat.interfaces.api.deps import DEFAULT_PAGE, MAX_PAGE, next_link, read_store
from bilat.interfaces.api.models import EventOut, EventPage
from bilat.interfaces.api.params import dyad_param, event_query, query_country, root_param
from bilat.store import Store
from bilat.store.records import MAX_QUERY_CHARS

router = APIRouter(tags=["events"])

MAX_OFFSET = 10_000_000


@router.get("/api/events", response_model=EventPage, summary="List events")
def list_events(
    request: Request,
    store: Annotated[Store, Depends(read_store)],
    dyad: Annotated[str | None, Query(max_length=30, description="Two countries, either direction: KAZ,ROU")] = None,
    actor: Annotated[str | None, Query(max_length=12, description="A country as source or target")] = None,
    root: Annotated[str | None, Query(max_length=4, description="CAMEO root 01..20")] = None,
    cameo: Annotated[str | None, Query(max_length=8, description="CAMEO code prefix, e.g. 042")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1..4")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]], inclusive")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Words the sentence must contain")] = None,
    historical: Annotated[bool | None, Query(description="Only events told as history (true) or news (false)")] = None,
    doc_id: Annotated[str | None, Query(max_length=500, description="Events of one story")] = None,
    sort: Annotated[Literal["date", "-date"], Query(description="date: oldest first; -date: newest first")] = "date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}")] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EventPage:
    """Events matching every filter given, oldest first (undated last); `next` links the next page."""
    query = event_query(
        dyad=dyad_param(dyad) if dyad is not None else None,
        actor=query_country(actor, name="actor") if actor is not None else None,
        root=root_param(root) if root is not None else None,
        cameo=cameo, quad_class=quad_class, since=since, until=until, q=q,
        historical=historical, doc_id=doc_id, newest_first=sort == "-date",
        limit=limit, offset=offset,
    )
    total = store.count_events(query)  # ignores limit and offset
    events = [EventOut(**ev.to_dict()) for ev in store.events(query)]
    return EventPage(events=events, total=total, limit=limit, offset=offset,
                     next=next_link(request, offset=offset, limit=limit, total=total))
