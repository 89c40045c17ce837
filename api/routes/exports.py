"""Exports of a neighbourhood for briefings and other tools (graph/exports): pyvis HTML, SVG/PNG pictures,
GraphML, GEXF, CSV for neo4j-admin (a zip of nodes.csv and edges.csv) and JSON-LD with the ELI vocabulary."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.deps import AppSettings, Store
from api.problems import ProblemError, responses
from api.routes.params import AsOf, DirectionParam, MaxNodes, Ref, Relations

router = APIRouter(tags=["exports"])
MAX_PAGES = 20  # graph.exports.model.MAX_PAGES: that package loads pyvis, imported by the first export only

# graph.exports.FORMATS
Format = Literal["html", "svg", "png", "graphml", "gexf", "csv", "jsonld", "briefing-svg", "briefing-png"]

_MEDIA = {
    "html": "text/html",
    "svg": "image/svg+xml",
    "png": "image/png",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "application/zip",
    "jsonld": "application/ld+json",
    "briefing-svg": "image/svg+xml",  # a zip of briefing-1.svg, briefing-2.svg … when pages > 1
    "briefing-png": "image/png",
}


@router.get(
    "/export",
    summary="A neighbourhood as a file: picture, interactive page or data",
    responses={
        200: {"description": "the file", "content": {media: {} for media in _MEDIA.values()}},
        **responses(404, 409),  # and 503 when the format needs what this machine lacks (PNG without dot)
    },
    response_class=Response,
)
def export(
    request: Request,
    store: Store,
    settings: AppSettings,
    root: Ref,
    format: Format = "html",
    depth: Annotated[int, Query(ge=0, le=5, description="steps from the root")] = 2,
    relation: Relations = None,
    direction: DirectionParam = "both",
    max_nodes: MaxNodes = 500,
    layout: Annotated[Literal["hierarchical", "force"], Query(description="html only")] = "hierarchical",
    as_of: AsOf = None,
    pages: Annotated[
        int, Query(ge=1, le=MAX_PAGES, description="briefing formats: at most this many 16:9 slides (a zip)")
    ] = 1,
) -> Response:
    """Every document carries its status on `as_of` (a border colour in html, svg and png; `status`,
    `status_label` in GraphML, GEXF and CSV; `eli:in_force` and its dates in JSON-LD)."""
    from graph import exports  # pyvis and graphviz are loaded by the first export, not by every server start

    try:
        result = exports.export_subgraph(
            store,
            root,
            depth=depth,
            relations=relation,
            direction=direction,
            fmt=format,
            options=exports.ExportOptions(
                layout=layout,
                max_nodes=min(max_nodes, settings.max_nodes),
                pages=pages,
                # html: a click on a document opens its page on this server
                document_url=str(request.url_for("page_document", doc_id="")),
            ),
            as_of=as_of,
        )
    except exports.ExportError as exc:
        raise ProblemError(422, str(exc), title="Cannot export") from exc
    except exports.RendererUnavailable as exc:
        raise ProblemError(503, str(exc), title="Format unavailable on this server") from exc
    filename, media_type, payload = result.download()
    return Response(
        payload,
        media_type=media_type,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
