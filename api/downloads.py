"""The downloads a page offers beside a graph or a list: one link per export format, all pointing at the REST
route `/export` with the parameters of what the page shows (root, depth, relation, direction), so that the file
is the picture or list the reader is looking at. Built here once, for every page (api/pages.py Links.exports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

EXPORT_MAX_DEPTH = 5  # what /export accepts: a deeper tree on a page is exported to this depth

# (format of /export, what the link says, what it is for) in the order a briefing writer reaches for them.
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("svg", "SVG", "hình vẽ cho trình chiếu, phóng to không vỡ"),
    ("png", "PNG", "ảnh để dán vào văn bản"),
    ("html", "HTML", "đồ thị tương tác, mở được khi không có mạng"),
    ("csv", "CSV", "bảng văn bản và liên kết (tệp .zip)"),
    ("graphml", "GraphML", "cho Gephi, yEd, Cytoscape"),
    ("jsonld", "JSON-LD", "dữ liệu liên kết theo từ vựng ELI"),
)


@dataclass(frozen=True)
class Download:
    format: str
    label: str
    hint: str
    url: str


def export_url(
    root_path: str,
    doc_id: str,
    fmt: str,
    depth: int,
    relations: Sequence[str] = (),
    direction: str = "both",
) -> str:
    """`/export` for one format. The id goes in the query string (the route takes ids and citation text alike),
    relations as repeated parameters, as the route reads them."""
    depth = max(0, min(depth, EXPORT_MAX_DEPTH))
    params: list[tuple[str, str | int]] = [("root", doc_id), ("format", fmt), ("depth", depth)]
    params += [("relation", r) for r in relations]
    params.append(("direction", direction))
    return f"{root_path}/export?{urlencode(params)}"


def downloads(
    root_path: str,
    doc_id: str,
    depth: int,
    relations: Sequence[str] = (),
    direction: str = "both",
) -> list[Download]:
    return [
        Download(fmt, label, hint, export_url(root_path, doc_id, fmt, depth, relations, direction))
        for fmt, label, hint in FORMATS
    ]
