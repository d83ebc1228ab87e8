"""RDF exports of the store: every standard serialisation, byte-identical for the same graph.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) carry the merged graph; dataset
formats (N-Quads, TriG) carry every named graph, so provenance survives. Lines of the
line-based formats are sorted; JSON-LD gets an inline context of the project's prefixes.

N-Triples, N-Quads, Turtle and TriG stream: Oxigraph writes the lines, which are sorted by an
external merge sort (runs of at most RUN_BYTES sorted in memory and written to temporary files,
then read back together a line at a time by heapq.merge), and Turtle and TriG are Oxigraph's
own writing of those sorted lines parsed back one statement at a time. Memory stays bounded
whatever the size of the graph; the temporary files take about twice the export's size on disk.
JSON-LD and RDF/XML are written by rdflib, which holds the whole graph.
"""

from __future__ import annotations

import contextlib
import heapq
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import PREFIXES, bind_prefixes
from kg.store import KnowledgeStore, to_rdflib
from kg.summary import SUMMARY_GRAPH

TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
DATASET_FORMATS = {"nquads": "nquads", "trig": "trig"}
RDF_FORMATS = tuple(TRIPLE_FORMATS) + tuple(DATASET_FORMATS)
STREAMED_FORMATS = ("ntriples", "nquads", "turtle", "trig")
RUN_BYTES = 64 << 20  # the lines sorted in memory at a time
COPY_BYTES = 1 << 20


class SortedGraph(Graph):
    """An rdflib Graph that lists all of its triples in sorted order.

    rdflib's memory store keeps a graph's triples in a set, whose order changes from
    one process to the next (hash randomisation); writers that walk every triple
    (RDF/XML, JSON-LD) would then write different bytes for the same graph.
    """

    def triples(self, triple, **kwargs):
        found = super().triples(triple, **kwargs)
        return iter(sorted(found)) if triple == (None, None, None) else found


def merged_graph(store: KnowledgeStore) -> Graph:
    """The merged (default) graph as an rdflib Graph that writes the same bytes in every process."""
    graph = bind_prefixes(SortedGraph())
    for quad in sorted(store.merged(), key=lambda q: (str(q.subject), str(q.predicate), str(q.object))):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


# --- the lines, unsorted --------------------------------------------------------------------------


def _lines(data: bytes) -> Iterator[bytes]:
    """N-Triples or N-Quads lines, each ending in one LF.

    Lines are split on LF bytes only: a literal may hold U+2028 or U+0085 unescaped, which
    `str.splitlines` would take for line ends. Oxigraph escapes every control character, so
    no line holds a byte below the space: a line sorts before any longer line it begins, with
    or without its LF, and UTF-8 bytes sort in code point order.
    """
    for line in data.split(b"\n"):
        if line.strip():
            yield line + b"\n"


def _merged_lines(store: KnowledgeStore, folder: Path) -> Iterator[bytes]:
    """The merged graph as N-Triples lines: Oxigraph writes them into a file, read back in pieces."""
    path = folder / "merged.nt"
    with open(path, "wb") as dump:
        store.store.dump(dump, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    try:
        with open(path, "rb") as lines:
            yield from (line for line in lines if line.strip())
    finally:
        path.unlink()  # once read into sorted runs, the unsorted copy is no longer needed


def _named_graphs(store: KnowledgeStore) -> list[ox.NamedNode | ox.BlankNode]:
    """Every named graph of data: the summary the store keeps for saved queries is none."""
    graphs = [g for g in store.store.named_graphs() if isinstance(g, ox.NamedNode | ox.BlankNode)]
    return [g for g in graphs if g.value != SUMMARY_GRAPH]


def _dataset_lines(store: KnowledgeStore, graph_first: bool = False) -> Iterator[bytes]:
    """Every named graph's quads as N-Quads lines, each graph written by Oxigraph as N-Triples.

    With `graph_first`, each line starts with its graph and a space, so that sorting the lines
    sorts the quads by graph first (as TriG groups them); `_graph_first_off` takes it away.
    """
    for graph in _named_graphs(store):
        dump = io.BytesIO()
        store.store.dump(dump, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        name = str(graph).encode("utf-8")
        ending = b" " + name + b" .\n"
        for line in _lines(dump.getvalue()):
            quad = line[: -len(b" .\n")] + ending
            yield name + b" " + quad if graph_first else quad


def _graph_first_off(lines: Iterable[bytes]) -> Iterator[bytes]:
    for line in lines:
        yield line[line.index(b" ") + 1 :]


# --- the external sort ------------------------------------------------------------------------------


def _blocks(lines: Iterable[bytes], limit: int) -> Iterator[list[bytes]]:
    """The lines in consecutive blocks of about `limit` bytes (at least one block, maybe empty)."""
    block: list[bytes] = []
    size, blocks = 0, 0
    for line in lines:
        block.append(line)
        size += len(line)
        if size >= limit:
            yield block
            block, size, blocks = [], 0, blocks + 1
    if block or not blocks:
        yield block


def _runs(lines: Iterable[bytes], folder: Path) -> list[Path]:
    """The lines in sorted runs of at most RUN_BYTES each, each in a temporary file."""
    return [_write_run(block, folder / f"run{n}") for n, block in enumerate(_blocks(lines, RUN_BYTES))]


def _write_run(chunk: list[bytes], path: Path) -> Path:
    chunk.sort()
    with open(path, "wb") as run:
        run.writelines(chunk)
    chunk.clear()
    return path


@contextlib.contextmanager
def _sorted(lines: Iterable[bytes], folder: Path) -> Iterator[Iterator[bytes]]:
    """The lines in sorted order, merged from the runs a line at a time."""
    with contextlib.ExitStack() as files:
        runs = [files.enter_context(open(path, "rb")) for path in _runs(lines, folder)]
        yield heapq.merge(*runs)


# kgid: stays unused: resource IRIs hold slashes, which a prefixed name could write only escaped
TURTLE_PREFIXES = {name: iri for name, iri in sorted(PREFIXES.items()) if name != "kgid"}


# --- the formats --------------------------------------------------------------------------------------


class SortedPrefixes:
    """A binary file that writes the @prefix lines a Turtle or TriG writer starts with in sorted
    order (the writer's own order of them varies from process to process), then the rest."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.head = b""
        self.prefixes: list[bytes] = []
        self.in_head = True

    def write(self, data: bytes) -> int:
        if not self.in_head:
            return self.file.write(data)
        self.head += data
        while self.in_head and b"\n" in self.head:
            line, _, rest = self.head.partition(b"\n")
            if not line.startswith(b"@prefix "):
                self._end_head()
                break
            self.prefixes.append(line + b"\n")
            self.head = rest
        return len(data)

    def _end_head(self) -> None:
        self.file.write(b"".join(sorted(self.prefixes)) + self.head)
        self.head, self.prefixes, self.in_head = b"", [], False

    def flush(self) -> None:
        if self.in_head:
            self._end_head()
        self.file.flush()


def _write_parsed(lines: Iterable[bytes], fmt: ox.RdfFormat, out: IO[bytes], folder: Path) -> None:
    """Sorted N-Triples or N-Quads lines written again as Turtle or TriG, a statement at a time.

    Resource IRIs stay whole: their paths hold slashes, which a `kgid:` prefixed name could
    only write escaped (`kgid:region\\/35.77`).
    """
    path = folder / "sorted"
    with open(path, "wb") as sorted_file:
        sorted_file.writelines(lines)
    syntax = ox.RdfFormat.N_QUADS if fmt == ox.RdfFormat.TRIG else ox.RdfFormat.N_TRIPLES
    parsed = ox.parse(path=str(path), format=syntax)
    items: Iterator[Any] = parsed if fmt == ox.RdfFormat.TRIG else (q.triple for q in parsed)
    head = SortedPrefixes(out)
    ox.serialize(items, output=cast(IO[bytes], head), format=fmt, prefixes=TURTLE_PREFIXES)
    head.flush()


def write_rdf(store: KnowledgeStore, fmt: str, out: IO[bytes]) -> None:
    """The store in one RDF format, written into a binary file."""
    if fmt not in STREAMED_FORMATS:
        out.write(_rdflib_bytes(store, fmt))
        return
    with tempfile.TemporaryDirectory(prefix="kg-export-") as temporary:
        folder = Path(temporary)
        if fmt in ("ntriples", "turtle"):
            lines = _merged_lines(store, folder)
        else:
            lines = _dataset_lines(store, graph_first=fmt == "trig")
        with _sorted(lines, folder) as ordered:
            if fmt == "ntriples" or fmt == "nquads":
                _copy(ordered, out)
            elif fmt == "turtle":
                _write_parsed(ordered, ox.RdfFormat.TURTLE, out, folder)
            else:
                _write_parsed(_graph_first_off(ordered), ox.RdfFormat.TRIG, out, folder)


def _copy(lines: Iterable[bytes], out: IO[bytes]) -> None:
    """Lines written in blocks of about COPY_BYTES (one write per line costs more than the merge)."""
    for block in _blocks(lines, COPY_BYTES):
        out.write(b"".join(block))


def _rdflib_bytes(store: KnowledgeStore, fmt: str) -> bytes:
    graph = merged_graph(store)
    if fmt == "jsonld":
        document = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
        document.get("@graph", []).sort(key=lambda node: node.get("@id", ""))
        return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return graph.serialize(format=TRIPLE_FORMATS[fmt]).encode("utf-8")


def serialize(store: KnowledgeStore, fmt: str) -> bytes:
    """The store in one RDF format, as bytes (write_rdf writes it into a file instead)."""
    buffer = io.BytesIO()
    write_rdf(store, fmt, buffer)
    return buffer.getvalue()


__all__ = ["RDF_FORMATS", "STREAMED_FORMATS", "merged_graph", "serialize", "write_rdf"]
