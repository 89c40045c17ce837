"""JSON-LD in the vocabulary of the European Legislation Identifier (ELI ontology).

Each document is an `eli:LegalResource` whose relations to the others are ELI properties (based_on →
eli:based_on, amends → eli:amends, repeals → eli:repeals, cites → eli:cites, implements →
eli:ensures_implementation_of). The relations ELI has no term for (guides, replaces, responds_to, attaches) are
properties of lexgraph's own vocabulary, declared in the graph as sub-properties of eli:refers_to, so that an
ELI-aware reader still sees a reference.

Each document's status (given to `render`) is ELI's: eli:in_force (InForce-inForce, -notInForce,
-partiallyInForce; none when unknown), eli:first_date_entry_in_force and eli:date_no_longer_in_force, with
lexgraph:status and its Vietnamese label beside them.

A triple cannot carry its evidence, so each edge is also an `rdf:Statement` (RDF's own reification) of that
triple, with the sentence, the confidence, the document that states it and how its end was resolved.

The namespace IRIs are names, not addresses: nothing in the file is meant to be fetched."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.exports import status as validity_status
from graph.exports.model import Export, ExportOptions
from graph.models import RELATIONS, Document, Edge, Status, Subgraph
from ingest.relation_table import RELATION_TABLE

ELI = "http://data.europa.eu/eli/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

ELI_TERMS: dict[str, str] = {kind.name: kind.eli for kind in RELATION_TABLE if kind.eli}
OWN_TERMS: dict[str, str] = {r: f"lexgraph:{r}" for r in RELATIONS if r not in ELI_TERMS}
PROPERTY_OF: dict[str, str] = {**ELI_TERMS, **OWN_TERMS}


def context(base_iri: str) -> dict[str, Any]:
    literal = {
        "number": "eli:id_local",
        "title": "eli:title",
        "docType": "lexgraph:docType",
        "issuer": "lexgraph:issuer",
        "year": {"@id": "lexgraph:year", "@type": "xsd:gYear"},
        "dateDocument": {"@id": "eli:date_document", "@type": "xsd:date"},
        "province": "lexgraph:province",
        "place": "lexgraph:place",
        "subject": "lexgraph:subject",
        "signer": "lexgraph:signer",
        "label": "rdfs:label",
        "placeholder": {"@id": "lexgraph:placeholder", "@type": "xsd:boolean"},
        "evidence": "lexgraph:evidence",
        "confidence": {"@id": "lexgraph:confidence", "@type": "xsd:decimal"},
        "mention": "lexgraph:mention",
        "pinpoint": "lexgraph:pinpoint",
        "citedAs": "lexgraph:citedAs",
        "relationDetail": "lexgraph:relationDetail",
        "resolution": "lexgraph:resolution",
        "resolutionConfidence": {"@id": "lexgraph:resolutionConfidence", "@type": "xsd:decimal"},
        "first_date_entry_in_force": {"@id": "eli:first_date_entry_in_force", "@type": "xsd:date"},
        "date_no_longer_in_force": {"@id": "eli:date_no_longer_in_force", "@type": "xsd:date"},
        "status": "lexgraph:status",
        "statusLabel": {"@id": "lexgraph:statusLabel", "@language": "vi"},
        "statusAsOf": {"@id": "lexgraph:statusAsOf", "@type": "xsd:date"},
    }
    links = {
        "in_force": {"@id": "eli:in_force", "@type": "@id"},
        "statedIn": {"@id": "lexgraph:statedIn", "@type": "@id"},
        "assertedBy": {"@id": "lexgraph:assertedBy", "@type": "@id"},
        "candidates": {"@id": "lexgraph:resolutionCandidate", "@type": "@id", "@container": "@set"},
        "subPropertyOf": {"@id": "rdfs:subPropertyOf", "@type": "@id"},
        "rdfSubject": {"@id": "rdf:subject", "@type": "@id"},
        "rdfPredicate": {"@id": "rdf:predicate", "@type": "@id"},
        "rdfObject": {"@id": "rdf:object", "@type": "@id"},
        "root": {"@id": "lexgraph:root", "@type": "@id"},
        "truncated": {"@id": "lexgraph:truncated", "@type": "xsd:boolean"},
    }
    relations = {r: {"@id": term, "@type": "@id", "@container": "@set"} for r, term in PROPERTY_OF.items()}
    return {
        "eli": ELI,
        "rdf": RDF,
        "rdfs": RDFS,
        "xsd": XSD,
        "lexgraph": f"{base_iri}vocab#",
        **literal,
        **links,
        **relations,
    }


def _iri(base_iri: str, doc_id: str) -> str:
    return f"{base_iri}doc:{doc_id}"


def _document(document: Document, base_iri: str, status: Status | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": _iri(base_iri, document.id),
        "@type": "eli:LegalResource",
        "label": document.label,
        "placeholder": document.placeholder,
    }
    date = document.issue_date
    values = {
        "number": document.number,
        "title": document.title or document.subject,
        "docType": document.doc_type,
        "issuer": document.issuer,
        # eli:date_document is an xsd:date; a document known only by its year says so with lexgraph:year.
        "dateDocument": date if date and len(date) == 10 else None,
        "year": document.year or (date[:4] if date else None),
        "province": document.province,
        "place": document.place,
        "subject": document.subject,
        "signer": document.signer,
    }
    node.update({key: value for key, value in values.items() if value is not None})
    node.update(validity_status.eli_dates(document, status))
    if status is not None:
        node.update(status=status.state, statusLabel=status.label, statusAsOf=status.as_of.isoformat())
        in_force = validity_status.eli_in_force(status)
        if in_force:
            node["in_force"] = in_force
    return node


def _statement(index: int, edge: Edge, base_iri: str) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "@id": f"_:edge{index}",
        "@type": ["rdf:Statement", "lexgraph:Citation"],
        "rdfSubject": _iri(base_iri, edge.source),
        "rdfPredicate": PROPERTY_OF[edge.relation],
        "rdfObject": _iri(base_iri, edge.target),
        "evidence": edge.evidence,
        "confidence": edge.confidence,
        "statedIn": _iri(base_iri, edge.source_doc),
        "citedAs": edge.cited_as,
        "resolution": edge.resolution.method,
        "resolutionConfidence": edge.resolution.confidence,
    }
    optional = {
        "assertedBy": _iri(base_iri, edge.asserted_by) if edge.asserted_by else None,
        "relationDetail": edge.relation_detail,
        "mention": edge.mention,
        "pinpoint": edge.pinpoint,
        "candidates": [_iri(base_iri, c) for c in edge.resolution.candidates] or None,
    }
    statement.update({key: value for key, value in optional.items() if value is not None})
    return statement


def _own_properties() -> list[dict[str, Any]]:
    return [
        {"@id": term, "@type": "rdf:Property", "subPropertyOf": "eli:refers_to", "label": relation}
        for relation, term in OWN_TERMS.items()
    ]


def document_graph(
    subgraph: Subgraph, root: str | None, base_iri: str, statuses: Mapping[str, Status] | None = None
) -> dict[str, Any]:
    statuses = statuses or {}
    documents = {d.id: _document(d, base_iri, statuses.get(d.id)) for d in subgraph.documents}
    for edge in subgraph.edges:
        targets = documents[edge.source].setdefault(edge.relation, [])
        iri = _iri(base_iri, edge.target)
        if iri not in targets:
            targets.append(iri)
    statements = [_statement(i, edge, base_iri) for i, edge in enumerate(subgraph.edges)]
    # What was exported is a node of the graph: properties beside "@graph" would make it a named graph.
    export: dict[str, Any] = {"@id": "_:export", "@type": "lexgraph:Export", "truncated": subgraph.truncated}
    if root:
        export["root"] = _iri(base_iri, root)
    return {
        "@context": context(base_iri),
        "@graph": [export, *_own_properties(), *documents.values(), *statements],
    }


def jsonld(subgraph: Subgraph, root: str | None, options: ExportOptions) -> Export:
    text = json.dumps(
        document_graph(subgraph, root, options.base_iri, options.statuses), ensure_ascii=False, indent=1
    )
    return Export("application/ld+json", {"graph.jsonld": text.encode("utf-8")})
