"""The `GraphStore` protocol every store meets and the errors its methods raise; and the primitives a store lends
to what is written once for every store: `GraphReader`, the reads of one read transaction, which the queries of
graph/base.py are made of, and `GraphTxn`, the writes of one write transaction, which the write loop of
graph/load.py runs on. (Which store a URL names is graph/registry.py's business.)

Two stores answer the same questions the same way: the embedded default (one SQLite file, networkx for
traversals; graph/sqlite_store.py) and Neo4j (graph/neo4j_store.py), both `graph.base.BaseStore`s.
tests/test_graph_contract.py holds them to this contract; a new store registers its URL schemes in
`graph.registry.STORE_FACTORIES` and its factory in tests/graph_stores.py.

Orders are part of the contract, so that two stores give the same lists: documents by id unless said otherwise,
edges by (source_doc, start offset with none last, source, target, relation).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from graph.labels import distinct_labels, how_to_choose
from graph.models import (
    Change,
    CitedDocument,
    Direction,
    Document,
    DocumentPath,
    DocumentWrite,
    Edge,
    EdgeRecord,
    NodeRecord,
    Retarget,
    Stats,
    Status,
    StoredEnd,
    Subgraph,
    Timeline,
    Tree,
    WriteResult,
)
from graph.resolve import Candidate
from graph.rows import SearchTerms
from graph.traverse import CitationGraph

Pair = tuple[str, str]  # (source, target) of the edges between two documents
Step = tuple[str, str, str]  # (source, target, relation) of an edge, all a traversal needs of it


class StoreError(Exception):
    """The store cannot be used: a file that is not a lexgraph database, a database locked by another writer,
    a server that cannot be reached. The message says what and where, for a person to act on."""


class DocumentNotFound(LookupError):
    """No document has this id, or matches this reference; `suggestions` holds close ones (graph/lookup.py)."""

    def __init__(self, ref: str, suggestions: list[Document]) -> None:
        self.ref = ref
        self.suggestions = suggestions
        close = "; ".join(f"{d.label} ({d.id})" for d in suggestions)
        super().__init__(f"no document matches {ref!r}" + (f"; did you mean: {close}" if close else ""))


class AmbiguousReference(LookupError):
    """A reference that matches several documents, none of which it prefers (graph/lookup.py)."""

    def __init__(self, ref: str, candidates: list[Document]) -> None:
        self.ref = ref
        self.candidates = candidates
        labels = distinct_labels(candidates)
        listed = "; ".join(f"{label} ({d.id})" for label, d in zip(labels, candidates, strict=True))
        super().__init__(
            f"{ref!r} matches {len(candidates)} documents: {listed}; {how_to_choose(candidates)}"
        )


@runtime_checkable
class GraphStore(Protocol):
    """A graph of documents (ingested, or placeholders for cited ones) and the edges their texts state.

    Every method reads one consistent state: a reader running while a write commits sees the graph before it or
    after it, never part of it. Traversals are bounded (depth, size), follow edges in their direction (citing →
    cited) and never loop.
    """

    url: str

    # --- writing -------------------------------------------------------------------------------------------

    def write(self, documents: Sequence[DocumentWrite]) -> WriteResult:
        """Write whole documents in one transaction: all of them or, on failure, none.

        A document whose content hash is stored already is left alone. Any other replaces the document of its id:
        its metadata and all the edges its text states (its citations and the relations it asserts). Citations
        are resolved with `graph.resolve`; placeholders are created for what is cited but not held, and an edge
        that resolves differently now that the graph knows more moves (a placeholder left without edges goes).
        `graph.base.BaseStore` runs `graph.load.apply_batch` on the store's own `GraphTxn`."""
        ...

    def delete(self, doc_ids: Collection[str]) -> list[str]:
        """Remove these ingested documents in one transaction: the edges their texts state go; one that other
        documents still cite stays as a placeholder with those edges, the others go, and what pointed at them is
        resolved again. Returns the ids that were ingested (unknown ids and placeholders are left alone)."""
        ...

    # --- documents -----------------------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        """The document of this id, ingested or placeholder."""
        ...

    def text(self, doc_id: str) -> str | None:
        """The normalised text of an ingested document (edge offsets point into it); None for placeholders."""
        ...

    def documents_by_keys(self, keys: Collection[str]) -> list[Document]:
        """Documents that carry any of these match keys (graph/identity.py: "n:06/NQ-CP", "t:luật đất đai")."""
        ...

    def labels(self) -> dict[str, str]:
        """Every way to name a document that a person might type (id, number, name, label) → its id; for
        suggestions when a reference finds nothing."""
        ...

    def find(self, ref: str) -> list[Document]:
        """Documents that `ref` names: an id, or citation text ("Nghị quyết số 06/NQ-CP của Chính phủ", "06/NQ-CP",
        "Luật Đất đai 2013"). See `graph.lookup.find`, which every store uses."""
        ...

    def lookup(self, ref: str) -> Document:
        """The one document `ref` names; raises `DocumentNotFound` (with close matches) or `AmbiguousReference`
        (with the candidates). See `graph.lookup.lookup`."""
        ...

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
        """Documents that meet every given condition:
        - number: part of the số ký hiệu, case-insensitive ("06/NQ", "nq-cp");
        - doc_type: the type, as `ingest.citations.canonical_type` names it ("nghị quyết" = "Nghị quyết");
        - issuer: part of the issuer's name, case-insensitive;
        - date_from/date_to: ISO dates or years, inclusive; a document dated by its year alone matches when that
          year overlaps the range; undated documents never match a date condition;
        - words: every word occurs in the name or subject, case-insensitive; a word typed without diacritics
          ("dat dai") also matches the words with them;
        - placeholders=False leaves cited-but-missing documents out.
        Ordered ingested first, then by date (latest first, undated last), then id; at most `limit`."""
        ...

    # --- edges and traversals ------------------------------------------------------------------------------

    def citations(
        self, doc_id: str, direction: Direction = "out", relations: Collection[str] | None = None
    ) -> list[Edge]:
        """Edges out of `doc_id` (what it cites, including relations other letters assert of it), into it (what
        cites it) or both; only `relations` when given. Edge order (see the module docstring)."""
        ...

    def to_review(self, below: float = 0.8, limit: int = 50, offset: int = 0) -> list[Edge]:
        """The edges whose target the rules chose without certainty, for a person to check: resolved by the
        "latest before" rule, ambiguous, or with a resolution confidence under `below` (graph/resolve.py).
        Edge order; `limit` of them after skipping `offset`."""
        ...

    def implementers(
        self,
        doc_id: str,
        max_depth: int = 5,
        relations: Collection[str] = ("implements",),
        max_nodes: int = 1000,
    ) -> Tree:
        """What implements `doc_id`, transitively: the root's children are the documents with an edge of one of
        `relations` into it, each with those edges (evidence); their children the same for them, down to
        `max_depth` levels. A document reached along two routes appears under both (1127/LĐLĐ under 06/NQ-CP and
        under 5890/TLĐ-CSPL). A document already on the route from the root is shown with `cycle` and not expanded;
        one at the depth limit, or cut by `max_nodes` (counted in depth-first order), with `truncated` when it has
        children. Children are ordered by id."""
        ...

    def implements(
        self,
        doc_id: str,
        max_depth: int = 10,
        relations: Collection[str] = ("implements",),
        max_nodes: int = 1000,
    ) -> Tree:
        """What `doc_id` implements, up to the roots: `implementers` with the edges followed forwards."""
        ...

    def path(
        self, source: str, target: str, relations: Collection[str] | None = None, max_depth: int = 10
    ) -> DocumentPath | None:
        """The shortest route from `source` to `target` following edges forwards (only `relations` when given),
        of at most `max_depth` steps; among equally short routes, the one whose sequence of ids is smallest. Each
        step carries all the (filtered) edges between its two documents. None when there is none; an empty path
        when source is target."""
        ...

    def neighbourhood(
        self,
        doc_id: str,
        depth: int = 1,
        relations: Collection[str] | None = None,
        direction: Direction = "both",
        max_nodes: int = 500,
    ) -> Subgraph:
        """Documents within `depth` steps of `doc_id` along edges of `relations` (all when None), followed
        forwards ("out"), backwards ("in") or both; and every such edge between two of them. Breadth first, ids in
        order within a level; at most `max_nodes` documents (`truncated` when more were in reach). Documents by
        id, edges in edge order."""
        ...

    # --- validity (graph/validity.py) -----------------------------------------------------------------------

    def status(self, doc_id: str, as_of: date | None = None) -> Status:
        """Whether `doc_id` is in force on `as_of` (today when None): in force, not yet, expired, replaced,
        repealed, partly repealed, suspended, amended, or unknown where nothing in the graph decides it (a
        placeholder is never in force by default); with the changes and the sentences the answer rests on, every
        change the graph holds of it, and the chain of replacements to the document in force in its place."""
        ...

    def statuses(self, doc_ids: Collection[str], as_of: date | None = None) -> dict[str, Status]:
        """`status` of each of these documents, by id (ids that name no document are left out), read together:
        a few reads whatever their number (the edges into them, then one per link of the longest replacement
        chain), for a list or an export that shows every document's status."""
        ...

    def timeline(self, doc_id: str) -> Timeline:
        """Its life in date order: issued, in force, each amendment, partial repeal, replacement, suspension and
        guidance document, its expiry; each event with its evidence."""
        ...

    def replacement_chain(self, doc_id: str, as_of: date | None = None) -> list[Change]:
        """Whole replacements in effect on `as_of`, from its replacement to the document in force in its place
        ("what is in force today in place of X": the last one's `by`); empty when nothing replaced it."""
        ...

    def missing(self, limit: int = 50) -> list[CitedDocument]:
        """Placeholders, most cited first: by distinct citing documents (edge sources), then by edges, then id."""
        ...

    def most_cited(self, limit: int = 50, relations: Collection[str] | None = None) -> list[CitedDocument]:
        """Documents (ingested or not) with edges of `relations` into them, ranked as in `missing`."""
        ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        """The store itself: `with open_store(url) as store:` closes it at the end."""
        ...

    def __exit__(self, *exc: object) -> None:
        """close()"""
        ...


class GraphReader(Protocol):
    """The reads `graph.base.BaseStore` makes every query of, all inside one read transaction of the store: what
    each store runs (SQL, Cypher) and nothing else. Orders are the contract's (see the module docstring)."""

    def get(self, doc_id: str) -> Document | None:
        """The document of this id, ingested or placeholder."""
        ...

    def text(self, doc_id: str) -> str | None:
        """The normalised text of an ingested document; None for placeholders and unknown ids."""
        ...

    def documents(self, ids: Collection[str]) -> dict[str, Document]:
        """The documents of these ids that exist, by id."""
        ...

    def by_keys(self, keys: Collection[str]) -> list[Document]:
        """Documents that carry any of these match keys, each once, by id."""
        ...

    def all_documents(self) -> Iterable[Document]:
        """Every document, in any order."""
        ...

    def search(self, terms: SearchTerms, limit: int) -> list[Document]:
        """Documents that meet every condition of `terms`, in `GraphStore.search`'s order; at most `limit` (a
        negative limit: all of them)."""
        ...

    def citations(self, doc_id: str, direction: Direction, relations: Collection[str] | None) -> list[Edge]:
        """Edges out of, into, or out of and into `doc_id`, of `relations` (all when None), in edge order."""
        ...

    def whole_graph(self) -> CitationGraph | None:
        """Every edge as a graph/traverse.py DiGraph, when the store holds one of the state this transaction
        reads (traversals then run on it and never call `steps`); else None."""
        ...

    def steps(self, ids: Sequence[str], forwards: bool, relations: Collection[str] | None) -> Iterable[Step]:
        """The edges out of (`forwards`) or into these documents, of `relations` (all when None), as (source,
        target, relation), in any order: one level of a traversal."""
        ...

    def edges_between(
        self, pairs: Collection[Pair], relations: Collection[str] | None
    ) -> dict[Pair, list[Edge]]:
        """The edges of these (source, target) pairs, of `relations` (all when None), in edge order; a pair
        without such edges is left out."""
        ...

    def edges_among(self, ids: Collection[str], relations: Collection[str] | None) -> list[Edge]:
        """Every edge whose two ends are among `ids`, of `relations` (all when None), in edge order."""
        ...

    def ranked(
        self, *, placeholders_only: bool, relations: Collection[str] | None, limit: int
    ) -> list[CitedDocument]:
        """Documents with edges of `relations` into them (placeholders only, or all), in `GraphStore.missing`'s
        order; at most `limit`."""
        ...

    def to_review(self, below: float, limit: int, offset: int) -> list[Edge]:
        """Edges whose target a person should check (`GraphStore.to_review`), in edge order, `limit` of them
        after skipping `offset`."""
        ...

    def stats(self) -> Stats: ...


class GraphTxn(Protocol):
    """The writes `graph.load.apply_batch` and `graph.load.remove_documents` are made of, all inside one write
    transaction of the store."""

    def content_hashes(self, ids: Collection[str]) -> dict[str, str]:
        """Content hash of each of these ids that is an ingested document."""
        ...

    def ids_from_sources(self, sources: Collection[str]) -> dict[str, list[str]]:
        """Ingested documents read from these files, by file."""
        ...

    def delete_edges_of(self, doc_ids: Collection[str]) -> set[str]:
        """Delete the edges these documents' texts state; return the documents at their ends."""
        ...

    def demote(self, doc_ids: Collection[str]) -> None:
        """Turn ingested documents back into placeholders (their files now name other documents)."""
        ...

    def upsert_documents(self, nodes: Sequence[NodeRecord]) -> None:
        """Insert or replace ingested documents (a placeholder of the same id becomes one) and their own keys."""
        ...

    def merge_placeholders(self, nodes: Sequence[NodeRecord]) -> set[str]:
        """Insert these placeholders; of one that exists as a placeholder, fill only what it lacks. Returns the
        ids of those that did not exist."""
        ...

    def add_keys(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (match key, document id) pairs: names that citations give to numbered documents."""
        ...

    def keys_of(self, ids: Collection[str]) -> set[str]: ...

    def existing(self, ids: Collection[str]) -> set[str]: ...

    def candidates(self, keys: Collection[str]) -> dict[str, list[Candidate]]:
        """Documents by match key, as resolution candidates."""
        ...

    def insert_edges(self, edges: Sequence[EdgeRecord]) -> None: ...

    def unfixed_ends(self, changes: Mapping[str, str | None]) -> list[StoredEnd]:
        """Edge ends that could resolve differently now that candidates changed under these match keys: key →
        the earliest year of a candidate that appeared, went or changed under it (None: unknown, every end of
        the key). At least the unfixed ends of the key whose reference admits a candidate of that year or later:
        its own year, if it names one, is not earlier; and, unless it is a name with a year (which no date
        bounds), the date of its citing document, if known, is not earlier. A store may return more (graph.load
        leaves unmoved ends alone). Ordered by edge id, dst first."""
        ...

    def retarget(self, changes: Sequence[Retarget]) -> None: ...

    def orphan_placeholders(self, ids: Collection[str]) -> set[str]:
        """Those of `ids` that are placeholders without any edge."""
        ...

    def delete_nodes(self, ids: Collection[str]) -> None: ...
