"""Query parameters shared by the routes, with their limits and documentation in one place."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

from graph.models import Direction
from ingest.models import Relation

MAX_DEPTH = 10
MAX_NODES = 5000
MAX_LIMIT = 200

Relations = Annotated[
    list[Relation] | None,
    Query(alias="relation", description="follow only these relations (repeat the parameter for several)"),
]
Depth = Annotated[int, Query(ge=0, le=MAX_DEPTH, description="levels below the root")]
MaxNodes = Annotated[
    int,
    Query(ge=1, le=MAX_NODES, description="most documents in the answer; past it the answer is truncated"),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="most items in the answer")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
AsOf = Annotated[
    date | None,
    Query(
        description="the date a status is judged on, ISO (YYYY-MM-DD); today when not given",
        examples=["2025-01-01"],
    ),
]
DirectionParam = Annotated[
    Direction, Query(description="follow edges forwards (out: what it cites), backwards (in) or both")
]
Ref = Annotated[
    str,
    Query(
        min_length=1,
        max_length=300,
        description="a document id, or citation text: 'Nghị quyết 06/NQ-CP', '06/NQ-CP', 'Luật Đất đai 2013'",
        examples=["Nghị quyết 06/NQ-CP"],
    ),
]
DocId = Annotated[
    str,
    Path(
        description="a document id, as the graph gives it (ids hold slashes)",
        examples=["vn/lai-chau/ldld/2023/1127-ldld"],
    ),
]
