"""Fixtures of the server tests: a store of the seed articles plus one hostile article, and a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS
from serve_sample import HOSTILE_ARTICLE, HOSTILE_LINKS
from starlette.testclient import TestClient

from kg.namespaces import RESOURCE_BASE
from kg.pipeline import build
from kg.serve.app import Settings, create_app
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_IRI = RESOURCE_BASE + "article/hostile"


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once: the seeds and an article whose text holds a <script> element.

    The article's sources include a `javascript:` IRI: ingest leaves such a URL out, but a
    store can hold any IRI (an older build, a graph loaded by other means), and the pages
    must not turn it into a link.
    """
    articles = tmp_path_factory.mktemp("articles")
    (articles / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    path = tmp_path_factory.mktemp("serve") / "kg"
    store = KnowledgeStore(path)
    report = build([ROOT / "seeds", articles], store)
    assert report.articles == 6 and not report.problems
    assert store.query(f"ASK {{ <{HOSTILE_IRI}> a kg:Article }}")
    links = [(URIRef(HOSTILE_IRI), DCTERMS.source, URIRef(link), None) for link in HOSTILE_LINKS]
    with store.writing():
        store.replace_graph("urn:test:hostile-links", links)  # type: ignore[arg-type]
    store.close()
    return path


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    """The application in process, with one worker of each kind and a short time limit."""
    settings = Settings(
        store_path, timeout=3.0, max_result_bytes=2 << 20, max_body_bytes=512 << 10, workers=1, page_workers=1
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client
