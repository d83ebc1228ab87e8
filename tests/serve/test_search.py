"""The full-text search: what it forgives, how it ranks and how it pages, on the seed store and alone."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from kg.serve.pages import NodeInfo, SearchDocuments
from kg.serve.search import SearchIndex, match_expression

CITY = "/id/region/35.77"  # Kota Madiun: mentioned in the articles
REGENCY = "/id/region/35.19"  # Kabupaten Madiun: in the gazetteer only


def search(client: TestClient, text: str, **params: int) -> list[dict[str, str]]:
    response = client.get("/api/search", params={"q": text, **params})
    assert response.status_code == 200
    found: list[dict[str, str]] = response.json()
    return found


def test_an_apostrophe_is_folded(client: TestClient) -> None:
    for typed in ("maruf", "ma'ruf amin", "Ma’ruf", "MARUF AM"):
        assert search(client, typed)[0]["label"] == "Ma'ruf Amin", typed


def test_a_title_and_a_place_find_the_holder_of_the_post(client: TestClient) -> None:
    hit = search(client, "wali kota madiun")[0]
    assert (hit["label"], hit["cls"]) == ("Maidi", "Person")
    assert "Wali Kota" in hit["matched"] and "Kota Madiun" in hit["matched"]


def test_regions_with_facts_rank_above_regions_without(client: TestClient) -> None:
    facts = "ASK {{ ?m a kg:Mention ; kg:refersTo <https://w3id.org/jamsostek-kg{}> }}"
    for region, expected in ((CITY, True), (REGENCY, False)):
        answer = client.get(
            "/sparql", params={"query": facts.format(region)}, headers={"Accept": "application/json"}
        )
        assert answer.json()["boolean"] is expected
    hrefs = [hit["href"] for hit in search(client, "madiun", limit=50)]
    assert hrefs.index(CITY) < hrefs.index(REGENCY)


def test_results_come_in_pages_with_their_total(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "kota", "limit": 10})
    total = int(response.headers["x-total-count"])
    first, second = search(client, "kota", limit=5), search(client, "kota", limit=5, offset=5)
    assert total > 10
    assert [hit["iri"] for hit in first + second] == [hit["iri"] for hit in response.json()]
    assert search(client, "kota", offset=total) == []
    page = client.get("/search", params={"q": "kota", "limit": 5, "offset": 5}).text
    assert f"6–10 dari {total}" in page  # the interface speaks Indonesian unless asked otherwise
    assert 'rel="prev" href="/search?q=kota&amp;offset=0&amp;limit=5"' in page
    assert 'rel="next" href="/search?q=kota&amp;offset=10&amp;limit=5"' in page


def node(iri: str, label: str, cls: str = "Region") -> NodeInfo:
    return NodeInfo(iri, label, cls, (f"kg:{cls}",), None)


def test_an_entity_with_facts_outranks_a_better_match_without() -> None:
    """The province matches the word whole and has more evidence, but no mention refers to it."""
    documents = SearchDocuments(
        entries=[("p", "Contoh", "Contoh", "name"), ("r", "Kabupaten Contoh", "Kabupaten Contoh", "name")],
        nodes={"p": node("p", "Contoh"), "r": node("r", "Kabupaten Contoh")},
        weight={"p": 9, "r": 1},
        with_facts=frozenset({"r"}),
    )
    index = SearchIndex(documents)
    assert [hit.iri for hit in index.search("contoh")] == ["r", "p"]
    assert index.page("cont", limit=1).total == 2


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("kota madi", '"kota"* "madi"*'),
        ("35.77", '"35 77"*'),
        ("Ma'ruf", '"maruf"*'),
        ('" OR * NEAR(', '"or"* "near"*'),
        ("  ", ""),
    ],
)
def test_the_query_is_words_as_prefixes(typed: str, expression: str) -> None:
    assert match_expression(typed) == expression
