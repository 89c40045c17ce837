"""A citation (`Reference`) → the id of the document it means, how sure that is, and what else it could mean.

Rules, in order (the confidence each gives is the constant named beside it):
1. exact (EXACT): a number whose year is known (in the number or the citation's date) and, for a local number,
   whose province is known (stated, else the citing document's) names one document: its canonical id. Fixed:
   nothing the graph learns later changes it.
2. a name with a year ("Luật Đất đai 2013"): the one numbered document of that name and year when the graph
   knows it (`alias`, ALIAS: "Luật Đất đai số 45/2013/QH13"), else the one other document of that name and year,
   else its own id `vn/named/2013/luat-dat-dai` (exact). Two numbered documents of one name and year: ambiguous.
3. a local number whose province is unknown: never guessed across provinces; the placeholder, with every
   document it could mean listed (ambiguous, AMBIGUOUS) or none (unresolved, UNRESOLVED).
4. no year ("Nghị quyết 06/NQ-CP", "Luật Đất đai"): the latest matching document issued on or before the citing
   one (`latest`: LATEST_ONLY when it is the only one, LATEST_AMONG when earlier ones match too, which are listed).
   When the citing document has no date, only a single match is taken (UNBOUNDED_ONLY). A tie for the latest
   date is ambiguous.
5. nothing matches: the citation's own id, a placeholder ("undated"/"local" in it), unresolved.
Only documents whose own identity is definite (year known, province known for local numbers) are candidates:
an undated placeholder is not "a document issued before".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.identity import Reference
from graph.models import Resolution

EXACT = 1.0
ALIAS = 0.95  # the name and year of a numbered document: laws are cited by both
LATEST_ONLY = 0.9  # the only document of that number or name issued before the citing one
LATEST_AMONG = 0.8  # the latest of several: the rule decides, the others are listed
UNBOUNDED_ONLY = 0.6  # the only match, but the citing document has no date to bound it
UNRESOLVED = 0.5  # a placeholder that may stand for several documents (undated or province unknown)
AMBIGUOUS = 0.3  # several documents fit and no rule decides: the placeholder, with the candidates

# What a person should check (GraphStore.to_review): a target the rules chose by date or could not choose, and
# anything less sure than the latest of several (an unresolved placeholder, an unbounded single match).
UNCERTAIN_METHODS = ("latest", "ambiguous")
REVIEW_BELOW = LATEST_AMONG


@dataclass(frozen=True)
class Candidate:
    """A document of the graph that a match key finds."""

    id: str
    date: str | None  # issue date, or year when only that is known
    year: str | None
    province: str | None
    numbered: bool
    definite: bool


@dataclass(frozen=True)
class Resolved:
    target: str
    resolution: Resolution
    fixed: bool  # true when no later document can change the answer


def _on_or_before(date: str | None, bound: str) -> bool:
    """Compared at the precision both have: "2023" is not after "2023-02-03"."""
    if not date:
        return False
    k = min(len(date), len(bound))
    return date[:k] <= bound[:k]


def _by_date(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.date or "", c.id), reverse=True)


def _latest(pool: list[Candidate]) -> list[Candidate]:
    """The candidates that share the latest date; a year alone ties with every date of that year."""
    top_year = max(c.year or "" for c in pool)
    top = [c for c in pool if c.year == top_year]
    if len(top) > 1 and all(c.date and len(c.date) == 10 for c in top):
        best = max(c.date or "" for c in top)
        top = [c for c in top if c.date == best]
    return top


_PLAIN: dict[tuple[str, float], Resolution] = {}


def _result(method: str, confidence: float, candidates: Sequence[Candidate] = ()) -> Resolution:
    """A Resolution; one shared object per (method, confidence) without candidates, as this runs for every
    citation (Resolutions are frozen)."""
    if not candidates:
        plain = _PLAIN.get((method, confidence))
        if plain is None:
            plain = _PLAIN[method, confidence] = Resolution(method=method, confidence=confidence)
        return plain
    return Resolution(method=method, confidence=confidence, candidates=[c.id for c in candidates])


def resolve(ref: Reference, candidates: Sequence[Candidate], exclude: str | None = None) -> Resolved:
    """The document `ref` means among `candidates` (the documents its match key finds) but `exclude` (the
    document at the other end of the edge: no document cites itself)."""
    own = ref.own_id()
    if ref.number and ref.definite:
        return Resolved(own, _result("exact", EXACT), fixed=True)
    pool = [c for c in candidates if c.definite and c.id != exclude]
    if ref.local:
        pool = [c for c in pool if ref.province is None or c.province == ref.province]
    if ref.year is not None:
        pool = [c for c in pool if c.year == ref.year]

    if ref.number is None and ref.year is not None:  # a name and a year
        numbered = [c for c in pool if c.numbered]
        others = [c for c in pool if not c.numbered and c.id != own]
        for group in (numbered, others):
            if len(group) == 1:
                return Resolved(group[0].id, _result("alias", ALIAS), fixed=False)
            if len(group) > 1:
                return Resolved(own, _result("ambiguous", AMBIGUOUS, _by_date(group)), fixed=False)
        return Resolved(own, _result("exact", EXACT), fixed=False)

    if ref.before:
        pool = [c for c in pool if _on_or_before(c.date, ref.before)]
    if ref.number is None:  # a name found both as a numbered law and by name in one year is one law
        numbered_years = {c.year for c in pool if c.numbered}
        pool = [c for c in pool if c.numbered or c.year not in numbered_years]
    if not pool:
        return Resolved(own, _result("unresolved", UNRESOLVED), fixed=False)
    if ref.local and ref.province is None:
        return Resolved(own, _result("ambiguous", AMBIGUOUS, _by_date(pool)), fixed=False)
    if not ref.before:
        if len(pool) == 1:
            return Resolved(pool[0].id, _result("latest", UNBOUNDED_ONLY), fixed=False)
        return Resolved(own, _result("ambiguous", AMBIGUOUS, _by_date(pool)), fixed=False)
    top = _latest(pool)
    if len(top) > 1:
        return Resolved(own, _result("ambiguous", AMBIGUOUS, _by_date(top)), fixed=False)
    chosen = top[0]
    if len(pool) == 1:
        return Resolved(chosen.id, _result("latest", LATEST_ONLY), fixed=False)
    return Resolved(chosen.id, _result("latest", LATEST_AMONG, _by_date(pool)), fixed=False)
