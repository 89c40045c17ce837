"""When a document enters into force and when it stops, as its own text says.

"Quyết định này có hiệu lực kể từ ngày ký", "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025",
"Nghị định này có hiệu lực thi hành sau 45 ngày kể từ ngày ký ban hành", "Nghị quyết này … hết hiệu lực vào ngày
31 tháng 12 năm 2025", a plan "giai đoạn 2021 – 2025". Only sentences whose subject is this document count: in a
letter or a consolidated text, "Nghị định số 359/2025/NĐ-CP … có hiệu lực kể từ ngày 01 tháng 01 năm 2026" is
another document's, and its footnotes say so for every amending document.

Each rule is a row: what the sentence says after "có hiệu lực" / "hết hiệu lực", and how the date follows from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.dates import DATE, DATE_TEXT, match_to_iso

# The document itself as the subject of the sentence: "Quyết định này", "Luật này", "Văn bản này" anywhere in the
# clause; the bare type word only where the clause begins ("Quyết định có hiệu lực kể từ ngày ký"), since
# elsewhere it starts another document's name ("… của Luật Thuế …").
_THIS = (
    r"(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết(?:\s+liên\s+tịch)?|Nghị định|Quyết định|Thông tư(?:\s+liên\s+tịch)?"
    r"|Chỉ thị|Quy chế|Quy định|Hướng dẫn|Kế hoạch|Chương trình|Đề án|Văn bản(?:\s+hợp\s+nhất)?|Thông báo|Lệnh"
    r"|Điều lệ|Công văn|Kết luận))"
)
# A date, its parts unnamed: the rules below are alternatives of one pattern; the date is read again with DATE.
_ANY_DATE = re.sub(r"\?P<\w+>", "?:", DATE_TEXT)
_SIGNING = r"(?:ký(?:\s+ban\s+hành)?|ban\s+hành|(?:được\s+)?thông\s+qua)"
_FROM = r"(?:thi\s+hành\s+)?(?:(?:kể\s+)?từ|vào)\s+ngày"

# (what follows "có hiệu lực", how the date is computed)
IN_FORCE_RULES: tuple[tuple[str, str], ...] = (
    (rf"{_FROM}\s+{_SIGNING}\b", "signing"),  # "kể từ ngày ký", "từ ngày ban hành", "kể từ ngày thông qua"
    (rf"{_FROM}\s+{_ANY_DATE}", "date"),  # "từ ngày 01 tháng 7 năm 2025", "kể từ ngày 01/7/2025"
    (
        rf"(?:thi\s+hành\s+)?sau\s+(?P<days>\d{{1,3}})\s+ngày[,]?\s+(?:kể\s+)?từ\s+ngày\s+{_SIGNING}\b",
        "after_days",
    ),
    (rf"{_FROM}\s+công\s+bố", "unknown"),  # "kể từ ngày công bố": a date the text does not give
)
# (what follows "hết hiệu lực" or "có hiệu lực … đến", how the date is computed)
EXPIRY_RULES: tuple[tuple[str, str], ...] = (
    (rf"(?:thi\s+hành\s+)?(?:(?:kể\s+)?từ|vào|kể\s+từ)\s+ngày\s+{_ANY_DATE}", "date"),
    (rf"đến\s+(?:hết\s+)?ngày\s+{_ANY_DATE}", "date"),
)

_IN_FORCE = re.compile(
    r"(?<![\w])có\s+hiệu\s+lực\s*(?:thi\s+hành\s*)?(?:[,:]\s*)?(?P<rest>"
    + "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(IN_FORCE_RULES))
    + ")",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"(?<![\w])(?:hết\s+hiệu\s+lực|có\s+hiệu\s+lực[^.;\n]{0,80}?(?=đến)|thực\s+hiện[^.;\n]{0,40}?(?=đến\s+hết))\s*"
    r"(?P<rest>" + "|".join(f"(?P<e{i}>{pattern})" for i, (pattern, _) in enumerate(EXPIRY_RULES)) + ")",
    re.IGNORECASE,
)
_SUBJECT = re.compile(rf"(?<![\w]){_THIS}\s+này(?![\w])|^{_THIS}(?![\w])", re.IGNORECASE)
_ANOTHER_DOCUMENT = re.compile(r"(?i:số)\s*\d+\s*[/-]|\d+/\d{4}/[A-ZĐ]")
# "Kể từ ngày Nghị định này có hiệu lực thi hành đến ngày 31 tháng 12 năm 2023, việc … thực hiện theo …": a
# transition period that starts with this document's effect, not its expiry.
_SINCE_ITS_EFFECT = re.compile(rf"(?:từ|kể\s+từ)\s+ngày\s+{_THIS}\s+này\s*$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"[.;:\n]\s*")
_PERIOD = re.compile(r"giai\s+đoạn\s+(?:(?:19|20)\d\d)\s*[-–—]\s*(?P<end>(?:19|20)\d\d)", re.IGNORECASE)
_QUOTE_REACH = 300  # a quoted effect clause follows its opening quote closely
_ARTICLE = re.compile(r"\n\s*\**Điều\s+\d+[a-z]?\.")
_REACH = 240  # the subject of an effect sentence stands within this many characters before "có hiệu lực"


@dataclass(frozen=True)
class Validity:
    effective_date: str | None = None
    effective_text: str | None = None
    expiry_date: str | None = None
    expiry_text: str | None = None


def read_validity(text: str, issue_date: str | None, subject: str | None, body_start: int = 0) -> Validity:
    """The document's own entry into force and expiry. `issue_date` (ISO) dates "kể từ ngày ký"; `subject`
    (the trích yếu) may limit a plan to a period; `body_start` skips the header."""
    effective, effective_text = None, None
    for m in _IN_FORCE.finditer(text, body_start):
        if not _about_this_document(text, m.start()):
            continue
        how = next(IN_FORCE_RULES[i][1] for i in range(len(IN_FORCE_RULES)) if m.group(f"r{i}"))
        effective = _date_of(m, how, issue_date)
        effective_text = _sentence(text, m.start(), m.end())
        break
    expiry, expiry_text = None, None
    for m in _UNTIL.finditer(text, body_start):
        if not _about_this_document(text, m.start()) or _SINCE_ITS_EFFECT.search(
            text, max(0, m.start() - 80), m.start()
        ):
            continue
        expiry = _date_in(m.group("rest"))
        expiry_text = _sentence(text, m.start(), m.end())
        break
    if expiry is None and subject and (period := _PERIOD.search(subject)):
        expiry = f"{period.group('end')}-12-31"
    return Validity(effective, effective_text, expiry, expiry_text)


def _about_this_document(text: str, at: int) -> bool:
    """The sentence before `at` names this document as its subject, no other numbered document stands between
    that subject and `at`, and it is not quoted (an amending document's own article, quoted by a consolidated
    text: "… quy định như sau: “1. Thông tư này có hiệu lực …”")."""
    if _quoted(text, at):
        return False
    start = max(0, at - _REACH)
    openings = [m.end() for m in _SENTENCE_START.finditer(text, start, at)]
    clause_start = openings[-1] if openings else start
    clause = text[clause_start:at].lstrip(" -*_|0123456789.)")
    subjects = list(_SUBJECT.finditer(clause))
    if not subjects:
        # "… và có hiệu lực kể từ ngày ký" right after the heading of an article ("Điều 3. Hiệu lực thi hành")
        return not clause.strip(" -*_|")
    return not _ANOTHER_DOCUMENT.search(clause, subjects[-1].end())


def _quoted(text: str, at: int) -> bool:
    before = text[max(0, at - _QUOTE_REACH) : at]
    opened = before.rfind("“")
    # An article heading after the quote mark: the quote was never closed (damage), this is the body again.
    return opened > before.rfind("”") and not _ARTICLE.search(before, opened)


def _date_of(m: re.Match[str], how: str, issue_date: str | None) -> str | None:
    if how == "signing":
        return issue_date if issue_date and len(issue_date) == 10 else None
    if how == "date":
        return _date_in(m.group("rest"))
    if how == "after_days" and issue_date:
        try:
            return (date.fromisoformat(issue_date) + timedelta(days=int(m.group("days")))).isoformat()
        except ValueError:
            return None
    return None


def _date_in(text: str) -> str | None:
    found = DATE.search(text)
    return match_to_iso(found) if found else None


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return " ".join(text[left + 1 : min(right + 1, end + 300)].split())
