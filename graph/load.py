"""Extractions → store writes: plan each document (pure), apply batches of whole documents in one transaction
each (`apply_batch`, which `graph.base.BaseStore.write` runs on a store's own `GraphTxn`; `remove_documents`
likewise for deletes), and ingest a stream of extractions with a
progress callback (`ingest`).

Idempotent by construction: a document whose content hash is stored is skipped, so ingesting a file again
changes nothing; a new version of a document replaces the edges its text states. A batch is one transaction,
so a crash leaves the store at the last whole batch, and running again completes it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from graph.identity import (
    CitingContext,
    DocumentIdentity,
    Reference,
    identify,
    reference_from_citation,
    reference_from_text,
)
from graph.models import (
    NO_END,
    DocumentWrite,
    EdgeRecord,
    EndRecord,
    NodeRecord,
    PlannedEdge,
    Retarget,
    WriteResult,
)
from graph.resolve import Candidate, Resolved, resolve
from graph.store import GraphStore, GraphTxn
from ingest.models import Citation, Extraction

# Part of every content hash: changing how documents are identified or resolved makes the next ingest rewrite
# every document instead of skipping it as unchanged.
# "4": documents store their entry into force and expiry, edges the parts they touch.
IDENTITY_VERSION = "4"
MAX_PASSES = 4  # re-resolution rounds per batch; each round can only be caused by nodes the previous one made


def _fixed(ref: Reference | None) -> tuple[str, EndRecord] | None:
    if ref is None or not (ref.number and ref.definite):
        return None
    resolved = resolve(ref, ())
    return resolved.target, _end(ref, resolved)


def content_hash(extraction: Extraction, source: str) -> str:
    digest = hashlib.sha256()
    for part in (IDENTITY_VERSION, source, extraction.to_json(), extraction.text or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _node(identity: DocumentIdentity, extraction: Extraction, source: str) -> NodeRecord:
    meta = extraction.document
    assert meta is not None
    return NodeRecord(
        id=identity.id,
        placeholder=False,
        number=identity.number,
        title=identity.title,
        doc_type=meta.doc_type,
        issuer=meta.issuer,
        issue_date=meta.issue_date,
        year=identity.year,
        province=identity.province,
        local=identity.local,
        definite=identity.definite,
        keys=identity.keys,
        place=meta.place,
        subject=meta.subject,
        signer=meta.signer,
        source=source,
        content_hash=content_hash(extraction, source),
        meta_json=meta.model_dump_json(),
        text=extraction.text,
        effective_date=meta.effective_date,
        effective_text=meta.effective_text,
        expiry_date=meta.expiry_date,
        expiry_text=meta.expiry_text,
    )


def _citation_edge(citation: Citation, context: CitingContext) -> PlannedEdge:
    target = reference_from_citation(citation, context)
    return PlannedEdge(
        relation=citation.relation,
        relation_detail=citation.relation_detail,
        evidence=citation.evidence,
        start=citation.start,
        end=citation.end,
        mention=citation.mention,
        pinpoint=citation.pinpoint,
        confidence=citation.confidence,
        cited_as=citation.key,
        target=target,
        fixed_target=_fixed(target),
        parts=tuple(citation.parts) if citation.parts is not None else None,
    )


def _key_reference(
    key: str, citations: dict[str, Citation], context: CitingContext, before: str | None = None
) -> Reference | None:
    citation = citations.get(key)
    if citation is not None:
        return reference_from_citation(citation, context, before=before)
    return reference_from_text(
        key, context
    )  # the contract says it is a citation key; a stray one still counts


def plan(extraction: Extraction) -> DocumentWrite:
    """What writing this extraction means; ValueError when it holds no document."""
    if extraction.document is None:
        raise ValueError(f"{extraction.source}: no document to write")
    # A file path is made absolute, so that one file is one source wherever it was ingested from; a source that
    # is a URL ("upload://congvan.pdf", from the API) is already the same everywhere.
    source = extraction.source if "://" in extraction.source else os.path.abspath(extraction.source)
    identity = identify(extraction.document, source)
    context = identity.context
    edges = [_citation_edge(c, context) for c in extraction.citations]
    by_key = {c.key: c for c in extraction.citations}
    for asserted in extraction.asserted:
        source_ref = _key_reference(asserted.source, by_key, context)
        # "A implements B": B was issued before A, so A's date (when cited) bounds what B can mean.
        target_ref = _key_reference(
            asserted.target, by_key, context, before=source_ref.date if source_ref else None
        )
        if source_ref is None or target_ref is None:
            continue
        start = extraction.text.find(asserted.evidence) if extraction.text and asserted.evidence else -1
        edges.append(
            PlannedEdge(
                relation=asserted.relation,
                relation_detail=None,
                evidence=asserted.evidence,
                start=start if start >= 0 else None,
                end=start + len(asserted.evidence) if start >= 0 else None,
                mention=None,
                pinpoint=None,
                confidence=asserted.confidence,
                cited_as=asserted.target,
                target=target_ref,
                source=source_ref,
                source_cited_as=asserted.source,
                fixed_target=_fixed(target_ref),
                fixed_source=_fixed(source_ref),
            )
        )
    return DocumentWrite(_node(identity, extraction, source), tuple(edges))


# Methods whose target is the reference's own id (graph/resolve.py); the others point at existing candidates.
OWN_ID_METHODS = frozenset({"exact", "unresolved", "ambiguous"})


def placeholder(target: str, ref: Reference) -> NodeRecord:
    """The placeholder a reference falls back on (`target`, its own id), with what the citation says of it."""
    return NodeRecord(
        id=target,
        placeholder=True,
        number=ref.number,
        title=ref.title,
        doc_type=ref.doc_type,
        issuer=ref.issuer,
        issue_date=(ref.date or ref.year) if ref.year else None,
        year=ref.year,
        province=ref.province if ref.local else None,
        local=ref.local,
        definite=ref.definite,
        keys=frozenset([ref.key]),
    )


def _end(ref: Reference, resolved: Resolved) -> EndRecord:
    # A fixed end never resolves again: its reference need not be kept.
    resolution = resolved.resolution
    return EndRecord(
        ref.key,
        None if resolved.fixed else ref.to_json(),
        resolved.fixed,
        resolution.method,
        resolution.confidence,
        json.dumps(resolution.candidates, ensure_ascii=False) if resolution.candidates else "[]",
    )


@dataclass
class _Batch:
    """What one batch has done so far."""

    txn: GraphTxn
    result: dict[str, int] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)  # nodes that lost an edge: placeholders may be orphans
    removed: set[str] = field(default_factory=set)

    def count(self, name: str, n: int = 1) -> None:
        self.result[name] = self.result.get(name, 0) + n

    def ensure(self, wanted: dict[str, Reference]) -> Changes:
        """Create the placeholders among `wanted` (a reference's own id → the reference) that do not exist, and
        fill blanks of those that do; return the changes the created ones make to what match keys find."""
        changes: Changes = {}
        if not wanted:
            return changes
        new = self.txn.merge_placeholders([placeholder(t, r) for t, r in wanted.items()])
        self.created |= new
        for target in new:
            ref = wanted[target]
            if ref.definite:  # only a definite document is ever a candidate (graph/resolve.py)
                note(changes, ref.key, earliest(ref.year, ref.date))
        return changes


# What a batch changed in what match keys find: key → the earliest year of a candidate that appeared, went or
# changed under it (None: not known). _settle resolves again only the ends that such a change can move: a
# citation bounded by an earlier date, or naming another year, cannot take a candidate of a later year.
Changes = dict[str, str | None]


def earliest(year: str | None, date: str | None) -> str | None:
    """The earliest year a candidate can be compared by: its year, or its date's when that is earlier (a number
    of 2004 issued on 2003-12-30)."""
    return min(filter(None, (year, date[:4] if date else None)), default=None)


def note(changes: Changes, key: str, year: str | None) -> None:
    """Record that a candidate of `year` changed under `key`."""
    if key not in changes:
        changes[key] = year
    elif changes[key] is not None:
        changes[key] = None if year is None else min(changes[key] or "", year)


def _moved(changes: Changes, before: dict[str, list[Candidate]], after: dict[str, list[Candidate]]) -> None:
    """Note the keys under which a candidate differs between two lookups (of the same keys, restricted to the
    same documents); a document that is not definite is no candidate on either side."""
    old = {(key, c.id): c for key, found in before.items() for c in found}
    new = {(key, c.id): c for key, found in after.items() for c in found}
    for pair in old.keys() | new.keys():
        was, now = old.get(pair), new.get(pair)
        if was == now:
            continue
        years = [earliest(c.year, c.date) or "" for c in (was, now) if c is not None and c.definite]
        if years:
            note(changes, pair[0], min(years))


def _only(found: dict[str, list[Candidate]], ids: Collection[str]) -> dict[str, list[Candidate]]:
    return {key: [c for c in cs if c.id in ids] for key, cs in found.items()}


def apply_batch(txn: GraphTxn, documents: Sequence[DocumentWrite]) -> WriteResult:
    """Write whole documents (see `GraphStore.write`) with the primitives of one transaction."""
    # A batch makes a few objects per edge and no reference cycles; the cyclic collector, which would scan all of
    # them again and again, is paused meanwhile (15 % of the time of a large batch).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _apply_batch(txn, documents)
    finally:
        if collecting:
            gc.enable()


def _apply_batch(txn: GraphTxn, documents: Sequence[DocumentWrite]) -> WriteResult:
    batch = _Batch(txn)
    latest = {d.node.id: d for d in documents}  # two versions of one document in a batch: the last one wins
    stored = txn.content_hashes(list(latest))
    todo = [d for d in latest.values() if stored.get(d.node.id) != d.node.content_hash]
    batch.count("unchanged", len(documents) - len(todo))
    if not todo:
        return WriteResult(**batch.result)
    ids = [d.node.id for d in todo]
    by_source = txn.ids_from_sources([d.node.source for d in todo if d.node.source])
    # A file that now names another document: the old one loses its edges and keeps only its citers.
    retired = {old for d in todo for old in by_source.get(d.node.source or "", []) if old != d.node.id}
    if retired:
        batch.touched |= txn.delete_edges_of(retired) | retired
        txn.demote(retired)
    batch.touched |= txn.delete_edges_of(ids)  # the old versions' edges
    # What the documents change in what match keys find: a new document is a new candidate under its keys; one
    # that was held (a placeholder, an older version) is looked up before and after, under all its keys.
    held = txn.existing(ids)
    held_keys = {key for d in todo if d.node.id in held for key in d.node.keys}
    held_keys |= txn.keys_of(held) if held else set()
    before = _only(txn.candidates(held_keys), held) if held_keys else {}
    txn.upsert_documents([d.node for d in todo])
    changes: Changes = {}
    for d in todo:
        if d.node.id not in held and d.node.definite:
            for key in d.node.keys:
                note(changes, key, earliest(d.node.year, d.node.issue_date))
    if held_keys:
        _moved(changes, before, _only(txn.candidates(held_keys), held))
    batch.count("written", len(todo))
    edges = _resolve_new_edges(batch, todo, changes)
    txn.insert_edges(edges)
    batch.count("citations", sum(e.asserted_by is None for e in edges))
    batch.count("asserted", sum(e.asserted_by is not None for e in edges))
    _settle(batch, changes)
    return WriteResult(
        **batch.result,
        placeholders_created=len(batch.created - batch.removed),
        placeholders_removed=len(batch.removed - batch.created),
    )


def _resolve_new_edges(batch: _Batch, todo: Sequence[DocumentWrite], changes: Changes) -> list[EdgeRecord]:
    refs = [r for d in todo for e in d.edges for r in (e.target, e.source) if r is not None]
    # A number with its year (and province) resolves without looking: only the others need candidates.
    candidates = batch.txn.candidates({r.key for r in refs if not (r.number and r.definite)})
    wanted: dict[str, Reference] = {}
    aliases: dict[tuple[str, str], str | None] = {}  # (name key, id) → the year of the numbered document
    records: list[EdgeRecord] = []
    for document in todo:
        for edge in document.edges:
            src_id, src_end = document.node.id, None
            if edge.source is not None:
                src_id, src_end = edge.fixed_source or _resolved_end(edge.source, candidates, None)
            # The target is never looked for among the source itself: a document citing "Nghị quyết 01/NQ-CP"
            # in its text is not the 01/NQ-CP it is (it means an earlier one); nor does a relation link a
            # document to itself.
            dst_id, dst_end = edge.fixed_target or _resolved_end(edge.target, candidates, src_id)
            if src_id == dst_id:
                continue  # a text citing its own number, or a relation of a document to itself: no edge
            for ref, end_id, end in ((edge.target, dst_id, dst_end), (edge.source, src_id, src_end)):
                if ref is None or end is None or end.method not in OWN_ID_METHODS:
                    continue
                wanted.setdefault(end_id, ref)
                if end.fixed and ref.alias:
                    aliases[ref.alias, end_id] = earliest(
                        ref.year, ref.date
                    )  # "Luật Đất đai số 31/2024/QH15"
            # _make: a NamedTuple from one tuple, the fast way (this runs for every edge).
            records.append(
                EdgeRecord._make(
                    (
                        src_id,
                        dst_id,
                        edge.relation,
                        edge.relation_detail,
                        document.node.id,
                        document.node.id if edge.source else None,  # asserted_by
                        edge.evidence,
                        edge.start,
                        edge.end,
                        edge.mention,
                        edge.pinpoint,
                        edge.confidence,
                        edge.cited_as,
                        edge.source_cited_as,
                    )
                    + dst_end
                    + (src_end or NO_END)
                    + (json.dumps(list(edge.parts), ensure_ascii=False) if edge.parts is not None else None,)
                )
            )
    ingested = {d.node.id for d in todo}
    for key, year in batch.ensure({t: r for t, r in wanted.items() if t not in ingested}).items():
        note(changes, key, year)
    if aliases:
        # Only pairs the graph does not hold yet change what a key finds: a law cited by number and name in most
        # batches would otherwise send every citation of its name through _settle again, batch after batch.
        held = batch.txn.candidates({key for key, _ in aliases})
        fresh = sorted(pair for pair in aliases if all(c.id != pair[1] for c in held.get(pair[0], ())))
        if fresh:
            batch.txn.add_keys(fresh)
            for pair in fresh:
                note(changes, pair[0], aliases[pair])
    return records


def _resolved_end(
    ref: Reference, candidates: dict[str, list[Candidate]], other: str | None
) -> tuple[str, EndRecord]:
    resolved = resolve(ref, candidates.get(ref.key, ()), other)
    return resolved.target, _end(ref, resolved)


def _settle(batch: _Batch, changes: Changes) -> None:
    """Resolve again every edge end that what this batch changed could move, until nothing moves; then remove
    placeholders left without edges (which may change candidate lists: another round)."""
    txn = batch.txn
    for _ in range(MAX_PASSES):
        ends = txn.unfixed_ends(changes) if changes else []
        changes = {}
        if ends:
            refs = [Reference.from_json(end.ref_json or "") for end in ends]
            candidates = txn.candidates({r.key for r in refs})
            moves: list[Retarget] = []
            wanted: dict[str, Reference] = {}
            moved: dict[tuple[int, str], str] = {}  # (edge, end) → where this round moves it
            for end, ref in zip(ends, refs, strict=True):
                # The other end as this round leaves it: both ends of an asserted edge may move at once.
                other = moved.get((end.edge_id, "src" if end.end == "dst" else "dst"), end.other)
                resolved = resolve(ref, candidates.get(ref.key, ()), other)
                if resolved.target == other:
                    continue  # its own id is the other end ("Luật X 2013" in Luật X 2013): it stays where it is
                if resolved.target != end.target or resolved.resolution != end.resolution:
                    moved[end.edge_id, end.end] = resolved.target
                    moves.append(Retarget(end.edge_id, end.end, resolved.target, resolved.resolution))
                    if resolved.resolution.method in OWN_ID_METHODS:
                        wanted.setdefault(resolved.target, ref)
                    batch.touched.add(end.target)
            changes = batch.ensure(wanted)
            txn.retarget(moves)
            batch.count("reresolved", len(moves))
        orphans = txn.orphan_placeholders(batch.touched)
        batch.touched = set()
        if orphans:
            # Those that were candidates (definite ones) change what their keys find.
            _moved(changes, _only(txn.candidates(txn.keys_of(orphans)), orphans), {})
            txn.delete_nodes(orphans)
            batch.removed |= orphans
        if not changes:
            return


def remove_documents(txn: GraphTxn, doc_ids: Collection[str]) -> list[str]:
    """Remove ingested documents (see `GraphStore.delete`) with the primitives of one transaction; return the ids
    that were ingested and are no longer."""
    held = sorted(txn.content_hashes(list(doc_ids)))
    if not held:
        return []
    batch = _Batch(txn)
    batch.touched = txn.delete_edges_of(held) | set(held)
    # What others cite stays as a placeholder, with its edges; what nobody cites goes (in _settle, which also
    # resolves again what pointed at a document that is gone).
    txn.demote(held)
    _settle(batch, {})
    return held


# ------------------------------------------------------------------------------------------------------------
# ingesting a stream of extractions


@dataclass
class IngestError:
    source: str
    code: str
    message: str


@dataclass
class IngestSummary:
    files: int = 0
    written: int = 0
    unchanged: int = 0
    citations: int = 0
    asserted: int = 0
    placeholders_created: int = 0
    placeholders_removed: int = 0
    reresolved: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def add(self, result: WriteResult) -> None:
        for name, value in result.model_dump().items():
            setattr(self, name, getattr(self, name) + value)


def ingest(
    store: GraphStore,
    extractions: Iterable[Extraction],
    *,
    batch_size: int = 64,
    on_extraction: Callable[[Extraction], None] | None = None,
) -> IngestSummary:
    """Write a stream of extractions in batches of `batch_size` whole documents, one transaction each.

    A file that could not be extracted, or whose extraction cannot be planned, becomes an error of the summary
    and the others go on; a store that fails (locked, corrupt) raises `StoreError`: what was written stays
    written, and running again completes the rest."""
    summary = IngestSummary()
    pending: list[DocumentWrite] = []
    for extraction in extractions:
        summary.files += 1
        for error in extraction.errors:
            summary.errors.append(IngestError(extraction.source, error.code, error.message))
        if extraction.document is not None:
            try:
                pending.append(plan(extraction))
            except Exception as exc:  # one document's bug must not cost the batch
                summary.errors.append(
                    IngestError(extraction.source, "graph_error", f"{type(exc).__name__}: {exc}")
                )
        elif not extraction.errors:
            summary.errors.append(IngestError(extraction.source, "no_document", "no document was extracted"))
        if len(pending) >= batch_size:
            summary.add(store.write(pending))
            pending = []
        if on_extraction is not None:
            on_extraction(extraction)
    if pending:
        summary.add(store.write(pending))
    return summary
