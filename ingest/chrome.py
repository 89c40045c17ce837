"""What a legal portal adds to the documents it publishes, in the text users copy from it: notes in brackets
that tell of other documents ("[Điều này được hướng dẫn bởi Điều 25 Nghị định 21/2021/NĐ-CP có hiệu lực từ ngày
15/5/2021]"), links, and the site's own footer (its company details, its notices to members). None of it is the
document's own text: a citation found there is not the document's.

Each is a pattern in a table a reader can scan; `chrome_spans` finds them all in one pass each.
"""

from __future__ import annotations

import re

# A portal's note in brackets about another document's effect on this passage (thuvienphapluat.vn marks every
# guided, amended or repealed article so, and strings a dozen such notes into one bracket), and a link it kept as
# text. A bracket is a note when its opening words hold one of these cues.
_NOTE_VERBS = (
    r"(?:được|bị|đã được|đã bị)\s+(?:hướng dẫn|sửa đổi(?:,?\s*bổ sung)?|bổ sung|thay thế|bãi bỏ|hủy bỏ|huỷ bỏ"
    r"|đính chính|quy định chi tiết|hết hiệu lực|ngưng hiệu lực|điều chỉnh)"
)
NOTE_CUES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^[^\[\]\n]{{0,200}}?{_NOTE_VERBS}", re.IGNORECASE),
    re.compile(r"^(?:Link|Xem|Tải về)\s*:", re.IGNORECASE),
)
# Brackets are found once each (no bracket inside another, none across lines), so a page of them costs linear time.
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,20000})\]")
LINKS = re.compile(r"https?://[^\s)\]]{1,500}")
# Where a portal's footer starts: its company details, its notices to members. Only in the last part of a text.
# A cue no document would write stands anywhere (normalising joins the footer's short lines into one); the tax
# code, which a letter may quote of a company, only at the start of a line.
FOOTER: re.Pattern[str] = re.compile(
    r"^[ \t*|]*Mã số thuế\s*:"
    r"|(?:Thưa Quý khách|Quý khách (?:Đăng nhập|vui lòng)|Tài khoản hiện đã đủ người dùng"
    r"|Sứ mệnh của THƯ VIỆN PHÁP LUẬT|THƯ VIỆN PHÁP LUẬT\s+(?:đã|xin)|Tôi đã đọc và đồng ý)",
    re.MULTILINE | re.IGNORECASE,
)
_FOOTER_FROM = 0.5  # a footer starts in the second half of the text, after the document


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Where the portal's notes, links and footer stand in `text`, in order."""
    spans = [m.span() for m in _BRACKETED.finditer(text) if any(cue.search(m.group(1)) for cue in NOTE_CUES)]
    spans += [m.span() for m in LINKS.finditer(text)]
    footer = FOOTER.search(text, int(len(text) * _FOOTER_FROM))
    if footer:
        spans.append((footer.start(), len(text)))
    return sorted(spans)
