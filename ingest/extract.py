"""Files in, Extractions out: read → normalise → spaCy pipeline → Extraction.

Pure (no store, no network) and isolated per file: whatever one file does — fails to read, trips a bug, runs for
ever, eats memory — it becomes that file's `errors` entry and the batch goes on. With a budget (the default), files
are extracted in worker processes that are stopped when a file runs past its time or memory (`ingest.pool`);
without one, in this process, a chunk of files at a time through `nlp.pipe`.

One document's extraction is `ingest.extract_document`; the spaCy pipeline is imported where it is used: a
process that only hands files to workers (the command line, the server) does without it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from itertools import islice
from pathlib import Path
from typing import TypeVar

from ingest.errors import IngestError

# extract_one, extract_text and extract_texts are this module's too: what one file or text gives.
from ingest.extract_document import extract_one as extract_one
from ingest.extract_document import extract_text as extract_text
from ingest.extract_document import extract_texts as extract_texts
from ingest.extract_document import failed
from ingest.models import Extraction
from ingest.pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_SECONDS, Budget, ExtractionPool
from ingest.readers import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, ReadLimits, iter_input_files, read_text

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16  # files per task: enough to amortise process hand-over, small enough to keep memory bounded
WINDOW = 4  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory


def extract_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """One file's Extraction, in this process and without a time budget (see `extract_paths` for one)."""
    return _extract_chunk([(path, max_bytes)])[0]


def _extract_chunk(
    chunk: Sequence[tuple[Path, int]], limits: ReadLimits = DEFAULT_LIMITS
) -> list[Extraction]:
    """Extractions for a few files, each isolated from the others' failures."""
    results: dict[int, Extraction] = {}
    readable: list[tuple[str, str, int]] = []
    for i, (path, max_bytes) in enumerate(chunk):
        try:
            readable.append((read_text(path, max_bytes=max_bytes, limits=limits), str(path), i))
        except IngestError as exc:
            results[i] = failed(str(path), exc.code, exc.message)
        except Exception as exc:
            log.exception("reading %s failed", path)
            results[i] = failed(
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
                results[i] = failed(
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
    max_seconds: float | None = DEFAULT_MAX_SECONDS,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    limits: ReadLimits = DEFAULT_LIMITS,
    on_file: Callable[[Extraction], None] | None = None,
) -> Iterator[Extraction]:
    """One Extraction per input file (folders are read recursively), in input order.

    `workers` processes share the work (default: one per core when there are enough files to pay for it). Each
    file has `max_seconds` and `max_memory_mb` (a worker's memory, the pipeline included) and its reader
    `limits`; a file past one of them gets an error ("timeout", "out_of_memory", "too_large") and the batch goes
    on. With neither time nor memory budget and one worker, files are extracted in this process."""
    files = list(iter_input_files(paths))
    n_workers = workers if workers is not None else (os.cpu_count() or 1 if len(files) >= 4 * CHUNK else 1)
    if max_seconds is None and max_memory_mb is None and n_workers <= 1:
        chunks = _chunks(((f, max_bytes) for f in files), CHUNK)
        yield from _flatten((_extract_chunk(chunk, limits) for chunk in chunks), on_file)
        return
    budget = Budget(max_seconds=max_seconds, max_memory_mb=max_memory_mb, max_bytes=max_bytes, limits=limits)
    with ExtractionPool(n_workers, budget) as pool:
        for extraction in pool.map(files, window=WINDOW * n_workers):
            if on_file:
                on_file(extraction)
            yield extraction


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
