"""The whole path: ingest -> clean -> extract -> resolve -> graph -> store, streamed.

Articles flow through the stages in batches and are written batch by batch into a new
store generation, which becomes live only when the build is complete: a failure (or a
kill) part-way leaves the store as it was, and memory stays flat however many articles
there are. Everything from cleaning to the article's quads depends on the article alone
(identity keys are global by construction: a region's code, a person's normalised
name), so that work runs in a pool of worker processes; the store's content, and so
every export, is the same whatever the number of workers.

A build is incremental: an article whose content (and the builder's own rules) did not
change since the live generation keeps its graph untouched; an article gone from a
folder that this build reads again loses its graph. `full` rebuilds from nothing.
Inputs that cannot be used become `Problem`s and the build goes on without them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from kg.clean import CleanError, clean
from kg.extract import extract
from kg.graph import GAZETTEER_GRAPH, article_graph_iri, article_quads, gazetteer_quads, iri
from kg.ingest import DEFAULT_MAX_BYTES, read_inputs
from kg.model import BuildReport, Problem, RawDocument
from kg.resolve import resolve_article
from kg.store import KnowledgeStore, ManifestEntry, graph_nquads
from kg.topic import TopicTally

Progress = Callable[[str], None]
BATCH = 64  # articles per write (and per round of the pool)
#: the stages BuildReport.stage_seconds reports, in pipeline order
STAGES = ("ingest", "clean", "extract", "resolve", "graph", "write", "commit")
POOL_FROM = 2 * BATCH  # fewer changed articles than this are done in this process: a pool costs a start-up


@dataclass(frozen=True)
class Processed:
    """One article through every stage: its graph as N-Quads, or why it was left out."""

    doc_id: str
    source: str
    graph: str
    digest: str
    nquads: bytes = b""  # the named graph's quads and their copies in the merged (default) graph
    triples: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    problem: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # spent on it per worker stage


#: What shapes an article's graph: a change to any of these builds every article again (a change
#: elsewhere, to the CLI, the store or the server, does not).
RULE_MODULES = (
    "clean.py",
    "gazetteer.py",
    "graph.py",
    "ids.py",
    "lexicon.py",
    "model.py",
    "namespaces.py",
    "resolve.py",
)
RULE_FOLDERS = ("analysis", "extract", "data")


def rule_files() -> list[str]:
    """The package files (as kg-relative paths) whose content shapes an article's graph."""
    package = resources.files("kg")
    names = list(RULE_MODULES)
    for folder in RULE_FOLDERS:
        names += [f"{folder}/{e.name}" for e in package.joinpath(folder).iterdir() if e.is_file()]
    return sorted(n for n in names if n.endswith((".py", ".csv", ".txt", ".jsonl")))


@cache
def builder_fingerprint() -> str:
    """A digest of the builder's rules (the code and lexicons that shape a graph), so new rules rebuild."""
    digest = hashlib.sha256()
    package = resources.files("kg")
    for name in rule_files():
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def content_digest(raw: RawDocument) -> str:
    """What decides whether an article must be built again: its content, metadata and the rules."""
    digest = hashlib.sha256(builder_fingerprint().encode())
    for part in (raw.doc_id, raw.source, raw.text, raw.html, raw.url, raw.title, raw.date, raw.outlet):
        digest.update(b"\x00" + (part or "").encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def process(raw: RawDocument) -> Processed:
    """clean -> extract -> resolve -> graph for one article (runs in a worker process)."""
    graph = str(article_graph_iri(raw.doc_id))
    started = time.perf_counter()
    digest = content_digest(raw)
    try:
        article = clean(raw)
    except CleanError as error:
        return Processed(raw.doc_id, raw.source, graph, digest, problem=str(error))
    cleaned = time.perf_counter()
    extracted = extract(article)
    extracted_at = time.perf_counter()
    resolved = resolve_article(extracted)
    resolved_at = time.perf_counter()
    quads = article_quads(resolved)
    facts = Counter(type(f).__name__.removesuffix("Fact").lower() for f in extracted.facts)
    data = graph_nquads(graph, quads)
    seconds = {
        "clean": cleaned - started,
        "extract": extracted_at - cleaned,
        "resolve": resolved_at - extracted_at,
        "graph": time.perf_counter() - resolved_at,
    }
    return Processed(raw.doc_id, raw.source, graph, digest, data, len(quads), dict(facts), seconds=seconds)


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class PendingBatch(Protocol):
    """A batch being processed elsewhere: a concurrent.futures Future, or a Dask one."""

    def result(self) -> list[Processed]: ...


class BatchExecutor(Protocol):
    """Where batches are processed: a concurrent.futures executor as it is, or a cluster's client."""

    def submit(
        self, fn: Callable[[list[RawDocument]], list[Processed]], batch: list[RawDocument], /
    ) -> PendingBatch: ...


class Engine(Protocol):
    """Runs `process` over the articles to build, giving their results in the order it was given them."""

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Processed]: ...


def process_batches(
    executor: BatchExecutor, batches: Iterable[list[RawDocument]], in_flight: int
) -> Iterator[Processed]:
    """Every batch through `process` on the executor, `in_flight` batches at a time, results in input order.

    In order, so that the store (and every export) does not depend on which worker finished
    first; bounded, so that inputs are read only as the workers take them and memory stays
    flat on a corpus of any size.
    """
    pending: deque[PendingBatch] = deque()
    for batch in batches:
        pending.append(executor.submit(process_batch, batch))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class _Runner:
    """The local engine: `process` here for a few documents, in a process pool for many."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool: ProcessPoolExecutor | None = None

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Processed]:
        pending: deque[RawDocument] = deque()
        iterator = iter(raws)
        for raw in iterator:
            pending.append(raw)
            if self.workers > 1 and len(pending) >= POOL_FROM:
                yield from self._pooled(pending, iterator)
                return
        yield from map(process, pending)

    def _pooled(self, first: deque[RawDocument], rest: Iterator[RawDocument]) -> Iterator[Processed]:
        context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context)
        yield from process_batches(self.pool, _chunks(_chain(first, rest), 16), 4 * self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def process_batch(raws: list[RawDocument]) -> list[Processed]:
    """`process` over a batch: the unit of work sent to a worker, a few articles per round trip."""
    return [process(raw) for raw in raws]


def _chain(first: Iterable[RawDocument], rest: Iterable[RawDocument]) -> Iterator[RawDocument]:
    yield from first
    yield from rest


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _timed(
    items: Iterable[RawDocument | Problem], seconds: dict[str, float], stage: str
) -> Iterator[RawDocument | Problem]:
    """The items, with the time spent making each one added to `seconds[stage]`."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        seconds[stage] += time.perf_counter() - started
        if item is None:
            return
        yield item


def _folder_root(path: Path) -> str:
    """The key under which a folder input's articles are remembered ('' for a single file)."""
    return str(path.resolve()) if path.is_dir() else ""


def build(
    paths: Sequence[Path],
    store: KnowledgeStore,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    full: bool = False,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    engine: Engine | None = None,
    topic_filter: bool | None = None,
) -> BuildReport:
    """Build the graph of the given files and folders into a store.

    The articles' graphs replace those of the same articles in the store and the rest
    stays, except the articles gone from a folder named here again; with `full` the
    store holds only these articles afterwards. Either way the store changes all at
    once, when every graph is written (see KnowledgeStore.writing). Inputs are read as
    the workers take them, so `on_total` is told the number of articles built at the end.
    `engine` runs the per-article work elsewhere (kg.distributed: a Dask cluster); by
    default it is a pool of `workers` local processes. `topic_filter` keeps only articles
    on the graph's topic: None for crawl input (WARC) only, True or False for every input.
    """
    started = time.perf_counter()
    report = BuildReport()
    runner = _Runner(default_workers() if workers is None else workers)
    fresh = full or _everything_rebuilds(store, paths)
    report.stage_seconds = dict.fromkeys(STAGES, 0.0)
    try:
        with store.writing(fresh=fresh):
            _build_into(
                paths, store, report, engine or runner, progress, on_total, fresh, max_bytes, topic_filter
            )
            committing = time.perf_counter()
    finally:
        runner.close()
    report.stage_seconds["commit"] = time.perf_counter() - committing
    report.facts_by_type = dict(sorted(report.facts_by_type.items()))
    report.seconds = time.perf_counter() - started
    return report


def _everything_rebuilds(store: KnowledgeStore, paths: Sequence[Path]) -> bool:
    """Whether this build replaces every graph anyway: the rules changed, and every article the
    store holds came from a folder named again (so it is rebuilt, or gone from its folder).

    Such a build is done as a fresh one, through the bulk loader, instead of replacing the
    graphs one batch at a time: the same graph, many times faster.
    """
    fingerprint, known = store.live_manifest()
    if not known or fingerprint == builder_fingerprint():
        return False
    roots = {_folder_root(Path(path)) for path in paths}
    return all(entry.root and entry.root in roots for entry in known.values())


def _build_into(
    paths: Sequence[Path],
    store: KnowledgeStore,
    report: BuildReport,
    runner: Engine,
    progress: Progress | None,
    on_total: Callable[[int], None] | None,
    full: bool,
    max_bytes: int,
    topic_filter: bool | None,
) -> None:
    known = {} if full else store.manifest()
    manifest: dict[str, ManifestEntry] = dict(known)
    seen: dict[str, str] = {}  # graph -> source, across the named inputs
    tally = TopicTally()
    roots = {_folder_root(Path(path)) for path in paths}
    gazetteer = str(iri(GAZETTEER_GRAPH))
    if full or not store.has_graph(gazetteer) or store.manifest_fingerprint() != builder_fingerprint():
        store.write_graphs([(gazetteer, graph_nquads(gazetteer, gazetteer_quads()))])

    def to_build() -> Iterator[RawDocument]:
        """The articles that are new or changed, read one at a time as the workers take them."""
        for path in paths:
            root = _folder_root(Path(path))
            items = read_inputs([Path(path)], max_bytes=max_bytes, topic_filter=topic_filter, tally=tally)
            for item in _timed(items, report.stage_seconds, "ingest"):
                if isinstance(item, Problem):
                    report.problems.append(item)
                    continue
                graph = str(article_graph_iri(item.doc_id))
                if graph in seen:
                    message = f"duplicate document id {item.doc_id!r} (first read from {seen[graph]})"
                    report.problems.append(Problem(item.source, message))
                    continue
                seen[graph] = item.source
                digest = content_digest(item)
                old = known.get(graph)
                if old is not None and old.digest == digest:
                    manifest[graph] = ManifestEntry(graph, digest, root or old.root, old.facts)
                    report.unchanged += 1
                    continue
                manifest[graph] = ManifestEntry(graph, digest, root, {})
                yield item

    batch: list[tuple[str, bytes]] = []
    stages = report.stage_seconds

    def write(graphs: list[tuple[str, bytes]]) -> None:
        writing = time.perf_counter()
        store.write_graphs(graphs)
        stages["write"] += time.perf_counter() - writing

    for done in runner.run(to_build()):
        for stage, spent in done.seconds.items():
            stages[stage] += spent
        if done.problem is not None:
            report.problems.append(Problem(done.source, done.problem))
            manifest.pop(done.graph, None)
            batch.append((done.graph, b""))  # an article that no longer builds loses its old graph
            continue
        batch.append((done.graph, done.nquads))
        report.triples += done.triples
        report.articles += 1
        for kind, count in done.facts.items():
            report.facts_by_type[kind] = report.facts_by_type.get(kind, 0) + count
        manifest[done.graph] = ManifestEntry(done.graph, done.digest, manifest[done.graph].root, done.facts)
        if progress:
            progress(done.doc_id)
        if len(batch) >= BATCH:
            write(batch)
            batch = []
    write(batch)
    gone = [g for g, entry in known.items() if entry.root and entry.root in roots and g not in seen]
    removing = time.perf_counter()
    store.remove_graphs(gone)
    stages["write"] += time.perf_counter() - removing
    for graph in gone:
        manifest.pop(graph, None)
    report.removed = len(gone)
    report.on_topic, report.off_topic = tally.kept, dict(sorted(tally.skipped.items()))
    if on_total:
        on_total(report.articles)
    store.set_manifest(list(manifest.values()), builder_fingerprint())
