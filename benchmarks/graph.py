"""The graph at scale (issue 3): ingest, store writes and queries on a synthetic corpus, against the floor of a
plain networkx BFS measured in the same run.

    .venv/bin/python benchmarks/graph.py [--documents 100000] [--seed 1] [--workers 2] [--batch-size 64]
                                         [--store sqlite:///…] [--queries 1000] [--keep DIR] [--json FILE]

1. corpus: benchmarks/synth.py writes --documents text files (timed apart: not part of ingest);
2. ingest, end to end, the path of `lexgraph ingest`: `extract_paths` over --workers processes feeding
   `graph.load.ingest`, batches of --batch-size documents per transaction; each extraction is also dumped to a
   JSONL file (that time is measured and taken out);
3. store alone: the JSONL streamed back (bounded memory) into a fresh store through the same `graph.load.ingest`;
   edges/s and documents/s of `store.write` alone, and with planning and parsing;
4. queries over --queries random documents (seeded): implementers (depth 5) and cited-by of documents that
   have such incoming edges, path between pairs that have a route and between uniform random pairs; p50/p95/max
   in ms, each against its floor: networkx BFS over an in-memory DiGraph of the store's edges (reversed for
   queries that go against the edges; bidirectional shortest path for `path`);
5. peak memory (ru_maxrss of this process and of its largest child) and the database size (with -wal/-shm);
6. Neo4j, in the same run: the server of $NEO4J_URI, else Neo4j 5.26 Community started for the run by neo4j/run
   (`--neo4j auto`, the default; `--neo4j off` leaves it out): step 2 (end to end, documents/s), step 3 (store
   writes, edges/s) and step 4 (the same queries, also as ratios to the SQLite store's), each in a graph of its
   own (dropped afterwards unless --keep); then the write path under PROFILE on the graph step 3 built: every
   statement of a batch of changed documents and of a delete, and the operators of its plan, none of which may
   scan all nodes or all relationships (an operator named …Scan).

Aims (issue 3): every query within 3x of its floor at p50 and p95; store writes >= 50k edges/s. Issue 9: Neo4j's
queries within 3x of the SQLite store's, its writes >= 50k edges/s.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import networkx as nx
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder comes first on sys.path, and this file would be the `graph` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_corpus  # noqa: E402
from graph.load import ingest as graph_ingest  # noqa: E402
from graph.models import WriteResult  # noqa: E402
from graph.registry import open_store, sqlite_path  # noqa: E402
from graph.store import GraphStore, StoreError  # noqa: E402
from ingest.extract import extract_paths  # noqa: E402
from ingest.models import Extraction  # noqa: E402

IMPLEMENTERS_DEPTH = 5
PATH_DEPTH = 10  # `GraphStore.path`'s default max_depth: routes are looked for within it
WRITE_AIM = 50_000  # edges/s
QUERY_AIM = 3.0  # × floor
MB = 1e6

out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)  # tables whole in a log file
err = Console(stderr=True, highlight=False)


# --- progress ----------------------------------------------------------------------------------------------


@contextmanager
def progress(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A rich bar on a terminal; elsewhere (a log file) a line every 10 %, so a background run can be watched."""
    started = time.perf_counter()
    if err.is_terminal:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task(description, total=total)
            yield lambda n=1: bar.update(task, advance=n)
    else:
        done = 0
        step = max(1, (total or 0) // 10) if total else 0

        def advance(n: int = 1) -> None:
            nonlocal done
            before, done = done, done + n
            if step and before // step != done // step:
                err.print(f"  {description}: {done}/{total} ({time.perf_counter() - started:.0f} s)")

        yield advance
    err.print(f"{description}: done in {time.perf_counter() - started:.1f} s")


# --- measures ----------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty sample."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory so far: this process, and the largest of its finished children (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"self": own / 1024, "children": children / 1024}  # Linux counts KiB


def database_size(path: Path) -> dict[str, int]:
    sizes = {suffix or "db": _size(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm")}
    sizes["total"] = sum(sizes.values())
    return sizes


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


@dataclass
class Latencies:
    """Seconds per query, of the store and of its floor, for one kind of query."""

    name: str
    store: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    note: str = ""

    def summary(self) -> dict[str, Any]:
        if not self.store:
            return {"queries": 0, "note": self.note}
        ms = {
            side: {
                "p50": percentile(values, 0.5) * 1e3,
                "p95": percentile(values, 0.95) * 1e3,
                "max": max(values) * 1e3,
                "mean": sum(values) / len(values) * 1e3,
            }
            for side, values in (("store", self.store), ("floor", self.floor))
        }
        ratio = {q: ms["store"][q] / ms["floor"][q] for q in ("p50", "p95")}
        return {"queries": len(self.store), "ms": ms, "ratio": ratio, "note": self.note}


def write_rates(edges: int, documents: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": seconds,
        "edges_per_s": edges / seconds if seconds else 0.0,
        "documents_per_s": documents / seconds if seconds else 0.0,
    }


# --- 1. corpus ---------------------------------------------------------------------------------------------


def make_corpus(folder: Path, documents: int, seed: int, workers: int) -> dict[str, Any]:
    with progress(f"corpus: writing {documents} documents", None):
        started = time.perf_counter()
        stats = write_corpus(folder, documents, seed, ("txt",), workers=workers)
        seconds = time.perf_counter() - started
    return {
        "documents": stats.documents,
        "text_bytes": stats.bytes_text,
        "citations": stats.citations,
        "citations_in_corpus": stats.in_corpus,
        "asserted": stats.asserted,
        "seconds": seconds,
    }


# --- 2. and 3. writing -------------------------------------------------------------------------------------


class TimedStore:
    """A store whose `write` is timed: what `graph.load.ingest` calls, and all it calls."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.seconds = 0.0
        self.batches: list[tuple[float, int]] = []  # (seconds, edges written) of each batch

    def write(self, documents: Sequence[Any]) -> WriteResult:
        started = time.perf_counter()
        result = self.store.write(documents)
        seconds = time.perf_counter() - started
        self.seconds += seconds
        self.batches.append((seconds, result.citations + result.asserted))
        return result

    def trend(self) -> dict[str, float]:
        """Edges/s of `write` over the first and the last tenth of the batches: how it holds up as the store grows."""
        tenth = max(1, len(self.batches) // 10)
        return {
            name: sum(e for _, e in part) / (sum(s for s, _ in part) or 1.0)
            for name, part in (("first_tenth", self.batches[:tenth]), ("last_tenth", self.batches[-tenth:]))
        }


class DumpedExtraction(BaseModel):
    """One JSONL line: an extraction with the text its offsets point into (which `to_json` leaves out)."""

    extraction: Extraction
    text: str | None = None


def dump_line(extraction: Extraction) -> str:
    text = json.dumps(extraction.text, ensure_ascii=False)
    return f'{{"extraction":{extraction.to_json()},"text":{text}}}\n'


def ingest_end_to_end(
    corpus: Path, store: GraphStore, jsonl: Path, *, workers: int, batch_size: int, files: int
) -> dict[str, Any]:
    """`lexgraph ingest CORPUS --workers W --batch-size B`, with every extraction also dumped to `jsonl`."""
    timed = TimedStore(store)
    dumping = 0.0
    with jsonl.open("w", encoding="utf-8") as sink, progress("ingest (end to end)", files) as advance:

        def dump(extraction: Extraction) -> None:
            nonlocal dumping
            started = time.perf_counter()
            sink.write(dump_line(extraction))
            dumping += time.perf_counter() - started
            advance(1)

        started = time.perf_counter()
        summary = graph_ingest(
            cast(GraphStore, timed),
            extract_paths([corpus], workers=workers),
            batch_size=batch_size,
            on_extraction=dump,
        )
        wall = time.perf_counter() - started
    seconds = wall - dumping
    edges = summary.citations + summary.asserted
    return {
        "files": summary.files,
        "written": summary.written,
        "errors": len(summary.errors),
        "citations": summary.citations,
        "asserted": summary.asserted,
        "edges": edges,
        "placeholders_created": summary.placeholders_created,
        "placeholders_removed": summary.placeholders_removed,
        "reresolved": summary.reresolved,
        "seconds": seconds,
        "jsonl_dump_seconds": dumping,
        "store_write_seconds": timed.seconds,
        "batches": len(timed.batches),
        "write_edges_per_s": timed.trend(),
    }


def read_dump(jsonl: Path, clock: list[float]) -> Iterator[Extraction]:
    """The dumped extractions, one at a time; the seconds spent parsing are added to clock[0]."""
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            started = time.perf_counter()
            dumped = DumpedExtraction.model_validate_json(line)
            extraction = dumped.extraction
            extraction.text = dumped.text
            clock[0] += time.perf_counter() - started
            yield extraction


def store_alone(
    store: GraphStore, jsonl: Path, *, batch_size: int, files: int, label: str = "store alone"
) -> dict[str, Any]:
    """The dumped extractions written again into an empty `store`: planning (graph.load) and `store.write`."""
    timed = TimedStore(store)
    parsing = [0.0]
    with progress(f"{label}: writing {files} extractions", files) as advance:
        started = time.perf_counter()
        summary = graph_ingest(
            cast(GraphStore, timed),
            read_dump(jsonl, parsing),
            batch_size=batch_size,
            on_extraction=lambda _e: advance(1),
        )
        wall = time.perf_counter() - started
    edges = summary.citations + summary.asserted
    return {
        "documents": summary.written,
        "edges": edges,
        "placeholders_created": summary.placeholders_created,
        "placeholders_removed": summary.placeholders_removed,
        "batch_size": batch_size,
        "write": write_rates(edges, summary.written, timed.seconds),
        "write_edges_per_s": timed.trend(),
        "plan_and_write": write_rates(edges, summary.written, wall - parsing[0]),
        "wall": write_rates(edges, summary.written, wall),
        "parse_seconds": parsing[0],
    }


# --- 4. queries --------------------------------------------------------------------------------------------


@dataclass
class Floor:
    """The store's edges in plain DiGraphs: all of them, and the `implements` ones."""

    full: nx.DiGraph
    implements: nx.DiGraph
    seconds: float


def load_floor(db: Path) -> Floor:
    """The DiGraphs of the edges of the SQLite file `db`, read directly (one edge per citing→cited pair)."""
    started = time.perf_counter()
    full, implements = nx.DiGraph(), nx.DiGraph()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        with progress("floor: loading the edges into networkx", None):
            for src, dst, relation in conn.execute("SELECT src, dst, relation FROM edges ORDER BY id"):
                full.add_edge(src, dst)
                if relation == "implements":
                    implements.add_edge(src, dst)
    finally:
        conn.close()
    return Floor(full, implements, time.perf_counter() - started)


@dataclass
class QuerySet:
    implementers: list[str]
    cited: list[str]
    routes: list[tuple[str, str]]  # pairs with a route of at most PATH_DEPTH steps
    uniform: list[tuple[str, str]]  # uniform random pairs
    uniform_without_route: int


def _sample(rng: random.Random, population: list[str], n: int) -> list[str]:
    return rng.sample(population, n) if len(population) >= n else rng.choices(population, k=n)


def pick_queries(floor: Floor, n: int, seed: int) -> QuerySet:
    rng = random.Random(seed)
    graph = floor.full
    implemented = [v for v in floor.implements if floor.implements.in_degree(v)]
    cited = [v for v in graph if graph.in_degree(v)]
    citing = [v for v in graph if graph.out_degree(v)]
    nodes = list(graph)
    routes: list[tuple[str, str]] = []
    for _ in range(100 * n):
        if len(routes) == n:
            break
        source = rng.choice(citing)
        reach = [
            t for t in nx.single_source_shortest_path_length(graph, source, cutoff=PATH_DEPTH) if t != source
        ]
        if reach:
            routes.append((source, rng.choice(reach)))
    uniform = [(rng.choice(citing), rng.choice(nodes)) for _ in range(n)]
    without = sum(
        t not in nx.single_source_shortest_path_length(graph, s, cutoff=PATH_DEPTH) for s, t in uniform
    )
    return QuerySet(_sample(rng, implemented, n), _sample(rng, cited, n), routes, uniform, without)


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def _floor_path(graph: nx.DiGraph, source: str, target: str) -> list[str] | None:
    try:
        return cast(list[str], nx.bidirectional_shortest_path(graph, source, target))
    except nx.NetworkXNoPath:
        return None


def run_queries(store: GraphStore, floor: Floor, queries: QuerySet, label: str) -> dict[str, Any]:
    """Each query against the store and against its floor, one after the other, same document."""
    cold, _ = _timed(lambda: store.implementers(queries.implementers[0], max_depth=IMPLEMENTERS_DEPTH))
    reverse_impl = floor.implements.reverse(copy=False)
    reverse_full = floor.full.reverse(copy=False)
    implementers = Latencies("implementers (depth 5)", note="documents with incoming implements edges")
    cited_by = Latencies("cited-by", note="documents with incoming edges")
    routes = Latencies("path (pairs with a route)", note=f"route of <= {PATH_DEPTH} steps")
    uniform = Latencies("path (uniform random pairs)")
    mismatches = {"cited-by": 0, "path": 0}
    total = len(queries.implementers) + len(queries.cited) + len(queries.routes) + len(queries.uniform)
    with progress(f"{label}: queries", total) as advance:
        for doc in queries.implementers:
            implementers.store.append(
                _timed(lambda d=doc: store.implementers(d, max_depth=IMPLEMENTERS_DEPTH))[0]
            )
            implementers.floor.append(
                _timed(
                    lambda d=doc: nx.single_source_shortest_path_length(
                        reverse_impl, d, cutoff=IMPLEMENTERS_DEPTH
                    )
                )[0]
            )
            advance(1)
        for doc in queries.cited:
            seconds, edges = _timed(lambda d=doc: store.citations(d, direction="in"))
            cited_by.store.append(seconds)
            seconds, reach = _timed(
                lambda d=doc: nx.single_source_shortest_path_length(reverse_full, d, cutoff=1)
            )
            cited_by.floor.append(seconds)
            citers = {e.source for e in edges} - {doc}  # self-loops aside
            mismatches["cited-by"] += citers != set(reach) - {doc}
            advance(1)
        for latencies, pairs in ((routes, queries.routes), (uniform, queries.uniform)):
            for source, target in pairs:
                seconds, found = _timed(lambda s=source, t=target: store.path(s, t))
                latencies.store.append(seconds)
                seconds, route = _timed(lambda s=source, t=target: _floor_path(floor.full, s, t))
                latencies.floor.append(seconds)
                steps = len(found.steps) if found is not None else None
                expected = len(route) - 1 if route is not None and len(route) - 1 <= PATH_DEPTH else None
                mismatches["path"] += steps != expected
                advance(1)
    uniform.note = f"{queries.uniform_without_route} of {len(queries.uniform)} had no route"
    return {
        "first_traversal_seconds": cold,
        "queries": {q.name: q.summary() for q in (implementers, cited_by, routes, uniform)},
        "answers_differing_from_floor": mismatches,
    }


# --- tables ------------------------------------------------------------------------------------------------


def _table(title: str, columns: Sequence[str]) -> Table:
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def corpus_table(corpus: dict[str, Any]) -> Table:
    table = _table("1. Synthetic corpus (benchmarks/synth.py; not part of ingest)", ("", "value"))
    table.add_row("documents", f"{corpus['documents']:,}")
    table.add_row("text", f"{corpus['text_bytes'] / MB:,.1f} MB")
    table.add_row("citations stated (gold)", f"{corpus['citations']:,}")
    table.add_row("  of which to documents in the corpus", f"{corpus['citations_in_corpus']:,}")
    table.add_row("asserted relations (gold)", f"{corpus['asserted']:,}")
    table.add_row("generation time", f"{corpus['seconds']:.1f} s")
    return table


def ingest_table(
    run: dict[str, Any], corpus: dict[str, Any], workers: int, batch: int, store: str = "2. SQLite"
) -> Table:
    seconds = run["seconds"]
    table = _table(
        f"{store}: ingest end to end (lexgraph ingest path: {workers} extraction processes, {batch} documents/batch)",
        ("", "value"),
    )
    table.add_row("files → documents written", f"{run['files']:,} → {run['written']:,}")
    table.add_row("errors", f"{run['errors']:,}")
    table.add_row("time", f"{seconds:.1f} s")
    table.add_row("documents/s", f"{run['files'] / seconds:,.1f}")
    table.add_row("MB/s of text", f"{corpus['text_bytes'] / MB / seconds:.2f}")
    table.add_row(
        "edges written (citations + asserted)",
        f"{run['edges']:,} ({run['citations']:,} + {run['asserted']:,})",
    )
    table.add_row("edges/s", f"{run['edges'] / seconds:,.0f}")
    table.add_row(
        "placeholders created / merged away",
        f"{run['placeholders_created']:,} / {run['placeholders_removed']:,}",
    )
    table.add_row("ends re-resolved", f"{run['reresolved']:,}")
    share = run["store_write_seconds"] / seconds
    table.add_row(
        "of the time: store.write (main process)", f"{run['store_write_seconds']:.1f} s ({share:.0%})"
    )
    trend = run["write_edges_per_s"]
    table.add_row(
        "store.write edges/s: first / last tenth of the batches",
        f"{trend['first_tenth']:,.0f} / {trend['last_tenth']:,.0f}",
    )
    table.add_row("JSONL dump for step 3 (taken out of the time)", f"{run['jsonl_dump_seconds']:.1f} s")
    return table


def alone_table(title: str, runs: Sequence[dict[str, Any]]) -> Table:
    table = _table(
        title, ("batch", "measured", "seconds", "edges/s", "documents/s", f">= {WRITE_AIM:,} edges/s")
    )
    for run in runs:
        for key, name in (
            ("write", "store.write only"),
            ("plan_and_write", "plan + write"),
            ("wall", "+ JSONL parsing"),
        ):
            rates = run[key]
            aim = ("yes" if rates["edges_per_s"] >= WRITE_AIM else "NO") if key == "write" else ""
            table.add_row(
                str(run["batch_size"]),
                name,
                f"{rates['seconds']:.1f}",
                f"{rates['edges_per_s']:,.0f}",
                f"{rates['documents_per_s']:,.0f}",
                aim,
            )
        trend = run["write_edges_per_s"]
        table.add_row(
            str(run["batch_size"]), "store.write: first / last tenth of the batches", "",
            f"{trend['first_tenth']:,.0f} / {trend['last_tenth']:,.0f}", "", "",
        )  # fmt: skip
        table.add_row(
            "", f"[dim]{run['documents']:,} documents, {run['edges']:,} edges, "
            f"{run['placeholders_created'] - run['placeholders_removed']:,} placeholders[/dim]", "", "", "", "",
        )  # fmt: skip
    return table


def query_table(title: str, result: dict[str, Any], floor_seconds: float) -> Table:
    table = _table(
        title,
        ("query", "n", "store p50", "p95", "max", "floor p50", "p95", "× p50", "× p95", f"<= {QUERY_AIM:g}×"),
    )
    for name, q in result["queries"].items():
        if not q["queries"]:
            continue
        s, f, r = q["ms"]["store"], q["ms"]["floor"], q["ratio"]
        met = "yes" if max(r.values()) <= QUERY_AIM else "NO"
        table.add_row(
            name, str(q["queries"]), f"{s['p50']:.2f}", f"{s['p95']:.2f}", f"{s['max']:.1f}",
            f"{f['p50']:.3f}", f"{f['p95']:.3f}", f"{r['p50']:.0f}", f"{r['p95']:.0f}", met,
        )  # fmt: skip
    notes = "; ".join(f"{n}: {q['note']}" for n, q in result["queries"].items() if q["note"])
    differing = result["answers_differing_from_floor"]
    table.caption = (
        f"ms; floor = networkx BFS on an in-memory DiGraph of the same edges (built in {floor_seconds:.1f} s). "
        f"First traversal (loads the store's graph): {result['first_traversal_seconds']:.1f} s, not counted. "
        f"{notes}. Answers differing from the floor: {differing}."
    )
    table.caption_justify = "left"
    return table


def resources_table(memory: dict[str, dict[str, float]], sizes: dict[str, dict[str, int]]) -> Table:
    table = _table("5. Peak memory and database size", ("", "MB"))
    for step, peak in memory.items():
        table.add_row(
            f"peak RSS after {step}: this process / largest child",
            f"{peak['self']:,.0f} / {peak['children']:,.0f}",
        )
    for name, size in sizes.items():
        parts = ", ".join(f"{k} {v / MB:,.1f}" for k, v in size.items() if k != "total")
        table.add_row(f"{name} database ({parts})", f"{size['total'] / MB:,.1f}")
    return table


# --- 6. Neo4j ----------------------------------------------------------------------------------------------


@contextmanager
def neo4j_server(mode: str, work: Path, heap: str) -> Iterator[str | None]:
    """The Bolt URL to measure against: $NEO4J_URI, else (mode "auto") Neo4j 5.26 started by neo4j/run on a free
    port with its data in the work folder, stopped at the end; None for mode "off"."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    if mode == "off":
        yield None
        return
    password = "lexgraph-bench"
    home = work / "neo4j"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "NEO4J_HOME": str(home),
        "NEO4J_PORT": "0",
        "NEO4J_PASSWORD": password,
        "NEO4J_HEAP": heap,
        "NEO4J_PAGECACHE": "1g",
        "NEO4J_STOP_WITH_PID": str(os.getpid()),
    }
    out = (home / "stdout").open("w+b")
    process = subprocess.Popen(
        [str(ROOT / "neo4j" / "run")], env=env, stdout=out, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        with progress("neo4j: starting Neo4j 5.26 (neo4j/run)", None):
            while not (line := (home / "stdout").read_text().strip()):
                if process.poll() is not None:
                    raise SystemExit(f"neo4j/run failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                time.sleep(0.2)
        yield f"bolt://neo4j:{password}@{line.removeprefix('bolt://')}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(120)
        out.close()


def _neo4j_store(uri: str, label: str) -> Any:
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(uri, graph=f"lexgraph-bench-{label}-{uuid.uuid4().hex[:8]}")


# Operators that read every node, every node of a label, every relationship (of a type) or a whole index: what no
# statement of the write path may do (per row, they would make a batch's cost grow with the graph).
SCAN = "Scan"


def _operators(plan: Any, found: set[str]) -> set[str]:
    found.add(str(plan["operatorType"]).split("@")[0])
    for child in plan.get("children", ()):
        _operators(child, found)
    return found


@contextmanager
def profiled() -> Iterator[dict[str, set[str]]]:
    """Every statement the Neo4j store runs meanwhile, run under PROFILE: its name → the operators of its plans.
    (The store's statements stay constants; PROFILE is put in front of them here, for the measure only.)"""
    import graph.neo4j_store as module

    names = {id(v): k for k, v in vars(module).items() if isinstance(v, str)}
    names |= {
        id(q): f"{k}[{key}]" for k, v in vars(module).items() if isinstance(v, dict) for key, q in v.items()
    }
    plans: dict[str, set[str]] = {}
    run = module._run

    def profile(tx: Any, query: str, **params: Any) -> list[Any]:
        result = tx.run("PROFILE " + query, params)
        rows = list(result)
        summary = result.consume()
        name = names.get(id(query), query[:60])
        plans.setdefault(name, set())
        if summary.profile:
            _operators(summary.profile, plans[name])
        return rows

    module._run = profile  # type: ignore[assignment]
    try:
        yield plans
    finally:
        module._run = run


def profile_write_path(store: GraphStore, jsonl: Path, documents: int = 64) -> dict[str, Any]:
    """A batch of `documents` changed documents written, then two of them deleted, under PROFILE."""
    from graph.load import plan as plan_write

    clock = [0.0]
    changed = []
    for i, extraction in enumerate(read_dump(jsonl, clock)):
        if i >= documents:
            break
        extraction.text = (extraction.text or "") + " (bản sửa đổi)"  # a new version: its edges are replaced
        changed.append(plan_write(extraction))
    with profiled() as plans:
        store.write(changed)
        store.delete([w.node.id for w in changed[:2]])
    scans = {name: sorted(o for o in ops if SCAN in o) for name, ops in plans.items()}
    return {
        "statements": {name: sorted(ops) for name, ops in sorted(plans.items())},
        "scans": {name: ops for name, ops in scans.items() if ops},
    }


def neo4j_run(
    uri: str | None,
    corpus: Path,
    jsonl: Path,
    floor: Floor,
    queries: QuerySet,
    *,
    workers: int,
    batch_size: int,
    files: int,
    keep: bool,
) -> dict[str, Any]:
    """Steps 2, 3 and 4 on Neo4j, each in a graph of its own, then the write path under PROFILE; {"skipped": why}
    when there is no server."""
    if uri is None:
        return {"skipped": "not measured (--neo4j off and no NEO4J_URI)"}
    try:
        end_to_end = _neo4j_store(uri, "ingest")
    except (StoreError, ModuleNotFoundError) as exc:
        return {"skipped": f"not measured — {exc}"}
    try:
        ingest = ingest_end_to_end(
            corpus, end_to_end, work_file(jsonl), workers=workers, batch_size=batch_size, files=files
        )
    finally:
        if not keep:
            end_to_end.drop()
        end_to_end.close()
    store = _neo4j_store(uri, "store")
    try:
        alone = store_alone(store, jsonl, batch_size=batch_size, files=files, label="neo4j")
        result = run_queries(store, floor, queries, "neo4j")
        with progress("neo4j: the write path under PROFILE", None):
            plans = profile_write_path(store, jsonl)
        return {
            "url": store.url,
            "graph": store.graph_id,
            "ingest": ingest,
            "store_alone": alone,
            "queries": result,
            "profile": plans,
        }
    finally:
        if not keep:
            store.drop()
        store.close()


def work_file(jsonl: Path) -> Path:
    """Where the Neo4j end-to-end run dumps its extractions (the step 3 file stays as step 2 wrote it)."""
    return jsonl.with_name("extractions-neo4j.jsonl")


def versus_table(title: str, neo4j: dict[str, Any], sqlite: dict[str, Any]) -> Table:
    """Neo4j's query latencies as ratios to the SQLite store's, same queries, same documents."""
    table = _table(
        title, ("query", "neo4j p50", "p95", "sqlite p50", "p95", "× p50", "× p95", f"<= {QUERY_AIM:g}×")
    )
    for name, q in neo4j["queries"].items():
        other = sqlite["queries"].get(name, {})
        if not q["queries"] or not other.get("queries"):
            continue
        n, s = q["ms"]["store"], other["ms"]["store"]
        ratio = {p: n[p] / s[p] if s[p] else float("inf") for p in ("p50", "p95")}
        met = "yes" if max(ratio.values()) <= QUERY_AIM else "NO"
        table.add_row(
            name, f"{n['p50']:.2f}", f"{n['p95']:.2f}", f"{s['p50']:.2f}", f"{s['p95']:.2f}",
            f"{ratio['p50']:.1f}", f"{ratio['p95']:.1f}", met,
        )  # fmt: skip
    table.caption = "ms per query, the same 1,000 documents and pairs on both stores"
    table.caption_justify = "left"
    return table


def profile_table(profile: dict[str, Any]) -> Table:
    table = _table(
        "6d. Neo4j write path under PROFILE (a batch of changed documents, a delete)",
        ("statement", "operators"),
    )
    for name, ops in profile["statements"].items():
        table.add_row(name, ", ".join(ops))
    scans = profile["scans"]
    table.caption = "no statement scans all nodes or relationships" if not scans else f"SCANS: {scans}"
    table.caption_justify = "left"
    return table


# --- main --------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="processes for the corpus and for extraction")
    parser.add_argument(
        "--batch-size", type=int, default=64, help="documents per transaction (lexgraph's default)"
    )
    parser.add_argument(
        "--alone-batch-sizes",
        default="",
        help="comma-separated batch sizes for step 3 (default: --batch-size, then 1024)",
    )
    parser.add_argument(
        "--store", default=None, help="sqlite:///… for step 2 (default: a file in the work folder)"
    )
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep everything there")
    parser.add_argument("--json", type=Path, default=None, help="write the summary as JSON to FILE")
    parser.add_argument(
        "--neo4j",
        choices=("auto", "off"),
        default="auto",
        help="auto: measure Neo4j too ($NEO4J_URI, else a server started by neo4j/run); off: SQLite only",
    )
    parser.add_argument("--neo4j-heap", default="2g", help="the heap of the server neo4j/run starts")
    return parser.parse_args(argv)


def _store_file(url: str | None, work: Path) -> tuple[str, Path]:
    url = url or f"sqlite:///{work / 'graph.db'}"
    if url.split("://", 1)[0].lower() != "sqlite":
        raise SystemExit(f"--store must be sqlite:///…; for Neo4j set NEO4J_URI ({url})")
    path = sqlite_path(url)
    if path.exists():
        raise SystemExit(f"{path} exists: the benchmark writes into an empty store")
    return url, path


def _batch_sizes(args: argparse.Namespace) -> list[int]:
    if args.alone_batch_sizes:
        return [int(b) for b in args.alone_batch_sizes.split(",") if b.strip()]
    return sorted({args.batch_size, 1024}, key=lambda b: (b != args.batch_size, b))


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    url, db = _store_file(args.store, work)
    corpus_dir, jsonl = work / "corpus", work / "extractions.jsonl"
    memory: dict[str, dict[str, float]] = {}
    corpus = make_corpus(corpus_dir, args.documents, args.seed, args.workers)
    memory["corpus"] = peak_memory_mb()
    out.print(corpus_table(corpus))
    with open_store(url) as store:
        ingest = ingest_end_to_end(
            corpus_dir,
            store,
            jsonl,
            workers=args.workers,
            batch_size=args.batch_size,
            files=corpus["documents"],
        )
        stats = store.stats()
    memory["ingest"] = peak_memory_mb()
    sizes = {"ingest": database_size(db)}
    out.print(ingest_table(ingest, corpus, args.workers, args.batch_size))
    out.print(
        f"the graph holds {stats.documents:,} documents, {stats.placeholders:,} placeholders, {stats.edges:,} edges"
    )
    alone_runs = []
    for batch in _batch_sizes(args):
        fresh = work / f"store-alone-{batch}.db"
        with open_store(f"sqlite:///{fresh}") as store:
            alone_runs.append(store_alone(store, jsonl, batch_size=batch, files=ingest["files"]))
        sizes[f"store alone, batch {batch}"] = database_size(fresh)
        if args.keep is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    memory["store alone"] = peak_memory_mb()
    out.print(
        alone_table(
            "3. Store alone (SQLite): the extractions of step 2 written into a fresh store", alone_runs
        )
    )
    floor = load_floor(db)
    out.print(
        f"floor graph: {floor.full.number_of_nodes():,} nodes, {floor.full.number_of_edges():,} citing→cited pairs "
        f"({floor.implements.number_of_edges():,} implements), {nx.number_of_selfloops(floor.full):,} self-loops"
    )
    queries = pick_queries(floor, args.queries, args.seed)
    with open_store(url, create=False) as store:
        answers = run_queries(store, floor, queries, "sqlite")
    memory["queries"] = peak_memory_mb()
    out.print(query_table(f"4. Queries (SQLite), seed {args.seed}", answers, floor.seconds))
    with neo4j_server(args.neo4j, work, args.neo4j_heap) as uri:
        neo4j = neo4j_run(
            uri,
            corpus_dir,
            jsonl,
            floor,
            queries,
            workers=args.workers,
            batch_size=args.batch_size,
            files=ingest["files"],
            keep=args.keep is not None,
        )
    memory["neo4j"] = peak_memory_mb()
    out.print(resources_table(memory, sizes))
    if "skipped" in neo4j:
        out.print(f"6. Neo4j: {neo4j['skipped']}")
    else:
        out.print(ingest_table(neo4j["ingest"], corpus, args.workers, args.batch_size, "6. Neo4j"))
        out.print(alone_table(f"6a. Store alone (Neo4j, {neo4j['url']})", [neo4j["store_alone"]]))
        out.print(query_table("6b. Queries (Neo4j)", neo4j["queries"], floor.seconds))
        out.print(versus_table("6c. Queries: Neo4j against the SQLite store", neo4j["queries"], answers))
        out.print(profile_table(neo4j["profile"]))
    summary = {
        "arguments": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "corpus": corpus,
        "ingest": ingest,
        "graph": stats.model_dump(),
        "store_alone": alone_runs,
        "floor": {
            "nodes": floor.full.number_of_nodes(),
            "edges": floor.full.number_of_edges(),
            "implements_edges": floor.implements.number_of_edges(),
            "self_loops": nx.number_of_selfloops(floor.full),
            "build_seconds": floor.seconds,
        },
        "queries": answers,
        "memory_mb": memory,
        "database_bytes": sizes,
        "neo4j": neo4j,
    }
    return summary


def _jsonable(value: Any) -> Any:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else str(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="lexgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    err.print(f"working in {work}{'' if args.keep else ' (removed at the end)'}")
    try:
        summary = run(args, work)
        if args.json is not None:
            args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=_jsonable) + "\n")
            err.print(f"summary written to {args.json}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
