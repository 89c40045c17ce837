"""The review queue (/kiem-tra): citations whose target the rules of graph/resolve.py chose without certainty —
by the "latest before" rule, ambiguous, or with a confidence under REVIEW_BELOW — each with its citing sentence,
the chosen target and the other documents it could mean, for a person to check. Read-only: a correction is not
stored yet (see README)."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Document, Edge, GraphStore
from graph.resolve import REVIEW_BELOW

PER_PAGE = 30

# How the target was found, as the queue says it (graph/resolve.py's methods).
METHODS_VI = {
    "latest": "văn bản cùng số/tên ban hành gần nhất trước văn bản trích dẫn",
    "ambiguous": "chưa xác định được: nhiều văn bản phù hợp",
    "unresolved": "chưa có văn bản phù hợp trong hệ thống",
    "alias": "theo tên và năm của văn bản có số",
    "exact": "theo số và năm",
}


@dataclass(frozen=True)
class ReviewItem:
    edge: Edge
    citing: Document
    target: Document
    others: list[Document]  # the candidates other than the chosen target, latest first


@dataclass(frozen=True)
class ReviewPage:
    items: list[ReviewItem]
    first: int  # the number of the first item, from 1
    page: int
    more: bool
    below: float = REVIEW_BELOW


def review_page(store: GraphStore, page: int, per_page: int = PER_PAGE) -> ReviewPage:
    offset = (page - 1) * per_page
    edges = store.to_review(REVIEW_BELOW, limit=per_page + 1, offset=offset)  # one more: is there a next page
    shown = edges[:per_page]
    ids = {e.source_doc for e in shown} | {e.target for e in shown}
    ids |= {c for e in shown for c in e.resolution.candidates}
    # One read of every document the page names, not one per row.
    names = store_documents(store, ids)

    def doc(i: str) -> Document:
        return names.get(i) or Document(id=i, placeholder=True)

    items = [
        ReviewItem(
            edge=e,
            citing=doc(e.source_doc),
            target=doc(e.target),
            others=[doc(c) for c in e.resolution.candidates if c != e.target],
        )
        for e in shown
    ]
    return ReviewPage(items=items, first=offset + 1, page=page, more=len(edges) > per_page)


def store_documents(store: GraphStore, ids: set[str]) -> dict[str, Document]:
    return {i: d for i in sorted(ids) if (d := store.get(i)) is not None}
