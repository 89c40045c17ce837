"""Is it still in force? A document's state on a date, and its timeline, derived from what the graph holds: the
document's own entry into force and expiry (read by ingest/validity.py, stored on its node) and the edges that
change its force (amends, replaces, repeals: `ingest.relation_table.CHANGES_FORCE`), each with its sentence.
Pure: graph/base.py reads what an answer rests on, in one read transaction of any store, and hands it here.

The rules, in the order they decide (`status`):
1. A whole replacement or repeal in effect on the date, or the document's own expiry passed: replaced, repealed or
   expired, whichever came first. A replacement or repeal takes effect when the acting document enters into force
   (its issue date when its text names none; when neither is known, it counts as in effect: a text says so).
2. A placeholder (cited, never ingested): nothing of its own says when it entered into force: unknown. Only an
   ending of rule 1 decides it; its amendments are listed all the same.
3. Before its entry into force (or its issue date, when its text names none): not yet in force.
4. Suspended, partly repealed, amended, in that order: in force with these changes (a document that others act on
   had entered into force, even when its own text does not say when).
5. In force from its stated entry into force; without one, unknown, never "in force" by default.
Relations stated by a third document (asserted edges: "Nghị định số 46/2016/NĐ-CP đã được thay thế bởi …" in a
letter) count as the acting document's own: their edge names the text that states them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from graph.models import (
    Change,
    Document,
    Edge,
    Effect,
    Status,
    Timeline,
    TimelineEvent,
    TimelineKind,
    ValidityState,
)
from ingest.relation_table import CHANGES_FORCE

MAX_CHAIN = 50  # replacements followed from a document to the one in force in its place (a loop stops sooner)
GUIDES = "guides"  # guidance documents issued under it: on the timeline, no effect on its force


@dataclass(frozen=True)
class StateKind:
    label: str  # the category thuvienphapluat.vn and vbpl.vn show, so that the two can be compared
    phrase: str  # what happened to it, for the detail sentence
    in_force: bool | None
    tone: str  # the badge's colour on the browse pages: valid, pending, partial, ended, unknown


STATES: dict[ValidityState, StateKind] = {
    "in_force": StateKind("Còn hiệu lực", "có hiệu lực", True, "valid"),
    "amended": StateKind("Còn hiệu lực", "được sửa đổi, bổ sung", True, "valid"),
    "not_yet_in_force": StateKind("Chưa có hiệu lực", "chưa có hiệu lực", False, "pending"),
    "partly_repealed": StateKind("Hết hiệu lực một phần", "bị bãi bỏ", True, "partial"),
    "suspended": StateKind("Ngưng hiệu lực", "bị tạm ngưng hiệu lực", False, "partial"),
    "expired": StateKind("Hết hiệu lực toàn bộ", "hết hiệu lực", False, "ended"),
    "replaced": StateKind("Hết hiệu lực toàn bộ", "bị thay thế", False, "ended"),
    "repealed": StateKind("Hết hiệu lực toàn bộ", "bị bãi bỏ", False, "ended"),
    "unknown": StateKind("Không rõ", "không rõ hiệu lực", None, "unknown"),
}

# (relation, whole) → what the edge does to its target's force; a detail read from its clause
# (ingest/relation_table.py, DETAIL_TABLE) comes first.
EFFECTS: dict[tuple[str, bool], Effect] = {
    ("replaces", True): "replaces",
    ("replaces", False): "amends",  # "thay thế Điều 5 …": those parts are rewritten, the document goes on
    ("repeals", True): "repeals",
    ("repeals", False): "partly_repeals",
    ("amends", True): "amends",
    ("amends", False): "amends",
}
DETAIL_EFFECTS: dict[str, Effect] = {"suspends": "suspends", "partially_repeals": "partly_repeals"}
# Whole changes that end the document (rule 1), and those it lives on with (rule 4, in this order).
ENDINGS: dict[Effect, ValidityState] = {"replaces": "replaced", "repeals": "repealed"}
ONGOING: tuple[tuple[Effect, ValidityState], ...] = (
    ("suspends", "suspended"),
    ("partly_repeals", "partly_repealed"),
    ("amends", "amended"),
)

# The timeline: what each change is as an event, and the labels of events.
EVENT_OF: dict[Effect, TimelineKind] = {
    "amends": "amended",
    "replaces": "replaced",
    "repeals": "repealed",
    "partly_repeals": "partly_repealed",
    "suspends": "suspended",
}
EVENT_LABELS: dict[TimelineKind, str] = {
    "issued": "Ban hành",
    "in_force": "Có hiệu lực",
    "expires": "Hết hiệu lực",
    "amended": "Được sửa đổi, bổ sung",
    "replaced": "Bị thay thế",
    "repealed": "Bị bãi bỏ",
    "partly_repealed": "Bị bãi bỏ một phần",
    "suspended": "Bị tạm ngưng hiệu lực",
    "guided": "Được hướng dẫn thi hành",
}

# "… có hiệu lực đến hết ngày 31/12/2025", a plan of "giai đoạn 2021 - 2025": the date is its last day in force;
# "hết hiệu lực kể từ ngày 01/01/2026" names the first day out of force.
_LAST_DAY_IN_FORCE = re.compile(r"\bđến\b|giai\s+đoạn", re.IGNORECASE)


def day(text: str | None) -> date | None:
    """A full ISO date as a date; None for a year alone, a month, or nothing."""
    if text is None or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def vi_date(text: str | None) -> str:
    """ "2020-01-01" → "01/01/2020", as Vietnamese texts write dates; a year stays as it is."""
    parsed = day(text)
    return parsed.strftime("%d/%m/%Y") if parsed else (text or "")


def effect_of(edge: Edge) -> Effect:
    whole = edge.parts is None and edge.relation_detail != "partially_repeals"
    detail = DETAIL_EFFECTS.get(edge.relation_detail or "")
    return detail or EFFECTS[edge.relation, whole]


def took_effect(acting: Document) -> str | None:
    """When what a document does to another takes effect: its entry into force, else its issue date."""
    return next((d for d in (acting.effective_date, acting.issue_date) if day(d)), None)


def changes(edges: Iterable[Edge], documents: Mapping[str, Document], as_of: date) -> list[Change]:
    """The edges that change the force of their target, as Changes on `as_of`, in date order (undated last)."""
    found = []
    for edge in edges:
        if edge.relation not in CHANGES_FORCE:
            continue
        acting = documents[edge.source]
        start = took_effect(acting)
        found.append(
            Change(
                effect=effect_of(edge),
                by=acting,
                parts=edge.parts,
                from_date=start,
                in_effect=start is None or (day(start) or as_of) <= as_of,
                edge=edge,
            )
        )
    return sorted(found, key=lambda c: (c.from_date or acting_year(c.by) or "~", c.by.id))


def acting_year(document: Document) -> str | None:
    return document.issue_date or document.year


def replacement(of: Iterable[Change]) -> Change | None:
    """The first whole replacement in effect: the next link of a chain to the document in force in a place."""
    return next((c for c in of if c.effect == "replaces" and c.parts is None and c.in_effect), None)


def _expiry(document: Document, as_of: date) -> tuple[bool, str | None]:
    """Whether its own expiry has passed on `as_of`, and the first day it is out of force (ISO)."""
    last = day(document.expiry_date)
    if document.placeholder or last is None:
        return False, None
    if _LAST_DAY_IN_FORCE.search(document.expiry_text or "giai đoạn"):
        return as_of > last, date.fromordinal(last.toordinal() + 1).isoformat()
    return as_of >= last, last.isoformat()


def _by(change: Change, documents: Mapping[str, Document]) -> str:
    """ "Nghị định 100/2019/NĐ-CP từ 01/01/2020 (theo Công văn 1520/CAT-PC08)": who, from when, stated by whom."""
    text = f"bởi {change.by.label}"
    if change.parts and change.effect == "amends":
        text += f" ({'; '.join(change.parts)})"
    elif change.parts:  # "bị bãi bỏ Điều 5 bởi …"
        text = f"{', '.join(change.parts)} {text}"
    if change.from_date:
        text += f" từ {vi_date(change.from_date)}"
    if change.edge.asserted_by:
        stating = documents.get(change.edge.asserted_by)
        text += f" (theo {stating.label if stating else change.edge.asserted_by})"
    return text


def _who(acting: list[Change], documents: Mapping[str, Document]) -> str:
    """Each acting document once: a text that says it of itself is enough, another's statement is named."""
    first: dict[tuple[str, str], Change] = {}
    for change in sorted(acting, key=lambda c: c.edge.asserted_by is not None):
        first.setdefault((change.by.id, ",".join(change.parts or ())), change)
    return "; ".join(_by(c, documents) for c in first.values())


def status(
    document: Document,
    found: list[Change],
    documents: Mapping[str, Document],
    as_of: date,
    chain: list[Change] | None = None,
) -> Status:
    """The document's state on `as_of` (the rules of the module docstring), with what it rests on."""

    def answer(
        state: ValidityState,
        detail: str,
        *,
        since: str | None = None,
        evidence: str | None = None,
        rests_on: list[Change] | None = None,
        in_force: bool | None = None,
    ) -> Status:
        kind = STATES[state]
        return Status(
            document=document,
            as_of=as_of,
            state=state,
            label=kind.label,
            detail=detail,
            in_force=kind.in_force if in_force is None else in_force,
            since=since,
            evidence=evidence,
            rests_on=rests_on or [],
            changes=found,
            replaced_by=chain or [],
        )

    in_effect = [c for c in found if c.in_effect]
    # 1. what ended it, the earliest first: a whole replacement or repeal, or its own expiry
    endings = [c for c in in_effect if c.effect in ENDINGS and c.parts is None]
    expired, out_from = _expiry(document, as_of)
    first = endings[0] if endings else None
    if expired and (first is None or (first.from_date or "~") >= (out_from or "")):
        return answer(
            "expired", f"hết hiệu lực từ {vi_date(out_from)}", since=out_from, evidence=document.expiry_text
        )
    if first is not None:
        state = ENDINGS[first.effect]
        same = [c for c in endings if c.effect == first.effect]
        detail = f"{STATES[state].phrase} {_who(same, documents)}"
        return answer(state, detail, since=first.from_date, rests_on=same)
    # 2. a placeholder says nothing of its own
    if document.placeholder:
        return answer("unknown", "văn bản chỉ được dẫn chiếu, chưa có trong đồ thị: không rõ hiệu lực")
    # 3. before it entered into force
    effective = day(document.effective_date)
    issued = day(document.issue_date)
    if effective is not None and as_of < effective:
        return answer(
            "not_yet_in_force",
            f"có hiệu lực từ {vi_date(document.effective_date)}",
            since=None,
            evidence=document.effective_text,
        )
    if effective is None and issued is not None and as_of < issued:
        return answer("not_yet_in_force", f"ban hành ngày {vi_date(document.issue_date)}")
    # 4. in force, with what changed it
    for effect, state in ONGOING:
        acting = [c for c in in_effect if c.effect == effect]
        if acting:
            detail = f"{STATES[state].phrase} {_who(acting, documents)}"
            whole = any(c.parts is None for c in acting)
            return answer(
                state,
                detail,
                since=acting[-1].from_date,
                evidence=document.effective_text,
                rests_on=acting,
                in_force=(not whole) if effect == "suspends" else None,
            )
    # 5. in force from its stated date, or unknown
    if effective is not None:
        return answer(
            "in_force",
            f"có hiệu lực từ {vi_date(document.effective_date)}",
            since=document.effective_date,
            evidence=document.effective_text,
        )
    return answer(
        "unknown",
        "văn bản không ghi ngày có hiệu lực và không văn bản nào trong đồ thị thay đổi hiệu lực của nó",
    )


def timeline(document: Document, edges: Iterable[Edge], documents: Mapping[str, Document]) -> Timeline:
    """The document's life, each event with its evidence, in date order (undated last)."""
    events: list[TimelineEvent] = []

    def own(kind: TimelineKind, when: str | None, evidence: str | None) -> None:
        if when:
            events.append(TimelineEvent(date=when, kind=kind, label=EVENT_LABELS[kind], evidence=evidence))

    own("issued", document.issue_date, None)
    own("in_force", document.effective_date, document.effective_text)
    if document.expiry_date:
        _, out_from = _expiry(document, date.max)
        own("expires", out_from, document.expiry_text)
    edges = list(edges)
    for change in changes(edges, documents, date.max):
        kind = EVENT_OF[change.effect]
        events.append(
            TimelineEvent(
                date=change.from_date or acting_year(change.by),
                kind=kind,
                label=EVENT_LABELS[kind],
                document=change.by,
                parts=change.parts,
                evidence=change.edge.evidence,
                edge=change.edge,
            )
        )
    for edge in edges:
        if edge.relation == GUIDES:
            guide = documents[edge.source]
            events.append(
                TimelineEvent(
                    date=guide.issue_date or guide.year,
                    kind="guided",
                    label=EVENT_LABELS["guided"],
                    document=guide,
                    evidence=edge.evidence,
                    edge=edge,
                )
            )
    order = list(EVENT_LABELS)
    events.sort(key=lambda e: (e.date or "~", order.index(e.kind), e.document.id if e.document else ""))
    return Timeline(document=document, events=events)


# A citation of a document no longer in force on the citing text's date: what staff look for in letters that rely on
# dead law. Not for the texts that end or change it (they cite it to do so) nor for a relation a third text states.
ENDED: frozenset[ValidityState] = frozenset({"replaced", "repealed", "expired"})


def stale_citation(edge: Edge, citing: Document | None, cited: Status | None) -> str | None:
    """ "trích dẫn văn bản đã bị thay thế từ ngày 01/01/2020" when `cited` (the target's status, on any date
    after: an ending, once in effect, stays) had ended on the citing document's issue date; else None."""
    if cited is None or citing is None or edge.asserted_by or edge.relation in CHANGES_FORCE:
        return None
    issued, since = day(citing.issue_date), day(cited.since)
    if cited.state not in ENDED or issued is None or (since is not None and issued < since):
        return None
    text = f"trích dẫn văn bản đã {STATES[cited.state].phrase}"
    return f"{text} từ ngày {vi_date(cited.since)}" if since else text
