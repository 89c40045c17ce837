"""Questions about the whole graph: what a citation denotes, routes between documents, a neighbourhood to
draw, what is cited but missing, what is cited most, and counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from api.deps import AppSettings, Store
from api.problems import ProblemError, responses
from api.responses import model_json
from api.routes.params import Depth, DirectionParam, Limit, MaxNodes, Ref, Relations
from graph import CitedDocument, Document, DocumentPath, Stats, Subgraph
from graph.identity import reference_from_text

router = APIRouter(tags=["graph"])


class ParsedReference(BaseModel):
    """What the citation text says of the document it names."""

    number: str | None = None
    title: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: str | None = None
    key: str = Field(description="the match key documents are found by")


class Resolved(BaseModel):
    ref: str
    parsed: ParsedReference | None
    documents: list[Document] = Field(description="ingested first, then latest first")


@router.get("/resolve", summary="The document(s) a citation denotes", responses=responses(404))
def resolve(store: Store, ref: Ref) -> Resolved:
    """Reads `ref` as a citation ("Nghị quyết số 06/NQ-CP của Chính phủ", "NQ 06/NQ-CP", "Luật Đất đai 2013")
    or an id, and returns every document it can denote. 404, with close matches, when none."""
    reference = reference_from_text(ref)
    documents = store.find(ref)
    if not documents:
        store.lookup(ref)  # raises DocumentNotFound with suggestions
    parsed = (
        ParsedReference(
            number=reference.number,
            title=reference.title,
            doc_type=reference.doc_type,
            issuer=reference.issuer,
            date=reference.date,
            year=reference.year,
            key=reference.key,
        )
        if reference
        else None
    )
    return Resolved(ref=ref, parsed=parsed, documents=documents)


FromRef = Annotated[
    str,
    Query(
        alias="from", min_length=1, max_length=300, description="id or citation text", examples=["1127/LĐLĐ"]
    ),
]
ToRef = Annotated[
    str,
    Query(alias="to", min_length=1, max_length=300, description="id or citation text", examples=["06/NQ-CP"]),
]


@router.get(
    "/paths", summary="The shortest citation route between two documents", responses=responses(404, 409)
)
def paths(
    store: Store,
    source: FromRef,
    target: ToRef,
    relation: Relations = None,
    max_depth: Depth = 10,
) -> DocumentPath:
    """Following edges forwards (citing → cited), only `relation` when given; each step with its edges."""
    start, end = store.lookup(source), store.lookup(target)
    path = store.path(start.id, end.id, relations=relation, max_depth=max_depth)
    if path is None:
        raise ProblemError(
            404,
            f"no route of at most {max_depth} steps from {start.label} to {end.label}",
            title="No path",
        )
    return path


@router.get(
    "/graph",
    summary="A neighbourhood, as nodes and edges to draw",
    responses=responses(404, 409),
    response_model=Subgraph,
)
def neighbourhood(
    store: Store,
    settings: AppSettings,
    root: Ref,
    depth: Annotated[int, Query(ge=0, le=5, description="steps from the root")] = 1,
    relation: Relations = None,
    direction: DirectionParam = "both",
    max_nodes: MaxNodes = 500,
) -> Response:
    document = store.lookup(root)
    subgraph = store.neighbourhood(
        document.id,
        depth=depth,
        relations=relation,
        direction=direction,
        max_nodes=min(max_nodes, settings.max_nodes),
    )
    return model_json(subgraph)


@router.get("/missing", summary="Cited but not ingested, most cited first", responses=responses())
def missing(store: Store, limit: Limit = 50) -> list[CitedDocument]:
    return store.missing(limit=limit)


@router.get("/most-cited", summary="The most cited documents", responses=responses())
def most_cited(store: Store, limit: Limit = 50, relation: Relations = None) -> list[CitedDocument]:
    return store.most_cited(limit=limit, relations=relation)


@router.get("/stats", summary="Counts of documents, placeholders, edges and relations", responses=responses())
def stats(store: Store) -> Stats:
    return store.stats()
