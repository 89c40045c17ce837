"""Document identity and citation resolution, as specifications: how a document is named, what a citation says
about the document it means, and which rule picks it (graph/identity.py, graph/resolve.py, ingest/identity.py)."""

from __future__ import annotations

import pytest

from graph.identity import CitingContext, identify, reference_from_citation, reference_from_text
from graph.resolve import (
    ALIAS,
    AMBIGUOUS,
    EXACT,
    LATEST_AMONG,
    LATEST_ONLY,
    UNBOUNDED_ONLY,
    UNRESOLVED,
    Candidate,
    resolve,
)
from ingest.identity import document_id, parse_symbol, province_of
from ingest.models import Citation, DocumentMeta

LAI_CHAU_2023 = CitingContext("vn/lai-chau/ldld/2023/1127-ldld", "2023-02-03", "lai-chau")


# --- ids ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "issuer", "date", "expected"),
    [
        ("06/NQ-CP", "Chính phủ", "2023-01-10", "vn/cp/2023/06-nq-cp"),
        ("39/2003/NĐ-CP", "Chính phủ", None, "vn/cp/2003/39-2003-nd-cp"),  # the number's year
        ("1127/LĐLĐ", "Liên đoàn Lao động tỉnh Lai Châu", "2023-02-03", "vn/lai-chau/ldld/2023/1127-ldld"),
        ("1127/LĐLĐ", "Liên đoàn Lao động tỉnh Thanh Hóa", "2023-05-12", "vn/thanh-hoa/ldld/2023/1127-ldld"),
        # the issuer is the ministry, not its department; the Prime Minister's directive is not local
        ("10989/BNV-TCBC", "Bộ Nội vụ", "2025-11-21", "vn/bnv/2025/10989-bnv-tcbc"),
        ("06/CT-TTg", "Thủ tướng Chính phủ", "2015-04-21", "vn/ttg/2015/06-ct-ttg"),
        ("08/CT-UBND", "Ủy ban nhân dân tỉnh Quảng Bình", "2015-05-25", "vn/quang-binh/ubnd/2015/08-ct-ubnd"),
        ("37-NQ/TW", "Bộ Chính trị", "2018-12-24", "vn/tw/2018/37-nq-tw"),  # Party numbering
        (
            "1961/QĐUBND",
            "Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang",
            "2019-08-28",
            "vn/kien-giang/ubnd/2019/1961-qd-ubnd",
        ),
        (
            "711 / BHXH - CĐ",
            "Bảo hiểm xã hội Thành phố Hồ Chí Minh",
            "2016-03-17",
            "vn/ho-chi-minh/bhxh/2016/711-bhxh-cd",
        ),
        (
            "2130/UBND-KGVX",
            "Ủy ban nhân dân tỉnh",
            "2024-06-18",
            "vn/local/ubnd/2024/2130-ubnd-kgvx",
        ),  # no province
        # A district that names no province: its own scope, not one shared with every other district.
        (
            "47/KH-UBND",
            "Ủy ban nhân dân huyện Hoài Thành",
            "2010-01-02",
            "vn/huyen-hoai-thanh/ubnd/2010/47-kh-ubnd",
        ),
        ("47/KH-UBND", "ỦY BAN NHÂN DÂN HUYỆN THỌ PHƯỚC", "2010", "vn/huyen-tho-phuoc/ubnd/2010/47-kh-ubnd"),
        ("12/UBND", "UBND thị xã Sơn Tây", "2010", "vn/thi-xa-son-tay/ubnd/2010/12-ubnd"),
        # "Xã hội" is no commune, in capitals too; a name in capitals ends at the next level.
        ("711/BHXH-CĐ", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG BÌNH", "2016", "vn/quang-binh/bhxh/2016/711-bhxh-cd"),
        (
            "12/UBND",
            "UBND HUYỆN YÊN ĐỊNH TỈNH THANH HÓA",
            "2010",
            "vn/thanh-hoa/huyen-yen-dinh/ubnd/2010/12-ubnd",
        ),
        # A district of a named province: both.
        (
            "15/KH-UBND",
            "Ủy ban nhân dân huyện Yên Định, tỉnh Thanh Hóa",
            "2011",
            "vn/thanh-hoa/huyen-yen-dinh/ubnd/2011/15-kh-ubnd",
        ),
        ("06/NQ-CP", "Chính phủ", None, "vn/cp/undated/06-nq-cp"),
    ],
)
def test_document_id_is_issuer_scope_year_and_number(
    number: str, issuer: str, date: str | None, expected: str
) -> None:
    assert document_id(number, None, issuer, date) == expected


def test_number_less_documents_are_named_by_name_and_year() -> None:
    assert document_id(None, "Luật Đất đai", None, "2013-11-29") == "vn/named/2013/luat-dat-dai"
    # Abbreviations, tone placement, case and "và" do not make another law.
    assert document_id(None, "Luật Tổ chức HĐND và UBND", None, "2003") == document_id(
        None, "Luật tổ chức Hội đồng nhân dân, Uỷ ban nhân dân", None, "2003-11-26"
    )


@pytest.mark.parametrize(
    ("issuer", "province"),
    [
        ("Liên đoàn Lao động tỉnh tỉnh Lai Châu", "lai-chau"),
        ("Liên đoàn Lao động huyện Yên Định, tỉnh Thanh Hóa", "thanh-hoa"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "quang-binh"),
        ("UBND TP.HCM", "ho-chi-minh"),
        ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Ban Thường vụ Tỉnh ủy", None),
        ("UBND tỉnh", None),
        (None, None),
    ],
)
def test_province_of_an_issuer(issuer: str | None, province: str | None) -> None:
    assert province_of(issuer) == province


def test_symbol_parts() -> None:
    symbol = parse_symbol("4859/QCPH-UBND-LĐLĐ")
    assert (symbol.type_code, symbol.issuer_code, symbol.local) == ("QCPH", "UBND", True)
    assert parse_symbol("299/TTg").key == "299/TTG"
    assert not parse_symbol("1249a/CTPH-UBDT-BTP").local  # Ủy ban Dân tộc is a central body


def test_identity_of_an_ingested_document() -> None:
    law = identify(
        DocumentMeta(
            number="43/2024/QH15",
            doc_type="Luật",
            issuer="Quốc hội",
            issue_date="2024-06-29",
            subject="SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI SỐ 31/2024/QH15, LUẬT NHÀ Ở SỐ 27/2023/QH15",
        ),
        "/corpus/luat-43-2024-qh15.txt",
    )
    assert law.id == "vn/qh15/2024/43-2024-qh15"
    # A law is also found by its name, as other texts cite it: "Luật sửa đổi, bổ sung … Luật Đất đai, Luật Nhà ở".
    assert law.keys == {"n:43/2024/QH15", "t:luật sửa đổi bổ sung một số điều của luật đất đai luật nhà ở"}
    nameless = identify(
        DocumentMeta(doc_type="Công văn", issuer="Ủy ban nhân dân tỉnh"), "/x/seed-ubnd-ldld-quyche-2024.txt"
    )
    assert nameless.id.startswith("vn/file/seed-ubnd-ldld-quyche-2024-") and not nameless.keys
    elsewhere = identify(DocumentMeta(doc_type="Công văn"), "/y/seed-ubnd-ldld-quyche-2024.txt")
    assert elsewhere.id != nameless.id  # two files of one name in two folders are two documents


def test_number_less_documents_of_one_subject_are_told_apart_by_type_and_issuer() -> None:
    subject = "ĐẠI HỘI ĐẠI BIỂU PHỤ NỮ HUYỆN GIA LÂM LẦN THỨ XXI, NHIỆM KỲ 2021 - 2026"
    resolution = identify(
        DocumentMeta(doc_type="Nghị quyết", subject=subject, issue_date="2021-07-20"), "/a.txt"
    )
    rules = identify(DocumentMeta(doc_type="Quy chế", subject=subject, issue_date="2021-07-20"), "/b.txt")
    assert resolution.id != rules.id
    one = dict(doc_type="Báo cáo", subject="Kết quả công tác năm 2024", issue_date="2024-12-20")
    assert (
        identify(DocumentMeta(issuer="Sở Y tế tỉnh Lâm Đồng", **one), "/c.txt").id
        != identify(DocumentMeta(issuer="Sở Tài chính tỉnh Lâm Đồng", **one), "/d.txt").id
    )


# --- references -----------------------------------------------------------------------------------------------


def test_the_three_ways_of_citing_06_nq_cp_are_one_reference() -> None:
    refs = [
        reference_from_text(t)
        for t in ("Nghị quyết số 06/NQ-CP của Chính phủ", "Nghị quyết 06/NQ-CP", "NQ 06/NQ-CP")
    ]
    assert {r.key for r in refs if r} == {"n:06/NQ-CP"}
    assert {r.own_id() for r in refs if r} == {"vn/cp/undated/06-nq-cp"}


def test_a_name_with_a_year_in_the_key_format() -> None:
    ref = reference_from_text("Luật Đất đai 2013")
    assert ref is not None and (ref.key, ref.year, ref.own_id()) == (
        "t:luật đất đai",
        "2013",
        "vn/named/2013/luat-dat-dai",
    )


def test_a_local_number_takes_the_citing_documents_province_unless_it_names_one() -> None:
    cited = Citation(key="2130/UBND-KGVX", number="2130/UBND-KGVX", mention="Văn bản số 2130/UBND-KGVX", start=0, end=25,
                     evidence="…", confidence=0.75, date="2024-06-18")  # fmt: skip
    assert reference_from_citation(cited, LAI_CHAU_2023).own_id() == "vn/lai-chau/ubnd/2024/2130-ubnd-kgvx"
    elsewhere = cited.model_copy(update={"issuer": "UBND tỉnh Điện Biên"})
    assert reference_from_citation(elsewhere, LAI_CHAU_2023).province == "dien-bien"
    central = cited.model_copy(update={"key": "06/NQ-CP", "number": "06/NQ-CP", "date": None})
    assert reference_from_citation(central, LAI_CHAU_2023).province is None


# --- resolution rules (graph/resolve.py) ----------------------------------------------------------------------


def ref(text: str, context: CitingContext | None = LAI_CHAU_2023):  # type: ignore[no-untyped-def]
    reference = reference_from_text(text, context)
    assert reference is not None
    return reference


def candidate(doc_id: str, date: str, province: str | None = None, numbered: bool = True) -> Candidate:
    return Candidate(doc_id, date, date[:4], province, numbered, True)


NQ_2022 = candidate("vn/cp/2022/06-nq-cp", "2022-01-14")
NQ_2023 = candidate("vn/cp/2023/06-nq-cp", "2023-01-10")
NQ_2024 = candidate("vn/cp/2024/06-nq-cp", "2024-01-12")


def test_rule_exact_number_with_year() -> None:
    resolved = resolve(ref("Nghị quyết số 06/NQ-CP ngày 10/01/2023"), [NQ_2022])
    assert (resolved.target, resolved.resolution.method, resolved.resolution.confidence) == (
        "vn/cp/2023/06-nq-cp", "exact", EXACT)  # fmt: skip
    assert resolved.fixed


def test_rule_latest_before_the_citing_document() -> None:
    only = resolve(ref("Nghị quyết 06/NQ-CP"), [NQ_2023, NQ_2024])  # 2024 is after the letter of 2023-02-03
    assert (only.target, only.resolution.method, only.resolution.confidence) == (
        NQ_2023.id,
        "latest",
        LATEST_ONLY,
    )
    among = resolve(ref("Nghị quyết 06/NQ-CP"), [NQ_2022, NQ_2023])
    assert (among.target, among.resolution.confidence) == (NQ_2023.id, LATEST_AMONG)
    assert among.resolution.candidates == [NQ_2023.id, NQ_2022.id]
    assert not among.fixed


def test_rule_no_citing_date_takes_only_a_single_match() -> None:
    undated = CitingContext("vn/file/x", None, None)
    assert resolve(ref("06/NQ-CP", undated), [NQ_2023]).resolution.confidence == UNBOUNDED_ONLY
    two = resolve(ref("06/NQ-CP", undated), [NQ_2022, NQ_2023])
    assert (two.target, two.resolution.method, two.resolution.confidence) == (
        "vn/cp/undated/06-nq-cp",
        "ambiguous",
        AMBIGUOUS,
    )


def test_rule_nothing_matches_gives_the_placeholder() -> None:
    resolved = resolve(ref("Nghị quyết 06/NQ-CP"), [])
    assert (resolved.target, resolved.resolution.method, resolved.resolution.confidence) == (
        "vn/cp/undated/06-nq-cp", "unresolved", UNRESOLVED)  # fmt: skip


def test_rule_local_numbers_stay_in_their_province() -> None:
    lai_chau = candidate("vn/lai-chau/ldld/2023/1127-ldld", "2023-02-03", "lai-chau")
    thanh_hoa = candidate("vn/thanh-hoa/ldld/2023/1127-ldld", "2023-01-05", "thanh-hoa")
    later = CitingContext("vn/lai-chau/ldld/2023/1302-ldld", "2023-06-20", "lai-chau")
    assert resolve(ref("công văn số 1127/LĐLĐ", later), [lai_chau, thanh_hoa]).target == lai_chau.id
    nowhere = CitingContext("vn/file/x", "2023-06-20", None)
    unknown = resolve(ref("công văn số 1127/LĐLĐ", nowhere), [lai_chau, thanh_hoa])
    assert (unknown.target, unknown.resolution.method) == ("vn/local/ldld/undated/1127-ldld", "ambiguous")
    assert unknown.resolution.candidates == [lai_chau.id, thanh_hoa.id]


def test_rule_a_name_and_year_meet_the_numbered_law() -> None:
    numbered = candidate("vn/qh13/2013/45-2013-qh13", "2013")
    by_name = candidate("vn/named/2013/luat-dat-dai", "2013-11-29", numbered=False)
    resolved = resolve(ref("Luật Đất đai 2013"), [numbered, by_name])
    assert (resolved.target, resolved.resolution.method, resolved.resolution.confidence) == (
        numbered.id,
        "alias",
        ALIAS,
    )
    alone = resolve(ref("Luật Đất đai 2013"), [by_name])
    assert (alone.target, alone.resolution.method) == (by_name.id, "exact")


def test_rule_undated_name_prefers_the_numbered_law_of_the_latest_year() -> None:
    laws = [
        candidate("vn/qh13/2013/45-2013-qh13", "2013"),
        candidate("vn/named/2013/luat-dat-dai", "2013-11-29", numbered=False),
        candidate("vn/qh15/2024/31-2024-qh15", "2024"),
    ]
    in_2021 = resolve(ref("Luật Đất đai", CitingContext("vn/x", "2021-12-20", None)), laws)
    assert in_2021.target == "vn/qh13/2013/45-2013-qh13" and in_2021.resolution.method == "latest"
