"""Every export of a store as bytes, and the published set of them in one folder.

`exports/` holds the graph of `seeds/` in every format; `kg publish seeds/ --out exports/`
rewrites it, and a test fails when a file there no longer matches what the builder makes.
"""

from __future__ import annotations

from pathlib import Path

from kg.export.atomic import write_atomic
from kg.export.graphml import graphml_bytes
from kg.export.html import render_html
from kg.export.rdf import RDF_FORMATS, merged_graph, serialize
from kg.export.view import graph_view
from kg.facts import facts_jsonl
from kg.store import KnowledgeStore

#: The file each format is published under.
PUBLISHED_FILES: dict[str, str] = {
    "turtle": "graph.ttl",
    "ntriples": "graph.nt",
    "nquads": "graph.nq",
    "trig": "graph.trig",
    "jsonld": "graph.jsonld",
    "rdfxml": "graph.rdf",
    "graphml": "graph.graphml",
    "html": "graph.html",
    "facts": "facts.jsonl",
}
EXPORT_FORMATS = tuple(PUBLISHED_FILES)


def render(store: KnowledgeStore, fmt: str) -> bytes:
    """The store in one export format (an RDF format, graphml, html, or facts)."""
    if fmt in RDF_FORMATS:
        return serialize(store, fmt)
    if fmt == "facts":
        return facts_jsonl(store).encode("utf-8")
    graph = merged_graph(store)
    if fmt == "graphml":
        return graphml_bytes(graph)
    if fmt == "html":
        return render_html(graph_view(graph)).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")


def publish(store: KnowledgeStore, folder: Path) -> list[Path]:
    """Write every format into `folder`, each file atomically; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, name in PUBLISHED_FILES.items():
        write_atomic(folder / name, render(store, fmt))
        written.append(folder / name)
    return written


__all__ = ["EXPORT_FORMATS", "PUBLISHED_FILES", "publish", "render"]
