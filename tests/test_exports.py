"""Exports (graph/exports, `lexgraph export`): every format parses back with the counts of the store, the HTML page
fetches nothing and shows hostile titles as text, the pictures escape their labels, and the command line writes
what it is asked to. The graph is the Lai Châu letter 1127/LĐLĐ, what it implements, and provincial decisions
citing laws (tests/graph_examples.py); hostile documents are built by hand."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from graph_examples import (
    decision_quang_tri_2021,
    decree_listing_laws,
    law_43_2024,
    letter_1127,
    letter_5890,
)
from typer.testing import CliRunner

from api.cli import app
from graph import Document, Edge, GraphStore, Resolution, Subgraph, ingest, open_store
from graph.exports import (
    FORMATS,
    ExportError,
    ExportOptions,
    RendererUnavailable,
    TooManyNodes,
    UnknownFormat,
    briefing,
    export_subgraph,
    render,
    static,
    style,
)
from graph.exports.jsonld import ELI
from graph.exports.neo4j_csv import EDGE_HEADER, NODE_HEADER

NQ06 = "vn/cp/2023/06-nq-cp"  # dated by the letter 5890, which cites it with its date
TLD5890 = "vn/tld/2023/5890-tld-cspl"
L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
SCRIPT = "<script>alert(1)</script>"
HREF = '<a href="javascript:alert(2)">Quyết định mới</a> <img src=x onerror=alert(3)>'
needs_dot = pytest.mark.skipif(not static.dot_available(), reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'graph.db'}"
    with open_store(url) as opened:
        extractions = [
            letter_1127(),
            letter_5890(),
            decision_quang_tri_2021(),
            decree_listing_laws(),
            law_43_2024(),
        ]
        ingest(opened, extractions)
        yield opened


@pytest.fixture(scope="module")
def chain(store: GraphStore) -> Subgraph:
    """What implements 06/NQ-CP, and through which letters."""
    return store.neighbourhood(NQ06, depth=3, relations=["implements"], direction="in")


@pytest.fixture(scope="module")
def everything(store: GraphStore) -> Subgraph:
    """Every document reachable from the land law of 2013, both ways, all relations."""
    return store.neighbourhood(store.lookup("Luật Đất đai 2013").id, depth=5)


def _edge(source: str, target: str, relation: str, evidence: str) -> Edge:
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


@pytest.fixture
def hostile() -> Subgraph:
    """A letter whose subject is a script and one whose subject holds a javascript: link, both implementing
    06/NQ-CP; their labels (no number, no name) are their subjects."""
    documents = [
        Document(id=NQ06, placeholder=True, number="06/NQ-CP", doc_type="Nghị quyết", issuer="Chính phủ"),
        Document(
            id="vn/x/2024/script", placeholder=False, doc_type="Công văn", subject=SCRIPT, issuer=SCRIPT
        ),
        Document(
            id="vn/x/2024/href", placeholder=False, doc_type="Quyết định", subject=HREF, issuer="Sở \\N \\l"
        ),
    ]
    edges = [
        _edge("vn/x/2024/href", NQ06, "implements", f"Thực hiện {HREF}"),
        _edge("vn/x/2024/script", NQ06, "implements", f"Căn cứ {SCRIPT} và Nghị quyết số 06/NQ-CP"),
    ]
    return Subgraph(documents=documents, edges=edges)


# --- every format, parsed back --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if static.dot_available() or f not in ("png", "briefing-svg", "briefing-png")]
)
def test_every_format_renders_the_chain_of_06_nq_cp(chain: Subgraph, fmt: str) -> None:
    export = render(chain, fmt, root=NQ06)
    assert export.files and all(export.files.values())
    assert export.media_type
    if fmt == "csv":
        assert list(export.files) == ["nodes.csv", "edges.csv"]
        with zipfile.ZipFile(io.BytesIO(export.zip())) as archive:
            assert archive.namelist() == ["nodes.csv", "edges.csv"]
    else:
        # briefing-svg: "briefing.svg" (its pages, when several: briefing-1.svg …)
        name = f"briefing.{fmt.removeprefix('briefing-')}" if fmt.startswith("briefing-") else f"graph.{fmt}"
        assert list(export.files) == [name] and export.payload() == export.files[name]


def test_the_chain_holds_both_letters_and_the_asserted_link(chain: Subgraph) -> None:
    assert sorted(d.id for d in chain.documents) == sorted([NQ06, TLD5890, L1127])
    # 1127 → 06 and 1127 → 5890 in 1127's text; 5890 → 06 twice: in 5890's text, and asserted by 1127.
    assert len(chain.edges) == 4


def test_graphml_parses_back_with_the_counts_of_the_store(everything: Subgraph) -> None:
    graph = nx.read_graphml(io.BytesIO(render(everything, "graphml").payload()))
    assert graph.number_of_nodes() == len(everything.documents)
    assert graph.number_of_edges() == len(everything.edges)
    evidences = {data["evidence"] for _, _, data in graph.edges(data=True)}
    assert evidences == {e.evidence for e in everything.edges}
    law = graph.nodes[everything.documents[0].id]
    assert law["label"] == everything.documents[0].label


def test_gexf_parses_back_with_the_counts_of_the_store(everything: Subgraph) -> None:
    graph = nx.read_gexf(io.BytesIO(render(everything, "gexf").payload()))
    assert graph.number_of_nodes() == len(everything.documents)
    assert graph.number_of_edges() == len(everything.edges)
    assert {d["label"] for _, d in graph.nodes(data=True)} == {d.label for d in everything.documents}
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations == sorted(e.relation for e in everything.edges)


def test_csv_has_the_headers_neo4j_admin_import_expects(everything: Subgraph) -> None:
    export = render(everything, "csv")
    nodes = list(csv.reader(io.StringIO(export.files["nodes.csv"].decode("utf-8"))))
    edges = list(csv.reader(io.StringIO(export.files["edges.csv"].decode("utf-8"))))
    assert nodes[0][:2] == ["id:ID", ":LABEL"] and tuple(nodes[0]) == NODE_HEADER
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and tuple(edges[0]) == EDGE_HEADER
    assert "confidence:double" in edges[0] and "placeholder:boolean" in nodes[0]
    assert len(nodes) - 1 == len(everything.documents) and len(edges) - 1 == len(everything.edges)
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    assert {row[2] for row in edges[1:]} == {e.relation.upper() for e in everything.edges}
    placeholders = {row[0] for row in nodes[1:] if row[1] == "LexDocument;Placeholder"}
    assert placeholders == {d.id for d in everything.documents if d.placeholder}


def test_csv_fields_stay_on_one_line(tmp_path: Path) -> None:
    sentence = "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;\nCăn cứ Nghị định số 43/2014/NĐ-CP"
    sub = Subgraph(
        documents=[Document(id="a", placeholder=False), Document(id="b", placeholder=True)],
        edges=[_edge("a", "b", "based_on", sentence)],
    )
    rows = render(sub, "csv").files["edges.csv"].decode("utf-8").splitlines()
    assert len(rows) == 2 and "29 tháng 11 năm 2013; Căn cứ" in rows[1]


def test_jsonld_uses_the_eli_vocabulary_with_evidence_on_each_edge(everything: Subgraph) -> None:
    data = json.loads(render(everything, "jsonld").payload())
    context, graph = data["@context"], data["@graph"]
    assert context["eli"] == ELI
    assert context["implements"]["@id"] == "eli:ensures_implementation_of"
    assert context["based_on"]["@id"] == "eli:based_on" and context["amends"]["@id"] == "eli:amends"
    assert context["repeals"]["@id"] == "eli:repeals" and context["cites"]["@id"] == "eli:cites"
    resources = [n for n in graph if n.get("@type") == "eli:LegalResource"]
    statements = [n for n in graph if "rdf:Statement" in n.get("@type", [])]
    assert len(resources) == len(everything.documents) and len(statements) == len(everything.edges)
    assert all(isinstance(s["evidence"], str) and 0 < s["confidence"] <= 1 for s in statements)
    own = {n["@id"]: n for n in graph if n.get("@type") == "rdf:Property"}
    assert set(own) == {"lexgraph:guides", "lexgraph:replaces", "lexgraph:responds_to", "lexgraph:attaches"}
    assert all(p["subPropertyOf"] == "eli:refers_to" for p in own.values())
    triples = sum(len(r.get(rel, [])) for r in resources for rel in style.RELATION_COLOURS)
    assert triples == len({(e.source, e.relation, e.target) for e in everything.edges})


# --- the interactive page ---------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: bytes) -> _Tags:
    tags = _Tags()
    tags.feed(page.decode("utf-8"))
    return tags


def test_html_links_nothing_external(chain: Subgraph) -> None:
    page = render(chain, "html", root=NQ06).payload()
    tags = _parse(page)
    links = [value for _, name, value in tags.attributes if name in ("src", "href")]
    assert not [v for v in links if v.startswith(("http:", "https:", "//"))], links
    assert all(tag != "link" for tag, _, _ in tags.attributes)
    assert b"cdnjs" not in page and b"jsdelivr" not in page and b"bootstrap" not in page.lower()
    assert b"@import" not in page


def test_html_is_utf8_with_vietnamese_labels(chain: Subgraph) -> None:
    page = render(chain, "html", root=NQ06).payload().decode("utf-8")
    assert '<meta charset="utf-8">' in page
    assert "Công văn 1127/LĐLĐ" in page and "Nghị quyết 06/NQ-CP" in page


def test_html_shows_hostile_titles_as_text(hostile: Subgraph) -> None:
    page = render(hostile, "html", root="vn/x/2024/script").payload().decode("utf-8")
    assert SCRIPT not in page and "<a href=" not in page and "<img src=x" not in page
    # The heading is the root's label, escaped; in the data, < and > are \u escapes.
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    # The page never turns a title into markup (pyvis's own template does when one contains "href").
    script = page.rsplit("<script>", 1)[1]
    assert "innerHTML" not in script and "textContent" in script


def test_html_has_one_colour_per_relation_and_a_legend(everything: Subgraph) -> None:
    page = render(everything, "html").payload().decode("utf-8")
    data = _graph_data(page)
    colours = {e["relation"]: e["color"]["color"] for e in data["edges"]}
    assert colours == {r: style.RELATION_COLOURS[r] for r in colours}
    assert len(set(style.RELATION_COLOURS.values())) == len(style.RELATION_COLOURS)
    for relation in colours:
        assert style.RELATION_NAMES[relation] in page
    shapes = {n["id"]: n["shape"] for n in data["nodes"]}
    laws = [d.id for d in everything.documents if d.doc_type == "Luật"]
    assert laws and {shapes[i] for i in laws} == {"box"}
    assert "Chú giải" in page


# The dot source of a node: `n3 [label="…" … shape=diamond …]`.
DOT_NODE = re.compile(r"^\s*(n\d+) \[.*?\bshape=(\w+)", re.MULTILINE)
BRIEFING_GLYPH = re.compile(r"^\s*(d\d+)_shape \[.*?\bshape=(\w+)", re.MULTILINE)
# vis-network's name → Graphviz's, for the shapes whose names differ.
SAME_SHAPE = {"triangleDown": "invtriangle", "dot": "circle"}


def test_a_document_type_has_one_shape_in_html_and_in_svg(everything: Subgraph) -> None:
    """A Nghị quyết is a diamond on the slide as in the interactive page (the issue: diamond vs hexagon)."""
    html_shapes = {
        n["id"]: n["shape"] for n in _graph_data(render(everything, "html").payload().decode())["nodes"]
    }
    source = static.to_dot(everything, None, ExportOptions()).source
    dot_shapes = dict(DOT_NODE.findall(source))
    for index, document in enumerate(everything.documents):
        vis = html_shapes[document.id]
        assert dot_shapes[f"n{index}"] == SAME_SHAPE.get(vis, vis), document.label
    # The briefing slide draws each document's shape beside its label: the same shape again.
    if static.dot_available():
        options = ExportOptions(pages=2)
        pages = briefing.paginate(everything, None, options.pages, options.max_nodes)
        kinds = {d.id: d for d in everything.documents}
        for page in pages:
            source = briefing.page_graph(everything, None, options, page).source
            glyphs = dict(BRIEFING_GLYPH.findall(source))
            assert len(glyphs) == len(page.documents)
            for index, node in enumerate(page.documents):
                vis = html_shapes[node]
                assert glyphs[f"d{index}"] == SAME_SHAPE.get(vis, vis), kinds[node].label
    resolution = style.family(Document(id="vn/cp/2023/06-nq-cp", placeholder=False, doc_type="Nghị quyết"))
    assert (resolution.vis_shape, resolution.dot_shape) == ("diamond", "diamond")
    assert len(set(dot_shapes.values())) > 1  # the corpus shows several families, each checked above


def test_pictures_speak_vietnamese_only(everything: Subgraph, hostile: Subgraph) -> None:
    """Legends and tooltips of the html and svg pictures: no English words left for the legal staff to decode."""
    english = (
        "confidence",
        "resolution",
        "cited, not ingested",
        "asserted by",
        "Legend",
        "stated by",
        "(other)",
    )
    pictures = [
        render(everything, "html").payload().decode(),
        static.to_dot(everything, None, ExportOptions()).source,
    ]
    for picture in pictures:
        assert "được trích dẫn, chưa có văn bản" in picture or "được trích dẫn" in picture
        assert "độ tin cậy" in picture
        for word in english:
            assert word not in picture, word


def _graph_data(page: str) -> dict:
    start = page.index('<script type="application/json" id="lexgraph-data">') + len(
        '<script type="application/json" id="lexgraph-data">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_a_click_opens_a_document_page_only_on_http_or_a_path(chain: Subgraph) -> None:
    for url in ("javascript:alert(1)//", "//lexgraph.example/van-ban/", "data:text/html,"):
        with pytest.raises(ExportError, match="document_url"):
            ExportOptions(document_url=url)
    options = ExportOptions(document_url="/van-ban/")
    nodes = _graph_data(render(chain, "html", options=options).payload().decode())["nodes"]
    assert {n["id"]: n["url"] for n in nodes}[L1127] == "/van-ban/vn/lai-chau/ldld/2023/1127-ldld"
    odd = Document(id="vn/x/2024/a?b#c d", placeholder=False, doc_type="Công văn", subject="Công văn lạ")
    data = _graph_data(
        render(Subgraph(documents=[odd], edges=[]), "html", options=options).payload().decode()
    )
    assert data["nodes"][0]["url"] == "/van-ban/vn/x/2024/a%3Fb%23c%20d"  # the id stays the id
    assert all("url" not in n for n in _graph_data(render(chain, "html").payload().decode())["nodes"])


def test_the_legend_says_how_parallel_citations_are_drawn(chain: Subgraph) -> None:
    page = render(chain, "html").payload().decode()
    assert "Nhiều trích dẫn cùng quan hệ: một đường, nhấn để xem từng câu" in page


def test_hierarchical_layout_puts_the_resolution_at_the_top(chain: Subgraph) -> None:
    data = _graph_data(render(chain, "html", root=NQ06).payload().decode("utf-8"))
    level = {n["id"]: n["level"] for n in data["nodes"]}
    assert level[NQ06] < level[TLD5890] < level[L1127]
    assert data["options"]["layout"]["hierarchical"]["enabled"]


def test_force_layout_has_no_rows(chain: Subgraph) -> None:
    data = _graph_data(render(chain, "html", options=ExportOptions(layout="force")).payload().decode("utf-8"))
    assert all("level" not in n for n in data["nodes"]) and "hierarchical" not in data["options"]["layout"]


def test_a_cut_neighbourhood_says_so(store: GraphStore) -> None:
    sub = store.neighbourhood(store.lookup("Luật Đất đai 2013").id, depth=5, max_nodes=3)
    assert sub.truncated and len(sub.documents) == 3
    page = render(sub, "html").payload().decode("utf-8")
    assert "Chỉ hiển thị 3 văn bản: còn văn bản khác trong phạm vi" in page


def test_export_subgraph_caps_the_store_query_at_max_nodes(store: GraphStore) -> None:
    export = export_subgraph(
        store, "Luật Đất đai 2013", depth=5, fmt="graphml", options=ExportOptions(max_nodes=4)
    )
    graph = nx.read_graphml(io.BytesIO(export.payload()))
    assert graph.number_of_nodes() == 4 and graph.graph["truncated"] is True


def test_render_refuses_a_subgraph_past_the_cap(everything: Subgraph) -> None:
    with pytest.raises(TooManyNodes, match="more than the 2 an export takes"):
        render(everything, "html", options=ExportOptions(max_nodes=2))
    assert issubclass(TooManyNodes, ValueError) and issubclass(UnknownFormat, ExportError)


def test_an_unknown_format_names_the_known_ones(chain: Subgraph) -> None:
    with pytest.raises(UnknownFormat, match="html, svg, png, graphml, gexf, csv, jsonld"):
        render(chain, "pdf")


# --- static pictures --------------------------------------------------------------------------------------------


def _svg_text(data: bytes) -> str:
    root = ElementTree.fromstring(data)  # well-formed XML, or this raises
    return " ".join(t.strip() for t in root.itertext() if t.strip())


@needs_dot
def test_svg_by_dot_has_vietnamese_labels_in_dejavu_and_a_legend(chain: Subgraph) -> None:
    data = render(chain, "svg", root=NQ06).payload()
    text = _svg_text(data)
    assert "Công văn 1127/LĐLĐ" in text and "2023-02-03" in text and "Chú giải" in text
    assert style.RELATION_NAMES["implements"] == "Thực hiện" and "Thực hiện" in text
    assert b'font-family="DejaVu Sans' in data and b"<!DOCTYPE" not in data


@needs_dot
def test_svg_by_dot_shows_hostile_labels_as_text(hostile: Subgraph) -> None:
    data = render(hostile, "svg").payload()
    assert b"<script" not in data and b"<a href" not in data
    text = _svg_text(data)
    assert SCRIPT in text  # escaped in the file, the same text once parsed


def test_svg_without_graphviz_is_drawn_in_python(
    monkeypatch: pytest.MonkeyPatch, chain: Subgraph, hostile: Subgraph
) -> None:
    monkeypatch.setattr(static, "dot_available", lambda: False)
    data = render(chain, "svg", root=NQ06).payload()
    text = _svg_text(data)
    assert "Công văn 1127/LĐLĐ" in text and "Chú giải" in text
    rows = {}
    for group in ElementTree.fromstring(data).iter("{http://www.w3.org/2000/svg}g"):
        title = group.find("{http://www.w3.org/2000/svg}title")
        rect = group.find("{http://www.w3.org/2000/svg}rect")
        assert title is not None and rect is not None
        rows[title.text.splitlines()[0]] = float(rect.get("y", 0))
    assert rows["Nghị quyết 06/NQ-CP"] < rows["Công văn 5890/TLĐ-CSPL"] < rows["Công văn 1127/LĐLĐ"]
    hostile_svg = render(hostile, "svg").payload()
    assert b"<script" not in hostile_svg and SCRIPT in _svg_text(hostile_svg)


def test_png_without_graphviz_says_what_to_install(monkeypatch: pytest.MonkeyPatch, chain: Subgraph) -> None:
    monkeypatch.setattr(static, "dot_available", lambda: False)
    with pytest.raises(RendererUnavailable, match="apt install graphviz"):
        render(chain, "png")


@needs_dot
def test_png_is_a_png(chain: Subgraph) -> None:
    assert render(chain, "png").payload().startswith(b"\x89PNG\r\n\x1a\n")


# --- Export ------------------------------------------------------------------------------------------------------


def test_the_zip_of_an_export_is_the_same_every_time(everything: Subgraph) -> None:
    assert render(everything, "csv").zip() == render(everything, "csv").zip()


def test_a_csv_export_is_one_zip_for_download(everything: Subgraph) -> None:
    name, media_type, data = render(everything, "csv").download()
    assert (name, media_type) == ("lexgraph-export.zip", "application/zip") and data.startswith(b"PK")
    with pytest.raises(ValueError, match="use zip"):
        render(everything, "csv").payload()


# --- the command line ---------------------------------------------------------------------------------------------

runner = CliRunner(env={"COLUMNS": "400"})  # rich wraps error boxes at the terminal width


def test_cli_exports_the_chain_as_html(store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "06-nq-cp.html"
    args = ["export", "Nghị quyết 06/NQ-CP", "-d", "3", "-r", "implements", "--direction", "in"]
    result = runner.invoke(app, [*args, "-o", str(out), "--store", store.url])
    assert result.exit_code == 0, result.output
    assert "Công văn 1127/LĐLĐ" in out.read_text(encoding="utf-8")
    assert "Nghị quyết 06/NQ-CP: 3 documents, 4 citations" in result.stderr


@pytest.mark.parametrize("target", ["csv-folder", "export.zip"])
def test_cli_writes_csv_to_a_folder_or_a_zip(store: GraphStore, tmp_path: Path, target: str) -> None:
    out = tmp_path / target
    result = runner.invoke(app, ["export", "06/NQ-CP", "-f", "csv", "-o", str(out), "--store", store.url])
    assert result.exit_code == 0, result.output
    if out.suffix == ".zip":
        assert zipfile.ZipFile(out).namelist() == ["nodes.csv", "edges.csv"]
    else:
        assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "cannot tell the format"),
        (["-o", "x.svg", "-f", "pdf"], "unknown export format"),
        (["-o", "nodes.csv"], "give a folder or a .zip"),
    ],
)
def test_cli_usage_errors(store: GraphStore, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", "06/NQ-CP", *args, "--store", store.url])
    assert result.exit_code == 2 and message in result.output


def test_cli_reports_a_reference_that_names_nothing(store: GraphStore, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "Nghị quyết 99/NQ-XX", "-o", str(tmp_path / "x.svg"), "--store", store.url]
    )
    assert result.exit_code == 1 and "no document matches" in result.stderr
