"""graph/traverse.py against brute force on random graphs: `shortest_path` searches from both ends, and must
still give the shortest route, the smallest sequence of ids among equals, within the depth and relation mask."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.traverse import BITS, build, mask_of, shortest_path


def _brute_force(graph: nx.DiGraph, source: str, target: str, mask: int, max_depth: int) -> list[str] | None:
    if source == target:
        return [source]
    allowed = nx.DiGraph((s, t) for s, t, a in graph.edges(data=True) if a["m"] & mask)
    if source not in allowed or target not in allowed:
        return None
    routes = [list(r) for r in nx.all_simple_paths(allowed, source, target, cutoff=max_depth)]
    if not routes:
        return None
    shortest = min(len(r) for r in routes)
    return min(r for r in routes if len(r) == shortest)


@pytest.mark.parametrize("seed", range(60))
def test_shortest_path_is_the_smallest_of_the_shortest_routes(seed: int) -> None:
    rng = random.Random(seed)
    nodes = [f"d{i:02d}" for i in range(rng.randint(4, 14))]
    relations = list(BITS)[:3]
    rows = [
        (rng.choice(nodes), rng.choice(nodes), rng.choice(relations))
        for _ in range(rng.randint(3, 4 * len(nodes)))
    ]
    graph = build((s, t, r) for s, t, r in rows if s != t)
    for _ in range(30):
        source, target = rng.choice(nodes), rng.choice(nodes)
        mask = mask_of(rng.choice([None, relations[:1], relations[:2]]))
        depth = rng.randint(1, 6)
        expected = _brute_force(graph, source, target, mask, depth)
        assert shortest_path(graph, source, target, mask=mask, max_depth=depth) == expected, (source, target)
