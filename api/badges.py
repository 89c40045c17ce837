"""What a status badge says on the browse pages: its colour (the state's tone, graph/validity.py STATES) and the
text shown on hover, the evidence a legal user checks it by. Plain text: the templates escape it."""

from __future__ import annotations

from graph.models import Status
from graph.validity import STATES

HOVER_SENTENCES = 3  # sentences in a hover: the page's timeline has every one


def status_tone(status: Status) -> str:
    return STATES[status.state].tone


def status_hover(status: Status) -> str:
    """ "Hết hiệu lực toàn bộ: bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 01/01/2020 — “Nghị định này thay thế …”" """
    sentences = [c.edge.evidence for c in status.rests_on[:HOVER_SENTENCES]]
    if status.evidence and not sentences:
        sentences = [status.evidence]
    quoted = " ".join(f"“{' '.join(s.split())}”" for s in sentences)
    return f"{status.label}: {status.detail}" + (f" — {quoted}" if quoted else "")
