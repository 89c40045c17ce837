"""Documents: search, one document with its text and citations, and the traversals from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from api.deps import AppSettings, Store
from api.problems import responses
from api.responses import model_json, models_json
from api.routes import ids  # noqa: F401  (registers the doc_id path converter)
from api.routes.params import AsOf, Depth, DocId, Limit, MaxNodes, Offset, Relations
from api.settings import Settings
from graph import Document, DocumentNotFound, Edge, GraphStore, Status, Timeline, Tree
from graph.models import ValidityState
from ingest.models import Relation

router = APIRouter(prefix="/documents", tags=["documents"])

Year = Annotated[int | None, Query(ge=1, le=9999, description="issued in this year")]
IsoDateOrYear = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="ISO date or year, inclusive: '2023', '2023-02-03'"
    ),
]
Text = Annotated[str | None, Query(max_length=200)]
EdgeLimit = Annotated[int, Query(ge=1, le=10_000, description="most edges in the answer")]


class DocumentList(BaseModel):
    items: list[Document]
    limit: int
    offset: int
    more: bool = Field(description="there are more results past this page")


class DocumentDetail(BaseModel):
    document: Document
    text: str | None = Field(
        description="the normalised text; edge offsets point into it (None: not ingested)"
    )
    citations: list[Edge] = Field(description="what it cites, and relations other documents assert of it")
    cited_by: list[Edge] = Field(
        description="what cites it (a law may be cited by thousands: see edges_limit)"
    )
    citations_total: int = Field(description="edges out, of which `citations` holds the first edges_limit")
    cited_by_total: int = Field(description="edges in, of which `cited_by` holds the first edges_limit")


def _document(store: GraphStore, doc_id: DocId) -> Document:
    document = store.get(doc_id)
    if document is None:
        # Ids are exact; close matches of citation text are /resolve's job.
        raise DocumentNotFound(doc_id, [])
    return document


@router.get("", summary="Search documents", responses=responses())
def search_documents(
    store: Store,
    number: Text = None,
    type: Annotated[str | None, Query(max_length=60, description="'Nghị quyết', 'Công văn' …")] = None,
    issuer: Text = None,
    year: Year = None,
    date_from: IsoDateOrYear = None,
    date_to: IsoDateOrYear = None,
    words: Annotated[
        str | None, Query(max_length=200, description="words of the name or subject; diacritics optional")
    ] = None,
    placeholders: Annotated[bool, Query(description="include cited-but-not-ingested documents")] = True,
    status: Annotated[
        list[ValidityState] | None,
        Query(
            description="only documents in one of these states on `as_of` (repeat for several): in_force, "
            "not_yet_in_force, expired, replaced, repealed, partly_repealed, suspended, amended, unknown"
        ),
    ] = None,
    as_of: AsOf = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentList:
    """Documents that meet every condition given: ingested first, then latest first."""
    if year is not None:
        date_from = date_from or str(year).zfill(4)
        date_to = date_to or str(year).zfill(4)
    wanted = offset + limit + 1
    found = store.search(
        number=number or None,
        doc_type=type or None,
        issuer=issuer or None,
        date_from=date_from,
        date_to=date_to,
        words=words or None,
        placeholders=placeholders,
        limit=-1 if status else wanted,
    )
    if status:
        found = _in_states(store, found, set(status), as_of, wanted)
    page = found[offset : offset + limit]
    return DocumentList(items=page, limit=limit, offset=offset, more=len(found) > offset + limit)


STATUS_BATCH = 500  # documents whose statuses are read together while a search keeps those in a state


def _in_states(
    store: GraphStore, found: list[Document], states: set[str], as_of: date | None, wanted: int
) -> list[Document]:
    """The documents of `found` in one of `states` on `as_of`, in order, the first `wanted` of them: statuses read
    a batch at a time (store.statuses), so a page near the top costs a few reads, not one per document."""
    kept: list[Document] = []
    for start in range(0, len(found), STATUS_BATCH):
        batch = found[start : start + STATUS_BATCH]
        statuses = store.statuses([d.id for d in batch], as_of)
        kept.extend(d for d in batch if d.id in statuses and statuses[d.id].state in states)
        if len(kept) >= wanted:
            break
    return kept[:wanted]


def _tree(
    traversal: Callable[..., Tree],
    settings: Settings,
    doc_id: str,
    depth: int,
    relation: list[Relation] | None,
    max_nodes: int,
) -> Response:
    """`store.implementers` or `store.implements` (DocumentNotFound for an unknown id), within the server's
    limits."""
    tree = traversal(
        doc_id,
        max_depth=min(depth, settings.max_depth),
        relations=relation or ("implements",),
        max_nodes=min(max_nodes, settings.max_nodes),
    )
    return model_json(tree)


# Sub-resources first (api/routes/ids.py).


@router.get(
    "/{doc_id:doc_id}/implementers",
    summary="What implements it, transitively",
    responses=responses(404),
    response_model=Tree,
)
def implementers(
    store: Store,
    settings: AppSettings,
    doc_id: DocId,
    depth: Depth = 5,
    relation: Relations = None,
    max_nodes: MaxNodes = 1000,
) -> Response:
    """A tree: the documents with an `implements` edge (or of `relation`) into it, theirs below them, down to
    `depth` levels; each node with the edges, hence the sentences, that link it to its parent."""
    return _tree(store.implementers, settings, doc_id, depth, relation, max_nodes)


@router.get(
    "/{doc_id:doc_id}/implements",
    summary="What it implements, up to the roots",
    responses=responses(404),
    response_model=Tree,
)
def implements(
    store: Store,
    settings: AppSettings,
    doc_id: DocId,
    depth: Depth = 10,
    relation: Relations = None,
    max_nodes: MaxNodes = 1000,
) -> Response:
    """The chain up: what it implements, what that implements, to the roots (or along `relation`)."""
    return _tree(store.implements, settings, doc_id, depth, relation, max_nodes)


@router.get(
    "/{doc_id:doc_id}/citations", summary="What it cites", responses=responses(404), response_model=list[Edge]
)
def citations(
    store: Store, doc_id: DocId, relation: Relations = None, limit: EdgeLimit = 1000, offset: Offset = 0
) -> Response:
    _document(store, doc_id)
    return models_json(store.citations(doc_id, "out", relation)[offset : offset + limit], Edge)


@router.get(
    "/{doc_id:doc_id}/cited-by", summary="What cites it", responses=responses(404), response_model=list[Edge]
)
def cited_by(
    store: Store, doc_id: DocId, relation: Relations = None, limit: EdgeLimit = 1000, offset: Offset = 0
) -> Response:
    """In edge order; page through a widely cited document with limit and offset."""
    _document(store, doc_id)
    return models_json(store.citations(doc_id, "in", relation)[offset : offset + limit], Edge)


@router.get(
    "/{doc_id:doc_id}/status",
    summary="Is it in force on a date, and why",
    responses=responses(404),
    response_model=Status,
)
def status(
    store: Store,
    doc_id: DocId,
    as_of: Annotated[
        date | None, Query(description="ISO date (YYYY-MM-DD); today when not given", examples=["2025-01-01"])
    ] = None,
) -> Response:
    """In force, not yet in force, expired, replaced, repealed, partly repealed, suspended, amended, or unknown
    where nothing in the graph decides it (a document cited but not ingested is never in force by default); with
    its Vietnamese label, the changes it rests on (acting document, relation, parts, from when, the sentence and
    the text that states it), every change the graph holds of it and the chain of replacements to the document in
    force in its place."""
    return model_json(store.status(doc_id, as_of))


@router.get(
    "/{doc_id:doc_id}/timeline",
    summary="Its life: issued, in force, amended, replaced …, in date order",
    responses=responses(404),
    response_model=Timeline,
)
def timeline(store: Store, doc_id: DocId) -> Response:
    """Each event with its date (undated last), its Vietnamese label, the acting document and its evidence."""
    return model_json(store.timeline(doc_id))


@router.get(
    "/{doc_id:doc_id}",
    summary="One document, its text and its citations",
    responses=responses(404),
    response_model=DocumentDetail,
)
def get_document(
    store: Store,
    doc_id: DocId,
    text: Annotated[bool, Query(description="include the text")] = True,
    edges_limit: Annotated[
        int,
        Query(ge=0, le=10_000, description="most edges in each list; the rest through /citations, /cited-by"),
    ] = 200,
) -> Response:
    document = _document(store, doc_id)
    out, into = store.citations(doc_id, "out"), store.citations(doc_id, "in")
    detail = DocumentDetail.model_construct(
        document=document,
        text=store.text(doc_id) if text else None,
        citations=out[:edges_limit],
        cited_by=into[:edges_limit],
        citations_total=len(out),
        cited_by_total=len(into),
    )
    return model_json(detail)
