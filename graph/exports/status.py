"""Each document's status in an export (graph/validity.py derives it; `GraphStore.statuses` reads it for the
subgraph's documents in one batch, and `render` takes it: an export never reads the store itself).

What each format makes of it, as data: a border colour per tone in the pictures (the tones of the browse pages'
badges), with a legend entry in Vietnamese; attributes in GraphML, GEXF and CSV; ELI's in-force terms in JSON-LD.
Plain text and numbers here; each renderer escapes them for its own output."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.models import Document, Status
from graph.validity import STATES, day, vi_date

# The border of a document in html and svg, by the tone of its state (STATES): the badge colours of the pages,
# darker, so that a 2 px line reads on white. An unknown state keeps the usual border: no colour claims anything.
TONE_BORDERS: dict[str, str] = {
    "valid": "#2E7D32",
    "pending": "#B8860B",
    "partial": "#E07000",
    "ended": "#C62828",
}
BORDER_WIDTH = 2.0
LEGEND_TITLE = "Hiệu lực (màu viền)"
UNKNOWN_LEGEND = "Không rõ hiệu lực (viền thường)"
# The legend's words for a tone: the labels of its states, as the portals name them ("Hết hiệu lực toàn bộ").
TONE_NAMES: dict[str, str] = {
    tone: ", ".join(dict.fromkeys(kind.label for kind in STATES.values() if kind.tone == tone))
    for tone in (*TONE_BORDERS, "unknown")
}

# ELI's InForce table (eli:in_force): in force, not in force, partially in force. A document repealed in part, or
# suspended in part, is partially in force; "unknown" states nothing.
ELI_IN_FORCE = "http://data.europa.eu/eli/ontology#InForce-inForce"
ELI_NOT_IN_FORCE = "http://data.europa.eu/eli/ontology#InForce-notInForce"
ELI_PARTIALLY_IN_FORCE = "http://data.europa.eu/eli/ontology#InForce-partiallyInForce"
_ENDED = frozenset({"expired", "replaced", "repealed"})  # states whose `since` is the first day out of force


def border(status: Status | None) -> str | None:
    """The border colour of a document in a picture; None: the usual one."""
    return TONE_BORDERS.get(STATES[status.state].tone) if status else None


def legend(statuses: Mapping[str, Status], documents: Iterable[Document]) -> list[tuple[str, str | None]]:
    """(words, border colour or None for the usual border) of each tone the pictured documents have, in the
    order of TONE_NAMES."""
    tones = {STATES[statuses[d.id].state].tone for d in documents if d.id in statuses}
    return [
        (TONE_NAMES[t] if t in TONE_BORDERS else UNKNOWN_LEGEND, TONE_BORDERS.get(t))
        for t in TONE_NAMES
        if t in tones
    ]


def tooltip(text: str, status: Status | None) -> str:
    """A document's tooltip with its status: "Hiệu lực ngày 01/06/2025: Hết hiệu lực toàn bộ — bị thay thế …"."""
    if status is None:
        return text
    return f"{text}\nHiệu lực ngày {vi_date(status.as_of.isoformat())}: {status.label} — {status.detail}"


def attributes(status: Status | None) -> dict[str, Any]:
    """GraphML, GEXF and CSV: the state's name, its Vietnamese label, whether in force (None: unknown), the date
    it holds from and the date it was derived for."""
    if status is None:
        return {}
    return {
        "status": status.state,
        "status_label": status.label,
        "in_force": status.in_force,
        "status_since": status.since,
        "status_as_of": status.as_of.isoformat(),
    }


def eli_in_force(status: Status) -> str | None:
    if status.state == "unknown" or status.in_force is None:
        return None
    if status.state == "partly_repealed" or (status.state == "suspended" and status.in_force):
        return ELI_PARTIALLY_IN_FORCE
    return ELI_IN_FORCE if status.in_force else ELI_NOT_IN_FORCE


def eli_dates(document: Document, status: Status | None) -> dict[str, str]:
    """eli:first_date_entry_in_force (its text's entry into force) and eli:date_no_longer_in_force (the first day
    of a replacement, repeal or expiry in effect on the status's date), both xsd:date: full dates only."""
    dates = {"first_date_entry_in_force": document.effective_date}
    if status is not None and status.state in _ENDED:
        dates["date_no_longer_in_force"] = status.since
    return {key: value for key, value in dates.items() if value and day(value)}
