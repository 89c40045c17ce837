"""The REST service, as analysts and their scripts use it: JSON answers with the sentence behind every link,
RFC 9457 problems for every failure, API keys on writes, limits on uploads.

The graph is the example corpus (real annotated documents): 1127/LĐLĐ of Lai Châu implements Nghị quyết 06/NQ-CP
directly and through 5890/TLĐ-CSPL, which it says implements 06/NQ-CP too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from example_corpus import EXAMPLE_DOCUMENTS
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.uploads import safe_name
from api.settings import Settings
from graph import GraphStore, StoreError, open_store

L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
NQ06 = "vn/cp/undated/06-nq-cp"
TLD5890 = "vn/tld/2023/5890-tld-cspl"
KEY = "khoa-bi-mat-3f9a2c"  # header values are ASCII
AUTH = {"Authorization": f"Bearer {KEY}"}
PROBLEM = "application/problem+json"

LETTER = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 77/UBND-VX
Lai Châu, ngày 10 tháng 3 năm 2023

V/v triển khai thực hiện Công văn số 1127/LĐLĐ

Kính gửi: Các sở, ban, ngành tỉnh.

Thực hiện Công văn số 1127/LĐLĐ ngày 03/02/2023 của Liên đoàn Lao động tỉnh Lai Châu, Ủy ban nhân dân tỉnh
đề nghị các cơ quan, đơn vị triển khai thực hiện.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def client_for(path: Path, **settings: Any) -> Iterator[tuple[TestClient, GraphStore]]:
    with open_store(f"sqlite:///{path}") as store:
        app = create_app(Settings(store=f"sqlite:///{path}", **settings), store)
        with TestClient(app) as client:
            yield client, store


@pytest.fixture
def api(example_graph: Path) -> Iterator[TestClient]:
    """Reads only, on the shared example graph."""
    for client, _ in client_for(example_graph):
        yield client


@pytest.fixture
def writable(example_graph_copy: Path) -> Iterator[tuple[TestClient, GraphStore]]:
    yield from client_for(example_graph_copy, api_keys=[KEY])


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


# --- reading ----------------------------------------------------------------------------------------------------


def test_health_says_the_store_answers(api: TestClient) -> None:
    body = api.get("/health").json()
    assert body == {"status": "ok", "store": f"sqlite:///{api.app.state.store.file}"}  # type: ignore[attr-defined]


def test_health_is_a_503_problem_when_the_store_fails(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = api.app.state.store  # type: ignore[attr-defined]

    def broken() -> None:
        raise StoreError("graph.db is locked by another writer (waited 5 s); try again when it has finished")

    monkeypatch.setattr(store, "get", lambda _id: broken())
    assert "locked" in problem(api.get("/health"), 503)["detail"]


def test_search_by_words_with_or_without_diacritics_and_by_number(api: TestClient) -> None:
    with_marks = api.get("/documents", params={"words": "thị trường lao động", "placeholders": False}).json()
    without = api.get("/documents", params={"words": "thi truong lao dong", "placeholders": False}).json()
    assert L1127 in [d["id"] for d in with_marks["items"]]
    assert [d["id"] for d in with_marks["items"]] == [d["id"] for d in without["items"]]
    by_number = api.get("/documents", params={"number": "1127/LĐLĐ"}).json()["items"]
    assert [d["id"] for d in by_number] == [L1127]


def test_search_pages_through_results(api: TestClient) -> None:
    pages = []
    while not pages or pages[-1]["more"]:
        params = {"placeholders": False, "limit": 20, "offset": 20 * len(pages)}
        pages.append(api.get("/documents", params=params).json())
    assert len(pages) == -(-EXAMPLE_DOCUMENTS // 20) and all(len(p["items"]) == 20 for p in pages[:-1])
    ids = [d["id"] for page in pages for d in page["items"]]
    assert len(ids) == len(set(ids)) == EXAMPLE_DOCUMENTS


def test_search_by_type_and_year(api: TestClient) -> None:
    items = api.get("/documents", params={"type": "Luật", "year": 2024, "placeholders": False}).json()[
        "items"
    ]
    assert items and all(d["doc_type"] == "Luật" and d["issue_date"].startswith("2024") for d in items)


def test_a_date_bound_that_is_not_in_the_calendar_is_a_422_problem(api: TestClient) -> None:
    for bound in ("2025-13-01", "2023-02-30"):
        body = problem(api.get("/documents", params={"date_from": bound}), 422)
        assert "không phải là một năm hay ngày hợp lệ / is not a valid year or date" in body["detail"]
    assert api.get("/documents", params={"date_from": "2024-02-29"}).status_code == 200


def test_a_document_with_its_text_and_the_offsets_of_each_citation_in_it(api: TestClient) -> None:
    body = api.get(f"/documents/{L1127}").json()
    assert body["document"]["number"] == "1127/LĐLĐ"
    text = body["text"]
    assert text and "Nghị quyết số 06/NQ-CP" in text
    for edge in body["citations"]:
        if edge["source_doc"] == L1127 and edge["start"] is not None and edge["mention"]:
            assert text[edge["start"] : edge["end"]] == edge["mention"]
    assert {e["target"] for e in body["citations"]} >= {NQ06, TLD5890}


def test_a_placeholder_has_no_text_but_lists_who_cites_it(api: TestClient) -> None:
    body = api.get(f"/documents/{NQ06}", params={"text": True}).json()
    assert body["document"]["placeholder"] and body["text"] is None
    assert {e["source"] for e in body["cited_by"]} == {L1127, TLD5890}


def test_an_unknown_id_is_a_404_problem(api: TestClient) -> None:
    body = problem(api.get("/documents/vn/cp/2099/999-nq-cp"), 404)
    assert body["instance"] == "/documents/vn/cp/2099/999-nq-cp"


def test_resolve_reads_citation_text_as_the_ingest_does(api: TestClient) -> None:
    for ref in ("Nghị quyết số 06/NQ-CP của Chính phủ", "Nghị quyết 06/NQ-CP", "NQ 06/NQ-CP", "06/NQ-CP"):
        body = api.get("/resolve", params={"ref": ref}).json()
        assert [d["id"] for d in body["documents"]] == [NQ06], ref
        assert body["parsed"]["number"] == "06/NQ-CP"


def test_resolve_a_type_and_a_bare_number(api: TestClient) -> None:
    """ "Quy chế 4859" as people say it: the one Quy chế numbered 4859; "Quyết định 30": every Quyết định 30/…,
    never 130/… nor 300/…."""
    one = api.get("/resolve", params={"ref": "Quy chế 4859"}).json()["documents"]
    assert [d["number"] for d in one] == ["4859/QCPH-UBND-LĐLĐ"]
    several = api.get("/resolve", params={"ref": "quyết định số 30"}).json()["documents"]
    assert sorted(d["number"] for d in several) == ["30/2008/QĐ-TTg", "30/2021/QĐ-UBND"]
    dated = api.get("/resolve", params={"ref": "Quyết định 30 năm 2021"}).json()["documents"]
    assert [d["number"] for d in dated] == ["30/2021/QĐ-UBND"]
    problem(api.get("/resolve", params={"ref": "Quy chế 485"}), 404)


def test_resolve_of_nothing_known_is_a_404_with_close_matches(api: TestClient) -> None:
    body = problem(api.get("/resolve", params={"ref": "Công văn 1128/LĐLĐ"}), 404)
    assert "suggestions" in body


def test_implementers_of_06_nq_cp_show_1127_directly_and_through_5890_with_the_sentences(
    api: TestClient,
) -> None:
    tree = api.get(f"/documents/{NQ06}/implementers", params={"depth": 3}).json()
    children = {c["document"]["id"]: c for c in tree["root"]["children"]}
    assert set(children) == {L1127, TLD5890}
    assert "thực hiện Nghị quyết số 06/NQ-CP" in children[L1127]["edges"][0]["evidence"]
    through = children[TLD5890]
    assert through["edges"][0]["asserted_by"] == L1127
    assert [c["document"]["id"] for c in through["children"]] == [L1127]


def test_implements_goes_up_from_the_letter(api: TestClient) -> None:
    tree = api.get(f"/documents/{L1127}/implements").json()
    assert {c["document"]["id"] for c in tree["root"]["children"]} == {NQ06, TLD5890}


def test_depth_zero_is_the_root_alone_and_too_deep_is_refused(api: TestClient) -> None:
    tree = api.get(f"/documents/{NQ06}/implementers", params={"depth": 0}).json()
    assert tree["root"]["children"] == [] and tree["root"]["truncated"]
    problem(api.get(f"/documents/{NQ06}/implementers", params={"depth": 99}), 422)


def test_citations_and_cited_by_filter_by_relation(api: TestClient) -> None:
    implements = api.get(f"/documents/{L1127}/citations", params={"relation": "implements"}).json()
    assert implements and all(e["relation"] == "implements" for e in implements)
    none = api.get(f"/documents/{L1127}/citations", params={"relation": "repeals"}).json()
    assert none == []
    cited_by = api.get(f"/documents/{NQ06}/cited-by").json()
    assert {e["source"] for e in cited_by} == {L1127, TLD5890}


def test_an_unknown_relation_is_a_422_problem_naming_the_parameter(api: TestClient) -> None:
    body = problem(api.get(f"/documents/{L1127}/citations", params={"relation": "thực hiện"}), 422)
    assert body["errors"][0]["loc"] == ["query", "relation", 0]


def test_path_from_the_letter_to_the_resolution(api: TestClient) -> None:
    body = api.get("/paths", params={"from": "Công văn 1127/LĐLĐ", "to": "Nghị quyết 06/NQ-CP"}).json()
    steps = body["steps"]
    assert len(steps) == 1 and steps[0]["source"]["id"] == L1127 and steps[0]["target"]["id"] == NQ06


def test_no_path_is_a_404_problem(api: TestClient) -> None:
    body = problem(api.get("/paths", params={"from": NQ06, "to": L1127}), 404)
    assert body["title"] == "No path"


def test_graph_gives_nodes_and_edges_around_a_document(api: TestClient) -> None:
    body = api.get("/graph", params={"root": "06/NQ-CP", "depth": 1}).json()
    ids = {d["id"] for d in body["documents"]}
    assert {NQ06, L1127, TLD5890} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])


def test_missing_most_cited_and_stats(api: TestClient) -> None:
    missing = api.get("/missing", params={"limit": 5}).json()
    assert len(missing) == 5 and all(m["document"]["placeholder"] for m in missing)
    counts = [m["citing_documents"] for m in missing]
    assert counts == sorted(counts, reverse=True)
    assert api.get("/most-cited", params={"relation": "based_on", "limit": 3}).json()
    stats = api.get("/stats").json()
    assert stats["documents"] == EXAMPLE_DOCUMENTS and stats["edges"] > 300


INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE documents; --",
    '") RETURN n //',
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "Nghị quyết 06/NQ-CP' }) DETACH DELETE n //",
    "é" * 300,
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_any_parameter_are_only_text(api: TestClient, value: str) -> None:
    for path, params in (
        ("/documents", {"words": value, "number": value, "issuer": value, "type": value}),
        ("/resolve", {"ref": value}),
        ("/paths", {"from": value, "to": "06/NQ-CP"}),
        ("/graph", {"root": value}),
        (f"/documents/{quote(value, safe='/')}", {}),
        (f"/documents/{quote(value, safe='/')}/implementers", {}),
    ):
        response = api.get(path, params=params)
        assert response.status_code in (200, 404, 409, 422), (path, response.text)
    assert api.get("/stats").json()["documents"] == EXAMPLE_DOCUMENTS


@pytest.mark.parametrize(
    ("page", "assets"),
    [
        ("/docs", {"swagger-ui-bundle.js": "javascript", "swagger-ui.css": "text/css"}),
        ("/redoc", {"redoc.standalone.js": "javascript"}),
    ],
)
def test_the_api_documentation_loads_nothing_from_outside(
    api: TestClient, page: str, assets: dict[str, str]
) -> None:
    """Swagger UI and ReDoc come from this server (the fastapi-offline package), not from a CDN: /docs works on a
    machine without internet."""
    html = api.get(page).text
    assert not re.findall(r"(?:https?:)?//[\w.-]+\.\w", html), "an address outside the server"
    soup = BeautifulSoup(html, "html.parser")
    urls = [str(tag.get("src") or tag.get("href")) for tag in soup.select("script[src], link[href]")]
    for name, kind in assets.items():
        url = next((u for u in urls if u.endswith("/" + name)), None)
        assert url is not None, (name, urls)
        assert kind in api.get(url).headers["content-type"]
    assert all(api.get(url).status_code == 200 for url in [*urls, "/openapi.json"])


def test_reads_can_be_closed_by_configuration(example_graph: Path) -> None:
    for client, _ in client_for(example_graph, api_keys=[KEY], reads_need_key=True):
        problem(client.get("/documents"), 401)
        assert client.get("/documents", headers=AUTH).status_code == 200


def test_cors_answers_only_the_configured_origins(example_graph: Path) -> None:
    for client, _ in client_for(example_graph, cors_origins=["https://phapche.example.vn"]):
        allowed = client.get("/stats", headers={"Origin": "https://phapche.example.vn"})
        other = client.get("/stats", headers={"Origin": "https://evil.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://phapche.example.vn"
        assert "access-control-allow-origin" not in other.headers


# --- writing ----------------------------------------------------------------------------------------------------


def upload(client: TestClient, *files: tuple[str, bytes], headers: dict[str, str] | None = AUTH) -> Any:
    parts = [("files", (name, io.BytesIO(data), "application/octet-stream")) for name, data in files]
    return client.post("/documents", files=parts, headers=headers)


def test_writes_need_a_key(writable: tuple[TestClient, GraphStore]) -> None:
    client, store = writable
    before = store.stats()
    body = problem(upload(client, ("77.txt", LETTER.encode()), headers=None), 401)
    assert "API key" in body["detail"]
    wrong = upload(client, ("77.txt", LETTER.encode()), headers={"Authorization": "Bearer sai-khoa"})
    assert problem(wrong, 401)["detail"] == "the API key is not valid"
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    problem(client.delete(f"/documents/{L1127}"), 401)
    assert store.stats() == before


def test_without_configured_keys_writes_are_disabled(example_graph_copy: Path) -> None:
    for client, _ in client_for(example_graph_copy):
        problem(upload(client, ("77.txt", LETTER.encode()), headers=AUTH), 403)


def test_an_uploaded_letter_is_ingested_and_linked_to_what_it_implements(
    writable: tuple[TestClient, GraphStore],
) -> None:
    client, store = writable
    response = upload(client, ("cong-van-77.txt", LETTER.encode("utf-8")))
    assert response.status_code == 201, response.text
    (document,) = response.json()["documents"]
    assert document["file"] == "cong-van-77.txt" and document["citations"] == 1
    assert store.get(document["id"]).source == "upload://cong-van-77.txt"  # type: ignore[union-attr]
    tree = client.get(f"/documents/{L1127}/implementers").json()
    assert document["id"] in [c["document"]["id"] for c in tree["root"]["children"]]
    again = upload(client, ("cong-van-77.txt", LETTER.encode("utf-8"))).json()
    assert again["result"]["unchanged"] == 1


def test_a_bad_file_in_an_upload_writes_nothing(writable: tuple[TestClient, GraphStore]) -> None:
    client, store = writable
    before = store.stats()
    response = upload(
        client,
        ("cong-van-77.txt", LETTER.encode()),
        ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
        ("anh.png", b"\x89PNG\r\n\x1a\n"),
        ("rong.txt", b""),
    )
    body = problem(response, 422)
    codes = {e["file"]: e["code"] for e in body["errors"]}
    assert set(codes) == {"hong.pdf", "anh.png", "rong.txt"} and codes["anh.png"] == "unsupported_type"
    assert store.stats() == before


def test_oversized_uploads_and_too_many_files_are_refused(example_graph_copy: Path) -> None:
    for client, store in client_for(
        example_graph_copy, api_keys=[KEY], max_upload_bytes=4096, max_upload_files=2
    ):
        before = store.stats()
        problem(upload(client, ("lon.txt", LETTER.encode() * 10)), 413)
        problem(upload(client, *[(f"{i}.txt", LETTER.encode()) for i in range(3)]), 413)
        assert store.stats() == before


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/cron.d/x.txt", "x.txt"),
        ("..\\..\\windows\\system32\\a.txt", "a.txt"),
        ("/etc/passwd", "passwd"),
        ("..", "document"),
        ("công văn số 77\x00.txt", "công văn số 77.txt"),
        ('<img src=x onerror="alert(1)">.txt', "_img src_x onerror__alert(1)__.txt"),
        ("", "document"),
    ],
)
def test_upload_names_cannot_leave_the_upload_folder(given: str, kept: str) -> None:
    assert safe_name(given) == kept


def test_a_traversing_upload_name_is_stored_as_its_last_part(writable: tuple[TestClient, GraphStore]) -> None:
    client, _ = writable
    response = upload(client, ("../../../tmp/cong-van-77.txt", LETTER.encode()))
    assert response.status_code == 201, response.text
    assert response.json()["documents"][0]["file"] == "cong-van-77.txt"


def test_delete_keeps_a_cited_document_as_a_placeholder(writable: tuple[TestClient, GraphStore]) -> None:
    client, store = writable
    letter = upload(client, ("cong-van-77.txt", LETTER.encode())).json()["documents"][0]["id"]
    assert client.delete(f"/documents/{L1127}", headers=AUTH).status_code == 204
    problem(client.delete(f"/documents/{L1127}", headers=AUTH), 404)  # no longer an ingested document
    # The letter still cites 1127: a placeholder now, without text; 06/NQ-CP, cited by 1127 alone, is gone.
    body = client.get(f"/documents/{L1127}").json()
    assert body["document"]["placeholder"] and body["text"] is None
    assert [e["source"] for e in body["cited_by"]] == [letter] and body["citations"] == []
    problem(client.get(f"/documents/{NQ06}"), 404)
    assert store.stats().documents == EXAMPLE_DOCUMENTS


def test_every_route_documents_its_problems_in_openapi(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("422", "503"):
                assert PROBLEM in operation["responses"][status]["content"], (method, path, status)
    assert set(spec["paths"]) >= {
        "/documents",
        "/documents/{doc_id}",
        "/documents/{doc_id}/implementers",
        "/documents/{doc_id}/implements",
        "/documents/{doc_id}/citations",
        "/documents/{doc_id}/cited-by",
        "/resolve",
        "/paths",
        "/graph",
        "/missing",
        "/stats",
        "/health",
        "/export",
    }


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("html", "text/html"),
        ("svg", "image/svg+xml"),
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
        ("csv", "application/zip"),
        ("jsonld", "application/ld+json"),
        ("briefing-svg", "image/svg+xml"),
    ],
)
def test_export_gives_the_neighbourhood_as_a_file_of_the_documented_type(
    api: TestClient, fmt: str, media: str
) -> None:
    response = api.get("/export", params={"root": "Nghị quyết 06/NQ-CP", "format": fmt, "depth": 1})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    documented = api.get("/openapi.json").json()["paths"]["/export"]["get"]["responses"]["200"]["content"]
    assert media in documented
    assert "1127" in response.content.decode("utf-8") if fmt != "csv" else response.content[:2] == b"PK"


def test_an_export_past_the_node_cap_is_cut_to_the_cap(api: TestClient) -> None:
    import networkx as nx

    params = {"root": "06/NQ-CP", "depth": 3, "max_nodes": 2, "format": "graphml"}
    response = api.get("/export", params=params)
    assert response.status_code == 200, response.text
    assert nx.read_graphml(io.BytesIO(response.content)).number_of_nodes() == 2


def test_an_html_export_opens_documents_on_this_server(api: TestClient) -> None:
    response = api.get("/export", params={"root": "Nghị quyết 06/NQ-CP", "format": "html", "depth": 1})
    assert '"url":"http://testserver/van-ban/vn/lai-chau/ldld/2023/1127-ldld"' in response.text


def test_a_briefing_of_several_pages_is_a_zip_of_numbered_slides(api: TestClient) -> None:
    params = {"root": "80/2015/QH13", "format": "briefing-svg", "depth": 2, "pages": 2}
    response = api.get("/export", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["briefing-1.svg", "briefing-2.svg"]
        assert b"Trang 2/2" in archive.read("briefing-2.svg")
    problem(api.get("/export", params={**params, "pages": 21}), 422)


def test_an_unknown_export_format_is_a_422_problem(api: TestClient) -> None:
    problem(api.get("/export", params={"root": "06/NQ-CP", "format": "pptx"}), 422)


def test_a_widely_cited_document_gives_its_edges_in_pages(api: TestClient) -> None:
    law = api.get("/resolve", params={"ref": "Luật Tổ chức chính quyền địa phương 2015"}).json()["documents"][
        0
    ]
    body = api.get(f"/documents/{law['id']}", params={"edges_limit": 3, "text": False}).json()
    assert len(body["cited_by"]) == 3 and body["cited_by_total"] >= 10
    pages = [
        api.get(f"/documents/{law['id']}/cited-by", params={"limit": 4, "offset": offset}).json()
        for offset in range(0, body["cited_by_total"], 4)
    ]
    everything = api.get(f"/documents/{law['id']}/cited-by").json()
    assert [e for page in pages for e in page] == everything and len(everything) == body["cited_by_total"]
