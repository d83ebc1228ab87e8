"""`kg push` against a real Oxigraph server: what the server holds afterwards is the store, quad for quad.

The server is the `oxigraph` binary (the PyPI package of that name, in the test extra),
started on a free loopback port for each test. Between the push and the server stands a
small forwarding proxy that logs every request it passes on and, when a test asks, plays
the parts a real deployment adds: a password in front of the store (Basic or Digest), a
server that is overloaded for a while, or one that goes away half-way.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import shutil
import threading
import urllib.request
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import parse_http_list, parse_keqv_list

import pyoxigraph as ox
import pytest
from oxigraph_support import free_port, oxigraph_server
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.push import (
    DEFAULT_GRAPH,
    Credentials,
    DigestChallenge,
    GraphStoreClient,
    PushError,
    PushState,
    check_endpoint,
    credentials_for,
    plan_push,
    push,
)
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/jamsostek-kg/id/graph/"
ARTICLES = [f"{GRAPH}{path.stem.replace('_', '-')}" for path in sorted((ROOT / "seeds").glob("*.txt"))]
GAZETTEER = f"{GRAPH}gazetteer"
NO_CREDENTIALS = Credentials("nowhere")


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server on its own data folder; yields its base URL."""
    with oxigraph_server("serve", tmp_path / "oxigraph") as base:
        yield base


@dataclass
class Stage:
    """What the proxy plays in front of the server; tests change it between pushes."""

    basic: str | None = None  # the one Basic Authorization header let through
    digest: tuple[str, str] | None = None  # (user, password) checked by HTTP Digest
    scripted: deque[tuple[int, dict[str, str], str]] = field(default_factory=deque)  # answered first
    down_after: int | None = None  # requests passed on after which every request gets 503
    updates_fail: bool = False  # every SPARQL Update gets 503
    forwarded: list[tuple[str, str]] = field(default_factory=list)  # (method, graph) passed on


class GraphStoreProxy(ThreadingHTTPServer):
    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.upstream = urlsplit(upstream)
        self.stage = Stage()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/update"


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GraphStoreProxy

    def do_GET(self) -> None:
        self.handle_store_request()

    def do_PUT(self) -> None:
        self.handle_store_request()

    def do_DELETE(self) -> None:
        self.handle_store_request()

    def do_POST(self) -> None:
        self.handle_store_request()

    def handle_store_request(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        stage = self.server.stage
        refusal = self.refusal(stage)
        if refusal:
            self.answer(*refusal)
        elif self.unavailable(stage):
            self.answer(503, {}, "Service Unavailable")
        else:
            self.forward(body, stage)

    def refusal(self, stage: Stage) -> tuple[int, dict[str, str], str] | None:
        given = self.headers.get("Authorization", "")
        if stage.basic is not None and given != stage.basic:
            return 401, {"WWW-Authenticate": 'Basic realm="kg"'}, "Unauthorized"
        if stage.digest is not None and not self.digest_matches(given, *stage.digest):
            challenge = 'Digest realm="kg", nonce="n0nc3", qop="auth", algorithm=MD5, opaque="op"'
            return 401, {"WWW-Authenticate": challenge}, "Unauthorized"
        return stage.scripted.popleft() if stage.scripted else None

    def unavailable(self, stage: Stage) -> bool:
        if stage.updates_fail and self.path.startswith("/update"):
            return True
        return stage.down_after is not None and len(stage.forwarded) >= stage.down_after

    def digest_matches(self, given: str, user: str, password: str) -> bool:
        """RFC 7616 with MD5 and qop=auth, written out here apart from the client's own code."""
        if not given.startswith("Digest "):
            return False
        fields = parse_keqv_list(parse_http_list(given.removeprefix("Digest ")))

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        secret, request = md5(f"{user}:kg:{password}"), md5(f"{self.command}:{self.path}")
        wanted = md5(f"{secret}:n0nc3:{fields.get('nc')}:{fields.get('cnonce')}:auth:{request}")
        return fields.get("uri") == self.path and fields.get("response") == wanted

    def forward(self, body: bytes, stage: Stage) -> None:
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        graph = query["graph"][0] if "graph" in query else DEFAULT_GRAPH
        stage.forwarded.append((self.command, "update" if self.path.startswith("/update") else graph))
        upstream = http.client.HTTPConnection(self.server.upstream.hostname, self.server.upstream.port)
        headers = {name: self.headers[name] for name in ("Content-Type", "Accept") if name in self.headers}
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        response = upstream.getresponse()
        media = response.headers.get("Content-Type")
        self.answer(response.status, {"Content-Type": media} if media else {}, response.read().decode())
        upstream.close()

    def answer(self, status: int, headers: dict[str, str], text: str) -> None:
        data = text.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the stage's log is what the tests read."""


@pytest.fixture
def proxy(oxigraph: str) -> Iterator[GraphStoreProxy]:
    server = GraphStoreProxy(oxigraph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A copy of seeds/ that a test changes."""
    return Path(shutil.copytree(ROOT / "seeds", tmp_path / "articles"))


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("push") / "kg"
    assert build([ROOT / "seeds"], KnowledgeStore(root), workers=1).articles == 5
    return root


@pytest.fixture
def store(seeds_store: Path, tmp_path: Path) -> Path:
    """The seeds' store, copied: a push keeps its state in the store folder."""
    return Path(shutil.copytree(seeds_store, tmp_path / "kg"))


def rebuild(articles: Path, store: Path) -> None:
    report = build([articles], KnowledgeStore(store), workers=1)
    assert not report.problems


def client(
    url: str, credentials: Credentials = NO_CREDENTIALS, retries: int = 5, update_url: str | None = None
) -> GraphStoreClient:
    return GraphStoreClient(
        url, credentials, timeout=10, retries=retries, sleep=lambda _seconds: None, update_url=update_url
    )


def store_quads(store: Path) -> set[ox.Quad]:
    kg_store = KnowledgeStore(store, read_only=True)
    try:
        return set(kg_store.quads()) | set(kg_store.merged())  # the summary graph is derived: not pushed
    finally:
        kg_store.close()


def server_quads(base: str) -> set[ox.Quad]:
    """Every quad the server holds, read back over the SPARQL 1.1 Protocol (default graph included)."""
    sparql = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    request = urllib.request.Request(
        f"{base}/query",
        data=sparql.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        solutions = ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    return {ox.Quad(r["s"], r["p"], r["o"], r["g"] or ox.DefaultGraph()) for r in solutions}


def puts(stage: Stage) -> list[str]:
    return [graph for method, graph in stage.forwarded if method == "PUT"]


# --- the whole graph, then only what changed -----------------------------------------------------------


def test_a_push_leaves_the_quads_of_the_store_on_the_server_then_sends_only_when_asked(
    store: Path, proxy: GraphStoreProxy, oxigraph: str
) -> None:
    report = push(store, client(proxy.url))
    expected = store_quads(store)
    assert server_quads(oxigraph) == expected
    assert report.sent == [*ARTICLES, GAZETTEER, DEFAULT_GRAPH]
    assert puts(proxy.stage) == report.sent
    assert report.quads == len(expected) and report.deleted == [] and report.unchanged == 0
    state = json.loads(next((store / "push").glob("*.json")).read_text(encoding="utf-8"))
    assert state["endpoint"] == proxy.url and set(state["graphs"]) == set(report.sent)
    assert not list((store / "push").glob("*.journal"))

    proxy.stage.forwarded.clear()
    unchanged = push(store, client(proxy.url))
    assert (unchanged.sent, unchanged.unchanged, proxy.stage.forwarded) == ([], 7, [])
    full = push(store, client(proxy.url), full=True)
    assert puts(proxy.stage) == full.sent == report.sent


@pytest.mark.parametrize(
    ("update", "after_a_change", "after_a_removal"),
    [
        (
            False,
            [("PUT", ARTICLES[2]), ("PUT", DEFAULT_GRAPH)],
            [("DELETE", ARTICLES[0]), ("PUT", DEFAULT_GRAPH)],
        ),
        (
            True,
            [("GET", ARTICLES[2]), ("PUT", ARTICLES[2]), ("POST", "update")],
            [("GET", ARTICLES[0]), ("DELETE", ARTICLES[0]), ("POST", "update")],
        ),
    ],
    ids=["default graph by PUT", "default graph by SPARQL Update"],
)
def test_a_push_after_a_rebuild_sends_only_the_changed_article_and_deletes_the_gone_one(
    articles: Path,
    store: Path,
    proxy: GraphStoreProxy,
    oxigraph: str,
    update: bool,
    after_a_change: list[tuple[str, str]],
    after_a_removal: list[tuple[str, str]],
) -> None:
    rebuild(articles, store)  # the copy's articles become the store's
    update_url = proxy.update_url if update else None
    push(store, client(proxy.url, update_url=update_url))
    changed = sorted(articles.glob("*.txt"))[2]
    changed.write_text("Kabar terbaru. " + changed.read_text(encoding="utf-8"), encoding="utf-8")
    rebuild(articles, store)
    proxy.stage.forwarded.clear()

    report = push(store, client(proxy.url, update_url=update_url))
    assert proxy.stage.forwarded == after_a_change
    assert report.sent == [ARTICLES[2], DEFAULT_GRAPH] and report.default_by_update == update
    assert report.unchanged == 5 and report.deleted == []
    assert server_quads(oxigraph) == store_quads(store)

    sorted(articles.glob("*.txt"))[0].unlink()
    rebuild(articles, store)
    proxy.stage.forwarded.clear()
    report = push(store, client(proxy.url, update_url=update_url))
    assert proxy.stage.forwarded == after_a_removal
    assert report.deleted == [ARTICLES[0]] and report.sent == [DEFAULT_GRAPH]
    assert server_quads(oxigraph) == store_quads(store)


def test_a_push_stopped_before_the_default_graphs_update_sends_the_whole_default_graph_next(
    articles: Path, store: Path, proxy: GraphStoreProxy, oxigraph: str
) -> None:
    rebuild(articles, store)  # the copy's articles become the store's
    push(store, client(proxy.url, update_url=proxy.update_url))
    sorted(articles.glob("*.txt"))[1].unlink()
    rebuild(articles, store)
    proxy.stage.updates_fail = True
    with pytest.raises(
        PushError, match=r"/update: the server kept failing on the update of the default graph"
    ):
        push(store, client(proxy.url, retries=1, update_url=proxy.update_url))
    proxy.stage.updates_fail = False
    proxy.stage.forwarded.clear()

    report = push(store, client(proxy.url, update_url=proxy.update_url))
    assert proxy.stage.forwarded == [("PUT", DEFAULT_GRAPH)] and not report.default_by_update
    assert server_quads(oxigraph) == store_quads(store)


def test_a_push_stopped_half_way_resumes_with_the_graphs_the_server_did_not_confirm(
    store: Path, proxy: GraphStoreProxy, oxigraph: str
) -> None:
    proxy.stage.down_after = 3
    with pytest.raises(PushError, match=r"kept failing on <.*> \(503 Service Unavailable, 2 attempts\)"):
        push(store, client(proxy.url, retries=1))
    assert puts(proxy.stage) == ARTICLES[:3]
    proxy.stage.down_after = None
    proxy.stage.forwarded.clear()

    report = push(store, client(proxy.url))
    assert report.sent == [*ARTICLES[3:], GAZETTEER, DEFAULT_GRAPH] == puts(proxy.stage)
    assert server_quads(oxigraph) == store_quads(store)


def test_server_trouble_is_tried_again_after_a_growing_wait_or_the_one_the_server_asks(
    store: Path, proxy: GraphStoreProxy, oxigraph: str
) -> None:
    proxy.stage.scripted.extend(
        [(503, {}, "busy"), (429, {"Retry-After": "3"}, "slow down"), (502, {}, "bad gateway")]
    )
    waits: list[float] = []
    graph_store = GraphStoreClient(proxy.url, NO_CREDENTIALS, retries=5, sleep=waits.append)
    report = push(store, graph_store)
    assert waits == [0.5, 3.0, 2.0]
    assert report.retries == 3
    assert server_quads(oxigraph) == store_quads(store)


def test_an_unreachable_server_is_named_after_the_retries(store: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match=r"cannot reach the server \(3 attempts\): connection refused"):
        push(store, client(url, retries=2))


def test_a_second_push_to_the_same_endpoint_at_the_same_time_is_refused(store: Path) -> None:
    url = "http://127.0.0.1:9/store"
    with PushState.held(store, url), pytest.raises(PushError, match=r"another kg push .* is running"):
        push(store, client(url))


# --- refusals: one line saying why -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scripted", "message"),
    [
        (
            (403, {}, "Forbidden"),
            r"wants credentials \(403 Forbidden\): set KG_PUSH_USER and KG_PUSH_PASSWORD, or KG_PUSH_TOKEN",
        ),
        (
            (413, {}, "<html><body><h1>Payload Too Large</h1><p>limit is 1 MB</p></body></html>"),
            r"refused <https://w3id.org/jamsostek-kg/id/graph/000-e36e1fcbfc9a9173> \(413 [^)]+\):"
            r" Payload Too Large limit is 1 MB$",
        ),
        ((415, {}, "x" * 400), r"\(415 Unsupported Media Type\): x{159}…$"),
        ((301, {"Location": "https://example.org/store"}, ""), r"redirects to https://example.org/store"),
    ],
    ids=["403", "413 with an HTML page", "415 with a long message", "301"],
)
def test_a_refusal_says_what_the_server_said_in_one_line(
    store: Path, proxy: GraphStoreProxy, scripted: tuple[int, dict[str, str], str], message: str
) -> None:
    proxy.stage.scripted.append(scripted)
    with pytest.raises(PushError, match=message) as refused:
        push(store, client(proxy.url))
    assert "\n" not in str(refused.value)
    assert not list((store / "push").glob("*.json"))  # nothing confirmed, nothing recorded


def test_a_url_that_is_no_graph_store_is_named_so(store: Path, oxigraph: str) -> None:
    with pytest.raises(PushError, match=r"/nothing is not a graph store \(404 Not Found\)"):
        push(store, client(f"{oxigraph}/nothing"))


def test_refused_credentials_are_one_line_from_the_cli_naming_their_source_not_their_value(
    store: Path, proxy: GraphStoreProxy
) -> None:
    proxy.stage.basic = "Basic " + base64.b64encode(b"kg:benar").decode()
    environment = {"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "rahasia-salah", "KG_PUSH_TOKEN": ""}
    result = CliRunner().invoke(
        app, ["push", "--store", str(store), "--endpoint", proxy.url, "-q"], env=environment
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {proxy.url}: the server refused the credentials (401 Unauthorized); they come from"
        " KG_PUSH_USER and KG_PUSH_PASSWORD"
    ]
    assert "rahasia" not in result.output

    environment["KG_PUSH_PASSWORD"] = "benar"
    result = CliRunner().invoke(
        app, ["push", "--store", str(store), "--endpoint", proxy.url, "-q"], env=environment
    )
    assert result.exit_code == 0, result.output
    assert "7 graphs sent" in result.output and "0 deleted, 0 unchanged" in result.output


def test_no_credentials_for_a_server_that_wants_some_says_where_to_put_them(
    store: Path, proxy: GraphStoreProxy
) -> None:
    proxy.stage.basic = "Basic " + base64.b64encode(b"kg:benar").decode()
    with pytest.raises(PushError, match=r"wants credentials \(401 Unauthorized\): set KG_PUSH_USER"):
        push(store, client(proxy.url))


def test_a_digest_server_is_answered_with_the_user_and_password(
    store: Path, proxy: GraphStoreProxy, oxigraph: str
) -> None:
    proxy.stage.digest = ("dba", "rahasia")
    push(store, client(proxy.url, Credentials("test", "dba", "rahasia")))
    assert server_quads(oxigraph) == store_quads(store)
    proxy.stage.forwarded.clear()
    with pytest.raises(PushError, match="refused the credentials"):
        push(store, client(proxy.url, Credentials("test", "dba", "salah")), full=True)
    assert proxy.stage.forwarded == []


# --- the parts on their own ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "netrc", "header", "source"),
    [
        ({"KG_PUSH_TOKEN": "t0ken"}, None, "Bearer t0ken", "KG_PUSH_TOKEN"),
        (
            {"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "pw"},
            "machine triples.example.org login other password x",
            "Basic " + base64.b64encode(b"kg:pw").decode(),
            "KG_PUSH_USER and KG_PUSH_PASSWORD",
        ),
        (
            {},
            "machine elsewhere.org login a password b\nmachine triples.example.org login kg password pw",
            "Basic " + base64.b64encode(b"kg:pw").decode(),
            "(machine triples.example.org)",
        ),
        ({}, "machine elsewhere.org login a password b", None, "nowhere (set KG_PUSH_USER"),
        ({}, None, None, "nowhere"),
    ],
    ids=["token", "user and password before netrc", "netrc", "netrc of another host", "none"],
)
def test_credentials_come_from_the_environment_or_netrc(
    tmp_path: Path, environment: dict[str, str], netrc: str | None, header: str | None, source: str
) -> None:
    netrc_file = tmp_path / "netrc"
    if netrc is not None:
        netrc_file.write_text(netrc + "\n", encoding="utf-8")
    credentials = credentials_for(
        "https://triples.example.org/ds/data", {**environment, "NETRC": str(netrc_file)}
    )
    assert credentials.preemptive() == header
    assert source in credentials.source
    assert "pw" not in repr(credentials) and "t0ken" not in repr(credentials)


def test_a_user_without_a_password_is_refused() -> None:
    with pytest.raises(PushError, match="KG_PUSH_USER and KG_PUSH_PASSWORD go together"):
        credentials_for("http://localhost:7878/store", {"KG_PUSH_USER": "kg"})


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("localhost:7878/store", "is not an http"),
        ("ftp://example.org/store", "is not an http"),
        ("http://example.org:port/store", "the port is not a number"),
        ("http://kg:rahasia@example.org/store", "http://example.org/store: credentials do not go in the URL"),
    ],
)
def test_an_endpoint_must_be_a_plain_http_url(url: str, message: str) -> None:
    with pytest.raises(PushError, match=message) as refused:
        check_endpoint(url)
    assert "rahasia" not in str(refused.value)


@pytest.mark.parametrize(
    ("algorithm", "response"),
    [
        ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
        ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ],
)
def test_a_digest_answer_is_that_of_rfc_7616s_example(algorithm: str, response: str) -> None:
    challenge = DigestChallenge(
        {
            "realm": "http-auth@example.org",
            "qop": "auth, auth-int",
            "algorithm": algorithm,
            "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
        }
    )
    cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    header = challenge.answer("Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce)
    assert f'response="{response}"' in header and "nc=00000001" in header and "qop=auth" in header


EVERYTHING = [("put", "g:a"), ("put", "g:b"), ("put", DEFAULT_GRAPH)]


@pytest.mark.parametrize(
    ("pushed", "full", "steps"),
    [
        ({}, False, EVERYTHING),
        ({"g:a": "1", "g:b": "2", DEFAULT_GRAPH: "u"}, False, []),
        ({"g:a": "1", "g:b": "old", DEFAULT_GRAPH: "old"}, False, [("put", "g:b"), ("put", DEFAULT_GRAPH)]),
        (
            {"g:a": "1", "g:b": "2", "g:gone": "3", DEFAULT_GRAPH: "old"},
            False,
            [("delete", "g:gone"), ("put", DEFAULT_GRAPH)],
        ),
        ({"g:a": "1", "g:b": "2", DEFAULT_GRAPH: "u"}, True, EVERYTHING),
    ],
    ids=["first push", "nothing changed", "one changed", "one gone", "full"],
)
def test_a_plan_sends_changed_graphs_deletes_gone_ones_and_the_default_graph_last(
    pushed: dict[str, str], full: bool, steps: list[tuple[str, str]]
) -> None:
    wanted = {"g:a": "1", "g:b": "2", DEFAULT_GRAPH: "u"}
    assert plan_push(wanted, pushed, full).steps == steps


def test_a_torn_journal_line_is_left_out_and_its_graph_sent_again(tmp_path: Path) -> None:
    url = "http://localhost:7878/store"
    with PushState.held(tmp_path, url) as state:
        state.confirm("g:a", "1")
        state.confirm("g:b", "2")
        state.confirm("g:b", None)
    with PushState(tmp_path, url).journal_path.open("a", encoding="utf-8") as journal:
        journal.write('["g:c", "3"')  # a push killed while writing this line
    with PushState.held(tmp_path, url) as state:
        assert state.digests == {"g:a": "1"}
        state.save()
    assert json.loads(PushState(tmp_path, url).path.read_text(encoding="utf-8"))["graphs"] == {"g:a": "1"}


def test_push_explains_itself_with_an_example() -> None:
    result = CliRunner().invoke(app, ["push", "--help"])
    assert result.exit_code == 0 and "Example: kg push" in result.output
