"""Properties that hold for any text: extraction never raises, and every offset points at its mention."""

import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import extract_text
from ingest.normalise import normalise, unify_characters

# Pieces of real legal Vietnamese, so that random texts reach the interesting paths, mixed with anything at all.
PIECES = [
    "Căn cứ ", "Thực hiện ", "xét đề nghị của Sở Tư pháp tại ", "thay thế ", "sửa đổi, bổ sung ", "bãi bỏ ",
    "Nghị quyết số ", "Luật Đất đai ", "Bộ luật Dân sự ", "Công văn số ", "Quyết định ", "Hiến pháp ",
    "06/NQ-CP", "39/2003/NĐ-CP", "13/2015/TT- BVHTTDL", "9151- CV/BTCTW", "1349/SLĐTBXH-LĐVL&GDNN",
    " ngày 31/01/2023", " ngày 16 tháng 5 năm 2024", " năm 2015", " của Chính phủ", " của Ủy ban nhân dân tỉnh",
    "khoản 10, mục IV của ", "điểm a khoản 2 Điều 3 ", "(gửi kèm)", "; ", ", ", ". ", "\n", "\n\n", "1 ", "Nam1",
    "“", "”", "[^1]", "[^1]: ", "**", "|", "Số: 1127/LĐLĐ\n", "V/v thực hiện ", "Nơi nhận:\n- ",
]  # fmt: skip
legal_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(legal_text)
def test_extraction_never_raises_and_offsets_point_at_the_mention(raw):
    extraction = extract_text(raw, "hypothesis.txt")
    text = normalise(raw).text
    assert extraction.text == text
    for citation in extraction.citations:
        assert text[citation.start : citation.end] == citation.mention
        assert citation.key
        assert 0.0 <= citation.confidence <= 1.0
    keys = {c.key for c in extraction.citations}
    for asserted in extraction.asserted:
        assert asserted.source in keys and asserted.target in keys


@settings(max_examples=300, deadline=None)
@given(legal_text)
def test_normalised_text_is_nfc_single_spaced_and_keeps_every_word(raw):
    text = normalise(raw).text
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "  " not in text and "\t" not in text
    # Every letter survives: markup, spacing and footnote placement change, the words do not.
    letters = Counter(c for c in unify_characters(raw) if c.isalpha())
    assert not letters - Counter(c for c in text if c.isalpha())
