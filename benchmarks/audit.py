"""Precision where there is no gold: a seeded random sample of the edges lexgraph draws from real documents,
judged by hand, and a report of how many were right, per relation.

    .venv/bin/python benchmarks/audit.py sample [--corpus ../shared/corpus/real] [--size 300] [--seed 7]
        ingests the corpus into a temporary graph and writes benchmarks/audit/sample.jsonl: for each edge drawn,
        the citing document, the sentence, the mention, the relation read and the document it was resolved to
    .venv/bin/python benchmarks/audit.py report
        reads benchmarks/audit/verdicts.jsonl (one {"id", "document_right", "relation_right", "note"} per
        sampled edge, written by a person who read the sentence) and prints precision per relation

"Document right": the edge points at the document the sentence means (number and year, or the law of that name
in force then). "Relation right": the relation is the one the annotation guide gives the sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import ingest, open_store  # noqa: E402
from ingest.extract import extract_paths  # noqa: E402

AUDIT = ROOT / "benchmarks" / "audit"
SAMPLE = AUDIT / "sample.jsonl"
VERDICTS = AUDIT / "verdicts.jsonl"


def sample(corpus: Path, size: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/audit.db") as store:
        summary = ingest(store, extract_paths([corpus], workers=2))
        print(f"ingested {summary.written} documents, {len(summary.errors)} errors", file=sys.stderr)
        edges = [
            edge
            for document in store.search(placeholders=False, limit=1_000_000)
            for edge in store.citations(document.id)
            if edge.asserted_by is None
        ]
        drawn = random.Random(seed).sample(edges, min(size, len(edges)))
        AUDIT.mkdir(parents=True, exist_ok=True)
        with SAMPLE.open("w", encoding="utf-8") as out:
            for i, edge in enumerate(drawn):
                target = store.get(edge.target)
                out.write(
                    json.dumps(
                        {
                            "id": i,
                            "citing": edge.source,
                            "citing_file": _relative(store.get(edge.source).source, corpus),
                            "sentence": edge.evidence,
                            "mention": edge.mention,
                            "relation": edge.relation,
                            "cited_as": edge.cited_as,
                            "resolved_to": edge.target,
                            "resolved_label": target.label if target else None,
                            "resolution": edge.resolution.method,
                            "confidence": edge.confidence,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        print(f"{len(drawn)} of {len(edges)} edges drawn (seed {seed}) into {SAMPLE}", file=sys.stderr)


def _relative(source: str | None, corpus: Path) -> str | None:
    """The citing file as the corpus names it ("congbao/…"), not as this machine's path."""
    if source is None:
        return None
    try:
        return str(Path(source).resolve().relative_to(corpus.resolve()))
    except ValueError:
        return source


def report() -> None:
    drawn = {d["id"]: d for d in map(json.loads, SAMPLE.read_text(encoding="utf-8").splitlines())}
    verdicts = [
        json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    judged, document_ok, both_ok = Counter(), Counter(), Counter()
    for verdict in verdicts:
        relation = drawn[verdict["id"]]["relation"]
        judged[relation] += 1
        document_ok[relation] += bool(verdict["document_right"])
        both_ok[relation] += bool(verdict["document_right"] and verdict["relation_right"])
    print(f"{sum(judged.values())} of {len(drawn)} sampled edges judged")
    print(f"{'relation':<12} {'edges':>6} {'right document':>15} {'right document and relation':>28}")
    for relation in sorted(judged, key=lambda r: -judged[r]):
        n = judged[relation]
        print(f"{relation:<12} {n:>6} {document_ok[relation] / n:>15.3f} {both_ok[relation] / n:>28.3f}")
    n = sum(judged.values())
    print(f"{'all':<12} {n:>6} {sum(document_ok.values()) / n:>15.3f} {sum(both_ok.values()) / n:>28.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("sample")
    draw.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    draw.add_argument("--size", type=int, default=300)
    draw.add_argument("--seed", type=int, default=7)
    commands.add_parser("report")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.corpus, args.size, args.seed)
    else:
        report()


if __name__ == "__main__":
    main()
