"""`lexgraph query …`: the graph's answers in a terminal, or as JSON."""

from __future__ import annotations

from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.text import Text

from api import views
from api.cli.common import EXIT_FAILED, app
from api.cli.options import (
    DepthOption,
    DirectionOption,
    JsonOption,
    RefArgument,
    RelationOption,
    StoreOption,
    as_of_date,
    emit_json,
    fail,
    labeller,
    open_for_query,
)
from graph.models import Direction

query_app = typer.Typer(
    help="Ask the graph: what implements a document, what it cites, paths, missing documents.",
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")


def _print(renderable: Any) -> None:
    Console(highlight=False, soft_wrap=False).print(renderable)


def _tree_command(
    ref: str, store_option: str | None, as_json: bool, depth: int, relations: list[str] | None, forwards: bool
) -> None:
    with open_for_query(store_option, as_json) as store:
        document = store.lookup(ref)
        chosen = relations or ["implements"]
        if forwards:
            tree = store.implements(document.id, max_depth=depth, relations=chosen)
        else:
            tree = store.implementers(document.id, max_depth=depth, relations=chosen)
        if as_json:
            emit_json(tree)
            return
        title = "what it implements" if forwards else "what implements it"
        _print(views.tree_view(tree, f"{title} ({', '.join(chosen)}, depth {depth})", labeller(store)))


@query_app.command("implementers")
def query_implementers(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 5,
    relation: RelationOption = None,
) -> None:
    """What implements REF, transitively, as a tree: each link with the sentence that states it."""
    _tree_command(ref, store_option, as_json, depth, relation, forwards=False)


@query_app.command("implements")
def query_implements(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 10,
    relation: RelationOption = None,
) -> None:
    """What REF implements, up to the roots."""
    _tree_command(ref, store_option, as_json, depth, relation, forwards=True)


def _edges_command(
    ref: str, store_option: str | None, as_json: bool, relations: list[str] | None, outgoing: bool
) -> None:
    with open_for_query(store_option, as_json) as store:
        document = store.lookup(ref)
        edges = store.citations(document.id, "out" if outgoing else "in", relations or None)
        if as_json:
            emit_json(
                {
                    "document": document.model_dump(mode="json"),
                    "edges": [e.model_dump(mode="json") for e in edges],
                }
            )
            return
        _print(views.edges_view(document, edges, outgoing, labeller(store)))


@query_app.command("cites")
def query_cites(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    relation: RelationOption = None,
) -> None:
    """What REF cites (and what other texts say it does), with the sentences."""
    _edges_command(ref, store_option, as_json, relation, outgoing=True)


@query_app.command("cited-by")
def query_cited_by(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    relation: RelationOption = None,
) -> None:
    """What cites REF, with the sentences."""
    _edges_command(ref, store_option, as_json, relation, outgoing=False)


@query_app.command("neighbourhood")
def query_neighbourhood(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: Annotated[int, typer.Option("--depth", "-d", min=0, max=10, help="Steps from REF.")] = 1,
    relation: RelationOption = None,
    direction: DirectionOption = "both",
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Most documents shown.")] = 500,
) -> None:
    """The documents within --depth steps of REF and every edge between them (what `lexgraph export` draws)."""
    with open_for_query(store_option, as_json) as store:
        document = store.lookup(ref)
        subgraph = store.neighbourhood(
            document.id,
            depth=depth,
            relations=relation or None,
            direction=cast(Direction, direction),  # checked by the option's callback
            max_nodes=max_nodes,
        )
        if as_json:
            emit_json(subgraph)
            return
        _print(views.neighbourhood_view(document, subgraph, labeller(store)))


@query_app.command("path")
def query_path(
    source: RefArgument,
    target: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    depth: DepthOption = 10,
    relation: RelationOption = None,
) -> None:
    """The shortest chain of citations from the first document to the second; when there is none, the chain
    from the second to the first, said as such ("reversed": true in JSON)."""
    with open_for_query(store_option, as_json) as store:
        a, b = store.lookup(source), store.lookup(target)
        path = store.path(a.id, b.id, relation or None, max_depth=depth)
        reversed_ = path is None
        if path is None:
            path = store.path(b.id, a.id, relation or None, max_depth=depth)
        if path is None:
            message = f"no chain of citations between {a.label} and {b.label} within {depth} steps"
            fail(message, EXIT_FAILED, "no_path", as_json)
        if as_json:
            emit_json({**path.model_dump(mode="json"), "reversed": reversed_})
            return
        if reversed_:
            # Said first and plainly: a reader who asked A → B must not take B → A for the answer.
            _print(
                Text(
                    f"No chain from {a.label} to {b.label}; the chain runs the other way, "
                    f"from {b.label} to {a.label}:",
                    style="yellow",
                )
            )
        _print(views.path_view(path, labeller(store)))


LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list.")]


@query_app.command("missing")
def query_missing(
    store_option: StoreOption = None, as_json: JsonOption = False, limit: LimitOption = 30
) -> None:
    """Documents that are cited but not in the graph, most cited first: what to ingest next."""
    with open_for_query(store_option, as_json) as store:
        ranked = store.missing(limit)
        if as_json:
            emit_json(ranked)
            return
        _print(views.ranking_view("Cited but not ingested", ranked))


@query_app.command("most-cited")
def query_most_cited(
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    limit: LimitOption = 30,
    relation: RelationOption = None,
) -> None:
    """Documents most cited, ingested or not."""
    with open_for_query(store_option, as_json) as store:
        ranked = store.most_cited(limit, relation or None)
        if as_json:
            emit_json(ranked)
            return
        _print(views.ranking_view("Most cited", ranked))


@query_app.command("show")
def query_show(ref: RefArgument, store_option: StoreOption = None, as_json: JsonOption = False) -> None:
    """A document: what is known of it, what it cites and what cites it."""
    with open_for_query(store_option, as_json) as store:
        document = store.lookup(ref)
        cites = store.citations(document.id, "out")
        cited_by = store.citations(document.id, "in")
        if as_json:
            emit_json(
                {
                    "document": document.model_dump(mode="json"),
                    "cites": [e.model_dump(mode="json") for e in cites],
                    "cited_by": [e.model_dump(mode="json") for e in cited_by],
                }
            )
            return
        label = labeller(store)
        _print(views.document_view(document))
        _print(views.edges_view(document, cites, True, label))
        _print(views.edges_view(document, cited_by, False, label))


@query_app.command("status")
def query_status(
    ref: RefArgument,
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The date to judge on, YYYY-MM-DD (default: today).", show_default=False
        ),
    ] = None,
) -> None:
    """Is REF in force (on --as-of)? Its state, why, and the changes and sentences it rests on."""
    day = as_of_date(as_of)
    with open_for_query(store_option) as store:
        status = store.status(store.lookup(ref).id, day)
        if as_json:
            emit_json(status)
            return
        _print(views.status_view(status, labeller(store)))


@query_app.command("timeline")
def query_timeline(ref: RefArgument, store_option: StoreOption = None, as_json: JsonOption = False) -> None:
    """REF's life in date order: issued, in force, amended, replaced, repealed, guided …, with the sentences."""
    with open_for_query(store_option) as store:
        timeline = store.timeline(store.lookup(ref).id)
        if as_json:
            emit_json(timeline)
            return
        _print(views.timeline_view(timeline))


@query_app.command("search")
def query_search(
    store_option: StoreOption = None,
    as_json: JsonOption = False,
    number: Annotated[str | None, typer.Option(help="Part of the số ký hiệu.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Nghị quyết, Công văn, Luật …")] = None,
    issuer: Annotated[str | None, typer.Option(help="Part of the issuer's name.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Issued on or after (YYYY or YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Issued on or before (YYYY or YYYY-MM-DD).")
    ] = None,
    words: Annotated[str | None, typer.Option(help="Words of the name or subject.")] = None,
    ingested: Annotated[
        bool, typer.Option("--ingested", help="Leave out cited-but-missing documents.")
    ] = False,
    limit: LimitOption = 50,
) -> None:
    """Documents by number, type, issuer, date range and words of the subject."""
    with open_for_query(store_option, as_json) as store:
        found = store.search(
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            date_from=date_from,
            date_to=date_to,
            words=words,
            placeholders=not ingested,
            limit=limit,
        )
        if as_json:
            emit_json(found)
            return
        _print(views.documents_view(f"{len(found)} documents", found))


@query_app.command("stats")
def query_stats(store_option: StoreOption = None, as_json: JsonOption = False) -> None:
    """How big the graph is: documents, placeholders, edges by relation and by how they were resolved."""
    with open_for_query(store_option, as_json) as store:
        stats = store.stats()
        if as_json:
            emit_json(stats)
            return
        _print(views.stats_view(stats))
