"""Status in the lists: a badge in search results, in the implementers tree and in the cited-by list, and the
citing sentence of a document no longer in force on the citing one's date flagged, on the browse pages; the
`status` and `as_of` filters of REST search. The graph: the traffic decrees 46/2016/NĐ-CP → 100/2019/NĐ-CP (from
01/01/2020) → 168/2024/NĐ-CP (from 01/01/2025), and letters of a provincial police (made up for the tests) that
cite them: one of 2021 still based on 46/2016, one of 2019 (before its replacement), a plan of 2020 implementing
100/2019."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from graph_examples import cite, decree_46_2016, decree_100_2019, decree_168_2024, document

from api.app import create_app
from api.settings import Settings
from graph import Document, GraphStore, ingest, open_store
from graph.validity import stale_citation

ND46 = "vn/cp/2016/46-2016-nd-cp"
ND100 = "vn/cp/2019/100-2019-nd-cp"
ND168 = "vn/cp/2024/168-2024-nd-cp"
LATE = "vn/cat/2021/315-cat-pc08"
EARLY = "vn/cat/2019/88-cat-pc08"
PLAN = "vn/cat/2020/12-kh-cat"
EVIDENCE_LATE = "Căn cứ Nghị định số 46/2016/NĐ-CP ngày 26/5/2016 của Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt;"
EVIDENCE_EARLY = "Thực hiện Nghị định số 46/2016/NĐ-CP ngày 26/5/2016 của Chính phủ, Công an tỉnh đề nghị các đơn vị tăng cường tuần tra, kiểm soát."
EVIDENCE_PLAN = "Kế hoạch triển khai thi hành Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ."


def letter(
    number: str, issued: str, key: str, evidence: str, relation: str, doc_type: str = "Công văn"
) -> Any:
    return document(
        f"corpus/{number.replace('/', '-')}.txt",
        number,
        doc_type,
        "Công an tỉnh Bình Dương",
        issued,
        "xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ",
        [
            cite(
                key,
                f"Nghị định số {key}",
                evidence,
                relation=relation,
                doc_type="Nghị định",
                issuer="Chính phủ",
            )
        ],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    url = f"sqlite:///{tmp_path_factory.mktemp('lists') / 'graph.db'}"
    with open_store(url) as opened:
        ingest(
            opened,
            [
                decree_46_2016(),
                decree_100_2019(),
                decree_168_2024(),
                letter("315/CAT-PC08", "2021-03-02", "46/2016/NĐ-CP", EVIDENCE_LATE, "based_on"),
                letter("88/CAT-PC08", "2019-06-10", "46/2016/NĐ-CP", EVIDENCE_EARLY, "implements"),
                letter("12/KH-CAT", "2020-02-03", "100/2019/NĐ-CP", EVIDENCE_PLAN, "implements", "Kế hoạch"),
            ],
        )
        yield opened


@pytest.fixture(scope="module")
def api(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=store.url), store)) as client:
        yield client


def page(api: TestClient, path: str, **params: Any) -> BeautifulSoup:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


# --- the rule -------------------------------------------------------------------------------------------------


def test_a_letter_of_2021_based_on_a_decree_replaced_in_2020_is_flagged_one_of_2019_is_not(
    store: GraphStore,
) -> None:
    edges = {e.source: e for e in store.citations(ND46, "in")}
    status = store.status(ND46)
    late, early = store.get(LATE), store.get(EARLY)
    assert stale_citation(edges[LATE], late, status) == "trích dẫn văn bản đã bị thay thế từ ngày 01/01/2020"
    assert stale_citation(edges[EARLY], early, status) is None
    # the decree that replaces it cites it to replace it, not to apply it
    assert stale_citation(edges[ND100], store.get(ND100), status) is None
    undated = Document(id=LATE, placeholder=False, issue_date="2021")  # a year is no date to judge on
    assert stale_citation(edges[LATE], undated, status) is None


# --- the browse pages -----------------------------------------------------------------------------------------


def test_search_results_carry_a_status_badge(api: TestClient) -> None:
    soup = page(api, "/", tu_khoa="xu phat vi pham", loai="Nghị định")
    rows = {r.select_one("a").get_text(): r for r in soup.select(".ket-qua-tim tbody tr")}  # type: ignore[union-attr]
    badge = rows["Nghị định 46/2016/NĐ-CP"].select_one(".hieu-luc")
    assert (
        badge is not None
        and badge.get_text() == "Hết hiệu lực toàn bộ"
        and "hieu-luc-ended" in badge["class"]
    )
    assert "bị thay thế bởi Nghị định 100/2019/NĐ-CP" in str(badge["title"])
    assert rows["Nghị định 168/2024/NĐ-CP"].select_one(".hieu-luc").get_text() == "Còn hiệu lực"  # type: ignore[union-attr]


def test_the_cited_by_list_flags_the_letter_that_relies_on_a_replaced_decree(api: TestClient) -> None:
    items = page(api, f"/van-ban/{ND46}").select("#duoc-trich-dan li")
    by = {i.select_one("a").get_text(): i for i in items}  # type: ignore[union-attr]
    late, early = by["Công văn 315/CAT-PC08"], by["Công văn 88/CAT-PC08"]
    flag = late.select_one(".trich-dan-het-hieu-luc")
    assert flag is not None and "trích dẫn văn bản đã bị thay thế từ ngày 01/01/2020" in flag.get_text()
    assert early.select_one(".trich-dan-het-hieu-luc") is None  # written while 46/2016 was in force
    assert (
        by["Nghị định 100/2019/NĐ-CP"].select_one(".trich-dan-het-hieu-luc") is None
    )  # the replacing decree
    assert late.select_one(".hieu-luc").get_text() == "Không rõ"  # type: ignore[union-attr]  # the letter states no entry into force


def test_what_a_letter_cites_is_flagged_on_its_own_page_too(api: TestClient) -> None:
    items = page(api, f"/van-ban/{LATE}").select("#trich-dan-di li")
    (item,) = items
    assert "trích dẫn văn bản đã bị thay thế từ ngày 01/01/2020" in item.get_text()


def test_the_implementers_tree_carries_a_badge_per_document(api: TestClient) -> None:
    nodes = page(api, f"/van-ban/{ND100}").select("#thuc-hien .cay .nut")
    (plan,) = nodes
    assert plan.select_one("a").get_text() == "Kế hoạch 12/KH-CAT"  # type: ignore[union-attr]
    assert plan.select_one(".hieu-luc").get_text() == "Không rõ"  # type: ignore[union-attr]
    ended = page(api, f"/van-ban/{ND46}").select("#thuc-hien .cay .nut")
    assert [n.select_one(".hieu-luc").get_text() for n in ended] == ["Không rõ"]  # type: ignore[union-attr]


# --- REST search ----------------------------------------------------------------------------------------------


def test_rest_search_keeps_the_documents_in_a_state_on_a_date(api: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        response = api.get("/documents", params={"type": "Nghị định", **params})
        assert response.status_code == 200, response.text
        return [d["id"] for d in response.json()["items"]]

    assert ids(status="replaced", as_of="2025-06-01") == [ND100, ND46]
    assert ids(status="replaced", as_of="2020-06-01") == [ND46]
    assert ids(status=["in_force", "not_yet_in_force"], as_of="2020-06-01") == [ND168, ND100]
    assert set(ids(status="in_force")) == {ND168}  # today
    paged = api.get("/documents", params={"status": "replaced", "as_of": "2025-06-01", "limit": 1}).json()
    assert [d["id"] for d in paged["items"]] == [ND100] and paged["more"]


@pytest.mark.parametrize(
    ("params", "name"), [({"status": "valid"}, "status"), ({"as_of": "2025-02-30"}, "as_of")]
)
def test_rest_search_refuses_an_unknown_state_or_date_as_a_422_problem(
    api: TestClient, params: dict[str, str], name: str
) -> None:
    response = api.get("/documents", params=params)
    assert response.status_code == 422 and response.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert name in response.text


def test_the_openapi_document_describes_the_search_filters(api: TestClient) -> None:
    parameters = {
        p["name"]: p for p in api.get("/openapi.json").json()["paths"]["/documents"]["get"]["parameters"]
    }
    assert "replaced" in str(parameters["status"]["schema"]) and parameters["status"]["description"]
    assert parameters["as_of"]["description"]
