"""A consolidated text (văn bản hợp nhất) is identified by its authentication block, not by its header.

The consolidating body prints the consolidated document under that document's own header and heading ("NGHỊ
ĐỊNH …"), then authenticates it at the end of the body, before any annexes (Pháp lệnh Hợp nhất văn bản quy phạm
pháp luật 2012, Điều 6):

    BỘ TÀI CHÍNH
    XÁC THỰC VĂN BẢN HỢP NHẤT
    Số: 03/VBHN-BTC
    Hà Nội, ngày 12 tháng 02 năm 2026
    KT. BỘ TRƯỞNG / THỨ TRƯỞNG
    Cao Anh Tuấn

That block gives the consolidated text's own number, date, place, issuer and signer; read from the header,
every consolidation of a decree would be that decree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.metadata.dateline import DateLine, find_date_line
from ingest.metadata.issuer import compose_issuer, issuer_run_before, split_bodies
from ingest.metadata.number import NUMBER
from ingest.metadata.signature import Signature, signature_candidates

AUTHENTICATION = re.compile(r"XÁC\s+(?:THỰC|NHẬN)\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")
_BLOCK = 1_200  # the date line and signature follow the heading within a few lines
_BEFORE = 300  # the body and number, when their column was read first


@dataclass(frozen=True)
class Authentication:
    number: str | None
    number_span: tuple[int, int] | None
    date: DateLine | None
    issuer: str | None
    signature: Signature | None
    span: tuple[int, int]


def find_authentication(text: str) -> Authentication | None:
    """The authentication block of a consolidated text, if the text has one (the first one: a text quoting
    another consolidation in its footnotes quotes only its number). Its columns may come in either order: the
    body and its number ("BỘ Y TẾ / Số: 04/VBHN-BYT") before or after "XÁC THỰC …"."""
    heading = AUTHENTICATION.search(text)
    if heading is None:
        return None
    start, end = max(0, heading.start() - _BEFORE), min(len(text), heading.end() + _BLOCK)
    number = next((m for m in NUMBER.finditer(text, start, end) if "VBHN" in m.group("num").upper()), None)
    date = find_date_line(text[heading.end() : end], end - heading.end())
    anchor = min(heading.start(), number.start() if number else heading.start())
    issuer, _ = compose_issuer(split_bodies([t.text for t in issuer_run_before(text, anchor)]))
    signatures = signature_candidates(text, heading.end(), end)
    number_text = number.group("num").rstrip(".,;:-/ ") if number else None
    return Authentication(
        number_text,
        (number.start("num"), number.start("num") + len(number_text)) if number and number_text else None,
        _shift(date, heading.end()) if date else None,
        issuer,
        signatures[0] if signatures else None,
        (anchor, end),
    )


def _shift(date: DateLine, by: int) -> DateLine:
    return DateLine(date.iso, date.place, (date.span[0] + by, date.span[1] + by))
