"""The review queue (/kiem-tra, issue 15): citations whose target the rules chose by the "latest before" rule,
could not choose, or chose with a confidence under 80 %, each with its citing sentence, the chosen target and the
other candidates, a page at a time; linked from the front page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from pages_examples import L1127, NQ06, TLD5890, pages_graph

from api import review
from api.app import create_app
from api.pages import Links
from api.settings import Settings
from graph import open_store

BAC_NINH_141 = "vn/bac-ninh/ubnd/2025/141-kh-ubnd"
LAW_64_2025 = "vn/qh15/2025/64-2025-qh15"
LAW_80_2015 = "vn/qh13/2015/80-2015-qh13"


@pytest.fixture(scope="module")
def client(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{pages_graph(example_graph, tmp_path_factory.mktemp('review'))}"
    with open_store(url) as store:
        yield TestClient(create_app(Settings(store=url), store))


def page(client: TestClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def all_items(client: TestClient) -> list[BeautifulSoup]:
    items, url = [], Links("").review()
    while url:
        tree = page(client, url)
        items += tree.select(".muc-kiem-tra")
        following = tree.select("a[rel=next]")
        url = following[0]["href"] if following else ""
    return items


def test_the_front_page_links_the_queue(client: TestClient) -> None:
    assert Links("").review() in [a.get("href") for a in page(client, "/").select("a")]


def test_a_law_cited_by_name_alone_shows_the_chosen_law_and_the_others(client: TestClient) -> None:
    # Kế hoạch 141/KH-UBND of Bắc Ninh (2025) cites "Luật Ban hành văn bản QPPL" without a year:
    # the law of 2025 (64/2025/QH15) by the "latest before" rule, the law of 2015 (80/2015/QH13) among the others.
    items = [i for i in all_items(client) if Links("").document(BAC_NINH_141) in str(i)]
    (law,) = [i for i in items if "Luật Ban hành văn bản QPPL" in words(i.select(".can-cu")[0].get_text())]
    chosen = [a["href"] for a in law.select(".da-chon a")]
    assert chosen == [Links("").document(LAW_64_2025)]
    assert Links("").document(LAW_80_2015) in [a["href"] for a in law.select(".kha-nang-khac a")]
    assert "gần nhất trước" in words(law.get_text()) and "80%" in law.get_text()


def test_the_queue_is_paged_without_gaps_or_repeats(client: TestClient) -> None:
    first = page(client, Links("").review())
    assert len(first.select(".muc-kiem-tra")) == review.PER_PAGE
    second = page(client, first.select("a[rel=next]")[0]["href"])
    assert second.select("ol.hang-doi")[0]["start"] == str(review.PER_PAGE + 1)
    assert second.select("a[rel=prev]")[0]["href"] == Links("").review()
    texts = [str(i) for i in all_items(client)]
    assert len(texts) > review.PER_PAGE


def test_no_exact_citation_is_in_the_queue(client: TestClient) -> None:
    # 1127/LĐLĐ cites "công văn số 5890/TLĐ-CSPL, ngày 31/01/2023": number and date, nothing to check; the
    # same sentence's "Nghị quyết số 06/NQ-CP", without a year and not held, is in the queue.
    of_1127 = [i for i in all_items(client) if i.select("div a")[0]["href"] == Links("").document(L1127)]
    chosen = {i.select(".da-chon a")[0]["href"] for i in of_1127}
    assert Links("").document(NQ06) in chosen and Links("").document(TLD5890) not in chosen


def test_a_page_past_the_end_says_so(client: TestClient) -> None:
    tree = page(client, "/kiem-tra?trang=999")
    assert not tree.select(".muc-kiem-tra") and "Không còn liên kết" in tree.get_text()
    assert page(client, "/kiem-tra?trang=abc").select(".muc-kiem-tra")  # not a number: the first page
