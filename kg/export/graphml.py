"""GraphML export of the entity graph, for Gephi, yEd, Cytoscape or networkx.

networkx writes nodes, edges and `<key>` declarations in insertion order (keys as first
met), and `graph_view` inserts everything sorted, so the bytes depend on the graph only.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.export.atomic import write_atomic
from kg.export.view import graph_view


def graphml_bytes(graph: Graph) -> bytes:
    """The GraphML document (UTF-8) of `graph`'s entity view."""
    buffer = io.BytesIO()
    nx.write_graphml(graph_view(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def write_graphml(graph: Graph, path: Path) -> None:
    """Write `graph`'s entity view as GraphML to `path`, atomically."""
    write_atomic(path, graphml_bytes(graph))
