"""Errors as RFC 9457 problem details (`application/problem+json`): every failure of the service, whatever
raised it, is one of these, with a status, a title and a detail a person can act on."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from graph import AmbiguousReference, DocumentNotFound, StoreError
from graph.dates import InvalidDate

MEDIA_TYPE = "application/problem+json"


class DocumentRef(BaseModel):
    id: str
    label: str


class Problem(BaseModel):
    """RFC 9457 problem details, with the members lexgraph adds where they help."""

    type: str = Field(default="about:blank", description="a URI naming the kind of problem")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="the request path")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="what was wrong with each parameter or file"
    )
    suggestions: list[DocumentRef] | None = Field(
        default=None, description="documents close to a reference that matched none"
    )
    candidates: list[DocumentRef] | None = Field(
        default=None, description="documents an ambiguous reference matches"
    )


class ProblemError(Exception):
    """Raised by a route to answer with a problem."""

    def __init__(self, status: int, detail: str, *, title: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.extra = extra
        self.headers: dict[str, str] | None = extra.pop("headers", None)


def problem_response(
    request: Request,
    status: int,
    detail: str | None,
    *,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = Problem(
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        **extra,
    )
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def _refs(documents: list[Any]) -> list[DocumentRef]:
    return [DocumentRef(id=d.id, label=d.label) for d in documents]


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only where and what: pydantic's `input` and `ctx` could echo a large or hostile value back.
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette's 405 names only the first route that matched)."""
    allowed = []
    for method in ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


class BodyTooLarge(Exception):
    """A request body grew past the server's cap while it arrived (api/limits.py): answered with 413."""


def install(app: FastAPI) -> None:
    """Every error the app can meet → a problem response."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.detail, title=exc.title, headers=exc.headers, **exc.extra
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.__cause__, BodyTooLarge):  # FastAPI reports a failed body read as a 400
            return problem_response(request, 413, "the request body is too large", title="Content Too Large")
        headers = exc.headers
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return problem_response(request, exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            request, 422, "the request's parameters are not valid", errors=_validation_errors(exc)
        )

    @app.exception_handler(DocumentNotFound)
    async def _not_found(request: Request, exc: DocumentNotFound) -> JSONResponse:
        return problem_response(
            request, 404, str(exc), title="Document not found", suggestions=_refs(exc.suggestions)
        )

    @app.exception_handler(AmbiguousReference)
    async def _ambiguous(request: Request, exc: AmbiguousReference) -> JSONResponse:
        return problem_response(
            request, 409, str(exc), title="Ambiguous reference", candidates=_refs(exc.candidates)
        )

    @app.exception_handler(InvalidDate)
    async def _invalid_date(request: Request, exc: InvalidDate) -> JSONResponse:
        # The pattern of a date parameter lets "2025-13-01" through; the calendar does not.
        return problem_response(
            request, 422, str(exc), errors=[{"loc": ["query"], "msg": str(exc), "type": "invalid_date"}]
        )

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return problem_response(request, 503, str(exc), title="Graph store unavailable")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged by the server; the client learns only that it was not its fault.
        return problem_response(request, 500, "an unexpected error; it was logged")


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route can answer with."""
    described = {
        400: "A request body that cannot be parsed (broken multipart data)",
        401: "No API key, or a wrong one",
        403: "Writes are disabled: no API key is configured",
        404: "No such document, or no such route between two",
        409: "The reference matches several documents (`candidates`)",
        413: "The upload is too large",
        422: "Invalid parameters, or files that could not be extracted (`errors`)",
        503: "The graph store cannot be reached",
    }
    return {
        status: {
            "model": Problem,  # puts Problem among the schemas, for the reference below
            "description": described[status],
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in (*statuses, 422, 503)
    }
