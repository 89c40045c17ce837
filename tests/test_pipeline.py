"""The extraction pipeline is a spaCy `Language`: spans, batching and displaCy work as they do in spaCy."""

from spacy import displacy

from ingest.extract import extract_text, extract_texts
from ingest.normalise import normalise
from ingest.pipeline import build_pipeline

LETTER = (
    "Số: 1127/LĐLĐ\nV/v thực hiện Nghị quyết số 06/NQ-CP của Chính phủ\n"
    "Lai Châu, ngày 03 tháng 02 năm 2023\n"
    "Thực hiện công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam "
    "về việc thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động."
)


def test_the_pipeline_is_made_of_named_spacy_components():
    nlp = build_pipeline()
    assert nlp.lang == "vi"
    assert nlp.pipe_names == [
        "lexgraph_footnotes",
        "lexgraph_metadata",
        "lexgraph_validity",
        "lexgraph_citations",
        "lexgraph_relations",
    ]


def test_citation_spans_carry_the_relation_as_label_and_align_with_the_mentions():
    doc = build_pipeline()(normalise(LETTER).text)
    spans = doc.spans["citations"]
    assert [span.label_ for span in spans] == ["implements", "implements", "implements"]
    for span in spans:
        mention = span._.mention
        assert span.start_char <= mention.start and mention.end <= span.end_char
        assert mention.key in {"06/NQ-CP", "5890/TLĐ-CSPL"}
    assert "1127/LĐLĐ" not in {span._.mention.key for span in spans}  # the letter's own number


def test_batching_with_nlp_pipe_gives_the_same_extractions_as_one_by_one():
    texts = [LETTER, "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;", ""]
    batched = list(extract_texts((t, f"doc{i}") for i, t in enumerate(texts)))
    single = [extract_text(t, f"doc{i}") for i, t in enumerate(texts)]
    assert [e.to_json() for e in batched] == [e.to_json() for e in single]


def test_displacy_renders_the_citations():
    doc = build_pipeline()(normalise(LETTER).text)
    html = displacy.render(doc, style="span", options={"spans_key": "citations"})
    assert "implements" in html and "5890/TLĐ-CSPL" in html


def test_each_step_is_a_factory_that_can_be_left_out_or_configured() -> None:
    from ingest.pipeline import STEPS

    assert build_pipeline().pipe_names == list(STEPS)
    without_validity = build_pipeline(exclude=("lexgraph_validity",))
    assert "lexgraph_validity" not in without_validity.pipe_names
    doc = without_validity(normalise(LETTER).text)
    assert doc._.validity is None and doc.spans["citations"]  # the other steps do without it
    numbered_only = build_pipeline(config=(("lexgraph_citations", "named", False),))
    mentions = numbered_only(
        normalise("Căn cứ Luật Đất đai năm 2013 và Nghị định số 43/2014/NĐ-CP;").text
    )._.mentions
    assert [m.key for m in mentions] == ["43/2014/NĐ-CP"]
