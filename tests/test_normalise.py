"""Normalisation: the stored text keeps every word and undoes the damage of PDF and web copies."""

from ingest.normalise import footnotes_in, normalise, unify_characters

SEED_PDF = (
    "Thực hiện kết luận của Thủ tướng Chính phủ tại Hội nghị đánh giá kết quả \n"
    "\n"
    "thực hiện Quy chế về mối quan hệ công tác giữa Chính phủ với Tổng Liên đoàn \n"
    "Lao động Việt Nam1; xét báo cáo, đề nghị của Sở Lao động - Thương binh và Xã \n"
    "hội tại Văn bản số  2130/UBND-KGVX ngày 18 tháng 6 năm 2024,  \n"
    "\n"
    "Ủy ban nhân dân tỉnh yêu cầu: \n"
    "\n"
    "3. Bảo hiểm xã hội tỉnh: Tăng cường công tác thanh tra, kiểm tra việc chấp \n"
    "\n"
    "hành các quy định pháp luật về đóng bảo hiểm2 tại các tổ chức. Đồng thời, rà soát \n"
    "\n"
    "                                                           \n"
    "1 Tại Thông báo số 249/TB-VPCP ngày 31 tháng 5 năm 2024 của Văn phòng Chính phủ. \n"
    "2 Bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp. \n"
    " danh sách người lao động bị chậm đóng bảo hiểm xã hội do doanh nghiệp giải thể, \n"
    "\n"
    "phá sản.\n"
)


def test_lines_broken_inside_a_sentence_are_joined_even_across_blank_lines():
    text = normalise(SEED_PDF).text
    assert "Hội nghị đánh giá kết quả thực hiện Quy chế về mối quan hệ" in text
    assert "Sở Lao động - Thương binh và Xã hội tại Văn bản số 2130/UBND-KGVX" in text


def test_a_sentence_cut_by_a_page_break_and_its_footnotes_is_rejoined():
    text = normalise(SEED_PDF).text
    assert "Đồng thời, rà soát danh sách người lao động bị chậm đóng" in text


def test_footnote_markers_glued_to_words_become_markers_and_bodies_move_to_the_end():
    result = normalise(SEED_PDF)
    assert "Lao động Việt Nam[^1]; xét báo cáo" in result.text
    assert "đóng bảo hiểm[^2] tại" in result.text
    assert result.text.endswith(
        "[^1]: Tại Thông báo số 249/TB-VPCP ngày 31 tháng 5 năm 2024 của Văn phòng Chính phủ.\n"
        "[^2]: Bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp."
    )
    first = result.footnotes[0]
    assert result.text[first.marker : first.marker + 4] == "[^1]"
    assert result.text[first.start : first.end].startswith("Tại Thông báo số 249/TB-VPCP")
    assert footnotes_in(result.text) == result.footnotes


def test_numbered_list_items_and_headings_keep_their_own_lines():
    raw = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ Luật Đất đai\nngày 18 tháng 01 năm 2024;\nQUYẾT ĐỊNH:\nĐiều 1. Phạm vi"
    lines = normalise(raw).text.split("\n")
    assert lines == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Phạm vi",
    ]


def test_markdown_markup_and_table_residue_are_removed():
    raw = "**TM. BAN THƯỜNG VỤ**  \n|\n*V/v thực hiện Nghị quyết số 06/NQ-CP*\n**Kính gửi: **Ủy ban nhân dân phường"
    assert (
        normalise(raw).text
        == "TM. BAN THƯỜNG VỤ\nV/v thực hiện Nghị quyết số 06/NQ-CP\nKính gửi: Ủy ban nhân dân phường"
    )


def test_look_alike_characters_are_unified():
    assert unify_characters("Nghị định 39/2003/NÐ\u2013CP\u00a0ngày") == "Nghị định 39/2003/NĐ-CP ngày"
    assert unify_characters("Hoa\u0300") == "Hoà"  # NFC


def test_phone_numbers_and_numbers_without_a_footnote_body_are_left_alone():
    raw = "liên hệ qua số điện thoại 3.877.526.\nKhí thải CO2 giảm."
    assert normalise(raw).text == raw


KE_HOACH = (
    "KẾ HOẠCH\n"
    "Thực hiện Chỉ thị số 05-CT/TU ngày 10/02/2023 của Ban Thường vụ Tỉnh ủy về tăng cường công tác\n"
    "phòng cháy, chữa cháy\n"
    "\n"
    "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:\n"
)


def test_the_title_under_a_type_heading_ends_at_the_blank_line_before_the_body():
    assert normalise(KE_HOACH).text.split("\n")[1:] == [
        "Thực hiện Chỉ thị số 05-CT/TU ngày 10/02/2023 của Ban Thường vụ Tỉnh ủy về tăng cường công tác "
        "phòng cháy, chữa cháy",
        "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:",
    ]


def test_a_text_that_spaces_every_line_still_ends_the_title_at_a_body_formula():
    # Every line is followed by a blank line: blank lines say nothing, but "Thực hiện" opens the body.
    raw = "KẾ HOẠCH\n\nTổ chức “Tết Sum vầy” năm 2022\n\nThực hiện Kế hoạch số 168/KH-LĐLĐ, Ban Thường vụ\n\ntriển khai.\n"
    assert normalise(raw).text.split("\n") == [
        "KẾ HOẠCH",
        "Tổ chức “Tết Sum vầy” năm 2022",
        "Thực hiện Kế hoạch số 168/KH-LĐLĐ, Ban Thường vụ triển khai.",
    ]


def test_a_vv_line_does_not_run_on_into_the_body():
    raw = "Số: 321/PGDĐT\nV/v tổ chức hội thi giáo viên dạy giỏi\n\nThực hiện chương trình công tác năm 2024,"
    assert normalise(raw).text.split("\n")[1] == "V/v tổ chức hội thi giáo viên dạy giỏi"
