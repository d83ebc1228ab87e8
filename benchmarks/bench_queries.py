"""Saved queries at scale: first page and whole answer, read from the summary graph and asked of
the data itself (the definitions in ontology/queries/definitions/), and what keeping the summary
costs a build.

Why: a saved query is what a user runs and waits for; its first page (LIMIT 100) should come in
tens of milliseconds at a million triples. The saved queries read rows the store keeps in a
summary graph (kg/summary.py); each definition asks the same of the data and sorts or groups every
row first. For each saved query this prints the p50 and p99 of --repeat runs (fewer when a run is
slow: at most --budget seconds per query), whole and first page, for both, and checks that both
give the same rows in the same order. Then it times the summary: written whole (as a fresh build
does), and brought up to date after --changed articles change (an incremental build).

    .venv/bin/python benchmarks/make_corpus.py /tmp/qcorpus --articles 3000
    .venv/bin/kg build /tmp/qcorpus --store /tmp/qstore
    .venv/bin/python benchmarks/bench_queries.py /tmp/qstore --corpus /tmp/qcorpus

The store is not changed: the summary is timed on a copy of it (--work, a temporary folder).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox

import kg.store
from kg import summary
from kg.namespaces import PREFIXES
from kg.pipeline import build
from kg.queries import ONTOLOGY_DIR, saved_queries
from kg.store import KnowledgeStore, live_generation

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import change, first_page, percentile  # noqa: E402

DEFINITIONS = ONTOLOGY_DIR / "queries" / "definitions"
#: GROUP_CONCAT columns, compared as sets: the definitions list their items in no set order.
LISTS = {"docs": " ", "writtenAs": " | ", "sources": " "}
Rows = list[tuple[object, ...]]


def answer(store: ox.Store, sparql: str) -> Rows:
    """Every row, every value read (as `kg query` and the endpoint read them), lists as sets."""
    solutions = store.query(sparql, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    rows: Rows = []
    for solution in solutions:
        values = [None if term is None else str(term) for term in solution]
        rows.append(tuple(_as_set(n, v) for n, v in zip(names, values, strict=True)))
    return rows


def _as_set(name: str, value: str | None) -> object:
    if value is None or name not in LISTS:
        return value
    return frozenset(value.strip('"').split(LISTS[name]))


def timed(run: Callable[[], object], repeat: int, budget: float) -> list[float]:
    """Seconds of up to `repeat` runs, stopping once `budget` seconds are spent."""
    times: list[float] = []
    while len(times) < repeat and sum(times) < budget:
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def same_order(saved: Rows, definition: Rows, names: list[str], order: tuple[str, ...]) -> bool:
    """Whether the saved query lists its rows in the definition's ORDER BY (ties aside)."""
    columns = [names.index(c) for c in order if c in names]
    return [[row[i] for i in columns] for row in saved] == [[row[i] for i in columns] for row in definition]


def queries(store: ox.Store, repeat: int, budget: float) -> None:
    print(
        f"\n{'saved query':<24}{'rows':>8}{'page p50':>10}{'p99':>8}{'whole p50':>11}"
        f"{'definition: page p50':>22}{'whole p50':>11}  same rows, order"
    )
    orders = {each.name: each.order for each in summary.SUMMARIES}
    for query in saved_queries():
        definition = (DEFINITIONS / f"{query.name}.rq").read_text(encoding="utf-8")
        page = timed(partial(answer, store, first_page(query.sparql)), repeat, budget)
        whole = timed(partial(answer, store, query.sparql), repeat, budget)
        old_page = timed(partial(answer, store, first_page(definition)), 3, budget)
        old_whole = timed(partial(answer, store, definition), 3, budget)
        saved_rows, defined_rows = answer(store, query.sparql), answer(store, definition)
        solutions = store.query(query.sparql, prefixes=PREFIXES)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        same = Counter(saved_rows) == Counter(defined_rows)
        ordered = same_order(saved_rows, defined_rows, names, orders[query.name])
        print(
            f"{query.name:<24}{len(saved_rows):>8,}{ms(statistics.median(page)):>10}"
            f"{ms(percentile(page, 0.99)):>8}{ms(statistics.median(whole)):>11}"
            f"{ms(statistics.median(old_page)):>22}{ms(statistics.median(old_whole)):>11}  {same}, {ordered}"
        )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def write_whole(source: Path, work: Path) -> None:
    """Every summary row written into a copy of the live generation: what a fresh build adds."""
    copy = work / "generation"
    live = ox.Store.read_only(str(source / "generations" / str(live_generation(source))))
    live.backup(str(copy))
    del live
    store = ox.Store(str(copy))
    store.clear_graph(summary.GRAPH)
    started = time.perf_counter()
    summary.write_all(store, copy)
    spent = time.perf_counter() - started
    quads = sum(1 for _ in store.quads_for_pattern(None, None, None, summary.GRAPH))
    sidecar = (copy / summary.SIDECAR).stat().st_size / 2**20
    print(f"\nsummary written whole: {spent:.2f} s, {quads:,} quads, sidecar {sidecar:.1f} MiB")


def rebuild(source: Path, corpus: Path, changed: int, work: Path) -> None:
    """An incremental build of a copy of the store after `changed` articles changed, and its refresh."""
    copy = work / "store"
    shutil.copytree(source, copy)
    refreshes: list[tuple[str, float]] = []

    def clocked(store: ox.Store, folder: Path | None, previous: Path | None, changed: set[str] | None) -> str:
        started = time.perf_counter()
        how = summary.refresh(store, folder, previous, changed)
        refreshes.append((how, time.perf_counter() - started))
        return how

    files = sorted(p for p in corpus.glob("*/*") if p.suffix in (".txt", ".html"))[:changed]
    originals = {path: path.read_bytes() for path in files}
    kg.store.refresh_summary = clocked
    try:
        change(files)
        report = build([corpus], KnowledgeStore(copy))
    finally:
        kg.store.refresh_summary = summary.refresh
        for path, data in originals.items():
            path.write_bytes(data)
    for how, spent in refreshes:
        print(
            f"incremental build, {changed} articles changed: {report.seconds:.2f} s,"
            f" of which the summary ({how}) {spent:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path, help="a built store (kg build CORPUS --store STORE)")
    parser.add_argument("--corpus", type=Path, help="the corpus it was built from, for the incremental build")
    parser.add_argument("--changed", type=int, default=10, help="articles changed for it (default 10)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per saved query (default 20)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of runs per query at most")
    parser.add_argument("--work", type=Path, help="folder for the copies (default: a temporary one)")
    args = parser.parse_args()
    reader = KnowledgeStore(args.store, read_only=True)
    print(f"{args.store}: {reader.count():,} triples in the merged graph, generation {reader.generation}")
    queries(reader.store, args.repeat, args.budget)
    reader.close()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-queries-", dir=args.work))
    try:
        write_whole(args.store, work)
        if args.corpus is not None:
            rebuild(args.store, args.corpus, args.changed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
