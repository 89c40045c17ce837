"""Replacement chains on a real sequence (issue 12, "Measured"): the decrees on registering security interests,
as published (../shared/corpus/real/tvpl), extracted by the real pipeline and ingested. Nghị định
102/2017/NĐ-CP "có hiệu lực thi hành từ ngày 15 tháng 10 năm 2017 và thay thế Nghị định số 83/2010/NĐ-CP"; Nghị
định 99/2022/NĐ-CP replaces 102/2017/NĐ-CP in its turn. What is in force in place of 83/2010 follows both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph import ingest, open_store
from ingest.extract import extract_file

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "tvpl"
FILES = ["Nghị_định_102_2017_NÐ-CP.txt", "Nghị_định_99_2022_NĐ-CP_về_đăng_ký_biện_pháp_bảo_đảm.txt"]
pytestmark = pytest.mark.skipif(
    not all((REAL / name).exists() for name in FILES), reason="the shared real corpus is not on this machine"
)


def test_the_decrees_on_security_interests_replace_each_other_83_2010_to_102_2017_to_99_2022(
    tmp_path: Path,
) -> None:
    with open_store(f"sqlite:///{tmp_path / 'graph.db'}") as store:
        summary = ingest(store, [extract_file(REAL / name) for name in FILES])
        assert not summary.errors, summary.errors
        nd83 = store.lookup("Nghị định 83/2010/NĐ-CP")
        nd102 = store.lookup("Nghị định 102/2017/NĐ-CP")
        nd99 = store.lookup("Nghị định 99/2022/NĐ-CP")
        assert nd83.placeholder and not nd102.placeholder and not nd99.placeholder
        assert nd102.effective_date == "2017-10-15"
        assert [c.by.id for c in store.replacement_chain(nd83.id, date(2017, 10, 14))] == []
        assert [c.by.id for c in store.replacement_chain(nd83.id, date(2020, 1, 1))] == [nd102.id]
        chain = store.replacement_chain(nd83.id, date(2024, 1, 1))
        assert [c.by.id for c in chain] == [nd102.id, nd99.id]
        assert "thay thế Nghị định số 83/2010/NĐ-CP" in chain[0].edge.evidence
        status = store.status(nd102.id, date(2024, 1, 1))
        assert (status.state, status.label) == ("replaced", "Hết hiệu lực toàn bộ")


def test_99_2022_is_in_force_in_2024_a_transitional_period_is_no_expiry(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'graph.db'}") as store:
        ingest(store, [extract_file(REAL / FILES[1])])
        nd99 = store.lookup("Nghị định 99/2022/NĐ-CP")
        assert store.status(nd99.id, date(2024, 1, 1)).state == "in_force"
