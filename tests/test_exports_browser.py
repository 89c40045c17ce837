"""The HTML export in a real browser (Debian's headless Chromium through Playwright): a document titled
`<script>alert(1)</script>` and one holding `href=javascript:` show as text in the tooltip and in the details
panel, no dialog ever opens, the page asks the network for nothing, and the layout stops moving once settled.

Without /usr/bin/chromium these tests are skipped, unless $CI is set: CI installs chromium, so there its absence
is a failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import Document, Edge, Resolution, Subgraph
from graph.exports import ExportOptions, render

SCRIPT = "<script>alert(1)</script>"
HREF = (
    '<a href="javascript:alert(2)">Quyết định mới</a> <img src=x onerror=alert(3)> href=javascript:alert(4)'
)
ROOT = "vn/cp/2023/06-nq-cp"


def _edge(source: str, evidence: str) -> Edge:
    return Edge(
        source=source,
        target=ROOT,
        relation="implements",
        source_doc=source,
        evidence=evidence,
        confidence=0.9,
        cited_as="06/NQ-CP",
        resolution=Resolution(method="exact", confidence=1.0),
    )


def _hostile() -> Subgraph:
    documents = [
        Document(id=ROOT, placeholder=False, number="06/NQ-CP", doc_type="Nghị quyết", issuer="Chính phủ"),
        Document(
            id="vn/x/2024/script", placeholder=False, doc_type="Công văn", subject=SCRIPT, issuer=SCRIPT
        ),
        Document(id="vn/x/2024/href", placeholder=True, doc_type="Quyết định", subject=HREF),
    ]
    edges = [_edge("vn/x/2024/href", f"Thực hiện {HREF}"), _edge("vn/x/2024/script", f"Căn cứ {SCRIPT}")]
    return Subgraph(documents=documents, edges=edges)


class Page:
    """A page opened from a file, with every dialog, request and console error it causes."""

    def __init__(self, browser: Any, html: bytes, folder: Path) -> None:
        path = folder / "graph.html"
        path.write_bytes(html)
        self.url = path.as_uri()
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        # Laid out, and physics switched off for good.
        self.page.wait_for_function(
            "window.lexgraph && window.lexgraph.network.physics.options.enabled === false"
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_point(self, node_id: str) -> tuple[float, float]:
        box = self.page.locator("#lexgraph-network").bounding_box()
        point = self.page.evaluate(
            "id => { const n = window.lexgraph.network; return n.canvasToDOM(n.getPositions([id])[id]); }",
            node_id,
        )
        return box["x"] + point["x"], box["y"] + point["y"]

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def hostile_page(browser: Any, tmp_path: Path) -> Iterator[Page]:
    page = Page(browser, render(_hostile(), "html", root="vn/x/2024/script").payload(), tmp_path)
    yield page
    page.close()


def test_a_script_title_is_text_in_heading_tooltip_and_details(hostile_page: Page) -> None:
    page = hostile_page.page
    assert page.locator("h1").inner_text() == SCRIPT
    x, y = hostile_page.node_point("vn/x/2024/script")
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert SCRIPT in tooltip.inner_text()
    assert tooltip.locator(":not(br)").count() == 0  # text: its line breaks are the only elements
    page.mouse.click(x, y)
    details = page.locator("#lexgraph-details")
    assert SCRIPT in details.inner_text() and details.locator("*").count() == 0
    page.wait_for_timeout(300)
    assert hostile_page.dialogs == []


def test_an_href_javascript_title_is_text_and_never_a_link(hostile_page: Page) -> None:
    page = hostile_page.page
    x, y = hostile_page.node_point("vn/x/2024/href")
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert "href=javascript:alert(4)" in tooltip.inner_text()
    assert page.locator("a, img").count() == 0
    page.mouse.click(x, y)
    page.locator("#lexgraph-details").click()
    page.wait_for_timeout(300)
    assert hostile_page.dialogs == []
    assert 'href="javascript:alert(2)"' in page.locator("#lexgraph-details").inner_text()


def test_the_page_fetches_nothing_and_reports_no_error(browser: Any, tmp_path: Path) -> None:
    for layout in ("hierarchical", "force"):
        page = Page(
            browser, render(_hostile(), "html", options=ExportOptions(layout=layout)).payload(), tmp_path
        )
        try:
            assert page.requests == [page.url], page.requests
            assert page.errors == [], page.errors
            assert page.page.evaluate("window.lexgraph.nodes.length") == 3
        finally:
            page.close()


def test_the_resolution_is_drawn_above_the_letters(hostile_page: Page) -> None:
    _, root_y = hostile_page.node_point(ROOT)
    _, letter_y = hostile_page.node_point("vn/x/2024/script")
    assert root_y < letter_y


# --- parallel citations, edge clicks, document links --------------------------------------------------------

LAW = "vn/qh14/2020/63-2020-qh14"
DECREE = "vn/cp/2016/34-2016-nd-cp"


def _citation(source: str, target: str, relation: str, evidence: str) -> Edge:
    return Edge(
        source=source,
        target=target,
        relation=relation,  # type: ignore[arg-type]
        source_doc=source,
        evidence=evidence,
        confidence=0.9,
        cited_as=target,
        resolution=Resolution(method="exact", confidence=1.0),
    )


def _parallel() -> Subgraph:
    """The decree 154/2020 amends the decree 34/2016, is based on it twice (two sentences: one line, both
    sentences in its tooltip), and the law 63/2020 names the decree 154/2020 (the opposite way)."""
    decree_154 = "vn/cp/2020/154-2020-nd-cp"
    documents = [
        Document(id=DECREE, placeholder=True, number="34/2016/NĐ-CP", doc_type="Nghị định"),
        Document(id=decree_154, placeholder=False, number="154/2020/NĐ-CP", doc_type="Nghị định"),
        Document(id=LAW, placeholder=False, number="63/2020/QH14", doc_type="Luật"),
    ]
    edges = [
        _citation(decree_154, DECREE, "based_on", "Căn cứ Nghị định số 34/2016/NĐ-CP;"),
        _citation(decree_154, DECREE, "based_on", "theo Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016"),
        _citation(
            decree_154, DECREE, "amends", "Sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP"
        ),
        _citation(DECREE, decree_154, "cites", "xem Nghị định số 154/2020/NĐ-CP"),
        _citation(LAW, decree_154, "cites", "Nghị định số 154/2020/NĐ-CP"),
    ]
    return Subgraph(documents=documents, edges=edges)


def _edge_point(page: Page, edge_id: str) -> tuple[float, float]:
    """Where the drawn line of `edge_id` is at its middle, in the page (vis-network's own geometry of it)."""
    box = page.page.locator("#lexgraph-network").bounding_box()
    point = page.page.evaluate(
        """id => { const n = window.lexgraph.network; const e = n.body.edges[id];
                   const p = e.edgeType.getPoint(0.5); return n.canvasToDOM({x: p.x, y: p.y}); }""",
        edge_id,
    )
    return box["x"] + point["x"], box["y"] + point["y"]


def test_every_line_between_two_documents_is_apart_and_clicks_to_its_own_tooltip(
    browser: Any, tmp_path: Path
) -> None:
    page = Page(browser, render(_parallel(), "html").payload(), tmp_path)
    try:
        edges = page.page.evaluate("window.lexgraph.edges.get()")
        assert sorted(e["id"] for e in edges) == [
            "e0",
            "e1",
            "e2",
            "e3",
        ]  # 5 citations: based_on twice is one line
        points = {e["id"]: _edge_point(page, e["id"]) for e in edges}
        # No two lines pass through the same middle: each can be seen and clicked.
        for a in points:
            for b in points:
                if a < b:
                    assert abs(points[a][0] - points[b][0]) + abs(points[a][1] - points[b][1]) > 8, (a, b)
        for edge in edges:
            page.page.mouse.click(*points[edge["id"]])
            details = page.page.locator("#lexgraph-details").inner_text()
            assert details == edge["title"], (edge["id"], details)
        based_on = next(e for e in edges if e["relation"] == "based_on")["title"]
        assert "Căn cứ Nghị định số 34/2016/NĐ-CP;" in based_on and "ngày 14 tháng 5 năm 2016" in based_on
        assert "5 trích dẫn trên 4 đường nối" in page.page.locator(".summary").inner_text()
        assert page.errors == []
    finally:
        page.close()


def test_a_click_on_a_document_opens_its_page(browser: Any, tmp_path: Path) -> None:
    options = ExportOptions(document_url="https://lexgraph.example/van-ban/")
    page = Page(browser, render(_parallel(), "html", options=options).payload(), tmp_path)
    try:
        page.page.context.route(
            "https://lexgraph.example/**",
            lambda route: route.fulfill(body="trang văn bản", content_type="text/plain"),
        )
        with page.page.expect_popup() as popup:
            page.page.mouse.click(*page.node_point(LAW))
        popup.value.wait_for_load_state()
        assert popup.value.url == "https://lexgraph.example/van-ban/vn/qh14/2020/63-2020-qh14"
        assert (
            LAW in page.page.locator("#lexgraph-details").inner_text()
        )  # and the graph shows what was opened
        popup.value.close()
    finally:
        page.close()


def test_without_a_site_a_click_on_a_document_only_shows_it(browser: Any, tmp_path: Path) -> None:
    page = Page(browser, render(_parallel(), "html").payload(), tmp_path)
    try:
        popups: list[Any] = []
        page.page.on("popup", lambda popup: popups.append(popup))
        page.page.mouse.click(*page.node_point(LAW))
        page.page.wait_for_timeout(300)
        assert popups == [] and LAW in page.page.locator("#lexgraph-details").inner_text()
    finally:
        page.close()
