"""Files in, Extractions out: read → normalise → spaCy pipeline → Extraction.

Pure (no store, no network) and isolated per file: whatever one file does — fails to read, trips a bug — it
becomes that file's `errors` entry and the batch goes on. Large batches are spread over processes, each running
`nlp.pipe` over its share.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc

from ingest.assemble import assemble
from ingest.errors import IngestError
from ingest.identity import document_id
from ingest.models import DocumentMeta, ExtractError, Extraction
from ingest.normalise import normalise
from ingest.pipeline import build_pipeline, text_of
from ingest.readers import DEFAULT_MAX_BYTES, iter_input_files, read_text

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16  # files per task: enough to amortise process hand-over, small enough to keep memory bounded
WINDOW = 4  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory


def extraction_from_doc(doc: Doc, source: str) -> Extraction:
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


def _failed(source: str, code: str, message: str) -> Extraction:
    return Extraction(source=source, errors=[ExtractError(code=code, message=message)])


def extract_text(raw: str, source: str = "<text>") -> Extraction:
    """One Extraction from the raw text of a document."""
    return next(iter(extract_texts([(raw, source)])))


def extract_texts(items: Iterable[tuple[str, str]]) -> Iterator[Extraction]:
    """Extractions of (raw text, source) pairs, batched through `nlp.pipe`."""
    nlp = build_pipeline()
    prepared = ((normalise(raw).text, source) for raw, source in items)
    for doc, source in nlp.pipe(prepared, as_tuples=True, batch_size=32):
        yield extraction_from_doc(doc, source)


def extract_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    return _extract_chunk([(path, max_bytes)])[0]


def _extract_chunk(chunk: Sequence[tuple[Path, int]]) -> list[Extraction]:
    """Extractions for a few files, each isolated from the others' failures."""
    results: dict[int, Extraction] = {}
    readable: list[tuple[str, str, int]] = []
    for i, (path, max_bytes) in enumerate(chunk):
        try:
            readable.append((read_text(path, max_bytes=max_bytes), str(path), i))
        except IngestError as exc:
            results[i] = _failed(str(path), exc.code, exc.message)
        except Exception as exc:
            log.exception("reading %s failed", path)
            results[i] = _failed(
                str(path), "internal_error", f"{path}: could not be read ({type(exc).__name__})."
            )
    try:
        for (_, _, i), extraction in zip(
            readable, extract_texts((t, s) for t, s, _ in readable), strict=True
        ):
            results[i] = extraction
    except Exception:
        for raw, source, i in readable:
            if i in results:
                continue
            try:
                results[i] = extract_text(raw, source)
            except Exception as exc:
                log.exception("extracting %s failed", source)
                results[i] = _failed(
                    source, "internal_error", f"{source}: extraction failed ({type(exc).__name__})."
                )
    return [results[i] for i in range(len(chunk))]


def _chunks(items: Iterable[tuple[Path, int]], size: int) -> Iterator[list[tuple[Path, int]]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_paths(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Extraction], None] | None = None,
) -> Iterator[Extraction]:
    """One Extraction per input file (folders are read recursively), in input order.

    `workers` processes share the work (default: one per core when there are enough files to pay for it)."""
    files = list(iter_input_files(paths))
    n_workers = workers if workers is not None else (os.cpu_count() or 1 if len(files) >= 4 * CHUNK else 1)
    chunks = _chunks(((f, max_bytes) for f in files), CHUNK)
    if n_workers <= 1:
        results: Iterable[list[Extraction]] = map(_extract_chunk, chunks)
        yield from _flatten(results, on_file)
        return
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        yield from _flatten(bounded_map(pool, _extract_chunk, chunks, WINDOW * n_workers), on_file)


def bounded_map(pool: Executor, fn: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[R]:
    """`pool.map(fn, items)` with at most `window` items submitted and not yet consumed (pool.map submits them
    all at once): when the consumer (the store's writer) is slower than extraction, finished extractions wait in
    this bounded queue rather than piling up in memory. Results come in input order; leaving early cancels what
    has not started."""
    pending: deque[Future[R]] = deque()
    it = iter(items)
    try:
        for item in islice(it, window):
            pending.append(pool.submit(fn, item))
        while pending:
            result = pending.popleft().result()
            for item in islice(it, 1):
                pending.append(pool.submit(fn, item))
            yield result
    finally:
        for future in pending:
            future.cancel()


def _flatten(
    results: Iterable[list[Extraction]], on_file: Callable[[Extraction], None] | None
) -> Iterator[Extraction]:
    for chunk in results:
        for extraction in chunk:
            if on_file:
                on_file(extraction)
            yield extraction
