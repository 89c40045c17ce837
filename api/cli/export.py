"""`lexgraph export`: a document's neighbourhood as a picture or a data file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from rich.markup import escape

from api.cli.common import EXIT_FAILED, app, error, stderr
from api.cli.options import (
    DepthOption,
    DirectionOption,
    RefArgument,
    RelationOption,
    StoreOption,
    as_of_date,
    one_of,
    open_for_query,
)
from graph.models import Direction

if TYPE_CHECKING:
    from graph.exports.model import Layout  # graph.exports loads pyvis: imported by the command that exports

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
            help="html, svg, png, graphml, gexf, csv, jsonld, or briefing-svg / briefing-png for 16:9 slides "
            "(default: from the extension of -o).",
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
            callback=one_of("hierarchical", "force"),
            help="hierarchical: what is cited above what cites it; force: a spring layout (html, svg, png).",
        ),
    ] = "hierarchical",
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            min=1,
            help="At most this many documents (the export says so; a briefing draws the first ones and counts "
            "the rest on a '+N văn bản khác' node).",
        ),
    ] = 500,
    pages: Annotated[
        int,
        typer.Option(
            "--pages",
            min=1,
            max=20,
            help="Briefing formats: at most this many 16:9 slides (-o law.svg writes law-1.svg, law-2.svg …).",
        ),
    ] = 1,
    title: Annotated[
        str | None, typer.Option("--title", help="Heading of the picture (default: REF's name).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Each document's status on this date, YYYY-MM-DD (default: today).",
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            help="html: the lexgraph server whose pages a click on a document opens (http://127.0.0.1:8000).",
            show_default=False,
        ),
    ] = None,
    store_option: StoreOption = None,
) -> None:
    """Export the documents around REF (within --depth steps along --relation) as a picture or a data file:
    an interactive HTML page (offline), SVG or PNG, a briefing for 16:9 slides (1920 × 1080 px, several
    pages with --pages), GraphML or GEXF for Gephi, nodes.csv and edges.csv for neo4j-admin import, or JSON-LD
    in the ELI vocabulary.

        lexgraph export "Nghị quyết 06/NQ-CP" --depth 3 -r implements --direction in -o 06-nq-cp.html
        lexgraph export "80/2015/QH13" -d 2 -f briefing-svg --pages 2 -o luat-80.svg
    """
    from graph.exports import ExportError, ExportOptions, RendererUnavailable, fetch_limit, render

    name = _export_format(fmt, output)
    day = as_of_date(as_of)
    # layout: checked by the option's callback
    try:
        options = ExportOptions(
            layout=cast("Layout", layout),
            max_nodes=max_nodes,
            title=title,
            pages=pages,
            document_url=f"{site.rstrip('/')}/van-ban/" if site else None,  # api/pages.py's document page
        )
    except ExportError as exc:
        raise typer.BadParameter(str(exc)) from None
    with open_for_query(store_option) as store:
        document = store.lookup(ref)
        subgraph = store.neighbourhood(
            document.id,
            depth=depth,
            relations=relation or None,
            direction=cast(Direction, direction),  # checked by the option's callback
            max_nodes=fetch_limit(name, options),
        )
        # every document's status, read at once: the export itself never reads the store
        statuses = store.statuses([d.id for d in subgraph.documents], day)
        try:
            export = render(subgraph, name, root=document.id, options=options, statuses=statuses)
        except RendererUnavailable as exc:
            error(str(exc))
            raise typer.Exit(EXIT_FAILED) from None
        written = _write_export(export, output)
    _export_summary(export, output, written, subgraph, document.label)


def _write_export(export: Any, output: Path) -> list[str]:
    """The names of the files written (the pages of a briefing are numbered after -o: law-1.svg …)."""
    if str(output) == "-":
        if not export.single:
            error(
                f"this export has {len(export.files)} files ({', '.join(export.files)}): give -o a file name"
            )
            raise typer.Exit(EXIT_FAILED)
        sys.stdout.buffer.write(export.payload())
        sys.stdout.buffer.flush()
        return list(export.files)
    try:
        return [path.name for path in export.write(output)]
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None


def _export_summary(export: Any, output: Path, written: list[str], subgraph: Any, label: str) -> None:
    where = "stdout" if str(output) == "-" else str(output)
    size = sum(len(data) for data in export.files.values())
    stderr.print(
        f"{escape(label)}: {len(subgraph.documents)} documents, {len(subgraph.edges)} citations → "
        f"{escape(where)} ({', '.join(written)}, {_size(size)})",
        soft_wrap=True,
    )
    if subgraph.truncated:
        stderr.print(
            f"more documents were in reach than --max-nodes {len(subgraph.documents)}: narrow --depth or "
            "--relation, or raise --max-nodes",
            soft_wrap=True,
        )
