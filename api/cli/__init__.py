"""`lexgraph`, the command line. One module per command (`extract`, `evaluate`, `ingest`, `serve`, `query`,
`export`); `common` holds the Typer app, the exit statuses and the messages they share, `options` what the graph
commands share. Importing a command's module registers it on `app`, in the order `lexgraph --help` lists them."""

# isort: off
from api.cli import extract, evaluate, ingest, query, export, serve  # noqa: F401  (registers the commands)

# isort: on
from api.cli.common import app

__all__ = ["app"]
