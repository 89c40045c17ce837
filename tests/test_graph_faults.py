"""Bad input and faults: files that are not graphs, a database locked by another writer, readers during a
write, a process killed in the middle of a batch. Every failure is a `StoreError` that says what happened, and
nothing is ever silently recreated or half-written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from graph_examples import (
    decision_quang_tri_2021,
    document,
    law_43_2024,
    letter_1127,
    letter_5890,
    resolution_06,
)
from graph_stores import STORE_FACTORIES

from graph import GraphStore, StoreError, ingest, open_store
from graph.identity import Reference

REPO_ROOT = Path(__file__).resolve().parents[1]
L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
NQ06 = "vn/cp/undated/06-nq-cp"
TLD5890 = "vn/tld/2023/5890-tld-cspl"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "graph.db"


def as_schema_3(conn: sqlite3.Connection) -> None:
    """Make a graph of today's schema one of schema 3, which had no validity columns."""
    for column in ("effective_date", "effective_text", "expiry_date", "expiry_text"):
        conn.execute(f"ALTER TABLE documents DROP COLUMN {column}")
    conn.execute("ALTER TABLE edges DROP COLUMN parts")
    conn.execute("PRAGMA user_version = 3")


def test_a_file_of_garbage_is_an_error_and_is_left_as_it_is(db: Path) -> None:
    garbage = b"\x00\xffthis is not SQLite at all" * 200
    db.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a usable lexgraph database"):
        open_store(f"sqlite:///{db}")
    assert db.read_bytes() == garbage


def test_a_damaged_graph_is_an_error(db: Path) -> None:
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [letter_1127()])
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # the schema page
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError), open_store(f"sqlite:///{db}") as store:
        store.stats()


def test_another_applications_database_is_not_taken_over(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="something else"):
        open_store(f"sqlite:///{db}")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def test_queries_do_not_create_a_graph(db: Path) -> None:
    with pytest.raises(StoreError, match="no graph at"):
        open_store(f"sqlite:///{db}", create=False)
    assert not db.exists()


def test_a_graph_of_the_previous_schema_is_upgraded_in_place_and_keeps_its_documents(db: Path) -> None:
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [letter_1127()])
    with sqlite3.connect(db) as conn:  # schema 1 had no texts
        as_schema_3(conn)
        conn.execute("DROP TABLE texts")
        conn.execute("PRAGMA user_version = 1")
    with open_store(f"sqlite:///{db}") as store:
        assert store.get(L1127) is not None and store.text(L1127) is None
        ingest(store, [letter_1127().model_copy(update={"text": "Thực hiện Nghị quyết số 06/NQ-CP"})])
        assert store.text(L1127) == "Thực hiện Nghị quyết số 06/NQ-CP"


def test_a_graph_of_schema_2_is_upgraded_and_resolves_its_stored_references_again(db: Path) -> None:
    # 1127/LĐLĐ cites "06/NQ-CP" without a year: the one of 2022 while only it is held.
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [resolution_06("2022"), letter_1127(with_5890=False)])
    with sqlite3.connect(db) as conn:  # schema 2 stored references as JSON objects and indexed placeholder
        as_schema_3(conn)
        stored = conn.execute("SELECT id, dst_ref FROM edges WHERE dst_ref IS NOT NULL").fetchall()
        assert stored and all(ref.startswith("[") for _, ref in stored)
        for edge_id, ref in stored:
            as_object = json.dumps(asdict(Reference.from_json(ref)), ensure_ascii=False)
            conn.execute("UPDATE edges SET dst_ref = ? WHERE id = ?", (as_object, edge_id))
        conn.execute("DROP INDEX documents_resolution")
        conn.execute("CREATE INDEX documents_placeholder ON documents (placeholder)")
        conn.execute("PRAGMA user_version = 2")
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [resolution_06("2023")])  # a later 06/NQ-CP, still before the letter: the edge moves
        (edge,) = store.citations(L1127, "out")
        assert (edge.target, edge.resolution.method) == ("vn/cp/2023/06-nq-cp", "latest")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
        migrated = dict(conn.execute("SELECT id, dst_ref FROM edges WHERE dst_ref IS NOT NULL").fetchall())
    # The same arrays as a store of schema 3 writes (SQLite's JSON leaves out the spaces).
    assert {i: json.loads(ref) for i, ref in migrated.items()} == {i: json.loads(ref) for i, ref in stored}


def test_a_graph_of_schema_3_takes_its_documents_entry_into_force_from_their_stored_metadata(
    db: Path,
) -> None:
    # Quyết định 79/2025/QĐ-UBND of Hà Tĩnh "có hiệu lực kể từ ngày 05 tháng 12 năm 2025": schema 3 kept it only
    # in the metadata JSON.
    decision = document(
        "qd-79-2025-ha-tinh.txt", "79/2025/QĐ-UBND", "Quyết định", "UBND tỉnh Hà Tĩnh", "2025-11-25"
    )
    assert decision.document is not None
    decision.document.effective_date = "2025-12-05"
    decision.document.effective_text = "Quyết định này có hiệu lực kể từ ngày 05 tháng 12 năm 2025."
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [decision])
        (doc_id,) = [d.id for d in store.search(placeholders=False)]
    with sqlite3.connect(db) as conn:
        as_schema_3(conn)
    with open_store(f"sqlite:///{db}") as store:
        migrated = store.get(doc_id)
        assert migrated is not None and migrated.effective_date == "2025-12-05"
        assert migrated.effective_text == "Quyết định này có hiệu lực kể từ ngày 05 tháng 12 năm 2025."
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)


def test_a_graph_of_a_newer_schema_is_refused(db: Path) -> None:
    with open_store(f"sqlite:///{db}") as store:
        store.stats()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="schema 99"):
        open_store(f"sqlite:///{db}")


def test_urls_that_name_no_usable_store(tmp_path: Path) -> None:
    # Port 1 of this machine: nothing listens there, the connection is refused.
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at 127\.0\.0\.1:1"):
        open_store("neo4j://127.0.0.1:1")
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at 127\.0\.0\.1:1"):
        open_store("bolt://127.0.0.1:1")
    with pytest.raises(StoreError, match="unknown kind of store"):
        open_store("postgres://localhost/graph")
    with pytest.raises(StoreError, match="is a folder"):
        open_store(f"sqlite:///{tmp_path}")


def test_the_store_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    monkeypatch.setenv("LEXGRAPH_STORE", f"sqlite:///{db}")
    with open_store() as store:
        assert store.url == f"sqlite:///{db}"
    assert db.exists()


def test_a_database_locked_by_another_writer_is_an_error_and_reads_go_on(db: Path) -> None:
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [letter_1127()])
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with open_store(f"sqlite:///{db}", timeout=0.1) as store:
            assert store.get(L1127) is not None  # WAL: readers are not blocked by a writer
            with pytest.raises(StoreError, match="locked by another writer"):
                ingest(store, [resolution_06("2023")])
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_store(f"sqlite:///{db}", timeout=0.1) as store:
        assert ingest(store, [resolution_06("2023")]).written == 1


@pytest.fixture(params=sorted(STORE_FACTORIES))
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[GraphStore, GraphStore]]:
    """A writer and a reader on the same graph, each with its own connections."""
    writer = STORE_FACTORIES[request.param](tmp_path)
    reader = STORE_FACTORIES[request.param](tmp_path)
    yield writer, reader
    writer.close()
    reader.close()


def test_readers_see_a_document_before_or_after_a_write_never_in_between(
    two_stores: tuple[GraphStore, GraphStore],
) -> None:
    writer, reader = two_stores
    ingest(writer, [letter_1127()])
    versions = [letter_1127(with_5890=False), letter_1127()]
    allowed = {(NQ06,), (NQ06, TLD5890)}
    stop = threading.Event()
    seen: set[tuple[str, ...]] = set()
    failures: list[str] = []

    def read() -> None:
        while not stop.is_set():
            targets = tuple(e.target for e in reader.citations(L1127, "out"))
            seen.add(targets)
            if targets not in allowed:
                failures.append(f"citations {targets}")
            tree = reader.implementers(NQ06)
            children = [c.document.id for c in tree.root.children]
            if children == [L1127, TLD5890]:  # 5890 is there only with the letter's edge to it
                if [c.document.id for c in tree.root.children[1].children] != [L1127]:
                    failures.append("5890 without its implementer")
            elif children != [L1127]:
                failures.append(f"implementers {children}")

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for i in range(60):
            ingest(writer, [versions[i % 2]])
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert not failures, failures[:5]
    assert seen <= allowed


_KILLED_INGEST = """
import json, os, signal, sys
from ingest.models import Extraction
from graph import ingest, open_store
from graph.sqlite_store import _Txn

calls = {"n": 0}
insert = _Txn.insert_edges

def insert_then_die(self, edges):
    calls["n"] += 1
    insert(self, edges)
    if calls["n"] == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)  # in the middle of a transaction, as a crash or kill -9 would

_Txn.insert_edges = insert_then_die
extractions = [Extraction.model_validate_json(line) for line in sys.stdin]
with open_store("sqlite:///" + sys.argv[1]) as store:
    ingest(store, extractions, batch_size=2)
"""


def test_a_killed_ingest_leaves_whole_documents_and_running_again_completes_it(tmp_path: Path) -> None:
    documents = [
        letter_1127(),
        letter_5890(),
        resolution_06("2023"),
        decision_quang_tri_2021(),
        law_43_2024(),
    ]
    lines = "".join(d.to_json() + "\n" for d in documents)
    db = tmp_path / "killed.db"
    run = subprocess.run(
        [sys.executable, "-c", _KILLED_INGEST, str(db), "2"],  # dies in the second batch
        input=lines.encode("utf-8"),
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=120,
    )
    assert run.returncode == -9, run.stderr.decode()
    with open_store(f"sqlite:///{db}") as store:
        ingested = [d for d in store.search(limit=100) if not d.placeholder]
        # The first batch (1127 and 5890) is there, whole; nothing of the second.
        assert sorted(d.id for d in ingested) == [L1127, TLD5890]
        assert len(store.citations(L1127, "out")) == 2
        # 5890's own citation, and the relation the letter 1127 asserts of it.
        assert sorted(e.source_doc for e in store.citations(TLD5890, "out")) == [L1127, TLD5890]
        summary = ingest(store, documents, batch_size=2)
        assert (summary.written, summary.unchanged) == (3, 2)
        completed = _dump(store)
    with open_store(f"sqlite:///{tmp_path / 'clean.db'}") as clean:
        ingest(clean, documents)
        assert _dump(clean) == completed


def _dump(store: GraphStore) -> str:
    documents = store.search(limit=1000)
    edges = [e.model_dump() for d in documents for e in store.citations(d.id, "out")]
    return json.dumps([[d.model_dump() for d in documents], edges], sort_keys=True)


def _answers(store: GraphStore) -> list[object]:
    """The traversals' answers, as data."""
    nq06 = store.lookup("Nghị quyết 06/NQ-CP").id
    letter = store.lookup("1127/LĐLĐ").id
    return [
        store.implementers(nq06).model_dump(),
        store.implements(letter).model_dump(),
        store.neighbourhood(nq06, depth=2).model_dump(),
        store.neighbourhood(letter, depth=1, direction="out", relations=["implements"]).model_dump(),
        (path := store.path(letter, nq06)) and path.model_dump(),
    ]


def test_traversals_while_the_whole_graph_is_being_reloaded_answer_from_the_state_they_read(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a write, a traversal does not wait for the whole graph to load again: it reads what it needs level
    by level; its answers are those of a store that loaded the new graph whole."""
    import graph.sqlite_store as sqlite_store

    monkeypatch.setattr(sqlite_store, "RELOAD_QUIET", 3600.0)  # the background reload never finishes here
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [letter_1127(with_5890=False)])
        store.implementers(store.lookup("06/NQ-CP").id)  # loads the whole graph of this state
        ingest(store, [letter_1127(), letter_5890(), resolution_06("2023")])
        stale = _answers(store)
        assert store._cache is not None and store._cache[0] < store._generation(store._conn())
    with open_store(f"sqlite:///{db}") as fresh:  # loads the current graph whole
        assert _answers(fresh) == stale


def test_the_whole_graph_is_loaded_again_once_writes_pause(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.sqlite_store as sqlite_store

    monkeypatch.setattr(sqlite_store, "RELOAD_QUIET", 0.05)
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [letter_1127(with_5890=False)])
        nq06 = store.lookup("06/NQ-CP").id
        store.implementers(nq06)
        ingest(store, [letter_1127()])
        store.implementers(nq06)  # stale: answers level by level and starts the reload
        generation = store._generation(store._conn())
        for _ in range(200):
            if store._cache is not None and store._cache[0] == generation:
                break
            threading.Event().wait(0.02)
        assert store._cache is not None and store._cache[0] == generation


def test_only_the_writing_thread_keeps_a_large_page_cache(db: Path) -> None:
    # A server reads from 40 threads, each with its own connection: a 256 MiB cache each was gigabytes.
    store = open_store(f"sqlite:///{db}")
    try:
        ingest(store, [letter_1127()])
        sizes: dict[str, int] = {}

        def read() -> None:
            store.get(L1127)
            sizes["reader"] = store._conn().execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[attr-defined]

        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
        sizes["writer"] = store._conn().execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[attr-defined]
        assert sizes["reader"] >= -16 * 1024  # KiB, negative: at most 16 MiB
        assert sizes["writer"] <= -128 * 1024  # at least 128 MiB for the batch's index pages
    finally:
        store.close()
