"""Browse pages for legal staff: server-rendered HTML in Vietnamese, no build step, nothing fetched from outside.

    /                        search form, results, the graph's statistics, most cited and missing documents
    /tra-cuu?q=…             citation text ("Nghị quyết 06/NQ-CP") → that document's page, or the candidates
    /van-ban/{id}            a document: metadata, its text with each citation linked, what it cites and what
                             cites it (with the evidence sentence), the implementers tree, the implements chain,
                             and its neighbourhood graph in an iframe of…
    /do-thi/{id}             …the interactive HTML export of the neighbourhood (graph.exports)

The pages call the store directly (`api.deps.Store`); they hold no query logic of their own. Templates are
autoescaped: data reaches the HTML only as escaped text or escaped attribute values. Query parameters are read as
plain strings and checked here, so that nothing a person (or an attacker) types makes an error page other than a
Vietnamese one. Ids contain slashes ("vn/cp/2023/06-nq-cp"): the id is the rest of the path, and links quote it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from api.badges import status_hover, status_tone
from api.deps import AppSettings, Store
from api.downloads import Download, downloads
from api.highlight import date_vi, every_mention, evidence_parts, first_marks, highlight, relation_vi
from api.lineage import SORTS, Filters, Lineage, filters_from, lineage
from api.placeholder import Known, known
from api.provinces import ProvinceRow, by_province
from api.review import METHODS_VI, review_page
from api.search_csv import search_csv
from graph import (
    AmbiguousReference,
    Document,
    DocumentNotFound,
    Edge,
    GraphStore,
    Status,
    StoreError,
    Timeline,
    Tree,
    validity,
)
from graph.dates import InvalidDate, check_date_bound
from ingest.lexicon import DOC_TYPES
from ingest.relation_table import RELATION_TABLE

STATIC = Path(__file__).with_name("static")
TEMPLATES = Path(__file__).with_name("templates")

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

# Pages load only their own stylesheet and need no script at all; the graph's iframe is this server's too.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'none'; img-src 'self' data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
# The graph export is one self-contained file: its script and styles are inline, nothing else may load. It runs
# sandboxed (an origin of its own): were its data ever to become script, that script could not reach the page
# around it, its cookies or this server as the user.
GRAPH_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; "
    "sandbox allow-scripts allow-top-navigation-by-user-activation"
)

MAX_PARAM = 200  # characters of one search field: enough for any title, too few to make a query expensive
MAX_WORDS = 12
SEARCH_LIMIT = 50  # results per page unless the page asks for another number (so_dong), up to SEARCH_MAX
SEARCH_MAX = 200
CSV_MAX = 5000  # rows of the search results' CSV: every page of a real search, not the whole graph
MAX_PAGE = 1000  # a page past this would make the store scan far for nothing a person reads
DEFAULT_DEPTH = 3
GRAPH_DEPTH = 1
GRAPH_MAX_NODES = 150  # a picture a person can read; the REST API has the whole neighbourhood
TREE_MAX_NODES = 500
INCOMING_SHOWN = 300  # rows of a group: a law may be cited by thousands, the API pages the rest
RANKED = 8  # rows of each ranking on the front page
RANKED_SCAN = 500
TYPES = sorted(set(DOC_TYPES.values()))

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,  # a misspelt name in a template fails the tests instead of printing nothing
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["date_vi"] = date_vi
_env.filters["relation_vi"] = relation_vi
_env.globals["evidence_parts"] = evidence_parts
_env.globals["status_tone"] = status_tone
_env.globals["status_hover"] = status_hover


def file_name(source: str | None) -> str:
    """The name of the file a document was ingested from, without its folders: the server's layout
    ("/srv/lexgraph/incoming/…") is nobody's business on a page. Works for POSIX and Windows paths and for
    uploads ("upload://cong-van-77.pdf")."""
    if not source:
        return ""
    return re.split(r"[/\\]", source.rstrip("/\\"))[-1]


_env.filters["file_name"] = file_name


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)


# --- links ----------------------------------------------------------------------------------------------------


def _root(request: Request) -> str:
    root: str = request.scope.get("root_path", "")
    return root.rstrip("/")


def quote_id(doc_id: str) -> str:
    """An id as a path: its slashes kept (they are part of the route), everything else that is not plainly safe
    percent-encoded, so that "?", "#", "%" and spaces in an id stay in the id."""
    return quote(doc_id, safe="/")


@dataclass(frozen=True)
class Links:
    """The URLs a page needs, relative to where the app is mounted."""

    root: str

    def home(self, **params: str) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return f"{self.root}/" + (f"?{query}" if query else "")

    def document(self, doc_id: str, **params: str | int) -> str:
        query = urlencode(params)
        return f"{self.root}/van-ban/{quote_id(doc_id)}" + (f"?{query}" if query else "")

    def graph(self, doc_id: str) -> str:
        return f"{self.root}/do-thi/{quote_id(doc_id)}"

    def cited_by(self, doc_id: str, relation: str = "") -> str:
        """Every edge into the document (of one relation, when given), as JSON from the REST API."""
        query = urlencode({"limit": 10000, **({"relation": relation} if relation else {})})
        return f"{self.root}/documents/{quote_id(doc_id)}/cited-by?{query}"

    def lookup(self) -> str:
        return f"{self.root}/tra-cuu"

    def review(self, page: int = 1) -> str:
        return f"{self.root}/kiem-tra" + (f"?trang={page}" if page > 1 else "")

    def exports(
        self, doc_id: str, depth: int, relations: tuple[str, ...] = (), direction: str = "both"
    ) -> list[Download]:
        """The downloads of a neighbourhood, one per export format (api/downloads.py)."""
        return downloads(self.root, doc_id, depth, relations, direction)

    def search_csv(self, **params: str) -> str:
        """The search results of a query string, every page of them, as one CSV table."""
        query = urlencode({k: v for k, v in params.items() if v and k != "trang"})
        return f"{self.root}/ket-qua.csv" + (f"?{query}" if query else "")

    def static(self, name: str) -> str:
        return f"{self.root}/static/{name}"

    def relations_css(self) -> str:
        return f"{self.root}/quan-he.css"


# --- rendering ------------------------------------------------------------------------------------------------


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    links = Links(_root(request))
    html = _env.get_template(template).render(links=links, **context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def not_found(request: Request, ref: str, suggestions: list[Document] | None = None) -> HTMLResponse:
    return render(request, "not_found.html", status=404, ref=ref, suggestions=suggestions or [])


def unavailable(request: Request, error: StoreError) -> HTMLResponse:
    # The store's message can name files and hosts: it is for the server's log, not for the page.
    log.warning("browse page %s: graph store unavailable: %s", request.url.path, error)
    return render(request, "unavailable.html", status=503)


def _field(value: str | None) -> str:
    """A free-text parameter: trimmed, cut to MAX_PARAM characters, NUL and other control characters removed
    (they mean nothing in a search and some stores refuse them)."""
    if not value:
        return ""
    cleaned = "".join(c for c in value if c.isprintable() or c == " ")
    return cleaned.strip()[:MAX_PARAM]


# --- search ---------------------------------------------------------------------------------------------------


@dataclass
class SearchForm:
    """The search form's fields as typed, and what is wrong with them (in Vietnamese)."""

    words: str = ""
    number: str = ""
    doc_type: str = ""
    issuer: str = ""
    year_from: str = ""
    year_to: str = ""
    ingested_only: bool = False
    page: int = 1
    per_page: int = SEARCH_LIMIT
    errors: list[str] = field(default_factory=list)  # a field that cannot be searched: no results are shown
    notes: list[str] = field(default_factory=list)  # what was changed to search at all (words cut)

    @property
    def asked(self) -> bool:
        return any((self.words, self.number, self.doc_type, self.issuer, self.year_from, self.year_to))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def query(self) -> dict[str, Any]:
        """`GraphStore.search`'s arguments: this page's results and one more, which says whether a next page
        follows (the store has no offset: the pages before are read and dropped, as the REST API does)."""
        words = " ".join(self.words.split()[:MAX_WORDS])
        return {
            "words": words or None,
            "number": self.number or None,
            "doc_type": self.doc_type or None,
            "issuer": self.issuer or None,
            "date_from": self.year_from or None,
            "date_to": self.year_to or None,
            "placeholders": not self.ingested_only,
            "limit": self.offset + self.per_page + 1,
        }

    def params(self, page: int) -> dict[str, str]:
        """The query string of `page` of these results."""
        return {
            "tu_khoa": self.words,
            "so": self.number,
            "loai": self.doc_type,
            "co_quan": self.issuer,
            "tu_nam": self.year_from,
            "den_nam": self.year_to,
            "da_co": "1" if self.ingested_only else "",
            "so_dong": str(self.per_page) if self.per_page != SEARCH_LIMIT else "",
            "trang": str(page) if page > 1 else "",
        }


def search_form(params: dict[str, str]) -> SearchForm:
    form = SearchForm(
        words=_field(params.get("tu_khoa")),
        number=_field(params.get("so")),
        doc_type=_field(params.get("loai")),
        issuer=_field(params.get("co_quan")),
        year_from=_field(params.get("tu_nam")),
        year_to=_field(params.get("den_nam")),
        ingested_only=params.get("da_co") == "1",
        page=_whole(params.get("trang"), 1, MAX_PAGE),
        per_page=_whole(params.get("so_dong"), SEARCH_LIMIT, SEARCH_MAX),
    )
    for label, value in (("Từ năm", form.year_from), ("Đến năm", form.year_to)):
        try:
            if value:
                check_date_bound(value)
        except InvalidDate:
            form.errors.append(
                f"{label} “{value}”: cần một năm có 4 chữ số (ví dụ 2023) hoặc một ngày có thật dạng 2023-01-31."
            )
    if len(form.words.split()) > MAX_WORDS:
        form.notes.append(f"Chỉ tìm theo {MAX_WORDS} từ đầu tiên.")
    return form


def _whole(value: str | None, default: int, most: int) -> int:
    """A page number or a page size: a whole number from 1 to `most`; anything else is the default."""
    if value and value.strip().isdigit():
        return max(1, min(int(value.strip()), most))
    return default


@dataclass(frozen=True)
class ResultPage:
    """One page of search results, and the links to the pages around it."""

    items: list[Document]
    first: int  # the number of the first item, from 1
    previous: str | None
    next: str | None
    statuses: dict[str, Status]  # today's, of the items (badges)


# The relation badges' colours, from the relation table: a stylesheet of its own, since the pages allow no inline
# style (CSP) and the table is the one place a relation is defined.
RELATIONS_CSS = "".join(f".rel-{kind.name} {{ background: {kind.tint}; }}\n" for kind in RELATION_TABLE)


@router.get("/quan-he.css", name="page_relations_css")
def relations_css() -> Response:
    return Response(RELATIONS_CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/", response_class=HTMLResponse, name="page_home")
def home(request: Request, store: Store) -> Response:
    form = search_form(dict(request.query_params))
    links = Links(_root(request))
    try:
        # A field that cannot be searched shows its error and no results: a list without the filter asked for
        # would be read as the filtered one.
        results = _results(store, form, links) if form.asked and not form.errors else None
        stats = store.stats()
        # The missing list already ranks the placeholders: this one ranks what can be read here.
        most_cited = [c for c in store.most_cited(limit=RANKED_SCAN) if not c.document.placeholder][:RANKED]
        missing = store.missing(limit=RANKED)
    except StoreError as error:
        return unavailable(request, error)
    return render(
        request,
        "home.html",
        form=form,
        results=results,
        types=TYPES,
        stats=stats,
        most_cited=most_cited,
        missing=missing,
    )


def _results(store: GraphStore, form: SearchForm, links: Links) -> ResultPage:
    found = store.search(**form.query())
    items = found[form.offset : form.offset + form.per_page]
    more = len(found) > form.offset + form.per_page
    return ResultPage(
        items=items,
        first=form.offset + 1,
        previous=links.home(**form.params(form.page - 1)) if form.page > 1 else None,
        next=links.home(**form.params(form.page + 1)) if more else None,
        statuses=store.statuses([d.id for d in items]),
    )


@router.get("/ket-qua.csv", name="page_search_csv")
def search_results_csv(request: Request, store: Store) -> Response:
    """The front page's search, every page of it (up to CSV_MAX rows), as a CSV table."""
    form = search_form(dict(request.query_params))
    if not form.asked or form.errors:
        # The same rule as the page: no filter that cannot be applied, and no dump of the whole graph.
        message = " ".join(form.errors) or "Hãy nhập ít nhất một điều kiện tìm kiếm."
        return Response(message, status_code=422, media_type="text/plain; charset=utf-8")
    try:
        found = store.search(**{**form.query(), "limit": CSV_MAX})
        statuses = store.statuses([d.id for d in found])
    except StoreError as error:
        return unavailable(request, error)
    return Response(
        search_csv(found, statuses),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="ket-qua-tim-kiem.csv"'},
    )


@router.get("/kiem-tra", response_class=HTMLResponse, name="page_review")
def review(request: Request, store: Store) -> Response:
    """The citations whose target a person should check (api/review.py), a page at a time."""
    page = _whole(request.query_params.get("trang"), 1, MAX_PAGE)
    try:
        queue = review_page(store, page)
    except StoreError as error:
        return unavailable(request, error)
    return render(request, "review.html", queue=queue, methods=METHODS_VI)


@router.get("/tra-cuu", response_class=HTMLResponse, name="page_lookup")
def lookup(request: Request, store: Store) -> Response:
    """Citation text → the document it names (303 to its page); none → suggestions; several → the list."""
    ref = _field(request.query_params.get("q"))
    if not ref:
        return RedirectResponse(Links(_root(request)).home(), status_code=303)
    try:
        document = store.lookup(ref)
    except DocumentNotFound as missing:
        return not_found(request, ref, missing.suggestions)
    except AmbiguousReference as ambiguous:
        return render(request, "ambiguous.html", ref=ref, candidates=ambiguous.candidates)
    except StoreError as error:
        return unavailable(request, error)
    return RedirectResponse(Links(_root(request)).document(document.id), status_code=303)


# --- a document -----------------------------------------------------------------------------------------------


def _depth(value: str | None, default: int, most: int) -> int:
    """A depth parameter: a whole number from 1 to `most`; anything else is the default."""
    if value and value.strip().isdigit():
        return max(1, min(int(value.strip()), most))
    return default


def _names(store: GraphStore, ids: set[str]) -> dict[str, Document]:
    return {i: d for i in sorted(ids) if (d := store.get(i)) is not None}


def _tree_edges(tree: Tree) -> list[Edge]:
    stack, edges = [tree.root], []
    while stack:
        node = stack.pop()
        edges.extend(node.edges)
        stack.extend(node.children)
    return edges


@dataclass
class DocumentView:
    document: Document
    text_html: Markup | None
    lineage: Lineage  # what it cites and what cites it, grouped by relation (api/lineage.py)
    known: Known | None  # for a placeholder: what citations tell of it (api/placeholder.py)
    implementers: Tree
    provinces: list[ProvinceRow]  # the implementers tree by the province of each document (api/provinces.py)
    implements: Tree
    depth: int
    names: dict[str, Document]
    status: Status  # today's
    timeline: Timeline
    statuses: dict[
        str, Status
    ]  # today's, of every document the lists and the implementers tree name (badges)
    stale: Callable[[Edge], str | None]  # the flag of a citing sentence (graph/validity.py stale_citation)


def document_view(
    store: GraphStore,
    document: Document,
    depth: int,
    links: Links,
    max_nodes: int,
    filters: Filters | None = None,
) -> DocumentView:
    doc_id = document.id
    # Only the edges this text states have offsets into it; relations other letters assert of it point elsewhere.
    cited = store.citations(doc_id, "out")
    outgoing = [e for e in cited if e.source_doc == doc_id and e.source == doc_id]
    asserted_of = [e for e in cited if not (e.source_doc == doc_id and e.source == doc_id)]
    incoming = store.citations(doc_id, "in")
    implementers = store.implementers(doc_id, max_depth=depth, max_nodes=max_nodes)
    implements = store.implements(doc_id, max_nodes=max_nodes)
    edges = outgoing + asserted_of + incoming
    # Every document a row names: the ends of the edges, and the letters that assert an edge (in the trees too).
    asserting = {e.asserted_by for e in edges + _tree_edges(implementers) + _tree_edges(implements)}
    ids = {e.target for e in edges} | {e.source for e in edges} | {i for i in asserting if i}
    names = _names(store, ids)
    names[doc_id] = document

    def name(i: str) -> str:
        return names[i].label if i in names else i

    # Every status the page shows, read at once; today's, which says on which date each ending took effect.
    statuses = store.statuses({doc_id} | ids | _tree_ids(implementers))

    def stale(edge: Edge) -> str | None:
        """The flag under a citing sentence whose document was no longer in force on the citing one's date."""
        return validity.stale_citation(edge, names.get(edge.source_doc), statuses.get(edge.target))

    text = store.text(doc_id)
    # Every mention of each cited document is marked, not only the one whose offsets the edge stores.
    marked = every_mention(text, outgoing, document.number) if text else []
    numbers = first_marks(text, marked) if text else {}

    def span(edge: Edge) -> int | None:
        """Where a row of what this text cites points to in the text: its document's first mark."""
        return numbers.get(edge.target) if edge.source_doc == doc_id and edge.asserted_by is None else None

    return DocumentView(
        document=document,
        text_html=highlight(text, marked, links.document, name) if text else None,
        known=known(document, incoming, lambda i: names.get(i) or _unknown(i))
        if document.placeholder
        else None,
        lineage=lineage(
            outgoing + asserted_of,
            incoming,
            lambda i: names.get(i) or _unknown(i),
            filters or Filters(),
            span=span,
            shown=INCOMING_SHOWN,
        ),
        implementers=implementers,
        provinces=by_province(implementers),
        implements=implements,
        depth=depth,
        names=names,
        status=statuses[doc_id],
        timeline=store.timeline(doc_id),
        statuses=statuses,
        stale=stale,
    )


def _tree_ids(tree: Tree) -> set[str]:
    found: set[str] = set()
    stack = [tree.root]
    while stack:
        node = stack.pop()
        found.add(node.document.id)
        stack.extend(node.children)
    return found


def _unknown(doc_id: str) -> Document:
    """A stand-in for an id the store no longer holds (a concurrent delete): it still gets a row."""
    return Document(id=doc_id, placeholder=True)


@router.get("/van-ban/{doc_id:path}", response_class=HTMLResponse, name="page_document")
def document_page(request: Request, doc_id: str, store: Store, settings: AppSettings) -> Response:
    depth = _depth(request.query_params.get("depth"), DEFAULT_DEPTH, settings.max_depth)
    links = Links(_root(request))
    try:
        document = store.get(doc_id)
        if document is None:
            return not_found(request, doc_id, _suggestions(store, doc_id))
        filters = filters_from(request.query_params)
        view = document_view(store, document, depth, links, min(TREE_MAX_NODES, settings.max_nodes), filters)
    except StoreError as error:
        return unavailable(request, error)
    return render(
        request,
        "document.html",
        view=view,
        depths=range(1, settings.max_depth + 1),
        sorts=SORTS,
        default_depth=DEFAULT_DEPTH,
        graph_depth=GRAPH_DEPTH,
    )


def _suggestions(store: GraphStore, ref: str) -> list[Document]:
    """Close matches for an id that names nothing: what the lookup would suggest."""
    try:
        return [store.lookup(ref)]  # a number or a name typed where the id goes
    except DocumentNotFound as missing:
        return missing.suggestions
    except AmbiguousReference as ambiguous:
        return ambiguous.candidates
    except (ValueError, LookupError):
        return []


# --- the neighbourhood graph ----------------------------------------------------------------------------------

Exporter = Callable[..., Any]


def _exporter() -> Exporter | None:
    """graph.exports.render, when that module is installed."""
    try:
        from graph.exports import render as export
    except ImportError:
        return None
    return export


def _graph_options(request: Request) -> Any:
    """A click on a document of the graph opens its page (the frame may navigate the window it sits in, on a
    click only: GRAPH_CSP's sandbox and the iframe's allow-top-navigation-by-user-activation)."""
    from graph.exports import ExportOptions  # loaded with the exporter, not by every server start

    return ExportOptions(document_url=Links(_root(request)).document(""))


def _html_of(files: dict[str, bytes]) -> bytes:
    """The page of an export: its one .html file."""
    pages = [body for name, body in sorted(files.items()) if name.lower().endswith((".html", ".htm"))]
    if not pages:
        raise ValueError("the HTML export holds no .html file")
    return pages[0]


def _graph_message(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "graph_message.html", status=status, message=message)


@router.get("/do-thi/{doc_id:path}", response_class=HTMLResponse, name="page_graph")
def graph_page(request: Request, doc_id: str, store: Store) -> Response:
    """The interactive neighbourhood of a document, for the iframe of its page: the HTML export as it is, with a
    policy that lets its inline script run and nothing load from anywhere."""
    export = _exporter()
    if export is None:
        return _graph_message(request, 503, "Chức năng vẽ đồ thị chưa được cài đặt trên máy chủ này.")
    try:
        if store.get(doc_id) is None:
            return _graph_message(request, 404, "Không tìm thấy văn bản này.")
        subgraph = store.neighbourhood(doc_id, depth=GRAPH_DEPTH, max_nodes=GRAPH_MAX_NODES)
        statuses = store.statuses([d.id for d in subgraph.documents])
    except StoreError as error:
        return unavailable(request, error)
    try:
        body = _html_of(
            export(subgraph, "html", root=doc_id, statuses=statuses, options=_graph_options(request)).files
        )
    except (ValueError, RuntimeError):  # ExportError (too many documents), RendererUnavailable
        return _graph_message(request, 503, "Không vẽ được đồ thị của văn bản này.")
    return Response(
        body,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": GRAPH_CSP, "Cache-Control": "no-store"},
    )
