"""The briefing pictures (graph/exports/briefing.py, formats briefing-svg and briefing-png) as a slide needs them:
16:9 at 1920 × 1080 px, no text under 12 pt at that width, every document named with its number (and its year
when the number does not say it), rows that wrap instead of running 20,000 px wide, the legend in its own corner,
a "+N văn bản khác" node past the budget and several pages when asked.

The graph is the neighbourhood of the Law on Promulgation of Legal Documents 80/2015/QH13 as the corpus shows it:
the law that amends it, the decree that guides it, a joint resolution with a long number and sixty provincial
decisions issued on its basis, which a general `svg` export lays out on one row."""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph import Document, Edge, Resolution, Subgraph, ingest, open_store
from graph.exports import ExportOptions, briefing, render, static
from graph.exports.briefing import label_lines

pytestmark = pytest.mark.skipif(not static.dot_available(), reason="Graphviz's dot is not installed")

LAW80 = "vn/qh13/2015/80-2015-qh13"
LAW63 = "vn/qh14/2020/63-2020-qh14"
DECREE34 = "vn/cp/2016/34-2016-nd-cp"
JOINT = "vn/lt/2008/01-2008-nqlt"
CONSTITUTION = "vn/qh13/2013/hien-phap"
JOINT_NUMBER = "01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
MIN_PX = 16  # 12 pt at 96 px per inch


def _edge(source: str, target: str, relation: str, evidence: str, asserted_by: str | None = None) -> Edge:
    return Edge(
        source=source,
        target=target,
        relation=relation,  # type: ignore[arg-type]
        source_doc=asserted_by or source,
        asserted_by=asserted_by,
        evidence=evidence,
        confidence=0.9,
        cited_as=target,
        resolution=Resolution(method="exact", confidence=1.0),
    )


def _decision(k: int) -> Document:
    return Document(
        id=f"vn/quang-tri/2021/{k}-2021-qd-ubnd",
        placeholder=False,
        number=f"{k}/2021/QĐ-UBND",
        doc_type="Quyết định",
        issuer="Ủy ban nhân dân tỉnh Quảng Trị",
        issue_date=f"2021-{1 + k % 12:02d}-{1 + k % 28:02d}",
        year="2021",
    )


def law_80(decisions: int = 60) -> Subgraph:
    documents = [
        Document(
            id=LAW80,
            placeholder=True,
            number="80/2015/QH13",
            title="Luật Ban hành văn bản quy phạm pháp luật",
            doc_type="Luật",
            issue_date="2015-06-22",
            year="2015",
        ),
        Document(
            id=LAW63,
            placeholder=False,
            number="63/2020/QH14",
            title="Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
            doc_type="Luật",
            issuer="Quốc hội",
            issue_date="2020-06-18",
            year="2020",
        ),
        Document(id=DECREE34, placeholder=True, number="34/2016/NĐ-CP", doc_type="Nghị định", year="2016"),
        Document(
            id=JOINT, placeholder=True, number=JOINT_NUMBER, doc_type="Nghị quyết liên tịch", year="2008"
        ),
        Document(
            id=CONSTITUTION,
            placeholder=True,
            title="Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
            doc_type="Hiến pháp",
            year="2013",
        ),
        Document(
            id="vn/cp/2023/06-nq-cp",
            placeholder=False,
            number="06/NQ-CP",
            doc_type="Nghị quyết",
            issuer="Chính phủ",
            issue_date="2023-01-10",
        ),
    ]
    edges = [
        _edge(
            LAW63,
            LAW80,
            "amends",
            "Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
        ),
        _edge(LAW63, CONSTITUTION, "based_on", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"),
        _edge(DECREE34, LAW80, "guides", "Quy định chi tiết một số điều của Luật Ban hành văn bản", LAW63),
        _edge(JOINT, LAW80, "cites", "theo Luật Ban hành văn bản quy phạm pháp luật"),
        _edge("vn/cp/2023/06-nq-cp", LAW80, "based_on", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật"),
    ]
    for k in range(1, decisions + 1):
        decision = _decision(k)
        documents.append(decision)
        edges.append(_edge(decision.id, LAW80, "based_on", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật"))
        if k % 3 == 0:
            edges.append(_edge(decision.id, DECREE34, "based_on", "Căn cứ Nghị định số 34/2016/NĐ-CP"))
    return Subgraph(documents=documents, edges=edges)


# --- reading the SVG back -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    name: str  # Graphviz's node name: d0 (a document), d0_shape, more, legend_3 …
    texts: tuple[str, ...]
    box: tuple[float, float, float, float]  # left, top, right, bottom in the SVG's coordinates


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _points(element: ElementTree.Element) -> list[tuple[float, float]]:
    raw = element.get("points") or element.get("d") or ""
    values = [float(v) for v in _NUMBER.findall(raw)]
    if element.tag == f"{SVG}ellipse":
        cx, cy, rx, ry = (float(element.get(k, "0")) for k in ("cx", "cy", "rx", "ry"))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    return list(zip(values[0::2], values[1::2], strict=False))


def drawn_nodes(svg: bytes) -> dict[str, Drawn]:
    root = ElementTree.fromstring(svg)
    nodes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        name = group.findtext(f"{SVG}title") or ""
        points = [p for shape in group.iter() if shape.tag in {f"{SVG}{t}" for t in ("polygon", "path",
                  "ellipse", "polyline")} for p in _points(shape)]  # fmt: skip
        texts = tuple(t.text or "" for t in group.iter(f"{SVG}text"))
        if points:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            box = (min(xs), min(ys), max(xs), max(ys))
        else:  # plaintext: only its text, placed by its anchor
            anchors = [(float(t.get("x", "0")), float(t.get("y", "0"))) for t in group.iter(f"{SVG}text")]
            box = (
                min(x for x, _ in anchors),
                min(y for _, y in anchors) - 12,
                max(x for x, _ in anchors) + 1,
                max(y for _, y in anchors) + 3,
            )
        nodes[name] = Drawn(name, texts, box)
    return nodes


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _scale(svg: bytes) -> float:
    """px per SVG unit when the picture is shown 1920 px wide."""
    view_box = ElementTree.fromstring(svg).get("viewBox", "")
    return 1920 / float(view_box.split()[2])


@pytest.fixture(scope="module")
def law() -> Subgraph:
    return law_80()


@pytest.fixture(scope="module")
def pages(law: Subgraph) -> dict[str, bytes]:
    return render(law, "briefing-svg", root=LAW80, options=ExportOptions(pages=2)).files


# --- the slide ------------------------------------------------------------------------------------------------


def test_a_page_is_16_by_9_and_1920_by_1080_px_as_png(law: Subgraph) -> None:
    svg = render(law, "briefing-svg", root=LAW80).payload()
    tree = ElementTree.fromstring(svg)
    assert (tree.get("width"), tree.get("height")) == ("1440pt", "810pt")  # 1920 × 1080 px at 96 dpi
    assert tree.get("viewBox", "").split()[2:] == ["1440.00", "810.00"]
    png = render(law, "briefing-png", root=LAW80).payload()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)


def test_no_text_is_smaller_than_12_pt_at_1920_px(pages: dict[str, bytes]) -> None:
    for svg in pages.values():
        sizes = [float(t.get("font-size", "0")) for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
        assert sizes and min(sizes) * _scale(svg) >= MIN_PX


def test_every_label_keeps_the_number_and_the_year(law: Subgraph) -> None:
    documents = {d.id: d for d in law.documents}
    laid_out = briefing.paginate(law, LAW80, 2, 500)
    svgs = render(law, "briefing-svg", root=LAW80, options=ExportOptions(pages=2)).files.values()
    checked = 0
    for page, svg in zip(laid_out, svgs, strict=True):
        nodes = drawn_nodes(svg)
        for index, node in enumerate(page.documents):
            text = "".join(nodes[f"d{index}"].texts)
            document = documents[node]
            if document.number:
                assert document.number in text, (document.number, nodes[f"d{index}"].texts)
            assert (document.year or (document.issue_date or "")[:4]) in text
            checked += 1
    assert checked >= 40


def test_a_law_is_named_then_numbered_on_lines_of_its_own() -> None:
    lines = label_lines(law_80(0).documents[0])
    assert lines[-1] == "80/2015/QH13"
    assert " ".join(lines[:-1]) == "Luật Ban hành văn bản quy phạm pháp luật"
    assert all(len(line) <= briefing.LINE_CHARS for line in lines)


def test_a_number_without_its_year_is_followed_by_the_date() -> None:
    resolution = next(d for d in law_80(0).documents if d.number == "06/NQ-CP")
    assert label_lines(resolution) == ["Nghị quyết", "06/NQ-CP", "10/01/2023"]


def test_a_number_longer_than_a_line_breaks_after_a_dash_and_reads_whole() -> None:
    joint = next(d for d in law_80(0).documents if d.id == JOINT)
    lines = label_lines(joint)
    assert "".join(lines[1:]) == JOINT_NUMBER and len(lines) > 2
    assert all(line.endswith(("/", "-")) for line in lines[1:-1])


def test_a_long_name_is_cut_but_never_its_number() -> None:
    amending = next(d for d in law_80(0).documents if d.id == LAW63)
    lines = label_lines(amending)
    assert len(lines) == briefing.LABEL_LINES and lines[-1] == "63/2020/QH14" and lines[-2].endswith("…")


def test_sixty_documents_on_one_rank_wrap_into_rows_inside_the_slide(pages: dict[str, bytes]) -> None:
    for svg in pages.values():
        nodes = drawn_nodes(svg)
        documents = [n for name, n in nodes.items() if re.fullmatch(r"d\d+", name)]
        assert all(
            n.box[0] >= 0 and n.box[2] <= 1440 and n.box[1] >= -810 and n.box[3] <= 0 for n in documents
        )
        rows = {round(n.box[1]) for n in documents}
        assert max(len([n for n in documents if round(n.box[1]) == row]) for row in rows) <= briefing.COLUMNS
        assert len(rows) > 1


def test_lines_go_around_the_documents_they_do_not_join(law: Subgraph) -> None:
    """Graphviz routes edges around nodes only when no two nodes touch; otherwise it draws straight lines
    through the documents in between (and says so on stderr): the layout leaves room between every two."""
    options = ExportOptions(pages=2)
    for page in briefing.paginate(law, LAW80, options.pages, options.max_nodes):
        source = briefing.page_graph(law, LAW80, options, page).source
        done = subprocess.run(
            ["neato", "-n2", "-Tsvg"], input=source.encode(), capture_output=True, check=True
        )
        assert b"straight line" not in done.stderr, done.stderr.decode()


def test_the_legend_is_in_the_top_right_corner_and_touches_no_document(pages: dict[str, bytes]) -> None:
    for svg in pages.values():
        nodes = drawn_nodes(svg)
        legend = [n for name, n in nodes.items() if name.startswith("legend")]
        others = [n for name, n in nodes.items() if re.fullmatch(r"d\d+(_shape)?|more", name)]
        assert len(legend) >= 6 and others
        assert "Chú giải" in legend[0].texts[0]
        for item in legend:
            assert item.box[0] >= 1440 * 0.75 and item.box[1] <= -810 * 0.1, item
            for node in others:
                assert not _overlap(item.box, node.box), (item.name, node.name)


def test_past_the_budget_one_node_counts_the_rest(law: Subgraph) -> None:
    svg = render(law, "briefing-svg", root=LAW80, options=ExportOptions(max_nodes=12)).payload()
    nodes = drawn_nodes(svg)
    documents = [name for name in nodes if re.fullmatch(r"d\d+", name)]
    assert len(documents) == 12
    assert nodes["more"].texts[0] == f"+{len(law.documents) - 12} văn bản khác"
    assert "Quyết định" in " ".join(nodes["more"].texts)


def test_a_neighbourhood_cut_by_the_store_says_more_are_beyond(law: Subgraph) -> None:
    small = law_80(4).model_copy(update={"truncated": True})
    svg = render(small, "briefing-svg", root=LAW80).payload()
    assert drawn_nodes(svg)["more"].texts == ("Còn văn bản khác", "ngoài phạm vi đã lấy")
    cut = render(small, "briefing-svg", root=LAW80, options=ExportOptions(max_nodes=5)).payload()
    assert drawn_nodes(cut)["more"].texts[0] == f"+{len(small.documents) - 5} văn bản khác trở lên"


def test_the_most_cited_come_first(law: Subgraph) -> None:
    order = briefing.ranked(law, LAW80)
    assert order[0] == LAW80
    # At distance 1, the decree cited by 20 decisions before the decisions, which nothing cites.
    assert order.index(DECREE34) < order.index(_decision(1).id)
    page = briefing.paginate(law, LAW80, 1, 3)[0]
    assert page.documents[:2] == (LAW80, DECREE34)


def test_pages_share_the_root_and_nothing_else_and_count_everything(law: Subgraph) -> None:
    laid_out = briefing.paginate(law, LAW80, 3, 500)
    assert [p.number for p in laid_out] == [1, 2, 3]
    assert all(p.documents[0] == LAW80 for p in laid_out)
    others = [node for p in laid_out for node in p.documents[1:]]
    assert len(others) == len(set(others))
    assert 1 + len(others) + len(laid_out[-1].left_out) == len(law.documents)
    assert all(not p.left_out for p in laid_out[:-1])


def test_pages_are_numbered_files(law: Subgraph, tmp_path: Path) -> None:
    export = render(law, "briefing-svg", root=LAW80, options=ExportOptions(pages=2))
    assert list(export.files) == ["briefing-1.svg", "briefing-2.svg"]
    written = export.write(tmp_path / "luat-80.svg")
    assert [p.name for p in written] == ["luat-80-1.svg", "luat-80-2.svg"]
    assert b"Trang 2/2" in written[1].read_bytes()


def test_labels_are_text_not_markup() -> None:
    hostile = Document(id="vn/x/2024/x", placeholder=False, doc_type="Công văn", subject="<b>đậm</b> \\N")
    sub = Subgraph(documents=[hostile], edges=[])
    svg = render(sub, "briefing-svg", root=hostile.id).payload()
    assert "<b>đậm</b> \\N" in "".join(drawn_nodes(svg)["d0"].texts)
    assert b"<b>" not in svg


# --- the command line (the API: tests/test_api.py) ---------------------------------------------------------


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from graph_examples import (
        decision_quang_tri_2021,
        decree_listing_laws,
        law_43_2024,
        letter_1127,
        letter_5890,
    )

    url = f"sqlite:///{tmp_path_factory.mktemp('briefing') / 'graph.db'}"
    with open_store(url) as store:
        extractions = [
            letter_1127(),
            letter_5890(),
            decision_quang_tri_2021(),
            decree_listing_laws(),
            law_43_2024(),
        ]
        ingest(store, extractions)
    return url


def test_cli_writes_a_briefing(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "06-nq-cp.png"
    args = [
        "export",
        "Nghị quyết 06/NQ-CP",
        "-d",
        "3",
        "-f",
        "briefing-png",
        "-o",
        str(out),
        "--store",
        store_url,
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (1920, 1080)


def test_cli_numbers_the_pages_after_the_output_and_keeps_them_off_stdout(
    example_graph: Path, tmp_path: Path
) -> None:
    store = f"sqlite:///{example_graph}"
    args = ["export", "80/2015/QH13", "-d", "2", "-f", "briefing-svg", "--pages", "2", "--store", store]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "luat-80.svg")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["luat-80-1.svg", "luat-80-2.svg"]
    assert "luat-80-1.svg, luat-80-2.svg" in result.stderr
    refused = CliRunner().invoke(app, [*args, "-o", "-"])
    assert refused.exit_code == 1 and "give -o a file name" in refused.stderr
