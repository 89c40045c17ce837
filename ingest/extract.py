"""Files in, Extractions out: read → normalise → spaCy pipeline → Extraction. (Interface stub; being built.)"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ingest.models import Extraction


def extract_paths(
    paths: Sequence[Path], *, workers: int | None = None, progress: bool = False
) -> Iterator[Extraction]:
    """One Extraction per input file (folders are read recursively), in input order."""
    for path in paths:
        yield Extraction(source=str(path))
