"""The interactive page: the subgraph as pyvis builds it for vis-network, in a page of our own.

pyvis 0.3.2's own template cannot be used as it is: even `cdn_resources="in_line"` links Bootstrap from a CDN,
it inserts `heading` unescaped, and it shows a node's title with innerHTML as soon as any title contains "href".
So pyvis collects the nodes, edges and options, and `templates/graph.html.j2` (autoescaped) lays out the page,
with vis-network's JavaScript and CSS (shipped inside the pyvis package) inlined: the page fetches nothing and
works from a file, a notebook or an iframe of the API alike. vis-network 9 shows a string title as text
(innerText); the details panel uses textContent. Every label, tooltip and heading is therefore text, never
markup."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import pyvis
from pyvis.network import Network

from graph.exports import status as validity_status
from graph.exports import style
from graph.exports.model import Export, ExportOptions
from graph.models import Document, Status, Subgraph

VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
IMPROVED_LAYOUT_MAX = 150  # vis-network's "improved layout" (Kamada–Kawai) stalls the page beyond this
HIERARCHY_PHYSICS_MAX = 300
HINT = "Nhấn vào một văn bản hoặc một liên kết để xem thông tin và câu trích dẫn làm căn cứ."
HINT_LINKED = "Nhấn vào một văn bản để mở trang của nó, vào một liên kết để xem các câu trích dẫn làm căn cứ."
# How parallel citations are drawn, as the legend says it: one line per relation between two documents (its
# tooltip lists every citation that states it), and the lines of different relations curved apart.
PARALLEL = "Nhiều trích dẫn cùng quan hệ: một đường, nhấn để xem từng câu; quan hệ khác nhau: các đường cong tách rời"
ROUNDNESS = 0.18  # the curve added per further line between the same two documents


@cache
def _asset(name: str) -> str:
    text = (VIS / name).read_text(encoding="utf-8")
    # Inlined inside <script>/<style>: such a closing tag in the file would end the element early.
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"{VIS / name} cannot be inlined: it contains a closing </script> or </style>")
    return text


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return environment.get_template("graph.html.j2")


def _script_json(value: Any) -> str:
    """JSON that cannot end its <script> element nor open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _node_options(
    document: Document, level: int | None, root: bool, status: Status | None = None
) -> dict[str, Any]:
    family = style.family(document)
    fill = style.PLACEHOLDER_FILL if document.placeholder else family.fill
    border = style.PLACEHOLDER_BORDER if document.placeholder else style.BORDER
    status_border = validity_status.border(status)  # its status's colour, when it has one
    options: dict[str, Any] = {
        "title": validity_status.tooltip(style.node_tooltip(document), status),
        "color": {
            "background": fill,
            "border": status_border or border,
            "highlight": {"background": fill, "border": "#000000"},
        },
        "borderWidth": 3 if root else (validity_status.BORDER_WIDTH if status_border else 1),
        "size": 14,
        "font": {"face": style.FONT, "size": 13, "multi": False},
    }
    if document.placeholder:
        options["shapeProperties"] = {"borderDashes": [4, 3]}
    if level is not None:
        options["level"] = level
    return options


def _options(layout: str, documents: int, edges: int) -> dict[str, Any]:
    smooth: dict[str, Any] | bool
    if layout == "hierarchical":
        smooth = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
        layout_options: dict[str, Any] = {
            "hierarchical": {"enabled": True, "direction": "UD", "levelSeparation": 130, "nodeSpacing": 170}
        }
        physics: dict[str, Any] = {
            "solver": "hierarchicalRepulsion",
            "hierarchicalRepulsion": {"nodeDistance": 170, "avoidOverlap": 1},
        }
    else:
        smooth = {"type": "continuous"}
        layout_options = {"randomSeed": 7}
        physics = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 130},
        }
    if edges > 2000:  # curves cost every frame; a large picture is read for its shape, not its bends
        smooth = False
    layout_options["improvedLayout"] = documents <= IMPROVED_LAYOUT_MAX
    iterations = 400 if documents <= 500 else 150
    # A large hierarchy is placed by its rows alone: the repulsion that tidies a small one takes a browser
    # most of a minute at 2,000 documents and changes little.
    settle = layout != "hierarchical" or documents <= HIERARCHY_PHYSICS_MAX
    return {
        "layout": layout_options,
        "physics": {
            "enabled": settle,
            **physics,
            "stabilization": {"enabled": True, "iterations": iterations, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "edges": {"smooth": smooth, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "width": 1.5},
        "nodes": {"font": {"face": style.FONT}},
    }


def network(
    subgraph: Subgraph, root: str | None, layout: str, statuses: Mapping[str, Status] | None = None
) -> Network:
    """The pyvis network: documents with their shape, fill, label and tooltip (and row, in a hierarchy); one
    edge per relation between two documents, carrying every sentence that states it."""
    net = Network(directed=True)
    hierarchical = layout == "hierarchical"
    rows = style.levels((d.id for d in subgraph.documents), ((e.source, e.target) for e in subgraph.edges))
    for document in subgraph.documents:
        level = rows[document.id] if hierarchical else None
        options = _node_options(document, level, document.id == root, (statuses or {}).get(document.id))
        net.add_node(
            document.id, "\n".join(style.label_lines(document)), style.family(document).vis_shape, **options
        )
    labels = {d.id: d.label for d in subgraph.documents}
    bends = _bends(style.links(subgraph))
    for index, link in enumerate(style.links(subgraph)):
        colour = style.RELATION_COLOURS[link.relation]
        extra: dict[str, Any] = {}
        if index in bends:
            extra["smooth"] = bends[index]
        net.add_edge(
            link.source,
            link.target,
            # Our id, not vis.DataSet's random one: a click finds this very line's tooltip (and tests find it).
            id=f"e{index}",
            title=style.link_tooltip(link, labels),
            color={"color": colour, "highlight": colour, "hover": colour},
            dashes=link.asserted_only,
            arrows={"to": {"enabled": True, "type": style.VIS_ARROWS[link.relation]}},
            relation=link.relation,
            **extra,
        )
    net.options = _options(layout, len(subgraph.documents), len(subgraph.edges))
    return net


def _bends(links: list[style.Link]) -> dict[int, dict[str, Any]]:
    """The curve of each line that shares its two documents with another (whichever way it points): the first
    slightly curved, each further one more, so that none hides another; a lone line keeps the layout's curve.
    vis-network bends curvedCW to the right of the line's direction, so two opposite lines part too."""
    pairs: dict[frozenset[str], list[int]] = {}
    for index, link in enumerate(links):
        if link.source != link.target:
            pairs.setdefault(frozenset((link.source, link.target)), []).append(index)
    return {
        index: {"enabled": True, "type": "curvedCW", "roundness": round(ROUNDNESS * (1 + rank), 2)}
        for indices in pairs.values()
        if len(indices) > 1
        for rank, index in enumerate(indices)
    }


def _summary(subgraph: Subgraph) -> str:
    drawn = len(style.links(subgraph))
    text = f"{len(subgraph.documents)} văn bản, {len(subgraph.edges)} trích dẫn"
    if drawn != len(subgraph.edges):  # "3 citations" and 2 lines: say why the count and the picture differ
        text += f" trên {drawn} đường nối (trích dẫn cùng quan hệ giữa hai văn bản gộp làm một)"
    return text


def _notice(subgraph: Subgraph) -> str | None:
    if not subgraph.truncated:
        return None
    return (
        f"Chỉ hiển thị {len(subgraph.documents)} văn bản: còn văn bản khác trong phạm vi. Hãy thu hẹp "
        "(ít tầng hơn với --depth, ít quan hệ hơn với --relation) hoặc nâng giới hạn số văn bản."
    )


def html(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    net = network(subgraph, root, options.layout, options.statuses)
    nodes, edges, *_ = net.get_network_data()
    if options.document_url:
        # The page a click opens: the id as a path (its slashes kept, everything else percent-encoded).
        for node in nodes:
            node["url"] = options.document_url + quote(node["id"], safe="/")
    title = style.heading(subgraph, root, options.title)
    page = _template().render(
        title=title,
        summary=_summary(subgraph),
        notice=_notice(subgraph),
        hint=HINT_LINKED if options.document_url else HINT,
        words={
            "legend": style.LEGEND,
            "asserted": style.ASSERTED,
            "placeholder": style.PLACEHOLDER,
            "parallel": PARALLEL,
        },
        relations=[
            {"name": style.RELATION_NAMES[r], "colour": style.RELATION_COLOURS[r]}
            for r in style.present_relations(subgraph)
        ],
        families=[
            {"name": f.name, "fill": f.fill, "path": style.glyph_path(f.vis_shape, 10, 9, 7)}
            for f in style.present_families(subgraph)
        ],
        status_legend=validity_status.LEGEND_TITLE,
        statuses=[
            {"name": name, "colour": colour or style.BORDER}
            for name, colour in validity_status.legend(options.statuses, subgraph.documents)
        ],
        asserted=any(link.asserted_only for link in style.links(subgraph)),
        vis_css=_asset("vis-network.css"),
        vis_js=_asset("vis-network.min.js"),
        data=_script_json({"nodes": nodes, "edges": edges, "options": net.options}),
    )
    return Export("text/html; charset=utf-8", {"graph.html": page.encode("utf-8")})
