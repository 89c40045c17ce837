"""`lexgraph serve`: the REST API and the browse pages."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from api.cli.common import app, exit_status, stderr, use_utf8
from api.cli.options import StoreOption, graph_errors
from graph import (
    ENV_VAR,
    open_store,
)


@app.command("serve")
def serve_command(
    store_option: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Server processes (each opens the store).")
    ] = 1,
) -> None:
    """Serve the graph over HTTP: the REST API (OpenAPI at /docs) and the browse pages at /.

    Settings come from the environment: LEXGRAPH_API_KEYS (comma-separated keys that may upload and delete;
    none: writes are refused), LEXGRAPH_READS_NEED_KEY, LEXGRAPH_CORS_ORIGINS, LEXGRAPH_MAX_UPLOAD_BYTES.
    """
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    use_utf8()
    with exit_status(), graph_errors():
        settings = Settings(store=store_option) if store_option else Settings()
        # Opened here, so that a store that cannot be used is one clear line, not a server that fails later.
        with open_store(settings.store, create=True) as store:
            stderr.print(
                f"Serving {store.url} on http://{host}:{port}  (API docs: http://{host}:{port}/docs)",
                soft_wrap=True,  # one line, whatever the width: a log reader or a script may look for it
            )
            if workers == 1:
                uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
                return
        # Several processes: each builds the app from the environment, as `uvicorn --factory` would.
        os.environ[ENV_VAR] = settings.store
        uvicorn.run(
            "api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info"
        )
