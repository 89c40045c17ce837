"""What every store answers with, built one way from plain dicts of documents and edges: trees, paths and
subgraphs from what graph/traverse.py returns, and the contract's orders (graph/store.py). graph/base.py
builds every answer with these; a store's read primitives use the orders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import pairwise
from typing import Any

from graph.models import CitedDocument, Document, DocumentPath, Edge, PathStep, Subgraph, Tree, TreeNode
from graph.store import DocumentNotFound, Pair
from graph.traverse import RawTree

# --- the contract's orders -------------------------------------------------------------------------------------


def edge_order(edge: Edge) -> tuple[Any, ...]:
    """The contract's edge order: (source_doc, start with none last, source, target, relation, evidence)."""
    return (
        edge.source_doc,
        edge.start is None,
        edge.start or 0,
        edge.source,
        edge.target,
        edge.relation,
        edge.evidence,
    )


def search_order(documents: Iterable[Document]) -> list[Document]:
    """`GraphStore.search`'s order: ingested first, then by date (latest first, undated last), then id; as
    SQL's ORDER BY placeholder, COALESCE(issue_date, year, '') DESC, id."""
    ordered = sorted(documents, key=lambda d: d.id)
    ordered.sort(key=lambda d: next((v for v in (d.issue_date, d.year) if v is not None), ""), reverse=True)
    ordered.sort(key=lambda d: d.placeholder)
    return ordered


def ranking_order(cited: CitedDocument) -> tuple[Any, ...]:
    """`GraphStore.missing`'s and `most_cited`'s order: most citing documents, then most edges, then id."""
    return (-cited.citing_documents, -cited.citations, cited.document.id)


# --- documents -------------------------------------------------------------------------------------------------


def required(document: Document | None, doc_id: str) -> Document:
    """The document a query starts from; `DocumentNotFound` when there is none."""
    if document is None:
        raise DocumentNotFound(doc_id, [])
    return document


def labels(documents: Iterable[Document]) -> dict[str, str]:
    """Every name of these documents (id, number, name, label) → its id; the smallest id has a shared name."""
    found: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: d.id):
        for name in (document.id, document.number, document.title, document.label):
            if name:
                found.setdefault(name, document.id)
    return found


# --- traversal answers -----------------------------------------------------------------------------------------


def tree_links(raw: RawTree, *, forwards: bool) -> tuple[set[str], set[Pair]]:
    """The ids in a tree from `traverse.unfold`, and the (source, target) pairs of its parent-child links."""
    ids: set[str] = set()
    pairs: set[Pair] = set()
    stack = [raw]
    while stack:
        node = stack.pop()
        ids.add(node.node)
        for child in node.children:
            pairs.add((node.node, child.node) if forwards else (child.node, node.node))
            stack.append(child)
    return ids, pairs


def tree(
    raw: RawTree,
    documents: dict[str, Document],
    edges: dict[Pair, list[Edge]],
    *,
    forwards: bool,
    relations: Collection[str],
    max_depth: int,
    truncated: bool,
) -> Tree:
    """The Tree of `raw`, each node with its document and the edges that link it to its parent."""

    # Built without validation: every part is a model already, and a tree may hold a thousand nodes.
    def build(node: RawTree, parent: str | None) -> TreeNode:
        links: list[Edge] = []
        if parent is not None:
            links = edges.get((parent, node.node) if forwards else (node.node, parent), [])
        return TreeNode.model_construct(
            document=documents[node.node],
            edges=links,
            children=[build(child, node.node) for child in node.children],
            truncated=node.truncated,
            cycle=node.cycle,
        )

    return Tree(root=build(raw, None), relations=list(relations), max_depth=max_depth, truncated=truncated)


def path(route: list[str], documents: dict[str, Document], edges: dict[Pair, list[Edge]]) -> DocumentPath:
    """The DocumentPath along `route` (ids, from `traverse.shortest_path`), each step with its edges."""
    return DocumentPath(
        steps=[
            PathStep(source=documents[s], target=documents[t], edges=edges[s, t]) for s, t in pairwise(route)
        ]
    )


def subgraph(
    ids: Collection[str], documents: dict[str, Document], edges: list[Edge], *, truncated: bool
) -> Subgraph:
    """The Subgraph of these documents (by id) and edges (given in edge order)."""
    return Subgraph(documents=[documents[i] for i in sorted(ids)], edges=edges, truncated=truncated)
