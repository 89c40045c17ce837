"""The stores the graph contract suite runs against (tests/test_graph_contract.py, tests/test_graph_faults.py).

To hold another store to the contract, add its factory here: name → a function of a fresh temporary folder that
returns an empty store. Neo4j is listed when a server can be had (tests/neo4j_server.py: $NEO4J_URI, or Java and
Maven to start one), and always under CI, where a missing one fails every Neo4j test instead of skipping them; its
absence elsewhere is one skip line (tests/test_neo4j_store.py), not one per test.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import neo4j_server
import pytest

from graph import GraphStore, open_store

StoreFactory = Callable[[Path], GraphStore]

NEO4J_MISSING = neo4j_server.missing()
NEO4J_SKIP = f"no Neo4j to run the contract suite against: {NEO4J_MISSING}"
# Tests share the server with whoever else uses it: each test works in a graph of its own (graph_id), named after
# this process and the test's folder, and drops that graph when it closes. Nothing outside it is touched.
_RUN = uuid.uuid4().hex[:12]


def _sqlite(folder: Path) -> GraphStore:
    return open_store(f"sqlite:///{folder / 'graph.db'}")


def neo4j_uri() -> str:
    """The run's Neo4j (started on first use). Without Java and Maven the test is skipped, except under CI; a
    server that should start and does not fails the test, with the reason."""
    if "neo4j" not in STORE_FACTORIES:
        pytest.skip(NEO4J_SKIP)
    try:
        return neo4j_server.uri()
    except neo4j_server.Unavailable as exc:
        pytest.fail(f"no Neo4j to test against: {exc}", pytrace=False)


def neo4j_graph(name: str) -> str:
    """The store URL of a graph of this run on the run's Neo4j (`--store` for the command line)."""
    return f"{neo4j_uri()}?graph=lexgraph-test-{_RUN}-{name}"


def _neo4j(folder: Path) -> GraphStore:
    from graph.neo4j_store import Neo4jStore

    class DisposableNeo4jStore(Neo4jStore):
        """Drops its graph when closed (the first close does; a second one finds nothing to do)."""

        def close(self) -> None:
            if getattr(self, "_dropped", False):
                return
            self._dropped = True
            try:
                self.drop()
            finally:
                super().close()

    # The same folder names the same graph: two stores of one test (a writer and a reader) share it.
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return DisposableNeo4jStore(neo4j_uri(), graph=f"lexgraph-test-{_RUN}-{digest}")


def drop_neo4j_graph(url: str) -> None:
    """Remove a graph a test made through the command line or the service."""
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(url, create=False)
    try:
        store.drop()
    finally:
        store.close()


STORE_FACTORIES: dict[str, StoreFactory] = {
    "sqlite": _sqlite,  # first: tests that compare with a second store make it with the first factory
}
if NEO4J_MISSING is None or os.environ.get("CI"):
    STORE_FACTORIES["neo4j"] = _neo4j
