"""The web application: routes over the library, nothing more.

Starlette keeps this layer small: plain request/response objects, a router, static files
that refuse paths outside their folder, lifespan hooks to start and stop the query
workers, and an in-process test client. Pages come from Jinja2 templates with
autoescaping on, so text from the graph (article text can hold markup) is shown as text,
and a link is made only to this server's own pages or to an http(s) IRI.

Every query of the store runs in a worker process under the time limit (kg.serve.pool):
the endpoint's in one pool, the pages' own in another, so a slow SPARQL query never
holds up a page. Only /sparql may be read by pages of other origins (CORS).

    /                    home: search, counts, saved queries
    /search?q=           search results, paged (offset, limit);  /api/search?q=  the same as JSON
                         (X-Total-Count: how many in all); an FTS5 index (kg.serve.search)
    /explore?iri=        the graph explorer;  /api/neighbourhood?iri=, /api/graph  its data
    /id/<path>           every resource of the graph (HTML, Turtle, JSON-LD, N-Triples, RDF/XML)
    /sparql              the SPARQL 1.1 Protocol endpoint (read-only) and its service description
    /query               the query editor (YASGUI) with the saved queries
    /dataset             the data set for people: counts, licence, build time, whole-graph downloads
    /dataset/<file>      a whole-graph download (Turtle, N-Quads, facts JSONL), made once per generation
    /.well-known/void    VoID and DCAT description of the data set

Pages speak Indonesian, or English after `?lang=en` (kg.serve.i18n; a cookie remembers it).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.namespaces import PREFIXES, RESOURCE_BASE, sparql_prologue
from kg.queries import saved_queries
from kg.serve import explore, guard, overviews, pages, sparql
from kg.serve.downloads import BY_NAME as DOWNLOADS
from kg.serve.downloads import default_cache
from kg.serve.i18n import Language, template_globals
from kg.serve.i18n import current as current_locale
from kg.serve.negotiation import negotiate
from kg.serve.pool import QueryPool, Unavailable
from kg.serve.remote import cache_window
from kg.serve.search import SearchIndex
from kg.serve.worker import QueryJob, QueryOutcome, WorkerConfig
from kg.store import live_generation

PACKAGE = resources.files("kg.serve")
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
RDF_FORMAT_NAMES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "html": "text/html",
}
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
    " font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@dataclass(frozen=True)
class Settings:
    """What `kg serve` can be told: the store, the workers and every limit.

    `timeout` bounds each query (the endpoint's and the pages' own); a request waits at
    most `queue_seconds` for a free worker before a 503 with Retry-After. A worker may
    use `worker_memory_mb` of address space: an idle one reserves 550 to 700 MB of it
    (mostly thread arenas and the store's mappings; it touches about 75 MB), so the
    default leaves a query well over 1 GB, and a sorted cross join fails in a second.
    `max_query_bytes` bounds a query's text: Oxigraph's time to parse and plan a chain of
    operators grows faster than its length (20,000 UNIONs overflow its stack).
    `allowed_services` lists the only endpoints a SERVICE clause may call; none by default.
    `downloads` is the folder whole-graph downloads are kept in (kg.serve.downloads.default_cache
    when None); `download_seconds` bounds the making of one.
    `sparql_endpoint`, when given, is a remote SPARQL endpoint read instead of `store`
    (kg.serve.remote): answers are then kept at most remote.CACHE_SECONDS, and there are no downloads.
    """

    store: Path
    timeout: float = 10.0
    max_result_bytes: int = 64 << 20
    max_body_bytes: int = 1 << 20
    workers: int = 2
    page_workers: int = 2
    queue_seconds: float = 1.0
    worker_memory_mb: int = 2048
    max_query_bytes: int = 64 << 10
    allowed_services: tuple[str, ...] = ()
    downloads: Path | None = None
    download_seconds: float = 600.0
    sparql_endpoint: str | None = None


STARTUP_SECONDS = 120.0  # the search index is built once, at start-up, over the whole graph
MAX_NESTING = 100
MAX_SEARCH_CHARS = 200
MAX_SEARCH_OFFSET = 100_000
MAX_PAGE = 100_000
PAGE_CACHE_ENTRIES = 512  # page answers kept per generation (entity pages, overviews, explorer data)


class State:
    """What the routes share: the two pools of workers (SPARQL and pages) and the search index."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        config = WorkerConfig(
            str(settings.store),
            dict(PREFIXES),
            os.getpid(),
            settings.max_result_bytes,
            settings.worker_memory_mb,
            settings.allowed_services,
            preload=("rdflib.plugins.sparql.parser",),
            endpoint=settings.sparql_endpoint or "",
            endpoint_seconds=settings.timeout,
        )
        size, timeout, wait = settings.workers, settings.timeout, settings.queue_seconds
        self.pool = QueryPool(config, size, timeout, wait, "query")
        pages_config = replace(config, preload=("kg.serve.pages", "kg.serve.overviews"))
        self.pages = QueryPool(pages_config, settings.page_workers, timeout, wait, "page")
        self.index: SearchIndex | None = None
        self.index_generation: str | None = None
        self.index_lock = threading.Lock()
        self.answers = PageCache(PAGE_CACHE_ENTRIES)
        self.rendered = PageCache(PAGE_CACHE_ENTRIES)  # entity pages as sent, per language and address
        self.downloads = settings.downloads or default_cache(settings.store)
        self.making: dict[str, asyncio.Lock] = {}  # one making of each download at a time

    def open(self) -> None:
        """Start the workers, and the search index in the background; PoolError when no worker can start.

        The server answers as soon as its workers are ready: a search made before the index
        is built waits for it (a large graph takes seconds to index).
        """
        self.pool.start()
        self.pages.start()
        threading.Thread(target=self._index_in_background, name="kg-search-index", daemon=True).start()

    def _index_in_background(self) -> None:
        with contextlib.suppress(Unavailable):  # built on the first search instead
            self.search_index(STARTUP_SECONDS)

    def close(self) -> None:
        self.pool.close()
        self.pages.close()

    def generation(self) -> str | None:
        """What answers are kept for: the store's live generation, or a remote endpoint's cache window."""
        if self.settings.sparql_endpoint:
            return cache_window()
        return live_generation(self.settings.store)

    def search_index(self, timeout: float | None = None) -> SearchIndex:
        """The label index of the live generation, built again after a build switched generations.

        A page worker reads the labels; the FTS5 table is made here, since a SQLite
        connection cannot travel between processes. The old index is not closed: a request
        may still be searching it; it goes when the last reference does.
        """
        with self.index_lock:  # one building at a time; a search waits for the one under way
            live = self.generation()
            if self.index is None or live != self.index_generation:
                self.index = SearchIndex(self.pages.call(pages.search_documents, timeout=timeout))
                self.index_generation = live
            return self.index

    async def page(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(store, *args)` in a page worker; its 503 (or other failure) as an HTTP error.

        A page's data is the same until a build switches generations, so answers are kept
        per generation (`PageCache`): a page asked for again is rendered without a worker.
        """
        generation = self.generation()
        key = (function.__module__, function.__qualname__, args)
        found = self.answers.get(generation, key)
        if found is not MISSING:
            return found
        try:
            answer = await run_in_threadpool(self.pages.call, function, *args)
        except Unavailable as error:
            raise HTTPException(error.status, error.message, error.headers) from error
        self.answers.put(generation, key, answer)
        return answer


MISSING = object()


class PageCache:
    """The answers of page functions for one store generation, the most recently used kept.

    A new generation empties it: its pages may differ in anything. Arguments that cannot
    be hashed are not kept.
    """

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.generation: str | None = None
        self.answers: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, generation: str | None, key: Any) -> Any:
        with self.lock:
            if generation != self.generation:
                self.generation, self.answers = generation, OrderedDict()
            try:
                answer = self.answers[key]
            except (KeyError, TypeError):
                return MISSING
            self.answers.move_to_end(key)
            return answer

    def put(self, generation: str | None, key: Any, answer: Any) -> None:
        with self.lock:
            if generation != self.generation:
                return  # a build switched generations meanwhile: the answer may be stale
            try:
                self.answers[key] = answer
            except TypeError:
                return
            while len(self.answers) > self.entries:
                self.answers.popitem(last=False)


class BodyLimit:
    """Refuse a request whose declared body is larger than the limit, before reading any of it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.limit:
                response = PlainTextResponse(f"the request body is larger than {self.limit} bytes\n", 413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Headers on every response: a Content-Security-Policy that allows this server's own files only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings) -> Starlette:
    """The application for one store; the query workers start and stop with it."""
    state = State(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(state.open)  # already done by kg.serve.server, which reports failures
        try:
            yield
        finally:
            await run_in_threadpool(state.close)

    def bound(handler: Callable[[State, Request], Any]) -> Callable[[Request], Any]:
        return partial(handler, state)

    routes = [
        Route("/", bound(home)),
        Route("/search", bound(search_page)),
        Route("/api/search", bound(search_api)),
        Route("/api/neighbourhood", bound(neighbourhood_api)),
        Route("/api/graph", bound(whole_graph_api)),
        Route("/explore", bound(explore_page)),
        Route("/id/{path:path}", bound(resource)),
        Route("/sparql", bound(sparql_endpoint), methods=["GET", "POST", "OPTIONS"]),
        Route("/query", bound(query_page)),
        Route("/dataset", bound(dataset_page)),
        Route("/dataset/{name}", bound(dataset_file)),
        Route("/overview", bound(overviews.index_page)),
        Route("/overview/list/{cls}", bound(overviews.class_list_page)),
        Route("/overview/{name}", bound(overviews.overview_page)),
        Route("/.well-known/void", bound(void_description)),
        Route("/static/vis-network.min.js", vis_network),
        Mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=settings.max_body_bytes),
            Middleware(Language),
        ],
        exception_handlers={HTTPException: http_error},  # type: ignore[dict-item]
    )
    app.state.kg = state
    return app


# --- templates ---------------------------------------------------------------------------------


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("kg.serve", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.globals.update(template_globals())  # t("key"), the language, ontology names: every template


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_environment.get_template(template).render(**context), status_code)


async def http_error(request: Request, error: HTTPException) -> Response:
    if "text/html" in request.headers.get("accept", ""):
        response: Response = render(
            "error.html", error.status_code, status=error.status_code, message=error.detail, query=""
        )
    else:
        response = PlainTextResponse(f"{error.detail}\n", error.status_code)
    return _with(response, dict(error.headers or {}))


# --- pages -------------------------------------------------------------------------------------


async def home(state: State, request: Request) -> Response:
    counts = await state.page(pages.class_counts)
    return render("home.html", counts=counts, queries=saved_queries(), query="")


async def search_page(state: State, request: Request) -> Response:
    """One page of hits (`offset`, `limit`, 50 by default), with the total and links to the pages around."""
    text = _search_text(request)
    offset, limit = _window(request, 50)
    found = (await _search_index(state)).page(text, limit, offset)
    around = {
        "previous": _search_href(text, max(offset - limit, 0), limit) if offset > 0 else None,
        "next": _search_href(text, offset + limit, limit) if offset + limit < found.total else None,
    }
    return render("search.html", query=text, results=found.hits, found=found, around=around)


async def search_api(state: State, request: Request) -> Response:
    """Hits as a JSON list; the X-Total-Count header says how many there are past this page."""
    text = _search_text(request)
    offset, limit = _window(request, 10)
    found = (await _search_index(state)).page(text, limit, offset)
    return JSONResponse([hit.as_dict() for hit in found.hits], headers={"X-Total-Count": str(found.total)})


def _window(request: Request, default_limit: int) -> tuple[int, int]:
    """`offset` and `limit` of a search request, each within bounds."""
    offset = _int(request.query_params.get("offset"), 0, 0, MAX_SEARCH_OFFSET)
    return offset, _int(request.query_params.get("limit"), default_limit, 1, 50)


def _search_href(text: str, offset: int, limit: int) -> str:
    return f"/search?q={quote(text)}&offset={offset}&limit={limit}"


def _search_text(request: Request) -> str:
    """The search words, cut to a length no name needs (each word is a prefix query of the index)."""
    return request.query_params.get("q", "")[:MAX_SEARCH_CHARS]


async def _search_index(state: State) -> SearchIndex:
    if state.index is not None and state.index_generation == state.generation():
        return state.index
    try:
        return await run_in_threadpool(state.search_index)
    except Unavailable as error:
        raise HTTPException(error.status, error.message, error.headers) from error


async def explore_page(state: State, request: Request) -> Response:
    target = request.query_params.get("iri", "")
    node = None
    if target:
        iri = _iri_of(target)
        node = (await state.page(pages.describe_nodes, [iri]))[iri]
        if not node.types:
            raise HTTPException(404, f"{iri} is not in the graph")
    return render("explore.html", node=node, query="")


async def neighbourhood_api(state: State, request: Request) -> Response:
    """An entity's neighbourhood; with `group` (a class name) and `offset`, a page of that group's members
    (those with `year` and about `region` when given)."""
    iri = _iri_of(request.query_params.get("iri", ""))
    group = request.query_params.get("group", "")[:100] or None
    offset = _int(request.query_params.get("offset"), 0, 0, MAX_SEARCH_OFFSET)
    year = _int(request.query_params.get("year"), 0, 0, 9999) or None
    region = _iri_of(request.query_params["region"]) if request.query_params.get("region") else None
    try:
        graph = await state.page(explore.neighbourhood, iri, group, offset, year, region)
    except pages.NotFound as error:
        raise HTTPException(404, f"{iri} is not in the graph") from error
    return JSONResponse(graph)


async def whole_graph_api(state: State, request: Request) -> Response:
    graph = await state.page(explore.whole_graph)
    if graph is None:
        return JSONResponse(
            {"error": f"the graph has more than {explore.WHOLE_GRAPH_LIMIT} entities: explore one"}, 413
        )
    return JSONResponse(graph)


def _iri_of(target: str) -> str:
    """A full IRI from `iri=` (the IRI itself, or a server path /id/...); 400 when it is none."""
    text = target.strip()
    if text.startswith("/id/"):
        text = RESOURCE_BASE + text[len("/id/") :]
    try:
        return ox.NamedNode(text).value
    except ValueError as error:
        raise HTTPException(400, f"not an IRI: {target!r}") from error


async def resource(state: State, request: Request) -> Response:
    """A resource of the graph: its HTML page for browsers, its triples for RDF clients."""
    path = request.path_params["path"]
    try:
        iri = pages.resource_iri(path)
    except ValueError as error:
        raise HTTPException(404, f"no resource /id/{path}") from error
    media = _entity_media(request)
    headers = {"Vary": "Accept", "Link": f'<{quote(iri, safe=":/#?=&%.-_~")}>; rel="canonical"'}
    view, number = _section(request)
    try:
        if media == "text/html":
            generation = state.generation()
            key = (iri, view, number, current_locale())
            html = state.rendered.get(generation, key)
            if html is MISSING:
                page = await state.page(pages.entity_page, iri, view, number)
                html = render("entity.html", page=page, node=page.node, query="").body
                state.rendered.put(generation, key, html)
            return _with(HTMLResponse(html), headers)
        body = await state.page(pages.entity_rdf, iri, media)
    except pages.NotFound as error:
        raise HTTPException(404, f"{iri} is not in the graph") from error
    return Response(body, media_type=_charset(media), headers=headers)


def _section(request: Request) -> tuple[str, int]:
    """The section of an entity page paged through (`show`) and the page of it; 400 when they are wrong."""
    view = request.query_params.get("show", "")
    try:
        pages.check_view(view)
    except pages.BadView as error:
        raise HTTPException(400, str(error)) from error
    text = request.query_params.get("page", "1")
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise HTTPException(400, f"page must be a whole number from 1 to {MAX_PAGE}, not {text!r}")
    return view, int(text)


def _entity_media(request: Request) -> str:
    offered = ["text/html", *RDF_TYPES]
    name = request.query_params.get("format")
    if name:
        media = RDF_FORMAT_NAMES.get(name.lower(), name.lower())
        if media not in offered:
            raise HTTPException(400, f"unknown format {name!r}; use one of {', '.join(RDF_FORMAT_NAMES)}")
        return media
    chosen = negotiate(request.headers.get("accept"), offered)
    if chosen is None:
        raise HTTPException(406, f"this resource is available as {', '.join(offered)}")
    return chosen


def _with(response: Response, headers: dict[str, str]) -> Response:
    response.headers.update(headers)
    return response


def _charset(media: str) -> str:
    return media if media == "application/n-triples" else f"{media}; charset=utf-8"


async def void_description(state: State, request: Request) -> Response:
    offered = list(RDFLIB_FORMATS)
    name = request.query_params.get("format")
    media = (
        RDF_FORMAT_NAMES.get(name.lower(), name)
        if name
        else negotiate(request.headers.get("accept"), offered)
    )
    if media not in offered:
        return PlainTextResponse(f"the description is available as {', '.join(offered)}\n", 406)
    dumps = not state.settings.sparql_endpoint  # no whole-graph files over a remote endpoint
    body = await state.page(pages.dataset_document, _base_url(request), RDFLIB_FORMATS[media], dumps)
    return Response(body, media_type=_charset(media), headers={"Vary": "Accept"})


def _base_url(request: Request) -> str:
    """The server's own base URL, safe to write between < and > in RDF."""
    return quote(str(request.base_url), safe=":/[]@!$&'()*+,;=%.-_~")


async def dataset_page(state: State, request: Request) -> Response:
    summary = await state.page(pages.dataset_summary, str(state.downloads))
    offered = [] if state.settings.sparql_endpoint else list(DOWNLOADS.values())
    return render("dataset.html", summary=summary, downloads=offered, query="")


async def dataset_file(state: State, request: Request) -> Response:
    """A whole-graph file, made by a page worker the first time it is asked for (kg.serve.downloads)."""
    name = request.path_params["name"]
    if name not in DOWNLOADS:
        raise HTTPException(404, f"no download {name!r}; there are {', '.join(DOWNLOADS)}")
    if state.settings.sparql_endpoint:
        endpoint = state.settings.sparql_endpoint
        raise HTTPException(
            404, f"no whole-graph downloads over {endpoint}: ask it with CONSTRUCT at /sparql"
        )
    lock = state.making.setdefault(name, asyncio.Lock())
    async with lock:
        try:
            path = await run_in_threadpool(
                state.pages.call,
                pages.dataset_download,
                name,
                str(state.downloads),
                timeout=state.settings.download_seconds,
            )
        except Unavailable as error:
            raise HTTPException(error.status, error.message, error.headers) from error
    return FileResponse(path, media_type=DOWNLOADS[name].media_type, filename=name)


async def vis_network(request: Request) -> Response:
    return FileResponse(
        str(resources.files("kg") / "static" / "vis-network.min.js"), media_type="text/javascript"
    )


# --- SPARQL ------------------------------------------------------------------------------------


async def query_page(state: State, request: Request) -> Response:
    prologue = sparql_prologue()
    queries = [
        {"name": q.name, "title": q.title, "description": q.description, "sparql": prologue + q.sparql}
        for q in saved_queries()
    ]
    return render("query.html", queries=queries, base=RESOURCE_BASE, query="")


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "600",
}


async def sparql_endpoint(state: State, request: Request) -> Response:
    """The SPARQL 1.1 Protocol: a query by GET or POST, its result in the negotiated format.

    Any origin may read the endpoint's answers, errors included (it needs no cookie and
    changes nothing); no other route says so, so other sites cannot read the pages.
    """
    if request.method == "OPTIONS":
        response = Response(status_code=204)
    else:
        response = await _sparql_answer(state, request)
    return _with(response, CORS_HEADERS)


async def _sparql_answer(state: State, request: Request) -> Response:
    try:
        if request.method == "POST":
            body = await _read_body(request, state.settings.max_body_bytes)
            params = list(request.query_params.multi_items())
            wanted = sparql.from_post(request.headers.get("content-type", ""), body, params)
        else:
            wanted = sparql.from_params(list(request.query_params.multi_items()))
        if wanted is None:
            return _service_description(state, request)
        _check_shape(wanted.sparql, state.settings.max_query_bytes)
        job = QueryJob(
            wanted.sparql,
            sparql.choices(request.headers.get("accept"), wanted.format),
            wanted.default_graphs,
            wanted.named_graphs,
        )
    except sparql.ProtocolError as error:
        return PlainTextResponse(error.message + "\n", error.status, headers={"Vary": "Accept"})
    if not any(job.choices.values()):
        return _not_acceptable()
    outcome: QueryOutcome = await run_in_threadpool(state.pool.run, job)
    if outcome.status == 406:
        return _not_acceptable(outcome.body.decode())
    headers = {"Vary": "Accept", **outcome.headers}
    choice = job.choices.get(outcome.kind)
    if outcome.status == 200 and choice is not None and request.query_params.get("download"):
        extension = {"turtle": "ttl", "ntriples": "nt", "rdfxml": "rdf"}.get(choice.fmt, choice.fmt)
        headers["Content-Disposition"] = f'attachment; filename="results.{extension}"'
    return Response(outcome.body, outcome.status, headers=headers, media_type=outcome.content_type)


def _check_shape(text: str, max_bytes: int) -> None:
    try:
        guard.check_shape(text, max_bytes, MAX_NESTING)
    except guard.Refused as error:
        raise sparql.ProtocolError(400, str(error)) from error


def _not_acceptable(reason: str = "") -> Response:
    offered = ", ".join(sparql.offered_types())
    return PlainTextResponse(
        f"{reason.strip() or 'no acceptable format'}; this endpoint writes {offered}\n", 406
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused past `limit` bytes even when no Content-Length announced it."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise sparql.ProtocolError(413, f"the request body is larger than {limit} bytes")
    return bytes(body)


def _service_description(state: State, request: Request) -> Response:
    """GET /sparql without a query: the query page for browsers, the service description for the rest."""
    accept = request.headers.get("accept")
    media = negotiate(accept, ["text/turtle", "text/html"]) if accept else "text/turtle"
    if media == "text/html":
        return RedirectResponse("/query", 303)
    if media is None:
        return _not_acceptable()
    base = _base_url(request)
    limits = {
        "time limit (s)": state.settings.timeout,
        "result limit (bytes)": state.settings.max_result_bytes,
        "request body limit (bytes)": state.settings.max_body_bytes,
    }
    text = sparql.service_description(base + "sparql", base + ".well-known/void", limits)
    return Response(text, media_type="text/turtle; charset=utf-8", headers={"Vary": "Accept"})


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(text or default), low), high)
    except ValueError:
        return default
