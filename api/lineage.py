"""A document's "Lược đồ", as the legal portals draw it: what it cites and what cites it, grouped by relation in
both directions (căn cứ, hướng dẫn, sửa đổi, thay thế, bãi bỏ, thực hiện, trả lời, kèm theo, dẫn chiếu), one row
per document with every edge between the two folded into it, filtered and sorted from query parameters.

Why rows and not edges: a law is cited by one document in several sentences, and other letters assert the same
relation again ("Luật số 43/2024/QH15 sửa đổi Luật Nhà ở …" in four circulars): a flat list repeats the document
once per edge (the issue's "Trích dẫn (18)" for 7 documents). Every edge stays on its row, as evidence.

Pure: edges and documents in, rows out. Headings come from the relation table (ingest/relation_table.py), the one
place a relation is named; the order is the portals'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from graph.models import Document, Edge
from ingest.relation_table import KIND, Relation

# The portals' order: what the document rests on first, then what changes force, then the rest.
ORDER: tuple[Relation, ...] = (
    "based_on", "guides", "amends", "replaces", "repeals", "implements", "responds_to", "attaches", "cites",
)  # fmt: skip

Side = Literal["out", "in"]
Sort = Literal["ngay", "ngay-tang", "so"]
SORTS: dict[str, str] = {  # query value → how the form names it
    "ngay": "Ngày ban hành, mới nhất trước",
    "ngay-tang": "Ngày ban hành, cũ nhất trước",
    "so": "Số ký hiệu",
}
MAX_FILTER = 200  # characters of a filter value: longer names no document


def heading(relation: str, side: Side) -> str:
    """ "Văn bản này căn cứ" (what it cites) or "Văn bản này được hướng dẫn bởi" (what cites it)."""
    kind = KIND[relation]
    return f"Văn bản này {kind.verb_vi if side == 'out' else kind.passive_vi}"


@dataclass
class Row:
    """One document at the other end, and every edge between it and this one in this relation and direction:
    the sentences of this document's text and those that other letters assert."""

    other: Document
    edges: list[Edge]
    span: int | None = None  # the `trich-dan-N` of its first mark in the text, for what this document cites

    @property
    def first(self) -> Edge:
        return self.edges[0]

    @property
    def more(self) -> list[Edge]:
        return self.edges[1:]


@dataclass
class Group:
    relation: str
    side: Side
    heading: str
    rows: list[Row]  # after filtering and sorting, at most `shown` of them
    total: int  # rows that pass the filters


@dataclass
class Filters:
    """The filters and the order as the query string gave them, cleaned. A year that is not one and an unknown
    order are dropped (the list as if they were not asked); a type or issuer no row has leaves no row, and the
    page says that nothing matches."""

    doc_type: str = ""
    issuer: str = ""
    year: str = ""
    sort: Sort = "ngay"

    @property
    def active(self) -> bool:
        return bool(self.doc_type or self.issuer or self.year)

    def keeps(self, document: Document) -> bool:
        return (
            (not self.doc_type or document.doc_type == self.doc_type)
            and (not self.issuer or document.issuer == self.issuer)
            and (not self.year or _year(document) == self.year)
        )

    def params(self) -> dict[str, str]:
        """Their query string, for links that keep them."""
        values = {"loai": self.doc_type, "co_quan": self.issuer, "nam": self.year}
        if self.sort != "ngay":
            values["sap_xep"] = self.sort
        return {k: v for k, v in values.items() if v}


def filters_from(params: Mapping[str, str]) -> Filters:
    def clean(name: str) -> str:
        value = params.get(name) or ""
        return "".join(c for c in value if c.isprintable()).strip()[:MAX_FILTER]

    sort = clean("sap_xep")
    year = clean("nam")
    return Filters(
        doc_type=clean("loai"),
        issuer=clean("co_quan"),
        year=year if re.fullmatch(r"\d{4}", year) else "",
        sort=sort if sort in SORTS else "ngay",  # type: ignore[arg-type]
    )


@dataclass
class Choices:
    """What the filters can be set to: the values the rows hold, before filtering."""

    types: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)


@dataclass
class Lineage:
    outgoing: list[Group]
    incoming: list[Group]
    filters: Filters
    choices: Choices
    outgoing_documents: int  # distinct documents at the other end, all groups together, before filtering
    incoming_documents: int

    @property
    def shown_documents(self) -> int:
        return len({r.other.id for g in self.outgoing + self.incoming for r in g.rows})


def _year(document: Document) -> str:
    return (document.issue_date or document.year or "")[:4]


def _number_key(document: Document) -> tuple[int, list[tuple[int, str]], str]:
    """ "6/2024/QĐ-UBND" before "30/2021/QĐ-UBND" before "100/2019/NĐ-CP": numbers compare as numbers;
    a document without one comes last, by its name."""
    if not document.number:
        return (1, [], document.label.casefold())
    parts = [
        (int(p), "") if p.isdigit() else (-1, p.casefold()) for p in re.findall(r"\d+|\D+", document.number)
    ]
    return (0, parts, document.label.casefold())


def sort_rows(rows: list[Row], sort: Sort) -> list[Row]:
    if sort == "so":
        return sorted(rows, key=lambda r: _number_key(r.other))
    undated = [r for r in rows if not (r.other.issue_date or r.other.year)]
    dated = sorted(
        (r for r in rows if r.other.issue_date or r.other.year),
        key=lambda r: (r.other.issue_date or r.other.year or "", r.other.label),
        reverse=sort == "ngay",
    )
    return dated + sorted(undated, key=lambda r: r.other.label.casefold())  # undated last either way


def _rows(
    edges: Sequence[Edge], side: Side, document: Callable[[str], Document], span: Callable[[Edge], int | None]
) -> dict[str, list[Row]]:
    """relation → one row per document at the other end, in the order edges came."""
    by_key: dict[tuple[str, str], Row] = {}
    for edge in edges:
        other = edge.target if side == "out" else edge.source
        row = by_key.get((edge.relation, other))
        if row is None:
            row = by_key[(edge.relation, other)] = Row(document(other), [])
        row.edges.append(edge)
        if row.span is None:
            row.span = span(edge)
    grouped: dict[str, list[Row]] = {}
    for (relation, _), row in by_key.items():
        # This document's own sentence first: the one a reader checks against the text.
        row.edges.sort(key=lambda e: e.asserted_by is not None)
        grouped.setdefault(relation, []).append(row)
    return grouped


def lineage(
    outgoing: Sequence[Edge],
    incoming: Sequence[Edge],
    document: Callable[[str], Document],
    filters: Filters,
    span: Callable[[Edge], int | None] = lambda _: None,
    shown: int = 300,
) -> Lineage:
    """The groups of both directions in the portals' order, empty groups left out; at most `shown` rows in a
    group (a law may be cited by thousands: the REST API pages the rest)."""
    sides: dict[Side, dict[str, list[Row]]] = {
        "out": _rows(outgoing, "out", document, span),
        "in": _rows(incoming, "in", document, lambda _: None),
    }
    every = [r.other for rows in sides.values() for group in rows.values() for r in group]
    choices = Choices(
        types=sorted({d.doc_type for d in every if d.doc_type}),
        issuers=sorted({d.issuer for d in every if d.issuer}),
        years=sorted({y for d in every if (y := _year(d))}, reverse=True),
    )
    groups: dict[Side, list[Group]] = {"out": [], "in": []}
    for side, by_relation in sides.items():
        for relation in ORDER:
            kept = sort_rows(
                [r for r in by_relation.get(relation, []) if filters.keeps(r.other)], filters.sort
            )
            if kept:
                groups[side].append(Group(relation, side, heading(relation, side), kept[:shown], len(kept)))
    return Lineage(
        outgoing=groups["out"],
        incoming=groups["in"],
        filters=filters,
        choices=choices,
        outgoing_documents=len({r.other.id for rows in sides["out"].values() for r in rows}),
        incoming_documents=len({r.other.id for rows in sides["in"].values() for r in rows}),
    )
