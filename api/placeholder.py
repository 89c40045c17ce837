"""What the graph knows of a document it holds only as cited (a placeholder), for its page: who cites it and how,
since when, the ways its name is written, and what to ingest to complete it. A placeholder's page would
otherwise be empty sections: it has no text, cites nothing, and its metadata are what citations said.

Pure: the placeholder, the edges into it and the documents they name in; a summary out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from api.highlight import date_vi
from api.lineage import ORDER, heading
from graph.models import Document, Edge

MAX_WRITINGS = 8  # the ways of writing its name shown: enough to recognise it, not a list of every sentence


@dataclass(frozen=True)
class Known:
    citing: int  # documents that cite it or state a relation to it
    first: Document | None  # the earliest of them with a date: "cited since"
    latest: Document | None
    relations: list[
        tuple[str, str, int]
    ]  # (relation, "Văn bản này được … bởi", documents), the Lược đồ's order
    writings: list[str]  # how texts write its name, most frequent first
    wanted: str  # what to look for to complete it: "Nghị quyết 06/NQ-CP của Chính phủ, năm 2022"


def _date(document: Document) -> str:
    return document.issue_date or document.year or ""


def known(placeholder: Document, incoming: Sequence[Edge], document: Callable[[str], Document]) -> Known:
    # Who cites it: the edge's source, and the letter that states the relation when another does.
    citers = {e.source for e in incoming} | {e.asserted_by for e in incoming if e.asserted_by}
    # Since when: from the documents held, whose dates are their own; a placeholder's is what a citation said.
    held = [d for i in citers if _date(d := document(i))]
    dated = sorted([d for d in held if not d.placeholder] or held, key=lambda d: (_date(d), d.id))
    relations: list[tuple[str, str, int]] = [
        (relation, heading(relation, "in"), n)
        for relation in ORDER
        if (n := len({e.source for e in incoming if e.relation == relation}))
    ]
    counts: dict[str, int] = {}
    for edge in incoming:
        if edge.mention:
            written = " ".join(edge.mention.split())
            counts[written] = counts.get(written, 0) + 1
    writings = sorted(counts, key=lambda w: (-counts[w], w))[:MAX_WRITINGS]
    return Known(
        citing=len(citers),
        first=dated[0] if dated else None,
        latest=dated[-1] if dated else None,
        relations=relations,
        writings=writings,
        wanted=wanted(placeholder),
    )


def wanted(placeholder: Document) -> str:
    """The document to find, as a person would ask for it at a library or on a portal."""
    parts = [placeholder.label]
    if placeholder.issuer:
        parts.append(f"của {placeholder.issuer}")
    when = placeholder.issue_date or placeholder.year
    if when and when not in placeholder.label:
        parts.append(f"năm {when}" if len(when) == 4 else f"ngày {date_vi(when)}")
    return " ".join(parts)
