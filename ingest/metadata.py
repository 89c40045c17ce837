"""What a document says about itself: số ký hiệu, type, issuer, date and place, trích yếu, signer, recipients.

Vietnamese administrative documents follow one layout (Nghị định 30/2020/NĐ-CP): the issuing body in capitals on
the left above its số ký hiệu, the Quốc hiệu on the right above "<place>, ngày … tháng … năm …", then the type
heading ("QUYẾT ĐỊNH") with the trích yếu under it, or for a letter (công văn) "V/v <trích yếu>" under the number
and a "Kính gửi" list; at the end "Nơi nhận" and the signature: TM./KT./TL./TUQ. lines, the chức vụ, the name.

The texts we get have lost that two-column layout in different ways: PDF text puts every line of both columns
in turn, web copies flatten a whole header onto one line ("Số: 1056/QĐ-CT Tuyên Quang, ngày 16 tháng 8 năm 2010
QUYẾT ĐỊNH BAN HÀNH …"), OCR puts the Quốc hiệu first, and website title lines stand above the header. So every
pattern here reads words, not lines: a line break and a space are the same, and each field is found by what
stands next to it (the place before ", ngày", the name after a capitalised title), never by its line number.

Only the first few KB (the header) and the area of "Nơi nhận" and the end (the signature) are read, so a
20 MB text costs the same as a letter; and no pattern can backtrack without bound.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, chain, repeat
from typing import Generic, NamedTuple, TypeVar

from ingest.lexicon import DOC_TYPES, GLUED_CODE, TYPE_CODES
from ingest.metadata_lexicon import (
    BARE_HEADS,
    BODY_HEADS,
    CASED_MAX_WORDS,
    CASED_PHRASES,
    CENTRAL_CITIES,
    HEADS_BEFORE_LOCALITY,
    ISSUER_CODES,
    LOCAL_BODIES,
    LOCALITY_LEVEL,
    NAME_PREFIXES,
    ORGAN_HEADS,
    PROVINCE_KEYS,
    PROVINCE_MAX_WORDS,
    SIGNER_TITLE,
    SURNAMES,
    modern_tones,
    word_key,
)
from ingest.models import DocumentMeta

HEAD_LIMIT = 12_000  # the header, subject and Kính gửi list of any real document fit in this
NUMBER_ZONE = 4_000
TAIL_LIMIT = 4_000
NEAR_DISTRIBUTION = 2_000


@dataclass(frozen=True)
class MetadataResult:
    meta: DocumentMeta
    # Character spans in the text: "number", "subject", "date_line", "header", "signature", "distribution".
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


class Token(NamedTuple):
    # A named tuple, not a dataclass: a frozen dataclass costs twice as much to build, and the header builds
    # hundreds of these per document.
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"\S+")
_GAPS = re.compile(r"(\s+)")  # the complement of _TOKEN, kept by split
_new_token = partial(tuple.__new__, Token)  # a Token from a (text, start, end) tuple, without a Python call


def tokens_in(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The maximal runs of non-space characters of text[start:end], with their offsets in `text`."""
    start = max(0, start)  # bounds as `finditer` takes them, not as slices do
    end = len(text) if end is None else max(start, end)
    # "(\s+)" splits into word, gap, word, …, word: an odd count, the outer words empty at a gap. The offsets
    # are the running sum of the lengths; the tokens are built by tuple.__new__ through map. All at C speed.
    parts = _GAPS.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    tokens = list(map(_new_token, zip(parts[0::2], offsets[0::2], offsets[1::2], strict=True)))
    if not tokens[-1].text:
        tokens.pop()
    if tokens and not tokens[0].text:
        tokens.pop(0)
    return tokens


class Words:
    """The tokens of text[start:end] (what `tokens_in` gives), for the signature search: their texts and
    which line each is on at once, and where each stands only when asked.

    The search tests every word of its window but looks closer at only a few, so it should not pay for an
    object, or even an offset, per word: splitting the lines and then the words runs at C speed.
    """

    __slots__ = ("_lines", "_starts", "firsts", "line_of", "offsets", "text", "words")

    def __init__(self, text: str, start: int, end: int) -> None:
        start = max(0, start)  # bounds as `finditer` takes them, not as slices do
        lines = text[start : max(start, end)].split("\n")
        per_line = list(map(str.split, lines))  # str.split() and re's \s agree on what a space is
        counts = list(map(len, per_line))
        self.text = text
        self.words: list[str] = list(chain.from_iterable(per_line))
        self.line_of: list[int] = list(chain.from_iterable(map(repeat, range(len(lines)), counts)))
        self.firsts = list(accumulate(counts, initial=0))  # index of the first word of each line
        # Where each line starts in `text`: the lengths of the lines before it and their line breaks.
        self.offsets = [o + k for k, o in enumerate(accumulate(map(len, lines), initial=start))]
        self._lines = lines
        self._starts: list[int | None] = [None] * len(self.words)

    def newline_before(self, i: int) -> bool:
        """Is there a line break between word i - 1 and word i?"""
        return self.line_of[i] != self.line_of[i - 1]

    def start(self, i: int) -> int:
        found = self._starts[i]
        if found is None:
            # Placed from the nearer end of its line: the search asks mostly about the first and last words
            # of lines (where a title, a name, a list item starts or ends), and body lines are long.
            k = self.line_of[i]
            if i - self.firsts[k] <= self.firsts[k + 1] - 1 - i:
                self._place_forward(k, i)
            else:
                self._place_backward(k, i)
            found = self._starts[i]
        return found  # type: ignore[return-value]  # placed

    def end(self, i: int) -> int:
        return self.start(i) + len(self.words[i])

    # Only spaces stand between two words of a line, and a word holds none: so a word is the first occurrence
    # of its text after the end of the word before it, and the last one before the start of the word after it.

    def _place_forward(self, k: int, i: int) -> None:
        """Place the words of line k up to word i, from the last one placed before it or the line's start."""
        line, offset, first = self._lines[k], self.offsets[k], self.firsts[k]
        j = i
        while j > first and self._starts[j - 1] is None:
            j -= 1
        pos = 0 if j == first else self.end(j - 1) - offset
        for m in range(j, i + 1):
            pos = line.find(self.words[m], pos)
            self._starts[m] = offset + pos
            pos += len(self.words[m])

    def _place_backward(self, k: int, i: int) -> None:
        """Place the words of line k from word i on, back from the first one placed after it or the line's end."""
        line, offset, last = self._lines[k], self.offsets[k], self.firsts[k + 1] - 1
        j = i
        while j < last and self._starts[j + 1] is None:
            j += 1
        pos = len(line) if j == last else self.start(j + 1) - offset
        for m in range(j, i - 1, -1):
            pos = line.rfind(self.words[m], 0, pos)
            self._starts[m] = offset + pos


_LINE_LOOKBACK = 2_000  # a line longer than this is not a header or signature line


def line_start(text: str, pos: int) -> int:
    """Start of the line holding `pos`, looking back a bounded distance (a text may have no line breaks)."""
    floor = max(0, pos - _LINE_LOOKBACK)
    found = text.rfind("\n", floor, pos)
    return floor if found < 0 else found + 1


def has_lower(word: str) -> bool:
    # str.isupper() and str.islower() decide most words at C speed: a word in capitals has no lower-case
    # letter, and a word in lower case has one. Only the rest ("Nguyễn", "TP.HCM", "119") need a loop.
    if word.isupper():
        return False
    if word.islower():
        return True
    return any(c.islower() for c in word)


def is_upper_word(word: str) -> bool:
    """A word in capitals ("TỈNH", "TP.", "119-KH/TU"): some letter, no lower-case letter."""
    if word.islower():
        return False
    if word.isupper():
        return word.isalpha() or any(c.isalpha() for c in word)
    return any(c.isalpha() for c in word) and not has_lower(word)


def is_capitalised(word: str) -> bool:
    """A word of a proper name: "Hà", "Nội", "Y", "Rịa-Vũng" (not "XV", not "hà", not "Nội,")."""
    parts = word.split("-")
    return all(p.isalpha() and p[0].isupper() and (len(p) == 1 or p[1:].islower()) for p in parts)


_T = TypeVar("_T")


class WordMemo(Generic[_T]):
    """A function of one word, remembered across documents: the signature search tests every word of its
    window, the header keys every word of its runs, and mostly the same few thousand words ("của", "Nơi",
    "CHỦ", "Nguyễn") in every document. The function must never return None."""

    _MAX_WORDS = 50_000  # forget everything past this: a batch of odd texts must not grow it without bound
    _MAX_LENGTH = 40  # a longer "word" (a run of punctuation, a URL) is rare, and not worth its memory

    def __init__(self, function: Callable[[str], _T]) -> None:
        self.function = function
        self.known: dict[str, _T] = {}

    def __call__(self, word: str) -> _T:
        value = self.known.get(word)
        return self._learn(word) if value is None else value

    def of(self, words: list[str]) -> list[_T]:
        values = list(map(self.known.get, words))  # at C speed: few words of a document are new
        k = 0
        while True:
            try:
                k = values.index(None, k)
            except ValueError:
                return values  # type: ignore[return-value]  # no None is left
            values[k] = self._learn(words[k])

    def _learn(self, word: str) -> _T:
        value = self.function(word)
        if len(word) <= self._MAX_LENGTH:
            if len(self.known) >= self._MAX_WORDS:
                self.known.clear()
            self.known[word] = value
        return value


token_key = WordMemo(word_key)  # word_key of a single token, remembered


def collapse(text: str) -> str:
    return " ".join(text.split())


# --- số ký hiệu ------------------------------------------------------------------------------------------

# The code parts of a number: "QĐ-UBND", "BNNMT-CNTY", "TTg", "SGDĐT-GDTXNNĐH", "BNN&MT"; spaces around the
# separators are kept as printed ("711 / BHXH - CĐ"), and a number never runs on into the next word.
_NUMBER_BODY = r"(?P<num>\d{1,6}[a-zA-Z]?(?:[ \t]*[/-][ \t]*[^\W_][\w&.]{0,24}){1,6})"
# "Số"/"số"/"SỐ" not inside a word. The pattern opens with the letter and checks the one before it afterwards:
# a pattern that opens with a look-behind is tried at every position, one that opens with a letter only there.
_NUMBER = re.compile(r"[Ss](?<![^\W\d_][Ss])(?:ố|(?<=S)Ố)[ \t]*(?:\n[ \t]*)?:\s*" + _NUMBER_BODY)
# Party documents and some copies drop the colon, but then "Số" opens its line.
_NUMBER_NO_COLON = re.compile(r"(?m)^[ \t]*(?:Số|SỐ)[ \t]+" + _NUMBER_BODY)


def _has_code(number: str) -> bool:
    return any(c.isalpha() for c in number.split("/", 1)[-1])


@dataclass(frozen=True)
class Number:
    text: str
    span: tuple[int, int]
    label: int  # where "Số" starts: the issuer stands before it when the number is printed under the issuer


def find_number(head: str) -> Number | None:
    """The first "Số: …" of the header that has a code: a số ký hiệu always names its type or issuer in letters
    ("Số: 01/2024" in a table is something else)."""
    zone = head[:NUMBER_ZONE]
    found = [m for pattern in (_NUMBER, _NUMBER_NO_COLON) for m in pattern.finditer(zone)]
    for m in sorted(found, key=lambda x: x.start()):
        number = m.group("num").rstrip(".,;:-/ ")
        if _has_code(number):
            start = m.start("num")
            return Number(number, (start, start + len(number)), m.start())
    return None


_CODE_SEPARATOR = re.compile(r"\s*[/-]\s*")


def type_from_number(number: str | None) -> str | None:
    """The type a số ký hiệu names: the first code after the number and year ("08/2023/QĐ-UBND" → QĐ, "119-KH/TU"
    → KH); the issuer code comes after it, so "711/BHXH-CĐ" names none."""
    if not number:
        return None
    parts = [p for p in _CODE_SEPARATOR.split(number.strip()) if p]
    for part in parts[1:]:
        if part.isdigit():
            continue
        if part in TYPE_CODES:
            return TYPE_CODES[part]
        glued = GLUED_CODE.match(part)
        if glued:
            return TYPE_CODES.get(glued.group(1))
        return None
    return None


# --- date line and place ---------------------------------------------------------------------------------

_DIGIT = r"[0-9lIO]"  # OCR reads 1 as l or I and 0 as O
_DATE_LINE = re.compile(
    rf"ng[àa]y\s*(?P<d>{_DIGIT}{{1,2}})?\s*(?:"
    rf"th[áa]ng\s*(?P<m>{_DIGIT}{{1,2}})?\s*n[ăa]m\s*(?P<y>[12]{_DIGIT}{{3}})"
    rf"|[/.-]\s*(?P<m2>{_DIGIT}{{1,2}})\s*[/.-]\s*(?P<y2>[12]{_DIGIT}{{3}}))",
    re.IGNORECASE,
)
_PLACE_PREFIX_WORDS = re.compile(r"(?:Thành\s+[Pp]hố|THÀNH\s+PHỐ|Thị\s+xã|Thị\s+trấn)\s+$")
_PLACE_PREFIX_TOKENS = frozenset({"TP.", "Tp.", "TP", "T.P", "TX.", "Tx."})
_GLUED_CITY = re.compile(r"^(?:TP|Tp|T\.P)\.\s?[A-ZĐ][^\W\d_]*(?:\.[A-ZĐ]+)?$")  # "TP.HCM", "Tp.Hồ"


def _digits(text: str | None) -> int | None:
    if not text:
        return None
    return int(text.replace("l", "1").replace("I", "1").replace("O", "0").replace("o", "0"))


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date, or the year alone when day or month is left blank ("ngày   tháng   năm 2024")."""
    y, m, d = _digits(year), _digits(month), _digits(day)
    if y is None or not 1800 <= y <= 2100:
        return None
    if m is None or d is None:
        return str(y)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


@dataclass(frozen=True)
class DateLine:
    iso: str | None
    place: str | None
    span: tuple[int, int]  # from the place to the year


def place_before(text: str, end: int) -> tuple[str, int, int] | None:
    """The place name that ends just before `end` (", ngày …"): a gazetteer province when one ends there, else
    the capitalised words ("Vinh", "Yên Định"); with its "TP."/"Thành phố" prefix as printed."""
    lo = max(0, end - 160)
    seg = text[lo:end].rstrip()
    comma = seg.endswith(",")
    if comma:
        seg = seg[:-1].rstrip()
    words = tokens_in(text, lo, lo + len(seg))
    run: list[Token] = []
    for tok in reversed(words):
        if not run and _GLUED_CITY.match(tok.text):
            return tok.text, tok.start, tok.end
        if is_capitalised(tok.text) or (tok.text == "-" and run):
            run.append(tok)
        elif tok.text in _PLACE_PREFIX_TOKENS:
            run.append(tok)
            break
        else:
            break
        if len(run) >= PROVINCE_MAX_WORDS + 2:
            break
    run.reverse()
    while run and run[0].text == "-":
        run.pop(0)
    if not run:
        return None
    prefix: Token | None = run[0] if run[0].text in _PLACE_PREFIX_TOKENS else None
    names = run[1:] if prefix else run
    if not names:
        return None
    start = None
    for k in range(min(len(names), PROVINCE_MAX_WORDS), 0, -1):
        if word_key(" ".join(t.text for t in names[-k:])) in PROVINCE_KEYS:
            start = names[-k].start
            if k != len(names):
                prefix = None  # the prefix belongs to other words
            break
    if start is None:
        # Not a province: capitalised words of its own line only (the V/v line above may end in capitals).
        names = [t for t in names if "\n" not in text[t.end : end]] or names[-1:]
        if not comma and not _at_line_start(text, names[0].start):
            return None
        names = names[-4:]
        if prefix and len(run) - 1 > 4:
            prefix = None
        start = names[0].start
    if prefix is not None:
        start = prefix.start
    else:
        before = _PLACE_PREFIX_WORDS.search(text, max(0, start - 20), start)
        if before:
            start = before.start()
    place_end = names[-1].end
    return collapse(text[start:place_end]), start, place_end


def _at_line_start(text: str, pos: int) -> bool:
    return not text[line_start(text, pos) : pos].strip(" \t|")


def date_after_number(head: str, number_end: int) -> DateLine | None:
    """A date line whose place was lost, right beside the number ("Số: 12/UBND-VX ngày 05 tháng 3 năm 2024")."""
    at = _SEPARATORS.match(head, number_end).end()
    m = _DATE_LINE.match(head, at)
    if m is None or at - number_end > 20:
        return None
    iso = iso_date(m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
    return DateLine(iso, None, (m.start(), m.end()))


def date_line_above_signature(text: str) -> DateLine | None:
    """Some reports and Party texts put "<place>, ngày …" above the signature instead of in the header; it then
    opens its own line."""
    base = max(0, len(text) - TAIL_LIMIT)
    for m in _DATE_LINE.finditer(text, base):
        place = place_before(text, m.start())
        if place is None or not _at_line_start(text, place[1]):
            continue
        iso = iso_date(m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
        return DateLine(iso, place[0], (place[1], m.end()))
    return None


def find_date_line(head: str, limit: int, start: int = 0) -> DateLine | None:
    """The first "<place>, ngày dd tháng mm năm yyyy" of the header; a date without a place is a citation's."""
    for i, m in enumerate(_DATE_LINE.finditer(head, start, limit)):
        if i >= 40:
            break
        place = place_before(head, m.start())
        if place is None:
            continue
        name, start, _ = place
        iso = iso_date(m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
        return DateLine(iso, name, (start, m.end()))
    return None


# --- type heading, trích yếu and the authority line ------------------------------------------------------

_HEADING_TYPES = sorted((k for k in DOC_TYPES if k not in {"văn bản", "nghị đinh"}), key=len, reverse=True)
_HEADING = re.compile(
    r"(?:" + "|".join(r"\s+".join(map(re.escape, k.upper().split())) for k in _HEADING_TYPES) + r")"
    r"(?![^\W\d_])(?!\s*:)"
)
_SEPARATORS = re.compile(r"[\s|_=*-]*")
_STANDALONE_HEADING = re.compile(r"(?m)^[ \t|]*(?P<h>" + _HEADING.pattern + r")[ \t]*$")

# Where a title block ends and the body begins: an opening formula, or a numbered part at the start of a line.
_TITLE_END = re.compile(
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
    end_match = _TITLE_END.search(head, search_from, min(len(head), start + _TITLE_LIMIT))
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
        at = _SEPARATORS.match(head, pos).end()
        m = _HEADING.match(head, at)
        if m and m.start() < limit:
            return m
    standalone = _STANDALONE_HEADING.search(head, 0, limit)
    if standalone:
        return _HEADING.match(head, standalone.start("h"))
    return None


def heading_type(heading: str) -> str | None:
    return DOC_TYPES.get(" ".join(heading.lower().split()))


# --- trích yếu of a letter -------------------------------------------------------------------------------

# "V/v", "V/V", "v/v", "V.v" not after a word or "/"; the letter first, as in _NUMBER.
_VV = re.compile(r"[Vv](?<![\w/][Vv])(?:/v|(?<=V)(?:/V|\.v))\b\.?[ \t]*:?[ \t]*")
_VE_VIEC = re.compile(r"\s*(?:Về\s+việc|Về)[ \t]*:?[ \t]+(?=\S)")
_KINH_GUI = re.compile(r"(?:Kính|KÍNH)\s+(?:gửi|GỬI)\s*:?")
# The Quốc hiệu of state bodies, or the heading of Party bodies, in the right column of the header.
_QUOC_HIEU = re.compile(
    r"cộng\s*h(?:òa|oà)\s*x[ãà]\s*hội\s*chủ\s*nghĩa\s*việt\s*nam|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    # The Youth Union prints its own name in the right column: a line of its own.
    r"|(?m:^[ \t]*ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH[ \t]*$)",
    re.IGNORECASE,
)
_DOAN_HEADING = re.compile(r"\s*ĐOÀN\s+TNCS")
_MOTTO = re.compile(r"độc\s*lập\s*[-–]?\s*tự\s*do\s*[-–]?\s*hạnh\s*phúc[\s|_=*-]*", re.IGNORECASE)
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


# --- Kính gửi --------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[ \t]*[-–•+*][ \t]*")
_DASHES = re.compile(r"^[ \t]*-{2,}")  # a rule, not a bullet
_ITEM_END = re.compile(r"[;,:]\s*$")
_INLINE_BODY = re.compile(
    r"\s(?:Hiện\s+nay|Thực\s+hiện|Căn\s+cứ|Theo\s|Để\s|Ngày\s+\d|Trả\s+lời|Tại\s|Sau\s+khi|Nhằm\s|Trên\s+cơ\s+sở|"
    r"Qua\s|Xét\s|Vừa\s+qua|Phúc\s+đáp|Trong\s)"
)


def clean_item(item: str) -> str:
    """A list item without its bullet, its end punctuation, and any table cell beside it."""
    return collapse(_BULLET.sub("", item.split(" | ")[0])).rstrip(";,. ").strip()


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
        bulleted = bool(_BULLET.match(line)) and not _DASHES.match(line)
        open_item = not last.strip() or bool(_ITEM_END.search(last))
        if not (bulleted or open_item) or _TITLE_END.match(line.lstrip()) or len(line) > 400:
            break
        items.append(clean_item(line))
        end = start + len(line.rstrip())
        last = line
        if line.rstrip().endswith(".") and not bulleted:
            break
    return [i for i in items if i], end


# --- issuer ----------------------------------------------------------------------------------------------

_CONNECTORS = frozenset({"-", ",", "&"})


def issuer_run_before(head: str, anchor: int) -> list[Token]:
    """The capitalised words just before `anchor` (the Quốc hiệu or the number): the issuing body, with the
    body above it. A website title line above the header stops the run by its lower case or its digits."""
    toks = tokens_in(head, max(0, anchor - 600), anchor)
    while toks and not any(c.isalnum() for c in toks[-1].text):
        toks.pop()  # the rule under the issuer, table pipes
    run: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        text = tok.text.strip("|")
        if text in _CONNECTORS and run:
            run.append(tok)
            continue
        # A district may be a number ("QUẬN 3", "PHƯỜNG 12"); other digits belong to a title line or a number.
        numbered_locality = text.isdigit() and i > 0 and token_key(toks[i - 1].text) in ("quận", "phường")
        if not numbered_locality and (not is_upper_word(text) or _has_digit(text) or text.endswith(":")):
            break
        run.append(tok)
        if len(run) >= 24:
            break
    run.reverse()
    while run and run[0].text in _CONNECTORS:
        run.pop(0)
    return run


def capitals_between(head: str, start: int, stop: int) -> list[Token]:
    """The words between two points of the header when all of them are capitals (separators aside)."""
    toks = [t for t in tokens_in(head, start, stop) if any(c.isalnum() for c in t.text)]
    if not toks or len(toks) > 20 or not all(is_upper_word(t.text) and not _has_digit(t.text) for t in toks):
        return []
    return toks


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


@dataclass(frozen=True)
class Body:
    """One body of a header: "LIÊN ĐOÀN LAO ĐỘNG" + level "huyện" + locality "YÊN ĐỊNH"."""

    words: tuple[str, ...]  # the body without its locality, as printed
    head: str  # the key of its kind ("ủy ban nhân dân", "sở", "" when unknown)
    level: str | None  # key of the locality level ("tỉnh")
    locality: tuple[str, ...]  # the locality name as printed


class Heads:
    """Names of kinds of body or of levels ("ủy ban nhân dân", "sở", "thị xã"), to find at a word of a run."""

    def __init__(self, heads: Iterable[str]) -> None:
        # By word count, each with its place in the given order: the first head in that order wins.
        self.by_length: dict[int, dict[str, int]] = {}
        for rank, head in enumerate(heads):
            self.by_length.setdefault(len(head.split()), {}).setdefault(head, rank)

    def at(self, keys: list[str], i: int) -> str | None:
        """The first head, in the given order, that the keys from i spell ("ủy", "ban", "nhân", "dân", …)."""
        # Keys hold no spaces, so n keys can only spell a head of n words: one join per length, not per head.
        best: tuple[int, str] | None = None
        for n, ranks in self.by_length.items():
            phrase = " ".join(keys[i : i + n])
            rank = ranks.get(phrase)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, phrase)
        return best[1] if best else None


def _heads_sorted(heads: Iterable[str]) -> list[str]:
    return sorted(heads, key=lambda h: len(h.split()), reverse=True)


_ALL_HEADS = Heads(_heads_sorted(BODY_HEADS + ORGAN_HEADS))
_SPLIT_HEADS = Heads(_heads_sorted(BODY_HEADS))
_LEVELS = Heads(_heads_sorted(LOCALITY_LEVEL))
_HEADS_BEFORE_LOCALITY = Heads(HEADS_BEFORE_LOCALITY)


def split_bodies(words: list[str]) -> list[Body]:
    """The bodies stacked in a header run, each starting at the name of a kind of body."""
    words = [w for w in (expand_abbreviation(w) for w in words) for w in w.split()]
    keys = token_key.of(words)
    bodies: list[tuple[int, int, str]] = []  # start, end, head
    start, head = 0, _ALL_HEADS.at(keys, 0) or ""
    i = len(head.split()) if head else 1
    while i < len(words):
        new = _SPLIT_HEADS.at(keys, i)
        if new is None and i + 1 < len(keys) and keys[i + 1] in ("tỉnh", "thành", "tp", "huyện", "quận"):
            new = _HEADS_BEFORE_LOCALITY.at(keys, i)
        names_before = i - start - len(head.split())
        names_after = len(words) - i - len(new.split()) if new else 0
        if (
            new
            and head not in ORGAN_HEADS
            and names_before >= (1 if head else 2)
            and (names_after >= 1 or new in BARE_HEADS)
        ):
            bodies.append((start, i, head))
            start, head = i, new
            i += len(new.split())
            continue
        i += 1
    bodies.append((start, len(words), head))
    return [_locate(words[s:e], keys[s:e], h) for s, e, h in bodies]


def expand_abbreviation(word: str) -> str:
    return {
        "UBND": "ỦY BAN NHÂN DÂN",
        "HĐND": "HỘI ĐỒNG NHÂN DÂN",
        "LĐLĐ": "LIÊN ĐOÀN LAO ĐỘNG",
        "BCH": "BAN CHẤP HÀNH",
    }.get(word, word)


def _locate(words: list[str], keys: list[str], head: str) -> Body:
    """Split a body's words into its name and its locality ("… TỈNH THANH HÓA")."""
    first = len(head.split()) if head else 1
    for i in range(first, len(words) - 1):
        level = _LEVELS.at(keys, i)
        if level is None:
            continue
        rest = keys[i + len(level.split()) :]
        if level == "xã" and rest[:1] == ["hội"]:
            continue
        return Body(
            tuple(words[:i]),
            head,
            "thành phố" if level == "tp" else level,
            tuple(words[i + len(level.split()) :]),
        )
    return Body(tuple(words), head, None, ())


_VOWEL = re.compile(
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def title_word(word: str) -> str:
    """ "THĂNG" → "Thăng"; a word without a vowel is an abbreviation and keeps its capitals ("TNCS", "MTTQ")."""
    if not _VOWEL.search(word):
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


_PLACE_NAMED_BODIES = frozenset(["tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy"])


def case_body_words(words: Iterable[str]) -> str:
    """Capitals to the case of a body's name: fixed names as written, a field capitalised after its kind
    ("BỘ TÀI CHÍNH" → "Bộ Tài chính", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo")."""
    words = list(words)
    keys = token_key.of(words)
    out: list[str] = []
    capitalise = True
    i = 0
    while i < len(words):
        phrase = None
        for n in range(min(CASED_MAX_WORDS, len(words) - i), 0, -1):
            phrase = CASED_PHRASES.get(" ".join(keys[i : i + n]))
            if phrase and phrase[1] and i > 0:
                phrase = None  # a kind of body opens a name; inside one it is a word ("Bộ Nội vụ")
            if phrase:
                out.append(phrase[0])
                capitalise = phrase[1]
                i += n
                break
        if phrase:
            if i == n and " ".join(keys[:n]) in _PLACE_NAMED_BODIES:
                # "HUYỆN ỦY GIA LÂM": a party committee is named by its place, a proper name.
                out.extend(title_word(w) for w in words[i:])
                break
            continue
        place = _province_at(keys, i)
        if place:
            out.extend(title_word(w) for w in words[i : i + place])
            capitalise = False
            i += place
            continue
        word = words[i]
        if keys[i] == "và":
            out.append("và")
            capitalise = True
        elif not any(c.isalpha() for c in word):
            out.append(word)
            capitalise = True
        else:
            out.append(title_word(word) if capitalise or not _VOWEL.search(word) else word.lower())
            capitalise = word.endswith(",")
        i += 1
    return modern_tones(" ".join(out))


def _province_at(keys: list[str], i: int) -> int:
    """Length of the province name starting at word i ("ĐÀ NẴNG" in a university's name), or 0."""
    for n in range(min(PROVINCE_MAX_WORDS, len(keys) - i), 1, -1):
        if " ".join(keys[i : i + n]) in PROVINCE_KEYS:
            return n
    return 0


def locality_text(level: str | None, name: Iterable[str]) -> str:
    """ "tỉnh Lai Châu"; a name may hold the levels above it ("XÃ MỸ HẠNH HUYỆN ĐỨC HÒA" → "xã Mỹ Hạnh, huyện
    Đức Hòa")."""
    words = list(name)
    keys = token_key.of(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        inner = _LEVELS.at(keys, i) if 0 < i < len(words) - 1 else None
        if inner and not (inner == "xã" and keys[i + 1 : i + 2] == ["hội"]):
            out[-1] += ","
            out.append("thành phố" if inner == "tp" else inner)
            i += len(inner.split())
            continue
        out.append(title_word(words[i]))
        i += 1
    name_text = modern_tones(" ".join(out))
    if not level:
        return name_text
    # "Thành phố Hồ Chí Minh" is the city's name; other levels are common nouns.
    level_text = "Thành phố" if word_key(name_text) == "hồ chí minh" else level
    return f"{level_text} {name_text}".strip()


def body_text(body: Body) -> str:
    text = case_body_words(body.words)
    if body.level:
        text = f"{text} {locality_text(body.level, body.locality)}"
    return text


def _level_rank(body: Body) -> int:
    if body.level is None:
        return 0
    if body.level == "thành phố" and word_key(" ".join(body.locality)) not in CENTRAL_CITIES:
        return 2
    return LOCALITY_LEVEL[body.level]


def compose_issuer(bodies: list[Body]) -> tuple[str | None, Body | None]:
    """The issuing body is the last one of the header; it takes the locality of the one above it when it has
    none of its own ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")."""
    bodies = [b for b in bodies if b.words]
    if not bodies:
        return None, None
    issuer = bodies[-1]
    text = body_text(issuer)
    parent = next((b for b in reversed(bodies[:-1]) if b.level and b.locality), None)
    if parent is not None:
        if (
            issuer.level is None
            and len(issuer.words) == len(issuer.head.split())
            and issuer.head in BARE_HEADS
        ) or word_key(" ".join(issuer.words)) in ORGAN_HEADS:
            # "HỘI NÔNG DÂN TỈNH NAM ĐỊNH / BAN THƯỜNG VỤ": an organ is named with its whole body.
            text = f"{text} {body_text(parent)}"
        elif issuer.level is None:
            text = f"{text} {locality_text(parent.level, parent.locality)}"
        elif _level_rank(issuer) > _level_rank(parent):
            text = f"{text}, {locality_text(parent.level, parent.locality)}"
    return text, issuer


def issuer_lacks_locality(body: Body | None) -> bool:
    return body is not None and body.head in LOCAL_BODIES and not body.locality


_CITY_PREFIX = re.compile(r"^(?:Thành\s+phố|Thành\s+Phố|TP\.?|Tp\.?)\s*")


def complete_locality(text: str, body: Body, level: str | None, place: str | None) -> str:
    """ "Ủy ban nhân dân" alone in a header: the level comes from the authority line if it gives one ("UỶ BAN
    NHÂN DÂN TỈNH"), the name from the date line when that names a province."""
    if not place:
        return text
    place_name = _CITY_PREFIX.sub("", place)
    province = word_key(place_name) in PROVINCE_KEYS
    level = level or body.level
    if level is None:
        if not province:
            return text
        level = "thành phố" if word_key(place_name) in CENTRAL_CITIES else "tỉnh"
    elif LOCALITY_LEVEL.get(level, 0) == 1 and not province:
        return text
    # The name may already end with the level word ("Liên đoàn Lao động tỉnh"): the locality replaces it.
    base = text
    for word in {body.level, level} - {None}:
        if base.lower().endswith(f" {word}"):
            base = base[: -len(word)].rstrip()
    return f"{base} {locality_text(level, place_name.split())}"


# Verbs with which a letter's body names its sender ("Bộ Tài nguyên và Môi trường hướng dẫn …").
_SENDER_VERB = re.compile(
    r"\s(?:yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|có\s+ý\s+kiến|trả\s+lời|thông\s+báo|chỉ\s+đạo|kính\s+đề\s+nghị)\b"
)
_SENDER = re.compile(
    r"(?:(?:Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|Thường\s+trực|Lãnh\s+đạo|Tập\s+thể\s+lãnh\s+đạo)\s+)?"
    r"(?P<org>(?:Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|LĐLĐ|Sở|Tổng\s+cục|Cục|Chi\s+cục|Liên\s+đoàn|Hội\s+đồng|"
    r"Chính\s+phủ|Thủ\s+tướng|Văn\s+phòng|Bảo\s+hiểm|Kho\s+bạc|Thuế|Công\s+an|Ngân\s+hàng|Trung\s+tâm|Ban|"
    r"Phòng|Viện)(?:\s[^\d,.;:()]{0,120})?)$"
)
# A clause with these words says something about a body ("… đã ban hành", "đề nghị của Sở …"); it is not one.
_NOT_A_NAME = re.compile(r"\s(?:của|tại|theo|về|cho|đã|sẽ|đang|vừa|cũng|được|có|không|chưa|để)(?:\s|$)")
_ABBREVIATED_BODY = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "LĐLĐ": "Liên đoàn Lao động"}


def issuer_from_body(text: str, start: int, end: int) -> str | None:
    """The sender as the first sentences name it ("Bộ Tài nguyên và Môi trường hướng dẫn …"), for a text that
    lost its header."""
    for i, verb in enumerate(_SENDER_VERB.finditer(text, start, end)):
        if i >= 30:
            break
        clause_start = max(text.rfind(c, start, verb.start()) for c in ",.;:\n") + 1
        clause = text[max(clause_start, start) : verb.start()].strip()
        m = _SENDER.match(clause)
        if m and len(clause.split()) <= 14 and not _NOT_A_NAME.search(clause):
            words = [_ABBREVIATED_BODY.get(w, w) for w in m.group("org").split()]
            return modern_tones(" ".join(words))
    return None


_SIGNS_FOR = re.compile(r"(?:TM|T/M)\.?\s+(?P<org>[^\n]+?)(?=\s+(?:KT|K/T|TL|TUQ|Q)\.|$)")


def issuer_from_authority(authority: str) -> str | None:
    """ "TM. ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân": who the signer signs for ("TM. BAN THƯỜNG VỤ" names an
    organ of a body it does not name, so no issuer)."""
    m = _SIGNS_FOR.search(authority)
    if not m:
        return None
    bodies = split_bodies(m.group("org").split())
    text, body = compose_issuer(bodies)
    return None if body is None or body.head in ORGAN_HEADS else text


_TRAILING_DIGITS = re.compile(r"\d+$")


def issuer_from_number(number: str | None) -> str | None:
    """The body an issuer code names ("1127/LĐLĐ" → Liên đoàn Lao động, "10989/BNV-TCBC" → Bộ Nội vụ): the code
    after the type code, or the first code when there is no type code."""
    if not number:
        return None
    parts = [p for p in _CODE_SEPARATOR.split(number.strip()) if p and not p.isdigit()]
    if parts and type_from_number(number):
        parts = parts[1:]
    if not parts:
        return None
    code = _TRAILING_DIGITS.sub("", parts[0])  # "QH15" is the 15th Quốc hội
    return ISSUER_CODES.get(code)


# --- Nơi nhận and the signature --------------------------------------------------------------------------

# "Nơi nhận:" at the start of the text or after a space, "." or "/"; the "N" first, as in _NUMBER (this one is
# searched for in the whole text).
_NOI_NHAN = re.compile(r"N(?<![^\s./]N)(?:ơi\s+nhận|ƠI\s+NHẬN)\s*:")
_MARKER = re.compile(r"(?<!\S)(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q)\.?(?=\s|$)")
_MARKER_TOKEN = re.compile(r"^(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q)\.?$|^(?:TM|KT|TL|TUQ)\.\S+$")
_GLUED_MARKER = re.compile(r"\b(TM|KT|TL|TUQ)\.(?=\S)")
_SIGNED = re.compile(r"\s*\(\s*(?:[Đđ]ã\s+ký|ký|Ký|Signed|signed)\s*\)")


_INLINE_BULLET = re.compile(r"(?:^|\s)[-•+](?=\s)")  # items flattened onto the Nơi nhận line
_DISTRIBUTION_LIMIT = 6_000  # the longest Nơi nhận lists (a decree's) are about 1 KB


@dataclass(frozen=True)
class Distribution:
    items: list[str]
    span: tuple[int, int]


def find_distribution(text: str, stop: int | None = None) -> Distribution | None:
    """The Nơi nhận list: bulleted lines after "Nơi nhận:" (or bullets on its own line when flattened), up to
    `stop` (where the signature starts, when the two were flattened together)."""
    m = _NOI_NHAN.search(text)
    if m is None:
        return None
    limit = min(len(text), m.end() + _DISTRIBUTION_LIMIT)
    if stop is not None and stop > m.end():
        limit = min(limit, stop)
    text = text[:limit]
    items: list[str] = []
    end = m.end()
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    first = text[m.end() : line_end]
    pieces = [p for p in _INLINE_BULLET.split(first) if p.strip()]
    for piece in pieces:
        sig = _MARKER.search(piece)
        if sig:
            piece = piece[: sig.start()]
        if piece.strip():
            items.append(clean_item(piece))
    if pieces:
        end = line_end
    pos = line_end
    while pos < len(text) and len(items) < 80:
        start = pos + 1
        pos = text.find("\n", start)
        pos = len(text) if pos < 0 else pos
        line = text[start:pos]
        if not line.strip():
            continue
        if not _BULLET.match(line) or _DASHES.match(line):
            break
        items.append(clean_item(line))
        end = start + len(line.rstrip(" \t|"))
    items = [i for i in items if i]
    return Distribution(items, (m.start(), end)) if items else None


@dataclass(frozen=True)
class Signature:
    name: str
    authority: str | None
    title: str | None
    span: tuple[int, int]


_APOSTROPHE = re.compile(r"['’]")


def is_name_word(word: str) -> bool:
    """A word of a person's name: "Nguyễn", "Y", "K'Ré" (names of the Central Highlands keep the apostrophe)."""
    if not word[:1].isupper():
        return False  # most words of a text, decided before any splitting
    parts = _APOSTROPHE.split(word)
    return all(p.isalpha() for p in parts) and (len(parts[0]) == 1 or parts[0][1:].islower())


def _is_surname_in_capitals(word: str) -> bool:
    return is_upper_word(word) and token_key(word) in SURNAMES


_NAME_WORDS = WordMemo(is_name_word)
_SURNAMES_IN_CAPITALS = WordMemo(_is_surname_in_capitals)


def _line_starts_with_bullet(text: str, pos: int) -> bool:
    """Is `pos` in a list item? A table cell starts a line of its own (Word and web tables put the Nơi nhận
    cell and the signature cell on one line, "- Lưu: VT. | KT. CHỦ TỊCH")."""
    start = line_start(text, pos)
    start = max(start, text.rfind("|", start, pos) + 1)
    return bool(_BULLET.match(text, start)) and not text.startswith("--", start)


def signature_candidates(text: str, start: int, end: int) -> list[Signature]:
    """Names (2 to 5 capitalised words) under a capitalised title or after a TM./KT. line, or marked
    "(Đã ký)"; a name in the Nơi nhận list has no capitalised title above it."""
    words = Words(text, start, end)
    return titled_name_candidates(words) or capitals_name_candidates(words)


def titled_name_candidates(toks: Words) -> list[Signature]:
    """Names in the case of names ("Vũ Chiến Thắng") with a title above them or "(Đã ký)" after them."""
    text, words = toks.text, toks.words
    names = _NAME_WORDS.of(words)
    found: list[Signature] = []
    i = 0
    while True:
        try:
            i = names.index(True, i)  # a name starts at a name word: skip the others without a Python loop
        except ValueError:
            break
        if i > 0 and names[i - 1] and not toks.newline_before(i):
            i += 1  # inside a name already passed over
            continue
        if i + 1 == len(names) or not names[i + 1]:
            i += 1  # one capitalised word (a sentence's first): no name, and the commonest case
            continue
        j = name_run_end(toks, names, i)
        follows = j < len(words) and not toks.newline_before(j)
        if follows and words[j][:1].islower() and j - i >= 3:
            j -= 1  # "Trần Hồng Hà Phụ lục": the last capitalised word opens the next sentence
        if j - i < 2 or j - i > 5:
            i = j
            continue
        signed = _SIGNED.match(text, toks.end(j - 1))
        title = title_run(toks, i)
        title_words = words[title.start : title.stop]
        if (
            title_words
            and (
                SIGNER_TITLE.search(word_key(" ".join(title_words)))
                or any(_MARKER_TOKEN.match(w) for w in title_words)
            )
        ) or signed:
            name_end = toks.end(j - 1)
            sig_start = toks.start(title.start) if title_words else toks.start(i)
            sig_end = signed.end() if signed else name_end
            authority, role = (
                split_signer_lines(text[toks.start(title.start) : toks.end(title.stop - 1)])
                if title_words
                else (None, None)
            )
            name = collapse(text[toks.start(i) : name_end])
            found.append(Signature(name, authority, role, (sig_start, sig_end)))
        i = j
    return found


def name_run_end(toks: Words, names: list[bool], i: int) -> int:
    """End (exclusive) of the run of name words from word i: at most six words, on one line, or on the next
    when a PDF broke the name over lines ("Vũ\\nChiến Thắng") — then only from a line of name words alone to
    another one."""
    j = i + 1
    alone: bool | None = None  # is word i alone at the start of its line? Looked up when first needed
    while j < len(names) and j - i < 6 and names[j]:
        if toks.newline_before(j):
            if alone is None:
                alone = _line_is(toks.text, toks.start(i), toks.start(i))
            if not (alone and _name_line(toks, names, j)):
                break
        j += 1
    return j


def capitals_name_candidates(toks: Words) -> list[Signature]:
    """Names printed in capitals ("PHÓ CHỦ TỊCH\\nNGUYỄN VĂN AN"): a line of two to five capitalised words that
    starts with a family name and stands right under a title line."""
    text, words = toks.text, toks.words
    found: list[Signature] = []
    surnames = _SURNAMES_IN_CAPITALS.of(words)
    i = 0
    while True:
        try:
            i = surnames.index(True, i + 1)  # not the first word: a title stands above the name
        except ValueError:
            break
        if not toks.newline_before(i):
            continue
        j = i + 1
        while j < len(words) and j - i < 6 and not toks.newline_before(j):
            j += 1
        name = words[i:j]
        if not 2 <= len(name) <= 5 or not all(w.isalpha() and is_upper_word(w) for w in name):
            continue
        title = title_run(toks, i)
        title_words = words[title.start : title.stop]
        if not title_words or not SIGNER_TITLE.search(word_key(" ".join(title_words))):
            continue
        if SIGNER_TITLE.search(word_key(" ".join(name))):
            continue  # a second title line, not a name
        authority, role = split_signer_lines(text[toks.start(title.start) : toks.end(title.stop - 1)])
        cased = modern_tones(" ".join(title_word(w) for w in name))
        found.append(Signature(cased, authority, role, (toks.start(title.start), toks.end(j - 1))))
    return found


_KY = re.compile(r"[Kk]ý")


def skip_before_name(words: list[str], k: int) -> int:
    """Index of the last word above a name once "(Đã ký)", "Đã ký" and a rank ("Thượng tướng", "TS.") are
    passed over."""
    while k >= 0:
        if words[k].endswith(")"):
            j = next((j for j in range(k, max(-1, k - 7), -1) if words[j].startswith("(")), None)
            if j is not None and _KY.search(" ".join(words[j : k + 1])):
                k = j - 1
                continue
        if words[k] == "ký" and k > 0 and words[k - 1] in ("Đã", "đã"):
            k -= 2
            continue
        if NAME_PREFIXES.match(words[k]):
            k -= 1
            continue
        if k > 0 and NAME_PREFIXES.match(f"{words[k - 1]} {words[k]}"):
            k -= 2
            continue
        break
    return k


def _line_is(text: str, line_pos: int, start: int) -> bool:
    """Does the line of `line_pos` start at `start` (nothing but spaces before it)?"""
    return not text[line_start(text, line_pos) : start].strip()


def _name_line(toks: Words, names: list[bool], k: int) -> bool:
    """Is the line starting at word k made of name words only (and at most four)?"""
    n = 0
    while k + n < len(names) and (n == 0 or not toks.newline_before(k + n)):
        if not names[k + n] or n >= 4:
            return False
        n += 1
    return n > 0


def title_run(toks: Words, name_index: int) -> range:
    """The indices of the capitalised lines right above a name, not crossing into the Nơi nhận list above
    them."""
    words = toks.words
    last = skip_before_name(words, name_index - 1)
    k = last
    while k >= 0 and last - k < 16:
        word = words[k]
        if toks.newline_before(k + 1) and _line_starts_with_bullet(toks.text, toks.start(k)):
            break
        in_title = _MARKER_TOKEN.match(word) or (is_upper_word(word) and word[-1] not in ".,;:)")
        if not in_title and not (word in ("-", ",") and k < last):
            break
        k -= 1
    first = k + 1
    while first <= last and words[first] in ("-", ","):
        first += 1
    marker = next((n for n in range(first, last + 1) if _MARKER_TOKEN.match(words[n])), None)
    if marker is not None:
        first = marker  # words before "TM." belong to whatever stood above the signature
    return range(first, last + 1)


# Chức vụ that can open the signer's title line, and that a KT./TL./TUQ. line names as the one it signs for.
_TITLE_PHRASE = re.compile(
    r"(?:PHÓ\s+)?(?:THỨ\s+TRƯỞNG|CHỦ\s+TỊCH|THỦ\s+TƯỚNG|CHÁNH\s+ÁN|BỘ\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|GIÁM\s+ĐỐC|"
    r"VIỆN\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|CHI\s+CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|"
    r"CHÁNH\s+THANH\s+TRA|TRƯỞNG\s+BAN|TRƯỞNG(?:\s+PHÒNG)?|BÍ\s+THƯ|CHỦ\s+NHIỆM|HIỆU\s+TRƯỞNG|THỐNG\s+ĐỐC|"
    r"TỔNG\s+KIỂM\s+TOÁN|TỔNG\s+THƯ\s+KÝ)(?=\s|$)"
)


def split_signer_lines(block: str) -> tuple[str | None, str | None]:
    """ "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" → ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    block = _GLUED_MARKER.sub(r"\1. ", block)
    markers = list(_MARKER.finditer(block))
    if not markers:
        return None, collapse(block) or None
    last = markers[-1]
    lines = [ln for ln in block[last.end() :].strip().split("\n") if ln.strip()]
    if len(lines) > 1:
        return collapse(block[: last.end()] + " " + lines[0]), collapse(" ".join(lines[1:]))
    flat = collapse(block[last.end() :])
    cut = _signer_title_start(flat, for_organ=last.group().startswith(("TM", "T/M", "T.M")))
    if cut is None:
        return collapse(block[: last.end()] + " " + flat), None
    return collapse(block[: last.end()] + " " + flat[:cut]), flat[cut:].strip() or None


def _signer_title_start(flat: str, *, for_organ: bool) -> int | None:
    """Where the signer's own title starts in a flattened "KT. BỘ TRƯỞNG THỨ TRƯỞNG" / "TM. CHÍNH PHỦ THỦ TƯỚNG".

    After TM. stands a body, so the title is the first chức vụ after its first word; after KT./TL./TUQ. stands
    a chức vụ, so the title is the one after it ("PHÓ …", "THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG").
    """
    words = list(_TOKEN.finditer(flat))
    if len(words) < 2:
        return None
    if not for_organ:
        for w in words[1:]:
            if w.group() == "PHÓ" or flat.startswith("THỨ TRƯỞNG", w.start()):
                return w.start()
        first = _TITLE_PHRASE.match(flat)
        if first and first.end() < len(flat):
            return len(flat) - len(flat[first.end() :].lstrip())
        return None
    for w in words[1:]:
        if _TITLE_PHRASE.match(flat, w.start()):
            return w.start()
    return None


def find_signature(text: str, distribution: Distribution | None) -> Signature | None:
    """The signature of the document itself: next to its Nơi nhận (before or after it, as the columns were
    read), else after its closing "./.", else the last one of the text. Attachments after it have their own."""
    if distribution is not None:
        lo = max(0, distribution.span[0] - NEAR_DISTRIBUTION)
        hi = min(len(text), distribution.span[1] + NEAR_DISTRIBUTION)
        candidates = signature_candidates(text, lo, hi)
        if candidates:

            def distance(s: Signature) -> int:
                if s.span[0] >= distribution.span[1]:
                    return s.span[0] - distribution.span[1]
                return max(0, distribution.span[0] - s.span[1]) + 1

            return min(candidates, key=distance)
    closing = text.find("./.")
    if closing >= 0:
        candidates = signature_candidates(text, closing + 3, min(len(text), closing + 800))
        if candidates:
            return candidates[0]
    base = max(0, len(text) - TAIL_LIMIT)
    candidates = signature_candidates(text, base, len(text))
    return candidates[-1] if candidates else None


# --- the whole -------------------------------------------------------------------------------------------


def find_quoc_hieu(text: str, limit: int = 5_000) -> re.Match[str] | None:
    """The Quốc hiệu of the header: in capitals (OCR may slip a letter: "XàHỘI"), or followed by the motto.
    The body names the state in sentence case ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")."""
    found = list(_QUOC_HIEU.finditer(text, 0, min(len(text), limit)))[:20]
    for i, m in enumerate(found):
        if (
            _DOAN_HEADING.match(m.group())
            and i + 1 < len(found)
            and _DOAN_HEADING.match(found[i + 1].group())
            and found[i + 1].start() - m.end() < 200
        ):
            continue  # "BAN CHẤP HÀNH TRUNG ƯƠNG / ĐOÀN TNCS HỒ CHÍ MINH": the issuer's name; its heading follows
        letters = [c for c in m.group() if c.isalpha()]
        capitals = sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        if capitals or _MOTTO.match(text, _SEPARATORS.match(text, m.end()).end()):
            return m
    return None


def decide_doc_type(
    heading: str | None, letter: bool, number: str | None, has_recipients: bool
) -> str | None:
    """A heading names the type; else the number's type code; else a letter (V/v, Kính gửi, a number without a
    type code) is a công văn."""
    coded = type_from_number(number)
    if coded == "Văn bản hợp nhất":
        return coded  # a consolidation is printed under the heading of the text it consolidates
    if heading:
        return heading
    if coded and coded != "Văn bản":
        return coded
    if letter or has_recipients or number:
        return "Công văn"
    return None


def extract_metadata(text: str) -> MetadataResult:
    """Metadata and where it was found; empty metadata for a text without any (never raises)."""
    try:
        return _extract(text)
    except Exception:  # a bad document must not stop a batch; its metadata is merely unknown
        return MetadataResult(DocumentMeta(), {})


@dataclass(frozen=True)
class Header:
    """What the first part of the text says, and where it ends."""

    quoc_hieu: re.Match[str] | None
    motto: re.Match[str] | None
    heading_start: int | None
    number: Number | None
    date: DateLine | None
    heading: str | None  # the type its heading names
    block: TitleBlock | None
    subject: str | None
    is_letter: bool  # it has a "V/v" trích yếu
    kinh_gui: bool
    recipients: list[str]
    spans: dict[str, tuple[int, int]]
    end: int


def read_header(text: str) -> Header:
    head = text[:HEAD_LIMIT]
    quoc_hieu = find_quoc_hieu(head)
    motto = _MOTTO.search(head, quoc_hieu.end() if quoc_hieu else 0, min(len(head), 5_000))
    number = find_number(head)
    spans: dict[str, tuple[int, int]] = {}
    if number:
        spans["number"] = number.span

    kinh_gui = _KINH_GUI.search(head, 0, min(len(head), 6_000))
    noi_nhan = _NOI_NHAN.search(head)
    # The date line of the header comes before the Kính gửi list and, in a short text, before the Nơi nhận.
    date_limit = min(
        len(head),
        5_000,
        kinh_gui.start() if kinh_gui and kinh_gui.start() > 0 else len(head),
        noi_nhan.start() if noi_nhan else len(head),
    )
    # The date line stands under the Quốc hiệu: a date line above it belongs to whatever precedes the document.
    date_from = quoc_hieu.start() if quoc_hieu else 0
    date = find_date_line(head, date_limit, date_from) or (
        date_after_number(head, number.span[1]) if number else None
    )
    if date:
        spans["date_line"] = date.span

    stops = [s.start() for s in (kinh_gui, quoc_hieu) if s] + ([date.span[0]] if date else [])
    vv_limit = kinh_gui.start() if kinh_gui else min(len(head), 3_000)
    letter = find_letter_subject(head, number.span[1] if number else None, stops, vv_limit)

    found_end = max((end for _, end in spans.values()), default=0)
    heading_limit = min(len(head), 5_000)
    body_start = _TITLE_END.search(head, found_end + 1, heading_limit)
    heading_starts = [m for m in (date.span[1] if date else None, number.span[1] if number else None) if m]
    heading_starts += [motto.end()] if motto else []
    heading = find_heading(head, heading_starts, body_start.start() if body_start else heading_limit)

    block = None
    if heading:
        block = find_title_block(head, heading.end(), under_heading=True)
    elif date and letter is None:
        block = find_title_block(head, date.span[1], under_heading=False)
    subject, subject_span = (block.subject, block.subject_span) if block else (None, None)
    if letter and (subject_span is None or not heading):
        subject, subject_span = letter
    if subject_span:
        spans["subject"] = subject_span

    ends = [end for _, end in spans.values()] + [heading.end() if heading else 0, block.end if block else 0]
    recipients: list[str] = []
    # The Kính gửi list follows the header; with nothing else of a header found, it is where the text starts.
    if kinh_gui and (kinh_gui.start() <= max(ends) + 800 or not max(ends)):
        recipients, recipients_end = find_recipients(head, kinh_gui)
        ends.append(recipients_end)
    if date is None:
        date = date_line_above_signature(text)  # not part of the header
        if date:
            spans["date_line"] = date.span
    return Header(
        quoc_hieu,
        motto,
        heading.start() if heading else None,
        number,
        date,
        heading_type(heading.group()) if heading else None,
        block,
        subject,
        letter is not None,
        kinh_gui is not None,
        recipients,
        spans,
        max(ends),
    )


def header_issuer_run(head: str, header: Header) -> list[Token]:
    """The capitalised words of the issuer: before the Quốc hiệu or the number, whichever comes first."""
    label = header.number.label if header.number else None
    anchors = [a for a in (header.quoc_hieu.start() if header.quoc_hieu else None, label) if a is not None]
    if not anchors and header.heading_start is not None:
        anchors = [header.heading_start]  # neither Quốc hiệu nor number: the issuer stands above the heading
    run = issuer_run_before(head, min(anchors)) if anchors else []
    if header.quoc_hieu and header.motto:
        # Columns read side by side: the issuer's second line stands between the Quốc hiệu and the motto.
        run += capitals_between(head, header.quoc_hieu.end(), header.motto.start())
    if header.motto and label is not None and header.motto.end() <= label:
        # OCR puts the Quốc hiệu first and the issuer under it, just above the number.
        run += capitals_between(head, header.motto.end(), label)
    return run


def header_issuer(run: list[Token], header: Header) -> str | None:
    """The issuer from the header, completed by the authority line under the title: its locality when the
    header lacks one, and the chairman when he decides in person."""
    issuer, issuer_body = compose_issuer(split_bodies([t.text for t in run]))
    place = header.date.place if header.date else None
    block = header.block
    authority_text, authority_body = compose_issuer(
        split_bodies(block.authority.split()) if block and block.authority else []
    )
    if issuer and issuer_body and issuer_lacks_locality(issuer_body):
        if authority_body and authority_body.locality and authority_body.head == issuer_body.head:
            issuer = authority_text
        else:
            level = authority_body.level if authority_body else None
            issuer = complete_locality(issuer, issuer_body, level, place)
    if block and block.authority_role == "chủ tịch" and authority_text and authority_body:
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under the title: the chairman decides in person, the issuer is him.
        body = authority_text
        if not authority_body.locality and issuer_body and issuer_body.locality and issuer:
            body = issuer
        elif issuer_lacks_locality(authority_body):
            body = complete_locality(authority_text, authority_body, authority_body.level, place)
        issuer = f"Chủ tịch {body}"
    return issuer


def issuer_without_header(text: str, header: Header, signature: Signature | None) -> str | None:
    """For a text that lost its header: the sender its body names, else the issuer code of its number, else
    the body its signer signs for."""
    issuer = issuer_from_body(text, header.end, min(len(text), header.end + 2_000))
    if issuer is None:
        issuer = issuer_from_number(header.number.text if header.number else None)
    if issuer is None and signature and signature.authority:
        issuer = issuer_from_authority(signature.authority)
    body = split_bodies(issuer.split())[-1] if issuer else None
    if issuer and body and issuer_lacks_locality(body):
        issuer = complete_locality(issuer, body, body.level, header.date.place if header.date else None)
    return issuer


def read_footer(text: str) -> tuple[Distribution | None, Signature | None]:
    distribution = find_distribution(text)
    signature = find_signature(text, distribution)
    if signature and distribution and distribution.span[0] < signature.span[0] < distribution.span[1]:
        # Flattened: the signature ran on the Nơi nhận line.
        distribution = find_distribution(text, stop=signature.span[0])
    return distribution, signature


_CHROME_LIMIT = 60_000
_BEFORE_LANDMARK = 1_500  # the issuer and, in some layouts, the number stand before the Quốc hiệu


def header_offset(text: str) -> int:
    """Where the document starts when a web page's menus and lists stand before it: shortly before the first
    landmark of a header (the Quốc hiệu, a "Số:" with a code, a "Kính gửi"), at a line start; 0 when that is
    near the top."""
    found = [
        m.start()
        for m in (
            find_quoc_hieu(text, _CHROME_LIMIT),
            next((n for n in _NUMBER.finditer(text, 0, _CHROME_LIMIT) if _has_code(n.group("num"))), None),
            _KINH_GUI.search(text, 0, _CHROME_LIMIT),
        )
        if m
    ]
    if not found or min(found) < NUMBER_ZONE:
        return 0
    return line_start(text, min(found) - _BEFORE_LANDMARK)


def _extract(text: str) -> MetadataResult:
    if not isinstance(text, str) or not text.strip():
        return MetadataResult(DocumentMeta(), {})
    offset = header_offset(text)
    document = text[offset:]
    header = read_header(document)
    run = header_issuer_run(document[:HEAD_LIMIT], header)
    distribution, signature = read_footer(text)
    issuer = header_issuer(run, header) or issuer_without_header(document, header, signature)

    spans = {name: (start + offset, end + offset) for name, (start, end) in header.spans.items()}
    header_end = max([header.end] + [t.end for t in run])
    if header_end:
        # The header zone includes whatever stood before the document (site menus): no citations there.
        spans["header"] = (0, header_end + offset)
    if distribution:
        spans["distribution"] = distribution.span
    if signature:
        spans["signature"] = signature.span
    number = header.number.text if header.number else None
    meta = DocumentMeta(
        number=number,
        doc_type=decide_doc_type(header.heading, header.is_letter, number, header.kinh_gui),
        issuer=issuer,
        issue_date=header.date.iso if header.date else None,
        place=header.date.place if header.date else None,
        subject=header.subject,
        signer=signature.name if signature else None,
        signer_authority=signature.authority if signature else None,
        signer_title=signature.title if signature else None,
        recipients=header.recipients,
        distribution=distribution.items if distribution else [],
    )
    return MetadataResult(meta, spans)
