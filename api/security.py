"""API keys: writes need one (`Authorization: Bearer <key>`); reads are open unless configured otherwise
(LEXGRAPH_READS_NEED_KEY: then the browse pages need one too).
Keys come from the settings and are compared in constant time, each of them, so that the time taken tells
nothing about which key came close."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.problems import ProblemError
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


def _check(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    keys = [k.get_secret_value() for k in _settings(request).api_keys]
    if not keys:
        raise ProblemError(
            403, "writes are disabled on this server: no API key is configured (LEXGRAPH_API_KEYS)"
        )
    if credentials is None:
        raise ProblemError(401, "an API key is needed: Authorization: Bearer <key>", headers=_CHALLENGE)
    if not key_matches(credentials.credentials, keys):
        raise ProblemError(401, "the API key is not valid", headers=_CHALLENGE)


def require_write_key(request: Request, credentials: Credentials) -> None:
    _check(request, credentials)


def require_read_key(request: Request, credentials: Credentials) -> None:
    """For reads, where the configuration closes them (the app adds it to the read routes only then, so that
    the OpenAPI document says which operations need a key)."""
    _check(request, credentials)
