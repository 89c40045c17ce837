"""How a document and a link look in every picture (the interactive HTML and the static SVG/PNG), so that a
briefing's slide and its interactive page read the same: one colour per relation, one shape per family of
document types, the same short labels, the same layering (what is cited above what cites it).

Everything here is plain text or numbers; each renderer escapes it for its own output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.models import RELATIONS, Document, Edge, Subgraph
from ingest.relation_table import DETAIL, RELATION_TABLE

FONT = "DejaVu Sans"  # full Vietnamese coverage; installed with Debian's fonts-dejavu-core
LABEL_CHARS = 44  # beyond this a label is cut with "…": a node is a name, the tooltip holds the rest
TOOLTIP_CHARS = 600

RELATION_COLOURS: dict[str, str] = {kind.name: kind.colour for kind in RELATION_TABLE}
# The legend's words: what a line from A to B says of A ("thực hiện", "căn cứ").
RELATION_NAMES: dict[str, str] = {kind.name: kind.verb_vi.capitalize() for kind in RELATION_TABLE}
DOT_ARROWS: dict[str, str] = {kind.name: kind.dot_arrow for kind in RELATION_TABLE}
VIS_ARROWS: dict[str, str] = {kind.name: kind.vis_arrow for kind in RELATION_TABLE}

# The pictures are read by Vietnamese legal staff: every word in them is Vietnamese.
LEGEND = "Chú giải"
PLACEHOLDER = "được trích dẫn, chưa có văn bản"
ASSERTED = "do văn bản khác nêu"
# How the cited end of a link was found (graph/resolve.py), as the pages say it.
RESOLUTION_VI: dict[str, str] = {
    "exact": "xác định chính xác",
    "alias": "xác định qua tên và năm",
    "latest": "văn bản gần nhất trước đó",
    "unresolved": "chưa xác định được văn bản",
    "ambiguous": "chưa rõ, có nhiều khả năng",
}


# Graphviz's name of each vis-network shape: one shape per family in every picture, so that a slide and the
# interactive page read alike (vis-network writes the label under the shapes it cannot write inside).
_DOT_SHAPES = {
    "box": "box",
    "diamond": "diamond",
    "hexagon": "hexagon",
    "triangle": "triangle",
    "triangleDown": "invtriangle",
    "square": "square",
    "ellipse": "ellipse",
    "star": "star",
    "dot": "circle",
}


@dataclass(frozen=True)
class Family:
    """Document types that share a shape (vis-network's name; `dot_shape` is the same shape in Graphviz)."""

    name: str
    types: frozenset[str]
    vis_shape: str
    fill: str

    @property
    def dot_shape(self) -> str:
        return _DOT_SHAPES[self.vis_shape]


_LETTERS = {"Công văn", "Văn bản", "Thông báo", "Tờ trình", "Báo cáo", "Biên bản", "Kết luận", "Thông tri"}
_PLANS = {"Kế hoạch", "Chương trình", "Đề án", "Quy chế", "Quy định", "Hướng dẫn", "Điều lệ"}
FAMILIES: tuple[Family, ...] = (
    Family(
        "Hiến pháp, Bộ luật, Luật, Pháp lệnh",
        frozenset({"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Văn bản hợp nhất"}),
        "box",
        "#DCE9F5",
    ),
    Family("Nghị quyết", frozenset({"Nghị quyết", "Nghị quyết liên tịch"}), "diamond", "#FBE3D6"),
    Family("Nghị định", frozenset({"Nghị định"}), "hexagon", "#FFF2CC"),
    Family("Quyết định", frozenset({"Quyết định"}), "triangle", "#E2F0D9"),
    Family("Thông tư", frozenset({"Thông tư", "Thông tư liên tịch"}), "square", "#EDE2F6"),
    Family(
        "Chỉ thị, Công điện",
        frozenset({"Chỉ thị", "Công điện", "Lệnh"}),
        "triangleDown",
        "#F8D7DA",
    ),
    Family(
        "Công văn, Văn bản, Thông báo, Tờ trình, Báo cáo",
        frozenset(_LETTERS),
        "ellipse",
        "#F2F2F2",
    ),
    Family("Kế hoạch, Chương trình, Đề án", frozenset(_PLANS), "star", "#D9F2EE"),
)
OTHER = Family("Khác", frozenset(), "dot", "#FFFFFF")
_FAMILY_OF_TYPE = {doc_type: family for family in FAMILIES for doc_type in family.types}

PLACEHOLDER_FILL = "#FFFFFF"
PLACEHOLDER_BORDER = "#7F7F7F"
BORDER = "#404040"


def family(document: Document) -> Family:
    return _FAMILY_OF_TYPE.get(document.doc_type or "", OTHER)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def heading(subgraph: Subgraph, root: str | None, title: str | None) -> str:
    """The title asked for, else the root document's name."""
    if title:
        return title
    labels = {d.id: d.label for d in subgraph.documents}
    return labels.get(root, root) if root else "lexgraph"


def date_of(document: Document) -> str | None:
    return document.issue_date or document.year


def label_lines(document: Document) -> list[str]:
    """ "Nghị quyết 06/NQ-CP", "2023-01-10": how a node is named in a picture."""
    lines = [shorten(document.label, LABEL_CHARS)]
    date = date_of(document)
    if date and date not in lines[0]:
        lines.append(date)
    return lines


def node_tooltip(document: Document) -> str:
    lines = [document.label]
    about = " · ".join(part for part in (document.doc_type, document.issuer, date_of(document)) if part)
    if about:
        lines.append(about)
    if document.subject and document.subject != document.label:
        lines.append(shorten(document.subject, 240))
    lines.append(document.id)
    if document.placeholder:
        lines.append(PLACEHOLDER)
    return shorten_lines(lines)


def shorten_lines(lines: Sequence[str]) -> str:
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_CHARS else text[: TOOLTIP_CHARS - 1] + "…"


@dataclass(frozen=True)
class Link:
    """What a picture draws between two documents for one relation: every edge of the store that states it (one
    letter says so, another letter asserts it), so that parallel statements make one line with all sentences."""

    source: str
    target: str
    relation: str
    edges: tuple[Edge, ...]

    @property
    def asserted_only(self) -> bool:
        """Only third documents say so: drawn dashed, as a weaker kind of evidence than a document's own text."""
        return all(edge.asserted_by for edge in self.edges)

    @property
    def confidence(self) -> float:
        return max(edge.confidence for edge in self.edges)


def links(subgraph: Subgraph) -> list[Link]:
    grouped: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in subgraph.edges:
        grouped.setdefault((edge.source, edge.target, edge.relation), []).append(edge)
    return [Link(s, t, r, tuple(found)) for (s, t, r), found in grouped.items()]


def link_tooltip(link: Link, labels: dict[str, str]) -> str:
    lines = [f"{labels.get(link.source, link.source)} → {RELATION_NAMES[link.relation]} → "
             f"{labels.get(link.target, link.target)}"]  # fmt: skip
    for edge in link.edges:
        said = labels.get(edge.source_doc, edge.source_doc)
        who = (
            f"theo {labels.get(edge.asserted_by, edge.asserted_by)}" if edge.asserted_by else f"trong {said}"
        )
        detail = f" ({_detail_vi(edge.relation_detail)})" if edge.relation_detail else ""
        lines.append(
            f"{who}{detail} · độ tin cậy {edge.confidence:.0%} · {RESOLUTION_VI[edge.resolution.method]}"
        )
        lines.append(f"“{shorten(edge.evidence, 280)}”")
    return shorten_lines(lines)


def _detail_vi(detail: str) -> str:
    known = DETAIL.get(detail)
    return known.label_vi if known else detail


def levels(documents: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Row of each document, 0 at the top: what is cited sits above what cites it, so the resolution a chain of
    letters implements is at the top and the letters hang below it. Longest-path layering on the graph of
    strongly connected components (documents that cite each other share a row)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(documents)
    graph.add_edges_from((s, t) for s, t in edges if s != t)
    condensed = nx.condensation(graph)
    row: dict[int, int] = {}
    for component in reversed(list(nx.topological_sort(condensed))):
        row[component] = 1 + max((row[c] for c in condensed.successors(component)), default=-1)
    mapping = condensed.graph["mapping"]
    return {node: row[mapping[node]] for node in graph}


def present_relations(subgraph: Subgraph) -> list[str]:
    found = {edge.relation for edge in subgraph.edges}
    return [r for r in RELATIONS if r in found]


def present_families(subgraph: Subgraph) -> list[Family]:
    found = {family(d) for d in subgraph.documents}
    return [f for f in (*FAMILIES, OTHER) if f in found]


def glyph_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data of `shape` centred on (x, y) with half-size r: the legend's icon of a vis-network shape."""
    import math

    def polygon(points: Sequence[tuple[float, float]]) -> str:
        return "M" + " L".join(f"{x + px * r:.1f},{y + py * r:.1f}" for px, py in points) + " Z"

    if shape in ("box", "square"):
        h = 0.7 if shape == "box" else 1.0
        return polygon([(-1, -h), (1, -h), (1, h), (-1, h)])
    if shape == "diamond":
        return polygon([(0, -1), (1, 0), (0, 1), (-1, 0)])
    if shape == "hexagon":
        return polygon([(math.cos(a), math.sin(a)) for a in (k * math.pi / 3 for k in range(6))])
    if shape == "triangle":
        return polygon([(0, -1), (1, 0.8), (-1, 0.8)])
    if shape == "triangleDown":
        return polygon([(0, 1), (1, -0.8), (-1, -0.8)])
    if shape == "star":
        points = [
            (
                (1 if k % 2 == 0 else 0.45) * math.sin(k * math.pi / 5),
                -(1 if k % 2 == 0 else 0.45) * math.cos(k * math.pi / 5),
            )
            for k in range(10)
        ]
        return polygon(points)
    ry = 0.65 if shape == "ellipse" else 1.0  # ellipse, dot
    return (
        f"M{x - r:.1f},{y:.1f} A{r:.1f},{r * ry:.1f} 0 1,0 {x + r:.1f},{y:.1f} "
        f"A{r:.1f},{r * ry:.1f} 0 1,0 {x - r:.1f},{y:.1f} Z"
    )
