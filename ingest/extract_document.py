"""One document in, one Extraction out: the raw text through normalisation and the spaCy pipeline. What a
worker process runs for each file (`ingest.pool`), and what `ingest.extract` batches.

The spaCy pipeline is imported where it is used, so that importing this module stays cheap.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import IngestError
from ingest.models import ExtractError, Extraction
from ingest.readers import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, ReadLimits, read_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def extraction_from_doc(doc: Doc, source: str) -> Extraction:
    from ingest.assemble import assemble
    from ingest.identity import document_id
    from ingest.models import DocumentMeta
    from ingest.pipeline import text_of

    meta = doc._.metadata.meta if doc._.metadata else DocumentMeta()
    text = text_of(doc)
    citations, asserted = assemble(doc._.mentions or [], doc._.asserted or [], text)
    key = meta.number
    validity = doc._.validity
    meta = meta.model_copy(
        update={
            "key": key,
            "id": document_id(meta.number, meta.subject, meta.issuer, meta.issue_date, meta.doc_type),
            **(asdict(validity) if validity else {}),
        }
    )
    return Extraction(source=source, document=meta, citations=citations, asserted=asserted, text=text)


def failed(source: str, code: str, message: str) -> Extraction:
    return Extraction(source=source, errors=[ExtractError(code=code, message=message)])


def extract_text(raw: str, source: str = "<text>") -> Extraction:
    """One Extraction from the raw text of a document."""
    return next(iter(extract_texts([(raw, source)])))


def extract_texts(items: Iterable[tuple[str, str]]) -> Iterator[Extraction]:
    """Extractions of (raw text, source) pairs, batched through `nlp.pipe`."""
    from ingest.normalise import normalise
    from ingest.pipeline import build_pipeline

    nlp = build_pipeline()
    prepared = ((normalise(raw).text, source) for raw, source in items)
    for doc, source in nlp.pipe(prepared, as_tuples=True, batch_size=32):
        yield extraction_from_doc(doc, source)


def extract_one(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits = DEFAULT_LIMITS
) -> Extraction:
    """One file's Extraction; whatever goes wrong is its `errors` entry, but for MemoryError, which a worker
    process reports as the file's memory budget running out."""
    source = str(path)
    try:
        raw = read_text(path, max_bytes=max_bytes, limits=limits)
    except IngestError as exc:
        return failed(source, exc.code, exc.message)
    try:
        return extract_text(raw, source)
    except MemoryError:
        raise
    except Exception as exc:
        log.exception("extracting %s failed", source)
        return failed(source, "internal_error", f"{source}: extraction failed ({type(exc).__name__}).")
