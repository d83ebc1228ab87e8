"""The query workers: a whole result, or an error; never a part of a result."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.namespaces import PREFIXES
from kg.serve.pool import QueryPool
from kg.serve.worker import Choice, LimitedBuffer, QueryJob, ResultTooLarge, WorkerConfig

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
