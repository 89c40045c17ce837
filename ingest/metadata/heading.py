"""The type heading ("QUYẾT ĐỊNH"), the trích yếu under it or after "V/v", and the authority line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from ingest.lexicon import DOC_TYPES
from ingest.metadata.words import Token, collapse, has_lower, is_upper_word, token_key, tokens_in
from ingest.metadata_lexicon import (
    word_key,
)

_HEADING_TYPES = sorted((k for k in DOC_TYPES if k not in {"văn bản", "nghị đinh"}), key=len, reverse=True)
_HEADING = re.compile(
    r"(?:" + "|".join(r"\s+".join(map(re.escape, k.upper().split())) for k in _HEADING_TYPES) + r")"
    r"(?![^\W\d_])(?!\s*:)"
)
SEPARATORS = re.compile(r"[\s|_=*-]*")
_STANDALONE_HEADING = re.compile(r"(?m)^[ \t|]*(?P<h>" + _HEADING.pattern + r")[ \t]*$")

# Where a title block ends and the body begins: an opening formula, or a numbered part at the start of a line.
TITLE_END = re.compile(
    r"(?<!\S)(?:Căn\s+cứ|CĂN\s+CỨ|Thực\s+hiện|Xét\s|Theo\s+đề\s+nghị|Kính\s+gửi|KÍNH\s+GỬI|"
    r"QUYẾT\s+ĐỊNH\s*:|QUYẾT\s+NGHỊ|Để\s|Nhằm\s|Trên\s+cơ\s+sở|Hiện\s+nay|Sau\s+khi|Ngày\s+\d)"
    r"|(?:^|\n)[ \t]*(?:[IVX]+\.|\d+\.|Điều\s+1\b|ĐIỀU\s+1\b|Chương\s+I\b|CHƯƠNG\s+I\b|Phần\s+I\b|PHẦN\s+I\b)"
)
_TITLE_LIMIT = 1_500
_LIST_MARK = re.compile(r"^(?:[IVXLC]+|\d+|[A-Z])[.)]$")
_RULE = re.compile(r"^[-_=|*.…]{2,}$|^\|$")
_SUBJECT_MARKER = re.compile(r"^(?:V/V|V/v|v/v)\.?:?$")
# Older titles repeat the heading's facts: "LUẬT CỦA QUỐC HỘI … SỐ 02/2002/QH11 NGÀY 16 THÁNG 12 NĂM 2002 SỬA ĐỔI …".
_OLD_TITLE_PREFIX = re.compile(
    r"CỦA\s[\s\S]{0,300}?\sNGÀY\s+\d{1,2}\s*(?:THÁNG\s+\d{1,2}\s+NĂM\s+|[/.-]\s*\d{1,2}\s*[/.-]\s*)\d{4}\s+"
)

# The line under the title that names who enacts it ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "QUỐC HỘI",
# "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH KHÓA XIII KỲ HỌP THỨ 7"), matched on word keys.
_NAME_WORD = r"(?!(?:của|bộ|sở|ủy|chủ|trưởng|tỉnh|huyện|quận|khóa|năm|về|việc)\b)[^\W\d_]+"
_ROLE = (
    r"(?:chủ tịch|bộ trưởng|thủ tướng|tổng cục trưởng|cục trưởng|giám đốc|tổng giám đốc|chánh án|viện trưởng|"
    r"thống đốc|tổng kiểm toán|chủ nhiệm|trưởng ban|chánh thanh tra|tổng thanh tra|vụ trưởng|chi cục trưởng)"
)
_ORG = (
    r"(?:ủy ban nhân dân|hội đồng nhân dân|ủy ban thường vụ quốc hội|quốc hội(?: nước cộng hòa xã hội chủ nghĩa việt nam)?"
    r"|chính phủ|hội đồng thẩm phán tòa án nhân dân tối cao|tòa án nhân dân tối cao|viện kiểm sát nhân dân tối cao"
    r"|(?:kiểm toán|ngân hàng) nhà nước(?: việt nam)?"
    r"|(?:bộ|sở|tổng cục|cục|chi cục|ủy ban|văn phòng|ban(?! hành)|thanh tra|liên đoàn lao động|bảo hiểm xã hội|học viện"
    rf"|viện|đại học|trung tâm)(?: (?:{_NAME_WORD}|-)){{0,7}})"
)
_LOCALITY = (
    rf"(?: (?:tỉnh|thành phố|tp|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)(?: {_NAME_WORD}){{0,4}})?"
)
_AUTHORITY = re.compile(rf"(?P<role>{_ROLE} )?(?P<org>{_ORG}{_LOCALITY})(?: khóa [ivxlcdm]+\b.*)?")
_AUTHORITY_MAX_WORDS = 28  # "HỘI ĐỒNG NHÂN DÂN TỈNH … KHÓA XIII, KỲ HỌP THỨ 7 (KỲ HỌP CHUYÊN ĐỀ)"
_NOT_BEFORE_AUTHORITY = frozenset({"của", "và", "với", "giữa", "cho", "tại", "thuộc", "đối"})


@dataclass(frozen=True)
class TitleBlock:
    subject: str | None
    subject_span: tuple[int, int] | None
    authority: str | None  # as printed, whitespace collapsed
    authority_role: str | None
    end: int


def after_separators(text: str, pos: int) -> int:
    """Where the separators (spaces, rules, bars) that start at `pos` end."""
    found = SEPARATORS.match(text, pos)
    return found.end() if found else pos  # it matches the empty string: always found


def tokens_key(tokens: Iterable[Token]) -> str:
    return word_key(" ".join(t.text for t in tokens))


def authority_suffix(tokens: list[Token]) -> int | None:
    """Index where the authority line starts at the end of a run of capitalised tokens, if it ends with one."""
    words = [t.text for t in tokens]
    # The authority line is printed in capitals; a title in sentence case may end with a body's name. So it
    # starts in the run of words in capitals (or without letters) that ends the tokens.
    capitals_from = len(words)
    while capitals_from > 0 and _capitals_or_no_letter(words[capitals_from - 1]):
        capitals_from -= 1
    keys = token_key.of(words)
    present = [k for k in keys if k]  # a word of edge punctuation only ("(", ".") has an empty key
    before = list(accumulate(map(bool, keys), initial=0))  # before[i]: how many keys of `present` precede i
    for i in range(capitals_from, len(words)):
        if not keys[i] or (i > 0 and keys[i - 1] in _NOT_BEFORE_AUTHORITY):
            continue
        if _AUTHORITY.fullmatch(" ".join(present[before[i] :])):
            return i
    return None


def _capitals_or_no_letter(word: str) -> bool:
    return is_upper_word(word) or not any(c.isalpha() for c in word)


def find_title_block(head: str, start: int, *, under_heading: bool) -> TitleBlock | None:
    """The trích yếu under a type heading and the authority line under it, from `start` to the body.

    A title in capitals runs until the first word with a lower-case letter; a title in sentence case
    ("Giá dịch vụ khám bệnh …") is one paragraph. Either may end with the authority line.
    """
    # The body opens with a formula ("Thực hiện …"), but so do many titles ("KẾ HOẠCH / Thực hiện Chỉ thị số
    # 05-CT/TU …"): the body's formula is looked for after the title's first word.
    first_word = re.compile(r"\s*\S+").match(head, start)
    search_from = first_word.end() if first_word else start + 1
    end_match = TITLE_END.search(head, search_from, min(len(head), start + _TITLE_LIMIT))
    zone_end = end_match.start() if end_match else min(len(head), start + _TITLE_LIMIT)
    toks = tokens_in(head, start, zone_end)
    while toks and (_SUBJECT_MARKER.match(toks[0].text) or _RULE.match(toks[0].text)):
        toks.pop(0)
    if not toks:
        return None
    if is_upper_word(toks[0].text) or toks[0].text[:1].isdigit():
        run: list[Token] = []
        for tok in toks:
            if has_lower(tok.text) or _RULE.match(tok.text) or _LIST_MARK.match(tok.text):
                break
            run.append(tok)
        rest: list[Token] = []
    else:
        if not under_heading:
            return None
        line_end = title_paragraph_end(head, toks[0].start, zone_end)
        run = [t for t in toks if t.end <= line_end]
        rest = [t for t in toks if t.start > line_end]
    if not run:
        return None
    authority: list[Token] = []
    cut = authority_suffix(run[-_AUTHORITY_MAX_WORDS:])
    if cut is not None:
        cut += max(0, len(run) - _AUTHORITY_MAX_WORDS)
        authority = run[cut:]
        run = run[:cut]
    elif rest:
        upper_rest: list[Token] = []
        for tok in rest:
            if has_lower(tok.text):
                break
            upper_rest.append(tok)
        if upper_rest and authority_suffix(upper_rest) == 0:
            authority = upper_rest
    subject, span = _subject_of(head, run)
    if not under_heading and subject is not None and not authority:
        # Without a heading, capitals after the date are a title only when an authority line confirms it.
        return None
    auth_text = collapse(head[authority[0].start : authority[-1].end]) if authority else None
    role = None
    if authority:
        m = _AUTHORITY.fullmatch(tokens_key(authority))
        role = m.group("role").strip() if m and m.group("role") else None
    block_end = max((t.end for t in (authority or run)), default=start)
    return TitleBlock(subject, span, auth_text, role, block_end)


_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
_TITLE_LINE_MAX = 100  # a title's lines are short; a longer line is the body's first paragraph
_TITLE_MAX = 400


def title_paragraph_end(head: str, start: int, limit: int) -> int:
    """End of a title in sentence case: its line, and the lines that carry it on (the PDF broke it there) —
    a line in lower case, or a short one after a line without final punctuation. Capitals start the
    authority line."""
    end = head.find("\n", start, limit)
    if end < 0:
        return limit
    while end < limit and end - start < _TITLE_MAX:
        next_end = head.find("\n", end + 1, limit)
        next_end = limit if next_end < 0 else next_end
        line = head[end + 1 : next_end].strip()
        if not line or _SENTENCE_END.search(head[start:end]) or not has_lower(line):
            break
        if not (line[0].islower() or (len(line) <= _TITLE_LINE_MAX and not _SENTENCE_END.search(line))):
            break
        end = next_end
    return end


def _subject_of(head: str, run: list[Token]) -> tuple[str | None, tuple[int, int] | None]:
    while run and _RULE.match(run[-1].text):
        run = run[:-1]
    if not run:
        return None, None
    start, end = run[0].start, run[-1].end
    old = _OLD_TITLE_PREFIX.match(head, start, end)
    if old and old.end() < end:
        start = old.end()
    text = collapse(head[start:end])
    return (text, (start, end)) if text else (None, None)


def find_heading(head: str, candidates: Iterable[int], limit: int) -> re.Match[str] | None:
    """The type heading right after the date line (or the number), else on a line of its own in the header."""
    for pos in candidates:
        if pos < 0:
            continue
        at = after_separators(head, pos)
        m = _HEADING.match(head, at)
        if m and m.start() < limit:
            return m
    standalone = _STANDALONE_HEADING.search(head, 0, limit)
    if standalone:
        return _HEADING.match(head, standalone.start("h"))
    return None


def heading_type(heading: str) -> str | None:
    return DOC_TYPES.get(" ".join(heading.lower().split()))


# "V/v", "V/V", "v/v", "V.v" not after a word or "/"; the letter first, as in NUMBER.
_VV = re.compile(r"[Vv](?<![\w/][Vv])(?:/v|(?<=V)(?:/V|\.v))\b\.?[ \t]*:?[ \t]*")
_VE_VIEC = re.compile(r"\s*(?:Về\s+việc|Về)[ \t]*:?[ \t]+(?=\S)")
KINH_GUI = re.compile(r"(?:Kính|KÍNH)\s+(?:gửi|GỬI)\s*:?")
# The Quốc hiệu of state bodies, or the heading of Party bodies, in the right column of the header.
QUOC_HIEU = re.compile(
    r"cộng\s*h(?:òa|oà)\s*x[ãà]\s*hội\s*chủ\s*nghĩa\s*việt\s*nam|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    # The Youth Union prints its own name in the right column: a line of its own.
    r"|(?m:^[ \t]*ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH[ \t]*$)",
    re.IGNORECASE,
)
DOAN_HEADING = re.compile(r"\s*ĐOÀN\s+TNCS")
MOTTO = re.compile(r"độc\s*lập\s*[-–]?\s*tự\s*do\s*[-–]?\s*hạnh\s*phúc[\s|_=*-]*", re.IGNORECASE)
_LETTER_SUBJECT_LIMIT = 600
_BODY_OPENING = re.compile(
    r"\n[ \t]*(?:Căn\s+cứ|Thực\s+hiện|Xét\s|Theo\s|Trả\s+lời|Phúc\s+đáp|Để\s|Ngày\s+\d|Hiện\s+nay|Tại\s)"
)


def find_letter_subject(
    head: str, number_end: int | None, stops: Iterable[int], limit: int
) -> tuple[str, tuple[int, int]] | None:
    """ "V/v <trích yếu>" (or "Về …" right after the number), up to the date line, the Kính gửi, the Quốc hiệu
    or the body, whichever comes first."""
    after_number = _VE_VIEC.match(head, number_end) if number_end is not None else None
    marker = after_number or _VV.search(head, 0, limit)
    if marker is None:
        return None
    start = marker.end()
    hard = [s for s in stops if start < s <= start + _LETTER_SUBJECT_LIMIT]
    opening = _BODY_OPENING.search(head, start, start + _LETTER_SUBJECT_LIMIT)
    if opening:
        hard.append(opening.start())
    if hard:
        end = min(hard)
    else:
        line_end = head.find("\n", start)
        end = len(head) if line_end < 0 else line_end
    text = head[start:end].rstrip(" \t\n|-_*")
    if not text.strip():
        return None
    return collapse(text), (start, start + len(text))
