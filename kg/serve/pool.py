"""A pool of query workers (kg.serve.worker): how the server enforces its time limit and stays up.

Every query of the store runs in a worker process: the endpoint's SPARQL and the pages'
own queries alike, each kind in a pool of its own, so that users of /sparql cannot keep
the pages waiting. The server waits for an answer at most the time limit; past it the
worker is killed and replaced, and the client gets 503, never a part of the result.

The pool keeps its size. A supervisor thread starts the workers, watches them (a worker
killed from outside, or one that crashed, is noticed within a fraction of a second) and
starts a replacement for every worker that dies or is retired. A worker that fails to
start (the store cannot be opened, say) is tried again after a pause that doubles up to
half a minute, so that a failure that lasts does not spin. The supervisor is also the one
thread that starts workers: Linux sends PR_SET_PDEATHSIG when the *thread* that started
a process ends, and this thread lives as long as the pool.

The waiting policy: a job waits at most `queue_wait` seconds (one by default) for a free
worker. Past it the answer is 503 with a Retry-After of the seconds until the soonest
busy worker reaches its time limit. So two slow queries on a pool of two hold those
two workers for at most the time limit, while everyone else gets a prompt answer to
come back then, instead of every request waiting behind them; and there is no queue
for a crowd of clients to grow without bound.

Workers are started with "spawn": forking a threaded server process is unsafe.
"""

from __future__ import annotations

import math
import multiprocessing
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from kg.serve.worker import (
    READY,
    PageCall,
    QueryJob,
    QueryOutcome,
    Raised,
    Returned,
    StartFailed,
    WorkerConfig,
    worker_main,
)

T = TypeVar("T")
STARTUP_SECONDS = 60.0
WATCH_SECONDS = 0.25
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 30.0


class PoolError(RuntimeError):
    """The pool could not start a single worker; the message says why."""


class Unavailable(Exception):
    """A page call that got no answer (busy, over its time limit, or its worker died): an HTTP error."""

    def __init__(self, outcome: QueryOutcome) -> None:
        super().__init__(outcome.message)
        self.status = outcome.status
        self.message = outcome.message
        self.headers = outcome.headers


@dataclass(eq=False)
class Worker:
    """A worker process and the parent's end of its pipe (hashed by identity)."""

    process: BaseProcess
    connection: Connection
    ready: bool = False
    busy_since: float | None = None


class QueryPool:
    """`size` workers; a job waits at most `queue_wait` s for a free one and runs at most `timeout` s."""

    def __init__(
        self,
        config: WorkerConfig,
        size: int = 2,
        timeout: float = 10.0,
        queue_wait: float = 1.0,
        name: str = "query",
    ) -> None:
        self.config = config
        self.size = size
        self.timeout = timeout
        self.queue_wait = queue_wait
        self.name = name
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.stopping = threading.Event()
        self.failures = 0
        self.last_error = ""
        self.supervisor: threading.Thread | None = None

    # --- life -------------------------------------------------------------------------------------

    def start(self, wait: bool = True) -> None:
        """Start the supervisor; with `wait`, return once the workers are ready.

        Raises PoolError when a worker failed to start before any was ready (the store
        cannot be opened, say): a server without workers would answer nothing.
        """
        if self.supervisor is not None:
            return
        self.supervisor = threading.Thread(target=self._supervise, name=f"kg-{self.name}-pool", daemon=True)
        self.supervisor.start()
        if wait:
            self._await_ready()

    def close(self) -> None:
        """Stop the supervisor and every worker."""
        self.stopping.set()
        if self.supervisor is not None:
            self.supervisor.join(STARTUP_SECONDS)
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            self._retire(worker)

    def pids(self) -> list[int]:
        """The process ids of the live workers (for monitoring and tests)."""
        with self.lock:
            return sorted(w.process.pid for w in self.workers if w.ready and w.process.pid is not None)

    def busy(self) -> int:
        """How many workers are running a job now."""
        with self.lock:
            return sum(1 for w in self.workers if w.busy_since is not None)

    # --- jobs -----------------------------------------------------------------------------------

    def run(self, job: QueryJob) -> QueryOutcome:
        """The outcome of a SPARQL job; an error outcome when it cannot have one."""
        reply = self._exchange(job, self.timeout)
        if isinstance(reply, QueryOutcome):
            return reply
        return QueryOutcome.error(500, f"the query worker answered {type(reply).__name__}")

    def call(self, function: Callable[..., T], *args: Any, timeout: float | None = None) -> T:
        """`function(store, *args)` run in a worker; raises Unavailable, or the function's NotFound."""
        reply = self._exchange(PageCall(function, args), timeout or self.timeout)
        if isinstance(reply, Returned):
            value: T = reply.value
            return value
        if isinstance(reply, Raised):
            raise reply.error
        if isinstance(reply, QueryOutcome):
            raise Unavailable(reply)
        raise Unavailable(QueryOutcome.error(500, f"the worker answered {type(reply).__name__}"))

    def _exchange(self, job: object, timeout: float) -> object:
        worker = self._acquire()
        if isinstance(worker, QueryOutcome):
            return worker
        started = worker.busy_since or time.monotonic()
        try:
            message = ForkingPickler.dumps(job)
        except Exception as error:  # nothing was sent: the worker is still free
            self._release(worker)
            return QueryOutcome.error(500, f"the job cannot be sent to a worker: {error}")
        try:
            worker.connection.send_bytes(message)
            if worker.connection.poll(timeout):
                reply = worker.connection.recv()
                self._release(worker)
                return reply
        except (EOFError, OSError):
            self._retire(worker, owner=True)
            return QueryOutcome.error(500, self._death_message(worker))
        self._retire(worker, owner=True)
        elapsed = time.monotonic() - started
        return QueryOutcome.error(
            503,
            f"the query was stopped after {elapsed:.1f} s (time limit {timeout:g} s); no result",
            {"Retry-After": "1"},
        )

    def _acquire(self) -> Worker | QueryOutcome:
        """A free live worker within `queue_wait` seconds, or the 503 outcome that says when to come back."""
        deadline = time.monotonic() + self.queue_wait
        while True:
            try:
                worker = self.idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                return QueryOutcome.error(
                    503,
                    "every query worker is busy: try again shortly",
                    {"Retry-After": str(self._retry_after())},
                )
            with self.lock:
                usable = worker in self.workers and not _ended(worker)
                if usable:
                    worker.busy_since = time.monotonic()
            if usable:
                return worker
            self._retire(worker, owner=True)  # died while idle: the supervisor starts another

    def _release(self, worker: Worker) -> None:
        """Hand a worker back after a job; one the supervisor retired meanwhile is closed instead."""
        with self.lock:
            worker.busy_since = None
            known = worker in self.workers
        if known:
            self.idle.put(worker)
        else:
            self._retire(worker, owner=True)

    def _retry_after(self) -> int:
        """Seconds until the soonest busy worker is free at the latest (its time limit), at least one."""
        now = time.monotonic()
        with self.lock:
            ends = [w.busy_since + self.timeout - now for w in self.workers if w.busy_since is not None]
        return max(1, math.ceil(min(ends))) if ends else max(1, math.ceil(self.queue_wait))

    def _death_message(self, worker: Worker) -> str:
        code = worker.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        limit = self.config.memory_mb
        memory = f"; a query that needs more than {limit} MB of memory ends this way" if limit else ""
        return f"the query worker stopped while running the query ({how}){memory}; it has been replaced"

    # --- the supervisor ------------------------------------------------------------------------

    def _supervise(self) -> None:
        """Keep `size` workers: start the missing ones (backing off after a failure), notice deaths."""
        while not self.stopping.is_set():
            with self.lock:
                workers = list(self.workers)
            if len(workers) < self.size:
                self._start_one()
                continue
            ended = wait([w.process.sentinel for w in workers], WATCH_SECONDS)
            for worker in workers:
                if worker.process.sentinel in ended:
                    self._retire(worker)

    def _start_one(self) -> None:
        worker = self._spawn()
        reply = self._first_word(worker)
        with self.lock:
            if reply == READY and not self.stopping.is_set():
                worker.ready = True
                self.failures = 0
                self.idle.put(worker)
            else:
                self.failures += 1
                self.last_error = reply.message if isinstance(reply, StartFailed) else str(reply)
            self.changed.notify_all()
        if not worker.ready:
            self._retire(worker)
            self.stopping.wait(backoff(self.failures))

    def _spawn(self) -> Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=worker_main, args=(child, self.config), name=f"kg-{self.name}-worker", daemon=True
        )
        process.start()
        child.close()
        worker = Worker(process, parent)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _first_word(self, worker: Worker) -> object:
        """READY, a StartFailed, or why neither came in time."""
        deadline = time.monotonic() + STARTUP_SECONDS
        try:
            while time.monotonic() < deadline and not self.stopping.is_set():
                if worker.connection.poll(WATCH_SECONDS):
                    return worker.connection.recv()
        except (EOFError, OSError):
            return f"the worker exited while starting (exit code {worker.process.exitcode})"
        return f"the worker did not start within {STARTUP_SECONDS:g} s"

    def _await_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        with self.lock:
            while True:
                ready = sum(1 for w in self.workers if w.ready)
                if ready >= self.size or time.monotonic() > deadline:
                    return
                if self.failures and not ready:
                    raise PoolError(self.last_error)
                self.changed.wait(WATCH_SECONDS)

    def _retire(self, worker: Worker, owner: bool = False) -> None:
        """Kill a worker (it may be deep in a query) and forget it; the supervisor starts another.

        Only the thread running a job on the worker (the `owner`) closes its connection while
        the job runs: closing it under a thread blocked in `recv` breaks that read mid-message.
        """
        with self.lock:
            self.workers.discard(worker)
            close = owner or worker.busy_since is None
        if close:
            worker.connection.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)


def backoff(failures: int) -> float:
    """Seconds to wait before starting a worker again after `failures` failed starts in a row."""
    return min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** max(failures - 1, 0))


def _ended(worker: Worker) -> bool:
    """Whether the process has ended, without reaping it (its sentinel is readable then)."""
    return bool(wait([worker.process.sentinel], 0))
