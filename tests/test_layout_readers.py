"""The reading order of the two-column layouts of real documents (Nghị định 30/2020/NĐ-CP): PDF text boxes
read band by band and column by column, portal chrome named by id or class left out of web pages, Word tables
read cell by cell once each, and columns typed with tabs read as a table is."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from ingest.normalise import normalise, split_tab_columns
from ingest.readers import _read_docx, _read_html, _TextBox, read_text, reading_order

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# --- PDF: bands and columns ------------------------------------------------------------------------------


def box(x0: float, y0: float, x1: float, y1: float, text: str) -> _TextBox:
    return _TextBox(x0, y0, x1, y1, text)


def texts(boxes: list[_TextBox]) -> list[str]:
    return [b.text for b in reading_order(boxes)]


def test_header_cells_are_read_left_cell_first() -> None:
    # The right cell starts higher (the Quốc hiệu) but ends higher too: sorted by bottom edge, pdfminer puts it
    # first; by bands and columns the issuer's cell comes first, as in the table.
    issuer = box(70, 700, 250, 780, "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 641/QĐ-UBND")
    quoc_hieu = box(
        290, 720, 540, 782, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBắc Giang, ngày 02 tháng 12 năm 2013"
    )
    heading = box(250, 660, 340, 675, "QUYẾT ĐỊNH")
    assert texts([quoc_hieu, heading, issuer]) == [issuer.text, quoc_hieu.text, heading.text]


def test_signer_name_under_the_signature_space_stays_with_its_title() -> None:
    # The "Nơi nhận" list runs lower than the title; the name, below the blank for the signature, too.
    body = box(70, 560, 540, 600, "Đề nghị các cơ quan, đơn vị khẩn trương triển khai, thực hiện./.")
    distribution = box(70, 400, 260, 530, "Nơi nhận:\n- Như trên;\n- Lưu: VT, (VX/KN).")
    title = box(330, 495, 500, 530, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    name = box(335, 410, 495, 425, "Nguyễn Mạnh Cường")
    assert texts([body, title, distribution, name]) == [body.text, distribution.text, title.text, name.text]


def test_a_signature_typed_with_tabs_is_one_block_over_several_bands() -> None:
    # Without a table the list breaks into boxes around the right-hand lines; the bands continue the same
    # columns and are read as one.
    list_top = box(70, 470, 250, 530, "Nơi nhận:\n- Như Kính gửi;\n- Ban Dân vận Tỉnh ủy;")
    title = box(330, 500, 500, 530, "TM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH")
    list_end = box(70, 420, 250, 460, "- Lãnh đạo, các Ban LĐLĐ tỉnh;\n- Lưu: VT, CSPL & QHLD.")
    name = box(340, 445, 490, 460, "Hoàng Văn Trinh")
    assert texts([title, list_top, name, list_end]) == [list_top.text, list_end.text, title.text, name.text]


def test_a_data_table_is_read_row_by_row() -> None:
    rows = [("STT", "Văn bản"), ("1", "Quyết định số 924/QĐ-TTg"), ("2", "Thông tư 05/2022/TT-BNNPTNT")]
    boxes = [
        box(x, 600 - 20 * k, x + 150, 612 - 20 * k, cell)
        for k, row in enumerate(rows)
        for x, cell in zip((70, 250), row, strict=True)
    ]
    assert texts(boxes) == [cell for row in rows for cell in row]


def test_body_paragraphs_keep_their_order() -> None:
    paragraphs = [box(70, 700 - 40 * k, 540, 730 - 40 * k, f"Điều {k + 1}. Nội dung.") for k in range(4)]
    indented = box(100, 500, 540, 530, "a) Một điểm thụt lề.")
    assert texts([*reversed(paragraphs), indented]) == [*(p.text for p in paragraphs), indented.text]


def test_libreoffice_pdf_signature_reads_title_then_name() -> None:
    lines = lines_of(read_text(LAYOUTS / "cv-4240-ubnd-hcm-2025--pdf.pdf"))
    title = lines.index("PHÓ CHỦ TỊCH")
    assert lines[title - 1 : title + 2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Mạnh Cường"]
    assert lines.index("Nơi nhận:") < title - 1


# --- HTML: portal chrome ----------------------------------------------------------------------------------

PORTAL = """<html><head><meta charset="utf-8"><title>Công văn 1127/LĐLĐ</title></head><body>
<div id="menu"><ul><li><a href="/">Trang chủ</a></li><li>Đăng nhập</li></ul></div>
<div class="breadcrumb">Trang chủ &gt; Văn bản &gt; Công văn</div>
<div class="doc-header"><table><tr><td><p>LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU</p><p>Số: 1127/LĐLĐ</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p><u>Độc lập - Tự do - Hạnh phúc</u></p></td></tr></table></div>
<div class="content1"><p>Thực hiện công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn
Lao động Việt Nam.</p></div>
<div class="box-related-docs"><a>Nghị quyết 06/NQ-CP về phát triển thị trường lao động</a></div>
<div id="footer"><p>Giấy phép số: 27/GP-TTĐT, do Sở TTTT Hà Nội cấp ngày 15/06/2022.</p></div>
</body></html>"""


def test_portal_menus_related_lists_and_footers_are_left_out() -> None:
    text = _read_html(PORTAL.encode(), "portal.html")
    assert "Đăng nhập" not in text and "Trang chủ" not in text
    assert "27/GP-TTĐT" not in text  # a site's licence is no citation of the document
    assert "06/NQ-CP" not in text  # nor its list of related documents
    assert "5890/TLĐ-CSPL" in text


def test_a_box_named_header_that_holds_the_document_is_kept() -> None:
    lines = lines_of(_read_html(PORTAL.encode(), "portal.html"))
    assert lines[1:5] == [
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU",
        "Số: 1127/LĐLĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


def test_chrome_names_inside_the_article_belong_to_the_document() -> None:
    page = '<html><body><article><div class="footer">Nơi nhận: - Như trên;</div></article></body></html>'
    assert _read_html(page.encode(), "a.html") == "Nơi nhận: - Như trên;"


@pytest.mark.parametrize(("name", "kept"), [("headerless", True), ("content1", True), ("top-menu", False)])
def test_chrome_is_named_by_whole_words(name: str, kept: bool) -> None:
    sentence = "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;"
    page = f'<html><body><div class="{name}">{sentence}</div><p>Điều 1.</p></body></html>'
    assert (sentence in _read_html(page.encode(), "a.html")) is kept


# --- DOCX: tables -----------------------------------------------------------------------------------------


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_nested_header_table_is_read_once_cell_by_cell() -> None:
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).rows[0].cells[0]
    header = frame.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 383/KH-UBND"
    header.cell(1, 1).text = "Tiền Giang, ngày 07 tháng 12 năm 2022"
    document.add_paragraph("KẾ HOẠCH")
    assert lines_of(_read_docx(docx_bytes(document), "kh.docx")) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH TIỀN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 383/KH-UBND | Tiền Giang, ngày 07 tháng 12 năm 2022",
        "KẾ HOẠCH",
    ]


def test_word_header_with_a_drawn_rule_reads_as_typed() -> None:
    # The rule under the issuer is a line shape (DrawingML with a VML fallback): no text, no copy.
    lines = lines_of(read_text(LAYOUTS / "cv-4240-ubnd-hcm-2025--docx.docx"))
    assert lines[:7] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 4240/UBND-VX",
        "V/v khẩn trương hoàn thành cập nhật, đồng bộ cơ sở dữ liệu cán bộ, công chức, viên chức",
        "Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025",
    ]
    assert lines.count("Nguyễn Mạnh Cường") == 1


# --- columns typed with tabs ------------------------------------------------------------------------------

TABBED_SIGNATURE = (
    "Ban Thường vụ LĐLĐ tỉnh đề nghị các đơn vị nghiêm túc triển khai thực hiện.\n"
    "Nơi nhận:\tTM. BAN THƯỜNG VỤ\n"
    "- Như Kính gửi;\tPHÓ CHỦ TỊCH\n"
    "- Ban QHLD TLĐ;\n"
    "- VP UBND tỉnh;\n"
    "\n"
    "- Lãnh đạo, các Ban LĐLĐ tỉnh;\tHoàng Văn Trinh\n"
    "- Lưu: VT, CSPL & QHLD.\n"
    "PHỤ LỤC"
)


def test_a_signature_typed_with_tabs_reads_list_then_signature() -> None:
    assert split_tab_columns(TABBED_SIGNATURE).split("\n") == [
        "Ban Thường vụ LĐLĐ tỉnh đề nghị các đơn vị nghiêm túc triển khai thực hiện.",
        "Nơi nhận:",
        "- Như Kính gửi;",
        "- Ban QHLD TLĐ;",
        "- VP UBND tỉnh;",
        "- Lãnh đạo, các Ban LĐLĐ tỉnh;",
        "- Lưu: VT, CSPL & QHLD.",
        "TM. BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH",
        "Hoàng Văn Trinh",
        "PHỤ LỤC",
    ]


def test_a_header_typed_with_tabs_reads_issuer_column_then_quoc_hieu() -> None:
    header = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH LAI CHÂU\t\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 123/UBND-VX\tLai Châu, ngày 03 tháng 02 năm 2023\n"
        "V/v triển khai Nghị quyết số 06/NQ-CP"
    )
    assert normalise(header).text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "Số: 123/UBND-VX",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lai Châu, ngày 03 tháng 02 năm 2023",
        "V/v triển khai Nghị quyết số 06/NQ-CP",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1.\tMục đích\n2.\tYêu cầu\na)\tPhát triển hạ tầng viễn thông",  # list items after their marker
        "Họ và tên:\tNguyễn Văn A\nĐịa chỉ:\tLai Châu",  # a form's fields: no header or signature
        "\tThực hiện công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn Lao động Việt "
        "Nam về việc thực hiện Nghị quyết số 06/NQ-CP.\tTM. BAN THƯỜNG VỤ\nNơi nhận:\tPHÓ CHỦ TỊCH",
    ],
)
def test_other_tabs_are_left_alone(text: str) -> None:
    assert split_tab_columns(text) == text
