"""The Neo4j store's own rules, checked without a server (its answers on a real one are checked by the contract
suite and tests/test_neo4j_product.py):

- Every Cypher statement is a constant, and values only ever travel as parameters (the module's syntax tree).
- Every statement the store runs is one of those constants and gets exactly the parameters it names, on every
  path (reads, writes, traversals, schema), recorded on a stand-in transaction that answers with canned rows.
- Driver failures are StoreErrors: a refused connection (port 1 of this machine), and credentials or a database
  refused by a server that speaks just enough Bolt to refuse them, so that the real driver raises its real
  AuthError and ClientError.
- URLs and environment variables.

The contract suite (tests/test_graph_contract.py, tests/test_graph_faults.py) runs against a real server: $NEO4J_URI,
else the one the run starts (tests/neo4j_server.py); `test_the_contract_suite_runs_against_neo4j` is the one line
that says when there is none (no Java or Maven, outside CI).
"""

from __future__ import annotations

import ast
import re
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from graph_examples import letter_1127
from graph_stores import NEO4J_SKIP, STORE_FACTORIES

import graph.neo4j_store as module
from graph import StoreError, open_store, plan
from graph.models import NodeRecord, Resolution, Retarget
from graph.neo4j_store import Neo4jStore, settings
from graph.registry import STORE_FACTORIES as URL_FACTORIES

MODULE_PATH = Path(module.__file__)
CLAUSE = re.compile(r"^\s*(OPTIONAL MATCH|MATCH|MERGE|UNWIND|CREATE|WITH|RETURN|CALL|SHOW|DROP)\b")
CYPHERISH = re.compile(r"\$\w|\b(MATCH|MERGE|UNWIND|RETURN|DETACH DELETE|CREATE|SET|WHERE)\b")


def _statements() -> list[str]:
    """Every Cypher statement of the module: its constants, and those in its constant tuples and dicts."""
    found: list[str] = []
    for value in vars(module).values():
        values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
        found += [v for v in values if isinstance(v, str) and CLAUSE.match(v)]
    return found


STATEMENTS = _statements()


def test_the_contract_suite_runs_against_neo4j() -> None:
    if "neo4j" not in STORE_FACTORIES:
        pytest.skip(NEO4J_SKIP)
    # With a server, the contract suite is parametrised with it; here, one store opens, answers and drops its graph.
    store = STORE_FACTORIES["neo4j"](Path("/nonexistent/lexgraph-smoke-test"))
    try:
        assert store.stats().documents == 0
    finally:
        store.close()


# --- Cypher is constant text ----------------------------------------------------------------------------------


def _module_tree() -> ast.Module:
    return ast.parse(MODULE_PATH.read_text(encoding="utf-8"))


def test_the_module_has_its_statements() -> None:
    assert len(STATEMENTS) > 40
    assert all(CLAUSE.match(s) for s in module._SCHEMA)


def test_every_cypher_string_is_a_whole_constant_statement() -> None:
    """A string that starts a Cypher statement is the whole value of a module-level constant (or of an item of a
    constant tuple or dict), never made at run time."""
    tree = _module_tree()
    allowed: set[int] = set()
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is None:
            continue
        items = (
            value.elts
            if isinstance(value, ast.Tuple)
            else value.values
            if isinstance(value, ast.Dict)
            else [value]
        )
        allowed |= {id(item) for item in items if isinstance(item, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CLAUSE.match(node.value):
            assert id(node) in allowed, f"line {node.lineno}: a Cypher string outside a module constant"


def test_no_cypher_is_formatted_or_concatenated() -> None:
    tree = _module_tree()
    names = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
        and isinstance(node.value, ast.Constant | ast.Tuple | ast.Dict)
        and any(
            isinstance(c, ast.Constant) and isinstance(c.value, str) and CLAUSE.match(c.value)
            for c in ast.walk(node.value)
        )
    }
    assert {"_GET", "_SEARCH", "_CITATIONS", "_STEPS", "_SCHEMA"} <= names

    def cypher(node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in names
        if isinstance(node, ast.Subscript):
            return cypher(node.value)
        return (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and bool(CYPHERISH.search(node.value))
        )

    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.JoinedStr):  # an f-string
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            assert not any(CYPHERISH.search(p) for p in parts), f"{where}: Cypher in an f-string"
        if isinstance(node, ast.BinOp):
            assert not (cypher(node.left) or cypher(node.right)), f"{where}: Cypher built with an operator"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert not cypher(node.func.value), f"{where}: Cypher changed by .{node.func.attr}()"


# --- every statement gets exactly its parameters ------------------------------------------------------------


def _props(doc_id: str, **more: Any) -> dict[str, Any]:
    return {"id": doc_id, "placeholder": False, **more}


def _edge(src: str, dst: str, eid: int, relation: str = "implements") -> dict[str, Any]:
    props = {
        "eid": eid,
        "relation": relation,
        "source_doc": src,
        "evidence": f"{src} thực hiện {dst}",
        "start_offset": 10,
        "end_offset": 20,
        "confidence": 0.9,
        "cited_as": dst,
        "dst_key": "n:" + dst,
        "dst_fixed": True,
        "dst_method": "exact",
        "dst_confidence": 1.0,
        "dst_candidates": "[]",
    }
    return {"src": src, "dst": dst, "edge": props}


EDGES = [_edge("c", "b", 1), _edge("b", "a", 2), _edge("c", "a", 3, "cites")]


class RecordingTx:
    """A transaction that checks and records each statement, and answers from a tiny graph c → b → a, c → a."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, dict[str, Any]]] = []
        self.created = False

    def run(self, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        assert any(query is s for s in STATEMENTS), f"not a constant of the module: {query}"
        named = set(re.findall(r"\$(\w+)", query))
        assert named == set(parameters), f"{query}\n names {sorted(named)}, given {sorted(parameters)}"
        assert all(isinstance(k, str) for k in parameters)
        self.ran.append((query, parameters))
        return self.answer(query, parameters)

    def rollback(self) -> None:
        pass

    def answer(self, query: str, p: dict[str, Any]) -> list[dict[str, Any]]:
        wanted = set(p.get("relations") or ["implements", "cites"])
        edges = [e for e in EDGES if e["edge"]["relation"] in wanted]
        answers: dict[str, Callable[[], list[dict[str, Any]]]] = {
            module._GRAPH_STATE: lambda: [
                {"schema": 1 if self.created else None, "generation": 0 if self.created else None}
            ],
            module._CREATE_GRAPH: lambda: [{"schema": 1}] if not setattr(self, "created", True) else [],
            module._RESERVE_EDGE_IDS: lambda: [{"first_eid": 7}],
            module._CREATE_EDGES: lambda: [{"created": len(p["rows"])}],
            module._RETARGET_DST: lambda: [{"moved": len(p["rows"])}],
            module._RETARGET_SRC: lambda: [{"moved": len(p["rows"])}],
            module._DROP_DOCUMENTS: lambda: [{"deleted": 0}],
            module._DROP_KEYS: lambda: [{"deleted": 0}],
            module._DROP_TEXTS: lambda: [{"deleted": 0}],
            module._TEXT: lambda: [{"text": "Thực hiện Nghị quyết số 06/NQ-CP"}],
            module._GET: lambda: [{"doc": _props(p["doc_id"])}],
            module._DOCUMENTS: lambda: [{"doc": _props(i)} for i in p["ids"]],
            module._STEPS[True]: lambda: [
                {"src": e["src"], "dst": e["dst"], "relation": e["edge"]["relation"]}
                for e in edges
                if e["src"] in p["ids"]
            ],
            module._STEPS[False]: lambda: [
                {"src": e["src"], "dst": e["dst"], "relation": e["edge"]["relation"]}
                for e in edges
                if e["dst"] in p["ids"]
            ],
            module._EDGES_BETWEEN: lambda: [e for e in edges if [e["src"], e["dst"]] in p["pairs"]],
            module._EDGES_AMONG: lambda: [e for e in edges if e["src"] in p["ids"] and e["dst"] in p["ids"]],
            module._CITATIONS["out"]: lambda: [e for e in edges if e["src"] == p["doc_id"]],
            module._COUNT_EDGES: lambda: [
                {"relation": "implements", "dst_method": "exact", "src_method": None, "n": 2, "asserted": 0}
            ],
            module._COUNT_DOCUMENTS: lambda: [{"placeholder": False, "n": 3}],
            module._RANKED: lambda: [{"doc": _props("a"), "citing": 2, "citations": 2}],
        }
        return answers.get(query, list)()


class RecordingDriver:
    """What the store uses of a driver, on one RecordingTx."""

    execute_query_bookmark_manager = None

    def __init__(self, tx: RecordingTx) -> None:
        self.tx = tx

    def verify_connectivity(self) -> None:
        pass

    def execute_query(self, query: str, parameters: dict[str, Any] | None = None, **_config: Any) -> Any:
        return self.tx.run(query, parameters or {}), None, None

    def session(self, **_config: Any) -> RecordingSession:
        return RecordingSession(self.tx)

    def close(self) -> None:
        pass


class RecordingSession:
    def __init__(self, tx: RecordingTx) -> None:
        self.tx = tx

    def __enter__(self) -> RecordingSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def execute_read(self, work: Callable[..., Any], *args: Any) -> Any:
        return work(self.tx, *args)

    execute_write = execute_read

    def begin_transaction(self, **_config: Any) -> RecordingExplicitTx:
        return RecordingExplicitTx(self.tx)


class RecordingExplicitTx:
    """An explicit transaction (the writer's wait for the graph's lock) on the same RecordingTx."""

    def __init__(self, tx: RecordingTx) -> None:
        self.tx = tx

    def __enter__(self) -> RecordingTx:
        return self.tx

    def __exit__(self, *_exc: object) -> None:
        pass


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Neo4jStore, RecordingTx]]:
    tx = RecordingTx()
    monkeypatch.setattr(module.neo4j.GraphDatabase, "driver", lambda *_a, **_k: RecordingDriver(tx))
    store = Neo4jStore("bolt://example.invalid:7687", env={})
    yield store, tx
    store.close()


def test_every_statement_runs_with_exactly_the_parameters_it_names(
    recorded: tuple[Neo4jStore, RecordingTx],
) -> None:
    store, tx = recorded
    assert tx.created  # a new graph: schema, then its LexGraph node
    assert [q for q, _ in tx.ran[: len(module._SCHEMA) + 1]][1:] == list(module._SCHEMA)

    # writing: a whole batch through graph.load.apply_batch, then the primitives it did not need on an empty graph
    result = store.write(
        [plan(letter_1127().model_copy(update={"text": "Thực hiện Nghị quyết số 06/NQ-CP"}))]
    )
    assert result.written == 1 and result.citations == 2
    txn = module._Txn(tx, store.graph_id)
    txn.demote(["x"])
    txn.keys_of(["x"])
    txn.delete_nodes(["x"])
    resolution = Resolution(method="latest", confidence=0.8, candidates=["a", "b"])
    txn.retarget([Retarget(1, "dst", "a", resolution), Retarget(1, "src", "b", resolution)])
    txn.merge_placeholders([_placeholder("y")])

    # reading
    assert [c.document.id for c in store.implementers("a").root.children] == ["b"]
    assert [
        c.document.id for c in store.implementers("a", relations=["implements", "cites"]).root.children
    ] == [
        "b",
        "c",
    ]
    assert [c.document.id for c in store.implements("c", max_depth=1).root.children] == ["b"]
    path = store.path("c", "a", relations=["implements"])
    assert path is not None and [d.id for d in path.documents] == ["c", "b", "a"]
    assert store.path("a", "c") is None
    around = store.neighbourhood("b", depth=1)
    assert [d.id for d in around.documents] == ["a", "b", "c"] and len(around.edges) == 3
    assert [e.target for e in store.citations("c")] == ["a", "b"]  # same document and offset: by target
    for direction in ("in", "both"):
        store.citations("c", direction)  # type: ignore[arg-type]
    store.get("a")
    assert store.text("a") == "Thực hiện Nghị quyết số 06/NQ-CP"
    store.delete(["a"])
    store.documents_by_keys(["n:06/NQ-CP"])
    store.labels()
    store.find("Nghị quyết 06/NQ-CP")
    store.search(number="06/nq", doc_type="nghị quyết", issuer="chính phủ", date_from="2023", date_to="2024")
    store.search(words="đất đai dat dai", placeholders=False, limit=-1)
    assert store.missing()[0].citing_documents == 2
    store.most_cited(relations=["cites"])
    store.to_review(below=0.8, limit=30, offset=0)
    stats = store.stats()
    assert (stats.documents, stats.edges, stats.resolutions) == (3, 2, {"exact": 2})
    store.drop()
    # A read that writes keep moving (the generation differs each time it is looked at) reads under the lock.
    generations = iter(range(1000))
    tx.created = True
    real_answer = tx.answer
    tx.answer = lambda q, p: (  # type: ignore[method-assign]
        [{"schema": 1, "generation": next(generations)}] if q is module._GRAPH_STATE else real_answer(q, p)
    )
    assert store.get("a") is not None
    assert tx.ran[-2][0] is module._HOLD_GRAPH

    ran = {id(q) for q, _ in tx.ran}
    never = [s for s in STATEMENTS if id(s) not in ran]
    assert not never, "statements no test path runs:\n" + "\n".join(never)


def _placeholder(doc_id: str) -> NodeRecord:
    return NodeRecord(
        id=doc_id,
        placeholder=True,
        number="1/QĐ",
        title=None,
        doc_type=None,
        issuer=None,
        issue_date=None,
        year=None,
        province=None,
        local=False,
        definite=False,
        keys=frozenset({"n:1/QĐ"}),
    )


def test_unknown_relations_are_refused_before_any_statement(recorded: tuple[Neo4jStore, RecordingTx]) -> None:
    store, tx = recorded
    before = len(tx.ran)
    with pytest.raises(ValueError):
        store.citations("a", relations=["quotes"])
    with pytest.raises(ValueError):
        store.implementers("a", relations=["quotes"])
    assert len(tx.ran) == before


# --- failures of the real driver ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_a_server_that_is_not_there_is_a_store_error(scheme: str) -> None:
    with pytest.raises(
        StoreError, match=r"cannot reach Neo4j at 127\.0\.0\.1:1 .*docker compose up -d neo4j"
    ):
        open_store(f"{scheme}://127.0.0.1:1")  # port 1: nothing listens, the connection is refused


def _packed(text: str) -> bytes:
    data = text.encode()
    return (bytes([0x80 | len(data)]) if len(data) < 16 else bytes([0xD0, len(data)])) + data


def _message(signature: int, fields: dict[str, str]) -> bytes:
    """One Bolt message with one map field (SUCCESS 0x70, FAILURE 0x7F, IGNORED 0x7E), as one chunk."""
    body = bytes([0xB1 if signature != 0x7E else 0xB0, signature])
    if signature != 0x7E:
        body += bytes([0xA0 | len(fields)]) + b"".join(_packed(k) + _packed(v) for k, v in fields.items())
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


class BoltStandIn:
    """A server that speaks Bolt 4.4 just far enough: HELLO is refused (`hello_failure`) or accepted, and every
    transaction or query then fails with `failure`. The driver on the other side is the real one."""

    HELLO, GOODBYE, RESET = 0x01, 0x02, 0x0F

    def __init__(self, *, hello_failure: str | None = None, failure: str | None = None) -> None:
        self.hello_failure = hello_failure
        self.failure = failure
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    @staticmethod
    def _read(conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def _next(self, conn: socket.socket) -> int:
        """The signature of the next message."""
        message = b""
        while size := struct.unpack(">H", self._read(conn, 2))[0]:
            message += self._read(conn, size)
        return message[1]

    def _talk(self, conn: socket.socket) -> None:
        with conn:
            try:
                self._read(conn, 20)  # magic and four versions
                conn.sendall(b"\x00\x00\x04\x04")  # 4.4, which every 5.x and 6.x driver offers
                failed = False
                while (signature := self._next(conn)) != self.GOODBYE:
                    if signature == self.HELLO and self.hello_failure:
                        reply = _message(
                            0x7F, {"code": self.hello_failure, "message": "refused by the stand-in"}
                        )
                    elif signature == self.HELLO:
                        reply = _message(0x70, {"server": "Neo4j/5.26.0", "connection_id": "bolt-1"})
                    elif signature == self.RESET:
                        failed, reply = False, _message(0x70, {})
                    elif failed:
                        reply = _message(0x7E, {})
                    elif self.failure:
                        failed, reply = (
                            True,
                            _message(0x7F, {"code": self.failure, "message": "no such database"}),
                        )
                    else:
                        reply = _message(0x70, {})
                    conn.sendall(reply)
            except (EOFError, OSError):
                pass

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def stand_in() -> Iterator[Callable[..., BoltStandIn]]:
    servers: list[BoltStandIn] = []

    def start(**options: str) -> BoltStandIn:
        servers.append(BoltStandIn(**options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def test_refused_credentials_are_a_store_error(stand_in: Callable[..., BoltStandIn]) -> None:
    server = stand_in(hello_failure="Neo.ClientError.Security.Unauthorized")
    with pytest.raises(
        StoreError, match=r"refused the credentials of user 'alice'.*NEO4J_PASSWORD"
    ) as raised:
        open_store(f"bolt://alice:wrong@127.0.0.1:{server.port}")
    assert type(raised.value.__cause__).__name__ == "AuthError"
    assert "wrong" not in str(raised.value)


def test_a_database_the_server_does_not_have_is_a_store_error(stand_in: Callable[..., BoltStandIn]) -> None:
    server = stand_in(failure="Neo.ClientError.Database.DatabaseNotFound")
    with pytest.raises(StoreError, match="has no database 'nowhere': set NEO4J_DATABASE"):
        open_store(f"bolt://neo4j:secret@127.0.0.1:{server.port}/nowhere")


# --- URLs, the environment, registration ----------------------------------------------------------------------


def test_credentials_database_and_graph_from_the_url() -> None:
    found = settings("bolt://alice:p%40ss@db.example:7688/legal?graph=hanoi", env={"NEO4J_PASSWORD": "other"})
    assert (found.uri, found.user, found.password) == ("bolt://db.example:7688", "alice", "p@ss")
    assert (found.database, found.graph_id) == ("legal", "hanoi")
    assert found.url == "bolt://alice@db.example:7688/legal?graph=hanoi"  # never the password


def test_what_the_url_leaves_out_comes_from_the_environment() -> None:
    env = {"NEO4J_USER": "bob", "NEO4J_PASSWORD": "secret", "NEO4J_DATABASE": "graphs"}
    found = settings("neo4j+s://db.example", env=env)
    assert (found.uri, found.auth, found.database, found.graph_id) == (
        "neo4j+s://db.example:7687",
        ("bob", "secret"),
        "graphs",
        "default",
    )
    bare = settings("bolt://localhost", env={})
    assert (bare.auth, bare.database) == (None, "neo4j")
    assert settings("bolt://localhost", env={"NEO4J_PASSWORD": "pw"}).auth == ("neo4j", "pw")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("bolt://localhost:http", "not a Neo4j URL"),
        ("bolt:///nohost", "no server named"),
        ("bolt://localhost?routing=x", "unknown option"),
    ],
)
def test_urls_that_name_no_server(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        settings(url, env={})


def test_every_neo4j_scheme_opens_the_neo4j_store() -> None:
    for scheme in module.SCHEMES:
        assert URL_FACTORIES[scheme] is URL_FACTORIES["bolt"]
    assert URL_FACTORIES["bolt"] is not URL_FACTORIES["sqlite"]
