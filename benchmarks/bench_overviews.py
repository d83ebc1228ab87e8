"""Benchmark: the time of each overview page (/overview/...) and of its CSV, on a store of news at scale.

The application runs in process (Starlette's test client) with its page workers, as
`kg serve` runs it, so a time covers the store queries in the worker, the rendering and
the transfer. Without `--store`, a corpus of `--articles` generated articles
(benchmarks/make_corpus.py) is built into a temporary store first. Each page is asked once
("first": what the first reader after a build waits, while the worker reads that kind of
thing from the store), then `--repeat` times; their median and the slowest are printed.

    .venv/bin/python benchmarks/bench_overviews.py                       # 2,100 articles, built afresh
    .venv/bin/python benchmarks/bench_overviews.py --store /tmp/ovstore2k --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/overview",
    "/overview/awards",
    "/overview/awards?year=2024&result=winner",
    "/overview/awards?format=csv",
    "/overview/officials",
    "/overview/officials?region=35",
    "/overview/officials?format=csv",
    "/overview/figures",
    "/overview/figures?region=35&unit=persons",
    "/overview/figures?format=csv",
    "/overview/regulations",
    "/overview/regulations?region=32&kind=Perda",
    "/overview/regulations?format=csv",
    "/overview/list/Region",
    "/overview/list/Person",
    "/overview/list/Person?page=20",
    "/overview/list/Person?format=csv",
    "/overview/list/CoverageFigure",
    "/overview/list/Article",
]


def built_store(articles: int, folder: Path) -> Path:
    """A store of `articles` generated articles, made in `folder`."""
    from kg.pipeline import build
    from kg.store import KnowledgeStore

    corpus = folder / "corpus"
    generator = [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(corpus)]
    subprocess.run([*generator, "--articles", str(articles)], check=True, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    store = KnowledgeStore(folder / "kg")
    report = build([corpus], store)
    store.close()
    print(f"built {report.articles} articles in {time.perf_counter() - started:.1f} s")
    return folder / "kg"


def measure(store: Path, repeat: int) -> list[tuple[str, int, float, float, float, int]]:
    """(path, status, first ms, median ms, slowest ms, bytes) of each page."""
    from starlette.testclient import TestClient

    from kg.serve.app import Settings, create_app

    found = []
    with TestClient(create_app(Settings(store, workers=1, page_workers=1, timeout=30.0))) as client:
        for path in PAGES:
            started = time.perf_counter()
            client.get(path)
            first = (time.perf_counter() - started) * 1000
            times, status, size = [], 0, 0
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                status, size = response.status_code, len(response.content)
            found.append((path, status, first, statistics.median(times), max(times), size))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, help="a built store; default: a generated corpus, built afresh")
    parser.add_argument("--articles", type=int, default=2100, help="articles to generate without --store")
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per page")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-overviews-") as folder:
        store = options.store or built_store(options.articles, Path(folder))
        results = measure(store, max(1, options.repeat))
    print(f"{'page':<45} {'status':>6} {'first ms':>9} {'median ms':>10} {'max ms':>8} {'KB':>7}")
    for path, status, first, median, slowest, size in results:
        print(f"{path:<45} {status:>6} {first:>9.0f} {median:>10.0f} {slowest:>8.0f} {size / 1024:>7.0f}")


if __name__ == "__main__":
    main()
