"""The FastAPI application: REST under /, browse pages for people, OpenAPI at /docs and /openapi.json.

    uvicorn --factory api.app:create_app     or     lexgraph serve

One store is opened per application and shared by the requests (both stores are safe across threads)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import pages, problems
from api.limits import BodyLimit
from api.routes import documents, exports, queries, system, uploads
from api.security import WriteKeyGate, require_read_key, require_write_key
from api.settings import Settings
from graph import GraphStore, open_store

DESCRIPTION = """\
Citations between Vietnamese legal and administrative documents: what each document cites and how
(implements, based_on, guides, amends, replaces, repeals, responds_to, attaches, cites), with the sentence
that states every link.

Reads are open unless the server says otherwise; writes (`POST /documents`, `DELETE /documents/{doc_id}`)
need an API key: `Authorization: Bearer <key>`. Errors are RFC 9457 problem details.
"""


def _version() -> str:
    try:
        return version("lexgraph")
    except PackageNotFoundError:
        return "0+unknown"


class SecurityHeaders:
    """Headers every response carries: no MIME sniffing, no referrer leaking document ids, no framing by
    other sites."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"SAMEORIGIN"),
                ):
                    if name not in names:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def _write_routes() -> list[BaseRoute]:
    """The routes that need a write key (`require_write_key` among their dependencies), as included here (at
    the root, so that their paths are the paths requests use)."""
    return [
        route
        for route in uploads.router.routes
        if isinstance(route, APIRoute)
        and any(dependency.call is require_write_key for dependency in route.dependant.dependencies)
    ]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The service over `store`, or over the store `settings.store` names (opened at start-up, closed at
    shutdown; created empty when missing, so that uploads can fill it)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(settings.store)
        try:
            yield
        finally:
            uploads.close_extraction_pool(app)
            if owned:
                app.state.store.close()

    # /docs (Swagger UI) and /redoc with their scripts and styles from the fastapi-offline package, served under
    # /static-offline-docs: FastAPI's own pages load them from a CDN and are blank without internet.
    app = FastAPIOffline(
        title="lexgraph",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=problems.responses(),
    )
    app.state.settings = settings
    if store is not None:  # usable without the lifespan too (a TestClient not used as a context manager)
        app.state.store = store
    problems.install(app)
    app.include_router(system.router)
    app.include_router(uploads.router)
    reads = [Depends(require_read_key)] if settings.reads_need_key else []
    for router in (documents.router, queries.router, exports.router, pages.router):
        app.include_router(router, dependencies=reads)
    app.mount("/static", pages.static_files(), name="static")
    # Innermost of the middlewares: it answers from the headers alone, before anything reads the body.
    app.add_middleware(WriteKeyGate, routes=_write_routes())
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    return app
