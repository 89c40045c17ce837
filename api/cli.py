"""`lexgraph`, the command line: extract citations from files, measure extraction on annotated documents,
ingest documents into the graph and query it.

Exit status: 0 all well, 1 a file had errors (extract, ingest), a measure fell below its floor (eval), the
graph store cannot be used, or a REF names no single document (query), 2 usage error, 130 interrupted
(Ctrl-C), 141 the reader of stdout went away. Whatever goes wrong, the user gets a message on stderr, never a
traceback.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from api import views
from graph import (
    DEFAULT_URL,
    ENV_VAR,
    RELATIONS,
    AmbiguousReference,
    DocumentNotFound,
    GraphStore,
    IngestSummary,
    StoreError,
    open_store,
)
from graph import ingest as graph_ingest
from ingest.evaluate import (
    MEASURES,
    METADATA_FIELDS,
    PRF,
    EvalReport,
    FloorFailure,
    check_floors,
    evaluate,
    load_golds,
    read_predictions,
    score,
)
from ingest.models import ExtractError, Extraction

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a Ctrl-C'd command
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports when `| head` closes the pipe

app = typer.Typer(
    name="lexgraph",
    help="A knowledge graph of citations between Vietnamese legal documents.",
    add_completion=False,
    no_args_is_help=True,
    # Every failure is turned into a message of ours; a rich traceback would only hide that we missed one.
    pretty_exceptions_enable=False,
)

_stderr = Console(stderr=True, highlight=False)


def _version() -> str:
    try:
        return package_version("lexgraph")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"lexgraph {_version()}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """A knowledge graph of citations between Vietnamese legal documents."""


def _use_utf8() -> None:
    """Vietnamese text must come out whole under a C or Latin-1 locale, so the text streams speak UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _error(message: str) -> None:
    # One line, however long: a message is grepped for and read in logs, not only on a terminal.
    _stderr.print(f"[red]lexgraph:[/red] {escape(message)}", soft_wrap=True)


def _silence_stdout() -> None:
    """After the reader of stdout has gone, point stdout at /dev/null so that the final flush at exit does
    not print a second BrokenPipeError."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def _exit_status() -> Iterator[None]:
    """Turn whatever escapes a command into an exit status and one line on stderr."""
    try:
        yield
    except (typer.Exit, click.ClickException):  # the command's own exit, or a usage error
        raise
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except Exception as exc:  # a bug of ours: the user gets its gist, not its traceback
        _error(f"unexpected {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_FAILED) from None


@contextmanager
def _progress(label: str) -> Iterator[Callable[[str], None]]:
    """A progress display on stderr when a person watches it; when stderr is a file or a pipe, nothing, so
    that logs stay clean. Yields the function to call with the source of each finished file."""
    if not sys.stderr.isatty():
        yield lambda _source: None
        return
    # The pipeline expands folders itself, so the number of files is unknown here: count, don't estimate.
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description} {task.completed:.0f} files"),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[current]}"),
    )
    with Progress(*columns, console=_stderr, transient=True) as progress:
        task = progress.add_task(label, total=None, current="")

        def advance(source: str) -> None:
            progress.update(task, advance=1, current=escape(Path(source).name))

        yield advance


# ------------------------------------------------------------------------------------------------------------
# extract


class _Line(NamedTuple):
    """One output line of `extract`; `data` is None when a failure could not be charged to any file."""

    data: bytes | None
    failed: bool
    source: str = ""


def _line(extraction: Extraction) -> _Line:
    try:
        data = extraction.to_json().encode("utf-8") + b"\n"
    except Exception as exc:  # a value the model cannot serialise must not cost the batch
        return _line(_internal_error(extraction.source, exc))
    return _Line(data, bool(extraction.errors), extraction.source)


def _internal_error(source: str, exc: BaseException) -> Extraction:
    message = f"unexpected {type(exc).__name__}: {exc}"
    return Extraction(source=source, errors=[ExtractError(code="internal_error", message=message)])


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the path as given
        return path.absolute()


def _owner(inputs: Sequence[Path], current: int, source: str) -> int:
    """Index of the input (file or folder) that produced `source`. Outputs come in input order, so the search
    starts at the input that produced the previous one."""
    produced = _resolved(Path(source))
    for index in range(current, len(inputs)):
        if produced == inputs[index] or inputs[index] in produced.parents:
            return index
    return current


def _guarded_extractions(paths: Sequence[Path], options: dict[str, Any]) -> Iterator[Extraction | None]:
    """The extractions of `paths`, safe against a pipeline that raises; None for a failure that could not be
    charged to any file.

    The pipeline turns a bad file into an `errors` entry itself; this is the last line of defence for a bug
    in it. When it raises, the file in progress is unknown: the failure is charged to the input after the last
    one that produced output (or to that input itself if it is a folder, whose remaining files are then lost),
    and the batch goes on with the inputs after it. Each failure moves past at least one input, so this ends.
    """
    from ingest.extract import extract_paths  # loads the NLP pipeline: not for --help or --version

    inputs = [_resolved(path) for path in paths]
    start = 0
    while start < len(paths):
        current, produced = start, False
        try:
            for extraction in extract_paths(paths[start:], progress=False, **options):
                current, produced = _owner(inputs, current, extraction.source), True
                yield extraction
            return
        except Exception as exc:
            failed = current + 1 if produced and not paths[current].is_dir() else current
            if failed >= len(paths):
                _error(f"extraction failed after the last file: {type(exc).__name__}: {exc}")
                yield None
                return
            yield _internal_error(str(paths[failed]), exc)
            start = failed + 1


def _guarded_lines(paths: Sequence[Path], options: dict[str, Any]) -> Iterator[_Line]:
    """The output lines of `extract` (see `_guarded_extractions`)."""
    for extraction in _guarded_extractions(paths, options):
        yield _Line(None, True) if extraction is None else _line(extraction)


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders (read recursively).", show_default=False),
    ],
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", min=1, help="Report larger files as errors instead of reading them."),
    ] = None,
) -> None:
    """Print one JSON object per document (JSON Lines, UTF-8) to stdout, in input order.

    Exit status 0 when every file was processed, 1 when any file had an error (its object says which).
    """
    _use_utf8()
    options: dict[str, Any] = {"workers": workers}
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    out = sys.stdout.buffer
    processed = failed = 0
    with _exit_status(), _progress("Extracting") as advance:
        for line in _guarded_lines(paths, options):
            if line.data is not None:
                out.write(line.data)
                # Line by line, so that a reader sees each document as soon as it is done.
                out.flush()
                processed += 1
            failed += line.failed
            advance(line.source)
    if failed:
        _error(f"{failed} of {processed} files had errors (see the `errors` field of their objects)")
        raise typer.Exit(EXIT_FAILED)


# ------------------------------------------------------------------------------------------------------------
# eval

# Shorthand options for the floors CI and users set most; --min reaches every other measure.
_FLOOR_OPTIONS: dict[str, tuple[str, ...]] = {
    "min_citations_f1": ("citations_all.f1",),
    "min_relation_accuracy": ("relation_accuracy",),
    "min_date_accuracy": ("date_accuracy",),
    "min_asserted_f1": ("asserted.f1",),
    "min_metadata_accuracy": tuple(f"metadata_accuracy.{name}" for name in METADATA_FIELDS),
}


def _floor_option(measure: str) -> Any:
    return typer.Option(min=0.0, max=1.0, show_default=False, help=f"Exit 1 when {measure} is below this.")


def _parse_floor(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or name not in MEASURES:
        raise typer.BadParameter(
            f"{text!r}: expected MEASURE=VALUE with MEASURE one of {', '.join(MEASURES)}", param_hint="--min"
        )
    try:
        floor = float(value)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: {value!r} is not a number", param_hint="--min") from None
    return name, floor


def _floors(named: dict[str, float | None], generic: Sequence[str]) -> dict[str, float]:
    floors: dict[str, float] = {}
    for option, floor in named.items():
        if floor is not None:
            floors.update(dict.fromkeys(_FLOOR_OPTIONS[option], floor))
    floors.update(_parse_floor(text) for text in generic)
    return floors


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _print_report(console: Console, report: EvalReport, source: str) -> None:
    console.print(
        f"{report.documents} annotated documents in {escape(source)}"
        + (f", {report.missing_documents} without a document file" if report.missing_documents else "")
    )
    citations = Table(title="Cited documents", title_justify="left")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        citations.add_column(column, justify="left" if not column else "right")
    rows: list[tuple[str, PRF]] = [
        ("numbered", report.citations_numbered),
        ("number-less", report.citations_numberless),
        ("all", report.citations_all),
        ("asserted relations", report.asserted),
    ]
    for label, prf in rows:
        citations.add_row(
            label,
            *(f"{v:.4f}" for v in (prf.precision, prf.recall, prf.f1)),
            *map(str, (prf.tp, prf.fp, prf.fn)),
        )
    console.print(citations)
    console.print(f"relation accuracy  {_figure(report.relation_accuracy)}  (on matched citations)")
    console.print(f"date accuracy      {_figure(report.date_accuracy)}  (on matched citations with a date)")
    metadata = Table(title="Document metadata", title_justify="left")
    metadata.add_column("field")
    metadata.add_column("accuracy", justify="right")
    for name, accuracy in report.metadata_accuracy.items():
        metadata.add_row(name, f"{accuracy:.4f}")
    console.print(metadata)
    if report.relation_confusion:
        confusion = Table(title="Wrong relations (gold->predicted)", title_justify="left")
        confusion.add_column("gold->predicted")
        confusion.add_column("count", justify="right")
        for pair, count in report.relation_confusion.items():
            confusion.add_row(pair, str(count))
        console.print(confusion)


def _extract_and_score(gold_dir: Path, workers: int | None) -> tuple[EvalReport, int]:
    """The report, and how many documents could not be extracted at all."""
    failed = 0
    with _progress("Extracting") as advance:

        def seen(extraction: Extraction) -> None:
            nonlocal failed
            failed += bool(extraction.errors)
            advance(extraction.source)

        report = evaluate(gold_dir, workers=workers, on_extraction=seen)
    return report, failed


def _emit_report(report: EvalReport, source: str, *, as_json: bool, show_errors: bool) -> None:
    if as_json:
        result = report.to_dict()
        if show_errors:
            result["errors"] = [str(finding) for finding in report.findings]
        sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
        return
    console = Console(highlight=False)
    _print_report(console, report, source)
    if show_errors:
        for finding in report.findings:
            console.print(str(finding), markup=False, soft_wrap=True)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            exists=True,
            file_okay=False,
            metavar="GOLD_DIR",
            help="Folder of <slug>.txt (or .md .html .pdf .docx) beside <slug>.gold.json.",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as one JSON object.")] = False,
    show_errors: Annotated[
        bool,
        typer.Option("--show-errors", help="List every missed, extra or wrong citation and metadata value."),
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="Score this saved `lexgraph extract` output instead of extracting.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    min_citations_f1: Annotated[float | None, _floor_option("the F1 of all cited documents")] = None,
    min_relation_accuracy: Annotated[float | None, _floor_option("relation accuracy")] = None,
    min_date_accuracy: Annotated[float | None, _floor_option("date accuracy")] = None,
    min_asserted_f1: Annotated[float | None, _floor_option("the F1 of asserted relations")] = None,
    min_metadata_accuracy: Annotated[float | None, _floor_option("any metadata field's accuracy")] = None,
    min_: Annotated[
        list[str] | None,
        typer.Option(
            "--min",
            metavar="MEASURE=VALUE",
            help="Exit 1 when MEASURE is below VALUE, e.g. metadata_accuracy.issuer=0.7 (repeatable).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Measure extraction on annotated documents: cited documents, relations, dates, asserted relations and
    metadata, as the project's scorer counts them.

    With floors (--min-citations-f1 0.8 …) the exit status is 1 when a measure falls below its floor.
    """
    _use_utf8()
    floors = _floors(
        {
            "min_citations_f1": min_citations_f1,
            "min_relation_accuracy": min_relation_accuracy,
            "min_date_accuracy": min_date_accuracy,
            "min_asserted_f1": min_asserted_f1,
            "min_metadata_accuracy": min_metadata_accuracy,
        },
        min_ or [],
    )
    try:
        golds = load_golds(gold_dir)
        saved = read_predictions(predictions) if predictions is not None else None
    except (OSError, ValueError) as exc:  # an unreadable file, broken JSON: the user's input, not our bug
        _error(f"{type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if not golds:
        _error(f"no *.gold.json in {gold_dir}")
        raise typer.Exit(EXIT_USAGE)
    with _exit_status():
        if saved is not None:
            report, failed_files = score(golds, saved), 0
        else:
            report, failed_files = _extract_and_score(gold_dir, workers)
        _emit_report(report, str(gold_dir), as_json=as_json, show_errors=show_errors)
    if failed_files:
        _error(f"{failed_files} documents could not be extracted; they count as found nothing")
    failures: list[FloorFailure] = check_floors(report, floors)
    for failure in failures:
        _error(str(failure))
    if failures:
        raise typer.Exit(EXIT_FAILED)


# ------------------------------------------------------------------------------------------------------------
# the graph: ingest and query

_STORE_HELP = (
    "Where the graph is: sqlite:///relative/path.db, sqlite:////absolute/path.db, or neo4j://host:7687 "
    f"(default: ${ENV_VAR} or {DEFAULT_URL})."
)
StoreOption = Annotated[str | None, typer.Option("--store", help=_STORE_HELP, show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
RelationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        "-r",
        help=f"Follow only this relation (repeatable): {', '.join(RELATIONS)}.",
        show_default=False,
    ),
]


@contextmanager
def _graph_errors() -> Iterator[None]:
    """A store that cannot be used, a reference that names nothing or too much, a bad option value: one clear
    line on stderr and exit status 1 (2 for a usage error)."""
    try:
        yield
    except StoreError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    except (DocumentNotFound, AmbiguousReference) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    except ValueError as exc:  # an unknown relation name
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None


def _emit_json(value: Any) -> None:
    """JSON of models (or lists of them) on stdout, UTF-8, Vietnamese as it is."""
    if isinstance(value, list):
        data = [v.model_dump(mode="json") for v in value]
    elif value is None or isinstance(value, dict):
        data = value
    else:
        data = value.model_dump(mode="json")
    sys.stdout.buffer.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def _labeller(store: GraphStore) -> Callable[[str], str]:
    """id → label, each looked up once (for who asserts an edge, what an edge points to)."""
    cache: dict[str, str] = {}

    def label(doc_id: str) -> str:
        if doc_id not in cache:
            document = store.get(doc_id)
            cache[doc_id] = document.label if document else doc_id
        return cache[doc_id]

    return label


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
    with Progress(*columns, console=_stderr, transient=True) as progress:
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
    _stderr.print(
        f"{summary.files} files → {escape(store.url)}: {summary.written} documents written, "
        f"{summary.unchanged} unchanged; {summary.citations} citations, {summary.asserted} asserted relations; "
        f"{summary.placeholders_created} placeholders created, {summary.placeholders_removed} merged away; "
        f"{len(summary.errors)} errors",
        soft_wrap=True,
    )
    _stderr.print(
        f"the graph holds {stats.documents} documents, {stats.placeholders} placeholders "
        f"(cited, not ingested), {stats.edges} edges",
        soft_wrap=True,
    )
    for error in summary.errors[:20]:
        _stderr.print(f"  {escape(error.source)}: {error.code}: {escape(error.message)}", soft_wrap=True)
    if len(summary.errors) > 20:
        _stderr.print(f"  … and {len(summary.errors) - 20} more")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders (read recursively).", show_default=False),
    ],
    store_option: StoreOption = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 64,
) -> None:
    """Extract documents and write them into the graph: documents, citations, asserted relations, and
    placeholders for what they cite that the graph does not hold.

    Ingesting the same files again changes nothing; a changed file replaces its document's edges. Exit status
    1 when a file had errors (the others are written) or the store cannot be used.
    """
    _use_utf8()
    with _exit_status(), _graph_errors(), open_store(store_option, create=True) as store:
        failed = 0

        def extractions() -> Iterator[Extraction]:
            nonlocal failed
            for extraction in _guarded_extractions(paths, {"workers": workers}):
                if extraction is None:
                    failed += 1
                    continue
                yield extraction

        with _ingest_progress(_count_files(paths)) as advance:
            summary = graph_ingest(store, extractions(), batch_size=batch_size, on_extraction=advance)
        _summary(summary, store)
    if summary.errors or failed:
        raise typer.Exit(EXIT_FAILED)


@app.command("serve")
def serve_command(
    store_option: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Server processes (each opens the store).")
    ] = 1,
) -> None:
    """Serve the graph over HTTP: the REST API (OpenAPI at /docs) and the browse pages at /.

    Settings come from the environment: LEXGRAPH_API_KEYS (comma-separated keys that may upload and delete;
    none: writes are refused), LEXGRAPH_READS_NEED_KEY, LEXGRAPH_CORS_ORIGINS, LEXGRAPH_MAX_UPLOAD_BYTES.
    """
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    _use_utf8()
    with _exit_status(), _graph_errors():
        settings = Settings(**({"store": store_option} if store_option else {}))
        # Opened here, so that a store that cannot be used is one clear line, not a server that fails later.
        with open_store(settings.store, create=True) as store:
            _stderr.print(
                f"Serving {store.url} on http://{host}:{port}  (API docs: http://{host}:{port}/docs)",
                soft_wrap=True,  # one line, whatever the width: a log reader or a script may look for it
            )
            if workers == 1:
                uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
                return
        # Several processes: each builds the app from the environment, as `uvicorn --factory` would.
        os.environ[ENV_VAR] = settings.store
        uvicorn.run(
            "api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info"
        )


query_app = typer.Typer(
    help="Ask the graph: what implements a document, what it cites, paths, missing documents.",
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")

RefArgument = Annotated[
    str,
    typer.Argument(
        metavar="REF",
        help='A document: its id, or how texts cite it ("Nghị quyết 06/NQ-CP", "06/NQ-CP", "Luật Đất đai 2013").',
        show_default=False,
    ),
]


@contextmanager
def _query(store_option: str | None) -> Iterator[GraphStore]:
    """The store for one query, with every failure turned into a message and an exit status."""
    _use_utf8()
    with _exit_status(), _graph_errors(), open_store(store_option, create=False) as store:
        yield store


def _print(renderable: Any) -> None:
    Console(highlight=False, soft_wrap=False).print(renderable)


def _tree_command(
    ref: str, store_option: str | None, as_json: bool, depth: int, relations: list[str] | None, forwards: bool
) -> None:
    with _query(store_option) as store:
        document = store.lookup(ref)
        chosen = relations or ["implements"]
        if forwards:
            tree = store.implements(document.id, max_depth=depth, relations=chosen)
        else:
            tree = store.implementers(document.id, max_depth=depth, relations=chosen)
        if as_json:
            _emit_json(tree)
            return
        title = "what it implements" if forwards else "what implements it"
        _print(views.tree_view(tree, f"{title} ({', '.join(chosen)}, depth {depth})", _labeller(store)))


DepthOption = Annotated[int, typer.Option("--depth", "-d", min=1, max=50, help="Levels to follow.")]


def _one_of(*choices: str) -> Callable[[str], str]:
    """An option callback that accepts only these values (click's Choice, which this typer cannot declare)."""

    def check(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r}: expected one of {', '.join(choices)}")
        return value

    return check


DirectionOption = Annotated[
    str,
    typer.Option(
        "--direction",
        callback=_one_of("in", "out", "both"),
        help="in: what cites REF; out: what REF cites; both.",
    ),
]


@query_app.command("implementers")
def query_implementers(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 5,
    relation: RelationOption = None,
) -> None:
    """What implements REF, transitively, as a tree: each link with the sentence that states it."""
    _tree_command(ref, store_option, as_json, depth, relation, forwards=False)


@query_app.command("implements")
def query_implements(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 10,
    relation: RelationOption = None,
) -> None:
    """What REF implements, up to the roots."""
    _tree_command(ref, store_option, as_json, depth, relation, forwards=True)


def _edges_command(
    ref: str, store_option: str | None, as_json: bool, relations: list[str] | None, outgoing: bool
) -> None:
    with _query(store_option) as store:
        document = store.lookup(ref)
        edges = store.citations(document.id, "out" if outgoing else "in", relations or None)
        if as_json:
            _emit_json(
                {
                    "document": document.model_dump(mode="json"),
                    "edges": [e.model_dump(mode="json") for e in edges],
                }
            )
            return
        _print(views.edges_view(document, edges, outgoing, _labeller(store)))


@query_app.command("cites")
def query_cites(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    relation: RelationOption = None,
) -> None:
    """What REF cites (and what other texts say it does), with the sentences."""
    _edges_command(ref, store_option, as_json, relation, outgoing=True)


@query_app.command("cited-by")
def query_cited_by(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    relation: RelationOption = None,
) -> None:
    """What cites REF, with the sentences."""
    _edges_command(ref, store_option, as_json, relation, outgoing=False)


@query_app.command("neighbourhood")
def query_neighbourhood(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: Annotated[int, typer.Option("--depth", "-d", min=0, max=10, help="Steps from REF.")] = 1,
    relation: RelationOption = None,
    direction: DirectionOption = "both",
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Most documents shown.")] = 500,
) -> None:
    """The documents within --depth steps of REF and every edge between them (what `lexgraph export` draws)."""
    with _query(store_option) as store:
        document = store.lookup(ref)
        subgraph = store.neighbourhood(
            document.id,
            depth=depth,
            relations=relation or None,
            direction=direction,  # type: ignore[arg-type]
            max_nodes=max_nodes,
        )
        if as_json:
            _emit_json(subgraph)
            return
        _print(views.neighbourhood_view(document, subgraph, _labeller(store)))


@query_app.command("path")
def query_path(
    source: RefArgument,
    target: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 10,
    relation: RelationOption = None,
) -> None:
    """The shortest chain of citations from one document to the other (or, failing that, back)."""
    with _query(store_option) as store:
        a, b = store.lookup(source), store.lookup(target)
        path = store.path(a.id, b.id, relation or None, max_depth=depth)
        if path is None:
            path = store.path(b.id, a.id, relation or None, max_depth=depth)
        if as_json:
            _emit_json(path)
        elif path is not None:
            _print(views.path_view(path, _labeller(store)))
        if path is None:
            _error(f"no chain of citations between {a.label} and {b.label} within {depth} steps")
            raise typer.Exit(EXIT_FAILED)


LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list.")]


@query_app.command("missing")
def query_missing(
    store_option: StoreOption = None, as_json: JsonOption = False, limit: LimitOption = 30
) -> None:
    """Documents that are cited but not in the graph, most cited first: what to ingest next."""
    with _query(store_option) as store:
        ranked = store.missing(limit)
        if as_json:
            _emit_json(ranked)
            return
        _print(views.ranking_view("Cited but not ingested", ranked))


@query_app.command("most-cited")
def query_most_cited(
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 30,
    relation: RelationOption = None,
) -> None:
    """Documents most cited, ingested or not."""
    with _query(store_option) as store:
        ranked = store.most_cited(limit, relation or None)
        if as_json:
            _emit_json(ranked)
            return
        _print(views.ranking_view("Most cited", ranked))


@query_app.command("show")
def query_show(ref: RefArgument, store_option: StoreOption = None, as_json: JsonOption = False) -> None:
    """A document: what is known of it, what it cites and what cites it."""
    with _query(store_option) as store:
        document = store.lookup(ref)
        cites = store.citations(document.id, "out")
        cited_by = store.citations(document.id, "in")
        if as_json:
            _emit_json(
                {
                    "document": document.model_dump(mode="json"),
                    "cites": [e.model_dump(mode="json") for e in cites],
                    "cited_by": [e.model_dump(mode="json") for e in cited_by],
                }
            )
            return
        label = _labeller(store)
        _print(views.document_view(document))
        _print(views.edges_view(document, cites, True, label))
        _print(views.edges_view(document, cited_by, False, label))


@query_app.command("search")
def query_search(
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    number: Annotated[str | None, typer.Option(help="Part of the số ký hiệu.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Nghị quyết, Công văn, Luật …")] = None,
    issuer: Annotated[str | None, typer.Option(help="Part of the issuer's name.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Issued on or after (YYYY or YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Issued on or before (YYYY or YYYY-MM-DD).")
    ] = None,
    words: Annotated[str | None, typer.Option(help="Words of the name or subject.")] = None,
    ingested: Annotated[
        bool, typer.Option("--ingested", help="Leave out cited-but-missing documents.")
    ] = False,
    limit: LimitOption = 50,
) -> None:
    """Documents by number, type, issuer, date range and words of the subject."""
    with _query(store_option) as store:
        found = store.search(
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            date_from=date_from,
            date_to=date_to,
            words=words,
            placeholders=not ingested,
            limit=limit,
        )
        if as_json:
            _emit_json(found)
            return
        _print(views.documents_view(f"{len(found)} documents", found))


@query_app.command("stats")
def query_stats(store_option: StoreOption = None, as_json: JsonOption = False) -> None:
    """How big the graph is: documents, placeholders, edges by relation and by how they were resolved."""
    with _query(store_option) as store:
        stats = store.stats()
        if as_json:
            _emit_json(stats)
            return
        _print(views.stats_view(stats))


# ------------------------------------------------------------------------------------------------------------
# export

# What -o's extension says when --format does not; csv goes to a folder or a .zip.
_FORMAT_OF_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".png": "png",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".zip": "csv",
}


def _export_format(fmt: str | None, output: Path) -> str:
    from graph.exports import UnknownFormat, check_format

    if output.suffix.lower() == ".csv" and fmt in (None, "csv"):
        raise typer.BadParameter(
            "csv writes nodes.csv and edges.csv: give a folder or a .zip", param_hint="--output"
        )
    if fmt is None:
        fmt = _FORMAT_OF_SUFFIX.get(output.suffix.lower())
        if fmt is None:
            raise typer.BadParameter(
                f"cannot tell the format from {str(output)!r}: give --format", param_hint="--format"
            )
    try:
        name = check_format(fmt)
    except UnknownFormat as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    if str(output) == "-" and name == "csv":
        raise typer.BadParameter("csv writes two files: give a folder or a .zip", param_hint="--output")
    return name


def _size(data: int) -> str:
    return f"{data / 1_000_000:.1f} MB" if data >= 1_000_000 else f"{data / 1000:.0f} kB"


@app.command("export")
def export_command(
    ref: RefArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where to write: a file (- for stdout); for csv a folder or a .zip.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, svg, png, graphml, gexf, csv or jsonld (default: from the extension of -o).",
            show_default=False,
        ),
    ] = None,
    depth: DepthOption = 1,
    relation: RelationOption = None,
    direction: DirectionOption = "both",
    layout: Annotated[
        str,
        typer.Option(
            "--layout",
            callback=_one_of("hierarchical", "force"),
            help="hierarchical: what is cited above what cites it; force: a spring layout (html, svg, png).",
        ),
    ] = "hierarchical",
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="At most this many documents (the export says so).")
    ] = 500,
    title: Annotated[
        str | None, typer.Option("--title", help="Heading of the picture (default: REF's name).")
    ] = None,
    store_option: StoreOption = None,
) -> None:
    """Export the documents around REF (within --depth steps along --relation) as a picture or a data file:
    an interactive HTML page (offline), SVG or PNG for slides, GraphML or GEXF for Gephi, nodes.csv and
    edges.csv for neo4j-admin import, or JSON-LD in the ELI vocabulary.

        lexgraph export "Nghị quyết 06/NQ-CP" --depth 3 -r implements --direction in -o 06-nq-cp.html
    """
    from graph.exports import ExportOptions, RendererUnavailable, render

    name = _export_format(fmt, output)
    options = ExportOptions(layout=layout, max_nodes=max_nodes, title=title)  # type: ignore[arg-type]
    with _query(store_option) as store:
        document = store.lookup(ref)
        subgraph = store.neighbourhood(
            document.id,
            depth=depth,
            relations=relation or None,
            direction=direction,  # type: ignore[arg-type]
            max_nodes=max_nodes,
        )
        try:
            export = render(subgraph, name, root=document.id, options=options)
        except RendererUnavailable as exc:
            _error(str(exc))
            raise typer.Exit(EXIT_FAILED) from None
        _write_export(export, output)
    _export_summary(export, output, subgraph, document.label)


def _write_export(export: Any, output: Path) -> None:
    if str(output) == "-":
        sys.stdout.buffer.write(export.payload())
        sys.stdout.buffer.flush()
        return
    try:
        export.write(output)
    except OSError as exc:
        _error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None


def _export_summary(export: Any, output: Path, subgraph: Any, label: str) -> None:
    where = "stdout" if str(output) == "-" else str(output)
    size = sum(len(data) for data in export.files.values())
    _stderr.print(
        f"{escape(label)}: {len(subgraph.documents)} documents, {len(subgraph.edges)} citations → "
        f"{escape(where)} ({', '.join(export.files)}, {_size(size)})",
        soft_wrap=True,
    )
    if subgraph.truncated:
        _stderr.print(
            f"more documents were in reach than --max-nodes {len(subgraph.documents)}: narrow --depth or "
            "--relation, or raise --max-nodes",
            soft_wrap=True,
        )
