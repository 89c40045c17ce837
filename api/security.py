"""API keys: writes need one (`Authorization: Bearer <key>`); reads are open unless configured otherwise
(LEXGRAPH_READS_NEED_KEY: then the browse pages need one too).
Keys come from the settings and are compared in constant time, each of them, so that the time taken tells
nothing about which key came close."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import Request as StarletteRequest
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import ProblemError, problem_response
from api.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="an API key from LEXGRAPH_API_KEYS")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="lexgraph"'}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # what api/app.py put there (the state is untyped)
    return settings


def key_matches(given: str, keys: list[str]) -> bool:
    given_bytes = given.encode("utf-8")
    matched = False
    for key in keys:  # no early exit: every key is compared
        matched |= hmac.compare_digest(given_bytes, key.encode("utf-8"))
    return matched


def key_problem(keys: list[str], credentials: str | None) -> ProblemError | None:
    """Why a request with these credentials (the token of `Authorization: Bearer <token>`) may not write, if it
    may not."""
    if not keys:
        return ProblemError(
            403, "writes are disabled on this server: no API key is configured (LEXGRAPH_API_KEYS)"
        )
    if credentials is None:
        return ProblemError(401, "an API key is needed: Authorization: Bearer <key>", headers=_CHALLENGE)
    if not key_matches(credentials, keys):
        return ProblemError(401, "the API key is not valid", headers=_CHALLENGE)
    return None


def _keys(settings: Settings) -> list[str]:
    return [k.get_secret_value() for k in settings.api_keys]


def _check(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    problem = key_problem(_keys(_settings(request)), credentials.credentials if credentials else None)
    if problem is not None:
        raise problem


def require_write_key(request: Request, credentials: Credentials) -> None:
    _check(request, credentials)


def require_read_key(request: Request, credentials: Credentials) -> None:
    """For reads, where the configuration closes them (the app adds it to the read routes only then, so that
    the OpenAPI document says which operations need a key)."""
    _check(request, credentials)


def _bearer_token(scope: Scope) -> str | None:
    """The token of `Authorization: Bearer <token>`, as FastAPI's HTTPBearer reads it."""
    for name, value in scope.get("headers") or []:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer":
                return None
            return token.strip() or None
    return None


class WriteKeyGate:
    """The API key of a write, checked before its body is read.

    FastAPI reads (and spools to disk) a whole multipart body before it runs a route's dependencies, so that a
    client without a key could make the server take in hundreds of megabytes, or hold a connection by sending
    them slowly, before being told 401. This middleware answers a request to a write route (`write_routes`) at
    once from its headers, and closes the connection; the route's own dependency stays, for the OpenAPI
    document and for anything that reaches the route another way."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and any(r.matches(scope)[0] is Match.FULL for r in self.routes):
            request = StarletteRequest(scope)
            problem = key_problem(_keys(request.app.state.settings), _bearer_token(scope))
            if problem is not None:
                headers = {**(problem.headers or {}), "Connection": "close"}
                response = problem_response(request, problem.status, problem.detail, headers=headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
