"""Every export of a store as bytes, and the published set of them in one folder.

`exports/` holds the graph of `seeds/` in every format; `kg publish seeds/ --out exports/`
rewrites it, and a test fails when a file there no longer matches what the builder makes.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from kg.export.atomic import open_atomic
from kg.export.graphml import graphml_bytes
from kg.export.html import render_html
from kg.export.rdf import RDF_FORMATS, merged_graph, serialize, write_rdf
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

#: Other names users give the formats: file extensions and media-type short forms.
FORMAT_ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "owl": "rdfxml",
    "rdf/xml": "rdfxml",
    "htm": "html",
    "jsonl": "facts",
}


def export_format(name: str) -> str:
    """The export format a user means by `name` (turtle, ttl, TTL, ...); ValueError when none."""
    wanted = name.strip().lower().lstrip(".")
    wanted = FORMAT_ALIASES.get(wanted, wanted)
    if wanted not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise ValueError(f"unknown export format {name!r}: choose one of {choices} (or ttl, nt, nq, rdf)")
    return wanted


def format_of_path(path: Path) -> str | None:
    """The export format a file name's extension names (graph.ttl -> turtle), if any."""
    try:
        return export_format(path.suffix) if path.suffix else None
    except ValueError:
        return None


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


def render_to(store: KnowledgeStore, fmt: str, file: IO[bytes]) -> None:
    """The store in one export format, written into a binary file: the same bytes as `render`, but
    N-Triples, N-Quads, Turtle and TriG stream (kg.export.rdf), so memory stays bounded."""
    if fmt in RDF_FORMATS:
        write_rdf(store, fmt, file)
    else:
        file.write(render(store, fmt))


def publish(store: KnowledgeStore, folder: Path) -> list[Path]:
    """Write every format into `folder`, each file atomically; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, name in PUBLISHED_FILES.items():
        with open_atomic(folder / name) as file:
            render_to(store, fmt, file)
        written.append(folder / name)
    return written


__all__ = [
    "EXPORT_FORMATS",
    "PUBLISHED_FILES",
    "export_format",
    "format_of_path",
    "publish",
    "render",
    "render_to",
]
