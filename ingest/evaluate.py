"""Measure extraction against hand-annotated documents.

A gold folder holds `<slug>.txt` (or .md, .html, .pdf, .docx) beside `<slug>.gold.json`, annotated as in
examples/ANNOTATION_GUIDE.md. The measures and their rules (which predicted citation counts as the gold one, when
two titles or two metadata values are "the same") are those of the shared scorer the project is judged by
(../shared/tools/score.py): a figure printed here equals the scorer's figure on the same input, so a user who
annotates their own letters measures the tool exactly as the project measures itself.

    report = evaluate(Path("examples/corpus"))
    report.citations_all.f1, report.metadata_accuracy["issuer"]
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ingest.models import Extraction
from ingest.relation_table import CHANGES_FORCE

GOLD_SUFFIX = ".gold.json"
# Order matters: a source is stripped of each suffix in turn, as the scorer does.
DOCUMENT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

JSONObject = Mapping[str, Any]
CitationKey = tuple[Literal["n", "t"], str]

# Every dash a PDF or a word processor puts into "06/NQ–CP" means the ASCII hyphen.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_TITLE_PUNCTUATION = re.compile(r"[“”\"'‘’()\[\],;:.]")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
TITLE_MATCH_F1 = 0.8
METADATA_MATCH_F1 = 0.8

METADATA_EXACT_FIELDS: tuple[str, ...] = ("number", "doc_type", "issue_date", "place", "signer")
# Issuers and subjects are long phrases that annotators and extractors cut slightly differently.
METADATA_FUZZY_FIELDS: tuple[str, ...] = ("issuer", "subject")
METADATA_FIELDS: tuple[str, ...] = METADATA_EXACT_FIELDS + METADATA_FUZZY_FIELDS


# ------------------------------------------------------------------------------------------------------------
# Matching rules


def normalise_number(number: str | None) -> str:
    """A số ký hiệu as compared: NFC, ASCII hyphens, Vietnamese Đ, no spaces, upper case, no end dot."""
    text = unicodedata.normalize("NFC", number or "").translate(_DASHES)
    # TCVN3 and OCR output often carry the Icelandic eth, which looks like Đ but is another letter.
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return re.sub(r"\s+", "", text).upper().rstrip(".,;:")


def normalise_text(text: str | None) -> str:
    """A title or a metadata value as compared: NFC, case-folded, quotes and punctuation as spaces."""
    folded = unicodedata.normalize("NFC", text or "").translate(_DASHES).casefold()
    return " ".join(_TITLE_PUNCTUATION.sub(" ", folded).split())


def is_numbered(key: str | None) -> bool:
    """A key with a "/" is a số ký hiệu; anything else is the name of a number-less document."""
    return "/" in (key or "")


def citation_key(key: str | None) -> CitationKey:
    """The identity of a citation key: ("n", number) for a số ký hiệu, ("t", title text) otherwise."""
    if is_numbered(key):
        return ("n", normalise_number(key))
    return ("t", normalise_text(key))


def tokens(text: str | None) -> list[str]:
    return normalise_text(text).split()


def token_f1(a: str | None, b: str | None) -> float:
    """F1 of the word multisets of two texts (1.0 when both are empty)."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    if not ta and not tb:
        return 1.0
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def _years(text: str) -> set[str]:
    return {t for t in tokens(text) if _YEAR.match(t)}


def _without_years(text: str) -> str:
    return " ".join(t for t in tokens(text) if not _YEAR.match(t))


def titles_match(gold: str, predicted: str) -> bool:
    """Two names of number-less documents denote the same one: no conflicting year, and mostly the same words.

    "Luật Tổ chức chính quyền địa phương 2015" matches "… địa phương năm 2015" but not "… địa phương 2019".
    """
    gold_years, predicted_years = _years(gold), _years(predicted)
    if gold_years and predicted_years and not gold_years & predicted_years:
        return False
    return token_f1(_without_years(gold), _without_years(predicted)) >= TITLE_MATCH_F1


def keys_match(gold_key: str | None, predicted_key: str | None) -> bool:
    """Same number after normalisation, or (both number-less) matching titles; a number never matches a
    title."""
    gold_kind, gold_norm = citation_key(gold_key)
    predicted_kind, predicted_norm = citation_key(predicted_key)
    if gold_kind != predicted_kind:
        return False
    if gold_kind == "n":
        return gold_norm == predicted_norm
    return titles_match(gold_norm, predicted_norm)


def gold_keys(gold: JSONObject) -> list[str | None]:
    """Every key under which the text cites a gold document: its key, then its alt_keys."""
    return [gold.get("key"), *(gold.get("alt_keys") or [])]


def same_document(gold: JSONObject, predicted: JSONObject) -> bool:
    """Does a predicted citation denote the gold one (by its key or one of its alt_keys)?"""
    return any(keys_match(key, predicted.get("key")) for key in gold_keys(gold))


CitationPair = tuple[JSONObject, JSONObject | None]


def match_citations(
    gold: Sequence[JSONObject], predicted: Sequence[JSONObject]
) -> tuple[list[CitationPair], list[JSONObject]]:
    """Pair each gold citation with the first prediction that denotes it (None if none); return the pairs and
    the predictions left over, which are extras.

    Gold citations are taken in order and each consumes the predictions it matches. A gold document with
    alt_keys consumes every prediction under any of its keys: a law cited once by number and once by name is
    one document, and its second prediction is neither credited nor counted as extra. Without alt_keys only
    the first hit is consumed, so a duplicate prediction counts as extra.
    """
    pairs: list[CitationPair] = []
    left = list(predicted)
    for citation in gold:
        hits = [i for i, p in enumerate(left) if same_document(citation, p)]
        if not citation.get("alt_keys"):
            hits = hits[:1]
        pairs.append((citation, left[hits[0]] if hits else None))
        for i in reversed(hits):
            del left[i]
    return pairs, left


def metadata_equal(field_name: str, gold: str | None, predicted: str | None) -> bool:
    """Is a predicted metadata value right? Unknown gold wants unknown (null or ""); numbers compare
    normalised, issuer and subject by word overlap, the rest as normalised text."""
    if gold is None:
        return predicted in (None, "")
    if predicted in (None, ""):
        return False
    if field_name == "number":
        return normalise_number(gold) == normalise_number(predicted)
    if field_name in METADATA_FUZZY_FIELDS:
        return token_f1(gold, predicted) >= METADATA_MATCH_F1
    return normalise_text(gold) == normalise_text(predicted)


def date_correct(gold: str, predicted: str | None) -> bool:
    """A gold year ("2015") is matched by any date of that year; a full gold date must be equal."""
    return (predicted or "")[: len(gold)] == gold


# ------------------------------------------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (rounded to 4 places, as the scorer prints them) with their counts.
    With nothing predicted precision is 1.0; with nothing to find recall is 1.0."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> PRF:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4), tp, fp, fn)

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


# lexgraph's own measures: entry into force, expiry, and whether (scope) and where (parts) an amendment,
# replacement or repeal touches the cited document.
VALIDITY_FIELDS: tuple[str, ...] = ("effective_date", "expiry_date", "scope", "parts")
_PRF_GROUPS = ("citations_numbered", "citations_numberless", "citations_all", "asserted")
_PRF_PARTS = ("precision", "recall", "f1")
# The names a floor can be set on; each metadata field is listed even when no document has it, so that a floor
# on it is checked rather than silently unknown.
MEASURES: tuple[str, ...] = (
    *(f"{group}.{part}" for group in _PRF_GROUPS for part in _PRF_PARTS),
    "relation_accuracy",
    "date_accuracy",
    *(f"metadata_accuracy.{name}" for name in METADATA_FIELDS),
    *(f"validity_accuracy.{name}" for name in VALIDITY_FIELDS),
)
# The confidence bands of the calibration table, highest first: [0.9, 1.0], [0.8, 0.9) …
CALIBRATION_BANDS: tuple[float, ...] = (0.9, 0.8, 0.7, 0.6, 0.5, 0.0)

FindingKind = Literal["MISSED", "EXTRA", "RELATION", "META"]


@dataclass(frozen=True)
class Finding:
    """One disagreement with the gold, printed as the scorer's --show-errors prints it."""

    slug: str
    kind: FindingKind
    detail: str

    def __str__(self) -> str:
        return f"{self.slug}: {self.kind} {self.detail}"


@dataclass(frozen=True)
class CalibrationRow:
    """Predicted citations whose confidence lies in [low, high): how many, and how many are right (the right
    document with the right relation; a citation the gold does not have is wrong)."""

    low: float
    high: float
    predicted: int
    correct: int

    @property
    def share_correct(self) -> float | None:
        return round(self.correct / self.predicted, 4) if self.predicted else None


@dataclass(frozen=True)
class EvalReport:
    documents: int
    missing_documents: int
    citations_numbered: PRF
    citations_numberless: PRF
    citations_all: PRF
    relation_accuracy: float | None
    date_accuracy: float | None
    asserted: PRF
    metadata_accuracy: dict[str, float]
    relation_confusion: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    # Beyond the shared scorer: validity (entry into force, expiry, the parts an amendment or repeal touches),
    # scored where the gold has the field; and how often a citation of each confidence band is right.
    validity_accuracy: dict[str, float] = field(default_factory=dict)
    calibration: list[CalibrationRow] = field(default_factory=list)
    validity_findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The scorer's --json report: same keys, same order, same numbers."""
        return {
            "documents": self.documents,
            "missing_documents": self.missing_documents,
            "citations_numbered": self.citations_numbered.to_dict(),
            "citations_numberless": self.citations_numberless.to_dict(),
            "citations_all": self.citations_all.to_dict(),
            "relation_accuracy": self.relation_accuracy,
            "date_accuracy": self.date_accuracy,
            "asserted": self.asserted.to_dict(),
            "metadata_accuracy": dict(self.metadata_accuracy),
            "relation_confusion": dict(self.relation_confusion),
        }

    def measures(self) -> dict[str, float | None]:
        """Every single figure by its name in MEASURES ("citations_all.f1", "metadata_accuracy.issuer"), for
        floors. None means not measurable on this input (no matched citation, no gold date, no document)."""
        values: dict[str, float | None] = {}
        for group in _PRF_GROUPS:
            prf: PRF = getattr(self, group)
            values.update({f"{group}.{part}": getattr(prf, part) for part in _PRF_PARTS})
        values["relation_accuracy"] = self.relation_accuracy
        values["date_accuracy"] = self.date_accuracy
        values.update(
            {f"metadata_accuracy.{name}": self.metadata_accuracy.get(name) for name in METADATA_FIELDS}
        )
        values.update(
            {f"validity_accuracy.{name}": self.validity_accuracy.get(name) for name in VALIDITY_FIELDS}
        )
        return values

    def extended_dict(self) -> dict[str, Any]:
        """The scorer's report, then lexgraph's own figures: validity and the calibration table."""
        return {
            **self.to_dict(),
            "validity_accuracy": dict(self.validity_accuracy),
            "calibration": [
                {"confidence_from": r.low, "confidence_to": r.high, "predicted": r.predicted,
                 "correct": r.correct, "share_correct": r.share_correct}
                for r in self.calibration
            ],
        }  # fmt: skip


def _ratio(ok: int, n: int) -> float | None:
    return round(ok / n, 4) if n else None


@dataclass
class _Tally:
    """Counts summed over documents while scoring."""

    counts: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    metadata_ok: Counter[str] = field(default_factory=Counter)
    metadata_n: Counter[str] = field(default_factory=Counter)
    validity_ok: Counter[str] = field(default_factory=Counter)
    validity_n: Counter[str] = field(default_factory=Counter)
    bands: Counter[tuple[float, bool]] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def note(self, slug: str, kind: FindingKind, detail: str) -> None:
        self.findings.append(Finding(slug, kind, detail))

    def add_citations(self, slug: str, gold: Sequence[JSONObject], predicted: Sequence[JSONObject]) -> None:
        pairs, extras = match_citations(gold, predicted)
        for gold_citation, match in pairs:
            kind = "n" if is_numbered(gold_citation.get("key")) else "t"
            if match is None:
                self.counts[kind + "_fn"] += 1
                self.note(slug, "MISSED", repr(gold_citation.get("key")))
                continue
            self.counts[kind + "_tp"] += 1
            gold_relation, predicted_relation = gold_citation.get("relation"), match.get("relation")
            self.confusion[(gold_relation, predicted_relation)] += 1
            if gold_relation == predicted_relation:
                self.counts["relation_ok"] += 1
            else:
                detail = f"{gold_citation.get('key')!r} gold={gold_relation} pred={predicted_relation}"
                self.note(slug, "RELATION", detail)
            if gold_date := gold_citation.get("date"):
                self.counts["date_n"] += 1
                self.counts["date_ok"] += date_correct(gold_date, match.get("date"))
            self.add_parts(slug, gold_citation, match)
            self.bands[(_band(match.get("confidence")), gold_relation == predicted_relation)] += 1
        for extra in extras:
            self.counts[("n" if is_numbered(extra.get("key")) else "t") + "_fp"] += 1
            self.note(slug, "EXTRA", repr(extra.get("key")))
            self.bands[(_band(extra.get("confidence")), False)] += 1

    def add_parts(self, slug: str, gold: JSONObject, predicted: JSONObject) -> None:
        """Whole or in part, and which parts, for an amendment, replacement or repeal the gold records parts of."""
        if gold.get("relation") not in CHANGES_FORCE or "parts" not in gold:
            return
        gold_parts, predicted_parts = gold.get("parts"), predicted.get("parts")
        self.validity_n["scope"] += 1
        if (gold_parts is None) == (predicted_parts is None):
            self.validity_ok["scope"] += 1
        else:
            self.note(
                slug, "META", f"parts of {gold.get('key')!r} gold={gold_parts!r} pred={predicted_parts!r}"
            )
        if gold_parts is not None and predicted_parts is not None:
            self.validity_n["parts"] += 1
            self.validity_ok["parts"] += _parts_set(gold_parts) == _parts_set(predicted_parts)

    def add_validity(self, slug: str, gold: JSONObject, predicted: JSONObject) -> None:
        for name in ("effective_date", "expiry_date"):
            if name not in gold:
                continue
            self.validity_n[name] += 1
            if (gold.get(name) or None) == (predicted.get(name) or None):
                self.validity_ok[name] += 1
            else:
                self.note(slug, "META", f"{name} gold={gold.get(name)!r} pred={predicted.get(name)!r}")

    def add_asserted(self, gold: Iterable[JSONObject], predicted: Iterable[JSONObject]) -> None:
        gold_set, predicted_set = _asserted_set(gold), _asserted_set(predicted)
        self.counts["asserted_tp"] += len(gold_set & predicted_set)
        self.counts["asserted_fn"] += len(gold_set - predicted_set)
        self.counts["asserted_fp"] += len(predicted_set - gold_set)

    def add_metadata(self, slug: str, gold: JSONObject, predicted: JSONObject) -> None:
        for name in METADATA_FIELDS:
            self.metadata_n[name] += 1
            gold_value, predicted_value = gold.get(name), predicted.get(name)
            if metadata_equal(name, gold_value, predicted_value):
                self.metadata_ok[name] += 1
            else:
                self.note(slug, "META", f"{name} gold={gold_value!r} pred={predicted_value!r}")

    def prf(self, prefix: str) -> PRF:
        c = self.counts
        return PRF.from_counts(c[prefix + "_tp"], c[prefix + "_fp"], c[prefix + "_fn"])


def _band(confidence: Any) -> float:
    value = float(confidence) if isinstance(confidence, int | float) else 0.0
    return next(low for low in CALIBRATION_BANDS if value >= low)


def _parts_set(parts: Iterable[str]) -> set[str]:
    return {normalise_text(p) for p in parts}


def _calibration(bands: Counter[tuple[float, bool]]) -> list[CalibrationRow]:
    rows = []
    for high, low in zip((1.0, *CALIBRATION_BANDS), CALIBRATION_BANDS, strict=False):
        right, wrong = bands[(low, True)], bands[(low, False)]
        rows.append(CalibrationRow(low, high, right + wrong, right))
    return rows


def _asserted_set(asserted: Iterable[JSONObject]) -> set[tuple[CitationKey, Any, CitationKey]]:
    """Asserted relations as comparable triples (a relation stated twice counts once)."""
    return {
        (citation_key(a.get("source")), a.get("relation"), citation_key(a.get("target"))) for a in asserted
    }


def _confusion_label(pair: tuple[str | None, str | None]) -> str:
    return f"{pair[0]}->{pair[1]}"


def score_documents(golds: Mapping[str, JSONObject], predictions: Mapping[str, JSONObject]) -> EvalReport:
    """Score predictions (extract-format JSON objects by slug) against golds by slug."""
    tally = _Tally()
    missing = 0
    for slug, gold in golds.items():
        predicted = predictions.get(slug)
        if predicted is None:
            missing += 1
            predicted = {}
        tally.add_citations(slug, gold.get("citations") or [], predicted.get("citations") or [])
        tally.add_asserted(gold.get("asserted") or [], predicted.get("asserted") or [])
        tally.add_metadata(slug, gold.get("metadata") or {}, predicted.get("document") or {})
        tally.add_validity(slug, gold.get("metadata") or {}, predicted.get("document") or {})
    c = tally.counts
    all_citations = PRF.from_counts(c["n_tp"] + c["t_tp"], c["n_fp"] + c["t_fp"], c["n_fn"] + c["t_fn"])
    confusion = sorted(
        ((pair, n) for pair, n in tally.confusion.items() if pair[0] != pair[1]),
        # A prediction without a relation sorts first rather than failing to compare with a string.
        key=lambda item: tuple("" if v is None else v for v in item[0]),
    )
    return EvalReport(
        documents=len(golds),
        missing_documents=missing,
        citations_numbered=tally.prf("n"),
        citations_numberless=tally.prf("t"),
        citations_all=all_citations,
        relation_accuracy=_ratio(c["relation_ok"], all_citations.tp),
        date_accuracy=_ratio(c["date_ok"], c["date_n"]),
        asserted=tally.prf("asserted"),
        metadata_accuracy={
            name: round(tally.metadata_ok[name] / n, 4)
            for name in METADATA_FIELDS
            if (n := tally.metadata_n[name])
        },
        relation_confusion={_confusion_label(pair): n for pair, n in confusion},
        findings=[f for f in tally.findings if not _beyond_scorer(f)],
        validity_accuracy={
            name: round(tally.validity_ok[name] / n, 4)
            for name in VALIDITY_FIELDS
            if (n := tally.validity_n[name])
        },
        calibration=_calibration(tally.bands),
        validity_findings=[f for f in tally.findings if _beyond_scorer(f)],
    )


def _beyond_scorer(finding: Finding) -> bool:
    """Findings of lexgraph's own measures, kept out of the list the shared scorer's --show-errors prints."""
    return finding.kind == "META" and finding.detail.split(" ", 1)[0] in (
        "effective_date",
        "expiry_date",
        "parts",
    )


def slug_of(source: str) -> str:
    """The slug a prediction is matched to its gold by: the file name of its source without its suffix."""
    name = Path(source).name
    for suffix in DOCUMENT_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def as_json_object(extraction: Extraction | JSONObject) -> JSONObject:
    """An extraction as the JSON object `lexgraph extract` prints, so that both are scored alike."""
    if isinstance(extraction, Extraction):
        return json.loads(extraction.to_json())
    return extraction


def score(golds: Mapping[str, JSONObject], extractions: Iterable[Extraction | JSONObject]) -> EvalReport:
    """Score extractions (objects or their JSON) against golds by slug; of two extractions of one slug the
    later wins."""
    predictions = {slug_of(str(p.get("source") or "")): p for p in map(as_json_object, extractions)}
    return score_documents(golds, predictions)


# ------------------------------------------------------------------------------------------------------------
# Gold folders


def load_golds(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Every `<slug>.gold.json` of a folder (not its subfolders) by slug, in file-name order."""
    return {
        path.name.removesuffix(GOLD_SUFFIX): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(gold_dir.glob("*" + GOLD_SUFFIX))
    }


def document_files(gold_dir: Path, slugs: Iterable[str]) -> dict[str, Path]:
    """The document file of each slug that has one (the first suffix found wins)."""
    found: dict[str, Path] = {}
    for slug in slugs:
        for suffix in DOCUMENT_SUFFIXES:
            path = gold_dir / (slug + suffix)
            if path.is_file():
                found[slug] = path
                break
    return found


def read_predictions(path: Path) -> list[dict[str, Any]]:
    """Extractions saved by `lexgraph extract … > FILE` (JSON Lines; blank lines are skipped)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate(
    gold_dir: Path,
    *,
    workers: int | None = None,
    on_extraction: Callable[[Extraction], None] | None = None,
) -> EvalReport:
    """Extract every annotated document of `gold_dir` and score the result against its gold.

    A gold file without a document beside it counts as a missing document. `on_extraction` is called with
    each extraction as it arrives (a progress display, a log).
    """
    # The pipeline loads its language models: only when extraction is asked for.
    from ingest.extract import extract_paths

    golds = load_golds(gold_dir)
    files = document_files(gold_dir, golds)
    extractions: list[Extraction] = []
    for extraction in extract_paths(list(files.values()), workers=workers):
        if on_extraction is not None:
            on_extraction(extraction)
        extractions.append(extraction)
    return score(golds, extractions)


# ------------------------------------------------------------------------------------------------------------
# Floors


@dataclass(frozen=True)
class FloorFailure:
    measure: str
    value: float | None
    floor: float

    def __str__(self) -> str:
        shown = "not measurable" if self.value is None else f"{self.value:.4f}"
        return f"{self.measure} = {shown}, below the floor {self.floor:.4f}"


def check_floors(report: EvalReport, floors: Mapping[str, float]) -> list[FloorFailure]:
    """The measures below their floor. A measure this input cannot give (None) fails any floor above 0.

    Raises KeyError for a name that is no measure, so that a typo never passes as a met floor.
    """
    unknown = [name for name in floors if name not in MEASURES]
    if unknown:
        raise KeyError(", ".join(unknown))
    measures = report.measures()
    failures = []
    for name, floor in floors.items():
        value = measures[name]
        if (value is None and floor > 0) or (value is not None and value < floor):
            failures.append(FloorFailure(name, value, floor))
    return failures
