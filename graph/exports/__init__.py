"""Exports of a part of the graph: pictures for briefings and standard files for other tools.

    from graph import open_store
    from graph.exports import ExportOptions, export_subgraph, render

    with open_store("sqlite:///data/lexgraph.db") as store:
        export = export_subgraph(store, "Nghị quyết 06/NQ-CP", depth=3, relations=["implements"],
                                 direction="in", fmt="html")
        Path("06-nq-cp.html").write_bytes(export.payload())

Formats (`FORMATS`): html (interactive, pyvis/vis-network, nothing fetched from the web), svg and png (Graphviz
`dot`, for slides), graphml and gexf (networkx: Gephi, yEd, Cytoscape), csv (nodes.csv and edges.csv for
`neo4j-admin database import`), jsonld (the ELI vocabulary, each edge with its evidence and confidence),
briefing-svg and briefing-png (16:9 slides, 1920 × 1080 px, labels wrapped, a "+N" node past a budget, pages).
One module per format; `style` holds what the pictures share (colours, shapes, labels, layering).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from datetime import date

from graph.exports import briefing, html, jsonld, neo4j_csv, networkx_formats, static
from graph.exports.model import (
    FORMATS,
    Export,
    ExportError,
    ExportOptions,
    Layout,
    RendererUnavailable,
    TooManyNodes,
    UnknownFormat,
)
from graph.exports.networkx_formats import to_networkx
from graph.models import Direction, Status, Subgraph
from graph.store import GraphStore

_RENDERERS: dict[str, Callable[[Subgraph, str | None, ExportOptions], Export]] = {
    "html": html.html,
    "svg": static.svg,
    "png": static.png,
    "graphml": networkx_formats.graphml,
    "gexf": networkx_formats.gexf,
    "csv": neo4j_csv.neo4j_csv,
    "jsonld": jsonld.jsonld,
    "briefing-svg": briefing.svg,
    "briefing-png": briefing.png,
}
# Formats that draw what fits and count the rest on a "+N" node instead of refusing past max_nodes.
SUMMARISING = frozenset({"briefing-svg", "briefing-png"})
assert tuple(_RENDERERS) == FORMATS


def check_format(fmt: str) -> str:
    """The format's canonical name; `UnknownFormat` naming the known ones otherwise."""
    name = fmt.strip().lower()
    if name not in _RENDERERS:
        raise UnknownFormat(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return name


def render(
    subgraph: Subgraph,
    fmt: str,
    *,
    root: str | None = None,
    options: ExportOptions | None = None,
    statuses: Mapping[str, Status] | None = None,
) -> Export:
    """The subgraph in format `fmt`; `root` (a document id) is marked and named in titles; `statuses` (by id:
    `GraphStore.statuses` of the subgraph's documents) are carried by every format.

    Raises `UnknownFormat` or `TooManyNodes` (both `ExportError`, a ValueError) for what the caller can change,
    `RendererUnavailable` when this machine lacks what the format needs (PNG without Graphviz)."""
    options = options or ExportOptions()
    if statuses is not None:
        options = dataclasses.replace(options, statuses=statuses)
    name = check_format(fmt)
    if name not in SUMMARISING and len(subgraph.documents) > options.max_nodes:
        raise TooManyNodes(
            f"{len(subgraph.documents)} documents are more than the {options.max_nodes} an export takes: "
            "narrow the subgraph (depth, relations, direction) or raise max_nodes"
        )
    return _RENDERERS[name](subgraph, root, options)


def fetch_limit(fmt: str, options: ExportOptions) -> int:
    """How many documents to ask the store for: max_nodes, or for a briefing enough to count its "+N"."""
    return max(options.max_nodes, briefing.FETCH) if check_format(fmt) in SUMMARISING else options.max_nodes


def export_subgraph(
    store: GraphStore,
    ref: str,
    *,
    depth: int = 1,
    relations: Collection[str] | None = None,
    direction: Direction = "both",
    fmt: str,
    options: ExportOptions | None = None,
    as_of: date | None = None,
) -> Export:
    """Export the neighbourhood of the document `ref` names (an id or citation text, see `GraphStore.lookup`):
    documents within `depth` steps along `relations` (all when None) in `direction`, at most
    `options.max_nodes` of them (the export then says that more were in reach), each with its status on `as_of`
    (today when None), read for all of them at once.

    Raises what `lookup` raises (`DocumentNotFound`, `AmbiguousReference`) and what `render` raises."""
    options = options or ExportOptions()
    check_format(fmt)  # before any work on the store
    document = store.lookup(ref)
    subgraph = store.neighbourhood(
        document.id,
        depth=depth,
        relations=relations,
        direction=direction,
        max_nodes=fetch_limit(fmt, options),
    )
    statuses = store.statuses([d.id for d in subgraph.documents], as_of)
    return render(subgraph, fmt, root=document.id, options=options, statuses=statuses)


__all__ = [
    "FORMATS",
    "Export",
    "ExportError",
    "ExportOptions",
    "Layout",
    "RendererUnavailable",
    "TooManyNodes",
    "UnknownFormat",
    "check_format",
    "export_subgraph",
    "fetch_limit",
    "render",
    "to_networkx",
]
