"""Every route of the application, in process: pages, linked data, the SPARQL protocol and its limits."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from serve_sample import HOSTILE_LINKS, HOSTILE_TEXT, eventually
from starlette.testclient import TestClient

from kg.namespaces import RESOURCE_BASE
from kg.pipeline import build
from kg.serve import pages
from kg.serve.app import Settings, create_app
from kg.store import KnowledgeStore

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CITY = "/id/region/35.77"  # Kota Madiun
ASK = "ASK { ?r a kg:City }"
SELECT = "SELECT ?name WHERE { <https://w3id.org/jamsostek-kg/id/region/35.77> skos:prefLabel ?name }"
CONSTRUCT = "CONSTRUCT { ?r skos:prefLabel ?n } WHERE { ?r a kg:City ; skos:prefLabel ?n } LIMIT 3"


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Kueri tersimpan"),
        ("/dataset", "Unduh seluruh graf"),
        ("/search?q=madiun", "Kota Madiun"),
        ("/search?q=", "Ketik sebuah nama"),
        ("/explore", 'id="explorer"'),
        (f"/explore?iri={CITY}", "Kota Madiun"),
        ("/query", "yasgui.min.js"),
        (CITY, "Kota Madiun"),
    ],
)
def test_every_page_answers_in_html(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


LOADED_FROM_ELSEWHERE = (
    r"""<(script|link|img|iframe|source|embed|object|audio|video)\b[^>]*(src|href)\s*=\s*["']?(https?:)?//"""
)


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    """Scripts, styles and images come from this server; only links to original articles leave it."""
    for path in ("/", "/query", CITY, "/explore", "/dataset"):
        page = client.get(path).text
        assert not re.search(LOADED_FROM_ELSEWHERE, page, re.I), path
        assert not re.search(r"""url\(\s*["']?(https?:)?//""", page, re.I), path
        for source in re.findall(r"""<(?:script|link)[^>]*(?:src|href)="([^"]+)""", page):
            assert client.get(source).status_code == 200, source


def test_an_unknown_resource_is_404(client: TestClient) -> None:
    assert client.get("/id/person/nobody-at-all", headers={"Accept": BROWSER}).status_code == 404
    assert client.get("/id/person/nobody-at-all", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/explore?iri=/id/person/nobody-at-all").status_code == 404
    assert client.get("/api/neighbourhood?iri=not%20an%20iri").status_code == 400


def test_text_from_the_graph_is_escaped(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "script alert"}).json()
    article = next(hit for hit in found if hit["cls"] == "Article")
    page = client.get(article["href"], headers={"Accept": BROWSER}).text
    assert HOSTILE_TEXT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- search and explore ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["madiun", "MADIUN", "Kota Madi", "kota mádiun", "35.77"])
def test_search_ignores_case_and_accents(client: TestClient, typed: str) -> None:
    found = client.get("/api/search", params={"q": typed}).json()
    assert found[0]["href"] == CITY or typed == "madiun"
    assert any(hit["href"] == CITY for hit in found)


def test_search_suggestions_are_limited_and_ranked(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "kota", "limit": 5}).json()
    assert len(found) == 5
    assert all(set(hit) == {"iri", "label", "cls", "colour", "href", "matched"} for hit in found)
    assert client.get("/api/search", params={"q": "  "}).json() == []


def found(client: TestClient, name: str, cls: str) -> dict[str, str]:
    """The first search hit of a class: IRIs of persons depend on the articles, so tests look them up."""
    return next(hit for hit in client.get("/api/search", params={"q": name}).json() if hit["cls"] == cls)


def test_the_neighbourhood_has_the_entity_its_links_and_their_evidence(client: TestClient) -> None:
    maidi_iri = found(client, "Maidi", "Person")["iri"]
    graph = client.get("/api/neighbourhood", params={"iri": maidi_iri}).json()
    ids = {node["id"] for node in graph["nodes"]}
    assert graph["focus"] in ids
    assert all(edge["from"] in ids and edge["to"] in ids for edge in graph["edges"])
    assert not any(node["cls"] in ("Sentence", "Mention") for node in graph["nodes"])
    maidi = next(node for node in graph["nodes"] if node["id"] == graph["focus"])
    assert maidi["evidence"]["text"] and maidi["evidence"]["count"] >= 1
    assert RESOURCE_BASE + "region/35.77" in maidi["regions"]


def test_the_whole_graph_is_drawn_when_small(client: TestClient) -> None:
    graph = client.get("/api/graph").json()
    classes = {node["cls"] for node in graph["nodes"]}
    assert {"Article", "City", "Person", "AwardConferral"} <= classes
    assert graph["edges"]


# --- linked data --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (BROWSER, "text/html"),
        (None, "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("text/html;q=0.1, text/turtle;q=0.9", "text/turtle"),
        ("text/*", "text/html"),
        ("application/*;q=0.9, text/html;q=0", "application/ld+json"),
    ],
)
def test_a_resource_is_negotiated(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get(CITY, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    assert "Kota Madiun" in response.text


def test_a_resource_nobody_can_accept_is_406(client: TestClient) -> None:
    assert client.get(CITY, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(("name", "media"), [("ttl", "text/turtle"), ("jsonld", "application/ld+json")])
def test_a_resource_format_can_be_asked_by_name(client: TestClient, name: str, media: str) -> None:
    response = client.get(CITY, params={"format": name}, headers={"Accept": BROWSER})
    assert response.headers["content-type"].split(";")[0] == media


def test_json_ld_of_a_resource_holds_its_triples(client: TestClient) -> None:
    document = client.get(CITY, headers={"Accept": "application/ld+json"}).json()
    city = next(node for node in document if node["@id"] == RESOURCE_BASE + "region/35.77")
    assert city["http://www.w3.org/2004/02/skos/core#prefLabel"][0]["@value"] == "Kota Madiun"


MINTED = [
    "region/35",
    "article/000-e36e1fcbfc9a9173",
    "article/000-e36e1fcbfc9a9173/s0",
    "article/000-e36e1fcbfc9a9173/m0",
    "dataset/coverage",
]
KINDS = ["person", "org", "award", "post", "regulation", "figure", "program"]


@pytest.mark.parametrize("path", MINTED)
def test_minted_iris_resolve(client: TestClient, path: str) -> None:
    assert client.get(f"/id/{path}", headers={"Accept": BROWSER}).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_minted_iri_resolves(client: TestClient, kind: str) -> None:
    query = f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{RESOURCE_BASE}{kind}/")) }}'
    subjects = [
        row["s"]["value"]
        for row in client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    ]
    assert subjects
    for iri in subjects:
        path = "/id/" + iri[len(RESOURCE_BASE) :]
        assert client.get(path, headers={"Accept": BROWSER}).status_code == 200, path
        assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 200, path


def test_the_entity_page_shows_label_class_aliases_statements_and_sources(client: TestClient) -> None:
    page = client.get(found(client, "Maidi", "Person")["href"], headers={"Accept": BROWSER}).text
    assert "Maidi" in page and 'title="kg:Person"' in page and "Orang" in page
    assert 'href="/id/post/maidi' in page  # a statement's own page, on this server
    assert "<mark>" in page and "Kalimat sumber" in page
    renamed = client.get("/id/region/76.01", headers={"Accept": BROWSER}).text
    assert (
        "Kabupaten Pasangkayu" in renamed and "Juga dikenal sebagai" in renamed and "Mamuju Utara" in renamed
    )


def test_an_old_name_finds_the_region(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "mamuju utara"}).json()[0]
    assert (hit["label"], hit["matched"]) == ("Kabupaten Pasangkayu", "Mamuju Utara")


@pytest.mark.parametrize(
    ("accept", "media"),
    [(None, "text/turtle"), ("application/ld+json", "application/ld+json"), ("text/html", None)],
)
def test_the_dataset_description(client: TestClient, accept: str | None, media: str | None) -> None:
    response = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    if media is None:
        assert response.status_code == 406
        return
    assert response.headers["content-type"].split(";")[0] == media
    text = response.text
    for needle in (
        "void#Dataset" if media != "text/turtle" else "void:Dataset",
        "spdx.org/licenses/MIT",
        "sparql",
    ):
        assert needle in text


def test_the_dataset_description_counts_what_the_graph_has(client: TestClient) -> None:
    text = client.get("/.well-known/void").text
    triples = int(re.search(r"void:triples (\d+)", text).group(1))  # type: ignore[union-attr]
    counted = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}).json()
    assert triples == int(counted["results"]["bindings"][0]["n"]["value"])
    assert "void:documents 6" in text and "dcterms:modified" in text


# --- statements, paging, the dataset page and its downloads, the interface language -----------------


def section(page: str, key: str) -> str:
    """The HTML of one section of a page (by its id)."""
    found = re.search(rf'<section[^>]* id="{key}">(.*?)</section>', page, re.S)
    assert found, f"no section {key}"
    return found.group(1)


def test_a_region_page_shows_each_official_with_the_sentence_that_states_it(client: TestClient) -> None:
    officials = section(client.get(CITY, headers={"Accept": BROWSER}).text, "officials")
    assert "Jabatan" in officials and re.search(
        r'href="/id/person/maidi/region/35.77"[^>]*>Maidi</a>', officials
    )
    assert re.search(r"<mark>[^<]*Maidi[^<]*</mark>", officials)
    assert "2024-01-29" in officials and "SONGGOLANGIT.COM" in officials
    assert f'href="{HOSTILE_LINKS[0]}"' in officials  # the original of the article that has one


@pytest.mark.parametrize(
    ("query", "status", "expected"),
    [
        ("", 200, 'href="/id/region/35?show=places">Lihat semua 38'),
        ("?show=places", 200, "1–38 dari 38"),
        ("?show=places&page=9", 200, "1–38 dari 38"),
        ("?show=raw", 200, 'rel="next" href="/id/region/35?show=raw&amp;page=2"'),
        ("?show=raw&page=2", 200, 'rel="prev" href="/id/region/35?show=raw&amp;page=1"'),
        ("?show=evidence", 200, "Kalimat sumber"),
        ("?show=nonsense", 400, "no section &#39;nonsense&#39;"),
        ("?page=0", 400, "page must be a whole number"),
        ("?show=places&page=x", 400, "page must be a whole number"),
    ],
)
def test_sections_of_a_page_are_paged_through(
    client: TestClient, query: str, status: int, expected: str
) -> None:
    response = client.get("/id/region/35" + query, headers={"Accept": BROWSER})
    assert response.status_code == status
    assert expected in response.text


def test_search_and_the_explorer_name_nodes_readably(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "paritrana award 2023"}).json()
    assert "Paritrana Award 2023 · Kota Madiun (nominee)" in {hit["label"] for hit in hits}
    graph = client.get("/api/neighbourhood", params={"iri": RESOURCE_BASE + "region/35.77"}).json()
    shown = {node["label"] for node in graph["nodes"]}
    assert {"Wali Kota · Kota Madiun", "Kota Madiun · ±14.000 pekerja"} <= shown
    assert not any(re.fullmatch(r"\d{3}[-_][0-9a-f]{16}", label) for label in shown)  # no article by its hash


@pytest.fixture
def reader(client: TestClient) -> Iterator[TestClient]:
    """The shared client; the language it is given is forgotten after the test."""
    yield client
    client.cookies.clear()


def test_the_interface_switches_to_english_and_remembers_it(reader: TestClient) -> None:
    english = reader.get(CITY, params={"lang": "en"}, headers={"Accept": BROWSER})
    assert '<html lang="en">' in english.text and "Source sentences" in english.text
    assert 'Post<span class="term-other"> · Jabatan</span>' in english.text
    assert english.headers["content-language"] == "en" and "Cookie" in english.headers["vary"]
    assert english.headers["set-cookie"].startswith("lang=en;")
    remembered = reader.get("/dataset")
    assert "Download the whole graph" in remembered.text and 'href="/dataset?lang=id"' in remembered.text
    assert (
        reader.get(CITY, headers={"Accept": "text/turtle"}).headers["content-type"].startswith("text/turtle")
    )
    back = reader.get("/dataset", params={"lang": "id"})
    assert '<html lang="id">' in back.text and "Unduh seluruh graf" in back.text
    assert reader.get("/").text.count("Kueri tersimpan") == 1


@pytest.fixture
def kept(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Downloads of the shared client's server made into a folder of this test's own."""
    monkeypatch.setattr(client.app.state.kg, "downloads", tmp_path)  # type: ignore[attr-defined]
    return tmp_path


def test_the_dataset_page_counts_every_class_of_the_ontology(client: TestClient, kept: Path) -> None:
    page = client.get("/dataset").text
    shown = {cls: int(n) for cls, n in re.findall(r'data-class="(\w+)" data-count="(\d+)"', page)}
    counted = client.get(
        "/sparql",
        params={
            "query": "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c"
            " FILTER(STRSTARTS(STR(?c), STR(kg:))) } GROUP BY ?c"
        },
    ).json()["results"]["bindings"]
    assert shown == {row["c"]["value"].split("#")[1]: int(row["n"]["value"]) for row in counted}
    assert {"City", "Post", "AwardConferral", "CoverageFigure", "Mention"} <= set(shown)
    assert 'rel="license"' in page and page.count("dibuat saat pertama diunduh") == len(DOWNLOADS)


DOWNLOADS = ["jamsostek-kg.ttl", "jamsostek-kg.nq", "jamsostek-kg-facts.jsonl"]


def parsed_count(name: str, body: bytes) -> int:
    """How many triples, quads or articles a download holds, read back by a parser of its format."""
    if name.endswith(".ttl"):
        return len(Graph().parse(data=body.decode("utf-8"), format="turtle"))
    if name.endswith(".nq"):
        return len(list(ox.parse(body, format=ox.RdfFormat.N_QUADS)))
    return len([json.loads(line) for line in body.decode("utf-8").splitlines()])


def held(store_path: Path, name: str) -> int:
    """How many triples, quads or articles the store says a download should hold."""
    store = KnowledgeStore(store_path, read_only=True)
    try:
        if name.endswith(".ttl"):
            return sum(1 for _ in store.merged())
        if name.endswith(".nq"):
            return sum(1 for _ in store.quads())
        return len(
            list(store.select("SELECT DISTINCT ?doc WHERE { GRAPH ?g { ?a a kg:Article ; kg:docId ?doc } }"))
        )
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("jamsostek-kg.ttl", "text/turtle"),
        ("jamsostek-kg.nq", "application/n-quads"),
        ("jamsostek-kg-facts.jsonl", "application/jsonl"),
    ],
)
def test_each_download_reads_back_to_the_whole_graph(
    client: TestClient, kept: Path, store_path: Path, name: str, media: str
) -> None:
    response = client.get(f"/dataset/{name}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert parsed_count(name, response.content) == held(store_path, name) > 0
    (made,) = kept.glob(f"*/{name}")
    stamp = made.stat().st_mtime_ns
    assert client.get(f"/dataset/{name}").content == response.content
    assert made.stat().st_mtime_ns == stamp  # served again from the file, not made again
    assert client.get("/dataset").text.count("dibuat saat pertama diunduh") == len(DOWNLOADS) - 1


def test_an_unknown_download_is_404(client: TestClient) -> None:
    response = client.get("/dataset/passwd")
    assert response.status_code == 404 and "jamsostek-kg.ttl" in response.text


def test_the_void_description_declares_every_download_as_a_data_dump(client: TestClient) -> None:
    graph = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    dataset = URIRef("http://testserver/.well-known/void")
    dumps = {str(o) for o in graph.objects(dataset, URIRef("http://rdfs.org/ns/void#dataDump"))}
    assert dumps == {f"http://testserver/dataset/{name}" for name in DOWNLOADS}


# --- the SPARQL protocol --------------------------------------------------------------------------

SOLUTION_MATRIX = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.8", "application/sparql-results+xml"),
    ("text/*;q=0.9, */*;q=0.1", "text/xml"),
    (BROWSER, "application/xml"),
]


@pytest.mark.parametrize(("accept", "media"), SOLUTION_MATRIX)
@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-query"])
def test_select_results_follow_the_accept_header(
    client: TestClient, accept: str | None, media: str, method: str
) -> None:
    response = _ask(client, method, SELECT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "Kota Madiun" in response.text


GRAPH_MATRIX = [
    (None, "text/turtle"),
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/json", "application/json"),
    (BROWSER, "application/xml"),
    ("application/n-triples;q=1, text/turtle;q=0.5", "application/n-triples"),
]


@pytest.mark.parametrize(("accept", "media"), GRAPH_MATRIX)
def test_construct_results_follow_the_accept_header(
    client: TestClient, accept: str | None, media: str
) -> None:
    response = _ask(client, "GET", CONSTRUCT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "Kota " in response.text


@pytest.mark.parametrize(
    ("query", "accept"),
    [(SELECT, "text/turtle"), (SELECT, "image/png"), (CONSTRUCT, "text/csv"), (ASK, "text/csv")],
)
def test_nothing_acceptable_is_406(client: TestClient, query: str, accept: str) -> None:
    response = _ask(client, "GET", query, accept)
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("xml", "application/sparql-results+xml"),
        ("json", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
    ],
)
def test_a_format_parameter_overrides_accept(client: TestClient, fmt: str, media: str) -> None:
    response = client.get(
        "/sparql", params={"query": SELECT, "format": fmt}, headers={"Accept": "text/turtle"}
    )
    assert response.headers["content-type"].split(";")[0] == media


def test_ask_answers_a_boolean(client: TestClient) -> None:
    assert _ask(client, "GET", ASK, None).json() == {"head": {}, "boolean": True}


def test_csv_rows_are_the_solutions(client: TestClient) -> None:
    query = "SELECT ?code WHERE { ?r a kg:City ; kg:kemendagriCode ?code } ORDER BY ?code LIMIT 4"
    rows = list(csv.reader(io.StringIO(_ask(client, "GET", query, "text/csv").text)))
    assert rows[0] == ["code"] and len(rows) == 5


def test_a_download_is_an_attachment(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT, "format": "csv", "download": "1"})
    assert response.headers["content-disposition"] == 'attachment; filename="results.csv"'


def test_dataset_parameters_choose_the_graphs(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Article }"
    graph = RESOURCE_BASE + "graph/000-e36e1fcbfc9a9173"
    response = client.get("/sparql", params={"query": query, "default-graph-uri": graph})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("update=INSERT+DATA+%7B%3Ca%3Ab%3E+%3Ca%3Ac%3E+1%7D", "application/x-www-form-urlencoded", 403),
        ("INSERT DATA { <a:b> <a:c> 1 }", "application/sparql-update", 403),
        ("PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }", "application/sparql-query", 403),
        ("query=SELECT+%2A+%7B", "application/x-www-form-urlencoded", 400),
        ("query=", "application/x-www-form-urlencoded", 400),
        ("SELECT * {}", "text/plain", 415),
    ],
)
def test_writes_and_bad_requests_are_refused(
    client: TestClient, data: str, content_type: str, status: int
) -> None:
    response = client.post("/sparql", content=data, headers={"Content-Type": content_type})
    assert response.status_code == status
    assert response.text.strip()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s\nWHERE {\n  ?s kg:holder ?p ) }",
        # the word in the comment has the guard read the query too
        "# regions the service covers\nSELECT ?s WHERE {\n  ?s kg:holder ?p ) }",
    ],
)
def test_a_syntax_error_is_reported_at_its_line_in_the_query_as_sent(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert re.search(r"\b3:\d+|line:3\b", response.text), response.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused(client: TestClient, method: str) -> None:
    assert client.request(method, "/sparql").status_code == 405


def test_a_large_request_body_is_refused(client: TestClient) -> None:
    body = "query=" + "SELECT * {}" + " " * (600 << 10)
    response = client.post(
        "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413


def test_a_query_past_the_time_limit_is_stopped_and_the_endpoint_recovers(client: TestClient) -> None:
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = client.get("/sparql", params={"query": endless})
    assert response.status_code == 503
    assert "time limit" in response.text and "results" not in response.text
    # the stopped worker's replacement may still be starting: a 503 with Retry-After until then
    assert eventually(lambda: client.get("/sparql", params={"query": ASK}).status_code == 200)


def test_a_sorted_cross_join_is_a_5xx_within_the_limits_and_the_endpoint_recovers(client: TestClient) -> None:
    cross_join = "SELECT ?a ?b ?c ?d WHERE {?a ?b ?c . ?d ?e ?f} ORDER BY ?c ?f"
    response = client.get("/sparql", params={"query": cross_join})
    assert 500 <= response.status_code < 600
    assert "bindings" not in response.text
    # the stopped worker's replacement may still be starting: a 503 with Retry-After until then
    assert eventually(lambda: client.get("/sparql", params={"query": ASK}).status_code == 200)


def test_search_words_are_cut_to_a_bounded_length(client: TestClient) -> None:
    page = client.get("/search", params={"q": "madiun " + "x" * 10_000}).text
    assert "x" * 190 in page and "x" * 201 not in page


def test_a_result_past_the_size_limit_is_refused_whole(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o . ?x a kg:Article }"})
    assert response.status_code == 503
    assert "larger than the limit" in response.text


@pytest.mark.parametrize(("accept", "status"), [(None, 200), ("text/turtle", 200), (BROWSER, 303)])
def test_the_service_description(client: TestClient, accept: str | None, status: int) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {}, follow_redirects=False)
    assert response.status_code == status
    if status == 200:
        assert "sd:Service" in response.text and "sd:SPARQL11Query" in response.text
    else:
        assert response.headers["location"] == "/query"


def test_static_files_stay_in_their_folder(client: TestClient) -> None:
    assert client.get("/static/serve.css").status_code == 200
    assert client.get("/static/vis-network.min.js").status_code == 200
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/templates/base.html",
    ):
        assert client.get(path).status_code == 404, path


def test_the_query_page_carries_the_saved_queries(client: TestClient) -> None:
    page = client.get("/query").text
    data = json.loads(
        re.search(r'<script id="saved-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )  # type: ignore[union-attr]
    assert {query["name"] for query in data} >= {"awards-by-year", "provenance"}
    assert all(query["sparql"].startswith("PREFIX kg:") for query in data)


def _ask(client: TestClient, method: str, query: str, accept: str | None):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return client.get("/sparql", params={"query": query}, headers=headers)
    if method == "POST-form":
        return client.post("/sparql", data={"query": query}, headers=headers)
    return client.post(
        "/sparql", content=query, headers={**headers, "Content-Type": "application/sparql-query"}
    )


# --- what the pages link to, and who may read them ----------------------------------------------


@pytest.mark.parametrize(
    ("iri", "href"),
    [
        (RESOURCE_BASE + "region/35.77", "/id/region/35.77"),
        ("https://example.org/berita/1", "https://example.org/berita/1"),
        ("HTTP://example.org/berita/1", "HTTP://example.org/berita/1"),
        (HOSTILE_LINKS[1], None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("file:///etc/passwd", None),
        ("urn:isbn:9786020000000", None),
    ],
)
def test_a_link_goes_only_to_this_server_or_to_an_http_iri(iri: str, href: str | None) -> None:
    assert pages.href_of(iri) == href


def test_a_javascript_iri_of_the_data_is_shown_as_text_not_as_a_link(client: TestClient) -> None:
    page = client.get("/id/article/hostile", headers={"Accept": BROWSER}).text
    assert HOSTILE_LINKS[1] in page
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.I)
    assert f'href="{HOSTILE_LINKS[0]}"' in page


PAGES = ["/", "/search?q=madiun", "/api/search?q=madiun", f"/api/neighbourhood?iri={CITY}", "/api/graph"]
PAGES += ["/explore", f"/explore?iri={CITY}", CITY, "/query", "/.well-known/void", "/static/serve.css"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_not_readable_by_other_origins(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("method", "params", "status"),
    [
        ("GET", {"query": ASK}, 200),
        ("GET", {"query": "SELECT * {"}, 400),
        ("GET", {}, 200),
        ("OPTIONS", {}, 204),
    ],
)
def test_the_endpoint_is_readable_by_any_origin(
    client: TestClient, method: str, params: dict[str, str], status: int
) -> None:
    response = client.request(
        method, "/sparql", params=params, headers={"Origin": "https://elsewhere.example"}
    )
    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == "*"


# --- time limits for the pages, and no waiting behind slow queries ----------------------------------


@pytest.fixture(scope="module")
def hurried(store_path: Path) -> Iterator[TestClient]:
    """A server whose time limit (1 ms) is shorter than any of these pages takes to compute."""
    settings = Settings(store_path, timeout=0.001, workers=1, page_workers=1, queue_seconds=0.2)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize("path", [CITY, f"/api/neighbourhood?iri={CITY}", "/api/graph", "/.well-known/void"])
def test_a_page_past_the_time_limit_is_a_503_not_a_wait(hurried: TestClient, path: str) -> None:
    response = hurried.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) >= 1


@pytest.fixture(scope="module")
def crowded(store_path: Path) -> Iterator[TestClient]:
    """A server with two SPARQL workers and a short wait for a free one."""
    settings = Settings(store_path, timeout=5.0, workers=2, page_workers=1, queue_seconds=0.2)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_two_slow_queries_do_not_hold_up_everyone_else(crowded: TestClient) -> None:
    state = crowded.app.state.kg  # type: ignore[attr-defined]
    endless = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"}
    slow = [threading.Thread(target=crowded.get, args=("/sparql",), kwargs={"params": endless}) for _ in "ab"]
    for thread in slow:
        thread.start()
    assert eventually(lambda: state.pool.busy() == 2), "the slow queries did not start"

    refused = crowded.get("/sparql", params={"query": ASK})
    assert refused.status_code == 503 and "busy" in refused.text
    assert 1 <= int(refused.headers["retry-after"]) <= 5
    assert (
        crowded.get(CITY, headers={"Accept": BROWSER}).status_code == 200
    )  # the pages have their own workers

    for thread in slow:
        thread.join(60)
    assert eventually(lambda: crowded.get("/sparql", params={"query": ASK}).status_code == 200)


def test_a_rebuilt_store_is_served_without_a_restart(tmp_path: Path) -> None:
    corpus = tmp_path / "berita"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Pemerintah Kabupaten Sleman meraih Paritrana Award 2023.", encoding="utf-8"
    )
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store)
    settings = Settings(tmp_path / "kg", timeout=5.0, workers=1, page_workers=1)
    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
    with TestClient(create_app(settings)) as live:
        before = live.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"}).text
        assert not live.get("/api/search", params={"q": "muslih"}).json()
        (corpus / "b.txt").write_text("Bupati Bantul Abdul Halim Muslih hadir.", encoding="utf-8")
        build([corpus], store)
        after = live.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"}).text
        found = live.get("/api/search", params={"q": "muslih"}).json()
    assert before.split()[-1] == "1" and after.split()[-1] == "2"
    assert any(hit["label"] == "Abdul Halim Muslih" for hit in found)


def test_page_answers_are_kept_per_generation_the_most_recently_used_first() -> None:
    from kg.serve.app import MISSING, PageCache

    cache = PageCache(entries=2)
    assert cache.get("g1", "a") is MISSING
    cache.put("g1", "a", 1)
    cache.put("g1", "b", 2)
    assert cache.get("g1", "a") == 1  # "a" is now the most recently used
    cache.put("g1", "c", 3)
    assert (cache.get("g1", "b"), cache.get("g1", "a"), cache.get("g1", "c")) == (MISSING, 1, 3)
    assert cache.get("g2", "a") is MISSING  # a new generation starts empty
    cache.put("g1", "d", 4)  # an answer read from the old generation is not kept
    assert cache.get("g2", "d") is MISSING
    cache.put("g2", ({"unhashable": 1},), 5)
    assert cache.get("g2", ({"unhashable": 1},)) is MISSING


def test_an_entity_page_asked_for_again_is_sent_from_the_generations_cache(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = client.app.state.kg  # type: ignore[attr-defined]
    first = client.get("/id/region/35.77?lang=en")
    calls: list[object] = []
    real = state.pages.call
    monkeypatch.setattr(state.pages, "call", lambda *args, **kw: calls.append(args) or real(*args, **kw))
    again = client.get("/id/region/35.77?lang=en")
    assert again.status_code == 200 and again.text == first.text
    assert calls == []  # no page worker was asked
    indonesian = client.get("/id/region/35.77?lang=id")
    assert indonesian.text != first.text  # another language is another page
