"""A graph file that is damaged or cannot be written: the embedded store says so in words, never with sqlite3's
garbled text or a traceback, never re-initialises a file it was given, and answers queries where it can."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from graph_examples import letter_1127, letter_5890, resolution_06

from graph import StoreError, ingest, open_store
from graph.sqlite_store import SQLiteStore

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.db"
    with open_store(f"sqlite:///{path}") as store:
        ingest(store, [letter_1127(), letter_5890(), resolution_06()])
        store.close()
    conn = sqlite3.connect(path)  # in WAL mode still, but no WAL beside it, as a copy would be
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()  # the last connection removes the -wal and -shm files
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    return path


def _queries(path: Path) -> None:
    with open_store(f"sqlite:///{path}", create=False) as store:
        store.stats()
        for document in store.search(limit=50):
            store.get(document.id)
            store.citations(document.id, "both")
            store.text(document.id)
            store.implementers(document.id)
        store.labels()


def test_a_graph_truncated_to_nothing_is_corrupt_and_left_as_it_is(graph: Path) -> None:
    graph.write_bytes(b"")
    for create in (True, False):  # ingest re-initialised it before, and queries found an empty graph
        with pytest.raises(StoreError, match="corrupt") as caught:
            open_store(f"sqlite:///{graph}", create=create)
        assert "empty, 0 bytes" in str(caught.value)
    assert graph.read_bytes() == b""


def test_ingest_into_a_truncated_graph_is_refused(graph: Path) -> None:
    graph.write_bytes(b"")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "api",
            "ingest",
            "--store",
            f"sqlite:///{graph}",
            str(REPO_ROOT / "README.md"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=300,
    )
    assert done.returncode == 1
    assert "is not a usable lexgraph database: it is corrupt (the file is empty, 0 bytes)" in done.stderr
    assert "Traceback" not in done.stderr and graph.stat().st_size == 0


def test_a_text_value_that_is_not_utf8_is_told_as_corruption_without_its_garbled_text(graph: Path) -> None:
    with sqlite3.connect(graph) as conn:  # the bytes of 'Liên đoàn' with one byte flipped
        conn.execute("UPDATE documents SET issuer = CAST(X'4c69c3aa6e20c491c36f' || X'e0' AS TEXT)")
    with pytest.raises(StoreError) as caught:
        _queries(graph)
    message = str(caught.value)
    assert "corrupt (a text value of column 'issuer' is not valid UTF-8)" in message
    assert "\ufffd" not in message and "Could not decode" not in message


def test_a_value_lexgraph_cannot_have_written_is_corruption(graph: Path) -> None:
    with sqlite3.connect(graph) as conn:
        conn.execute("UPDATE edges SET relation = 'cite8'")  # "cites" with a flipped byte
    with pytest.raises(StoreError, match="corrupt"):
        _queries(graph)


def test_flipped_bytes_anywhere_are_an_answer_or_a_store_error(graph: Path, tmp_path: Path) -> None:
    data = graph.read_bytes()
    rng = random.Random(2026)
    for k in range(40):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 10, 100))):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"flipped-{k}.db"
        path.write_bytes(bytes(damaged))
        try:
            _queries(path)
        except StoreError as error:  # and nothing else
            message = str(error)
            assert "corrupt" in message or "something else" in message or "schema" in message, message
            assert "\ufffd" not in message


# --- read-only ---------------------------------------------------------------------------------------------------


def test_a_read_only_graph_answers_queries_and_refuses_writes(
    graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a read-only file system: neither the file nor its folder can be written (os.access says so)."""
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: False if mode == os.W_OK else real_access(path, mode, **kw)
    )
    files = sorted(graph.parent.iterdir())
    _queries(graph)
    with open_store(f"sqlite:///{graph}", create=True) as store:
        assert isinstance(store, SQLiteStore) and store.read_only
        assert store.stats().documents == 3
        with pytest.raises(StoreError, match=r"is read-only .* it can be queried but not written"):
            ingest(store, [letter_1127()])
    assert sorted(graph.parent.iterdir()) == files  # no journal, no WAL index: nothing written beside it


def _mount_tools() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("mount"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _mount_tools(), reason="needs root and unshare to mount a read-only file system")
def test_on_a_read_only_file_system(graph: Path, tmp_path: Path) -> None:
    """A real read-only mount, in a mount namespace of its own: queries answer (SQLite could not create the WAL
    index there: "unable to open database file"), ingest says read-only."""
    mount = tmp_path / "ro"
    mount.mkdir()
    lexgraph = f"{sys.executable} -m api"
    store = f"sqlite:///{mount}/graph.db"
    script = (
        f"mount -t tmpfs -o size=16m none {mount} && cp {graph} {mount}/ && mount -o remount,ro {mount} && "
        f"{lexgraph} query stats --json --store {store} && "
        f"{{ {lexgraph} ingest --store {store} {REPO_ROOT / 'README.md'}; echo ingest=$?; }}"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=300,
    )
    assert '"documents": ' in done.stdout, done.stderr
    assert "ingest=1" in done.stdout
    assert "the graph is read-only" in done.stderr and "unable to open" not in done.stderr
