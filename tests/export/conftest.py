"""Fixtures of the export tests."""

from __future__ import annotations

import pytest
from export_sample import make_graph
from rdflib import Graph


@pytest.fixture
def sample_graph() -> Graph:
    return make_graph()
