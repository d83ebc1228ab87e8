"""Benchmark: build a corpus into an on-disk store, then time the saved queries and exports.

The corpus is every article under the given paths, repeated `--copies` times under new
document ids (one JSON Lines file), so the store can be grown to a million triples and
beyond from the few real articles at hand. Prints articles per second, triples per
second, the latency of every saved query (median of `--repeat` runs), export times and
the peak resident memory of the process.

    .venv/bin/python benchmarks/bench_build.py                      # seeds, 20 copies
    .venv/bin/python benchmarks/bench_build.py seeds/ ../shared/eval/dev/corpus --copies 100
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.export.publish import render
from kg.ingest import read_inputs
from kg.model import RawDocument
from kg.pipeline import build
from kg.queries import saved_queries
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def write_corpus(paths: list[Path], copies: int, target: Path) -> int:
    """Write the articles of `paths`, `copies` times over, as one JSON Lines file; returns its size."""
    articles = [doc for doc in read_inputs(paths) if isinstance(doc, RawDocument)]
    with target.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for doc in articles:
                record = {"id": f"{doc.doc_id}-{copy}", "text": doc.text, "html": doc.html}
                record |= {k: v for k, v in (("url", doc.url), ("title", doc.title), ("date", doc.date)) if v}
                out.write(
                    json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n"
                )
    return len(articles) * copies


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Median seconds of `repeat` runs of `action`, and its last result."""
    times, results = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        results.append(action())
        times.append(time.perf_counter() - started)
    return statistics.median(times), results[-1]


def count_rows(store: KnowledgeStore, sparql: str) -> int:
    """Run a query and read every value of every row, as `kg query` and the endpoint do."""
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = 0
    for row in solutions:
        rows += 1
        for _value in row:
            pass
    return rows


def peak_memory_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--copies", type=int, default=20, help="how many times to repeat the corpus")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (the median is shown)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus.jsonl"
        articles = write_corpus(args.paths, args.copies, corpus)
        store = KnowledgeStore(Path(work) / "store")
        seconds, report = timed(lambda: build([corpus], store))
        triples = store.count()
        print(f"corpus: {articles} articles ({', '.join(map(str, args.paths))} x {args.copies})")
        print(
            f"build: {seconds:.1f} s, {articles / seconds:.1f} articles/s, "
            f"{report.triples / seconds:,.0f} article triples/s; store holds {triples:,} triples"
        )
        print()
        print(f"{'saved query':32} {'rows':>8} {'median ms':>10}")
        for query in saved_queries():
            latency, rows = timed(partial(count_rows, store, query.sparql), args.repeat)
            print(f"{query.name:32} {rows:>8} {latency * 1000:>10.1f}")
        print()
        print(f"{'export':32} {'MiB':>8} {'seconds':>10}")
        for fmt in ("nquads", "ntriples", "turtle", "facts"):
            latency, data = timed(partial(render, store, fmt))
            print(f"{fmt:32} {len(data) / 2**20:>8.1f} {latency:>10.2f}")
        print()
        print(f"peak memory: {peak_memory_mib():.0f} MiB")


if __name__ == "__main__":
    main()
