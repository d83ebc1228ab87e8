"""`kg serve --sparql-endpoint`: pages, search and /sparql over a real Oxigraph server, as over the store.

The server is loaded with the store's own quads (the merged default graph included, as
`kg push` leaves it), so every page must come out as it does over the embedded store.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import pytest
from oxigraph_support import free_port, oxigraph_binary, oxigraph_server
from starlette.testclient import TestClient
from typer.testing import CliRunner

from kg.cli import app as cli
from kg.namespaces import RESOURCE_BASE
from kg.queries import saved_queries
from kg.serve import pages
from kg.serve.app import Settings, create_app
from kg.serve.remote import RemoteError, RemoteStore
from kg.store import KnowledgeStore

CITY = "/id/region/35.77"  # Kota Madiun
JSON = {"accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def endpoint(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server holding the store's quads; yields its SPARQL query URL."""
    folder = tmp_path_factory.mktemp("remote")
    dump = folder / "store.nq"
    store = KnowledgeStore(store_path, read_only=True)
    try:
        store.store.dump(dump, format=ox.RdfFormat.N_QUADS)
    finally:
        store.close()
    location = folder / "oxigraph"
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(dump)], check=True)
    with oxigraph_server("serve-read-only", location) as base:
        yield f"{base}/query"


@pytest.fixture(scope="module")
def remote(store_path: Path, endpoint: str) -> Iterator[TestClient]:
    """The application over the remote endpoint, one worker of each kind."""
    settings = Settings(store_path, timeout=5.0, workers=1, page_workers=1, sparql_endpoint=endpoint)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_region_page_names_the_same_officials_as_over_the_store(
    store_path: Path, endpoint: str, remote: TestClient, client: TestClient
) -> None:
    iri = RESOURCE_BASE + "region/35.77"
    embedded = KnowledgeStore(store_path, read_only=True)
    try:
        expected = pages.entity_page(embedded, iri, "", 1)
    finally:
        embedded.close()
    over_remote = cast(KnowledgeStore, RemoteStore(endpoint))  # the pages read a store by query() only
    assert pages.entity_page(over_remote, iri, "", 1) == expected
    officials = [row["n"].value for row in pages.rows(over_remote, OFFICIALS)]
    assert officials, "the seeds name officials of Kota Madiun"
    page = remote.get(CITY, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.text == client.get(CITY, headers={"accept": "text/html"}).text
    assert all(name in page.text for name in officials)


OFFICIALS = f"""SELECT DISTINCT ?n WHERE {{
  ?post a kg:Post ; kg:holder/rdfs:label ?n ; kg:postIn <{RESOURCE_BASE}region/35.77> }}"""


def test_search_finds_madiun_as_over_the_store(remote: TestClient, client: TestClient) -> None:
    found = remote.get("/api/search", params={"q": "madiun"})
    assert found.status_code == 200
    assert [hit["href"] for hit in found.json()][:1] == [CITY]
    assert found.json() == client.get("/api/search", params={"q": "madiun"}).json()


@pytest.mark.parametrize("name", ["officials-by-region", "awards-by-year"])
def test_a_saved_query_gives_the_same_rows_as_over_the_store(
    name: str, remote: TestClient, client: TestClient
) -> None:
    sparql = next(q.sparql for q in saved_queries() if q.name == name)
    over_remote = remote.post("/sparql", data={"query": sparql}, headers=JSON)
    assert over_remote.status_code == 200, over_remote.text
    rows = over_remote.json()["results"]["bindings"]
    over_store = client.post("/sparql", data={"query": sparql}, headers=JSON)
    assert rows and rows == over_store.json()["results"]["bindings"]


def test_construct_and_ask_come_back_as_graphs_and_booleans(remote: TestClient) -> None:
    graph = remote.get(
        "/sparql",
        params={"query": f"CONSTRUCT WHERE {{ <{RESOURCE_BASE}region/35.77> skos:prefLabel ?n }}"},
        headers={"accept": "application/n-triples"},
    )
    assert graph.status_code == 200 and '"Kota Madiun"' in graph.text
    asked = remote.get("/sparql", params={"query": "ASK { ?s a kg:Region }"}, headers=JSON)
    assert asked.json()["boolean"] is True


def test_a_bad_query_and_an_update_are_refused_and_downloads_are_absent(remote: TestClient) -> None:
    bad = remote.get("/sparql", params={"query": "SELECT ?s WHERE {"})
    assert bad.status_code == 400 and "refused the query" in bad.text
    update = remote.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert update.status_code == 403
    smuggled = remote.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert smuggled.status_code in (400, 403)
    unchanged = remote.get("/sparql", params={"query": "ASK { <urn:a> ?p ?o }"}, headers=JSON)
    assert unchanged.json()["boolean"] is False
    download = remote.get("/dataset/jamsostek-kg.nq")
    assert download.status_code == 404 and "CONSTRUCT" in download.text
    assert "/dataset/jamsostek-kg.nq" not in remote.get("/dataset").text  # not offered either
    assert "dataDump" not in remote.get("/.well-known/void", headers={"Accept": "text/turtle"}).text


def test_an_unreachable_endpoint_is_one_line_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteError, match=f"{url} cannot be reached"):
        RemoteStore(url, timeout=2).check()
    result = CliRunner().invoke(cli, ["serve", "--sparql-endpoint", url, "--port", "0"])
    assert result.exit_code == 2
    assert url in result.output and "cannot be reached" in result.output
    both = CliRunner().invoke(cli, ["serve", "--sparql-endpoint", url, "--store", "x", "--port", "0"])
    assert both.exit_code == 2 and "not both" in both.output
