"""Measure how often each kind of extracted citation is right on the annotated corpus, and write the table that
`ingest/confidence.py` turns into confidences (`ingest/data/confidence.tsv`).

    .venv/bin/python benchmarks/calibrate.py                 # examples/corpus, writes the table
    .venv/bin/python benchmarks/calibrate.py --folds 5       # also an honest estimate: each fold scored with a
                                                             # table made from the other folds only

A kind is (how the relation was read, the relation, numbered or not); "right" means the gold has the document and
gives it the same relation. Asserted relations are counted under how = "asserted". Run it again after changing
the extraction rules: the confidences follow the rules' measured behaviour, not a guess.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import confidence as conf  # noqa: E402
from ingest.evaluate import (  # noqa: E402
    CALIBRATION_BANDS,
    citation_key,
    document_files,
    load_golds,
    match_citations,
    slug_of,
)
from ingest.extract import extract_paths  # noqa: E402

Kind = tuple[str, str, bool]


def tally(
    golds: dict, extractions: dict
) -> tuple[Counter[Kind], Counter[Kind], list[tuple[Kind, bool, float]]]:
    """Per kind: predicted, right; and every prediction with its kind, rightness and current confidence."""
    predicted: Counter[Kind] = Counter()
    right: Counter[Kind] = Counter()
    seen: list[tuple[Kind, bool, float]] = []
    for slug, gold in golds.items():
        extraction = extractions.get(slug)
        if extraction is None:
            continue
        cited = [c.model_dump() for c in extraction.citations]
        pairs, extras = match_citations(gold.get("citations") or [], cited)
        outcomes = [(m, g.get("relation") == m.get("relation")) for g, m in pairs if m is not None]
        outcomes += [(e, False) for e in extras]
        for citation, ok in outcomes:
            kind = (citation.get("how") or "none", citation["relation"], bool(citation.get("number")))
            predicted[kind] += 1
            right[kind] += ok
            seen.append((kind, ok, citation["confidence"]))
        gold_asserted = {
            (citation_key(a.get("source")), a.get("relation"), citation_key(a.get("target")))
            for a in gold.get("asserted") or []
        }
        for a in extraction.asserted:
            kind = ("asserted", a.relation, "/" in a.source and "/" in a.target)
            ok = (citation_key(a.source), a.relation, citation_key(a.target)) in gold_asserted
            predicted[kind] += 1
            right[kind] += ok
    return predicted, right, seen


def write_table(predicted: Counter[Kind], right: Counter[Kind], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["how", "relation", "numbered", "predicted", "correct"])
        for how, relation, numbered in sorted(predicted):
            kind = (how, relation, numbered)
            out.writerow([how, relation, "yes" if numbered else "no", predicted[kind], right[kind]])


def calibration_rows(outcomes: list[tuple[float, bool]]) -> list[str]:
    rows = []
    for high, low in zip((1.0, *CALIBRATION_BANDS), CALIBRATION_BANDS, strict=False):
        band = [ok for value, ok in outcomes if low <= value < high or (high == 1.0 and value == 1.0)]
        share = f"{sum(band) / len(band):.3f}" if band else "  n/a"
        rows.append(
            f"  [{low:.1f}, {high:.1f}{']' if high == 1.0 else ')'}  {len(band):5d} citations  {share} right"
        )
    return rows


def smoothed(predicted: Counter[Kind], right: Counter[Kind], kind: Kind) -> float:
    prior = conf.PRIORS.get(kind[0], 0.5)
    return (right[kind] + 4.0 * prior) / (predicted[kind] + 4.0) if predicted[kind] else prior


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--table", type=Path, default=conf.TABLE)
    parser.add_argument(
        "--folds", type=int, default=0, help="also estimate calibration by k-fold cross-validation"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    golds = load_golds(args.gold)
    files = document_files(args.gold, golds)
    extractions = {slug_of(e.source): e for e in extract_paths(list(files.values()))}
    predicted, right, seen = tally(golds, extractions)
    print(
        f"{sum(predicted.values())} predictions on {len(golds)} documents; before (the confidences in use):"
    )
    print("\n".join(calibration_rows([(value, ok) for _, ok, value in seen])))
    print("after (each kind's smoothed share, measured on the same documents):")
    print("\n".join(calibration_rows([(smoothed(predicted, right, kind), ok) for kind, ok, _ in seen])))

    if args.folds > 1:
        slugs = sorted(golds)
        random.Random(args.seed).shuffle(slugs)
        outcomes: list[tuple[float, bool]] = []
        for fold in range(args.folds):
            held = set(slugs[fold :: args.folds])
            train_p, train_r, _ = tally({s: g for s, g in golds.items() if s not in held}, extractions)
            _, _, test = tally({s: g for s, g in golds.items() if s in held}, extractions)
            outcomes += [(smoothed(train_p, train_r, kind), ok) for kind, ok, _ in test]
        print(f"{args.folds}-fold (each document scored with a table made without it):")
        print("\n".join(calibration_rows(outcomes)))

    write_table(predicted, right, args.table)
    print(f"wrote {args.table} ({len(predicted)} kinds)")


if __name__ == "__main__":
    main()
