"""One input file to Unicode text (`ingest.readers`): every format, every error code, the file walk."""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from fixtures.make_fixtures import (
    BODY,
    DECOMPOSED,
    FOOTNOTE,
    HEADER_LEFT,
    HEADER_RIGHT,
    LETTER,
    LETTER_TEXT,
    QD_1056_REPAIRED,
    SIGNATURE,
    TCVN3_SENTENCE,
    VNI_SENTENCE,
    docx_bytes,
)

from ingest import readers
from ingest.errors import ReadError
from ingest.readers import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, iter_input_files, read_text

FIXTURES = Path(__file__).parent / "fixtures"
SENTENCE = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"


def read_error(path: Path, **kwargs: int) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_text(path, **kwargs)
    assert path.name in caught.value.message or str(path) in caught.value.message
    assert "\n" not in caught.value.message
    return caught.value


# --- plain text --------------------------------------------------------------------------------------------


def test_txt_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "cong-van.txt"
    path.write_bytes(LETTER_TEXT.encode("utf-8"))
    assert read_text(path) == LETTER_TEXT


@pytest.mark.parametrize(
    "name", ["letter-tcvn3.txt", "letter-vni.txt", "letter-cp1258.txt", "letter-utf16le.txt"]
)
def test_txt_in_any_vietnamese_encoding(name: str) -> None:
    assert read_text(FIXTURES / name) == LETTER_TEXT


def test_markdown_keeps_its_markup_and_loses_its_tcvn3_mojibake() -> None:
    text = read_text(FIXTURES / "qd-1056-fragment.md")
    assert text == f"**Điều 2.** Tổ chức thực hiện\n{QD_1056_REPAIRED}\n"


def test_decomposed_unicode_text_is_returned_as_written(tmp_path: Path) -> None:
    # NFC is the normaliser's job; the reader keeps every character as the file has it.
    path = tmp_path / "qd.txt"
    path.write_text(unicodedata.normalize("NFD", SENTENCE), encoding="utf-8")
    assert read_text(path) == unicodedata.normalize("NFD", SENTENCE)


# --- HTML --------------------------------------------------------------------------------------------------


def test_html_keeps_the_document_and_drops_the_site() -> None:
    text = read_text(FIXTURES / "letter.html")
    lines = text.split("\n")
    assert lines[0] == "Công văn 1127/LĐLĐ <script> về Nghị quyết 06/NQ-CP"  # the title, tag and all, is text
    assert lines[1:7] == [*HEADER_LEFT, *HEADER_RIGHT]  # each cell of the layout table stays a block
    assert lines[7] == BODY[0]
    # inline links and source line breaks do not break the paragraph; the entity &#8209; is U+2011
    assert lines[8] == BODY[1].replace("06/NQ-CP của", "06/NQ\u2011CP của")
    assert lines[9] == BODY[2]  # &#7879; and &#x1EE5; decoded
    assert lines[10] == "1. Thông tin, tuyên truyền & phổ biến."  # after <br>
    assert lines[11:13] == ["- LĐLĐ các huyện, thành phố;", "- Công đoàn ngành."]  # <ul> items
    assert lines[13:15] == ["STT | Đối tượng | Mức trợ giúp", "1 | Trẻ em mồ côi | 270.000\u00a0đồng"]
    assert lines[15] == "hưởng chính sách trợ giúp xã hội;"  # TCVN3 words repaired
    for chrome in ("Đăng nhập", "Trang chủ", "quảng cáo", "JavaScript", "Bản quyền", "Nội dung ẩn", "margin"):
        assert chrome not in text


def test_html_in_windows_1258_declared_by_meta() -> None:
    assert read_text(FIXTURES / "letter-1258.htm") == "\n".join(BODY)


def test_html_without_markup_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(SENTENCE, encoding="utf-8")
    assert read_text(path) == SENTENCE


# --- PDF ---------------------------------------------------------------------------------------------------


def test_pdf_text_layer_in_reading_order() -> None:
    text = read_text(FIXTURES / "letter.pdf")
    first_page, second_page = text.split("\n\n")
    lines = first_page.split("\n")
    assert lines[:6] == [*HEADER_LEFT, *HEADER_RIGHT]
    # Justified paragraphs come back line by line, every word and diacritic in place, no doubled spaces.
    assert " ".join(lines[6:]).split() == " ".join(BODY).split()
    assert "  " not in text
    # The second page was set in decomposed Unicode; it comes back composed (NFC).
    assert second_page.split("\n")[-3:] == SIGNATURE
    assert " ".join(second_page.split("\n")[:-3]) == DECOMPOSED
    assert unicodedata.is_normalized("NFC", text)


def test_pdf_with_only_an_owner_password_reads(tmp_path: Path) -> None:
    path = tmp_path / "owner.pdf"
    path.write_bytes(_encrypted(user_password="", algorithm="AES-256"))
    assert read_text(path) == read_text(FIXTURES / "letter.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_with_a_user_password_is_refused(tmp_path: Path, algorithm: str) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(_encrypted(user_password="mat-khau", algorithm=algorithm))
    error = read_error(path)
    assert error.code == "pdf_encrypted"
    assert "password" in error.message


def _encrypted(*, user_password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "letter.pdf"))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(72, 72, 400, 600, fill=1)  # stands for the scanned image
    page.showPage()
    page.save()
    assert read_error(path).code == "pdf_no_text"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(lambda pdf: pdf[: len(pdf) // 2], "incomplete", id="truncated"),
        pytest.param(lambda pdf: b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "PNG image", id="PNG named .pdf"),
        pytest.param(lambda pdf: b"%PDF-1.4\n" + b"not a pdf " * 50 + b"\n%%EOF\n", "damaged", id="garbage"),
    ],
)
def test_broken_pdf(tmp_path: Path, content, says: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qd.pdf"
    path.write_bytes(content((FIXTURES / "letter.pdf").read_bytes()))
    error = read_error(path)
    assert error.code == "pdf_broken"
    assert says in error.message


# --- DOCX --------------------------------------------------------------------------------------------------


def test_docx_body_in_document_order() -> None:
    lines = read_text(FIXTURES / "letter.docx").split("\n")
    assert lines[:6] == [*HEADER_LEFT, *HEADER_RIGHT]  # the heading table, each cell a block, in place
    # The footnote marker stays where it stood; deleted revisions are gone, inserted ones and links kept.
    assert lines[6] == BODY[0].replace("2015;", "2015[1];")
    assert lines[7] == BODY[1]
    assert lines[8:14] == [
        TCVN3_SENTENCE,  # paragraph style in .VnTime: TCVN3 converted
        "QUYẾT ĐỊNH",  # .VnTimeH, the capitals font
        VNI_SENTENCE,  # VNI-Times
        "Việt Nam",  # typed in Unicode despite a .VnTime font: left alone
        "Điều 1.\tPhạm vi điều chỉnh",
        "Dòng 2",  # after <w:br/>
    ]
    assert lines[14:16] == ["STT | Đối tượng", "1 | Trẻ em mồ côi"]  # a data table: one line per row
    assert lines[16:18] == ["Nơi nhận:", "- Như trên;"]  # text box once (its VML fallback copy ignored)
    assert lines[18:21] == SIGNATURE
    assert lines[21:] == ["", f"[1] {FOOTNOTE}"]


def test_docx_that_would_unpack_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "_MAX_UNPACKED_BYTES", 1000)
    path = tmp_path / "bom.docx"
    path.write_bytes((FIXTURES / "letter.docx").read_bytes())
    assert read_error(path).code == "too_large"


def test_docx_without_any_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(docx_bytes(_document_xml("<w:p/>")))
    assert read_error(path).code == "empty"


def _document_xml(body: str) -> str:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"PK\x03\x04 broken zip" * 10, "not a valid Word document", id="broken zip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "old Word .doc", id=".doc renamed"),
        pytest.param(None, "not a valid Word document", id="zip without a document"),
        pytest.param(b"", None, id="truncated docx"),
    ],
)
def test_broken_docx(tmp_path: Path, content: bytes | None, says: str | None) -> None:
    path = tmp_path / "qd.docx"
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("hello.txt", "xin chào")
        content = buffer.getvalue()
    elif not content:
        whole = (FIXTURES / "letter.docx").read_bytes()
        content = whole[: len(whole) // 2]
    path.write_bytes(content)
    error = read_error(path)
    assert error.code == "docx_broken"
    if says:
        assert says in error.message


# --- errors common to every format -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "khong-co.txt").code == "not_found"


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "qd.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    error = read_error(path)
    assert error.code == "unsupported_format"
    assert ".doc" in error.message


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"rong{suffix}"
    path.write_bytes(b"")
    assert read_error(path).code == "empty"


@pytest.mark.parametrize("content", [b"  \n\t\r\n  ", "\ufeff \n".encode("utf-16")])
def test_whitespace_only_text(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "trang.txt"
    path.write_bytes(content)
    assert read_error(path).code == "empty"


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    error = read_error(path)
    assert error.code == "binary"
    assert "PNG image" in error.message


def test_a_text_file_with_many_nul_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "hong.md"
    path.write_bytes(SENTENCE.encode("utf-8") + b"\x00\x01\x02" + SENTENCE.encode("utf-8") * 3)
    assert read_error(path).code == "binary"


def test_a_few_stray_nul_bytes_are_read_as_spaces(tmp_path: Path) -> None:
    # Official Gazette text: the PDF's bullets come out as NUL bytes, 2 in 90 KB.
    body = ("Tổ chức thi nghiệp vụ chuyên môn về đấu thầu; " * 40 + "\n").encode("utf-8")
    path = tmp_path / "cong-bao.txt"
    path.write_bytes(body * 10 + b"\x00 Ti\xe1\xba\xbfp nh\xe1\xba\xadn, ki\xe1\xbb\x83m tra" + body)
    text = read_text(path)
    assert "\x00" not in text and "  Tiếp nhận, kiểm tra" in text


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lon.pdf"
    with path.open("wb") as handle:  # sparse: 21 MiB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    monkeypatch.setattr(Path, "open", _never_opened)
    error = read_error(path)
    assert error.code == "too_large"
    assert "21.0 MB" in error.message
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def _never_opened(*args: object, **kwargs: object) -> None:
    raise AssertionError("a file over the limit must not be opened")


def test_max_bytes_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(LETTER_TEXT, encoding="utf-8")
    assert read_error(path, max_bytes=100).code == "too_large"
    assert read_text(path, max_bytes=10_000) == LETTER_TEXT


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "khoa.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    try:
        error = read_error(path)
    finally:
        path.chmod(0o644)
    assert error.code == "unreadable"
    assert "permission" in error.message


def test_permission_denied_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as test_unreadable_file, for when tests run as root.
    path = tmp_path / "khoa.txt"
    path.write_text(SENTENCE, encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    error = read_error(path)
    assert error.code == "unreadable"
    assert "permission" in error.message


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "van-ban"
    folder.mkdir()
    error = read_error(folder)
    assert error.code == "unreadable"
    assert "folder" in error.message


def test_nothing_but_read_error_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(data: bytes, name: str, limits: readers.ReadLimits) -> str:
        raise RuntimeError("bug")

    monkeypatch.setitem(readers._READERS, ".txt", crash)
    path = tmp_path / "cv.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    error = read_error(path)
    assert error.code == "read_error"
    assert "RuntimeError" in error.message


# --- the file walk -----------------------------------------------------------------------------------------


def test_folders_are_walked_sorted_keeping_documents_only(tmp_path: Path) -> None:
    for name in [
        "b.txt", "a.PDF", "a.gold.json", "ghi-chu.doc", ".an.txt", "~$van-ban.docx",
        "sub/c.html", "sub/d.md", "sub/e.htm", "sub/f.docx", "sub/anh.png", ".git/x.txt",
    ]:  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a.PDF", "b.txt", "sub/c.html", "sub/d.md", "sub/e.htm", "sub/f.docx"]


def test_files_and_missing_paths_are_given_back_as_they_are(tmp_path: Path) -> None:
    odd = tmp_path / "ghi-chu.doc"
    odd.write_bytes(b"x")
    missing = tmp_path / "khong-co" / "qd.txt"
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "z.txt").write_text("x", encoding="utf-8")
    assert list(iter_input_files([odd, missing, folder])) == [odd, missing, folder / "z.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_folder_that_cannot_be_listed_is_given_back(tmp_path: Path) -> None:
    locked = tmp_path / "khoa"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert list(iter_input_files([tmp_path])) == [locked]
        assert read_error(locked).code == "unreadable"
    finally:
        locked.chmod(0o755)


def test_a_mixed_folder_reads_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "1-cv.txt").write_text(LETTER_TEXT, encoding="utf-8")
    (tmp_path / "2-rong.md").write_bytes(b"")
    (tmp_path / "3-anh.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "4-qd.docx").write_bytes((FIXTURES / "letter.docx").read_bytes())
    outcomes = []
    for path in iter_input_files([tmp_path]):
        try:
            outcomes.append(read_text(path).split("\n")[0])
        except ReadError as error:
            outcomes.append(error.code)
    assert outcomes == [LETTER[0], "empty", "pdf_broken", HEADER_LEFT[0]]
