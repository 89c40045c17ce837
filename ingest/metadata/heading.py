"""The type heading ("QUYẾT ĐỊNH"), the trích yếu under it or after "V/v", and the authority line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from ingest.lexicon import DOC_TYPES, LOW, UP
from ingest.lexicon import UPPER_LETTERS as _LETTERS
from ingest.metadata.clauses import AUTHORITY as _AUTHORITY
from ingest.metadata.clauses import CASED_AUTHORITY as _CASED_AUTHORITY
from ingest.metadata.clauses import NO_BODY_BASE, TitleClauses, read_title
from ingest.metadata.words import Token, collapse, has_lower, is_upper_word, line_start, token_key, tokens_in
from ingest.metadata_lexicon import HEADING_TYPES, OPENING_ONLY_TYPES, base_letters, word_key

# Heading words to type: the common types of `ingest.lexicon`, and those only a heading names (a court precedent,
# a congress paper); "PHỤ LỤC" is a document's own heading only where the text starts (elsewhere it opens an annex).
_TYPES = {k: v for k, v in DOC_TYPES.items() if k not in {"văn bản", "nghị đinh"}} | HEADING_TYPES
_HEADING_TYPES = sorted(_TYPES, key=len, reverse=True)
_OPENING_TYPES = sorted(_TYPES | OPENING_ONLY_TYPES, key=len, reverse=True)


def _letter_class(ch: str, *, any_case: bool) -> str:
    """The letters that read as `ch` once their tone and vowel marks are lost (OCR prints "QUYÉT", "LỦẬN")."""
    base = base_letters(ch)
    found = [c for c in _LETTERS if base_letters(c) == base]
    found += [c.lower() for c in found] if any_case else []
    return "[" + "".join(sorted(set(found))) + "]"


def _heading_pattern(types: list[str], *, any_case: bool, numbered: bool = False) -> re.Pattern[str]:
    """One alternation of the type words, each letter matched whatever its marks (and, if asked, its case)."""
    words = [
        r"\s+".join("".join(_letter_class(c, any_case=any_case) for c in w) for w in key.upper().split())
        for key in types
    ]
    # Not inside a longer word, not a label ("Quyết định:"); in lower case not a citation ("Quyết định số 12")
    # unless the heading carries its own number ("Án lệ số 15/2017/AL").
    # In capitals it may be glued to a title in sentence case ("QUYẾT ĐỊNHVề việc ban hành …").
    tail = (r"(?![^\W\d_])" if any_case else rf"(?:(?![^\W\d_])|(?={UP}{LOW}))") + r"(?!\s*:)"
    tail += r"(?!\s+(?:số|SỐ|Số)\b)" if any_case and not numbered else ""
    return re.compile(r"(?:" + "|".join(words) + r")" + tail)


_HEADING = _heading_pattern(_HEADING_TYPES, any_case=False)
# Where the position says it is the heading (right after the date line or at the text's start), old web copies
# print it in lower case ("Hà nội, ngày 22 tháng 11 năm 2002 quyết định của bộ trưởng …").
_HEADING_ANY_CASE = _heading_pattern(_HEADING_TYPES, any_case=True)
_OPENING_HEADING = _heading_pattern(_OPENING_TYPES, any_case=True, numbered=True)
_OF_ISSUER = re.compile(r"\s+(?:của|Của|CỦA)\b")


def _lowered_heading(head: str, at: int) -> re.Match[str] | None:
    """A heading that a web copy printed in lower case ("quyết định của bộ trưởng …", "thông tư Hướng dẫn …"),
    or in sentence case before its issuer ("Nghị định của chính phủ …"), after the number. A title in sentence
    case opens with the same words as verbs ("Số: 21/2025/TT-BGDĐT Quy định chế độ trả tiền lương …"): those are
    no heading."""
    m = _HEADING_ANY_CASE.match(head, at)
    if m and (m.group().islower() or _OF_ISSUER.match(head, m.end())):
        return m
    return None


_TYPE_OF_BASE = {base_letters(k): v for k, v in (_TYPES | OPENING_ONLY_TYPES).items()}
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

_AUTHORITY_MAX_WORDS = 28  # "HỘI ĐỒNG NHÂN DÂN TỈNH … KHÓA XIII, KỲ HỌP THỨ 7 (KỲ HỌP CHUYÊN ĐỀ)"
_NOT_BEFORE_AUTHORITY = frozenset({"của", "và", "với", "giữa", "cho", "tại", "thuộc", "đối"})


@dataclass(frozen=True)
class TitleBlock:
    subject: str | None
    subject_span: tuple[int, int] | None
    authority: str | None  # as printed, whitespace collapsed
    authority_role: str | None
    end: int
    clauses: TitleClauses | None = None  # what the title says of the document's number, date and issuer


def after_separators(text: str, pos: int) -> int:
    """Where the separators (spaces, rules, bars) that start at `pos` end."""
    found = SEPARATORS.match(text, pos)
    return found.end() if found else pos  # it matches the empty string: always found


def tokens_key(tokens: Iterable[Token]) -> str:
    return word_key(" ".join(t.text for t in tokens))


def authority_suffix(
    tokens: list[Token], head: str | None = None, *, line_start: bool = False, any_case: bool = False
) -> int | None:
    """Index where the authority line starts at the end of a run of tokens, if it ends with one. `line_start`:
    the layout kept its lines, so the authority line starts one; `any_case`: the title is not in capitals."""
    words = [t.text for t in tokens]
    # The authority line is printed in capitals; a title in sentence case may end with a body's name. So it
    # starts in the run of words in capitals (or without letters) that ends the tokens.
    capitals_from = len(words)
    while capitals_from > 0 and _capitals_or_no_letter(words[capitals_from - 1]):
        capitals_from -= 1
    keys = [k.strip("-_*") for k in token_key.of(words)]  # "MINH-", a rule glued to the line
    present = [k for k in keys if k]  # a word of edge punctuation only ("(", ".") has an empty key
    before = list(accumulate(map(bool, keys), initial=0))  # before[i]: how many keys of `present` precede i
    starts = range(max(0, len(words) - _AUTHORITY_MAX_WORDS) if any_case else capitals_from, len(words))
    for i in starts:
        if not keys[i] or (i > 0 and keys[i - 1] in _NOT_BEFORE_AUTHORITY):
            continue
        if line_start and head is not None and not _starts_line(head, tokens[i].start):
            continue
        pattern = _AUTHORITY if i >= capitals_from else _CASED_AUTHORITY
        line = " ".join(present[before[i] :])
        # The words that are no body ("BỘ MÁY") are told apart on their letters too: OCR prints "BỘ MÁỲ".
        if pattern.fullmatch(line) and not base_letters(line).startswith(NO_BODY_BASE):
            return i
    return None


def _starts_line(head: str, pos: int) -> bool:
    return not head[max(0, head.rfind("\n", max(0, pos - 200), pos) + 1) : pos].strip(" \t|*-")


def _capitals_or_no_letter(word: str) -> bool:
    return is_upper_word(word) or not any(c.isalpha() for c in word)


def find_title_block(
    head: str, start: int, *, under_heading: bool, own_number: str | None = None
) -> TitleBlock | None:
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
    capitals = is_upper_word(toks[0].text) or toks[0].text[:1].isdigit()
    if capitals:
        run = _capitals_run(toks)
        rest: list[Token] = []
    else:
        if not under_heading:
            return None
        line_end = title_paragraph_end(head, toks[0].start, zone_end)
        run = _before_restatement([t for t in toks if t.end <= line_end])
        rest = [t for t in toks if t.start > line_end]
    if not run:
        return None
    # A title that starts a line of its own under its heading keeps the layout's lines: its authority line
    # starts one too ("VỀ VIỆC BAN HÀNH NỘI QUY KỲ HỌP HỘI ĐỒNG NHÂN DÂN TỈNH KHOÁ VI" is all title).
    own_lines = "\n" in head[start : run[0].start]
    authority: list[Token] = []
    cut = authority_suffix(run[-_AUTHORITY_MAX_WORDS:], head, line_start=own_lines, any_case=not capitals)
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
    while run and _RULE.match(run[-1].text):
        run = run[:-1]
    if capitals and run and not authority and len(run) < len(toks) and _only_clauses(head, run, own_number):
        # "ÁN LỆ SỐ 40/2021/AL / Về công nhận …": the line in capitals only numbers the document; its trích yếu
        # follows in sentence case.
        line_end = title_paragraph_end(head, toks[len(run)].start, zone_end)
        run = run + [t for t in toks[len(run) :] if t.end <= line_end]
    clauses = (
        read_title(head, run[0].start, run[-1].end, after_heading=under_heading, own_number=own_number)
        if run
        else None
    )
    span = clauses.subject if clauses else None
    if not capitals and span and span[1] == run[-1].end and _is_sentence(head[span[0] : span[1]]):
        return (
            None  # "Thực hiện …, Ủy ban nhân dân tỉnh tổ chức Họp đánh giá …." is the body's first sentence
        )
    subject = collapse(head[span[0] : span[1]]).rstrip(" -_=*") or None if span else None
    if (
        not under_heading
        and subject is not None
        and not authority
        and not _ends_at_body(head, run, end_match)
    ):
        # Without a heading, capitals after the date are a title only when an authority line confirms it, or when
        # they fill their own lines up to the body ("MỘT SỐ NỘI DUNG CƠ BẢN / TRONG QUY CHẾ BẦU CỬ … / Thực hiện …").
        return None
    while authority and not any(c.isalnum() for c in authority[-1].text):
        authority = authority[:-1]  # the bullet of the body's first line ("- Căn cứ …")
    auth_text = collapse(head[authority[0].start : authority[-1].end]).rstrip(" -_=*|") if authority else None
    role = None
    if authority:
        m = _AUTHORITY.fullmatch(tokens_key(authority)) or _CASED_AUTHORITY.fullmatch(tokens_key(authority))
        role = m.group("role").strip() if m and m.group("role") else None
    block_end = max((t.end for t in (authority or run)), default=start)
    return TitleBlock(subject, span if subject else None, auth_text, role, block_end, clauses)


_SENTENCE_TITLE_MAX_WORDS = 25


_RESTATED_WORDS = 4


def _before_restatement(run: list[Token]) -> list[Token]:
    """A copy that joined the title and the body on one line: the body's first sentence restates the title's first
    words ("hội nghị lần thứ 4 ban chấp hành … giai đoạn 2010 - 2020 Hội nghị lần thứ 4 Ban Chấp hành … họp ngày
    20 …"); the title ends where they come again."""
    keys = token_key.of([t.text for t in run])
    opening = keys[:_RESTATED_WORDS]
    if len(opening) < _RESTATED_WORDS:
        return run
    for k in range(_RESTATED_WORDS, len(run) - _RESTATED_WORDS + 1):
        if keys[k] == opening[0] and run[k].text[:1].isupper() and keys[k : k + _RESTATED_WORDS] == opening:
            return run[:k]  # a sentence starts there
    return run


def _is_sentence(text: str) -> bool:
    """A long run of words closed by a full stop: a sentence of the body, not a title (titles carry no stop)."""
    return text.rstrip().endswith(".") and len(text.split()) > _SENTENCE_TITLE_MAX_WORDS


def _ends_at_body(head: str, run: list[Token], body: re.Match[str] | None) -> bool:
    """Do the title's words fill their lines, from a line start up to where the body opens?"""
    if body is None or not run or not _starts_line(head, run[0].start):
        return False
    between = head[run[-1].end : body.start()]
    return "\n" in between and not between.strip(" \t\n|*-_=")


def _only_clauses(head: str, run: list[Token], own_number: str | None) -> bool:
    clauses = read_title(head, run[0].start, run[-1].end, own_number=own_number)
    return clauses.subject is None and (clauses.number is not None or clauses.date is not None)


def _capitals_run(toks: list[Token]) -> list[Token]:
    """The words of a title in capitals, up to the first word in lower case. OCR slips a lower-case letter into
    a word of capitals ("KINH TẾ - Xà HỘI"): a capitalised word between two words in capitals does not end it."""
    run: list[Token] = []
    for k, tok in enumerate(toks):
        if _RULE.match(tok.text) or _LIST_MARK.match(tok.text):
            break
        if has_lower(tok.text):
            slip = (
                tok.text[:1].isupper()
                and run
                and k + 1 < len(toks)
                and is_upper_word(toks[k + 1].text)
                and not has_lower(toks[k + 1].text)
            )
            if not slip:
                break
        run.append(tok)
    return run


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


def find_heading(
    head: str, candidates: Iterable[int], limit: int, date_end: int | None = None
) -> re.Match[str] | None:
    """The type heading right after the date line (or the number), else on a line of its own in the header."""
    for pos in candidates:
        if pos < 0:
            continue
        at = after_separators(head, pos)
        # Right after the date line a web copy may print it in any case ("… năm 2000 Thông tư Bổ sung …").
        lowered = _HEADING_ANY_CASE.match(head, at) if pos == date_end else _lowered_heading(head, at)
        m = _HEADING.match(head, at) or lowered
        if m and m.start() < limit:
            return m
    standalone = _STANDALONE_HEADING.search(head, 0, limit)
    if standalone:
        return _HEADING.match(head, standalone.start("h"))
    return None


# What a web page or a printout puts before the text: a file name or slug ("al-01-2016-hdtp-tandtc"), a date
# stamp ("10/30/13"); words without spaces that hold a digit.
_PAGE_LABEL = re.compile(r"(?:[\w./:-]{0,60}\d[\w./:-]{0,60}\s+){1,3}")


def opening_heading(head: str) -> re.Match[str] | None:
    """A type word that opens the text, in any case: the title line of a text without a header ("Quyết định
    của Bộ trưởng Bộ Tài chính số 1141-TC/QĐ/CĐKT …", "Án lệ số 15/2017/AL về …", "THAM LUẬN"), after the label
    of the page it was copied from, if any."""
    at = after_separators(head, 0)
    found = _OPENING_HEADING.match(head, at)
    if found is None:
        label = _PAGE_LABEL.match(head, at)
        found = _OPENING_HEADING.match(head, label.end()) if label else None
    return found


def heading_type(heading: str) -> str | None:
    return _TYPE_OF_BASE.get(" ".join(base_letters(heading.lower()).split()))


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


def _quoted(head: str, pos: int) -> bool:
    """Is the "V/v" at `pos` inside a sentence ("… lập “Biên bản thỏa thuận V/v: Kết thúc …”")? A letter's own
    "V/v" opens its line, or follows the number or a cell of the header."""
    before = head[max(0, pos - 40) : pos].rstrip(" \t")
    return before[-1:].islower()


class LetterSubject(NamedTuple):
    text: str
    span: tuple[int, int]
    vv: bool  # marked "V/v", as a letter's is; "Về …" after the number also titles other texts


def find_letter_subject(
    head: str, number_end: int | None, stops: Iterable[int], limit: int
) -> LetterSubject | None:
    """ "V/v <trích yếu>" (or "Về …" right after the number and the date beside it), up to the date line, the
    Kính gửi, the Quốc hiệu or the body, whichever comes first."""
    after_number = _VE_VIEC.match(head, number_end) if number_end is not None else None
    marker = after_number or next(
        (m for m in _VV.finditer(head, 0, limit) if not _quoted(head, m.start())), None
    )
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
    return LetterSubject(
        strip_unmatched_quote(collapse(text)), (start, start + len(text)), after_number is None
    )


# Forms and congress papers label their parts: "2. Trích yếu: V/v cho phép …", "* Nội dung: Vai trò của phụ nữ …",
# "* Đơn vị thực hiện: Hội LHPN xã Đặng Xá". A label opens its line (after a bullet or a list number); its value
# runs to the line's end or to the next label or salutation on the same line.
_LABEL = r"(?m:^)[ \t]*(?:(?:[*•+-]|\d{1,2}\.)[ \t]*)?(?:%s)[ \t]*:[ \t]*(?P<value>[^\n]{1,600})"
_SUBJECT_LABEL = re.compile(_LABEL % "Trích yếu|TRÍCH YẾU")
_CONTENT_LABEL = re.compile(_LABEL % "Nội dung|NỘI DUNG")
# Who presents a paper may follow its "Nội dung:" on the same line, when the lines were joined.
_ISSUER_LABEL = re.compile(
    r"(?:(?m:^)[ \t]*|(?<=\s)(?![ \t]))(?:[*•][ \t]*)?(?:Đơn vị thực hiện|Đơn vị trình bày|Cơ quan thực hiện)[ \t]*:"
    r"[ \t]*"
    r"(?P<value>[^\n]{1,600})"
)
# Each alternative starts where a run of spaces starts (or at a bullet), so that a long run is crossed once.
_VALUE_END = re.compile(
    r"(?:[*•]\s*|(?<!\s)\s*)(?:Đơn vị thực hiện|Kính thưa|Kính gửi|Thưa)\b|(?<!\s)\s+[*•]\s"
)
_LABEL_ZONE = 3_000  # the labels of a form stand on its first page
_CONTENT_NEAR = 300  # "Nội dung:" labels the document's subject only right under its title


def labelled_value(
    head: str, pattern: re.Pattern[str], start: int, end: int
) -> tuple[str, tuple[int, int]] | None:
    m = pattern.search(head, start, min(len(head), end))
    if m is None:
        return None
    value_start, value_end = m.start("value"), m.end("value")
    stop = _VALUE_END.search(head, value_start + 1, value_end)
    if stop:
        value_end = stop.start()
    marker = re.compile(r"(?:V/V|V/v|v/v)\.?:?\s*").match(head, value_start, value_end)
    if marker:
        value_start = marker.end()
    text = strip_unmatched_quote(collapse(head[value_start:value_end]).rstrip(" .;,"))
    return (text, (value_start, value_end)) if text else None


def labelled_subject(head: str, title_end: int) -> tuple[str, tuple[int, int]] | None:
    """The trích yếu a form or a congress paper labels, if it labels one."""
    at = line_start(head, title_end)
    return labelled_value(head, _SUBJECT_LABEL, 0, _LABEL_ZONE) or labelled_value(
        head, _CONTENT_LABEL, at, title_end + _CONTENT_NEAR
    )


def labelled_issuer(head: str, title_end: int) -> str | None:
    found = labelled_value(head, _ISSUER_LABEL, line_start(head, title_end), title_end + _LABEL_ZONE)
    return found[0] if found else None


def strip_unmatched_quote(text: str) -> str:
    """ "Công tác phối hợp … của phụ nữ và trẻ em”" → without the closing quote that opens nowhere (and the
    other way round: “V/v giới thiệu …” cut at the line's end)."""
    if text.endswith("”") and text.count("“") < text.count("”"):
        text = text[:-1].rstrip(" .")
    if text.startswith("“") and text.count("”") < text.count("“"):
        text = text[1:].lstrip()
    if text.count('"') % 2 and (text.endswith('"') or text.startswith('"')):
        text = text[:-1].rstrip(" .") if text.endswith('"') else text[1:].lstrip()
    return text
