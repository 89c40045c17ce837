"""Documents laid out as real ones are (tests/fixtures/layouts: Word's two-column header and signature tables,
their LibreOffice PDF export, portal web pages with menus and footers) extract as their plain text does.

The fixtures are corpus documents retyped into those layouts by tests/fixtures/layouts/make_fixtures.py, each
with the corpus gold unchanged: what is extracted must not depend on the layout. The floors are the figures of
the same documents read from their .txt, measured in the same run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.evaluate import EvalReport, evaluate

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html"}
MAX_FIXTURE_BYTES = 100 * 1024


def slugs() -> list[str]:
    return sorted({path.name.split("--")[0] for path in LAYOUTS.glob("*--*.gold.json")})


def _subset(folder: Path, files: list[Path]) -> Path:
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder)
    return folder


@pytest.fixture(scope="module")
def text_report(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> EvalReport:
    """The same documents read from their .txt in examples/corpus."""
    files = [examples / f"{slug}{suffix}" for slug in slugs() for suffix in (".txt", ".gold.json")]
    return evaluate(_subset(tmp_path_factory.mktemp("txt") / "corpus", files), workers=1)


def test_fixtures_are_small_and_carry_the_corpus_gold(examples: Path) -> None:
    assert len(slugs()) >= 5
    for slug in slugs():
        gold = json.loads((examples / f"{slug}.gold.json").read_text(encoding="utf-8"))
        for kind, suffix in FORMATS.items():
            document = LAYOUTS / f"{slug}--{kind}{suffix}"
            assert document.stat().st_size < MAX_FIXTURE_BYTES, document.name
            copied = json.loads((LAYOUTS / f"{slug}--{kind}.gold.json").read_text(encoding="utf-8"))
            assert copied == gold, f"{document.name}: the gold must be the corpus gold"


@pytest.mark.pipeline
@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_each_format_extracts_as_the_text_does(kind: str, text_report: EvalReport, tmp_path: Path) -> None:
    files = [path for path in LAYOUTS.glob(f"*--{kind}.*") if path.suffix in (FORMATS[kind], ".json")]
    report = evaluate(_subset(tmp_path / kind, files), workers=1)
    assert (report.documents, report.missing_documents) == (len(slugs()), 0)
    # Every metadata field as right as from the text: number, type, issuer, date, place, subject, signer.
    assert report.metadata_accuracy == text_report.metadata_accuracy
    assert min(report.metadata_accuracy.values()) == 1.0
    assert report.citations_all.f1 >= text_report.citations_all.f1
    assert report.citations_all.precision >= text_report.citations_all.precision  # no site chrome cited
    assert report.relation_accuracy is not None and text_report.relation_accuracy is not None
    assert report.relation_accuracy >= text_report.relation_accuracy
    assert report.asserted.f1 >= text_report.asserted.f1
