"""Every mention of another document in a text, in reading order: what the finders of `ingest.citations`
(numbered citations, laws and treaties by name, programmes in quotes) and `ingest.named_documents` (charters,
congress documents, bare numbers) find, with mentions nested in another's name tied to it and the document's own
number left out."""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.citations import (
    SYMBOL,
    SYMBOL_BODY,
    Mention,
    clean_name,
    find_named,
    find_named_regulations,
    find_numbered,
    find_quoted,
    normalise_symbol,
)
from ingest.named_documents import (
    find_bare_numbers,
    find_charters,
    find_code_initials,
    find_congress_documents,
)


def find_mentions(
    text: str,
    exclude: list[tuple[int, int]] | None = None,
    own_number: str | None = None,
    *,
    named: bool = True,
) -> list[Mention]:
    """Every mention in reading order; none inside `exclude` spans, none of the document's own number; only
    numbered ones unless `named`."""
    excluded = sorted(exclude or [])
    excluded_starts = [start for start, _ in excluded]
    own = _comparable(own_number) if own_number else None
    found = find_numbered(text)
    if named:
        found += find_named(text) + find_quoted(text) + find_named_regulations(text)
        found += find_charters(text) + find_congress_documents(text) + find_bare_numbers(text)
        found += find_code_initials(text)
    found.sort(key=lambda x: (x.start, -x.end))
    kept: list[Mention] = []
    for mention in found:
        if _inside(mention.start, excluded, excluded_starts):
            continue
        if own and mention.number and _is_own(_comparable(mention.number), own):
            continue
        container = next((k for k in reversed(kept[-8:]) if k.start <= mention.start < k.head_end), None)
        if container is not None:
            if container.number is None and mention.number and mention.start == container.start:
                kept.remove(container)  # a number where a name was expected: the name was not a name
            else:
                mention.inside = container
                if mention.number is None and mention.date and mention.end >= container.head_end:
                    mention.date, mention.key = None, mention.title or mention.key  # the container's date
        kept.append(mention)
    for amending in [k for k in kept if k.number is None and _AMENDING_NAME.match(k.title or "")]:
        _number_of_amending_law(text, amending, kept)
    return kept


_AMENDING_NAME = re.compile(r"^(?:Luật|Bộ luật|Pháp lệnh)\s+sửa đổi", re.IGNORECASE)
_AMENDED_NAME = re.compile(rf"(?P<name>.+?)\s+(?i:số)\s*{SYMBOL_BODY}$", re.DOTALL)


def _number_of_amending_law(text: str, amending: Mention, kept: list[Mention]) -> None:
    """ "Luật sửa đổi, bổ sung một số điều của Luật Hải quan số 42/2005/QH11": the number that ends the title of
    an amending law, when it is the only one there, is the amending law's own (Luật Hải quan is 29/2001/QH10); when each
    amended law carries its number ("… của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 …"), or the
    date says another year, the numbers are the amended laws'. The amended law stays cited by its name."""
    inner = [k for k in kept if k.inside is amending]
    # Only the last law named carries a number, at the end of the title: "… của Luật A, Luật B và Luật C số
    # 09/2026/QH16" names the amending law's own number (each amended law would carry one otherwise).
    if not inner or any(k.number for k in inner[:-1]):
        return
    numbered = inner[-1]
    if numbered.number is None or numbered.head_end != amending.head_end:
        return
    named = _AMENDED_NAME.match(text, numbered.start, numbered.head_end)
    year = re.search(r"/((?:19|20)\d\d)/", numbered.number or "")
    if named is None or (year and amending.date and amending.date[:4] != year.group(1)):
        return
    amended = Mention(
        start=numbered.start,
        end=named.end("name"),
        key="",
        doc_type=numbered.doc_type,
        head_end=named.end("name"),
        inside=numbered,
    )
    amended.title = amended.key = f"{amended.doc_type} {clean_name(named.group('name').split(None, 1)[1])}"
    numbered.start, numbered.end = amending.start, max(numbered.end, amending.end)
    numbered.title, numbered.date = amending.title, numbered.date or amending.date
    numbered.inside, numbered.pinpoint = None, amending.pinpoint
    kept[kept.index(amending)] = numbered
    kept[kept.index(numbered, kept.index(numbered) + 1)] = amended
    for other in inner[:-1]:
        other.inside = numbered  # the laws named before it are amended by the same law


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `pos` lies in one of the sorted `spans` (overlapping ones included)."""
    i = bisect_right(starts, pos)
    return any(start <= pos < end for start, end in spans[max(0, i - 8) : i])


def _is_own(number: str, own: str) -> bool:
    """The document's own number, also where the header read it cut at a line break ("01/2022/TTLT-VKSNDTC-")."""
    return number == own or number.startswith(own.rstrip("-") + "-")


def _comparable(number: str) -> str:
    """A number as printed, compared the way this module normalises numbers ("1961/QĐUBND" = "1961/QĐ-UBND")."""
    compact = re.sub(r"\s+", "", number)
    m = SYMBOL.fullmatch(compact)
    if m:
        compact = normalise_symbol(m.group("num"), m.group("year"), m.group("sep"), m.group("code"))
    return compact.upper()
