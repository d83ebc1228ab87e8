"""One query worker process: what it is sent, how it runs it, and the limits it lives under.

A running pyoxigraph query cannot be interrupted from Python (no cancel, and signals do
not fire inside it), so the server runs every query of the store, the endpoint's and the
pages' own, in worker processes it can kill (kg.serve.pool). A worker:

- sets an address-space limit (RLIMIT_AS) on itself first, so that a query such as an
  ORDER BY over a cross join fails for lack of memory instead of growing to gigabytes;
- dies with the server: PR_SET_PDEATHSIG on Linux (the kernel sends SIGKILL when the
  thread that started the worker ends), and its main thread checks the parent's pid
  every second as a fallback, since a worker left behind would hold the store open;
- answers every job with an outcome, whatever goes wrong inside (MemoryError,
  RecursionError, a panic in pyoxigraph): only a crash of the process itself ends it,
  and the pool replaces it then;
- runs jobs in a thread with a large stack: Oxigraph's parser and optimiser recurse
  over a query's structure, and a long chain of operators overflows the default 8 MB;
- serialises a result into a buffer that refuses to grow past the size limit, so an
  enormous result stops early, and the client never gets a part of a result.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import io
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.queries import GRAPH_FORMATS, SOLUTION_FORMATS
from kg.serve import guard
from kg.serve.remote import RemoteError, RemoteStore
from kg.store import KnowledgeStore, live_generation

READY = "ready"
RESULT_KINDS = ("solutions", "boolean", "graph")
JOB_STACK_BYTES = 64 << 20
WATCH_SECONDS = 1.0
PR_SET_PDEATHSIG = 1
# Modules whose functions a worker runs for the pages (besides answering SPARQL jobs).
CALLABLE_MODULES = frozenset({"kg.serve.pages", "kg.serve.explore", "kg.serve.overviews"})


def open_store(root: Path) -> KnowledgeStore:
    """The store a worker reads: the live generation at `root`, read-only, leased while the worker lives.

    The one place the server opens the store.
    """
    return KnowledgeStore(root, read_only=True)


def following(store: KnowledgeStore, root: Path) -> KnowledgeStore:
    """The store to answer the next job with: the same one, or the live generation a build switched to.

    A build switches generations atomically (kg.store), so a job runs wholly on the old
    graph or wholly on the new one; the old generation's lease is let go, and a later
    build may delete it. Reading the pointer costs one small file read per job.
    """
    live = live_generation(root)
    if live is None or live == store.generation:
        return store
    fresh = open_store(root)
    store.close()
    return fresh


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker of a pool is started with."""

    store_path: str
    prefixes: dict[str, str]
    parent_pid: int
    max_result_bytes: int = 64 << 20
    memory_mb: int = 0  # 0: no limit
    allowed_services: tuple[str, ...] = ()
    preload: tuple[str, ...] = ()  # modules imported before the worker says it is ready
    endpoint: str = ""  # a remote SPARQL endpoint read instead of the store (kg.serve.remote)
    endpoint_seconds: float = 10.0  # the longest wait for one answer of that endpoint


@dataclass(frozen=True)
class Choice:
    """The serialisation negotiated for one kind of result."""

    fmt: str  # a key of SOLUTION_FORMATS or GRAPH_FORMATS
    media_type: str


@dataclass(frozen=True)
class QueryJob:
    """One query of the endpoint: its text (the project's prefixes declared for it) and its formats."""

    sparql: str
    choices: dict[str, Choice | None]  # by result kind; None: the client accepts nothing for that kind
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageCall:
    """A function of kg.serve.pages to call with the worker's store first, then `args`."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class QueryOutcome:
    """What the worker made of a job: a whole result, or an HTTP status and a message."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    kind: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str, headers: dict[str, str] | None = None) -> QueryOutcome:
        return cls(status, body=(message.rstrip() + "\n").encode("utf-8"), headers=headers or {})

    @property
    def message(self) -> str:
        return self.body.decode("utf-8", "replace").strip()


@dataclass(frozen=True)
class Returned:
    """A page call's value."""

    value: Any


@dataclass(frozen=True)
class Raised:
    """A page call's expected failure (a LookupError such as pages.NotFound), raised again in the server."""

    error: LookupError


@dataclass(frozen=True)
class StartFailed:
    """Sent instead of READY by a worker that could not open the store."""

    message: str


# --- running a SPARQL job ------------------------------------------------------------------------


class ResultTooLarge(Exception):
    """The serialised result grew past the size limit."""


class LimitedBuffer(io.RawIOBase):
    """A write-only byte buffer that raises ResultTooLarge instead of growing past `limit` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if len(self.buffer) + len(data) > self.limit:
            raise ResultTooLarge
        self.buffer += data
        return len(data)


def run_job(store: ox.Store | RemoteStore, config: WorkerConfig, job: QueryJob) -> QueryOutcome:
    """Run one SPARQL job against `store` and serialise its result, within the size limit."""
    try:
        guard.check_services(config.prefixes, job.sparql, config.allowed_services)
    except guard.Refused as error:
        return QueryOutcome.error(400, str(error))
    try:
        result = store.query(
            job.sparql,
            prefixes=config.prefixes,
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
        )
    except SyntaxError as error:
        return QueryOutcome.error(400, f"the query is not valid SPARQL: {error}")
    except (OSError, ValueError, RuntimeError) as error:
        return QueryOutcome.error(400, f"the query cannot be evaluated: {error}")
    kind = _kind(result)
    choice = job.choices.get(kind)
    if choice is None:
        return QueryOutcome.error(406, f"no acceptable format for a {kind} result")
    max_bytes = config.max_result_bytes
    buffer: Any = LimitedBuffer(max_bytes)  # a binary writer, which pyoxigraph's stubs call IO[bytes]
    try:
        if isinstance(result, ox.QueryTriples):
            result.serialize(buffer, format=GRAPH_FORMATS[choice.fmt])
        else:
            result.serialize(buffer, format=SOLUTION_FORMATS[choice.fmt])
    except ResultTooLarge:
        return QueryOutcome.error(
            503, f"the result is larger than the limit of {max_bytes} bytes: add a LIMIT or narrow the query"
        )
    except (OSError, ValueError, RuntimeError) as error:
        return QueryOutcome.error(500, f"the query failed while its result was written: {error}")
    return QueryOutcome(200, _with_charset(choice.media_type), bytes(buffer.buffer), kind)


def _kind(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "graph"


def _with_charset(media_type: str) -> str:
    textual = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    return f"{media_type}; charset=utf-8" if textual else media_type


def call_page(store: KnowledgeStore | RemoteStore, call: PageCall) -> Returned | Raised | QueryOutcome:
    """Run one page function; its NotFound goes back to be raised again, its value to be used."""
    function = call.function
    if getattr(function, "__module__", None) not in CALLABLE_MODULES:
        return QueryOutcome.error(500, f"a worker does not run {function!r}")
    try:
        return Returned(function(store, *call.args))
    except LookupError as error:
        return Raised(error)


def answer(store: KnowledgeStore | RemoteStore, config: WorkerConfig, job: object) -> object:
    """The reply to any job: never an exception, whatever happened while it ran."""
    try:
        if isinstance(job, QueryJob):
            return run_job(store.store, config, job)
        if isinstance(job, PageCall):
            return call_page(store, job)
        return QueryOutcome.error(500, f"a worker cannot run {type(job).__name__}")
    except RemoteError as error:  # the remote endpoint is down, or refused: its status, its one line
        return QueryOutcome.error(error.status, str(error))
    except MemoryError:
        return QueryOutcome.error(
            503, f"the query needs more memory than a query worker may use ({config.memory_mb} MB)"
        )
    except RecursionError:
        return QueryOutcome.error(400, "the query is nested too deeply to be evaluated")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # pyoxigraph's panics derive from BaseException
        return QueryOutcome.error(500, f"the query failed: {type(error).__name__}: {error}")


# --- the worker process -------------------------------------------------------------------------


def worker_main(connection: Connection, config: WorkerConfig) -> None:
    """A worker's life: limits first, then jobs in a thread with a large stack, watched by the main thread."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops us
    die_with_parent(config.parent_pid)
    limit_memory(config.memory_mb)
    threading.stack_size(JOB_STACK_BYTES)
    jobs = threading.Thread(target=serve_jobs, args=(connection, config), name="kg-jobs", daemon=True)
    jobs.start()
    while jobs.is_alive():
        jobs.join(WATCH_SECONDS)
        if os.getppid() != config.parent_pid:
            os._exit(1)  # the server is gone (killed before its kernel could kill us)


def serve_jobs(connection: Connection, config: WorkerConfig) -> None:
    """Open the store, say READY (or why not), then answer jobs until the pipe closes."""
    try:
        store = open_configured(config)
        for module in config.preload:
            importlib.import_module(module)
    except Exception as error:  # whatever stops the start is told to the pool, which backs off
        connection.send(StartFailed(f"{type(error).__name__}: {error}"))
        return
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        except Exception as error:  # a job that cannot be unpickled here
            job = QueryOutcome.error(500, f"the job could not be read: {error}")
        if not isinstance(job, QueryOutcome) and isinstance(store, KnowledgeStore):
            with contextlib.suppress(Exception):  # a new generation that cannot be opened: keep the old
                store = following(store, Path(config.store_path))
        reply = job if isinstance(job, QueryOutcome) else answer(store, config, job)
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return
        except Exception as error:  # a reply that cannot be pickled, or no memory left to pickle it
            connection.send(QueryOutcome.error(500, f"the reply could not be sent: {type(error).__name__}"))


def open_configured(config: WorkerConfig) -> KnowledgeStore | RemoteStore:
    """The remote endpoint when one is configured (checked to answer), else the embedded store."""
    if not config.endpoint:
        return open_store(Path(config.store_path))
    # SPARQL JSON, as read, is several times the size of the result as the client may ask for it
    remote = RemoteStore(config.endpoint, config.endpoint_seconds, 4 * config.max_result_bytes)
    remote.check()
    return remote


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (never raising a lower limit already in place)."""
    if megabytes <= 0:
        return
    wanted = megabytes << 20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard if hard != resource.RLIM_INFINITY else wanted))


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel for SIGKILL when the parent goes; exit now if it already went."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)
