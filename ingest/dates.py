"""Dates as Vietnamese documents write them, to ISO: "ngày 31/01/2023", "ngày 16 tháng 5 năm 2024", "năm 2015"."""

from __future__ import annotations

import re
from datetime import date

# OCR turns the digit 1 into "l" or "I" and splits numbers ("26/1 l/2003"); accept a damaged digit run.
_D = r"(?:[0-9lI][ ]?[0-9lI]|[0-9lI])"
DATE_TEXT = (
    rf"(?:(?P<d1>\d{{1,2}})\s*tháng\s*(?P<m1>\d{{1,2}})\s*năm\s*(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s*[/.-]\s*(?P<m2>{_D})\s*[/.-]\s*(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})\s*-\s*(?P<m3>\d{{1,2}})\s*-\s*(?P<y3>\d{{4}}))"
)
DATE = re.compile(DATE_TEXT)
YEAR_ONLY = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b")


def to_iso(day: str, month: str, year: str) -> str | None:
    def digits(s: str) -> int:
        return int(re.sub(r"\s", "", s).replace("l", "1").replace("I", "1"))

    try:
        return date(digits(year), digits(month), digits(day)).isoformat()
    except ValueError:
        return None


def match_to_iso(m: re.Match[str]) -> str | None:
    for suffix in ("1", "2", "3"):
        if m.group("d" + suffix):
            return to_iso(m.group("d" + suffix), m.group("m" + suffix), m.group("y" + suffix))
    return None
