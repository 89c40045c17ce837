"""The implementers of a resolution by province (issue 15): on the document page, under the implementers tree,
which provinces have documents implementing it, each document once, the central or unplaced ones in a last row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from pages_examples import HOSTILE_ID, L1127, NQ06, TLD5890, pages_graph

from api.app import create_app
from api.pages import Links
from api.provinces import OTHERS, by_province, province_of
from api.settings import Settings
from graph import Document, Tree, TreeNode, open_store


@pytest.fixture(scope="module")
def client(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{pages_graph(example_graph, tmp_path_factory.mktemp('provinces'))}"
    with open_store(url) as store:
        yield TestClient(create_app(Settings(store=url), store))


def rows(client: TestClient, doc_id: str) -> dict[str, list[str]]:
    response = client.get(Links("").document(doc_id))
    assert response.status_code == 200
    table = BeautifulSoup(response.text, "html.parser").select("#thuc-hien table.theo-tinh")
    if not table:
        return {}
    return {
        tr.select("th")[0].get_text(strip=True): [a["href"] for a in tr.select("td a")]
        for tr in table[0].select("tbody tr")
    }


def test_the_implementers_of_06_nq_cp_by_province(client: TestClient) -> None:
    found = rows(client, NQ06)
    # Công văn 1127/LĐLĐ of the Lai Châu Labour Federation: Lai Châu, once though it is in the tree twice
    # (directly, and under 5890/TLĐ-CSPL).
    assert found["Lai Châu"] == [Links("").document(L1127)]
    # The Federation's own letter 5890/TLĐ-CSPL is central; the letter 77/UBND-VX names no province.
    assert {Links("").document(TLD5890), Links("").document(HOSTILE_ID)} <= set(found[OTHERS])
    assert list(found)[-1] == OTHERS


def test_a_document_nobody_implements_has_no_table(client: TestClient) -> None:
    assert rows(client, L1127) == {}


def node(doc_id: str, *children: TreeNode, **fields: str) -> TreeNode:
    return TreeNode(document=Document(id=doc_id, placeholder=False, **fields), children=list(children))


def test_provinces_are_ranked_by_count_and_read_from_the_id_or_the_document() -> None:
    ha_tinh = [node(f"vn/ha-tinh/ubnd/2023/{n}-ubnd", issue_date=f"2023-0{n}-01") for n in (3, 1)]
    tree = Tree(
        root=node(
            "vn/cp/2023/06-nq-cp",
            node("vn/lai-chau/ldld/2023/1127-ldld"),
            *ha_tinh,
            node("vn/local/ubnd/2023/77-ubnd-vx"),
            node("vn/bo-gd/2023/12-bgddt", province="ha-noi"),
        ),
        relations=["implements"],
        max_depth=5,
    )
    table = by_province(tree)
    assert [(r.name, len(r.documents)) for r in table] == [
        ("Hà Tĩnh", 2),
        ("Hà Nội", 1),
        ("Lai Châu", 1),
        (OTHERS, 1),
    ]
    assert [d.id for d in table[0].documents] == [
        "vn/ha-tinh/ubnd/2023/1-ubnd",
        "vn/ha-tinh/ubnd/2023/3-ubnd",
    ]
    assert (
        province_of(Document(id="vn/cp/2023/06-nq-cp", placeholder=False)) is None
    )  # "cp" is the Government, not a province
