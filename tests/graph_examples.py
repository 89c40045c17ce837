"""Extractions of real Vietnamese documents, written out by hand, for the graph tests: what `ingest` makes of
the Lai Châu letter 1127/LĐLĐ (examples/corpus/seed-ldld-laichau-1127-2023.txt) and of Căn cứ lists of
provincial decisions, plus the documents they cite, so that the graph can be tested without the NLP pipeline
and whatever it finds today."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.models import Asserted, Citation, DocumentMeta, Extraction


def cite(
    key: str,
    mention: str,
    evidence: str,
    *,
    relation: str = "cites",
    date: str | None = None,
    issuer: str | None = None,
    doc_type: str | None = None,
    title: str | None = None,
    number: str | None = None,
    start: int = 0,
    confidence: float = 0.9,
    pinpoint: str | None = None,
    parts: list[str] | None = None,
    relation_detail: str | None = None,
) -> Citation:
    """A citation; a key with a "/" is a number unless `number` says otherwise."""
    if number is None and title is None and "/" in key:
        number = key
    return Citation(
        key=key,
        number=number,
        title=title,
        doc_type=doc_type,
        date=date,
        issuer=issuer,
        relation=relation,  # type: ignore[arg-type]
        mention=mention,
        start=start,
        end=start + len(mention),
        evidence=evidence,
        confidence=confidence,
        pinpoint=pinpoint,
        parts=parts,
        relation_detail=relation_detail,
    )


def document(
    source: str,
    number: str | None,
    doc_type: str,
    issuer: str,
    issue_date: str | None,
    subject: str | None = None,
    citations: Sequence[Citation] = (),
    asserted: Sequence[Asserted] = (),
    *,
    effective: tuple[str | None, str] | None = None,
    expiry: tuple[str, str] | None = None,
) -> Extraction:
    """`effective`/`expiry`: (date, the sentence that says so), as `ingest.validity` reads them."""
    return Extraction(
        source=source,
        document=DocumentMeta(
            key=number,
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            issue_date=issue_date,
            subject=subject,
            effective_date=effective[0] if effective else None,
            effective_text=effective[1] if effective else None,
            expiry_date=expiry[0] if expiry else None,
            expiry_text=expiry[1] if expiry else None,
        ),
        citations=list(citations),
        asserted=list(asserted),
    )


# --- the seed letter and what it cites ------------------------------------------------------------------------

EVIDENCE_1127_06 = "thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động"
EVIDENCE_1127_5890 = (
    "Thực hiện công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam "
    "về việc thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động."
)


def letter_1127(source: str = "corpus/seed-ldld-laichau-1127-2023.txt", with_5890: bool = True) -> Extraction:
    """Công văn 1127/LĐLĐ of the Lai Châu Labour Federation: implements 06/NQ-CP, directly and through
    5890/TLĐ-CSPL, which it says implements 06/NQ-CP."""
    citations = [
        cite(
            "06/NQ-CP",
            "Nghị quyết số 06/NQ-CP của Chính phủ",
            EVIDENCE_1127_06,
            relation="implements",
            issuer="Chính phủ",
            doc_type="Nghị quyết",
            start=28,
            pinpoint="khoản 10, mục IV",
        )
    ]
    asserted = []
    if with_5890:
        citations.append(
            cite(
                "5890/TLĐ-CSPL",
                "công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
                EVIDENCE_1127_5890,
                relation="implements",
                date="2023-01-31",
                issuer="Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
                doc_type="Công văn",
                start=274,
            )
        )
        asserted.append(
            Asserted(
                source="5890/TLĐ-CSPL", relation="implements", target="06/NQ-CP", evidence=EVIDENCE_1127_5890
            )
        )
    return document(
        source,
        "1127/LĐLĐ",
        "Công văn",
        "Liên đoàn Lao động tỉnh Lai Châu",
        "2023-02-03",
        "thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động",
        citations,
        asserted,
    )


def letter_5890() -> Extraction:
    """Công văn 5890/TLĐ-CSPL of the Vietnam General Confederation of Labour, ingested after 1127 cited it."""
    return document(
        "corpus/cv-5890-tld-2023.txt",
        "5890/TLĐ-CSPL",
        "Công văn",
        "Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
        "2023-01-31",
        "thực hiện Nghị quyết số 06/NQ-CP của Chính phủ",
        [
            cite(
                "06/NQ-CP",
                "Nghị quyết số 06/NQ-CP ngày 10/01/2023 của Chính phủ",
                "Thực hiện Nghị quyết số 06/NQ-CP ngày 10/01/2023 của Chính phủ về phát triển thị trường lao động",
                relation="implements",
                date="2023-01-10",
                issuer="Chính phủ",
                doc_type="Nghị quyết",
            )
        ],
    )


def resolution_06(year: str = "2023") -> Extraction:
    """Nghị quyết 06/NQ-CP of the Government; numbers restart every year, so 2022 has one too."""
    dates = {"2023": "2023-01-10", "2022": "2022-01-14"}
    subjects = {
        "2023": "về phát triển thị trường lao động linh hoạt, hiện đại, hiệu quả, bền vững và hội nhập",
        "2022": "phiên họp Chính phủ thường kỳ tháng 12 năm 2021",
    }
    return document(
        f"corpus/nq-06-cp-{year}.txt", "06/NQ-CP", "Nghị quyết", "Chính phủ", dates[year], subjects[year]
    )


def letter_1127_thanh_hoa() -> Extraction:
    """Another 1127/LĐLĐ: every provincial Labour Federation numbers its letters from 1 each year."""
    return document(
        "corpus/cv-1127-ldld-thanhhoa-2023.txt",
        "1127/LĐLĐ",
        "Công văn",
        "Liên đoàn Lao động tỉnh Thanh Hóa",
        "2023-05-12",
        "tổ chức Tháng Công nhân năm 2023",
    )


def letter_citing_1127(province_issuer: str, source: str) -> Extraction:
    """A later letter that cites "công văn số 1127/LĐLĐ" with neither year nor issuer."""
    return document(
        source,
        "1302/LĐLĐ",
        "Công văn",
        province_issuer,
        "2023-06-20",
        "báo cáo kết quả thực hiện",
        [
            cite(
                "1127/LĐLĐ",
                "công văn số 1127/LĐLĐ",
                "Tiếp theo công văn số 1127/LĐLĐ, Ban Thường vụ đề nghị các đơn vị báo cáo kết quả thực hiện.",
                doc_type="Công văn",
            )
        ],
    )


# --- Căn cứ lists: laws cited by name and number --------------------------------------------------------------

LAW_ORG_GOV_2001 = cite(
    "Luật Tổ chức Chính phủ 2001",
    "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001",
    "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
    relation="based_on",
    date="2001-12-25",
    doc_type="Luật",
    title="Luật Tổ chức Chính phủ",
)
LAW_ORG_GOV_2015 = cite(
    "Luật Tổ chức Chính phủ 2015",
    "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015",
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
    relation="based_on",
    date="2015-06-19",
    doc_type="Luật",
    title="Luật Tổ chức Chính phủ",
)
LAW_ORG_GOV_2025 = cite(
    "Luật Tổ chức Chính phủ 2025",
    "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025",
    "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
    relation="based_on",
    date="2025-02-18",
    doc_type="Luật",
    title="Luật Tổ chức Chính phủ",
)
LAW_ORG_GOV_UNDATED = cite(
    "Luật Tổ chức Chính phủ",
    "Luật Tổ chức Chính phủ",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
    "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    doc_type="Luật",
    title="Luật Tổ chức Chính phủ",
    confidence=0.6,
)
LAND_LAW_2013_BY_NAME = cite(
    "Luật Đất đai 2013",
    "Luật Đất đai ngày 29 tháng 11 năm 2013",
    "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;",
    relation="based_on",
    date="2013-11-29",
    doc_type="Luật",
    title="Luật Đất đai",
)
LAND_LAW_2013_BY_NUMBER = cite(
    "45/2013/QH13",
    "Luật Đất đai số 45/2013/QH13",
    "Các dự án đầu tư … theo quy định của Luật Đất đai số 45/2013/QH13, pháp luật có liên quan …",
    doc_type="Luật",
    title="Luật Đất đai",
    number="45/2013/QH13",
)
LAND_LAW_2024_BY_NAME = cite(
    "Luật Đất đai 2024",
    "Luật Đất đai ngày 18 tháng 01 năm 2024",
    "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;",
    relation="based_on",
    date="2024-01-18",
    doc_type="Luật",
    title="Luật Đất đai",
)


def decision(
    source: str, number: str, issuer: str, issue_date: str, *citations: Citation, doc_type: str = "Quyết định"
) -> Extraction:
    return document(source, number, doc_type, issuer, issue_date, "ban hành quy định", citations)


def decision_quang_tri_2021() -> Extraction:
    """Quyết định 30/2021/QĐ-UBND of Quảng Trị (examples/corpus/qd-30-2021-ubnd-quangtri.txt): Căn cứ the Law on
    Government Organisation without a date, and the Land Law of 2013 by name."""
    return decision(
        "corpus/qd-30-2021-ubnd-quangtri.txt",
        "30/2021/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Quảng Trị",
        "2021-12-20",
        LAW_ORG_GOV_UNDATED,
        LAND_LAW_2013_BY_NAME,
    )


def decision_tuyen_quang_2010() -> Extraction:
    """Quyết định 1056/QĐ-CT of Tuyên Quang, 2010: cites the same law without a date, before 2015."""
    return decision(
        "corpus/qd-1056-ct-tuyenquang-2010.txt",
        "1056/QĐ-CT",
        "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang",
        "2010-08-16",
        LAW_ORG_GOV_UNDATED,
    )


def decree_listing_laws() -> Extraction:
    """A decree (made up for the tests) that cites the 2001, 2015 and 2025 Laws on Government Organisation and
    the Land Law of 2024 with their dates."""
    return decision(
        "corpus/example-decree-2025.txt",
        "99/2025/NĐ-CP",
        "Chính phủ",
        "2025-04-11",
        LAW_ORG_GOV_2001,
        LAW_ORG_GOV_2015,
        LAW_ORG_GOV_2025,
        LAND_LAW_2024_BY_NAME,
        doc_type="Nghị định",
    )


def law_43_2024() -> Extraction:
    """Luật 43/2024/QH15, which cites the Land Law of 2013 by its number and name."""
    return document(
        "corpus/luat-43-2024-qh15.txt",
        "43/2024/QH15",
        "Luật",
        "Quốc hội",
        "2024-06-29",
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI SỐ 31/2024/QH15",
        [LAND_LAW_2013_BY_NUMBER],
    )


# --- validity: documents that enter into force, expire, and are replaced, repealed or amended by others ----------

TRAFFIC_46_2016 = "46/2016/NĐ-CP"
TRAFFIC_100_2019 = "100/2019/NĐ-CP"
TRAFFIC_168_2024 = "168/2024/NĐ-CP"
EVIDENCE_100_REPLACES_46 = (
    "Nghị định này thay thế Nghị định số 46/2016/NĐ-CP ngày 26 tháng 5 năm 2016 của Chính phủ quy định xử phạt vi "
    "phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt."
)
EVIDENCE_168_REPLACES_100 = (
    "Nghị định này thay thế Nghị định số 100/2019/NĐ-CP ngày 30 tháng 12 năm 2019 của Chính phủ quy định xử phạt "
    "vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt."
)


def decree_46_2016() -> Extraction:
    """Nghị định 46/2016/NĐ-CP on traffic fines, in force from 1 August 2016."""
    return document(
        "corpus/nd-46-2016.txt",
        TRAFFIC_46_2016,
        "Nghị định",
        "Chính phủ",
        "2016-05-26",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt",
        effective=("2016-08-01", "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 8 năm 2016."),
    )


def decree_100_2019() -> Extraction:
    """Nghị định 100/2019/NĐ-CP, in force from 1 January 2020, which replaces 46/2016/NĐ-CP."""
    return document(
        "corpus/nd-100-2019.txt",
        TRAFFIC_100_2019,
        "Nghị định",
        "Chính phủ",
        "2019-12-30",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt",
        [
            cite(
                TRAFFIC_46_2016,
                "Nghị định số 46/2016/NĐ-CP ngày 26 tháng 5 năm 2016 của Chính phủ",
                EVIDENCE_100_REPLACES_46,
                relation="replaces",
                date="2016-05-26",
                issuer="Chính phủ",
                doc_type="Nghị định",
                start=5000,
            )
        ],
        effective=("2020-01-01", "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2020."),
    )


def decree_168_2024() -> Extraction:
    """Nghị định 168/2024/NĐ-CP, in force from 1 January 2025, which replaces 100/2019/NĐ-CP."""
    return document(
        "corpus/nd-168-2024.txt",
        TRAFFIC_168_2024,
        "Nghị định",
        "Chính phủ",
        "2024-12-26",
        "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ",
        [
            cite(
                TRAFFIC_100_2019,
                "Nghị định số 100/2019/NĐ-CP ngày 30 tháng 12 năm 2019 của Chính phủ",
                EVIDENCE_168_REPLACES_100,
                relation="replaces",
                date="2019-12-30",
                issuer="Chính phủ",
                doc_type="Nghị định",
                start=6000,
            )
        ],
        effective=("2025-01-01", "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025."),
    )


EVIDENCE_LETTER_46_REPLACED = "Nghị định số 46/2016/NĐ-CP đã được thay thế bởi Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ."


def letter_on_traffic_fines() -> Extraction:
    """A letter of a provincial police (made up for the tests) that says 100/2019/NĐ-CP replaced 46/2016/NĐ-CP,
    without either being ingested: the relation it asserts decides the old decree's status."""
    return document(
        "corpus/cv-1520-ca-binh-duong.txt",
        "1520/CAT-PC08",
        "Công văn",
        "Công an tỉnh Bình Dương",
        "2020-03-02",
        "áp dụng Nghị định số 100/2019/NĐ-CP",
        [
            cite(
                TRAFFIC_46_2016,
                "Nghị định số 46/2016/NĐ-CP",
                EVIDENCE_LETTER_46_REPLACED,
                issuer="Chính phủ",
                doc_type="Nghị định",
                start=300,
            ),
            cite(
                TRAFFIC_100_2019,
                "Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ",
                EVIDENCE_LETTER_46_REPLACED,
                date="2019-12-30",
                issuer="Chính phủ",
                doc_type="Nghị định",
                start=360,
            ),
        ],
        [
            Asserted(
                source=TRAFFIC_100_2019,
                relation="replaces",
                target=TRAFFIC_46_2016,
                evidence=EVIDENCE_LETTER_46_REPLACED,
            )
        ],
    )


HA_TINH = "UBND tỉnh Hà Tĩnh"
EVIDENCE_79_REPEALS_ARTICLE_5 = (
    "Bãi bỏ Điều 5 của Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của UBND tỉnh Hà Tĩnh."
)
EVIDENCE_79_REPLACES_08 = (
    "Quyết định này thay thế Quyết định số 08/2022/QĐ-UBND ngày 01/4/2022 của UBND tỉnh Hà Tĩnh."
)


def decision_ha_tinh_12_2020() -> Extraction:
    return document(
        "corpus/qd-12-2020-ha-tinh.txt",
        "12/2020/QĐ-UBND",
        "Quyết định",
        HA_TINH,
        "2020-03-02",
        effective=("2020-03-15", "Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2020."),
    )


def decision_ha_tinh_79_2025() -> Extraction:
    """Quyết định 79/2025/QĐ-UBND of Hà Tĩnh (the extraction test's example, tests/test_validity.py): repeals
    Article 5 of 12/2020/QĐ-UBND and replaces 08/2022/QĐ-UBND, from 5 December 2025."""
    return document(
        "corpus/qd-79-2025-ha-tinh.txt",
        "79/2025/QĐ-UBND",
        "Quyết định",
        HA_TINH,
        "2025-11-25",
        "Bãi bỏ một số quyết định",
        [
            cite(
                "12/2020/QĐ-UBND",
                "Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của UBND tỉnh Hà Tĩnh",
                EVIDENCE_79_REPEALS_ARTICLE_5,
                relation="repeals",
                parts=["Điều 5"],
                relation_detail="partially_repeals",
                date="2020-03-02",
                issuer=HA_TINH,
                doc_type="Quyết định",
                start=110,
            ),
            cite(
                "08/2022/QĐ-UBND",
                "Quyết định số 08/2022/QĐ-UBND ngày 01/4/2022 của UBND tỉnh Hà Tĩnh",
                EVIDENCE_79_REPLACES_08,
                relation="replaces",
                date="2022-04-01",
                issuer=HA_TINH,
                doc_type="Quyết định",
                start=200,
            ),
        ],
        effective=("2025-12-05", "Quyết định này có hiệu lực kể từ ngày 05 tháng 12 năm 2025."),
    )


EVIDENCE_47_AMENDS_76 = "Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ số 76/2015/QH13"
PARTS_47_AMENDS_76 = ["khoản 3 và khoản 4 Điều 23", "khoản 9 Điều 23", "khoản 1a Điều 7"]


def law_76_2015() -> Extraction:
    return document(
        "corpus/luat-76-2015-qh13.txt",
        "76/2015/QH13",
        "Luật",
        "Quốc hội",
        "2015-06-19",
        "Luật Tổ chức Chính phủ",
        effective=("2016-01-01", "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016."),
    )


def law_47_2019() -> Extraction:
    """Luật 47/2019/QH14, which amends articles 7 and 23 of the Law on Government Organisation 76/2015/QH13
    from 1 July 2020."""
    return document(
        "corpus/luat-47-2019-qh14.txt",
        "47/2019/QH14",
        "Luật",
        "Quốc hội",
        "2019-11-22",
        "Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
        [
            cite(
                "76/2015/QH13",
                "Luật Tổ chức Chính phủ số 76/2015/QH13",
                EVIDENCE_47_AMENDS_76,
                relation="amends",
                parts=PARTS_47_AMENDS_76,
                issuer="Quốc hội",
                doc_type="Luật",
                start=150,
            )
        ],
        effective=("2020-07-01", "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2020."),
    )


def decision_06_2022_ttg() -> Extraction:
    """Quyết định 06/QĐ-TTg (Đề án 06), "có hiệu lực kể từ ngày ký ban hành": in force from its own date."""
    return document(
        "corpus/qd-06-2022-ttg.txt",
        "06/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        "2022-01-06",
        "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi "
        "số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
        effective=("2022-01-06", "Quyết định này có hiệu lực kể từ ngày ký ban hành."),
    )


def plan_lai_chau_2021_2025() -> Extraction:
    """A plan of Lai Châu for 2021–2025: its period ends with 2025 (`ingest.validity` reads the expiry so)."""
    return document(
        "corpus/kh-45-2021-lai-chau.txt",
        "45/KH-UBND",
        "Kế hoạch",
        "UBND tỉnh Lai Châu",
        "2021-03-10",
        "Thực hiện chuyển đổi số tỉnh Lai Châu giai đoạn 2021 - 2025",
        effective=("2021-03-10", "Kế hoạch này có hiệu lực kể từ ngày ký."),
        expiry=("2025-12-31", "giai đoạn 2021 - 2025"),
    )


EVIDENCE_SUSPENDS_28 = (
    "Tạm ngưng hiệu lực thi hành Quyết định số 28/2024/QĐ-UBND ngày 15/7/2024 của UBND tỉnh Hà Tĩnh cho đến khi có "
    "văn bản thay thế."
)


def decision_ha_tinh_28_2024() -> Extraction:
    return document(
        "corpus/qd-28-2024-ha-tinh.txt",
        "28/2024/QĐ-UBND",
        "Quyết định",
        HA_TINH,
        "2024-07-15",
        effective=("2024-08-01", "Quyết định này có hiệu lực kể từ ngày 01 tháng 8 năm 2024."),
    )


def decision_ha_tinh_suspending_28() -> Extraction:
    """A decision of Hà Tĩnh that suspends 28/2024/QĐ-UBND from its own signing (a repeal whose detail is
    `suspends`, as `ingest.relation_table` reads "tạm ngưng hiệu lực")."""
    return document(
        "corpus/qd-2950-2024-ha-tinh.txt",
        "2950/QĐ-UBND",
        "Quyết định",
        HA_TINH,
        "2024-10-01",
        "Tạm ngưng hiệu lực thi hành Quyết định số 28/2024/QĐ-UBND",
        [
            cite(
                "28/2024/QĐ-UBND",
                "Quyết định số 28/2024/QĐ-UBND ngày 15/7/2024 của UBND tỉnh Hà Tĩnh",
                EVIDENCE_SUSPENDS_28,
                relation="repeals",
                relation_detail="suspends",
                date="2024-07-15",
                issuer=HA_TINH,
                doc_type="Quyết định",
                start=90,
            )
        ],
        effective=("2024-10-01", "Quyết định này có hiệu lực kể từ ngày ký."),
    )
