"""nodes.csv and edges.csv in the header format of `neo4j-admin database import full`:

    neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv neo4j

Nodes are `:LexDocument` (and `:Placeholder` for a document cited but not ingested), keyed by the graph's id;
relationships are typed by relation (`:IMPLEMENTS`, `:BASED_ON` …) and keep the relation as a property too.
Defaults of the import tool throughout: comma, double quotes doubled inside a field, `;` between the items of
an array, UTF-8. An empty field is no property. Line breaks inside text become spaces, so that the import
needs no --multiline-fields."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from graph.exports import status as validity_status
from graph.exports.model import Export, ExportOptions
from graph.models import Document, Edge, Status, Subgraph

NODE_HEADER: tuple[str, ...] = (
    "id:ID",
    ":LABEL",
    "label",
    "number",
    "title",
    "doc_type",
    "issuer",
    "issue_date",
    "year",
    "province",
    "place",
    "subject",
    "signer",
    "source",
    "placeholder:boolean",
    # its status on status_as_of (graph/exports/status.py); empty when the export was made without statuses
    "status",
    "status_label",
    "in_force:boolean",
    "status_since",
    "status_as_of:date",
)
EDGE_HEADER: tuple[str, ...] = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "relation_detail",
    "source_doc",
    "asserted_by",
    "evidence",
    "start:int",
    "end:int",
    "mention",
    "pinpoint",
    "confidence:double",
    "cited_as",
    "source_cited_as",
    "resolution",
    "resolution_confidence:double",
    "resolution_candidates:string[]",
)
NODE_LABEL = "LexDocument"
PLACEHOLDER_LABEL = "Placeholder"


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).splitlines())


_STATUS_FIELDS = ("status", "status_label", "in_force", "status_since", "status_as_of")


def _node_row(document: Document, status: Status | None) -> list[str]:
    labels = f"{NODE_LABEL};{PLACEHOLDER_LABEL}" if document.placeholder else NODE_LABEL
    d = document
    values = (
        d.id,
        labels,
        d.label,
        d.number,
        d.title,
        d.doc_type,
        d.issuer,
        d.issue_date,
        d.year,
        d.province,
    )
    found = validity_status.attributes(status)
    state = [found.get(name) for name in _STATUS_FIELDS]
    return [_field(v) for v in (*values, d.place, d.subject, d.signer, d.source, d.placeholder, *state)]


def _edge_row(edge: Edge) -> list[str]:
    e, r = edge, edge.resolution
    values = (
        e.source,
        e.target,
        e.relation.upper(),
        e.relation,
        e.relation_detail,
        e.source_doc,
        e.asserted_by,
    )
    rest = (e.evidence, e.start, e.end, e.mention, e.pinpoint, e.confidence, e.cited_as, e.source_cited_as)
    return [_field(v) for v in (*values, *rest, r.method, r.confidence, ";".join(r.candidates) or None)]


def _table(header: Sequence[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def neo4j_csv(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    nodes = (_node_row(d, options.statuses.get(d.id)) for d in subgraph.documents)
    return Export(
        "text/csv; charset=utf-8",
        {
            "nodes.csv": _table(NODE_HEADER, nodes),
            "edges.csv": _table(EDGE_HEADER, map(_edge_row, subgraph.edges)),
        },
    )
