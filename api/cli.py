"""`lexgraph`, the command line: extract citations from files, measure extraction on annotated documents.

Exit status: 0 all well, 1 a file had errors (extract) or a measure fell below its floor (eval), 2 usage
error, 130 interrupted (Ctrl-C), 141 the reader of stdout went away. Whatever goes wrong, the user gets a
message on stderr, never a traceback.
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
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

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
    _stderr.print(f"[red]lexgraph:[/red] {escape(message)}")


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


def _guarded_lines(paths: Sequence[Path], options: dict[str, Any]) -> Iterator[_Line]:
    """The output lines of `extract`, safe against a pipeline that raises.

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
                yield _line(extraction)
            return
        except Exception as exc:
            failed = current + 1 if produced and not paths[current].is_dir() else current
            if failed >= len(paths):
                _error(f"extraction failed after the last file: {type(exc).__name__}: {exc}")
                yield _Line(None, True)
                return
            yield _line(_internal_error(str(paths[failed]), exc))
            start = failed + 1


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
