"""SERVICE calls and hostile query shapes: refused with 400 before the store (or the network) sees them."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kg.namespaces import PREFIXES
from kg.serve.guard import Refused, check_services
from kg.serve.pool import QueryPool
from kg.serve.worker import Choice, QueryJob, WorkerConfig

NOWHERE = "http://127.0.0.1:9/sparql"  # loopback, the discard port: nothing answers there
JSON: dict[str, Choice | None] = {
    kind: Choice("json", "application/sparql-results+json") for kind in ("solutions", "boolean")
}

REFUSED = [
    f"SELECT * WHERE {{ SERVICE <{NOWHERE}> {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent <{NOWHERE}> {{ ?s ?p ?o }} }}",
    "PREFIX far: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE far:sparql { ?s ?p ?o } }",
    f"ASK {{ FILTER EXISTS {{ SERVICE <{NOWHERE}> {{ ?s ?p ?o }} }} }}",
    f"SELECT * WHERE {{ BIND(<{NOWHERE}> AS ?endpoint) SERVICE ?endpoint {{ ?s ?p ?o }} }}",
    "SELECT * WHERE { SERVICE ?unbound { ?s ?p ?o } }",
    # a carriage return ends a comment for Oxigraph, so what follows it is a call
    f"SELECT * WHERE {{ ?s ?p ?o # a note\r SERVICE <{NOWHERE}> {{ ?s ?p ?o }}\n}}",
    # an escape Oxigraph reads inside the string only: what follows the string is a call
    f"SELECT * WHERE {{ BIND('it\\u0027s' AS ?x) SERVICE <{NOWHERE}> {{ ?s ?p ?o }} }}",
]
NOT_CALLS = [
    'SELECT ?r WHERE { ?r skos:prefLabel ?l FILTER(CONTAINS(?l, "SERVICE <http://127.0.0.1:9/> {}")) }',
    "SELECT ?r WHERE { ?r skos:prefLabel '''Service\nSERVICE <http://127.0.0.1:9/> { }''' }",
    "SELECT ?s WHERE { ?s ?p <http://127.0.0.1:9/SERVICE> }",
    "SELECT ?s WHERE { ?s kg:service ?o }",
    "SELECT ?service WHERE { ?service a kg:Program }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback socket that records whether anyone connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


@pytest.mark.parametrize("query", REFUSED)
def test_a_service_call_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text


def test_a_refused_service_is_never_called(client: TestClient, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    assert client.get("/sparql", params={"query": query}).status_code == 400
    with pytest.raises(BlockingIOError):
        listener.accept()


@pytest.mark.parametrize("query", NOT_CALLS)
def test_the_word_service_in_a_string_an_iri_or_a_comment_is_no_call(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


def test_a_prefix_of_the_server_names_a_refused_service(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE kg:sparql { ?s ?p ?o } }"})
    assert response.status_code == 400
    assert f"SERVICE <{PREFIXES['kg']}sparql>" in response.text


def test_an_endpoint_the_operator_allowed_may_be_called(store_path: Path) -> None:
    allowed = (NOWHERE,)
    check_services(PREFIXES, f"SELECT * {{ SERVICE <{NOWHERE}> {{ ?s ?p ?o }} }}", allowed)
    with pytest.raises(Refused, match=re.escape(f"allowed: <{NOWHERE}>")):
        check_services(PREFIXES, "SELECT * { SERVICE <http://127.0.0.1:8/> { ?s ?p ?o } }", allowed)
    config = WorkerConfig(str(store_path), PREFIXES, os.getpid(), allowed_services=allowed)
    pool = QueryPool(config, size=1, timeout=20)
    pool.start()
    try:
        silent = pool.run(QueryJob(f"SELECT * WHERE {{ SERVICE SILENT <{NOWHERE}> {{ ?s ?p ?o }} }}", JSON))
        assert silent.status == 200, silent.body
    finally:
        pool.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE " + "{" * 50_000 + " ?s ?p ?o " + "}" * 50_000, "bytes"),
        ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }", "bytes"),
        ("SELECT * WHERE " + "{" * 150 + " ?s ?p ?o " + "}" * 150, "nests"),
        ("SELECT * WHERE { FILTER(" + "(" * 150 + "true" + ")" * 150 + ") }", "nests"),
        ("SELECT * WHERE " + "{" * 60 + f" SERVICE <{NOWHERE}> {{}} " + "}" * 60, "nested too deeply"),
    ],
    ids=["50k-braces", "20k-unions", "150-braces", "150-parentheses", "service-60-deep"],
)
def test_a_hostile_shape_is_a_400_and_the_endpoint_goes_on(
    client: TestClient, query: str, message: str
) -> None:
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert message in response.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
