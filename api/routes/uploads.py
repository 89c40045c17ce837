"""Writes: upload documents to ingest them, delete a document. Both need an API key (checked before the body is
read: `api.security.WriteKeyGate`).

An upload is all or nothing: every file is read and extracted first, and only when all of them succeed are
they written, in one transaction. A file named like one uploaded before is a new version of it.

Files are extracted in worker processes (`ingest.pool`), each under the server's time and memory budget: a
hostile file costs its own worker at most `max_seconds`, then is that file's error, while the event loop goes on
answering reads and the other workers other uploads. A request has at most as many files in the workers at once
as there are workers, so that one request of twenty files does not queue every other upload behind it."""

from __future__ import annotations

import asyncio
import re
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import AppSettings, Store
from api.problems import ProblemError, responses
from api.routes import ids  # noqa: F401  (registers the doc_id path converter)
from api.routes.params import DocId
from api.security import require_write_key
from api.settings import Settings
from graph import DocumentNotFound, WriteResult
from graph.load import plan
from ingest.models import Extraction
from ingest.pool import Budget, ExtractionPool
from ingest.readers import SUPPORTED_SUFFIXES

router = APIRouter(prefix="/documents", tags=["writes"], dependencies=[Depends(require_write_key)])

UPLOAD_SCHEME = "upload://"
CHUNK = 1024 * 1024
_POOL_LOCK = threading.Lock()


class Ingested(BaseModel):
    id: str
    label: str
    file: str
    citations: int


class UploadResult(BaseModel):
    documents: list[Ingested]
    result: WriteResult = Field(description="what the write changed in the graph")


def safe_name(name: str | None) -> str:
    """The file's own name, reduced to what is safe on any file system: no folders (either slash), no dots in
    front, no control characters; letters with diacritics are kept."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    base = re.sub(r"[^\w .()\-]", "_", base).strip(" .")
    return base[-120:] or "document"


def _problem_file(name: str, code: str, message: str) -> dict[str, str]:
    return {"file": name, "code": code, "message": message}


async def _save(upload: UploadFile, folder: Path, name: str, max_bytes: int) -> Path:
    path = folder / name
    stem, suffix, n = path.stem, path.suffix, 1
    while path.exists():  # two uploads of one name in a request: keep both
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise ProblemError(413, f"{name} is larger than {max_bytes} bytes", title="Content Too Large")
            out.write(chunk)
    return path


def extraction_pool(app: Any) -> ExtractionPool:
    """The application's extraction workers, started at the first upload (a server that only answers reads
    never starts them) and stopped with the application."""
    with _POOL_LOCK:
        pool: ExtractionPool | None = getattr(app.state, "extraction_pool", None)
        if pool is None:
            settings: Settings = app.state.settings
            budget = Budget(
                max_seconds=settings.max_seconds,
                max_memory_mb=settings.max_memory_mb,
                max_bytes=settings.max_upload_bytes,
            )
            pool = app.state.extraction_pool = ExtractionPool(settings.extract_workers, budget)
        return pool


def close_extraction_pool(app: Any) -> None:
    with _POOL_LOCK:
        pool: ExtractionPool | None = getattr(app.state, "extraction_pool", None)
        app.state.extraction_pool = None
    if pool is not None:
        pool.close()


async def _extract(pool: ExtractionPool, paths: list[tuple[str, Path]]) -> list[Extraction]:
    """The extractions of one request's files, at most `pool.workers` of them in the workers at once."""
    room = asyncio.Semaphore(pool.workers)

    async def one(name: str, path: Path) -> Extraction:
        async with room:
            return await asyncio.wrap_future(pool.submit(path, source=UPLOAD_SCHEME + name))

    return list(await asyncio.gather(*(one(name, path) for name, path in paths)))


@router.post(
    "",
    status_code=201,
    summary="Upload documents and ingest them",
    responses=responses(400, 401, 403, 413),
)
async def upload_documents(
    request: Request,
    store: Store,
    settings: AppSettings,
    files: Annotated[list[UploadFile], File(min_length=1, description="txt, md, html, pdf or docx files")],
) -> UploadResult:
    if len(files) > settings.max_upload_files:
        raise ProblemError(
            413, f"at most {settings.max_upload_files} files per request", title="Content Too Large"
        )
    errors: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="lexgraph-upload-") as tmp:
        saved: list[tuple[str, Path]] = []
        for upload in files:
            name = safe_name(upload.filename)
            if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
                errors.append(_problem_file(name, "unsupported_type", f"not one of {supported}"))
                continue
            path = await _save(upload, Path(tmp), name, settings.max_upload_bytes)
            saved.append((path.name, path))
        extractions = await _extract(extraction_pool(request.app), saved) if saved else []
    writes = []
    for extraction in extractions:
        name = extraction.source.removeprefix(UPLOAD_SCHEME)
        errors += [_problem_file(name, e.code, e.message) for e in extraction.errors]
        if extraction.document is not None and not extraction.errors:
            writes.append((name, extraction, plan(extraction)))
    if errors:
        raise ProblemError(422, "some files could not be ingested; none was written", errors=errors)
    result = await run_in_threadpool(store.write, [w for _, _, w in writes])
    documents = []
    for name, extraction, write in writes:
        stored = store.get(write.node.id)
        documents.append(
            Ingested(
                id=write.node.id,
                label=stored.label if stored else write.node.id,
                file=name,
                citations=len(extraction.citations),
            )
        )
    return UploadResult(documents=documents, result=result)


@router.delete(
    "/{doc_id:doc_id}",
    status_code=204,
    summary="Delete an ingested document",
    responses=responses(401, 403, 404),
)
def delete_document(store: Store, doc_id: DocId) -> Response:
    """Its own citations go; if other documents cite it, it stays as a placeholder with their edges."""
    if not store.delete([doc_id]):
        raise DocumentNotFound(doc_id, [])
    return Response(status_code=204)
