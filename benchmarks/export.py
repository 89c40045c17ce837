"""Export time and file size on a large subgraph (default 2,000 documents, 5,000 citations), for the formats a
briefing uses: the interactive HTML and the static SVG (Graphviz dot, and the pure-Python fallback). The
baseline, measured in the same run, is the subgraph written as JSON (`Subgraph.model_dump_json`): what any
export must at least do, read every document and edge once; each format's time is also given as a ratio to it.

    .venv/bin/python benchmarks/export.py [--nodes 2000] [--edges 5000] [--formats html,svg,svg-fallback]

The subgraph has the shape of a real citation graph: a few laws on top, decrees and circulars citing them,
provincial decisions citing those, and many letters citing anything above them, with the relations in the
proportions of examples/corpus. Documents are made up; labels are Vietnamese, as real ones are."""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import Document, Edge, Resolution, Subgraph
from graph.exports import ExportOptions, render, static

# (share of documents, type, number pattern, issuer); higher tiers first: a document cites tiers above it.
TIERS = (
    (0.03, "Luật", "{n}/{y}/QH{k}", "Quốc hội"),
    (0.07, "Nghị định", "{n}/{y}/NĐ-CP", "Chính phủ"),
    (0.10, "Thông tư", "{n}/{y}/TT-BTC", "Bộ Tài chính"),
    (0.20, "Quyết định", "{n}/{y}/QĐ-UBND", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    (0.60, "Công văn", "{n}/UBND-KGVX", "Ủy ban nhân dân tỉnh Tiền Giang"),
)
RELATIONS = (("based_on", 0.45), ("cites", 0.22), ("implements", 0.12), ("amends", 0.08), ("guides", 0.06))
RELATIONS += (("responds_to", 0.05), ("replaces", 0.02))
EVIDENCE = "Căn cứ {label} ngày 19 tháng 6 năm {year} về việc hướng dẫn thực hiện chính sách phát triển thị trường lao động;"


def synthetic(nodes: int, edges: int, seed: int = 5) -> Subgraph:
    rng = random.Random(seed)
    documents: list[Document] = []
    tier_of: list[int] = []
    for tier, (share, doc_type, pattern, issuer) in enumerate(TIERS):
        count = max(1, round(share * nodes)) if tier < len(TIERS) - 1 else nodes - len(documents)
        for _ in range(count):
            year = rng.randint(2005, 2025)
            number = pattern.format(n=rng.randint(1, 9999), y=year, k=11 + (year - 2002) // 5)
            documents.append(
                Document(
                    id=f"vn/synth/{len(documents)}",
                    placeholder=rng.random() < 0.3,
                    number=number,
                    doc_type=doc_type,
                    issuer=issuer,
                    issue_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    subject="về việc thực hiện chính sách hỗ trợ người lao động bị ảnh hưởng",
                )
            )
            tier_of.append(tier)
    first_of_tier = [tier_of.index(t) for t in range(len(TIERS))]
    names, weights = zip(*RELATIONS, strict=True)
    chosen: list[Edge] = []
    seen: set[tuple[int, int]] = set()
    while len(chosen) < edges:
        source = rng.randrange(first_of_tier[1], len(documents))
        target = rng.randrange(0, first_of_tier[tier_of[source]])  # a document of a tier above
        if (source, target) in seen:
            continue
        seen.add((source, target))
        cited = documents[target]
        chosen.append(
            Edge(
                source=documents[source].id,
                target=cited.id,
                relation=rng.choices(names, weights)[0],
                source_doc=documents[source].id,
                evidence=EVIDENCE.format(label=cited.label, year=(cited.issue_date or "2015")[:4]),
                confidence=0.9,
                cited_as=cited.number or cited.id,
                resolution=Resolution(method="exact", confidence=1.0),
            )
        )
    return Subgraph(documents=documents, edges=chosen)


def _measure(make: Callable[[], bytes]) -> tuple[float, int]:
    start = time.perf_counter()
    data = make()
    return time.perf_counter() - start, len(data)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--formats", default="html,svg,svg-fallback")
    args = parser.parse_args()
    subgraph = synthetic(args.nodes, args.edges)
    root = subgraph.documents[0].id
    options = ExportOptions(max_nodes=len(subgraph.documents))
    dot = static.dot_available()

    def export(fmt: str) -> Callable[[], bytes]:
        return lambda: render(subgraph, fmt, root=root, options=options).payload()

    def fallback() -> bytes:
        real, static.dot_available = static.dot_available, lambda: False  # type: ignore[method-assign]
        try:
            return render(subgraph, "svg", root=root, options=options).payload()
        finally:
            static.dot_available = real  # type: ignore[method-assign]

    runs = {"html": export("html"), "svg": export("svg"), "png": export("png"), "svg-fallback": fallback}
    print(f"{len(subgraph.documents)} documents, {len(subgraph.edges)} citations; Graphviz dot: {dot}")
    print(f"{'format':<16}{'seconds':>9}{'size':>12}{'x baseline':>12}")
    baseline, size = min(_measure(lambda: subgraph.model_dump_json().encode()) for _ in range(3))
    print(f"{'baseline (json)':<16}{baseline:>9.3f}{size / 1_000_000:>9.2f} MB{1:>11.0f}x", flush=True)
    for name in args.formats.split(","):
        if name in ("svg", "png") and not dot:
            print(f"{name:<16}{'(no dot)':>9}")
            continue
        seconds, size = _measure(runs[name])
        print(f"{name:<16}{seconds:>9.2f}{size / 1_000_000:>9.2f} MB{seconds / baseline:>11.0f}x", flush=True)


if __name__ == "__main__":
    main()
