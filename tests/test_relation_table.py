"""The relation table is the one place a relation is defined: every part of the product knows every row."""

from __future__ import annotations

import re
import typing

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.highlight import RELATION_VI, relation_vi
from api.settings import Settings
from graph.exports import jsonld, style
from graph.models import RELATIONS as GRAPH_RELATIONS
from ingest import relations
from ingest.models import RELATION_PRECEDENCE, Citation, relation_rank
from ingest.relation_table import DETAIL_TABLE, KIND, RELATION_TABLE, RELATIONS, Relation

NAMES = [kind.name for kind in RELATION_TABLE]


def test_the_literal_type_lists_the_rows_in_precedence_order() -> None:
    assert list(typing.get_args(Relation)) == NAMES
    assert RELATIONS == RELATION_PRECEDENCE == GRAPH_RELATIONS == tuple(NAMES)
    assert [relation_rank(name) for name in NAMES] == list(range(len(NAMES)))
    # The guide's order: amends, replaces, repeals, implements, guides, based_on, responds_to, attaches, cites.
    assert NAMES[0] == "amends" and NAMES[-1] == "cites"


@pytest.mark.parametrize("name", NAMES)
def test_every_relation_is_known_everywhere(name: str) -> None:
    kind = KIND[name]
    Citation(
        key="1/QĐ", mention="Quyết định số 1/QĐ", start=0, end=1, evidence="", confidence=1, relation=name
    )
    assert relation_vi(name) == RELATION_VI[name] == kind.verb_vi and kind.passive_vi
    assert style.RELATION_COLOURS[name] == kind.colour and style.RELATION_NAMES[name]
    assert style.DOT_ARROWS[name] and style.VIS_ARROWS[name]
    assert jsonld.PROPERTY_OF[name] == (kind.eli or f"lexgraph:{name}")
    assert kind.cues, "extraction needs at least one cue to find the relation"
    assert any(rel == name for rel, _ in relations._CUES)


def test_pictures_and_pages_tell_the_relations_apart() -> None:
    for column in ("colour", "tint", "verb_vi", "passive_vi"):
        values = [getattr(kind, column) for kind in RELATION_TABLE]
        assert len(set(values)) == len(values), f"two relations share a {column}"
    arrows = [(kind.dot_arrow, kind.colour) for kind in RELATION_TABLE]
    assert len(set(arrows)) == len(arrows)


def test_the_relations_that_change_force_are_those_validity_reads() -> None:
    assert {k.name for k in RELATION_TABLE if k.changes_force} == {"amends", "replaces", "repeals"}


def test_every_cue_and_detail_is_a_valid_pattern() -> None:
    for kind in RELATION_TABLE:
        for cue in kind.cues:
            re.compile(cue)
    for detail in DETAIL_TABLE:
        re.compile(detail.cue)


def test_the_pages_stylesheet_colours_every_relation(tmp_path) -> None:
    app = create_app(Settings(store=f"sqlite:///{tmp_path / 'g.db'}"))
    with TestClient(app) as client:
        css = client.get("/quan-he.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for kind in RELATION_TABLE:
        assert f".rel-{kind.name} {{ background: {kind.tint}; }}" in css.text


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Căn cứ Luật Đất đai số 31/2024/QH15;", "based_on"),
        ("Thực hiện Nghị quyết số 06/NQ-CP của Chính phủ,", "implements"),
        ("Quyết định này thay thế Quyết định số 12/2020/QĐ-UBND.", "replaces"),
        ("Bãi bỏ Quyết định số 68/2010/QĐ-UBND.", "repeals"),
        ("Sửa đổi, bổ sung Điều 5 Quyết định số 12/2020/QĐ-UBND.", "amends"),
        ("Thông tư này hướng dẫn thi hành Nghị định số 15/2022/NĐ-CP.", "guides"),
        ("Trả lời Công văn số 45/CT-TTHT của Cục Thuế,", "responds_to"),
        ("Sở gửi kèm Kế hoạch số 12/KH-SNV.", "attaches"),
        ("theo quy định tại Thông tư số 01/2020/TT-BTC.", "cites"),
    ],
)
def test_each_row_cue_reads_its_relation(sentence: str, relation: str) -> None:
    cue = relations._cue_in(sentence[: sentence.index("số")])
    assert cue is not None and cue[0] == relation


def test_cues_are_written_in_lower_case_since_they_read_the_lowered_text() -> None:
    assert relations.written_in_lower_case(relations._CUE.pattern)
    assert not relations.written_in_lower_case(r"(?P<x>Luật)")
