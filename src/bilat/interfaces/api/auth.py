"""The bearer token that guards the API's write endpoint.

    BILAT_API_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(32))') \
        bilat serve --allow-write

`check_token` refuses a missing or short token before the server starts;
`BearerToken` is the FastAPI dependency that compares the request's
`Authorization: Bearer <token>` with it in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from bilat.errors import BadParameter
from bilat.interfaces.api.errors import ApiProblem

TOKEN_ENV = "BILAT_API_TOKEN"
MIN_TOKEN_CHARS = 16
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="bilat"'}


def check_token(token: str | None) -> str:
    """The token, if it is good enough to guard writes; BadParameter otherwise."""
    if token is None or not token.strip():
        raise BadParameter(f"writing needs a token: set {TOKEN_ENV} to a secret of at least "
                           f"{MIN_TOKEN_CHARS} characters, or serve without --allow-write")
    token = token.strip()
    if len(token) < MIN_TOKEN_CHARS:
        raise BadParameter(f"{TOKEN_ENV} is {len(token)} characters long; use at least "
                           f"{MIN_TOKEN_CHARS} (e.g. python -c 'import secrets; "
                           "print(secrets.token_urlsafe(32))')")
    if any(c.isspace() or not c.isprintable() for c in token):
        raise BadParameter(f"{TOKEN_ENV} holds spaces or control characters; use a URL-safe secret")
    return token


class BearerToken:
    """FastAPI dependency: 401 unless the request carries `Authorization: Bearer <token>`."""

    def __init__(self, token: str) -> None:
        self._token = check_token(token).encode("utf-8")

    def __call__(self, request: Request) -> None:
        header = request.headers.get("authorization")
        if header is None:
            raise ApiProblem(401, "this endpoint needs the header Authorization: Bearer <token> "
                                  f"(the server's {TOKEN_ENV})", headers=_CHALLENGE)
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiProblem(401, "the Authorization header must be 'Bearer <token>'",
                             headers=_CHALLENGE)
        if not hmac.compare_digest(given.strip().encode("utf-8", "surrogateescape"), self._token):
            raise ApiProblem(401, "the bearer token is not the server's token", headers=_CHALLENGE)
