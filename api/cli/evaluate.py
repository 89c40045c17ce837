"""`lexgraph eval`: extraction measured against annotated documents, with floors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.cli.common import EXIT_FAILED, EXIT_USAGE, app, error, exit_status, progress, use_utf8
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
from ingest.models import Extraction

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
    if report.validity_accuracy:
        validity = Table(title="Validity (where the gold records it)", title_justify="left")
        validity.add_column("field")
        validity.add_column("accuracy", justify="right")
        for name, accuracy in report.validity_accuracy.items():
            validity.add_row(name, f"{accuracy:.4f}")
        console.print(validity)
    calibration = Table(title="Calibration: predicted citations by confidence", title_justify="left")
    for column in ("confidence", "predicted", "right (document and relation)", "share right"):
        calibration.add_column(column, justify="right")
    for row in report.calibration:
        calibration.add_row(
            f"[{row.low:.1f}, {row.high:.1f}{']' if row.high == 1.0 else ')'}",
            str(row.predicted),
            str(row.correct),
            _figure(row.share_correct),
        )
    console.print(calibration)
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
    with progress("Extracting") as advance:

        def seen(extraction: Extraction) -> None:
            nonlocal failed
            failed += bool(extraction.errors)
            advance(extraction.source)

        report = evaluate(gold_dir, workers=workers, on_extraction=seen)
    return report, failed


def _emit_report(report: EvalReport, source: str, *, as_json: bool, show_errors: bool) -> None:
    if as_json:
        result = report.extended_dict()
        if show_errors:
            result["errors"] = [str(finding) for finding in report.findings + report.validity_findings]
        sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
        return
    console = Console(highlight=False)
    _print_report(console, report, source)
    if show_errors:
        for finding in report.findings + report.validity_findings:
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
    use_utf8()
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
        error(f"{type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if not golds:
        error(f"no *.gold.json in {gold_dir}")
        raise typer.Exit(EXIT_USAGE)
    with exit_status():
        if saved is not None:
            report, failed_files = score(golds, saved), 0
        else:
            report, failed_files = _extract_and_score(gold_dir, workers)
        _emit_report(report, str(gold_dir), as_json=as_json, show_errors=show_errors)
    if failed_files:
        error(f"{failed_files} documents could not be extracted; they count as found nothing")
    failures: list[FloorFailure] = check_floors(report, floors)
    for failure in failures:
        error(str(failure))
    if failures:
        raise typer.Exit(EXIT_FAILED)
