"""Fixtures shared across the suite: the graph of the seed articles, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    """The store built from seeds/, shared read-only by every test that needs a real graph."""
    store = KnowledgeStore(tmp_path_factory.mktemp("store") / "kg")
    report = build([ROOT / "seeds"], store)
    assert report.articles == 5 and not report.problems
    return store
