"""The GraphStore contract: what every store (tests/graph_stores.py) must answer, and how, on real Vietnamese
documents. Each test is a specification: read its name and first lines.

Ids used below: 1127/LĐLĐ of Lai Châu is `vn/lai-chau/ldld/2023/1127-ldld`; "06/NQ-CP" cited without a year is
the placeholder `vn/cp/undated/06-nq-cp`, and the Resolution of 2023 itself `vn/cp/2023/06-nq-cp`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from graph_examples import (
    EVIDENCE_47_AMENDS_76,
    EVIDENCE_79_REPEALS_ARTICLE_5,
    EVIDENCE_79_REPLACES_08,
    EVIDENCE_100_REPLACES_46,
    EVIDENCE_168_REPLACES_100,
    EVIDENCE_1127_06,
    EVIDENCE_1127_5890,
    EVIDENCE_LETTER_46_REPLACED,
    EVIDENCE_SUSPENDS_28,
    PARTS_47_AMENDS_76,
    cite,
    decision_06_2022_ttg,
    decision_ha_tinh_12_2020,
    decision_ha_tinh_28_2024,
    decision_ha_tinh_79_2025,
    decision_ha_tinh_suspending_28,
    decision_quang_tri_2021,
    decision_tuyen_quang_2010,
    decree_46_2016,
    decree_100_2019,
    decree_168_2024,
    decree_listing_laws,
    document,
    law_43_2024,
    law_47_2019,
    law_76_2015,
    letter_1127,
    letter_1127_thanh_hoa,
    letter_5890,
    letter_citing_1127,
    letter_on_traffic_fines,
    plan_lai_chau_2021_2025,
    resolution_06,
)
from graph_stores import STORE_FACTORIES

from graph import (
    AmbiguousReference,
    DocumentNotFound,
    GraphStore,
    IngestSummary,
    ingest,
)
from ingest.models import Asserted, Extraction

L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
NQ06 = "vn/cp/undated/06-nq-cp"
NQ06_2023 = "vn/cp/2023/06-nq-cp"
NQ06_2022 = "vn/cp/2022/06-nq-cp"
TLD5890 = "vn/tld/2023/5890-tld-cspl"
LAND_2013 = "vn/qh13/2013/45-2013-qh13"
ORG_GOV = "vn/named/{}/luat-to-chuc-chinh-phu"


@pytest.fixture(params=sorted(STORE_FACTORIES))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    graph_store = STORE_FACTORIES[request.param](tmp_path)
    yield graph_store
    graph_store.close()


def load(store: GraphStore, *extractions: Extraction, batch_size: int = 64) -> IngestSummary:
    return ingest(store, list(extractions), batch_size=batch_size)


def snapshot(store: GraphStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every document and every edge, through the protocol only."""
    documents = store.search(limit=1_000_000)
    edges = [e.model_dump() for d in documents for e in store.citations(d.id, "out")]
    return sorted((d.model_dump() for d in documents), key=lambda d: d["id"]), edges


def child_ids(node: Any) -> list[str]:
    return [c.document.id for c in node.children]


def test_the_store_meets_the_protocol(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)


# --- the acceptance query -------------------------------------------------------------------------------------


def test_implementers_of_06_nq_cp_show_1127_directly_and_through_5890_with_evidence(
    store: GraphStore,
) -> None:
    load(store, letter_1127())
    root = store.lookup("Nghị quyết 06/NQ-CP")
    assert root.id == NQ06 and root.placeholder
    tree = store.implementers(root.id)
    assert child_ids(tree.root) == [L1127, TLD5890]
    direct, through = tree.root.children
    assert [e.evidence for e in direct.edges] == [EVIDENCE_1127_06]
    assert direct.edges[0].source_doc == L1127 and direct.edges[0].asserted_by is None
    # 5890 implements 06/NQ-CP because the letter 1127 says so: an asserted edge.
    (asserted,) = through.edges
    assert (asserted.source, asserted.target, asserted.relation) == (TLD5890, NQ06, "implements")
    assert asserted.asserted_by == L1127 and asserted.evidence == EVIDENCE_1127_5890
    assert child_ids(through) == [L1127]
    assert through.children[0].edges[0].evidence == EVIDENCE_1127_5890


def test_one_document_however_it_is_cited(store: GraphStore) -> None:
    load(store, letter_1127())
    for ref in (
        "Nghị quyết số 06/NQ-CP của Chính phủ",
        "Nghị quyết 06/NQ-CP",
        "NQ 06/NQ-CP",
        "06/NQ-CP",
        NQ06,
    ):
        assert store.lookup(ref).id == NQ06, ref
        assert [d.id for d in store.find(ref)] == [NQ06], ref


def test_edges_carry_relation_evidence_offsets_confidence_and_citing_document(store: GraphStore) -> None:
    load(store, letter_1127())
    edges = store.citations(L1127, "out")
    assert [(e.target, e.relation) for e in edges] == [(NQ06, "implements"), (TLD5890, "implements")]
    first = edges[0]
    assert (first.start, first.end) == (28, 28 + len("Nghị quyết số 06/NQ-CP của Chính phủ"))
    assert first.mention == "Nghị quyết số 06/NQ-CP của Chính phủ"
    assert first.pinpoint == "khoản 10, mục IV"
    assert first.confidence == 0.9 and first.source_doc == L1127 and first.cited_as == "06/NQ-CP"
    # No year: the placeholder of every "06/NQ-CP" whose year is unknown; visible, not guessed.
    assert first.resolution.method == "unresolved" and first.resolution.confidence == 0.5
    assert edges[1].resolution.method == "exact" and edges[1].resolution.confidence == 1.0


# --- writing: idempotent, versions, placeholders --------------------------------------------------------------


def test_ingesting_the_same_file_again_changes_nothing(store: GraphStore) -> None:
    load(store, letter_1127(), decision_quang_tri_2021())
    before = snapshot(store)
    summary = load(store, letter_1127(), decision_quang_tri_2021())
    assert (summary.written, summary.unchanged, summary.citations) == (0, 2, 0)
    assert snapshot(store) == before


def test_a_new_version_replaces_the_documents_outgoing_edges(store: GraphStore) -> None:
    load(store, letter_1127())
    load(store, letter_1127(with_5890=False))  # same file, corrected: it no longer cites 5890
    assert [e.target for e in store.citations(L1127, "out")] == [NQ06]
    assert store.get(TLD5890) is None  # a placeholder nothing cites any more is gone
    assert store.stats().edges == 1


def test_the_text_of_an_ingested_document_is_kept_for_its_edge_offsets(store: GraphStore) -> None:
    text = (
        "Các cấp công đoàn thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động."
    )
    load(store, letter_1127().model_copy(update={"text": text}))
    edge = store.citations(L1127, "out")[0]
    assert store.text(L1127) == text
    assert text[edge.start : edge.end] == "Nghị quyết số 06/NQ-CP của Chính phủ"  # type: ignore[index]
    assert store.text(NQ06) is None  # a placeholder has no text
    assert store.text("vn/khong-co") is None


def test_a_new_text_of_the_same_extraction_is_a_new_version(store: GraphStore) -> None:
    load(store, letter_1127().model_copy(update={"text": "bản cũ"}))
    summary = load(store, letter_1127().model_copy(update={"text": "bản mới"}))
    assert summary.written == 1 and store.text(L1127) == "bản mới"


def test_deleting_a_document_keeps_it_as_a_placeholder_while_others_cite_it(store: GraphStore) -> None:
    load(store, letter_1127(), letter_5890(), letter_citing_1127("Liên đoàn Lao động tỉnh Lai Châu", "b.txt"))
    assert store.delete([TLD5890]) == [TLD5890]
    gone = store.get(TLD5890)
    # 1127 still cites it (and says it implements 06/NQ-CP): those edges stay, on a placeholder without text.
    assert gone is not None and gone.placeholder and store.text(TLD5890) is None
    assert [e.source for e in store.citations(TLD5890, "in")] == [L1127]
    assert store.citations(TLD5890, "out", relations=["implements"])[0].asserted_by == L1127


def test_deleting_a_document_nobody_cites_removes_it_and_the_placeholders_only_it_cited(
    store: GraphStore,
) -> None:
    load(store, letter_1127(), decision_quang_tri_2021())
    before = store.stats()
    assert store.delete([L1127, "vn/khong-co"]) == [L1127]
    assert store.get(L1127) is None and store.text(L1127) is None
    assert store.get(NQ06) is None and store.get(TLD5890) is None  # cited by 1127 alone
    after = store.stats()
    assert (after.documents, after.placeholders) == (before.documents - 1, before.placeholders - 2)
    assert store.delete([L1127]) == []  # again: nothing to do


def test_deleting_then_ingesting_again_gives_the_same_graph(store: GraphStore) -> None:
    load(store, letter_1127(), letter_5890(), resolution_06("2023"))
    before = snapshot(store)
    store.delete([TLD5890, NQ06_2023])
    load(store, letter_5890(), resolution_06("2023"))
    assert snapshot(store) == before


def test_placeholder_is_merged_into_the_real_document_edges_included(store: GraphStore) -> None:
    load(store, letter_1127())
    summary = load(store, resolution_06("2023"))
    assert summary.placeholders_removed == 1
    assert store.get(NQ06) is None
    assert not store.get(NQ06_2023).placeholder  # type: ignore[union-attr]
    # The letter's citation and the relation it asserts now reach the Resolution of 2023, issued before it.
    into = store.citations(NQ06_2023, "in")
    assert [(e.source, e.asserted_by) for e in into] == [(L1127, None), (TLD5890, L1127)]
    assert all(e.resolution.method == "latest" and e.resolution.confidence == 0.9 for e in into)
    assert child_ids(store.implementers(NQ06_2023).root) == [L1127, TLD5890]


def test_the_order_of_ingestion_does_not_matter(store: GraphStore, tmp_path: Path) -> None:
    documents = [
        letter_1127(),
        resolution_06("2023"),
        letter_5890(),
        decision_quang_tri_2021(),
        law_43_2024(),
    ]
    load(store, *documents)
    other = next(iter(STORE_FACTORIES.values()))(tmp_path / "reversed")
    try:
        for extraction in reversed(documents):
            load(other, extraction)
        assert snapshot(other) == snapshot(store)
    finally:
        other.close()


def test_a_cited_document_ingested_later_keeps_its_id_and_its_citers(store: GraphStore) -> None:
    load(store, letter_1127())
    assert store.get(TLD5890).placeholder  # type: ignore[union-attr]
    load(store, letter_5890())
    real = store.get(TLD5890)
    assert real is not None and not real.placeholder and real.issuer.startswith("Ban Chấp hành")  # type: ignore[union-attr]
    assert [e.source for e in store.citations(TLD5890, "in")] == [L1127]


def test_a_batch_is_written_whole_or_not_at_all(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    load(store, decision_quang_tri_2021())
    before = snapshot(store)
    import graph.load

    def fail(*_args: Any) -> None:
        raise RuntimeError("the machine stops here")

    monkeypatch.setattr(graph.load, "_settle", fail)  # after the edges of the batch are inserted
    with pytest.raises(RuntimeError):
        load(store, letter_1127(), resolution_06("2023"))
    assert snapshot(store) == before


# --- resolution rules -----------------------------------------------------------------------------------------


def test_a_number_without_year_resolves_to_the_latest_issued_before_the_citing_document(
    store: GraphStore,
) -> None:
    load(store, resolution_06("2022"), resolution_06("2023"), letter_1127(with_5890=False))
    (edge,) = store.citations(L1127, "out")
    assert edge.target == NQ06_2023
    assert edge.resolution.method == "latest" and edge.resolution.confidence == 0.8
    assert edge.resolution.candidates == [NQ06_2023, NQ06_2022]
    # Asked without a year, the graph does not guess either.
    with pytest.raises(AmbiguousReference) as raised:
        store.lookup("06/NQ-CP")
    assert {d.id for d in raised.value.candidates} == {NQ06_2022, NQ06_2023}
    assert store.lookup("Nghị quyết 06/NQ-CP năm 2022").id == NQ06_2022


def test_a_document_citing_its_own_number_means_an_earlier_one_never_itself(
    store: GraphStore, tmp_path: Path
) -> None:
    # Resolution 06/NQ-CP of 2023 citing "Nghị quyết số 06/NQ-CP" without a year: the one of 2022, whichever of
    # the two is ingested first; never an edge from the document to itself.
    evidence = "Tiếp theo Nghị quyết số 06/NQ-CP của Chính phủ"
    citing = document(
        "corpus/nq-06-cp-2023.txt",
        "06/NQ-CP",
        "Nghị quyết",
        "Chính phủ",
        "2023-01-10",
        "về phát triển thị trường lao động",
        citations=[
            cite("06/NQ-CP", "Nghị quyết số 06/NQ-CP", evidence, doc_type="Nghị quyết", issuer="Chính phủ")
        ],
    )
    load(store, resolution_06("2022"))
    load(store, citing)
    other = next(iter(STORE_FACTORIES.values()))(tmp_path / "reversed")
    try:
        load(other, citing)
        load(other, resolution_06("2022"))
        for graph in (store, other):
            (edge,) = graph.citations(NQ06_2023, "out")
            assert (edge.target, edge.resolution.method) == (NQ06_2022, "latest")
            assert not [e for e in graph.citations(NQ06_2023, "in") if e.source == NQ06_2023]
        assert snapshot(other) == snapshot(store)
    finally:
        other.close()


def test_the_review_queue_holds_the_targets_the_rules_chose_without_certainty(store: GraphStore) -> None:
    # 1127/LĐLĐ cites "Nghị quyết số 06/NQ-CP" without a year: the 2023 resolution by the "latest before" rule,
    # the 2022 one listed; a letter of unknown province citing 1127/LĐLĐ is ambiguous. Both go to the queue;
    # an exact citation ("công văn số 5890/TLĐ-CSPL, ngày 31/01/2023") does not.
    load(
        store,
        resolution_06("2022"),
        resolution_06("2023"),
        letter_1127(with_5890=True),
        letter_1127_thanh_hoa(),
    )
    load(store, letter_citing_1127("Liên đoàn Lao động tỉnh", "corpus/cv-1302-unknown.txt"))
    queue = store.to_review()
    methods = {(e.source, e.cited_as): e.resolution.method for e in queue}
    assert methods[L1127, "06/NQ-CP"] == "latest"
    assert methods["vn/local/ldld/2023/1302-ldld", "1127/LĐLĐ"] == "ambiguous"
    assert all(e.resolution.method != "exact" or e.resolution.confidence < 0.8 for e in queue)
    assert TLD5890 not in {e.target for e in queue}
    # Paged in edge order: the pages put together are the whole queue.
    assert store.to_review(limit=1) + store.to_review(limit=100, offset=1) == queue
    # A stricter threshold never takes an edge out.
    assert len(store.to_review(below=0.95)) >= len(queue)


def test_local_numbers_are_unique_only_within_a_province(store: GraphStore) -> None:
    load(store, letter_1127(with_5890=False), letter_1127_thanh_hoa())
    assert {d.id for d in store.find("1127/LĐLĐ")} == {L1127, "vn/thanh-hoa/ldld/2023/1127-ldld"}
    load(store, letter_citing_1127("Liên đoàn Lao động tỉnh Lai Châu", "corpus/cv-1302-laichau.txt"))
    (edge,) = store.citations("vn/lai-chau/ldld/2023/1302-ldld", "out")
    assert edge.target == L1127 and edge.resolution.method == "latest"


def test_a_local_number_from_a_letter_of_unknown_province_stays_ambiguous(store: GraphStore) -> None:
    load(store, letter_1127(with_5890=False), letter_1127_thanh_hoa())
    load(store, letter_citing_1127("Liên đoàn Lao động tỉnh", "corpus/cv-1302-unknown.txt"))
    (edge,) = store.citations("vn/local/ldld/2023/1302-ldld", "out")
    assert edge.target == "vn/local/ldld/undated/1127-ldld"
    assert edge.resolution.method == "ambiguous"
    assert sorted(edge.resolution.candidates) == sorted([L1127, "vn/thanh-hoa/ldld/2023/1127-ldld"])


def test_an_undated_law_is_the_latest_of_its_name_before_the_citing_decision(store: GraphStore) -> None:
    load(store, decree_listing_laws(), decision_quang_tri_2021(), decision_tuyen_quang_2010())
    (in_2021,) = [
        e
        for e in store.citations("vn/quang-tri/ubnd/2021/30-2021-qd-ubnd", "out")
        if e.cited_as == "Luật Tổ chức Chính phủ"
    ]
    assert in_2021.target == ORG_GOV.format(2015)  # not 2025: issued after the decision
    assert in_2021.resolution.candidates == [ORG_GOV.format(2015), ORG_GOV.format(2001)]
    in_2010 = store.citations("vn/tuyen-quang/ct/2010/1056-qd-ct", "out")[0]
    assert in_2010.target == ORG_GOV.format(2001)
    assert in_2010.resolution.confidence == 0.9


def test_a_law_cited_by_name_and_by_number_is_one_node(store: GraphStore) -> None:
    load(store, decision_quang_tri_2021())
    assert store.lookup("Luật Đất đai 2013").id == "vn/named/2013/luat-dat-dai"
    load(store, law_43_2024())  # "Luật Đất đai số 45/2013/QH13"
    assert store.get("vn/named/2013/luat-dat-dai") is None
    assert store.lookup("Luật Đất đai 2013").id == LAND_2013
    citers = store.citations(LAND_2013, "in")
    assert [(e.source, e.resolution.method) for e in citers] == [
        ("vn/qh15/2024/43-2024-qh15", "exact"),
        ("vn/quang-tri/ubnd/2021/30-2021-qd-ubnd", "alias"),
    ]
    load(store, decree_listing_laws())  # the Land Law of 2024 too: the name alone is ambiguous
    with pytest.raises(AmbiguousReference):
        store.lookup("Luật Đất đai")


def test_unknown_reference_is_not_found_with_close_matches(store: GraphStore) -> None:
    load(store, letter_1127())
    with pytest.raises(DocumentNotFound) as raised:
        store.lookup("Nghị quyết 06/NQ-CQ")
    assert NQ06 in [d.id for d in raised.value.suggestions]
    assert "06/NQ-CP" in str(raised.value)


# --- traversals -----------------------------------------------------------------------------------------------


def chain() -> list[Extraction]:
    """A plan implementing a letter implementing the Resolution of 2023, which the plan also cites directly."""
    plan = document(
        "corpus/kh-15-ldld-laichau-2023.txt",
        "15/KH-LĐLĐ",
        "Kế hoạch",
        "Liên đoàn Lao động tỉnh Lai Châu",
        "2023-03-01",
        "triển khai công văn 1127/LĐLĐ",
        [
            cite(
                "1127/LĐLĐ",
                "Công văn số 1127/LĐLĐ ngày 03/02/2023",
                "Thực hiện Công văn số 1127/LĐLĐ ngày 03/02/2023 của Ban Thường vụ Liên đoàn Lao động tỉnh",
                relation="implements",
                date="2023-02-03",
            ),
            cite(
                "06/NQ-CP",
                "Nghị quyết số 06/NQ-CP ngày 10/01/2023",
                "phù hợp với Nghị quyết số 06/NQ-CP ngày 10/01/2023 của Chính phủ",
                date="2023-01-10",
                start=200,
            ),
        ],
    )
    return [letter_1127(), resolution_06("2023"), plan]


def test_implementers_follow_the_relation_filter_and_the_depth_limit(store: GraphStore) -> None:
    load(store, *chain())
    plan = "vn/lai-chau/ldld/2023/15-kh-ldld"
    deep = store.implementers(NQ06_2023)
    assert child_ids(deep.root) == [L1127, TLD5890]
    assert child_ids(deep.root.children[0]) == [plan]  # the plan's direct citation is "cites": not followed
    shallow = store.implementers(NQ06_2023, max_depth=1)
    assert shallow.truncated and shallow.root.children[0].truncated and not shallow.root.children[0].children
    every = store.implementers(NQ06_2023, relations=["implements", "cites"])
    assert child_ids(every.root) == [L1127, plan, TLD5890]  # children in id order


def test_implements_goes_up_to_the_roots(store: GraphStore) -> None:
    load(store, *chain())
    tree = store.implements("vn/lai-chau/ldld/2023/15-kh-ldld")
    assert child_ids(tree.root) == [L1127]
    assert child_ids(tree.root.children[0]) == [NQ06_2023, TLD5890]
    assert child_ids(tree.root.children[0].children[1]) == [NQ06_2023]
    assert not tree.truncated


def test_traversals_are_cycle_safe(store: GraphStore) -> None:
    a = document(
        "corpus/a.txt", "10/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Lai Châu", "2023-01-05", "kế hoạch A",
        [cite("11/KH-UBND", "Kế hoạch số 11/KH-UBND", "Thực hiện Kế hoạch số 11/KH-UBND", relation="implements", date="2023-01-06")],
    )  # fmt: skip
    b = document(
        "corpus/b.txt", "11/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Lai Châu", "2023-01-06", "kế hoạch B",
        [cite("10/KH-UBND", "Kế hoạch số 10/KH-UBND", "Thực hiện Kế hoạch số 10/KH-UBND", relation="implements", date="2023-01-05")],
    )  # fmt: skip
    load(store, a, b)
    tree = store.implementers("vn/lai-chau/ubnd/2023/10-kh-ubnd", max_depth=50)
    (child,) = tree.root.children
    (again,) = child.children
    assert again.document.id == "vn/lai-chau/ubnd/2023/10-kh-ubnd" and again.cycle and not again.children


def test_path_is_the_shortest_chain_forwards(store: GraphStore) -> None:
    load(store, *chain())
    plan = "vn/lai-chau/ldld/2023/15-kh-ldld"
    path = store.path(plan, NQ06_2023)
    assert path is not None and [d.id for d in path.documents] == [plan, NQ06_2023]
    via = store.path(plan, NQ06_2023, relations=["implements"])
    assert via is not None and [d.id for d in via.documents] == [plan, L1127, NQ06_2023]
    assert [e.relation for e in via.steps[0].edges] == ["implements"]
    assert store.path(NQ06_2023, plan) is None  # edges are followed in their direction only
    assert store.path(plan, plan) is not None and store.path(plan, plan).steps == []  # type: ignore[union-attr]


def test_neighbourhood_with_depth_direction_and_relations(store: GraphStore) -> None:
    load(store, *chain())
    around = store.neighbourhood(L1127, depth=1)
    assert [d.id for d in around.documents] == sorted(
        [L1127, NQ06_2023, TLD5890, "vn/lai-chau/ldld/2023/15-kh-ldld"]
    )
    assert {(e.source, e.target) for e in around.edges} == {
        (L1127, NQ06_2023),
        (L1127, TLD5890),
        (TLD5890, NQ06_2023),
        ("vn/lai-chau/ldld/2023/15-kh-ldld", L1127),
        ("vn/lai-chau/ldld/2023/15-kh-ldld", NQ06_2023),
    }
    outwards = store.neighbourhood(L1127, depth=1, direction="out")
    assert [d.id for d in outwards.documents] == sorted([L1127, NQ06_2023, TLD5890])
    cites_only = store.neighbourhood(NQ06_2023, depth=2, relations=["cites"], direction="in")
    assert [d.id for d in cites_only.documents] == sorted([NQ06_2023, "vn/lai-chau/ldld/2023/15-kh-ldld"])
    small = store.neighbourhood(L1127, depth=1, max_nodes=2)
    assert small.truncated and len(small.documents) == 2


def test_citations_filter_by_relation_and_direction(store: GraphStore) -> None:
    load(store, *chain())
    into = store.citations(NQ06_2023, "in", relations=["cites"])
    assert [e.source for e in into] == ["vn/lai-chau/ldld/2023/15-kh-ldld"]
    both = store.citations(L1127, "both")
    assert len(both) == 3
    with pytest.raises(ValueError):
        store.citations(L1127, "out", relations=["quotes"])
    with pytest.raises(DocumentNotFound):
        store.citations("vn/none/2023/1-none", "out")


# --- rankings, search, statistics -----------------------------------------------------------------------------


def test_missing_documents_ranked_by_how_often_they_are_cited(store: GraphStore) -> None:
    load(store, decision_quang_tri_2021(), decision_tuyen_quang_2010(), law_43_2024(), letter_5890())
    missing = store.missing()
    # Two decisions cite the undated Law on Government Organisation; a decision and a law the Land Law of 2013
    # (by name and by number: one node); a tie goes by id.
    assert [(m.document.id, m.citing_documents, m.citations) for m in missing] == [
        ("vn/named/undated/luat-to-chuc-chinh-phu", 2, 2),
        (LAND_2013, 2, 2),
        (NQ06_2023, 1, 1),
    ]
    assert all(m.document.placeholder for m in missing)
    assert [m.document.id for m in store.missing(limit=1)] == ["vn/named/undated/luat-to-chuc-chinh-phu"]


def test_most_cited_counts_distinct_citing_documents(store: GraphStore) -> None:
    load(store, *chain())
    top = store.most_cited(limit=1)
    assert top[0].document.id == NQ06_2023
    assert (top[0].citing_documents, top[0].citations) == (3, 3)  # 1127, 5890 (asserted) and the plan
    assert store.most_cited(relations=["cites"])[0].document.id == NQ06_2023


def test_search_by_number_type_issuer_dates_and_words(store: GraphStore) -> None:
    load(store, letter_1127(), letter_1127_thanh_hoa(), resolution_06("2023"), decision_quang_tri_2021())
    assert [d.id for d in store.search(number="1127/lđlđ")] == ["vn/thanh-hoa/ldld/2023/1127-ldld", L1127]
    assert [d.id for d in store.search(doc_type="nghị quyết")] == [NQ06_2023]
    assert [d.id for d in store.search(issuer="thanh hóa")] == ["vn/thanh-hoa/ldld/2023/1127-ldld"]
    in_feb = store.search(date_from="2023-02-01", date_to="2023-02-28")
    assert [d.id for d in in_feb] == [L1127]
    assert L1127 in [d.id for d in store.search(date_from="2023", date_to="2023", placeholders=False)]
    assert [d.id for d in store.search(words="thị trường lao động")] == [L1127, NQ06_2023]
    assert [d.id for d in store.search(words="thi truong lao dong")] == [L1127, NQ06_2023]
    assert store.search(words="đất đai", placeholders=False) == []
    assert [d.id for d in store.search(words="đất đai")] == ["vn/named/2013/luat-dat-dai"]


def test_statistics(store: GraphStore) -> None:
    load(store, letter_1127())
    stats = store.stats()
    assert (stats.documents, stats.placeholders, stats.edges, stats.asserted_edges) == (1, 2, 3, 1)
    assert stats.relations == {"implements": 3}
    assert stats.resolutions == {"exact": 2, "unresolved": 2}  # the asserted edge has two ends


def test_a_relation_asserted_between_two_documents_the_letter_cites(store: GraphStore) -> None:
    extraction = letter_1127()
    extraction.asserted[0] = Asserted(
        source="5890/TLĐ-CSPL",
        relation="implements",
        target="06/NQ-CP",
        evidence=EVIDENCE_1127_5890,
        confidence=0.7,
    )
    load(store, extraction)
    (edge,) = store.citations(TLD5890, "out")
    assert (edge.source_doc, edge.asserted_by, edge.confidence) == (L1127, L1127, 0.7)
    assert edge.source_resolution is not None and edge.source_resolution.method == "exact"


# --- what decides validity, stored ----------------------------------------------------------------------------

QD12_HA_TINH = "vn/ha-tinh/ubnd/2020/12-2020-qd-ubnd"
QD79_HA_TINH = "vn/ha-tinh/ubnd/2025/79-2025-qd-ubnd"
QD08_HA_TINH = "vn/ha-tinh/ubnd/2022/08-2022-qd-ubnd"
KH45_LAI_CHAU = "vn/lai-chau/ubnd/2021/45-kh-ubnd"


def test_a_documents_entry_into_force_and_expiry_are_stored_with_their_sentences(store: GraphStore) -> None:
    load(store, plan_lai_chau_2021_2025(), decision_ha_tinh_79_2025())
    plan = store.get(KH45_LAI_CHAU)
    assert plan is not None
    assert (plan.effective_date, plan.effective_text) == (
        "2021-03-10",
        "Kế hoạch này có hiệu lực kể từ ngày ký.",
    )
    assert (plan.expiry_date, plan.expiry_text) == ("2025-12-31", "giai đoạn 2021 - 2025")
    placeholder = store.get(QD08_HA_TINH)  # cited, not ingested: nothing of its own says when
    assert placeholder is not None and placeholder.effective_date is None


def test_an_edge_keeps_the_parts_it_touches_and_null_for_the_whole(store: GraphStore) -> None:
    load(store, decision_ha_tinh_12_2020(), decision_ha_tinh_79_2025())
    edges = {e.target: e for e in store.citations(QD79_HA_TINH, "out")}
    assert edges[QD12_HA_TINH].parts == ["Điều 5"]
    assert edges[QD12_HA_TINH].evidence == EVIDENCE_79_REPEALS_ARTICLE_5
    assert (
        edges[QD08_HA_TINH].parts is None
    )  # "Quyết định này thay thế Quyết định số 08/2022/QĐ-UBND": the whole


def test_a_demoted_document_forgets_its_entry_into_force(store: GraphStore) -> None:
    load(store, decision_ha_tinh_12_2020(), decision_ha_tinh_79_2025())
    store.delete([QD12_HA_TINH])  # 79/2025 still cites it: a placeholder, which says nothing of its own
    demoted = store.get(QD12_HA_TINH)
    assert demoted is not None and demoted.placeholder
    assert (demoted.effective_date, demoted.effective_text) == (None, None)


# --- status on a date and timeline ----------------------------------------------------------------------------

ND46 = "vn/cp/2016/46-2016-nd-cp"
ND100 = "vn/cp/2019/100-2019-nd-cp"
ND168 = "vn/cp/2024/168-2024-nd-cp"
QD06_TTG = "vn/ttg/2022/06-qd-ttg"
QD28_HA_TINH = "vn/ha-tinh/ubnd/2024/28-2024-qd-ubnd"
QD2950_HA_TINH = "vn/ha-tinh/ubnd/2024/2950-qd-ubnd"
LAW76 = "vn/qh13/2015/76-2015-qh13"
LAW47 = "vn/qh14/2019/47-2019-qh14"
CV1520 = "vn/cat/2020/1520-cat-pc08"


def test_a_decree_replaced_by_another_is_replaced_from_the_day_the_new_one_enters_into_force(
    store: GraphStore,
) -> None:
    load(store, decree_46_2016(), decree_100_2019())
    # Nghị định 100/2019/NĐ-CP was issued on 30/12/2019 and "có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2020".
    before = store.status(ND46, date(2019, 12, 31))
    assert (before.state, before.label, before.in_force) == ("in_force", "Còn hiệu lực", True)
    assert before.evidence == "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 8 năm 2016."
    assert [(c.by.id, c.in_effect) for c in before.changes] == [(ND100, False)]  # stated, not yet in effect
    status = store.status(ND46, date(2020, 1, 1))
    assert (status.state, status.label, status.in_force) == ("replaced", "Hết hiệu lực toàn bộ", False)
    assert status.since == "2020-01-01"
    assert status.detail == "bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 01/01/2020"
    (change,) = status.rests_on
    assert (change.effect, change.by.id, change.parts, change.from_date) == (
        "replaces",
        ND100,
        None,
        "2020-01-01",
    )
    assert (change.edge.source_doc, change.edge.relation) == (ND100, "replaces")
    assert change.edge.evidence == EVIDENCE_100_REPLACES_46


def test_what_is_in_force_in_place_of_a_decree_follows_its_replacements_to_the_current_one(
    store: GraphStore,
) -> None:
    load(store, decree_46_2016(), decree_100_2019(), decree_168_2024())
    # 46/2016 → 100/2019 (from 01/01/2020) → 168/2024 (from 01/01/2025)
    assert [c.by.id for c in store.replacement_chain(ND46, date(2024, 12, 31))] == [ND100]
    chain = store.replacement_chain(ND46, date(2025, 1, 1))
    assert [c.by.id for c in chain] == [ND100, ND168]
    assert [c.edge.evidence for c in chain] == [EVIDENCE_100_REPLACES_46, EVIDENCE_168_REPLACES_100]
    assert [c.by.id for c in store.status(ND46, date(2025, 6, 1)).replaced_by] == [ND100, ND168]
    assert store.replacement_chain(ND168, date(2025, 6, 1)) == []  # in force itself
    assert store.status(ND168, date(2025, 6, 1)).state == "in_force"


def test_a_replacement_that_a_third_document_states_decides_the_status_too(store: GraphStore) -> None:
    # Only 46/2016 and a letter saying "Nghị định số 46/2016/NĐ-CP đã được thay thế bởi Nghị định số
    # 100/2019/NĐ-CP ngày 30/12/2019" are ingested: 100/2019 is a placeholder whose date the letter gives.
    load(store, decree_46_2016(), letter_on_traffic_fines())
    status = store.status(ND46, date(2020, 6, 1))
    assert status.state == "replaced"
    (change,) = status.rests_on
    assert (change.by.id, change.by.placeholder, change.from_date) == (ND100, True, "2019-12-30")
    assert (change.edge.asserted_by, change.edge.source_doc) == (CV1520, CV1520)
    assert change.edge.evidence == EVIDENCE_LETTER_46_REPLACED
    assert (
        status.detail
        == "bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 30/12/2019 (theo Công văn 1520/CAT-PC08)"
    )


def test_a_document_cited_but_never_ingested_is_unknown_unless_an_ingested_one_replaced_it(
    store: GraphStore,
) -> None:
    load(store, letter_1127(), decision_ha_tinh_79_2025())
    unknown = store.status(NQ06, date(2025, 1, 1))  # only cited: nothing says whether it is in force
    assert (unknown.state, unknown.label, unknown.in_force, unknown.rests_on) == (
        "unknown",
        "Không rõ",
        None,
        [],
    )
    # "Quyết định này thay thế Quyết định số 08/2022/QĐ-UBND", from 05/12/2025: that much is known of it.
    assert store.status(QD08_HA_TINH, date(2025, 12, 4)).state == "unknown"
    replaced = store.status(QD08_HA_TINH, date(2025, 12, 5))
    assert replaced.state == "replaced" and replaced.document.placeholder
    assert [c.edge.evidence for c in replaced.rests_on] == [EVIDENCE_79_REPLACES_08]


def test_a_letter_that_states_no_entry_into_force_is_unknown_never_in_force_by_default(
    store: GraphStore,
) -> None:
    load(store, letter_1127())
    status = store.status(L1127, date(2024, 1, 1))
    assert (status.state, status.in_force, status.evidence) == ("unknown", None, None)


def test_a_decision_repealing_article_5_of_another_leaves_it_partly_repealed(store: GraphStore) -> None:
    load(store, decision_ha_tinh_12_2020(), decision_ha_tinh_79_2025())
    assert store.status(QD12_HA_TINH, date(2025, 12, 4)).state == "in_force"
    status = store.status(
        QD12_HA_TINH, date(2025, 12, 5)
    )  # "Bãi bỏ Điều 5 của Quyết định số 12/2020/QĐ-UBND"
    assert (status.state, status.label, status.in_force) == ("partly_repealed", "Hết hiệu lực một phần", True)
    (change,) = status.rests_on
    assert (change.effect, change.parts, change.by.id, change.from_date) == (
        "partly_repeals",
        ["Điều 5"],
        QD79_HA_TINH,
        "2025-12-05",
    )
    assert change.edge.evidence == EVIDENCE_79_REPEALS_ARTICLE_5
    assert status.detail == "bị bãi bỏ Điều 5 bởi Quyết định 79/2025/QĐ-UBND từ 05/12/2025"


def test_a_decision_in_force_from_its_signing_is_not_yet_in_force_the_day_before(store: GraphStore) -> None:
    load(
        store, decision_06_2022_ttg()
    )  # Quyết định 06/QĐ-TTg of 06/01/2022 "có hiệu lực kể từ ngày ký ban hành"
    before = store.status(QD06_TTG, date(2022, 1, 5))
    assert (before.state, before.label, before.in_force) == ("not_yet_in_force", "Chưa có hiệu lực", False)
    assert before.evidence == "Quyết định này có hiệu lực kể từ ngày ký ban hành."
    signed = store.status(QD06_TTG, date(2022, 1, 6))
    assert (signed.state, signed.since, signed.detail) == (
        "in_force",
        "2022-01-06",
        "có hiệu lực từ 06/01/2022",
    )


def test_a_plan_for_2021_to_2025_is_in_force_through_2025_and_expired_after(store: GraphStore) -> None:
    load(store, plan_lai_chau_2021_2025())
    assert store.status(KH45_LAI_CHAU, date(2025, 12, 31)).state == "in_force"
    expired = store.status(KH45_LAI_CHAU, date(2026, 1, 1))
    assert (expired.state, expired.label, expired.since) == ("expired", "Hết hiệu lực toàn bộ", "2026-01-01")
    assert expired.evidence == "giai đoạn 2021 - 2025"


def test_an_amended_law_stays_in_force_with_its_amendments_and_their_parts(store: GraphStore) -> None:
    load(store, law_76_2015(), law_47_2019())
    assert store.status(LAW76, date(2020, 6, 30)).state == "in_force"  # Luật 47/2019/QH14: from 01/07/2020
    status = store.status(LAW76, date(2020, 7, 1))
    assert (status.state, status.label, status.in_force) == ("amended", "Còn hiệu lực", True)
    (change,) = status.rests_on
    assert (change.effect, change.by.id, change.parts) == ("amends", LAW47, PARTS_47_AMENDS_76)
    assert change.edge.evidence == EVIDENCE_47_AMENDS_76


def test_a_suspended_decision_is_out_of_force_from_the_suspending_one(store: GraphStore) -> None:
    load(store, decision_ha_tinh_28_2024(), decision_ha_tinh_suspending_28())
    assert store.status(QD28_HA_TINH, date(2024, 9, 30)).state == "in_force"
    status = store.status(QD28_HA_TINH, date(2024, 10, 1))
    assert (status.state, status.label, status.in_force) == ("suspended", "Ngưng hiệu lực", False)
    assert [(c.by.id, c.edge.evidence) for c in status.rests_on] == [(QD2950_HA_TINH, EVIDENCE_SUSPENDS_28)]


def test_a_timeline_tells_a_decrees_life_in_date_order_with_evidence(store: GraphStore) -> None:
    load(store, decree_46_2016(), decree_100_2019(), decree_168_2024())
    timeline = store.timeline(ND100)
    assert [(e.date, e.kind, e.label) for e in timeline.events] == [
        ("2019-12-30", "issued", "Ban hành"),
        ("2020-01-01", "in_force", "Có hiệu lực"),
        ("2025-01-01", "replaced", "Bị thay thế"),
    ]
    in_force, replaced = timeline.events[1:]
    assert in_force.evidence == "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2020."
    assert replaced.document is not None and replaced.document.id == ND168
    assert replaced.evidence == EVIDENCE_168_REPLACES_100


def test_status_and_timeline_of_an_unknown_id_are_not_found(store: GraphStore) -> None:
    with pytest.raises(DocumentNotFound):
        store.status("vn/cp/2099/1-nd-cp")
    with pytest.raises(DocumentNotFound):
        store.timeline("vn/cp/2099/1-nd-cp")


def test_statuses_of_many_documents_are_each_ones_status_read_together(store: GraphStore) -> None:
    load(
        store,
        decree_46_2016(),
        decree_100_2019(),
        decree_168_2024(),
        decision_ha_tinh_12_2020(),
        decision_ha_tinh_79_2025(),
        letter_1127(),
    )
    ids = [ND46, ND100, ND168, QD12_HA_TINH, QD79_HA_TINH, QD08_HA_TINH, L1127, NQ06]
    on = date(2025, 12, 5)
    statuses = store.statuses([*ids, "vn/cp/2099/1-nd-cp"], on)  # an id that names nothing is left out
    assert sorted(statuses) == sorted(ids)
    assert statuses == {doc_id: store.status(doc_id, on) for doc_id in ids}
    assert [c.by.id for c in statuses[ND46].replaced_by] == [
        ND100,
        ND168,
    ]  # the chain, read a level at a time
    assert (statuses[QD12_HA_TINH].state, statuses[QD08_HA_TINH].state) == ("partly_repealed", "replaced")
    assert store.statuses([], on) == {}
