"""What the graph commands share: the --store, --json and --relation options, and how a graph error is told."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, NoReturn

import typer

from api.cli.common import EXIT_FAILED, EXIT_USAGE, error, exit_status, use_utf8
from graph import (
    DEFAULT_URL,
    ENV_VAR,
    RELATIONS,
    AmbiguousReference,
    Document,
    DocumentNotFound,
    GraphStore,
    StoreError,
    open_store,
)
from graph.labels import distinct_labels

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


def _documents(documents: list[Document]) -> list[dict[str, Any]]:
    """Documents for an error object: each with a label that tells it from the others."""
    labels = distinct_labels(documents)
    return [{**d.model_dump(mode="json"), "label": label} for d, label in zip(documents, labels, strict=True)]


def fail(message: str, status: int, kind: str, as_json: bool = False, **details: Any) -> NoReturn:
    """One line on stderr and the exit status; with --json also the error as one JSON object on stdout, for a
    script that reads only stdout: {"error": {"kind", "message", "exit_status", …}}."""
    error(message)
    if as_json:
        emit_json({"error": {"kind": kind, "message": message, "exit_status": status, **details}})
    raise typer.Exit(status)


@contextmanager
def graph_errors(as_json: bool = False) -> Iterator[None]:
    """A store that cannot be used, a reference that names nothing or too much, a bad option value: one clear
    line on stderr and exit status 1 (2 for a usage error); with `as_json`, the same as JSON on stdout too."""
    try:
        yield
    except StoreError as exc:
        fail(str(exc), EXIT_FAILED, "store_unavailable", as_json)
    except DocumentNotFound as exc:
        fail(
            str(exc), EXIT_FAILED, "not_found", as_json, ref=exc.ref, suggestions=_documents(exc.suggestions)
        )
    except AmbiguousReference as exc:
        fail(str(exc), EXIT_FAILED, "ambiguous", as_json, ref=exc.ref, candidates=_documents(exc.candidates))
    except ValueError as exc:  # an unknown relation name, a date that is not in the calendar
        fail(str(exc), EXIT_USAGE, "usage", as_json)


def emit_json(value: Any) -> None:
    """JSON of models (or lists of them) on stdout, UTF-8, Vietnamese as it is."""
    data: object
    if isinstance(value, list):
        data = [v.model_dump(mode="json") for v in value]
    elif value is None or isinstance(value, dict):
        data = value
    else:
        data = value.model_dump(mode="json")
    sys.stdout.buffer.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def labeller(store: GraphStore) -> Callable[[str], str]:
    """id → label, each looked up once (for who asserts an edge, what an edge points to)."""
    cache: dict[str, str] = {}

    def label(doc_id: str) -> str:
        if doc_id not in cache:
            document = store.get(doc_id)
            cache[doc_id] = document.label if document else doc_id
        return cache[doc_id]

    return label


RefArgument = Annotated[
    str,
    typer.Argument(
        metavar="REF",
        help='A document: its id, or how texts cite it ("Nghị quyết 06/NQ-CP", "06/NQ-CP", "Luật Đất đai 2013").',
        show_default=False,
    ),
]


@contextmanager
def open_for_query(store_option: str | None, as_json: bool = False) -> Iterator[GraphStore]:
    """The store for one query, with every failure turned into a message and an exit status (and, with
    `as_json`, a JSON error on stdout)."""
    use_utf8()
    with exit_status(), graph_errors(as_json), open_store(store_option, create=False) as store:
        yield store


DepthOption = Annotated[int, typer.Option("--depth", "-d", min=1, max=50, help="Levels to follow.")]


def one_of(*choices: str) -> Callable[[str], str]:
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
        callback=one_of("in", "out", "both"),
        help="in: what cites REF; out: what REF cites; both.",
    ),
]


def as_of_date(value: str | None) -> date | None:
    """The --as-of option's date; None: today, as the store reads it."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r}: expected a date as YYYY-MM-DD", param_hint="--as-of") from None
