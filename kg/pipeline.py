"""The whole path once: ingest -> clean -> extract -> resolve -> graph -> store.

Every article is read, cleaned, extracted and turned into quads before anything is
written, and the writes go into a new store generation that becomes live only when
complete, so a failure (or a kill) part-way leaves the store as it was. Inputs that cannot be
used become `Problem`s and the build goes on without them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.clean import CleanError, clean
from kg.extract import extract
from kg.graph import GAZETTEER_GRAPH, article_graph_iri, article_quads, gazetteer_quads, iri
from kg.ingest import read_inputs
from kg.model import BuildReport, ExtractedArticle, Problem, RawDocument
from kg.resolve import resolve
from kg.store import KnowledgeStore

Progress = Callable[[str], None]


def _extract_all(
    raws: list[RawDocument], report: BuildReport, progress: Progress | None
) -> list[ExtractedArticle]:
    extracted = []
    for raw in raws:
        try:
            article = clean(raw)
        except CleanError as error:
            report.problems.append(Problem(raw.source, str(error)))
            continue
        extracted.append(extract(article))
        if progress:
            progress(raw.doc_id)
    return extracted


def build(
    paths: Sequence[Path],
    store: KnowledgeStore,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    full: bool = False,
) -> BuildReport:
    """Build the graph of the given files and folders into a store.

    The articles' graphs replace those of the same articles in the store and the rest
    stays; with `full` the store holds only these articles afterwards. Either way the
    store changes all at once, when every graph is written (see KnowledgeStore.writing).
    """
    started = time.perf_counter()
    report = BuildReport()
    raws: list[RawDocument] = []
    for item in read_inputs(paths):
        if isinstance(item, Problem):
            report.problems.append(item)
        else:
            raws.append(item)
    if on_total:
        on_total(len(raws))
    extracted = _extract_all(raws, report, progress)
    graphs = [
        (str(article_graph_iri(r.extracted.article.doc_id)), article_quads(r)) for r in resolve(extracted)
    ]
    with store.writing(fresh=full):
        store.replace_graph(str(iri(GAZETTEER_GRAPH)), gazetteer_quads())
        for graph, quads in graphs:
            store.replace_graph(graph, quads)
            report.triples += len(quads)
    report.articles = len(extracted)
    counts = Counter(type(f).__name__.removesuffix("Fact").lower() for e in extracted for f in e.facts)
    report.facts_by_type = dict(sorted(counts.items()))
    report.seconds = time.perf_counter() - started
    return report
