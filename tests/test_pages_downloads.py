"""Downloads on the browse pages (issue 15): every section that shows a graph or a list links its exports (SVG,
PNG, HTML, CSV, GraphML, JSON-LD) to the REST route /export with the parameters of what it shows, and each link
answers the file with its content type. The search results download as one CSV table of every page."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from pages_examples import L1127, NQ06, pages_graph

from api.app import create_app
from api.downloads import FORMATS, export_url
from api.pages import Links
from api.search_csv import cell
from api.settings import Settings
from graph import open_store

MEDIA = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "html": "text/html",
    "csv": "application/zip",
    "graphml": "application/graphml+xml",
    "jsonld": "application/ld+json",
}


@pytest.fixture(scope="module")
def client(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{pages_graph(example_graph, tmp_path_factory.mktemp('downloads'))}"
    with open_store(url) as store:
        yield TestClient(create_app(Settings(store=url), store))


def page(client: TestClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def links_of(section: Tag) -> dict[str, str]:
    return {a["data-dinh-dang"]: a["href"] for a in section.select(".tai-ve a[data-dinh-dang]")}


def params(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert parts.path == "/export"
    return parse_qs(parts.query)


def test_every_format_is_offered_once_in_the_order_of_the_table() -> None:
    assert [f for f, _, _ in FORMATS] == ["svg", "png", "html", "csv", "graphml", "jsonld"]
    assert len(Links("").exports(NQ06, 1)) == len(FORMATS)


def test_an_export_link_carries_root_depth_relations_and_direction() -> None:
    url = export_url("/lexgraph", "vn/cp/2023/06-nq-cp", "svg", 3, ("implements", "guides"), "in")
    assert url.startswith("/lexgraph/export?")
    assert parse_qs(urlsplit(url).query) == {
        "root": ["vn/cp/2023/06-nq-cp"],
        "format": ["svg"],
        "depth": ["3"],
        "relation": ["implements", "guides"],
        "direction": ["in"],
    }
    # The page's tree may go deeper than the export route allows: the export stops at its own limit.
    assert parse_qs(urlsplit(export_url("", NQ06, "csv", 9)).query)["depth"] == ["5"]


def test_the_implementers_tree_exports_what_implements_the_resolution(client: TestClient) -> None:
    tree = page(client, Links("").document(NQ06, depth=2))
    found = links_of(tree.select("#thuc-hien")[0])
    assert set(found) == set(MEDIA)
    assert params(found["svg"]) == {
        "root": [NQ06],
        "format": ["svg"],
        "depth": ["2"],
        "relation": ["implements"],
        "direction": ["in"],
    }


def test_a_document_without_implementers_offers_no_empty_tree(client: TestClient) -> None:
    tree = page(client, Links("").document(L1127))
    assert not links_of(tree.select("#thuc-hien")[0])


def test_the_graph_and_the_luoc_do_export_the_neighbourhood(client: TestClient) -> None:
    tree = page(client, Links("").document(L1127))
    for section in ("#do-thi", "#luoc-do"):
        found = links_of(tree.select(section)[0])
        assert set(found) == set(MEDIA), section
        assert params(found["graphml"])["depth"] == ["1"] and params(found["graphml"])["direction"] == [
            "both"
        ]
        assert params(found["graphml"])["root"] == [L1127]


@pytest.mark.parametrize("fmt", sorted(MEDIA))
def test_each_download_of_the_implementers_tree_answers_its_file(client: TestClient, fmt: str) -> None:
    if fmt == "png" and shutil.which("dot") is None:
        pytest.skip("PNG needs Graphviz dot")
    tree = page(client, Links("").document(NQ06))
    response = client.get(links_of(tree.select("#thuc-hien")[0])[fmt])
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].split(";")[0] == MEDIA[fmt]
    if fmt == "jsonld":
        assert "5890/TLĐ-CSPL" in response.text  # the letter that implements 06/NQ-CP is in the file


def test_search_results_download_as_a_csv_of_every_page(client: TestClient) -> None:
    tree = page(client, "/?tu_khoa=lao+%C4%91%E1%BB%99ng&so_dong=1")
    link = tree.select(".ket-qua .tai-ve a[data-dinh-dang=csv]")[0]["href"]
    assert "so_dong" in link and "trang" not in link
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese letters
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) > 1  # every page, not the one row the page shows
    assert L1127 in {r["ma"] for r in rows}
    letter = next(r for r in rows if r["ma"] == L1127)
    assert letter["so_ky_hieu"] == "1127/LĐLĐ" and letter["ngay_ban_hanh"] == "2023-02-03"


def test_the_csv_of_no_search_or_a_bad_year_is_refused(client: TestClient) -> None:
    assert client.get("/ket-qua.csv").status_code == 422
    response = client.get("/ket-qua.csv?tu_nam=20x3")
    assert response.status_code == 422 and "Từ năm" in response.text


def test_a_cell_a_spreadsheet_would_run_is_kept_as_text() -> None:
    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell("-1") == "'-1"
    assert cell("Nghị quyết 06/NQ-CP") == "Nghị quyết 06/NQ-CP"
    assert cell(None) == ""
