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
) -> Extraction:
    return Extraction(
        source=source,
        document=DocumentMeta(
            key=number,
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            issue_date=issue_date,
            subject=subject,
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
