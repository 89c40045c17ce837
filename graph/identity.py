"""Identity in the graph: the id and match keys of an ingested document, and what a citation says about the
document it names (a `Reference`), which graph/resolve.py turns into an id against what the graph holds.

Ids are those of ingest/identity.py (`vn/cp/2023/06-nq-cp`, `vn/lai-chau/lđlđ/2023/1127-ldld`,
`vn/named/2013/luat-dat-dai`), so `lexgraph extract` and the graph name a document alike. A citation that lacks
the year, or a local number whose province is unknown, names no single document: its own id then holds
"undated" or "local" (`vn/cp/undated/06-nq-cp`) and is the id of the placeholder it falls back on.

Match keys find the documents a reference may mean: "n:06/NQ-CP" (the number, case-insensitive) or
"t:luật đất đai" (a name, see `ingest.identity.title_key`). A numbered law also carries the key of its name,
so that "Luật Đất đai 2024" and "Luật số 31/2024/QH15" meet on one node.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ingest.citations import clean_name, strip_numbers
from ingest.identity import (
    document_id,
    named_id,
    normalise_number,
    numbered_id,
    parse_symbol,
    province_of,
    slug,
    title_key,
    year_of,
)
from ingest.lexicon import NAMED_TYPES
from ingest.mentions import find_mentions
from ingest.models import Citation, DocumentMeta

NUMBER_PREFIX = "n:"
TITLE_PREFIX = "t:"
_TRAILING_YEAR = re.compile(r"^(?P<name>.*?)\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)\s*$")


def number_match_key(number: str) -> str:
    return NUMBER_PREFIX + parse_symbol(number).key


def title_match_key(title: str) -> str:
    return TITLE_PREFIX + title_key(title)


def split_year(name: str) -> tuple[str, str | None]:
    """ "Luật Đất đai 2013" → ("Luật Đất đai", "2013"): the key format of number-less citations."""
    m = _TRAILING_YEAR.match(name)
    return (m.group("name"), m.group("year")) if m else (name, None)


@dataclass(frozen=True)
class CitingContext:
    """The document in whose text a citation stands: its date bounds what the citation can mean, its province
    completes local numbers."""

    doc_id: str
    date: str | None
    province: str | None


@dataclass(frozen=True, slots=True)
class Reference:
    """What one citation says about the document it names; stored with its edge (as JSON), so that the edge can
    be resolved again when the graph learns of new documents. (A dataclass, not a model: one is made for every
    citation of every document.)"""

    key: str  # match key: "n:06/NQ-CP" or "t:luật đất đai"
    cited_as: str  # the citation's key as extracted: "06/NQ-CP", "Luật Đất đai 2013"
    number: str | None = None  # normalised số ký hiệu
    title: str | None = None  # name of a number-less document ("Luật Đất đai")
    doc_type: str | None = None
    issuer: str | None = None
    date: str | None = None  # the date the citation gives
    year: str | None = None  # the year it gives, in its number or its date
    local: bool = False  # a local body's number: unique only within a province
    province: str | None = None  # for local numbers: the province stated, else the citing document's
    before: str | None = None  # the citing document's date: a later document is not the one meant
    alias: str | None = (
        None  # title key of a numbered citation that also names ("Luật Đất đai số 31/2024/QH15")
    )

    def to_json(self) -> str:
        # The field values in order, as a JSON array: this runs for every edge end that may resolve again
        # (dataclasses.asdict deep-copies each value, and the names would be a third of the stored bytes).
        return json.dumps([getattr(self, name) for name in REFERENCE_FIELDS], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Reference:
        values = json.loads(text)
        # An object: as stores written before the array form hold it.
        return cls(**values) if isinstance(values, dict) else cls(*values)

    @property
    def definite(self) -> bool:
        """The citation alone names one document: its year is known and, for a local number, its province."""
        return self.year is not None and (not self.local or self.province is not None)

    def own_id(self) -> str:
        """The id this citation names by itself; "undated"/"local" stand for what it does not say."""
        return _own_id(self.number, self.title or self.cited_as, self.year, self.province)


REFERENCE_FIELDS = tuple(f.name for f in fields(Reference))  # the order of `Reference.to_json`


@lru_cache(maxsize=1 << 16)
def _own_id(number: str | None, title: str, year: str | None, province: str | None) -> str:
    if number:
        return numbered_id(parse_symbol(number), year, province)
    return named_id(title, year)


def reference(
    *,
    cited_as: str,
    number: str | None,
    title: str | None,
    doc_type: str | None,
    issuer: str | None,
    date: str | None,
    context: CitingContext | None,
    before: str | None = None,
) -> Reference:
    """A Reference from the parts of a citation; `before` overrides the context's date as the upper bound."""
    bound = before or (context.date if context else None)
    if number:
        symbol = parse_symbol(number)
        year = symbol.year or year_of(date)
        province = None
        if symbol.local:
            province = province_of(issuer) or (context.province if context else None)
        alias = title_match_key(title) if title else None
        return Reference(
            key=NUMBER_PREFIX + symbol.key,
            cited_as=cited_as,
            number=symbol.number,
            title=title,
            doc_type=doc_type,
            issuer=issuer,
            date=date,
            year=year,
            local=symbol.local,
            province=province,
            before=bound,
            alias=alias,
        )
    name, key_year = split_year(title or cited_as)
    return Reference(
        key=title_match_key(name),
        cited_as=cited_as,
        title=name,
        doc_type=doc_type,
        issuer=issuer,
        date=date,
        year=year_of(date) or key_year,
        before=bound,
    )


def reference_from_citation(
    citation: Citation, context: CitingContext, before: str | None = None
) -> Reference:
    return reference(
        cited_as=citation.key,
        number=citation.number,
        title=citation.title,
        doc_type=citation.doc_type,
        issuer=citation.issuer,
        date=citation.date,
        context=context,
        before=before,
    )


def reference_from_text(text: str, context: CitingContext | None = None) -> Reference | None:
    """The document a piece of text names ("Nghị quyết số 06/NQ-CP của Chính phủ", "06/NQ-CP", "Luật Đất đai
    2013"), read by the ingest citation finder; None for empty text."""
    text = text.strip()
    if not text:
        return None
    mentions = find_mentions(text)
    mention = next((m for m in mentions if m.number), mentions[0] if mentions else None)
    if mention is None:  # not a citation the finder knows: take the words as a name, "… 2013" as its year
        return reference(
            cited_as=text, number=None, title=None, doc_type=None, issuer=None, date=None, context=context
        )
    date = mention.date
    if date is None:  # the key format: "Luật Đất đai 2013", "06/NQ-CP năm 2023"
        _, date = split_year(text[mention.start :])
    return reference(
        cited_as=mention.key,
        number=mention.number,
        title=mention.title,
        doc_type=mention.doc_type,
        issuer=mention.issuer,
        date=date,
        context=context,
    )


@dataclass(frozen=True)
class DocumentIdentity:
    """Who an ingested document is, from what it says about itself."""

    id: str
    number: str | None  # normalised
    title: str | None  # the name others cite it by, for laws and other named documents
    year: str | None
    date: str | None  # issue date, else the year
    province: str | None
    local: bool
    keys: frozenset[str]

    @property
    def definite(self) -> bool:
        return self.year is not None and (not self.local or self.province is not None)

    @property
    def context(self) -> CitingContext:
        return CitingContext(self.id, self.date, self.province)


def _name_of(meta: DocumentMeta) -> str | None:
    """ "Luật" + "SỬA ĐỔI, BỔ SUNG … LUẬT ĐẤT ĐAI SỐ 31/2024/QH15" → "Luật Sửa đổi, bổ sung … luật đất đai": the
    name a law is cited by. Only named types and number-less documents are cited by name."""
    if not meta.subject or not (meta.doc_type in NAMED_TYPES or not meta.number):
        return None
    subject = clean_name(strip_numbers(meta.subject))
    if meta.doc_type and not subject.casefold().startswith(meta.doc_type.casefold()):
        return f"{meta.doc_type} {subject}"
    return subject


def identify(meta: DocumentMeta, source: str) -> DocumentIdentity:
    """The identity of an ingested document. Its id is `ingest.identity.document_id` of its metadata (what
    `lexgraph extract` prints), or `vn/file/<file name>-<digest of its path>` for a document that gives neither
    number nor subject, so that ingesting the same file again finds the same document."""
    doc_id = document_id(meta.number, meta.subject, meta.issuer, meta.issue_date, meta.doc_type)
    if doc_id is None:
        # Named by its file: the name for a reader, a digest of the whole path so that "bao-cao.pdf" of two
        # folders are two documents.
        digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
        doc_id = f"vn/file/{slug(Path(source).stem) or 'unnamed'}-{digest}"
    number = normalise_number(meta.number) if meta.number else None
    symbol = parse_symbol(number) if number else None
    year = (symbol.year if symbol else None) or year_of(meta.issue_date)
    title = _name_of(meta)
    keys = set()
    if number:
        keys.add(number_match_key(number))
    if title:
        keys.add(title_match_key(title))
    return DocumentIdentity(
        id=doc_id,
        number=number,
        title=title,
        year=year,
        date=meta.issue_date or year,
        province=province_of(meta.issuer),
        local=bool(symbol and symbol.local),
        keys=frozenset(keys),
    )
