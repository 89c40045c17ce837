"""The REST service under load on loopback (issue 4): requests/s and p50/p99 latency at 50 concurrent clients
for `implementers` and `GET /documents/{id}`, with zero errors; then each route again for exactly as long as
`lexgraph ingest` writes 1,000 new documents (a synthetic corpus of its own) into the same store. The
baseline, measured in the same run on the same server, is `GET /health` (one trivial query of the store): each
route's figures are also given as ratios to it.

    .venv/bin/python benchmarks/load.py --store sqlite:///path/to/graph.db [--connections 50] [--duration 20]
                                        [--ingest 1000] [--workers 1] [--json FILE]

The load comes from wrk (Debian's package `wrk`), a C client whose own cost is small next to the server's; the
server is `lexgraph serve` in a process of its own. On a 2-core machine the client, the server and the ingest
share the cores: figures are lower bounds of what the server does alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_corpus  # noqa: E402
from graph.registry import open_store  # noqa: E402

BIN = Path(sys.executable).parent
err = Console(stderr=True)

# wrk calls `request` for every request and `done` once: paths drawn at random from the list, and the figures
# written as one JSON line (latencies in microseconds).
LUA = """
local paths = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass
class Run:
    route: str
    phase: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]  # by kind, as wrk counts them: connect, read, write, status (not 2xx/3xx), timeout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server at {base} did not come up in {timeout:g} s")


def sample_paths(store_url: str, n: int, seed: int) -> dict[str, list[str]]:
    """Paths to request: documents at random, and implementers (depth 5) of documents that have some."""
    rng = random.Random(seed)
    with open_store(store_url, create=False) as store:
        documents = [d.id for d in store.search(placeholders=False, limit=10_000_000)]
        implemented = [c.document.id for c in store.most_cited(limit=10_000_000, relations=["implements"])]
    if not documents or not implemented:
        raise SystemExit("the graph has no documents, or none with implementers")
    pick = lambda ids: [rng.choice(ids) for _ in range(n)]  # noqa: E731
    return {
        "GET /health": ["/health"],
        "GET /documents/{id}": [f"/documents/{quote(i, safe='/')}?text=false" for i in pick(documents)],
        "GET /documents/{id} (with text)": [f"/documents/{quote(i, safe='/')}" for i in pick(documents)],
        "implementers (depth 5)": [
            f"/documents/{quote(i, safe='/')}/implementers?depth=5" for i in pick(implemented)
        ],
    }


def _script(paths: list[str], seed: int, work: Path) -> Path:
    script = work / f"paths-{seed}.lua"
    script.write_text(LUA % (", ".join(json.dumps(p) for p in paths), seed), encoding="utf-8")
    return script


def _figures(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def _wrk_command(base: str, script: Path, *, connections: int, duration: float) -> list[str]:
    threads = min(2, connections)
    return [
        *("wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--timeout", "30s"),
        *("-s", str(script), base),
    ]


def wrk(base: str, paths: list[str], *, connections: int, duration: float, seed: int, work: Path) -> dict:
    command = _wrk_command(base, _script(paths, seed, work), connections=connections, duration=duration)
    return _figures(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def measure(route: str, phase: str, figures: dict) -> Run:
    seconds = figures["duration_us"] / 1e6
    errors = {k: figures[k] for k in ("connect", "read", "write", "status", "timeout") if figures[k]}
    return Run(
        route=route,
        phase=phase,
        requests=figures["requests"],
        seconds=round(seconds, 2),
        rps=round(figures["requests"] / seconds, 1),
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        errors=errors,
    )


def report(runs: list[Run]) -> None:
    baseline = next(r for r in runs if r.route == "GET /health" and r.phase == "idle")
    table = Table(title="lexgraph serve under load (loopback)")
    for column in (
        "route",
        "phase",
        "requests",
        "req/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "req/s vs /health",
    ):
        table.add_column(column, justify="left" if column in ("route", "phase") else "right")
    for r in runs:
        table.add_row(
            r.route,
            r.phase,
            str(r.requests),
            f"{r.rps:,.0f}",
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"{r.max_ms:.0f}",
            str(sum(r.errors.values())) + (f" {r.errors}" if r.errors else ""),
            f"{r.rps / baseline.rps:.2f}x",
        )
    Console(width=150).print(table)


def server_memory(group: int) -> dict[str, float]:
    """Resident memory of the server's processes (its process group), in MB: RSS, and PSS (shared pages divided
    among the processes that share them, the figure that adds up across workers)."""
    totals = {"processes": 0.0, "rss_mb": 0.0, "pss_mb": 0.0}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != group:
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except (OSError, ProcessLookupError):
            continue
        totals["processes"] += 1
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in ("Rss", "Pss"):
                totals[f"{name.lower()}_mb"] += int(value.split()[0]) / 1024
    return {k: round(v, 1) for k, v in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--store", required=True, help="an existing graph, e.g. one benchmarks/graph.py --keep built"
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="server processes (lexgraph serve --workers)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per route and phase")
    parser.add_argument(
        "--ingest", type=int, default=1000, help="documents per ingest beside the load (0: no ingest phase)"
    )
    parser.add_argument("--paths", type=int, default=1000, help="distinct documents per route")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--server-log", type=Path, default=None, help="keep the server's log here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    work = Path(tempfile.mkdtemp(prefix="lexgraph-load-"))
    err.print(f"sampling {args.paths} documents per route from {args.store}")
    routes = sample_paths(args.store, args.paths, args.seed)
    corpora = [work / "ingest-1", work / "ingest-2"]
    if args.ingest:
        err.print(f"writing 2 x {args.ingest} synthetic documents to ingest during the load")
        for i, corpus in enumerate(corpora):
            write_corpus(corpus, args.ingest, seed=args.seed + 1000 + i)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (args.server_log or work / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(BIN / "lexgraph"),
            "serve",
            "--store",
            args.store,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    runs: list[Run] = []
    memory: dict[str, dict[str, float]] = {}
    try:
        wait_until_up(base)
        # Warm the server first: the traversal graph, and the pages of the file that the routes read (a first
        # pass over a 2 GB file reads the disk, and would make whichever route comes first look slow).
        err.print("warming up")
        for paths in routes.values():
            with urllib.request.urlopen(base + paths[0], timeout=600) as response:
                response.read()
            wrk(
                base,
                paths,
                connections=args.connections,
                duration=min(10, args.duration),
                seed=args.seed,
                work=work,
            )
        for i, (route, paths) in enumerate(routes.items()):
            err.print(f"idle: {route}")
            figures = wrk(
                base,
                paths,
                connections=args.connections,
                duration=args.duration,
                seed=args.seed + i,
                work=work,
            )
            runs.append(measure(route, "idle", figures))
        memory = {"after idle load": server_memory(server.pid)}
        if args.ingest:
            runs += load_beside_ingest(base, routes, corpora, args, work)
            memory["after load beside ingest"] = server_memory(server.pid)
    finally:
        report(runs)
        for phase, figures in memory.items():
            err.print(f"server memory {phase}: {figures}")
        if args.json:
            runs_out = [asdict(r) for r in runs]
            args.json.write_text(json.dumps({"runs": runs_out, "memory": memory}, indent=2), encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a request still running: the figures are in, stop it
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)


def load_beside_ingest(
    base: str, routes: dict[str, list[str]], corpora: list[Path], args: argparse.Namespace, work: Path
) -> list[Run]:
    """Each route of the bar again, for exactly as long as `lexgraph ingest` writes a corpus of its own into the
    same store: wrk runs until the ingest has finished, then is stopped (SIGINT: it reports what it measured)."""
    runs: list[Run] = []
    for i, (route, corpus) in enumerate(
        zip(("GET /documents/{id}", "implementers (depth 5)"), corpora, strict=True)
    ):
        err.print(f"during an ingest of {args.ingest} documents: {route}")
        script = _script(routes[route], args.seed + 50 + i, work)
        # As long as the ingest runs: stopped by SIGINT below, long before this duration.
        load = subprocess.Popen(
            _wrk_command(base, script, connections=args.connections, duration=3600),
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1)  # the load is on before the ingest starts
        started = time.monotonic()
        ingest = subprocess.run(
            [str(BIN / "lexgraph"), "ingest", str(corpus), "--store", args.store, "--workers", "1"],
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - started
        load.send_signal(signal.SIGINT)
        output, _ = load.communicate(timeout=60)
        if ingest.returncode != 0:
            err.print(ingest.stderr[-2000:])
        err.print(f"  the ingest took {took:.1f} s (exit {ingest.returncode})")
        runs.append(measure(route, f"ingest {args.ingest} docs ({took:.0f} s)", _figures(output)))
    return runs


if __name__ == "__main__":
    main()
