"""What an export is (files and a media type), how it is asked for (options), and how it fails."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from graph.models import Status

FORMATS: tuple[str, ...] = (
    *("html", "svg", "png", "graphml", "gexf", "csv", "jsonld"),
    *("briefing-svg", "briefing-png"),  # 16:9 slides (graph/exports/briefing.py)
)
Layout = Literal["hierarchical", "force"]
MAX_PAGES = 20  # a briefing, not a book

ZIP_MEDIA_TYPE = "application/zip"
# A fixed timestamp: the same graph gives the same zip, byte for byte (caches, diffs, tests).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class ExportError(ValueError):
    """The export cannot be made as asked: an unknown format, a subgraph past the node cap. The message says
    what to change."""


class UnknownFormat(ExportError):
    pass


class TooManyNodes(ExportError):
    pass


class RendererUnavailable(RuntimeError):
    """This machine lacks what the format needs (PNG needs Graphviz's `dot`): a server matter, not the
    caller's, hence not a ValueError."""


@dataclass(frozen=True)
class ExportOptions:
    """layout: "hierarchical" puts what is cited above what cites it (a chain of letters under the resolution
    they implement); "force" lets a spring layout spread a dense neighbourhood.
    max_nodes: the most documents a picture takes; `export_subgraph` asks the store for no more than this,
    `render` refuses more (a 5,000-node hairball helps no briefing and stalls a browser).
    title: the heading of the HTML page and the caption of the picture; by default the root's label.
    base_iri: where JSON-LD identifiers live (a deployment can pass its public URL).
    statuses: each document's status by id (`GraphStore.statuses` of the subgraph's documents, which
    `export_subgraph` reads and `render(statuses=…)` takes): every format carries it (graph/exports/status.py);
    a document without one has no status in the export.
    pages: how many slides a briefing picture may take; past them, and past max_nodes, one "+N" node stands for
    the rest (a briefing summarises what does not fit instead of refusing it).
    document_url: where a document's page is, the id appended ("https://lexgraph.example/van-ban/"): a click on a
    document of the html export opens it (http, https or a path only); None: a click shows its details."""

    layout: Layout = "hierarchical"
    max_nodes: int = 500
    title: str | None = None
    base_iri: str = "urn:lexgraph:"
    statuses: Mapping[str, Status] = field(default_factory=dict, hash=False)
    pages: int = 1
    document_url: str | None = None

    def __post_init__(self) -> None:
        if self.layout not in ("hierarchical", "force"):
            raise ExportError(f"layout {self.layout!r}: expected 'hierarchical' or 'force'")
        if self.max_nodes < 1:
            raise ExportError(f"max_nodes {self.max_nodes}: expected at least 1")
        url = self.document_url
        if url is not None and (url.startswith("//") or not url.startswith(("http://", "https://", "/"))):
            raise ExportError(f"document_url {self.document_url!r}: expected an http(s) URL or a path")
        if not 1 <= self.pages <= MAX_PAGES:
            raise ExportError(f"pages {self.pages}: expected 1 to {MAX_PAGES}")


@dataclass(frozen=True)
class Export:
    """The files of one export: one for most formats ("graph.html"), two for csv ("nodes.csv", "edges.csv")."""

    media_type: str
    files: dict[str, bytes]

    @property
    def single(self) -> bool:
        return len(self.files) == 1

    @property
    def filename(self) -> str:
        """The file's name, or that of the zip which carries several."""
        return next(iter(self.files)) if self.single else "lexgraph-export.zip"

    def payload(self) -> bytes:
        """The bytes of a single-file export (ValueError for csv: take `zip()` or `files`)."""
        if not self.single:
            raise ValueError(f"this export has {len(self.files)} files ({', '.join(self.files)}): use zip()")
        return next(iter(self.files.values()))

    def zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data, zipfile.ZIP_DEFLATED)
        return buffer.getvalue()

    def download(self) -> tuple[str, str, bytes]:
        """(file name, media type, bytes) for an HTTP response: the file itself, or a zip of several."""
        if self.single:
            return self.filename, self.media_type, self.payload()
        return self.filename, ZIP_MEDIA_TYPE, self.zip()

    def write(self, target: Path) -> list[Path]:
        """Write to `target`: a file for a single-file export (into it when it is a folder); for several
        files, a zip when `target` ends in .zip, numbered files beside it when they all have its suffix (the
        pages of a briefing, -o law.svg: law-1.svg, law-2.svg), else a folder that holds them."""
        if self.single:
            path = target / self.filename if target.is_dir() else target
            path.write_bytes(self.payload())
            return [path]
        if target.suffix.lower() == ".zip":
            target.write_bytes(self.zip())
            return [target]
        suffix = target.suffix.lower()
        if suffix and all(Path(name).suffix.lower() == suffix for name in self.files):
            numbered = []
            for index, data in enumerate(self.files.values(), start=1):
                path = target.with_name(f"{target.stem}-{index}{target.suffix}")
                path.write_bytes(data)
                numbered.append(path)
            return numbered
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in self.files.items():
            (target / name).write_bytes(data)
            written.append(target / name)
        return written
