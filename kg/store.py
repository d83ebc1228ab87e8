"""The store stage: an embedded, persistent Oxigraph store behind a small wrapper.

Each article lives in a named graph of its own, so it can be replaced or removed
alone. The default graph is kept as the de-duplicated union of all named graphs
(the merged view that queries read), because Oxigraph's "union default graph"
counts a triple once per graph that holds it.

On disk a store is a folder of *generations*, so that a build is all or nothing and a
reader never sees half of one:

    .kg/KG-STORE              marks the folder as a store (and its layout version)
    .kg/lock                  held (flock) by the one build writing the store
    .kg/current               the name of the live generation, replaced atomically
    .kg/generations/g000007/  an Oxigraph database, complete and never written again
    .kg/generations/g000007.lease   shared-locked by every reader of that generation

A build writes a new generation (a hard-linked checkpoint of the live one, then its
changes; or an empty one filled through Oxigraph's bulk loader), seals it, and only
then points `current` at it. Killed at any point, the store still names a complete
generation: the old one, or the whole new one. Readers open the generation `current`
names and hold its lease; an old generation is deleted once no reader holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import UserFacingError
from kg.namespaces import PREFIXES
from kg.summary import SUMMARY_GRAPH
from kg.summary import refresh as refresh_summary

DEFAULT = ox.DefaultGraph()
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = URIRef | Literal

MARKER = "KG-STORE"
LAYOUT = "kg-store 2\n"
POINTER = "current"
GENERATIONS = "generations"
LOCK = "lock"


def to_ox(term: Term | BNode) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term, blank nodes keeping their ids (so reports name them alike)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class StoreError(UserFacingError, RuntimeError):
    """The store could not be opened or written; the message is one line for a user."""


class StoreBusy(StoreError):
    """Another build holds the store's write lock."""


@dataclass(frozen=True)
class ManifestEntry:
    """What a generation remembers of one article's graph, for the next incremental build."""

    graph: str
    digest: str  # of the article's content and the rules that built it
    root: str  # the folder input it was read from ('' for a file named on its own)
    facts: dict[str, int]

    def to_json(self) -> str:
        return json.dumps(
            {"graph": self.graph, "digest": self.digest, "root": self.root, "facts": self.facts},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, line: str) -> ManifestEntry:
        data = json.loads(line)
        return cls(data["graph"], data["digest"], data["root"], dict(data["facts"]))


# --- the folder layout -------------------------------------------------------------------------


def is_store(root: Path) -> bool:
    """Whether `root` is a store folder of this layout."""
    return (root / MARKER).is_file()


def live_generation(root: Path) -> str | None:
    """The name of the generation `current` points at (None for an empty store): cheap, for followers."""
    try:
        name = (root / POINTER).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{root}: cannot read the store's pointer: {error}") from error
    return name or None


def check_store_folder(root: Path, for_writing: bool) -> None:
    """Refuse a path that is not (and cannot become) a store, with a message saying why."""
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file, not a store folder: name a folder (for example .kg)")
    if not root.exists():
        if for_writing:
            return
        raise StoreError(f"{root}: no store here; build one first with `kg build PATH --store {root}`")
    if is_store(root):
        return
    if (root / "CURRENT").is_file() and (root / "IDENTITY").is_file():
        raise StoreError(f"{root} holds a store of an older layout: remove the folder and build it again")
    if not for_writing:
        raise StoreError(f"{root}: no store here; build one first with `kg build PATH --store {root}`")
    if any(root.iterdir()):
        raise StoreError(
            f"{root} is a folder with other files in it, not a store: name a new or empty folder"
        )


def _generation_dir(root: Path, name: str) -> Path:
    return root / GENERATIONS / name


def _generation_names(root: Path) -> list[str]:
    folder = root / GENERATIONS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name.startswith("g"))


def _next_name(root: Path) -> str:
    numbers = [int(n[1:]) for n in _generation_names(root) if n[1:].isdigit()]
    current = live_generation(root)
    if current and current[1:].isdigit():
        numbers.append(int(current[1:]))
    return f"g{max(numbers, default=0) + 1:06d}"


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _manifest_path(root: Path, name: str) -> Path:
    return root / GENERATIONS / f"{name}.manifest.jsonl"


def read_manifest(root: Path, name: str) -> tuple[str, dict[str, ManifestEntry]]:
    """The builder fingerprint and the per-article entries a generation was written with."""
    try:
        lines = _manifest_path(root, name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return "", {}
    if not lines:
        return "", {}
    fingerprint = json.loads(lines[0]).get("fingerprint", "")
    entries = (ManifestEntry.from_json(line) for line in lines[1:] if line.strip())
    return fingerprint, {e.graph: e for e in entries}


def _write_manifest(path: Path, fingerprint: str, entries: Iterable[ManifestEntry]) -> None:
    lines = [json.dumps({"fingerprint": fingerprint}), *sorted(e.to_json() for e in entries)]
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
        file.flush()
        os.fsync(file.fileno())


def _point_at(root: Path, name: str) -> None:
    """Make `name` the live generation: one atomic rename, made durable."""
    temporary = root / f".{POINTER}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as file:
        file.write(name + "\n")
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, root / POINTER)
    _fsync_folder(root)


class Lease:
    """A reader's shared lock on one generation: while it is held, no build deletes it."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        file = open(root / GENERATIONS / f"{name}.lease", "ab")  # noqa: SIM115
        fcntl.flock(file, fcntl.LOCK_SH)
        # closing the file drops the lock; a handle that is never closed still lets go when collected
        self._release = weakref.finalize(self, file.close)

    def release(self) -> None:
        self._release()


def open_read_only(root: Path) -> tuple[ox.Store, Lease]:
    """The live generation of the store at `root`, read-only, with a lease that keeps it on disk.

    Raises StoreError when there is no store or it cannot be opened.
    """
    check_store_folder(root, for_writing=False)
    for _attempt in range(5):
        name = live_generation(root)
        if name is None:
            raise StoreError(f"{root}: the store is empty; build it with `kg build PATH --store {root}`")
        try:
            lease = Lease(root, name)
        except FileNotFoundError:
            continue  # the generation was replaced and collected between the two reads: look again
        if not _generation_dir(root, name).is_dir():
            lease.release()
            continue
        try:
            return ox.Store.read_only(str(_generation_dir(root, name))), lease
        except OSError as error:
            lease.release()
            raise StoreError(f"{root}: cannot open the store: {error}") from error
    raise StoreError(f"{root}: the store kept changing while it was opened; try again")


def collect_generations(root: Path) -> list[str]:
    """Delete every generation but the live one and the one before it, unless a reader holds it."""
    live = live_generation(root)
    names = _generation_names(root)
    keep = {live}
    if live in names:
        older = [n for n in names if n < live]
        keep.update(older[-1:])
    removed = []
    for name in names:
        if name in keep:
            continue
        lease_path = root / GENERATIONS / f"{name}.lease"
        with open(lease_path, "ab") as lease:
            try:
                fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            shutil.rmtree(_generation_dir(root, name), ignore_errors=True)
            _manifest_path(root, name).unlink(missing_ok=True)
            lease_path.unlink(missing_ok=True)
            removed.append(name)
    return removed


# --- the store -----------------------------------------------------------------------------------


def graph_nquads(graph: str, quads: Iterable[ox.Quad]) -> bytes:
    """A named graph as N-Quads, each triple also in the merged default graph (a line without a graph).

    The form `KnowledgeStore.write_graphs` takes: a build's workers write it, and Oxigraph's
    own loader reads it in the writer, so no term objects pass through Python there. The quads
    are those of `graph` (the graph stage makes them so).
    """
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    # the default graph's copies: the same lines without their graph (one quad a line, each ending so)
    suffix = f" <{graph}> .\n".encode()
    merged = b"".join(line[: -len(suffix)] + b" .\n" for line in lines.splitlines(keepends=True))
    return lines + merged


def rdflib_quads(graph: str, quads: Iterable[tuple[Term, Term, Term, Any]]) -> list[ox.Quad]:
    """Triples given as rdflib terms, as pyoxigraph quads of `graph` (their fourth term is ignored)."""
    named = ox.NamedNode(graph)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), named) for s, p, o, _ in quads]  # type: ignore[arg-type]


class KnowledgeStore:
    """The graph on disk (or in memory when no path is given).

    Opened for writing, the store reads the live generation until a write session
    (`writing()`, which `kg.pipeline.build` opens) creates the next one; when the session
    ends without error, the next generation becomes the live one.
    """

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lease: Lease | None = None
        self._writing = False
        self._fresh = False
        self._changed: set[str] = set()  # the named graphs this write session wrote or removed
        self._manifest: tuple[str, dict[str, ManifestEntry]] = ("", {})
        if path is None:
            self.store = ox.Store()
            return
        check_store_folder(path, for_writing=not read_only)
        if read_only:
            self.store, self._lease = open_read_only(path)
            return
        self._create_layout(path)
        self.store = self._open_live()

    @staticmethod
    def _create_layout(root: Path) -> None:
        try:
            (root / GENERATIONS).mkdir(parents=True, exist_ok=True)
            if not is_store(root):
                (root / MARKER).write_text(LAYOUT, encoding="ascii")
        except OSError as error:
            raise StoreError(f"{root}: cannot create the store: {error.strerror or error}") from error

    def _open_live(self) -> ox.Store:
        """The live generation read-only, or an empty in-memory store while there is none."""
        assert self.path is not None
        if self._lease is not None:
            self._lease.release()
            self._lease = None
        if live_generation(self.path) is None:
            return ox.Store()
        store, self._lease = open_read_only(self.path)
        return store

    @property
    def generation(self) -> str | None:
        """The generation this handle reads (None in memory or before the first build)."""
        return self._lease.name if self._lease else None

    @contextlib.contextmanager
    def writing(self, fresh: bool = False) -> Iterator[KnowledgeStore]:
        """A write session: on disk, everything written inside it becomes live together, or not at all.

        `fresh` starts from an empty graph (filled through the bulk loader) instead of a
        copy of the live one. A second build of the same store waits for nothing: it fails
        at once with StoreBusy.
        """
        if self.path is None:
            if fresh:
                self.store.clear()
                self._manifest = ("", {})
            yield self
            refresh_summary(self.store, None, None, None)
            return
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        if self._writing:
            raise StoreError(f"{self.path}: a write session is already open")
        root = self.path
        with self._write_lock(root):
            name = _next_name(root)
            folder = _generation_dir(root, name)
            live = live_generation(root)
            self._fresh = fresh or live is None
            self._manifest = ("", {}) if self._fresh else read_manifest(root, live)  # type: ignore[arg-type]
            try:
                self._start_generation(folder, live)
                self._writing = True
                self._changed = set()
                yield self
                previous = None if self._fresh or live is None else _generation_dir(root, live)
                refresh_summary(self.store, folder, previous, self._changed)  # the saved queries' rows
                self.store.flush()  # a sealed generation: everything in table files, nothing in the log
                self.store = ox.Store()  # drops (closes) the writer before the switch
                gc.collect()
                _write_manifest(_manifest_path(root, name), self._manifest[0], self._manifest[1].values())
                _point_at(root, name)
            except BaseException:
                self.store = ox.Store()
                gc.collect()
                shutil.rmtree(folder, ignore_errors=True)
                _manifest_path(root, name).unlink(missing_ok=True)
                raise
            finally:
                self._writing = False
                self._fresh = False
                self.store = self._open_live()
            collect_generations(root)  # under the lock: another build's generation is never taken

    def _start_generation(self, folder: Path, live: str | None) -> None:
        assert self.path is not None
        try:
            if not self._fresh and live is not None:
                source, lease = open_read_only(self.path)
                try:
                    source.backup(str(folder))  # a checkpoint: table files are hard-linked, not copied
                finally:
                    del source
                    lease.release()
            self.store = ox.Store(str(folder))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write a new generation: {error}") from error

    @staticmethod
    @contextlib.contextmanager
    def _write_lock(root: Path) -> Iterator[None]:
        with open(root / LOCK, "ab") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreBusy(
                    f"{root}: another kg build is writing this store; wait for it to finish"
                ) from None
            yield

    def _require_writable(self) -> None:
        if self.path is not None and not self._writing:
            raise StoreError(f"{self.path}: writes happen inside `with store.writing():`")

    def close(self) -> None:
        """Let go of the generation this handle reads, so that a later build may delete it."""
        self.store = ox.Store()
        gc.collect()
        if self._lease is not None:
            self._lease.release()
            self._lease = None

    # --- graphs ---------------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        named = (g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(g for g in named if g != SUMMARY_GRAPH)  # the summary is derived, not a graph of data

    def replace_graph(self, graph: str, quads: Iterable[tuple[Term, Term, Term, Term]]) -> None:
        """Put one named graph, given as rdflib terms, in place of the store's graph of that name."""
        self.write_graphs([(graph, graph_nquads(graph, rdflib_quads(graph, quads)))])

    def has_graph(self, graph: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(graph))

    def live_manifest(self) -> tuple[str, dict[str, ManifestEntry]]:
        """The fingerprint and entries of the live generation, read before a write session opens."""
        if self.path is None:
            return self._manifest
        live = live_generation(self.path)
        return read_manifest(self.path, live) if live else ("", {})

    def manifest(self) -> dict[str, ManifestEntry]:
        """Per article graph: the digest it was built from, and the folder it was read from."""
        return dict(self._manifest[1])

    def manifest_fingerprint(self) -> str:
        """The builder fingerprint the live graph was written with."""
        return self._manifest[0]

    def set_manifest(self, entries: list[ManifestEntry], fingerprint: str) -> None:
        """What this write session's generation will remember (written when the session ends)."""
        self._require_writable()
        self._manifest = (fingerprint, {e.graph: e for e in entries})

    def write_graphs(self, graphs: list[tuple[str, bytes]]) -> None:
        """Put each named graph (N-Quads, with its merged-graph copies) in place of the store's graph.

        One transaction for the whole batch; a fresh generation is filled through Oxigraph's
        bulk loader instead (table files written directly; nothing to replace). Empty data
        removes the graph.
        """
        self._require_writable()
        if not graphs:
            return
        self._changed.update(graph for graph, _ in graphs)
        data = b"".join(nquads for _, nquads in graphs)
        if self._fresh and self.path is not None:
            # lenient: the lines are Oxigraph's own serialisation of terms it made (graph_nquads), so
            # parsing them again need not check every IRI (a tenth of the load's time)
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            return
        self.remove_graphs([graph for graph, _ in graphs])
        if data:
            self.store.load(data, format=ox.RdfFormat.N_QUADS)

    def remove_graphs(self, graphs: list[str]) -> None:
        """Remove named graphs, and from the merged graph the triples no remaining graph holds."""
        self._require_writable()
        self._changed.update(graphs)
        present = [ox.NamedNode(g) for g in graphs if self.store.contains_named_graph(ox.NamedNode(g))]
        if not present:
            return
        candidates = {
            (q.subject, q.predicate, q.object)
            for name in present
            for q in self.store.quads_for_pattern(None, None, None, name)
        }
        for name in present:
            self.store.remove_graph(name)
        orphans = [ox.Quad(s, p, o, DEFAULT) for s, p, o in candidates if not self._held_elsewhere(s, p, o)]
        for quad in orphans:
            self.store.remove(quad)

    def _held_elsewhere(self, s: Any, p: Any, o: Any) -> bool:
        """Whether a named graph (not the merged default graph) still holds the triple."""
        found = self.store.quads_for_pattern(s, p, o, None)
        return any(not isinstance(q.graph_name, ox.DefaultGraph) for q in found)

    # --- reading ----------------------------------------------------------------------------------

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query; the project's prefixes are declared for it.

        The prefixes go in as pyoxigraph's `prefixes`, not as text before the query, so that a
        syntax error's line and column are those of the query as the user wrote it.
        """
        return self.store.query(sparql, prefixes=PREFIXES)

    def select(self, sparql: str) -> Iterator[dict[str, URIRef | Literal | BNode | None]]:
        """The rows of a SELECT query as dicts of rdflib terms."""
        solutions = self.query(sparql)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            yield {name: (to_rdflib(row[name]) if row[name] is not None else None) for name in names}

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (or of one), without the merged default graph or the summary."""
        name = ox.NamedNode(graph) if graph else None
        for quad in self.store.quads_for_pattern(None, None, None, name):
            if not isinstance(quad.graph_name, ox.DefaultGraph) and quad.graph_name.value != SUMMARY_GRAPH:
                yield quad

    def merged(self) -> Iterator[ox.Quad]:
        """The de-duplicated union of every named graph."""
        return iter(self.store.quads_for_pattern(None, None, None, DEFAULT))

    def count(self) -> int:
        """The triples of the merged graph, counted by Oxigraph (iterating them in Python takes minutes
        at a hundred thousand articles)."""
        solutions = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(solutions, ox.QuerySolutions)
        count = next(iter(solutions))["n"]
        return int(count.value) if count is not None else 0
