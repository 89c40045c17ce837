"""The same documents read from every format give the same extraction: the examples written as .html, .docx and
.pdf are scored against their gold like the .txt originals (the held-out documents come in all formats)."""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from pathlib import Path

import docx
import pytest

from ingest.evaluate import evaluate

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def write_html(text: str, path: Path) -> None:
    # A web copy: site chrome around the document, one <p> per line of the original.
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    page = (
        f'<html><head><meta charset="utf-8"><title>{path.stem}</title></head><body><nav>Trang chủ | Đăng nhập'
    )
    path.write_text(f"{page}</nav><article>{body}</article></body></html>", encoding="utf-8")


# What XML 1.0, and so a Word file, cannot hold: control characters other than tab and line breaks.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_docx(text: str, path: Path) -> None:
    document = docx.Document()
    for line in _NOT_IN_XML.sub(" ", text).split("\n"):
        document.add_paragraph(line)
    document.save(str(path))


def write_pdf(text: str, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Serif", str(DEJAVU)))
    page = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for line in text.split("\n"):
        for piece in textwrap.wrap(line, 95) or [""]:  # a long line wraps at a space, as a PDF's lines do
            if y < 50:
                page.showPage()
                y = 800.0
            page.setFont("Serif", 9)
            page.drawString(40, y, piece)
            y -= 12
    page.save()


WRITERS = {"html": write_html, "docx": write_docx, "pdf": write_pdf}


@pytest.fixture(scope="module")
def text_report(examples: Path):  # type: ignore[no-untyped-def]
    return evaluate(examples, workers=2)


@pytest.mark.pipeline
@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_every_format_scores_like_the_text(suffix: str, examples: Path, tmp_path: Path, text_report) -> None:  # type: ignore[no-untyped-def]
    if suffix == "pdf" and not DEJAVU.exists():
        pytest.skip(f"no font with Vietnamese glyphs at {DEJAVU} to typeset the PDFs")
    for source in sorted(examples.glob("*.txt")):
        WRITERS[suffix](source.read_text(encoding="utf-8"), tmp_path / f"{source.stem}.{suffix}")
        shutil.copy(source.with_suffix("").with_suffix(".gold.json"), tmp_path)
    report = evaluate(tmp_path, workers=2)
    assert report.missing_documents == 0
    # As good as the text itself, give or take what a format's layout costs (PDF lines wrapped at 95 characters).
    assert report.citations_all.f1 >= text_report.citations_all.f1 - 0.01
    assert report.relation_accuracy is not None and text_report.relation_accuracy is not None
    assert report.relation_accuracy >= text_report.relation_accuracy - 0.02
    assert report.asserted.f1 >= text_report.asserted.f1 - 0.04
    for field, accuracy in text_report.metadata_accuracy.items():
        assert report.metadata_accuracy[field] >= accuracy - 0.03, field
