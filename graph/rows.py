"""The stored form of documents and edges, one definition for every store, so that they store, search and
answer alike: the fields of a document row (SQLite's columns, Neo4j's node properties) with the search fields
derived from a `NodeRecord`, the fields of an edge row, the models made from rows, the merge rule for
placeholders, and the search conditions normalised as the derived fields are.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.dates import check_date_bound
from graph.models import Document, Edge, NodeRecord, Resolution
from ingest.citations import canonical_type
from ingest.identity import normalise_number, slug
from ingest.lexicon import modern_tones


def _names(columns: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in columns.split(","))


# A Document's fields, in the order `document_of` reads them.
DOC_FIELDS = _names(
    "id, placeholder, number, title, doc_type, issuer, issue_date, year, province, place, subject, "
    "signer, source, effective_date, effective_text, expiry_date, expiry_text"
)
# Every stored field of a document, in the order `document_row` gives them.
ROW_FIELDS = _names(
    "id, placeholder, number, title, doc_type, issuer, issue_date, year, province, local, definite, "
    "place, subject, signer, source, content_hash, meta, number_key, issuer_key, words, words_ascii, "
    "date_lo, date_hi, effective_date, effective_text, expiry_date, expiry_text"
)
# An edge row as `edge_of` reads it: its ends, then the stored fields ("start"/"end" stored as start_offset and
# end_offset) and how each end was resolved.
EDGE_FIELDS = _names(
    "src, dst, relation, relation_detail, source_doc, asserted_by, evidence, start_offset, end_offset, "
    "mention, pinpoint, confidence, cited_as, source_cited_as, dst_method, dst_confidence, "
    "dst_candidates, src_method, src_confidence, src_candidates, parts"
)
# What `merged_placeholder` reads of a stored document.
STORED_NAMES = ("placeholder", "number", "title", "doc_type", "issuer", "issue_date")


def json_list(values: Iterable[Any]) -> str:
    """A JSON array, as graph.load writes candidates."""
    return json.dumps(list(values), ensure_ascii=False)


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Case, tone placement and punctuation ignored: how names and subjects are searched."""
    text = modern_tones(unicodedata.normalize("NFC", text)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def date_range(date: str | None) -> tuple[str | None, str | None]:
    """ "2023" → 2023-01-01 … 2023-12-31; "2023-02" → the month; a full date → itself."""
    if not date:
        return None, None
    low = date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
    high = date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date
    return low, high


@lru_cache(maxsize=1 << 14)
def _ascii_words(text: str) -> str:
    """The words of `text` without diacritics; cached, as placeholders of one law repeat its name."""
    return f" {slug(text).replace('-', ' ')} "


def document_row(node: NodeRecord) -> tuple[Any, ...]:
    """The stored fields of a document (ROW_FIELDS), the derived search fields included."""
    text = " ".join(filter(None, (node.title, node.subject)))
    low, high = date_range(node.issue_date or node.year)
    # Written out (this runs for every document and placeholder a batch writes); ROW_FIELDS' order, checked
    # below.
    return (
        node.id, node.placeholder, node.number, node.title, node.doc_type, node.issuer, node.issue_date,
        node.year, node.province, node.local, node.definite, node.place, node.subject, node.signer,
        node.source, node.content_hash, node.meta_json,
        node.number.upper() if node.number else None,  # number_key
        fold(node.issuer) if node.issuer else None,  # issuer_key
        f" {fold(text)} ",  # words
        _ascii_words(text),  # words_ascii
        low, high,  # date_lo, date_hi
        node.effective_date, node.effective_text, node.expiry_date, node.expiry_text,
    )  # fmt: skip


assert ROW_FIELDS[17:23] == ("number_key", "issuer_key", "words", "words_ascii", "date_lo", "date_hi")
assert ROW_FIELDS[23:] == NodeRecord._fields[-4:] == DOC_FIELDS[-4:]
assert ROW_FIELDS[:16] == NodeRecord._fields[:11] + NodeRecord._fields[12:17] and ROW_FIELDS[16] == "meta"


# Models are built by validation (pydantic-core does that faster than model_construct), their validators
# called directly: what their constructors do, without the keyword-argument round trip (a third of the time of a
# Document).
_DOCUMENT = Document.__pydantic_validator__
_EDGE = Edge.__pydantic_validator__


def document_of(row: Sequence[Any]) -> Document:
    """A Document from its DOC_FIELDS, in order."""
    values = dict(zip(DOC_FIELDS, row, strict=True))
    values["placeholder"] = bool(values["placeholder"])
    document: Document = _DOCUMENT.validate_python(values)  # a validator is typed Any: named here
    return document


@lru_cache(maxsize=4096)
def resolution_of(method: str, confidence: float, candidates: str) -> Resolution:
    """Shared, as most edges were resolved alike (Resolutions are frozen)."""
    return Resolution(method=method, confidence=confidence, candidates=json.loads(candidates))


def edge_of(row: Sequence[Any]) -> Edge:
    """An Edge from its EDGE_FIELDS, in order."""
    (src, dst, relation, detail, source_doc, asserted_by, evidence, start, end, mention, pinpoint, confidence,
     cited_as, source_cited_as, d_method, d_conf, d_cands, s_method, s_conf, s_cands, parts) = row  # fmt: skip
    edge: Edge = _EDGE.validate_python(  # a validator is typed Any: named here
        dict(
            source=src,
            target=dst,
            relation=relation,
            relation_detail=detail,
            source_doc=source_doc,
            asserted_by=asserted_by,
            evidence=evidence,
            start=start,
            end=end,
            mention=mention,
            pinpoint=pinpoint,
            parts=json.loads(parts) if parts is not None else None,
            confidence=confidence,
            cited_as=cited_as,
            source_cited_as=source_cited_as,
            resolution=resolution_of(d_method, d_conf, d_cands),
            source_resolution=resolution_of(s_method, s_conf, s_cands) if s_method else None,
        )
    )
    return edge


def merged_placeholder(node: NodeRecord, stored: Sequence[Any] | None) -> NodeRecord | None:
    """What to write for a placeholder `node`, given the STORED_NAMES of the document stored under its id: the
    node when nothing is; for a stored placeholder, it with the blanks the new citation fills (a longer date is
    a finer one), or None when that adds nothing; None for an ingested document."""
    if stored is None:
        return node
    placeholder, number, title, doc_type, issuer, issue_date = stored
    if not placeholder:
        return None
    date = issue_date if len(issue_date or "") >= len(node.issue_date or "") else node.issue_date
    filled = (number or node.number, title or node.title, doc_type or node.doc_type, issuer or node.issuer)
    if filled == (number, title, doc_type, issuer) and date == issue_date:
        return None
    return node._replace(
        number=filled[0], title=filled[1], doc_type=filled[2], issuer=filled[3], issue_date=date
    )


@dataclass(frozen=True)
class SearchTerms:
    """`GraphStore.search`'s conditions, normalised as the derived fields of `document_row` are; None (or no
    words) where a condition is not asked for."""

    number: str | None  # a part of number_key
    doc_type: str | None  # the doc_type
    issuer: str | None  # a part of issuer_key
    date_from: str | None  # date_hi is on or after it
    date_to: str | None  # date_lo is on or before it
    # Each " word ", in the order typed: one in ASCII is looked for in words_ascii (typed without diacritics, it
    # also matches the words with them), any other in words.
    words: tuple[str, ...]
    placeholders: bool

    @classmethod
    def of(
        cls,
        *,
        number: str | None,
        doc_type: str | None,
        issuer: str | None,
        date_from: str | None,
        date_to: str | None,
        words: str | None,
        placeholders: bool,
    ) -> SearchTerms:
        return cls(
            number=normalise_number(number).upper() if number else None,
            doc_type=canonical_type(doc_type.strip()) if doc_type else None,
            issuer=fold(issuer) if issuer else None,
            # A bound that is no real date is the caller's mistake to report (InvalidDate), never a filter.
            date_from=date_range(check_date_bound(date_from))[0] if date_from else None,
            date_to=date_range(check_date_bound(date_to))[1] if date_to else None,
            words=tuple(f" {word} " for word in fold(words or "").split()),
            placeholders=placeholders,
        )
