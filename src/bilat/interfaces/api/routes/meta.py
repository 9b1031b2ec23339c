"""GET /api/health, and the offline API docs page at /docs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from bilat.about import __version__
from bilat.interfaces.api.deps import read_store, state
from bilat.interfaces.api.models import Health
from bilat.interfaces.web import static_dir
from bilat.store import Store

router = APIRouter(tags=["meta"])


@router.get("/api/health", response_model=Health, summary="Health and size of the store")
def health(request: Request, store: Annotated[Store, Depends(read_store)]) -> Health:
    """`ok` when the store can be read: its schema version, size and time span."""
    s = store.stats()
    return Health(status="ok", version=__version__, schema_version=s.schema_version,
                  n_documents=s.n_documents, n_events=s.n_events, first_date=s.first_date,
                  last_date=s.last_date, writes_enabled=state(request).writes_enabled)


@router.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
def docs() -> FileResponse:
    """Swagger UI, served with its assets from the package (no CDN)."""
    return FileResponse(static_dir() / "docs.html", media_type="text/html")
