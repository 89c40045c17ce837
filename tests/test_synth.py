"""The synthetic corpus generator (benchmarks/synth.py): deterministic, annotated as examples/corpus is, and
written in a way the pipeline reads back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks import synth
from benchmarks.synth_vocab import DOMAINS, RELATION_WORDS
from ingest.evaluate import keys_match
from ingest.models import RELATION_PRECEDENCE

FIELDS = ("number", "doc_type", "issuer", "issue_date", "place", "subject", "signer")


@pytest.fixture(scope="module")
def docs() -> list[synth.SynthDoc]:
    return list(synth.generate(200, seed=11))


def _fingerprint(docs: Sequence[synth.SynthDoc]) -> list[tuple[str, str, str]]:
    return [(d.slug, d.text, json.dumps(d.gold(), ensure_ascii=False)) for d in docs]


def test_a_seed_makes_the_same_corpus_and_another_seed_another():
    first = _fingerprint(list(synth.generate(40, seed=3)))
    assert first == _fingerprint(list(synth.generate(40, seed=3)))
    assert first != _fingerprint(list(synth.generate(40, seed=4)))


def test_worker_processes_write_what_one_process_generates(tmp_path: Path):
    stats = synth.write_corpus(tmp_path, 120, seed=5, workers=2)  # two batches of plans
    assert stats.documents == 120
    for doc in synth.generate(120, seed=5):
        assert (tmp_path / f"{doc.slug}.txt").read_text(encoding="utf-8") == doc.text
        gold = json.loads((tmp_path / f"{doc.slug}.gold.json").read_text(encoding="utf-8"))
        assert gold == json.loads(json.dumps(doc.gold(5)))


def test_gold_files_follow_the_annotation_guide(docs: list[synth.SynthDoc]):
    relations = set(RELATION_PRECEDENCE)
    for doc in docs:
        gold = doc.gold()
        assert gold["slug"] == doc.slug and doc.slug.isascii() and doc.slug == doc.slug.lower()
        assert set(FIELDS) <= set(gold["metadata"])
        assert gold["metadata"]["number"] and gold["metadata"]["number"] in doc.text
        keys = [c["key"] for c in gold["citations"]]
        assert len(keys) == len(set(keys)), doc.slug
        for citation in gold["citations"]:
            assert citation["mention"] in doc.text, (doc.slug, citation["mention"])
            assert citation["relation"] in relations
            # The document's own number is never one of its citations.
            assert not keys_match(citation["key"], gold["metadata"]["number"]), doc.slug
        for asserted in gold["asserted"]:
            assert asserted["source"] in keys and asserted["target"] in keys
            assert asserted["relation"] in relations


def test_the_corpus_has_the_shape_of_the_real_one(docs: list[synth.SynthDoc]):
    kinds = {d.slug.split("-")[1] for d in docs}
    assert {"cv", "kh", "qd", "tt", "nd"} <= kinds
    relations = {c.relation for d in docs for c in d.citations}
    assert {"based_on", "implements", "responds_to", "cites", "guides", "amends", "replaces"} <= relations
    mean = sum(len(d.citations) for d in docs) / len(docs)
    assert 6 <= mean <= 14
    assert any(d.asserted for d in docs)
    # Local letters cite others without year ("Văn bản số 2130/UBND-KGVX") and numbers repeat across issuers.
    assert any("/" in c.key and c.key.count("/") == 1 for d in docs for c in d.citations)


@pytest.mark.pipeline
def test_the_pipeline_finds_the_citations_the_generator_wrote(docs: list[synth.SynthDoc]):
    """At least 95% of the cited documents come back with the relation the text gives them: the generator
    writes text the pipeline reads, and the pipeline keeps reading it."""
    from ingest.extract import extract_texts

    expected = found = 0
    for doc, extraction in zip(docs, extract_texts((d.text, d.slug) for d in docs), strict=True):
        predicted = [(c.key, c.relation) for c in extraction.citations]
        for citation in doc.citations:
            expected += 1
            found += any(
                relation == citation.relation
                and any(keys_match(k, key) for k in (citation.key, *citation.alt_keys))
                for key, relation in predicted
            )
    assert found / expected >= 0.95, f"{found}/{expected}"


def test_topics_state_no_relation():
    """A topic stands next to citations ("Kế hoạch số 12/KH-UBND về …"): a relation verb in it would change
    what the sentence says about them, and the gold would be wrong."""
    for domain in DOMAINS:
        for phrase in (*domain.topics, *domain.regulations, *domain.tasks):
            assert not [w for w in RELATION_WORDS if w in phrase.lower()], phrase


def test_pdf_is_skipped_with_a_message_without_its_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(synth, "FONT_DIR", tmp_path / "no-fonts")
    usable, skipped = synth.usable_formats(["txt", "pdf"])
    assert usable == ["txt"] and "pdf skipped" in skipped[0]
    with pytest.raises(ValueError, match="no usable format"):
        synth.write_corpus(tmp_path / "out", 3, formats=["pdf"])


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_other_formats_are_read_back_with_the_same_citations(fmt: str, tmp_path: Path):
    from ingest.readers import read_text

    doc = next(synth.generate(1, seed=2))
    path = tmp_path / f"{doc.slug}.{fmt}"
    path.write_bytes(synth.render_format(doc, fmt))
    text = " ".join(read_text(path).split())
    for citation in doc.citations:
        assert " ".join(citation.mention.split()) in text
