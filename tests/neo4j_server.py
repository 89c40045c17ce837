"""The Neo4j the test suite runs against: the server of $NEO4J_URI when it is set, else Neo4j 5.26 Community started
once per test run by neo4j/run (what `make neo4j` runs) on a free loopback port.

One server for the whole run, shared by pytest-xdist's workers:
- the controller (or the only process, without xdist) makes a folder in `pytest_configure` and names it in the
  environment, which the workers it starts afterwards inherit;
- the first process that needs Neo4j starts the server under a file lock in that folder and writes its URL there;
  the others read it. Nothing starts when no test needs Neo4j;
- the controller stops the server in `pytest_unconfigure`, once every worker is done; and the server stops by
  itself when the controller dies without that chance (neo4j/run's NEO4J_STOP_WITH_PID), so that no JVM outlives
  its run.

Under CI ($CI set) the jars must be resolved beforehand (`make neo4j-deps`, which .ci/run calls): the server is
started with NEO4J_OFFLINE=1, so the test run itself downloads nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = REPO_ROOT / "neo4j" / "run"
CLASSPATH = REPO_ROOT / "neo4j" / "target" / "classpath.txt"
ENV_FOLDER = "LEXGRAPH_TEST_NEO4J_DIR"
ENV_OWNER = "LEXGRAPH_TEST_NEO4J_OWNER"
USER, PASSWORD = "neo4j", "lexgraph-test-password"
START_SECONDS = 600.0  # the first start on a machine may also resolve the jars (outside CI)
STOP_SECONDS = 60.0


class Unavailable(Exception):
    """No Neo4j can be had here; the message says what is missing."""


def missing() -> str | None:
    """Why no Neo4j can be had on this machine, or None when one can (without starting anything)."""
    if os.environ.get("NEO4J_URI"):
        return None
    if shutil.which("java") is None:
        return (
            "java is not installed: Neo4j 5.26 needs OpenJDK 17 or 21 (or set NEO4J_URI to a running server)"
        )
    if not CLASSPATH.is_file() and shutil.which("mvn") is None:
        return "mvn is not installed: Maven fetches Neo4j's jars (or set NEO4J_URI to a running server)"
    return None


def configure() -> None:
    """In the controller (or the only process): the folder the run's server lives in, named in the environment
    for the workers."""
    if os.environ.get(ENV_FOLDER):
        return  # a worker: the controller's folder
    os.environ[ENV_FOLDER] = tempfile.mkdtemp(prefix="lexgraph-neo4j-")
    os.environ[ENV_OWNER] = str(os.getpid())


def unconfigure() -> None:
    """In the controller: stop the server, if one was started, and remove its folder."""
    if os.environ.get(ENV_OWNER) != str(os.getpid()):
        return
    folder = Path(os.environ.pop(ENV_FOLDER))
    os.environ.pop(ENV_OWNER)
    pid_file = folder / "pid"
    if pid_file.is_file():
        _stop(int(pid_file.read_text()))
    shutil.rmtree(folder, ignore_errors=True)


_uri: str | None = None


def uri() -> str:
    """The Bolt URL of the run's server, credentials included; started on first use. Raises Unavailable."""
    global _uri
    if os.environ.get("NEO4J_URI"):
        return os.environ["NEO4J_URI"]
    if _uri is None:
        reason = missing()
        if reason:
            raise Unavailable(reason)
        configure()  # outside pytest's hooks (a helper script): this process owns the server
        _uri = _shared_server(Path(os.environ[ENV_FOLDER]))
    return _uri


def store_url(graph: str) -> str:
    """The store URL of a graph (a namespace of its own) on the run's server: what `--store` takes."""
    return f"{uri()}?graph={graph}"


def _shared_server(folder: Path) -> str:
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first process starts it; the others wait here and read its URL
        url_file, failed = folder / "url", folder / "failed"
        if url_file.is_file():
            return url_file.read_text()
        if failed.is_file():  # one attempt per run, not one per worker
            raise Unavailable(failed.read_text())
        try:
            address = _start(folder)
        except Unavailable as exc:
            failed.write_text(str(exc))
            raise
        url = f"bolt://{USER}:{PASSWORD}@{address.removeprefix('bolt://')}"
        url_file.write_text(url)
        return url


def _start(folder: Path) -> str:
    env = {
        **os.environ,
        "NEO4J_HOME": str(folder / "home"),
        "NEO4J_PORT": "0",  # a free port, chosen by the server and printed
        "NEO4J_HOST": "127.0.0.1",
        "NEO4J_PASSWORD": PASSWORD,
        # Small: the test graphs are tiny, and the machine has other work to do.
        "NEO4J_HEAP": "512m",
        "NEO4J_PAGECACHE": "128m",
        "NEO4J_STOP_WITH_PID": os.environ.get(ENV_OWNER, str(os.getpid())),
    }
    if os.environ.get("CI"):
        env["NEO4J_OFFLINE"] = "1"
    stdout, stderr = folder / "stdout", folder / "stderr"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        # A session of its own: Ctrl-C in the terminal reaches pytest, which stops the server in order.
        process = subprocess.Popen(
            [str(LAUNCHER)], env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
    (folder / "pid").write_text(str(process.pid))
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        line = stdout.read_text().strip()
        if line.startswith("bolt://"):
            return line
        if process.poll() is not None:
            raise Unavailable(
                f"neo4j/run exited with status {process.returncode}: {_tail(stderr)} (log: {folder}/home/logs)"
            )
        time.sleep(0.1)
    process.kill()
    raise Unavailable(f"neo4j/run did not accept connections within {START_SECONDS:g} s: {_tail(stderr)}")


def _tail(path: Path, lines: int = 5) -> str:
    text = path.read_text(errors="replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "no output"


def _stop(pid: int) -> None:
    """SIGTERM (the server checkpoints and closes), SIGKILL if it takes too long."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while _alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + STOP_SECONDS
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    # Our own child (started without xdist) must be reaped, or it stays a zombie that kill(0) still finds.
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
