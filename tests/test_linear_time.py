"""Extraction takes time in proportion to the size of the text, whatever the text repeats.

A regular expression that backtracks, or a scan repeated for every mention, makes some texts take time in the
square of their size or worse: "Thông tư số 01/2020/TT-" repeated 8,000 times took 100 s, a page with "Luật"
repeated 1,750 times 109 s. This generates repetitions of every clause cue of the relation table, every type
word of the lexicon, every number shape and a few characters that the patterns repeat, at two sizes four times
apart, and asserts that the larger takes about four times longer (never the sixteen times of a square). Times
are compared with each other, never with a clock, and they are the process's CPU time, which other processes
on a busy machine do not inflate: the test holds on a slow machine as on a fast one.
"""

from __future__ import annotations

import gc
import re._constants as C
import re._parser as sre
import time

import pytest

from ingest.lexicon import DOC_TYPES, NAMED_TYPES
from ingest.normalise import normalise
from ingest.pipeline import build_pipeline
from ingest.readers import _read_html
from ingest.relation_table import DETAIL_TABLE, REFERRING_CUES, RELATION_TABLE

SMALL = 1_500  # characters
GROWTH = 4
LINEAR_AT_MOST = 8.0  # linear: about 4; a square: 16


def examples(pattern: str) -> set[str]:
    """A few strings that `pattern` matches: each top-level alternative, optional parts left out and put in."""
    category = {C.CATEGORY_SPACE: " ", C.CATEGORY_DIGIT: "1", C.CATEGORY_WORD: "a"}

    def first_of(items: list) -> str:  # type: ignore[type-arg]
        for op, value in items:
            if op is C.LITERAL:
                return chr(value)
            if op is C.RANGE:
                return chr(value[0])
            if op is C.CATEGORY:
                return category.get(value, " ")
        return "x"

    def build(items: list, pick: int) -> str:  # type: ignore[type-arg]
        out = ""
        for op, value in items:
            if op is C.LITERAL:
                out += chr(value)
            elif op in (C.NOT_LITERAL, C.ANY):
                out += "x"
            elif op is C.IN:
                out += first_of(value)
            elif op is C.CATEGORY:
                out += category.get(value, "")
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                low, _, sub = value
                out += build(sub, pick) * max(low, pick % 2)
            elif op is C.SUBPATTERN:
                out += build(value[-1], pick)
            elif op is C.ATOMIC_GROUP:
                out += build(value, pick)
            elif op is C.BRANCH:
                out += build(value[1][pick % len(value[1])], pick)
        return out

    tree = sre.parse(pattern)
    return {text for pick in range(6) if (text := build(list(tree), pick).strip())}


def _atoms() -> list[str]:
    found: set[str] = set()
    for kind in RELATION_TABLE:
        for cue in kind.cues:
            found |= examples(cue)
        found |= set(kind.described_by)
    for cue in (*REFERRING_CUES, *(d.cue for d in DETAIL_TABLE)):
        found |= examples(cue)
    for surface in DOC_TYPES:  # (lower case: the cues hold those)
        found |= {surface.capitalize(), surface.upper()}
    found |= set(NAMED_TYPES)
    found |= {
        # number shapes and their parts
        "01/2020/TT-", "06/NQ-CP", "1127/LĐLĐ", "5890/TLĐ-CSPL", "16/CGC.BT", "TT-\nBLĐTBXH", "66.13/2026/NQ-CP",
        "84 QĐ/TWĐTN", "số 45/2013/QH13", "Thông tư số 01/2020/TT-", "Luật Thuế GTGT 13/2008/QH12", "số",
        "ngày 19 tháng 6 năm 2015", "ngày 31/01/2023", "năm 2015", "Điều 5", "khoản 2 Điều 3", "điểm a khoản 1",
        # names, issuers, the parts of a letter
        "Luật", "Luật Đất đai", "Luật sửa đổi, bổ sung", "của Chính phủ", "Quốc hội ban hành", "Ủy ban nhân dân",
        "Bộ trưởng", "V/v", "Kính gửi:", "Nơi nhận:\n-", "TM.", "KT.", "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do",
        # characters the patterns repeat
        "“", "”", "(", ")", "-", "/", ".", "…", "[^1]", "|", "*", "+", "A", "1", "Đ", "Aa", "1.1.", "a)", "I.",
    }  # fmt: skip
    return sorted(found)


ATOMS = _atoms()
SEPARATORS = (" ", "\n", ", ", "")


def _stages(raw: str) -> dict[str, float]:
    """Seconds of each step of the extraction of `raw`."""
    nlp = build_pipeline()
    times: dict[str, float] = {}
    start = time.process_time()
    text = normalise(raw).text
    times["normalise"] = time.process_time() - start
    doc = nlp.make_doc(text)
    for name, step in nlp.pipeline:
        start = time.process_time()
        doc = step(doc)
        times[name] = time.process_time() - start
    return times


def _seconds(measure, text: str) -> tuple[float, dict[str, float]]:  # type: ignore[no-untyped-def]
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(2):
        gc.collect()
        stages = measure(text)
        total = sum(stages.values())
        if best is None or total < best[0]:
            best = (total, stages)
    assert best is not None
    return best


def _grows_linearly(unit: str, measure) -> None:  # type: ignore[no-untyped-def]
    count = max(1, SMALL // len(unit))
    small, _ = _seconds(measure, unit * count)
    large, stages = _seconds(measure, unit * count * GROWTH)
    if large < 0.02:  # too fast to tell anything from the noise of a shared machine
        return
    if large / small > LINEAR_AT_MOST:  # measure again, further apart, before calling it a square
        small, _ = _seconds(measure, unit * count * 2)
        large, stages = _seconds(measure, unit * count * 2 * GROWTH)
    slowest = ", ".join(f"{k} {v:.3f}s" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:3])
    assert large / small <= LINEAR_AT_MOST, (
        f"{unit!r}: ×{GROWTH} text took ×{large / small:.1f} time ({slowest})"
    )


@pytest.mark.slow
@pytest.mark.parametrize("atom", ATOMS)
def test_extraction_time_grows_linearly_with_repetitions(atom: str) -> None:
    separator = SEPARATORS[sum(map(ord, atom)) % len(SEPARATORS)]  # each atom with one separator, all in turn
    _grows_linearly(atom + separator, _stages)


# A type word before each number shape ("Thông tư 06/NQ-CP", "Luật số 45/2013/QH13"): the pairs the citation
# patterns are made of, a sample of them.
PAIRS = [
    f"{kind} {shape}"
    for k, kind in enumerate(sorted({t.capitalize() for t in DOC_TYPES}))
    for j, shape in enumerate(
        ["06/NQ-CP", "số 45/2013/QH13", "01/2020/TT-", "ngày 19 tháng 6 năm 2015", "Đất đai", "của Chính phủ"]
    )
    if (k + j) % 5 == 0
]


@pytest.mark.slow
@pytest.mark.parametrize("pair", PAIRS)
def test_extraction_time_grows_linearly_with_repeated_citations(pair: str) -> None:
    _grows_linearly(pair + ("; " if len(pair) % 2 else "\n"), _stages)


@pytest.mark.parametrize("atom", ["Căn cứ Luật Đất đai", "06/NQ-CP", "“", " ", "<b>", "Nơi nhận:"])
def test_reading_a_web_page_takes_time_in_proportion_to_its_size(atom: str) -> None:
    def read(text: str) -> dict[str, float]:
        start = time.process_time()
        _read_html(f"<html><body><p>{text}</p></body></html>".encode(), "page.html")
        return {"read_html": time.process_time() - start}

    _grows_linearly(atom + " ", read)
