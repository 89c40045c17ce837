"""Text a person types → the document it names: an id, or citation text read by the ingest citation finder
("Nghị quyết số 06/NQ-CP của Chính phủ", "NQ 06/NQ-CP", "06/NQ-CP" and "Nghị quyết 06/NQ-CP" are one document;
"Luật Đất đai 2013"). Shared by every store, so that they agree; a store lends three reads. Raises the
errors of graph/store.py (`DocumentNotFound`, `AmbiguousReference`)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection

from graph.identity import reference_from_text
from graph.models import Document
from graph.store import AmbiguousReference, DocumentNotFound
from ingest.identity import province_of

GetDocument = Callable[[str], Document | None]
ByKeys = Callable[[Collection[str]], list[Document]]
Labels = Callable[[], dict[str, str]]

__all__ = ["AmbiguousReference", "DocumentNotFound", "find", "lookup", "ordered", "suggestions"]


def ordered(documents: list[Document]) -> list[Document]:
    """Ingested before placeholders, then latest first (undated last), then by id: stable sorts, last key first."""
    documents = sorted(documents, key=lambda d: d.id)
    documents.sort(key=lambda d: d.issue_date or d.year or "", reverse=True)
    documents.sort(key=lambda d: d.placeholder)
    return documents


def find(ref: str, get: GetDocument, by_keys: ByKeys) -> list[Document]:
    """Documents `ref` names: the document of that id; else those whose number or name the citation in `ref`
    gives, of its year when it gives one and of its province when it names one; ingested first, then latest."""
    text = ref.strip()
    if not text:
        return []
    document = get(text)
    if document is not None:
        return [document]
    reference = reference_from_text(text)
    if reference is None:
        return []
    found = by_keys([reference.key])
    if reference.year:
        found = [d for d in found if d.year == reference.year]
    stated = province_of(reference.issuer)
    if reference.local and stated:
        found = [d for d in found if d.province == stated]
    return ordered(found)


def lookup(ref: str, get: GetDocument, by_keys: ByKeys, labels: Labels) -> Document:
    """The one document `ref` names. When several match and exactly one of them is ingested, that one (a
    placeholder beside it holds citations that did not say which year they meant)."""
    found = find(ref, get, by_keys)
    if len(found) == 1:
        return found[0]
    ingested = [d for d in found if not d.placeholder]
    if len(ingested) == 1:
        return ingested[0]
    if found:
        raise AmbiguousReference(ref, found)
    raise DocumentNotFound(ref, suggestions(ref, get, labels))


def suggestions(ref: str, get: GetDocument, labels: Labels, limit: int = 5) -> list[Document]:
    """Documents whose id, number or name is close to `ref` (difflib), closest first."""
    names = labels()
    folded = {name.casefold(): doc_id for name, doc_id in names.items()}
    close = difflib.get_close_matches(ref.strip().casefold(), list(folded), n=limit * 3, cutoff=0.6)
    seen: list[str] = []
    for name in close:
        if folded[name] not in seen:
            seen.append(folded[name])
    return [d for d in (get(i) for i in seen[:limit]) if d is not None]
