"""The API's one error shape, and the handlers that turn every failure into it.

    {"ok": false, "error": "E203 root must be a two-digit CAMEO root 01..20, got '99'",
     "errors": [], "status": 422}

`error` is one line for people; `errors` lists each bad parameter as
"location: message" (from request validation); `status` repeats the HTTP
status. No response ever carries a stack trace: an unexpected exception is
logged on the server and answered with a 500 and a fixed message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilat.errors import BilatError, InputError, ModelError, QueryError, StoreError, UnknownCountry
from bilat.interfaces.api.pool import StoreBusy

log = logging.getLogger("bilat.api")

RETRY_AFTER_SECONDS = 2
MAX_SHOWN = 60  # characters of a bad value repeated in a message

_REASONS = {
    400: "bad request", 401: "authentication required", 403: "forbidden", 404: "not found",
    405: "method not allowed", 413: "request body too large", 415: "unsupported media type",
    422: "invalid parameters", 500: "internal error", 503: "service unavailable",
}


class ErrorBody(BaseModel):
    """Every error response has exactly these four fields."""

    ok: Literal[False] = False
    error: str
    errors: list[str] = []
    status: int


class ApiProblem(Exception):
    """An error found by the API layer itself, with the status to answer."""

    def __init__(self, status: int, error: str, *, errors: Sequence[str] = (),
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = list(errors)
        self.headers = headers


def shown(value: object) -> str:
    """A user's value as it may appear in a message: repr, cut to MAX_SHOWN characters."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def error_response(status: int, error: str, errors: Sequence[str] = (), *,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=error, errors=list(errors), status=status)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def status_of(e: BilatError) -> int:
    if isinstance(e, UnknownCountry):
        return 404
    if isinstance(e, (QueryError, InputError)):
        return 422
    if isinstance(e, (StoreError, ModelError)):
        return 503
    return 500


def _location(loc: Sequence[object]) -> str:
    return ".".join(str(part) for part in loc)


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [f"{_location(err.get('loc', ()))}: {err.get('msg', 'invalid value')}"
              for err in exc.errors()]
    first = errors[0] if errors else "invalid request"
    return error_response(422, f"invalid parameter {first}", errors)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    detail = exc.detail if isinstance(exc.detail, str) else None
    reason = _REASONS.get(status, "error")
    if status == 404 and (detail is None or detail == "Not Found"):
        error = f"not found: {shown(request.url.path)}; the endpoints are listed at /openapi.json"
    elif status == 405:
        error = f"method {request.method} is not allowed on {shown(request.url.path)}"
    else:
        error = detail if detail and detail.lower() != reason else reason
    return error_response(status, error, headers=getattr(exc, "headers", None))


async def _on_problem(request: Request, exc: ApiProblem) -> JSONResponse:
    return error_response(exc.status, exc.error, exc.errors, headers=exc.headers)


async def _on_bilat(request: Request, exc: BilatError) -> JSONResponse:
    status = status_of(exc)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if isinstance(exc, StoreBusy) else None
    if status == 500:
        log.error("bilat error on %s %s: %s", request.method, request.url.path, exc)
    return error_response(status, str(exc), headers=headers)


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error; the server log has the details")


def install_handlers(app: FastAPI) -> None:
    """Route every kind of failure to the one error shape."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(ApiProblem, _on_problem)
    app.add_exception_handler(BilatError, _on_bilat)
    app.add_exception_handler(Exception, _on_crash)
