"""The server under hostile uploads: the key is checked before a body is read, each uploaded file is extracted in
a worker under the server's time budget, and reads and other uploads are answered meanwhile."""

from __future__ import annotations

import asyncio
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api import KEY, L1127, LETTER, client_for, problem
from test_budgets import SLOW_TEXT
from test_cli_serve import free_port, get

from api.app import create_app
from api.settings import Settings
from graph import GraphStore, open_store

AUTH = {"Authorization": f"Bearer {KEY}"}


def upload(client: TestClient, *files: tuple[str, bytes], headers: dict[str, str] | None = AUTH) -> Any:
    parts = [("files", (name, io.BytesIO(data), "application/octet-stream")) for name, data in files]
    return client.post("/documents", files=parts, headers=headers)


# --- the key before the body -------------------------------------------------------------------------------------


def _asgi(app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]]) -> tuple[dict, bool]:
    """Run one request through the ASGI app with a body that never comes; say whether anything asked for it."""
    asked = False

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked = True
        await asyncio.sleep(3600)  # a client that dribbles its body
        raise AssertionError("unreachable")

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"lexgraph"), *headers], "client": ("127.0.0.1", 5000), "server": ("lexgraph", 80),
    }  # fmt: skip
    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=30))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return {"status": start["status"], "headers": dict(start["headers"]), "body": json.loads(body)}, asked


MULTIPART = [(b"content-type", b"multipart/form-data; boundary=b"), (b"content-length", b"400000000")]


@pytest.mark.parametrize(
    ("headers", "keys", "status"),
    [
        pytest.param([], ["k"], 401, id="no key"),
        pytest.param([(b"authorization", b"Bearer sai-khoa")], ["k"], 401, id="wrong key"),
        pytest.param([(b"authorization", b"Basic azpr")], ["k"], 401, id="not a bearer"),
        pytest.param([(b"authorization", b"Bearer k")], [], 403, id="writes disabled"),
    ],
)
def test_an_upload_without_a_valid_key_is_refused_before_its_body_is_read(
    example_graph: Path, headers: list[tuple[bytes, bytes]], keys: list[str], status: int
) -> None:
    with open_store(f"sqlite:///{example_graph}", create=False) as store:
        app = create_app(Settings(store=f"sqlite:///{example_graph}", api_keys=keys), store)
        answer, asked = _asgi(app, "POST", "/documents", [*MULTIPART, *headers])
        deletion, asked_too = _asgi(app, "DELETE", "/documents/vn/cp/undated/06-nq-cp", headers)
    assert not asked and not asked_too
    assert answer["status"] == deletion["status"] == status
    assert answer["headers"][b"connection"] == b"close"
    assert answer["body"]["status"] == status and answer["body"]["instance"] == "/documents"
    if status == 401:
        assert answer["headers"][b"www-authenticate"].startswith(b"Bearer")


def test_a_live_server_answers_401_to_a_dribbled_upload_at_once(example_graph: Path) -> None:
    """../shared/hostile/unauth_body.py: a multipart upload without a key, 1 kB of a declared 2 MB sent; the
    server used to wait for the rest before saying 401."""
    import os
    import socket
    import subprocess
    import sys

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--store", f"sqlite:///{example_graph}", "--port", str(port)],
        env={**os.environ, "LEXGRAPH_API_KEYS": "k"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        get(f"http://127.0.0.1:{port}/health")
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.settimeout(8)
            client.sendall(
                b"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                b'Content-Length: 2000000\r\n\r\n--b\r\nContent-Disposition: form-data; name="files"; '
                b'filename="x.txt"\r\n\r\n' + b"a" * 1000
            )
            answer = b""
            while chunk := client.recv(65536):  # the server closes the connection after answering
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 401 ")
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- uploads in the workers --------------------------------------------------------------------------------------


@pytest.fixture
def budgeted(example_graph_copy: Path) -> Iterator[tuple[TestClient, GraphStore]]:
    yield from client_for(example_graph_copy, api_keys=[KEY], max_seconds=3, extract_workers=2)


def test_a_hostile_upload_is_stopped_at_the_time_budget_and_nothing_is_written(
    budgeted: tuple[TestClient, GraphStore],
) -> None:
    client, store = budgeted
    before = store.stats()
    body = problem(
        upload(client, ("luat.txt", SLOW_TEXT.encode()), ("cong-van-77.txt", LETTER.encode())), 422
    )
    assert body["errors"] == [
        {
            "file": "luat.txt",
            "code": "timeout",
            "message": "The file 'luat.txt' took longer than 3 s to read and extract; it was stopped.",
        }
    ]
    assert store.stats() == before


def _upload_into(result: dict[str, Any], client: TestClient, file: tuple[str, bytes]) -> None:
    result["response"] = upload(client, file)


def test_reads_and_other_uploads_are_answered_while_a_hostile_upload_runs(example_graph_copy: Path) -> None:
    """Extraction ran in the server's process, one upload at a time behind a lock: one hostile upload held every
    other one. Now it holds one worker, for at most its budget, and the event loop is free for the rest."""
    for client, _ in client_for(example_graph_copy, api_keys=[KEY], max_seconds=20, extract_workers=2):
        upload(client, ("warm.txt", LETTER.encode()))  # the fork server is up
        hostile: dict[str, Any] = {}
        thread = threading.Thread(
            target=_upload_into, args=(hostile, client, ("luat.txt", SLOW_TEXT.encode()))
        )
        thread.start()
        time.sleep(0.5)
        for path in ("/health", "/stats", "/documents?words=lao+động", f"/documents/{L1127}/implementers"):
            assert client.get(path).status_code == 200
        reads_done_first = thread.is_alive()
        other = upload(client, ("cong-van-77.txt", LETTER.encode()))
        upload_done_first = thread.is_alive()
        thread.join(timeout=300)
        assert reads_done_first and upload_done_first  # neither waited for the hostile file
        assert other.status_code == 201, other.text
        assert [e["code"] for e in problem(hostile["response"], 422)["errors"]] == ["timeout"]
