"""`ingest.evaluate` gives exactly the shared scorer's figures, and its matching rules hold on real keys."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from example_corpus import EXAMPLE_DOCUMENTS
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import evaluate as ev
from ingest.models import Asserted, Citation, DocumentMeta, Extraction

RELATIONS = [
    "amends",
    "replaces",
    "repeals",
    "implements",
    "guides",
    "based_on",
    "responds_to",
    "attaches",
    "cites",
]


# ------------------------------------------------------------------------------------------------------------
# helpers


def run_scorer(
    scorer_path: Path, gold_dir: Path, predictions: list[dict[str, Any]], tmp: Path
) -> tuple[dict, list]:
    """The scorer's --json report and its --show-errors lines for these predictions."""
    pred_file = tmp / "predictions.jsonl"
    pred_file.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, str(scorer_path), str(gold_dir), str(pred_file), "--json", "--show-errors"],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )
    first, *rest = done.stdout.splitlines()
    return json.loads(first), [line for line in rest if line]


def ours(gold_dir: Path, predictions: list[dict[str, Any]]) -> tuple[dict, list]:
    report = ev.score(ev.load_golds(gold_dir), predictions)
    return report.to_dict(), [str(finding) for finding in report.findings]


def assert_same_as_scorer(scorer_path: Path, gold_dir: Path, predictions: list[dict], tmp: Path) -> dict:
    expected_report, expected_errors = run_scorer(scorer_path, gold_dir, predictions, tmp)
    report, errors = ours(gold_dir, predictions)
    # Same keys in the same order, same numbers, same disagreements listed in the same order.
    assert list(report) == list(expected_report)
    assert report == expected_report
    assert errors == expected_errors
    return report


def predicted_citation(gold: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    return {
        "key": gold["key"] if key is None else key,
        "number": gold["key"] if ev.is_numbered(gold["key"]) else None,
        "title": None if ev.is_numbered(gold["key"]) else gold["key"],
        "doc_type": gold.get("doc_type"),
        "date": gold.get("date"),
        "issuer": gold.get("issuer"),
        "pinpoint": gold.get("pinpoint"),
        "relation": gold["relation"],
        "mention": gold["mention"],
        "start": 0,
        "end": len(gold["mention"]),
        "evidence": gold["mention"],
        "confidence": 1.0,
    }


def perfect_prediction(slug: str, gold: dict[str, Any]) -> dict[str, Any]:
    """What an extractor that agrees with the annotator in everything prints for this document."""
    return {
        "source": f"corpus/dev/{slug}.txt",
        "document": {"id": None, "key": gold["metadata"]["number"], **gold["metadata"], "recipients": []},
        "citations": [predicted_citation(c) for c in gold.get("citations", [])],
        "asserted": [dict(a, confidence=1.0) for a in gold.get("asserted", [])],
        "errors": [],
    }


def perfect_predictions(gold_dir: Path) -> list[dict[str, Any]]:
    return [perfect_prediction(slug, gold) for slug, gold in ev.load_golds(gold_dir).items()]


# Ways a real extractor disagrees with a real annotator.
def _number_variant(key: str, rng: random.Random) -> str:
    variants = [
        key.replace("/", " / ", 1),
        key.replace("-", "- ", 1),
        key.replace("-", "\u2013"),
        key.replace("Đ", "\u00d0"),
        key.lower(),
        key + ".",
        unicodedata.normalize("NFD", key),
        key + "X",  # another document
        key.split("/")[0] + "/",  # number without symbol: still "numbered", another key
    ]
    return rng.choice(variants)


def _title_variant(key: str, rng: random.Random) -> str:
    words = key.split()
    year = words[-1] if words and ev._YEAR.match(words[-1]) else None
    variants = [
        " ".join([*words[:-1], "năm", year]) if year else key + " năm 2015",
        " ".join(words[:-1]) if year else key + " 2019",
        " ".join([*words[:-1], str(int(year) + 1)]) if year else key,
        " ".join(words[:-2] + words[-1:]) if len(words) > 2 else key,
        key + " sửa đổi bổ sung",
        key.upper(),
        f"“{key}”",
        "Luật Khác hẳn",
    ]
    return rng.choice(variants)


def _metadata_variant(field: str, value: str | None, rng: random.Random) -> str | None:
    if value is None:
        return rng.choice([None, "", "Hà Nội", "Công văn"])
    words = value.split()
    variants = [
        None,
        "",
        value.upper(),
        value + " Việt Nam",
        " ".join(words[:-1]),
        " ".join(words[: max(1, len(words) // 2)]),
        value.replace(" ", "  "),
        value + ".",
        "2020-01-01" if field == "issue_date" else value[::-1],
    ]
    if field == "number":
        variants.append(_number_variant(value, rng))
    return rng.choice(variants)


def perturbed_predictions(gold_dir: Path, seed: int) -> list[dict[str, Any]]:
    """Predictions with misses, extras, duplicates, alt_keys, key variants, wrong relations and dates, metadata
    differences, asserted differences and missing documents, drawn from `seed`."""
    rng = random.Random(seed)
    predictions = []
    for slug, gold in ev.load_golds(gold_dir).items():
        if rng.random() < 0.08:
            continue  # a document the extractor never printed
        prediction = perfect_prediction(slug, gold)
        citations = []
        for gold_citation, citation in zip(gold.get("citations", []), prediction["citations"], strict=True):
            roll = rng.random()
            if roll < 0.15:
                continue  # missed
            citation = copy.deepcopy(citation)
            if gold_citation.get("alt_keys") and rng.random() < 0.7:
                citation["key"] = rng.choice(gold_citation["alt_keys"])
                if rng.random() < 0.5:
                    citations.append(predicted_citation(gold_citation))  # cited once by number, once by name
            elif roll < 0.45:
                vary = _number_variant if ev.is_numbered(citation["key"]) else _title_variant
                citation["key"] = vary(citation["key"], rng)
            if rng.random() < 0.2:
                citation["relation"] = rng.choice(RELATIONS)
            if rng.random() < 0.2:
                citation["date"] = rng.choice([None, "2015", "2019-01-01", (citation["date"] or "2020")[:4]])
            citations.append(citation)
            if rng.random() < 0.05:
                citations.append(copy.deepcopy(citation))  # the same document printed twice
        for _ in range(rng.randrange(3)):
            extra = {
                "key": rng.choice(["5890/TLĐ-CSPL", "Luật Đất đai 2013", "Bộ luật Dân sự", "1/2000/NĐ-CP"])
            }
            citations.append(
                predicted_citation({"relation": rng.choice(RELATIONS), "mention": "…", **extra}, extra["key"])
            )
        rng.shuffle(citations)
        prediction["citations"] = citations
        asserted = [a for a in prediction["asserted"] if rng.random() > 0.2]
        for a in asserted:
            if rng.random() < 0.2:
                a["relation"] = rng.choice(RELATIONS)
            if rng.random() < 0.2:
                a["source"] = (
                    _number_variant(a["source"], rng) if ev.is_numbered(a["source"]) else a["source"]
                )
        if citations and rng.random() < 0.3:
            asserted.append(
                {"source": citations[0]["key"], "relation": "cites", "target": citations[-1]["key"]}
            )
        prediction["asserted"] = asserted
        for field in ev.METADATA_FIELDS:
            if rng.random() < 0.3:
                prediction["document"][field] = _metadata_variant(
                    field, prediction["document"].get(field), rng
                )
        if rng.random() < 0.05:
            prediction["document"] = None  # a file the extractor could not read
        predictions.append(prediction)
    return predictions


# ------------------------------------------------------------------------------------------------------------
# same figures as the scorer


def test_perfect_predictions_score_one_everywhere(scorer_path: Path, examples: Path, tmp_path: Path) -> None:
    report = assert_same_as_scorer(scorer_path, examples, perfect_predictions(examples), tmp_path)
    assert report["documents"] == EXAMPLE_DOCUMENTS and report["missing_documents"] == 0
    for measure in ("citations_numbered", "citations_numberless", "citations_all", "asserted"):
        assert (report[measure]["precision"], report[measure]["recall"], report[measure]["f1"]) == (
            1.0,
            1.0,
            1.0,
        )
        assert report[measure]["fp"] == report[measure]["fn"] == 0
    assert report["relation_accuracy"] == report["date_accuracy"] == 1.0
    assert report["metadata_accuracy"] == dict.fromkeys(ev.METADATA_FIELDS, 1.0)
    assert report["relation_confusion"] == {}


def test_no_predictions_at_all(scorer_path: Path, examples: Path, tmp_path: Path) -> None:
    report = assert_same_as_scorer(scorer_path, examples, [], tmp_path)
    assert report["missing_documents"] == EXAMPLE_DOCUMENTS
    assert report["citations_all"]["recall"] == 0.0 and report["relation_accuracy"] is None


@pytest.mark.parametrize("seed", range(24))
def test_same_figures_as_scorer_on_perturbed_predictions(
    seed: int, scorer_path: Path, examples: Path, tmp_path: Path
) -> None:
    assert_same_as_scorer(scorer_path, examples, perturbed_predictions(examples, seed), tmp_path)


def write_gold(folder: Path, slug: str, gold: dict[str, Any]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{slug}.txt").write_text("…", encoding="utf-8")
    (folder / f"{slug}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def gold_citation(key: str, relation: str, date: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"mention": key, "key": key, "date": date, "relation": relation, **extra}


def handmade_gold_dir(folder: Path) -> Path:
    write_gold(
        folder,
        "tt-13-2015-bvhttdl",
        {
            "metadata": {
                "number": "13/2015/TT-BVHTTDL",
                "doc_type": "Thông tư",
                "issuer": "Bộ Văn hóa, Thể thao và Du lịch",
                "issue_date": "2015-12-30",
                "place": "Hà Nội",
                "subject": "Quy định chi tiết việc thực hiện nếp sống văn minh trong việc cưới",
                "signer": "Nguyễn Ngọc Thiện",
            },
            "citations": [
                gold_citation("Luật Tổ chức chính quyền địa phương 2015", "based_on", "2015-06-19"),
                gold_citation("39/2003/NĐ-CP", "based_on", "2003-04-09"),
                gold_citation("31/2024/QH15", "cites", alt_keys=["Luật Đất đai 2024"]),
                gold_citation("06/NQ-CP", "implements"),
                gold_citation("Bộ luật Lao động", "cites"),
            ],
            "asserted": [{"source": "39/2003/NĐ-CP", "relation": "guides", "target": "Bộ luật Lao động"}],
        },
    )
    write_gold(
        folder,
        "qd-12-2024-qd-ttg",
        {
            "metadata": {
                "number": None,
                "doc_type": "Quyết định",
                "issuer": "Thủ tướng Chính phủ",
                "issue_date": "2024-03-01",
                "place": None,
                "subject": None,
                "signer": None,
            },
            "citations": [gold_citation("12/2024/QĐ-TTg", "replaces")],
        },
    )
    return folder


def handmade_predictions() -> list[dict[str, Any]]:
    def cite(key: str, relation: str, date: str | None = None) -> dict[str, Any]:
        return predicted_citation({"key": key, "relation": relation, "date": date, "mention": key}, key)

    return [
        {
            "source": "/somewhere/else/tt-13-2015-bvhttdl.txt",
            "document": {
                "number": "13/2015/TT- BVHTTDL",  # a space left by a PDF line break
                "doc_type": "thông tư",
                "issuer": "Bộ Văn hóa, Thể thao và Du lịch Việt Nam",
                "issue_date": "2015-12-31",
                "place": None,
                "subject": "",
                "signer": "Nguyễn Ngọc Thiện",
            },
            "citations": [
                cite("Luật Tổ chức chính quyền địa phương năm 2015", "based_on", "2015-06-19"),
                cite("39/2003/N\u00d0-CP", "cites", "2003"),  # Icelandic eth from a TCVN3 font
                cite("Luật Đất đai 2024", "cites"),
                cite("31/2024/QH15", "cites"),
                cite("Bộ luật Lao động 2019", "cites"),
                cite("5890/TLĐ-CSPL", "implements"),
                cite("Luật Đất đai 2013", "cites"),
            ],
            "asserted": [
                {"source": "39/2003/NĐ-CP", "relation": "guides", "target": "Bộ luật Lao động"},
                {"source": "31/2024/QH15", "relation": "amends", "target": "06/NQ-CP"},
            ],
            "errors": [],
        }
    ]


def test_handmade_case_gives_known_figures(tmp_path: Path) -> None:
    gold_dir = handmade_gold_dir(tmp_path / "gold")
    report = ev.score(ev.load_golds(gold_dir), handmade_predictions())
    assert (report.documents, report.missing_documents) == (2, 1)
    # numbered: 39/2003 (Ð for Đ) and 31/2024 (once by number, once by name) found; 06/NQ-CP and 12/2024 missed;
    # 5890 extra
    assert report.citations_numbered == ev.PRF(0.6667, 0.5, 0.5714, tp=2, fp=1, fn=2)
    # number-less: "năm 2015" and a year the gold does not state both match; "Luật Đất đai 2013" is extra
    assert report.citations_numberless == ev.PRF(0.6667, 1.0, 0.8, tp=2, fp=1, fn=0)
    assert report.citations_all == ev.PRF(0.6667, 0.6667, 0.6667, tp=4, fp=2, fn=2)
    assert report.relation_accuracy == 0.75
    assert report.relation_confusion == {"based_on->cites": 1}
    assert report.date_accuracy == 0.5  # "2003" is not the gold "2003-04-09"
    assert report.asserted == ev.PRF(0.5, 1.0, 0.6667, tp=1, fp=1, fn=0)
    assert report.metadata_accuracy == {
        "number": 1.0,
        "doc_type": 0.5,
        "issue_date": 0.0,
        "place": 0.5,
        "signer": 1.0,
        "issuer": 0.5,
        "subject": 0.5,
    }
    assert "tt-13-2015-bvhttdl: MISSED '06/NQ-CP'" in map(str, report.findings)
    assert "tt-13-2015-bvhttdl: EXTRA 'Luật Đất đai 2013'" in map(str, report.findings)


def test_handmade_case_same_as_scorer(scorer_path: Path, tmp_path: Path) -> None:
    assert_same_as_scorer(scorer_path, handmade_gold_dir(tmp_path / "gold"), handmade_predictions(), tmp_path)


# ------------------------------------------------------------------------------------------------------------
# matching rules on real keys


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Luật Tổ chức chính quyền địa phương 2015", "Luật Tổ chức chính quyền địa phương năm 2015"),
        ("Luật Tổ chức chính quyền địa phương 2015", "luật tổ chức chính quyền địa phương"),
        ("Bộ luật Lao động", "Bộ luật Lao động 2019"),
        ("Luật Đất đai 2024", "“Luật Đất đai” năm 2024"),
        ("13/2015/TT-BVHTTDL", "13/2015/TT- BVHTTDL"),
        ("13/2015/TT-BVHTTDL", "13 / 2015 / TT-BVHTTDL"),
        ("39/2003/NĐ-CP", "39/2003/N\u00d0-CP"),
        ("06/NQ-CP", "06/NQ\u2013CP"),
        ("06/NQ-CP", "06/nq-cp."),
        ("1127/LĐLĐ", unicodedata.normalize("NFD", "1127/LĐLĐ")),
    ],
)
def test_same_document_under_another_spelling(gold: str, predicted: str) -> None:
    assert ev.keys_match(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Luật Tổ chức chính quyền địa phương 2015", "Luật Tổ chức chính quyền địa phương 2019"),
        ("Luật Đất đai 2024", "31/2024/QH15"),  # a number never matches a name: alt_keys say they are one
        ("Luật Đất đai", "Luật Đất đai sửa đổi bổ sung"),  # too many words apart (F1 0.75)
        ("06/NQ-CP", "06/NQ-CP/2023"),
        ("39/2003/NĐ-CP", "39/2003/ND-CP"),  # D is not Đ
    ],
)
def test_different_documents(gold: str, predicted: str) -> None:
    assert not ev.keys_match(gold, predicted)


def test_normalised_number_uses_vietnamese_d_with_stroke() -> None:
    assert ev.normalise_number("39/2003/N\u00d0-CP") == "39/2003/N\u0110-CP"
    assert ev.normalise_number(" 13/2015/TT- BVHTTDL; ") == "13/2015/TT-BVHTTDL"


def test_alt_keys_absorb_a_second_mention_without_them_it_is_extra() -> None:
    law = {"key": "31/2024/QH15", "relation": "cites"}
    by_number, by_name = {"key": "31/2024/QH15"}, {"key": "Luật Đất đai 2024"}
    pairs, extras = ev.match_citations([{**law, "alt_keys": ["Luật Đất đai 2024"]}], [by_name, by_number])
    assert pairs == [({**law, "alt_keys": ["Luật Đất đai 2024"]}, by_name)] and extras == []
    pairs, extras = ev.match_citations([law], [by_number, dict(by_number)])
    assert pairs == [(law, by_number)] and extras == [by_number]


@pytest.mark.parametrize(
    ("field", "gold", "predicted", "equal"),
    [
        ("signer", None, None, True),
        ("signer", None, "", True),
        ("signer", None, "Hoàng Văn Trinh", False),
        ("signer", "Hoàng Văn Trinh", "", False),
        ("number", "1127/LĐLĐ", "1127/ LÐLÐ", True),
        ("place", "Lai Châu", "lai châu,", True),
        ("issue_date", "2023-02-03", "2023-02", False),
        ("issuer", "Liên đoàn Lao động tỉnh Lai Châu", "Liên đoàn Lao động tỉnh Lai Châu", True),
        ("issuer", "Liên đoàn Lao động tỉnh Lai Châu", "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU Việt Nam", True),
        ("issuer", "Liên đoàn Lao động tỉnh Lai Châu", "Liên đoàn Lao động", False),
        ("doc_type", "Công văn", "Văn bản", False),
    ],
)
def test_metadata_comparison(field: str, gold: str | None, predicted: str | None, equal: bool) -> None:
    assert ev.metadata_equal(field, gold, predicted) is equal


def test_a_gold_year_is_matched_by_any_date_of_that_year() -> None:
    assert ev.date_correct("2015", "2015-06-19")
    assert not ev.date_correct("2015-06-19", "2015")
    assert not ev.date_correct("2015-06-19", None)


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    assert ev.PRF.from_counts(0, 0, 0) == ev.PRF(1.0, 1.0, 1.0, 0, 0, 0)
    assert ev.PRF.from_counts(0, 3, 0).f1 == 0.0


# Words and marks the keys and metadata of real documents are made of, and the damage done to them.
PIECES = [
    "Luật", "Bộ", "luật", "Lao", "động", "Đất", "đai", "Tổ", "chức", "chính", "quyền", "địa", "phương", "năm",
    "2015", "2019", "2024", "1980", "1890", "số", "Nghị", "quyết", "06/NQ-CP", "39/2003/NĐ-CP", "39/2003/NÐ-CP",
    "13/2015/TT-", "BVHTTDL", "/", "-", "\u2013", ".", ",", ";", ":", "(", ")", "“", "”", "'", "Đ", "\u00d0",
    "\u00f0", "đ", "Ư", "ư", "LĐLĐ", "1127/LĐLĐ", "QH15", "sửa", "đổi", "",
]  # fmt: skip
pieces = st.lists(st.sampled_from(PIECES), max_size=9).map(" ".join) | st.text(max_size=20)


@settings(max_examples=300, deadline=None)
@given(gold=pieces, predicted=pieces, alt=st.lists(pieces, max_size=2))
def test_citation_matching_agrees_with_scorer(
    scorer: ModuleType, gold: str, predicted: str, alt: list[str]
) -> None:
    g, p = {"key": gold, "alt_keys": alt}, {"key": predicted}
    assert ev.same_document(g, p) == scorer.same_document(g, p)
    assert ev.citation_key(predicted) == scorer.cite_key(p)
    assert ev.titles_match(gold, predicted) == scorer.titles_match(gold, predicted)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(ev.METADATA_FIELDS),
    gold=st.none() | pieces,
    predicted=st.none() | pieces,
)
def test_metadata_comparison_agrees_with_scorer(
    scorer: ModuleType, field: str, gold: str | None, predicted: str | None
) -> None:
    assert ev.metadata_equal(field, gold, predicted) == scorer.meta_equal(field, gold, predicted)


# ------------------------------------------------------------------------------------------------------------
# evaluate() over a gold folder, with a stand-in pipeline


def gold_extraction(golds: dict[str, dict[str, Any]]) -> Callable[[Path], Extraction]:
    """What a pipeline that agrees with the annotator returns for a file (nothing for a file without gold)."""

    def extract(path: Path) -> Extraction:
        gold = golds.get(path.stem)
        if gold is None:
            return Extraction(source=str(path))
        prediction = perfect_prediction(path.stem, gold)
        return Extraction(
            source=str(path),
            document=DocumentMeta(
                **{k: v for k, v in prediction["document"].items() if k in DocumentMeta.model_fields}
            ),
            citations=[Citation(**c) for c in prediction["citations"]],
            asserted=[
                Asserted(**{k: a[k] for k in ("source", "relation", "target", "evidence")})
                for a in prediction["asserted"]
            ],
        )

    return extract


def test_evaluate_extracts_each_annotated_document(examples: Path, install_pipeline: Callable) -> None:
    golds = ev.load_golds(examples)
    install_pipeline(gold_extraction(golds))
    seen: list[str] = []
    report = ev.evaluate(examples, on_extraction=lambda e: seen.append(Path(e.source).name))
    assert seen == [f"{slug}.txt" for slug in golds]  # GUIDE.md and the gold files are not documents
    assert report.citations_all.f1 == report.asserted.f1 == report.relation_accuracy == 1.0
    assert set(report.metadata_accuracy.values()) == {1.0}


def test_evaluate_counts_a_gold_without_its_document_as_missing(
    examples: Path, tmp_path: Path, install_pipeline: Callable
) -> None:
    for name in ("cv-2728-tct-2014.gold.json", "seed-ldld-laichau-1127-2023.gold.json"):
        (tmp_path / name).write_bytes((examples / name).read_bytes())
    (tmp_path / "cv-2728-tct-2014.md").write_bytes((examples / "cv-2728-tct-2014.txt").read_bytes())
    (tmp_path / "unannotated.txt").write_text("Công văn số 1/UBND", encoding="utf-8")
    install_pipeline(gold_extraction(ev.load_golds(tmp_path)))
    report = ev.evaluate(tmp_path)
    assert (report.documents, report.missing_documents) == (2, 1)
    assert "seed-ldld-laichau-1127-2023: MISSED '5890/TLĐ-CSPL'" in map(str, report.findings)


# ------------------------------------------------------------------------------------------------------------
# floors


def test_floors() -> None:
    report = ev.score({"a": {"metadata": {"signer": "Hoàng Văn Trinh"}, "citations": []}}, [])
    assert report.relation_accuracy is None
    assert ev.check_floors(report, {"relation_accuracy": 0.0, "citations_all.f1": 1.0}) == []
    failures = ev.check_floors(report, {"relation_accuracy": 0.5, "metadata_accuracy.signer": 0.5})
    assert [(f.measure, f.value) for f in failures] == [
        ("relation_accuracy", None),
        ("metadata_accuracy.signer", 0.0),
    ]
    assert "not measurable" in str(failures[0])
    with pytest.raises(KeyError):
        ev.check_floors(report, {"citations_all.f2": 0.5})


def test_every_measure_has_a_value_slot() -> None:
    report = ev.score({}, [])
    assert list(report.measures()) == list(ev.MEASURES)
