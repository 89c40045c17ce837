"""Synthetic corpora of Vietnamese legal documents with a realistic shape, written in the real formats.

    .venv/bin/python benchmarks/synth.py OUT_DIR --documents 100000 [--seed 0] [--formats txt]
                                         [--citations-per-doc 10] [--workers 2]

Each document is `<slug>.<format>` beside `<slug>.gold.json` (examples/ANNOTATION_GUIDE.md), so that
`lexgraph eval OUT_DIR` scores the pipeline on it and the whole pipeline (extract → graph → api) runs on it.

The shape is that of the real corpus (examples/corpus):
- issuers in a hierarchy: Quốc hội, Chính phủ, Thủ tướng, 20 ministries and the trade unions' Tổng Liên đoàn;
  63 provinces with their Ủy ban nhân dân, Hội đồng nhân dân, Sở and Liên đoàn Lao động; districts with their
  Ủy ban nhân dân and Liên đoàn Lao động. Party documents (…/TW, …/TU) are cited but never written;
- numbers restart every year for every issuer, with gaps (the corpus is a sample of all documents), so the same
  "12/QĐ-UBND" exists in many provinces and years: the identity problem the graph has to solve;
- documents cite upwards and sideways: a district plan "Thực hiện" its province's plan, which implements a
  resolution of the Government; decrees "Căn cứ" laws; circulars "hướng dẫn" decrees; decisions "Xét đề nghị
  của Sở … tại Tờ trình số …"; normative documents amend, replace and repeal earlier ones of the same issuer;
- targets are drawn in proportion to Pareto-distributed weights among the documents of the last years, older
  ones less, replaced ones hardly, so in-degrees are heavy-tailed (a few laws, decrees and national resolutions,
  such as every year's "01/NQ-CP" on the year's plan, are cited by thousands). Some targets are documents the
  corpus does not hold (placeholders for the graph), as in any real collection;
- written forms vary as the corpus shows: "số 06/NQ-CP", "Nghị quyết 06/NQ-CP", "ngày 31/01/2023", "ngày 16
  tháng 5 năm 2024", "của Chính phủ", laws by name and date, lists ("các Nghị định số …, …"), local letters
  without year or issuer, three page layouts (clean, crawled, hard-wrapped).

Gold files follow the annotation guide and add to each citation its `target`: the slug of the cited document,
or "x-…" for one the corpus does not hold, i.e. what the graph should resolve the citation to. Formats: txt (in
the three layouts), md, html, docx (python-docx), pdf (reportlab with the DejaVu font; skipped with a message
where the font is missing); each document takes one of the formats asked for.

Deterministic for a seed: the plan of the corpus (who cites whom) comes from one random stream, the wording of
document i from a stream seeded by (seed, i), so worker processes write the same files as one process would.
Memory grows with the plan only (a few small records per document, ~200 MB for 100,000 documents): texts are
written as they are made, by worker processes that get the plans in batches.
"""

from __future__ import annotations

import argparse
import bisect
import io
import json
import math
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synth_vocab import (  # noqa: E402
    AGENCIES_DISTRICT,
    AGENCIES_NATIONAL,
    AGENCIES_PROVINCE,
    AGENCIES_UNION,
    ARTICLE_FILLER,
    ARTICLE_TITLES,
    CLOSINGS,
    CONTEXT_SENTENCES,
    DEPARTMENTS,
    DISTRICT_FIRST,
    DISTRICT_SECOND,
    DISTRICT_UNITS,
    DOMAINS,
    GIVEN_NAMES,
    LAWS,
    MIDDLE_NAMES,
    MINISTRIES,
    PROVINCE_UNITS,
    PROVINCES,
    PURPOSES,
    SURNAMES,
    TASK_SENTENCES,
    Law,
)
from ingest.models import RELATION_PRECEDENCE  # noqa: E402

FORMATS = ("txt", "md", "html", "docx", "pdf")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
START = date(2010, 1, 1).toordinal()
# Districts were abolished on 1 July 2025: the corpus ends the day before.
END = date(2025, 6, 30).toordinal()
OLDEST = date(2003, 1, 1).toordinal()  # virtual targets are not older than this
UNION_DOMAIN = next(i for i, d in enumerate(DOMAINS) if d.ministry == "TLĐ")
FINANCE = next(i for i, d in enumerate(DOMAINS) if d.ministry == "BTC")  # the field of the annual plan
QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


# ============================================================================================================
# Issuers


@dataclass(frozen=True, slots=True)
class Issuer:
    id: int
    level: str  # qh cp ttg bo tld tw | ubnd_t hdnd_t so ldld_t tu | ubnd_h ldld_h
    name: str  # full name, as the gold metadata wants it
    header: tuple[str, ...]  # the header's left column, in capitals
    code: str  # in số ký hiệu
    units: tuple[str, ...] = ("",)
    province: int = -1
    district: int = -1
    place: str = "Hà Nội"
    cited_as: tuple[str, ...] = ()  # after "của" in documents from elsewhere
    local_as: tuple[str, ...] = ()  # after "của" in documents of the same province or district
    self_as: str = ""  # how its own documents name it in the text ("Ủy ban nhân dân tỉnh")
    office: str = ""  # who collects reports ("Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh")


@dataclass(frozen=True)
class Geography:
    issuers: tuple[Issuer, ...]
    national: dict[str, int]  # level or ministry code → issuer id
    province: tuple[dict[str, int], ...]  # per province: level or department code → issuer id
    districts: tuple[tuple[int, ...], ...]  # per province: global district indexes
    district: tuple[dict[str, int], ...]  # per district: level → issuer id
    district_province: tuple[int, ...]
    province_weights: tuple[float, ...]  # cumulative, for bisect


def province_unit(p: int) -> str:
    """ "tỉnh Lai Châu", "thành phố Hà Nội", "Thành phố Hồ Chí Minh"."""
    name, city = PROVINCES[p]
    if name == "Hồ Chí Minh":
        return "Thành phố Hồ Chí Minh"
    return f"thành phố {name}" if city else f"tỉnh {name}"


def province_place(p: int) -> str:
    name, _ = PROVINCES[p]
    return "Thành phố Hồ Chí Minh" if name == "Hồ Chí Minh" else name


def _province_self(p: int) -> str:
    return "Thành phố" if PROVINCES[p][1] else "tỉnh"


@cache
def geography() -> Geography:
    """The same map for every seed: issuers are the world, seeds are what happens in it."""
    rng = random.Random(2010)
    issuers: list[Issuer] = []

    def add(**kw: Any) -> int:
        issuers.append(Issuer(id=len(issuers), **kw))
        return len(issuers) - 1

    national = {
        "qh": add(level="qh", name="Quốc hội", header=("QUỐC HỘI",), code="QH", cited_as=("Quốc hội",),
                  self_as="Quốc hội", office="Văn phòng Quốc hội"),
        "cp": add(level="cp", name="Chính phủ", header=("CHÍNH PHỦ",), code="CP", cited_as=("Chính phủ",),
                  self_as="Chính phủ", office="Văn phòng Chính phủ"),
        "ttg": add(level="ttg", name="Thủ tướng Chính phủ", header=("THỦ TƯỚNG CHÍNH PHỦ",), code="TTg",
                   cited_as=("Thủ tướng Chính phủ",), self_as="Thủ tướng Chính phủ", office="Văn phòng Chính phủ"),
        "tld": add(level="tld", name="Tổng Liên đoàn Lao động Việt Nam", header=("TỔNG LIÊN ĐOÀN LAO ĐỘNG", "VIỆT NAM"),
                   code="TLĐ", units=("CSPL", "TG", "TC", "QHLĐ", ""),
                   cited_as=("Tổng Liên đoàn Lao động Việt Nam", "Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
                             "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam"),
                   self_as="Đoàn Chủ tịch Tổng Liên đoàn", office="Ban Chính sách pháp luật và Quan hệ lao động"),
        "tw": add(level="tw", name="Ban Chấp hành Trung ương Đảng", header=("BAN CHẤP HÀNH TRUNG ƯƠNG",), code="TW",
                  cited_as=("Bộ Chính trị", "Ban Chấp hành Trung ương Đảng", "Ban Bí thư Trung ương Đảng")),
    }  # fmt: skip
    for m in MINISTRIES:
        national[m.code] = add(
            level="bo", name=m.name, header=(m.name.upper(),), code=m.code, units=m.units,
            cited_as=(m.name,), self_as=m.name, office=m.name,
        )  # fmt: skip
    provinces: list[dict[str, int]] = []
    districts: list[tuple[int, ...]] = []
    district_maps: list[dict[str, int]] = []
    district_province: list[int] = []
    for p in range(len(PROVINCES)):
        provinces.append(_add_province(p, add))
        names = rng.sample([f"{a} {b}" for a in DISTRICT_FIRST for b in DISTRICT_SECOND], rng.randint(4, 10))
        ids = []
        for name in names:
            ids.append(len(district_maps))
            district_maps.append(_add_district(p, len(district_maps), name, rng, add))
            district_province.append(p)
        districts.append(tuple(ids))
    # Bigger provinces write more: Zipf over the order of PROVINCES.
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(PROVINCES))]
    return Geography(
        issuers=tuple(issuers),
        national=national,
        province=tuple(provinces),
        districts=tuple(districts),
        district=tuple(district_maps),
        district_province=tuple(district_province),
        province_weights=tuple(_cumulative(weights)),
    )


def _add_province(p: int, add: Callable[..., int]) -> dict[str, int]:
    unit, place, here = province_unit(p), province_place(p), _province_self(p)
    upper = unit.upper()
    ids = {
        "ubnd_t": add(level="ubnd_t", name=f"Ủy ban nhân dân {unit}", header=("ỦY BAN NHÂN DÂN", upper), code="UBND",
                      units=PROVINCE_UNITS, province=p, place=place,
                      cited_as=(f"Ủy ban nhân dân {unit}", f"UBND {unit}"),
                      local_as=(f"Ủy ban nhân dân {here}", f"UBND {here}"), self_as=f"Ủy ban nhân dân {here}",
                      office=f"Văn phòng Ủy ban nhân dân {here}"),
        "hdnd_t": add(level="hdnd_t", name=f"Hội đồng nhân dân {unit}", header=("HỘI ĐỒNG NHÂN DÂN", upper),
                      code="HĐND", province=p, place=place, cited_as=(f"Hội đồng nhân dân {unit}",),
                      local_as=(f"Hội đồng nhân dân {here}", f"HĐND {here}"), self_as=f"Hội đồng nhân dân {here}",
                      office=f"Thường trực Hội đồng nhân dân {here}"),
        "ldld_t": add(level="ldld_t", name=f"Liên đoàn Lao động {unit}",
                      header=("TỔNG LĐLĐ VIỆT NAM", f"LIÊN ĐOÀN LAO ĐỘNG {upper}"), code="LĐLĐ", province=p,
                      place=place, cited_as=(f"Liên đoàn Lao động {unit}", f"LĐLĐ {unit}"),
                      local_as=(f"Liên đoàn Lao động {here}", f"LĐLĐ {here}", f"Ban Thường vụ LĐLĐ {here}"),
                      self_as=f"Ban Thường vụ Liên đoàn Lao động {here}",
                      office=f"Ban Chính sách pháp luật và Quan hệ lao động, Liên đoàn Lao động {here}"),
        "tu": add(level="tu", name=f"Tỉnh ủy {PROVINCES[p][0]}", header=(f"TỈNH ỦY {PROVINCES[p][0].upper()}",),
                  code="TU", province=p, place=place,
                  cited_as=(f"Ban Thường vụ Tỉnh ủy {PROVINCES[p][0]}",),
                  local_as=("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh")),
    }  # fmt: skip
    for d in DEPARTMENTS:
        ids[d.code] = add(
            level="so", name=f"{d.name} {unit}", header=(f"UBND {upper}", *d.header), code=d.code, units=d.units,
            province=p, place=place, cited_as=(f"{d.name} {unit}",), local_as=(d.name,), self_as=d.name,
            office=d.name,
        )  # fmt: skip
    return ids


def _add_district(p: int, d: int, name: str, rng: random.Random, add: Callable[..., int]) -> dict[str, int]:
    kind = "thị xã" if rng.random() < 0.15 else "huyện"
    unit = f"{kind} {name}"
    return {
        "ubnd_h": add(level="ubnd_h", name=f"Ủy ban nhân dân {unit}", header=("ỦY BAN NHÂN DÂN", unit.upper()),
                      code="UBND", units=(*DISTRICT_UNITS, ""), province=p, district=d, place=name,
                      cited_as=(f"Ủy ban nhân dân {unit}", f"UBND {unit}"),
                      local_as=(f"Ủy ban nhân dân {kind}", f"UBND {kind}"), self_as=f"Ủy ban nhân dân {kind}",
                      office=f"Văn phòng HĐND và UBND {kind}"),
        "ldld_h": add(level="ldld_h", name=f"Liên đoàn Lao động {unit}, {province_unit(p)}",
                      header=(f"LIÊN ĐOÀN LAO ĐỘNG {province_unit(p).upper()}", f"LIÊN ĐOÀN LAO ĐỘNG {unit.upper()}"),
                      code="LĐLĐ", province=p, district=d, place=name,
                      cited_as=(f"Liên đoàn Lao động {unit}", f"LĐLĐ {unit}"),
                      local_as=(f"LĐLĐ {kind}", f"Liên đoàn Lao động {kind}"),
                      self_as=f"Ban Thường vụ Liên đoàn Lao động {kind}", office=f"Văn phòng LĐLĐ {kind}"),
    }  # fmt: skip


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _weighted(rng: random.Random, cumulative: Sequence[float]) -> int:
    return bisect.bisect_right(cumulative, rng.random() * cumulative[-1])


# ============================================================================================================
# Kinds of document


@dataclass(frozen=True, slots=True)
class Kind:
    code: str
    level: str  # of its issuer
    doc_type: str
    heading: str  # the type line in capitals ("" for letters: they carry "V/v")
    series: str  # số ký hiệu: {n} number, {y} year, {c} issuer code, {u} unit, {k} legislature
    form: str  # law normative plan letter directive submission none (cited only)
    weight: float  # share of written documents (0: cited, never written)
    volume: int  # how many documents of the kind one issuer numbers in a year, in the real world
    slug: str


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind("luat", "qh", "Luật", "LUẬT", "{n}/{y}/QH{k}", "law", 0, 2, "luat"),
        Kind("nq_qh", "qh", "Nghị quyết", "NGHỊ QUYẾT", "{n}/{y}/QH{k}", "normative", 0.3, 130, "nq"),
        Kind("nd", "cp", "Nghị định", "NGHỊ ĐỊNH", "{n}/{y}/NĐ-CP", "normative", 2.0, 180, "nd"),
        Kind("nq_cp", "cp", "Nghị quyết", "NGHỊ QUYẾT", "{n}/NQ-CP", "normative", 1.0, 250, "nq"),
        Kind("qd_ttg", "ttg", "Quyết định", "QUYẾT ĐỊNH", "{n}/QĐ-TTg", "normative", 2.0, 2000, "qd"),
        Kind("ct_ttg", "ttg", "Chỉ thị", "CHỈ THỊ", "{n}/CT-TTg", "directive", 0.5, 40, "ct"),
        Kind("tt", "bo", "Thông tư", "THÔNG TƯ", "{n}/{y}/TT-{c}", "normative", 3.0, 60, "tt"),
        Kind("qd_bo", "bo", "Quyết định", "QUYẾT ĐỊNH", "{n}/QĐ-{c}", "normative", 1.5, 3000, "qd"),
        Kind("cv_bo", "bo", "Công văn", "", "{n}/{c}-{u}", "letter", 4.0, 10000, "cv"),
        Kind("ttr_bo", "bo", "Tờ trình", "TỜ TRÌNH", "{n}/TTr-{c}", "none", 0, 300, "ttr"),
        Kind("ttr_cp", "cp", "Tờ trình", "TỜ TRÌNH", "{n}/TTr-CP", "none", 0, 500, "ttr"),
        Kind("cv_tld", "tld", "Công văn", "", "{n}/TLĐ-{u}", "letter", 0.6, 6000, "cv"),
        Kind("kh_tld", "tld", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-TLĐ", "plan", 0.3, 300, "kh"),
        Kind("nq_tw", "tw", "Nghị quyết", "", "{n}-NQ/TW", "none", 0, 60, "nq"),
        Kind("ct_tw", "tw", "Chỉ thị", "", "{n}-CT/TW", "none", 0, 40, "ct"),
        Kind("qd_ubnd_t", "ubnd_t", "Quyết định", "QUYẾT ĐỊNH", "{n}/QĐ-UBND", "normative", 7, 3000, "qd"),
        Kind("qdq_ubnd_t", "ubnd_t", "Quyết định", "QUYẾT ĐỊNH", "{n}/{y}/QĐ-UBND", "normative", 2, 60, "qd"),
        Kind("kh_ubnd_t", "ubnd_t", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-UBND", "plan", 7, 400, "kh"),
        Kind("cv_ubnd_t", "ubnd_t", "Công văn", "", "{n}/UBND-{u}", "letter", 10, 8000, "cv"),
        Kind("ct_ubnd_t", "ubnd_t", "Chỉ thị", "CHỈ THỊ", "{n}/CT-UBND", "directive", 1, 25, "ct"),
        Kind("ttr_ubnd_t", "ubnd_t", "Tờ trình", "TỜ TRÌNH", "{n}/TTr-UBND", "none", 0, 300, "ttr"),
        Kind("nq_hdnd", "hdnd_t", "Nghị quyết", "NGHỊ QUYẾT", "{n}/NQ-HĐND", "normative", 2, 150, "nq"),
        Kind("nqq_hdnd", "hdnd_t", "Nghị quyết", "NGHỊ QUYẾT", "{n}/{y}/NQ-HĐND", "normative", 1, 40, "nq"),
        Kind("bc_hdnd", "hdnd_t", "Báo cáo", "", "{n}/BC-HĐND", "none", 0, 300, "bc"),
        Kind("ttr_so", "so", "Tờ trình", "TỜ TRÌNH", "{n}/TTr-{c}", "submission", 3, 300, "ttr"),
        Kind("cv_so", "so", "Công văn", "", "{n}/{c}-{u}", "letter", 9, 4000, "cv"),
        Kind("kh_so", "so", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-{c}", "plan", 3, 150, "kh"),
        Kind("cv_ldld_t", "ldld_t", "Công văn", "", "{n}/LĐLĐ", "letter", 2.5, 1500, "cv"),
        Kind("kh_ldld_t", "ldld_t", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-LĐLĐ", "plan", 1.5, 200, "kh"),
        Kind("nq_tu", "tu", "Nghị quyết", "", "{n}-NQ/TU", "none", 0, 30, "nq"),
        Kind("kh_tu", "tu", "Kế hoạch", "", "{n}-KH/TU", "none", 0, 250, "kh"),
        Kind("kh_ubnd_h", "ubnd_h", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-UBND", "plan", 7, 300, "kh"),
        Kind("cv_ubnd_h", "ubnd_h", "Công văn", "", "{n}/UBND-{u}", "letter", 8, 3000, "cv"),
        Kind("qd_ubnd_h", "ubnd_h", "Quyết định", "QUYẾT ĐỊNH", "{n}/QĐ-UBND", "normative", 4, 3000, "qd"),
        Kind("kh_ldld_h", "ldld_h", "Kế hoạch", "KẾ HOẠCH", "{n}/KH-LĐLĐ", "plan", 2, 60, "kh"),
        Kind("cv_ldld_h", "ldld_h", "Công văn", "", "{n}/LĐLĐ", "letter", 1, 400, "cv"),
    )
}
WRITTEN = tuple(k for k in KINDS.values() if k.weight > 0)
WRITTEN_WEIGHTS = tuple(_cumulative([k.weight for k in WRITTEN]))
NATIONAL_LEVELS = frozenset({"qh", "cp", "ttg", "bo", "tld", "tw"})
DISTRICT_LEVELS = frozenset({"ubnd_h", "ldld_h"})


@dataclass(frozen=True, slots=True)
class Rule:
    """Citations of one kind a document makes: where they stand, what they say, what they point at."""

    place: str  # basis request opening body attach local
    relation: str
    targets: tuple[str, ...]  # kind codes; "law" is a law of the document's field
    scope: str  # nat prov dist any
    mean: float  # how many, for --citations-per-doc 10


def _r(place: str, relation: str, targets: str, scope: str, mean: float) -> Rule:
    return Rule(place, relation, tuple(targets.split()), scope, mean)


# Who cites what. The subject (implements, guides, amends, repeals) and lineage (replaces) come on top.
RECIPES: dict[str, tuple[Rule, ...]] = {
    "luat": (),
    "nq_qh": (_r("basis", "based_on", "law", "nat", 1.0), _r("request", "responds_to", "ttr_cp", "nat", 1.0),
              _r("body", "cites", "nq_qh nd", "nat", 1.5)),
    "nd": (_r("basis", "based_on", "law", "nat", 1.6), _r("basis", "based_on", "nd", "nat", 0.8),
           _r("basis", "based_on", "nq_qh", "nat", 0.4), _r("body", "cites", "nd tt", "nat", 2.5),
           _r("body", "cites", "law", "nat", 0.6)),
    "nq_cp": (_r("basis", "based_on", "law", "nat", 0.8), _r("basis", "based_on", "nq_qh nd", "nat", 1.2),
              _r("opening", "implements", "nq_tw nq_qh", "nat", 0.6), _r("body", "cites", "nd qd_ttg nq_cp", "nat", 3.0),
              _r("body", "implements", "qd_ttg nq_cp", "nat", 1.0)),
    "qd_ttg": (_r("basis", "based_on", "law", "nat", 1.0), _r("basis", "based_on", "nq_cp nd nq_qh", "nat", 1.8),
               _r("request", "responds_to", "ttr_bo", "nat", 0.5), _r("body", "cites", "nd tt qd_ttg", "nat", 2.5)),
    "ct_ttg": (_r("opening", "implements", "nq_cp qd_ttg nq_tw", "nat", 1.0), _r("body", "cites", "nd tt qd_ttg", "nat", 3.0),
               _r("body", "implements", "nq_cp qd_ttg", "nat", 1.5)),
    "tt": (_r("basis", "based_on", "law", "nat", 1.6), _r("basis", "based_on", "nd", "nat", 2.2),
           _r("body", "cites", "tt nd", "nat", 3.0), _r("body", "cites", "law", "nat", 0.4)),
    "qd_bo": (_r("basis", "based_on", "law", "nat", 0.6), _r("basis", "based_on", "nd qd_ttg nq_cp", "nat", 2.0),
              _r("opening", "implements", "annual", "nat", 0.3),
              _r("body", "cites", "tt nd qd_bo", "nat", 2.5), _r("body", "implements", "qd_ttg nq_cp", "nat", 0.8)),
    "cv_bo": (_r("request", "responds_to", "cv_so cv_ubnd_t", "any", 0.45), _r("opening", "implements", "qd_ttg nq_cp ct_ttg", "nat", 0.7),
              _r("opening", "implements", "annual", "nat", 0.15),
              _r("body", "cites", "tt nd", "nat", 2.5), _r("body", "cites", "law", "nat", 0.5),
              _r("attach", "attaches", "qd_ttg tt", "nat", 0.2)),
    "cv_tld": (_r("opening", "implements", "nq_cp ct_ttg nq_tw", "nat", 0.8), _r("body", "cites", "nd tt cv_tld kh_tld", "nat", 2.5),
               _r("body", "cites", "law", "nat", 0.5)),
    "kh_tld": (_r("opening", "implements", "nq_cp ct_ttg nq_tw", "nat", 1.2), _r("body", "cites", "cv_tld kh_tld nd", "nat", 3.0),
               _r("basis", "based_on", "law", "nat", 0.6)),
    "qd_ubnd_t": (_r("basis", "based_on", "law", "nat", 0.9), _r("basis", "based_on", "nd tt qd_ttg nq_cp", "nat", 2.4),
                  _r("basis", "based_on", "annual", "nat", 0.15),
                  _r("basis", "based_on", "nq_hdnd nqq_hdnd", "prov", 0.5), _r("request", "responds_to", "ttr_so", "prov", 1.0),
                  _r("body", "cites", "qd_ubnd_t kh_ubnd_t tt", "prov", 1.5)),
    "qdq_ubnd_t": (_r("basis", "based_on", "law", "nat", 1.2), _r("basis", "based_on", "nd tt", "nat", 2.8),
                   _r("basis", "based_on", "nqq_hdnd", "prov", 0.4), _r("request", "responds_to", "ttr_so", "prov", 1.0),
                   _r("body", "cites", "nd tt", "nat", 1.5), _r("body", "cites", "qdq_ubnd_t qd_ubnd_t", "prov", 0.8)),
    "kh_ubnd_t": (_r("opening", "implements", "nq_cp qd_ttg ct_ttg cv_bo kh_tu nq_tu", "nat", 1.4),
                  _r("opening", "implements", "annual", "nat", 0.35),
                  _r("basis", "based_on", "nd tt qd_ttg nq_hdnd", "nat", 1.8), _r("basis", "based_on", "law", "nat", 0.5),
                  _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 2.0), _r("body", "implements", "kh_ubnd_t qd_ubnd_t", "prov", 1.0),
                  _r("body", "cites", "tt nd", "nat", 1.5)),
    "cv_ubnd_t": (_r("opening", "implements", "cv_bo qd_ttg ct_ttg nq_cp", "nat", 0.8),
                  _r("opening", "implements", "annual", "nat", 0.15),
                  _r("request", "responds_to", "cv_so ttr_so", "prov", 0.45), _r("local", "cites", "cv_ubnd_t", "prov", 0.5),
                  _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 1.5), _r("body", "cites", "tt nd", "nat", 1.5),
                  _r("attach", "attaches", "cv_bo qd_ttg", "nat", 0.25)),
    "ct_ubnd_t": (_r("opening", "implements", "ct_ttg nq_cp qd_ttg", "nat", 1.0), _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 2.0),
                  _r("body", "cites", "nd tt law", "nat", 2.5)),
    "nq_hdnd": (_r("basis", "based_on", "law", "nat", 1.0), _r("basis", "based_on", "nd tt nq_qh", "nat", 1.5),
                _r("basis", "based_on", "annual", "nat", 0.3),
                _r("request", "responds_to", "ttr_ubnd_t", "prov", 1.0), _r("request", "responds_to", "bc_hdnd", "prov", 0.7),
                _r("body", "cites", "nq_hdnd kh_ubnd_t", "prov", 1.0)),
    "nqq_hdnd": (_r("basis", "based_on", "law", "nat", 1.3), _r("basis", "based_on", "nd tt", "nat", 2.5),
                 _r("request", "responds_to", "ttr_ubnd_t", "prov", 1.0), _r("request", "responds_to", "bc_hdnd", "prov", 0.8),
                 _r("body", "cites", "nd tt", "nat", 1.0)),
    "ttr_so": (_r("basis", "based_on", "law", "nat", 1.0), _r("basis", "based_on", "nd tt", "nat", 1.8),
               _r("opening", "implements", "kh_ubnd_t cv_ubnd_t", "prov", 0.6), _r("body", "cites", "qd_ubnd_t kh_ubnd_t", "prov", 1.5),
               _r("body", "cites", "tt nd", "nat", 1.5)),
    "cv_so": (_r("opening", "implements", "cv_ubnd_t kh_ubnd_t", "prov", 0.6), _r("opening", "implements", "cv_bo", "nat", 0.3),
              _r("request", "responds_to", "cv_ubnd_h", "prov", 0.25), _r("body", "cites", "tt nd", "nat", 2.0),
              _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 1.2), _r("attach", "attaches", "cv_bo cv_ubnd_t", "nat", 0.2)),
    "kh_so": (_r("opening", "implements", "kh_ubnd_t qd_ubnd_t", "prov", 1.2), _r("opening", "implements", "cv_bo tt", "nat", 0.5),
              _r("opening", "implements", "annual", "nat", 0.2),
              _r("body", "cites", "kh_so kh_ubnd_t", "prov", 2.0), _r("body", "cites", "tt nd law", "nat", 2.5)),
    "cv_ldld_t": (_r("opening", "implements", "cv_tld kh_tld", "nat", 0.8), _r("body", "cites", "kh_ldld_t cv_ldld_t", "prov", 1.5),
                  _r("body", "cites", "law nq_cp", "nat", 1.0)),
    "kh_ldld_t": (_r("opening", "implements", "kh_tld cv_tld", "nat", 1.0), _r("opening", "implements", "kh_ubnd_t", "prov", 0.5),
                  _r("body", "cites", "kh_ldld_t cv_ldld_t", "prov", 2.0), _r("body", "cites", "law nq_cp", "nat", 1.5)),
    "kh_ubnd_h": (_r("opening", "implements", "kh_ubnd_t cv_ubnd_t qd_ubnd_t", "prov", 1.3), _r("opening", "implements", "kh_so cv_so", "prov", 0.4),
                  _r("body", "cites", "kh_ubnd_h cv_ubnd_h", "dist", 1.5), _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 1.5),
                  _r("body", "cites", "tt nd law", "nat", 1.5)),
    "cv_ubnd_h": (_r("opening", "implements", "cv_ubnd_t kh_ubnd_t cv_so", "prov", 0.9), _r("local", "cites", "cv_ubnd_h", "dist", 0.5),
                  _r("body", "cites", "kh_ubnd_h", "dist", 1.0), _r("body", "cites", "kh_ubnd_t qd_ubnd_t", "prov", 1.2),
                  _r("body", "cites", "tt nd", "nat", 1.0), _r("attach", "attaches", "cv_ubnd_t cv_so", "prov", 0.2)),
    "qd_ubnd_h": (_r("basis", "based_on", "law", "nat", 0.8), _r("basis", "based_on", "nd tt", "nat", 1.5),
                  _r("basis", "based_on", "qd_ubnd_t kh_ubnd_t", "prov", 1.0), _r("body", "cites", "kh_ubnd_h", "dist", 1.0)),
    "kh_ldld_h": (_r("opening", "implements", "kh_ldld_t cv_ldld_t", "prov", 1.2), _r("basis", "based_on", "kh_ldld_h", "dist", 0.4),
                  _r("body", "cites", "kh_ldld_t cv_ldld_t", "prov", 1.5), _r("body", "cites", "law", "nat", 0.8)),
    "cv_ldld_h": (_r("opening", "implements", "kh_ldld_t cv_ldld_t", "prov", 0.9), _r("body", "cites", "kh_ldld_h cv_ldld_h", "dist", 1.2),
                  _r("body", "cites", "law", "nat", 0.6)),
}  # fmt: skip

# What a document's subject says it implements, by kind (the subject target is cited in the text as well).
SUBJECT_IMPLEMENTS: dict[str, tuple[float, str, tuple[str, ...]]] = {
    "nq_cp": (0.3, "nat", ("nq_qh", "nq_tw")),
    "qd_ttg": (0.3, "nat", ("nq_qh", "nq_cp", "nq_tw", "law")),
    "ct_ttg": (0.4, "nat", ("nq_cp", "nq_qh")),
    "qd_bo": (0.4, "nat", ("qd_ttg", "nq_cp", "ct_ttg")),
    "cv_bo": (0.3, "nat", ("qd_ttg", "nq_cp", "ct_ttg")),
    "cv_tld": (0.5, "nat", ("nq_cp", "ct_ttg", "nq_tw")),
    "kh_tld": (0.7, "nat", ("nq_cp", "ct_ttg", "nq_tw")),
    "qd_ubnd_t": (0.3, "nat", ("qd_ttg", "nq_cp", "law")),
    "kh_ubnd_t": (0.7, "nat", ("nq_cp", "qd_ttg", "ct_ttg", "cv_bo", "law", "kh_tu", "nq_hdnd")),
    "cv_ubnd_t": (0.45, "nat", ("cv_bo", "qd_ttg", "ct_ttg", "nq_cp", "kh_ubnd_t")),
    "ct_ubnd_t": (0.5, "nat", ("ct_ttg", "nq_cp")),
    "cv_so": (0.45, "prov", ("cv_ubnd_t", "kh_ubnd_t", "cv_bo")),
    "kh_so": (0.7, "prov", ("kh_ubnd_t", "qd_ubnd_t", "cv_bo")),
    "cv_ldld_t": (0.5, "nat", ("cv_tld", "kh_tld", "nq_cp")),
    "kh_ldld_t": (0.7, "nat", ("kh_tld", "cv_tld", "kh_ubnd_t")),
    "kh_ubnd_h": (0.75, "prov", ("kh_ubnd_t", "cv_ubnd_t", "qd_ubnd_t", "kh_so")),
    "cv_ubnd_h": (0.45, "prov", ("cv_ubnd_t", "kh_ubnd_t", "cv_so")),
    "kh_ldld_h": (0.75, "prov", ("kh_ldld_t", "cv_ldld_t")),
    "cv_ldld_h": (0.5, "prov", ("kh_ldld_t", "cv_ldld_t")),
}
# Kinds whose documents live in lineages: a later one amends, replaces or repeals an earlier one.
LINEAGE_KINDS = frozenset({"nd", "tt", "qd_ttg", "qdq_ubnd_t", "nqq_hdnd", "qd_ubnd_t", "qd_ubnd_h", "qd_bo"})
# How often a target is a document nobody has cited yet (rather than one chosen by preferential attachment).
P_NEW = {"nd": 0.04, "tt": 0.06, "nq_cp": 0.03, "qd_ttg": 0.05, "nq_qh": 0.05, "ct_ttg": 0.05, "qd_bo": 0.1,
         "cv_bo": 0.2, "cv_tld": 0.15, "kh_tld": 0.1, "nq_tw": 0.1, "ct_tw": 0.1, "nq_tu": 0.2, "kh_tu": 0.25}  # fmt: skip
# The Pareto exponent of documents' weights by kind: the smaller, the more a few documents take all citations.
# National resolutions and decrees concentrate most (a programme's resolution is implemented everywhere).
TAIL = {"nq_cp": 1.0, "nq_qh": 1.0, "qd_ttg": 1.1, "ct_ttg": 1.1, "nd": 1.1, "tt": 1.2, "nq_tw": 1.0, "kh_tld": 1.1,
        "cv_tld": 1.2, "kh_ubnd_t": 1.3, "qd_ubnd_t": 1.4}  # fmt: skip
# How fast documents of a kind stop being cited, in days: plans and letters are of their moment, decrees last.
HALF_LIFE = {"nd": 1500, "tt": 1200, "nq": 1100, "qd": 800, "ct": 900, "kh": 450, "cv": 250, "ttr": 60, "bc": 30}  # fmt: skip
WINDOW = 2.5  # half-lives: documents older than that are not drawn at all
# The oldest target a kind of document cites, in days (letters react to recent documents).
MAX_AGE = {"letter": 730, "plan": 1500, "directive": 1500, "submission": 1500}
# Kinds that can precede their target by years (laws, decrees) versus days (letters).
VIRTUAL_LAG = {"ttr": (3, 40), "bc": (1, 10), "cv": (5, 120), "kh": (10, 400)}


def law_in_force(family: str, day: int) -> int:
    """The version of a law a document of that day cites (the latest passed before it), as an index into LAWS,
    which is also the id of its record (laws are the first records of every plan); -1 before the first."""
    best = -1
    for i in FAMILIES[family]:
        if LAWS[i].passed.toordinal() + 20 < day:
            best = i
    return best


FAMILIES: dict[str, list[int]] = {}
for _i, _law in enumerate(LAWS):
    FAMILIES.setdefault(_law.family, []).append(_i)


# The rules' means are relative; this makes the mean number of cited documents per document come out at
# --citations-per-doc (measured on 10,000 documents: laws and subjects come on top of the rules).
CALIBRATION = 1.6


def pool_key(kind_code: str, scope: int, domain: int) -> tuple[str, int, int]:
    """Documents citable together. National ones by field (a circular of the Ministry of Finance for a finance
    letter); a Sở's by field too, since the field names the Sở; the rest of a province's or district's documents
    all together, or local pools would hold one document each."""
    level = KINDS[kind_code].level
    return kind_code, scope, domain if level in NATIONAL_LEVELS or level == "so" else -1


def number_gaps(n: int) -> dict[str, float]:
    """The mean step between consecutive numbers of one issuer in one year, for a corpus of `n` documents.

    The corpus is a sample of what issuers number: a province's Ủy ban nhân dân numbers some 8,000 letters a
    year, and a corpus of 1,000 documents holds a few of them. Steps make the printed numbers those of the real
    world (an ordinary letter is "2130/UBND-KGVX", a decree "86/2020/NĐ-CP") whatever the size of the corpus."""
    geo = geography()
    total = sum(k.weight for k in WRITTEN)
    years = (END - START) / 365.25
    issuers = {"ubnd_t": len(PROVINCES), "hdnd_t": len(PROVINCES), "ldld_t": len(PROVINCES), "tu": len(PROVINCES),
               "so": len(PROVINCES) * len(DEPARTMENTS), "bo": len(MINISTRIES), "ubnd_h": len(geo.district),
               "ldld_h": len(geo.district)}  # fmt: skip
    gaps = {}
    for kind in KINDS.values():
        written = n * kind.weight / total / years / issuers.get(kind.level, 1)
        # Unwritten documents (cited, not held) take numbers too: about twice as many as the written ones.
        expected = 3 * written if kind.weight else 30.0
        # At most half the year's volume, so that a year's first number is anywhere in the year's range.
        gaps[kind.code] = min(kind.volume / 2, max(1.0, kind.volume / (expected + 1)))
    return gaps


def number_of(kind: Kind, issuer: Issuer, n: int, year: int, unit: str, day: int) -> str:
    """The số ký hiệu: "06/NQ-CP", "12/2019/QĐ-UBND", "2130/UBND-KGVX", "05-NQ/TU"."""
    text = kind.series.format(n=f"{n:02d}", y=year, c=issuer.code, u=unit, k=legislature(day))
    return text[:-1] if text.endswith("-") else text


def hdnd_term(year: int) -> int:
    """The term ("khóa") of provincial councils: VIII from 2011, IX from 2016, X from 2021."""
    return 7 + sum(year >= y for y in (2011, 2016, 2021))


def legislature(day: int) -> int:
    """The Quốc hội term ("khóa") in office on a day."""
    return 12 + sum(day >= date(y, 7, 20).toordinal() for y in (2011, 2016, 2021))


# ============================================================================================================
# The plan: who cites whom


@dataclass(slots=True)
class Record:
    """One document of the world, written to the corpus or only cited."""

    id: int
    kind: str
    issuer: int
    domain: int
    day: int
    number: str  # "" for laws without a number (constitutions, old codes)
    topic: int
    relation: str = ""  # what its subject says about `target`: implements guides amends repeals
    target: int = -1
    slug: str = ""  # the file's slug when written
    law: int = -1  # index into LAWS
    until: int = 0  # the day another document replaced or repealed it
    annual: bool = False  # the Government's resolution on the year's plan: "01/NQ-CP" every January


# All records (the planner's list), or the few a plan needs (what a worker process is sent).
Records = Sequence[Record] | Mapping[int, Record]


@dataclass(slots=True)
class Pool:
    """Documents of one kind, scope and field that can be cited, in the order they became citable (`days`,
    non-decreasing: the plan goes forward in time), with the running sum of their weights (`cumulative`), so
    that drawing among the documents of the last years in proportion to their weight is two bisections."""

    ids: array = field(default_factory=lambda: array("i"))
    days: array = field(default_factory=lambda: array("i"))
    cumulative: array = field(default_factory=lambda: array("d"))

    def add(self, record_id: int, day: int, weight: float) -> None:
        self.ids.append(record_id)
        self.days.append(day)
        self.cumulative.append((self.cumulative[-1] if self.cumulative else 0.0) + weight)

    def draw(self, rng: random.Random, since: int) -> int | None:
        """A document citable since `since`, drawn in proportion to its weight; None if there is none."""
        lo = bisect.bisect_left(self.days, since)
        if lo >= len(self.ids):
            return None
        base = self.cumulative[lo - 1] if lo else 0.0
        at = base + rng.random() * (self.cumulative[-1] - base)
        return self.ids[min(len(self.ids) - 1, bisect.bisect_right(self.cumulative, at, lo))]


@dataclass(frozen=True, slots=True)
class Slot:
    relation: str
    target: int
    place: str  # subject basis request opening body attach local effect amend


@dataclass(slots=True)
class Plan:
    index: int
    record: Record
    slots: list[Slot]
    scale: float  # this document's length: body filler grows with it


class Planner:
    """Plans documents one by one in date order; earlier documents are what later ones cite."""

    def __init__(self, n: int, seed: int, citations_per_doc: float = 10.0) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.geo = geography()
        self.cpd = citations_per_doc
        self.records: list[Record] = []
        self.pools: dict[tuple[str, int, int], Pool] = {}
        self.counters: dict[tuple[int, int, str], int] = {}
        self.lineages: dict[tuple[int, str, int], int] = {}
        self.requests: dict[tuple[str, int, int], deque[int]] = {}
        self._last_scale = 1.0
        self.reserved = {law.number for law in LAWS if law.number}
        self.domain_weights = _cumulative([1 / (i + 1) ** 0.5 for i in range(len(DOMAINS))])
        self.gaps = number_gaps(n)
        self._add_laws()
        self._add_function_decrees()
        self.annual = self._add_annual_resolutions()
        self._burn_in()
        # Laws and annual resolutions of the period become documents of the corpus too, in a share that grows
        # with its size.
        share = min(1.0, n / 3000)
        landmarks = [*self.records[: len(LAWS)], *self.annual.values()]
        self.scheduled = deque(
            sorted(
                (r for r in landmarks if r.day >= START and r.number and self.rng.random() < share),
                key=lambda r: r.day,
            )
        )

    # --- the world before the corpus -------------------------------------------------------------------------

    def _add_laws(self) -> None:
        qh = self.geo.national["qh"]
        for i, law in enumerate(LAWS):
            record = Record(i, "luat", qh, -1, law.passed.toordinal(), law.number or "", 0, law=i)
            self.records.append(record)
            if law.amends:  # an amending law's title names the laws it amends
                record.relation, record.target = "amends", law_in_force(law.amends[0], record.day)

    def _add_function_decrees(self) -> None:
        """Each ministry's decree on its functions: cited by every circular and decision of the ministry."""
        self.function_decrees: dict[int, list[int]] = {}
        for issuer in self.geo.national.values():
            if self.geo.issuers[issuer].level != "bo":
                continue
            decrees = []
            for year in (2008, 2012, 2017, 2022):
                day = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28)).toordinal()
                decree = self._new_record("nd", self.geo.national["cp"], -1, day)
                decree.topic = -1 - self.geo.issuers[issuer].id  # its subject names the ministry
                decrees.append(decree.id)
            self.function_decrees[issuer] = decrees

    def _add_annual_resolutions(self) -> dict[int, Record]:
        """ "Nghị quyết 01/NQ-CP … về những nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế -
        xã hội …": the same number every year, cited by every province's plans and letters of that year."""
        cp = self.geo.national["cp"]
        out = {}
        for year in range(2005, date.fromordinal(END).year + 1):
            day = date(year, 1, self.rng.randint(2, 10)).toordinal()
            record = Record(len(self.records), "nq_cp", cp, FINANCE, day, "01/NQ-CP", 0, annual=True)
            self.records.append(record)
            self.counters[(cp, year, KINDS["nq_cp"].series)] = 1
            out[year] = record
        return out

    def _annual(self, day: int) -> Record | None:
        """The year's resolution in force on a day (last year's in early January)."""
        when = date.fromordinal(day)
        record = self.annual.get(when.year)
        if record is None or record.day >= day:
            record = self.annual.get(when.year - 1)
        return record

    # --- records, numbers, pools --------------------------------------------------------------------------------

    def _new_record(self, kind_code: str, issuer_id: int, domain: int, day: int) -> Record:
        kind, issuer = KINDS[kind_code], self.geo.issuers[issuer_id]
        year = date.fromordinal(day).year
        key = (issuer_id, year, kind.series)
        n = self.counters.get(key, 0)
        while True:
            gap = self.gaps[kind_code]
            n += 1 + int(self.rng.expovariate(1 / (gap - 1))) if gap > 1 else 1
            unit = self.rng.choice(issuer.units)
            number = number_of(kind, issuer, n, year, unit, day)
            if number not in self.reserved:
                break
        self.counters[key] = n
        topic_count = len(DOMAINS[domain].regulations if kind.form == "normative" else DOMAINS[domain].topics)
        record = Record(
            len(self.records), kind_code, issuer_id, domain, day, number, self.rng.randrange(topic_count)
        )
        self.records.append(record)
        return record

    def _scope_of(self, issuer: Issuer, level: str) -> int:
        if level in NATIONAL_LEVELS:
            return -1
        return issuer.district if level in DISTRICT_LEVELS else issuer.province

    def _pool(self, kind_code: str, scope: int, domain: int) -> Pool:
        key = pool_key(kind_code, scope, domain)
        pool = self.pools.get(key)
        if pool is None:
            pool = self.pools[key] = Pool()
        return pool

    def _register(self, record: Record, now: int) -> None:
        """Make a document citable from `now` on (the day of the document being planned), with its weight."""
        kind = KINDS[record.kind]
        scope = self._scope_of(self.geo.issuers[record.issuer], kind.level)
        self._pool(record.kind, scope, record.domain).add(record.id, now, self._weight(record))

    def _weight(self, record: Record) -> float:
        """How much a document gets cited, against the others of its pool: Pareto-distributed, so that a few
        are cited by hundreds and most by one or two (the heavy tail of real citation counts). Documents of the
        corpus weigh more: a collection gathers the documents that matter."""
        alpha = TAIL.get(record.kind, 1.6)
        weight = min(500.0, (1.0 - self.rng.random()) ** (-1 / alpha))
        return weight * (2.0 if record.slug else 1.0)

    def _issuer_for(self, kind_code: str, scope: int, domain: int) -> int:
        level = KINDS[kind_code].level
        if level == "bo":
            code = DOMAINS[domain].ministry
            return self.geo.national[code if code in self.geo.national else "BLĐTBXH"]
        if level in NATIONAL_LEVELS:
            return self.geo.national[level]
        if level == "so":
            code = DOMAINS[domain].department or "SNV"
            return self.geo.province[scope][code]
        if level in DISTRICT_LEVELS:
            return self.geo.district[scope][level]
        return self.geo.province[scope][level]

    def _virtual(self, kind_code: str, scope: int, domain: int, day: int) -> Record:
        """A document the corpus does not hold, older than the one that cites it."""
        kind = KINDS[kind_code]
        low, high = VIRTUAL_LAG.get(kind.slug, (30, 1500))
        when = max(OLDEST, day - self.rng.randint(low, high))
        issuer = self._issuer_for(kind_code, scope, domain)
        if self.counters.get((issuer, date.fromordinal(when).year, kind.series), 0) > kind.volume:
            # The issuer's year is full (a year has some 180 decrees): cite one of them instead.
            pool = self.pools.get(pool_key(kind_code, scope, domain))
            drawn = pool.draw(self.rng, day - WINDOW * HALF_LIFE.get(kind.slug, 900)) if pool else None
            if drawn is not None and self.records[drawn].day < day:
                return self.records[drawn]
        record = self._new_record(kind_code, issuer, domain, when)
        if kind_code in SUBJECT_IMPLEMENTS and self.rng.random() < 0.3:
            # Unwritten documents have subjects too: "Kế hoạch số 12/KH-UBND … về việc thực hiện …"
            self._subject_target(record, SUBJECT_IMPLEMENTS[kind_code])
        self._register(record, day)
        return record

    def pick(self, kind_code: str, scope: int, domain: int, day: int, max_age: int | None) -> Record:
        """A document to cite, drawn among those of the last years in proportion to their weight (Zipf-like
        counts), older ones less often; sometimes one nobody has cited yet."""
        pool = self.pools.get(pool_key(kind_code, scope, domain))
        size = len(pool.ids) if pool else 0
        # A small pool is a world not yet filled in (the years before 2010 in particular): add to it.
        if not size or self.rng.random() < max(P_NEW.get(kind_code, 0.15), 5 / (5 + size)):
            return self._virtual(kind_code, scope, domain, day)
        half_life = HALF_LIFE.get(KINDS[kind_code].slug, 900)
        for _ in range(6):
            drawn = pool.draw(self.rng, day - WINDOW * half_life)
            if drawn is None:
                break
            record = self.records[drawn]
            age = day - record.day
            if age <= 0 or (max_age is not None and age > max_age):
                continue
            if self.rng.random() > 0.5 ** (age / half_life):
                continue  # cited in the years after it is issued, then less
            if record.until and record.until < day and self.rng.random() < 0.9:
                continue  # replaced or repealed: its successor is cited now
            return record
        return self._virtual(kind_code, scope, domain, day)

    def _law_target(self, domain: int, day: int) -> Record | None:
        families = DOMAINS[domain].laws if domain >= 0 else ("cqdp",)
        family = families[0] if self.rng.random() < 0.6 else self.rng.choice(families)
        law = law_in_force(family, day)
        return self.records[law] if law >= 0 else None  # the field's law was not passed yet

    def _target(
        self,
        kind_code: str,
        scope_rule: str,
        record: Record,
        max_age: int | None,
        answer: bool = False,
        fresh: bool = False,
    ) -> Record | None:
        if kind_code == "law":
            return self._law_target(record.domain, record.day)
        if kind_code == "annual":
            return self._annual(record.day)
        issuer = self.geo.issuers[record.issuer]
        level = KINDS[kind_code].level
        # Sideways now and then: another field of the same body.
        domain = record.domain if self.rng.random() < 0.85 else self.rng.randrange(len(DOMAINS))
        if level == "so" and not DOMAINS[domain].department:
            domain = record.domain if DOMAINS[record.domain].department else 0
        if level in NATIONAL_LEVELS:
            scope = -1
        elif scope_rule == "any":
            scope = _weighted(self.rng, self.geo.province_weights)
        elif level in DISTRICT_LEVELS:
            scope = (
                issuer.district
                if issuer.district >= 0
                else self.rng.choice(self.geo.districts[issuer.province])
            )
        else:
            scope = (
                issuer.province if issuer.province >= 0 else _weighted(self.rng, self.geo.province_weights)
            )
        if answer:  # a request is answered once: an open one, else one the corpus does not hold
            if scope_rule == "any":
                scope = -2
            answered = self._answered(kind_code, scope, domain, record.day)
            if answered is not None:
                return answered
            issuer_scope = _weighted(self.rng, self.geo.province_weights) if scope == -2 else scope
            return self._virtual(kind_code, issuer_scope, domain, record.day)
        if fresh:
            return self._virtual(kind_code, scope, domain, record.day)
        return self.pick(kind_code, scope, domain, record.day, max_age)

    def _answered(self, kind_code: str, scope: int, domain: int, day: int) -> Record | None:
        """The oldest open request of that kind (a Tờ trình is answered once)."""
        queue = self.requests.get((kind_code, scope, domain))
        while queue:
            record = self.records[queue.popleft()]
            if 0 < day - record.day <= 120:
                return record
        return None

    # --- one document ----------------------------------------------------------------------------------------

    def next_plan(self, index: int) -> Plan:
        day = START + (END - START) * index // max(1, self.n)
        if self.scheduled and self.scheduled[0].day <= day:
            landmark = self.scheduled.popleft()
            if landmark.annual:
                landmark.slug = slug_of(index, landmark, self.geo.issuers[landmark.issuer])
                slots = self._slots(landmark)
                self._register(landmark, landmark.day)
                return Plan(index, landmark, slots, self._last_scale)
            return self._law_plan(index, landmark)
        record, slots = self._document(day, index)
        # The scale that drew the number of citations also sets the length of the body.
        return Plan(index, record, slots, self._last_scale)

    def _document(self, day: int, index: int | None) -> tuple[Record, list[Slot]]:
        """A document of the day and what it cites; written to the corpus when it has an index."""
        kind = WRITTEN[_weighted(self.rng, WRITTEN_WEIGHTS)]
        domain = self._domain_for(kind)
        record = self._new_record(kind.code, self._writer(kind, domain), domain, day)
        if index is not None:
            record.slug = slug_of(index, record, self.geo.issuers[record.issuer])
        slots = self._slots(record)
        self._register(record, day)
        self._open_request(record)
        return record, slots

    def _burn_in(self) -> None:
        """Live through the five years before the corpus without writing them.

        Drawing from empty pools makes hubs of whatever comes first; started in 2005, the world is in its
        steady state by 2010: established documents, ageing, being replaced."""
        count = min(self.n // 3, 40_000)
        first = date(2005, 1, 1).toordinal()
        for i in range(count):
            self._document(first + (START - first) * i // count, None)

    def _law_plan(self, index: int, record: Record) -> Plan:
        record.slug = slug_of(index, record, self.geo.issuers[record.issuer])
        law = LAWS[record.law]
        slots = [Slot("based_on", law_in_force("hien_phap", record.day), "basis")]
        slots += [Slot("amends", law_in_force(family, record.day), "subject") for family in law.amends]
        slots = [slot for slot in slots if slot.target >= 0]
        previous = [i for i in FAMILIES[law.family] if LAWS[i].passed < law.passed]
        if previous and not law.amends:
            slots.append(Slot("repeals", previous[-1], "effect"))
        return Plan(index, record, slots, 1.0)

    def _domain_for(self, kind: Kind) -> int:
        if kind.level in ("tld", "ldld_t", "ldld_h"):
            return UNION_DOMAIN if self.rng.random() < 0.7 else 0
        while True:
            domain = _weighted(self.rng, self.domain_weights)
            if kind.level == "bo" and DOMAINS[domain].ministry not in self.geo.national:
                continue
            if kind.level == "so" and not DOMAINS[domain].department:
                continue
            return domain

    def _writer(self, kind: Kind, domain: int) -> int:
        if kind.level in NATIONAL_LEVELS:
            return self._issuer_for(kind.code, -1, domain)
        province = _weighted(self.rng, self.geo.province_weights)
        if kind.level in DISTRICT_LEVELS:
            return self._issuer_for(kind.code, self.rng.choice(self.geo.districts[province]), domain)
        return self._issuer_for(kind.code, province, domain)

    def _open_request(self, record: Record) -> None:
        """Submissions and some letters wait for an answer: the next decision of their addressee takes one."""
        if record.kind in ("ttr_so", "cv_so", "cv_ubnd_h") and (
            record.kind == "ttr_so" or self.rng.random() < 0.4
        ):
            issuer = self.geo.issuers[record.issuer]
            key = (record.kind, issuer.province, record.domain)
            self.requests.setdefault(key, deque()).append(record.id)
            if record.kind == "cv_so":  # ministries answer questions from any province
                self.requests.setdefault(("cv_so", -2, record.domain), deque()).append(record.id)

    def _slots(self, record: Record) -> list[Slot]:
        kind = KINDS[record.kind]
        self._last_scale = self.cpd / 10 * CALIBRATION * math.exp(self.rng.gauss(-0.18, 0.6))
        used: dict[str, int] = {identity(record.number): record.id}
        slots: list[Slot] = []
        self._lineage(record, slots, used)
        if not record.relation and record.kind in SUBJECT_IMPLEMENTS and not record.annual:
            self._subject_target(record, SUBJECT_IMPLEMENTS[record.kind], used)
        if not record.relation and record.kind in ("tt", "nd") and self.rng.random() < 0.55:
            self._guides(record, used)
        if record.relation:
            if self._claim(record.target, used):
                slots.append(Slot(record.relation, record.target, "subject"))
            else:
                record.relation, record.target = "", -1
        for law in self._general_laws(record):
            if self._claim(law, used):
                slots.append(Slot("based_on", law, "basis"))
        if kind.level == "bo" and kind.form == "normative":
            decree = self._function_decree(record)
            if decree >= 0 and self._claim(decree, used):
                slots.append(Slot("based_on", decree, "basis"))
        for rule in RECIPES[record.kind]:
            count = self._count(rule.mean * self._last_scale, rule)
            for _ in range(count):
                self._fill(rule, record, slots, used)
        return slots

    def _count(self, mean: float, rule: Rule) -> int:
        if rule.place == "request" and rule.mean >= 1:  # a decision answers one submission, always
            return 1
        whole = int(mean)
        return whole + (self.rng.random() < mean - whole)

    def _fill(self, rule: Rule, record: Record, slots: list[Slot], used: dict[str, int]) -> None:
        max_age = MAX_AGE.get(KINDS[record.kind].form)
        answer = rule.relation == "responds_to"
        cited = {slot.target for slot in slots}
        for attempt in range(3):
            # A small pool keeps offering the same documents: the last try takes one nobody has cited yet.
            target = self._target(
                self.rng.choice(rule.targets), rule.scope, record, max_age, answer, attempt == 2
            )
            if target is None or target.id == record.id or target.id in cited:
                continue
            if self._claim(target.id, used):
                slots.append(Slot(rule.relation, target.id, rule.place))
                return

    def _claim(self, target_id: int, used: dict[str, int]) -> bool:
        """Reserve the keys a citation of this target prints (its own and its subject's): one key, one document.

        A text that cites "12/QĐ-UBND" of 2015 and "12/QĐ-UBND" of 2019 cannot be annotated: no annotator can
        tell which mention is which. Real documents avoid it by adding the year; the generator simply avoids it.
        """
        target = self.records[target_id]
        wanted = [(identity_of(target), target.id)]
        if target.target >= 0:
            wanted.append((identity_of(self.records[target.target]), target.target))
        taken = any(used.get(key, doc) != doc for key, doc in wanted)
        clash = len({key for key, _ in wanted}) < len(
            {doc for _, doc in wanted}
        )  # "04/KH-UBND" citing "04/KH-UBND"
        if taken or clash:
            return False
        for key, doc in wanted:
            used[key] = doc
        return True

    def _general_laws(self, record: Record) -> list[int]:
        """The laws every document of a level cites first ("Căn cứ Luật Tổ chức chính quyền địa phương …")."""
        kind, day = KINDS[record.kind], record.day
        level = kind.level
        if kind.form != "normative" and not (kind.form == "plan" and self.rng.random() < 0.3):
            return []
        if level in ("cp", "ttg"):
            families = ["tccp"]
        elif level == "qh":
            families = ["hien_phap"]
        elif level == "bo":
            families = [] if self.rng.random() < 0.5 else ["tccp"]
        elif level in ("ubnd_t", "hdnd_t", "ubnd_h"):
            families = ["cqdp"]
            if kind.series.count("/") == 2:  # normative ones also cite the law on legal documents
                families.append("vbqppl" if day >= date(2016, 7, 1).toordinal() else "vbqppl_dp")
        else:
            families = []
        out = []
        for family in families:
            if law_in_force(family, day) < 0:
                continue
            out.append(law_in_force(family, day))
            amendment = {"cqdp": "sd_cqdp", "tccp": "sd_cqdp", "vbqppl": "sd_vbqppl"}.get(family)
            if amendment:
                amending = law_in_force(amendment, day)
                if amending < 0:
                    continue
                amending_law = LAWS[self.records[amending].law]
                base = self.records[out[-1]]
                if (
                    amending_law.passed.toordinal() + 20 < day
                    and LAWS[base.law].passed < amending_law.passed
                    and self.rng.random() < 0.7
                ):
                    out.append(amending)
        return out

    def _function_decree(self, record: Record) -> int:
        decrees = [
            d for d in self.function_decrees.get(record.issuer, []) if self.records[d].day < record.day
        ]
        return decrees[-1] if decrees else -1

    def _subject_target(
        self, record: Record, spec: tuple[float, str, tuple[str, ...]], used: dict[str, int] | None = None
    ) -> None:
        """Maybe make the record's subject name a document it carries out ("V/v thực hiện Kế hoạch số …")."""
        probability, scope_rule, kinds = spec
        if self.rng.random() >= probability:
            return
        target = self._target(
            self.rng.choice(kinds), scope_rule, record, MAX_AGE.get(KINDS[record.kind].form)
        )
        if target is None or target.id == record.id or identity_of(target) == identity_of(record):
            return  # "Kế hoạch 04/KH-UBND" of a district carrying out "Kế hoạch 04/KH-UBND" of its province
        if used is not None and identity_of(target) in used:
            return
        record.relation, record.target = "implements", target.id

    def _guides(self, record: Record, used: dict[str, int]) -> None:
        """A circular guides a decree of its field, a decree details a law."""
        if record.kind == "tt" and self.rng.random() < 0.75:
            target = self.pick("nd", -1, record.domain, record.day, None)
        else:
            target = self._law_target(record.domain, record.day)
        if target is not None and target.id != record.id and identity_of(target) not in used:
            record.relation, record.target = "guides", target.id

    def _lineage(self, record: Record, slots: list[Slot], used: dict[str, int]) -> None:
        """Normative documents of one issuer on one matter follow each other: amend, replace, repeal."""
        if record.kind not in LINEAGE_KINDS:
            return
        key = (record.issuer, record.kind, record.topic)
        previous = self.lineages.get(key)
        if previous is None and self.rng.random() < 0.35:
            # The first of the line in the corpus amends or replaces one written before it.
            earlier = self._new_record(record.kind, record.issuer, record.domain,
                                       max(OLDEST, record.day - self.rng.randint(200, 2500)))  # fmt: skip
            earlier.topic = record.topic
            self._register(earlier, record.day)
            previous = earlier.id
        self.lineages[key] = record.id
        if previous is None or identity_of(self.records[previous]) in used:
            return
        roll = self.rng.random()
        if roll < 0.35:
            record.relation, record.target = "amends", previous
            self.lineages[key] = previous  # amendments amend the base text, which stays in force
        elif roll < 0.75:
            if self._claim(previous, used):
                slots.append(Slot("replaces", previous, "effect"))
                self.records[previous].until = record.day
        elif roll < 0.85:
            record.relation, record.target = "repeals", previous
            self.records[previous].until = record.day
            del self.lineages[key]


def identity(number: str) -> str:
    """A number as the scorer compares it (no spaces, upper case): "QĐ-TTg" and "QĐ-TTG" are one key."""
    return number.replace(" ", "").upper()


def identity_of(record: Record) -> str:
    """What a citation of the record prints as its key, compared as the scorer compares keys."""
    if record.law >= 0:
        return LAWS[record.law].title.casefold()
    return identity(record.number)


def ascii_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug_of(index: int, record: Record, issuer: Issuer) -> str:
    kind = KINDS[record.kind]
    number = re.split(r"[/-]", record.number)[0] if record.number else "0"
    place = (
        "vn" if issuer.province < 0 else ascii_fold(PROVINCES[issuer.province][0]).lower().replace(" ", "")
    )
    code = ascii_fold(issuer.code).lower()
    year = date.fromordinal(record.day).year
    return f"{index:06d}-{kind.slug}-{number}-{code}-{place}-{year}"


# ============================================================================================================
# Text: how documents name each other


@dataclass(slots=True)
class Cite:
    """One mention in the text, and what the gold says about it."""

    target: int
    relation: str
    text: str
    key: str  # a number, or a law's title
    named: bool  # cited by name (a law), not by number
    year: str | None  # for a named citation: the year its text gives
    number: str | None
    doc_type: str
    date: str | None
    issuer: str | None
    pinpoint: str | None = None
    inner: list[tuple[int, Cite]] = field(default_factory=list)  # mentions inside this one, by offset


@dataclass(slots=True)
class Described:
    """A description after a mention ("… về việc thực hiện Nghị quyết số 06/NQ-CP …"): what the described
    document does to the one it names."""

    source: int
    relation: str
    target: int


Part = str | Cite | Described


def vn_date(day: int, rng: random.Random, style: str | None = None) -> str:
    """ "ngày 16 tháng 5 năm 2024", "ngày 31/01/2023", "ngày 3/2/2023"."""
    d = date.fromordinal(day)
    style = style or rng.choice(("long", "long", "long", "short", "bare"))
    if style == "long":
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"ngày {d.day:02d} tháng {month} năm {d.year}"
    if style == "short":
        return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
    return f"ngày {d.day}/{d.month}/{d.year}"


class Namer:
    """Names documents as a given document would: same-province bodies by short names, others in full."""

    def __init__(self, records: Records, writer: Record, rng: random.Random) -> None:
        self.records = records
        self.geo = geography()
        self.here = self.geo.issuers[writer.issuer]
        self.rng = rng

    def issuer_phrase(self, record: Record) -> str:
        issuer = self.geo.issuers[record.issuer]
        kind = KINDS[record.kind]
        if kind.code == "tt" and self.rng.random() < 0.3:
            return f"Bộ trưởng {issuer.name}"
        if kind.code == "ct_tw":
            return "Ban Bí thư Trung ương Đảng"
        if kind.code == "nq_tw":
            return ("Bộ Chính trị", "Ban Chấp hành Trung ương Đảng")[record.id % 2]
        if kind.code == "bc_hdnd":
            committee = ("Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội", "Ban Pháp chế")[record.id % 3]
            return f"{committee} Hội đồng nhân dân {_province_self(issuer.province)}"
        same_district = issuer.district >= 0 and issuer.district == self.here.district
        same_province = issuer.district < 0 and issuer.province >= 0 and issuer.province == self.here.province
        if (same_district or same_province) and issuer.local_as:
            return self.rng.choice(issuer.local_as)
        if issuer.province >= 0 and issuer.province == self.here.province and issuer.cited_as:
            return issuer.cited_as[-1] if self.rng.random() < 0.5 else issuer.cited_as[0]
        return self.rng.choice(issuer.cited_as) if issuer.cited_as else issuer.name

    def cite(
        self, target_id: int, relation: str, form: str | None = None, pinpoint: str | None = None
    ) -> Cite:
        """A mention of a document with a number, or of a law by its name."""
        record = self.records[target_id]
        if record.law >= 0:
            return self._cite_law(record, relation, form)
        kind = KINDS[record.kind]
        form = form or self.rng.choices(("full", "issuer", "date", "bare"), (55, 15, 15, 15))[0]
        type_word = kind.doc_type
        if kind.slug == "cv":
            type_word = self.rng.choice(("Công văn", "Văn bản", "Công văn", "công văn"))
        elif kind.slug == "bc":  # the committee's review of a submission to the council
            type_word, form = "Báo cáo thẩm tra", self.rng.choice(("full", "issuer"))
        doc_type = "Văn bản" if type_word == "Văn bản" else kind.doc_type
        so = "số " if self.rng.random() < 0.85 or form == "bare" else ""
        text = f"{type_word} {so}{record.number}"
        iso = issuer = None
        if form in ("full", "date"):
            comma = "," if self.rng.random() < 0.1 else ""
            text += f"{comma} {vn_date(record.day, self.rng)}"
            iso = date.fromordinal(record.day).isoformat()
        if form in ("full", "issuer"):
            issuer = self.issuer_phrase(record)
            text += f" của {issuer}"
        return Cite(target_id, relation, text, record.number, False, None, record.number, doc_type, iso, issuer,
                    pinpoint)  # fmt: skip

    def _cite_law(self, record: Record, relation: str, form: str | None) -> Cite:
        law = LAWS[record.law]
        if law.family == "hien_phap":
            if self.rng.random() < 0.7:
                return Cite(
                    record.id, relation, law.title, law.title, True, None, None, "Hiến pháp", None, None
                )
            year = str(law.passed.year)
            return Cite(record.id, relation, f"{law.title} năm {year}", law.title, True, year, None, "Hiến pháp",
                        year, None)  # fmt: skip
        form = form or self.rng.choices(("long", "short", "year", "number", "name"), (60, 12, 10, 10, 8))[0]
        if form == "number" and not law.number:
            form = "long"
        title = law.short if law.short and self.rng.random() < 0.4 else law.title
        doc_type = "Bộ luật" if title.startswith("Bộ luật") else "Luật"
        year = str(law.passed.year)
        if form == "number":
            return Cite(record.id, relation, f"{title} số {law.number}", law.title, True, None, law.number, doc_type,
                        None, None)  # fmt: skip
        if form == "name":
            return Cite(record.id, relation, title, law.title, True, None, None, doc_type, None, None)
        if form == "year":
            return Cite(
                record.id, relation, f"{title} năm {year}", law.title, True, year, None, doc_type, year, None
            )
        day = law.passed.toordinal()
        when = vn_date(day, self.rng, "long" if form == "long" else "short")
        cite = Cite(record.id, relation, f"{title} {when}", law.title, True, year, None, doc_type,
                    law.passed.isoformat(), None)  # fmt: skip
        if law.amends:
            self._name_amended(cite, law, title)
        return cite

    def _name_amended(self, cite: Cite, law: Law, title: str) -> None:
        """ "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B …" names A and B: they are cited too."""
        amending = self.records[cite.target]
        targets = [law_in_force(family, amending.day) for family in law.amends]
        for target_id in targets:
            inner_law = LAWS[self.records[target_id].law]
            at = title.find(inner_law.title, 1)
            if at > 0:
                inner = Cite(
                    target_id, "cites", inner_law.title, inner_law.title, True, None, None, "Luật", None, None
                )
                cite.inner.append((at, inner))

    # --- subjects: what a document is about, as its header and others' descriptions say it --------------------

    def subject_parts(self, record: Record, own: bool) -> list[Part]:
        """The trích yếu of a document, as parts: text and the mention of the document it is about.

        `own`: for the document's own header (its mention relation is the subject relation); otherwise for a
        description in another document (the mention inside is nested there)."""
        kind = KINDS[record.kind]
        domain = DOMAINS[record.domain] if record.domain >= 0 else DOMAINS[0]
        year = date.fromordinal(record.day).year
        rng = random.Random(record.id)  # the same subject wherever it is printed
        if record.law >= 0:
            return [LAWS[record.law].title.removeprefix("Luật ").removeprefix("Bộ luật ")]
        if record.annual:
            return [
                "về những nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội "
                f"và dự toán ngân sách nhà nước năm {year}"
            ]
        if record.topic < 0:  # a ministry's decree on its functions
            return [
                f"quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {self.geo.issuers[-1 - record.topic].name}"
            ]
        if record.relation and record.target >= 0:
            inner = self.records[record.target]
            relation = record.relation if own else "cites"
            cite = self.cite_fixed(inner, relation, rng, record.relation == "implements")
            lead = self._subject_lead(record, rng)
            tail = self._target_topic(inner, rng) if record.relation == "implements" and inner.law < 0 else ""
            return [lead, cite, tail, Described(record.id, record.relation, inner.id)]
        if kind.form == "normative":
            regulation = domain.regulations[record.topic % len(domain.regulations)]
            if kind.code in ("nd", "tt", "nqq_hdnd"):
                return [f"quy định {regulation}"]
            if kind.code == "qd_ttg" or kind.code == "nq_cp":
                return [
                    rng.choice(("phê duyệt Chương trình ", "phê duyệt Đề án ", "về "))
                    + domain.topics[record.topic % len(domain.topics)]
                    + f" giai đoạn {year}-{year + 5}"
                ]
            if kind.code in ("qd_ubnd_t", "qd_ubnd_h", "qd_bo", "nq_hdnd"):
                topic = domain.topics[record.topic % len(domain.topics)]
                return [rng.choice((f"về việc phê duyệt Kế hoạch {topic} năm {year}",
                                    f"về việc thành lập Ban Chỉ đạo {topic}",
                                    f"ban hành {_regulation(regulation)}"))]  # fmt: skip
            return [f"ban hành {_regulation(regulation)}"]
        topic = domain.topics[record.topic % len(domain.topics)]
        if kind.form == "plan":
            return [rng.choice((f"{topic} năm {year}", f"{topic} giai đoạn {year}-{year + 5}", topic))]
        return [topic]

    def cite_fixed(self, record: Record, relation: str, rng: random.Random, implements: bool) -> Cite:
        """A mention printed the same way wherever the subject that holds it is printed. Titles name a law
        without its date ("quy định chi tiết một số điều của Luật Đất đai"), but for a plan carrying it out
        ("triển khai thi hành Luật Đất đai năm 2024")."""
        saved, self.rng = self.rng, rng
        try:
            if record.law >= 0:
                return self.cite(
                    record.id, relation, form=rng.choice(("year", "name")) if implements else "name"
                )
            return self.cite(record.id, relation, form=rng.choice(("full", "issuer")))
        finally:
            self.rng = saved

    def _subject_lead(self, record: Record, rng: random.Random) -> str:
        target = self.records[record.target]
        if record.relation == "guides":
            if target.law >= 0:
                return rng.choice(("quy định chi tiết một số điều của ",
                                   "quy định chi tiết và hướng dẫn thi hành một số điều của "))  # fmt: skip
            return rng.choice(("hướng dẫn thực hiện một số điều của ", "hướng dẫn thi hành "))
        if record.relation == "amends":
            return "sửa đổi, bổ sung một số điều của "
        if record.relation == "repeals":
            return "về việc bãi bỏ "
        kind = KINDS[record.kind]
        if target.law >= 0:
            return "triển khai thi hành "
        if kind.form == "normative":
            return rng.choice(("ban hành Kế hoạch thực hiện ", "ban hành Chương trình hành động thực hiện "))
        return rng.choice(("thực hiện ", "triển khai thực hiện ", "triển khai "))

    def _target_topic(self, target: Record, rng: random.Random) -> str:
        if target.domain < 0 or rng.random() < 0.4:
            return ""
        return " về " + DOMAINS[target.domain].topics[target.topic % len(DOMAINS[target.domain].topics)]

    def describe(self, record: Record, outer: str = "cites") -> list[Part]:
        """What follows a mention to say what the document is about ("… về việc thực hiện …").

        The document named inside is merely cited by this one, unless both carry out the same chain: "Thực hiện
        Kế hoạch A … về việc thực hiện Nghị quyết B" implements B as well (ANNOTATION_GUIDE.md, the seed letter)."""
        parts = self.subject_parts(record, own=False)
        if outer == "implements" and record.relation == "implements":
            for part in parts:
                if isinstance(part, Cite):
                    part.relation = "implements"
        head = parts[0] if isinstance(parts[0], str) else ""
        verb_led = head.startswith(("quy định", "hướng dẫn", "sửa đổi", "ban hành", "phê duyệt", "về "))
        if verb_led:
            return [" ", *parts]
        lead = " về việc " if self.rng.random() < 0.5 else " về "
        return [lead, *parts]


# ============================================================================================================
# Pages: text with mentions, and the gold built from them


@dataclass(slots=True)
class Line:
    role: str  # left right heading subject para item sign recipients
    text: str


class Page:
    """A document's lines as they are built, with every mention's place, for the gold."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.cites: list[tuple[int, int, Cite]] = []  # line index, offset, mention
        self.described: list[tuple[int, Described]] = []

    def add(self, role: str, *parts: Part) -> None:
        buf: list[str] = []
        pos = 0
        for part in parts:
            if isinstance(part, Described):
                self.described.append((len(self.lines), part))
                continue
            if isinstance(part, Cite):
                self.cites.append((len(self.lines), pos, part))
                for offset, inner in part.inner:
                    self.cites.append((len(self.lines), pos + offset, inner))
                text = part.text
            else:
                text = part
            buf.append(text)
            pos += len(text)
        self.lines.append(Line(role, "".join(buf)))


# ============================================================================================================
# Rendering one document


@dataclass(frozen=True)
class ExpectedCitation:
    key: str
    relation: str
    mention: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    pinpoint: str | None
    target: str  # the cited document's slug, or "x-…" for a document the corpus does not hold
    alt_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedAsserted:
    source: str
    relation: str
    target: str
    evidence: str


@dataclass(frozen=True)
class SynthDoc:
    slug: str
    text: str
    metadata: dict[str, str | None]
    citations: tuple[ExpectedCitation, ...]
    asserted: tuple[ExpectedAsserted, ...]
    format: str = "txt"
    lines: tuple[Line, ...] = ()  # the text's lines with their roles, for the other formats

    def gold(self, seed: int | None = None) -> dict[str, Any]:
        """The annotation of examples/ANNOTATION_GUIDE.md."""
        citations = []
        for c in self.citations:
            entry: dict[str, Any] = {
                "mention": c.mention, "key": c.key, "doc_type": c.doc_type, "date": c.date,
                "issuer": c.issuer, "pinpoint": c.pinpoint, "relation": c.relation, "target": c.target,
            }  # fmt: skip
            if c.alt_keys:
                entry["alt_keys"] = list(c.alt_keys)
            citations.append(entry)
        return {
            "slug": self.slug,
            "source": f"synthetic: benchmarks/synth.py{'' if seed is None else f' --seed {seed}'}",
            "complete": True,
            "metadata": self.metadata,
            "citations": citations,
            "asserted": [
                {"source": a.source, "relation": a.relation, "target": a.target, "evidence": a.evidence}
                for a in self.asserted
            ],
            "site_relations": [],
        }


def target_name(record: Record) -> str:
    if record.slug:
        return record.slug
    return f"x-{record.id}-{ascii_fold(identity_of(record)).lower().replace('/', '-').replace(' ', '-')}"


class Renderer:
    """Writes one planned document: header, body by form, signature, and its gold."""

    def __init__(self, records: Records, plan: Plan, seed: int) -> None:
        self.records = records
        self.plan = plan
        self.doc = plan.record
        self.rng = random.Random(seed * 1_000_003 + plan.index)
        self.geo = geography()
        self.issuer = self.geo.issuers[self.doc.issuer]
        self.kind = KINDS[self.doc.kind]
        self.namer = Namer(records, self.doc, self.rng)
        self.page = Page()
        self.layout = self.rng.choices(("clean", "crawl", "wrapped"), (50, 30, 20))[0]
        self.year = date.fromordinal(self.doc.day).year
        self.domain = DOMAINS[self.doc.domain] if self.doc.domain >= 0 else DOMAINS[0]
        self.slots: dict[str, list[Slot]] = {}
        for slot in plan.slots:
            self.slots.setdefault(slot.place, []).append(slot)

    # --- helpers --------------------------------------------------------------------------------------------

    def take(self, place: str) -> list[Slot]:
        return self.slots.pop(place, [])

    def topic(self) -> str:
        return self.domain.topics[self.doc.topic % len(self.domain.topics)]

    def fill(self, template: str) -> str:
        """A filler sentence; only the placeholders it has are drawn (this runs for every sentence)."""
        values: dict[str, object] = {"year": self.year, "prev_year": self.year - 1}
        if "{topic}" in template:
            values["topic"] = self.topic()
        if "{task}" in template:
            values["task"] = self.rng.choice(self.domain.tasks)
        if "{agency}" in template:
            values["agency"] = self.agency()
        if "{office}" in template:
            values["office"] = self.issuer.office or self.issuer.name
        if "{deadline}" in template:
            deadline = date.fromordinal(min(self.doc.day + self.rng.randint(10, 200), END + 300))
            values["deadline"] = f"{deadline.day:02d}/{deadline.month:02d}/{deadline.year}"
        if "{phone}" in template:
            values["phone"] = f"0{self.rng.randint(200, 299)}.{self.rng.randint(3800000, 3899999)}"
        return template.format_map(values)

    def agency(self) -> str:
        level = self.issuer.level
        if level in NATIONAL_LEVELS:
            pool = AGENCIES_UNION if level == "tld" else AGENCIES_NATIONAL
        elif level in ("ldld_t", "ldld_h"):
            pool = AGENCIES_UNION
        elif level in DISTRICT_LEVELS:
            pool = AGENCIES_DISTRICT
        else:
            pool = AGENCIES_PROVINCE
        return self.rng.choice(pool)

    def sentence(self, templates: Sequence[str]) -> str:
        text = self.fill(self.rng.choice(templates))
        return text[0].upper() + text[1:]

    def mention(self, slot: Slot, describe: float = 0.5, form: str | None = None) -> list[Part]:
        """A mention of the slot's target, sometimes followed by what that document is about."""
        cite = self.namer.cite(slot.target, slot.relation, form=form)
        target = self.records[slot.target]
        if target.law >= 0 or self.rng.random() >= describe:
            return [cite]
        return [cite, *self.namer.describe(target, slot.relation)]

    # --- the document ------------------------------------------------------------------------------------------

    def render(self) -> SynthDoc:
        form = self.kind.form
        self.header()
        {"law": self.body_law, "normative": self.body_normative, "plan": self.body_plan, "letter": self.body_letter,
         "directive": self.body_directive, "submission": self.body_submission}[form]()  # fmt: skip
        self.leftovers()
        self.footer()
        return self.finish()

    def subject_text(self) -> list[Part]:
        parts = self.namer.subject_parts(self.doc, own=True)
        if self.kind.form == "law" and self.doc.target >= 0:
            return self._amending_law_subject()
        return parts

    def _amending_law_subject(self) -> list[Part]:
        law = LAWS[self.doc.law]
        title = law.title.removeprefix("Luật ")
        parts: list[Part] = []
        at = 0
        for family in law.amends:
            target = law_in_force(family, self.doc.day)
            name = LAWS[self.records[target].law].title
            found = title.find(name, at)
            parts.append(title[at:found])
            parts.append(Cite(target, "amends", name, name, True, None, None, "Luật", None, None))
            at = found + len(name)
        parts.append(title[at:])
        return parts

    def header(self) -> None:
        d = date.fromordinal(self.doc.day)
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        place = f"{self.issuer.place}, ngày {d.day:02d} tháng {month} năm {d.year}"
        number_label = "Luật số" if self.kind.form == "law" else "Số"
        number = f"{number_label}: {self.doc.number}"
        letter = self.kind.form == "letter"
        subject = self.subject_text() if letter else _capitalise(self.subject_text())
        if self.layout == "crawl" and not letter:
            title = f"{self.kind.doc_type} {self.doc.number}"
            self.page.add("crawl", title if self.doc.number.count("/") == 2 else f"{title} năm {d.year}")
        left = list(self.issuer.header)
        if self.layout == "crawl":
            self.page.add("left", " ".join(left) + " -------")
            self.page.add("right", " ".join(QUOC_HIEU) + " ---------------")
            self.page.add("left", number)
            if letter:
                self.page.add("subject", "V/v ", *subject)
            self.page.add("right", place)
            if not letter:
                self.page.add("heading", self.kind.heading + " ", *_upper(subject))
            return
        for text in left:
            self.page.add("left", text)
        self.page.add("left", "-------")
        if letter:
            self.page.add("left", number)
            self.page.add("subject", "V/v ", *subject)
        sep = self.layout == "wrapped"
        if sep:
            self.page.add("left", "|")
        for text in QUOC_HIEU:
            self.page.add("right", text)
        self.page.add("right", "---------------")
        if not letter:
            if sep:
                self.page.add("left", "|")
            self.page.add("left", number)
        if sep:
            self.page.add("right", "|")
        self.page.add("right", place)
        if not letter:
            self.page.add("heading", self.kind.heading)
            # Titles are printed in capitals mostly; pages copied from web tables always show them so.
            shout = sep or self.rng.random() < (0.6 if self.kind.form in ("law", "normative") else 0.4)
            self.page.add("subject", *(_upper(subject) if shout else subject))

    # --- bodies ------------------------------------------------------------------------------------------------

    def basis(self, heading_list: bool = False) -> None:
        """ "Căn cứ …;" lines, laws first; several laws may share a line. Plans may list them under a heading."""
        slots = self.take("basis")
        if not slots:
            return
        laws = [s for s in slots if self.records[s.target].law >= 0]
        slots = laws + sorted((s for s in slots if s not in laws), key=lambda s: self.records[s.target].day)
        if heading_list:
            self.page.add("para", "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH")
            for i, slot in enumerate(slots, 1):
                self.page.add(
                    "item", f"{i}. ", *self.mention(slot, 0.6, "full"), ";" if i < len(slots) else "."
                )
            return
        i = 0
        while i < len(slots):
            group = [slots[i]]
            # Decrees of one issuer are often listed together: "Căn cứ các Nghị định số A, B của Chính phủ"
            while i + len(group) < len(slots) and self._listable(group[0], slots[i + len(group)]):
                group.append(slots[i + len(group)])
            self.page.add("para", "Căn cứ ", *self._basis_line(group), ";")
            i += len(group)

    def _listable(self, first: Slot, other: Slot) -> bool:
        a, b = self.records[first.target], self.records[other.target]
        if a.law >= 0 or b.law >= 0:
            # "Căn cứ Luật A ngày …; Luật sửa đổi, bổ sung một số điều của Luật A ngày …;"
            amends_a = b.law >= 0 and a.law >= 0 and LAWS[a.law].family in LAWS[b.law].amends
            return a.law >= 0 and b.law >= 0 and self.rng.random() < (0.85 if amends_a else 0.15)
        return a.kind == b.kind and a.issuer == b.issuer and self.rng.random() < 0.25

    def _basis_line(self, group: list[Slot]) -> list[Part]:
        if len(group) == 1:
            return self.mention(group[0], 0.5, "full" if self.rng.random() < 0.85 else None)
        first = self.records[group[0].target]
        if first.law >= 0:  # "Luật A ngày …; Luật B ngày …"
            parts: list[Part] = []
            for j, slot in enumerate(group):
                parts += ([] if j == 0 else ["; "]) + [
                    self.namer.cite(slot.target, slot.relation, form="long")
                ]
            return parts
        kind = KINDS[first.kind]
        parts = ["các "]
        for j, slot in enumerate(group):
            record = self.records[slot.target]
            last = j == len(group) - 1
            text = (f"{kind.doc_type} số " if j == 0 else "") + record.number
            if self.rng.random() < 0.5:
                text += f" {vn_date(record.day, self.rng)}"
            iso = date.fromordinal(record.day).isoformat() if " ngày " in text else None
            issuer = None
            if last:
                issuer = self.namer.issuer_phrase(record)
                text += f" của {issuer}"
            doc_type = kind.doc_type
            parts += ([] if j == 0 else [", "]) + [
                Cite(
                    slot.target,
                    slot.relation,
                    text,
                    record.number,
                    False,
                    None,
                    record.number,
                    doc_type,
                    iso,
                    issuer,
                )
            ]
        return parts

    def requests(self, formula: str) -> None:
        """ "Xét đề nghị của Giám đốc Sở … tại Tờ trình số …" — the documents this one answers."""
        slots = self.take("request")
        phrases: list[list[Part]] = []
        for slot in slots:
            target = self.records[slot.target]
            issuer = self.geo.issuers[target.issuer]
            cite = self.namer.cite(slot.target, "responds_to", form=self.rng.choice(("date", "full", "bare")))
            if KINDS[target.kind].slug == "bc":
                phrases.append([cite])
            elif issuer.level == "so" and self.rng.random() < 0.7:
                cite = self.namer.cite(slot.target, "responds_to", form=self.rng.choice(("date", "bare")))
                phrases.append([f"Xét đề nghị của Giám đốc {issuer.local_as[0]} tại ", cite])
            else:
                phrases.append(["Xét ", cite])
        if (
            self.kind.form == "normative"
            and not slots
            and self.issuer.level in ("ubnd_t", "ubnd_h", "bo", "cp", "ttg")
        ):
            phrases.append([self._proposer()])
        for i, phrase in enumerate(phrases):
            end = ";" if i < len(phrases) - 1 else ("," if formula else ".")
            if i > 0 and isinstance(phrase[0], Cite):
                phrase = ["Xét ", *phrase]
            self.page.add("para", *phrase, end)
        if formula:
            self.page.add("para", formula)

    def _proposer(self) -> str:
        level = self.issuer.level
        if level in ("cp", "ttg"):
            ministry = self.geo.issuers[self.geo.national.get(self.domain.ministry, self.geo.national["BNV"])]
            return f"Theo đề nghị của Bộ trưởng {ministry.name}"
        if level == "bo":
            return "Theo đề nghị của Vụ trưởng Vụ Pháp chế"
        if level == "ubnd_h":
            return "Xét đề nghị của Trưởng phòng Nội vụ huyện"
        department = self.domain.department or "SNV"
        name = next(d.name for d in DEPARTMENTS if d.code == department)
        return f"Theo đề nghị của Giám đốc {name}"

    def opening(self, tail: str) -> bool:
        """ "Thực hiện A; B, … như sau:" — what the document carries out. Returns whether it wrote one."""
        slots = self.take("opening")
        subject = [s for s in self.plan.slots if s.place == "subject" and s.relation == "implements"]
        slots = subject[:1] + slots
        if not slots:
            return False
        verb = self.rng.choice(("Thực hiện ", "Thực hiện ", "Triển khai ", "Để triển khai thực hiện "))
        parts: list[Part] = [verb]
        for i, slot in enumerate(slots):
            if i:
                parts.append("; " if self.rng.random() < 0.7 else " và ")
            parts += self.mention(
                Slot("implements", slot.target, "opening"), 0.45 if i < len(slots) - 1 else 0.6
            )
        self.page.add("para", *parts, ", " + tail)
        return True

    def body_items(self, count: int) -> None:
        """Numbered tasks with filler, and the citations of the body placed among them."""
        body = self.take("body") + self.take("local") + self.take("attach")
        self.rng.shuffle(body)
        n = max(count, math.ceil(len(body) / 2))
        per = [body[i::n] for i in range(n)]
        for i in range(n):
            self.page.add("para", f"{i + 1}. {self.sentence(TASK_SENTENCES)}")
            for _ in range(self.rng.randint(0, 2)):
                self.page.add("item", "- " + self.sentence(TASK_SENTENCES))
            for slot in per[i]:
                self.body_citation(slot)

    def body_citation(self, slot: Slot) -> None:
        if slot.place == "local":
            cite = self.namer.cite(slot.target, slot.relation, form="bare")
            lead = self.rng.choice((f"{self.issuer.self_as} đã có ", "Tiếp theo "))
            tail = (
                (" chỉ đạo về " + self.topic() + ".")
                if lead.endswith("có ")
                else f", {self.issuer.self_as} lưu ý thêm một số nội dung."
            )
            self.page.add("para", lead, cite, tail)
            return
        if slot.relation == "attaches":
            parts = self.mention(slot, 0.3)
            if self.rng.random() < 0.5:
                self.page.add("para", f"{self.issuer.self_as} sao gửi ", *parts,
                              " đến các cơ quan, đơn vị để nghiên cứu, tổ chức.")  # fmt: skip
            else:
                self.page.add(
                    "para", "Đồng thời, chuyển ", *parts, " (gửi kèm) để các cơ quan, đơn vị nắm bắt."
                )
            return
        if slot.relation == "implements":
            self.page.add(
                "item",
                "- Các cơ quan, đơn vị tiếp tục triển khai có hiệu quả ",
                *self.mention(slot, 0.5),
                ".",
            )
            return
        target = self.records[slot.target]
        if target.law >= 0:
            self.page.add("item", f"- {self.sentence(('Việc {task} phải bảo đảm',))} theo quy định của ",
                          self.namer.cite(slot.target, "cites", form=self.rng.choice(("name", "year", "long"))), ".")  # fmt: skip
            return
        pinpoint = None
        if self.rng.random() < 0.2:
            pinpoint = f"khoản {self.rng.randint(1, 6)} Điều {self.rng.randint(2, 30)}"
        cite = self.namer.cite(slot.target, "cites", pinpoint=pinpoint)
        before = f"{pinpoint} của " if pinpoint else ""
        choice = self.rng.randrange(4)
        if choice == 0:
            self.page.add(
                "item",
                f"- Việc {self.rng.choice(self.domain.tasks)} áp dụng theo quy định tại {before}",
                cite,
                ".",
            )
        elif choice == 1:
            self.page.add("item", f"- Nội dung chi tiết được nêu tại {before}", cite, ".")
        elif choice == 2:
            desc = self.namer.describe(target) if self.rng.random() < 0.5 else []
            # Starts the sentence: the type word in capitals, as any sentence's first word.
            cite.text = cite.text[0].upper() + cite.text[1:]
            self.page.add("para", cite, *desc, " đã được ban hành; các nội dung cơ bản đã hoàn thành.")
        else:
            self.page.add("item", f"- Mức chi, nội dung chi áp dụng theo hướng dẫn tại {before}", cite, ".")

    def leftovers(self) -> None:
        """Citations a form had no place for go in a last paragraph: nothing planned is dropped."""
        rest = [s for place in list(self.slots) for s in self.take(place) if place != "subject"]
        for slot in rest:
            self.body_citation(Slot(slot.relation if slot.relation in ("implements", "attaches") else "cites",
                                    slot.target, "body"))  # fmt: skip

    def filler(self, templates: Sequence[str], count: int, role: str = "para") -> None:
        """Sentences without citations; no template twice in one call (a page does not repeat itself)."""
        for template in self.rng.sample(templates, min(count, len(templates))):
            self.page.add(role, ("- " if role == "item" else "") + self.sentence((template,)))

    def scaled(self, low: int, high: int) -> int:
        return max(low, round(self.rng.randint(low, high) * min(2.0, max(0.6, self.plan.scale))))

    # --- forms ---------------------------------------------------------------------------------------------------

    def body_law(self) -> None:
        law = LAWS[self.doc.law]
        self.basis()
        self.page.add("para", f"Quốc hội ban hành {law.title}.")
        self.page.add("para", "Chương I")
        self.page.add("para", "QUY ĐỊNH CHUNG")
        for n in range(1, self.scaled(4, 8)):
            self.page.add("para", f"Điều {n}. {self.rng.choice(ARTICLE_TITLES)}")
            self.filler(ARTICLE_FILLER, self.rng.randint(1, 3))
        n += 1
        self.page.add("para", f"Điều {n}. Hiệu lực thi hành")
        effective = law.effective
        month = f"{effective.month:02d}" if effective.month < 3 else str(effective.month)
        self.page.add(
            "para",
            f"1. Luật này có hiệu lực thi hành từ ngày {effective.day:02d} tháng {month} năm {effective.year}.",
        )
        for slot in self.take("effect"):
            cite = self.namer.cite(slot.target, "repeals", form="number")
            self.page.add("para", "2. ", cite, " hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.")
        passed = law.passed
        roman = _roman(legislature(passed.toordinal()))
        self.page.add("para", f"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa {roman}, "
                              f"kỳ họp thứ {self.rng.randint(2, 9)} thông qua {vn_date(passed.toordinal(), self.rng, 'long')}.")  # fmt: skip

    def body_normative(self) -> None:
        if self.kind.code in ("qd_ubnd_t", "qdq_ubnd_t", "qd_ubnd_h"):
            self.page.add("heading", self.issuer.name.upper())
        elif self.kind.code in ("nq_hdnd", "nqq_hdnd"):
            self.page.add("heading", self.issuer.name.upper())
            self.page.add(
                "heading", f"KHÓA {_roman(hdnd_term(self.year))} KỲ HỌP THỨ {self.rng.randint(2, 15)}"
            )
        elif self.kind.code in ("qd_ttg", "qd_bo"):
            self.page.add(
                "heading",
                self.issuer.header[0]
                if self.kind.code == "qd_ttg"
                else f"BỘ TRƯỞNG {self.issuer.name.upper()}",
            )
        self.basis()
        self.opening_lines()
        self.requests(self._formula())
        subject_slot = next((s for s in self.plan.slots if s.place == "subject"), None)
        article = 1
        if subject_slot and subject_slot.relation in ("amends", "repeals", "guides"):
            self.first_article(subject_slot)
            article = 2
        body = self.take("body")
        for n in range(article, article + self.scaled(2, 5)):
            self.page.add("para", f"Điều {n}. {self.rng.choice(ARTICLE_TITLES)}")
            self.filler(ARTICLE_FILLER, self.rng.randint(1, 2))
            for _ in range(self.rng.randint(0, 3)):
                if body:
                    self.body_citation(body.pop())
        for slot in body:
            self.body_citation(slot)
        self.effect(n + 1)

    def opening_lines(self) -> None:
        """Normative documents list what they implement as "Thực hiện …;" lines beside the basis."""
        slots = [s for s in self.plan.slots if s.place == "subject" and s.relation == "implements"]
        for slot in slots + self.take("opening"):
            self.page.add(
                "para", "Thực hiện ", *self.mention(Slot("implements", slot.target, "opening"), 0.5), ";"
            )

    def _formula(self) -> str:
        code = self.kind.code
        if code == "nd":
            return (
                "Chính phủ ban hành Nghị định " + _plain(self.namer.subject_parts(self.doc, own=False)) + "."
            )
        if code == "tt":
            return (
                f"Bộ trưởng {self.issuer.name} ban hành Thông tư "
                + _plain(self.namer.subject_parts(self.doc, own=False))
                + "."
            )
        if code in ("nq_cp", "nq_hdnd", "nqq_hdnd", "nq_qh"):
            return "QUYẾT NGHỊ:"
        return "QUYẾT ĐỊNH:"

    def first_article(self, slot: Slot) -> None:
        cite = self.namer.cite(slot.target, slot.relation, form="full")
        if slot.relation == "amends":
            self.page.add("para", "Điều 1. Sửa đổi, bổ sung một số điều của ", cite, " như sau:")
            for i in range(1, self.rng.randint(2, 4)):
                self.page.add(
                    "item",
                    f"{i}. Sửa đổi khoản {self.rng.randint(1, 5)} Điều {self.rng.randint(2, 20)} như sau:",
                )
                self.filler(ARTICLE_FILLER, 1)
        elif slot.relation == "repeals":
            self.page.add("para", "Điều 1. Bãi bỏ ", cite, ".")
        else:
            self.page.add("para", "Điều 1. Phạm vi điều chỉnh")
            self.page.add("para", f"{self.kind.doc_type} này hướng dẫn thực hiện một số điều của ", cite, ".")

    def effect(self, article: int) -> None:
        doc_type = self.kind.doc_type
        replaced = self.take("effect")
        if replaced:
            cite = self.namer.cite(replaced[0].target, "replaces", form="full")
            self.page.add(
                "para", f"Điều {article}. {doc_type} này có hiệu lực kể từ ngày ký và thay thế ", cite, "."
            )
        else:
            self.page.add("para", f"Điều {article}. {doc_type} này có hiệu lực kể từ ngày ký.")
        who = {"ubnd_t": "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Thủ trưởng các ban, ngành",
               "ubnd_h": "Chánh Văn phòng HĐND và UBND huyện, Trưởng các phòng, ban",
               "hdnd_t": "Ủy ban nhân dân tỉnh, Thường trực Hội đồng nhân dân tỉnh, các Ban".replace(
                   "tỉnh", _province_self(self.issuer.province).lower())}.get(
            self.issuer.level, "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh")  # fmt: skip
        self.page.add(
            "para",
            f"Điều {article + 1}. {who} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành {doc_type} này./.",
        )

    def body_plan(self) -> None:
        self_name = self.issuer.self_as
        listed = bool(self.slots.get("basis")) and self.rng.random() < 0.4
        if listed:
            self.basis(heading_list=True)
        else:
            self.basis()
        wrote = self.opening(f"{self_name} ban hành Kế hoạch {self.topic()} như sau:")
        if not wrote and not listed:
            self.page.add("para", f"Nhằm {self.topic()}, {self_name} xây dựng Kế hoạch như sau:")
        self.page.add("para", ("II" if listed else "I") + ". MỤC ĐÍCH, YÊU CẦU")
        self.page.add("para", "1. Mục đích")
        self.filler(PURPOSES, self.scaled(1, 3), "item")
        self.page.add("para", "2. Yêu cầu")
        self.filler(PURPOSES, self.scaled(1, 2), "item")
        self.page.add("para", ("III" if listed else "II") + ". NỘI DUNG, NHIỆM VỤ")
        self.filler(CONTEXT_SENTENCES, self.rng.randint(1, 2))
        self.body_items(self.scaled(2, 5))
        self.page.add("para", ("IV" if listed else "III") + ". TỔ CHỨC THỰC HIỆN")
        self.filler(TASK_SENTENCES, self.scaled(2, 4), "item")
        self.page.add("para", self.fill(self.rng.choice(CLOSINGS)))

    def body_letter(self) -> None:
        self.recipients()
        requests = self.take("request")
        self_name = self.issuer.self_as
        if requests:
            slot = requests[0]
            target = self.records[slot.target]
            cite = self.namer.cite(
                slot.target, "responds_to", form=self.rng.choice(("full", "date", "issuer"))
            )
            issuer = self.geo.issuers[target.issuer]
            if self.rng.random() < 0.5 or issuer.level not in ("so", "ubnd_h"):
                self.page.add("para", "Trả lời ", cite, *self.namer.describe(target),
                              f", {self_name} có ý kiến như sau:")  # fmt: skip
            else:
                cite = self.namer.cite(slot.target, "responds_to", form="date")
                name = issuer.local_as[0] if issuer.province == self.issuer.province else issuer.name
                self.page.add(
                    "para", f"Xét đề nghị của {name} tại ", cite, f", {self_name} có ý kiến như sau:"
                )
            for extra in requests[1:]:
                self.slots.setdefault("body", []).append(Slot("cites", extra.target, "body"))
        elif not self.opening(f"{self_name} đề nghị các cơ quan, đơn vị như sau:"):
            self.filler(CONTEXT_SENTENCES, 1)
            self.page.add("para", f"Để {self.topic()}, {self_name} đề nghị các cơ quan, đơn vị như sau:")
        self.body_items(self.scaled(2, 4))
        self.page.add("para", self.fill(self.rng.choice(CLOSINGS)))

    def body_directive(self) -> None:
        self.filler(CONTEXT_SENTENCES, self.scaled(2, 4))
        who = "Thủ tướng Chính phủ" if self.issuer.level == "ttg" else f"Chủ tịch {self.issuer.self_as}"
        if not self.opening(f"{who} yêu cầu:"):
            self.page.add("para", f"Để {self.topic()}, {who} yêu cầu:")
        self.body_items(self.scaled(3, 6))
        self.page.add("para", self.fill(self.rng.choice(CLOSINGS)))

    def body_submission(self) -> None:
        ubnd = self.geo.issuers[self.geo.province[self.issuer.province]["ubnd_t"]]
        self.page.add("recipients", f"Kính gửi: {ubnd.name}.")
        self.basis()
        self.opening(f"{self.issuer.self_as} kính trình {ubnd.self_as} như sau:")
        self.page.add("para", "I. SỰ CẦN THIẾT")
        self.filler(CONTEXT_SENTENCES, self.scaled(2, 4))
        self.page.add("para", "II. NỘI DUNG")
        self.body_items(self.scaled(1, 3))
        self.page.add("para", f"{self.issuer.self_as} kính trình {ubnd.self_as} xem xét, quyết định./.")

    def recipients(self) -> None:
        level = self.issuer.level
        if level in DISTRICT_LEVELS:
            names = ["Các cơ quan, đơn vị thuộc UBND huyện", "UBND các xã, thị trấn"]
        elif level in ("ldld_t", "ldld_h", "tld"):
            names = [
                "LĐLĐ các huyện, thành phố",
                "Công đoàn ngành, Công đoàn Viên chức",
                "Công đoàn cơ sở trực thuộc",
            ]
        elif level in NATIONAL_LEVELS:
            names = [
                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                "Sở " + self.domain.name.split(",")[0] + " các tỉnh, thành phố",
            ]
        else:
            names = ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"]
        count = self.rng.randint(1, len(names))
        if count == 1:
            self.page.add("recipients", f"Kính gửi: {names[0]}.")
            return
        self.page.add("recipients", "Kính gửi:")
        for i, name in enumerate(names[:count]):
            self.page.add("recipients", f"- {name}{'.' if i == count - 1 else ';'}")

    # --- signature, and the end ---------------------------------------------------------------------------------

    def footer(self) -> None:
        authority, title = signature(self.issuer, self.kind, self.rng)
        signer = signer_name(self.issuer, self.year, title)
        distribution = ["Như trên;", "Lưu: VT."]
        if self.issuer.level in ("ubnd_t", "ubnd_h", "so"):
            distribution[1:1] = ["TT Tỉnh ủy, TT HĐND tỉnh (b/c);", "CT, các PCT UBND tỉnh;"]
        sign = [*authority, title, signer]
        receivers = ["Nơi nhận:", *(f"- {d}" for d in distribution)]
        blocks = (receivers, sign) if self.rng.random() < 0.7 else (sign, receivers)
        for block in blocks:
            for text in block:
                self.page.add("sign", text)
        self.signer = signer

    def finish(self) -> SynthDoc:
        text, spans = layout(self.page, self.layout, self.rng)
        citations, asserted = build_gold(self.records, self.page, spans, text)
        subject = _plain(self.subject_text())
        metadata = {
            "number": self.doc.number,
            "doc_type": self.kind.doc_type,
            "issuer": self.issuer.name,
            "issue_date": date.fromordinal(self.doc.day).isoformat(),
            "place": self.issuer.place,
            "subject": subject[0].upper() + subject[1:] if subject else subject,
            "signer": self.signer,
        }
        return SynthDoc(self.doc.slug, text, metadata, citations, asserted, lines=tuple(self.page.lines))


def _regulation(regulation: str) -> str:
    """ "Quy chế phối hợp …" is its own title; anything else is a "Quy định …"."""
    if regulation.startswith("quy chế"):
        return "Q" + regulation[1:]
    return f"Quy định {regulation}"


def _capitalise(parts: list[Part]) -> list[Part]:
    if parts and isinstance(parts[0], str) and parts[0]:
        return [parts[0][0].upper() + parts[0][1:], *parts[1:]]
    return parts


def _upper(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part.upper())
        elif isinstance(part, Cite):
            inner = [(at, _upper_cite(c)) for at, c in part.inner]
            upper = _upper_cite(part)
            upper.inner = inner
            out.append(upper)
        else:
            out.append(part)
    return out


def _upper_cite(cite: Cite) -> Cite:
    return Cite(cite.target, cite.relation, cite.text.upper(), cite.key, cite.named, cite.year, cite.number,
                cite.doc_type, cite.date, cite.issuer.upper() if cite.issuer else None, cite.pinpoint, list(cite.inner))  # fmt: skip


def _plain(parts: list[Part]) -> str:
    return "".join(p if isinstance(p, str) else p.text if isinstance(p, Cite) else "" for p in parts)


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letter in numerals:
        while n >= value:
            out += letter
            n -= value
    return out


def signature(issuer: Issuer, kind: Kind, rng: random.Random) -> tuple[tuple[str, ...], str]:
    """The TM./KT. lines and the signer's title."""
    deputy = rng.random() < 0.6
    level = issuer.level
    if level == "qh":
        return (), "CHỦ TỊCH QUỐC HỘI"
    if level == "cp":
        return (
            (("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"), "PHÓ THỦ TƯỚNG")
            if deputy
            else (("TM. CHÍNH PHỦ",), "THỦ TƯỚNG")
        )
    if level == "ttg":
        return (("KT. THỦ TƯỚNG",), "PHÓ THỦ TƯỚNG") if deputy else ((), "THỦ TƯỚNG")
    if level == "bo":
        return (("KT. BỘ TRƯỞNG",), "THỨ TRƯỞNG") if deputy else ((), "BỘ TRƯỞNG")
    if level in ("tld", "ldld_t", "ldld_h"):
        return ("TM. BAN THƯỜNG VỤ",), "PHÓ CHỦ TỊCH" if deputy else "CHỦ TỊCH"
    if level == "hdnd_t":
        return (), "CHỦ TỊCH"
    if level == "so":
        return (("KT. GIÁM ĐỐC",), "PHÓ GIÁM ĐỐC") if deputy else ((), "GIÁM ĐỐC")
    collective = ("TM. ỦY BAN NHÂN DÂN",) if kind.form in ("normative", "plan", "directive") else ()
    return ((*collective, "KT. CHỦ TỊCH"), "PHÓ CHỦ TỊCH") if deputy else (collective, "CHỦ TỊCH")


def signer_name(issuer: Issuer, year: int, title: str) -> str:
    """The same person signs for a body for a five-year term (a deputy and a head per term)."""
    h = (issuer.id * 2_654_435_761 + (year // 5) * 40_503 + len(title) * 97) & 0xFFFFFFFF
    return (
        f"{SURNAMES[h % len(SURNAMES)]} {MIDDLE_NAMES[(h >> 8) % len(MIDDLE_NAMES)]} "
        f"{GIVEN_NAMES[(h >> 16) % len(GIVEN_NAMES)]}"
    )


# ============================================================================================================
# Layout: lines into text


def layout(page: Page, style: str, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """The text of a page in one of three layouts, and the (start, end) of every mention in it.

    clean: one line per paragraph, blank lines between blocks; crawl: one line per paragraph (as crawled from
    thuvienphapluat.vn); wrapped: paragraphs hard-wrapped near 78 columns, as copied from a web page table."""
    out: list[str] = []
    starts: list[int] = []
    pos = 0
    previous = ""
    for line in page.lines:
        text = line.text
        if style == "wrapped" and line.role in ("para", "item", "subject"):
            text = _wrap(text, rng.randint(70, 84))
        sep = ""
        if out:
            sep = "\n"
            if style == "clean" and line.role != previous and line.role not in ("item", "recipients"):
                sep = "\n\n"
        pos += len(sep)
        starts.append(pos)
        out.append(sep + text)
        pos += len(text)
        previous = line.role
    spans = [(starts[i] + offset, starts[i] + offset + len(cite.text)) for i, offset, cite in page.cites]
    return "".join(out), spans


def _wrap(text: str, width: int) -> str:
    """Break a line into lines of about `width` by turning spaces into newlines (offsets stay the same)."""
    pieces = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start + 1, start + width + 1)
        if cut < 0:
            cut = text.find(" ", start + width)
            if cut < 0:
                break
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return "\n".join(pieces)


# ============================================================================================================
# Gold


def build_gold(
    records: Records, page: Page, spans: list[tuple[int, int]], text: str
) -> tuple[tuple[ExpectedCitation, ...], tuple[ExpectedAsserted, ...]]:
    """One entry per cited document: its strongest relation, its most complete mention (ANNOTATION_GUIDE.md)."""
    groups: dict[int, list[tuple[Cite, str]]] = {}
    for (_, _, cite), (start, end) in zip(page.cites, spans, strict=True):
        groups.setdefault(cite.target, []).append((cite, text[start:end]))
    keys: dict[int, str] = {}
    citations = []
    for target, mentions in groups.items():
        cites = [c for c, _ in mentions]
        best = max(range(len(cites)), key=lambda i: (_completeness(cites[i]), -i))
        relation = min((c.relation for c in cites), key=RELATION_PRECEDENCE.index)
        key, alt = _gold_key(cites)
        keys[target] = key
        dated = next((c.date for c in cites if c.date), None)
        citations.append(
            ExpectedCitation(
                key=key, relation=relation, mention=mentions[best][1], doc_type=cites[best].doc_type,
                date=cites[best].date or dated, issuer=cites[best].issuer or next((c.issuer for c in cites if c.issuer), None),
                pinpoint=next((c.pinpoint for c in cites if c.pinpoint), None), target=target_name(records[target]),
                alt_keys=alt,
            )
        )  # fmt: skip
    asserted = []
    seen = set()
    for line, described in page.described:
        source, target = keys.get(described.source), keys.get(described.target)
        if (
            source is None
            or target is None
            or source == target
            or (source, described.relation, target) in seen
        ):
            continue
        seen.add((source, described.relation, target))
        asserted.append(ExpectedAsserted(source, described.relation, target, page.lines[line].text))
    for _, _, cite in page.cites:  # an amending law's title: it amends each law it names
        for _, inner in cite.inner:
            triple = (keys[cite.target], "amends", keys[inner.target])
            if triple not in seen and triple[0] != triple[2]:
                seen.add(triple)
                asserted.append(ExpectedAsserted(*triple, cite.text))
    return tuple(citations), tuple(asserted)


def _completeness(cite: Cite) -> int:
    return sum(x is not None for x in (cite.date, cite.issuer, cite.doc_type, cite.number))


def _gold_key(cites: list[Cite]) -> tuple[str, tuple[str, ...]]:
    """A number when any mention gives one; a law's title (with the year any mention gives) otherwise."""
    numbered = next((c.number for c in cites if c.number), None)
    named = [c for c in cites if c.named and not c.number]
    year = next((c.year for c in cites if c.named and c.year), None)
    if named or (numbered is None):
        title = (named or cites)[0].key
        title_key = f"{title} {year}" if year else title
        if numbered:
            return numbered, (title_key,)
        return title_key, ()
    return numbered, ()


# ============================================================================================================
# The corpus


def generate(n: int, seed: int = 0, *, citations_per_doc: float = 10.0) -> Iterator[SynthDoc]:
    """`n` documents in date order, the same for the same seed."""
    planner = Planner(n, seed, citations_per_doc)
    for index in range(n):
        plan = planner.next_plan(index)
        yield Renderer(planner.records, plan, seed).render()


@dataclass
class Stats:
    documents: int = 0
    citations: int = 0
    in_corpus: int = 0  # citations whose target is a document of the corpus
    asserted: int = 0
    bytes_text: int = 0
    bytes_gold: int = 0
    in_degree: Counter[str] = field(default_factory=Counter)
    out_degree: Counter[int] = field(default_factory=Counter)  # citations per document → documents
    labels: dict[str, str] = field(default_factory=dict)
    formats: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)

    def add(self, doc: SynthDoc, text_bytes: int, gold_bytes: int) -> None:
        self.documents += 1
        self.citations += len(doc.citations)
        self.asserted += len(doc.asserted)
        self.bytes_text += text_bytes
        self.bytes_gold += gold_bytes
        self.out_degree[len(doc.citations)] += 1
        self.formats[doc.format] += 1
        for c in doc.citations:
            self.in_degree[c.target] += 1
            self.in_corpus += not c.target.startswith("x-")
            if c.target not in self.labels:
                self.labels[c.target] = c.key

    def merge(self, other: Stats) -> None:
        for name in ("documents", "citations", "in_corpus", "asserted", "bytes_text", "bytes_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.in_degree.update(other.in_degree)
        self.out_degree.update(other.out_degree)
        self.formats.update(other.formats)
        for key, label in other.labels.items():
            self.labels.setdefault(key, label)
        self.skipped += [s for s in other.skipped if s not in self.skipped]


def write_corpus(
    out_dir: Path,
    n: int,
    seed: int = 0,
    formats: Sequence[str] = ("txt",),
    *,
    citations_per_doc: float = 10.0,
    workers: int | None = None,
) -> Stats:
    """Write `n` documents and their gold files into `out_dir`. Each document takes one of `formats`
    (drawn per document, so a mixed corpus is one folder that `lexgraph eval` reads as it is).

    This process plans (who cites whom is one sequential random stream); `workers` processes render and write,
    fed batches of plans with the few records each plan names, a bounded number at a time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    usable, skipped = usable_formats(formats)
    if not usable:
        raise ValueError("no usable format: " + "; ".join(skipped))
    if workers is None:
        workers = 1 if n < 2000 else min(2, os.cpu_count() or 1)
    stats = Stats(skipped=skipped)
    planner = Planner(n, seed, citations_per_doc)
    batches = _batches(planner, n, size=1 if workers <= 1 else 100)
    if workers <= 1:
        for batch in batches:
            stats.merge(_write_batch(out_dir, batch, seed, tuple(usable)))
        return stats
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[Stats]] = set()
        for batch in batches:
            if len(pending) >= 4 * workers:  # bounded: planning runs ahead of writing by a few batches
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    stats.merge(future.result())
            pending.add(pool.submit(_write_batch, out_dir, batch, seed, tuple(usable)))
        for future in as_completed(pending):
            stats.merge(future.result())
    return stats


Batch = list[tuple[Plan, dict[int, Record]]]


def _batches(planner: Planner, n: int, size: int) -> Iterator[Batch]:
    batch: Batch = []
    for index in range(n):
        plan = planner.next_plan(index)
        batch.append((plan, needed_records(planner.records, plan)))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def needed_records(records: Sequence[Record], plan: Plan) -> dict[int, Record]:
    """The records rendering a plan reads: the document, what it cites, and what their subjects name (laws'
    titles name the laws they amend)."""
    wanted = [plan.record.id, *(slot.target for slot in plan.slots)]
    out: dict[int, Record] = {}
    while wanted:
        record = records[wanted.pop()]
        if record.id in out:
            continue
        out[record.id] = record
        if record.target >= 0:
            wanted.append(record.target)
        if record.law >= 0:
            wanted += [i for f in LAWS[record.law].amends if (i := law_in_force(f, record.day)) >= 0]
    return out


def _write_batch(out_dir: Path, batch: Batch, seed: int, formats: tuple[str, ...]) -> Stats:
    stats = Stats()
    for plan, records in batch:
        doc = Renderer(records, plan, seed).render()
        fmt = formats[0] if len(formats) == 1 else random.Random(seed * 7 + plan.index).choice(formats)
        doc = replace(doc, format=fmt)
        data = render_format(doc, fmt)
        (out_dir / f"{doc.slug}.{fmt}").write_bytes(data)
        gold = gold_json(doc.gold(seed)).encode()
        (out_dir / f"{doc.slug}.gold.json").write_bytes(gold)
        stats.add(doc, len(data), len(gold))
    return stats


def gold_json(gold: dict[str, Any]) -> str:
    """JSON with one line per key and per citation: readable, and written by the C encoder (an indented dump
    goes through the pure-Python one, which would be a third of the time of the whole corpus)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for key, value in gold.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(dumps(item) for item in value)
            lines.append(f" {dumps(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {dumps(key)}: {dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def usable_formats(formats: Sequence[str]) -> tuple[list[str], list[str]]:
    """The formats that can be written here, and a message for each one that cannot."""
    usable, skipped = [], []
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
        if fmt == "pdf" and not (FONT_DIR / "DejaVuSerif.ttf").is_file():
            skipped.append(
                f"pdf skipped: the DejaVu font is not at {FONT_DIR} (apt-get install fonts-dejavu-core)"
            )
            continue
        if fmt == "pdf" and not _has_module("reportlab"):
            skipped.append("pdf skipped: reportlab is not installed (pip install reportlab)")
            continue
        usable.append(fmt)
    return usable, skipped


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# ============================================================================================================
# Formats


def render_format(doc: SynthDoc, fmt: str) -> bytes:
    if fmt == "txt":
        return doc.text.encode()
    if fmt == "md":
        return to_markdown(doc.lines).encode()
    if fmt == "html":
        return to_html(doc.lines, doc.metadata.get("number") or doc.slug).encode()
    if fmt == "docx":
        return to_docx(doc.lines)
    if fmt == "pdf":
        return to_pdf(doc.lines)
    raise ValueError(fmt)


def to_markdown(lines: Sequence[Line]) -> str:
    out = []
    for line in lines:
        text = line.text
        if line.role in ("left", "heading") and text.strip("-| "):
            text = f"**{text}**"
        elif (line.role == "subject" and text.startswith("V/v")) or (
            line.role == "right" and ", ngày " in text
        ):
            text = f"*{text}*"
        elif line.role == "sign" and text.isupper():
            text = f"**{text}**"
        out.append(text)
    return "\n\n".join(out) + "\n"


def _columns(lines: Sequence[Line]) -> tuple[list[str], list[str], list[Line]]:
    """The header's two columns (cơ quan | quốc hiệu) and the rest."""
    left, right, i = [], [], 0
    while (i < len(lines) and lines[i].role in ("left", "right", "crawl")) or (
        i < len(lines) and lines[i].role == "subject" and lines[i].text.startswith("V/v")
    ):
        line = lines[i]
        if line.text.strip("| "):
            (right if line.role == "right" else left).append(line.text)
        i += 1
    return left, right, list(lines[i:])


def to_html(lines: Sequence[Line], title: str) -> str:
    left, right, rest = _columns(lines)
    cell = lambda texts: "<br>".join(escape(t) for t in texts)  # noqa: E731
    body = [f"<table><tr><td>{cell(left)}</td><td>{cell(right)}</td></tr></table>"]
    for line in rest:
        tag = "h2" if line.role == "heading" else "p"
        body.append(f"<{tag}>{escape(line.text)}</{tag}>")
    return (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title></head>\n'
        f"<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def to_docx(lines: Sequence[Line]) -> bytes:
    import docx  # python-docx: a dependency of the project

    document = docx.Document()
    left, right, rest = _columns(lines)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    for line in rest:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line.text)
        run.bold = line.role in ("heading",) or (line.role == "sign" and line.text.isupper())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@cache
def _pdf_styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Embedded, so that the text layer maps back to Unicode with every Vietnamese letter.
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    return {
        "head": ParagraphStyle("head", fontName="DejaVuSerif", fontSize=10, leading=13, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", fontName="DejaVuSerif-Bold", fontSize=12, leading=16, alignment=TA_CENTER
        ),
        "body": ParagraphStyle("body", fontName="DejaVuSerif", fontSize=11, leading=15, alignment=TA_JUSTIFY),
    }


def to_pdf(lines: Sequence[Line]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = _pdf_styles()
    left, right, rest = _columns(lines)
    head = lambda texts: [Paragraph(escape(t), styles["head"]) for t in texts]  # noqa: E731
    story: list[Any] = [Table([[head(left), head(right)]], colWidths=[7.5 * cm, 9 * cm])]
    for line in rest:
        style = styles["title"] if line.role in ("heading", "subject") else styles["body"]
        story.append(Paragraph(escape(line.text), style))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm).build(story)
    return buffer.getvalue()


# ============================================================================================================
# Statistics


def report(stats: Stats, seconds: float, out_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    for message in stats.skipped:
        console.print(f"[yellow]{message}[/]")
    degrees = sorted(stats.in_degree.values(), reverse=True)
    table = Table(title=f"Synthetic corpus in {out_dir}", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rows = [
        ("documents", f"{stats.documents:,}"),
        ("formats", ", ".join(f"{f} {n:,}" for f, n in stats.formats.most_common())),
        ("citations (distinct cited documents per document, summed)", f"{stats.citations:,}"),
        (
            "  of which to documents of the corpus",
            f"{stats.in_corpus:,} ({_pct(stats.in_corpus, stats.citations)})",
        ),
        ("asserted relations", f"{stats.asserted:,}"),
        ("distinct cited documents", f"{len(degrees):,}"),
        ("seconds", f"{seconds:.1f} ({stats.documents / max(seconds, 1e-9):,.0f} documents/s)"),
        ("size of documents", _size(stats.bytes_text)),
        ("size of gold files", _size(stats.bytes_gold)),
        ("size on disk", _size(_disk_usage(out_dir))),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    console.print(_degree_table(stats, degrees))
    console.print(_top_table(stats, "Most cited documents", lambda key: True))
    # Laws top the list; numbered documents are where the identity problem is ("01/NQ-CP" every year).
    console.print(_top_table(stats, "Most cited numbered documents", lambda key: "/" in key))


def _top_table(stats: Stats, title: str, wanted: Callable[[str], bool]) -> Any:
    from rich.table import Table

    table = Table(title=title)
    for column in ("rank", "key", "document (x-…: not in the corpus)", "cited by"):
        table.add_column(column, justify="right" if column in ("rank", "cited by") else "left")
    ranked = (item for item in stats.in_degree.most_common() if wanted(stats.labels.get(item[0], "")))
    for rank, (target, count) in enumerate(ranked, 1):
        table.add_row(str(rank), stats.labels.get(target, "?"), target, f"{count:,}")
        if rank == 10:
            break
    return table


def _degree_table(stats: Stats, degrees: list[int]) -> Any:
    from rich.table import Table

    table = Table(title="Degree distribution")
    for column in ("", "mean", "median", "p90", "p99", "max", "top 1% share"):
        table.add_column(column, justify="right")
    if degrees:
        top = max(1, len(degrees) // 100)
        table.add_row("in-degree (citing documents per cited document)", f"{sum(degrees) / len(degrees):.2f}",
                      *(str(_quantile(degrees, q)) for q in (0.5, 0.9, 0.99)), str(degrees[0]),
                      _pct(sum(degrees[:top]), sum(degrees)))  # fmt: skip
    out = sorted((d for d, n in stats.out_degree.items() for _ in range(n)), reverse=True)
    if out:
        table.add_row("out-degree (cited documents per document)", f"{sum(out) / len(out):.2f}",
                      *(str(_quantile(out, q)) for q in (0.5, 0.9, 0.99)), str(out[0]), "")  # fmt: skip
    return table


def _quantile(descending: list[int], q: float) -> int:
    return descending[min(len(descending) - 1, int(len(descending) * (1 - q)))]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)


def _disk_usage(folder: Path) -> int:
    total = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_blocks * 512
    return total


# ============================================================================================================
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--documents", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="txt", help=f"comma-separated, from {','.join(FORMATS)}")
    parser.add_argument("--citations-per-doc", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: up to 2)")
    parser.add_argument("--clean", action="store_true", help="empty OUT_DIR first")
    args = parser.parse_args(argv)
    if args.clean and args.out_dir.exists():
        shutil.rmtree(args.out_dir)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    started = time.perf_counter()
    try:
        stats = write_corpus(args.out_dir, args.documents, args.seed, formats,
                             citations_per_doc=args.citations_per_doc, workers=args.workers)  # fmt: skip
    except ValueError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    report(stats, time.perf_counter() - started, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
