"""Merge the mentions of one document into distinct cited documents, and name the asserted relations by key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ingest.citations import Mention
from ingest.confidence import confidence
from ingest.lexicon import NAME_ABBREVIATIONS, modern_tones
from ingest.models import Asserted, Citation, relation_rank
from ingest.relation_table import CHANGES_FORCE
from ingest.relations import AssertedRelation


def number_identity(number: str) -> str:
    text = unicodedata.normalize("NFC", number).replace("\u00d0", "\u0110")
    return re.sub(r"\s+", "", text).upper()


def title_identity(title: str) -> str:
    words = [NAME_ABBREVIATIONS.get(w, w) for w in re.sub(r"[“”\"'(),;:.]", " ", title).split()]
    return modern_tones(" ".join(words)).casefold()


def _year(mention: Mention) -> str | None:
    return mention.date[:4] if mention.date else None


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of the same document together, in order of first mention."""
    groups: dict[str, list[Mention]] = {}
    by_title: dict[str, list[str]] = {}  # title identity → group ids (numbered groups included)
    order: list[str] = []

    def add(gid: str, mention: Mention) -> None:
        if gid not in groups:
            groups[gid] = []
            order.append(gid)
        groups[gid].append(mention)

    for mention in sorted((m for m in mentions if m.number), key=lambda m: m.start):
        gid = "n:" + number_identity(mention.number or "")
        add(gid, mention)
        if mention.title:
            by_title.setdefault(title_identity(mention.title), []).append(gid)
    for mention in sorted((m for m in mentions if not m.number), key=lambda m: m.start):
        title = title_identity(mention.title or mention.key)
        year = _year(mention)
        candidates = by_title.get(title, [])
        found = next((g for g in candidates if _years_agree(groups[g], year)), None)
        if found is None:
            found = f"t:{title}:{year or ''}"
            by_title.setdefault(title, []).append(found)
        add(found, mention)
    # A year-less mention of a name joins the dated group of that name when there is exactly one.
    for title, gids in by_title.items():
        yearless = [g for g in gids if g.startswith("t:") and g.endswith(":")]
        dated = [g for g in gids if g not in yearless]
        if len(dated) == 1:
            for g in yearless:
                groups[dated[0]].extend(groups.pop(g))
                order.remove(g)
        del title
    return [groups[g] for g in order]


def _years_agree(group: list[Mention], year: str | None) -> bool:
    if year is None:
        return True
    years = {_year(m) for m in group} | {_number_year(m) for m in group}
    years.discard(None)
    return not years or year in years


def _number_year(mention: Mention) -> str | None:
    found = re.search(r"/((?:19|20)\d\d)/", mention.number or "")
    return found.group(1) if found else None


def _completeness(mention: Mention) -> tuple[int, int]:
    filled = sum(x is not None for x in (mention.date, mention.issuer, mention.doc_type, mention.number))
    return filled, -mention.start


def _best_title(group: list[Mention]) -> str | None:
    """The name as the body text writes it: a title line in capitals ("LUẬT ĐẤT ĐAI") only when there is no other."""
    titles = [m.title for m in group if m.title]
    return next((t for t in titles if not t.split(" ", 1)[-1].isupper()), titles[0] if titles else None)


def to_citation(group: list[Mention], text: str) -> Citation:
    best = max(group, key=_completeness)
    strongest = min(group, key=lambda m: (relation_rank(m.relation), -m.confidence))
    numbered = next((m for m in group if m.number), None)
    dated = next((m for m in group if m.date), None)
    key = numbered.number if numbered and numbered.number else _title_key(group)
    ev_start, ev_end = strongest.evidence
    evidence = text[ev_start:ev_end].strip()
    if strongest.footnote is not None:
        evidence = f"{evidence} [^{strongest.footnote}]: {text[best.start : best.end]}"
    return Citation(
        key=key,
        number=numbered.number if numbered else None,
        title=_best_title(group),
        doc_type=best.doc_type or next((m.doc_type for m in group if m.doc_type), None),
        date=(best.date or (dated.date if dated else None)),
        issuer=best.issuer or next((m.issuer for m in group if m.issuer), None),
        pinpoint=next((m.pinpoint for m in group if m.pinpoint), None),
        relation=strongest.relation,
        relation_detail=strongest.relation_detail,
        parts=_parts(group, strongest.relation),
        mention=text[best.start : best.end],
        start=best.start,
        end=best.end,
        evidence=evidence,
        confidence=confidence(strongest.trigger or "none", strongest.relation, numbered is not None),
        how=strongest.trigger,
        mentions=len(group),
        in_footnote=best.footnote is not None,
    )


SOME_ARTICLES = (
    "một số điều"  # the parts of an amendment whose articles the text does not list at the mention
)


def _parts(group: list[Mention], relation: str) -> list[str] | None:
    """What an amendment, replacement or repeal touches: the parts its mentions point at ("Bãi bỏ Điều 5 của
    Quyết định số …"); for a replacement or repeal, None when one of them names the document alone (the whole)."""
    if relation not in CHANGES_FORCE:
        return None
    acting = [m for m in group if m.relation == relation]
    pinpoints = list(dict.fromkeys(m.pinpoint for m in acting if m.pinpoint))
    if relation == "amends":
        # An amendment touches parts of a document by its nature ("sửa đổi, bổ sung một số điều của …"); which
        # ones, where a mention points at them.
        listed = [part for m in acting for part in m.parts or ()]
        return pinpoints or list(dict.fromkeys(listed)) or [SOME_ARTICLES]
    if any(m.pinpoint is None for m in acting):
        return None
    return pinpoints


def _title_key(group: list[Mention]) -> str:
    with_year = next((m for m in group if m.date), None)
    title = _best_title(group) or group[0].key
    return f"{title} {with_year.date[:4]}" if with_year and with_year.date else title


def assemble(
    mentions: list[Mention], asserted: list[AssertedRelation], text: str
) -> tuple[list[Citation], list[Asserted]]:
    groups = group_mentions(mentions)
    citations = [to_citation(g, text) for g in groups]
    key_of: dict[int, str] = {id(m): c.key for g, c in zip(groups, citations, strict=True) for m in g}
    return citations, _asserted_by_key(asserted, key_of.get, text)


def _asserted_by_key(
    asserted: list[AssertedRelation], key_of: Callable[[int], str | None], text: str
) -> list[Asserted]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Asserted] = []
    for a in asserted:
        source, target = key_of(id(a.source)), key_of(id(a.target))
        if not source or not target or source == target or (source, a.relation, target) in seen:
            continue
        seen.add((source, a.relation, target))
        start, end = a.evidence
        out.append(
            Asserted(
                source=source,
                relation=a.relation,
                target=target,
                evidence=text[start:end].strip(),
                confidence=confidence("asserted", a.relation, "/" in source and "/" in target),
            )
        )
    return out
