"""The graph: document identity, citation resolution, storage and queries.

    from graph import open_store, ingest
    with open_store("sqlite:///data/lexgraph.db") as store:
        ingest(store, extractions)                      # Extraction objects from ingest.extract
        doc = store.lookup("Nghị quyết 06/NQ-CP")
        tree = store.implementers(doc.id)

`open_store(url)` picks the store (graph/store.py); every store meets the `GraphStore` protocol and answers
with the models of graph/models.py.
"""

from graph.load import DocumentWrite, IngestSummary, apply_batch, ingest, plan
from graph.lookup import AmbiguousReference, DocumentNotFound
from graph.models import (
    RELATIONS,
    CitedDocument,
    Document,
    DocumentPath,
    Edge,
    PathStep,
    Resolution,
    Stats,
    Subgraph,
    Tree,
    TreeNode,
    WriteResult,
)
from graph.store import DEFAULT_URL, ENV_VAR, GraphStore, GraphTxn, StoreError, open_store, store_url

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "RELATIONS",
    "AmbiguousReference",
    "CitedDocument",
    "Document",
    "DocumentNotFound",
    "DocumentPath",
    "DocumentWrite",
    "Edge",
    "GraphStore",
    "GraphTxn",
    "IngestSummary",
    "PathStep",
    "Resolution",
    "Stats",
    "StoreError",
    "Subgraph",
    "Tree",
    "TreeNode",
    "WriteResult",
    "apply_batch",
    "ingest",
    "open_store",
    "plan",
    "store_url",
]
