"""Which store a URL names: `open_store(url)` and the registry of stores by URL scheme (as rdflib's plugin
registry stands apart from its `Store`). A store module is imported only when its URL is opened, so that the
Neo4j driver is loaded by those who use it.

A new store: a `graph.base.BaseStore` in a module of its own, its URL schemes here in `STORE_FACTORIES`, and
its factory in tests/graph_stores.py, which holds it to the contract suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from graph.store import GraphStore, StoreError

DEFAULT_URL = "sqlite:///data/lexgraph.db"
ENV_VAR = "LEXGRAPH_STORE"

# factory(url, create=…, timeout=…) → an open store.
StoreFactory = Callable[..., GraphStore]


def _sqlite(url: str, *, create: bool, timeout: float) -> GraphStore:
    from graph.sqlite_store import SQLiteStore

    return SQLiteStore(sqlite_path(url), url=url, create=create, timeout=timeout)


def _neo4j(url: str, *, create: bool, timeout: float) -> GraphStore:
    try:  # the driver is imported only by those who use it
        from graph.neo4j_store import Neo4jStore
    except ModuleNotFoundError as exc:
        if exc.name != "neo4j":
            raise
        raise StoreError(f"{url}: the Neo4j driver is not installed (pip install 'neo4j>=5.20')") from exc
    return Neo4jStore(url, create=create, timeout=timeout)


# URL scheme → factory.
STORE_FACTORIES: dict[str, StoreFactory] = {
    "sqlite": _sqlite,
    "neo4j": _neo4j,
    "neo4j+s": _neo4j,
    "neo4j+ssc": _neo4j,
    "bolt": _neo4j,
    "bolt+s": _neo4j,
    "bolt+ssc": _neo4j,
}


def sqlite_path(url: str) -> Path:
    """ "sqlite:///data/x.db" → data/x.db (relative), "sqlite:////tmp/x.db" → /tmp/x.db, as SQLAlchemy reads
    them; a plain path is itself."""
    if "://" not in url:
        return Path(url)
    rest = url.split("://", 1)[1]
    if not rest.startswith("/") or rest == "/":
        raise StoreError(f"{url}: expected sqlite:///relative/path.db or sqlite:////absolute/path.db")
    return Path(rest[1:])


def store_url(url: str | None = None) -> str:
    """The URL given, else $LEXGRAPH_STORE, else the default ./data/lexgraph.db."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def open_store(url: str | None = None, *, create: bool = True, timeout: float = 5.0) -> GraphStore:
    """The store `url` names (see `store_url`). `create=False` refuses to create a database that does not exist
    (what queries want); `timeout` is how long to wait for another writer's lock before giving up."""
    url = store_url(url)
    scheme = url.split("://", 1)[0].lower() if "://" in url else "sqlite"
    factory = STORE_FACTORIES.get(scheme)
    if factory is None:
        known = ", ".join(sorted(f"{s}://" for s in STORE_FACTORIES))
        raise StoreError(f"{url}: unknown kind of store; expected one of {known}")
    return factory(url, create=create, timeout=timeout)


__all__ = ["DEFAULT_URL", "ENV_VAR", "STORE_FACTORIES", "open_store", "sqlite_path", "store_url"]
