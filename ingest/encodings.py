"""The bytes of a text file to Unicode: BOMs, UTF-8, UTF-16 without BOM, Windows-1258, TCVN3 and VNI-Windows.

Vietnamese files come in every encoding that Vietnamese ever had. A BOM or valid UTF-8 settles it; otherwise
each legacy decoding is tried and the one whose words are real Vietnamese syllables wins
(`legacy_fonts.vietnamese_plausibility`); charset-normalizer's guess is the last resort.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ingest.errors import ReadError
from ingest.legacy_fonts import decode_tcvn3, decode_vni, vietnamese_plausibility

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of binary formats that people save under a text suffix by mistake, with a name a clerk knows.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a .docx or .xlsx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc or .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
# BM and MZ are also how ordinary words begin: they count only with a NUL among the first bytes.
_WEAK_MAGIC = {b"BM", b"MZ"}

# Control characters that have no place in a text file (tab, line feed, form feed, carriage return, vertical tab
# and escape-free text are fine; 0x1A is the DOS end-of-file mark that old editors leave).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_PLAUSIBLE = 0.6
_MOSTLY_ASCII = 0.8
# UTF-8 read as Windows-1252 and saved again as UTF-8: "Viá»‡t Nam" for "Việt Nam".
_DOUBLE_UTF8 = re.compile(
    "(?:[\u00c2-\u00c6\u00e1][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac])"
)


_STRAY_NULS = 0.001  # NUL bytes per byte that a text file may hold: more, and it is binary


def describe_binary(data: bytes) -> str | None:
    """What kind of binary file `data` is, when its first bytes say so ("a PNG image"), else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic in _WEAK_MAGIC and b"\x00" not in data[:64]:
                continue
            return kind
    return None


def decode_bytes(data: bytes, *, name: str = "the file") -> str:
    """The text in the bytes of a text file; raises ReadError(code "binary" or "undecodable").

    `name` only appears in error messages."""
    kind = describe_binary(data)
    if kind is not None:
        raise ReadError(f"{_quote(name)} is {kind}, not a text file.", code="binary")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_unicode(data[len(bom) :], encoding, name), name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(_decode_unicode(data, utf16, name), name)
    data = data.rstrip(b"\x00")
    nuls = data.count(0)
    if nuls > len(data) * _STRAY_NULS:
        raise ReadError(f"{_quote(name)} contains binary data (NUL bytes), not text.", code="binary")
    if nuls:
        # A few NULs in a text are glyphs the PDF-to-text step could not map (the Official Gazette's bullets):
        # read them as spaces. A binary file has NULs everywhere.
        data = data.replace(b"\x00", b" ")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _checked(_decode_legacy(data, name), name)
    return _checked(_undo_double_utf8(text), name)


def _quote(name: str) -> str:
    return f"The file '{name}'" if name != "the file" else "The file"


def _decode_unicode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{_quote(name)} says it is {encoding.upper()} text but its bytes are not valid {encoding.upper()}.",
            code="undecodable",
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE recognised by its NUL bytes: Vietnamese text is mostly ASCII, whose high byte is 0."""
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.25 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.25 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    """`text`, unless it is mostly control characters: then the file was binary."""
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if sample and controls > max(2, _MAX_CONTROL_SHARE * len(sample)):
        raise ReadError(f"{_quote(name)} contains binary data (control characters), not text.", code="binary")
    return text


def _legacy_candidates(data: bytes) -> list[tuple[str, str]]:
    """(encoding, text) for every legacy reading of bytes that are not UTF-8, in order of preference on ties."""
    candidates = [
        ("windows-1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))),
        ("tcvn3", decode_tcvn3(data)),
        ("vni-windows", decode_vni(data)),
    ]
    invalid = _invalid_utf8_bytes(data)
    if invalid <= max(3, len(data) // 1000):
        # A UTF-8 file with a stray byte or two keeps its UTF-8; the stray bytes become U+FFFD.
        candidates.insert(0, ("utf-8", data.decode("utf-8", errors="replace")))
    return candidates


def _invalid_utf8_bytes(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd")


def _decode_legacy(data: bytes, name: str) -> str:
    scored = [(_score(text), -i, text) for i, (_, text) in enumerate(_legacy_candidates(data))]
    score, _, best = max(scored)
    if score >= _PLAUSIBLE:
        return best
    guess = _charset_normalizer_guess(data)
    if guess is not None and (vietnamese_plausibility(guess) >= _PLAUSIBLE or _mostly_ascii(guess)):
        return guess
    raise ReadError(
        f"{_quote(name)} is in a text encoding that could not be recognised (it is neither UTF-8, UTF-16, "
        "Windows-1258, TCVN3 nor VNI); save it as UTF-8 and try again.",
        code="undecodable",
    )


def _score(text: str) -> float:
    """Vietnamese plausibility, lowered by replacement and control characters."""
    sample = text[:100_000]
    if not sample:
        return 0.0
    damage = (sample.count("\ufffd") + len(_CONTROL.findall(sample))) / len(sample)
    return vietnamese_plausibility(sample) - 20 * damage


def _mostly_ascii(text: str) -> bool:
    words = text[:100_000].split()
    return bool(words) and sum(w.isascii() for w in words) >= _MOSTLY_ASCII * len(words)


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return unicodedata.normalize("NFC", str(best))


def _undo_double_utf8(text: str) -> str:
    """Repair text that went UTF-8 -> Windows-1252 -> UTF-8 ("Viá»‡t"), when the repair reads better."""
    if len(_DOUBLE_UTF8.findall(text[:100_000])) < 3:
        return text
    try:
        repaired = _windows_bytes(text).decode("utf-8")
    except UnicodeError:
        return text
    if vietnamese_plausibility(repaired) > vietnamese_plausibility(text):
        return repaired
    return text


def _windows_bytes(text: str) -> bytes:
    """The Windows-1252 bytes behind `text`; its five undefined bytes pass as the C1 characters of Latin-1."""
    out = bytearray()
    for char in text:
        if 0x80 <= ord(char) < 0xA0:
            out.append(ord(char))
        else:
            out += char.encode("cp1252")
    return bytes(out)
