"""Benchmark: how long the offline HTML page takes to export, and to open drawn in Chromium.

The page is ready when vis-network has drawn it once (`window.kgGraph.ready`); positions come
from the export, so no layout runs in the browser. The time measured is from navigation
start to ready (the browser's own clock), over `--runs` fresh pages, with the network blocked.

    .venv/bin/python benchmarks/bench_html.py --store /tmp/s2100
    .venv/bin/python benchmarks/bench_html.py --store .kg --runs 5 --focus "Kota Madiun"
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, offline_page  # noqa: E402

from kg.export.html import render_html  # noqa: E402
from kg.export.rdf import merged_graph  # noqa: E402
from kg.export.view import graph_view  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402

READY_MS = "performance.now()"


def export(store: Path, focus: str | None) -> tuple[str, dict[str, float]]:
    """The page of the store, and the seconds spent reading the graph, viewing it and rendering."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    graph = merged_graph(KnowledgeStore(store, read_only=True))
    times["read graph"] = time.perf_counter() - start
    start = time.perf_counter()
    view = graph_view(graph)
    times["entity view"] = time.perf_counter() - start
    start = time.perf_counter()
    page = render_html(view, focus=focus)
    times["render (layout included)"] = time.perf_counter() - start
    return page, times


def open_times(path: Path, runs: int) -> list[float]:
    """Milliseconds from navigation start to the first drawing, one per fresh browser page."""
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                errors: list[str] = []
                requested: list[str] = []
                page = offline_page(browser, "file:", requested, errors, size=(1400, 900))
                page.goto(path.as_uri())
                page.wait_for_function("window.kgGraph && window.kgGraph.ready", timeout=120_000)
                found.append(float(page.evaluate(READY_MS)))
                if errors or requested:
                    raise RuntimeError(f"page errors {errors} or requests {requested}")
                page.context.close()
        finally:
            browser.close()
    return found


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--store", type=Path, required=True, help="a built store (kg build ... --store)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--focus", default=None, help="a place: export only its neighbourhood")
    args = parser.parse_args()
    page, times = export(args.store, args.focus)
    for step, seconds in times.items():
        print(f"{step:>26}: {seconds:6.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        path.write_text(page, encoding="utf-8")
        print(f"{'page':>26}: {path.stat().st_size / 1e6:6.1f} MB")
        ready = open_times(path, args.runs)
    print(f"{'page ready in Chromium':>26}: median {statistics.median(ready) / 1000:.2f} s", end="")
    print(f" (runs: {', '.join(f'{ms / 1000:.2f}' for ms in ready)})")


if __name__ == "__main__":
    main()
