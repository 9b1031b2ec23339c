"""The dashboard: `/` serves the page; its script reads the JSON API."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from bilat.interfaces.web import static_dir

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"])
def dashboard() -> FileResponse:
    return FileResponse(static_dir() / "index.html", media_type="text/html")
