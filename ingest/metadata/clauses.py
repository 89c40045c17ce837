"""The clauses by which a title names its own document: "CỦA <issuer>", "SỐ <number>", "NGÀY <date>".

Older texts, Party texts and web copies repeat the document's identity in its title, before the trích yếu or
after it, in any order and in any case:

    LUẬT / CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 16/1999/QH10 VỀ SĨ QUAN QUÂN ĐỘI NHÂN DÂN VIỆT NAM
    LUẬT / SỐ 18-L/CTN NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ
    LUẬT / THUẾ SỬ DỤNG ĐẤT NÔNG NGHIỆP SỐ 23-L/CTN NGÀY 10/07/1993 CỦA QUỐC HỘI
    CHỈ THỊ / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG / NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC XÂY DỰNG …
    KẾT LUẬN / CỦA BỘ CHÍNH TRỊ, / BAN BÍ THƯ / VỀ TÌNH HÌNH, KẾT QUẢ …
    Quyết định của Bộ trưởng Bộ Tài chính số 1141-TC/QĐ/CĐKT ngày 01 tháng 11 năm 1995 Về việc ban hành …
    KẾT LUẬN 127-KL/TW CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ …  (the number right after the heading, without "SỐ")

The trích yếu is what remains between them. A clause at the end of the title counts only in a run that holds a
number or a date ("… CỦA LUẬT HẢI QUAN" names a law, "Quy chế làm việc của Chính phủ" is a trích yếu), and not
after a type word that cites another document ("… theo Nghị quyết số 03/2021/UBTVQH15 ngày …") unless the number
is this document's own; a "CỦA" clause names an issuer only when a body's name, whole, follows it ("CỦA LUẬT …"
does not). A court precedent's adoption statement ("Được Hội đồng Thẩm phán … thông qua ngày …") ends its title.

The names of bodies are matched here too (AUTHORITY): the authority line under a title ("CHỦ TỊCH ỦY BAN NHÂN DÂN
TỈNH …") is one, and so is what a "CỦA" clause names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon import DOC_TYPES
from ingest.metadata.number import NUMBER_BODY, has_code
from ingest.metadata.words import Token, tokens_in
from ingest.metadata_lexicon import ISSUER_OPENINGS, base_letters, word_key

# The line under the title that names who enacts it ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "QUỐC HỘI",
# "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH KHÓA XIII KỲ HỌP THỨ 7"), matched on word keys. A name word is not one of the
# words that start another part (a body, a title, a locality, a term).
_NOT_NAME = ("của", "bộ", "sở", "ủy", "chủ", "trưởng", "tỉnh", "huyện", "quận", "khóa", "năm", "về", "việc")
_ROLE = (
    r"(?:chủ tịch|bộ trưởng|thủ tướng|tổng cục trưởng|cục trưởng|giám đốc|tổng giám đốc|chánh án|viện trưởng|"
    r"thống đốc|tổng kiểm toán|chủ nhiệm|trưởng ban|chánh thanh tra|tổng thanh tra|vụ trưởng|chi cục trưởng)"
)


def _authority_pattern(not_name: tuple[str, ...], *, party: bool = False) -> tuple[str, str, str]:
    name_word = r"(?!(?:" + "|".join(not_name) + r")\b)[^\W\d_]+"
    org = (
        r"(?:ủy ban nhân dân|hội đồng nhân dân|ủy ban thường vụ quốc hội"
        r"|quốc hội(?: nước cộng hòa xã hội chủ nghĩa việt nam)?"
        r"|chính phủ|hội đồng thẩm phán tòa án nhân dân tối cao|tòa án nhân dân tối cao|viện kiểm sát nhân dân tối cao"
        r"|hội đồng bộ trưởng|hội đồng nhà nước|tổng kiểm toán nhà nước"
        r"|(?:kiểm toán|ngân hàng) nhà nước(?: việt nam)?"
        # "ban hành", "bộ máy" are words of a title, not bodies
        r"|(?:bộ(?! máy)|sở|tổng cục|cục|chi cục|ủy ban|văn phòng|ban(?! hành)|thanh tra|(?:tổng )?liên đoàn lao động"
        r"|bảo hiểm xã hội|học viện|hội liên hiệp phụ nữ|đoàn chủ tịch"
        rf"|viện|đại học|trung tâm)(?: (?:{name_word}|-)){{0,10}}"
        # a Party committee, named by its place ("THÀNH ỦY BAN NHÂN DÂN …" is none), only in a "CỦA" clause: it
        # signs no authority line, and a title may end with one ("… LÀM VIỆC VỚI THƯỜNG TRỰC TỈNH ỦY THANH HÓA")
        + (rf"|(?:tỉnh|thành|huyện|quận) ủy(?! ban)(?: {name_word}){{0,4}}" if party else "")
        + ")"
    )
    locality = (  # a district may be a number ("QUẬN 3")
        r"(?: (?:tỉnh|thành phố|tp|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
        rf"(?: (?:{name_word}|\d{{1,3}})){{0,4}})?"
    )
    return rf"(?P<role>{_ROLE} )?(?P<org>{org}{locality})(?: khóa [ivxlcdm]+\b.*)?", org, locality


_AUTHORITY_SOURCE, _ORG, _LOCALITY = _authority_pattern(_NOT_NAME)
AUTHORITY = re.compile(_AUTHORITY_SOURCE)
# Under a title in sentence case (or a web copy in lower case) the authority line keeps that case: then only a
# title before a body, or a state body, is taken for it ("… doanh nghiệp Bộ trưởng Bộ Tài chính", "… quận 5 Ủy ban
# nhân dân quận 5"), never the name a title may end with ("… áp dụng tại Bệnh viện Nhi Trung ương").
CASED_AUTHORITY = re.compile(
    rf"(?P<role>{_ROLE} )(?P<org>{_ORG}{_LOCALITY})"
    rf"|(?P<state>(?:ủy ban nhân dân|hội đồng nhân dân){_LOCALITY}|chính phủ|quốc hội|ủy ban thường vụ quốc hội)"
)
# The same, on letters without their marks: a title's "CỦA" clause is read through OCR's slips ("BẠN BÍ THƯ",
# "BỘ MÁỲ"). Without their marks "tỉnh", "quận", "năm" are "tinh", "quan", "nam", words of names ("Hải quan", "Việt
# Nam"): they are not kept out of names there.
AUTHORITY_BASE = re.compile(
    base_letters(_authority_pattern(("của", "bộ", "sở", "ủy", "chủ", "trưởng", "về", "việc"), party=True)[0])
)
# What a "CỦA" clause may name: a body, a title and a body, or a Party committee.
ISSUER_NAME = re.compile(_authority_pattern(_NOT_NAME, party=True)[0])
# Words of a title that start like a body, told apart on their letters too: OCR prints "BỘ MÁỲ" for "BỘ MÁY".
NO_BODY_BASE = ("bo may", "ban hanh")


def names_body(words: list[str]) -> bool:
    """Are the words the whole name of a body (or a title and a body)? On their marks first; on their letters
    without marks when OCR garbled them ("BẠN BÍ THƯ"), a fallback since without marks words meet ("CHƯ SÊ" reads
    "chu", "KHOA HỌC" reads as "KHÓA")."""
    exact = word_key(" ".join(words))
    if ISSUER_NAME.fullmatch(exact):
        return not base_letters(exact).startswith(NO_BODY_BASE)
    base = " ".join(b for b in (_base(w) for w in words) if b)
    return bool(AUTHORITY_BASE.fullmatch(base)) and not base.startswith(NO_BODY_BASE)


_NUMBER_CLAUSE = re.compile(r"(?i:số)[ \t]*:?[ \t]*" + NUMBER_BODY)
_BARE_NUMBER = re.compile(NUMBER_BODY)
_DATE_CLAUSE = re.compile(
    r"(?i:ngày)\s*(?P<d>\d{1,2})\s*(?:(?i:tháng)\s*(?P<m>\d{1,2})\s*(?i:năm)\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
# A court precedent says by whom and when it was adopted: "Án lệ số 15/2017/AL về … / Được Hội đồng Thẩm phán Tòa án
# nhân dân tối cao thông qua ngày 14 tháng 12 năm 2017 và được công bố theo …". That statement ends the title.
_ADOPTED = re.compile(
    r"(?i:được)\s+(?P<body>(?:\S+\s+){1,12}?)(?i:thông)\s+(?i:qua)\s+(?:(?i:vào)\s+)?"
    r"(?i:ngày)\s*(?P<d>\d{1,2})\s*(?:(?i:tháng)\s*(?P<m>\d{1,2})\s*(?i:năm)\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
_SUBJECT_MARKER = re.compile(r"(?:V/V|V/v|v/v)\.?:?\s*")
# "QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BỘ TRƯỞNG BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
_ISSUER_MAX_WORDS = 20  # with the term and session: "… VIỆT NAM KHÓA XI, KỲ HỌP THỨ 8"
_ISSUER_OPENINGS = {tuple(base_letters(o).split()) for o in ISSUER_OPENINGS}
_OPENING_MAX_WORDS = max(len(o) for o in _ISSUER_OPENINGS)
_TYPE_KEYS = frozenset(base_letters(t) for t in DOC_TYPES)
_CITED_NAME_WORDS = 6  # "Luật Tổ chức chính quyền địa phương | số …"
# The closing clauses are looked for among the last words only, so that a long title costs a bounded search.
_CLOSING_MAX_WORDS = 40


@dataclass(frozen=True)
class TitleClauses:
    number: tuple[str, tuple[int, int]] | None
    date: tuple[str | None, str | None, str | None, tuple[int, int]] | None  # day, month, year, span
    issuer: list[list[str]]  # the issuing bodies it names, each as its printed words (several: joint issuers)
    subject: tuple[int, int] | None  # what is left of the title


# Words whose letters without marks are another word of these titles: "SỐ" (a number) is not "SỞ" (a department).
_KEEP_MARKS = frozenset({"số", "số:"})


def _base(word: str) -> str:
    key = word_key(word)
    return key if key in _KEEP_MARKS or key.startswith("số:") else base_letters(key)


def _case(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "none"
    if all(c.isupper() for c in letters):
        return "upper"
    if all(c.islower() for c in letters):
        return "lower"
    return "title" if letters[0].isupper() and all(c.islower() for c in letters[1:]) else "mixed"


def opens_issuer(keys: list[str], i: int) -> bool:
    """Do the words from i start with a kind of body or a title ("BỘ …", "THỦ TƯỚNG …", "ỦY BAN …")?"""
    return any(tuple(keys[i : i + n]) in _ISSUER_OPENINGS for n in range(1, _OPENING_MAX_WORDS + 1))


class _Title:
    """The tokens of a title, their keys, and the clause that starts at each."""

    def __init__(self, head: str, start: int, end: int) -> None:
        self.head, self.end = head, end
        self.toks: list[Token] = tokens_in(head, start, end)
        self.keys = [_base(t.text) for t in self.toks]
        self.n = len(self.toks)

    def index_at(self, pos: int) -> int:
        """The first token that starts at or after `pos`."""
        return next((k for k, t in enumerate(self.toks) if t.start >= pos), self.n)

    def number_at(self, i: int, *, bare: bool) -> tuple[tuple[str, tuple[int, int]], int] | None:
        pattern = _BARE_NUMBER if bare else _NUMBER_CLAUSE
        m = pattern.match(self.head, self.toks[i].start, self.end)
        if m is None:
            return None
        number = m.group("num").rstrip(".,;:-/ ")
        if not has_code(number) or (bare and not any(c in number for c in "/-")):
            return None
        start = m.start("num")
        return (number, (start, start + len(number))), self.index_at(start + len(number))

    def date_at(
        self, i: int
    ) -> tuple[tuple[str | None, str | None, str | None, tuple[int, int]], int] | None:
        m = _DATE_CLAUSE.match(self.head, self.toks[i].start, self.end)
        if m is None:
            return None
        date = (m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"), m.span())
        return date, self.index_at(m.end())

    def issuer_at(self, i: int, *, at_end: bool) -> tuple[list[list[str]], int] | None:
        """ "CỦA <issuer>" from token i: the issuer's words run to the next clause, to "VỀ"/"V/v", or to a change of
        case (a title in lower case names "của chính phủ Sửa đổi, bổ sung …"); `at_end`: they may end the title."""
        if self.keys[i] != "cua" or i + 1 >= self.n or not opens_issuer(self.keys, i + 1):
            return None
        first = _case(self.toks[i + 1].text)
        j = i + 1
        while j < self.n and j - i <= _ISSUER_MAX_WORDS:
            word = self.toks[j].text
            if j > i + 1 and (self.keys[j] in ("ve", "v/v") or self.starts_clause(j)):
                break
            case = _case(word)
            if j > i + 1 and (
                (first == "lower" and case in ("title", "upper"))
                or (first == "upper" and case not in ("upper", "none"))
            ):
                break
            j += 1
        if j - i > _ISSUER_MAX_WORDS or (j == self.n and not at_end) or j == i + 1:
            return None
        bodies = self._bodies(i + 1, j)
        # Each must be the name of a body, whole: "của Chính phủ quy định chi tiết thi hành Luật …" is not one.
        if not all(names_body(b) for b in bodies):
            return None
        return bodies, j

    def _bodies(self, i: int, j: int) -> list[list[str]]:
        """Joint issuers: "BỘ CHÍNH TRỊ, BAN BÍ THƯ"; a comma or "và" inside one name ("Bộ Văn hóa, Thể thao và Du
        lịch") is followed by no kind of body."""
        bodies: list[list[str]] = [[]]
        for k in range(i, j):
            word = self.toks[k].text
            if self.keys[k] == "va" and k > i and opens_issuer(self.keys, k + 1):
                bodies.append([])
                continue
            bodies[-1].append(word.rstrip(","))
            if word.endswith(",") and opens_issuer(self.keys, k + 1):
                bodies.append([])
        return [b for b in bodies if b]

    def cites_before(self, i: int) -> bool:
        """Does a type word stand shortly before token i ("theo Nghị quyết | số 03/2021/…", "của Luật Đất đai | số
        13/2003/QH11")? Then the clauses from i may name the document it cites."""
        words = self.keys[max(0, i - _CITED_NAME_WORDS) : i]
        return any(" ".join(words[k : k + n]) in _TYPE_KEYS for k in range(len(words)) for n in (1, 2, 3))

    def starts_clause(self, i: int) -> bool:
        """Does a clause start at token i? (Without reading a "CỦA" clause through: it only needs a body next.)"""
        key = self.keys[i]
        if key == "cua":
            return opens_issuer(self.keys, i + 1)
        if key == "ngay":
            return self.date_at(i) is not None
        return (key in _KEEP_MARKS or key.startswith("số:")) and self.number_at(i, bare=False) is not None

    def clause_at(self, i: int, *, at_end: bool) -> tuple[str, object, int] | None:
        if i >= self.n:
            return None
        key = self.keys[i]
        if key in _KEEP_MARKS or key.startswith("số:"):
            found = self.number_at(i, bare=False)
            return ("number", *found) if found else None
        if key == "ngay":
            found_date = self.date_at(i)
            return ("date", *found_date) if found_date else None
        if key == "cua":
            found_issuer = self.issuer_at(i, at_end=at_end)
            return ("issuer", *found_issuer) if found_issuer else None
        return None

    def chain(self, i: int, *, first_bare: bool) -> tuple[dict[str, object], int]:
        """The clauses that follow each other from token i, each kind once."""
        found: dict[str, object] = {}
        if first_bare and i < self.n:
            number = self.number_at(i, bare=True)
            if number:
                found["number"], i = number
        while i < self.n:
            clause = self.clause_at(i, at_end=True)
            if clause is None or clause[0] in found:
                break
            kind, value, i = clause
            found[kind] = value
            # separators between clauses ("…/QH10, NGÀY …")
            while i < self.n and not any(c.isalnum() for c in self.toks[i].text):
                i += 1
        return found, i


def _same_number(a: str, b: str) -> bool:
    return "".join(a.split()).upper() == "".join(b.split()).upper()


def read_title(
    head: str, start: int, end: int, *, after_heading: bool = True, own_number: str | None = None
) -> TitleClauses:
    """The clauses that open or close the title head[start:end], and the trích yếu between them; `own_number`:
    the number the header gives, if any."""
    title = _Title(head, start, end)
    if not title.n:
        return TitleClauses(None, None, [], None)
    found, i = title.chain(0, first_bare=after_heading)
    adopted = _ADOPTED.search(head, title.toks[i].start, end) if i < title.n else None
    if adopted:
        body = adopted.group("body").split()
        if names_body(body):
            title = _Title(head, start, adopted.start())
            found.setdefault("issuer", [body])
            day, month, year = (
                adopted.group("d"),
                adopted.group("m") or adopted.group("m2"),
                adopted.group("y"),
            )
            found.setdefault("date", (day, month, year or adopted.group("y2"), adopted.span()))
    # The clauses that close the title: the earliest run of them that reaches its end with a number or a date.
    closing: dict[str, object] = {}
    stop = title.n
    for k in range(max(i + 1, title.n - _CLOSING_MAX_WORDS), title.n):
        if title.keys[k] not in ("số", "ngay", "cua") and not title.keys[k].startswith("số:"):
            continue
        if not any(c.isalpha() for c in title.keys[k - 1]):
            continue  # the date of a number just read ("… 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021")
        tail, reached = title.chain(k, first_bare=False)
        if reached < title.n or "number" not in tail:
            continue  # a date alone ends many a trích yếu ("… THỜI ĐIỂM 0H00 NGÀY 01 THÁNG 01 NĂM 2026")
        # "… theo Nghị quyết số 03/2021/UBTVQH15 …", "… CỦA LUẬT HẢI QUAN CỦA QUỐC HỘI … SỐ 42/2005/QH11": after
        # a type word the clauses may name the document cited, unless they give this document's own number.
        number = tail.get("number")
        own = own_number is not None and number is not None and _same_number(number[0], own_number)  # type: ignore[index]
        if title.cites_before(k) and not own:
            continue
        closing, stop = tail, k
        break
    for kind, value in closing.items():
        found.setdefault(kind, value)
    subject = None
    if i < stop:
        s = title.toks[i].start
        marker = _SUBJECT_MARKER.match(head, s)
        if marker and marker.end() < title.toks[stop - 1].end:
            s = marker.end()
        subject = (s, title.toks[stop - 1].end)
    if subject and "issuer" not in found:
        named = _only_bodies(title, title.index_at(subject[0]), stop)
        if named:
            # "Thông tư Liên tịch Bộ Tài chính - Công nghiệp - Tổng cục Hải quan": a web title names the issuers
            found["issuer"], subject = named, None
    number = found.get("number")
    date = found.get("date")
    issuer = found.get("issuer")
    return TitleClauses(number, date, issuer or [], subject)  # type: ignore[arg-type]


def _only_bodies(title: _Title, i: int, j: int) -> list[list[str]] | None:
    """The bodies that tokens i..j name, if that is all they are ("Bộ Tài chính - Công nghiệp - Tổng cục Hải
    quan": after a ministry, "Công nghiệp" is the Bộ Công nghiệp, as in "liên Bộ Tài chính - Công nghiệp")."""
    parts: list[list[str]] = [[]]
    for k in range(i, j):
        word = title.toks[k].text
        if word in ("-", "–"):
            parts.append([])
        else:
            parts[-1].append(word)
    if not parts[0] or not all(parts) or len(parts) > 6:
        return None
    bodies = []
    for k, part in enumerate(parts):
        key = word_key(" ".join(part))  # marks and all: without them "SỐ LIỆU" would read as "SỞ …"
        if not ISSUER_NAME.fullmatch(key):
            if k == 0 or word_key(parts[0][0]) != "bộ" or not ISSUER_NAME.fullmatch("bộ " + key):
                return None
            part = [parts[0][0], *part]
        bodies.append(part)
    return bodies
