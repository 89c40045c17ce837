"""Names on the notebooks' charts (graph/labels.py short_label, display_name): cut with an ellipsis at a word,
never through the number or the year that tell documents apart; a document with no number or name by what is
known of it, never by its id."""

from __future__ import annotations

from graph import Document
from graph.labels import display_name, short_label


def doc(doc_id: str, **fields: str) -> Document:
    return Document(id=doc_id, placeholder=False, **fields)


LAW_80 = doc(
    "vn/qh13/2015/80-2015-qh13", number="80/2015/QH13", title="Luật Ban hành văn bản quy phạm pháp luật"
)


def test_a_long_law_keeps_its_number_whole_after_an_ellipsis() -> None:
    label = short_label(LAW_80, 42)
    assert label.endswith("… 80/2015/QH13") and len(label) <= 42
    assert label.startswith("Luật Ban hành văn bản")
    head = label.split("…")[0]
    title = "Luật Ban hành văn bản quy phạm pháp luật"
    assert title.startswith(head) and title[len(head)] == " "  # cut between syllables, never inside one


def test_a_law_named_with_its_year_keeps_the_year() -> None:
    land = doc(
        "vn/named/2013/luat-to-chuc-chinh-quyen-dia-phuong",
        title="Luật Tổ chức chính quyền địa phương",
        year="2015",
    )
    assert short_label(land, 30).endswith("… 2015")


def test_a_short_label_is_left_as_it_is() -> None:
    resolution = doc("vn/cp/2023/06-nq-cp", number="06/NQ-CP", doc_type="Nghị quyết")
    assert short_label(resolution) == "Nghị quyết 06/NQ-CP"


def test_a_long_name_without_number_or_year_ends_in_an_ellipsis() -> None:
    plan = doc(
        "vn/x/1", subject="Kế hoạch triển khai thực hiện Đề án phát triển thị trường lao động linh hoạt"
    )
    label = short_label(plan, 40)
    assert label.endswith("…") and len(label) <= 40


def test_a_document_known_only_by_its_id_is_named_by_what_is_known() -> None:
    bare = doc(
        "vn/ha-tinh/ubnd/2020/x", doc_type="Quyết định", issuer="UBND tỉnh Hà Tĩnh", issue_date="2020-05-04"
    )
    assert display_name(bare) == "Quyết định, UBND tỉnh Hà Tĩnh, 2020-05-04"
    assert "vn/" not in short_label(bare)
