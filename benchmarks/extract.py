"""Extraction throughput in MB/s of text, against the floor of any extractor measured in the same run.

    .venv/bin/python benchmarks/extract.py [--mb 20] [--workers 2]

The corpus is examples/corpus repeated until it holds at least --mb megabytes of UTF-8 text. Measured:
- baseline: one compiled regular expression finding "số + symbol" over the raw texts, on one core;
- pipeline: read-free extraction (normalise → spaCy pipeline → Extraction) with `nlp.pipe`, on one core, and
  two of its parts alone: normalisation, and making the spaCy `Doc` (the floor of any spaCy pipeline);
- processes: the same over --workers processes (`extract_paths` on files written to a temporary folder).
The ratio pipeline/baseline is what the closing note reports.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import extract_paths, extract_texts  # noqa: E402
from ingest.normalise import normalise  # noqa: E402
from ingest.pipeline import build_pipeline  # noqa: E402

BASELINE = re.compile(r"số\s*\d+[/-][\w/&-]+")


def corpus(megabytes: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for text in texts:
            out.append(text)
            size += len(text.encode("utf-8"))
    return out


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    console = Console(stderr=True)
    texts = corpus(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    console.print(f"corpus: {len(texts)} documents, {mb:.1f} MB")

    found = 0

    def baseline() -> None:
        nonlocal found
        found = sum(len(BASELINE.findall(t)) for t in texts)

    t_base = timed(baseline)
    normalised: list[str] = []
    t_norm = timed(lambda: normalised.extend(normalise(t).text for t in texts))
    tokenizer = build_pipeline().tokenizer
    t_tok = timed(lambda: [tokenizer(t) for t in normalised])
    citations = 0

    def pipeline() -> None:
        nonlocal citations
        citations = sum(len(e.citations) for e in extract_texts((t, str(i)) for i, t in enumerate(texts)))

    t_pipe = timed(pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, text in enumerate(texts):
            path = Path(tmp) / f"doc{i:06d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        t_proc = timed(lambda: sum(1 for _ in extract_paths(paths, workers=args.workers)))

    table = Table(title=f"Extraction over {mb:.1f} MB ({len(texts)} documents)")
    for column in ("run", "seconds", "MB/s", "× baseline time", "found"):
        table.add_column(column, justify="right" if column != "run" else "left")
    table.add_row("baseline regex, 1 core", f"{t_base:.2f}", f"{mb / t_base:.1f}", "1.0", f"{found} numbers")
    for name, seconds in (("of which: normalise", t_norm), ("of which: making the spaCy Doc", t_tok)):
        table.add_row(name, f"{seconds:.2f}", f"{mb / seconds:.2f}", f"{seconds / t_base:.0f}", "")
    table.add_row(
        "pipeline, 1 core",
        f"{t_pipe:.2f}",
        f"{mb / t_pipe:.2f}",
        f"{t_pipe / t_base:.0f}",
        f"{citations} citations",
    )
    table.add_row(
        f"pipeline, {args.workers} processes (files)",
        f"{t_proc:.2f}",
        f"{mb / t_proc:.2f}",
        f"{t_proc / t_base:.0f}",
        "",
    )
    Console().print(table)


if __name__ == "__main__":
    main()
