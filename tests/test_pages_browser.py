"""The browse pages end to end in a real browser: Debian's headless Chromium (/usr/bin/chromium) driven by
Playwright for Python, against the app served by uvicorn on a free loopback port.

Playwright's own browser download does not work here, so the browser is the system's, named by
`executable_path`. Without it these tests are skipped with the reason; under CI (the CI variable set) they fail
instead, so that a CI image without Chromium cannot pass unnoticed.

The graph is the example corpus plus the hostile letter of tests/pages_examples.py."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from bs4 import BeautifulSoup
from pages_examples import HOSTILE_ID, HOSTILE_LAW_ID, L1127, NQ06, SCRIPT, pages_graph

from api.app import create_app
from api.pages import Links
from api.settings import Settings
from graph import open_store

TIMEOUT_MS = 20_000  # two shared cores: a cold Chromium and a 700 kB graph page can take a while
LINKS = Links("")


# --- the server ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(example_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a real server: uvicorn in a thread, on a socket bound to a free loopback port first (no race
    for the port between choosing it and listening on it)."""
    path = pages_graph(example_graph, tmp_path_factory.mktemp("pages-browser"))
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        app = create_app(Settings(store=url), store)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()


# --- the browser --------------------------------------------------------------------------------------------------


class Watched:
    """A page with what it did recorded: every request's URL, every dialog (answered: a dialog left open would
    hang the page), and console errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_all_local(self, base_url: str) -> None:
        outside = [u for u in self.requests if not (u.startswith(base_url + "/") or u.startswith("data:"))]
        assert not outside, outside
        assert not [e for e in self.errors if "Content Security Policy" in e], self.errors


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def graph_canvas(watched: Watched) -> Any:
    """The neighbourhood graph's iframe, scrolled into view (it loads lazily), once vis-network has drawn."""
    page = watched.page
    page.locator("#do-thi iframe").scroll_into_view_if_needed()
    frame = page.frame_locator("#do-thi iframe")
    frame.locator("canvas").wait_for(state="visible")
    return frame


def graph_frame(watched: Watched) -> Any:
    frame = next(f for f in watched.page.frames if "/do-thi/" in f.url)
    frame.wait_for_function("window.lexgraph && window.lexgraph.network")
    return frame


# --- the tests ----------------------------------------------------------------------------------------------------


def test_search_open_a_document_follow_a_citation_and_see_its_graph(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/")
    assert page.title() == "Tra cứu văn bản · lexgraph"
    assert page.locator("h1").inner_text() == "Tìm văn bản"

    # Words typed without diacritics find the letter whose subject has them.
    page.fill("#tu_khoa", "thi truong lao dong")
    page.click("form.bieu-mau button[type=submit]")
    page.wait_for_url(re.compile(r"/\?tu_khoa=thi\+truong\+lao\+dong"))
    result = page.locator(".ket-qua-tim a", has_text="Công văn 1127/LĐLĐ")
    result.click()
    page.wait_for_url(base_url + LINKS.document(L1127))
    assert page.locator("h1").inner_text() == "Công văn 1127/LĐLĐ"
    assert "thị trường lao động" in page.locator(".trich-yeu").inner_text()

    # The citation in the text: hovering shows its relation; following it opens the cited resolution.
    # The resolution is named four times in the letter: every mention is marked; the first is followed.
    mark = page.locator(".noi-dung a.trich-dan", has_text="Nghị quyết số 06/NQ-CP của Chính phủ").first
    mark.hover()
    assert mark.get_attribute("title") == "thực hiện: Nghị quyết 06/NQ-CP"
    assert mark.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # the hover style took effect
    mark.click()
    page.wait_for_url(base_url + LINKS.document(NQ06))
    assert "chưa có văn bản trong hệ thống" in page.locator(".thong-bao").inner_text()

    # The implementers tree, each link with the sentence that states it.
    tree = page.locator("#thuc-hien ul.cay")
    assert "Công văn 1127/LĐLĐ" in tree.inner_text() and "Công văn 5890/TLĐ-CSPL" in tree.inner_text()
    strong = tree.locator(".can-cu strong", has_text="Nghị quyết số 06/NQ-CP của Chính phủ").first
    assert strong.is_visible()

    # The neighbourhood graph draws in its iframe, from this server alone.
    graph_canvas(watched)
    frame = graph_frame(watched)
    drawn = frame.evaluate("Object.keys(window.lexgraph.network.getPositions()).sort()")
    assert NQ06 in drawn and L1127 in drawn
    watched.assert_all_local(base_url)
    assert any("/do-thi/" in u for u in watched.requests)
    assert not watched.dialogs


def test_lookup_by_citation_text(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/")
    page.fill("#q-dau-trang", "Công văn số 1127/LĐLĐ của Liên đoàn Lao động tỉnh Lai Châu")
    page.press("#q-dau-trang", "Enter")
    page.wait_for_url(base_url + LINKS.document(L1127))
    page.fill("#q-dau-trang", "Nghị quyết 99/NQ-XX")
    page.press("#q-dau-trang", "Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Không tìm thấy văn bản"
    watched.assert_all_local(base_url)


def test_the_api_documentation_renders_offline(watched: Watched, base_url: str) -> None:
    """Swagger UI draws every operation from this server's own copy of its script: nothing leaves the server."""
    page = watched.page
    page.goto(base_url + "/docs")
    page.locator(".opblock-summary-path", has_text="/resolve").first.wait_for(state="visible")
    assert page.locator(".opblock").count() >= 10
    watched.assert_all_local(base_url)


def test_search_results_fit_a_390_px_phone(browser: Any, base_url: str) -> None:
    """On an iPhone-sized screen nothing is wider than the screen: no sideways scrolling to read a result."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        for url in (
            "/?loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&so_dong=30",
            LINKS.document(L1127),
            LINKS.document("vn/qh15/2023/27-2023-qh15"),  # the Lược đồ's filters: long issuer names
            "/",
        ):
            page.goto(base_url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (url, width)
        page.goto(base_url + "/?loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh")
        assert page.locator(".ket-qua-tim tbody tr").first.is_visible()
        assert page.locator("a[rel=next]", has_text="Trang sau").is_visible()
    finally:
        context.close()


def test_a_hostile_document_stays_text_everywhere(watched: Watched, base_url: str) -> None:
    page = watched.page
    for doc_id in (HOSTILE_ID, HOSTILE_LAW_ID, NQ06):
        page.goto(base_url + LINKS.document(doc_id))
        # No script element at all on the page: the pages have none of their own, and data makes none.
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("img").count() == 0
        for mark in page.locator(".noi-dung a.trich-dan").all():
            mark.hover()
    page.goto(base_url + LINKS.document(HOSTILE_ID))
    assert page.locator("h1").inner_text() == "Công văn <script>alert(4)</script> 77/UBND-VX"
    assert SCRIPT in page.locator(".trich-yeu").inner_text()
    assert page.title() == "Công văn <script>alert(4)</script> 77/UBND-VX · lexgraph"
    law = page.locator(".noi-dung a.trich-dan", has_text="Luật <script>alert(6)</script> năm 2020")
    assert law.get_attribute("title") == "căn cứ: Luật <script>alert(6)</script> 2020"

    # In the graph: hover each document (its tooltip); nothing runs. A click opens the document's page (below).
    graph_canvas(watched)
    frame = graph_frame(watched)
    box = page.locator("#do-thi iframe").bounding_box()
    positions = frame.evaluate(
        """() => { const n = window.lexgraph.network, p = n.getPositions();
                   const r = document.querySelector("canvas").getBoundingClientRect();
                   return Object.fromEntries(Object.entries(p).map(([id, xy]) => {
                     const d = n.canvasToDOM(xy); return [id, {x: d.x + r.left, y: d.y + r.top}]; })); }"""
    )
    assert HOSTILE_ID in positions and HOSTILE_LAW_ID in positions
    for doc_id in sorted(positions, key=lambda i: i == HOSTILE_LAW_ID):  # the hostile law last
        x, y = box["x"] + positions[doc_id]["x"], box["y"] + positions[doc_id]["y"]
        page.mouse.move(x, y)
        page.wait_for_timeout(400)  # vis-network shows a tooltip after a short delay
    # The tooltip shows the law's name as written.
    assert "Luật <script>alert(6)</script> 2020" in frame.evaluate("document.body.innerText")
    handlers = frame.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"
    )
    assert handlers == 0
    # Sandboxed: the graph's script runs in an origin of its own and cannot reach the page around it.
    assert (
        frame.evaluate("(() => { try { return parent.document.title; } catch (e) { return 'chặn'; } })()")
        == "chặn"
    )
    assert frame.evaluate("window.origin") == "null"
    # A click on the hostile law takes the window to its page, which this server serves (a link, not a script).
    page.mouse.click(x, y)
    page.wait_for_url(base_url + LINKS.document(HOSTILE_LAW_ID))
    assert page.locator("h1").inner_text().startswith("Luật <script>alert(6)</script>")
    assert not watched.dialogs, watched.dialogs
    watched.assert_all_local(base_url)


def test_the_pages_work_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.fill("#so", "1127")
        page.click("form.bieu-mau button[type=submit]")
        page.locator(".ket-qua-tim a", has_text="Công văn 1127/LĐLĐ").click()
        page.wait_for_url(base_url + LINKS.document(L1127))
        page.select_option("#depth", "1")
        page.click("#thuc-hien button[type=submit]")
        page.wait_for_url(re.compile(r"depth=1"))
        assert page.locator("h1").inner_text() == "Công văn 1127/LĐLĐ"
    finally:
        context.close()


@pytest.mark.parametrize(
    "odd",
    ["vn/x/2023/100%25-ok", "vn/x/2023/a%2Fb", "vn/x/2023/a b?c=1&d#e", "vn/hà-nội/2023/đ-ư", "%"],
)
def test_ids_with_odd_characters_reach_the_route_whole(base_url: str, odd: str) -> None:
    """Through a real server (the TestClient decodes "%" twice): the page names exactly the id linked to."""
    response = httpx.get(base_url + LINKS.document(odd))
    assert response.status_code == 404
    named = BeautifulSoup(response.text, "html.parser").select_one("q.tham-chieu")
    assert named is not None and named.get_text() == odd


def test_the_lineage_filters_and_sorts_without_javascript(browser: Any, base_url: str) -> None:
    """Luật Nhà ở 27/2023/QH15's "Lược đồ": grouped by relation, one row per document; the filter form is a plain
    GET form, so choosing "Thông tư" and pressing "Lọc" works with scripts off."""
    from conftest import screenshot

    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(base_url + LINKS.document("vn/qh15/2023/27-2023-qh15"))
        rows = page.locator("#duoc-trich-dan li.dong-luoc-do")
        assert rows.count() == 7
        assert page.locator("#den-amends summary").inner_text() == "4 câu trích dẫn khác"
        page.locator("#den-amends summary").click()  # <details> opens without script
        assert page.locator("#den-amends details li").first.is_visible()
        screenshot(page, "luoc-do-luat-nha-o")
        page.select_option("#loc-loai", "Thông tư")
        page.select_option("#loc-sap-xep", "so")
        page.click(".loc-luoc-do button[type=submit]")
        page.wait_for_url(re.compile(r"loai=Th%C3%B4ng\+t%C6%B0&.*sap_xep=so"))
        assert [a.inner_text() for a in page.locator("#duoc-trich-dan li.dong-luoc-do > a").all()] == [
            "Thông tư 11/2024/TT-BNV",
            "Thông tư 56/2024/TT-BTC",
        ]
        screenshot(page, "luoc-do-loc-thong-tu")
        page.click("a.bo-loc")
        assert rows.count() == 7
    finally:
        context.close()
