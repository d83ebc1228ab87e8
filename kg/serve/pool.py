"""Query worker processes that can be stopped: how the endpoint enforces its time limit.

A running pyoxigraph query cannot be interrupted from Python (no cancel, and signals do
not fire inside it), so every SPARQL query of the endpoint runs in a worker process that
has the store open read-only. The server waits for the answer at most the time limit;
past it the worker is killed and replaced, and the client gets an error, never a part
of the result. A result is serialised inside the worker into a buffer that refuses to
grow past the size limit, so an enormous result stops early instead of filling memory.

Workers are started with "spawn": forking a threaded server process is unsafe.
"""

from __future__ import annotations

import io
import multiprocessing
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.store import open_read_only

RESULT_KINDS = ("solutions", "boolean", "graph")
READY = "ready"


@dataclass(frozen=True)
class Choice:
    """The serialisation negotiated for one kind of result."""

    fmt: str  # a key of SERIALISERS
    media_type: str


@dataclass(frozen=True)
class QueryJob:
    """One query to run: its text (the project's prefixes are declared for it) and the formats to use."""

    sparql: str
    choices: dict[str, Choice | None]  # by result kind; None: the client accepts nothing for that kind
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryOutcome:
    """What the worker made of a job: a whole result, or an HTTP status and a message."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    kind: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str) -> QueryOutcome:
        return cls(status, body=(message.rstrip() + "\n").encode("utf-8"))


SOLUTION_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


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


def run_job(store: ox.Store, prologue: str, job: QueryJob, max_bytes: int) -> QueryOutcome:
    """Run one job against `store` and serialise its result, within the size limit."""
    try:
        result = store.query(
            prologue + job.sparql,
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
        )
    except SyntaxError as error:
        return QueryOutcome.error(400, f"the query is not valid SPARQL: {error}")
    except (OSError, ValueError) as error:
        return QueryOutcome.error(400, f"the query cannot be evaluated: {error}")
    kind = _kind(result)
    choice = job.choices.get(kind)
    if choice is None:
        return QueryOutcome.error(406, f"no acceptable format for a {kind} result")
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
    except (OSError, ValueError) as error:
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


def worker_main(connection: Connection, store_path: str, prologue: str, max_bytes: int) -> None:
    """A worker's life: open the store read-only, say so, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops us
    store, _lease = open_read_only(Path(store_path))  # the live generation, kept while this worker lives
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(run_job(store, prologue, job, max_bytes))


@dataclass(eq=False)
class Worker:
    """A worker process and the parent's end of its pipe (hashed by identity)."""

    process: BaseProcess
    connection: Connection


class QueryPool:
    """A fixed number of query workers; a job waits for a free one, runs at most `timeout` seconds."""

    def __init__(
        self, store_path: Path, prologue: str, size: int = 2, timeout: float = 10.0, max_bytes: int = 64 << 20
    ) -> None:
        self.store_path = store_path
        self.prologue = prologue
        self.size = size
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.closed = False

    def start(self, wait: bool = True) -> None:
        """Start the workers; with `wait`, return once every one has the store open."""
        starting = [self._spawn() for _ in range(self.size)]
        for worker in starting:
            if wait:
                self._await_ready(worker)
            else:
                threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def run(self, job: QueryJob) -> QueryOutcome:
        """The outcome of `job`; a 503 outcome when no worker frees up in time or the query overruns."""
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return QueryOutcome.error(503, "every query worker is busy: try again shortly")
        started = time.monotonic()
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                outcome: QueryOutcome = worker.connection.recv()
                self.idle.put(worker)
                return outcome
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return QueryOutcome.error(500, "the query worker stopped unexpectedly; it has been restarted")
        self._replace(worker)
        elapsed = time.monotonic() - started
        return QueryOutcome.error(
            503, f"the query was stopped after {elapsed:.1f} s (time limit {self.timeout:g} s); no result"
        )

    def close(self) -> None:
        """Stop every worker."""
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            _stop(worker)

    def _spawn(self) -> Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=worker_main,
            args=(child, str(self.store_path), self.prologue, self.max_bytes),
            name="kg-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = Worker(process, parent)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _await_ready(self, worker: Worker) -> None:
        try:
            ready = worker.connection.poll(60) and worker.connection.recv() == READY
        except (EOFError, OSError):
            ready = False
        if ready and not self.closed:
            self.idle.put(worker)
        else:
            self._forget(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a worker (it may be deep in a query) and start a fresh one in its place."""
        self._forget(worker)
        if not self.closed:
            fresh = self._spawn()
            threading.Thread(target=self._await_ready, args=(fresh,), daemon=True).start()

    def _forget(self, worker: Worker) -> None:
        with self.lock:
            self.workers.discard(worker)
        _stop(worker)


def _stop(worker: Worker) -> None:
    worker.connection.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.process.close()
