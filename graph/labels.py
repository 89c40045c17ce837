"""How to name several documents so that a person can tell them apart: "Công văn 1127/LĐLĐ" is a letter of every
province's labour federation, and "Nghị quyết 06/NQ-CP" one of the government's every year. Used wherever a list
of candidates is shown (an ambiguous reference in the CLI, the REST problem, the lookup page)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from graph.models import Document
from ingest.identity import province_of

UNDATED = "không rõ ngày / undated"


def _details(document: Document) -> str:
    """ "Liên đoàn Lao động tỉnh Lai Châu, 2023-02-03": issuer, province when the issuer does not say it, date."""
    parts = [document.issuer] if document.issuer else []
    if document.province and province_of(document.issuer) != document.province:
        parts.append(document.place or document.province)  # the province is stored as a slug ("lai-chau")
    parts.append(document.issue_date or document.year or UNDATED)
    return ", ".join(parts)


def distinct_labels(documents: Sequence[Document]) -> list[str]:
    """Each document's label, with its issuer, province and date added where two documents share a label (and its
    id where even those are the same): never one name for two documents."""
    counts = Counter(d.label for d in documents)
    named = [f"{d.label} ({_details(d)})" if counts[d.label] > 1 else d.label for d in documents]
    again = Counter(named)
    return [f"{n} [{d.id}]" if again[n] > 1 else n for n, d in zip(named, documents, strict=True)]


def how_to_choose(documents: Sequence[Document]) -> str:
    """What to add to a reference to name one of `documents`: the year only when their years differ, the province
    only when those differ, else the id."""
    asks = []
    if len({d.year for d in documents}) == len(documents) and all(d.year for d in documents):
        asks.append("its year")
    if len({d.province for d in documents}) == len(documents) and all(d.province for d in documents):
        asks.append("its province")
    return "give " + ", or ".join([*asks, "its id"])


def display_name(document: Document) -> str:
    """Its label, or, for a document that has neither number, name nor subject (whose label is its id), what is
    known of it: "Quyết định, UBND tỉnh Hà Tĩnh, 2020" — an id means nothing to a reader of a chart."""
    if document.label != document.id:
        return document.label
    parts = [document.doc_type or "Văn bản", document.issuer, document.issue_date or document.year]
    return ", ".join(p for p in parts if p)


def _kept_tail(document: Document, name: str) -> str:
    """The end of a name that tells documents apart and must survive a cut: the number ("80/2015/QH13"), else a
    year that ends the name ("Luật Đất đai 2013")."""
    if document.number and name.endswith(document.number):
        return document.number
    words = name.split()
    if len(words) > 1 and len(words[-1]) == 4 and words[-1].isdigit():
        return words[-1]
    return ""


def short_label(document: Document, width: int = 42) -> str:
    """A name for a chart's axis, at most `width` characters where it can be: the head cut at a word with an
    ellipsis, the number or year kept whole ("Luật Ban hành văn bản quy phạm… 80/2015/QH13"), never a cut number
    ("…pháp luật 8")."""
    name = display_name(document)
    if len(name) <= width:
        return name
    tail = _kept_tail(document, name)
    room = width - len(tail) - 2 if tail else width - 1  # "…" and the space before the tail
    head = name[: len(name) - len(tail)].rstrip() if tail else name
    cut = head[: max(room, 1)]
    if " " in cut and not head[len(cut) : len(cut) + 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # a whole word, not half of one
    cut = cut.rstrip(" ,;-")
    return f"{cut}… {tail}" if tail else f"{cut}…"
