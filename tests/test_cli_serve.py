"""`lexgraph serve`, as the README's main command runs it: a real server process on loopback."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: str, *options: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--store", store, "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


def get(url: str, timeout: float = 60.0) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_the_api_and_the_pages_then_stops_cleanly(example_graph: Path, workers: str) -> None:
    process, base = serve(f"sqlite:///{example_graph}", "--workers", workers)
    try:
        assert b'"status":"ok"' in get(f"{base}/health")
        document = json.loads(get(f"{base}/documents/vn/cp/undated/06-nq-cp?text=false"))["document"]
        assert (document["doc_type"], document["number"]) == ("Nghị quyết", "06/NQ-CP")
        assert "Tìm văn bản".encode() in get(f"{base}/")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert f"Serving sqlite:///{example_graph} on {base}" in stderr


def test_serve_refuses_a_file_that_is_not_a_graph_with_one_clear_line(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"\x00\xffnot SQLite" * 100)
    process, _ = serve(f"sqlite:///{garbage}")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "not a usable lexgraph database" in stderr and "Traceback" not in stderr
