"""What the graph answers with (pydantic models, the same from every store) and what it is written with (plain
records that `graph.load` hands to a store's transaction)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from graph.identity import Reference
from ingest.relation_table import RELATIONS, Relation

__all__ = ["RELATIONS", "Relation"]  # re-exported: graph users need not know where the table lives
Method = Literal["exact", "alias", "latest", "unresolved", "ambiguous"]
Direction = Literal["out", "in", "both"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(_Model):
    """A node: an ingested document, or a placeholder for one that is cited but not (yet) ingested."""

    id: str
    placeholder: bool
    number: str | None = None
    title: str | None = Field(default=None, description="the name it is cited by: 'Luật Đất đai'")
    doc_type: str | None = None
    issuer: str | None = None
    issue_date: str | None = Field(default=None, description="ISO date, or a year when only that is known")
    year: str | None = None
    province: str | None = None
    place: str | None = None
    subject: str | None = None
    signer: str | None = None
    source: str | None = Field(default=None, description="the file it was ingested from")
    # What decides its validity (graph/validity.py), as its own text says; None for placeholders.
    effective_date: str | None = Field(default=None, description="ISO date it enters into force")
    effective_text: str | None = Field(default=None, description="the sentence that says so")
    expiry_date: str | None = Field(default=None, description="ISO date its text says it stops applying")
    expiry_text: str | None = Field(default=None, description="the sentence (or period) that says so")

    @property
    def label(self) -> str:
        """ "Nghị quyết 06/NQ-CP", "Luật Đất đai 2013": how a person names it."""
        if self.number:
            if self.title:  # a law: "Luật Đất đai 31/2024/QH15"
                return f"{self.title} {self.number}"
            return f"{self.doc_type} {self.number}" if self.doc_type else self.number
        if self.title:
            return f"{self.title} {self.year}" if self.year and self.year not in self.title else self.title
        return self.subject or self.id


class Resolution(_Model):
    """How a citation became this edge's end: which rule (graph/resolve.py), how sure, and what else it could
    mean (the documents the rule chose among, or the ones it could not choose between)."""

    method: Method
    confidence: float
    candidates: list[str] = Field(default_factory=list)


class Edge(_Model):
    """(source)-[relation]->(target), as one document's text states it."""

    source: str
    target: str
    relation: Relation
    relation_detail: str | None = None
    source_doc: str = Field(description="the document whose text states this edge")
    asserted_by: str | None = Field(
        default=None, description="for a relation a text states between two other documents: that text"
    )
    evidence: str
    start: int | None = Field(default=None, description="offsets in source_doc's normalised text")
    end: int | None = None
    mention: str | None = None
    pinpoint: str | None = None
    parts: list[str] | None = Field(
        default=None,
        description="for amends, replaces, repeals: the parts of the target it touches ('Điều 5'); null: the whole",
    )
    confidence: float = Field(description="the extraction's confidence in the relation")
    cited_as: str = Field(description="the target's key as cited: '06/NQ-CP'")
    source_cited_as: str | None = Field(default=None, description="the source's key, for asserted edges")
    resolution: Resolution
    source_resolution: Resolution | None = None


class TreeNode(_Model):
    document: Document
    edges: list[Edge] = Field(default_factory=list, description="the edges that link it to its parent")
    children: list[TreeNode] = Field(default_factory=list)
    truncated: bool = Field(default=False, description="it has children that the depth or size limit cut off")
    cycle: bool = Field(default=False, description="it is already on the path from the root: not expanded")


class Tree(_Model):
    root: TreeNode
    relations: list[Relation]
    max_depth: int
    truncated: bool = False


class PathStep(_Model):
    source: Document
    target: Document
    edges: list[Edge]


class DocumentPath(_Model):
    steps: list[PathStep]

    @property
    def documents(self) -> list[Document]:
        return [self.steps[0].source, *(s.target for s in self.steps)] if self.steps else []


class Subgraph(_Model):
    documents: list[Document]
    edges: list[Edge]
    truncated: bool = False


class CitedDocument(_Model):
    document: Document
    citing_documents: int = Field(description="distinct documents with an edge to it")
    citations: int = Field(description="edges to it")


class Stats(_Model):
    documents: int = Field(description="ingested documents")
    placeholders: int = Field(description="cited but not ingested")
    edges: int
    asserted_edges: int
    relations: dict[str, int]
    resolutions: dict[str, int] = Field(description="edge ends by resolution method")


# --- validity (graph/validity.py derives these; graph/base.py reads what they rest on) ----------------------------

ValidityState = Literal[
    "in_force", "not_yet_in_force", "expired", "replaced", "repealed", "partly_repealed", "suspended", "amended",
    "unknown",
]  # fmt: skip
# What an edge of amends / replaces / repeals does to the force of its target (graph/validity.py, EFFECTS).
Effect = Literal["amends", "replaces", "repeals", "partly_repeals", "suspends"]
TimelineKind = Literal[
    "issued", "in_force", "expires", "amended", "replaced", "repealed", "partly_repealed", "suspended", "guided",
]  # fmt: skip


class Change(_Model):
    """An edge that changes a document's force, as a status or a timeline rests on it: who acts, how, on which
    parts, from when, and the edge itself (relation, the sentence, the text that states it: `edge.source_doc`,
    and `edge.asserted_by` when a third document says so)."""

    effect: Effect
    by: Document = Field(description="the acting document: the edge's source")
    parts: list[str] | None = Field(description="the parts it touches; null: the whole document")
    from_date: str | None = Field(
        description="when it takes effect: the acting document's entry into force, else its issue date; null "
        "when neither is known (it then counts as in effect)"
    )
    in_effect: bool = Field(description="in effect on the status's date")
    edge: Edge


class Status(_Model):
    """Whether a document is in force on a date, and why: the changes and the document's own sentences the state
    rests on. "unknown" where nothing in the graph decides it, never "in force" by default."""

    document: Document
    as_of: date
    state: ValidityState
    label: str = Field(description="the state as Vietnamese legal databases name it: 'Còn hiệu lực', …")
    detail: str = Field(
        description="why, in Vietnamese: 'bị thay thế bởi Nghị định 100/2019/NĐ-CP từ 01/01/2020'"
    )
    in_force: bool | None = Field(description="null: not known")
    since: str | None = Field(default=None, description="the date the state holds from, when known")
    evidence: str | None = Field(
        default=None, description="the document's own sentence the state rests on (entry into force, expiry)"
    )
    rests_on: list[Change] = Field(default_factory=list, description="the changes that decide the state")
    changes: list[Change] = Field(
        default_factory=list, description="every change the graph holds of it, in date order"
    )
    replaced_by: list[Change] = Field(
        default_factory=list,
        description="the chain of replacements in effect, from its replacement to the document in force in its place",
    )


class TimelineEvent(_Model):
    date: str | None = Field(description="ISO date (or a year); null when not known")
    kind: TimelineKind
    label: str = Field(description="in Vietnamese: 'Có hiệu lực', 'Bị thay thế', 'Văn bản hướng dẫn' …")
    document: Document | None = Field(
        default=None,
        description="the document that acts (amends, replaces, guides …); null: the document itself",
    )
    parts: list[str] | None = None
    evidence: str | None = None
    edge: Edge | None = None


class Timeline(_Model):
    """A document's life, in date order (undated events last): issued, in force, each amendment, partial repeal,
    replacement, suspension and guidance document, and its expiry, each with its evidence."""

    document: Document
    events: list[TimelineEvent]


class WriteResult(_Model):
    written: int = 0
    unchanged: int = 0
    citations: int = 0
    asserted: int = 0
    placeholders_created: int = 0
    placeholders_removed: int = 0
    reresolved: int = 0


# ------------------------------------------------------------------------------------------------------------
# write records: what graph.load hands to a store transaction (see graph.store.GraphTxn)


class NodeRecord(NamedTuple):
    """A document or placeholder row; `keys` are its match keys (graph/identity.py). (A NamedTuple: a batch
    makes one for every document it cites.)"""

    id: str
    placeholder: bool
    number: str | None
    title: str | None
    doc_type: str | None
    issuer: str | None
    issue_date: str | None
    year: str | None
    province: str | None
    local: bool
    definite: bool
    keys: frozenset[str]
    place: str | None = None
    subject: str | None = None
    signer: str | None = None
    source: str | None = None
    content_hash: str | None = None
    meta_json: str | None = None
    text: str | None = None  # the normalised text that edge offsets point into
    effective_date: str | None = None
    effective_text: str | None = None
    expiry_date: str | None = None
    expiry_text: str | None = None


class EndRecord(NamedTuple):
    """How one end of an edge was resolved, with the reference to resolve it again."""

    key: str  # the reference's match key
    ref_json: str | None  # the reference; None when fixed: nothing can change where it points
    fixed: bool
    method: str
    confidence: float
    candidates_json: str  # JSON list of ids

    @property
    def resolution(self) -> Resolution:
        return Resolution(
            method=self.method, confidence=self.confidence, candidates=json.loads(self.candidates_json)
        )


NO_END = (None, None, None, None, None, None)  # the source end of a citation edge: the citing document itself


class EdgeRecord(NamedTuple):
    """One edge row, flat (these are the columns of a row, in order), as one is made for every edge written:
    the 14 fields below, then the target's `EndRecord`, then the source's (or `NO_END`), then `parts`."""

    src: str
    dst: str
    relation: str
    relation_detail: str | None
    source_doc: str
    asserted_by: str | None
    evidence: str
    start: int | None
    end: int | None
    mention: str | None
    pinpoint: str | None
    confidence: float
    cited_as: str
    source_cited_as: str | None
    dst_key: str
    dst_ref: str | None
    dst_fixed: bool
    dst_method: str
    dst_confidence: float
    dst_candidates: str
    src_key: str | None
    src_ref: str | None
    src_fixed: bool | None
    src_method: str | None
    src_confidence: float | None
    src_candidates: str | None
    parts: (
        str | None
    )  # JSON list of the parts an amending, replacing or repealing text touches; None: the whole


@dataclass(frozen=True)
class StoredEnd:
    """An edge end that may resolve differently now: edge, which end, its reference, where it points, and where
    the edge's other end points (an end never moves onto it: no document cites itself)."""

    edge_id: int
    end: Literal["src", "dst"]
    ref_json: str
    target: str
    resolution: Resolution
    other: str | None = None


@dataclass
class Retarget:
    edge_id: int
    end: Literal["src", "dst"]
    target: str
    resolution: Resolution


@dataclass(frozen=True)
class PlannedEdge:
    """An edge a text states, with its ends still references (resolved when written)."""

    relation: str
    relation_detail: str | None
    evidence: str
    start: int | None
    end: int | None
    mention: str | None
    pinpoint: str | None
    confidence: float
    cited_as: str
    target: Reference
    source: Reference | None = None  # None: the document itself; a reference for an asserted relation
    source_cited_as: str | None = None
    # Ends that resolve without looking at the graph (a number with its year), resolved when planned, so that
    # the write transaction is shorter: (id, how it was resolved).
    fixed_target: tuple[str, EndRecord] | None = None
    fixed_source: tuple[str, EndRecord] | None = None
    parts: tuple[str, ...] | None = None  # the parts of the target it touches; None: the whole


@dataclass(frozen=True)
class DocumentWrite:
    """One document to write: its node and the edges its text states (`graph.load.plan`)."""

    node: NodeRecord
    edges: tuple[PlannedEdge, ...]
