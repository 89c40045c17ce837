"""GraphML and GEXF (Gephi, yEd, Cytoscape): the subgraph as a networkx MultiDiGraph, written by networkx.

Parallel edges stay parallel (one per statement: a letter's own citation and another letter's assertion of
the same link are two pieces of evidence), each with its sentence, confidence and resolution."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.exports import status as validity_status
from graph.exports import style
from graph.exports.model import Export, ExportOptions
from graph.models import Document, Edge, Status, Subgraph

# XML 1.0 forbids most control characters; a PDF's text layer can carry them into an evidence sentence.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: Any) -> Any:
    return _NOT_XML.sub(" ", value) if isinstance(value, str) else value


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF have no null: an unknown value is an absent attribute."""
    return {key: _clean(value) for key, value in values.items() if value is not None}


def node_attributes(document: Document, status: Status | None = None) -> dict[str, Any]:
    fields = document.model_dump(exclude={"id"})
    return _present(
        {
            "label": document.label,
            **fields,
            "family": style.family(document).name,
            **validity_status.attributes(status),
        }
    )


def edge_attributes(edge: Edge) -> dict[str, Any]:
    return _present(
        {
            "label": edge.relation,
            "relation": edge.relation,
            "relation_detail": edge.relation_detail,
            "source_doc": edge.source_doc,
            "asserted_by": edge.asserted_by,
            "evidence": edge.evidence,
            "start": edge.start,
            "end": edge.end,
            "mention": edge.mention,
            "pinpoint": edge.pinpoint,
            "confidence": float(edge.confidence),
            "cited_as": edge.cited_as,
            "source_cited_as": edge.source_cited_as,
            "resolution": edge.resolution.method,
            "resolution_confidence": float(edge.resolution.confidence),
            "resolution_candidates": " ".join(edge.resolution.candidates) or None,
            "color": style.RELATION_COLOURS[edge.relation],
        }
    )


def to_networkx(
    subgraph: Subgraph, root: str | None = None, statuses: Mapping[str, Status] | None = None
) -> nx.MultiDiGraph[str]:
    """The subgraph as a networkx graph: nodes are document ids with their metadata (and status, when given:
    `status`, `status_label` …), one edge per edge of the store (key: its position in `subgraph.edges`) with its
    evidence. For analyses in a notebook too."""
    statuses = statuses or {}
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(truncated=subgraph.truncated)
    if root:
        graph.graph["root"] = root
    for document in subgraph.documents:
        graph.add_node(document.id, **node_attributes(document, statuses.get(document.id)))
    for key, edge in enumerate(subgraph.edges):
        graph.add_edge(edge.source, edge.target, key=key, **edge_attributes(edge))
    return graph


def _hex_to_viz(colour: str) -> dict[str, Any]:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}


def graphml(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    buffer = io.BytesIO()
    nx.write_graphml(
        to_networkx(subgraph, root, options.statuses), buffer, encoding="utf-8", named_key_ids=True
    )
    return Export("application/graphml+xml", {"graph.graphml": buffer.getvalue()})


def gexf(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    graph = to_networkx(subgraph, root, options.statuses)
    # Gephi shows GEXF's viz colours as they are: the relation colours of the other pictures.
    for document in subgraph.documents:
        graph.nodes[document.id]["viz"] = _hex_to_viz(style.family(document).fill)
    for _, _, data in graph.edges(data=True):
        data["viz"] = _hex_to_viz(data["color"])
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8")
    return Export("application/gexf+xml", {"graph.gexf": buffer.getvalue()})
