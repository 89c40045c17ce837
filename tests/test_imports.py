"""The packages import one way, as data flows (files → ingest → graph → api, ../shared/DESIGN.md), and no module
imports itself back through others.

Every import statement counts, wherever it stands (at the top, inside a function, under TYPE_CHECKING): a cycle
that only a lazy import keeps from failing at start-up is still a cycle. `from X import y` where y is a submodule
is an edge to that submodule only; any other `from X import name` is an edge to X.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "graph", "api")
# What a package may import of the others: nothing downstream.
UPSTREAM = {"ingest": set(), "graph": {"ingest"}, "api": {"ingest", "graph"}}


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """module name → (file, whether it is a package's __init__)."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph(root: Path = ROOT) -> nx.DiGraph[str]:
    """module → module it imports (the project's own modules only), each edge with the line of one import."""
    modules = _modules(root)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from the module's package, one level up per extra dot
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    origin = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    origin = node.module or ""
                for alias in node.names:
                    submodule = f"{origin}.{alias.name}"
                    targets.append(submodule if submodule in modules else origin)
            for target in targets:
                if target in modules and target != name:
                    graph.add_edge(name, target, line=node.lineno)
    return graph


def _where(graph: nx.DiGraph[str], source: str, target: str) -> str:
    return f"{source} → {target} (line {graph.edges[source, target]['line']})"


def cycles(graph: nx.DiGraph[str]) -> list[str]:
    """Every import cycle, each as its imports."""
    return [
        ", ".join(_where(graph, a, b) for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        for cycle in nx.simple_cycles(graph)
    ]


def against_the_flow(graph: nx.DiGraph[str]) -> list[str]:
    """Imports of a package downstream of the importer's."""
    return [
        _where(graph, source, target)
        for source, target in graph.edges
        if (a := source.split(".")[0]) != (b := target.split(".")[0]) and b not in UPSTREAM[a]
    ]


def test_the_import_graph_is_read() -> None:
    graph = import_graph()
    assert {"graph.store", "graph.base", "graph.sqlite_store", "api.app", "ingest.extract"} <= set(graph)
    assert graph.has_edge("graph.sqlite_store", "graph.base")
    assert graph.has_edge("graph.base", "graph.load")  # `from graph.load import …`
    assert graph.has_edge("graph.base", "graph.answers")  # `from graph import answers`: the submodule only
    assert not graph.has_edge("graph.base", "graph")


def test_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(found)


def test_imports_follow_the_data_flow() -> None:
    """ingest imports neither graph nor api; graph does not import api."""
    found = against_the_flow(import_graph())
    assert not found, "imports against the data flow:\n" + "\n".join(found)


def test_the_checks_find_a_lazy_cycle_and_an_import_against_the_flow(tmp_path: Path) -> None:
    files = {
        "ingest/__init__.py": "",
        "ingest/read.py": "from graph.store import Store\n",
        "graph/__init__.py": "from graph.store import Store\n",
        "graph/store.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from graph.load import plan\n",
        "graph/load.py": "def plan():\n    from . import store\n",
        "graph/base.py": "from graph import store\n",  # an edge to graph.store, not to graph
        "api/__init__.py": "",
        "api/app.py": "import graph\n",
        "graph/pages.py": "from api.app import app\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = import_graph(tmp_path)
    (cycle,) = cycles(graph)
    assert set(cycle.split(", ")) == {
        "graph.store → graph.load (line 3)",
        "graph.load → graph.store (line 2)",
    }
    assert sorted(against_the_flow(graph)) == [
        "graph.pages → api.app (line 1)",
        "ingest.read → graph.store (line 1)",
    ]
