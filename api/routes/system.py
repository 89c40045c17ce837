"""Is the service up, and can it reach its store?"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import Store
from api.problems import responses

router = APIRouter(tags=["system"])


class Health(BaseModel):
    status: str
    store: str


def _redacted(url: str) -> str:
    """The URL without credentials: neo4j://user:secret@host → neo4j://host."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        rest = rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"


@router.get("/health", summary="The service and its store are up", responses=responses())
def health(store: Store) -> Health:
    """200 when the store answers; 503 (a problem) when it cannot be reached."""
    # One indexed read: it proves the store answers without the cost of counting a large graph (/stats does).
    store.get("lexgraph:health")
    return Health(status="ok", store=_redacted(store.url))
