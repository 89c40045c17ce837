"""The "Kính gửi" list."""

from __future__ import annotations

import re

from ingest.metadata.heading import TITLE_END
from ingest.metadata.words import collapse

BULLET = re.compile(r"^[ \t]*[-–•+*][ \t]*")
DASHES = re.compile(r"^[ \t]*-{2,}")  # a rule, not a bullet
_ITEM_END = re.compile(r"[;,:]\s*$")
_INLINE_BODY = re.compile(
    r"\s(?:Hiện\s+nay|Thực\s+hiện|Căn\s+cứ|Theo\s|Để\s|Ngày\s+\d|Trả\s+lời|Tại\s|Sau\s+khi|Nhằm\s|Trên\s+cơ\s+sở|"
    r"Qua\s|Xét\s|Vừa\s+qua|Phúc\s+đáp|Trong\s)"
)


def clean_item(item: str) -> str:
    """A list item without its bullet, its end punctuation, and any table cell beside it."""
    return collapse(BULLET.sub("", item.split(" | ")[0])).rstrip(";,. ").strip()


def find_recipients(head: str, kinh_gui: re.Match[str]) -> tuple[list[str], int]:
    """The Kính gửi list: the rest of its line, then bulleted lines, or lines while the previous item
    ends with ";" (a list item) — until an item ends with "." or the body starts."""
    items: list[str] = []
    pos = kinh_gui.end()
    end = pos
    line_end = head.find("\n", pos)
    line_end = len(head) if line_end < 0 else line_end
    first = head[pos:line_end]
    if first.strip():
        # A recipient on the Kính gửi line may have the body's first sentence joined to it.
        body = _INLINE_BODY.search(first, 8)
        if body:
            first = first[: body.start()]
        items.append(clean_item(first))
        end = pos + len(first.rstrip())
        if body:
            return [i for i in items if i], end
    last = first
    while line_end < len(head):
        start = line_end + 1
        line_end = head.find("\n", start)
        line_end = len(head) if line_end < 0 else line_end
        line = head[start:line_end]
        if not line.strip():
            continue
        bulleted = bool(BULLET.match(line)) and not DASHES.match(line)
        open_item = not last.strip() or bool(_ITEM_END.search(last))
        if not (bulleted or open_item) or TITLE_END.match(line.lstrip()) or len(line) > 400:
            break
        items.append(clean_item(line))
        end = start + len(line.rstrip())
        last = line
        if line.rstrip().endswith(".") and not bulleted:
            break
    return [i for i in items if i], end
