"""Which parts of a document an amending article touches.

An amending document names the amended one in an article heading, then lists its changes as numbered items:

    Điều 1. Sửa đổi, bổ sung một số điều của Luật Giao thông đường bộ số 23/2008/QH12
    1. Sửa đổi, bổ sung Điều 6 như sau:
    “Điều 6. …”
    2. Bổ sung Điều 6a vào sau Điều 6 như sau: …
    3. Sửa đổi khoản 2 Điều 46 như sau: …
    Điều 2. …

The parts are what the items name first ("Điều 6", "Điều 6a", "khoản 2 Điều 46"), up to the next article heading
of the document itself; the quoted new wording is not read (it has articles of its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ID = r"(?:\d+[a-zđ]?|[a-zđ]|[IVXLC]+)(?![\w])"
_AND = r"\s*(?:,|và(?![\w])|,\s*và(?![\w]))\s*"
# "Điều 6", "khoản 2 Điều 46", "các khoản 1, 2 và 3 Điều 18", "điểm b, điểm đ khoản 2 và khoản 10 Điều 28".
_PART = (
    rf"(?:(?:các\s+)?(?:điểm|khoản|điều|mục|tiết|chương|phần|phụ lục)\s+{_ID}(?:{_AND}{_ID})*"
    rf"(?:{_AND}(?=(?:các\s+)?(?:điểm|khoản|điều|mục|tiết|chương|phần|phụ lục)\s))?\s*)+"
)
# An item of the amending article: its number or letter, its verb, then the part it changes. "1. Sửa đổi, bổ sung
# một số khoản của Điều 23 như sau:" opens sub-items "a) Sửa đổi khoản 3 …" whose parts are of that article.
_ITEM = re.compile(
    rf"^[ \t]*(?:(?P<number>\d+[a-zđ]?)|[a-zđ])[.)][ \t]*(?P<verb>Sửa đổi(?:,?\s*bổ sung)?|Bổ sung|Bãi bỏ|Thay thế"
    rf"|Hủy bỏ|Huỷ bỏ)(?P<umbrella>\s+một\s+số\s+(?:khoản|điểm|nội dung)(?:,\s*(?:khoản|điểm))?\s+(?:của|tại))?"
    rf"(?:\s+(?:cụm từ|tên|nội dung))?[^\n:“]{{0,40}}?\s(?P<part>{_PART})"
    # "Bổ sung khoản 1a vào Điều 7": the article it goes into.
    rf"(?:vào\s+(?:sau\s+)?(?:(?:điểm|khoản)\s+\w+\s+)?(?P<into>Điều\s+\d+[a-zđ]?)(?![\w]))?",
    re.MULTILINE | re.IGNORECASE,
)
_ARTICLE = re.compile(r"^[ \t*]*Điều\s+\d+[a-zđ]?\s*[.:]", re.MULTILINE)
_HAS_ARTICLE = re.compile(r"(?i:điều)\s+\d")
_ITEMS_REACH = 60_000  # an amending article is shorter than this


def amended_parts(text: str, heading_end: int, quoted: Callable[[int], bool]) -> list[str]:
    """The parts the items after an amending article's heading (ending at `heading_end`) change; `quoted` tells
    whether a position is inside quoted new wording."""
    limit = min(len(text), heading_end + _ITEMS_REACH)
    end = next(
        (m.start() for m in _ARTICLE.finditer(text, heading_end, limit) if not quoted(m.start())), limit
    )
    parts: list[str] = []
    article: str | None = None  # the article an umbrella item opened; its sub-items change parts of it
    for item in _ITEM.finditer(text, heading_end, end):
        if quoted(item.start()):
            continue
        part = " ".join(item.group("part").split()).rstrip(" ,")
        part = part[0].upper() + part[1:] if part.lower().startswith("điều") else part
        if item.group("into") and not _HAS_ARTICLE.search(part):
            part = f"{part} {item.group('into')}"
        if item.group("number"):
            article = part if item.group("umbrella") else None
            if article is None:
                parts.append(part)
        elif article is not None:
            parts.append(part if _HAS_ARTICLE.search(part) else f"{part} {article}")
    return list(dict.fromkeys(parts))


def is_article_heading(text: str, sentence_start: int) -> bool:
    return bool(_ARTICLE.match(text, sentence_start))
