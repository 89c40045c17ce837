"""The date line "<place>, ngày … tháng … năm …" and its place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.metadata.heading import after_separators
from ingest.metadata.words import TAIL_LIMIT, Token, collapse, is_capitalised, line_start, tokens_in
from ingest.metadata_lexicon import (
    PROVINCE_KEYS,
    PROVINCE_MAX_WORDS,
    word_key,
)

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
    # A table cell's pipe may be glued to the place ("|Hà Nội, ngày …"): it is read as a space.
    view = text[lo:end].replace("|", " ") if "|" in text[lo:end] else None
    words = (
        [Token(t.text, t.start + lo, t.end + lo) for t in tokens_in(view, 0, len(seg))]
        if view
        else tokens_in(text, lo, lo + len(seg))
    )
    province = _province_ending(text, words, comma)
    if province is not None:
        return province
    run: list[Token] = []
    for tok in reversed(words):
        if not run and _GLUED_CITY.match(tok.text):
            return tok.text, tok.start, tok.end
        if is_capitalised(tok.text) or (tok.text == "-" and run):
            run.append(tok)
        elif tok.text in _PLACE_PREFIX_TOKENS:
            run.append(tok)
            break
        elif _GLUED_CITY.match(tok.text):
            run.append(tok)  # "TP.Cần Thơ": the prefix glued to the name's first word
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
        if before and "\n" not in text[before.start() : start]:
            start = before.start()  # not "… trên địa bàn Thành phố" ending the line above
    place_end = names[-1].end
    return collapse(text[start:place_end]), start, place_end


def _province_ending(text: str, words: list[Token], comma: bool) -> tuple[str, int, int] | None:
    """A province of the gazetteer that ends the words, whatever its case: old web copies print "Hà nội, ngày …"
    (the case of other places is what tells them from the words before them). Its "TP."/"Thành phố" stays."""
    for k in range(min(len(words), PROVINCE_MAX_WORDS), 0, -1):
        names = words[-k:]
        if all(is_capitalised(t.text.rstrip(",")) for t in names):
            continue  # in the case of names: the capitalised run below reads it, with its prefix
        if word_key(" ".join(t.text for t in names)) not in PROVINCE_KEYS:
            continue
        if comma or _at_line_start(text, names[0].start):
            return collapse(text[names[0].start : names[-1].end]), names[0].start, names[-1].end
    return None


def _at_line_start(text: str, pos: int) -> bool:
    return not text[line_start(text, pos) : pos].strip(" \t|")


def date_after_number(head: str, number_end: int) -> DateLine | None:
    """A date line whose place was lost, right beside the number ("Số: 12/UBND-VX ngày 05 tháng 3 năm 2024")."""
    at = after_separators(head, number_end)
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


# "Nghị quyết này đã được Ủy ban Thường vụ Quốc hội … thông qua ngày 11 tháng 8 năm 2022": a resolution or law
# printed without a date line is dated by its adoption.
_ADOPTED = re.compile(
    r"(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp)\s+này\s+(?:đã\s+)?được[^.;]{0,300}?thông\s+qua"
    r"\s+(?:vào\s+)?ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)


def adoption_date(text: str) -> DateLine | None:
    """The date a law or resolution was adopted, from its closing sentence (no place: it has none)."""
    base = max(0, len(text) - TAIL_LIMIT * 2)
    m = _ADOPTED.search(text, base)
    if m is None:
        return None
    iso = iso_date(m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
    return DateLine(iso, None, (m.start("d"), m.end())) if iso else None


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
