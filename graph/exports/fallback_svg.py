"""The SVG of a machine without Graphviz: the rows of `style.levels` (what is cited on top), documents ordered
within a row by the mean position of their neighbours (a few barycentre sweeps, the core of Sugiyama's method),
straight arrows. Plainer than dot's, but readable and dependency-free. Every text is XML-escaped here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from graph.exports import status as validity_status
from graph.exports import style
from graph.models import Document, Status, Subgraph

CHAR_WIDTH = 6.6  # DejaVu Sans at 11px, on average: wide enough for Vietnamese letters with their marks
ROW_HEIGHT = 90
NODE_HEIGHT = 34
GAP = 18
MARGIN = 20
LEGEND_WIDTH = 270
SWEEPS = 4


def _width(document: Document) -> float:
    return max(len(line) for line in style.label_lines(document)) * CHAR_WIDTH + 34


def _rows(subgraph: Subgraph) -> list[list[str]]:
    pairs = [(e.source, e.target) for e in subgraph.edges]
    level = style.levels((d.id for d in subgraph.documents), pairs)
    rows: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for document in subgraph.documents:
        rows[level[document.id]].append(document.id)
    neighbours: dict[str, set[str]] = {d.id: set() for d in subgraph.documents}
    for source, target in pairs:
        neighbours[source].add(target)
        neighbours[target].add(source)
    for sweep in range(SWEEPS):
        order = range(1, len(rows)) if sweep % 2 == 0 else range(len(rows) - 2, -1, -1)
        for index in order:
            _sort_by_barycentre(rows, index, neighbours)
    return rows


def _sort_by_barycentre(rows: list[list[str]], index: int, neighbours: dict[str, set[str]]) -> None:
    position = {node: i for row in rows for i, node in enumerate(row)}
    same_row = set(rows[index])

    def barycentre(node: str) -> float:
        around = [position[n] for n in neighbours[node] if n not in same_row]
        return sum(around) / len(around) if around else position[node]

    rows[index].sort(key=barycentre)


def _layered(subgraph: Subgraph, widths: dict[str, float]) -> dict[str, tuple[float, float]]:
    positions: dict[str, tuple[float, float]] = {}
    for row_index, row in enumerate(_rows(subgraph)):
        x: float = MARGIN
        for node in row:
            positions[node] = (x + widths[node] / 2, MARGIN + 40 + row_index * ROW_HEIGHT + NODE_HEIGHT / 2)
            x += widths[node] + GAP
    return positions


def _force(subgraph: Subgraph, widths: dict[str, float]) -> dict[str, tuple[float, float]]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(d.id for d in subgraph.documents)
    graph.add_edges_from((e.source, e.target) for e in subgraph.edges)
    side = max(400.0, 120.0 * len(subgraph.documents) ** 0.5)
    layout = nx.spring_layout(
        graph, seed=7, scale=side / 2, center=(side / 2 + MARGIN, side / 2 + MARGIN + 60)
    )
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def _arrow(x1: float, y1: float, x2: float, y2: float, relation: str, dashed: bool, tooltip: str) -> str:
    dash = ' stroke-dasharray="5,4"' if dashed else ""
    colour = style.RELATION_COLOURS[relation]
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.4"{dash} '
        f'marker-end="url(#arrow-{relation})"><title>{escape(tooltip)}</title></line>'
    )


def _node(
    document: Document, x: float, y: float, width: float, root: bool, status: Status | None = None
) -> str:
    family = style.family(document)
    fill = style.PLACEHOLDER_FILL if document.placeholder else family.fill
    status_border = validity_status.border(status)  # its status, by the border's colour
    border = status_border or (style.PLACEHOLDER_BORDER if document.placeholder else style.BORDER)
    stroke = 2.4 if root else (validity_status.BORDER_WIDTH if status_border else 1)
    dash = ' stroke-dasharray="4,3"' if document.placeholder else ""
    left, top = x - width / 2, y - NODE_HEIGHT / 2
    lines = style.label_lines(document)
    text = "".join(
        f'<tspan x="{left + 26:.1f}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    first_line = y - (len(lines) - 1) * 6.5 + 4
    return (
        f"<g><title>{escape(validity_status.tooltip(style.node_tooltip(document), status))}</title>"
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{NODE_HEIGHT}" rx="5" fill="{fill}" '
        f'stroke="{border}" stroke-width="{stroke}"{dash}/>'
        f'<path d="{style.glyph_path(family.vis_shape, left + 13, y, 7)}" fill="{family.fill}" stroke="{style.BORDER}"/>'
        f'<text x="{left + 26:.1f}" y="{first_line:.1f}" font-size="11">{text}</text></g>'
    )


def _legend(
    subgraph: Subgraph, x: float, y: float, statuses: Mapping[str, Status] | None = None
) -> tuple[str, float]:
    parts = [f'<text x="{x}" y="{y}" font-size="12" font-weight="bold">{escape(style.LEGEND)}</text>']
    y += 18
    for relation in style.present_relations(subgraph):
        colour = style.RELATION_COLOURS[relation]
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 28}" y2="{y - 4}" stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(
            f'<text x="{x + 36}" y="{y}" font-size="11">{escape(style.RELATION_NAMES[relation])}</text>'
        )
        y += 16
    for family in style.present_families(subgraph):
        path = style.glyph_path(family.vis_shape, x + 14, y - 4, 7)
        parts.append(f'<path d="{path}" fill="{family.fill}" stroke="{style.BORDER}"/>')
        parts.append(f'<text x="{x + 36}" y="{y}" font-size="11">{escape(family.name)}</text>')
        y += 16
    parts.append(
        f'<rect x="{x + 2}" y="{y - 12}" width="24" height="12" fill="#FFFFFF" stroke="{style.PLACEHOLDER_BORDER}" '
        f'stroke-dasharray="4,3"/><text x="{x + 36}" y="{y}" font-size="11">{escape(style.PLACEHOLDER)}</text>'
    )
    found = validity_status.legend(statuses or {}, subgraph.documents)
    if found:
        y += 22
        parts.append(
            f'<text x="{x}" y="{y}" font-size="12" font-weight="bold">{escape(validity_status.LEGEND_TITLE)}</text>'
        )
    for name, line in found:
        y += 16
        parts.append(
            f'<rect x="{x + 2}" y="{y - 12}" width="24" height="12" rx="2" fill="#FFFFFF" '
            f'stroke="{line or style.BORDER}" stroke-width="2"/>'
            f'<text x="{x + 36}" y="{y}" font-size="11">{escape(name)}</text>'
        )
    return "".join(parts), y + 16


def _markers(relations: Sequence[str]) -> str:
    return "".join(
        f'<marker id="arrow-{r}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path d="M0,0 L10,5 L0,10 Z" fill="{style.RELATION_COLOURS[r]}"/></marker>'
        for r in relations
    )


def render(
    subgraph: Subgraph,
    root: str | None,
    caption: str,
    layout: str,
    statuses: Mapping[str, Status] | None = None,
) -> bytes:
    statuses = statuses or {}
    widths = {d.id: _width(d) for d in subgraph.documents}
    place = _layered if layout == "hierarchical" else _force
    positions = place(subgraph, widths)
    right = max((x + widths[n] / 2 for n, (x, _) in positions.items()), default=MARGIN) + GAP
    bottom = max((y + NODE_HEIGHT / 2 for _, y in positions.values()), default=MARGIN) + MARGIN
    legend, legend_bottom = _legend(subgraph, right + GAP, MARGIN + 40, statuses)
    width, height = right + LEGEND_WIDTH, max(bottom, legend_bottom)
    labels = {d.id: d.label for d in subgraph.documents}
    arrows = []
    for link in style.links(subgraph):
        (x1, y1), (x2, y2) = positions[link.source], positions[link.target]
        # From the top of the citing document to the bottom of the cited one (or sideways within a row).
        y1, y2 = (y1 - NODE_HEIGHT / 2, y2 + NODE_HEIGHT / 2) if y1 > y2 else (y1, y2)
        tooltip = style.link_tooltip(link, labels)
        arrows.append(_arrow(x1, y1, x2, y2, link.relation, link.asserted_only, tooltip))
    nodes = [
        _node(d, *positions[d.id], widths[d.id], d.id == root, statuses.get(d.id)) for d in subgraph.documents
    ]
    svg = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(style.FONT + ", sans-serif")}>'
        f"<title>{escape(caption)}</title><defs>{_markers(style.present_relations(subgraph))}</defs>"
        f'<rect width="100%" height="100%" fill="white"/>'
        f'<text x="{MARGIN}" y="{MARGIN + 12}" font-size="14">{escape(caption)}</text>'
        f"{''.join(arrows)}{''.join(nodes)}{legend}</svg>\n"
    )
    return svg.encode("utf-8")
