"""Traversals on a networkx DiGraph of the citation graph, for stores that keep one (graph/sqlite_store.py).

The DiGraph has one edge per (citing, cited) pair whose attribute "m" is a bit mask of the relations between
them, so that a relation filter costs one AND. Everything here returns ids in a defined order (see the
`GraphStore` docstrings): the store turns them into documents and edges with evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graph.models import RELATIONS

BITS: dict[str, int] = {relation: 1 << i for i, relation in enumerate(RELATIONS)}
ALL = (1 << len(RELATIONS)) - 1


def mask_of(relations: Collection[str] | None) -> int:
    """The bit mask of these relations; all of them when None."""
    if relations is None:
        return ALL
    unknown = set(relations) - set(BITS)
    if unknown:
        raise ValueError(f"unknown relation(s) {', '.join(sorted(unknown))}; expected {', '.join(RELATIONS)}")
    mask = 0
    for relation in relations:
        mask |= BITS[relation]
    return mask


def build(edges: Iterable[tuple[str, str, str]]) -> nx.DiGraph:
    """A DiGraph from (source, target, relation) rows."""
    masks: dict[tuple[str, str], int] = {}
    for src, dst, relation in edges:
        masks[src, dst] = masks.get((src, dst), 0) | BITS[relation]
    graph = nx.DiGraph()
    graph.add_edges_from((s, d, {"m": m}) for (s, d), m in masks.items())
    return graph


def neighbours(graph: nx.DiGraph, node: str, forwards: bool, mask: int) -> list[str]:
    """Ids one step away along edges of `mask`, forwards (cited) or backwards (citing), in id order."""
    if node not in graph:
        return []
    adjacency = graph._succ[node] if forwards else graph._pred[node]  # the dicts, not views: hot loop
    return sorted(n for n, attrs in adjacency.items() if attrs["m"] & mask)


@dataclass
class RawTree:
    node: str
    children: list[RawTree] = field(default_factory=list)
    truncated: bool = False
    cycle: bool = False


def unfold(
    graph: nx.DiGraph, root: str, *, forwards: bool, mask: int, max_depth: int, max_nodes: int
) -> tuple[RawTree, bool]:
    """The tree of every route from `root` (see `GraphStore.implementers`), depth first, children by id;
    and whether a limit cut it."""
    top = RawTree(root)
    count = 1
    cut = False
    # An explicit stack: (tree node, depth, ids on the route from the root to it).
    stack: list[tuple[RawTree, int, frozenset[str]]] = [(top, 0, frozenset([root]))]
    while stack:
        tree, depth, route = stack.pop()
        nexts = neighbours(graph, tree.node, forwards, mask)
        if not nexts:
            continue
        if depth >= max_depth:
            tree.truncated = cut = True
            continue
        children: list[RawTree] = []
        for node in nexts:
            if count >= max_nodes:
                tree.truncated = cut = True
                break
            count += 1
            child = RawTree(node, cycle=node in route)
            children.append(child)
        tree.children = children
        # Reversed onto the stack, so that the first child is expanded first: depth-first, in id order.
        for child in reversed(children):
            if not child.cycle:
                stack.append((child, depth + 1, route | {child.node}))
    return top, cut


def shortest_path(
    graph: nx.DiGraph, source: str, target: str, *, mask: int, max_depth: int
) -> list[str] | None:
    """The shortest route forwards from source to target, the smallest sequence of ids among equals."""
    if source == target:
        return [source]
    if source not in graph or target not in graph:
        return None
    # Distances to the target, breadth first backwards, then the smallest next id at each step forwards.
    distance = {target: 0}
    frontier = [target]
    for depth in range(1, max_depth + 1):
        following: list[str] = []
        for node in frontier:
            for prev in neighbours(graph, node, False, mask):
                if prev not in distance:
                    distance[prev] = depth
                    following.append(prev)
        if source in distance or not following:
            break
        frontier = following
    if source not in distance:
        return None
    route = [source]
    while route[-1] != target:
        here = distance[route[-1]]
        route.append(min(n for n in neighbours(graph, route[-1], True, mask) if distance.get(n) == here - 1))
    return route


def reach(
    graph: nx.DiGraph,
    root: str,
    *,
    depth: int,
    mask: int,
    direction: Literal["out", "in", "both"],
    max_nodes: int,
) -> tuple[list[str], bool]:
    """Ids within `depth` steps of root (root first), breadth first, ids in order within a level; and whether
    `max_nodes` cut it."""
    seen = {root}
    order = [root]
    frontier = [root]
    for _ in range(depth):
        level: set[str] = set()
        for node in frontier:
            if direction in ("out", "both"):
                level.update(neighbours(graph, node, True, mask))
            if direction in ("in", "both"):
                level.update(neighbours(graph, node, False, mask))
        fresh = sorted(level - seen)
        if not fresh:
            break
        room = max_nodes - len(order)
        if len(fresh) > room:
            order.extend(fresh[:room])
            return order, True
        seen.update(fresh)
        order.extend(fresh)
        frontier = fresh
    return order, False
