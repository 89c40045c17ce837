"""SVG and PNG for slides: Graphviz `dot` through the `graphviz` binding when `dot` is installed (Debian's
graphviz), a layered SVG written here when it is not (PNG then needs `dot`: `RendererUnavailable`).

Both put what is cited above what cites it (the resolution at the top, the letters that implement it below), use
DejaVu Sans (every Vietnamese letter) and the colours and shapes of `style`, with a legend."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence

import graphviz

from graph.exports import fallback_svg, style
from graph.exports import status as validity_status
from graph.exports.model import Export, ExportOptions, RendererUnavailable
from graph.models import Document, Status, Subgraph

BIG = 300  # documents beyond which dot is told to search less for the fewest crossings (see _speed)
PNG_DPI = 144  # crisp on a projector; dot scales a picture down itself past cairo's size limit


def dot_available() -> bool:
    return shutil.which("dot") is not None


def _text(lines: Sequence[str]) -> str:
    """Lines as a DOT escString: backslashes literal, "<…>" not an HTML-like label, lines centred."""
    text: str = graphviz.nohtml("\\n".join(graphviz.escape(line) for line in lines))
    return text


def caption(subgraph: Subgraph, root: str | None, options: ExportOptions) -> str:
    text = f"{style.heading(subgraph, root, options.title)} · {len(subgraph.documents)} văn bản, {len(subgraph.edges)} trích dẫn"
    if subgraph.truncated:
        text += f" · còn văn bản khác ngoài {len(subgraph.documents)} văn bản hiển thị: hãy giảm số tầng hoặc quan hệ"
    return text


def _speed(documents: int) -> dict[str, str]:
    """dot's crossing minimisation and network simplex grow fast with size: on a large picture, a few passes
    (a little more crossing) instead of minutes."""
    if documents <= BIG:
        return {}
    return {"mclimit": "0.3", "nslimit": "2", "nslimit1": "2", "searchsize": "10", "remincross": "false"}


def _node(graph: graphviz.Digraph, name: str, document: Document, status: Status | None = None) -> None:
    family = style.family(document)
    status_border = validity_status.border(status)
    attributes = {
        "shape": family.dot_shape,
        "style": "filled,dashed" if document.placeholder else "filled",
        "fillcolor": style.PLACEHOLDER_FILL if document.placeholder else family.fill,
        "color": style.PLACEHOLDER_BORDER if document.placeholder else style.BORDER,
        "tooltip": _text(validity_status.tooltip(style.node_tooltip(document), status).splitlines()),
    }
    if status_border:  # its status, by the border's colour (the legend says which)
        attributes.update(color=status_border, penwidth=str(validity_status.BORDER_WIDTH))
    graph.node(name, _text(style.label_lines(document)), **attributes)


def _legend_table(subgraph: Subgraph, statuses: Mapping[str, Status] | None = None) -> str:
    """An HTML-like label (its text escaped here): a colour bar and a name per relation, then the line styles."""
    rows = [f'<TR><TD COLSPAN="2"><B>{_html(style.LEGEND)}</B></TD></TR>']
    for relation in style.present_relations(subgraph):
        colour = style.RELATION_COLOURS[relation]
        rows.append(
            f'<TR><TD BGCOLOR="{colour}" WIDTH="28" HEIGHT="6" FIXEDSIZE="TRUE"></TD>'
            f'<TD ALIGN="LEFT">{_html(style.RELATION_NAMES[relation])}</TD></TR>'
        )
    rows.append(f'<TR><TD>- - -</TD><TD ALIGN="LEFT">{_html(style.ASSERTED)}</TD></TR>')
    rows.extend(_status_rows(subgraph, statuses or {}))
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3">{"".join(rows)}</TABLE>>'


def _status_rows(subgraph: Subgraph, statuses: Mapping[str, Status]) -> list[str]:
    found = validity_status.legend(statuses, subgraph.documents)
    if not found:
        return []
    rows = [f'<TR><TD COLSPAN="2"><B>{_html(validity_status.LEGEND_TITLE)}</B></TD></TR>']
    for name, colour in found:
        rows.append(
            f'<TR><TD BORDER="2" COLOR="{colour or style.BORDER}" WIDTH="28" HEIGHT="10" FIXEDSIZE="TRUE"></TD>'
            f'<TD ALIGN="LEFT">{_html(name)}</TD></TR>'
        )
    return rows


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def _legend(
    graph: graphviz.Digraph, subgraph: Subgraph, statuses: Mapping[str, Status] | None = None
) -> None:
    """A box of its own, on one row: the relations (colour) and line styles, then the kinds of document (shape)."""
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(style="rounded", color="#BBBBBB", label="", rank="same")
        # dot lays this row out right to left in a bottom-to-top graph: declared backwards, it reads forwards.
        legend.node(
            "legend_placeholder",
            _text(style.PLACEHOLDER.split(", ", 1)),
            shape="box",
            style="dashed",
        )
        families = list(enumerate(style.present_families(subgraph)))
        for index, family in reversed(families):
            legend.node(
                f"legend_f{index}",
                _text([family.name]),
                shape=family.dot_shape,
                style="filled",
                fillcolor=family.fill,
            )
        legend.node("legend_relations", _legend_table(subgraph, statuses), shape="plaintext", fontsize="10")


def to_dot(subgraph: Subgraph, root: str | None, options: ExportOptions) -> graphviz.Digraph:
    hierarchical = options.layout == "hierarchical"
    graph = graphviz.Digraph(
        "lexgraph",
        engine="dot" if hierarchical else "sfdp",
        graph_attr={
            "rankdir": "BT",  # edges go citing → cited: upwards, so the cited sit on top
            "fontname": style.FONT,
            "label": _text([caption(subgraph, root, options)]),
            "labelloc": "t",
            "fontsize": "14",
            "nodesep": "0.25",
            "ranksep": "0.45",
            "bgcolor": "white",
            "pad": "0.3",
            **({} if hierarchical else {"overlap": "prism", "splines": "true"}),
            **_speed(len(subgraph.documents)),
        },
        node_attr={"fontname": style.FONT, "fontsize": "10", "margin": "0.08,0.04", "penwidth": "1"},
        edge_attr={"fontname": style.FONT, "arrowsize": "0.7", "penwidth": "1.3"},
    )
    names = {document.id: f"n{index}" for index, document in enumerate(subgraph.documents)}
    for document in subgraph.documents:
        _node(graph, names[document.id], document, options.statuses.get(document.id))
    if root in names:
        graph.node(names[root], penwidth="2.5")
    labels = {d.id: d.label for d in subgraph.documents}
    for link in style.links(subgraph):
        draw_link(graph, names[link.source], names[link.target], link, labels)
    _legend(graph, subgraph, options.statuses)
    return graph


def draw_link(
    graph: graphviz.Digraph, tail: str, head: str, link: style.Link, labels: dict[str, str]
) -> None:
    """One link as a Graphviz edge: its relation's colour and arrow, dashed when only another text asserts it."""
    graph.edge(
        tail,
        head,
        color=style.RELATION_COLOURS[link.relation],
        arrowhead=style.DOT_ARROWS[link.relation],
        style="dashed" if link.asserted_only else "solid",
        tooltip=_text(style.link_tooltip(link, labels).splitlines()),
    )


_DOCTYPE = re.compile(rb"<!DOCTYPE[^>]*>\s*")


def _pipe(graph: graphviz.Digraph, fmt: str, neato_no_op: int | None = None) -> bytes:
    try:
        # quiet: dot's warnings ("scaling to fit") are not the user's business; its errors come back with stderr.
        data: bytes = graph.pipe(format=fmt, quiet=True, neato_no_op=neato_no_op)
        return data
    except graphviz.ExecutableNotFound as exc:
        raise RendererUnavailable("Graphviz's dot is not installed (Debian: apt install graphviz)") from exc
    except subprocess.CalledProcessError as exc:
        stderr = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RuntimeError(f"Graphviz failed: {stderr or exc}") from exc


def svg(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    if dot_available():
        # The DOCTYPE names a DTD on the web: nothing reads it, and an export names no external address.
        data = _DOCTYPE.sub(b"", _pipe(to_dot(subgraph, root, options), "svg"), count=1)
    else:
        data = fallback_svg.render(
            subgraph, root, caption(subgraph, root, options), options.layout, options.statuses
        )
    return Export("image/svg+xml", {"graph.svg": data})


def png(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    if not dot_available():
        raise RendererUnavailable(
            "PNG needs Graphviz's dot, which is not installed (Debian: apt install graphviz); SVG works without it"
        )
    graph = to_dot(subgraph, root, options)
    graph.attr(dpi=str(PNG_DPI))
    return Export("image/png", {"graph.png": _pipe(graph, "png")})
