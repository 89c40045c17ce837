"""`BaseStore`: the `GraphStore` protocol (graph/store.py) written once for every store, on what each store
provides: a read transaction that lends the read primitives of `GraphReader`, a write transaction that lends the
write primitives of `GraphTxn`, and `close`.

- Queries: the protocol's keywords and defaults, the relation filters checked, each query one read transaction.
- Traversals (implementers / implements trees, path, neighbourhood): the part of the graph a traversal looks at is
  fetched level by level through `GraphReader.steps` (one call per level and direction), unless the store holds
  the whole graph of the state it reads (`GraphReader.whole_graph`: the SQLite store's cached DiGraph); then
  graph/traverse.py runs on it, and the answer is built by graph/answers.py from the documents and edges it
  names. Same code, same orders, same truncation and cycle rules on every store: the same answers by
  construction.
- Validity (status, timeline, replacement chain): the edges into a document that change its force (and the
  guidance documents, for a timeline) and the documents at their ends, read through `GraphReader.citations` and
  `GraphReader.documents`; graph/validity.py derives the answer from them, the same on every store.
- Writes: the write loop of graph/load.py (`apply_batch`, `remove_documents`) on the store's `GraphTxn`.

A store keeps only what is its own: its statements, its transactions, its errors, its caches.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Self, TypeVar

from graph import answers, traverse, validity
from graph import lookup as lookups
from graph.load import apply_batch, remove_documents
from graph.models import (
    Change,
    CitedDocument,
    Direction,
    Document,
    DocumentPath,
    DocumentWrite,
    Edge,
    Stats,
    Status,
    Subgraph,
    Timeline,
    Tree,
    WriteResult,
)
from graph.rows import SearchTerms
from graph.store import GraphReader, GraphTxn, Step
from graph.traverse import CitationGraph
from ingest.relation_table import CHANGES_FORCE

T = TypeVar("T")

# The directions a neighbourhood follows edges in: forwards (True), backwards (False).
_FOLLOWS: dict[Direction, tuple[bool, ...]] = {"out": (True,), "in": (False,), "both": (True, False)}


class BaseStore(ABC):
    """A `graph.store.GraphStore` made of a store's transactions (see the module docstring)."""

    url: str

    # --- what a store provides -----------------------------------------------------------------------------

    @abstractmethod
    def _reading(self, work: Callable[[GraphReader], T]) -> T:
        """`work` on the read primitives of one read transaction, which sees one committed state."""

    @abstractmethod
    def _writing(self, work: Callable[[GraphTxn], T], *, changed: Callable[[T], bool], doing: str) -> T:
        """`work` on the write primitives of one write transaction, all of it or nothing; when `changed(result)`,
        the store notes that the graph changed (readers that cache it look again). `doing` names it in errors."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------------------

    def write(self, documents: Sequence[DocumentWrite]) -> WriteResult:
        return self._writing(
            lambda txn: apply_batch(txn, documents), changed=lambda r: r.written > 0, doing="writing"
        )

    def delete(self, doc_ids: Collection[str]) -> list[str]:
        return self._writing(lambda txn: remove_documents(txn, doc_ids), changed=bool, doing="deleting")

    # --- documents -----------------------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        return self._reading(lambda r: r.get(doc_id))

    def text(self, doc_id: str) -> str | None:
        return self._reading(lambda r: r.text(doc_id))

    def documents_by_keys(self, keys: Collection[str]) -> list[Document]:
        return self._reading(lambda r: r.by_keys(keys))

    def labels(self) -> dict[str, str]:
        return self._reading(lambda r: answers.labels(r.all_documents()))

    def find(self, ref: str) -> list[Document]:
        return self._reading(lambda r: lookups.find(ref, r.get, r.by_keys, r.search))

    def lookup(self, ref: str) -> Document:
        return self._reading(
            lambda r: lookups.lookup(
                ref, r.get, r.by_keys, lambda: answers.labels(r.all_documents()), r.search
            )
        )

    def search(
        self,
        *,
        number: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        words: str | None = None,
        placeholders: bool = True,
        limit: int = 50,
    ) -> list[Document]:
        terms = SearchTerms.of(
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            date_from=date_from,
            date_to=date_to,
            words=words,
            placeholders=placeholders,
        )
        return self._reading(lambda r: r.search(terms, limit))

    # --- edges and traversals ------------------------------------------------------------------------------

    def citations(
        self, doc_id: str, direction: Direction = "out", relations: Collection[str] | None = None
    ) -> list[Edge]:
        traverse.mask_of(relations)  # unknown relations are an error, as in traversals

        def work(r: GraphReader) -> list[Edge]:
            edges = r.citations(doc_id, direction, relations)
            if not edges:  # an edge's ends are documents: only an answer without edges needs to look
                answers.required(r.get(doc_id), doc_id)
            return edges

        return self._reading(work)

    def implementers(
        self,
        doc_id: str,
        max_depth: int = 5,
        relations: Collection[str] = ("implements",),
        max_nodes: int = 1000,
    ) -> Tree:
        mask = traverse.mask_of(relations)
        return self._reading(
            lambda r: _tree(
                r,
                doc_id,
                forwards=False,
                mask=mask,
                relations=relations,
                max_depth=max_depth,
                max_nodes=max_nodes,
            )
        )

    def implements(
        self,
        doc_id: str,
        max_depth: int = 10,
        relations: Collection[str] = ("implements",),
        max_nodes: int = 1000,
    ) -> Tree:
        mask = traverse.mask_of(relations)
        return self._reading(
            lambda r: _tree(
                r,
                doc_id,
                forwards=True,
                mask=mask,
                relations=relations,
                max_depth=max_depth,
                max_nodes=max_nodes,
            )
        )

    def path(
        self, source: str, target: str, relations: Collection[str] | None = None, max_depth: int = 10
    ) -> DocumentPath | None:
        mask = traverse.mask_of(relations)
        return self._reading(
            lambda r: _path(r, source, target, mask=mask, relations=relations, max_depth=max_depth)
        )

    def neighbourhood(
        self,
        doc_id: str,
        depth: int = 1,
        relations: Collection[str] | None = None,
        direction: Direction = "both",
        max_nodes: int = 500,
    ) -> Subgraph:
        mask = traverse.mask_of(relations)
        return self._reading(
            lambda r: _neighbourhood(
                r,
                doc_id,
                depth=depth,
                mask=mask,
                relations=relations,
                direction=direction,
                max_nodes=max_nodes,
            )
        )

    # --- validity ------------------------------------------------------------------------------------------

    def status(self, doc_id: str, as_of: date | None = None) -> Status:
        day = as_of or date.today()
        return self._reading(lambda r: _status(r, doc_id, day))

    def statuses(self, doc_ids: Collection[str], as_of: date | None = None) -> dict[str, Status]:
        day = as_of or date.today()
        return self._reading(lambda r: _statuses(r, doc_ids, day))

    def timeline(self, doc_id: str) -> Timeline:
        def work(r: GraphReader) -> Timeline:
            document, edges, documents = _acted_on(r, doc_id, (*CHANGES_FORCE, validity.GUIDES))
            return validity.timeline(document, edges, documents)

        return self._reading(work)

    def replacement_chain(self, doc_id: str, as_of: date | None = None) -> list[Change]:
        day = as_of or date.today()
        return self._reading(lambda r: _chain(r, doc_id, day))

    # --- rankings and counts -------------------------------------------------------------------------------

    def missing(self, limit: int = 50) -> list[CitedDocument]:
        return self._reading(lambda r: r.ranked(placeholders_only=True, relations=None, limit=limit))

    def most_cited(self, limit: int = 50, relations: Collection[str] | None = None) -> list[CitedDocument]:
        traverse.mask_of(relations)
        return self._reading(lambda r: r.ranked(placeholders_only=False, relations=relations, limit=limit))

    def stats(self) -> Stats:
        return self._reading(lambda r: r.stats())

    def to_review(self, below: float = 0.8, limit: int = 50, offset: int = 0) -> list[Edge]:
        return self._reading(lambda r: r.to_review(below, limit, offset))


# --- traversals, on any store's read primitives ----------------------------------------------------------------


def _levels(
    reader: GraphReader,
    root: str,
    *,
    forwards: Iterable[bool],
    relations: Collection[str] | None,
    levels: int,
    enough: Callable[[set[str]], bool] = lambda _seen: False,
) -> CitationGraph:
    """What a traversal from `root` looks at: the whole graph when the store holds it; else the edges of
    `relations` out of (forwards True) and/or into (False) every document within `levels - 1` steps of `root`,
    fetched breadth first, one level and direction per call, stopping early when no document is new or when
    `enough(documents reached)`. graph/traverse.py looks only at the neighbours of documents it expanded."""
    whole = reader.whole_graph()
    if whole is not None:
        return whole
    seen = {root}
    frontier = [root]
    rows: list[Step] = []
    for _ in range(levels):
        fresh: set[str] = set()
        for direction in forwards:
            for step in reader.steps(frontier, direction, relations):
                rows.append(step)
                fresh.add(step[1] if direction else step[0])
        fresh -= seen
        seen |= fresh
        frontier = sorted(fresh)
        if not frontier or enough(seen):
            break
    return traverse.build(rows)


def _meeting(
    reader: GraphReader, source: str, target: str, relations: Collection[str] | None, max_depth: int
) -> CitationGraph:
    """What `traverse.shortest_path` looks at: the whole graph when the store holds it; else the edges forwards
    from the source and backwards from the target, a level at a time on the side whose frontier is smaller, until
    the two meet (or max_depth steps are spent, or a side has nowhere to go). The same levels in the same order
    as `shortest_path` expands them, so that it finds on this part of the graph the route it finds on the whole:
    every shortest route lies in it. (A search from the target alone reads every document within reach of a
    widely cited law.)"""
    whole = reader.whole_graph()
    if whole is not None:
        return whole
    seen = {True: {source}, False: {target}}
    frontier = {True: [source], False: [target]}
    rows: list[Step] = []
    for _ in range(max(max_depth, 0) if source != target else 0):
        if not frontier[True] or not frontier[False]:
            break
        forwards = len(frontier[True]) <= len(frontier[False])
        fresh: set[str] = set()
        for step in reader.steps(frontier[forwards], forwards, relations):
            rows.append(step)
            fresh.add(step[1] if forwards else step[0])
        fresh -= seen[forwards]
        seen[forwards] |= fresh
        frontier[forwards] = sorted(fresh)
        if fresh & seen[not forwards]:
            break
    return traverse.build(rows)


def _tree(
    reader: GraphReader,
    doc_id: str,
    *,
    forwards: bool,
    mask: int,
    relations: Collection[str],
    max_depth: int,
    max_nodes: int,
) -> Tree:
    # unfold looks at the neighbours of every document it reaches, down to max_depth (truncation marks).
    graph = _levels(reader, doc_id, forwards=[forwards], relations=relations, levels=max(max_depth, 0) + 1)
    raw, cut = traverse.unfold(
        graph, doc_id, forwards=forwards, mask=mask, max_depth=max_depth, max_nodes=max_nodes
    )
    ids, pairs = answers.tree_links(raw, forwards=forwards)
    documents = reader.documents(ids)
    answers.required(documents.get(doc_id), doc_id)  # the root's document, fetched with the others
    edges = reader.edges_between(pairs, relations)
    return answers.tree(
        raw, documents, edges, forwards=forwards, relations=relations, max_depth=max_depth, truncated=cut
    )


def _path(
    reader: GraphReader,
    source: str,
    target: str,
    *,
    mask: int,
    relations: Collection[str] | None,
    max_depth: int,
) -> DocumentPath | None:
    graph = _meeting(reader, source, target, relations, max_depth)
    route = traverse.shortest_path(graph, source, target, mask=mask, max_depth=max_depth)
    documents = reader.documents(route or [source, target])
    for doc_id in (source, target):  # fetched with the route's, rather than one query each first
        answers.required(documents.get(doc_id), doc_id)
    if route is None:
        return None
    edges = reader.edges_between(set(pairwise(route)), relations)
    return answers.path(route, documents, edges)


def _neighbourhood(
    reader: GraphReader,
    doc_id: str,
    *,
    depth: int,
    mask: int,
    relations: Collection[str] | None,
    direction: Direction,
    max_nodes: int,
) -> Subgraph:
    graph = _levels(
        reader,
        doc_id,
        forwards=_FOLLOWS[direction],
        relations=relations,
        levels=max(depth, 0),
        enough=lambda seen: len(seen) > max_nodes,  # reach stops at the level that overflows
    )
    ids, cut = traverse.reach(graph, doc_id, depth=depth, mask=mask, direction=direction, max_nodes=max_nodes)
    documents = reader.documents(ids)
    answers.required(documents.get(doc_id), doc_id)
    # Every edge between two of them, those between two documents of the last level included (which a graph read
    # level by level does not hold).
    return answers.subgraph(ids, documents, reader.edges_among(ids, relations), truncated=cut)


# --- validity, on any store's read primitives -----------------------------------------------------------------


def _acted_on(
    reader: GraphReader, doc_id: str, relations: Collection[str]
) -> tuple[Document, list[Edge], dict[str, Document]]:
    """The document, the edges of `relations` into it, and the documents they name: the acting ones and the
    texts that state them (for an asserted edge, a third document)."""
    edges = reader.citations(doc_id, "in", relations)
    documents = reader.documents({doc_id} | {e.source for e in edges} | {e.source_doc for e in edges})
    return answers.required(documents.get(doc_id), doc_id), edges, documents


def _acted_on_many(
    reader: GraphReader, ids: Collection[str], relations: Collection[str]
) -> tuple[dict[str, list[Edge]], dict[str, Document]]:
    """`_acted_on` for many documents in three reads whatever their number (the edges' ends, the edges, the
    documents): the edges of `relations` into each, in edge order, and every document they name. Ids that name
    no document are left out."""
    pairs = {(source, target) for source, target, _ in reader.steps(sorted(ids), False, relations)}
    into: dict[str, list[Edge]] = {doc_id: [] for doc_id in ids}
    for found in reader.edges_between(pairs, relations).values():
        for edge in found:
            into[edge.target].append(edge)
    named = (
        set(ids)
        | {e.source for es in into.values() for e in es}
        | {e.source_doc for es in into.values() for e in es}
    )
    documents = reader.documents(named)
    return {
        doc_id: sorted(edges, key=answers.edge_order) for doc_id, edges in into.items() if doc_id in documents
    }, documents


def _chains(
    reader: GraphReader, roots: Collection[str], as_of: date, known: dict[str, Change | None]
) -> dict[str, list[Change]]:
    """Whole replacements in effect on `as_of`, followed from each of `roots` to the document in force in its
    place (the first replacement at each link; a loop or MAX_CHAIN links stop a chain). `known`: the first link
    of documents whose edges were read already (None: nothing replaced it). The links not known are read for
    every chain together, a level at a time: as many reads as the longest chain has links, not one per document."""
    link = dict(known)
    chains: dict[str, list[Change]] = {doc_id: [] for doc_id in roots}
    seen = {doc_id: {doc_id} for doc_id in roots}
    tips = {doc_id: doc_id for doc_id in roots}  # each unfinished chain's last document
    for _ in range(validity.MAX_CHAIN):
        unread = {tip for tip in tips.values() if tip not in link}
        if unread:
            edges, documents = _acted_on_many(reader, unread, ("replaces",))
            for doc_id in unread:
                link[doc_id] = validity.replacement(validity.changes(edges.get(doc_id, []), documents, as_of))
        for doc_id, tip in list(tips.items()):
            step = link[tip]
            if step is None or step.by.id in seen[doc_id]:
                del tips[doc_id]
                continue
            chains[doc_id].append(step)
            seen[doc_id].add(step.by.id)
            tips[doc_id] = step.by.id
        if not tips:
            break
    return chains


def _chain(reader: GraphReader, doc_id: str, as_of: date) -> list[Change]:
    answers.required(reader.get(doc_id), doc_id)
    return _chains(reader, [doc_id], as_of, {})[doc_id]


def _statuses(reader: GraphReader, ids: Collection[str], as_of: date) -> dict[str, Status]:
    """The status of each of `ids` that names a document, on `as_of`, in a few reads whatever their number (the
    edges into them, then a level of replacements at a time): what an export or a list shows."""
    edges, documents = _acted_on_many(reader, ids, CHANGES_FORCE)
    found = {doc_id: validity.changes(into, documents, as_of) for doc_id, into in edges.items()}
    first = {doc_id: validity.replacement(changes) for doc_id, changes in found.items()}
    chains = _chains(reader, list(found), as_of, first)
    return {
        doc_id: validity.status(documents[doc_id], found[doc_id], documents, as_of, chains[doc_id])
        for doc_id in sorted(edges)
    }


def _status(reader: GraphReader, doc_id: str, as_of: date) -> Status:
    found = _statuses(reader, [doc_id], as_of)
    if doc_id not in found:
        answers.required(None, doc_id)
    return found[doc_id]
