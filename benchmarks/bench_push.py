"""Benchmark: `kg push` of a generated corpus to a local Oxigraph server, full and incremental.

Builds a corpus from make_corpus.py (cached like bench_scale's) into an on-disk store,
starts the `oxigraph` server (the PyPI package of that name) on a free loopback port with
its own data folder, pushes everything, then changes `--changed` articles, rebuilds and
pushes again: only those articles' graphs and the default graph go. Prints, for each push,
the graphs sent, the quads sent, the seconds and the quads per second.

    .venv/bin/python benchmarks/bench_push.py --articles 1000 --changed 10
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import article_files, change, corpus_for  # noqa: E402

from kg.pipeline import build  # noqa: E402
from kg.push import Credentials, GraphStoreClient, PushReport, push  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402


@contextmanager
def oxigraph_server(data: Path) -> Iterator[str]:
    """A running Oxigraph server on a free loopback port; yields its Graph Store URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        raise SystemExit("the oxigraph server is missing: pip install oxigraph")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [command, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"{base}/store"
    finally:
        server.terminate()
        server.wait()


def timed_push(store: Path, url: str) -> PushReport:
    return push(store, GraphStoreClient(url, Credentials("none")))


def line(name: str, report: PushReport) -> str:
    rate = report.quads / report.seconds if report.seconds else 0.0
    return (
        f"{name:<24} {len(report.sent):>6} sent {len(report.deleted):>3} deleted"
        f" {report.unchanged:>6} unchanged"
        f" {report.quads:>10,} quads {report.seconds:>7.2f} s {rate:>10,.0f} quads/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--changed", type=int, default=10, help="articles changed before the second push")
    parser.add_argument("--workers", type=int, default=2, help="build workers (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    args = parser.parse_args(argv)

    args.cache.mkdir(parents=True, exist_ok=True)
    cached, _gold, _seconds = corpus_for(args.articles, args.seed, "txt", args.cache)
    with tempfile.TemporaryDirectory(prefix="kg-push-") as work:
        corpus = Path(shutil.copytree(cached, Path(work) / "corpus"))
        store = Path(work) / "kg"
        built = build([corpus], KnowledgeStore(store), workers=args.workers)
        print(f"built {built.articles} articles, {built.triples:,} triples in {built.seconds:.1f} s")
        with oxigraph_server(Path(work) / "oxigraph") as url:
            print(line("full push", timed_push(store, url)))
            change(article_files(corpus)[:: max(1, args.articles // args.changed)][: args.changed])
            build([corpus], KnowledgeStore(store), workers=args.workers)
            print(line(f"push, {args.changed} changed", timed_push(store, url)))
            print(line("push, nothing changed", timed_push(store, url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
