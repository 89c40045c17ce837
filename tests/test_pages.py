"""The browse pages as legal staff meet them, through FastAPI's TestClient (fast; tests/test_pages_browser.py
drives a real browser): search with and without diacritics, a document's page with its citations marked in its
text, the implementers tree with the evidence under each link, lookup by citation text, Vietnamese 404 pages,
and hostile data and parameters that stay text.

The graph is the example corpus (real annotated documents) plus a letter whose every field is a script
(tests/pages_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup, Tag
from example_corpus import EXAMPLE_DOCUMENTS
from fastapi.testclient import TestClient
from pages_examples import (
    HOSTILE_ID,
    HOSTILE_LAW_ID,
    HOSTILE_STRINGS,
    L1127,
    NQ06,
    SCRIPT,
    TLD5890,
    pages_graph,
)

from api import pages
from api.app import create_app
from api.highlight import citation_spans, date_vi, every_mention, evidence_parts, highlight, relation_vi
from api.pages import STATIC, TEMPLATES, Links, quote_id
from api.settings import Settings
from graph import Document, Edge, Resolution, StoreError, Tree, TreeNode, open_store

HTML = "text/html"


@pytest.fixture(scope="module")
def graph_path(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pages_graph(example_graph, tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def client(graph_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{graph_path}"
    with open_store(url) as store:
        yield TestClient(create_app(Settings(store=url), store))


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def page(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith(HTML)
    assert "'self'" in response.headers["content-security-policy"]
    return parse(response.text)


def text_of(tree: Tag) -> str:
    return " ".join(tree.get_text().split())


def result_ids(tree: Tag) -> list[str]:
    return [a.get("href") for a in tree.select(".ket-qua-tim td:first-child a")]


# --- search -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["thị trường lao động", "thi truong lao dong", "THỊ TRƯỜNG", "Thi Truong"])
def test_search_by_words_with_and_without_diacritics(client: TestClient, words: str) -> None:
    tree = page(client, f"/?tu_khoa={quote(words)}")
    assert Links("").document(L1127) in result_ids(tree)
    assert "Kết quả:" in text_of(tree)


def test_search_by_number_issuer_type_and_years(client: TestClient) -> None:
    tree = page(client, "/?so=1127&loai=Công+văn&co_quan=Lai+Châu&tu_nam=2023&den_nam=2023")
    assert result_ids(tree) == [Links("").document(L1127)]
    assert page(client, "/?so=1127&tu_nam=2024").select(".ket-qua-tim") == []


def test_search_results_show_the_placeholder_badge(client: TestClient) -> None:
    tree = page(client, "/?so=06%2FNQ-CP")
    row = next(tr for tr in tree.select(".ket-qua-tim tbody tr") if NQ06 in tr.select("a")[0].get("href"))
    assert "chưa có văn bản" in text_of(row)
    only_ingested = page(client, "/?so=06%2FNQ-CP&da_co=1")
    assert Links("").document(NQ06) not in result_ids(only_ingested)


@pytest.mark.parametrize("year", ["hai nghìn", "2025-13-01", "2023-02-30", "23"])
def test_a_year_that_is_not_one_is_a_message_and_no_unfiltered_list(client: TestClient, year: str) -> None:
    tree = page(client, "/?" + urlencode({"tu_nam": year, "so": "1127"}))
    errors = text_of(tree.select_one("ul.loi"))
    assert f"Từ năm “{year}”: cần một năm có 4 chữ số (ví dụ 2023) hoặc một ngày có thật" in errors
    # Results without the year asked for would be read as the filtered ones: none are shown.
    assert tree.select(".ket-qua") == [] and result_ids(tree) == []
    assert tree.select_one("#tu_nam")["value"] == year  # kept in the form, to correct


def test_search_pages_through_the_results(client: TestClient) -> None:
    """Every Công văn of the corpus, 5 to a page: the pages follow each other with "Trang sau" and give each
    document once."""
    every = result_ids(page(client, "/?loai=Công+văn&so_dong=200"))
    assert len(every) > 10
    seen: list[str] = []
    url: str | None = "/?loai=Công+văn&so_dong=5"
    while url:
        tree = page(client, url)
        ids = result_ids(tree)
        assert 1 <= len(ids) <= 5
        assert f"văn bản {len(seen) + 1}–{len(seen) + len(ids)}" in text_of(tree.select_one(".ket-qua h2"))
        seen += ids
        following = tree.select_one(".phan-trang a[rel=next]")
        assert following is None or following.get_text() == "Trang sau →"
        url = following["href"] if following else None
    assert seen == every
    back = page(client, "/?loai=Công+văn&so_dong=5&trang=2").select_one(".phan-trang a[rel=prev]")
    assert back is not None and "trang=" not in back["href"] and "so_dong=5" in back["href"]


def test_front_page_shows_statistics_most_cited_and_missing(client: TestClient) -> None:
    tree = page(client, "/")
    text = text_of(tree)
    assert f"{EXAMPLE_DOCUMENTS + 1} văn bản" in text  # the examples and the hostile letter
    assert "Văn bản trong hệ thống được trích dẫn nhiều nhất" in text
    assert "Được trích dẫn nhưng chưa có văn bản" in text
    ranked, missing = tree.select(".xep-hang")
    assert ranked.select("li") and not ranked.select(".nhan-cho")
    assert len(missing.select("li")) == 8 and len(missing.select(".nhan-cho")) == 8
    assert tree.select("form[action='/tra-cuu'] input[name=q]")


# --- lookup by citation text ----------------------------------------------------------------------------------


def test_lookup_redirects_to_the_document(client: TestClient) -> None:
    response = client.get("/tra-cuu", params={"q": "Nghị quyết 06/NQ-CP"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == Links("").document(NQ06)
    response = client.get("/tra-cuu", params={"q": "Công văn số 5890/TLĐ-CSPL"}, follow_redirects=False)
    assert response.headers["location"] == Links("").document(TLD5890)


def test_lookup_of_nothing_is_a_friendly_page_with_suggestions(client: TestClient) -> None:
    tree = page(client, "/tra-cuu?q=" + quote("Công văn 1127/LĐLĐX"), status=404)
    text = text_of(tree)
    assert "Không tìm thấy văn bản" in text and "Công văn 1127/LĐLĐX" in text
    assert Links("").document(L1127) in [a.get("href") for a in tree.select(".danh-sach a")]


def test_lookup_of_an_ambiguous_reference_lists_the_candidates(client: TestClient) -> None:
    # A law named without its year: the corpus cites the 2001, 2015 and 2025 laws of that name.
    found = client.app.state.store.find("Luật Tổ chức Chính phủ")  # type: ignore[attr-defined]
    assert len([d for d in found if not d.placeholder]) != 1 and len(found) >= 2
    tree = page(client, "/tra-cuu?q=" + quote("Luật Tổ chức Chính phủ"))
    assert "Nhiều văn bản phù hợp" in text_of(tree)
    assert len(tree.select(".danh-sach li")) == len(found)


def test_lookup_by_type_and_bare_number_as_people_say_it(client: TestClient) -> None:
    # The joint regulation 4859/QCPH-UBND-LĐLĐ is the only Quy chế numbered 4859: its page.
    response = client.get("/tra-cuu", params={"q": "Quy chế 4859"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == Links("").document("vn/local/ubnd/2020/4859-qcph-ubnd-ldld")
    # Two decisions numbered 30 (Quảng Trị's of 2021, the Prime Minister's of 2008): both listed, to choose.
    tree = page(client, "/tra-cuu?q=" + quote("Quyết định 30"))
    assert "Nhiều văn bản phù hợp" in text_of(tree)
    listed = [a.get_text() for a in tree.select(".danh-sach li a")]
    assert listed == ["Quyết định 30/2021/QĐ-UBND", "Quyết định 30/2008/QĐ-TTg"]


def test_an_empty_lookup_goes_back_to_the_front_page(client: TestClient) -> None:
    response = client.get("/tra-cuu?q=+", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


# --- a document's page ----------------------------------------------------------------------------------------


def test_document_page_metadata(client: TestClient) -> None:
    tree = page(client, Links("").document(L1127))
    rows = {
        th.get_text(): td.get_text()
        for th, td in zip(tree.select(".thong-tin th"), tree.select(".thong-tin td"), strict=True)
    }
    assert rows["Số ký hiệu"] == "1127/LĐLĐ"
    assert rows["Loại"] == "Công văn"
    assert rows["Cơ quan ban hành"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert rows["Ngày ban hành"] == "03/02/2023"
    assert rows["Nơi ban hành"] == "Lai Châu"
    assert "Nghị quyết số 06/NQ-CP" in rows["Trích yếu"]
    # The file's name only: where the server keeps its files is not the reader's business.
    assert rows["Tệp nguồn"] == "seed-ldld-laichau-1127-2023.txt"
    assert str(Path(__file__).resolve().parents[1]) not in str(tree)
    assert tree.select("title")[0].text == "Công văn 1127/LĐLĐ · lexgraph"


def test_each_citation_is_marked_at_its_text_and_linked(client: TestClient) -> None:
    tree = page(client, Links("").document(L1127))
    marks = {a.get_text(): a for a in tree.select(".noi-dung a.trich-dan")}
    resolution = marks["Nghị quyết số 06/NQ-CP của Chính phủ"]
    assert resolution.get("href") == Links("").document(NQ06)
    assert resolution.get("title") == "thực hiện: Nghị quyết 06/NQ-CP"
    letter = marks[
        "công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam"
    ]
    assert letter.get("href") == Links("").document(TLD5890)
    assert "rel-implements" in letter.get("class")
    # The text around the marks is the document's own, whole.
    assert text_of(tree.select(".noi-dung")[0]).startswith(
        "Số: 1127/LĐLĐ V/v thực hiện Nghị quyết số 06/NQ-CP"
    )
    # Each citation in the list links back to a mark in the text of the same document.
    targets = {f"#{a.get('id')}": a.get("href") for a in tree.select(".noi-dung a.trich-dan")}
    rows = tree.select("#trich-dan-di li")
    assert len(rows) == 2
    assert all(targets[li.select_one(".ve-van-ban").get("href")] == li.a.get("href") for li in rows)


def test_every_mention_of_a_cited_document_is_marked_not_only_the_first(client: TestClient) -> None:
    """Letter 1127/LĐLĐ names Nghị quyết 06/NQ-CP four times (its subject, the letter it implements, twice in the
    body); the edge stores the offsets of one. Each is marked and linked, in text order; the list's row for the
    resolution points to the first mark."""
    tree = page(client, Links("").document(L1127))
    marks = tree.select(".noi-dung a.trich-dan")
    to_06 = [a for a in marks if a.get("href") == Links("").document(NQ06)]
    assert len(to_06) == 4
    assert [a.get_text() for a in to_06] == [
        "Nghị quyết số 06/NQ-CP của Chính phủ",
        "Nghị quyết số 06/NQ-CP của Chính phủ",
        "Nghị quyết số 06/NQ-CP của Chính phủ tới",
        "Nghị quyết 06/NQ-CP của Chính phủ",
    ]
    assert all(a.get("title") == "thực hiện: Nghị quyết 06/NQ-CP" for a in to_06)
    assert [a.get("id") for a in marks] == [f"trich-dan-{n}" for n in range(1, len(marks) + 1)]
    row = next(li for li in tree.select("#trich-dan-di li") if li.a.get("href") == Links("").document(NQ06))
    assert row.select_one(".ve-van-ban").get("href") == f"#{to_06[0].get('id')}"


def test_citation_lists_show_the_evidence_with_the_mention_in_bold(client: TestClient) -> None:
    tree = page(client, Links("").document(NQ06))
    incoming = tree.select("#duoc-trich-dan li")
    assert incoming
    first = next(li for li in incoming if L1127 in li.select("a")[0].get("href"))
    assert first.select(".can-cu strong")[0].text == "Nghị quyết số 06/NQ-CP của Chính phủ"
    assert "về phát triển thị trường lao động" in first.select(".can-cu")[0].get_text()
    assert "thực hiện" in text_of(first)


def test_the_implementers_tree_shows_each_link_with_its_evidence(client: TestClient) -> None:
    tree = page(client, Links("").document(NQ06))
    section = tree.select("#thuc-hien")[0]
    top = section.select("ul.cay > li")
    linked = {li.select(".nut > a")[0].get("href"): li for li in top}
    assert {Links("").document(d) for d in (L1127, TLD5890, HOSTILE_ID)} <= set(linked)
    # 1127 also under 5890, which 1127 says implements 06/NQ-CP: the route through the intermediate letter.
    under_5890 = linked[Links("").document(TLD5890)].select("ul > li .nut > a")
    assert Links("").document(L1127) in [a.get("href") for a in under_5890]
    evidence = linked[Links("").document(L1127)].select(".lien-ket .can-cu")[0].get_text()
    assert "Nghị quyết số 06/NQ-CP của Chính phủ" in evidence
    assert "Công văn 5890/TLĐ-CSPL" in text_of(section) and "chưa có văn bản" in text_of(section)


def test_the_depth_parameter_cuts_the_tree(client: TestClient) -> None:
    deep = page(client, Links("").document(NQ06, depth=3)).select("#thuc-hien ul.cay ul")
    shallow = page(client, Links("").document(NQ06, depth=1))
    assert deep and not shallow.select("#thuc-hien ul.cay ul")
    assert "Còn văn bản ở tầng sâu hơn" in text_of(shallow.select("#thuc-hien")[0])
    assert shallow.select("#depth option[selected]")[0].get("value") == "1"


def test_the_implements_chain_goes_up_to_the_root(client: TestClient) -> None:
    tree = page(client, Links("").document(L1127))
    chain = tree.select("#chuoi-thuc-hien")[0]
    hrefs = [a.get("href") for a in chain.select(".nut > a")]
    assert Links("").document(NQ06) in hrefs and Links("").document(TLD5890) in hrefs
    assert chain.select(".can-cu strong")


def test_a_placeholder_has_a_page_with_who_cites_it(client: TestClient) -> None:
    tree = page(client, Links("").document(TLD5890))
    text = text_of(tree)
    assert "chưa có văn bản trong hệ thống" in text
    assert not tree.select("#noi-dung")
    assert Links("").document(L1127) in [a.get("href") for a in tree.select("#duoc-trich-dan a")]


def test_the_graph_is_an_iframe_of_the_neighbourhood_export(client: TestClient) -> None:
    tree = page(client, Links("").document(NQ06))
    iframe = tree.select("#do-thi iframe")[0]
    src = iframe.get("src")
    # A click on a document may take the window to its page, nothing else (no popups, no same origin).
    sandbox = ["allow-scripts", "allow-top-navigation-by-user-activation"]
    assert src == Links("").graph(NQ06) and iframe.get("sandbox") == sandbox
    response = client.get(src)
    assert response.status_code == 200 and response.headers["content-type"].startswith(HTML)
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "http" not in csp
    assert "sandbox allow-scripts allow-top-navigation-by-user-activation" in csp
    body = response.text
    assert '"url":"/van-ban/vn/lai-chau/ldld/2023/1127-ldld"' in body  # the page a click opens
    assert "Nghị quyết 06/NQ-CP" in body and "Công văn 1127/LĐLĐ" in body
    assert "<script src=" not in body and '<link rel="stylesheet" href="http' not in body
    assert SCRIPT not in body  # the hostile letter is a neighbour: its label stays text


# --- not found, odd ids ---------------------------------------------------------------------------------------


def test_an_unknown_id_is_a_vietnamese_404(client: TestClient) -> None:
    tree = page(client, "/van-ban/vn/cp/2099/khong-co", status=404)
    assert "Không tìm thấy văn bản" in text_of(tree) and "vn/cp/2099/khong-co" in text_of(tree)
    assert page(client, "/do-thi/vn/cp/2099/khong-co", status=404) is not None


def test_a_number_typed_as_an_id_suggests_the_document(client: TestClient) -> None:
    tree = page(client, "/van-ban/" + quote("1127/LĐLĐ"), status=404)
    assert Links("").document(L1127) in [a.get("href") for a in tree.select(".danh-sach a")]


@pytest.mark.parametrize(
    "odd",
    [
        "vn/x/2023/a b?c=1&d#e",
        "vn/hà-nội/2023/đ-ư",
        "vn//double/slash/",
        "<script>alert(1)</script>/x",
    ],
)
def test_ids_with_odd_characters_reach_the_route_whole(client: TestClient, odd: str) -> None:
    # (Ids with "%" in them are tested against a real server in test_pages_browser.py: the TestClient
    # percent-decodes paths twice.)
    tree = page(client, Links("").document(odd), status=404)
    # The page names exactly the id the link was made for: nothing lost to "?", "#", "%" or encoding.
    assert tree.select("q.tham-chieu")[0].text == odd


def test_the_links_of_the_pages_quote_ids() -> None:
    assert quote_id("vn/cp/2023/06-nq-cp") == "vn/cp/2023/06-nq-cp"
    assert quote_id("a b?c#d%") == "a%20b%3Fc%23d%25"
    assert Links("/lexgraph").document("vn/x", depth=2) == "/lexgraph/van-ban/vn/x?depth=2"
    assert Links("").home(tu_khoa="đất đai", so="") == "/?tu_khoa=%C4%91%E1%BA%A5t+%C4%91ai"


def test_ids_with_slashes_route_to_the_document(client: TestClient) -> None:
    for doc_id in (L1127, NQ06, TLD5890, HOSTILE_ID, HOSTILE_LAW_ID):
        tree = page(client, Links("").document(doc_id))
        assert tree.select("#thong-tin code")[0].text == doc_id


# --- hostile data and parameters ------------------------------------------------------------------------------


def assert_inert(html: str) -> None:
    """No hostile string reaches the page as markup: each is there only escaped, if at all."""
    for hostile in HOSTILE_STRINGS:
        assert hostile not in html, hostile
    tree = parse(html)
    for script in tree.find_all("script"):
        assert "alert" not in script.get_text() and str(script.get("src", "")).startswith("/static/")
    for element in tree.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.name, name)
            if name in ("href", "src", "action", "formaction"):  # where a javascript: URL would run
                assert not str(value).strip().lower().startswith("javascript:"), (element.name, name, value)


@pytest.mark.parametrize(
    "url",
    [
        Links("").document(HOSTILE_ID),
        Links("").document(HOSTILE_LAW_ID),
        Links("").document(NQ06),
        "/?tu_khoa=" + quote("xem"),
        "/?so=77%2FUBND",
        "/?co_quan=img",
        "/",
    ],
)
def test_hostile_titles_and_fields_render_as_text(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(response.text)


def test_the_hostile_letter_shows_its_fields_as_written(client: TestClient) -> None:
    tree = page(client, Links("").document(HOSTILE_ID))
    assert tree.select("h1")[0].text == "Công văn <script>alert(4)</script> 77/UBND-VX"
    assert SCRIPT in tree.select(".trich-yeu")[0].text
    marks = tree.select(".noi-dung a.trich-dan")
    assert [a.get_text() for a in marks] == [
        "Nghị quyết số 06/NQ-CP của Chính phủ",
        "Luật <script>alert(6)</script> năm 2020",
    ]
    assert marks[1].get("title") == "căn cứ: Luật <script>alert(6)</script> 2020"
    assert "<a href=javascript:alert(8)>bấm vào đây</a>" in tree.select(".noi-dung")[0].get_text()


INJECTIONS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE documents; --",
    "MATCH (n) DETACH DELETE n",
    "{{7*7}}{% raw %}",
    "${7*7}",
    "../../../../etc/passwd",
    "%00",
    "\x00\x01\x1f",
    "\u202e\ufeff",
    "%",
    "_",
    "*",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "javascript:alert(1)",
    "x" * 5000,
    "đ" * 300,
]
PARAMS = ["tu_khoa", "so", "loai", "co_quan", "tu_nam", "den_nam", "da_co", "trang", "so_dong"]


@pytest.mark.parametrize("value", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injections_in_every_parameter_are_harmless(client: TestClient, value: str) -> None:
    for name in PARAMS:
        response = client.get("/", params={name: value})
        assert response.status_code == 200, (name, response.text[:300])
        assert_inert(response.text)
    every = client.get("/", params=dict.fromkeys(PARAMS, value))
    assert every.status_code == 200
    assert_inert(every.text)
    lookup = client.get("/tra-cuu", params={"q": value}, follow_redirects=False)
    assert lookup.status_code in (200, 303, 404)
    assert_inert(lookup.text)
    for url in (Links("").document(NQ06), Links("").graph(NQ06)):
        response = client.get(url, params={"depth": value})
        assert response.status_code == 200
    for route in (Links("").document, Links("").graph):
        response = client.get(route(value))
        assert response.status_code in (200, 404), response.text[:300]
        if route is Links("").document:
            assert_inert(response.text)


def test_a_template_injection_is_shown_not_run(client: TestClient) -> None:
    tree = page(client, "/?tu_khoa=" + quote("{{7*7}}"))
    assert tree.select("#tu_khoa")[0].get("value") == "{{7*7}}"


# --- the text highlighter, alone ------------------------------------------------------------------------------


def edge(start: int | None, end: int | None, target: str = "t", relation: str = "cites") -> Edge:
    return Edge(
        source="s",
        target=target,
        relation=relation,  # type: ignore[arg-type]
        source_doc="s",
        evidence="Căn cứ Luật Đất đai;",
        start=start,
        end=end,
        mention="Luật Đất đai",
        confidence=0.9,
        cited_as="Luật Đất đai",
        resolution=Resolution(method="exact", confidence=1.0),
    )


def marked(text: str, edges: list[Edge]) -> str:
    return str(highlight(text, edges, lambda i: f"/van-ban/{i}", lambda i: f"<{i}>"))


def test_highlight_marks_each_span_and_escapes_the_rest() -> None:
    text = "<b>Căn cứ</b> Luật Đất đai & Luật Nhà ở"
    html = marked(text, [edge(14, 26, "a", "based_on"), edge(29, 39, "b")])
    assert html == (
        "&lt;b&gt;Căn cứ&lt;/b&gt; "
        '<a class="trich-dan rel-based_on" id="trich-dan-1" href="/van-ban/a" title="căn cứ: &lt;a&gt;">Luật Đất đai</a>'
        " &amp; "
        '<a class="trich-dan rel-cites" id="trich-dan-2" href="/van-ban/b" title="dẫn chiếu: &lt;b&gt;">Luật Nhà ở</a>'
    )


def test_highlight_leaves_out_spans_it_cannot_place() -> None:
    text = "Căn cứ Luật Đất đai"
    for bad in (edge(None, None), edge(-1, 3), edge(5, 5), edge(9, 4), edge(7, 99), edge(99, 120)):
        assert marked(text, [bad]) == text
    # Overlaps: the longer span at a start wins; one starting inside a marked span is dropped.
    spans = citation_spans(text, [edge(7, 11), edge(7, 19), edge(12, 19), edge(0, 6)])
    assert [(s.start, s.end) for s in spans] == [(0, 6), (7, 19)]


RESOLUTION = (
    "Căn cứ Nghị quyết số 06/NQ-CP ngày 06/01/2022 của Chính phủ; <b>Nghị quyết 06/NQ-CP</b> nêu rõ …"
)


def test_every_mention_finds_the_other_mentions_of_an_edges_document() -> None:
    first = RESOLUTION.index("Nghị quyết số 06")
    cited = edge(first, RESOLUTION.index(";"), "vn/cp/2022/06-nq-cp", "based_on")
    marks = every_mention(RESOLUTION, [cited])
    assert [RESOLUTION[e.start : e.end] for e in marks] == [
        "Nghị quyết số 06/NQ-CP ngày 06/01/2022 của Chính phủ",
        "Nghị quyết 06/NQ-CP",
    ]
    html = marked(RESOLUTION, marks)
    assert (
        html.count('href="/van-ban/vn/cp/2022/06-nq-cp"') == 2 and "&lt;b&gt;" in html and "<b>" not in html
    )


def test_every_mention_guesses_nothing_when_the_stored_span_is_no_mention() -> None:
    """A text changed since its extraction: the stored span is kept alone, no other mention borrows its edge."""
    stale = edge(0, 6, "vn/cp/2022/06-nq-cp")
    assert every_mention(RESOLUTION, [stale]) == [stale]
    assert every_mention("", []) == []


def test_edges_sharing_a_span_share_one_mark() -> None:
    html = marked("Luật Đất đai", [edge(0, 12, "a", "amends"), edge(0, 12, "b", "cites")])
    assert html.count("<a ") == 1 and 'title="sửa đổi, bổ sung: &lt;a&gt;\ndẫn chiếu: &lt;b&gt;"' in html


def test_attribute_values_cannot_break_out() -> None:
    html = marked('x" onclick="alert(1)', [edge(0, 20, 'a" onmouseover="alert(2)')])
    assert 'href="/van-ban/a&#34; onmouseover=&#34;alert(2)"' in html
    link = parse(html).a
    assert link is not None and list(link.attrs) == ["class", "id", "href", "title"]


def test_words_in_vietnamese() -> None:
    assert [relation_vi(r) for r in ("implements", "based_on", "guides", "amends", "replaces")] == [
        "thực hiện",
        "căn cứ",
        "hướng dẫn",
        "sửa đổi, bổ sung",
        "thay thế",
    ]
    assert [relation_vi(r) for r in ("repeals", "responds_to", "attaches", "cites")] == [
        "bãi bỏ",
        "trả lời",
        "kèm theo",
        "dẫn chiếu",
    ]
    assert date_vi("2023-02-03") == "03/02/2023" and date_vi("2023") == "2023" and date_vi(None) == ""
    parts = evidence_parts(edge(0, 1))
    assert (parts.before, parts.mention, parts.after) == ("Căn cứ ", "Luật Đất đai", ";")


# --- offline ----------------------------------------------------------------------------------------------------


def test_no_page_or_asset_names_an_external_address() -> None:
    for folder in (TEMPLATES, STATIC):
        for path in folder.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8").lower()
                assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


# --- when the server cannot answer ------------------------------------------------------------------------------


class BrokenStore:
    """A store whose every call fails as an unreachable server does."""

    url = "neo4j://graph.internal:7687"

    def __getattr__(self, name: str) -> Any:
        def fail(*_args: Any, **_kwargs: Any) -> Any:
            raise StoreError("neo4j://graph.internal:7687: cannot connect (secret detail)")

        return fail


@pytest.mark.parametrize("url", ["/", "/?so=1", "/tra-cuu?q=06%2FNQ-CP", "/van-ban/vn/x", "/do-thi/vn/x"])
def test_an_unreachable_store_is_a_vietnamese_503_that_names_no_host(url: str) -> None:
    client = TestClient(create_app(Settings(store=BrokenStore.url), BrokenStore()))  # type: ignore[arg-type]
    response = client.get(url)
    assert response.status_code == 503 and response.headers["content-type"].startswith(HTML)
    assert "Không truy cập được dữ liệu" in response.text
    assert "graph.internal" not in response.text and "secret" not in response.text


def test_without_the_exporter_the_iframe_says_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "_exporter", lambda: None)
    response = client.get(Links("").graph(NQ06))
    assert response.status_code == 503 and "Chức năng vẽ đồ thị chưa được cài đặt" in response.text


def test_a_cycle_in_a_tree_is_marked_and_not_expanded() -> None:
    a, b = (
        Document(id="vn/a", placeholder=False, number="1/A"),
        Document(id="vn/b", placeholder=True, number="2/B"),
    )
    looped = TreeNode(document=a, edges=[edge(0, 1, "vn/b", "implements")], cycle=True)
    tree = Tree(
        root=TreeNode(document=a, children=[TreeNode(document=b, children=[looped])]),
        relations=["implements"],
        max_depth=5,
        truncated=True,
    )
    macros = pages._env.get_template("_macros.html").module  # type: ignore[attr-defined]
    html = parse(str(macros.tree(Links(""), tree, {}, "trống")))
    assert "Đã có trên nhánh này (vòng lặp)" in text_of(html.select("ul.cay ul li")[0])
    assert "Cây đã được cắt bớt" in text_of(html)
    assert html.select("ul.cay ul li .can-cu strong")[0].get_text() == "Luật Đất đai"


def test_a_widely_cited_document_lists_the_first_citers_of_each_group_and_links_to_all_of_them(
    example_graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api import pages

    monkeypatch.setattr(pages, "INCOMING_SHOWN", 2)
    with open_store(f"sqlite:///{example_graph}") as store:
        law = store.lookup("Luật Tổ chức chính quyền địa phương 2015")
        edges = store.citations(law.id, "in")
        client = TestClient(create_app(Settings(store=store.url), store))
        tree = parse(client.get(f"/van-ban/{law.id}").text)
    citers = {e.source for e in edges}
    assert len(citers) < len(edges)  # the reason rows fold edges: more edges than documents
    assert f"Được trích dẫn ({len(citers)})" in text_of(tree.select_one(".muc-luc"))
    groups = tree.select("#duoc-trich-dan .nhom-quan-he")
    assert groups and all(len(g.select(".danh-sach-trich-dan > li")) <= 2 for g in groups)
    biggest = max(groups, key=lambda g: int(g.select_one(".dem").get_text().strip("()")))
    relation = biggest["id"].removeprefix("den-")
    total = len({e.source for e in edges if e.relation == relation})
    assert total > 2 and f"Hiển thị 2 trong số {total} văn bản" in text_of(biggest)
    assert biggest.select_one("p.trong a")["href"] == (
        f"/documents/{law.id}/cited-by?limit=10000&relation={relation}"
    )
