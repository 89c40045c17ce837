"""Canonical, ELI-like ids of documents: issuer scope + year + normalised number (`vn/cp/2023/06-nq-cp`).

A số ký hiệu is unique only within its issuer and year, so the id carries both; documents without a number (laws
cited by name) get type + name + year. The graph (issue: resolution) refines ids of citations that lack a year or
an issuer; this module only names what a document says about itself.
"""

from __future__ import annotations

import re
import unicodedata

_LOCAL_CODES = re.compile(r"(?:^|-)(?:UBND|HĐND|LĐLĐ|S[A-ZĐ]+|TU|HU|BHXH|CT|TNI)(?:-|$)")


def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Nghị quyết 06/NQ-CP" → "nghi-quyet-06-nq-cp"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _place_of(issuer: str | None) -> str | None:
    if not issuer:
        return None
    m = re.search(r"(?:tỉnh|thành phố|Thành phố|TP\.?)\s+([A-ZĐÀ-Ỹ][^\s,]*(?:\s+[A-ZĐÀ-Ỹ][^\s,]*)*)", issuer)
    return slug(m.group(1)) if m else None


def document_id(
    number: str | None, title: str | None, issuer: str | None, date: str | None, doc_type: str | None = None
) -> str | None:
    """The id of a document from what is known of it; None when there is nothing to name it by."""
    year = date[:4] if date else None
    if number:
        compact = re.sub(r"\s+", "", number)
        found = re.search(r"/((?:19|20)\d\d)/", compact)
        year = year or (found.group(1) if found else None)
        code = re.split(r"[/]", compact)[-1]
        scope = slug(code.split("-")[-1]) or "unknown"
        if _LOCAL_CODES.search(code):
            scope = f"{_place_of(issuer) or 'local'}/{scope}"
        return f"vn/{scope}/{year or 'undated'}/{slug(compact)}"
    if title:
        return f"vn/named/{year or 'undated'}/{slug(title)}"
    return None
