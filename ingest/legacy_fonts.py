"""Vietnamese text from the legacy 8-bit font encodings, TCVN3 (ABC) and VNI-Windows.

Before Unicode, Vietnamese was typed with special fonts (.VnTime for TCVN3, VNI-Times for VNI) that drew
Vietnamese letters at the places of ordinary Windows-1252 characters. Such text shows as mojibake when read as
Unicode: TCVN3 "chÝnh s¸ch trî gióp" is "chính sách trợ giúp"; VNI "Coäng hoøa xaõ hoäi" is "Cộng hòa xã hội".
Whole files in those encodings are decoded here, and words pasted from such documents into Unicode text are
repaired by `repair_legacy_fonts`, which only touches words that are clearly legacy mojibake.

Also here, because both decisions rest on it: whether a word is a well-formed Vietnamese syllable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# --- TCVN3 (TCVN 5712:1993, the "ABC" fonts) ---------------------------------------------------------------

# Byte -> NFC text for every byte that TCVN3 does not share with ASCII. Made once by
# tests/fixtures/make_tables.py from glibc `iconv -f TCVN5712-1 -t UTF-8` over each of the 256 bytes, then NFC
# (glibc yields the bare combining marks U+0300.. for 0xB0-0xB4); tests check it against iconv when present.
TCVN3_TABLE: dict[int, str] = {
    0x01: "\u00da", 0x02: "\u1ee4", 0x04: "\u1eea", 0x05: "\u1eec", 0x06: "\u1eee", 0x11: "\u1ee8",
    0x12: "\u1ef0", 0x13: "\u1ef2", 0x14: "\u1ef6", 0x15: "\u1ef8", 0x16: "\u00dd", 0x17: "\u1ef4",
    0x80: "\u00c0", 0x81: "\u1ea2", 0x82: "\u00c3", 0x83: "\u00c1", 0x84: "\u1ea0", 0x85: "\u1eb6",
    0x86: "\u1eac", 0x87: "\u00c8", 0x88: "\u1eba", 0x89: "\u1ebc", 0x8a: "\u00c9", 0x8b: "\u1eb8",
    0x8c: "\u1ec6", 0x8d: "\u00cc", 0x8e: "\u1ec8", 0x8f: "\u0128", 0x90: "\u00cd", 0x91: "\u1eca",
    0x92: "\u00d2", 0x93: "\u1ece", 0x94: "\u00d5", 0x95: "\u00d3", 0x96: "\u1ecc", 0x97: "\u1ed8",
    0x98: "\u1edc", 0x99: "\u1ede", 0x9a: "\u1ee0", 0x9b: "\u1eda", 0x9c: "\u1ee2", 0x9d: "\u00d9",
    0x9e: "\u1ee6", 0x9f: "\u0168", 0xa1: "\u0102", 0xa2: "\u00c2", 0xa3: "\u00ca", 0xa4: "\u00d4",
    0xa5: "\u01a0", 0xa6: "\u01af", 0xa7: "\u0110", 0xa8: "\u0103", 0xa9: "\u00e2", 0xaa: "\u00ea",
    0xab: "\u00f4", 0xac: "\u01a1", 0xad: "\u01b0", 0xae: "\u0111", 0xaf: "\u1eb0", 0xb0: "\u0300",
    0xb1: "\u0309", 0xb2: "\u0303", 0xb3: "\u0301", 0xb4: "\u0323", 0xb5: "\u00e0", 0xb6: "\u1ea3",
    0xb7: "\u00e3", 0xb8: "\u00e1", 0xb9: "\u1ea1", 0xba: "\u1eb2", 0xbb: "\u1eb1", 0xbc: "\u1eb3",
    0xbd: "\u1eb5", 0xbe: "\u1eaf", 0xbf: "\u1eb4", 0xc0: "\u1eae", 0xc1: "\u1ea6", 0xc2: "\u1ea8",
    0xc3: "\u1eaa", 0xc4: "\u1ea4", 0xc5: "\u1ec0", 0xc6: "\u1eb7", 0xc7: "\u1ea7", 0xc8: "\u1ea9",
    0xc9: "\u1eab", 0xca: "\u1ea5", 0xcb: "\u1ead", 0xcc: "\u00e8", 0xcd: "\u1ec2", 0xce: "\u1ebb",
    0xcf: "\u1ebd", 0xd0: "\u00e9", 0xd1: "\u1eb9", 0xd2: "\u1ec1", 0xd3: "\u1ec3", 0xd4: "\u1ec5",
    0xd5: "\u1ebf", 0xd6: "\u1ec7", 0xd7: "\u00ec", 0xd8: "\u1ec9", 0xd9: "\u1ec4", 0xda: "\u1ebe",
    0xdb: "\u1ed2", 0xdc: "\u0129", 0xdd: "\u00ed", 0xde: "\u1ecb", 0xdf: "\u00f2", 0xe0: "\u1ed4",
    0xe1: "\u1ecf", 0xe2: "\u00f5", 0xe3: "\u00f3", 0xe4: "\u1ecd", 0xe5: "\u1ed3", 0xe6: "\u1ed5",
    0xe7: "\u1ed7", 0xe8: "\u1ed1", 0xe9: "\u1ed9", 0xea: "\u1edd", 0xeb: "\u1edf", 0xec: "\u1ee1",
    0xed: "\u1edb", 0xee: "\u1ee3", 0xef: "\u00f9", 0xf0: "\u1ed6", 0xf1: "\u1ee7", 0xf2: "\u0169",
    0xf3: "\u00fa", 0xf4: "\u1ee5", 0xf5: "\u1eeb", 0xf6: "\u1eed", 0xf7: "\u1eef", 0xf8: "\u1ee9",
    0xf9: "\u1ef1", 0xfa: "\u1ef3", 0xfb: "\u1ef7", 0xfc: "\u1ef9", 0xfe: "\u1ef5", 0xff: "\u1ed0",
}  # fmt: skip


def _windows_char(byte: int) -> str:
    """The character Windows shows for a byte of a legacy-font document (cp1252; its 5 holes pass as C1)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_TCVN3_BYTES = {byte: TCVN3_TABLE.get(byte, chr(byte)) for byte in range(256)}
_TCVN3_FILE = str.maketrans({chr(byte): text for byte, text in _TCVN3_BYTES.items()})
# Pasted TCVN3 words reach Unicode text through Windows-1252 (Word converts with the system code page). The
# C0 positions (capitals in the 1993 table) never survive a paste, so only the upper half is mapped here.
_TCVN3_PASTED = {_windows_char(b): _TCVN3_BYTES[b] for b in range(0x80, 0x100)}
_TCVN3_PASTED.update({chr(b): _TCVN3_BYTES[b] for b in range(0x80, 0xA0)})
_TCVN3_PASTED_TABLE = str.maketrans(_TCVN3_PASTED)


def decode_tcvn3(data: bytes) -> str:
    """A whole TCVN3 file, NFC."""
    return unicodedata.normalize("NFC", data.decode("latin-1").translate(_TCVN3_FILE))


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 mojibake (the Windows-1252 reading of TCVN3 bytes) to Unicode, NFC."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3_PASTED_TABLE))


def encode_tcvn3(text: str) -> bytes:
    """`text` in TCVN3 bytes (for tests and fixtures); raises UnicodeEncodeError for a character TCVN3 lacks."""
    out = bytearray()
    for position, char in enumerate(unicodedata.normalize("NFC", text)):
        byte = _TCVN3_ENCODE.get(char)
        if byte is None:
            raise UnicodeEncodeError("tcvn3", text, position, position + 1, "not in TCVN3")
        out.append(byte)
    return bytes(out)


# Precomposed letters first: TCVN3 also has bare tone marks (0xB0-0xB4), never needed for NFC text.
_TCVN3_ENCODE = {text: byte for byte, text in sorted(_TCVN3_BYTES.items(), reverse=True) if len(text) == 1}
_TCVN3_ENCODE.update({chr(b): b for b in range(0x20) if b not in TCVN3_TABLE})


# --- VNI-Windows -------------------------------------------------------------------------------------------

# VNI writes a base letter followed by a Windows-1252 character that the font draws as a mark: "Vieät" =
# "Việt". Lower-case marks follow lower-case letters, upper-case marks upper-case ones. Vowel -> {mark: result}.
_VNI_MARKS_LOWER: dict[str, dict[str, str]] = {
    "a": {"ù": "á", "ø": "à", "û": "ả", "õ": "ã", "ï": "ạ",
          "ê": "ă", "é": "ắ", "è": "ằ", "ú": "ẳ", "ü": "ẵ", "ë": "ặ",
          "â": "â", "á": "ấ", "à": "ầ", "å": "ẩ", "ã": "ẫ", "ä": "ậ"},
    "e": {"ù": "é", "ø": "è", "û": "ẻ", "õ": "ẽ", "ï": "ẹ",
          "â": "ê", "á": "ế", "à": "ề", "å": "ể", "ã": "ễ", "ä": "ệ"},
    "o": {"ù": "ó", "ø": "ò", "û": "ỏ", "õ": "õ", "ï": "ọ",
          "â": "ô", "á": "ố", "à": "ồ", "å": "ổ", "ã": "ỗ", "ä": "ộ"},
    "ô": {"ù": "ớ", "ø": "ờ", "û": "ở", "õ": "ỡ", "ï": "ợ"},  # VNI "ô" is ơ
    "u": {"ù": "ú", "ø": "ù", "û": "ủ", "õ": "ũ", "ï": "ụ"},
    "ö": {"ù": "ứ", "ø": "ừ", "û": "ử", "õ": "ữ", "ï": "ự"},  # VNI "ö" is ư
    "y": {"ù": "ý", "ø": "ỳ", "û": "ỷ", "õ": "ỹ"},
}  # fmt: skip
# Letters that VNI encodes as one character of their own.
_VNI_SINGLE_LOWER = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, marks in _VNI_MARKS_LOWER.items():
        for mark, result in marks.items():
            table[vowel + mark] = result
            table[vowel.upper() + mark.upper()] = result.upper()
    for char, result in _VNI_SINGLE_LOWER.items():
        table[char] = result
        table[char.upper()] = result.upper()
    return table


VNI_TABLE: dict[str, str] = _vni_table()
# Greedy longest match: a two-character sequence (letter + mark) wins over its first character alone.
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))
_WINDOWS_1252 = str.maketrans({chr(b): _windows_char(b) for b in range(0x80, 0xA0)})


def vni_to_unicode(text: str) -> str:
    """VNI-Windows mojibake (the Windows-1252 reading of VNI bytes) to Unicode, NFC."""
    converted = _VNI_PATTERN.sub(lambda m: VNI_TABLE[m.group()], text.translate(_WINDOWS_1252))
    return unicodedata.normalize("NFC", converted)


def decode_vni(data: bytes) -> str:
    """A whole VNI-Windows file, NFC."""
    return vni_to_unicode(data.decode("latin-1"))


def encode_vni(text: str) -> bytes:
    """`text` in VNI-Windows bytes (for tests and fixtures); raises UnicodeEncodeError for what VNI lacks."""
    return "".join(_VNI_ENCODE.get(char, char) for char in unicodedata.normalize("NFC", text)).encode(
        "cp1252"
    )


_VNI_ENCODE = {result: sequence for sequence, result in VNI_TABLE.items()}


# --- Vietnamese syllables ----------------------------------------------------------------------------------

_TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
# Every letter TCVN3 can write is a Vietnamese letter, and the reverse.
_VIETNAMESE_LETTERS = frozenset(t for t in _TCVN3_BYTES.values() if t.isalpha())
_ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
# Nucleus -> allowed endings (a semivowel or a final consonant); toneless, lower case.
_RHYMES_BY_NUCLEUS: dict[str, tuple[str, ...]] = {
    "a": ("", "i", "o", "u", "y", "c", "ch", "m", "n", "ng", "nh", "p", "t"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("u", "y", "c", "m", "n", "ng", "p", "t"),
    "e": ("", "o", "c", "m", "n", "ng", "p", "t"),
    "ê": ("", "u", "ch", "m", "n", "nh", "p", "t"),
    "i": ("", "a", "u", "ch", "m", "n", "nh", "p", "t"),
    "iê": ("u", "c", "m", "n", "ng", "p", "t"),
    "o": ("", "i", "c", "m", "n", "ng", "p", "t"),
    "oo": ("c", "ng"),
    "oa": ("", "i", "o", "y", "c", "ch", "m", "n", "ng", "nh", "p", "t"),
    "oă": ("c", "m", "n", "ng", "t"),
    "oe": ("", "o", "c", "m", "n", "ng", "t"),
    "ô": ("", "i", "c", "m", "n", "ng", "p", "t"),
    "ơ": ("", "i", "m", "n", "p", "t"),
    "u": ("", "a", "i", "c", "m", "n", "ng", "p", "t"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "nh", "n", "u"),
    "uy": ("", "a", "u", "ch", "nh", "n", "p", "t"),
    "uyê": ("n", "t"),
    "uô": ("i", "c", "m", "n", "ng", "t"),
    "uơ": ("",),
    "ư": ("", "a", "i", "u", "c", "m", "n", "ng", "t"),
    "ươ": ("i", "u", "c", "m", "n", "ng", "p", "t"),
    "y": ("",),
    "yê": ("u", "m", "n", "t", "ng"),
}
RHYMES: frozenset[str] = frozenset(n + e for n, ends in _RHYMES_BY_NUCLEUS.items() for e in ends)
_STOP_ENDINGS = ("c", "ch", "p", "t")
# Rhymes whose tone may sit on either vowel: the old and the new spelling ("hoà"/"hòa", "thuỷ"/"thủy").
_EITHER_TONE_PLACE = frozenset({"oa", "oe", "uy"})


def _strip_tone(word: str) -> tuple[str, list[tuple[int, str]]]:
    """The word without tone marks, and (index, tone) of each tone mark found."""
    base: list[str] = []
    tones: list[tuple[int, str]] = []
    for char in word:
        parts = unicodedata.normalize("NFD", char)
        kept = "".join(p for p in parts if p not in _TONE_MARKS)
        if not kept:  # a bare combining tone mark: it belongs to the previous letter
            tones.extend((len(base) - 1, _TONE_MARKS[p]) for p in parts if p in _TONE_MARKS)
            continue
        tones.extend((len(base), _TONE_MARKS[p]) for p in parts if p in _TONE_MARKS)
        base.append(unicodedata.normalize("NFC", kept))
    return "".join(base), tones


def _tone_places(rhyme: str) -> set[int]:
    """Where in `rhyme` (no onset glide) a tone mark may stand."""
    vowels = len(rhyme) - len(rhyme.lstrip("aăâeêioôơuưy"))
    if vowels <= 1:
        return {0}
    if vowels < len(rhyme):  # a final consonant follows: the tone goes on the last vowel
        return {vowels - 1}
    run = rhyme[:vowels]
    for i, char in enumerate(run):
        if char in "êôơ" and i > 0 and run[i - 1] in "iyuư":  # iê, yê, uô, ươ: on the second part
            return {i}
    if run in _EITHER_TONE_PLACE:
        return {0, 1}
    if run in {"uơ", "uê", "oai", "oay", "oao", "oeo", "uây", "uya", "uyu"}:
        return {1}
    return {0}


def _case_is_regular(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Is `word` (one written syllable, NFC or not) a well-formed Vietnamese syllable?

    Checks the spelling (onset + rhyme), at most one tone mark, the tone on the vowel that carries it, and that a
    syllable ending in c/ch/p/t has the sắc or nặng tone. It accepts some syllables nobody uses (it has no
    dictionary) and rejects loanwords, which is what telling mojibake from Vietnamese needs."""
    word = unicodedata.normalize("NFC", word)
    if not word or not word.isalpha() or not _case_is_regular(word):
        return False
    toneless, tones = _strip_tone(word.lower())
    if len(tones) > 1 or not toneless:
        return False
    tone = tones[0] if tones else None
    return any(_fits(toneless, onset, tone) for onset in _ONSETS if toneless.startswith(onset))


def _fits(toneless: str, onset: str, tone: tuple[int, str] | None) -> bool:
    rest = toneless[len(onset) :]
    if onset == "gi" and not rest:
        return False  # "gì" is g + ì, tried with onset "g"
    if rest not in RHYMES and not (onset in ("qu", "gi") and (onset[-1] + rest) in RHYMES):
        return False
    if tone is None:
        return not rest.endswith(_STOP_ENDINGS)
    index, kind = tone
    if rest.endswith(_STOP_ENDINGS) and kind not in ("acute", "dot"):
        return False
    return index - len(onset) in _tone_places(rest)


_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>.,;:!?…-–—/\\|*_#"
_SAMPLE_CHARS = 200_000


def vietnamese_plausibility(text: str) -> float:
    """How much `text` looks like Vietnamese: the share of its non-ASCII words that are real syllables (0..1).

    A text without any non-ASCII word scores 1.0 (nothing contradicts it). Looks at the first 200,000 characters."""
    words = [w.strip(_EDGE_PUNCTUATION) for w in text[:_SAMPLE_CHARS].split()]
    foreign = [w for w in words if w and not w.isascii()]
    if not foreign:
        return 1.0
    good = sum(1 for w in foreign if is_vietnamese_syllable(unicodedata.normalize("NFC", w)))
    return good / len(foreign)


# --- repairing pasted legacy words inside Unicode text -----------------------------------------------------

# Characters a legacy-font word can show in Unicode text: Windows-1252 upper half and the C1 controls.
_LEGACY_CHARS = frozenset(_windows_char(b) for b in range(0x80, 0x100)) | {chr(b) for b in range(0x80, 0xA0)}
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# Characters of legacy mojibake that Vietnamese never uses: one of them inside a word is a strong sign.
_SUSPECT = frozenset(
    c for c in _LEGACY_CHARS if c not in _VIETNAMESE_LATIN1 and (c.isalpha() or 0xA1 <= ord(c) <= 0xFF)
)
_SUSPECT_CLASS = "".join(sorted(re.escape(c) for c in _SUSPECT))
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
# A Latin-1 capital inside a lower-case word: TCVN3 puts í ì ò ế ệ … at the places of Ý Ì ß Õ Ö ("chÝnh").
_CAPITAL_INSIDE = "[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]"
# VNI letter + mark pairs that Vietnamese never writes: "aù" (á), "eâ" (ê), "oâ" (ô), "uõ" (ũ) … A vowel after
# a, e, o never carries a mark in Vietnamese, except the a/e of "oa"/"oe" ("hoà", "toán", "khoẻ").
_VNI_PAIR = "[aA][ùõêéèúâáàãÙÕÊÉÈÚÂÁÀÃ]|[eE][ùõâáàãÙÕÂÁÀÃ]|[oO][ùõâÙÕÂ]|[uUyYôÔ][ùõÙÕ]"
# The fast pre-check that every document goes through: a suspect character touching a letter, a capital
# inside a word, or a VNI pair. Clean Vietnamese text never matches it.
_PRECHECK = re.compile(
    rf"[{_LATIN}][{_SUSPECT_CLASS}]|[{_SUSPECT_CLASS}][{_LATIN}]|{_CAPITAL_INSIDE}|{_VNI_PAIR}"
)
_STRONG_PAIR = re.compile(rf"{_CAPITAL_INSIDE}|{_VNI_PAIR}")
# Windows-1252 punctuation at 0x80-0x9F (and the C1 holes) is where TCVN3 keeps capitals such as Ộ (—) or À (€):
# part of a word between letters, trimmed off its edges when the word reads better without.
_WINDOWS_PUNCTUATION = "".join(
    c for c in (_windows_char(b) for b in range(0x80, 0xA0)) if not c.isalpha()
) + "".join(chr(b) for b in range(0x80, 0xA0))
# A word: letters, combining marks, and the symbols that TCVN3 uses as letters (¸ = á, µ = à, ® = đ …).
_WORD = re.compile(
    rf"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7\u0300-\u036f{re.escape(_WINDOWS_PUNCTUATION)}])+"
)
# What may separate two words of one pasted fragment.
_GAP = re.compile(r"[^\S\n]{1,3}|[^\S\n]?[,.;:()“”\"'\-–/][^\S\n]?")


def _builtin_lexicon() -> frozenset[str]:
    return frozenset(_COMMON_SYLLABLES.split())


class _Word:
    __slots__ = ("end", "replacement", "start", "strong", "tcvn3", "text", "vni")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start, self.end = start, start + len(text)
        self.strong = any(c in _SUSPECT for c in text) or bool(_STRONG_PAIR.search(text))
        self.tcvn3 = tcvn3_to_unicode(text)
        self.vni = vni_to_unicode(text)
        self.replacement: str | None = None

    def converts(self) -> bool:
        return is_vietnamese_syllable(self.tcvn3) or is_vietnamese_syllable(self.vni)


def _legacy_word(match: re.Match[str]) -> _Word:
    """The word of `match`, without the punctuation at its edges when only that makes it convert."""
    word = _Word(match.group(), match.start())
    core = match.group().strip(_WINDOWS_PUNCTUATION)
    if core == word.text or word.converts():
        return word
    return _Word(core, match.start() + match.group().index(core))


def repair_legacy_fonts(text: str) -> str:
    """`text` with its TCVN3 / VNI mojibake words converted to Unicode; genuine Unicode is left as it is.

    Only words whose characters all exist in Windows-1252 can be mojibake. A "strong" one holds a character
    Vietnamese never uses (¸ µ ® Ö …) or a capital inside a lower-case word ("chÝnh"); it is converted when its
    reading is a well-formed syllable (or a symbol like "NĐ") and it is not. A "weak" one is made of ordinary
    accented letters ("gióp" = "giúp", but "xã" is also a word): it is converted when it is not well-formed and
    its reading is a known syllable, or when it stands beside a converted word and reads better converted.
    A text made of mojibake through and through (a whole .VnTime PDF) converts its weak words freely.
    Cheap when nothing is suspect: one regular-expression search."""
    if not _PRECHECK.search(text):
        return text
    candidates: list[_Word] = []
    known = set(_LEXICON)
    genuine = 0
    for match in _WORD.finditer(text):
        token = match.group()
        if token.isascii() or all(c in _WINDOWS_PUNCTUATION for c in token):
            continue
        if all(c in _LEGACY_CHARS or c.isascii() for c in token):
            candidates.append(_legacy_word(match))
        else:
            genuine += 1
            if is_vietnamese_syllable(token):
                known.add(unicodedata.normalize("NFC", token).lower())
    if not any(w.strong for w in candidates):
        return text
    encoding = _text_encoding(candidates)
    for word in candidates:
        if word.strong:
            word.replacement = _strong_conversion(word, known, encoding, legacy_text=False)
    converted = sum(w.replacement is not None for w in candidates)
    legacy_text = converted >= _MIN_LEGACY_WORDS and converted > 2 * genuine
    for word in candidates:
        if word.replacement is None:
            word.replacement = (
                _strong_conversion(word, known, encoding, legacy_text=legacy_text)
                if word.strong
                else _weak_conversion(word, known, encoding, beside_converted=False, legacy_text=legacy_text)
            )
    _spread_to_neighbours(text, candidates, known, encoding)
    return _apply(text, candidates)


_MIN_LEGACY_WORDS = 3


def _text_encoding(words: Iterable[_Word]) -> str | None:
    """Which legacy encoding the text's strong words speak ("tcvn3", "vni"), None when they do not tell."""
    tcvn3 = vni = 0
    for word in words:
        if word.strong:
            tcvn3 += is_vietnamese_syllable(word.tcvn3) + (word.tcvn3.lower() in _LEXICON)
            vni += is_vietnamese_syllable(word.vni) + (word.vni.lower() in _LEXICON)
    return None if tcvn3 == vni else "vni" if vni > tcvn3 else "tcvn3"


def _readings(word: _Word, encoding: str | None) -> list[str]:
    readings = [word.vni, word.tcvn3] if encoding == "vni" else [word.tcvn3, word.vni]
    return [r for r in readings if r != word.text]


def _strong_conversion(
    word: _Word, known: set[str], encoding: str | None, *, legacy_text: bool
) -> str | None:
    readings = _readings(word, encoding)
    if encoding and readings and not _reads_well(readings[0]) and _is_vietnamese_word(readings[0]):
        # The text's own encoding gives Vietnamese letters that are no syllable ("đ", "Đắk", a typo): the
        # other encoding's syllable would only be a coincidence.
        return readings[0] if legacy_text else None
    fitting = [r for r in readings if _reads_well(r)]
    if not fitting:
        return None
    best = next((r for r in fitting if r.lower() in known), fitting[0])
    if not is_vietnamese_syllable(word.text) or _better_known(best, word.text, known):
        return best
    return None


def _reads_well(reading: str) -> bool:
    return is_vietnamese_syllable(reading) or _is_symbol_with_d(reading)


def _weak_conversion(
    word: _Word, known: set[str], encoding: str | None, *, beside_converted: bool, legacy_text: bool
) -> str | None:
    # Only the text's own legacy encoding: "chí" is VNI for "chí" but TCVN3 for "chớ".
    converted = word.vni if encoding == "vni" else word.tcvn3
    if converted == word.text or not is_vietnamese_syllable(converted):
        return None
    original = unicodedata.normalize("NFC", word.text)
    original_known, converted_known = original.lower() in known, converted.lower() in known
    if not is_vietnamese_syllable(original):
        return converted if converted_known or beside_converted or legacy_text else None
    if converted_known and not original_known and (beside_converted or legacy_text):
        return converted
    if legacy_text and converted_known == original_known:
        return converted  # in a text of mojibake, a tie goes to the conversion
    return None


def _better_known(reading: str, original: str, known: set[str]) -> bool:
    return reading.lower() in known and unicodedata.normalize("NFC", original).lower() not in known


def _is_symbol_with_d(reading: str) -> bool:
    """Capitals with Đ, as in document symbols: TCVN3 "N§" / VNI "NÑ" = "NĐ" (NĐ-CP, QĐ-UBND, HĐND)."""
    return "Đ" in reading and _ACRONYM.fullmatch(reading) is not None


_ACRONYM = re.compile(r"[A-ZĐ]{2,}")


def _is_vietnamese_word(reading: str) -> bool:
    return reading.isalpha() and _case_is_regular(reading) and all(c in _VIETNAMESE_LETTERS for c in reading)


def _spread_to_neighbours(text: str, words: list[_Word], known: set[str], encoding: str | None) -> None:
    """Weak words next to converted ones are converted when that reads better, repeatedly, both ways."""
    changed = True
    while changed:
        changed = False
        for i, word in enumerate(words):
            if word.replacement is not None or word.strong:
                continue
            if not any(_adjacent_converted(text, words, i, j) for j in (i - 1, i + 1)):
                continue
            word.replacement = _weak_conversion(
                word, known, encoding, beside_converted=True, legacy_text=False
            )
            changed = changed or word.replacement is not None


def _adjacent_converted(text: str, words: list[_Word], i: int, j: int) -> bool:
    if not 0 <= j < len(words) or words[j].replacement is None:
        return False
    left, right = (words[j], words[i]) if j < i else (words[i], words[j])
    return _GAP.fullmatch(text, left.end, right.start) is not None


def _apply(text: str, words: list[_Word]) -> str:
    parts: list[str] = []
    position = 0
    for word in words:
        if word.replacement is None:
            continue
        parts.append(text[position : word.start])
        parts.append(word.replacement)
        position = word.end
    parts.append(text[position:])
    return "".join(parts)


# Common Vietnamese syllables (lower case, NFC), the dictionary that settles words both readings of which are
# well-formed. Made by tests/fixtures/make_tables.py from the syllables of the dev corpus (seen at least twice)
# and spaCy's Vietnamese stop words.
_COMMON_SYLLABLES = """
biên biến biết biển biểu biện biệt buôn buổi bà bài bàn bào bác bám bán báo bây bãi bèn béng bên bình bí
bông bõm bưu bước bạc bạn bản bảng bảo bất bấy bẩy bập bắc bắt bằng bền bển bệnh bệt bị bỏ bố bồi bổ bỗng bộ
bội bớ bởi bức chiếc chiến chiết chiếu chuyên chuyển chuyện chuẩn chà chành chánh cháu châu chí chính chóng
chót chùn chú chúng chăm chăn chăng chũn chơi chưa chưng chương chạnh chả chấm chấn chấp chất chầm chầy chẩn
chậc chậm chập chắc chắn chẳng chặn chặt chẽ chế chết chỉ chỉn chỉnh chị chịu chọn chốc chối chống chồng chỗ
chớ chờ chợt chụp chủ chủn chứ chức chứng chừ chừng chữ chữa cuối cuốn cuộc càng cá các cách cái cán cáo cát
câu cây còn có cóc cô côi công cùng căn cũ cũng cơ cơn cư cước cường cưỡng cạnh cả cải cảm cảng cảnh cấp cấu
cần cầu cập cật cậu cắm cắt cố cổ cổng cộng cụ cục cụm của củng cứ cứu cử cửa cửu cực diện duyệt dà dài dành
dào dân dì dòng dõi dù dùng dĩ dưng dương dưới dưỡng dạ dạng dạy dấu dần dầu dẫn dẫu dễ dị dịch dịp dở dụ
dục dụng dứt dừng dữ dự dựng ghép già giá giác giám giáo giúp giường giải giảm giảng giấy giống giới giờ
giời giữ giữa gây gì gìn gòn góp gần gắn gặp gọi gốc gồm gỡ gửi hiến hiểm hiểu hiện hiệu hoà hoàn hoàng hoá
hoạch hoạt hoặc huyện huấn hà hài hàng hành hãy hèn hình hòa hóa hô hôn hút hơn hướng hưởng hạ hạn hạng hạnh
hải hảo hầu hậu hằng hẳn hết hệ họ học họp hỏa hỏi hỏng hồ hồi hồng hỗ hộ hội hợp hủy hữu hự khiến khiển
khoá khoán khoáng khoản khoảng khuyến khuôn khá khác khách khám kháng khâu khép khí khích khó khóa khói khô
không khăn khả khảo khấu khẩn khẩu khắc khẳng khỏe khỏi khởi khử kiên kiếm kiến kiểm kiệm kiện kèm kéo kê kì
kìa kín kính ký kế kết kể kịp kỳ kỹ liên liền liệt liệu loát loại loạn loạt luyện luôn luận luật luốt là làm
làng lái lâm lâu lãi lãnh lên lình lí lòng lô lúa lúc lý lĩnh lũ lưu lương lược lượng lượt lại lấy lần lẫn
lận lập lậu lẻ lẽ lễ lệ lệnh lị lịch lồng lớn lớp lời lợi lục lự lựa lực miền miễn muốn mà mày máy mã mình
mòi móc mô môi môn mù mưu mại mạng mạnh mảnh mất mấy mẫu mắc mắt mặt mẹ mềm mọi mốc mối mồ mỗi một mới mở mợ
mục mức mực nghiêm nghiên nghiễm nghiệm nghiệp nghèo nghĩ nghĩa nghề nghệ nghỉm nghị ngoài ngoại ngoải
nguyên nguyễn nguyện nguồn ngành ngày ngân ngôi ngõ ngăn ngũ ngươi người ngưỡng ngạch ngắn ngắt ngọc ngọn
ngọt ngồi ngộ ngờ ngừa nhiên nhiêu nhiều nhiễm nhiệm nhiệt nhà nhánh nhân nhé nhén nhìn nhóm nhón nhăng như
nhưng nhược nhượng nhất nhầm nhận nhập nhật nhằm nhỉ nhỏ nhớ nhờ nhỡ những niêm niên nuôi nào này nâng nên
nêu nó nóc nói nông núi năm năng nơi nương nước nạn nả nấy nắm nặng nếu nền nọ nối nỗi nội nộp nớ nở nợ nức
nữa oái phiếu phàm phán pháp phát phân phè phép phê phì phí phía phòng phó phóc phóng phót phù phúc phăn
phương phước phường phạm phạt phải phản phần phẩm phẫu phắt phỉ phỏng phố phốc phối phổ phụ phục phụt phủ
phức phứt quyết quyền quá quán quân quét quý quả quản quảng quận quốc quỹ riêng riệt ruộng rà rày ráo rèn
rén rích ríu rón rõ rút răng rơi rất rằng rối rốt rồi rộng rủi rứa rừng soát soạn suýt suất suốt sài sách
sáng sát sâu sì sóc sót sông sơ sơn sạch sả sản sất sắp sẻ sẽ số sống sốt sổ sột sớm sở sợ sức sử sửa sự
thiên thiết thiếu thiểu thiện thiệu thoái thoại thoạt thoảng thoắt thuyên thuê thuần thuận thuật thuế thuốc
thuộc thà thành thác thái tháng tháo thân thêm thì thình thí thích thím thôi thôn thông thú thúc thúng thư
thương thường thưởng thạnh thải thảo thảy thấp thấy thần thầu thẩm thẩy thậm thật thắng thế thếch thể thỉnh
thị thỏa thỏm thốc thống thốt thổ thộc thời thụ thục thủ thủy thứ thức thừa thử thửa thực tiêm tiên tiêu
tiến tiếp tiết tiềm tiền tiễn tiện tiệt toà toàn toán toé toẹt triển triệt triệu truyền trà trào trách trái
tránh tráo trân trên trì trình trí trích trò trù trùng trú trưng trương trước trường trưởng trại trạng trạo
trả trải trấn trần trận trật trẻ trếu trển trệt trệu trị trọi trọng trỏng trồng trời trở trợ trụ trừ trữ
trực tuyên tuyến tuyệt tuấn tuần tuệ tuốt tuồn tuồng tuổi tuột tà tài tàn tàu tác tách tái tán táng tâm tân
tây tê tên tênh tì tìm tình tích tín tính tít tò tòa tôi tôn tông tù túc túy tăm tăng tĩnh tư tươi tương
tướng tượng tại tạm tạo tạp tả tải tấm tấn tất tầm tần tầng tập tật tắc tắp tắt tặng tế tết tề tỉnh tịch tọa
tọt tỏ tố tốc tối tốt tồn tổ tổng tộc tột tớ tới tờ tục tụng tủ tức từ từng tử tự tựa tựu tỷ uỷ viên viễn
việc viện việt và vài vàn vào vâng vèo vì ví vô vùng văn văng vĩnh vũ vướng vượt vạn vả vấn vầy vẫn vận vật
vậy vắng vẻ vẽ về vệ vị vỏ vốn với vở vợ vụ vụt vừa vững vực xiết xoành xoét xoạch xoẳn xoẹt xuyên xuân xuất
xuể xuống xác xây xã xét xê xóa xón xúi xăm xưa xả xảy xắm xếp xềnh xệch xệp xử xửa yên yêu yếu à ào á ái án
áng ánh áp âu ích ít ô ôi ông úi ý ăn đa đai đang đi đinh điền điều điểm điện đo đoàn đoán đoạn đua đành đào
đán đáng đánh đáo đáp đâu đây đã đãi đình đích đính đó đóng đô đôn đông đùng đúng đăng đơn đưa đương đước
đường được đạc đạch đại đạo đạt đảm đảng đất đấu đấy đầu đầy đẩy đẳng đặc đặt đến đề đều để địa định đọng
đốc đối đồ đồng đổi độ độc đội động đột đời đợt đủ đức đứng ơ ơi ơn ư ưu ương ước ạ ảnh ấm ấn ấy ầu ắt ố ối
ồ ổn ổng ớ ờ ở ủa ủng ủy ứ ứng ừ ử
"""
_LEXICON = _builtin_lexicon()
