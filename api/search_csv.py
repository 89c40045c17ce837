"""The search results of the front page as one CSV table, every page of them: what a legal assistant pastes into
a spreadsheet for a briefing. UTF-8 with a byte-order mark, so that Excel reads the Vietnamese letters; a cell that
a spreadsheet would take for a formula ("=…", "+…", "-…", "@…") is prefixed with an apostrophe, since titles and
subjects come from documents anyone can upload."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from graph import Document, Status

HEADER = (
    "ma",
    "so_ky_hieu",
    "loai",
    "ten",
    "co_quan_ban_hanh",
    "ngay_ban_hanh",
    "trich_yeu",
    "hieu_luc",
    "chua_co_van_ban",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def search_csv(documents: Iterable[Document], statuses: Mapping[str, Status]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for d in documents:
        status = statuses.get(d.id)
        writer.writerow(
            cell(v)
            for v in (
                d.id,
                d.number,
                d.doc_type,
                d.label,
                d.issuer,
                d.issue_date or d.year,
                d.subject,
                status.label if status else "",
                "có" if d.placeholder else "",
            )
        )
    return out.getvalue().encode("utf-8-sig")
