"""The push stage: the store's graph, written to a triple store over the SPARQL 1.1 Graph Store Protocol.

Institutions already run a triple store (Apache Jena Fuseki, Virtuoso, GraphDB, Oxigraph
server) and want the graph there, kept current as the store is rebuilt. Each named graph
(one per article, and the gazetteer's) and the merged default graph is replaced with one
PUT of N-Triples, which a Graph Store applies whole: the server never holds half an article.

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
            f"{url!r} is not an http(s) URL: give the server's Graph Store URL"
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


# --- the Graph Store client --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A server's answer, read whole so that the connection can carry the next request."""

    status: int
    reason: str
    headers: Message
    text: str


def _retryable(status: int) -> bool:
    """Overload and server trouble pass; 501 and 505 say the server will never do it."""
    return status == 429 or (status >= 500 and status not in (501, 505))


def _shortened(text: str) -> str:
    """A server's error page as one short line: tags dropped, spaces folded, cut at MESSAGE_CHARS."""
    line = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    if not line:
        return "no message"
    return line if len(line) <= MESSAGE_CHARS else line[: MESSAGE_CHARS - 1] + "…"


class GraphStoreClient:
    """One kept-alive connection to a Graph Store: PUT and DELETE of graphs, retried with backoff.

    Connection errors, 429 and 5xx are tried again after 0.5, 1, 2, 4 ... seconds (or the
    server's Retry-After), `retries` times; a refusal raises PushError with one line saying why.
    """

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        timeout: float = 60.0,
        retries: int = 5,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.parts = check_endpoint(url)
        self.url = self.parts.geturl()
        self.credentials = credentials
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.retried = 0
        self._digest: DigestChallenge | None = None
        self._connection: http.client.HTTPConnection | None = None
        self._agent = f"kg/{package_version('kg-jamsostek')}"

    def put(self, graph: str, body: IO[bytes], size: int) -> None:
        """Replace `graph` (DEFAULT_GRAPH for the default graph) with the N-Triples in `body`."""
        reply = self._request("PUT", graph, body, size)
        if not 200 <= reply.status < 300:
            raise self._refusal(reply, graph)

    def delete(self, graph: str) -> None:
        """Remove `graph` from the server; one that is not there (404) is as good as deleted."""
        reply = self._request("DELETE", graph)
        if not 200 <= reply.status < 300 and reply.status != 404:
            raise self._refusal(reply, graph)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _target(self, graph: str) -> str:
        selector = "default" if graph == DEFAULT_GRAPH else "graph=" + quote(graph, safe="")
        query = f"{self.parts.query}&{selector}" if self.parts.query else selector
        return f"{self.parts.path or '/'}?{query}"

    def _request(self, method: str, graph: str, body: IO[bytes] | None = None, size: int = 0) -> Reply:
        target = self._target(graph)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                reply = self._exchange(method, target, body, size)
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

    def _exchange(self, method: str, target: str, body: IO[bytes] | None, size: int) -> Reply:
        """One request, and its second sending when the server answers with a new Digest challenge."""
        reply = self._send(method, target, body, size)
        if reply.status == 401 and self._take_challenge(reply):
            reply = self._send(method, target, body, size)
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

    def _send(self, method: str, target: str, body: IO[bytes] | None, size: int) -> Reply:
        headers = {"User-Agent": self._agent, "Accept": "*/*"}
        if body is not None:
            body.seek(0)
            headers |= {"Content-Type": NTRIPLES, "Content-Length": str(size)}
        authorization = self._authorization(method, target)
        if authorization:
            headers["Authorization"] = authorization
        connection = self._connect()
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        if response.will_close:
            self.close()
        return Reply(response.status, response.reason, response.headers, text)

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

    def _refusal(self, reply: Reply, graph: str) -> PushError:
        status = f"{reply.status} {reply.reason}".strip()
        if reply.status in (401, 403):
            if self.credentials.preemptive() is None:
                return PushError(f"{self.url}: the server wants credentials ({status}): {self._hint()}")
            return PushError(
                f"{self.url}: the server refused the credentials ({status}); they come from"
                f" {self.credentials.source}"
            )
        if reply.status == 404:
            return PushError(
                f"{self.url} is not a graph store ({status}): give the server's SPARQL Graph Store"
                " Protocol URL (for example http://localhost:7878/store, http://host:3030/DATASET/data)"
            )
        if 300 <= reply.status < 400:
            where = reply.headers.get("Location", "elsewhere")
            return PushError(f"{self.url}: the server redirects to {where} ({status}): push to that URL")
        what = "the default graph" if graph == DEFAULT_GRAPH else f"<{graph}>"
        if _retryable(reply.status):
            return PushError(
                f"{self.url}: the server kept failing on {what} ({status}, {self.retries + 1} attempts):"
                f" {_shortened(reply.text)}"
            )
        return PushError(f"{self.url}: the server refused {what} ({status}): {_shortened(reply.text)}")

    def _hint(self) -> str:
        return f"{NO_CREDENTIALS_HINT} {self.parts.hostname}"


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
    quads: int = 0
    retries: int = 0
    seconds: float = 0.0


def push(
    root: Path, client: GraphStoreClient, full: bool = False, progress: Progress | None = None
) -> PushReport:
    """Bring the Graph Store `client` talks to up to date with the live graph of the store at `root`.

    `full` sends every graph whatever the state says (for a server that lost its data);
    either way only graphs this store pushed are ever deleted. `progress` is told
    (steps done, steps planned) after every graph.
    """
    started = time.perf_counter()
    store = KnowledgeStore(root, read_only=True)
    try:
        with PushState.held(root, client.url) as state, contextlib.closing(client):
            report = _run(store, state, client, full, progress)
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report


def _run(
    store: KnowledgeStore,
    state: PushState,
    client: GraphStoreClient,
    full: bool,
    progress: Progress | None,
) -> PushReport:
    wanted = graph_digests(store)
    plan = plan_push(wanted, state.digests, full)
    report = PushReport(client.url, unchanged=len(plan.unchanged))
    for done, (action, graph) in enumerate(plan.steps, start=1):
        if action == "delete":
            client.delete(graph)
            state.confirm(graph, None)
            report.deleted.append(graph)
        else:
            report.quads += _put(store, client, graph)
            state.confirm(graph, wanted[graph])
            report.sent.append(graph)
        if progress:
            progress(done, len(plan.steps))
    state.save()
    report.retries = client.retried
    return report


def _put(store: KnowledgeStore, client: GraphStoreClient, graph: str) -> int:
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as body:
        triples = _dump(store, graph, body)
        client.put(graph, body, body.tell())
    return triples
