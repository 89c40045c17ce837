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
