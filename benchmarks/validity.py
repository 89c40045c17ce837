"""Derived status against what a portal states (issue 12, "Measured"): ingest examples/corpus, then, for every
document whose annotated gold records the status a site shows (`site_relations` / `site_metadata` of
examples/corpus/*.gold.json: "Tình trạng hiệu lực: Hết hiệu lực", "Hiệu lực: Còn hiệu lực"), compare the status
lexgraph derives on --as-of (today) with it, in the portals' categories (graph/validity.py STATES labels).

    .venv/bin/python benchmarks/validity.py [--corpus examples/corpus] [--as-of YYYY-MM-DD] [--json FILE]

Reported: the documents with a stated status, how often the derived one agrees, how often it is "unknown" (the
graph holds nothing that decides it), and the confusion table (stated × derived). A field that says only "Đã
biết" is thuvienphapluat.vn's placeholder for a members-only field, not a status: counted apart, never compared.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import ingest, open_store  # noqa: E402
from ingest.extract import extract_paths  # noqa: E402

# What a portal writes → the category it means (the labels of graph/validity.py STATES). Longest first: "Hết hiệu
# lực một phần" is not "Hết hiệu lực".
PORTAL_STATES: tuple[tuple[str, str], ...] = (
    ("hết hiệu lực một phần", "Hết hiệu lực một phần"),
    ("hết hiệu lực toàn bộ", "Hết hiệu lực toàn bộ"),
    ("hết hiệu lực", "Hết hiệu lực toàn bộ"),
    ("còn hiệu lực", "Còn hiệu lực"),
    ("chưa có hiệu lực", "Chưa có hiệu lực"),
    ("ngưng hiệu lực", "Ngưng hiệu lực"),
    ("tạm ngưng", "Ngưng hiệu lực"),
)
HIDDEN = "đã biết"  # thuvienphapluat.vn's members-only placeholder
_STATUS_FIELD = re.compile(r"(?:tình trạng(?: hiệu lực)?|hiệu lực)\s*:\s*([^;\"\n]+)", re.IGNORECASE)


def stated(gold: dict[str, Any]) -> str | None:
    """The portal's status in the gold: a category, HIDDEN, or None when the gold records none."""
    found: list[str] = []
    for key in ("site_relations", "site_metadata"):
        items = gold.get(key) or []
        for item in items if isinstance(items, list) else [items]:
            text = item.get("text", "") if isinstance(item, dict) else str(item)
            if isinstance(item, dict) and item.get("relation") == "status":
                found.append(text.split(":", 1)[-1])
            found.extend(m.group(1) for m in _STATUS_FIELD.finditer(text) if "ngày" not in m.group(0).lower())
    for value in found:
        lowered = " ".join(value.lower().split())
        category = next((label for words, label in PORTAL_STATES if words in lowered), None)
        if category:
            return category
    return HIDDEN if any(HIDDEN in v.lower() for v in found) else None


def measure(corpus: Path, as_of: date) -> dict[str, Any]:
    golds = {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text("utf-8"))
        for p in corpus.glob("*.gold.json")
    }
    with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/graph.db") as store:
        ingest(store, list(extract_paths([corpus], workers=1)))
        by_slug = {
            Path(d.source).name.rsplit(".", 1)[0]: d
            for d in store.search(placeholders=False, limit=-1)
            if d.source
        }
        statuses = store.statuses([d.id for d in by_slug.values()], as_of)
        rows = []
        hidden = 0
        for slug, gold in sorted(golds.items()):
            site = stated(gold)
            if site == HIDDEN:
                hidden += 1
            if site in (None, HIDDEN) or slug not in by_slug:
                continue
            status = statuses[by_slug[slug].id]
            rows.append({"document": slug, "site": site, "derived": status.label, "state": status.state,
                         "detail": status.detail})  # fmt: skip
    compared = len(rows)
    agree = sum(r["site"] == r["derived"] for r in rows)
    unknown = sum(r["state"] == "unknown" for r in rows)
    confusion = Counter((r["site"], r["derived"]) for r in rows)
    return {
        "as_of": as_of.isoformat(),
        "golds": len(golds),
        "site_status_hidden": hidden,
        "compared": compared,
        "agree": agree,
        "unknown": unknown,
        "agreement": round(agree / compared, 3) if compared else None,
        "confusion": [{"site": s, "derived": d, "documents": n} for (s, d), n in sorted(confusion.items())],
        "documents": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date.today())
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.corpus, args.as_of)
    print(
        f"{result['golds']} annotated documents; a portal's status hidden ('Đã biết') in {result['site_status_hidden']}"
    )
    print(
        f"stated and compared: {result['compared']}; derived agrees: {result['agree']}; derived unknown: {result['unknown']}"
    )
    print("confusion (site → derived):")
    for row in result["confusion"]:
        print(f"  {row['site']:<24} → {row['derived']:<24} {row['documents']}")
    for row in result["documents"]:
        print(
            f"  {row['document']}: site {row['site']!r}, derived {row['derived']!r} ({row['state']}: {row['detail']})"
        )
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
