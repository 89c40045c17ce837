"""Text a person types → the document it names: an id, or citation text read by the ingest citation finder
("Nghị quyết số 06/NQ-CP của Chính phủ", "NQ 06/NQ-CP", "06/NQ-CP" and "Nghị quyết 06/NQ-CP" are one document;
"Luật Đất đai 2013"), or a type and a bare number as people say it ("Quy chế 4859", "Nghị quyết 06"). Shared by
every store, so that they agree; a store lends four reads. Raises the errors of graph/store.py
(`DocumentNotFound`, `AmbiguousReference`)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection

from graph.identity import reference_from_text
from graph.models import Document
from graph.rows import SearchTerms
from graph.store import AmbiguousReference, DocumentNotFound
from ingest.identity import province_of
from ingest.lexicon import DOC_TYPES

GetDocument = Callable[[str], Document | None]
ByKeys = Callable[[Collection[str]], list[Document]]
Labels = Callable[[], dict[str, str]]
Search = Callable[[SearchTerms, int], list[Document]]

# "Quy chế 4859", "Nghị quyết số 06", "công văn 1127 năm 2023": a type, a number without its symbol, maybe a year.
# Longest type names first, so that "Nghị quyết liên tịch 01" is not read as "Nghị quyết" + "liên tịch 01".
_TYPE_NAMES = "|".join(re.escape(t) for t in sorted(DOC_TYPES, key=len, reverse=True))
_BARE_NUMBER = re.compile(
    rf"(?P<type>{_TYPE_NAMES})\s+(?:số\s+)?(?P<number>\d{{1,6}})(?:\s+năm\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_LEADING_NUMBER = re.compile(r"\d+")
BARE_SCAN = 2000  # documents of that type whose number holds those digits: far more than any real graph has

__all__ = ["AmbiguousReference", "DocumentNotFound", "find", "lookup", "ordered", "suggestions"]


def ordered(documents: list[Document]) -> list[Document]:
    """Ingested before placeholders, then latest first (undated last), then by id: stable sorts, last key first."""
    documents = sorted(documents, key=lambda d: d.id)
    documents.sort(key=lambda d: d.issue_date or d.year or "", reverse=True)
    documents.sort(key=lambda d: d.placeholder)
    return documents


def find(ref: str, get: GetDocument, by_keys: ByKeys, search: Search | None = None) -> list[Document]:
    """Documents `ref` names: the document of that id; else those whose number or name the citation in `ref`
    gives, of its year when it gives one and of its province when it names one; else, for a type and a bare
    number, the documents of that type whose number starts with it. Ingested first, then latest."""
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
    if not found and search is not None:
        found = by_bare_number(text, search)
    return ordered(found)


def by_bare_number(text: str, search: Search) -> list[Document]:
    """ "Quy chế 4859" → the Quy chế numbered 4859/…; "Nghị quyết 06" → every Nghị quyết numbered 06/… or 6-…
    (06/NQ-CP, 06-NQ/TW): the number as a whole, never 406/… nor 4859 as part of 48591/…."""
    match = _BARE_NUMBER.fullmatch(" ".join(text.split()))
    if match is None:
        return []
    doc_type = DOC_TYPES[match["type"].lower()]
    digits, year = match["number"], match["year"]
    terms = SearchTerms.of(
        number=digits,
        doc_type=doc_type,
        issuer=None,
        date_from=year,
        date_to=year,
        words=None,
        placeholders=True,
    )
    found = []
    for document in search(terms, BARE_SCAN):
        leading = _LEADING_NUMBER.match(document.number or "")
        if leading and int(leading.group()) == int(digits):
            found.append(document)
    return found


def lookup(
    ref: str, get: GetDocument, by_keys: ByKeys, labels: Labels, search: Search | None = None
) -> Document:
    """The one document `ref` names. When several match and exactly one of them is ingested, that one, if they
    share its number (a placeholder beside it holds citations that did not say which year they meant); a bare
    number matching several numbers ("Nghị quyết 06": 06/NQ-CP and 06-NQ/TW) is ambiguous."""
    found = find(ref, get, by_keys, search)
    if len(found) == 1:
        return found[0]
    ingested = [d for d in found if not d.placeholder]
    if len(ingested) == 1 and len({d.number for d in found}) == 1:
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
