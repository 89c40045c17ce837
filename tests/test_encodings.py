"""Bytes of a text file to Unicode (`ingest.encodings`) and legacy Vietnamese fonts (`ingest.legacy_fonts`)."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from fixtures.make_fixtures import LETTER_TEXT, QD_1056_LINE, QD_1056_REPAIRED, cp1258_bytes

from ingest.encodings import decode_bytes
from ingest.errors import ReadError
from ingest.legacy_fonts import (
    TCVN3_TABLE,
    decode_tcvn3,
    encode_tcvn3,
    encode_vni,
    is_vietnamese_syllable,
    repair_legacy_fonts,
    tcvn3_to_unicode,
    vietnamese_plausibility,
    vni_to_unicode,
)

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
CORPUS_TEXTS = sorted(CORPUS.glob("*.txt"))
NO_CORPUS = "the shared corpus is not beside this clone (../shared/corpus/dev)"
SENTENCE = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
# TCVN3 and VNI have no curly quotes, dashes or ellipsis: their code points hold letters.
ASCII_PUNCTUATION = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "…": "...", "•": "*", "\u00a0": " "}
)


def corpus_text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


# --- Unicode encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SENTENCE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(SENTENCE.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), id="utf-16-be with BOM"),
        pytest.param(SENTENCE.encode("utf-16-le"), id="utf-16-le without BOM"),
        pytest.param(SENTENCE.encode("utf-16-be"), id="utf-16-be without BOM"),
        pytest.param(SENTENCE.encode("utf-32"), id="utf-32 with BOM"),
    ],
)
def test_unicode_encodings_are_read_back_exactly(data: bytes) -> None:
    assert decode_bytes(data) == SENTENCE


def test_windows_1258_separate_tone_marks_come_back_composed() -> None:
    data = cp1258_bytes(SENTENCE)
    assert b"\xec" in data  # the tone mark of "cứ" is a byte of its own in Windows-1258
    assert decode_bytes(data) == SENTENCE


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = (SENTENCE + " ").encode("utf-8") * 200 + b"\xff" + SENTENCE.encode("utf-8")
    text = decode_bytes(data)
    assert text.count("\ufffd") == 1
    assert text.endswith(SENTENCE)


def test_utf8_saved_twice_through_windows_1252_is_repaired() -> None:
    # As databases with a "latin1" column do it: Windows-1252, its five holes kept as C1 characters.
    as_windows = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in SENTENCE.encode("utf-8")
    )
    assert "á»" in as_windows
    assert decode_bytes(as_windows.encode("utf-8")) == SENTENCE


def test_utf16_fixture_without_bom() -> None:
    assert decode_bytes((FIXTURES / "letter-utf16le.txt").read_bytes()) == LETTER_TEXT


def test_windows_1258_fixture() -> None:
    assert decode_bytes((FIXTURES / "letter-cp1258.txt").read_bytes()) == LETTER_TEXT


# --- whole files in legacy fonts ---------------------------------------------------------------------------


def test_tcvn3_file_written_by_iconv() -> None:
    # glibc writes Ý Ú Ứ … of TCVN3 at control-character places (0x01-0x17); they are letters, not binary.
    assert decode_bytes((FIXTURES / "letter-tcvn3.txt").read_bytes()) == LETTER_TEXT


def test_vni_file() -> None:
    assert decode_bytes((FIXTURES / "letter-vni.txt").read_bytes()) == LETTER_TEXT


def test_vni_bytes_of_the_national_motto() -> None:
    data = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n".encode("cp1252")
    assert decode_bytes(data) == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"


@pytest.mark.skipif(not CORPUS_TEXTS, reason=NO_CORPUS)
@pytest.mark.parametrize("encoding", ["utf-16-le", "windows-1258", "tcvn3", "vni"])
def test_every_corpus_text_survives_every_encoding(encoding: str) -> None:
    encoders = {
        "utf-16-le": lambda t: t.encode("utf-16-le"),
        "windows-1258": cp1258_bytes,
        "tcvn3": encode_tcvn3,
        "vni": encode_vni,
    }
    for path in CORPUS_TEXTS:
        text = corpus_text(path).translate(ASCII_PUNCTUATION)
        if "qd-1056" in path.name:  # its TCVN3 fragment has characters no legacy encoding holds
            continue
        assert decode_bytes(encoders[encoding](text)) == text, path.name


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv is not installed")
def test_tcvn3_table_is_glibc_iconv() -> None:
    for byte in range(256):
        done = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]), capture_output=True, check=True
        )
        expected = unicodedata.normalize("NFC", done.stdout.decode("utf-8"))
        assert TCVN3_TABLE.get(byte, chr(byte)) == expected, hex(byte)


def test_tcvn3_decoding_composes_bare_tone_marks() -> None:
    # TCVN3 also has bare tone marks (0xB0-0xB4) after a base letter: a + grave = à.
    assert decode_tcvn3(b"Vi\xaa\xb4t Nam, nga\xb0y") == "Việt Nam, ngày"


# --- unreadable bytes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        pytest.param(b"Can cu\x00\x00\x01\x02 Luat" * 10, "NUL", id="NUL bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image", id="PNG image"),
        pytest.param(b"%PDF-1.7\n1 0 obj", "PDF document", id="PDF"),
        pytest.param(b"PK\x03\x04\x14\x00" + b"x" * 50, "ZIP archive", id="docx"),
        pytest.param(
            bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"abc", "control characters", id="controls"
        ),
    ],
)
def test_binary_data_is_refused(data: bytes, says: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode_bytes(data, name="cong-van.txt")
    assert caught.value.code == "binary"
    assert says in caught.value.message
    assert "cong-van.txt" in caught.value.message


def test_bytes_that_are_no_known_encoding_are_undecodable() -> None:
    data = bytes((i * 37 + 128) % 128 + 128 for i in range(4000))  # high bytes only, no text in any encoding
    with pytest.raises(ReadError) as caught:
        decode_bytes(data, name="x.txt")
    assert caught.value.code == "undecodable"


def test_a_mostly_english_windows_1252_file_is_read() -> None:
    text = "Annex: list of documents sent to the café on Monday.\n" * 20
    assert decode_bytes(text.encode("cp1252")) == text


# --- syllables ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["chính", "sách", "trợ", "giúp", "Nghị", "ĐỊNH", "quyết", "người", "khuỷu", "giữa", "gì", "hoà", "hòa",
     "thuỷ", "thủy", "quý", "nghiêng", "Nguyễn", "ương", "oái", "Nghi\u0323"],
)  # fmt: skip
def test_vietnamese_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "chÝnh",
        "s¸ch",
        "trî",
        "Vieät",
        "caùc",
        "xaõ",
        "café",
        "Müller",
        "cỏc",
        "ViỆt",
        "NĐ",
        "vỔ",
        "bât",
        "quyphạm",
    ],
)
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_plausibility_separates_vietnamese_from_mojibake() -> None:
    assert vietnamese_plausibility(LETTER_TEXT) > 0.95
    assert vietnamese_plausibility(encode_tcvn3(LETTER_TEXT).decode("cp1258", errors="replace")) < 0.3


# --- repairing pasted legacy words -------------------------------------------------------------------------


def test_tcvn3_words_pasted_into_qd_1056_are_repaired() -> None:
    assert repair_legacy_fonts(QD_1056_LINE) == QD_1056_REPAIRED


def test_tcvn3_and_vni_words_convert() -> None:
    assert tcvn3_to_unicode("chÝnh s¸ch trî gióp") == "chính sách trợ giúp"
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_a_tcvn3_citation_inside_a_unicode_sentence() -> None:
    pasted = encode_tcvn3("Căn cứ Nghị định số 36/2015/NĐ-CP ngày 17 tháng 4 năm 2015").decode("cp1252")
    text = f"Thực hiện chỉ đạo của UBND tỉnh. {pasted} của Chính phủ;"
    expected = "Thực hiện chỉ đạo của UBND tỉnh. Căn cứ Nghị định số 36/2015/NĐ-CP ngày 17 tháng 4 năm 2015 của Chính phủ;"
    assert repair_legacy_fonts(text) == expected


def test_a_vni_fragment_inside_a_unicode_sentence() -> None:
    text = "Kính gửi: Uỷ ban nhân dân tỉnh Lai Châu về vieäc thöïc hieän Nghò quyeát soá 06/NQ-CP."
    expected = "Kính gửi: Uỷ ban nhân dân tỉnh Lai Châu về việc thực hiện Nghị quyết số 06/NQ-CP."
    assert repair_legacy_fonts(text) == expected


def windows_1252(data: bytes) -> str:
    """Bytes as Windows shows them, its five undefined bytes kept as C1 characters (as Word and PDFs do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def test_a_whole_document_of_tcvn3_mojibake() -> None:
    # What a PDF set in .VnTime gives: every letter at its Windows-1252 place, capitals included.
    assert repair_legacy_fonts(windows_1252(encode_tcvn3(LETTER_TEXT))) == LETTER_TEXT


def test_a_whole_document_of_vni_mojibake() -> None:
    assert repair_legacy_fonts(windows_1252(encode_vni(LETTER_TEXT))) == LETTER_TEXT


def test_words_that_only_look_odd_are_left_alone() -> None:
    text = "Nhiệt độ 25°C; giá 1½ triệu; «Luật Đất đai»; Müller & Société; Ðà Nẵng; café; © 2024; § 3."
    assert repair_legacy_fonts(text) == text


def test_clean_text_takes_the_fast_path() -> None:
    text = (FIXTURES.parent / "fixtures" / "make_fixtures.py").read_text(encoding="utf-8")
    clean = text.replace("chÝnh s¸ch trî gióp", "")
    assert repair_legacy_fonts(clean) is clean


@pytest.mark.skipif(not CORPUS_TEXTS, reason=NO_CORPUS)
def test_correct_corpus_texts_are_never_changed() -> None:
    for path in CORPUS_TEXTS:
        text = path.read_text(encoding="utf-8")
        expected = text.replace("chÝnh s¸ch trî gióp", "chính sách trợ giúp")  # the one real TCVN3 fragment
        assert repair_legacy_fonts(text) == expected, path.name
