"""What a legal portal adds to the documents it publishes, in the text users copy from it: notes in brackets
that tell of other documents ("[Điều này được hướng dẫn bởi Điều 25 Nghị định 21/2021/NĐ-CP có hiệu lực từ ngày
15/5/2021]"), links, and the site's own footer (its company details, its notices to members). None of it is the
document's own text: a citation found there is not the document's.

Each is a pattern in a table a reader can scan; `chrome_spans` finds them all in one pass each.
"""

from __future__ import annotations

import re

# A portal's note in brackets about another document's effect on this passage (thuvienphapluat.vn marks every
# guided, amended or repealed article so), and a link it kept as text.
_NOTE_VERBS = (
    r"(?:được|bị|đã được|đã bị)\s+(?:hướng dẫn|sửa đổi(?:,?\s*bổ sung)?|bổ sung|thay thế|bãi bỏ|hủy bỏ|huỷ bỏ"
    r"|đính chính|quy định chi tiết|hết hiệu lực|ngưng hiệu lực|điều chỉnh)"
)
NOTES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\[[^\[\]\n]{{0,200}}?{_NOTE_VERBS}[^\[\]\n]{{0,400}}\]", re.IGNORECASE),
    re.compile(r"\[(?:Link|Xem|Tải về)\s*:[^\[\]\n]{0,500}\]", re.IGNORECASE),
    re.compile(r"https?://[^\s)\]]{1,500}"),
)
# Where a portal's footer starts: its company details, its notices to members. Only in the last part of a text.
FOOTER: re.Pattern[str] = re.compile(
    r"^[ \t*|]*(?:Mã số thuế\s*:|Thưa Quý khách|Quý khách (?:Đăng nhập|vui lòng)|Tài khoản hiện đã đủ người dùng"
    r"|THƯ VIỆN PHÁP LUẬT\s+(?:đã|xin)|Tôi đã đọc và đồng ý)",
    re.MULTILINE | re.IGNORECASE,
)
_FOOTER_FROM = 0.5  # a footer starts in the second half of the text, after the document


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Where the portal's notes, links and footer stand in `text`, in order."""
    spans = [m.span() for pattern in NOTES for m in pattern.finditer(text)]
    footer = FOOTER.search(text, int(len(text) * _FOOTER_FROM))
    if footer:
        spans.append((footer.start(), len(text)))
    return sorted(spans)
