"""Pictures for a 16:9 slide (formats briefing-svg and briefing-png): a neighbourhood that a projector shows
whole, at 1920 × 1080 px, with no text under 12 pt.

The general `svg` export lets dot lay a rank out on one row, which for a law's neighbourhood is 20,000 px wide
and shrinks to unreadable on a slide. Here the layout is plain code over a fixed canvas and Graphviz only draws
it (`neato -n2`: our positions, its shapes, fonts and edges routed around the nodes), so that SVG and PNG are the
same picture:

- the documents are ranked (the root, then by distance from it, then the most cited), at most
  `options.max_nodes` are drawn and the rest become one "+N văn bản khác" node;
- each page keeps the root and takes the next documents while their rows fit; a row of `style.levels` (what is
  cited above what cites it) wraps into several rows of at most `COLUMNS` documents;
- a label is the name wrapped on up to three lines, then the number whole (broken only after "/" or "-"
  when it is longer than a line) and the date when the number does not hold the year;
- the legend sits in a column of its own at the top right, away from every document.

Positions are in points (1440 × 810 pt = 1920 × 1080 px at 96 dpi), y growing downwards until `_pos` turns
them into Graphviz's upward coordinates."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import graphviz
import networkx as nx

from graph.exports import static, style
from graph.exports.model import Export, ExportOptions, RendererUnavailable
from graph.models import RELATIONS, Document, Subgraph

FETCH = 500  # documents asked of the store: enough to count what the "+N" node stands for

WIDTH, HEIGHT = 1440.0, 810.0  # points: 1920 × 1080 px at PNG_DPI
PNG_DPI = 96
MARGIN = 24.0
TITLE_HEIGHT = 56.0
LEGEND_WIDTH = 262.0
LEGEND_GAP = 22.0  # between the documents' area and the legend's column

FONT_SIZE = 13.0  # labels: 17 px at 1920 px wide
SMALL_SIZE = 12.0  # legend and subtitle: 16 px, the least a slide takes
TITLE_SIZE = 16.0
CHAR_WIDTH = 0.6  # DejaVu Sans's widest common letters, in ems: a line of this many never leaves its box
LINE_HEIGHT = 1.2

GLYPH = 14.0  # the family's shape beside a label, as in the legend of the interactive page
# Between any two nodes: Graphviz routes edges around nodes only when none touch (with esep, 2 pt each side);
# otherwise it draws every edge straight, through the documents in between.
GLYPH_GAP = 8.0
BOX_WIDTH = 180.0
CELL_WIDTH = GLYPH + GLYPH_GAP + BOX_WIDTH
COLUMN_GAP = 20.0
BOX_HEIGHT = 4 * FONT_SIZE * LINE_HEIGHT + 10
ROW_GAP = 44.0  # room for the edges between rows
LABEL_LINES = 4

AREA_LEFT = MARGIN
AREA_RIGHT = WIDTH - MARGIN - LEGEND_WIDTH - LEGEND_GAP
AREA_TOP = MARGIN + TITLE_HEIGHT
AREA_BOTTOM = HEIGHT - MARGIN
COLUMNS = int((AREA_RIGHT - AREA_LEFT + COLUMN_GAP) // (CELL_WIDTH + COLUMN_GAP))
ROWS = int((AREA_BOTTOM - AREA_TOP + ROW_GAP) // (BOX_HEIGHT + ROW_GAP))
LEGEND_LEFT = WIDTH - MARGIN - LEGEND_WIDTH

MORE = "văn bản khác"


def _chars(width: float, size: float) -> int:
    return int(width // (size * CHAR_WIDTH))


LINE_CHARS = _chars(BOX_WIDTH - 12, FONT_SIZE)


@dataclass(frozen=True)
class Box:
    """A rectangle in page coordinates (y downwards): what the tests compare for overlaps."""

    left: float
    top: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass(frozen=True)
class Page:
    documents: tuple[str, ...]  # ranked, the root first
    left_out: tuple[str, ...]  # the documents of no page: the "+N" node, on the last page only
    beyond: bool  # the store had more than it gave (the "+N" is a floor)
    number: int
    pages: int


# --- labels -------------------------------------------------------------------------------------------------


def _wrap(text: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], style.shorten(" ".join(wrapped[lines - 1 :]), width)]
    return wrapped


def _split_number(number: str, width: int) -> list[str]:
    """A number on one line, or broken after "/" or "-" when longer than a line: joined back, the lines are the
    number itself, so it can always be read (and searched) whole."""
    lines: list[str] = []
    rest = number
    while len(rest) > width:
        cut = max(rest.rfind("/", 0, width), rest.rfind("-", 0, width))
        if cut <= 0:
            break
        lines.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
    return [*lines, rest]


def _date_vi(document: Document) -> str | None:
    """ "10/01/2023" as Vietnamese write it, or "năm 2023" when only the year is known."""
    date = style.date_of(document)
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return f"năm {parts[0]}"


def label_lines(document: Document, width: int = LINE_CHARS) -> list[str]:
    """ "Luật Ban hành văn bản quy | phạm pháp luật | 80/2015/QH13": the name wrapped, then what identifies the
    document, never cut: its number, and its date when the number does not say the year."""
    tail = _split_number(document.number, width) if document.number else []
    year = (style.date_of(document) or "")[:4]
    date = _date_vi(document)
    if date and not (document.number and year and year in document.number):
        tail.append(date)
    if document.number:
        name = document.title or document.doc_type or ""
    else:
        name = document.title or document.subject or document.id
        if document.title and year and date and year in document.title:
            tail = tail[:-1]  # "Luật Đất đai 2013": the year is in its name already
    room = max(1, LABEL_LINES - len(tail))
    return [*(_wrap(name, width, room) if name else []), *tail]


# --- which documents, on which page -------------------------------------------------------------------------


def ranked(subgraph: Subgraph, root: str | None) -> list[str]:
    """The root, then the documents nearest to it, the most cited first among equals: a budget keeps what a
    briefing is about and the documents the others lean on."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(d.id for d in subgraph.documents)
    graph.add_edges_from((e.source, e.target) for e in subgraph.edges if e.source != e.target)
    distance: dict[str, int] = {}
    if root is not None and root in graph:
        distance = dict(nx.single_source_shortest_path_length(graph, root))
    citing: dict[str, set[str]] = {d.id: set() for d in subgraph.documents}
    for edge in subgraph.edges:
        citing[edge.target].add(edge.source)
    labels = {d.id: d.label for d in subgraph.documents}
    far = len(subgraph.documents) + 1

    def key(node: str) -> tuple[int, int, int, str]:
        return (distance.get(node, far), -len(citing[node]), -graph.degree(node), labels[node])

    return sorted(labels, key=key)


def _rows_needed(documents: Sequence[str], pairs: Sequence[tuple[str, str]]) -> int:
    chosen = set(documents)
    level = style.levels(documents, [(s, t) for s, t in pairs if s in chosen and t in chosen])
    return sum(math.ceil(count / COLUMNS) for count in Counter(level.values()).values())


def paginate(subgraph: Subgraph, root: str | None, pages: int, budget: int) -> list[Page]:
    """At most `pages` pages of documents in rank order, each with the root (a slide of its own reads alone),
    each filled while its rows fit; what is left is counted on the last page's "+N" node, whose row is then
    kept free."""
    order = ranked(subgraph, root)
    first = [order[0]] if root in order[:1] else []
    drawn = order[len(first) : max(budget, len(first))]
    pairs = [(e.source, e.target) for e in subgraph.edges]

    def fill(last_rows: int) -> tuple[list[list[str]], list[str]]:
        queue = list(drawn)
        filled: list[list[str]] = []
        for index in range(pages):
            rows = last_rows if index == pages - 1 else ROWS
            page = list(first)
            for node in list(queue):
                if _rows_needed([*page, node], pairs) <= rows:
                    page.append(node)
                    queue.remove(node)
            if len(page) > len(first) or not filled:
                filled.append(page)
        return filled, queue + order[len(first) + len(drawn) :]

    filled, left_out = fill(ROWS)
    if left_out or subgraph.truncated:
        filled, left_out = fill(ROWS - 1)
    last = len(filled) - 1
    return [
        Page(
            tuple(page),
            tuple(left_out) if i == last else (),
            subgraph.truncated and i == last,
            i + 1,
            last + 1,
        )
        for i, page in enumerate(filled)
    ]


# --- placing them ---------------------------------------------------------------------------------------------


def place(page: Page, subgraph: Subgraph) -> dict[str, Box]:
    """The box of each document's label (its shape's glyph sits to the left of it) and of the "+N" node under
    the key "+": rows of `style.levels`, each wrapped at `COLUMNS` and centred in the documents' area."""
    chosen = set(page.documents)
    pairs = [(e.source, e.target) for e in subgraph.edges if e.source in chosen and e.target in chosen]
    level = style.levels(page.documents, pairs)
    rows: list[list[str]] = []
    for value in sorted(set(level.values())):
        members = [node for node in page.documents if level[node] == value]  # rank order, the most cited left
        rows.extend(members[i : i + COLUMNS] for i in range(0, len(members), COLUMNS))
    if page.left_out or page.beyond:
        rows.append(["+"])
    boxes = {}
    for row_index, row in enumerate(rows):
        used = len(row) * CELL_WIDTH + (len(row) - 1) * COLUMN_GAP
        left = AREA_LEFT + (AREA_RIGHT - AREA_LEFT - used) / 2
        top = AREA_TOP + row_index * (BOX_HEIGHT + ROW_GAP)
        for column, node in enumerate(row):
            cell = left + column * (CELL_WIDTH + COLUMN_GAP)
            boxes[node] = Box(cell + GLYPH + GLYPH_GAP, top, BOX_WIDTH, BOX_HEIGHT)
    return boxes


# --- drawing them with Graphviz -------------------------------------------------------------------------------


def _pos(x: float, y: float) -> str:
    return f"{x:.1f},{HEIGHT - y:.1f}!"


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


def _left_text(lines: Sequence[str]) -> str:
    """Lines as a DOT escString, each ended by "\\l" (left-justified), backslashes and "<…>" literal."""
    text: str = graphviz.nohtml("".join(graphviz.escape(line) + "\\l" for line in lines))
    return text


def _fixed(graph: graphviz.Digraph, name: str, box: Box, label: str, **attributes: str) -> None:
    x, y = box.centre
    graph.node(
        name,
        label,
        pos=_pos(x, y),
        width=_inches(box.width),
        height=_inches(box.height),
        fixedsize="true",
        **attributes,
    )


def _document(graph: graphviz.Digraph, name: str, document: Document, box: Box, root: bool) -> None:
    family = style.family(document)
    _fixed(
        graph,
        name,
        box,
        static._text(label_lines(document)),
        id=name,
        shape="box",
        style="rounded,filled,dashed" if document.placeholder else "rounded,filled",
        fillcolor=style.PLACEHOLDER_FILL if document.placeholder else family.fill,
        color=style.PLACEHOLDER_BORDER if document.placeholder else style.BORDER,
        penwidth="3" if root else "1",
        tooltip=static._text(style.node_tooltip(document).splitlines()),
    )
    glyph = Box(box.left - GLYPH_GAP - GLYPH, box.top + (box.height - GLYPH) / 2, GLYPH, GLYPH)
    _fixed(graph, f"{name}_shape", glyph, "", shape=family.dot_shape, style="filled", fillcolor=family.fill)


def _more(graph: graphviz.Digraph, box: Box, subgraph: Subgraph, page: Page) -> None:
    """What the budget left out: how many, of which types, the first of them in the tooltip."""
    documents = {d.id: d for d in subgraph.documents}
    left = [documents[node] for node in page.left_out]
    types = Counter(d.doc_type or "Khác" for d in left).most_common(3)
    head = f"+{len(left)} {MORE}" + (" trở lên" if page.beyond else "")
    kinds = ", ".join(f"{count} {kind}" for kind, count in types)
    lines = (
        [head, *_wrap(kinds, LINE_CHARS, LABEL_LINES - 1)]
        if left
        else ["Còn văn bản khác", "ngoài phạm vi đã lấy"]
    )
    tooltip = style.shorten_lines([d.label for d in left])
    _fixed(graph, "more", box, static._text(lines), id="more", shape="box", style="rounded,dashed",
           color=style.PLACEHOLDER_BORDER, tooltip=static._text(tooltip.splitlines()))  # fmt: skip


def _legend(graph: graphviz.Digraph, relations: Sequence[str], families: Sequence[style.Family],
            asserted: bool, placeholder: bool) -> Box:  # fmt: skip
    """One node per sample and per text in the right-hand column (Graphviz routes edges only when no two nodes
    touch, so there is no frame around them); returns the column's box."""
    text_left = LEGEND_LEFT + 40
    text_width = LEGEND_WIDTH - 40
    chars = _chars(text_width - 4, SMALL_SIZE)
    step = SMALL_SIZE * LINE_HEIGHT
    y = AREA_TOP
    _fixed(graph, "legend", Box(LEGEND_LEFT, y, LEGEND_WIDTH, step + 4), _left_text([style.LEGEND]),
           id="legend", shape="plaintext", fontsize=str(SMALL_SIZE + 1))  # fmt: skip
    y += step + 12
    entries: list[tuple[str, dict[str, str]]] = []
    for relation in relations:
        bar = {"shape": "box", "style": "filled", "fillcolor": style.RELATION_COLOURS[relation], "color":
               style.RELATION_COLOURS[relation], "height": "4"}  # fmt: skip
        entries.append((style.RELATION_NAMES[relation], bar))
    if asserted:
        entries.append((style.ASSERTED, {"shape": "box", "style": "dashed", "height": "2"}))
    for family in families:
        entries.append(
            (family.name, {"shape": family.dot_shape, "style": "filled", "fillcolor": family.fill})
        )
    if placeholder:
        entries.append((style.PLACEHOLDER, {"shape": "box", "style": "rounded,dashed",
                                            "color": style.PLACEHOLDER_BORDER}))  # fmt: skip
    for index, (text, sample) in enumerate(entries):
        lines = _wrap(text, chars, 3)
        height = len(lines) * step + 2
        sample_height = float(sample.pop("height", GLYPH))
        top = y + (step - sample_height) / 2 + 1
        width = 28.0 if sample_height < GLYPH else GLYPH
        _fixed(graph, f"legend_{index}_sample", Box(LEGEND_LEFT + 4 + (28 - width) / 2, top, width,
               sample_height), "", **sample)  # fmt: skip
        _fixed(graph, f"legend_{index}", Box(text_left, y, text_width, height), _left_text(lines),
               shape="plaintext", fontsize=str(SMALL_SIZE))  # fmt: skip
        y += height + 8
    return Box(LEGEND_LEFT, AREA_TOP, LEGEND_WIDTH, y - AREA_TOP)


def page_graph(subgraph: Subgraph, root: str | None, options: ExportOptions, page: Page) -> graphviz.Digraph:
    graph = graphviz.Digraph(
        "briefing",
        engine="neato",
        graph_attr={
            "bgcolor": "white",
            "pad": "0",
            "splines": "true",
            "sep": "+3",
            "esep": "+2",
            "outputorder": "edgesfirst",
            "fontname": style.FONT,
        },
        node_attr={"fontname": style.FONT, "fontsize": str(FONT_SIZE), "margin": "0.06,0.03"},
        edge_attr={"fontname": style.FONT, "arrowsize": "0.8", "penwidth": "1.6"},
    )
    # The canvas: two invisible points at its corners make Graphviz's picture exactly 1440 × 810 pt.
    for name, (x, y) in {"corner_0": (0.0, 0.0), "corner_1": (WIDTH, HEIGHT)}.items():
        graph.node(name, "", pos=_pos(x, y), shape="point", style="invis", width="0", height="0",
                   fixedsize="true")  # fmt: skip
    title = style.shorten(
        style.heading(subgraph, root, options.title), _chars(AREA_RIGHT - MARGIN, TITLE_SIZE)
    )
    _fixed(graph, "title", Box(MARGIN, MARGIN - 4, WIDTH - 2 * MARGIN, TITLE_SIZE * 1.5), _left_text([title]),
           id="title", shape="plaintext", fontsize=str(TITLE_SIZE))  # fmt: skip
    _fixed(graph, "subtitle", Box(MARGIN, MARGIN + TITLE_SIZE * 1.5 + GLYPH_GAP, WIDTH - 2 * MARGIN, SMALL_SIZE * 1.4),
           _left_text([_subtitle(subgraph, page)]), shape="plaintext", fontsize=str(SMALL_SIZE),
           fontcolor="#555555")  # fmt: skip
    boxes = place(page, subgraph)
    documents = {d.id: d for d in subgraph.documents}
    names = {node: f"d{index}" for index, node in enumerate(page.documents)}
    for node in page.documents:
        _document(graph, names[node], documents[node], boxes[node], node == root)
    if "+" in boxes:
        _more(graph, boxes["+"], subgraph, page)
    labels = {d.id: d.label for d in subgraph.documents}
    page_links = [link for link in style.links(subgraph) if link.source in names and link.target in names]
    for link in page_links:
        if link.source == link.target:
            continue
        static.draw_link(graph, names[link.source], names[link.target], link, labels)
    drawn = [documents[n] for n in page.documents]
    _legend(
        graph,
        [r for r in RELATIONS if any(link.relation == r for link in page_links)],
        [f for f in (*style.FAMILIES, style.OTHER) if any(style.family(d) == f for d in drawn)],
        asserted=any(link.asserted_only for link in page_links),
        placeholder=any(d.placeholder for d in drawn),
    )
    return graph


def _subtitle(subgraph: Subgraph, page: Page) -> str:
    text = f"{len(page.documents)} trong {len(subgraph.documents)} văn bản, {len(subgraph.edges)} trích dẫn"
    if page.pages > 1:
        text = f"Trang {page.number}/{page.pages} · {text}"
    if subgraph.truncated:
        text += " · còn văn bản khác ngoài phạm vi đã lấy"
    return text


def _all_pages(subgraph: Subgraph, root: str | None, options: ExportOptions) -> list[Page]:
    return paginate(subgraph, root, options.pages, options.max_nodes)


def _render(subgraph: Subgraph, root: str | None, options: ExportOptions, fmt: str) -> Export:
    if not static.dot_available():
        raise RendererUnavailable("briefing pictures need Graphviz (Debian: apt install graphviz)")
    pages = _all_pages(subgraph, root, options)
    files = {}
    for page in pages:
        graph = page_graph(subgraph, root, options, page)
        if fmt == "png":
            graph.attr(dpi=str(PNG_DPI))
        data = _pipe(graph, fmt)
        name = "briefing" if len(pages) == 1 else f"briefing-{page.number}"
        files[f"{name}.{fmt}"] = data
    return Export("image/svg+xml" if fmt == "svg" else "image/png", files)


def _pipe(graph: graphviz.Digraph, fmt: str) -> bytes:
    # neato_no_op=2: the positions given are kept, Graphviz only routes the edges and draws.
    data = static._pipe(graph, fmt, neato_no_op=2)
    return static._DOCTYPE.sub(b"", data, count=1) if fmt == "svg" else data


def svg(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    return _render(subgraph, root, options, "svg")


def png(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    return _render(subgraph, root, options, "png")
