"""The graph: document identity, citation resolution, storage and queries.

    from graph import open_store, ingest
    with open_store("sqlite:///data/lexgraph.db") as store:
        ingest(store, extractions)                      # Extraction objects from ingest.extract
        doc = store.lookup("Nghị quyết 06/NQ-CP")
        tree = store.implementers(doc.id)

`open_store(url)` picks the store (graph/registry.py); every store meets the `GraphStore` protocol
(graph/store.py) and answers with the models of graph/models.py.
"""

from graph.load import IngestSummary, apply_batch, ingest, plan
from graph.models import (
    RELATIONS,
    Change,
    CitedDocument,
    Document,
    DocumentPath,
    DocumentWrite,
    Edge,
    PathStep,
    Resolution,
    Stats,
    Status,
    Subgraph,
    Timeline,
    TimelineEvent,
    Tree,
    TreeNode,
    WriteResult,
)
from graph.registry import DEFAULT_URL, ENV_VAR, open_store, store_url
from graph.store import AmbiguousReference, DocumentNotFound, GraphStore, GraphTxn, StoreError

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "RELATIONS",
    "AmbiguousReference",
    "Change",
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
    "Status",
    "StoreError",
    "Subgraph",
    "Timeline",
    "TimelineEvent",
    "Tree",
    "TreeNode",
    "WriteResult",
    "apply_batch",
    "ingest",
    "open_store",
    "plan",
    "store_url",
]
