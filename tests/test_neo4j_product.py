"""lexgraph on a real Neo4j, end to end, as a user runs it: `lexgraph ingest --store bolt://…` (twice, a changed
file, a killed run), every answer on examples/corpus equal to the embedded store's, `lexgraph query`, `lexgraph
serve` (REST, browse pages, exports, uploads and deletes), two ingests at once, a writer kept waiting past its
timeout, a deadlock, and reads during an ingest.

The server is the run's (tests/neo4j_server.py); every graph here is a namespace of this run, dropped at the end.
The tests share one graph of the example corpus, so they run on one xdist worker (xdist_group).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from example_corpus import EXAMPLE_DOCUMENTS
from fastapi.testclient import TestClient
from graph_examples import letter_1127
from graph_stores import drop_neo4j_graph, neo4j_graph
from test_api import AUTH, KEY, LETTER
from test_cli_serve import free_port
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli_app
from api.settings import Settings
from graph import GraphStore, StoreError, ingest, open_store
from graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.xdist_group("neo4j-product")

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples" / "corpus"
LAUNCHER = REPO_ROOT / "neo4j" / "run"
L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
NQ06 = "vn/cp/undated/06-nq-cp"
TLD5890 = "vn/tld/2023/5890-tld-cspl"
# A few corpus files for the scenarios that ingest again and again: the Lai Châu letter and what it cites among
# others.
SOME = ["seed-ldld-laichau-1127-2023.txt", "cv-2728-tct-2014.txt", "ct-08-2015-ubnd-quangbinh.txt"]


def lexgraph(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "COLUMNS": "400"},
        stdin=subprocess.DEVNULL,
    )


def dump(store: GraphStore) -> list[Any]:
    """Every document and every edge, through the protocol."""
    documents = store.search(limit=-1)
    edges = [e.model_dump() for d in documents for e in store.citations(d.id, "out")]
    return [sorted((d.model_dump() for d in documents), key=lambda d: d["id"]), edges]


def same_graph(url: str, other: GraphStore) -> None:
    with open_store(url, create=False) as store:
        assert dump(store) == dump(other)


@pytest.fixture(scope="module")
def corpus_url(example_extractions: list[Any]) -> Iterator[str]:
    """The example corpus in a graph of its own: the extractions the embedded `example_graph` is made of, written
    the same way (`lexgraph ingest --store bolt://…` itself is run below, on fewer files)."""
    url = neo4j_graph("corpus")
    with open_store(url) as store:
        summary = ingest(store, example_extractions)
    assert (summary.written, summary.errors) == (EXAMPLE_DOCUMENTS, [])
    yield url
    drop_neo4j_graph(url)


@pytest.fixture(scope="module")
def some(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any], Path]:
    """A copy of a few corpus files, their extractions, and the embedded store of them (the reference)."""
    from ingest.extract import extract_paths

    folder = tmp_path_factory.mktemp("some") / "corpus"
    folder.mkdir()
    for name in SOME:
        shutil.copy(EXAMPLES / name, folder / name)
    extractions = list(extract_paths([folder], workers=1))
    reference = folder.parent / "reference.db"
    with open_store(f"sqlite:///{reference}") as store:
        ingest(store, extractions)
    return folder, extractions, reference


@pytest.fixture
def fresh_graph(request: pytest.FixtureRequest) -> Iterator[str]:
    """A new, empty graph of this run (its store URL), dropped at the end."""
    url = neo4j_graph(re.sub(r"\W+", "-", request.node.name)[:60])
    yield url
    drop_neo4j_graph(url)


# --- ingest ---------------------------------------------------------------------------------------------------


def test_ingest_twice_changes_nothing_and_a_changed_file_replaces_its_edges(
    fresh_graph: str, tmp_path: Path
) -> None:
    from ingest.extract import extract_paths

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SOME:
        shutil.copy(EXAMPLES / name, folder / name)
    first = lexgraph("ingest", str(folder), "--store", fresh_graph, "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert f"{len(SOME)} documents written, 0 unchanged" in first.stderr, first.stderr
    with open_store(fresh_graph, create=False) as store:
        before = dump(store)
        again = lexgraph("ingest", str(folder), "--store", fresh_graph, "--workers", "1")
        assert again.returncode == 0, again.stderr
        assert f"0 documents written, {len(SOME)} unchanged" in again.stderr, again.stderr
        assert dump(store) == before
    letter = folder / "seed-ldld-laichau-1127-2023.txt"
    text = letter.read_text(encoding="utf-8")
    corrected = re.sub(r"Thực hiện công văn số 5890/TLĐ-CSPL[^.]*\.", "", text)
    assert corrected != text
    letter.write_text(corrected, encoding="utf-8")
    third = lexgraph("ingest", str(folder), "--store", fresh_graph, "--workers", "1")
    assert third.returncode == 0, third.stderr
    assert f"1 documents written, {len(SOME) - 1} unchanged" in third.stderr, third.stderr
    with open_store(fresh_graph, create=False) as store:
        assert TLD5890 not in {e.target for e in store.citations(L1127, "out")}
    with open_store(f"sqlite:///{tmp_path / 'reference.db'}") as reference:  # the corrected files, once
        ingest(reference, extract_paths([folder], workers=1))
        same_graph(fresh_graph, reference)


# The command line, killed (as kill -9 would) right after the edges of its second batch are sent: inside that
# batch's transaction, which the server then rolls back.
_KILLED_INGEST = """
import os, signal, sys
from graph.neo4j_store import _Txn
from api.cli import app

calls = {"n": 0}
insert = _Txn.insert_edges

def insert_then_die(self, edges):
    insert(self, edges)
    calls["n"] += 1
    if calls["n"] == 2:
        os.kill(os.getpid(), signal.SIGKILL)

_Txn.insert_edges = insert_then_die
app(["ingest", sys.argv[1], "--store", sys.argv[2], "--batch-size", "2", "--workers", "1"])
"""


def test_a_killed_ingest_leaves_whole_documents_and_running_again_completes_it(
    some: tuple[Path, list[Any], Path], fresh_graph: str
) -> None:
    folder, _, reference_db = some
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_INGEST, str(folder), fresh_graph],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with open_store(f"sqlite:///{reference_db}", create=False) as reference:
        with open_store(fresh_graph, create=False) as store:
            ingested = [d.id for d in store.search(placeholders=False, limit=-1)]
            assert len(ingested) == 2  # the first batch, whole; nothing of the second
            for doc_id in ingested:
                assert store.get(doc_id) == reference.get(doc_id)
                assert store.citations(doc_id, "out") == reference.citations(doc_id, "out")
        again = lexgraph("ingest", str(folder), "--store", fresh_graph, "--workers", "1")
        assert again.returncode == 0, again.stderr
        assert f"{len(SOME) - 2} documents written, 2 unchanged" in again.stderr, again.stderr
        same_graph(fresh_graph, reference)


def test_two_ingests_at_once_give_the_graph_of_one_after_the_other(
    some: tuple[Path, list[Any], Path], fresh_graph: str
) -> None:
    _, extractions, reference_db = some
    halves = [extractions[:2], extractions[1:]]  # one document in both
    failures: list[BaseException] = []

    def write(half: list[Any]) -> None:
        try:
            with open_store(fresh_graph) as store:  # a client of its own: its own driver and connections
                ingest(store, half, batch_size=1)
        except BaseException as exc:
            failures.append(exc)

    writers = [threading.Thread(target=write, args=(half,)) for half in halves]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(300)
    assert not failures, failures
    with Neo4jStore(fresh_graph, create=False) as store, store._driver.session() as session:
        twice = session.run(
            "MATCH (d:LexDocument {graph_id: $graph}) WITH d.id AS id, count(*) AS n WHERE n > 1 RETURN id",
            graph=store.graph_id,
        ).values()
        assert twice == [], "documents stored twice"
    with open_store(f"sqlite:///{reference_db}", create=False) as reference:
        same_graph(fresh_graph, reference)


def _hold_graph_lock(url: str) -> tuple[Any, Any, Any]:
    """A transaction of another client that holds the graph's lock (as a writer does during a batch)."""
    store = Neo4jStore(url)
    session = store._driver.session()
    tx = session.begin_transaction()
    tx.run("MATCH (g:LexGraph {graph_id: $graph}) SET g._lock = true", graph=store.graph_id).consume()
    return store, session, tx


def test_a_writer_kept_waiting_past_its_timeout_gets_the_error_sqlite_gives(
    fresh_graph: str, tmp_path: Path
) -> None:
    holder, session, tx = _hold_graph_lock(fresh_graph)
    try:
        with open_store(fresh_graph, timeout=1.0) as store:
            started = time.monotonic()
            with pytest.raises(StoreError) as raised:
                ingest(store, [letter_1127()])
            waited = time.monotonic() - started
            assert store.stats().documents == 0
    finally:
        tx.rollback()
        session.close()
        holder.close()
    assert 1.0 <= waited < 10.0
    message = str(raised.value)
    assert message.endswith("is locked by another writer (waited 1 s); try again when it has finished"), (
        message
    )
    # The embedded store's words, for the same situation.
    import sqlite3

    db = tmp_path / "locked.db"
    open_store(f"sqlite:///{db}").close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with open_store(f"sqlite:///{db}", timeout=1.0) as store, pytest.raises(StoreError) as on_sqlite:
            ingest(store, [letter_1127()])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(on_sqlite.value).split(" is locked by", 1)[1] == message.split(" is locked by", 1)[1]
    with open_store(fresh_graph, timeout=1.0) as store:  # once the other writer is done, writing works
        assert ingest(store, [letter_1127()]).written == 1


def test_a_read_that_writes_keep_moving_waits_for_the_batch_instead(
    fresh_graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After OPTIMISTIC_READS tries that a commit moved, a read takes the graph's lock: it waits for the batch
    being written (here another client's transaction that holds the lock) and answers from after it."""
    import graph.neo4j_store as module

    with open_store(fresh_graph) as store:
        ingest(store, [letter_1127()])
    monkeypatch.setattr(module, "OPTIMISTIC_READS", 0)  # as if every optimistic try had been moved
    holder, session, tx = _hold_graph_lock(fresh_graph)
    answered: list[int] = []

    def read() -> None:
        with open_store(fresh_graph) as store:
            answered.append(store.stats().documents)

    reader = threading.Thread(target=read)
    try:
        reader.start()
        reader.join(1.5)
        assert answered == []  # waiting for the other transaction
    finally:
        tx.rollback()
        session.close()
        holder.close()
    reader.join(60)
    assert answered == [1]


def test_a_batch_that_loses_a_deadlock_is_run_again(
    fresh_graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another client holds a document that the batch, holding the graph's lock, waits for; then the other client
    asks for the graph's lock. Neo4j breaks the deadlock by failing one of the two transactions, here the batch's
    (a transient error), which the store's managed transaction runs again, and which then succeeds."""
    import graph.neo4j_store as module

    with open_store(fresh_graph) as store:
        ingest(store, [letter_1127()])
        graph_id = store.graph_id  # type: ignore[attr-defined]
    holder = Neo4jStore(fresh_graph)
    session = holder._driver.session()
    other = session.begin_transaction()
    other.run(
        "MATCH (d:LexDocument {graph_id: $graph, id: $id}) SET d._held = true", graph=graph_id, id=L1127
    ).consume()
    # Neo4j fails the side of a deadlock that holds fewer locks: the other client holds many (nodes it makes and
    # never commits), the batch a few.
    other.run("UNWIND range(1, 1000) AS i CREATE (:LexgraphTestFiller {i: i})").consume()
    holding = threading.Event()
    attempts = {"n": 0}
    hashes = module._Txn.content_hashes

    def first_wait_for_the_other(self: Any, ids: Any) -> Any:
        attempts["n"] += 1
        if attempts["n"] == 1:
            holding.set()  # the batch holds the graph's lock now
        return hashes(
            self, ids
        )  # then it replaces 1127's edges: it waits for 1127, which the other client holds

    monkeypatch.setattr(module._Txn, "content_hashes", first_wait_for_the_other)
    results: list[Any] = []

    def write() -> None:
        with open_store(fresh_graph) as store:
            results.append(ingest(store, [letter_1127(with_5890=False)]))

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert holding.wait(30)
        time.sleep(1.0)  # the batch now waits for 1127
        other.run("MATCH (g:LexGraph {graph_id: $graph}) SET g._lock = true", graph=graph_id).consume()
        other.rollback()
    finally:
        writer.join(60)
        session.close()
        holder.close()
    assert attempts["n"] >= 2, "the batch was not run again"
    (summary,) = results
    assert summary.written == 1
    with open_store(fresh_graph, create=False) as store:
        assert [e.target for e in store.citations(L1127, "out")] == [NQ06]


def test_reads_during_an_ingest_never_fail(
    fresh_graph: str, example_extractions: list[Any], example_graph: Path
) -> None:
    """Readers on their own clients while the corpus is written in small batches: no read fails, however often
    the graph moves under it."""
    done = threading.Event()
    failures: list[str] = []
    reads = {"n": 0}

    def read() -> None:
        with open_store(fresh_graph) as store:
            while not done.is_set():
                try:
                    store.stats()
                    for document in store.search(words="lao động", limit=3):
                        store.neighbourhood(document.id, depth=3)
                        store.implementers(document.id)
                    reads["n"] += 1
                except Exception as exc:  # any failure of a read is what this test is about
                    failures.append(f"{type(exc).__name__}: {exc}")

    with open_store(fresh_graph) as store:
        readers = [threading.Thread(target=read) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            ingest(store, example_extractions, batch_size=2)
        finally:
            done.set()
            for reader in readers:
                reader.join(60)
        with open_store(f"sqlite:///{example_graph}", create=False) as reference:
            assert store.stats() == reference.stats()
    assert not failures, failures[:3]
    assert reads["n"] > 0


def test_the_write_path_seeks_and_never_scans(fresh_graph: str, example_extractions: list[Any]) -> None:
    """Every statement of a batch that replaces documents, and of a delete, under PROFILE: its plan finds nodes
    and relationships through indexes, never by reading all of them (benchmarks/graph.py checks the same on
    20,000 synthetic documents)."""
    from benchmarks.graph import SCAN, profiled
    from graph.load import plan

    with open_store(fresh_graph) as store:
        ingest(store, example_extractions[:16])
        changed = [
            plan(e.model_copy(update={"text": (e.text or "") + " (bản sửa đổi)"}))
            for e in example_extractions[:8]
        ]
        with profiled() as plans:
            assert store.write(changed).written == 8
            assert len(store.delete([w.node.id for w in changed[:2]])) == 2
    assert {
        "_LOCK_GRAPH",
        "_DELETE_CITATIONS_OF",
        "_UPSERT_DOCUMENTS",
        "_CREATE_EDGES",
        "_DEMOTE",
    } <= plans.keys()
    scans = {name: sorted(o for o in operators if SCAN in o) for name, operators in plans.items()}
    assert not any(scans.values()), {name: ops for name, ops in scans.items() if ops}


# --- every answer, as the embedded store gives it ---------------------------------------------------------------


def answers(store: GraphStore, ids: list[str], pairs: list[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    """(what was asked, the answer as data) for every query of the protocol, on these documents and pairs."""

    def data(value: Any) -> Any:
        if isinstance(value, list):
            return [data(v) for v in value]
        return value.model_dump() if hasattr(value, "model_dump") else value

    yield "stats", data(store.stats())
    yield "labels", store.labels()
    yield "missing", data(store.missing(limit=-1))
    yield "most cited", data(store.most_cited(limit=-1))
    yield "most cited implements", data(store.most_cited(limit=-1, relations=["implements"]))
    ranked = [(m.citing_documents, m.citations) for m in store.missing(limit=-1)]
    # Limits that cut through a tie: both stores must keep the same documents of it.
    for limit in [i for i in range(1, len(ranked)) if ranked[i - 1] == ranked[i]][:15]:
        yield f"missing limit {limit}", data(store.missing(limit=limit))
        yield f"most cited limit {limit}", data(store.most_cited(limit=limit))
    for words in ("lao động", "lao dong", "đất đai", "nghị quyết chính phủ", "thuế"):
        yield f"search {words}", data(store.search(words=words, limit=-1))
        yield f"search {words} limit 3", data(store.search(words=words, limit=3))
    yield "search ingested", data(store.search(placeholders=False, limit=-1))
    yield "search 2023", data(store.search(date_from="2023", date_to="2023", limit=-1))
    yield "search type", data(store.search(doc_type="công văn", limit=5))
    yield "search number", data(store.search(number="nq-cp", limit=-1))
    for n, doc_id in enumerate(ids):
        document = store.get(doc_id)
        yield f"get {doc_id}", data(document)
        for direction in ("out", "in"):
            yield f"citations {direction} {doc_id}", data(store.citations(doc_id, direction))  # type: ignore[arg-type]
        if n % 4:
            continue  # the costlier answers on every fourth document
        yield f"text {doc_id}", store.text(doc_id)
        yield f"find {doc_id}", data(store.find(doc_id))
        if document is not None and document.number:
            yield f"find {document.number}", data(store.find(document.number))
        yield f"citations both {doc_id}", data(store.citations(doc_id, "both"))
        yield f"implementers {doc_id}", data(store.implementers(doc_id, max_depth=5))
        yield f"implements {doc_id}", data(store.implements(doc_id, max_depth=5))
        every = ["implements", "based_on", "cites", "guides"]
        yield f"implementers all {doc_id}", data(store.implementers(doc_id, max_depth=5, relations=every))
        yield f"neighbourhood {doc_id}", data(store.neighbourhood(doc_id, depth=2, max_nodes=50))
    for source, target in pairs:
        yield f"path {source} {target}", data(store.path(source, target))


def test_every_answer_on_the_corpus_is_the_embedded_stores(corpus_url: str, example_graph: Path) -> None:
    with (
        open_store(f"sqlite:///{example_graph}", create=False) as sqlite,
        open_store(corpus_url, create=False) as neo4j,
    ):
        ids = [d.id for d in sqlite.search(limit=-1)]
        assert len(ids) > 250
        # Pairs with a route (every document and each one it reaches), and as many without.
        reach = sqlite.neighbourhood
        pairs = []
        for doc_id in ids[::4]:
            around = reach(doc_id, depth=3, direction="out").documents
            pairs += [(doc_id, d.id) for d in around[1:3]]
        pairs += list(zip(ids[::9], ids[5::9], strict=False))
        expected = dict(answers(sqlite, ids, pairs))
        got = dict(answers(neo4j, ids, pairs))
    assert got.keys() == expected.keys()
    differing = [key for key in expected if got[key] != expected[key]]
    assert not differing, f"{len(differing)} answers differ, first: {differing[:5]}"
    assert sum(value is not None for key, value in expected.items() if key.startswith("path")) >= 30


# --- the query commands -----------------------------------------------------------------------------------------

QUERIES = [
    ["implementers", "Nghị quyết 06/NQ-CP"],
    ["implementers", "Nghị quyết 06/NQ-CP", "--json"],
    ["implements", "1127/LĐLĐ"],
    ["cites", "1127/LĐLĐ", "--json"],
    ["cited-by", "Luật Đất đai 2013"],
    ["path", "1127/LĐLĐ", "06/NQ-CP"],
    ["missing", "--limit", "7"],
    ["show", "Luật Đất đai 2013", "--json"],
    ["neighbourhood", "06/NQ-CP", "-d", "2"],
    ["search", "--words", "đất đai", "--from", "2014"],
    ["most-cited", "--json"],
    ["stats"],
    ["show", "Nghị quyết 06/NQ-CQ"],  # names nothing: close matches, exit 1
]


def test_query_commands_print_what_they_print_on_sqlite(corpus_url: str, example_graph: Path) -> None:
    runner = CliRunner()
    for query in QUERIES:
        outputs = []
        for url in (f"sqlite:///{example_graph}", corpus_url):
            result = runner.invoke(cli_app, ["query", *query, "--store", url], env={"COLUMNS": "400"})
            outputs.append((result.exit_code, result.stdout, result.stderr))
        assert outputs[0] == outputs[1], query
        assert outputs[0][0] == (1 if "Nghị quyết 06/NQ-CQ" in query else 0), outputs[0]


# --- the service ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(corpus_url: str) -> Iterator[str]:
    """`lexgraph serve --store bolt://…` on the corpus graph, with a key that may write."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--store", corpus_url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "LEXGRAPH_API_KEYS": KEY},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=5).read()
                break
            except OSError:
                assert process.poll() is None, process.communicate()[1]
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


ROUTES = [
    "/health",
    "/stats",
    f"/documents/{L1127}",
    f"/documents/{NQ06}/implementers?depth=5",
    f"/documents/{L1127}/implements",
    f"/documents/{NQ06}/cited-by",
    f"/documents/{L1127}/citations?relation=implements",
    "/documents?words=lao%20dong&limit=5",
    "/documents?type=Ngh%E1%BB%8B%20quy%E1%BA%BFt&offset=2&limit=3",
    f"/resolve?ref={quote('Nghị quyết 06/NQ-CP')}",
    f"/paths?from={L1127}&to={NQ06}",
    f"/graph?root={NQ06}&depth=2",
    "/missing?limit=10",
    "/most-cited?limit=10",
    f"/export?root={NQ06}&format=graphml&depth=2",
    f"/export?root={NQ06}&format=jsonld&depth=2",
    f"/export?root={NQ06}&format=csv&depth=2",
    f"/export?root={NQ06}&format=svg&depth=2",
    f"/export?root={NQ06}&format=html&depth=2",
    "/",
    f"/tra-cuu?q={quote('Nghị quyết 06/NQ-CP')}",
    f"/van-ban/{L1127}",
    f"/van-ban/{NQ06}",
    f"/do-thi/{NQ06}",
    "/documents/vn/khong-co",
]


def test_the_service_on_neo4j_answers_as_on_sqlite(served: str, example_graph: Path) -> None:
    with open_store(f"sqlite:///{example_graph}", create=False) as store:
        client = TestClient(create_app(Settings(store=f"sqlite:///{example_graph}"), store))
        for route in ROUTES:
            status, body = http("GET", served + route)
            expected = client.get(route, follow_redirects=True)
            assert status == expected.status_code, (route, body[:300])
            if route == "/health":
                assert json.loads(body)["status"] == expected.json()["status"] == "ok"
            elif route.startswith("/export") and "format=csv" not in route and "format=graphml" not in route:
                assert body, route  # pictures and pages: the same document, with their own generated ids
            elif route.startswith("/export"):
                assert body == expected.content, route
            elif route == "/" or route.startswith(("/van-ban", "/tra-cuu", "/do-thi")):
                # The pages name their store (sqlite:///… or bolt://…); the rest is the same page.
                assert strip_store(body.decode()) == strip_store(expected.text), route
            else:
                assert json.loads(body) == expected.json(), route


def strip_store(page: str) -> str:
    return re.sub(r"(sqlite|bolt)://[^\s<\"']+", "STORE", page)


def test_uploads_and_deletes_through_the_service(served: str, corpus_url: str) -> None:
    with open_store(corpus_url, create=False) as store:
        before = dump(store)
        boundary = "lexgraph-test-boundary"
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="cong-van-77.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n{LETTER}\r\n--{boundary}--\r\n"
        ).encode()
        headers = {**AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}"}
        status, answer = http("POST", f"{served}/documents", body, headers)
        assert status == 201, answer
        (document,) = json.loads(answer)["documents"]
        status, tree = http("GET", f"{served}/documents/{L1127}/implementers")
        assert document["id"] in [c["document"]["id"] for c in json.loads(tree)["root"]["children"]]
        assert http("POST", f"{served}/documents", body, {"Content-Type": headers["Content-Type"]})[0] == 401
        status, _ = http("DELETE", f"{served}/documents/{document['id']}", headers=AUTH)
        assert status == 204
        assert http("GET", f"{served}/documents/{document['id']}")[0] == 404
        assert dump(store) == before  # the letter and the placeholders only it made are gone


# --- the CSV export, into neo4j-admin database import ------------------------------------------------------------


def test_the_csv_export_imports_with_neo4j_admin(corpus_url: str, tmp_path: Path) -> None:
    neo4j_graph("csv")  # skips or fails as every Neo4j test does when there is no Java
    out = tmp_path / "export"
    run = lexgraph(
        "export", "Nghị quyết 06/NQ-CP", "-d", "3", "-f", "csv", "-o", str(out), "--store", corpus_url
    )
    assert run.returncode == 0, run.stderr
    nodes, edges = (
        len(list(csv.reader((out / name).open(encoding="utf-8")))) - 1 for name in ("nodes.csv", "edges.csv")
    )
    assert nodes >= 3 and edges >= 3
    env = {**os.environ, "NEO4J_HOME": str(tmp_path / "imported"), "NEO4J_HEAP": "512m"}
    if os.environ.get("CI"):
        env["NEO4J_OFFLINE"] = "1"
    imported = subprocess.run(
        [str(LAUNCHER), "admin", "database", "import", "full", "neo4j", f"--report-file={tmp_path / 'import.report'}",
         f"--nodes={out / 'nodes.csv'}", f"--relationships={out / 'edges.csv'}"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    assert f"{nodes} nodes" in imported.stdout and f"{edges} relationships" in imported.stdout, (
        imported.stdout
    )
