"""The graph the browse-page tests read: the example corpus (real annotated documents, ingested through the public API
by the `example_graph` fixture) plus one hand-made letter whose every field is hostile, so that escaping is
checked on real pages rather than on a template alone.

The hostile letter cites Nghị quyết 06/NQ-CP (so that it shows in that resolution's implementers tree and
neighbourhood graph) and a law whose name is a script (so that a placeholder's label is hostile too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph_examples import cite, document

from graph import ingest, open_store
from ingest.models import Extraction

L1127 = "vn/lai-chau/ldld/2023/1127-ldld"
NQ06 = "vn/cp/undated/06-nq-cp"
TLD5890 = "vn/tld/2023/5890-tld-cspl"
HOSTILE_ID = "vn/local/ubnd/2023/77-ubnd-vx"
HOSTILE_LAW_ID = "vn/named/2020/luat-script-alert-6-script"

SCRIPT = "<script>alert(1)</script>"
# Each alert has its own number, so that a failing test says which field got through. (The subject's
# "href=javascript:alert(3)" is left out: with no <, > or quote in it, it is the same escaped or not; what
# would make it dangerous, an attribute, is checked on its own.)
HOSTILE_STRINGS = (
    SCRIPT,
    "<img src=x onerror=alert(2)>",
    "<script>alert(4)</script>",
    "<script>alert(6)</script>",
    "<img src=x onerror=alert(7)>",
    "<a href=javascript:alert(8)>",
)

_M06 = "Nghị quyết số 06/NQ-CP của Chính phủ"
_MLAW = "Luật <script>alert(6)</script> năm 2020"
HOSTILE_TEXT = (
    "Số: 77/UBND-VX\n"
    f"V/v {SCRIPT}\n"
    f"Thực hiện {_M06} <img src=x onerror=alert(7)>;\n"
    f"Căn cứ {_MLAW};\n"
    "<a href=javascript:alert(8)>bấm vào đây</a>\n"
)


def hostile_letter() -> Extraction:
    extraction = document(
        "corpus/<script>alert(5)</script>.txt",
        "77/UBND-VX",
        "Công văn <script>alert(4)</script>",
        "<img src=x onerror=alert(2)>",
        "2023-03-10",
        f"{SCRIPT} <a href=javascript:alert(3)>xem</a> href=javascript:alert(3)",
        [
            cite(
                "06/NQ-CP",
                _M06,
                f"Thực hiện {_M06} <img src=x onerror=alert(7)>;",
                relation="implements",
                issuer="Chính phủ",
                doc_type="Nghị quyết",
                start=HOSTILE_TEXT.index(_M06),
            ),
            cite(
                "Luật <script>alert(6)</script>",
                _MLAW,
                f"Căn cứ {_MLAW};",
                relation="based_on",
                doc_type="Luật",
                title="Luật <script>alert(6)</script>",
                date="2020",
                start=HOSTILE_TEXT.index(_MLAW),
            ),
        ],
    )
    return extraction.model_copy(update={"text": HOSTILE_TEXT})


def pages_graph(example_graph: Path, folder: Path) -> Path:
    """A copy of the example graph with the hostile letter added."""
    copy = folder / "pages.db"
    with sqlite3.connect(example_graph) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with open_store(f"sqlite:///{copy}") as store:
        summary = ingest(store, [hostile_letter()])
        assert not summary.errors, summary.errors
        assert store.get(HOSTILE_ID) is not None and store.get(HOSTILE_LAW_ID) is not None
    return copy
