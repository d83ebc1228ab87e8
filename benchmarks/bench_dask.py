"""Extraction throughput on a Dask cluster against the local process pool, on generated corpora.

Why: `kg build --engine dask` exists for corpora that outgrow one machine; this says what a
partition's round trip through a Dask scheduler costs against the local pool when both
have the same cores, and checks that both give the same graph. For each size (a corpus from
make_corpus.py, cached under --cache and shared with bench_scale.py) it prints:

- extraction: every article through clean, extract, resolve and graph (kg.pipeline.process),
  results taken in corpus order and dropped, no store: the local engine (a pool of --workers
  processes) and Dask (a LocalCluster of --workers one-thread worker processes, or the
  cluster at --scheduler), in articles/s, with a digest of every result's N-Quads in order
  (the two must agree);
- the whole build into a fresh on-disk store (kg.pipeline.build, as `kg build --full`), up
  to --build-max articles (a 100k-article store takes some 14 GiB and half an hour per
  engine), and whether the two stores export the same N-Quads, byte for byte;
- the time to start the LocalCluster, apart.

Reading the files and writing the store happen in this process whatever the engine, so on
one machine the two engines share the same cores with it: the figures compare overheads,
they do not show what more machines give.

    .venv/bin/python benchmarks/bench_dask.py --sizes 10000 --workers 2
    .venv/bin/python benchmarks/bench_dask.py --sizes 10000 100000 --build-max 10000
    .venv/bin/python benchmarks/bench_dask.py --sizes 10000 --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import corpus_for, table  # noqa: E402

from kg import pipeline  # noqa: E402
from kg.distributed import dask_engine, local_cluster  # noqa: E402
from kg.export.rdf import serialize  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.model import RawDocument  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402


@dataclass(frozen=True)
class Run:
    """One engine over one corpus: how long, how many articles, and a digest of what came out."""

    engine: str
    step: str
    seconds: float
    articles: int
    digest: str

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def articles(corpus: Path) -> Iterator[RawDocument]:
    """The corpus's articles as a build reads them."""
    for item in read_inputs([corpus]):
        if isinstance(item, RawDocument):
            yield item


def shown(run: Run) -> Run:
    """A run, printed as soon as it ends: a 100k-article step takes long."""
    print(f"  {run.engine}, {run.step}: {run.seconds:,.1f} s, {run.rate:,.1f} articles/s", flush=True)
    return run


def extraction(name: str, engine: pipeline.Engine, corpus: Path) -> Run:
    """Every article through the engine, results taken in order and hashed, nothing stored."""
    digest = hashlib.sha256()
    count = 0
    started = time.perf_counter()
    for done in engine.run(articles(corpus)):
        digest.update(done.nquads)
        count += 1
    return shown(Run(name, "extraction", time.perf_counter() - started, count, digest.hexdigest()[:16]))


def full_build(name: str, engine: pipeline.Engine | None, corpus: Path, work: Path, workers: int) -> Run:
    """The corpus built into a fresh on-disk store; the digest is of the store's N-Quads export."""
    folder = work / f"store-{name.replace(' ', '-')}"
    store = KnowledgeStore(folder)
    report = pipeline.build([corpus], store, full=True, workers=workers, engine=engine)
    digest = hashlib.sha256(serialize(store, "nquads")).hexdigest()[:16]
    store.close()
    shutil.rmtree(folder, ignore_errors=True)
    return shown(Run(name, "build (store)", report.seconds, report.articles, digest))


@contextlib.contextmanager
def cluster_address(scheduler: str | None, workers: int) -> Iterator[tuple[str, float | None]]:
    """The scheduler to use, and how long a local cluster took to start (None for --scheduler)."""
    if scheduler is not None:
        yield scheduler, None
        return
    started = time.perf_counter()
    with local_cluster(workers) as cluster:
        yield cluster.scheduler_address, time.perf_counter() - started


def measure(size: int, args: argparse.Namespace) -> None:
    """Both engines over one corpus size: extraction alone, then the whole build up to --build-max."""
    corpus, _gold, generated = corpus_for(size, args.seed, args.format, args.cache)
    print(
        f"\n{size:,} articles ({args.format}); corpus "
        + (f"generated in {generated:.1f} s" if generated else "reused from the cache"),
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix=f"kg-bench-dask-{size}-", dir=args.cache))
    local = pipeline._Runner(args.workers)  # the engine `kg build --engine local` runs
    runs: list[Run] = []
    try:
        runs.append(extraction("local pool", local, corpus))
        local.close()
        with (
            cluster_address(args.scheduler, args.workers) as (address, start_up),
            dask_engine(address) as engine,
        ):
            runs.append(extraction("dask", engine, corpus))
            if size <= args.build_max:
                runs.append(full_build("dask", engine, corpus, work, args.workers))
        if size <= args.build_max:
            runs.append(full_build("local pool", None, corpus, work, args.workers))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(size, runs, start_up, args)


def report(size: int, runs: list[Run], start_up: float | None, args: argparse.Namespace) -> None:
    where = args.scheduler or f"a LocalCluster of {args.workers} one-thread worker processes"
    ordered = sorted(runs, key=lambda r: (r.step != "extraction", r.engine != "local pool"))
    rows = [[r.engine, r.step, r.seconds, r.rate, r.digest] for r in ordered]
    table(
        f"{size:,} articles, {args.workers} local workers; dask on {where}",
        ["engine", "step", "seconds", "articles/s", "digest"],
        rows,
    )
    for step in dict.fromkeys(r.step for r in runs):
        digests = {r.digest for r in runs if r.step == step}
        print(f"  {step}: {'the same' if len(digests) == 1 else 'DIFFERENT'} output from both engines")
    if start_up is not None:
        print(f"  LocalCluster start-up: {start_up:.1f} s (not in the figures above)")
    if size > args.build_max:
        print(f"  whole builds left out above --build-max {args.build_max:,}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000], help="corpus sizes (default 10000)")
    parser.add_argument(
        "--workers", type=int, default=2, help="local pool and LocalCluster workers (default 2)"
    )
    parser.add_argument(
        "--scheduler", help="a running Dask scheduler instead of a LocalCluster (tcp://HOST:8786)"
    )
    parser.add_argument(
        "--build-max", type=int, default=10000, help="largest size also built into a store (default 10000)"
    )
    parser.add_argument("--format", default="mixed", help="corpus format (default mixed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-scale", help="corpus cache"
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, shared with whatever else runs; Python {sys.version.split()[0]}")
    for size in args.sizes:
        measure(size, args)


if __name__ == "__main__":
    main()
