"""The query workers: a whole result or an error, never a part of one; a pool that keeps its size."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_sample import eventually

from kg.namespaces import PREFIXES
from kg.serve.pool import PoolError, QueryPool, backoff
from kg.serve.worker import (
    Choice,
    LimitedBuffer,
    QueryJob,
    QueryOutcome,
    ResultTooLarge,
    WorkerConfig,
    answer,
)

JSON: dict[str, Choice | None] = {
    "solutions": Choice("json", "application/sparql-results+json"),
    "boolean": Choice("json", "application/sparql-results+json"),
    "graph": Choice("turtle", "text/turtle"),
}
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def pool(store_path: Path) -> Iterator[QueryPool]:
    config = WorkerConfig(str(store_path), PREFIXES, os.getpid(), max_result_bytes=50_000, memory_mb=2048)
    workers = QueryPool(config, size=1, timeout=1.5)
    workers.start()
    yield workers
    workers.close()


def test_a_query_is_answered_whole(pool: QueryPool) -> None:
    outcome = pool.run(QueryJob("ASK { ?r a kg:City }", JSON))
    assert (outcome.status, outcome.kind) == (200, "boolean")
    assert outcome.body == b'{"head":{},"boolean":true}'


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELECT * WHERE { ?s", 400, b"not valid SPARQL"),
        (ENDLESS, 503, b"time limit"),
        ("SELECT * WHERE { ?s ?p ?o }", 503, b"larger than the limit"),
    ],
)
def test_a_query_that_fails_or_overruns_gets_an_error_and_no_result(
    pool: QueryPool, query: str, status: int, message: bytes
) -> None:
    outcome = pool.run(QueryJob(query, JSON))
    assert outcome.status == status
    assert message in outcome.body and b"bindings" not in outcome.body
    assert pool.run(QueryJob("ASK {}", JSON)).status == 200  # a killed worker has been replaced


def test_a_kind_the_client_cannot_accept_is_406(pool: QueryPool) -> None:
    outcome = pool.run(QueryJob("ASK {}", {**JSON, "boolean": None}))
    assert outcome.status == 406


def test_the_buffer_refuses_to_grow_past_its_limit() -> None:
    buffer = LimitedBuffer(4)
    assert buffer.write(b"abcd") == 4
    with pytest.raises(ResultTooLarge):
        buffer.write(b"e")


CROSS_JOIN = "SELECT ?a ?b ?c ?d WHERE {?a ?b ?c . ?d ?e ?f} ORDER BY ?c ?f"


def test_a_query_past_the_memory_limit_is_a_5xx_and_the_pool_goes_on(store_path: Path) -> None:
    """An ORDER BY over a cross join grows by gigabytes; the worker's memory limit stops it early."""
    config = WorkerConfig(str(store_path), PREFIXES, os.getpid(), memory_mb=1024)
    workers = QueryPool(config, size=1, timeout=60)
    workers.start()
    try:
        outcome = workers.run(QueryJob(CROSS_JOIN, JSON))
        assert 500 <= outcome.status < 600
        assert "1024 MB" in outcome.message and b"bindings" not in outcome.body
        assert workers.run(QueryJob("ASK {}", JSON)).status == 200
    finally:
        workers.close()


class Failing:
    """A stand-in for the store whose queries raise `error`."""

    def __init__(self, error: BaseException) -> None:
        self.store = self
        self.error = error

    def query(self, *args: object, **kwargs: object) -> None:
        raise self.error


class Panic(BaseException):
    """Like the exception pyoxigraph raises when Rust code panics: no Exception."""


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (MemoryError(), 503),
        (RecursionError(), 400),
        (Panic("index out of bounds"), 500),
        (ZeroDivisionError(), 500),
        (RuntimeError("The variable encoding the service name is unbound"), 400),
        (OSError("I/O error"), 400),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else str(value),
)
def test_whatever_a_query_raises_becomes_an_answer(error: BaseException, status: int) -> None:
    config = WorkerConfig("unused", PREFIXES, os.getpid(), memory_mb=1024)
    outcome = answer(Failing(error), config, QueryJob("ASK {}", JSON))  # type: ignore[arg-type]
    assert isinstance(outcome, QueryOutcome)
    assert outcome.status == status and outcome.message


def test_a_killed_worker_is_replaced(pool: QueryPool) -> None:
    [old] = pool.pids()
    os.kill(old, signal.SIGKILL)
    assert eventually(lambda: bool(pool.pids()) and pool.pids() != [old])
    assert pool.run(QueryJob("ASK {}", JSON)).status == 200


def test_a_pool_that_cannot_open_the_store_says_why(tmp_path: Path) -> None:
    workers = QueryPool(WorkerConfig(str(tmp_path / "nowhere"), PREFIXES, os.getpid()), size=1)
    with pytest.raises(PoolError, match="nowhere"):
        workers.start()
    workers.close()


def test_a_worker_that_fails_to_start_is_tried_again_until_it_starts(
    store_path: Path, tmp_path: Path
) -> None:
    later = tmp_path / "kg"
    workers = QueryPool(WorkerConfig(str(later), PREFIXES, os.getpid()), size=1)
    workers.start(wait=False)
    try:
        assert eventually(lambda: workers.failures >= 2)
        later.symlink_to(store_path, target_is_directory=True)  # the store appears
        assert eventually(lambda: bool(workers.pids()))
        assert workers.run(QueryJob("ASK {}", JSON)).status == 200
    finally:
        workers.close()


def test_restarts_back_off_up_to_half_a_minute() -> None:
    assert [backoff(failures) for failures in range(1, 9)] == [0.5, 1, 2, 4, 8, 16, 30, 30]


def test_a_job_waits_only_briefly_for_a_busy_pool(store_path: Path) -> None:
    workers = QueryPool(
        WorkerConfig(str(store_path), PREFIXES, os.getpid()), size=1, timeout=5, queue_wait=0.2
    )
    workers.start()
    try:
        slow = threading.Thread(target=workers.run, args=(QueryJob(ENDLESS, JSON),))
        slow.start()
        assert eventually(lambda: workers.busy() == 1)
        refused = workers.run(QueryJob("ASK {}", JSON))
        assert refused.status == 503 and 1 <= int(refused.headers["Retry-After"]) <= 5
        slow.join(60)
        assert eventually(lambda: workers.run(QueryJob("ASK {}", JSON)).status == 200)
    finally:
        workers.close()


def test_a_worker_retired_by_the_supervisor_mid_job_gives_the_job_an_error(store_path: Path) -> None:
    """The supervisor notices a death while the job's thread still reads: neither may break the other."""
    workers = QueryPool(WorkerConfig(str(store_path), PREFIXES, os.getpid()), size=1, timeout=30)
    workers.start()
    outcomes: list[QueryOutcome] = []
    try:
        job = threading.Thread(target=lambda: outcomes.append(workers.run(QueryJob(ENDLESS, JSON))))
        job.start()
        assert eventually(lambda: workers.busy() == 1)
        with workers.lock:
            [busy] = list(workers.workers)
        workers._retire(busy)  # what the supervisor does when a worker's process ends
        job.join(30)
        [outcome] = outcomes
        assert outcome.status == 500 and "stopped while running" in outcome.message
        assert eventually(lambda: workers.run(QueryJob("ASK {}", JSON)).status == 200)
    finally:
        workers.close()
