"""How the graph's answers look to a person: rich trees with the evidence sentence under each link, tables for
rankings. Pure: models in, renderables out; the CLI prints them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree as RichTree

from graph.models import (
    Change,
    CitedDocument,
    Document,
    DocumentPath,
    Edge,
    Stats,
    Status,
    Subgraph,
    Timeline,
    Tree,
    TreeNode,
)
from graph.validity import STATES, vi_date

# The colour of a state's label in a terminal, by its tone (graph/validity.py STATES).
_TONE_STYLE = {"valid": "green", "pending": "yellow", "partial": "yellow", "ended": "red", "unknown": "dim"}

Label = Callable[[str], str]  # id → how a person names that document


def document_line(document: Document) -> Text:
    """ "Công văn 1127/LĐLĐ · Liên đoàn Lao động tỉnh Lai Châu · 2023-02-03  vn/lai-chau/ldld/2023/1127-ldld" """
    text = Text(document.label, style="bold")
    for part in (document.issuer, document.issue_date or document.year):
        if part:
            text.append(f" · {part}")
    text.append(f"  {document.id}", style="dim")
    if document.placeholder:
        text.append("  (cited, not ingested)", style="yellow")
    return text


def _evidence(edge: Edge) -> Text:
    """The sentence, with the mention in it in bold, so that a reader can check the link."""
    text = Text("“", style="italic")
    sentence = " ".join(edge.evidence.split())
    mention = " ".join((edge.mention or "").split())
    at = sentence.find(mention) if mention else -1
    if at >= 0:
        text.append(sentence[:at], style="italic")
        text.append(mention, style="italic bold")
        text.append(sentence[at + len(mention) :], style="italic")
    else:
        text.append(sentence, style="italic")
    text.append("”", style="italic")
    return text


def edge_lines(edge: Edge, label: Label, other: str | None = None) -> list[Text]:
    """How one edge reads: its relation, who states it and how its end was resolved; then its evidence."""
    head = Text(edge.relation.replace("_", " "), style="cyan")
    if edge.relation_detail:
        head.append(f" ({edge.relation_detail})", style="cyan")
    if other:
        head.append(f" {other}")
    if edge.asserted_by:
        head.append(f" · asserted by {label(edge.asserted_by)}", style="magenta")
    if edge.pinpoint:
        head.append(f" · {edge.pinpoint}")
    resolution = edge.resolution
    if resolution.method != "exact":
        head.append(f" · resolution {resolution.method} {resolution.confidence:.2f}", style="yellow")
        if resolution.candidates:
            head.append(f" among {', '.join(resolution.candidates)}", style="yellow")
    head.append(f" · confidence {edge.confidence:.2f}", style="dim")
    return [head, _evidence(edge)]


def _add_node(branch: RichTree, node: TreeNode, label: Label) -> None:
    lines: list[RenderableType] = [document_line(node.document)]
    for edge in node.edges:
        lines.extend(edge_lines(edge, label))
    if node.cycle:
        lines.append(Text("↻ already on this route: not expanded", style="dim"))
    elif node.truncated:
        lines.append(Text("… more below the depth or size limit", style="dim"))
    child = branch.add(Group(*lines))
    for grandchild in node.children:
        _add_node(child, grandchild, label)


def tree_view(tree: Tree, title: str, label: Label) -> RenderableType:
    root = RichTree(Group(Text(title, style="bold underline"), document_line(tree.root.document)))
    for child in tree.root.children:
        _add_node(root, child, label)
    if not tree.root.children:
        root.add(Text("none in the graph", style="dim"))
    return root


def edges_view(document: Document, edges: Sequence[Edge], outgoing: bool, label: Label) -> RenderableType:
    """What a document cites (or what cites it), one branch per edge with its evidence."""
    title = "cites" if outgoing else "cited by"
    root = RichTree(Group(document_line(document), Text(f"{title}: {len(edges)}", style="bold")))
    for edge in edges:
        other_id = edge.target if outgoing else edge.source
        lines = edge_lines(edge, label, other=f"{'→' if outgoing else '←'} {label(other_id)}")
        lines.insert(1, Text(f"  {other_id}", style="dim"))
        root.add(Group(*lines))
    return root


def path_view(path: DocumentPath, label: Label) -> RenderableType:
    documents = path.documents
    root = RichTree(document_line(documents[0]))
    branch = root
    for step in path.steps:
        lines: list[RenderableType] = [document_line(step.target)]
        for edge in step.edges:
            lines.extend(edge_lines(edge, label))
        branch = branch.add(Group(*lines))
    return root


def neighbourhood_view(root: Document, subgraph: Subgraph, label: Label) -> RenderableType:
    """The documents around `root`, then each edge between two of them as "A —relation→ B" with its sentence."""
    documents = documents_view(f"{len(subgraph.documents)} documents around {root.label}", subgraph.documents)
    edges = RichTree(Text(f"{len(subgraph.edges)} edges", style="bold"))
    for edge in subgraph.edges:
        edges.add(Group(*edge_lines(edge, label, other=f"{label(edge.source)} → {label(edge.target)}")))
    parts: list[RenderableType] = [documents, edges]
    if subgraph.truncated:
        parts.append(Text("more documents were in reach: narrow --depth or --relation", style="yellow"))
    return Group(*parts)


def _id_column(table: Table) -> None:
    """Ids are what a user copies into the next command: one wider than its column is folded onto the next
    line, never cut with "…" (rich's default in a narrow terminal)."""
    table.add_column("id", style="dim", overflow="fold")


def ranking_view(title: str, ranked: Sequence[CitedDocument]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("cited by", justify="right", no_wrap=True)
    table.add_column("edges", justify="right", no_wrap=True)
    table.add_column("document")
    _id_column(table)
    for item in ranked:
        table.add_row(
            str(item.citing_documents), str(item.citations), escape(item.document.label), item.document.id
        )
    return table


def documents_view(title: str, documents: Sequence[Document]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("document", "issuer", "date"):
        table.add_column(column)
    _id_column(table)
    for d in documents:
        name = d.label + (" (cited, not ingested)" if d.placeholder else "")
        table.add_row(escape(name), escape(d.issuer or ""), d.issue_date or d.year or "", d.id)
    return table


def document_view(document: Document) -> Table:
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for name, value in document.model_dump().items():
        if value not in (None, ""):
            table.add_row(name, escape(str(value)))
    return table


def stats_view(stats: Stats) -> Table:
    table = Table(show_header=False, title="Graph", title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("documents", stats.documents),
        ("placeholders", stats.placeholders),
        ("edges", stats.edges),
        ("asserted edges", stats.asserted_edges),
    ]
    rows += [(f"relation {name}", n) for name, n in stats.relations.items()]
    rows += [(f"resolved {name}", n) for name, n in stats.resolutions.items()]
    for name, value in rows:
        table.add_row(name, str(value))
    return table


def _change_lines(change: Change, label: Label) -> list[Text]:
    head = Text(change.effect.replace("_", " "), style="cyan")
    head.append(f" by {change.by.label}")
    if change.parts:
        head.append(f" · {'; '.join(change.parts)}")
    head.append(f" · from {change.from_date or 'an unknown date'}", style="dim")
    if not change.in_effect:
        head.append(" · not yet in effect", style="yellow")
    if change.edge.asserted_by:
        head.append(f" · stated by {label(change.edge.asserted_by)}", style="magenta")
    return [head, _evidence(change.edge)]


def status_view(status: Status, label: Label) -> RenderableType:
    """ "Còn hiệu lực (in_force) on 2025-01-01", why, and the changes it rests on, each with its sentence."""
    head = Text(status.label, style=f"bold {_TONE_STYLE[STATES[status.state].tone]}")
    head.append(f" ({status.state}) on {status.as_of.isoformat()}", style="dim")
    root = RichTree(Group(document_line(status.document), head, Text(status.detail)))
    if status.evidence:
        root.add(Text(f"“{status.evidence}”", style="italic"))
    for change in status.rests_on:
        root.add(Group(*_change_lines(change, label)))
    others = [c for c in status.changes if c not in status.rests_on]
    if others:
        branch = root.add(Text("other changes", style="bold"))
        for change in others:
            branch.add(Group(*_change_lines(change, label)))
    if status.replaced_by:
        current = status.replaced_by[-1].by
        root.add(Text(f"in force in its place: {current.label}  {current.id}", style="bold"))
    return root


def timeline_view(timeline: Timeline) -> RenderableType:
    root = RichTree(Group(document_line(timeline.document), Text("timeline", style="bold")))
    for event in timeline.events:
        head = Text(vi_date(event.date) or "undated", style="bold")
        head.append(f"  {event.label}", style="cyan")
        if event.document is not None:
            head.append(f" · {event.document.label}")
        if event.parts:
            head.append(f" · {'; '.join(event.parts)}")
        lines: list[RenderableType] = [head]
        if event.evidence:
            lines.append(Text(f"“{' '.join(event.evidence.split())}”", style="italic"))
        root.add(Group(*lines))
    if not timeline.events:
        root.add(Text("nothing known", style="dim"))
    return root
