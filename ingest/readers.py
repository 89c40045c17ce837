"""Turning one input file into Unicode text (provisional: plain UTF-8 only while the full reader is built)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ingest.errors import ReadError

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def iter_input_files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.endswith(".gold.json")
            )
        else:
            yield path


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReadError(f"The file '{path.name}' does not exist.", code="not_found") from exc
    except Exception as exc:
        raise ReadError(f"The file '{path.name}' could not be read.", code="read_error") from exc
