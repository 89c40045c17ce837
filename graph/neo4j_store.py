"""The Neo4j store: the same `GraphStore` contract as the embedded one, on a Neo4j 5 server, through the official
driver.

Model (one database can hold several lexgraph graphs, told apart by `graph_id`; "default" unless the URL says
`?graph=NAME`):

    (:LexDocument {graph_id, id, placeholder, number, …, words, date_lo, date_hi})   one per document
    (:LexKey {graph_id, match_key, doc_id, own})                                    the match keys (SQLite's doc_keys)
    (:LexText {graph_id, id, text})                           an ingested document's text, apart: queries never carry it
    (:LexDocument)-[:CITES {eid, relation, evidence, …, dst_key, dst_method, …}]->(:LexDocument)   one per edge
    (:LexGraph {graph_id, schema_version, generation, next_edge})                   one per graph: lock and counters

- One relationship type, `CITES`, with the relation in a `relation` property (as the SQLite store has a column):
  every statement is one constant text whatever the relation, relation filters are a parameter
  (`r.relation IN $relations`), and an edge whose end moves is copied without choosing among nine statements.
  The price: a hand-written Cypher query says `[:CITES {relation: 'implements'}]`, not `[:IMPLEMENTS]`.
- Properties are the SQLite store's columns, computed by the same functions (graph/rows.py: `document_row` for
  the derived search fields, `document_of` and `edge_of` for the models), so both stores search and answer alike;
  the answers are built as the SQLite store builds them (graph/answers.py).
- Every statement is a constant string below; values travel only as parameters (tests/test_neo4j_store.py
  checks both, and that each statement gets exactly the parameters it names).
- Writes: one managed write transaction per batch (`session.execute_write`, which runs it again on a transient
  failure such as a deadlock) running the write loop of graph/load.py on `_Txn` (`graph.base.BaseStore`). It
  first takes a write lock on the graph's `LexGraph` node, so that batches of one graph are serialised as
  SQLite's BEGIN IMMEDIATE serialises them (resolution reads, then writes), and it moves the graph's
  `generation` when it changed something. Before it, a transaction with the store's `timeout` waits for that
  lock and gives it back: a writer kept waiting longer by another one gets the StoreError SQLite's store gives
  ("locked by another writer").
- Reads: every public query (graph/base.py) is one managed read transaction, on `_Reader`. Neo4j reads are
  read-committed, not snapshots, so a read notes the generation before and after and runs again when a write
  committed in between: a reader sees the graph before a batch or after it, never part of it. A read that
  writes moved OPTIMISTIC_READS times runs under the graph's lock, which waits for the batch being written and
  holds the next one back meanwhile.
- Traversals (graph/base.py) fetch the edges they need, level by level from the start (`_Reader.steps`, one
  statement per level), into a small networkx graph, and run graph/traverse.py on it, as the SQLite store does
  on the whole graph: same code, same orders, same truncation and cycle rules, hence the same answers.
- Driver and server failures are `StoreError`s that say where and what to check.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, LiteralString, Protocol, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import answers
from graph.base import BaseStore
from graph.identity import REFERENCE_FIELDS
from graph.models import (
    CitedDocument,
    Direction,
    Document,
    Edge,
    EdgeRecord,
    NodeRecord,
    Retarget,
    Stats,
    StoredEnd,
)
from graph.resolve import UNCERTAIN_METHODS, Candidate

# One definition of the stored fields and of the models made from them, shared with the embedded store, so that
# the two cannot drift apart.
from graph.rows import (
    DOC_FIELDS,
    EDGE_FIELDS,
    ROW_FIELDS,
    STORED_NAMES,
    SearchTerms,
    document_of,
    document_row,
    edge_of,
    json_list,
    merged_placeholder,
    resolution_of,
)
from graph.store import GraphReader, GraphTxn, Pair, Step, StoreError

# The driver logs what it then raises (and retries it makes): the StoreError says it once. Without a handler of
# its own, Python's last-resort handler would print those records on stderr; an application that configures
# logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMA_VERSION = 1
DEFAULT_GRAPH = "default"
DEFAULT_DATABASE = "neo4j"
DEFAULT_PORT = 7687
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
# A read runs again when a write commits meanwhile; after this many tries it reads under the graph's lock instead
# (a long read beside a busy ingest would otherwise never see a quiet moment).
OPTIMISTIC_READS = 4
DROP_BATCH = 10_000  # nodes deleted per transaction by `drop`

# EdgeRecord fields → relationship properties: the ends are the relationship's nodes; "start"/"end" are stored as
# the SQLite columns are named (and END is a Cypher keyword).
_EDGE_PROPERTY = {"start": "start_offset", "end": "end_offset"}
_EDGE_PROPERTIES = tuple(_EDGE_PROPERTY.get(f, f) for f in EdgeRecord._fields[2:])

# ------------------------------------------------------------------------------------------------------------
# Cypher. Constants only: values are parameters ($name), never part of the text.
#
# Every lookup of a node or relationship by key is a seek of a named index (USING INDEX SEEK). The planner chooses
# by the database's statistics, and for a small graph beside others (the test server; a new deployment, whose
# first plans are cached) it planned `UNWIND $ids AS wanted MATCH (d:LexDocument {graph_id: $graph_id, id: wanted})`
# as a scan of the whole (graph_id, id) index for every row, then a filter (seen under PROFILE); a plain USING
# INDEX hint still allows that scan. MERGE takes no hint: it seeks through its uniqueness constraint.
# tests/test_neo4j_product.py and benchmarks/graph.py check the plans of the write path.

_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT lexgraph_graph IF NOT EXISTS FOR (g:LexGraph) REQUIRE g.graph_id IS UNIQUE",
    "CREATE CONSTRAINT lexgraph_document_id IF NOT EXISTS "
    "FOR (d:LexDocument) REQUIRE (d.graph_id, d.id) IS UNIQUE",
    "CREATE CONSTRAINT lexgraph_key IF NOT EXISTS "
    "FOR (k:LexKey) REQUIRE (k.graph_id, k.match_key, k.doc_id) IS UNIQUE",
    "CREATE CONSTRAINT lexgraph_text_id IF NOT EXISTS FOR (t:LexText) REQUIRE (t.graph_id, t.id) IS UNIQUE",
    "CREATE INDEX lexgraph_document_graph IF NOT EXISTS FOR (d:LexDocument) ON (d.graph_id)",
    "CREATE INDEX lexgraph_document_source IF NOT EXISTS FOR (d:LexDocument) ON (d.graph_id, d.source)",
    "CREATE INDEX lexgraph_key_match IF NOT EXISTS FOR (k:LexKey) ON (k.graph_id, k.match_key)",
    "CREATE INDEX lexgraph_key_doc IF NOT EXISTS FOR (k:LexKey) ON (k.graph_id, k.doc_id)",
    "CREATE INDEX lexgraph_edge_id IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.eid)",
    "CREATE INDEX lexgraph_edge_asserted_by IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.asserted_by)",
    # Only ends that may resolve differently are looked up by key (graph/load.py, _settle).
    "CREATE INDEX lexgraph_edge_dst_key IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.dst_key)",
    "CREATE INDEX lexgraph_edge_src_key IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.src_key)",
)

# --- the graph node: schema version, generation, edge ids, the writers' lock -----------------------------------

_GRAPH_STATE: LiteralString = "OPTIONAL MATCH (g:LexGraph {graph_id: $graph_id}) RETURN g.schema_version AS schema, g.generation AS generation"
_CREATE_GRAPH: LiteralString = (
    "MERGE (g:LexGraph {graph_id: $graph_id}) "
    "ON CREATE SET g.schema_version = $schema, g.generation = 0, g.next_edge = 1 "
    "RETURN g.schema_version AS schema"
)
# Setting a property takes the node's write lock until the transaction ends: batches of a graph queue here.
_LOCK_GRAPH: LiteralString = (
    "MERGE (g:LexGraph {graph_id: $graph_id}) "
    "ON CREATE SET g.schema_version = $schema, g.generation = 0, g.next_edge = 1 "
    "SET g._lock = true"
)
# A read that writes kept moving takes the same lock, and leaves the node as it was.
_HOLD_GRAPH: LiteralString = "MATCH (g:LexGraph {graph_id: $graph_id}) SET g._lock = true REMOVE g._lock"
_UNLOCK_GRAPH: LiteralString = (
    "MATCH (g:LexGraph {graph_id: $graph_id}) REMOVE g._lock SET g.generation = g.generation + $changed"
)
_RESERVE_EDGE_IDS: LiteralString = (
    "MATCH (g:LexGraph {graph_id: $graph_id}) "
    "SET g.next_edge = g.next_edge + $count "
    "RETURN g.next_edge - $count AS first_eid"
)

# --- documents and keys (writes) ------------------------------------------------------------------------------

_CONTENT_HASHES: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "WHERE NOT d.placeholder "
    "RETURN d.id AS id, d.content_hash AS content_hash"
)
_IDS_FROM_SOURCES: LiteralString = (
    "UNWIND $sources AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, source: wanted}) USING INDEX SEEK d:LexDocument(graph_id, source) "
    "WHERE NOT d.placeholder "
    "RETURN d.source AS source, d.id AS id"
)
_DEMOTE: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "SET d.placeholder = true, d.source = null, d.content_hash = null, d.meta = null, d.place = null, "
    "d.signer = null, d.effective_date = null, d.effective_text = null, d.expiry_date = null, "
    "d.expiry_text = null"
)
# `+=` with every stored field: a field that is null now is removed, so this replaces the document as SQLite's
# upsert replaces the row.
_UPSERT_DOCUMENTS: LiteralString = (
    "UNWIND $rows AS row MERGE (d:LexDocument {graph_id: $graph_id, id: row.id}) SET d += row.props"
)
_STORED_NAMES: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "RETURN d.id AS id, d.placeholder AS placeholder, d.number AS number, d.title AS title, "
    "d.doc_type AS doc_type, d.issuer AS issuer, d.issue_date AS issue_date"
)
_SET_TEXTS: LiteralString = (
    "UNWIND $rows AS row MERGE (t:LexText {graph_id: $graph_id, id: row.id}) SET t.text = row.text"
)
_DELETE_TEXTS: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (t:LexText {graph_id: $graph_id, id: wanted}) USING INDEX SEEK t:LexText(graph_id, id) DELETE t"
)
_TEXT: LiteralString = (
    "MATCH (t:LexText {graph_id: $graph_id, id: $doc_id}) USING INDEX SEEK t:LexText(graph_id, id) "
    "RETURN t.text AS text"
)
_DELETE_OWN_KEYS: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (k:LexKey {graph_id: $graph_id, doc_id: wanted}) USING INDEX SEEK k:LexKey(graph_id, doc_id) "
    "WHERE k.own DELETE k"
)
# An existing pair becomes own when the document's own keys are written, and otherwise keeps what it was (as the
# SQLite store does): which came first must not decide what a new version of the document drops.
_ADD_KEYS: LiteralString = (
    "UNWIND $rows AS row "
    "MERGE (k:LexKey {graph_id: $graph_id, match_key: row.match_key, doc_id: row.doc_id}) "
    "ON CREATE SET k.own = $own "
    "ON MATCH SET k.own = k.own OR $own"
)
_KEYS_OF: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (k:LexKey {graph_id: $graph_id, doc_id: wanted}) USING INDEX SEEK k:LexKey(graph_id, doc_id) "
    "RETURN k.match_key AS match_key"
)
_EXISTING: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "RETURN d.id AS id"
)
_CANDIDATES: LiteralString = (
    "UNWIND $keys AS wanted "
    "MATCH (k:LexKey {graph_id: $graph_id, match_key: wanted}) USING INDEX SEEK k:LexKey(graph_id, match_key) "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: k.doc_id}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "RETURN wanted AS match_key, d.id AS id, d.issue_date AS issue_date, d.year AS year, "
    "d.province AS province, d.number IS NOT NULL AS numbered, d.definite AS definite"
)
_ORPHAN_PLACEHOLDERS: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "WHERE d.placeholder AND NOT EXISTS { MATCH (d)-[:CITES]-() } "
    "RETURN d.id AS id"
)
_DELETE_KEYS_OF: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (k:LexKey {graph_id: $graph_id, doc_id: wanted}) USING INDEX SEEK k:LexKey(graph_id, doc_id) DELETE k"
)
_DELETE_DOCUMENTS: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "DETACH DELETE d"
)

# --- edges (writes) -------------------------------------------------------------------------------------------

# A document's own citations are the edges from it that nobody else asserts; the edges it asserts between two
# others carry its id in asserted_by.
_DELETE_CITATIONS_OF: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (s:LexDocument {graph_id: $graph_id, id: wanted})-[r:CITES]->(t:LexDocument) "
    "USING INDEX SEEK s:LexDocument(graph_id, id) "
    "WHERE r.asserted_by IS NULL "
    "DELETE r "
    "RETURN s.id AS src, t.id AS dst"
)
_DELETE_ASSERTED_BY: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (s:LexDocument {graph_id: $graph_id})-[r:CITES]->(t:LexDocument) USING INDEX SEEK r:CITES(asserted_by) "
    "WHERE r.asserted_by = wanted "
    "DELETE r "
    "RETURN s.id AS src, t.id AS dst"
)
_CREATE_EDGES: LiteralString = (
    "UNWIND $rows AS row "
    "MATCH (s:LexDocument {graph_id: $graph_id, id: row.src}) USING INDEX SEEK s:LexDocument(graph_id, id) "
    "MATCH (t:LexDocument {graph_id: $graph_id, id: row.dst}) USING INDEX SEEK t:LexDocument(graph_id, id) "
    "CREATE (s)-[r:CITES]->(t) "
    "SET r = row.props "
    "RETURN count(r) AS created"
)
# The ends a change of candidates under a key can move (see GraphTxn.unfixed_ends), chosen on the server as the
# SQLite store chooses them: a change of year Y reaches an end unless its reference names an earlier year, or is
# bounded by an earlier citing date without being a name with a year. The reference's year, the year of its citing
# document's date and whether it is a name with a year are kept beside its JSON for this (`_ref_fields`); an edge
# written before they were (none of them set) is always returned, as every end used to be.
_UNFIXED_DST_ENDS: LiteralString = (
    "UNWIND $changes AS change "
    "MATCH (s:LexDocument {graph_id: $graph_id})-[r:CITES]->(t:LexDocument) USING INDEX SEEK r:CITES(dst_key) "
    "WHERE r.dst_key = change.key AND r.dst_fixed = false "
    "AND (change.year IS NULL OR ((r.dst_ref_year IS NULL OR r.dst_ref_year >= change.year) "
    "AND (r.dst_ref_before IS NULL OR r.dst_ref_before >= change.year OR coalesce(r.dst_ref_dated_name, true)))) "
    "RETURN r.eid AS eid, r.dst_ref AS ref, t.id AS target, s.id AS other, r.dst_method AS method, "
    "r.dst_confidence AS confidence, r.dst_candidates AS candidates"
)
_UNFIXED_SRC_ENDS: LiteralString = (
    "UNWIND $changes AS change "
    "MATCH (s:LexDocument {graph_id: $graph_id})-[r:CITES]->(t:LexDocument) USING INDEX SEEK r:CITES(src_key) "
    "WHERE r.src_key = change.key AND r.src_fixed = false "
    "AND (change.year IS NULL OR ((r.src_ref_year IS NULL OR r.src_ref_year >= change.year) "
    "AND (r.src_ref_before IS NULL OR r.src_ref_before >= change.year OR coalesce(r.src_ref_dated_name, true)))) "
    "RETURN r.eid AS eid, r.src_ref AS ref, s.id AS target, t.id AS other, r.src_method AS method, "
    "r.src_confidence AS confidence, r.src_candidates AS candidates"
)
_UNFIXED_ENDS: tuple[tuple[Literal["dst", "src"], LiteralString], ...] = (
    ("dst", _UNFIXED_DST_ENDS),
    ("src", _UNFIXED_SRC_ENDS),
)
# A relationship's ends cannot change: a moved end is a copy to the new node, and the old one is deleted.
_RETARGET_DST: LiteralString = (
    "UNWIND $rows AS row "
    "MATCH (s:LexDocument {graph_id: $graph_id})-[r:CITES {eid: row.eid}]->(:LexDocument) "
    "USING INDEX SEEK r:CITES(eid) "
    "MATCH (n:LexDocument {graph_id: $graph_id, id: row.target}) USING INDEX SEEK n:LexDocument(graph_id, id) "
    "CREATE (s)-[m:CITES]->(n) "
    "SET m = properties(r) "
    "SET m.dst_method = row.method, m.dst_confidence = row.confidence, m.dst_candidates = row.candidates "
    "DELETE r "
    "RETURN count(m) AS moved"
)
_RETARGET_SRC: LiteralString = (
    "UNWIND $rows AS row "
    "MATCH (:LexDocument {graph_id: $graph_id})-[r:CITES {eid: row.eid}]->(t:LexDocument) "
    "USING INDEX SEEK r:CITES(eid) "
    "MATCH (n:LexDocument {graph_id: $graph_id, id: row.target}) USING INDEX SEEK n:LexDocument(graph_id, id) "
    "CREATE (n)-[m:CITES]->(t) "
    "SET m = properties(r) "
    "SET m.src_method = row.method, m.src_confidence = row.confidence, m.src_candidates = row.candidates "
    "DELETE r "
    "RETURN count(m) AS moved"
)

# --- reads ----------------------------------------------------------------------------------------------------

_GET: LiteralString = (
    "MATCH (d:LexDocument {graph_id: $graph_id, id: $doc_id}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "RETURN properties(d) AS doc"
)
_DOCUMENTS: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: wanted}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "RETURN properties(d) AS doc"
)
_BY_KEYS: LiteralString = (
    "UNWIND $keys AS wanted "
    "MATCH (k:LexKey {graph_id: $graph_id, match_key: wanted}) USING INDEX SEEK k:LexKey(graph_id, match_key) "
    "MATCH (d:LexDocument {graph_id: $graph_id, id: k.doc_id}) USING INDEX SEEK d:LexDocument(graph_id, id) "
    "WITH DISTINCT d RETURN properties(d) AS doc"
)
_ALL_DOCUMENTS: LiteralString = "MATCH (d:LexDocument {graph_id: $graph_id}) RETURN properties(d) AS doc"
# Every condition is a parameter that is null (or an empty list) when not asked for.
_SEARCH: LiteralString = (
    "MATCH (d:LexDocument {graph_id: $graph_id}) "
    "WHERE ($number IS NULL OR d.number_key CONTAINS $number) "
    "AND ($doc_type IS NULL OR d.doc_type = $doc_type) "
    "AND ($issuer IS NULL OR d.issuer_key CONTAINS $issuer) "
    "AND ($date_from IS NULL OR d.date_hi >= $date_from) "
    "AND ($date_to IS NULL OR d.date_lo <= $date_to) "
    "AND all(word IN $words WHERE d.words CONTAINS word) "
    "AND all(word IN $ascii_words WHERE d.words_ascii CONTAINS word) "
    "AND ($placeholders OR NOT d.placeholder) "
    "WITH d ORDER BY d.placeholder, coalesce(d.issue_date, d.year, '') DESC, d.id LIMIT $limit "
    "RETURN properties(d) AS doc"
)
_CITATIONS: dict[str, LiteralString] = {
    "out": (
        "MATCH (s:LexDocument {graph_id: $graph_id, id: $doc_id})-[r:CITES]->(t:LexDocument) "
        "USING INDEX SEEK s:LexDocument(graph_id, id) "
        "WHERE $relations IS NULL OR r.relation IN $relations "
        "RETURN s.id AS src, t.id AS dst, properties(r) AS edge"
    ),
    "in": (
        "MATCH (s:LexDocument)-[r:CITES]->(t:LexDocument {graph_id: $graph_id, id: $doc_id}) "
        "USING INDEX SEEK t:LexDocument(graph_id, id) "
        "WHERE $relations IS NULL OR r.relation IN $relations "
        "RETURN s.id AS src, t.id AS dst, properties(r) AS edge"
    ),
    "both": (
        "MATCH (d:LexDocument {graph_id: $graph_id, id: $doc_id})-[r:CITES]-(:LexDocument) "
        "USING INDEX SEEK d:LexDocument(graph_id, id) "
        "WHERE $relations IS NULL OR r.relation IN $relations "
        "RETURN startNode(r).id AS src, endNode(r).id AS dst, properties(r) AS edge"
    ),
}
# One level of a traversal: the (source, target, relation) of the edges out of / into these documents.
_TO_REVIEW: LiteralString = (
    "MATCH (s:LexDocument {graph_id: $graph_id})-[r:CITES]->(t:LexDocument) "
    "WHERE r.dst_method IN $methods OR r.dst_confidence < $below "
    "RETURN s.id AS src, t.id AS dst, properties(r) AS edge"
)
_STEPS: dict[bool, LiteralString] = {
    True: (
        "UNWIND $ids AS wanted "
        "MATCH (s:LexDocument {graph_id: $graph_id, id: wanted})-[r:CITES]->(t:LexDocument) "
        "USING INDEX SEEK s:LexDocument(graph_id, id) "
        "WHERE $relations IS NULL OR r.relation IN $relations "
        "RETURN s.id AS src, t.id AS dst, r.relation AS relation"
    ),
    False: (
        "UNWIND $ids AS wanted "
        "MATCH (s:LexDocument)-[r:CITES]->(t:LexDocument {graph_id: $graph_id, id: wanted}) "
        "USING INDEX SEEK t:LexDocument(graph_id, id) "
        "WHERE $relations IS NULL OR r.relation IN $relations "
        "RETURN s.id AS src, t.id AS dst, r.relation AS relation"
    ),
}
_EDGES_BETWEEN: LiteralString = (
    "UNWIND $pairs AS pair "
    "MATCH (s:LexDocument {graph_id: $graph_id, id: pair[0]})-[r:CITES]->"
    "(t:LexDocument {graph_id: $graph_id, id: pair[1]}) "
    "USING INDEX SEEK s:LexDocument(graph_id, id) "
    "WHERE $relations IS NULL OR r.relation IN $relations "
    "RETURN s.id AS src, t.id AS dst, properties(r) AS edge"
)
_EDGES_AMONG: LiteralString = (
    "UNWIND $ids AS wanted "
    "MATCH (s:LexDocument {graph_id: $graph_id, id: wanted})-[r:CITES]->(t:LexDocument) "
    "USING INDEX SEEK s:LexDocument(graph_id, id) "
    "WHERE t.id IN $ids AND ($relations IS NULL OR r.relation IN $relations) "
    "RETURN s.id AS src, t.id AS dst, properties(r) AS edge"
)
_RANKED: LiteralString = (
    "MATCH (s:LexDocument)-[r:CITES]->(d:LexDocument {graph_id: $graph_id}) "
    "WHERE (NOT $placeholders_only OR d.placeholder) AND ($relations IS NULL OR r.relation IN $relations) "
    "WITH d, count(DISTINCT s) AS citing, count(r) AS citations "
    "ORDER BY citing DESC, citations DESC, d.id LIMIT $limit "
    "RETURN properties(d) AS doc, citing, citations"
)
_COUNT_DOCUMENTS: LiteralString = (
    "MATCH (d:LexDocument {graph_id: $graph_id}) RETURN d.placeholder AS placeholder, count(*) AS n"
)
_COUNT_EDGES: LiteralString = (
    "MATCH (:LexDocument {graph_id: $graph_id})-[r:CITES]->(:LexDocument) "
    "RETURN r.relation AS relation, r.dst_method AS dst_method, r.src_method AS src_method, "
    "count(*) AS n, count(r.asserted_by) AS asserted"
)

# --- dropping a graph -----------------------------------------------------------------------------------------

_DROP_DOCUMENTS: LiteralString = "MATCH (d:LexDocument {graph_id: $graph_id}) WITH d LIMIT $batch DETACH DELETE d RETURN count(*) AS deleted"
_DROP_KEYS: LiteralString = (
    "MATCH (k:LexKey {graph_id: $graph_id}) WITH k LIMIT $batch DELETE k RETURN count(*) AS deleted"
)
_DROP_TEXTS: LiteralString = (
    "MATCH (t:LexText {graph_id: $graph_id}) WITH t LIMIT $batch DELETE t RETURN count(*) AS deleted"
)
_DROP_GRAPH: LiteralString = "MATCH (g:LexGraph {graph_id: $graph_id}) DELETE g"

# ------------------------------------------------------------------------------------------------------------
# connection settings


@dataclass(frozen=True)
class Settings:
    """Where and how to connect, from the URL and the environment."""

    uri: str  # what the driver gets: scheme://host:port, nothing else
    address: str  # host:port, for messages
    user: str | None
    password: str | None
    database: str
    graph_id: str
    url: str  # the store's URL as shown to people: without the password

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user or "neo4j", self.password) if self.password is not None else None


def settings(url: str, env: Mapping[str, str] | None = None, graph: str | None = None) -> Settings:
    """Read `scheme://[user[:password]@]host[:port][/database][?graph=NAME]`; what the URL leaves out comes from
    $NEO4J_USER, $NEO4J_PASSWORD and $NEO4J_DATABASE (default "neo4j"). `graph` overrides the URL's."""
    env = os.environ if env is None else env
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise StoreError(f"{url}: not a Neo4j URL ({exc}); expected bolt://host:7687") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise StoreError(f"{url}: expected one of {', '.join(s + '://' for s in SCHEMES)}")
    host = parts.hostname
    if not host:
        raise StoreError(f"{url}: no server named; expected {scheme}://host:7687")
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(options) - {"graph"})
    if unknown:
        raise StoreError(f"{url}: unknown option(s) {', '.join(unknown)}; the only one is ?graph=NAME")
    graph_id = graph or (options.get("graph") or [""])[-1] or DEFAULT_GRAPH
    database = unquote(parts.path.strip("/")) or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE
    user = unquote(parts.username) if parts.username else env.get("NEO4J_USER")
    password = unquote(parts.password) if parts.password is not None else env.get("NEO4J_PASSWORD")
    hostport = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    shown = parts._replace(netloc=f"{parts.username}@{hostport}" if parts.username else hostport)
    return Settings(
        uri=f"{scheme}://{hostport}",
        address=hostport,
        user=user,
        password=password,
        database=database,
        graph_id=graph_id,
        url=shown.geturl(),
    )


# ------------------------------------------------------------------------------------------------------------
# rows


Row = Mapping[str, Any]  # a driver Record, read by key


class _Tx(Protocol):
    """What is used of a `neo4j.ManagedTransaction`."""

    def run(self, query: LiteralString, parameters: dict[str, Any]) -> Iterable[Row]: ...


def _coalesce(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _run(tx: _Tx, query: LiteralString, **params: Any) -> list[Row]:
    """Run one statement in this transaction; all its records, read to the end."""
    return list(tx.run(query, params))


def _doc(props: Mapping[str, Any]) -> Document:
    return document_of(tuple(props.get(f) for f in DOC_FIELDS))


def _record_edge(record: Row) -> tuple[Edge, int]:
    """An Edge from a (src, dst, edge properties) record, with its edge id (the last tie-breaker of edge order)."""
    props = record["edge"]
    row = (record["src"], record["dst"], *(props.get(f) for f in EDGE_FIELDS[2:]))
    return edge_of(row), props["eid"]


def _edge_order(item: tuple[Edge, int]) -> tuple[Any, ...]:
    """The contract's edge order (graph/answers.py), as the SQLite store sorts; then the edge id, the order in
    which edges were written."""
    return (*answers.edge_order(item[0]), item[1])


def _sorted_edges(records: Iterable[Row]) -> list[Edge]:
    return [edge for edge, _ in sorted(map(_record_edge, records), key=_edge_order)]


def _relations_param(relations: Collection[str] | None) -> list[str] | None:
    return sorted(relations) if relations is not None else None


# ------------------------------------------------------------------------------------------------------------
# writes


class _OnGraph:
    """Statements on one transaction, about one graph: every one gets its $graph_id."""

    def __init__(self, tx: _Tx, graph_id: str) -> None:
        self.tx = tx
        self.graph_id = graph_id

    def _run(self, query: LiteralString, **params: Any) -> list[Row]:
        return _run(self.tx, query, graph_id=self.graph_id, **params)


class _Txn(_OnGraph):
    """`graph.store.GraphTxn` in one managed Neo4j write transaction."""

    def content_hashes(self, ids: Collection[str]) -> dict[str, str]:
        return {r["id"]: r["content_hash"] for r in self._run(_CONTENT_HASHES, ids=list(ids))}

    def ids_from_sources(self, sources: Collection[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        rows = self._run(_IDS_FROM_SOURCES, sources=list(sources))
        for row in sorted(rows, key=lambda r: (r["source"], r["id"])):
            found.setdefault(row["source"], []).append(row["id"])
        return found

    def delete_edges_of(self, doc_ids: Collection[str]) -> set[str]:
        ids = list(doc_ids)
        ends = self._run(_DELETE_CITATIONS_OF, ids=ids) + self._run(_DELETE_ASSERTED_BY, ids=ids)
        return {node for r in ends for node in (r["src"], r["dst"])}

    def demote(self, doc_ids: Collection[str]) -> None:
        self._run(_DEMOTE, ids=list(doc_ids))
        self._run(_DELETE_TEXTS, ids=list(doc_ids))

    def _upsert(self, nodes: Iterable[NodeRecord]) -> None:
        rows = [{"id": n.id, "props": dict(zip(ROW_FIELDS, document_row(n), strict=True))} for n in nodes]
        if rows:
            self._run(_UPSERT_DOCUMENTS, rows=rows)

    def _keys(self, pairs: Iterable[tuple[str, str]], *, own: bool) -> None:
        rows = [{"match_key": key, "doc_id": doc_id} for key, doc_id in pairs]
        if rows:
            self._run(_ADD_KEYS, rows=rows, own=own)

    def upsert_documents(self, nodes: Sequence[NodeRecord]) -> None:
        self._upsert(nodes)
        self._run(_DELETE_TEXTS, ids=[n.id for n in nodes if n.text is None])
        texts = [{"id": n.id, "text": n.text} for n in nodes if n.text is not None]
        if texts:
            self._run(_SET_TEXTS, rows=texts)
        self._run(_DELETE_OWN_KEYS, ids=[n.id for n in nodes])
        self._keys(((key, n.id) for n in nodes for key in sorted(n.keys)), own=True)

    def merge_placeholders(self, nodes: Sequence[NodeRecord]) -> set[str]:
        stored = {r["id"]: r for r in self._run(_STORED_NAMES, ids=[n.id for n in nodes])}
        merged = [
            m for m in (merged_placeholder(n, _names(stored.get(n.id))) for n in nodes) if m is not None
        ]
        self._upsert(merged)
        # An existing placeholder has the keys of its id already (the same number or name): only new ones need them.
        self.add_keys((key, n.id) for n in nodes if n.id not in stored for key in sorted(n.keys))
        return {n.id for n in nodes} - set(stored)

    def add_keys(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._keys(pairs, own=False)

    def keys_of(self, ids: Collection[str]) -> set[str]:
        return {r["match_key"] for r in self._run(_KEYS_OF, ids=list(ids))}

    def existing(self, ids: Collection[str]) -> set[str]:
        return {r["id"] for r in self._run(_EXISTING, ids=list(ids))}

    def candidates(self, keys: Collection[str]) -> dict[str, list[Candidate]]:
        found: dict[str, list[Candidate]] = {}
        rows = self._run(_CANDIDATES, keys=list(keys))
        for row in sorted(rows, key=lambda r: (r["match_key"], r["id"])):
            date = _coalesce(row["issue_date"], row["year"])
            found.setdefault(row["match_key"], []).append(
                Candidate(
                    row["id"],
                    date,
                    row["year"],
                    row["province"],
                    bool(row["numbered"]),
                    bool(row["definite"]),
                )
            )
        return found

    def insert_edges(self, edges: Sequence[EdgeRecord]) -> None:
        if not edges:
            return
        # Ids in the order of the records, after every stored one: what SQLite's rowids give.
        (reserved,) = self._run(_RESERVE_EDGE_IDS, count=len(edges))
        first = reserved["first_eid"]
        rows = [
            {
                "src": e.src,
                "dst": e.dst,
                "props": {
                    "eid": first + i,
                    **dict(zip(_EDGE_PROPERTIES, e[2:], strict=True)),
                    **_ref_fields("dst", e.dst_ref),
                    **_ref_fields("src", e.src_ref),
                },
            }
            for i, e in enumerate(edges)
        ]
        (created,) = self._run(_CREATE_EDGES, rows=rows)
        _expect(created["created"], len(rows), "edges written")

    def unfixed_ends(self, changes: Mapping[str, str | None]) -> list[StoredEnd]:
        ends: list[tuple[int, str, StoredEnd]] = []
        wanted = [{"key": key, "year": year} for key, year in changes.items()]
        for end, query in _UNFIXED_ENDS:
            for r in self._run(query, changes=wanted):
                how = resolution_of(r["method"], r["confidence"], r["candidates"])
                stored = StoredEnd(r["eid"], end, r["ref"], r["target"], how, r["other"])
                ends.append((r["eid"], end, stored))
        return [stored for _, _, stored in sorted(ends, key=lambda e: (e[0], e[1]))]

    def retarget(self, changes: Sequence[Retarget]) -> None:
        # Two fixed statements rather than an end chosen in the text; targets first, as the SQLite store does.
        for end, query in (("dst", _RETARGET_DST), ("src", _RETARGET_SRC)):
            rows = [
                {
                    "eid": c.edge_id,
                    "target": c.target,
                    "method": c.resolution.method,
                    "confidence": c.resolution.confidence,
                    "candidates": json_list(c.resolution.candidates),
                }
                for c in changes
                if c.end == end
            ]
            if rows:
                (moved,) = self._run(query, rows=rows)
                _expect(moved["moved"], len(rows), "edge ends moved")

    def orphan_placeholders(self, ids: Collection[str]) -> set[str]:
        return {r["id"] for r in self._run(_ORPHAN_PLACEHOLDERS, ids=list(ids))}

    def delete_nodes(self, ids: Collection[str]) -> None:
        wanted = list(ids)
        self._run(_DELETE_KEYS_OF, ids=wanted)
        self._run(_DELETE_TEXTS, ids=wanted)
        self._run(_DELETE_DOCUMENTS, ids=wanted)


_REF_NUMBER, _REF_YEAR, _REF_BEFORE = (REFERENCE_FIELDS.index(f) for f in ("number", "year", "before"))


def _ref_fields(end: str, ref_json: str | None) -> dict[str, Any]:
    """What _UNFIXED_*_ENDS compare of an unfixed end's reference (a fixed end has none, and is never looked at):
    its year, the year of its citing document's date, and whether it is a name with a year."""
    if ref_json is None:
        return {}
    values = json.loads(ref_json)
    if isinstance(values, dict):  # the object form (graph.identity.Reference.from_json reads both)
        values = [values.get(name) for name in REFERENCE_FIELDS]
    number, year, before = values[_REF_NUMBER], values[_REF_YEAR], values[_REF_BEFORE]
    return {
        f"{end}_ref_year": year,
        f"{end}_ref_before": before[:4] if before else None,
        f"{end}_ref_dated_name": number is None and year is not None,
    }


def _expect(done: int, wanted: int, what: str) -> None:
    """An edge whose end is missing would be dropped silently by MATCH (SQLite would store it dangling): refuse the
    batch instead, which rolls it back."""
    if done != wanted:
        raise StoreError(f"{what}: {done} of {wanted}; an edge end is missing, the batch was rolled back")


def _names(row: Row | None) -> tuple[Any, ...] | None:
    """What `graph.rows.merged_placeholder` reads of a stored document (a _STORED_NAMES record)."""
    return None if row is None else tuple(row[name] for name in STORED_NAMES)


# ------------------------------------------------------------------------------------------------------------
# reads


class _Reader(_OnGraph):
    """`graph.store.GraphReader` on one read transaction."""

    # --- documents

    def get(self, doc_id: str) -> Document | None:
        rows = self._run(_GET, doc_id=doc_id)
        return _doc(rows[0]["doc"]) if rows else None

    def text(self, doc_id: str) -> str | None:
        rows = self._run(_TEXT, doc_id=doc_id)
        return rows[0]["text"] if rows else None

    def documents(self, ids: Collection[str]) -> dict[str, Document]:
        return {d.id: d for d in (_doc(r["doc"]) for r in self._run(_DOCUMENTS, ids=sorted(ids)))}

    def by_keys(self, keys: Collection[str]) -> list[Document]:
        return sorted((_doc(r["doc"]) for r in self._run(_BY_KEYS, keys=sorted(keys))), key=lambda d: d.id)

    def all_documents(self) -> Iterator[Document]:
        return (_doc(r["doc"]) for r in self._run(_ALL_DOCUMENTS))

    def search(self, terms: SearchTerms, limit: int) -> list[Document]:
        # Python's order over what the server chose: the same keys as the SQLite store's ORDER BY.
        rows = self._run(_SEARCH, **search_params(terms, limit))
        return answers.search_order(_doc(r["doc"]) for r in rows)

    # --- edges

    def citations(self, doc_id: str, direction: Direction, relations: Collection[str] | None) -> list[Edge]:
        rows = self._run(_CITATIONS[direction], doc_id=doc_id, relations=_relations_param(relations))
        return _sorted_edges(rows)

    def whole_graph(self) -> None:
        """Traversals fetch what they need level by level: a server's graph is not copied into the client."""
        return None

    def steps(self, ids: Sequence[str], forwards: bool, relations: Collection[str] | None) -> Iterator[Step]:
        rows = self._run(_STEPS[forwards], ids=list(ids), relations=_relations_param(relations))
        return ((r["src"], r["dst"], r["relation"]) for r in rows)

    def edges_between(
        self, pairs: Collection[Pair], relations: Collection[str] | None
    ) -> dict[Pair, list[Edge]]:
        if not pairs:
            return {}
        rows = self._run(
            _EDGES_BETWEEN, pairs=[list(p) for p in sorted(pairs)], relations=_relations_param(relations)
        )
        found: dict[Pair, list[Edge]] = {}
        for edge in _sorted_edges(rows):
            found.setdefault((edge.source, edge.target), []).append(edge)
        return found

    def edges_among(self, ids: Collection[str], relations: Collection[str] | None) -> list[Edge]:
        return _sorted_edges(self._run(_EDGES_AMONG, ids=sorted(ids), relations=_relations_param(relations)))

    # --- rankings and counts

    def to_review(self, below: float, limit: int, offset: int) -> list[Edge]:
        # Sorted here, as every edge list of this store, so that both stores page the same order.
        rows = self._run(_TO_REVIEW, methods=list(UNCERTAIN_METHODS), below=below)
        return _sorted_edges(rows)[offset : offset + limit]

    def ranked(
        self, *, placeholders_only: bool, relations: Collection[str] | None, limit: int
    ) -> list[CitedDocument]:
        rows = self._run(
            _RANKED,
            placeholders_only=placeholders_only,
            relations=_relations_param(relations),
            limit=_limit(limit),
        )
        ranked = [
            CitedDocument(document=_doc(r["doc"]), citing_documents=r["citing"], citations=r["citations"])
            for r in rows
        ]
        ranked.sort(key=answers.ranking_order)
        return ranked

    def stats(self) -> Stats:
        nodes = {bool(r["placeholder"]): r["n"] for r in self._run(_COUNT_DOCUMENTS)}
        edges = asserted = 0
        relations: dict[str, int] = {}
        methods: dict[str, int] = {}
        for r in self._run(_COUNT_EDGES):
            edges += r["n"]
            asserted += r["asserted"]
            relations[r["relation"]] = relations.get(r["relation"], 0) + r["n"]
            for method in (r["dst_method"], r["src_method"]):
                if method is not None:
                    methods[method] = methods.get(method, 0) + r["n"]
        return Stats(
            documents=nodes.get(False, 0),
            placeholders=nodes.get(True, 0),
            edges=edges,
            asserted_edges=asserted,
            relations=dict(sorted(relations.items())),
            resolutions=dict(sorted(methods.items())),
        )


def _limit(limit: int) -> int:
    """SQLite reads a negative LIMIT as none; Cypher refuses one."""
    return limit if limit >= 0 else 2**62


def search_params(terms: SearchTerms, limit: int) -> dict[str, Any]:
    """`GraphStore.search`'s conditions (graph/rows.py) as the parameters of _SEARCH."""
    return {
        "number": terms.number,
        "doc_type": terms.doc_type,
        "issuer": terms.issuer,
        "date_from": terms.date_from,
        "date_to": terms.date_to,
        # A word typed without diacritics also matches the words with them.
        "words": [w for w in terms.words if not w.isascii()],
        "ascii_words": [w for w in terms.words if w.isascii()],
        "placeholders": terms.placeholders,
        "limit": _limit(limit),
    }


# ------------------------------------------------------------------------------------------------------------
# the store

T = TypeVar("T")


class _Moved(Exception):
    """A write committed while a read was running: run the read again."""


class Neo4jStore(BaseStore):
    """`graph.store.GraphStore` on a Neo4j 5 server. Safe to share between threads (the driver is; each call
    has its own session)."""

    def __init__(
        self,
        url: str,
        *,
        create: bool = True,
        timeout: float = 5.0,
        graph: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings(url, env, graph)
        self.url = self.settings.url
        self.graph_id = self.settings.graph_id
        self.database = self.settings.database
        self.timeout = timeout
        with self._errors("connecting"):
            self._driver = neo4j.GraphDatabase.driver(
                self.settings.uri,
                auth=self.settings.auth,
                connection_timeout=timeout,
                user_agent="lexgraph",
            )
        try:
            self._open(create)
        except BaseException:
            self._driver.close()
            raise

    # --- connections, transactions, errors -----------------------------------------------------------------

    def _where(self) -> str:
        return f"Neo4j at {self.settings.address} (database {self.database!r}, graph {self.graph_id!r})"

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """The driver's and the server's exceptions as StoreErrors that say what to check."""
        address = self.settings.address
        try:
            yield
        except AuthError as exc:
            user = self.settings.user or "neo4j"
            raise StoreError(
                f"Neo4j at {address} refused the credentials of user {user!r}: check NEO4J_USER and "
                "NEO4J_PASSWORD (or user:password in the URL)"
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(
                f"cannot reach Neo4j at {address} ({_reason(exc)}): is the server running and is the address "
                "right? `docker compose up -d neo4j` starts one"
            ) from exc
        except Forbidden as exc:
            raise StoreError(f"{self._where()}: {doing} is not allowed for this user: {exc.message}") from exc
        except ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(
                    f"Neo4j at {address} has no database {self.database!r}: set NEO4J_DATABASE or the URL's "
                    "path (/name)"
                ) from exc
            raise StoreError(f"{self._where()}: {doing} failed: {exc.message} ({exc.code})") from exc
        except TransientError as exc:
            raise StoreError(
                f"{self._where()} is busy ({exc.message}); another writer may hold the graph: try again"
            ) from exc
        except Neo4jError as exc:
            raise StoreError(f"{self._where()}: {doing} failed: {exc.message} ({exc.code})") from exc
        except DriverError as exc:
            raise StoreError(f"{self._where()}: {doing} failed: {_reason(exc)}") from exc

    def _session(self) -> neo4j.Session:
        # One bookmark manager for the store's sessions: a read follows the writes this store made, even on a
        # cluster whose followers lag.
        return self._driver.session(
            database=self.database, bookmark_manager=self._driver.execute_query_bookmark_manager
        )

    def _state(self) -> tuple[int | None, int | None]:
        """(schema, generation) of this graph; (None, None) when it does not exist."""
        records, _, _ = self._driver.execute_query(
            _GRAPH_STATE,
            {"graph_id": self.graph_id},
            routing_=neo4j.RoutingControl.READ,
            database_=self.database,
        )
        return (records[0]["schema"], records[0]["generation"]) if records else (None, None)

    def _open(self, create: bool) -> None:
        with self._errors("connecting"):
            self._driver.verify_connectivity()
        with self._errors("opening the graph"):
            schema, _ = self._state()
            if schema is None:
                if not create:
                    raise StoreError(
                        f"no graph {self.graph_id!r} in {self._where()}; build one with "
                        f"`lexgraph ingest PATH --store {self.url}`"
                    )
                self._create_schema()
                records, _, _ = self._driver.execute_query(
                    _CREATE_GRAPH,
                    {"graph_id": self.graph_id, "schema": SCHEMA_VERSION},
                    routing_=neo4j.RoutingControl.WRITE,
                    database_=self.database,
                )
                schema = records[0]["schema"]
            if schema != SCHEMA_VERSION:
                raise StoreError(
                    f"{self._where()} has lexgraph schema {schema}; this lexgraph reads schema {SCHEMA_VERSION}"
                )

    def _create_schema(self) -> None:
        for statement in _SCHEMA:
            try:
                self._driver.execute_query(
                    statement, routing_=neo4j.RoutingControl.WRITE, database_=self.database
                )
            except ClientError as exc:
                # Two processes creating the graph at once: the other one's constraint is as good as ours.
                if "AlreadyExists" not in (exc.code or ""):
                    raise

    def _reading(self, work: Callable[[GraphReader], T]) -> T:
        """`work` in one managed read transaction that no write committed during; run again when one did."""

        def consistent(tx: neo4j.ManagedTransaction) -> T:
            before = _generation(tx, self.graph_id)
            try:
                result = work(_Reader(tx, self.graph_id))
            except (Neo4jError, DriverError):
                raise
            except Exception as exc:
                # A state that moved under the read can make it fail (an edge gone between two statements):
                # then the failure is no answer, and the read runs again.
                if _generation(tx, self.graph_id) != before:
                    raise _Moved from exc
                raise
            if _generation(tx, self.graph_id) != before:
                raise _Moved
            return result

        def locked(tx: neo4j.ManagedTransaction) -> T:
            _run(tx, _HOLD_GRAPH, graph_id=self.graph_id)
            return work(_Reader(tx, self.graph_id))

        with self._errors("reading"), self._session() as session:
            for attempt in range(OPTIMISTIC_READS):
                try:
                    return session.execute_read(consistent)
                except _Moved:
                    time.sleep(0.005 * attempt)  # let a burst of writes pass
            # Writes keep committing under this read (an ingest): read between two of their batches instead.
            return session.execute_write(locked)

    def close(self) -> None:
        self._driver.close()

    # --- writing -------------------------------------------------------------------------------------------

    def _wait_for_writers(self, session: neo4j.Session) -> None:
        """Wait at most `timeout` seconds for the graph's lock, then give it back: the managed transaction that
        follows takes it at once, unless a third writer came first. Neo4j has no lock timeout of its own for one
        transaction; a transaction's timeout bounds the wait (checked every 100 ms by the server of `make neo4j`,
        every 2 s by a default one)."""
        try:
            with session.begin_transaction(timeout=self.timeout) as tx:
                _run(tx, _LOCK_GRAPH, graph_id=self.graph_id, schema=SCHEMA_VERSION)
                tx.rollback()
        except ClientError as exc:
            if "LockClientStopped" in (exc.code or "") or "TransactionTimedOut" in (exc.code or ""):
                raise StoreError(
                    f"{self._where()} is locked by another writer (waited {self.timeout:g} s); "
                    "try again when it has finished"
                ) from exc
            raise

    def _writing(self, work: Callable[[GraphTxn], T], *, changed: Callable[[T], bool], doing: str) -> T:
        def locked(tx: neo4j.ManagedTransaction) -> T:
            _run(tx, _LOCK_GRAPH, graph_id=self.graph_id, schema=SCHEMA_VERSION)
            result = work(_Txn(tx, self.graph_id))
            _run(tx, _UNLOCK_GRAPH, graph_id=self.graph_id, changed=1 if changed(result) else 0)
            return result

        # The driver runs `locked` again on a transient failure (a deadlock): the write loop starts from the
        # documents each time, on a transaction that sees nothing of the failed one.
        with self._errors(doing), self._session() as session:
            self._wait_for_writers(session)
            return session.execute_write(locked)

    def drop(self) -> None:
        """Delete this graph (its documents, keys and counters) from the database, in transactions of
        DROP_BATCH nodes; other graphs of the database are not touched."""

        def delete(tx: neo4j.ManagedTransaction, query: LiteralString) -> int:
            return int(_run(tx, query, graph_id=self.graph_id, batch=DROP_BATCH)[0]["deleted"])

        with self._errors("dropping the graph"), self._session() as session:
            for query in (_DROP_DOCUMENTS, _DROP_KEYS, _DROP_TEXTS):
                while session.execute_write(delete, query):
                    pass
            session.execute_write(lambda tx: _run(tx, _DROP_GRAPH, graph_id=self.graph_id))


def _generation(tx: _Tx, graph_id: str) -> int | None:
    rows = _run(tx, _GRAPH_STATE, graph_id=graph_id)
    return rows[0]["generation"] if rows else None


def _reason(exc: BaseException) -> str:
    """The useful part of a driver message: "[Errno 111] Connection refused", not the resolver's story."""
    text = str(exc).strip()
    found = re.search(r"\(reason ([^)]*)\)", text)
    if found:
        return found.group(1)
    return (text.splitlines() or [type(exc).__name__])[-1]
