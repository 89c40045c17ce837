"""Canonical, ELI-like ids of documents: issuer scope + year + normalised number (`vn/cp/2023/06-nq-cp`).

A số ký hiệu is unique only within its issuer and year, so the id carries both: the issuer code of the number
("06/NQ-CP" → cp, "10989/BNV-TCBC" → bnv, "1127/LĐLĐ" → lđlđ) and, for local bodies (UBND, HĐND, LĐLĐ, Sở …),
the province, because every province has its own "1127/LĐLĐ". Documents without a number (laws cited by name)
get name + year. This module only names what a text says about a document; resolving a citation that lacks the
year or the issuer against the documents already known is the graph's job (graph/identity.py, graph/resolve.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ingest.citations import SYMBOL, normalise_symbol
from ingest.lexicon import NAME_ABBREVIATIONS, NAMED_TYPES, TYPE_CODES, modern_tones

# Issuer codes of local bodies, whose numbers restart in every province. Everything else (CP, TTg, QH…,
# ministries B…, TW, TLĐ, VPCP, TCHQ …) is a central body with one numbering for the whole country.
LOCAL_ISSUER_CODES = frozenset(
    {"UBND", "HĐND", "LĐLĐ", "TU", "HU", "QU", "ĐU", "TNI", "CT", "BHXH", "GDĐT", "MTTQ", "UBMTTQ"}
)
_SO_CODE = re.compile(r"^S[A-ZĐ&]{1,12}$")  # a Sở: SXD, STP, SGDĐT, SLĐTBXH …
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


# The functions below are pure functions of strings, called for every citation of every document: cached.


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Nghị quyết 06/NQ-CP" → "nghi-quyet-06-nq-cp"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=1 << 16)
def normalise_number(number: str) -> str:
    """A số ký hiệu as the project writes it: NFC, "Đ" (not the Icelandic "Ð"), ASCII hyphens, no spaces, and a
    hyphen lost between type and issuer put back ("1961/QĐUBND" → "1961/QĐ-UBND")."""
    text = unicodedata.normalize("NFC", number).replace("\u00d0", "\u0110")
    compact = re.sub(r"\s+", "", _DASHES.sub("-", text))
    m = SYMBOL.fullmatch(compact)
    if m:
        compact = normalise_symbol(m.group("num"), m.group("year"), m.group("sep"), m.group("code"))
    return compact


@dataclass(frozen=True)
class Symbol:
    """What a số ký hiệu says about its document."""

    number: str  # normalised, case as printed: "39/2003/NĐ-CP", "299/TTg"
    year: str | None  # the year the number carries ("39/2003/NĐ-CP" → "2003"), else None
    type_code: str | None  # "NĐ"
    issuer_code: str | None  # "CP"; the first code after the type ("BNV" of "BNV-TCBC", not the department)
    local: bool  # issued by a local body: unique only within a province

    @property
    def key(self) -> str:
        """Case-insensitive identity of the number ("299/TTg" = "299/TTG")."""
        return self.number.upper()


def _is_type_code(code: str) -> bool:
    return code in TYPE_CODES or code.rstrip("0123456789") in TYPE_CODES


@lru_cache(maxsize=1 << 16)
def parse_symbol(number: str) -> Symbol:
    normalised = normalise_number(number)
    m = SYMBOL.fullmatch(normalised)
    if m:
        year, code = m.group("year"), m.group("code")
    else:  # not a number the citation finder would produce: take what stands after the first separator
        found = re.search(r"/((?:19|20)\d\d)/", normalised)
        year = found.group(1) if found else None
        code = re.split(r"[/-]", normalised, maxsplit=1)[-1]
    segments = [s for s in re.split(r"[-/]", code) if s]
    type_code = segments.pop(0) if len(segments) > 1 and _is_type_code(segments[0]) else None
    issuer = segments[0] if segments else None
    local = issuer is not None and (issuer in LOCAL_ISSUER_CODES or bool(_SO_CODE.match(issuer)))
    return Symbol(normalised, year, type_code, issuer, local)


_LOCALITY = re.compile(r"(?<![\w])(?P<level>tỉnh|thành phố|tp\.?)[ \t]*", re.IGNORECASE)
_NOT_A_NAME = {"ủy", "uỷ", "trực", "thuộc"}  # "Tỉnh ủy", "thành phố trực thuộc trung ương"
# Below a province: "thị xã" before "xã", which the leftmost match then never takes for it.
_DISTRICT = re.compile(r"(?<![\w])(?P<level>thị xã|thị trấn|huyện|quận|xã|phường)[ \t]+", re.IGNORECASE)
_PROVINCE_ALIASES = {"hcm": "ho-chi-minh", "tphcm": "ho-chi-minh", "hn": "ha-noi"}


@lru_cache(maxsize=1 << 16)
def province_of(issuer: str | None) -> str | None:
    """The province (or centrally governed city) an issuer names, as a slug: "Liên đoàn Lao động tỉnh Lai Châu"
    → "lai-chau", "UBND Thành phố Hồ Chí Minh" → "ho-chi-minh"; None when it names none ("UBND tỉnh")."""
    if not issuer:
        return None
    found: list[tuple[bool, str]] = []
    for m in _LOCALITY.finditer(issuer):
        words: list[str] = []
        for word in re.split(r"[ \t]+", issuer[m.end() :]):
            bare = word.strip(",;.()")
            if word == "-" and words:
                continue  # "Bà Rịa - Vũng Tàu"
            if not bare or not bare[0].isupper() or bare.lower() in _NOT_A_NAME:
                break
            words.append(bare)
            if word != bare:  # punctuation ends the name
                break
        if words:
            name = slug(" ".join(words))
            found.append((m.group("level").lower() == "tỉnh", _PROVINCE_ALIASES.get(name, name)))
    if not found:
        return None
    # "huyện Yên Định, tỉnh Thanh Hóa" and "thành phố Vinh, tỉnh Nghệ An": the tỉnh is the province.
    return next((name for is_province, name in found if is_province), found[0][1])


@lru_cache(maxsize=1 << 16)
def title_key(title: str) -> str:
    """Identity of a name: abbreviations spelled out, modern tone marks, case and punctuation ignored, "và" and
    commas alike ("Luật Tổ chức HĐND và UBND" = "Luật tổ chức Hội đồng nhân dân, Ủy ban nhân dân")."""
    words = [NAME_ABBREVIATIONS.get(w, w) for w in re.sub(r"[“”\"'(),;:.\-–]", " ", title).split()]
    folded = modern_tones(unicodedata.normalize("NFC", " ".join(words))).casefold().split()
    return " ".join(w for w in folded if w != "và")


def year_of(date: str | None) -> str | None:
    return date[:4] if date and _YEAR.match(date[:4]) else None


@lru_cache(maxsize=1 << 16)
def district_of(issuer: str | None) -> str | None:
    """The district or commune an issuer names, as a slug with its level: "Ủy ban nhân dân huyện Hoài Thành" →
    "huyen-hoai-thanh"; None when it names none ("Bảo hiểm xã hội tỉnh …" names no commune)."""
    text = issuer or ""
    for m in _DISTRICT.finditer(text):
        words: list[str] = []
        for word in re.finditer(r"[^ \t]+", text[m.end() :]):
            bare = word.group().strip(",;.()")
            rest = text[m.end() + word.start() :]
            # A name ends at punctuation or at the next level ("HUYỆN YÊN ĐỊNH TỈNH THANH HÓA", in capitals).
            if (
                not bare
                or not bare[0].isupper()
                or bare.lower() in _NOT_A_NAME
                or _LOCALITY.match(rest)
                or _DISTRICT.match(rest)
            ):
                break
            words.append(bare)
            if word.group() != bare:
                break
        if words and not (m.group("level").lower() == "xã" and words[0].lower() == "hội"):
            return slug(f"{m.group('level')} {' '.join(words)}")
    return None


def numbered_id(symbol: Symbol, year: str | None, province: str | None) -> str:
    scope = slug(symbol.issuer_code or "") or "unknown"
    if symbol.local:
        scope = f"{province or 'local'}/{scope}"
    return f"vn/{scope}/{year or 'undated'}/{slug(symbol.number)}"


def named_id(title: str, year: str | None) -> str:
    return f"vn/named/{year or 'undated'}/{slug(title_key(title))}"


def document_id(
    number: str | None, title: str | None, issuer: str | None, date: str | None, doc_type: str | None = None
) -> str | None:
    """The id of a document from what is known of it; None when there is nothing to name it by.

    The year is the number's own ("39/2003/NĐ-CP") or else the date's; a local number is scoped by the province
    the issuer names and by the district or commune it names ("local" when it names neither): every district's
    bodies number their letters from 1, so that without the district "47/KH-UBND" of huyện Hoài Thành and of
    huyện Thọ Phước, or of a district and of its province, would be one document. A document without a number
    is named by its type and subject (and, but for laws and the like, by its issuer)."""
    if number:
        symbol = parse_symbol(number)
        scope = province_of(issuer)
        district = district_of(issuer) if symbol.local else None
        if district:
            scope = f"{scope}/{district}" if scope else district
        return numbered_id(symbol, symbol.year or year_of(date), scope)
    if title:
        name = title
        if doc_type and not title.casefold().startswith(doc_type.casefold()):
            name = f"{doc_type} {title}"  # a congress's resolution and its rules share their subject
        if doc_type not in NAMED_TYPES and issuer:
            # Only laws are known by their name alone; a report or a plan without a number is its issuer's.
            name = f"{issuer} {name}"
        return named_id(name, year_of(date))
    return None
