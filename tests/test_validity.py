"""A document's own entry into force and expiry, read from its text (`ingest/validity.py`)."""

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.validity import read_validity

ISSUED = "2025-03-10"


@pytest.mark.parametrize(
    ("sentence", "effective"),
    [
        ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", ISSUED),
        ("Quyết định có hiệu lực thi hành kể từ ngày ký ban hành.", ISSUED),
        ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.", "2025-07-01"),
        ("1. Thông tư này có hiệu lực kể từ ngày 01/7/2025.", "2025-07-01"),
        ("Nghị định này có hiệu lực thi hành sau 45 ngày kể từ ngày ký ban hành.", "2025-04-24"),
        ("Nghị quyết này có hiệu lực thi hành kể từ ngày được thông qua.", ISSUED),
        ("Nghị quyết này được Hội đồng nhân dân tỉnh khóa X thông qua và có hiệu lực từ ngày 20/3/2025.",
         "2025-03-20"),
        ("Nghị quyết này có hiệu lực kể từ ngày công bố.", None),  # a date the text does not give
    ],
)  # fmt: skip
def test_the_documents_own_effect_sentence_dates_its_entry_into_force(
    sentence: str, effective: str | None
) -> None:
    validity = read_validity(f"Điều 1. Ban hành kèm theo …\n{sentence}\n", ISSUED, None)
    assert validity.effective_date == effective
    assert validity.effective_text and "hiệu lực" in validity.effective_text


@pytest.mark.parametrize(
    "text",
    [
        # A letter reporting another document's entry into force.
        "Nghị định số 181/2025/NĐ-CP của Chính phủ có hiệu lực kể từ ngày 01 tháng 7 năm 2025.",
        # A consolidated text quoting an amending circular's own effect article.
        "Điều 2 của Thông tư số 08/2023/TT-BLĐTBXH quy định như sau:\n“1. Thông tư này có hiệu lực thi hành kể từ"
        " ngày 12 tháng 10 năm 2023.”",
        # Another law named inside the sentence, without "này".
        "Căn cứ Luật Thuế thu nhập cá nhân có hiệu lực từ ngày 01/7/2026;",
    ],
)
def test_another_documents_entry_into_force_is_not_this_ones(text: str) -> None:
    assert read_validity(text, ISSUED, None).effective_date is None


def test_expiry_written_in_the_text_or_in_a_plans_period() -> None:
    text = "Nghị quyết này có hiệu lực từ ngày 18/11/2025 và hết hiệu lực vào ngày 31 tháng 12 năm 2025."
    assert read_validity(text, ISSUED, None).expiry_date == "2025-12-31"
    plan = read_validity("Kế hoạch này …", ISSUED, "Kế hoạch phát triển hạ tầng số giai đoạn 2021 – 2025")
    assert plan.expiry_date == "2025-12-31"
    # "đến năm 2030" is the horizon of a programme, not the end of its force.
    assert read_validity("…", ISSUED, "Chương trình chuyển đổi số đến năm 2030").expiry_date is None
    # A transition period that starts with this document's effect is not its expiry (Nghị định 99/2022/NĐ-CP).
    transition = (
        "2. Kể từ ngày Nghị định này có hiệu lực thi hành đến ngày 31 tháng 12 năm 2023, việc trao đổi thông tin về"
        " đăng ký biện pháp bảo đảm thực hiện theo quy định tại Điều 63 Nghị định số 102/2017/NĐ-CP."
    )
    assert read_validity(transition, ISSUED, None).expiry_date is None


def test_extraction_carries_validity_and_the_parts_a_repeal_touches() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 79/2025/QĐ-UBND\nHà Tĩnh, ngày 25 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n"
        "Bãi bỏ một số quyết định\n\nĐiều 1. Bãi bỏ Điều 5 của Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của"
        " UBND tỉnh Hà Tĩnh.\nĐiều 2. Quyết định này thay thế Quyết định số 08/2022/QĐ-UBND ngày 01/4/2022 của"
        " UBND tỉnh Hà Tĩnh.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày 05 tháng 12 năm 2025.\n"
    )
    extraction = extract_text(text)
    assert extraction.document is not None
    assert extraction.document.effective_date == "2025-12-05"
    by_key = {c.key: c for c in extraction.citations}
    assert by_key["12/2020/QĐ-UBND"].relation == "repeals"
    assert by_key["12/2020/QĐ-UBND"].parts == ["Điều 5"]
    assert by_key["08/2022/QĐ-UBND"].relation == "replaces"
    assert by_key["08/2022/QĐ-UBND"].parts is None  # the whole of it


def test_an_amending_article_lists_the_parts_it_changes() -> None:
    text = (
        "QUỐC HỘI\nLuật số: 47/2019/QH14\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT TỔ CHỨC CHÍNH PHỦ\n"
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ số 76/2015/QH13\n"
        "1. Sửa đổi, bổ sung một số khoản của Điều 23 như sau:\n"
        "a) Sửa đổi, bổ sung khoản 3 và khoản 4 như sau:\n“3. Quyết định … theo Điều 5 của Luật này;”\n"
        "b) Bổ sung khoản 9 như sau: “9. …”\n"
        "2. Sửa đổi, bổ sung điểm b, điểm đ khoản 2 và khoản 10 Điều 28 như sau:\n"
        "3. Bổ sung khoản 1a vào Điều 7 như sau:\n"
        "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2020.\n"
    )
    citation = next(c for c in extract_text(text).citations if c.key == "76/2015/QH13")
    assert citation.relation == "amends"
    assert citation.parts == [
        "khoản 3 và khoản 4 Điều 23",  # sub-items of the article their umbrella item names
        "khoản 9 Điều 23",
        "điểm b, điểm đ khoản 2 và khoản 10 Điều 28",
        "khoản 1a Điều 7",
    ]


def test_an_amendment_without_listed_parts_is_partial() -> None:
    text = "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của UBND tỉnh.\n"
    citation = next(c for c in extract_text(text).citations if c.key == "12/2020/QĐ-UBND")
    assert citation.relation == "amends" and citation.parts == ["một số điều"]
