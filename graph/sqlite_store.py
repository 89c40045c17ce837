"""The embedded store: one SQLite file is the store of record, networkx runs the traversals.

- Writes: one transaction (BEGIN IMMEDIATE) per batch of whole documents, rows by executemany; WAL, so that
  readers go on while a batch is written and a crash rolls back to the last whole batch.
- Reads: every query is one read transaction, so it sees one committed state, never part of a batch.
- Traversals: graph/base.py runs them on a DiGraph of all the edges (graph/traverse.py) that this store keeps,
  loaded on the first traversal (`_Reader.whole_graph`). When the generation counter in the file has moved since
  (every write that changes something moves it, in any process), a traversal does not wait for the whole graph:
  it fetches the edges it can reach, level by level (`_Reader.steps`), in its own read transaction, as on
  Neo4j, and one background thread loads the whole graph again once writes have paused. A server beside a
  running ingest thus answers from the state it reads, at once.
- Nothing is ever recreated: a file that is not a lexgraph database, or is damaged (flipped bytes, truncated to
  nothing), or is locked by another writer past the timeout, is a `StoreError` and stays as it is.
- A read-only file, or a file on a read-only file system, is opened read-only: queries answer, writes are a
  `StoreError` that says it is read-only.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from graph import traverse
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
from graph.traverse import CitationGraph

T = TypeVar("T")

SCHEMA_VERSION = 4
APPLICATION_ID = 0x4C584752  # "LXGR" in the file header: this file is a lexgraph graph

# PRAGMA takes no parameters; these statements hold the constants above, written out.
_SET_HEADER = ("PRAGMA application_id = 1280853842", "PRAGMA user_version = 4")
assert APPLICATION_ID == 1280853842 and SCHEMA_VERSION == 4
# Every connection's settings, for a store that is mostly written in large batches and read by traversals.
_CONNECTION_PRAGMAS = (
    "PRAGMA synchronous = NORMAL",  # WAL: a commit is durable at the next checkpoint, and never corrupts the file
    # 8 MiB: a server holds a connection per thread (40), and reads find their pages in the OS's cache anyway.
    "PRAGMA cache_size = -8192",
    "PRAGMA temp_store = MEMORY",  # the sorts of ORDER BY and IN lists
    # A checkpoint every 16k pages (64 MiB of WAL) rather than every 1000: an index page rewritten by several
    # batches is copied into the file once, and the file is synced once per checkpoint, not after every batch.
    # Crash safety is that of WAL either way: a killed writer leaves the last committed batch.
    "PRAGMA wal_autocheckpoint = 16384",
)
# The connection that writes: 256 MiB, as a batch's index inserts land on random leaves; kept in memory they are
# read once per batch. Only writing threads pay for it (one, in a server or an ingest).
_WRITER_PRAGMAS = ("PRAGMA cache_size = -262144",)
# A stored reference (graph.identity.Reference.to_json) is a JSON array of its fields; the SQL below reads three.
_REF_NUMBER, _REF_YEAR, _REF_BEFORE = (REFERENCE_FIELDS.index(f) for f in ("number", "year", "before"))
assert (_REF_NUMBER, _REF_YEAR, _REF_BEFORE) == (2, 7, 10)


def _ref_array(column: str) -> str:
    """SQL rewriting a reference stored as a JSON object (schema 2) into the array form of schema 3."""
    values = ", ".join(
        f"json({column} -> '{name}')" if name == "local" else f"{column} ->> '{name}'"
        for name in REFERENCE_FIELDS
    )
    return f"UPDATE edges SET {column} = json_array({values}) WHERE json_type({column}) = 'object'"


_VALIDITY_COLUMNS = ("effective_date", "effective_text", "expiry_date", "expiry_text")

# Schema n → n + 1. Documents written before texts were kept get theirs when ingested again (the content hash
# covers the text, so the next ingest rewrites them). Schema 3: references as arrays, which _settle's lookup
# reads in SQL; a narrow index for resolution; no index on placeholder (every batch paid for it, no query did).
# Schema 4: what decides validity (graph/validity.py): a document's entry into force and expiry, taken at once
# from the metadata JSON that older versions already kept; the parts an edge touches, which only a new ingest
# can give (graph.load's IDENTITY_VERSION moved with it, so the next ingest rewrites every document).
_MIGRATIONS = {
    1: ("CREATE TABLE texts (id TEXT PRIMARY KEY, text TEXT NOT NULL)", "PRAGMA user_version = 2"),
    2: (
        _ref_array("dst_ref"),
        _ref_array("src_ref"),
        "DROP INDEX IF EXISTS documents_placeholder",
        "CREATE INDEX IF NOT EXISTS documents_resolution ON documents "
        "(id, placeholder, number, title, doc_type, issuer, issue_date, year, province, definite)",
        "PRAGMA user_version = 3",
    ),
    3: (
        *(f"ALTER TABLE documents ADD COLUMN {c} TEXT" for c in _VALIDITY_COLUMNS),
        "ALTER TABLE edges ADD COLUMN parts TEXT",
        "UPDATE documents SET "
        + ", ".join(f"{c} = meta ->> '{c}'" for c in _VALIDITY_COLUMNS)
        + " WHERE placeholder = 0 AND json_valid(meta)",
        "PRAGMA user_version = 4",
    ),
}

_SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT INTO meta (name, value) VALUES ('generation', 0)",
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        placeholder INTEGER NOT NULL,
        number TEXT, title TEXT, doc_type TEXT, issuer TEXT, issue_date TEXT, year TEXT,
        province TEXT, local INTEGER NOT NULL, definite INTEGER NOT NULL,
        place TEXT, subject TEXT, signer TEXT, source TEXT, content_hash TEXT, meta TEXT,
        number_key TEXT, issuer_key TEXT, words TEXT, words_ascii TEXT, date_lo TEXT, date_hi TEXT,
        effective_date TEXT, effective_text TEXT, expiry_date TEXT, expiry_text TEXT
    ) WITHOUT ROWID""",
    "CREATE INDEX documents_source ON documents (source)",
    # Covers what resolution reads of a document (candidates, placeholders to merge), so that it does not page
    # through the wide rows of ingested documents (their subjects and search words).
    "CREATE INDEX documents_resolution ON documents "
    "(id, placeholder, number, title, doc_type, issuer, issue_date, year, province, definite)",
    """CREATE TABLE doc_keys (
        key TEXT NOT NULL, doc_id TEXT NOT NULL, own INTEGER NOT NULL, PRIMARY KEY (key, doc_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX doc_keys_doc ON doc_keys (doc_id)",
    # Apart from the documents, so that no query over documents pages through texts.
    "CREATE TABLE texts (id TEXT PRIMARY KEY, text TEXT NOT NULL)",
    """CREATE TABLE edges (
        id INTEGER PRIMARY KEY,
        src TEXT NOT NULL, dst TEXT NOT NULL, relation TEXT NOT NULL, relation_detail TEXT,
        source_doc TEXT NOT NULL, asserted_by TEXT,
        evidence TEXT NOT NULL, start_offset INTEGER, end_offset INTEGER, mention TEXT, pinpoint TEXT,
        confidence REAL NOT NULL, cited_as TEXT NOT NULL, source_cited_as TEXT,
        dst_key TEXT NOT NULL, dst_ref TEXT, dst_fixed INTEGER NOT NULL,
        dst_method TEXT NOT NULL, dst_confidence REAL NOT NULL, dst_candidates TEXT NOT NULL,
        src_key TEXT, src_ref TEXT, src_fixed INTEGER,
        src_method TEXT, src_confidence REAL, src_candidates TEXT, parts TEXT
    )""",
    # A document's own citations are the edges from it that nobody else asserts: found by src, so that no index
    # on source_doc slows every insert; the edges it asserts between others, by this small partial index.
    "CREATE INDEX edges_src ON edges (src)",
    "CREATE INDEX edges_asserted_by ON edges (asserted_by) WHERE asserted_by IS NOT NULL",
    "CREATE INDEX edges_dst ON edges (dst)",
    # Only ends that may resolve differently are looked up by key (graph/load.py, _settle).
    "CREATE INDEX edges_dst_key ON edges (dst_key) WHERE dst_fixed = 0",
    "CREATE INDEX edges_src_key ON edges (src_key) WHERE src_fixed = 0",
)

# Columns named as graph/rows.py names the stored fields.
_DOC_COLUMNS = ", ".join(DOC_FIELDS)
_DOC_COLUMNS_D = ", ".join(f"d.{c}" for c in DOC_FIELDS)
_EDGE_COLUMNS = ", ".join(EDGE_FIELDS)
_STORED_NAMES = ", ".join(STORED_NAMES)
_EDGE_ORDER = "source_doc, start_offset IS NULL, start_offset, src, dst, relation, evidence"
_IN = "(SELECT value FROM json_each(?))"  # a parameter holding a JSON array of values

_UPSERT = (
    f"INSERT INTO documents ({', '.join(ROW_FIELDS)}) VALUES ({', '.join('?' * len(ROW_FIELDS))}) "
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in ROW_FIELDS[1:])}"
)
_EDGE_INSERT = (
    "INSERT INTO edges (src, dst, relation, relation_detail, source_doc, asserted_by, evidence, start_offset, "
    "end_offset, mention, pinpoint, confidence, cited_as, source_cited_as, dst_key, dst_ref, dst_fixed, "
    "dst_method, dst_confidence, dst_candidates, src_key, src_ref, src_fixed, src_method, src_confidence, "
    f"src_candidates, parts) VALUES ({', '.join('?' * 27)})"
)


def _admits(ref: str) -> str:
    """SQL: the reference in column `ref` may take a candidate of year c.value or later (see
    `GraphTxn.unfixed_ends`); c.value NULL: any."""
    number, year, before = (f"({ref} ->> {i})" for i in (_REF_NUMBER, _REF_YEAR, _REF_BEFORE))
    return (
        f"(c.value IS NULL OR (({year} IS NULL OR {year} >= c.value) AND ({before} IS NULL "
        f"OR substr({before}, 1, 4) >= c.value OR ({number} IS NULL AND {year} IS NOT NULL))))"
    )


# The changed keys as a JSON object (key → year or null), each joined to its unfixed ends through the partial
# key indexes; the year test runs in SQL, on the rows, so that ends no change can reach never become objects.
_UNFIXED_ENDS = (
    "SELECT e.id, 'dst', e.dst_ref, e.dst, e.src, e.dst_method, e.dst_confidence, e.dst_candidates "
    "FROM json_each(?) AS c JOIN edges AS e ON e.dst_key = c.key AND e.dst_fixed = 0 "
    f"WHERE {_admits('e.dst_ref')} "
    "UNION ALL "
    "SELECT e.id, 'src', e.src_ref, e.src, e.dst, e.src_method, e.src_confidence, e.src_candidates "
    "FROM json_each(?) AS c JOIN edges AS e ON e.src_key = c.key AND e.src_fixed = 0 "
    f"WHERE {_admits('e.src_ref')} "
    "ORDER BY 1, 2"
)


# One level of a traversal fetched from the file: the edges out of / into these documents.
_STEPS = {
    True: f"SELECT src, dst, relation FROM edges WHERE src IN {_IN}",
    False: f"SELECT src, dst, relation FROM edges WHERE dst IN {_IN}",
}
_EDGE_COLUMNS_E = ", ".join(f"e.{c}" for c in EDGE_FIELDS)
_EDGE_ORDER_E = ", ".join(
    ("e.source_doc", "e.start_offset IS NULL", "e.start_offset", "e.src", "e.dst", "e.relation", "e.evidence")
)
# Seconds the generation must stay still before the whole graph is loaded again: an ingest moves it every
# batch, and loading a million edges takes seconds that would be thrown away at the next batch.
RELOAD_QUIET = 1.0

# Edges of (source, target) pairs given as a JSON array of pairs, in edge order.
_EDGES_OF_PAIRS = (
    f"SELECT {_EDGE_COLUMNS_E} FROM json_each(?) AS p "
    "JOIN edges AS e INDEXED BY edges_src ON e.src = p.value ->> 0 AND e.dst = p.value ->> 1 "
    f"ORDER BY {_EDGE_ORDER_E}"
)
# Edges between two of these documents (a JSON array, twice), in edge order: through the sources' edges.
_EDGES_AMONG = (
    f"SELECT {_EDGE_COLUMNS_E} FROM json_each(?) AS s "
    f"JOIN edges AS e INDEXED BY edges_src ON e.src = s.value WHERE e.dst IN {_IN} "
    f"ORDER BY {_EDGE_ORDER_E}"
)


def _load_whole(conn: sqlite3.Connection) -> CitationGraph:
    graph = traverse.build(conn.execute("SELECT src, dst, relation FROM edges"))
    # A million edges are millions of objects that the cyclic collector would scan at every full collection
    # (seconds each, in the middle of a request). They hold no cycles: moved out of its sight, they are still
    # freed by reference counting when the graph is replaced.
    gc.freeze()
    return graph


class _Txn:
    """`graph.store.GraphTxn` on one SQLite connection inside BEGIN IMMEDIATE … COMMIT."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def content_hashes(self, ids: Collection[str]) -> dict[str, str]:
        rows = self.conn.execute(
            f"SELECT id, content_hash FROM documents WHERE placeholder = 0 AND id IN {_IN}", (json_list(ids),)
        )
        return dict(rows.fetchall())

    def ids_from_sources(self, sources: Collection[str]) -> dict[str, list[str]]:
        rows = self.conn.execute(
            # "+placeholder": keep SQLite off the placeholder index, which scans every ingested document per
            # batch (88 ms at 20k documents) instead of the source index (0.1 ms).
            f"SELECT source, id FROM documents WHERE source IN {_IN} AND +placeholder = 0 ORDER BY source, id",
            (json_list(sources),),
        )
        found: dict[str, list[str]] = {}
        for source, doc_id in rows:
            found.setdefault(source, []).append(doc_id)
        return found

    def delete_edges_of(self, doc_ids: Collection[str]) -> set[str]:
        # Citation edges have src = source_doc and no asserted_by; asserted ones have asserted_by = source_doc.
        param = json_list(doc_ids)
        ends = self.conn.execute(
            f"SELECT src, dst FROM edges WHERE src IN {_IN} AND asserted_by IS NULL "
            f"UNION ALL SELECT src, dst FROM edges WHERE asserted_by IN {_IN}",
            (param, param),
        ).fetchall()
        self.conn.execute(f"DELETE FROM edges WHERE src IN {_IN} AND asserted_by IS NULL", (param,))
        self.conn.execute(f"DELETE FROM edges WHERE asserted_by IN {_IN}", (param,))
        return {node for pair in ends for node in pair}

    def demote(self, doc_ids: Collection[str]) -> None:
        self.conn.execute(f"DELETE FROM texts WHERE id IN {_IN}", (json_list(doc_ids),))
        self.conn.execute(
            "UPDATE documents SET placeholder = 1, source = NULL, content_hash = NULL, meta = NULL, "
            "place = NULL, signer = NULL, effective_date = NULL, effective_text = NULL, expiry_date = NULL, "
            f"expiry_text = NULL WHERE id IN {_IN}",
            (json_list(doc_ids),),
        )

    def upsert_documents(self, nodes: Sequence[NodeRecord]) -> None:
        self.conn.executemany(_UPSERT, [document_row(n) for n in nodes])
        self.conn.execute(
            f"DELETE FROM texts WHERE id IN {_IN}", (json_list(n.id for n in nodes if n.text is None),)
        )
        self.conn.executemany(
            "INSERT OR REPLACE INTO texts (id, text) VALUES (?, ?)",
            [(n.id, n.text) for n in nodes if n.text is not None],
        )
        self.conn.execute(
            f"DELETE FROM doc_keys WHERE own = 1 AND doc_id IN {_IN}", (json_list(n.id for n in nodes),)
        )
        self.conn.executemany(
            # A key a citation gave the document first is its own now all the same: which came first must
            # not decide what a new version of the document drops.
            "INSERT INTO doc_keys (key, doc_id, own) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET own = 1",
            [(key, n.id) for n in nodes for key in sorted(n.keys)],
        )

    def merge_placeholders(self, nodes: Sequence[NodeRecord]) -> set[str]:
        rows = self.conn.execute(
            f"SELECT id, {_STORED_NAMES} FROM documents INDEXED BY documents_resolution WHERE id IN {_IN}",
            (json_list(n.id for n in nodes),),
        )
        stored = {r[0]: r[1:] for r in rows}
        merged = [m for m in (merged_placeholder(n, stored.get(n.id)) for n in nodes) if m is not None]
        self.conn.executemany(_UPSERT, [document_row(n) for n in merged])
        # An existing placeholder has the keys of its id already (the same number or name): only new ones need them.
        self.add_keys((key, n.id) for n in nodes if n.id not in stored for key in sorted(n.keys))
        return {n.id for n in nodes} - set(stored)

    def add_keys(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO doc_keys (key, doc_id, own) VALUES (?, ?, 0)", pairs)

    def keys_of(self, ids: Collection[str]) -> set[str]:
        rows = self.conn.execute(f"SELECT key FROM doc_keys WHERE doc_id IN {_IN}", (json_list(ids),))
        return {r[0] for r in rows}

    def existing(self, ids: Collection[str]) -> set[str]:
        rows = self.conn.execute(
            f"SELECT id FROM documents INDEXED BY documents_resolution WHERE id IN {_IN}", (json_list(ids),)
        )
        return {r[0] for r in rows}

    def candidates(self, keys: Collection[str]) -> dict[str, list[Candidate]]:
        rows = self.conn.execute(
            "SELECT k.key, d.id, COALESCE(d.issue_date, d.year), d.year, d.province, d.number IS NOT NULL, "
            "d.definite FROM doc_keys k JOIN documents d INDEXED BY documents_resolution ON d.id = k.doc_id "
            f"WHERE k.key IN {_IN} ORDER BY k.key, d.id",
            (json_list(keys),),
        )
        found: dict[str, list[Candidate]] = {}
        for key, doc_id, date, year, province, numbered, definite in rows:
            found.setdefault(key, []).append(
                Candidate(doc_id, date, year, province, bool(numbered), bool(definite))
            )
        return found

    def insert_edges(self, edges: Sequence[EdgeRecord]) -> None:
        self.conn.executemany(_EDGE_INSERT, edges)  # records are rows, columns in order

    def unfixed_ends(self, changes: Mapping[str, str | None]) -> list[StoredEnd]:
        param = json.dumps(changes, ensure_ascii=False)
        rows = self.conn.execute(_UNFIXED_ENDS, (param, param))
        return [
            StoredEnd(edge_id, end, ref, target, resolution_of(method, confidence, candidates), other)
            for edge_id, end, ref, target, other, method, confidence, candidates in rows
        ]

    def retarget(self, changes: Sequence[Retarget]) -> None:
        for end in ("dst", "src"):
            rows = [
                (
                    c.target,
                    c.resolution.method,
                    c.resolution.confidence,
                    json_list(c.resolution.candidates),
                    c.edge_id,
                )
                for c in changes
                if c.end == end
            ]
            # Two fixed statements rather than a column name put into SQL.
            statement = (
                "UPDATE edges SET dst = ?, dst_method = ?, dst_confidence = ?, dst_candidates = ? WHERE id = ?"
                if end == "dst"
                else "UPDATE edges SET src = ?, src_method = ?, src_confidence = ?, src_candidates = ? WHERE id = ?"
            )
            self.conn.executemany(statement, rows)

    def orphan_placeholders(self, ids: Collection[str]) -> set[str]:
        rows = self.conn.execute(
            f"SELECT id FROM documents d WHERE placeholder = 1 AND id IN {_IN} "
            "AND NOT EXISTS (SELECT 1 FROM edges WHERE dst = d.id) "
            "AND NOT EXISTS (SELECT 1 FROM edges WHERE src = d.id)",
            (json_list(ids),),
        )
        return {r[0] for r in rows}

    def delete_nodes(self, ids: Collection[str]) -> None:
        param = json_list(ids)
        self.conn.execute(f"DELETE FROM doc_keys WHERE doc_id IN {_IN}", (param,))
        self.conn.execute(f"DELETE FROM texts WHERE id IN {_IN}", (param,))
        self.conn.execute(f"DELETE FROM documents WHERE id IN {_IN}", (param,))


class _Reader:
    """`graph.store.GraphReader` on one SQLite connection inside a read transaction of `store`."""

    def __init__(self, conn: sqlite3.Connection, store: SQLiteStore) -> None:
        self.conn = conn
        self.store = store

    def get(self, doc_id: str) -> Document | None:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return document_of(row) if row else None

    def text(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT text FROM texts WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def documents(self, ids: Collection[str]) -> dict[str, Document]:
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN {_IN}", (json_list(ids),))
        return {d.id: d for d in map(document_of, rows)}

    def by_keys(self, keys: Collection[str]) -> list[Document]:
        rows = self.conn.execute(
            f"SELECT DISTINCT {_DOC_COLUMNS_D} FROM documents d JOIN doc_keys k ON k.doc_id = d.id "
            f"WHERE k.key IN {_IN} ORDER BY d.id",
            (json_list(keys),),
        )
        return [document_of(r) for r in rows]

    def all_documents(self) -> Iterator[Document]:
        return map(document_of, self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id"))

    def search(self, terms: SearchTerms, limit: int) -> list[Document]:
        # Fixed fragments joined; every value goes in as a parameter.
        where: list[str] = []
        params: list[Any] = []
        for condition, value in (
            ("instr(number_key, ?) > 0", terms.number),
            ("doc_type = ?", terms.doc_type),
            ("instr(issuer_key, ?) > 0", terms.issuer),
            ("date_hi >= ?", terms.date_from),
            ("date_lo <= ?", terms.date_to),
        ):
            if value is not None:
                where.append(condition)
                params.append(value)
        for word in terms.words:
            where.append("instr(words_ascii, ?) > 0" if word.isascii() else "instr(words, ?) > 0")
            params.append(word)
        if not terms.placeholders:
            where.append("placeholder = 0")
        clause = " AND ".join(where) or "1"
        rows = self.conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE {clause} "
            "ORDER BY placeholder, COALESCE(issue_date, year, '') DESC, id LIMIT ?",
            (*params, limit),
        )
        return [document_of(r) for r in rows]

    def citations(self, doc_id: str, direction: Direction, relations: Collection[str] | None) -> list[Edge]:
        ends = {"out": "src = ?", "in": "dst = ?", "both": "(src = ? OR dst = ?)"}[direction]
        params: list[Any] = [doc_id] * (2 if direction == "both" else 1)
        relation_filter = ""
        if relations is not None:
            relation_filter = f" AND relation IN {_IN}"
            params.append(json_list(relations))
        rows = self.conn.execute(
            f"SELECT {_EDGE_COLUMNS} FROM edges WHERE {ends}{relation_filter} ORDER BY {_EDGE_ORDER}", params
        )
        return [edge_of(r) for r in rows]

    def whole_graph(self) -> CitationGraph | None:
        return self.store._whole_graph(self.conn)

    def steps(self, ids: Sequence[str], forwards: bool, relations: Collection[str] | None) -> Iterator[Step]:
        rows: Iterator[Step] = self.conn.execute(_STEPS[forwards], (json_list(ids),))
        if relations is None:
            return rows
        wanted = set(relations)
        return (row for row in rows if row[2] in wanted)

    def edges_between(
        self, pairs: Collection[Pair], relations: Collection[str] | None
    ) -> dict[Pair, list[Edge]]:
        if not pairs:
            return {}
        # Each pair through the source's edges (a document cites a few dozen), never through the target's: a
        # route or tree may end at a document that thousands cite.
        rows = self.conn.execute(_EDGES_OF_PAIRS, (json.dumps(sorted(pairs), ensure_ascii=False),))
        found: dict[Pair, list[Edge]] = {}
        for edge in self._edges(rows, relations):
            found.setdefault((edge.source, edge.target), []).append(edge)
        return found

    def edges_among(self, ids: Collection[str], relations: Collection[str] | None) -> list[Edge]:
        param = json_list(ids)
        return list(self._edges(self.conn.execute(_EDGES_AMONG, (param, param)), relations))

    @staticmethod
    def _edges(rows: Iterable[Sequence[Any]], relations: Collection[str] | None) -> Iterator[Edge]:
        wanted = set(relations) if relations is not None else None
        return (edge_of(row) for row in rows if wanted is None or row[2] in wanted)

    def to_review(self, below: float, limit: int, offset: int) -> list[Edge]:
        # A scan of the edges: the queue is read by a person a page at a time, not on every request.
        rows = self.conn.execute(
            f"SELECT {_EDGE_COLUMNS} FROM edges WHERE dst_method IN {_IN} OR dst_confidence < ? "
            f"ORDER BY {_EDGE_ORDER}, id LIMIT ? OFFSET ?",
            (json_list(UNCERTAIN_METHODS), below, limit, offset),
        )
        return [edge_of(r) for r in rows]

    def ranked(
        self, *, placeholders_only: bool, relations: Collection[str] | None, limit: int
    ) -> list[CitedDocument]:
        where = ["1"]
        params: list[Any] = []
        if placeholders_only:
            where.append("d.placeholder = 1")
        if relations is not None:
            where.append(f"e.relation IN {_IN}")
            params.append(json_list(relations))
        rows = self.conn.execute(
            f"SELECT {_DOC_COLUMNS_D}, count(DISTINCT e.src) AS citing, count(*) AS n "
            f"FROM documents d JOIN edges e ON e.dst = d.id WHERE {' AND '.join(where)} "
            "GROUP BY d.id ORDER BY citing DESC, n DESC, d.id LIMIT ?",
            (*params, limit),
        )
        width = len(DOC_FIELDS)
        return [
            CitedDocument(document=document_of(r[:width]), citing_documents=r[width], citations=r[width + 1])
            for r in rows
        ]

    def stats(self) -> Stats:
        conn = self.conn
        nodes = dict(
            conn.execute("SELECT placeholder, count(*) FROM documents GROUP BY placeholder").fetchall()
        )
        edges, asserted = conn.execute("SELECT count(*), count(asserted_by) FROM edges").fetchone()
        relations = dict(conn.execute("SELECT relation, count(*) FROM edges GROUP BY relation ORDER BY 1"))
        methods: dict[str, int] = {}
        for method, n in conn.execute(
            "SELECT dst_method, count(*) FROM edges GROUP BY 1 "
            "UNION ALL SELECT src_method, count(*) FROM edges WHERE src_method IS NOT NULL GROUP BY 1"
        ):
            methods[method] = methods.get(method, 0) + n
        return Stats(
            documents=nodes.get(0, 0),
            placeholders=nodes.get(1, 0),
            edges=edges,
            asserted_edges=asserted,
            relations=relations,
            resolutions=dict(sorted(methods.items())),
        )


class SQLiteStore(BaseStore):
    """`graph.store.GraphStore` in one SQLite file. Safe to share between threads (a connection each)."""

    def __init__(
        self, path: Path, *, url: str | None = None, create: bool = True, timeout: float = 5.0
    ) -> None:
        self.file = Path(path)
        self.url = url or f"sqlite:///{self.file}"
        self.timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._cache: tuple[int, CitationGraph] | None = None
        self._loaded = threading.Condition(self._lock)  # the first load, waited for by concurrent traversals
        self._loading = False
        self._closed = False
        self.read_only = False  # set by _open: the file, or its file system, cannot be written
        self._folder_read_only = False
        self._open(create)

    # --- connections, transactions, errors -----------------------------------------------------------------

    def _corrupt(self, reason: str) -> StoreError:
        return StoreError(
            f"{self.file} is not a usable lexgraph database: it is corrupt ({reason}); it was left as it is. "
            "Restore it from a copy, or move it away and ingest the documents again"
        )

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """sqlite3's exceptions as StoreErrors that say what to do."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "locked" in message or "busy" in message:
                raise StoreError(
                    f"{self.file} is locked by another writer (waited {self.timeout:g} s); "
                    "try again when it has finished"
                ) from exc
            if message.startswith("Could not decode"):
                # Flipped bytes inside a text value: sqlite3's message quotes the garbled text itself.
                column = re.search(r"column '(\w+)'", message)
                where = f" of column '{column.group(1)}'" if column else ""
                raise self._corrupt(f"a text value{where} is not valid UTF-8") from exc
            if "readonly" in message or "read-only" in message:
                raise self._read_only_error() from exc
            if "unable to open database file" in message:
                raise StoreError(
                    f"{self.file}: {doing} failed: SQLite cannot open the file or create its journal beside it "
                    "(is its folder missing, not writable, or on a read-only file system?)"
                ) from exc
            raise StoreError(f"{self.file}: {doing} failed: {message}") from exc
        except sqlite3.DatabaseError as exc:
            message = str(exc)
            if "not a database" in message or "malformed" in message or "corrupt" in message:
                raise self._corrupt(message) from exc
            raise StoreError(f"{self.file}: {doing} failed: {message}") from exc
        except UnicodeDecodeError as exc:  # flipped bytes in the schema's own text
            raise self._corrupt("a text value is not valid UTF-8") from exc
        except (KeyError, TypeError, json.JSONDecodeError, ValidationError) as exc:
            if doing != "reading":
                raise
            # A value that lexgraph cannot have written: a relation "cite8", a number where text was stored, a
            # missing row of the header table; a flipped byte. (A bug of ours would read so too: the exception is
            # named, and chained for the log.)
            raise self._corrupt(f"a stored value cannot be read: {type(exc).__name__}: {exc}"[:200]) from exc

    def _read_only_error(self) -> StoreError:
        return StoreError(
            f"{self.file} is read-only (the file, or the file system it is on): it can be queried but not "
            "written"
        )

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # isolation_level=None: transactions are ours (BEGIN … COMMIT), reads included.
            if self.read_only:
                # A read-only file system cannot hold the WAL's -shm file: `immutable` reads without it (nothing
                # can change the file there); a read-only file on a writable one is opened read-only.
                mode = "ro&immutable=1" if self._folder_read_only else "ro"
                conn = sqlite3.connect(
                    f"{self.file.absolute().as_uri()}?mode={mode}",
                    uri=True,
                    timeout=self.timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                conn = sqlite3.connect(
                    self.file, timeout=self.timeout, isolation_level=None, check_same_thread=False
                )
            for pragma in _CONNECTION_PRAGMAS:
                conn.execute(pragma)
            self._local.conn = conn
            self._local.depth = 0
            with self._lock:
                self._connections.append(conn)
        return conn

    def _open(self, create: bool) -> None:
        if self.file.is_dir():
            raise StoreError(f"{self.file} is a folder, not a database file")
        missing = not self.file.exists()
        if not missing and self.file.stat().st_size == 0:
            # SQLite would take an empty file for a new database and the graph would be silently begun again:
            # an empty graph file is one truncated by a full disk or a failed copy.
            raise self._corrupt("the file is empty, 0 bytes")
        if not missing and not os.access(self.file, os.W_OK):
            self.read_only = True
            self._folder_read_only = not os.access(self.file.parent, os.W_OK)
        if missing and not create:
            raise StoreError(
                f"no graph at {self.file}; build one with `lexgraph ingest PATH --store {self.url}`"
            )
        if missing:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.file.parent, os.W_OK):
                raise StoreError(
                    f"cannot create a graph at {self.file}: its folder is not writable (or is on a read-only "
                    "file system)"
                )
        with self._errors("opening"):
            conn = self._conn()
            app_id, version = self._header(conn)
            if app_id == 0 and version == 0:
                if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StoreError(
                        f"{self.file} is an SQLite database of something else; it was left as it is"
                    )
                if not create:
                    raise StoreError(f"no graph at {self.file}; build one with `lexgraph ingest PATH`")
                if self.read_only:
                    raise self._read_only_error()
                self._create(conn)
            elif app_id != APPLICATION_ID:
                raise StoreError(f"{self.file} is an SQLite database of something else; it was left as it is")
            elif version in _MIGRATIONS:
                if self.read_only:
                    raise StoreError(
                        f"{self.file} has lexgraph schema {version} and is read-only: it cannot be upgraded to "
                        f"schema {SCHEMA_VERSION}; open it once where it can be written"
                    )
                self._migrate(conn)
            elif version != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.file} has lexgraph schema {version}; this lexgraph reads schema {SCHEMA_VERSION}"
                )

    @staticmethod
    def _header(conn: sqlite3.Connection) -> tuple[int, int]:
        return (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )

    def _create(self, conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if self._header(conn) == (0, 0):  # another process may have created it while we waited
                for statement in (*_SCHEMA, *_SET_HEADER):
                    conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._header(conn)[1]  # again, under the lock: another process may have migrated it
            while version in _MIGRATIONS:
                for statement in _MIGRATIONS[version]:
                    conn.execute(statement)
                version = self._header(conn)[1]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction (reentrant): every statement in it sees the same committed state."""
        with self._errors("reading"):
            # This thread's state, held on to: `close` replaces `self._local` (the background reload may be
            # reading when the store closes).
            local = self._local
            conn = self._conn()
            outer = getattr(local, "depth", 0) == 0
            if outer:
                conn.execute("BEGIN")
            local.depth = getattr(local, "depth", 0) + 1
            try:
                yield conn
            finally:
                local.depth -= 1
                if outer:
                    conn.execute("COMMIT")

    @contextmanager
    def _write(self, doing: str = "writing") -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise self._read_only_error()
        with self._errors(doing):
            conn = self._conn()
            if not getattr(self._local, "writer", False):
                for pragma in _WRITER_PRAGMAS:
                    conn.execute(pragma)
                self._local.writer = True
            conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through the batch
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # --- transactions --------------------------------------------------------------------------------------

    def _reading(self, work: Callable[[GraphReader], T]) -> T:
        with self._read() as conn:
            return work(_Reader(conn, self))

    def _writing(self, work: Callable[[GraphTxn], T], *, changed: Callable[[T], bool], doing: str) -> T:
        with self._write(doing) as conn:
            result = work(_Txn(conn))
            if changed(result):
                conn.execute("UPDATE meta SET value = value + 1 WHERE name = 'generation'")
        return result

    # --- the whole graph, cached -----------------------------------------------------------------------------

    @staticmethod
    def _generation(conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()[0])

    def _whole_graph(self, conn: sqlite3.Connection) -> CitationGraph | None:
        """The DiGraph of every edge when it holds the state `conn` reads; None when it is older (a background
        reload is then under way). The first call loads it, once, whoever else asks meanwhile."""
        generation = self._generation(conn)
        with self._lock:
            while self._cache is None and self._loading:  # another thread makes the first load
                self._loaded.wait()
            if self._cache is None:
                self._loading = True
            elif self._cache[0] == generation:
                return self._cache[1]
            else:
                self._reload_later()
                return None
        try:
            graph = _load_whole(conn)
            with self._lock:
                self._cache = (generation, graph)
        finally:
            with self._lock:
                self._loading = False
                self._loaded.notify_all()
        return graph

    def _reload_later(self) -> None:
        """Start the one background reload (called with the lock held)."""
        if self._loading or self._closed:
            return
        self._loading = True
        threading.Thread(target=self._reload, name="lexgraph-graph-reload", daemon=True).start()

    def _reload(self) -> None:
        try:
            while not self._closed:
                with self._read() as conn:
                    seen = self._generation(conn)
                time.sleep(RELOAD_QUIET)
                with self._read() as conn:
                    if self._generation(conn) != seen:
                        continue  # still being written: wait for a pause
                    graph = _load_whole(conn)
                with self._lock:
                    if self._cache is None or self._cache[0] < seen:
                        self._cache = (seen, graph)
                return
        except StoreError:
            return  # closed or unusable: the next traversal reads level by level, or reports the error
        finally:
            with self._lock:
                self._loading = False
                self._loaded.notify_all()
