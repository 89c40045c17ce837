"""The dates a person types to bound a search ("2023", "2023-02", "2023-02-03"), checked against the calendar: a
search from "2025-13-01" is a typing mistake to point out, not a filter that quietly finds nothing (or, where it
is dropped, everything)."""

from __future__ import annotations

import datetime
import re

_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class InvalidDate(ValueError):
    """A date bound that is no day, month or year of the calendar; the message is for the user, in Vietnamese
    and English."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(
            f"{value!r} không phải là một năm hay ngày hợp lệ / is not a valid year or date: "
            "cần dạng YYYY, YYYY-MM hoặc YYYY-MM-DD / expected YYYY, YYYY-MM or YYYY-MM-DD (2023, 2023-02-03)"
        )


def check_date_bound(value: str) -> str:
    """`value` trimmed, when it is a year, a month or a day that exists; else InvalidDate."""
    text = value.strip()
    match = _SHAPE.fullmatch(text)
    if match is None:
        raise InvalidDate(value)
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise InvalidDate(value) from None
    return text
