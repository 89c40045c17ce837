"""How sure an extracted citation is: the share of such citations that were right on the annotated corpus.

A citation's kind is how its relation was read (`how`: the cue opening its clause, a list it belongs to, a cue
inside the clause, a description of another document, no cue at all), the relation read, and whether it has a
number (a number-less name is more often not a citation at all). `ingest/data/confidence.tsv` holds, for each kind,
how many such citations `lexgraph extract` made on `examples/corpus` and how many were right (the right document
with the right relation), written by `benchmarks/calibrate.py`; the confidence is that share, smoothed so that a
rare kind stays near the share of its `how`. A kind the table does not know gets its `how`'s prior.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "confidence.tsv"

# Before any measurement (and for a kind never seen): how sure each way of reading a relation is.
PRIORS: dict[str, float] = {"clause": 0.9, "coordinated": 0.85, "cue": 0.75, "nested": 0.6, "none": 0.5}
ASSERTED_PRIOR = 0.8
_WEIGHT = 4.0  # pseudo-counts of the prior in the smoothed share


@dataclass(frozen=True)
class Cell:
    how: str
    relation: str
    numbered: bool
    predicted: int
    correct: int


@lru_cache(maxsize=1)
def _cells() -> dict[tuple[str, str, bool], Cell]:
    if not TABLE.exists():
        return {}
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    cells = [
        Cell(r["how"], r["relation"], r["numbered"] == "yes", int(r["predicted"]), int(r["correct"]))
        for r in rows
    ]
    return {(c.how, c.relation, c.numbered): c for c in cells}


def confidence(how: str, relation: str, numbered: bool) -> float:
    """The measured share right for citations of this kind, smoothed towards the prior of `how`."""
    prior = ASSERTED_PRIOR if how == "asserted" else PRIORS.get(how, 0.5)
    cell = _cells().get((how, relation, numbered))
    if cell is None:
        return prior
    return round((cell.correct + _WEIGHT * prior) / (cell.predicted + _WEIGHT), 2)
