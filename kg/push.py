"""The push stage: the store's graph, written to a triple store over the SPARQL 1.1 Graph Store Protocol.

Institutions already run a triple store (Apache Jena Fuseki, Virtuoso, GraphDB, Oxigraph
server) and want the graph there, kept current as the store is rebuilt. Each named graph
(one per article, and the gazetteer's) and the merged default graph is replaced with one
PUT of N-Triples, which a Graph Store applies whole: the server never holds half an article.
Given the server's SPARQL Update endpoint too, a small change reaches the default graph as
one update of the triples it gains and loses instead (see `push`).

A push is incremental. For each endpoint the store folder keeps (in `push/`) the digest of
every graph the server confirmed; only graphs whose digest changed are sent, and graphs
once pushed from this store that are gone from it are deleted on the server. An article
graph's digest is the manifest's digest of the article's content and of the rules that
built it, which decide its graph and cost nothing to read; another named graph's (the
gazetteer's) is the hash of its N-Triples; the default graph's is the hash of every named
graph's digest, since it is their union.

Each graph the server confirms is appended to a journal at once, and the state is rewritten
from it (atomically) when the push ends: a push stopped at any point resumes with the
graphs not yet confirmed. A graph recorded nowhere is only sent again, as PUT and DELETE
are idempotent; the default graph goes last, so it is never recorded before the graphs it
is the union of.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import http.client
import json
import netrc
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import Message
from importlib.metadata import version as package_version
from pathlib import Path
from typing import IO, Literal
from urllib.parse import SplitResult, quote, urlsplit
from urllib.request import parse_http_list, parse_keqv_list

import pyoxigraph as ox

from kg.errors import UserFacingError
from kg.export.atomic import write_atomic
from kg.store import KnowledgeStore, read_manifest

#: The push state's key for the merged default graph: never an absolute IRI, so never a named graph's.
DEFAULT_GRAPH = "default"
NTRIPLES = "application/n-triples"
STATE_FOLDER = "push"
SPOOL_BYTES = 8 << 20  # a graph's N-Triples stay in memory up to this size, then go to a temporary file
MAX_BACKOFF = 30.0
MAX_RETRY_AFTER = 60.0
MESSAGE_CHARS = 160
GRAPH_STORE_EXAMPLES = "http://localhost:7878/store, http://host:3030/DATASET/data"
UPDATE_EXAMPLES = "http://localhost:7878/update, http://host:3030/DATASET/update"
NO_CREDENTIALS_HINT = "set KG_PUSH_USER and KG_PUSH_PASSWORD, or KG_PUSH_TOKEN, or a ~/.netrc entry for"

Progress = Callable[[int, int], None]
Action = Literal["put", "delete"]


class PushError(UserFacingError):
    """A push the server or the setup refused; the message is one line naming the endpoint."""


# --- the endpoint and its credentials ----------------------------------------------------------------


def check_endpoint(url: str) -> SplitResult:
    """The parts of a Graph Store URL, or a PushError saying what is wrong with it.

    Credentials in the URL are refused (and left out of the message): they would be kept in
    the push state's file and shown in every error.
    """
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise PushError(f"{url}: the port is not a number") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(
            f"{url!r} is not an http(s) URL: give the server's full URL"
            " (for example http://localhost:7878/store)"
        )
    if parts.username is not None or parts.password is not None:
        shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        raise PushError(f"{shown}: credentials do not go in the URL: {NO_CREDENTIALS_HINT} the host")
    return parts


@dataclass(frozen=True)
class Credentials:
    """How the push proves who it is, and where that came from (for messages; secrets never shown)."""

    source: str
    user: str | None = field(default=None, repr=False)
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)

    def preemptive(self) -> str | None:
        """The Authorization header sent with every request before the server asks."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            pair = f"{self.user}:{self.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None


def credentials_for(url: str, environ: Mapping[str, str] | None = None) -> Credentials:
    """The credentials for a Graph Store URL: KG_PUSH_TOKEN (a bearer token), KG_PUSH_USER and
    KG_PUSH_PASSWORD, or the netrc entry of the URL's host (~/.netrc, or the file $NETRC names)."""
    env = os.environ if environ is None else environ
    host = check_endpoint(url).hostname or ""
    if env.get("KG_PUSH_TOKEN"):
        return Credentials("KG_PUSH_TOKEN", token=env["KG_PUSH_TOKEN"])
    user, password = env.get("KG_PUSH_USER"), env.get("KG_PUSH_PASSWORD")
    if user is not None or password is not None:
        if user is None or password is None:
            raise PushError("KG_PUSH_USER and KG_PUSH_PASSWORD go together: set both, or neither")
        return Credentials("KG_PUSH_USER and KG_PUSH_PASSWORD", user, password)
    return _netrc_credentials(host, Path(env.get("NETRC") or Path.home() / ".netrc"))


def _netrc_credentials(host: str, path: Path) -> Credentials:
    none = Credentials(f"nowhere ({NO_CREDENTIALS_HINT} {host})")
    if not path.is_file():
        return none
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError, UnicodeDecodeError) as error:
        raise PushError(f"{path}: cannot read it: {error}") from error
    if entry is None:
        return none
    login, _account, password = entry
    return Credentials(f"{path} (machine {host})", login, password or "")


@dataclass
class DigestChallenge:
    """A server's HTTP Digest challenge (RFC 7616), answered for every request until it is renewed."""

    params: dict[str, str]
    count: int = 0

    @classmethod
    def find(cls, headers: Message) -> DigestChallenge | None:
        for header in headers.get_all("WWW-Authenticate") or []:
            scheme, _, rest = header.strip().partition(" ")
            if scheme.lower() == "digest":
                return cls(parse_keqv_list(parse_http_list(rest)))
        return None

    def answer(self, user: str, password: str, method: str, uri: str, cnonce: str = "") -> str:
        """The Authorization header for one request (qop=auth or none; MD5, SHA-256 and -sess forms)."""
        self.count += 1
        cnonce = cnonce or secrets.token_hex(8)
        fields = {
            "username": user,
            "realm": self.params.get("realm", ""),
            "nonce": self.params.get("nonce", ""),
            "uri": uri,
            "algorithm": self.params.get("algorithm", "MD5"),
        }
        qops = [q.strip() for q in self.params.get("qop", "").split(",") if q.strip()]
        if qops and "auth" not in qops:
            raise PushError(f"the server asks for HTTP Digest qop={qops[0]}, which kg push does not speak")
        if qops:
            fields |= {"qop": "auth", "nc": f"{self.count:08x}", "cnonce": cnonce}
        fields["response"] = self._response(fields, password, method)
        if "opaque" in self.params:
            fields["opaque"] = self.params["opaque"]
        bare = ("qop", "nc", "algorithm")
        return "Digest " + ", ".join(f"{k}={v}" if k in bare else f'{k}="{v}"' for k, v in fields.items())

    @staticmethod
    def _response(fields: dict[str, str], password: str, method: str) -> str:
        algorithm = fields["algorithm"].upper()
        name = algorithm.removesuffix("-SESS").replace("-", "").lower()
        if name not in ("md5", "sha256"):
            raise PushError(f"the server asks for HTTP Digest {algorithm}, which kg push does not speak")

        def h(text: str) -> str:
            return hashlib.new(name, text.encode()).hexdigest()

        nonce = fields["nonce"]
        secret = h(f"{fields['username']}:{fields['realm']}:{password}")
        if algorithm.endswith("-SESS"):
            secret = h(f"{secret}:{nonce}:{fields['cnonce']}")
        request = h(f"{method}:{fields['uri']}")
        if "qop" in fields:
            return h(f"{secret}:{nonce}:{fields['nc']}:{fields['cnonce']}:auth:{request}")
        return h(f"{secret}:{nonce}:{request}")


# --- the server's two doors: its Graph Store and its SPARQL Update endpoint ------------------------------


@dataclass(frozen=True)
class Reply:
    """A server's answer, read whole so that the connection can carry the next request."""

    status: int
    reason: str
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass(frozen=True)
class Request:
    """One request to a Connection's URL: `selector` is added to the URL's own query string."""

    method: str
    selector: str = ""
    body: IO[bytes] | None = None
    size: int = 0
    content_type: str = NTRIPLES
    accept: str = "*/*"


def _retryable(status: int) -> bool:
    """Overload and server trouble pass; 501 and 505 say the server will never do it."""
    return status == 429 or (status >= 500 and status not in (501, 505))


def _shortened(text: str) -> str:
    """A server's error page as one short line: tags dropped, spaces folded, cut at MESSAGE_CHARS."""
    line = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    if not line:
        return "no message"
    return line if len(line) <= MESSAGE_CHARS else line[: MESSAGE_CHARS - 1] + "…"


class Connection:
    """One kept-alive HTTP connection to one URL: credentials, retries with backoff, refusals in words.

    Connection errors, 429 and 5xx are tried again after 0.5, 1, 2, 4 ... seconds (or the
    server's Retry-After), `retries` times. `kind` and `example` name the URL in messages.
    """

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        kind: str = "graph store",
        example: str = GRAPH_STORE_EXAMPLES,
        timeout: float = 60.0,
        retries: int = 5,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.parts = check_endpoint(url)
        self.url = self.parts.geturl()
        self.credentials = credentials
        self.kind, self.example = kind, example
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.retried = 0
        self._digest: DigestChallenge | None = None
        self._connection: http.client.HTTPConnection | None = None
        self._agent = f"kg/{package_version('kg-jamsostek')}"

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def exchange(self, request: Request) -> Reply:
        """The server's last answer to `request`, after the retries that trouble on its side allows."""
        query = "&".join(part for part in (self.parts.query, request.selector) if part)
        target = (self.parts.path or "/") + (f"?{query}" if query else "")
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                reply = self._answered(request, target)
            except (OSError, http.client.HTTPException) as error:
                self.close()
                if last:
                    raise PushError(
                        f"{self.url}: cannot reach the server ({attempt + 1} attempts): {_error_text(error)}"
                    ) from error
                self._pause(attempt, None)
                continue
            if _retryable(reply.status) and not last:
                self._pause(attempt, reply.headers.get("Retry-After"))
                continue
            return reply
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _answered(self, request: Request, target: str) -> Reply:
        """One request, and its second sending when the server answers with a new Digest challenge."""
        reply = self._send(request, target)
        if reply.status == 401 and self._take_challenge(reply):
            reply = self._send(request, target)
        return reply

    def _take_challenge(self, reply: Reply) -> bool:
        """Whether to send the request again with a Digest answer: a user is known, and the challenge
        is the first one or renews a nonce the server calls stale (an answer refused otherwise is final)."""
        challenge = DigestChallenge.find(reply.headers)
        if challenge is None or self.credentials.user is None:
            return False
        if self._digest is not None and challenge.params.get("stale", "").lower() != "true":
            return False
        self._digest = challenge
        return True

    def _authorization(self, method: str, target: str) -> str | None:
        if self._digest is not None and self.credentials.user is not None:
            return self._digest.answer(self.credentials.user, self.credentials.password, method, target)
        return self.credentials.preemptive()

    def _send(self, request: Request, target: str) -> Reply:
        headers = {"User-Agent": self._agent, "Accept": request.accept}
        if request.body is not None:
            request.body.seek(0)
            headers |= {"Content-Type": request.content_type, "Content-Length": str(request.size)}
        authorization = self._authorization(request.method, target)
        if authorization:
            headers["Authorization"] = authorization
        connection = self._connect()
        connection.request(request.method, target, body=request.body, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.will_close:
            self.close()
        return Reply(response.status, response.reason, response.headers, body)

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            host = self.parts.hostname or ""
            self._connection = kind(host, self.parts.port, timeout=self.timeout)
        return self._connection

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        delay = min(self.backoff * 2**attempt, MAX_BACKOFF)
        if retry_after and retry_after.strip().isdigit():
            delay = min(max(delay, float(retry_after.strip())), MAX_RETRY_AFTER)
        self.retried += 1
        self.sleep(delay)

    def refusal(self, reply: Reply, what: str) -> PushError:
        """The one line that says why the server did not do `what` (a graph, or "the update")."""
        status = f"{reply.status} {reply.reason}".strip()
        if reply.status in (401, 403):
            if self.credentials.preemptive() is None:
                hint = f"{NO_CREDENTIALS_HINT} {self.parts.hostname}"
                return PushError(f"{self.url}: the server wants credentials ({status}): {hint}")
            return PushError(
                f"{self.url}: the server refused the credentials ({status}); they come from"
                f" {self.credentials.source}"
            )
        if reply.status == 404:
            return PushError(
                f"{self.url} is not a {self.kind} ({status}): give the server's {self.kind} URL"
                f" (for example {self.example})"
            )
        if 300 <= reply.status < 400:
            where = reply.headers.get("Location", "elsewhere")
            return PushError(f"{self.url}: the server redirects to {where} ({status}): push to that URL")
        if _retryable(reply.status):
            return PushError(
                f"{self.url}: the server kept failing on {what} ({status}, {self.retries + 1} attempts):"
                f" {_shortened(reply.text)}"
            )
        return PushError(f"{self.url}: the server refused {what} ({status}): {_shortened(reply.text)}")


class GraphStoreClient:
    """The server a push writes to: its SPARQL 1.1 Graph Store and, when named, its SPARQL Update endpoint.

    Without the update endpoint every changed graph, the default graph included, is one PUT;
    with it, a small change reaches the default graph as one update of the triples it adds
    and removes (see `push`). The same credentials go to both.
    """

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        timeout: float = 60.0,
        retries: int = 5,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        update_url: str | None = None,
    ) -> None:
        self.store = Connection(
            url, credentials, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep
        )
        self.updates: Connection | None = None
        if update_url:
            self.updates = Connection(
                update_url,
                credentials,
                "SPARQL Update endpoint",
                UPDATE_EXAMPLES,
                timeout,
                retries,
                backoff,
                sleep,
            )
        self.url = self.store.url

    @property
    def retried(self) -> int:
        return self.store.retried + (self.updates.retried if self.updates else 0)

    def put(self, graph: str, body: IO[bytes], size: int) -> None:
        """Replace `graph` (DEFAULT_GRAPH for the default graph) with the N-Triples in `body`."""
        reply = self.store.exchange(Request("PUT", _selector(graph), body, size))
        if not 200 <= reply.status < 300:
            raise self.store.refusal(reply, _described(graph))

    def delete(self, graph: str) -> None:
        """Remove `graph` from the server; one that is not there (404) is as good as deleted."""
        reply = self.store.exchange(Request("DELETE", _selector(graph)))
        if not 200 <= reply.status < 300 and reply.status != 404:
            raise self.store.refusal(reply, _described(graph))

    def get(self, graph: str) -> list[ox.Triple]:
        """The triples the server holds in `graph` (none when it has no such graph)."""
        reply = self.store.exchange(Request("GET", _selector(graph), accept=NTRIPLES))
        if reply.status == 404:
            return []
        if not 200 <= reply.status < 300:
            raise self.store.refusal(reply, _described(graph))
        media = reply.headers.get_content_type()
        syntax = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            return [quad.triple for quad in ox.parse(reply.body, format=syntax)]
        except SyntaxError as error:
            raise PushError(f"{self.url}: the server sent {_described(graph)} unreadable: {error}") from error

    def update(self, body: IO[bytes], size: int) -> None:
        """Run a SPARQL Update on the server's update endpoint (named: `updates` must be set)."""
        assert self.updates is not None, "no update endpoint was named"
        request = Request("POST", "", body, size, content_type="application/sparql-update")
        reply = self.updates.exchange(request)
        if not 200 <= reply.status < 300:
            raise self.updates.refusal(reply, "the update of the default graph")

    def close(self) -> None:
        self.store.close()
        if self.updates is not None:
            self.updates.close()


def _selector(graph: str) -> str:
    return "default" if graph == DEFAULT_GRAPH else "graph=" + quote(graph, safe="")


def _described(graph: str) -> str:
    return "the default graph" if graph == DEFAULT_GRAPH else f"<{graph}>"


def _error_text(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


# --- the push state ----------------------------------------------------------------------------------


class PushState:
    """What the server at one endpoint confirmed holding, graph IRI -> digest, kept in the store folder.

    `push/<key>.json` is the state as of the last finished push (written atomically);
    `push/<key>.journal` lists what the server confirmed since, one JSON line per graph, so an
    interrupted push loses nothing it was told; `push/<key>.lock` keeps two pushes to the same
    endpoint from writing it at once.
    """

    def __init__(self, root: Path, endpoint: str) -> None:
        self.endpoint = endpoint
        key = hashlib.sha256(endpoint.encode()).hexdigest()[:16]
        self.folder = root / STATE_FOLDER
        self.path = self.folder / f"{key}.json"
        self.journal_path = self.folder / f"{key}.journal"
        self.lock_path = self.folder / f"{key}.lock"
        self.digests: dict[str, str] = {}
        self._journal: IO[str] | None = None

    @classmethod
    @contextlib.contextmanager
    def held(cls, root: Path, endpoint: str) -> Iterator[PushState]:
        """The state of `endpoint`, locked against another push to it and loaded with its journal."""
        state = cls(root, endpoint)
        state.folder.mkdir(exist_ok=True)
        with open(state.lock_path, "ab") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PushError(f"{endpoint}: another kg push from {root} to it is running") from None
            state._load()
            try:
                yield state
            finally:
                if state._journal is not None:
                    state._journal.close()

    def _load(self) -> None:
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.digests = dict(data["graphs"])
            except (ValueError, KeyError, TypeError) as error:
                raise PushError(
                    f"{self.path}: the push state is unreadable ({error}); remove it to push everything again"
                ) from error
        if self.journal_path.is_file():
            for line in self.journal_path.read_text(encoding="utf-8", errors="replace").splitlines():
                self._replay(line)

    def _replay(self, line: str) -> None:
        """One journal line; a torn one (a push killed while writing it) is left out: that graph is resent."""
        try:
            graph, digest = json.loads(line)
        except ValueError:
            return
        if digest is None:
            self.digests.pop(graph, None)
        else:
            self.digests[graph] = digest

    def confirm(self, graph: str, digest: str | None) -> None:
        """The server holds `graph` with this digest (None: it no longer holds it); journalled at once."""
        if digest is None:
            self.digests.pop(graph, None)
        else:
            self.digests[graph] = digest
        if self._journal is None:
            self._journal = open(self.journal_path, "a", encoding="utf-8")  # noqa: SIM115
        self._journal.write(json.dumps([graph, digest], ensure_ascii=False) + "\n")
        self._journal.flush()

    def save(self) -> None:
        """The state as it now is, written whole; the journal it absorbed is dropped."""
        data = {"endpoint": self.endpoint, "graphs": dict(sorted(self.digests.items()))}
        write_atomic(self.path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self.journal_path.unlink(missing_ok=True)


# --- digests and the plan ----------------------------------------------------------------------------


def graph_digests(store: KnowledgeStore) -> dict[str, str]:
    """Every graph's digest, named graphs by IRI and the default graph under DEFAULT_GRAPH."""
    manifest = read_manifest(store.path, store.generation)[1] if store.path and store.generation else {}
    digests = {
        graph: manifest[graph].digest if graph in manifest else _content_digest(store, graph)
        for graph in store.graphs()
    }
    union = hashlib.sha256()
    for graph, digest in sorted(digests.items()):
        union.update(f"{graph} {digest}\n".encode())
    digests[DEFAULT_GRAPH] = union.hexdigest()
    return digests


def _content_digest(store: KnowledgeStore, graph: str) -> str:
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as body:
        _dump(store, graph, body)
        body.seek(0)
        return hashlib.file_digest(body, "sha256").hexdigest()


def _dump(store: KnowledgeStore, graph: str, body: IO[bytes]) -> int:
    """Write a graph as N-Triples into `body`; returns its number of triples (one per line)."""
    name = ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)
    store.store.dump(body, format=ox.RdfFormat.N_TRIPLES, from_graph=name)
    size = body.tell()
    body.seek(0)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: body.read(1 << 20), b""))
    body.seek(size)
    return lines


@dataclass(frozen=True)
class PushPlan:
    """What a push does, in order: named graphs sent, gone graphs deleted, the default graph sent last."""

    steps: list[tuple[Action, str]]
    unchanged: list[str]


def plan_push(wanted: Mapping[str, str], pushed: Mapping[str, str], full: bool = False) -> PushPlan:
    """The graphs to send (changed since the last push, or all with `full`) and to delete (gone)."""
    changed = {g for g, digest in wanted.items() if full or pushed.get(g) != digest}
    named = [("put", g) for g in sorted(changed - {DEFAULT_GRAPH})]
    gone = [("delete", g) for g in sorted(set(pushed) - set(wanted))]
    default = [("put", DEFAULT_GRAPH)] if DEFAULT_GRAPH in changed else []
    steps: list[tuple[Action, str]] = [*named, *gone, *default]  # type: ignore[list-item]
    return PushPlan(steps, sorted(set(wanted) - changed))


# --- the push ----------------------------------------------------------------------------------------


@dataclass
class PushReport:
    """What a push did: the graphs sent and deleted, by IRI (DEFAULT_GRAPH for the default graph)."""

    endpoint: str
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    quads: int = 0  # sent: every triple of each graph PUT, and those of the default graph's update
    default_by_update: bool = False
    retries: int = 0
    seconds: float = 0.0


def push(
    root: Path, client: GraphStoreClient, full: bool = False, progress: Progress | None = None
) -> PushReport:
    """Bring the server `client` talks to up to date with the live graph of the store at `root`.

    `full` sends every graph whatever the state says (for a server that lost its data);
    either way only graphs this store pushed are ever deleted. `progress` is told
    (steps done, steps planned) after every graph.

    With an update endpoint, the default graph (the union of all named graphs, so as large
    as all of them) is not sent again for a small change: before the changed graphs are
    replaced, their old versions are read back from the server; afterwards one SPARQL Update
    deletes the old versions' triples the store's merged graph no longer holds and inserts
    the new versions' triples. This is exact only if the server's default graph is the one
    the last push left, so the state forgets the default graph's digest first and records it
    again only after the update: a push stopped in between is followed by a PUT of the
    whole default graph.
    """
    started = time.perf_counter()
    store = KnowledgeStore(root, read_only=True)
    try:
        with PushState.held(root, client.url) as state, contextlib.closing(client):
            run = _Run(store, state, client, graph_digests(store), PushReport(client.url))
            run.push(plan_push(run.wanted, state.digests, full), full, progress)
    finally:
        store.close()
    run.report.seconds = time.perf_counter() - started
    return run.report


@dataclass
class _Run:
    """One push under way: the store it reads, the state it records, what it has done so far."""

    store: KnowledgeStore
    state: PushState
    client: GraphStoreClient
    wanted: dict[str, str]
    report: PushReport
    changed: list[str] = field(default_factory=list)  # named graphs put or deleted
    removed: set[ox.Triple] | None = None  # to remove from the default graph; None: it goes by PUT

    def push(self, plan: PushPlan, full: bool, progress: Progress | None) -> None:
        self.report.unchanged = len(plan.unchanged)
        if not full and self._by_update(plan):
            self.state.confirm(DEFAULT_GRAPH, None)  # unknown until the update is confirmed
            self.changed = [graph for _, graph in plan.steps if graph != DEFAULT_GRAPH]
            self.removed = self._gone_from_default(self.changed)
        for done, (action, graph) in enumerate(plan.steps, start=1):
            if action == "delete":
                self.client.delete(graph)
                self.report.deleted.append(graph)
            elif graph == DEFAULT_GRAPH and self.removed is not None:
                self.report.quads += self._update_default(self.removed)
                self.report.default_by_update = True
                self.report.sent.append(graph)
            else:
                self.report.quads += self._put(graph)
                self.report.sent.append(graph)
            self.state.confirm(graph, self.wanted.get(graph))
            if progress:
                progress(done, len(plan.steps))
        self.state.save()
        self.report.retries = self.client.retried

    def _by_update(self, plan: PushPlan) -> bool:
        """Whether the default graph is kept by an update: an update endpoint is named, the server's
        default graph is the one the last push left, and fewer than half the named graphs changed
        (past that, the update would carry about as much as the whole graph)."""
        changed = sum(1 for _, graph in plan.steps if graph != DEFAULT_GRAPH)
        return (
            self.client.updates is not None
            and ("put", DEFAULT_GRAPH) in plan.steps
            and DEFAULT_GRAPH in self.state.digests
            and 2 * changed < len(self.wanted) - 1
        )

    def _put(self, graph: str) -> int:
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as body:
            triples = _dump(self.store, graph, body)
            self.client.put(graph, body, body.tell())
        return triples

    def _gone_from_default(self, graphs: list[str]) -> set[ox.Triple]:
        """The triples of the server's versions of `graphs` that the store's merged graph no longer holds.

        Read before those graphs are replaced; every other triple of the server's default graph
        is in an unchanged graph, and so still in the merged graph.
        """
        merged, default = self.store.store, ox.DefaultGraph()
        return {
            triple
            for graph in graphs
            for triple in self.client.get(graph)
            if ox.Quad(triple.subject, triple.predicate, triple.object, default) not in merged
        }

    def _update_default(self, removed: set[ox.Triple]) -> int:
        """One SPARQL Update taking the server's default graph to the store's merged graph.

        It inserts every triple of the changed graphs' new versions (one the server already
        holds is no change): which of them it lacks cannot be known without reading its
        whole default graph.
        """
        added = 0

        def additions() -> Iterator[ox.Triple]:
            nonlocal added
            for graph in self.changed:
                for quad in self.store.quads(graph):
                    added += 1
                    yield quad.triple

        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as body:
            body.write(b"DELETE DATA {\n")
            ox.serialize(sorted(removed, key=str), output=body, format=ox.RdfFormat.N_TRIPLES)
            body.write(b"};\nINSERT DATA {\n")
            ox.serialize(additions(), output=body, format=ox.RdfFormat.N_TRIPLES)
            body.write(b"}\n")
            self.client.update(body, body.tell())
        return len(removed) + added
