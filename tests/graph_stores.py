"""The stores the graph contract suite runs against (tests/test_graph_contract.py, tests/test_graph_faults.py).

To hold another store to the contract, add its factory here: name → a function of a fresh temporary folder that
returns an empty store. A store that needs a server is listed only when one is configured (Neo4j: $NEO4J_URI),
so that its absence is one skip line (tests/test_neo4j_store.py), not one per test.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from graph import GraphStore, open_store

StoreFactory = Callable[[Path], GraphStore]

NEO4J_SKIP = (
    "set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to run the contract suite against Neo4j; "
    "docker compose up neo4j gives one"
)
# Tests share the server with whoever else uses it: each test works in a graph of its own (graph_id), named after
# this process and the test's folder, and drops that graph when it closes. Nothing outside it is touched.
_RUN = uuid.uuid4().hex[:12]


def _sqlite(folder: Path) -> GraphStore:
    return open_store(f"sqlite:///{folder / 'graph.db'}")


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
    return DisposableNeo4jStore(os.environ["NEO4J_URI"], graph=f"lexgraph-test-{_RUN}-{digest}")


STORE_FACTORIES: dict[str, StoreFactory] = {
    "sqlite": _sqlite,  # first: tests that compare with a second store make it with the first factory
}
if os.environ.get("NEO4J_URI"):
    STORE_FACTORIES["neo4j"] = _neo4j
