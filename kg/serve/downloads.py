"""Whole-graph downloads: made once per store generation, kept on disk, served as files.

Writing a whole graph takes seconds to minutes at scale, so no request rebuilds one: the
first request for a file makes it from the generation the page worker reads, streams it
into a temporary file that is renamed into place when whole (kg.export.atomic), in a
folder named after that generation; every later request is served that file. A build
switches generations whole (kg.store), so a file always holds exactly one generation's
graph; the folders of generations the store no longer has are removed when a new file is
made.

The RDF files are written as Oxigraph reads the store, a quad at a time, so a graph of
millions of triples needs no more memory than a small one (`kg export`, which sorts its
lines, holds the whole graph): Turtle of the merged graph, and N-Quads of every article's
named graph, which keeps the provenance of each fact. The facts are JSON Lines, as
`kg facts` writes them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from kg.export.atomic import open_atomic
from kg.export.rdf import TURTLE_PREFIXES, SortedPrefixes
from kg.facts import facts_jsonl
from kg.store import GENERATIONS, KnowledgeStore


def write_turtle(store: KnowledgeStore, file: IO[Any]) -> None:
    """The merged graph; the prefix lines in name order (Oxigraph's own order varies by process)."""
    triples = (ox.Triple(quad.subject, quad.predicate, quad.object) for quad in store.merged())
    body = SortedPrefixes(file)
    ox.serialize(triples, output=cast(IO[bytes], body), format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    body.flush()


def write_nquads(store: KnowledgeStore, file: IO[Any]) -> None:
    ox.serialize(store.quads(), output=file, format=ox.RdfFormat.N_QUADS)


def write_facts(store: KnowledgeStore, file: IO[Any]) -> None:
    file.write(facts_jsonl(store).encode("utf-8"))


@dataclass(frozen=True)
class Download:
    """One whole-graph file: its name in /dataset/<name>, its media type and how it is made."""

    name: str
    media_type: str
    describe: str  # the UI string (kg.serve.i18n) that says what it holds
    write: Callable[[KnowledgeStore, IO[Any]], None]


DOWNLOADS = (
    Download("jamsostek-kg.ttl", "text/turtle", "download.turtle", write_turtle),
    Download("jamsostek-kg.nq", "application/n-quads", "download.nquads", write_nquads),
    Download("jamsostek-kg-facts.jsonl", "application/jsonl", "download.facts", write_facts),
)
BY_NAME = {download.name: download for download in DOWNLOADS}
IN_MEMORY = "memory"  # the generation name of a store that has no folder


def default_cache(store_root: Path) -> Path:
    """Where a server keeps a store's downloads unless told: a folder of the system's temporary space.

    One folder per store and user, so two servers of two stores (or two users) never share files.
    """
    key = hashlib.sha256(str(store_root.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"kg-serve-{os.getuid()}-{key}"


def generation_of(store: KnowledgeStore) -> str:
    return store.generation or IN_MEMORY


def made(cache: Path, store: KnowledgeStore, name: str) -> Path:
    """The file `name` of the store's live generation: made when missing, then kept.

    KeyError for a name no download has. Two requests may make the same file at once; each
    writes its own temporary file and the last rename wins, with the same bytes.
    """
    download = BY_NAME[name]
    path = cache / generation_of(store) / name
    if not path.is_file():
        with open_atomic(path) as file:
            download.write(store, file)
        forget_old(cache, store)
    return path


def sizes(cache: Path, store: KnowledgeStore) -> dict[str, int | None]:
    """The size in bytes of each download of the store's generation; None for one not made yet."""
    folder = cache / generation_of(store)
    return {
        download.name: (folder / download.name).stat().st_size if (folder / download.name).is_file() else None
        for download in DOWNLOADS
    }


def forget_old(cache: Path, store: KnowledgeStore) -> list[str]:
    """Remove the folders of generations the store no longer has (a build collected them)."""
    if store.path is None or not cache.is_dir():
        return []
    kept = store.path / GENERATIONS
    removed = []
    for folder in sorted(cache.iterdir()):
        if folder.is_dir() and folder.name != generation_of(store) and not (kept / folder.name).is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
