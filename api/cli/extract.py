"""`lexgraph extract`: files in, the `extract` JSON contract out (one line per document, in input order)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from api.cli.common import EXIT_FAILED, app, error, exit_status, progress, use_utf8
from ingest.models import ExtractError, Extraction
from ingest.pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_SECONDS, MIN_MEMORY_MB


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


def guarded_extractions(paths: Sequence[Path], options: dict[str, Any]) -> Iterator[Extraction | None]:
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
                error(f"extraction failed after the last file: {type(exc).__name__}: {exc}")
                yield None
                return
            yield _internal_error(str(paths[failed]), exc)
            start = failed + 1


def _guarded_lines(paths: Sequence[Path], options: dict[str, Any]) -> Iterator[_Line]:
    """The output lines of `extract` (see `guarded_extractions`)."""
    for extraction in guarded_extractions(paths, options):
        yield _Line(None, True) if extraction is None else _line(extraction)


WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per core)."),
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Report larger files as errors instead of reading them."),
]
MaxSecondsOption = Annotated[
    float,
    typer.Option(
        "--max-seconds",
        min=0,
        help="Stop a file that takes longer than this to read and extract, and report it as that file's error "
        "(0: no limit).",
    ),
]
MaxMemoryOption = Annotated[
    int,
    typer.Option(
        "--max-memory",
        min=0,
        metavar="MB",
        help=f"Memory a worker may use for one file, the pipeline's ~150 MB included; a file that needs more is "
        f"stopped and reported (at least {MIN_MEMORY_MB}; 0: no limit).",
    ),
]


def budget_options(
    workers: int | None, max_bytes: int | None, max_seconds: float, max_memory: int
) -> dict[str, Any]:
    """`extract_paths` options from the command line's; 0 means no limit."""
    if 0 < max_memory < MIN_MEMORY_MB:
        raise typer.BadParameter(f"at least {MIN_MEMORY_MB} MB (or 0: no limit)", param_hint="--max-memory")
    options: dict[str, Any] = {
        "workers": workers,
        "max_seconds": max_seconds or None,
        "max_memory_mb": max_memory or None,
    }
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    return options


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders (read recursively).", show_default=False),
    ],
    workers: WorkersOption = None,
    max_bytes: MaxBytesOption = None,
    max_seconds: MaxSecondsOption = DEFAULT_MAX_SECONDS,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY_MB,
) -> None:
    """Print one JSON object per document (JSON Lines, UTF-8) to stdout, in input order.

    Exit status 0 when every file was processed, 1 when any file had an error (its object says which).
    """
    use_utf8()
    options = budget_options(workers, max_bytes, max_seconds, max_memory)
    out = sys.stdout.buffer
    processed = failed = 0
    with exit_status(), progress("Extracting") as advance:
        for line in _guarded_lines(paths, options):
            if line.data is not None:
                out.write(line.data)
                # Line by line, so that a reader sees each document as soon as it is done.
                out.flush()
                processed += 1
            failed += line.failed
            advance(line.source)
    if failed:
        error(f"{failed} of {processed} files had errors (see the `errors` field of their objects)")
        raise typer.Exit(EXIT_FAILED)
