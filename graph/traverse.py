"""Traversals on a networkx DiGraph of the citation graph, for stores that keep one (graph/sqlite_store.py).

The DiGraph has one edge per (citing, cited) pair whose attribute "m" is a bit mask of the relations between
them, so that a relation filter costs one AND. Everything here returns ids in a defined order (see the
`GraphStore` docstrings): the store turns them into documents and edges with evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from graph.models import RELATIONS

BITS: dict[str, int] = {relation: 1 << i for i, relation in enumerate(RELATIONS)}
ALL = (1 << len(RELATIONS)) - 1

Adjacency = dict[
    str, dict[str, dict[str, int]]
]  # id → neighbour → {"m": the mask of the relations between them}

if TYPE_CHECKING:
    _DiGraph = nx.DiGraph[str]
else:  # networkx's classes take no type arguments at run time
    _DiGraph = nx.DiGraph


class CitationGraph(_DiGraph):
    """The DiGraph `build` makes. The traversals below read networkx's own dicts rather than the views over them
    (`succ`, `pred`): they are hot loops. networkx's stubs declare only the views; the dicts are declared here."""

    _succ: Adjacency
    _pred: Adjacency
    _node: dict[str, dict[str, Any]]


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


def build(edges: Iterable[tuple[str, str, str]]) -> CitationGraph:
    """A DiGraph from (source, target, relation) rows.

    Filled as `add_edges_from` would, except that the edges of one mask share one attribute dict (there are a
    few hundred masks at most): a dict per edge was a quarter of the store's memory at a million edges, and its
    making most of the time of loading the graph. The graph is read-only: nothing sets an edge's attributes."""
    graph = CitationGraph()
    succ, pred, nodes = graph._succ, graph._pred, graph._node
    shared: dict[int, dict[str, int]] = {}
    for src, dst, relation in edges:
        for node in (src, dst):
            if node not in succ:
                succ[node], pred[node], nodes[node] = {}, {}, {}
        held = succ[src].get(dst)
        mask = (held["m"] if held else 0) | BITS[relation]
        attrs = shared.get(mask)
        if attrs is None:
            attrs = shared[mask] = {"m": mask}
        succ[src][dst] = pred[dst][src] = attrs
    return graph


def neighbours(graph: CitationGraph, node: str, forwards: bool, mask: int) -> list[str]:
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
    graph: CitationGraph, root: str, *, forwards: bool, mask: int, max_depth: int, max_nodes: int
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
    graph: CitationGraph, source: str, target: str, *, mask: int, max_depth: int
) -> list[str] | None:
    """The shortest route forwards from source to target, the smallest sequence of ids among equals.

    Breadth first from both ends at once, a level at a time on the side whose frontier is smaller: a route to a
    document that thousands cite is found from the source's few citations, not from all its citers. Then the
    smallest route among the shortest is walked forwards from the source."""
    if source == target:
        return [source]
    if source not in graph or target not in graph:
        return None
    succ, pred = graph._succ, graph._pred  # the dicts, not views: hot loops
    ahead: dict[str, int] = {source: 0}  # distance from the source
    behind: dict[str, int] = {target: 0}  # distance to the target
    front, back = [source], [target]
    radius_ahead = radius_behind = 0
    while True:
        if radius_ahead + radius_behind >= max_depth or not front or not back:
            return None
        forwards = len(front) <= len(back)
        seen, adjacency = (ahead, succ) if forwards else (behind, pred)
        depth = (radius_ahead if forwards else radius_behind) + 1
        level: list[str] = []
        met = False
        for node in front if forwards else back:
            for other, attrs in adjacency[node].items():
                if other not in seen and attrs["m"] & mask:
                    seen[other] = depth
                    level.append(other)
                    met = met or other in (behind if forwards else ahead)
        if forwards:
            front, radius_ahead = level, depth
        else:
            back, radius_behind = level, depth
        if met:
            break
    return _smallest_route(succ, ahead, behind, radius_ahead, radius_behind, source, mask)


def _smallest_route(
    succ: dict[str, dict[str, dict[str, int]]],
    ahead: dict[str, int],
    behind: dict[str, int],
    radius_ahead: int,
    radius_behind: int,
    source: str,
    mask: int,
) -> list[str]:
    """The smallest of the shortest routes, once the two searches have met. Its length is the sum of their
    radii; a document `step` steps along it is `length - step` from the target: known from the backward search
    beyond the forward radius, and within it found back from the meeting level through the forward levels."""
    length = radius_ahead + radius_behind
    levels: list[list[str]] = [[] for _ in range(radius_ahead + 1)]
    for node, distance in ahead.items():
        levels[distance].append(node)
    on_route: list[set[str]] = [set() for _ in range(radius_ahead + 1)]
    on_route[radius_ahead] = {n for n in levels[radius_ahead] if behind.get(n) == radius_behind}
    for step in range(radius_ahead - 1, -1, -1):
        following = on_route[step + 1]
        on_route[step] = {
            n for n in levels[step] if any(m in following and a["m"] & mask for m, a in succ[n].items())
        }
    route = [source]
    for step in range(1, length + 1):
        nexts = (
            (m for m, a in succ[route[-1]].items() if a["m"] & mask and m in on_route[step])
            if step <= radius_ahead
            else (m for m, a in succ[route[-1]].items() if a["m"] & mask and behind.get(m) == length - step)
        )
        route.append(min(nexts))
    return route


def reach(
    graph: CitationGraph,
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
