"""Every file has a time and a memory budget (`ingest.pool`): a file past either is that file's error, the batch
goes on, and the worker processes that extract files die with the process that started them, however it dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_hostile_readers import pdf_bytes, text_page

from ingest.extract import extract_paths
from ingest.pool import Budget, ExtractionPool
from ingest.readers import ReadLimits

REPO_ROOT = Path(__file__).resolve().parents[1]
LETTER = REPO_ROOT / "examples" / "corpus" / "seed-ldld-laichau-1127-2023.txt"
# A text that takes minutes: every "Luật" is a law cited by name whose end is looked for (linear, but slow).
SLOW_TEXT = "Căn cứ " + "Luật " * 40_000


@pytest.fixture(scope="module")
def slow_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slow") / "luat-luat-luat.txt"
    path.write_text(SLOW_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def memory_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 400 kB PDF whose page inflates to 400 MB."""
    packer = zlib.compressobj(9)
    zeros = b" " * (1 << 20)
    stream = (
        packer.compress(text_page()) + b"".join(packer.compress(zeros) for _ in range(400)) + packer.flush()
    )
    path = tmp_path_factory.mktemp("bomb") / "bom.pdf"
    path.write_bytes(pdf_bytes([stream], "/Filter/FlateDecode"))
    return path


def test_a_file_past_its_time_is_stopped_and_the_batch_goes_on(slow_file: Path) -> None:
    started = time.monotonic()
    results = list(extract_paths([slow_file, LETTER], workers=1, max_seconds=2))
    assert time.monotonic() - started < 60  # the slow file alone takes minutes
    assert [r.source for r in results] == [str(slow_file), str(LETTER)]
    slow, letter = results
    assert slow.document is None and [e.code for e in slow.errors] == ["timeout"]
    assert slow.errors[0].message == (
        "The file 'luat-luat-luat.txt' took longer than 2 s to read and extract; it was stopped."
    )
    assert not letter.errors and letter.document is not None and letter.document.number == "1127/LĐLĐ"


def test_a_file_past_its_memory_is_stopped_and_the_batch_goes_on(memory_bomb: Path) -> None:
    """The reader's own cap on unpacking is raised out of the way: the worker's memory budget stops it."""
    budget = Budget(max_seconds=120, max_memory_mb=300, limits=ReadLimits(max_unpacked_bytes=1 << 40))
    with ExtractionPool(1, budget) as pool:
        bomb, letter = pool.submit(memory_bomb).result(), pool.submit(LETTER).result()
    assert [e.code for e in bomb.errors] == ["out_of_memory"]
    assert "'bom.pdf' needs more memory to read and extract than a file may use (the limit is 300 MB)" in (
        bomb.errors[0].message
    )
    assert not letter.errors


def test_a_worker_that_dies_is_that_files_error_and_is_replaced(slow_file: Path) -> None:
    with ExtractionPool(1, Budget(max_seconds=300)) as pool:
        future = pool.submit(slow_file)
        worker = _wait_for(lambda: next((w for w in pool._pool if w.task is not None), None))
        os.kill(worker.process.pid, signal.SIGKILL)
        crashed = future.result(timeout=60)
        after = pool.submit(LETTER).result(timeout=120)
    assert [e.code for e in crashed.errors] == ["worker_crashed"]
    assert "killed by SIGKILL" in crashed.errors[0].message
    assert not after.errors


def test_a_request_that_goes_away_takes_its_queued_files_with_it(slow_file: Path) -> None:
    with ExtractionPool(1, Budget(max_seconds=3)) as pool:
        running = pool.submit(slow_file)
        queued = pool.submit(LETTER)
        assert queued.cancel()
        assert [e.code for e in running.result(timeout=60).errors] == ["timeout"]
        assert not pool.submit(LETTER).result(timeout=120).errors


def test_without_a_budget_files_are_extracted_in_this_process() -> None:
    (extraction,) = extract_paths([LETTER], workers=1, max_seconds=None, max_memory_mb=None)
    assert extraction.document is not None and not extraction.errors


def test_budgets_are_checked() -> None:
    with pytest.raises(ValueError, match="at least 256"):
        Budget(max_memory_mb=100)
    with pytest.raises(ValueError, match="positive"):
        Budget(max_seconds=0)


# --- the command line ----------------------------------------------------------------------------------------


def lexgraph(*args: str | Path, **popen: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "api", *map(str, args)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.DEVNULL,
        **popen,  # type: ignore[arg-type]
    )


def test_extract_reports_a_file_past_max_seconds_as_its_error(slow_file: Path) -> None:
    process = lexgraph(
        "extract", "--max-seconds", "2", slow_file, LETTER, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 1, stderr
    slow, letter = (json.loads(line) for line in stdout.decode().splitlines())
    assert slow["errors"] == [
        {
            "code": "timeout",
            "message": "The file 'luat-luat-luat.txt' took longer than 2 s to read and extract; it was stopped.",
        }
    ]
    assert letter["document"]["number"] == "1127/LĐLĐ"
    assert b"Traceback" not in stderr


@pytest.mark.parametrize("option", [["--max-memory", "100"], ["--max-seconds", "-1"]])
def test_a_budget_too_small_to_work_with_is_a_usage_error(option: list[str]) -> None:
    process = lexgraph("extract", *option, LETTER, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2, stderr


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _descendants(pid: int) -> set[int]:
    children, found, todo = _children(), set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has died: only its parent has not read its exit status yet


def _family(pid: int, at_least: int) -> set[int] | None:
    found = _descendants(pid)
    return found if len(found) >= at_least else None


def _wait_for(condition, timeout: float = 120.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


@pytest.fixture
def slow_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "slow"
    folder.mkdir()
    for k in range(4):
        (folder / f"luat-{k}.txt").write_text(SLOW_TEXT, encoding="utf-8")
    yield folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the processes")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_workers_die_with_a_killed_ingest(slow_folder: Path, tmp_path: Path, how: signal.Signals) -> None:
    """`lexgraph ingest --workers 2` killed in the middle of its files: kill -9 left both workers running (adopted
    by init, still working a minute later); now the fork server and the workers go with it."""
    store = f"sqlite:///{tmp_path / 'graph.db'}"
    process = lexgraph("ingest", "--workers", "2", "--store", store, slow_folder, stderr=subprocess.DEVNULL)
    try:
        # the fork server, its two workers (and multiprocessing's resource tracker)
        family = _wait_for(lambda: _family(process.pid, 4))
        time.sleep(1)  # the workers are extracting now
        family = _descendants(process.pid) | family
        process.send_signal(how)
        process.wait(timeout=30)
        _wait_for(lambda: not any(_running(pid) for pid in family), timeout=15)
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the processes")
def test_ctrl_c_stops_an_ingest_and_its_workers(slow_folder: Path, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'graph.db'}"
    process = lexgraph("ingest", "--workers", "2", "--store", store, slow_folder, stderr=subprocess.PIPE)
    family = _wait_for(lambda: _family(process.pid, 4))
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    _wait_for(lambda: not any(_running(pid) for pid in family), timeout=15)
