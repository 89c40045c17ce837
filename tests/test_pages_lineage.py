"""The "Lược đồ" of a document page (api/lineage.py, api/templates/_lineage.html), as the portals draw it: what a
document cites and what cites it grouped by relation in both directions, one row per document with every edge
folded in, counts per group, filters and sorting from the query string (no script).

The example is Luật Nhà ở 27/2023/QH15 as the example corpus cites it: 11 edges from 7 documents. The amending law
43/2024/QH15 amends it in its own text and four other documents say so again; Nghị định 87/2025, Thông tư
11/2024/TT-BNV and 56/2024/TT-BTC and the consolidated text 05/VBHN-VPQH cite it; Hà Nội's Nghị quyết
56/2025/NQ-HĐND rests on it and says that Nghị định 100/2024/NĐ-CP details it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from pages_examples import HOSTILE_ID, HOSTILE_STRINGS, pages_graph

from api.app import create_app
from api.lineage import ORDER, Row, heading, sort_rows
from api.pages import Links
from api.settings import Settings
from graph import Document, open_store
from ingest.relation_table import KIND, RELATIONS

HOUSING = "vn/qh15/2023/27-2023-qh15"  # Luật Nhà ở 27/2023/QH15
AMENDING = "vn/qh15/2024/43-2024-qh15"
HANOI = "vn/ha-noi/hdnd/2025/56-2025-nq-hdnd"
CITERS = [
    "Nghị định 87/2025/NĐ-CP",
    "Thông tư 11/2024/TT-BNV",
    "Văn bản hợp nhất 05/VBHN-VPQH",
    "Thông tư 56/2024/TT-BTC",
]


@pytest.fixture(scope="module")
def client(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{pages_graph(example_graph, tmp_path_factory.mktemp('lineage'))}"
    with open_store(url) as store:
        yield TestClient(create_app(Settings(store=url), store))


def page(client: TestClient, doc_id: str, **params: str) -> BeautifulSoup:
    url = Links("").document(doc_id) + (f"?{urlencode(params)}" if params else "")
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def text_of(tree: Tag) -> str:
    return " ".join(tree.get_text().split())


def groups(tree: BeautifulSoup, side: str) -> dict[str, list[str]]:
    """Heading → the names of its rows, in the page's order."""
    return {
        text_of(g.select_one("h4 .quan-he")): [
            r.select("a")[0].get_text() for r in g.select(".danh-sach-trich-dan > li")
        ]
        for g in tree.select(f"#{'trich-dan-di' if side == 'out' else 'duoc-trich-dan'} .nhom-quan-he")
    }


def test_cited_by_is_grouped_by_relation_one_row_per_document(client: TestClient) -> None:
    tree = page(client, HOUSING)
    cited_by = groups(tree, "in")
    # The portals' order, the relation table's words.
    assert list(cited_by) == [
        "Văn bản này là căn cứ của",
        "Văn bản này được hướng dẫn bởi",
        "Văn bản này được sửa đổi, bổ sung bởi",
        "Văn bản này được dẫn chiếu bởi",
    ]
    assert cited_by["Văn bản này là căn cứ của"] == ["Nghị quyết 56/2025/NQ-HĐND"]
    assert cited_by["Văn bản này được hướng dẫn bởi"] == ["Nghị định 100/2024/NĐ-CP"]
    assert len(cited_by["Văn bản này được sửa đổi, bổ sung bởi"]) == 1
    assert cited_by["Văn bản này được dẫn chiếu bởi"] == CITERS  # newest first
    counts = [text_of(c) for c in tree.select("#duoc-trich-dan .nhom-quan-he h4 .dem")]
    assert counts == ["(1)", "(1)", "(1)", "(4)"]
    # 7 documents, not the 11 edges.
    assert "Được trích dẫn (7)" in text_of(tree.select_one(".muc-luc"))
    assert "(7 văn bản)" in text_of(tree.select_one("#duoc-trich-dan h3"))


def test_a_row_folds_every_edge_of_its_document_with_its_evidence(client: TestClient) -> None:
    tree = page(client, HOUSING)
    row = next(
        li
        for li in tree.select("#den-amends li.dong-luoc-do")
        if li.a["href"] == Links("").document(AMENDING)
    )
    # The amending law's own sentence first, then the four documents that say it again, each named.
    assert "LUẬT NHÀ Ở SỐ 27/2023/QH15" in text_of(row.select_one(":scope > div .can-cu"))
    folded = row.select_one("details.them-can-cu")
    assert text_of(folded.summary) == "4 câu trích dẫn khác"
    asserting = [li.select_one(".ghi-chu a").get_text() for li in folded.select("li")]
    assert sorted(asserting) == sorted(
        [
            "Thông tư 11/2024/TT-BNV",
            "Thông tư 56/2024/TT-BTC",
            "Nghị định 87/2025/NĐ-CP",
            "Văn bản hợp nhất 05/VBHN-VPQH",
        ]
    )
    # How a link was found stays on the row that shows it: 11/2024/TT-BNV named the law without its number.
    assert "văn bản gần nhất trước đó" in text_of(folded)


def test_what_a_document_cites_is_grouped_too(client: TestClient) -> None:
    tree = page(client, HANOI)
    cites = groups(tree, "out")
    assert list(cites) == ["Văn bản này căn cứ", "Văn bản này trả lời"]
    assert "Luật Nhà ở 27/2023/QH15" in cites["Văn bản này căn cứ"]
    # Each row of what the text cites links to its mark in the text.
    marks = {f"#{a['id']}" for a in tree.select(".noi-dung a.trich-dan")}
    backlinks = [a["href"] for a in tree.select("#trich-dan-di .ve-van-ban")]
    assert backlinks and set(backlinks) <= marks


def test_filters_by_type_issuer_and_year_without_script(client: TestClient) -> None:
    by_type = groups(page(client, HOUSING, loai="Thông tư"), "in")
    assert by_type == {
        "Văn bản này được dẫn chiếu bởi": ["Thông tư 11/2024/TT-BNV", "Thông tư 56/2024/TT-BTC"]
    }
    by_issuer = page(client, HOUSING, co_quan="Chính phủ")
    assert groups(by_issuer, "in") == {
        "Văn bản này được hướng dẫn bởi": ["Nghị định 100/2024/NĐ-CP"],
        "Văn bản này được dẫn chiếu bởi": ["Nghị định 87/2025/NĐ-CP"],
    }
    assert by_issuer.select_one("#loc-co-quan option[selected]")["value"] == "Chính phủ"
    assert "Đang lọc: hiển thị 2 văn bản khớp bộ lọc." in text_of(by_issuer)
    by_year = groups(page(client, HOUSING, nam="2025"), "in")
    assert [name for rows in by_year.values() for name in rows] == [
        "Nghị quyết 56/2025/NQ-HĐND",
        "Nghị định 87/2025/NĐ-CP",
    ]
    nothing = page(client, HOUSING, loai="Quyết định")
    assert "Không có văn bản nào khớp bộ lọc." in text_of(nothing.select_one("#duoc-trich-dan"))
    # The choices are what the rows hold; "Bỏ lọc" goes back to the whole list.
    every = page(client, HOUSING)
    assert [o["value"] for o in every.select("#loc-nam option")] == ["", "2025", "2024"]
    assert by_issuer.select_one("a.bo-loc")["href"] == Links("").document(HOUSING) + "#luoc-do"


@pytest.mark.parametrize("junk", [("nam", "hai nghìn"), ("nam", "20255"), ("sap_xep", "DROP"), ("loai", " ")])
def test_a_filter_that_means_nothing_filters_nothing(client: TestClient, junk: tuple[str, str]) -> None:
    assert groups(page(client, HOUSING, **dict([junk])), "in") == groups(page(client, HOUSING), "in")


def test_sorting_by_date_either_way_and_by_number(client: TestClient) -> None:
    def cited(**params: str) -> list[str]:
        return groups(page(client, HOUSING, **params), "in")["Văn bản này được dẫn chiếu bởi"]

    assert cited() == CITERS
    assert cited(sap_xep="ngay-tang") == CITERS[::-1]
    assert cited(sap_xep="so") == [
        "Văn bản hợp nhất 05/VBHN-VPQH",
        "Thông tư 11/2024/TT-BNV",
        "Thông tư 56/2024/TT-BTC",
        "Nghị định 87/2025/NĐ-CP",
    ]
    # The tree's depth form keeps the order and filters chosen, and the filter form keeps the depth.
    tree = page(client, HOUSING, sap_xep="so", depth="1")
    assert {i["name"]: i["value"] for i in tree.select("#thuc-hien input[type=hidden]")} == {"sap_xep": "so"}
    assert tree.select_one(".loc-luoc-do input[name=depth]")["value"] == "1"


def test_numbers_sort_as_numbers() -> None:
    rows = [
        Row(Document(id=n, placeholder=True, number=n), [])
        for n in ("100/2019/NĐ-CP", "30/2021/QĐ-UBND", "6/2024/QĐ-UBND")
    ]
    rows.append(Row(Document(id="x", placeholder=True, title="Hiến pháp"), []))
    assert [r.other.id for r in sort_rows(rows, "so")] == [
        "6/2024/QĐ-UBND",
        "30/2021/QĐ-UBND",
        "100/2019/NĐ-CP",
        "x",
    ]


def test_every_relation_has_its_group_named_by_the_relation_table() -> None:
    assert sorted(ORDER) == sorted(RELATIONS)
    for relation in RELATIONS:
        assert heading(relation, "out") == f"Văn bản này {KIND[relation].verb_vi}"
        assert heading(relation, "in") == f"Văn bản này {KIND[relation].passive_vi}"


def test_every_row_carries_the_status_badge_of_its_document(client: TestClient) -> None:
    """Each row of both directions shows whether its document is in force (the flags of _row_flags.html)."""
    tree = page(client, HOUSING)
    rows = tree.select("li.dong-luoc-do")
    assert len(rows) == 7
    for row in rows:
        badge = row.select_one("span.hieu-luc")
        assert badge is not None and badge.get_text().strip() and badge.get("title")


@pytest.mark.parametrize("param", ["loai", "co_quan", "nam", "sap_xep"])
def test_hostile_filter_values_stay_text(client: TestClient, param: str) -> None:
    for hostile in HOSTILE_STRINGS:
        response = client.get(Links("").document(HOSTILE_ID), params={param: hostile, "depth": "2"})
        assert response.status_code == 200
        assert hostile not in response.text


# --- the page of a document cited but not held (a placeholder) ------------------------------------------------


def test_a_placeholders_page_says_what_citations_tell_and_what_to_ingest(client: TestClient) -> None:
    tree = page(client, HOUSING)
    known = text_of(tree.select_one("#da-biet"))
    assert "Được 7 văn bản trong hệ thống trích dẫn hoặc nêu quan hệ với văn bản này." in known
    # Since the earliest document held that cites it (the amending law 43/2024/QH15 of 29 June 2024), up to the
    # latest; Nghị định 100/2024/NĐ-CP, which Hà Nội says guides it, is not held: its bare year does not count.
    assert "Được trích dẫn từ 29/06/2024 (Luật Sửa đổi, bổ sung một số điều của luật đất đai" in known
    assert "gần nhất 26/11/2025 (Nghị quyết 56/2025/NQ-HĐND)." in known
    relations = [text_of(a) for a in tree.select("#da-biet a.quan-he")]
    assert relations == [
        "Văn bản này là căn cứ của: 1",
        "Văn bản này được hướng dẫn bởi: 1",
        "Văn bản này được sửa đổi, bổ sung bởi: 1",
        "Văn bản này được dẫn chiếu bởi: 4",
    ]
    assert tree.select_one("#da-biet a.quan-he")["href"] == "#den-based_on"
    assert [q.get_text() for q in tree.select("#da-biet li q")][:2] == [
        "Luật Nhà ở số 27/2023/QH15",
        "LUẬT NHÀ Ở SỐ 27/2023/QH15",
    ]
    assert tree.select_one(".can-bo-sung q").get_text() == "Luật Nhà ở 27/2023/QH15"
    assert "lexgraph ingest TỆP" in text_of(tree.select_one(".can-bo-sung"))
    # No column of dashes, no empty sections: what citations told, and no chain of what it implements.
    rows = [th.get_text() for th in tree.select(".thong-tin th")]
    assert rows == ["Số ký hiệu", "Tên", "Loại", "Ngày ban hành", "Mã trong hệ thống"]
    assert "—" not in text_of(tree.select_one(".thong-tin"))
    assert not tree.select("#chuoi-thuc-hien") and not tree.select(".muc-luc a[href='#chuoi-thuc-hien']")
    assert "Chưa có văn bản nên chưa biết văn bản này trích dẫn những gì." in text_of(
        tree.select_one("#trich-dan-di")
    )


def test_a_placeholder_known_by_number_and_issuer_asks_for_them(client: TestClient) -> None:
    tree = page(client, "vn/tld/2023/5890-tld-cspl")
    wanted = tree.select_one(".can-bo-sung q").get_text()
    assert (
        wanted == "Công văn 5890/TLĐ-CSPL của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam ngày 31/01/2023"
    )
    assert "Được trích dẫn từ 03/02/2023 (Công văn 1127/LĐLĐ)." in text_of(tree.select_one("#da-biet"))
    # What 1127 says it implements is known: the chain stays.
    assert tree.select("#chuoi-thuc-hien .cay")


def test_an_ingested_document_has_no_placeholder_section(client: TestClient) -> None:
    assert not page(client, HANOI).select("#da-biet")
