"""A document's text as HTML with every citation in it marked and linked; and the Vietnamese words the browse
pages use for relations and dates. Pure: strings and edges in, escaped markup out.

Every piece of text goes through `markupsafe.escape`; the only markup made here is the <a> around a cited span,
whose attribute values are escaped too. Offsets come from the extraction and are checked against the text:
a span out of range, empty, or overlapping one already marked is left unmarked (its edge is still listed on the
page), never allowed to cut the text or the markup apart.

An edge stores the offsets of one mention only (the fullest), while a text often names a document several times
("Nghị quyết số 06/NQ-CP của Chính phủ …", later "Nghị quyết 06"). `every_mention` finds the others again with
the extraction's own finder and grouping (ingest.mentions, ingest.assemble): the group that holds the stored span
is that edge's document, so each of its mentions is marked too; a text where the stored span is no mention any
more (changed since) keeps the stored span alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from graph.models import Edge
from ingest.assemble import group_mentions
from ingest.chrome import chrome_spans
from ingest.mentions import find_mentions
from ingest.relation_table import RELATION_TABLE

# Past this many characters the text is shown with the stored spans only: finding mentions is linear, but a page
# should not spend seconds on a text nobody reads whole in a browser.
MAX_REFIND = 1_000_000

# How the pages name each relation, read as "<this document> <relation> <that one>".
RELATION_VI: dict[str, str] = {kind.name: kind.verb_vi for kind in RELATION_TABLE}


def relation_vi(relation: str) -> str:
    return RELATION_VI.get(relation, relation.replace("_", " "))


def date_vi(value: str | None) -> str:
    """ "2023-02-03" → "03/02/2023" as Vietnamese documents write dates; a year (or anything else) as given."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return value


@dataclass(frozen=True)
class Evidence:
    """An evidence sentence split around its mention, so that a template can put the mention in bold."""

    before: str
    mention: str
    after: str


def evidence_parts(edge: Edge) -> Evidence:
    """The edge's sentence on one line, with the mention found in it (case-insensitive when it must be);
    all of it in `before` when the mention is not in the sentence."""
    sentence = " ".join(edge.evidence.split())
    mention = " ".join((edge.mention or "").split())
    at = sentence.find(mention) if mention else -1
    if at < 0 and mention:
        at = sentence.lower().find(mention.lower())
    if at < 0:
        return Evidence(sentence, "", "")
    return Evidence(sentence[:at], sentence[at : at + len(mention)], sentence[at + len(mention) :])


@dataclass
class Span:
    """One marked stretch of the text and the edges that cite from it (several edges can share a mention)."""

    start: int
    end: int
    edges: list[Edge] = field(default_factory=list)


def citation_spans(text: str, edges: Iterable[Edge]) -> list[Span]:
    """The stretches of `text` to mark: one per distinct (start, end) within the text, in order; a stretch that
    overlaps an earlier one (or a longer one starting at the same place) is dropped."""
    by_range: dict[tuple[int, int], Span] = {}
    for edge in edges:
        start, end = edge.start, edge.end
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        by_range.setdefault((start, end), Span(start, end)).edges.append(edge)
    spans: list[Span] = []
    # Longest first at a start, so that the whole mention wins over a part of it.
    for span in sorted(by_range.values(), key=lambda s: (s.start, -s.end)):
        if spans and span.start < spans[-1].end:
            continue
        spans.append(span)
    return spans


def every_mention(text: str, edges: Sequence[Edge], own_number: str | None = None) -> list[Edge]:
    """`edges` and, for each other mention of an edge's document in `text`, a copy of that edge at the mention's
    offsets. Mentions are found as the extraction found them (its portal notes and the document's own number
    left out), so that a mark is never a guess: only a group anchored on a stored span lends it its edges."""
    if len(text) > MAX_REFIND:
        return list(edges)
    by_span: dict[tuple[int, int], list[Edge]] = {}
    for edge in edges:
        if edge.start is not None and edge.end is not None:
            by_span.setdefault((edge.start, edge.end), []).append(edge)
    found = find_mentions(text, exclude=chrome_spans(text), own_number=own_number)
    more: list[Edge] = []
    for group in group_mentions(found):
        anchored = [e for m in group for e in by_span.get((m.start, m.end), [])]
        if not anchored:
            continue
        for mention in group:
            if (mention.start, mention.end) not in by_span:
                more += [e.model_copy(update={"start": mention.start, "end": mention.end}) for e in anchored]
    return [*edges, *more]


def first_marks(text: str, edges: Sequence[Edge]) -> dict[str, int]:
    """Cited document id → the N of `trich-dan-N` of its first mark, for links from a list to the text."""
    first: dict[str, int] = {}
    for number, span in enumerate(citation_spans(text, edges), start=1):
        for edge in span.edges:
            first.setdefault(edge.target, number)
    return first


Href = Callable[[str], str]  # document id → its page's URL
Name = Callable[[str], str]  # document id → how a person names it


def span_title(span: Span, name: Name) -> str:
    """What hovering the span says: "thực hiện: Nghị quyết 06/NQ-CP", one line per edge."""
    return "\n".join(f"{relation_vi(e.relation)}: {name(e.target)}" for e in span.edges)


def highlight(text: str, edges: Sequence[Edge], href: Href, name: Name) -> Markup:
    """`text`, escaped, with an <a> to the cited document around each citation span. Each link carries its
    relation in its title (the hover text), a class per relation for colour, and an id (`trich-dan-N`, N
    counting from 1 in text order) that the list of citations links back to."""
    out: list[str] = []
    position = 0
    for number, span in enumerate(citation_spans(text, edges), start=1):
        first = span.edges[0]
        out.append(escape(text[position : span.start]))
        out.append(
            Markup(
                '<a class="trich-dan rel-{cls}" id="trich-dan-{n}" href="{href}" title="{title}">{body}</a>'
            ).format(
                cls=first.relation,
                n=number,
                href=href(first.target),
                title=span_title(span, name),
                body=text[span.start : span.end],
            )
        )
        position = span.end
    out.append(escape(text[position:]))
    return Markup("").join(out)
