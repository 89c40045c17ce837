"""The stores the graph contract suite runs against (tests/test_graph_contract.py, tests/test_graph_faults.py).

To hold another store to the contract, add its factory here: name → a function of a fresh temporary folder that
returns an empty store. A factory that cannot run here (no server) should `pytest.skip`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph import GraphStore, open_store

StoreFactory = Callable[[Path], GraphStore]


def _sqlite(folder: Path) -> GraphStore:
    return open_store(f"sqlite:///{folder / 'graph.db'}")


STORE_FACTORIES: dict[str, StoreFactory] = {
    "sqlite": _sqlite,
}
