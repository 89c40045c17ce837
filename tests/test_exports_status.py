"""Every export carries each document's status (graph/exports/status.py): the traffic decrees 46/2016/NĐ-CP →
100/2019/NĐ-CP → 168/2024/NĐ-CP, exported on 01/06/2025, when the first two are replaced and the last in force;
and Quyết định 12/2020/QĐ-UBND of Hà Tĩnh, whose Điều 5 Quyết định 79/2025/QĐ-UBND repealed (partly in force)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from graph_examples import (
    decision_ha_tinh_12_2020,
    decision_ha_tinh_79_2025,
    decree_46_2016,
    decree_100_2019,
    decree_168_2024,
    letter_1127,
)
from typer.testing import CliRunner

from api.cli import app
from graph import GraphStore, Status, Subgraph, ingest, open_store
from graph.exports import export_subgraph, render, static
from graph.exports import status as validity_status

ND46 = "vn/cp/2016/46-2016-nd-cp"
ND100 = "vn/cp/2019/100-2019-nd-cp"
ND168 = "vn/cp/2024/168-2024-nd-cp"
QD12 = "vn/ha-tinh/ubnd/2020/12-2020-qd-ubnd"
QD79 = "vn/ha-tinh/ubnd/2025/79-2025-qd-ubnd"
ON = date(2025, 12, 6)
ELI = "http://data.europa.eu/eli/ontology#"
needs_dot = pytest.mark.skipif(not static.dot_available(), reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    url = f"sqlite:///{tmp_path_factory.mktemp('export-status') / 'graph.db'}"
    with open_store(url) as opened:
        extractions = [
            decree_46_2016(),
            decree_100_2019(),
            decree_168_2024(),
            decision_ha_tinh_12_2020(),
            decision_ha_tinh_79_2025(),
            letter_1127(),  # states no entry into force; cites 06/NQ-CP, not ingested
        ]
        ingest(opened, extractions)
        yield opened


@pytest.fixture(scope="module")
def decrees(store: GraphStore) -> tuple[Subgraph, dict[str, Status]]:
    subgraph = store.neighbourhood(ND100, depth=1, relations=["replaces"])
    return subgraph, store.statuses([d.id for d in subgraph.documents], ON)


def test_graphml_and_gexf_carry_the_state_and_its_vietnamese_label(
    decrees: tuple[Subgraph, dict[str, Status]],
) -> None:
    subgraph, statuses = decrees
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(render(subgraph, fmt, statuses=statuses).payload()))
        assert {n: (graph.nodes[n]["status"], graph.nodes[n]["status_label"]) for n in graph} == {
            ND46: ("replaced", "Hết hiệu lực toàn bộ"),
            ND100: ("replaced", "Hết hiệu lực toàn bộ"),
            ND168: ("in_force", "Còn hiệu lực"),
        }, fmt
        assert graph.nodes[ND100]["status_since"] == "2025-01-01"
        assert graph.nodes[ND168]["status_as_of"] == "2025-12-06"
    plain = nx.read_graphml(io.BytesIO(render(subgraph, "graphml").payload()))
    assert "status" not in plain.nodes[ND46]  # no statuses given: none claimed


def test_csv_has_status_columns_for_neo4j_admin(decrees: tuple[Subgraph, dict[str, Status]]) -> None:
    subgraph, statuses = decrees
    text = render(subgraph, "csv", statuses=statuses).files["nodes.csv"].decode("utf-8")
    rows = {row["id:ID"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows[ND46]["status"], rows[ND46]["status_label"], rows[ND46]["in_force:boolean"]) == (
        "replaced",
        "Hết hiệu lực toàn bộ",
        "false",
    )
    assert (rows[ND168]["status"], rows[ND168]["in_force:boolean"], rows[ND168]["status_as_of:date"]) == (
        "in_force",
        "true",
        "2025-12-06",
    )


def test_jsonld_says_in_force_with_elis_terms_and_dates(store: GraphStore) -> None:
    subgraph = store.neighbourhood(QD12, depth=2)
    statuses = store.statuses([d.id for d in subgraph.documents], ON)
    data = json.loads(render(subgraph, "jsonld", statuses=statuses).payload())
    context = data["@context"]
    assert context["in_force"] == {"@id": "eli:in_force", "@type": "@id"}
    assert context["first_date_entry_in_force"]["@id"] == "eli:first_date_entry_in_force"
    assert context["date_no_longer_in_force"]["@id"] == "eli:date_no_longer_in_force"
    nodes = {n["@id"].removeprefix("urn:lexgraph:doc:"): n for n in data["@graph"] if "label" in n}
    # "Bãi bỏ Điều 5 của Quyết định số 12/2020/QĐ-UBND": partly in force; 79/2025 replaced 08/2022 whole.
    assert nodes[QD12]["in_force"] == f"{ELI}InForce-partiallyInForce"
    assert (nodes[QD12]["status"], nodes[QD12]["statusLabel"]) == ("partly_repealed", "Hết hiệu lực một phần")
    assert "date_no_longer_in_force" not in nodes[QD12]
    assert nodes[QD79]["in_force"] == f"{ELI}InForce-inForce"
    assert nodes[QD79]["first_date_entry_in_force"] == store.get(QD79).effective_date  # type: ignore[union-attr]
    replaced = nodes["vn/ha-tinh/ubnd/2022/08-2022-qd-ubnd"]
    assert replaced["in_force"] == f"{ELI}InForce-notInForce"
    assert replaced["date_no_longer_in_force"] == statuses["vn/ha-tinh/ubnd/2022/08-2022-qd-ubnd"].since


def test_jsonld_says_nothing_of_force_where_the_status_is_unknown(store: GraphStore) -> None:
    subgraph = store.neighbourhood("vn/lai-chau/ldld/2023/1127-ldld", depth=1)
    statuses = store.statuses([d.id for d in subgraph.documents], ON)
    assert {s.state for s in statuses.values()} == {"unknown"}  # the letter and what it cites
    nodes = json.loads(render(subgraph, "jsonld", statuses=statuses).payload())["@graph"]
    described = [n for n in nodes if n.get("status") == "unknown"]
    assert len(described) == len(subgraph.documents)
    assert all("in_force" not in n and "date_no_longer_in_force" not in n for n in described)


def test_html_draws_each_status_as_a_border_colour_with_a_vietnamese_legend(
    decrees: tuple[Subgraph, dict[str, Status]],
) -> None:
    subgraph, statuses = decrees
    page = render(subgraph, "html", root=ND168, statuses=statuses).payload().decode("utf-8")
    data = json.loads(page.split('id="lexgraph-data">', 1)[1].split("</script>", 1)[0])
    borders = {n["id"]: n["color"]["border"] for n in data["nodes"]}
    assert borders[ND46] == borders[ND100] == validity_status.TONE_BORDERS["ended"]
    assert borders[ND168] == validity_status.TONE_BORDERS["valid"]
    tooltip = next(n["title"] for n in data["nodes"] if n["id"] == ND46)
    assert (
        "Hiệu lực ngày 06/12/2025: Hết hiệu lực toàn bộ — bị thay thế bởi Nghị định 100/2019/NĐ-CP" in tooltip
    )
    legend = page.split("<footer>", 1)[1]
    assert "Hiệu lực (màu viền)" in legend and "Hết hiệu lực toàn bộ" in legend and "Còn hiệu lực" in legend
    assert "Chưa có hiệu lực" not in legend  # only the states pictured


def _svg(data: bytes) -> tuple[str, list[str]]:
    root = ElementTree.fromstring(data)
    strokes = [e.get("stroke", "").upper() for e in root.iter() if e.get("stroke")]  # dot writes lower case
    return " ".join(t.strip() for t in root.itertext() if t.strip()), strokes


@pytest.mark.parametrize("dot", [pytest.param(True, marks=needs_dot), False])
def test_svg_draws_each_status_as_a_border_colour_with_a_vietnamese_legend(
    decrees: tuple[Subgraph, dict[str, Status]], monkeypatch: pytest.MonkeyPatch, dot: bool
) -> None:
    monkeypatch.setattr(static, "dot_available", lambda: dot)
    subgraph, statuses = decrees
    text, strokes = _svg(render(subgraph, "svg", statuses=statuses).payload())
    assert "Hiệu lực (màu viền)" in text and "Hết hiệu lực toàn bộ" in text and "Còn hiệu lực" in text
    assert (
        validity_status.TONE_BORDERS["ended"] in strokes and validity_status.TONE_BORDERS["valid"] in strokes
    )


@pytest.mark.parametrize("dot", [pytest.param(True, marks=needs_dot), False])
def test_a_status_whose_detail_names_a_hostile_document_is_text_in_svg(
    decrees: tuple[Subgraph, dict[str, Status]], monkeypatch: pytest.MonkeyPatch, dot: bool
) -> None:
    monkeypatch.setattr(static, "dot_available", lambda: dot)
    subgraph, statuses = decrees
    script = "<script>alert(1)</script>"
    hostile = {**statuses, ND46: statuses[ND46].model_copy(update={"detail": f"bị thay thế bởi {script}"})}
    data = render(subgraph, "svg", statuses=hostile).payload()
    said = [*ElementTree.fromstring(data).itertext()]  # a tooltip: a <title> (Python) or an attribute (dot)
    said += [value for e in ElementTree.fromstring(data).iter() for value in e.attrib.values()]
    assert b"<script" not in data and any(script in text for text in said)


def test_export_subgraph_reads_the_statuses_on_the_date_asked(store: GraphStore) -> None:
    before = nx.read_graphml(
        io.BytesIO(export_subgraph(store, ND46, fmt="graphml", as_of=date(2019, 12, 31)).payload())
    )
    after = nx.read_graphml(io.BytesIO(export_subgraph(store, ND46, fmt="graphml", as_of=ON).payload()))
    assert (before.nodes[ND46]["status"], after.nodes[ND46]["status"]) == ("in_force", "replaced")


def test_cli_export_takes_the_date_of_the_statuses(store: GraphStore, tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "400"})
    out = tmp_path / "46.graphml"
    args = [
        "export",
        "Nghị định 46/2016/NĐ-CP",
        "-o",
        str(out),
        "--as-of",
        "2020-01-01",
        "--store",
        store.url,
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).nodes[ND46]["status_label"] == "Hết hiệu lực toàn bộ"
    bad = runner.invoke(app, [*args[:-4], "--as-of", "2020-02-30", "--store", store.url])
    assert bad.exit_code == 2 and "expected a date" in bad.output


def test_rest_export_and_the_pages_graph_carry_the_statuses(store: GraphStore) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    with TestClient(create_app(Settings(store=store.url), store)) as client:
        answer = client.get("/export", params={"root": ND46, "format": "graphml", "as_of": "2019-12-31"})
        assert answer.status_code == 200
        assert nx.read_graphml(io.BytesIO(answer.content)).nodes[ND46]["status"] == "in_force"
        bad = client.get("/export", params={"root": ND46, "format": "graphml", "as_of": "2019-02-30"})
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
        page = client.get(f"/do-thi/{ND46}").text  # today: 46/2016 and 100/2019 replaced
        assert "Hiệu lực (màu viền)" in page and "Hết hiệu lực toàn bộ" in page
