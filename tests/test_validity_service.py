"""Is it still in force? — as analysts and legal staff ask it of the service and the command line: the status of
a document on a date with the sentences it rests on, its timeline, a bad date refused as the API refuses any
bad parameter. The graph is the validity examples of tests/graph_examples.py: Nghị định 46/2016/NĐ-CP replaced by
100/2019/NĐ-CP (from 01/01/2020), itself replaced by 168/2024/NĐ-CP (from 01/01/2025); Quyết định 79/2025/QĐ-UBND
of Hà Tĩnh repealing Điều 5 of 12/2020/QĐ-UBND."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from graph_examples import (
    EVIDENCE_79_REPEALS_ARTICLE_5,
    EVIDENCE_100_REPLACES_46,
    EVIDENCE_168_REPLACES_100,
    cite,
    decision_ha_tinh_12_2020,
    decision_ha_tinh_79_2025,
    decree_46_2016,
    decree_100_2019,
    decree_168_2024,
    document,
    letter_1127,
)
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli_app
from api.settings import Settings
from graph import ingest, open_store

ND46 = "vn/cp/2016/46-2016-nd-cp"
ND100 = "vn/cp/2019/100-2019-nd-cp"
ND168 = "vn/cp/2024/168-2024-nd-cp"
QD12 = "vn/ha-tinh/ubnd/2020/12-2020-qd-ubnd"
NQ06 = "vn/cp/undated/06-nq-cp"
PROBLEM = "application/problem+json"


SCRIPT = '"><script>alert("hiệu lực")</script><b title=\''
HOSTILE_OLD = "vn/ha-tinh/ubnd/2019/99-2019-qd-ubnd"


def hostile_replacement() -> Any:
    """A decision whose replacing sentence holds markup: the hover and the timeline must show it as text."""
    return document(
        "corpus/qd-13-2024-ha-tinh.txt",
        "13/2024/QĐ-UBND",
        "Quyết định",
        "UBND tỉnh Hà Tĩnh",
        "2024-03-01",
        "Quy định quản lý cụm công nghiệp",
        [
            cite(
                "99/2019/QĐ-UBND",
                "Quyết định số 99/2019/QĐ-UBND",
                f"Quyết định này thay thế Quyết định số 99/2019/QĐ-UBND {SCRIPT}",
                relation="replaces",
                issuer="UBND tỉnh Hà Tĩnh",
                doc_type="Quyết định",
            )
        ],
        effective=("2024-03-15", "Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024."),
    )


@pytest.fixture(scope="module")
def graph_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('validity') / 'graph.db'}"
    with open_store(url) as store:
        ingest(
            store,
            [
                decree_46_2016(),
                decree_100_2019(),
                decree_168_2024(),
                decision_ha_tinh_12_2020(),
                decision_ha_tinh_79_2025(),
                letter_1127(),
                hostile_replacement(),
            ],
        )
    return url


@pytest.fixture(scope="module")
def api(graph_url: str) -> Iterator[TestClient]:
    with open_store(graph_url) as store, TestClient(create_app(Settings(store=graph_url), store)) as client:
        yield client


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"]
    return body


# --- REST ---------------------------------------------------------------------------------------------------------


def test_the_status_of_a_replaced_decree_on_a_date_names_its_replacement_and_the_sentence(
    api: TestClient,
) -> None:
    response = api.get(f"/documents/{ND46}/status", params={"as_of": "2020-01-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["state"], body["label"], body["in_force"], body["as_of"]) == (
        "replaced",
        "Hết hiệu lực toàn bộ",
        False,
        "2020-01-01",
    )
    (change,) = body["rests_on"]
    assert (change["by"]["id"], change["from_date"], change["parts"]) == (ND100, "2020-01-01", None)
    assert (change["edge"]["relation"], change["edge"]["source_doc"]) == ("replaces", ND100)
    assert change["edge"]["evidence"] == EVIDENCE_100_REPLACES_46
    assert [link["by"]["id"] for link in body["replaced_by"]] == [ND100]  # 168/2024 only from 01/01/2025


def test_without_a_date_the_status_is_todays(api: TestClient) -> None:
    body = api.get(f"/documents/{ND46}/status").json()
    assert body["state"] == "replaced"
    assert [link["by"]["id"] for link in body["replaced_by"]] == [ND100, ND168]


def test_a_partial_repeal_and_a_document_only_cited(api: TestClient) -> None:
    body = api.get(f"/documents/{QD12}/status", params={"as_of": "2025-12-05"}).json()
    assert (body["state"], body["label"]) == ("partly_repealed", "Hết hiệu lực một phần")
    assert [(c["parts"], c["edge"]["evidence"]) for c in body["rests_on"]] == [
        (["Điều 5"], EVIDENCE_79_REPEALS_ARTICLE_5)
    ]
    unknown = api.get(f"/documents/{NQ06}/status").json()
    assert (unknown["state"], unknown["label"], unknown["in_force"]) == ("unknown", "Không rõ", None)


@pytest.mark.parametrize("as_of", ["2020-13-01", "01/01/2020", "hôm nay", "2020"])
def test_a_date_that_is_no_iso_date_is_a_422_problem(api: TestClient, as_of: str) -> None:
    body = problem(api.get(f"/documents/{ND46}/status", params={"as_of": as_of}), 422)
    assert any("as_of" in json.dumps(e) for e in body["errors"])


def test_status_and_timeline_of_an_unknown_id_are_404_problems(api: TestClient) -> None:
    problem(api.get("/documents/vn/cp/2099/1-nd-cp/status"), 404)
    problem(api.get("/documents/vn/cp/2099/1-nd-cp/timeline"), 404)


def test_the_timeline_of_a_decree(api: TestClient) -> None:
    response = api.get(f"/documents/{ND100}/timeline")
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert [(e["date"], e["kind"], e["label"]) for e in events] == [
        ("2019-12-30", "issued", "Ban hành"),
        ("2020-01-01", "in_force", "Có hiệu lực"),
        ("2025-01-01", "replaced", "Bị thay thế"),
    ]
    assert events[2]["document"]["id"] == ND168 and events[2]["evidence"] == EVIDENCE_168_REPLACES_100


def test_the_openapi_document_describes_status_and_timeline(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    status = paths["/documents/{doc_id}/status"]["get"]
    (as_of,) = [p for p in status["parameters"] if p["name"] == "as_of"]
    assert "YYYY-MM-DD" in as_of["description"]
    assert {"200", "404", "422"} <= set(status["responses"])
    assert "/documents/{doc_id}/timeline" in paths


# --- the command line -------------------------------------------------------------------------------------------

runner = CliRunner()
WIDE = {"COLUMNS": "400"}


def test_lexgraph_query_status_as_of_a_date(graph_url: str) -> None:
    result = runner.invoke(
        cli_app,
        ["query", "status", "Nghị định 46/2016/NĐ-CP", "--as-of", "2020-01-01", "--store", graph_url],
        env=WIDE,
    )
    assert result.exit_code == 0, result.output
    assert "Hết hiệu lực toàn bộ" in result.output and "(replaced) on 2020-01-01" in result.output
    assert "bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 01/01/2020" in result.output
    assert EVIDENCE_100_REPLACES_46 in result.output
    assert "in force in its place: Nghị định 100/2019/NĐ-CP" in result.output


def test_lexgraph_query_status_and_timeline_as_json(graph_url: str) -> None:
    result = runner.invoke(
        cli_app,
        ["query", "status", "12/2020/QĐ-UBND", "--as-of", "2025-12-05", "--json", "--store", graph_url],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["state"] == "partly_repealed"
    result = runner.invoke(cli_app, ["query", "timeline", "100/2019/NĐ-CP", "--json", "--store", graph_url])
    assert result.exit_code == 0, result.output
    assert [e["kind"] for e in json.loads(result.output)["events"]] == ["issued", "in_force", "replaced"]
    human = runner.invoke(cli_app, ["query", "timeline", "100/2019/NĐ-CP", "--store", graph_url], env=WIDE)
    assert human.exit_code == 0 and "01/01/2025  Bị thay thế · Nghị định 168/2024/NĐ-CP" in human.output


def test_lexgraph_query_status_with_a_bad_date_is_a_usage_error(graph_url: str) -> None:
    result = runner.invoke(cli_app, ["query", "status", ND46, "--as-of", "01/01/2020", "--store", graph_url])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


# --- the browse pages ---------------------------------------------------------------------------------------------


def page(api: TestClient, doc_id: str) -> BeautifulSoup:
    response = api.get(f"/van-ban/{doc_id}")
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def test_a_document_page_shows_todays_status_with_its_evidence_on_hover(api: TestClient) -> None:
    soup = page(api, ND46)
    badge = soup.select_one(".trang-thai .hieu-luc")
    assert badge is not None and badge.get_text() == "Hết hiệu lực toàn bộ"
    assert "hieu-luc-ended" in badge["class"]
    hover = str(badge["title"])
    assert hover.startswith("Hết hiệu lực toàn bộ: bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 01/01/2020")
    assert EVIDENCE_100_REPLACES_46 in hover
    section = soup.select_one("#hieu-luc")
    assert section is not None
    assert "Văn bản đang có hiệu lực thay thế: Nghị định 168/2024/NĐ-CP" in " ".join(
        section.get_text().split()
    )


def test_a_document_page_has_its_timeline_in_date_order_with_the_sentences(api: TestClient) -> None:
    events = page(api, ND100).select("#hieu-luc .dong-thoi-gian > li")
    assert [(e.select_one(".ngay").get_text(), e.select_one(".su-kien").get_text()) for e in events] == [  # type: ignore[union-attr]
        ("30/12/2019", "Ban hành"),
        ("01/01/2020", "Có hiệu lực"),
        ("01/01/2025", "Bị thay thế"),
    ]
    assert "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2020." in events[1].get_text()
    assert EVIDENCE_168_REPLACES_100 in events[2].get_text()
    assert events[2].select_one("a") is not None  # to 168/2024/NĐ-CP


def test_a_placeholder_page_says_unknown_until_a_text_replaced_it(api: TestClient) -> None:
    badge = page(api, NQ06).select_one(".trang-thai .hieu-luc")
    assert badge is not None and badge.get_text() == "Không rõ" and "hieu-luc-unknown" in badge["class"]


def test_markup_in_an_evidence_sentence_stays_text_in_the_badge_and_the_timeline(api: TestClient) -> None:
    soup = page(api, HOSTILE_OLD)
    assert soup.find("script") is None and soup.find("b", title=True) is None
    badge = soup.select_one(".trang-thai .hieu-luc")
    assert badge is not None and SCRIPT in str(badge["title"])  # the attribute holds the text, escaped
    assert SCRIPT in soup.select_one("#hieu-luc .dong-thoi-gian").get_text()  # type: ignore[union-attr]
