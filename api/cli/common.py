"""`lexgraph`, the command line: extract citations from files, measure extraction on annotated documents,
ingest documents into the graph and query it.

Exit status: 0 all well, 1 a file had errors (extract, ingest), a measure fell below its floor (eval), the
graph store cannot be used, or a REF names no single document (query), 2 usage error, 130 interrupted
(Ctrl-C), 141 the reader of stdout went away. Whatever goes wrong, the user gets a message on stderr, never a
traceback.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

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

stderr = Console(stderr=True, highlight=False)


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


def use_utf8() -> None:
    """Vietnamese text must come out whole under a C or Latin-1 locale, so the text streams speak UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")


def error(message: str) -> None:
    # One line, however long: a message is grepped for and read in logs, not only on a terminal.
    stderr.print(f"[red]lexgraph:[/red] {escape(message)}", soft_wrap=True)


def _silence_stdout() -> None:
    """After the reader of stdout has gone, point stdout at /dev/null so that the final flush at exit does
    not print a second BrokenPipeError."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def exit_status() -> Iterator[None]:
    """Turn whatever escapes a command into an exit status and one line on stderr."""
    try:
        yield
    except (typer.Exit, click.ClickException):  # the command's own exit, or a usage error
        raise
    except KeyboardInterrupt:
        error("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except Exception as exc:  # a bug of ours: the user gets its gist, not its traceback
        error(f"unexpected {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_FAILED) from None


@contextmanager
def progress(label: str) -> Iterator[Callable[[str], None]]:
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
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=None, current="")

        def advance(source: str) -> None:
            progress.update(task, advance=1, current=escape(Path(source).name))

        yield advance
