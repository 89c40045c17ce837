"""The register of laws shipped as data: well formed, and answering which version a name means on a date."""

from __future__ import annotations

import re

from ingest.law_register import register

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_every_row_is_well_formed_and_sourced() -> None:
    numbers = [v.number for v in register().versions if v.number]
    assert len(numbers) == len(set(numbers)), "two rows share a number"
    for version in register().versions:
        assert version.kind in {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"}
        assert version.name and version.source
        assert all(d is None or ISO.fullmatch(d) for d in (version.passed, version.in_force))


def test_a_name_cited_alone_means_the_version_in_force_on_the_citing_date() -> None:
    laws = register()
    assert laws.in_force_on("Bộ luật Lao động", "2020-05-01").number == "10/2012/QH13"
    assert laws.in_force_on("Bộ luật Lao động", "2021-02-01").number == "45/2019/QH14"
    assert laws.in_force_on("Luật Đất đai", "2024-09-01").number == "31/2024/QH15"
    assert laws.in_force_on("Luật đất đai", "2015").number == "45/2013/QH13"  # case and a year alone
    assert laws.in_force_on("Hiến pháp", "2020-01-01").passed == "2013-11-28"
    assert laws.in_force_on("Luật BHXH", "2026-01-01").name == "Luật Bảo hiểm xã hội"  # through an alias


def test_a_number_names_its_law() -> None:
    assert register().by_number_of("45/2013/QH13").name == "Luật Đất đai"
    assert register().by_number_of("45/2013/QH99") is None
