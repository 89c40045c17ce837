"""The implementers of a document by province (issue 15: which provinces have documents implementing Nghị quyết
06/NQ-CP): every document of the implementers tree once, grouped by the province of its issuer. A document's
province is the one its identity holds (local bodies' ids carry it: vn/lai-chau/ldld/2023/1127-ldld); a central
body's document, or a local one whose province is unknown (vn/local/…), goes to a last row of its own, so that
the counts add up to the tree."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Document, Tree
from ingest.identity import slug
from ingest.metadata_lexicon import PROVINCES

# slug → the name as written; the first spelling of PROVINCES wins ("Bà Rịa - Vũng Tàu").
NAMES: dict[str, str] = {}
for _name in PROVINCES:
    NAMES.setdefault(slug(_name), _name)

OTHERS = "Cơ quan trung ương hoặc chưa rõ tỉnh"


@dataclass(frozen=True)
class ProvinceRow:
    name: str
    province: str | None  # the slug; None for the last row
    documents: list[Document]  # earliest first


def province_of(document: Document) -> str | None:
    if document.province in NAMES:
        return document.province
    parts = document.id.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in NAMES else None


def _documents(tree: Tree) -> list[Document]:
    """Every document under the root, once (a letter reached directly and through another is one document)."""
    seen: dict[str, Document] = {}
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        seen.setdefault(node.document.id, node.document)
        stack.extend(node.children)
    return list(seen.values())


def by_province(tree: Tree) -> list[ProvinceRow]:
    """Provinces with the most implementing documents first, then by name; the central/unknown row last."""
    groups: dict[str | None, list[Document]] = {}
    for document in _documents(tree):
        groups.setdefault(province_of(document), []).append(document)
    rows = [
        ProvinceRow(
            NAMES[p] if p else OTHERS, p, sorted(docs, key=lambda d: (d.issue_date or d.year or "", d.id))
        )
        for p, docs in groups.items()
    ]
    return sorted(rows, key=lambda r: (r.province is None, -len(r.documents), slug(r.name)))
