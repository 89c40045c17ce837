"""The boundary of `ingest`: what one file becomes (the `extract` JSON contract, ../shared/EXTRACT_FORMAT.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ingest.relation_table import RELATION_PRECEDENCE, Relation, relation_rank

__all__ = [
    "RELATION_PRECEDENCE",
    "Asserted",
    "Citation",
    "DocumentMeta",
    "Extraction",
    "Relation",
    "relation_rank",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentMeta(_Model):
    """What the document says about itself: header, subject line and signature block."""

    id: str | None = None
    key: str | None = None
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issue_date: str | None = None
    place: str | None = None
    subject: str | None = None
    signer: str | None = None
    signer_authority: str | None = Field(
        default=None, description="TM. / KT. / TL. / TUQ. line of the signature"
    )
    signer_title: str | None = Field(default=None, description="chức vụ of the signer")
    recipients: list[str] = Field(default_factory=list, description="Kính gửi")
    distribution: list[str] = Field(default_factory=list, description="Nơi nhận")
    effective_date: str | None = Field(
        default=None, description="when it enters into force, as its text says"
    )
    effective_text: str | None = Field(default=None, description="the sentence that says so")
    expiry_date: str | None = Field(
        default=None, description="when it stops applying, where its text says so"
    )
    expiry_text: str | None = None


class Citation(_Model):
    """One distinct document cited by this one, with the mention that cites it most completely."""

    key: str
    number: str | None = None
    title: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    pinpoint: str | None = None
    relation: Relation = "cites"
    relation_detail: str | None = None
    parts: list[str] | None = Field(
        default=None,
        description="for amends, replaces, repeals: the parts touched ('Điều 5', 'khoản 2 Điều 3'); null: the whole",
    )
    mention: str
    start: int
    end: int
    evidence: str
    confidence: float = Field(description="the share of such citations found right on the annotated corpus")
    how: str | None = Field(
        default=None, description="how the relation was read: clause, coordinated, cue, nested or none"
    )
    mentions: int = Field(default=1, description="how many times the text mentions this document")
    in_footnote: bool = False


class Asserted(_Model):
    """A relation the text states between two other documents (both are keys of `citations`)."""

    source: str
    relation: Relation
    target: str
    evidence: str
    confidence: float = 0.8


class ExtractError(_Model):
    code: str
    message: str


class Extraction(_Model):
    source: str
    document: DocumentMeta | None = None
    citations: list[Citation] = Field(default_factory=list)
    asserted: list[Asserted] = Field(default_factory=list)
    errors: list[ExtractError] = Field(default_factory=list)
    text: str | None = Field(default=None, exclude=True, description="the normalised text offsets point into")

    def to_json(self) -> str:
        return self.model_dump_json(exclude={"text"})
