"""`lexgraph ingest`: extract files and write them into the graph."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from api.cli.common import EXIT_FAILED, app, error, exit_status, stderr, use_utf8
from api.cli.extract import (
    MaxBytesOption,
    MaxMemoryOption,
    MaxSecondsOption,
    WorkersOption,
    budget_options,
    guarded_extractions,
)
from api.cli.options import StoreOption, graph_errors
from graph import (
    GraphStore,
    IngestSummary,
    open_store,
)
from graph import ingest as graph_ingest
from ingest.models import Extraction
from ingest.pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_SECONDS


@contextmanager
def _ingest_progress(total: int) -> Iterator[Callable[[Extraction], None]]:
    """A progress bar on stderr when a person watches it; nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        yield lambda _extraction: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[current]}"),
    )
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("Ingesting", total=total or None, current="")

        def advance(extraction: Extraction) -> None:
            progress.update(task, advance=1, current=escape(Path(extraction.source).name))

        yield advance


def _count_files(paths: Sequence[Path]) -> int:
    try:
        from ingest.readers import iter_input_files

        return sum(1 for _ in iter_input_files(paths))
    except Exception:  # only a progress total: the pipeline reports unreadable inputs itself
        return 0


def _summary(summary: IngestSummary, store: GraphStore) -> None:
    stats = store.stats()
    stderr.print(
        f"{summary.files} files → {escape(store.url)}: {summary.written} documents written, "
        f"{summary.unchanged} unchanged; {summary.citations} citations, {summary.asserted} asserted relations; "
        f"{summary.placeholders_created} placeholders created, {summary.placeholders_removed} merged away; "
        f"{len(summary.errors)} errors",
        soft_wrap=True,
    )
    stderr.print(
        f"the graph holds {stats.documents} documents, {stats.placeholders} placeholders "
        f"(cited, not ingested), {stats.edges} edges",
        soft_wrap=True,
    )
    for problem in summary.errors[:20]:
        stderr.print(f"  {escape(problem.source)}: {problem.code}: {escape(problem.message)}", soft_wrap=True)
    if len(summary.errors) > 20:
        stderr.print(f"  … and {len(summary.errors) - 20} more")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders (read recursively).", show_default=False),
    ],
    store_option: StoreOption = None,
    workers: WorkersOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 64,
    max_bytes: MaxBytesOption = None,
    max_seconds: MaxSecondsOption = DEFAULT_MAX_SECONDS,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY_MB,
) -> None:
    """Extract documents and write them into the graph: documents, citations, asserted relations, and
    placeholders for what they cite that the graph does not hold.

    Ingesting the same files again changes nothing; a changed file replaces its document's edges. Exit status
    1 when a file had errors (the others are written) or the store cannot be used.
    """
    use_utf8()
    options = budget_options(workers, max_bytes, max_seconds, max_memory)
    with exit_status(), graph_errors(), open_store(store_option, create=True) as store:
        if getattr(store, "read_only", False):  # say so before extracting anything, not at the first write
            error(
                f"{store.url}: the graph is read-only (the file, or the file system it is on); nothing was ingested"
            )
            raise typer.Exit(EXIT_FAILED)
        failed = 0

        def extractions() -> Iterator[Extraction]:
            nonlocal failed
            for extraction in guarded_extractions(paths, options):
                if extraction is None:
                    failed += 1
                    continue
                yield extraction

        with _ingest_progress(_count_files(paths)) as advance:
            summary = graph_ingest(store, extractions(), batch_size=batch_size, on_extraction=advance)
        _summary(summary, store)
    if summary.errors or failed:
        raise typer.Exit(EXIT_FAILED)
