"""POST /api/stories: code one story and store its events (only with allow_write).

The route exists only when the app is built with `allow_write=True`, and every
request must carry the server's bearer token (checked before the body is read).
The body is one JSON object, as one line of a JSONL input to `bilat code`.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from bilat.interfaces.api.auth import BearerToken
from bilat.interfaces.api.errors import ApiProblem
from bilat.interfaces.api.models import EventOut, StoryIn, StoryOut
from bilat.interfaces.api.writer import StoryWriter

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": StoryIn.model_json_schema()}},
    }
}


def _is_json(content_type: str | None) -> bool:
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def _record(body: bytes) -> Any:
    try:
        return json.loads(body)
    except UnicodeDecodeError as e:
        raise ApiProblem(400, "the request body is not UTF-8 JSON; send UTF-8") from e
    except json.JSONDecodeError as e:
        raise ApiProblem(400, f"the request body is not valid JSON ({e.msg} at line {e.lineno} "
                              f"column {e.colno}); send one JSON object") from e


def router(writer: StoryWriter, token: BearerToken) -> APIRouter:
    """The write routes over `writer`, guarded by `token`."""
    api = APIRouter(tags=["stories"], dependencies=[Depends(token)])

    @api.post("/api/stories", response_model=StoryOut, status_code=201, summary="Code a story",
              openapi_extra=_BODY_DOC,
              responses={200: {"model": StoryOut, "description": "updated or unchanged"}})
    async def post_story(request: Request) -> JSONResponse:
        """Code one story and store its events; 201 for a new story, 200 when it replaced
        (`updated`) or matched (`unchanged`) a stored one with the same doc_id."""
        if not _is_json(request.headers.get("content-type")):
            raise ApiProblem(415, "send the story as Content-Type: application/json")
        record = _record(await request.body())
        result = await run_in_threadpool(writer.submit, record)
        a = result.article
        out = StoryOut(doc_id=a.doc_id, status=result.status,  # type: ignore[arg-type]
                       story_date=a.story_date.isoformat() if a.story_date else None,
                       n_events=len(result.events), n_replaced=result.n_replaced,
                       events=[EventOut(**ev.to_dict()) for ev in result.events])
        return JSONResponse(out.model_dump(), status_code=201 if result.status == "new" else 200)

    return api
