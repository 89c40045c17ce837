"""Find every mention of another document in a normalised text.

Two kinds of mention (eyecite's "find" step):
- numbered: a số ký hiệu ("06/NQ-CP", "39/2003/NĐ-CP", "9151-CV/BTCTW", "13/2015/TT- BVHTTDL"), with what stands
  around it: the type word and name before it, its date and issuer after it, a pinpoint before the type word;
- named: a law, code, ordinance or constitution cited by name and date ("Luật Tổ chức chính quyền địa phương ngày
  19 tháng 6 năm 2015"), and programmes or regulations named in quotes ("Chương trình “Đẩy mạnh …”").
Deciding how each mention relates to the document is the job of `relations`; merging mentions, of `assemble`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.dates import DATE_TEXT, match_to_iso
from ingest.law_register import name_words, register
from ingest.lexicon import DOC_TYPES, GLUED_CODE, LOW, NAME_ABBREVIATIONS, TYPE_CODES, UP, modern_tones


@dataclass
class Mention:
    start: int
    end: int
    key: str
    doc_type: str | None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    pinpoint: str | None = None
    head_end: int = 0  # end of the number or name, before date and issuer
    footnote: int | None = None  # number of the footnote this mention stands in
    relation: str = "cites"
    relation_detail: str | None = None  # a finer reading: corrects, suspends, consolidates, partially_repeals
    # The document's own name ("Quốc hội ban hành Luật …"): not a citation, but what it names is.
    own: bool = False
    parts: list[str] | None = None  # what an amending article changes in it ("Điều 6", "khoản 2 Điều 46")
    # The document this one acted on, as a passive phrase says it ("A … được sửa đổi bởi <this>").
    acted_on: Mention | None = field(default=None, repr=False)
    confidence: float = 0.5
    trigger: str | None = None
    evidence: tuple[int, int] = (0, 0)
    inside: Mention | None = field(
        default=None, repr=False
    )  # the mention whose name or description holds this one

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


# --- số ký hiệu ----------------------------------------------------------------------------------------

_CODE_WORD = rf"(?:{UP}|\d)(?:{UP}|\d|(?<=T)[gr]|(?<=TT)ra|(?<=QĐ)i)*(?![\w])"
# Between the parts of a code: "-", "/", "&", a line break after a hyphen ("TT-\nBLĐTBXH"), a dot before a capital
# ("16/CGC.BT", "27/2001/QĐ.UB").
_CODE_SEP = rf"(?:[ ]?[-/](?:[ ]|\n)?|&[ ]?|\.(?={UP}))"
SYMBOL_BODY = (
    rf"(?P<num>\d{{1,6}}(?:\.\d{{1,4}})?[a-z]?)"  # "66.13/2026/NQ-CP": the Government's numbering of 2026
    rf"(?:[ ]?/[ ]?(?P<year>(?:19|20)\d{{2}}))?"
    # A space for a hyphen in old and Party-style symbols: "84 QĐ/TWĐTN", "60 TC/CĐKT" (its code has a "/").
    rf"(?:[ ]?(?P<sep>[/-])[ ]?|(?P<space>[ ])(?={UP}+/{UP}))"
    rf"(?P<code>(?=[\dA-Z]*{UP}){_CODE_WORD}(?:{_CODE_SEP}{_CODE_WORD})*)"
)
# Not after "digit:": "QCVN 01:2021/BYT" is a standard's number, "2021/BYT" only its tail.
SYMBOL = re.compile(rf"(?:(?<![\w/.,-])|(?<=số)|(?<=Số))(?<!\d:){SYMBOL_BODY}")  # "số357/TTr-CP" glued too
# A "code" of digits and a letter or two is a house or lot number ("Địa chỉ: Số 10/2A ngõ 5"), not a symbol.
_HOUSE_NUMBER = re.compile(r"\d+[A-Z]{1,2}")
_HAS_LETTER = re.compile(UP)


def normalise_symbol(num: str, year: str | None, sep: str | None, code: str) -> str:
    code = re.sub(r"\s+", "", code)
    parts = re.split(r"([-/])", code, maxsplit=1)
    glued = GLUED_CODE.match(parts[0])
    if glued:  # a lost hyphen: "QĐUBND" → "QĐ-UBND"
        parts[0] = f"{glued.group(1)}-{glued.group(2)}"
    code = "".join(parts)
    sep = sep or "-"  # "84 QĐ/TWĐTN" is 84-QĐ/TWĐTN, as the body issuing it writes it
    return f"{num}/{year}{sep}{code}" if year else f"{num}{sep}{code}"


def type_from_code(code: str) -> str | None:
    first = re.split(r"[-/&]", code.strip())[0]
    for candidate in (first, first.rstrip("0123456789")):
        if candidate in TYPE_CODES:
            return TYPE_CODES[candidate]
    return None  # "31/2024/QH15" is a law or a resolution: the code alone does not say which


# --- words around a mention ----------------------------------------------------------------------------

_TYPE_ALT = "|".join(re.escape(t) for t in sorted(DOC_TYPES, key=len, reverse=True))
_ABBREV_TYPES = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "CV": "Công văn",
}
_TYPE_BEFORE = re.compile(
    rf"(?<![\w])(?P<type>(?i:{_TYPE_ALT})|NQ|NĐ|QĐ|TT|CV)"
    rf"(?:\s+(?P<name>[^;:.\n“”]{{1,200}}?))??\s+(?P<so>(?i:số)\s*:?\s*)?$"
)
_FORM_BEFORE = re.compile(r"(?i:mẫu|biểu|phụ lục|mã)(?:\s+[^\s\d]+){0,2}?(?:\s+số)?\s*:?\s*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_TYPE_WORD = re.compile(rf"(?<![\w])(?:(?i:{_TYPE_ALT})|NQ|NĐ|QĐ|TT|CV)(?![\w])")
_SO_BEFORE = re.compile(r"(?<![\w])(?i:số)\s*:?\s*$")
_LIST_BEFORE = re.compile(r"(?:,|;|\bvà|\bhoặc)\s*(?:các\s+)?(?i:số\s+)?$")
_PIN_ID = r"(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ]|[A-ZĐ])(?![\w])"  # "Phần B"
_PINPOINT_BEFORE = re.compile(
    rf"(?P<pin>(?:(?:(?i:điểm|khoản|điều|mục|tiết|chương|phần|phụ lục))\s+{_PIN_ID}"
    # "Phụ lục I (ban hành) kèm theo Quyết định số …": the appendix is the part cited
    rf"(?:\s*(?:,|và|,\s*và)\s*{_PIN_ID})*[,\s]*)+)(?:(?i:của|tại|theo|(?:ban hành\s+)?kèm theo)\s+)?$"
)
_DATE_AFTER = re.compile(rf"^[ ,]*(?:(?:ban hành|ký)\s+)?(?i:ngày)\s*(?:{DATE_TEXT})")
_YEAR_AFTER = re.compile(r"^[ ,]*(?i:năm)\s+(?P<y>(?:19|20)\d{2})\b")
_OF_AFTER = re.compile(r"^[ ,]*(?i:của)\s+|^\s*(?=(?:Chính phủ|Quốc hội|Thủ tướng)\b)")
# "Quyết định số 12/QĐ-UBND do UBND tỉnh ban hành (ngày 5/3/2024)": the issuer stated as the agent.
_BY_AFTER = re.compile(r"^[ ,]*(?:do|bởi)\s+")
_ISSUED_AFTER = re.compile(rf"\s+(?:ký\s+)?(?:ban hành|ký|phát hành)(?:[ ,]+(?i:ngày)\s*(?:{DATE_TEXT}))?")
# "Luật Hải quan được Quốc hội khóa XIII kỳ họp thứ 7 thông qua ngày 23/6/2014": the date a law was passed.
_PASSED_AFTER = re.compile(
    r"\s+(?:đã\s+)?được\s+(?P<body>Quốc hội|Ủy ban [Tt]hường vụ Quốc hội|Hội đồng nhân dân|HĐND)"
    rf"[^,.;:\n]{{0,60}}?\s+thông qua\s+(?:vào\s+)?(?i:ngày)\s*(?:{DATE_TEXT})"
)
# "Ngày 21/04/2015, Thủ tướng Chính phủ đã ban hành Chỉ thị số 06/CT-TTg …": a sentence that opens with the
# date and the issuer of the document it then names.
_DATE_ISSUER_BEFORE = re.compile(
    # "Ngày" opens the sentence: after a boundary, or capitalised (a page flattened to one line has no boundary)
    rf"(?:(?<![^\n.;:])\s*(?:[-+•*]\s*)?(?i:vào\s+)?(?i:ngày)|(?<=\s)(?:Vào ngày|Ngày))\s*(?:{DATE_TEXT})\s*,?\s+"
    rf"(?P<issuer>[^,.;:\n]{{3,120}}?)\s+(?:đã\s+|vừa\s+)?(?:ký\s+)?(?:ban hành|ra|có|gửi|ký)\s+$"
)

_WORD = re.compile(r"[\w&]+(?:[-/][\w&]+)*|[^\w\s]")
# Words that end the name of an issuing body: what follows the body is a predicate, not part of its name.
_ISSUER_STOP = frozenset(
    [
        "về",
        "tại",
        "trong",
        "theo",
        "đã",
        "có",
        "nay",
        "là",
        "việc",
        "được",
        "bị",
        "cụ",  # "của UBND tỉnh cụ thể hóa Nghị quyết …": a verb, not the body's name
        "để",
        "nhằm",
        "với",
        "cùng",
        "từ",
        "đến",
        "ngày",
        "năm",
        "số",
        "kèm",
        "khi",
        "thì",
        "do",
        "bởi",
        "này",
        "đó",
        "trên",
        "gửi",
        "giao",
        "quy",
        "hướng",
        "ban",
        "sửa",
        "bổ",
        "thay",
        "bãi",
        "thực",
        "triển",
        "đề",
        "phê",
        "chỉ",
        "yêu",
        "thông",
        "cho",
        "trả",
        "chuyển",
        "v/v",
        "vv",
        "nêu",
        "ký",
        "hết",
        "các",
        "những",
        "một",
        "như",
        "vừa",
        "đang",
        "sẽ",
        "ra",
        "nhưng",
        "mà",
        "hoặc",
        "qua",
        "không",
    ]
)
_ISSUER_OK_AFTER_STOP = {
    "ban": {"chấp", "tổ", "dân", "chỉ", "thường", "bí", "quản", "kinh", "tuyên", "nội", "nhân"}
}
# "của liên Bộ Tài chính - Bộ Nội vụ": the joint issuers of a joint circular, written in lower case.
_ISSUER_HEAD = re.compile(rf"^(?:{UP}|Thủ|Chủ|Bộ|Ủy|Uỷ|UBND|HĐND|liên\s+(?:Bộ|bộ|Sở|sở|ngành)\s)")


def parse_issuer(text: str, pos: int, limit: int = 160) -> tuple[str | None, int]:
    """The name of the body that starts at `pos` ("Chính phủ", "Ủy ban nhân dân tỉnh", "Bộ Công an và Bộ …")."""
    window = text[pos : pos + limit]
    if not _ISSUER_HEAD.match(window):
        return None, pos
    end = 0
    words = list(_WORD.finditer(window))
    for i, w in enumerate(words):
        token = w.group()
        low = token.lower()
        if "\n" in window[end : w.start()] and i > 0:
            break  # a paragraph ends the name: "… của Bộ Giáo dục và Đào tạo" over the date line "Bắc Ninh, ngày …"
        if not token[0].isalnum():
            if token in "-&" and i + 1 < len(words) and words[i + 1].group()[0].isupper():
                continue  # "Sở Lao động - Thương binh và Xã hội"
            break
        if (
            i > 0
            and low in _ISSUER_STOP
            and not (low == "ban" and words[i - 1].group().lower() in {"ủy", "uỷ"})
        ):
            nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
            if nxt not in _ISSUER_OK_AFTER_STOP.get(low, ()):
                break
        if (
            low == "và"
            and i + 1 < len(words)
            and _starts_type(window, words[i + 1].start())
            and not _NAMED_TYPE.match(window, words[i + 1].start())
        ):
            break
        if token[0].isdigit() and not (i > 0 and words[i - 1].group().lower() in {"khóa", "khoá", "lần"}):
            break
        if _starts_type(window, w.start()) and i > 0:
            break
        end = w.end()
    if end == 0:
        return None, pos
    issuer = window[:end].strip()
    while issuer.split()[-1].lower() in {"và", "của", "-"}:
        issuer = issuer.rsplit(None, 1)[0]
        if not issuer:
            return None, pos
    return issuer, pos + len(issuer)


_TYPE_AT = re.compile(rf"(?i:{_TYPE_ALT})(?![\w])")


def _starts_type(text: str, pos: int) -> bool:
    m = _TYPE_AT.match(text, pos)
    return bool(m) and text[pos].isupper()


def canonical_type(surface: str) -> str:
    return DOC_TYPES.get(surface.lower(), _ABBREV_TYPES.get(surface, surface))


# --- numbered mentions ---------------------------------------------------------------------------------


def find_numbered(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    previous: Mention | None = None
    for m in SYMBOL.finditer(text):
        number = normalise_symbol(m.group("num"), m.group("year"), m.group("sep"), m.group("code"))
        if not _HAS_LETTER.search(m.group("code")) or _ROMAN.match(m.group("code")):
            continue
        if _HOUSE_NUMBER.fullmatch(m.group("code")):
            continue
        start, head_end = m.start(), m.end()
        before = text[max(0, start - 220) : start]
        if _FORM_BEFORE.search(before):
            continue
        doc_type: str | None = None
        title: str | None = None
        t = _type_before(before, type_from_code(m.group("code")))
        if t:
            name = (t.group("name") or "").strip()
            canonical = canonical_type(t.group("type"))
            doc_type = canonical
            start -= len(before) - t.start()
            if name and canonical in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
                title = f"{canonical} {clean_name(name)}"
        if t is None:
            so = _SO_BEFORE.search(before)
            if so:
                start -= len(before) - so.start()
            if previous and _LIST_BEFORE.search(text[previous.end : start]) and previous.end <= start:
                gap = text[previous.end : start]
                if len(gap) <= 12 and previous.number:
                    doc_type = previous.doc_type
            if doc_type is None:
                doc_type = type_from_code(m.group("code")) or ("Văn bản" if so else None)
        mention = Mention(
            start=start, end=head_end, key=number, doc_type=doc_type, number=number, title=title
        )
        mention.head_end = head_end
        _attach_date_and_issuer(text, mention)
        _attach_pinpoint(text, mention)
        mentions.append(mention)
        previous = mention
    return mentions


def _type_before(before: str, code_type: str | None = None) -> re.Match[str] | None:
    """The type word that governs a number: the nearest one whose words up to the number make sense.
    `code_type` is the type the symbol's code tells ("TB" → Thông báo)."""
    # "pháp luật" is a common noun: "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15" is governed
    # by "Luật", not by the "luật" of "pháp luật".
    starts = [
        m.start() for m in _TYPE_WORD.finditer(before) if not before[: m.start()].lower().endswith("pháp ")
    ]
    candidates = [t for pos in reversed(starts[-6:]) if (t := _TYPE_BEFORE.match(before, pos))]
    for i, t in enumerate(candidates):
        name = (t.group("name") or "").strip()
        if not name or (
            t.group("so") and _acceptable_name(canonical_type(t.group("type")), t.group("type"), name)
        ):
            if code_type and canonical_type(t.group("type")) != code_type:
                # "Thông báo kết luận số 12-TB/TU": a type word that qualifies the one before it; the
                # code names the type that governs the number.
                for u in candidates[i + 1 : i + 2]:
                    qualifier = (u.group("name") or "").split()
                    if u.group("so") and canonical_type(u.group("type")) == code_type and len(qualifier) <= 2:
                        return u
            return t
    return None


def _acceptable_name(canonical: str, surface: str, name: str) -> bool:
    """Words between a type and "số": a law's name ("Luật Đất đai số …") or a short qualifier ("Quy chế phối hợp")."""
    if canonical in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
        return (
            surface[0].isupper() and len(name.split()) <= 25 and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", name)
        )
    # Never another number: in "Quyết định số 1/QĐ-UBND, số 2/QĐ-UBND" the second number has no type word.
    return len(name.split()) <= 2 and not _TYPE_AT.search(name) and not re.search(r"\d", name)


def _attach_date_and_issuer(text: str, mention: Mention) -> None:
    pos = mention.end
    after = text[pos : pos + 80]
    d = _DATE_AFTER.match(after)
    if d:
        mention.date = match_to_iso(d)
        pos += d.end()
    else:
        y = _YEAR_AFTER.match(after)
        if y:
            mention.date = y.group("y")
            pos += y.end()
    of = _OF_AFTER.match(text[pos : pos + 10])
    if of:
        issuer, end = parse_issuer(text, pos + of.end())
        if issuer:
            mention.issuer = issuer
            pos = end
    elif mention.date and (
        bare := re.match(r"[ \t]+(?=(?:Chính phủ|Quốc hội|Thủ tướng|Bộ\s|Ủy ban|UBND))", text[pos:])
    ):
        issuer, end = parse_issuer(text, pos + bare.end())
        if issuer:
            mention.issuer, pos = issuer, end
    elif by := _BY_AFTER.match(text[pos : pos + 10]):
        issuer, end = parse_issuer(text, pos + by.end())
        issued = _ISSUED_AFTER.match(text, end) if issuer else None
        if issuer and issued:
            mention.issuer, pos = issuer, end
            if mention.date is None and (iso := match_to_iso(issued)):
                mention.date, pos = iso, issued.end()
    if pos > mention.end:
        mention.end = pos
    if mention.date is None and (passed := _PASSED_AFTER.match(text, mention.end)):
        # the mention stays the name: what follows it is a predicate, not part of the citation
        mention.date = match_to_iso(passed)
        mention.issuer = mention.issuer or passed.group("body")
    if mention.date is None:
        _attach_date_and_issuer_before(text, mention)
    if mention.issuer is None:
        _attach_issuer_before(text, mention)


# "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …": the proposer is the issuer of the submission.
_PROPOSER_BEFORE = re.compile(
    r"(?<![\w])(?i:đề nghị|đề xuất|kiến nghị|ý kiến)\s+của\s+(?P<issuer>[^,.;:\n]{3,100}?)\s+tại\s+$"
)


def _attach_issuer_before(text: str, mention: Mention) -> None:
    p = _PROPOSER_BEFORE.search(text, max(0, mention.start - 160), mention.start)
    if p and len(p.group("issuer").split()) > 1 and _ISSUER_HEAD.match(p.group("issuer")):
        mention.issuer = " ".join(p.group("issuer").split())


def _attach_date_and_issuer_before(text: str, mention: Mention) -> None:
    """The date and issuer that open the sentence naming the document ("Ngày 10/01/2025, Bộ Tài chính đã có
    Văn bản số …"); the mention itself still starts at its type word."""
    d = _DATE_ISSUER_BEFORE.search(text, max(0, mention.start - 200), mention.start)
    if d is None:
        return
    mention.date = match_to_iso(d)
    issuer = " ".join(d.group("issuer").split())
    if mention.issuer is None and _ISSUER_HEAD.match(issuer):
        mention.issuer = issuer


def _attach_pinpoint(text: str, mention: Mention) -> None:
    before = text[max(0, mention.start - 120) : mention.start]
    p = _PINPOINT_BEFORE.search(before)
    if p:
        pin = re.sub(r"[,\s]+$", "", p.group("pin")).strip()
        mention.pinpoint = pin or None


# --- named mentions ------------------------------------------------------------------------------------

_NAMED_TYPE = re.compile(
    r"(?<![\w])(?P<type>Bộ\s+[Ll]uật|BỘ\s+LUẬT|Luật|LUẬT|Hiến\s+pháp|HIẾN\s+PHÁP|Pháp\s+lệnh|PHÁP\s+LỆNH"
    r"|Hiệp\s+định|Công\s+ước|Nghị\s+định\s+thư|Hiến\s+chương)\s+(?=\S)"
)
_TREATIES = ("Hiệp định", "Công ước", "Nghị định thư", "Hiến chương")
# A treaty's own short name in brackets is what it is known by: "… (Công ước HS)".
_ALIAS_AFTER = re.compile(
    r"\s*\((?:(?i:sau đây gọi(?: tắt)? là)\s+)?[“\"]?(?P<alias>(?:Hiệp định|Công ước|Nghị định thư|Luật|Bộ luật)"
    r"\s(?!(?i:số)\s*\d)[^()“”\"]{1,40}?)[”\"]?\)"
)
_NOT_A_NAME = re.compile(
    r"(?i:này|nêu|trên|hiện\s+hành|định|sư|số|và|các|của|đó|ở|thì|quy\s+định|mới|cũ|chung|có|không"
    r"|được|đã|sẽ|khác|liên\s+quan|chuyên\s+ngành|hướng\s+dẫn|tại|theo|về|cho|là|nào|gốc|sửa\s+đổi\s*$)(?![\w])"
)
# Words that end a law's name: a date, a number, a predicate or a clause boundary follows.
_NAME_STOP_WORDS = frozenset(
    [
        "ngày",
        "năm",
        "số",
        "đã",
        "được",
        "thì",
        "mà",
        "để",
        "nhằm",
        "theo",
        "tại",
        "trong",
        "này",
        "đó",
        "có",
        "là",
        "do",
        "bởi",
        "khi",
        "nêu",
        "hiện",
        "về",
        "gồm",
        "như",
        "cho",
        "tới",
        "từ",
        "vừa",
        "đang",
        "sẽ",
        "phải",
        "cần",
        "hoặc",
        "không",
        "các",
        "những",
        "nếu",
    ]
)
_NAME_STOP_BIGRAMS = {("quy", "định"), ("hướng", "dẫn"), ("thông", "qua"), ("ban", "hành"), ("có", "hiệu"),
                      ("hết", "hiệu"), ("đối", "với"), ("trường", "hợp"), ("căn", "cứ"), ("có", "quy"),
                      ("có", "nêu"), ("có", "thể"), ("có", "trách")}  # fmt: skip
_TREATY_STOP_WORDS = _NAME_STOP_WORDS - {"về"}  # "Công ước quốc tế về Hệ thống hài hòa …"
# An amending law's name runs through the list of laws it amends ("… của 37 luật có liên quan đến quy hoạch").
_AMENDING_STOP_WORDS = frozenset(
    ["ngày", "năm", "đã", "được", "thì", "này", "theo", "tại", "trong", "để", "nhằm", "khi"]
)
_NAME_KEEP_BIGRAMS = {("sửa", "đổi"), ("bổ", "sung")}
# Set phrases of names that hold a stop word: "người có công", "cơ quan có thẩm quyền".
_NAME_FIXED_PHRASES = {("có", "công"), ("có", "thẩm")}
_YEAR_TAIL = re.compile(r"\s*(?:năm\s+)?((?:19|20)\d{2})$")


def clean_name(name: str) -> str:
    """A name as a key wants it: abbreviations spelled out, one space, no trailing punctuation, and a title
    printed in capitals ("ĐẤT ĐAI") written as names are written ("Đất đai")."""
    words = [NAME_ABBREVIATIONS.get(w, w) for w in name.replace("\n", " ").split()]
    if len(words) > 1 and all(w.isupper() for w in words):
        words = [words[0].capitalize()] + [w.lower() for w in words[1:]]
    return modern_tones(" ".join(words)).strip(" ,;:-")


def name_end(text: str, pos: int, limit: int = 400, treaty: bool = False) -> int:
    """Length of the law's name that starts at `pos` (through the laws an amending law names: "sửa đổi Luật A, …")."""
    window = text[pos : pos + limit]
    words = list(_WORD.finditer(window))
    end = 0
    i = 0
    amending = bool(re.match(r"(?i:sửa\s+đổi)", window))
    while i < len(words):
        w = words[i]
        token = w.group()
        low = token.lower()
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if (
            token in {";", ".", ":", "(", ")", "“", "”", '"', "[", "?", "!"}
            or "\n" in window[end : w.start()]
        ):
            break
        if token == ",":
            # A comma continues a name only when a short continuation leads to the date or to the next law
            # ("Luật Quản lý, sử dụng tài sản công, Luật …", "Luật Khám bệnh, chữa bệnh ngày …").
            if not _comma_continues(window, w.end(), amending):
                break
            i += 1
            continue
        after_type = i > 0 and words[i - 1].group() in {"Luật", "LUẬT"} and token[0].isupper()
        if (
            i > 0
            and (low, nxt) in _NAME_STOP_BIGRAMS
            and not after_type
            and not (amending and (low, nxt) in _NAME_KEEP_BIGRAMS)
        ):
            break
        stops = (
            _AMENDING_STOP_WORDS | {"số"} if amending else _TREATY_STOP_WORDS if treaty else _NAME_STOP_WORDS
        )
        if (low, nxt) in _NAME_FIXED_PHRASES:  # "Pháp lệnh Ưu đãi người có công với cách mạng"
            end = w.end()
            i += 1
            continue
        if i > 0 and low in stops and not after_type and not (amending and low == "số" and nxt == "điều"):
            if not (
                amending
                and low == "số"
                and _starts_symbol(window, words[i + 1].start() if nxt else len(window))
            ):
                break
            # an amending law's title names the amended laws with their numbers: skip "số 31/2024/QH15"
            i += 2
            end = words[i - 1].end() if i - 1 < len(words) else end
            continue
        if (
            low == "và"
            and i + 1 < len(words)
            and _NAMED_TYPE.match(window, words[i + 1].start())
            and not amending
        ):
            break
        if (
            low == "và"
            and i + 1 < len(words)
            and _starts_type(window, words[i + 1].start())
            and not _NAMED_TYPE.match(window, words[i + 1].start())
        ):
            break  # "Thực hiện Luật Viên chức và Công văn số 1520/UBND-NC1 …": the next document
        if low == "và" and nxt in _NAME_STOP_WORDS:
            break
        # "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân" is a name,
        # "Luật Đất đai của Quốc hội" is not: a body named after "của" ends the name unless a law follows.
        if (
            low == "của"
            and not amending
            and i + 1 < len(words)
            and not _NAMED_TYPE.match(window, words[i + 1].start())
            and not re.match(r"\s*(?:Hội đồng nhân dân|HĐND)", window[w.end() :])
        ):
            break
        if token.isdigit() and not amending:
            break
        end = w.end()
        i += 1
    return end


def _comma_continues(window: str, pos: int, amending: bool) -> bool:
    rest = window[pos : pos + 120]
    if amending and re.match(r"\s*(?i:bổ\s+sung|bãi\s+bỏ)", rest):
        return True
    if _NAMED_TYPE.match(rest.lstrip()):
        return amending
    m = re.match(
        r"\s*([^,;.:()“”]{1,60}?)(?=\s+ngày\s|\s+năm\s+\d|\s*,\s*(?:Luật|Bộ luật)\s|\s+và\s+(?:Luật|Bộ luật)\s|\s*;|\s*$)",
        rest,
    )
    if not m:
        return False
    segment = m.group(1).split()
    return 0 < len(segment) <= 6 and not any(s.lower() in _NAME_STOP_WORDS - {"năm"} for s in segment)


def _starts_symbol(text: str, pos: int) -> bool:
    return bool(SYMBOL.match(text, pos))


def find_named(text: str) -> list[Mention]:
    mentions = []
    for m in _NAMED_TYPE.finditer(text):
        surface = re.sub(r"\s+", " ", m.group("type"))
        doc_type = canonical_type(surface)
        name_start = m.end()
        if not text[name_start].isalpha() or _after_common_noun(text, m.start()):
            continue
        known = _registered_name_end(text, m.start(), name_start) if doc_type in _REGISTERED_TYPES else None
        if known is None and _NOT_A_NAME.match(text, name_start):
            continue
        end = name_end(text, name_start, treaty=doc_type in _TREATIES)
        if end == 0 and known is not None:
            end = known  # "Luật các tổ chức tín dụng": a name the register knows, whatever its first word
        if end == 0:
            continue
        if doc_type in _REGISTERED_TYPES:
            # An amending law's name runs through the laws it amends; the register holds only some of them.
            amending_name = bool(_LOWER_NAME_START.match(text, name_start)) and text[name_start] in "sS"
            if known is None and text[name_start].islower() and not _LOWER_NAME_START.match(text, name_start):
                continue  # "Luật hoặc …", "Luật trong thời hạn …": no law of that name; the word is generic
            after = text[name_start + known :].lstrip()[:1] if known is not None else ""
            if (
                known is not None
                and known < end
                and (after == "," or (after.isalpha() and after.islower()))
                and not amending_name
            ):
                # "Luật Thuế giá trị gia tăng ước tăng thu …", "Bộ luật lao động, tiền thưởng sáng kiến": the name
                # ends where the register's does.
                end = known
            elif known is not None and known > end and not amending_name:
                end = known  # "Luật Phòng, chống tham nhũng": a comma inside a name the register knows
        raw_name = text[name_start : name_start + end]
        if _SO_SYMBOL_AFTER.match(text, name_start + end):
            continue  # "Luật Đất đai số 31/2024/QH15": the numbered finder owns it
        if _DRAFT_AFTER.match(text, name_start + end):
            continue  # "Bộ luật Dân sự (sửa đổi)": a bill being drafted, not a document that exists
        mention = Mention(start=m.start(), end=name_start + end, key="", doc_type=doc_type)
        mention.head_end = mention.end
        mention.title = f"{doc_type} {clean_name(strip_numbers(raw_name))}"
        _attach_date_and_issuer(text, mention)
        if mention.date is None:
            y = _YEAR_TAIL.search(raw_name)
            if y:
                mention.date = y.group(1)
                mention.title = f"{doc_type} {clean_name(strip_numbers(raw_name[: y.start()]))}"
        _attach_pinpoint(text, mention)
        alias = _ALIAS_AFTER.match(text, mention.end)
        if alias:
            mention.title = clean_name(alias.group("alias"))
            mention.end = alias.end()
        year = mention.date[:4] if mention.date else None
        mention.key = f"{mention.title} {year}" if year else mention.title
        mentions.append(mention)
    return mentions


_REGISTERED_TYPES = frozenset(["Luật", "Bộ luật", "Pháp lệnh"])
# Names that old texts write in lower case and the register may not hold: amending laws, "Luật về …".
_LOWER_NAME_START = re.compile(r"(?:sửa\s+đổi|về|tổ\s+chức)(?![\w])", re.IGNORECASE)


def _registered_name_end(text: str, type_start: int, name_start: int) -> int | None:
    """Where the longest law name of the register that starts at `type_start` ends, counted from `name_start`;
    None when the register knows no such name."""
    words = name_words(text, type_start)
    known = register().known_name_length([word for word, _ in words])
    return words[known - 1][1] - name_start if known else None


def _after_common_noun(text: str, pos: int) -> bool:
    """ "pháp luật", "PHÁP LUẬT", "dự án Luật": the word is part of a common noun, not a citation."""
    before = text[max(0, pos - 8) : pos].lower()
    return before.endswith(("pháp ", "dự án ", "dự thảo ", "văn bản "))


_DRAFT_AFTER = re.compile(r"\s*\((?i:sửa đổi|dự thảo|sửa đổi, bổ sung)\)")
_SO_SYMBOL_AFTER = re.compile(rf"\s+(?:(?i:số)\s*)?{SYMBOL_BODY}")  # "Luật Thuế GTGT 13/2008/QH12" too


def strip_numbers(name: str) -> str:
    """ "Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15" → "Luật Đất đai, Luật Nhà ở"."""
    return _SO_SYMBOL_IN_NAME.sub("", name)


_SO_SYMBOL_IN_NAME = re.compile(rf"\s+(?i:số)\s+{SYMBOL_BODY}")

# Programmes, plans and regulations named in quotes: Chương trình “Đẩy mạnh các hoạt động học tập suốt đời …”.
_QUOTED = re.compile(
    r"(?<![\w])(?P<type>Chương trình|Đề án|Quy chế|Quy định|Kế hoạch|Chiến lược|Dự án|Phong trào)"
    r"(?:\s+(?:số\s+)?(?:mục tiêu quốc gia|hành động|phối hợp))?\s+[“\"](?P<name>[^”\"\n]{8,250})[”\"]"
)


def _titled(m: re.Match[str]) -> Mention:
    """A mention known by its type and name alone (the name in group "name")."""
    title = f"{m.group('type')} {clean_name(m.group('name'))}"
    return Mention(
        start=m.start(), end=m.end(), key=title, doc_type=m.group("type"), title=title, head_end=m.end()
    )


def find_quoted(text: str) -> list[Mention]:
    # A "Phong trào" (a campaign) in quotes is not a document.
    return [_titled(m) for m in _QUOTED.finditer(text) if m.group("type") != "Phong trào"]


_BETWEEN_BODIES = re.compile(rf"\s(?:với|và)\s+{UP}")
_NAMED_REGULATION = re.compile(
    rf"(?<![\w])(?P<type>Quy chế|Quy định|Điều lệ)\s+(?P<name>(?:về|giữa)\s+[^;:.\n\[]{{5,160}}?"
    rf"\s(?:với|và)\s+(?:{UP}{LOW}*\s+){{1,10}}?(?:{UP}{LOW}*))(?=\[\^\d+\]|\s*[;,.]|\s+(?:{LOW}))"
)


def find_named_regulations(text: str) -> list[Mention]:
    """ "Quy chế về mối quan hệ công tác giữa Chính phủ với Tổng Liên đoàn Lao động Việt Nam"."""
    return [_titled(m) for m in _NAMED_REGULATION.finditer(text) if _BETWEEN_BODIES.search(m.group("name"))]
