"""`kg serve` as a user runs it: a real server on loopback, asked by a real SPARQL client.

SPARQLWrapper must get over HTTP exactly what `kg query` prints in process, for every saved query.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from serve_sample import Running, start, stop
from SPARQLWrapper import GET, JSON, POST, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.queries import saved_queries


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Running]:
    running = start(store_path)
    yield running
    if running.process.poll() is None:
        stop(running)


def endpoint(server: Running, method: str = GET) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setMethod(method)
    client.setTimeout(30)
    return client


def in_process(store: Path, name: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["query", name, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, str]] = json.loads(result.output)
    return rows


@pytest.mark.parametrize("saved", saved_queries(), ids=lambda saved: saved.name)
@pytest.mark.parametrize("method", [GET, POST])
def test_every_saved_query_answers_over_http_as_in_process(
    server: Running, store_path: Path, saved: object, method: str
) -> None:
    client = endpoint(server, method)
    client.setQuery(saved.sparql)  # type: ignore[attr-defined]
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    names = answer["head"]["vars"]  # type: ignore[index]
    over_http = [
        {name: row[name]["value"] if name in row else "" for name in names}
        for row in answer["results"]["bindings"]  # type: ignore[index]
    ]
    expected = in_process(store_path, saved.name)  # type: ignore[attr-defined]
    assert over_http == expected


def test_construct_comes_back_as_a_graph(server: Running) -> None:
    client = endpoint(server)
    client.setQuery("CONSTRUCT { ?r skos:prefLabel ?n } WHERE { ?r a kg:City ; skos:prefLabel ?n }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 98  # every kota of Indonesia


def test_ask_and_xml_results(server: Running) -> None:
    client = endpoint(server)
    client.setQuery("ASK { ?p a kg:Person }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index]
    client.setQuery("SELECT ?n WHERE { ?r a kg:Province ; skos:prefLabel ?n }")
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert len(document.getElementsByTagName("result")) == 38  # type: ignore[union-attr]


def test_an_update_is_refused_over_http(server: Running) -> None:
    client = endpoint(server, POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception, match=r"403|read-only|Forbidden"):
        client.query()


def test_it_binds_to_loopback_and_stops_cleanly_on_ctrl_c(store_path: Path) -> None:
    running = start(store_path, "--workers", "1")
    assert running.url.startswith("http://127.0.0.1:")
    assert stop(running) == 0
    assert "stopped" in "".join(running.lines)
