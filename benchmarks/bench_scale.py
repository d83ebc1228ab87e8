"""Benchmark at scale: build, rebuild, query and export synthetic corpora of 1k, 10k, 100k articles.

Why: the older bench_build.py repeats 21 real articles, so its graph holds a few dozen
entities however many copies it builds. Here each size is a corpus from make_corpus.py
(every region of the gazetteer, distinct officials per region and year, all fact types,
the noise of real pages), generated once and cached under --cache. For each size it
prints, in tables:

- the build, end to end (kg.pipeline.build into a fresh on-disk KnowledgeStore):
  articles/s, triples/s, and the peak resident memory, measured in a child process per
  step so that sizes do not pollute each other (the build process's own peak, its worker
  processes' peak, and the peak of their sum sampled from /proc);
- time per stage: the pipeline's own report when it gives one (BuildReport.stage_seconds),
  else what can be seen from outside: ingest, clean-to-graph (the worker stage, as the
  writing process waits for it), store writes and the commit, timed by wrapping the
  pipeline's functions, and a per-article split of the worker stage (clean, extract,
  resolve, graph) measured in-process on a sample of articles;
- an incremental rebuild after changing 10 articles: the whole corpus built again without
  `full` (what `kg build corpus/ --store` does), and the 10 files alone, as shares of the
  full build;
- every saved query's p50 and p99 latency over --repeat runs (fewer when a query is slow:
  the runs stop at --query-budget seconds per query), whole and as its first page (LIMIT 100),
  and the p50 of its definition (ontology/queries/definitions: the same question asked of the
  data, which sorts or groups every row; the saved query reads the store's summary graph);
- export times: N-Quads, Turtle (kg.export.rdf.serialize) and facts (kg.facts.facts_jsonl),
  and the builder's F1 against the generator's gold: synthetic text, so a sanity check of
  the build at scale, not a measure of accuracy;
- the same graph loaded, queried (the definitions: the export holds no summary graph) and
  exported as Turtle by rdflib, as a ratio to Oxigraph,
  up to --rdflib-max articles (rdflib is slow and memory-hungry: a 10k-article graph takes
  minutes and gigabytes); an rdflib query or export is stopped after --rdflib-step-budget
  seconds and shown as a lower bound.

    .venv/bin/python benchmarks/bench_scale.py --sizes 1000
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 10000 --workers 2
    .venv/bin/python benchmarks/bench_scale.py --sizes 100000 --build-only
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import inspect
import itertools
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

CHANGED = 10  # articles changed for the incremental rebuild
SAMPLE = 200  # articles timed stage by stage in-process
FIRST_PAGE = 100
Result = dict[str, Any]


# --- the corpus ------------------------------------------------------------------------------------


def generator_fingerprint() -> str:
    """A digest of the generator and its data: a cached corpus is reused only when they are unchanged."""
    digest = hashlib.sha256()
    for path in [HERE / "make_corpus.py", *sorted((HERE / "data").iterdir())]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def corpus_for(size: int, seed: int, fmt: str, cache: Path) -> tuple[Path, Path, float | None]:
    """The corpus folder and gold file for a size; generated (and timed) unless already cached."""
    folder = cache / f"corpus-{fmt}-{size}-s{seed}-{generator_fingerprint()}"
    gold = folder.with_suffix(".gold.jsonl")
    if (folder / ".complete").exists() and gold.exists():
        return folder, gold, None
    for stale in cache.glob(f"corpus-{fmt}-{size}-s{seed}-*"):  # made by an older generator
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink()
    summary = make_corpus.generate(folder, size, seed, fmt, gold)
    (folder / ".complete").write_text(json.dumps(summary.__dict__), encoding="utf-8")
    return folder, gold, summary.seconds


def article_files(corpus: Path) -> list[Path]:
    """The one-article files (txt, html) of a corpus, in name order."""
    return sorted(p for p in corpus.glob("*/*") if p.suffix in (".txt", ".html"))


# --- child processes --------------------------------------------------------------------------------


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (0 where /proc is absent)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    tree, grown = {root}, True
    while grown:
        before = len(tree)
        tree |= {pid for pid, parent in parents.items() if parent in tree}
        grown = len(tree) > before
    return sum(rss.get(pid, 0) for pid in tree)


def run_child(task: str, args: Result, timeout: float | None = None) -> Iterator[Result]:
    """Run a task of this script in a child process; yields its JSON lines as they come, then a
    last one with `_wall` seconds and `_tree_peak_mib` (its process tree's sampled peak), or
    `_timeout` when it ran past `timeout` (the child is then killed)."""
    command = [sys.executable, __file__, "--child", task, json.dumps(args)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert child.stdout is not None
    descriptor = child.stdout.fileno()
    os.set_blocking(descriptor, False)
    peak, buffer, timed_out = 0, b"", False
    while True:
        peak = max(peak, tree_rss_kib(child.pid))
        chunk = _read_some(descriptor)
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if line.startswith(b"{"):
                yield json.loads(line)
        if child.poll() is not None and not chunk:
            break
        if timeout is not None and time.perf_counter() - started > timeout:
            child.kill()
            child.wait()
            timed_out = True
            break
        if not chunk:
            time.sleep(0.2)
    child.stdout.close()
    if child.returncode not in (0, None) and not timed_out:
        raise RuntimeError(f"child task {task} failed with status {child.returncode}")
    yield {"_wall": time.perf_counter() - started, "_tree_peak_mib": peak / 1024, "_timeout": timed_out}


def _read_some(descriptor: int) -> bytes:
    try:
        return os.read(descriptor, 1 << 16)
    except BlockingIOError:
        return b""


def child_result(task: str, args: Result) -> Result:
    """A child task's results merged into one dict."""
    merged: Result = {}
    for line in run_child(task, args):
        merged |= line
    return merged


def emit(result: Result) -> None:
    print(json.dumps(result), flush=True)


def own_peaks_mib() -> Result:
    """This process's peak resident memory, and its (finished) children's: Linux reports KiB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {
        "self_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale,
        "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale,
    }


# --- child: build -------------------------------------------------------------------------------------


def fingerprint() -> str | None:
    """The builder's fingerprint of its own rules, where it has one: a change of it rebuilds everything."""
    import kg.pipeline as pipeline

    function = getattr(pipeline, "builder_fingerprint", None)
    return str(function()) if function else None


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def build_options(workers: int | None, full: bool) -> dict[str, Any]:
    """The keyword arguments of kg.pipeline.build that this version of it accepts."""
    from kg.pipeline import build

    accepted = inspect.signature(build).parameters
    options: dict[str, Any] = {}
    if "full" in accepted:
        options["full"] = full
    if "workers" in accepted and workers is not None:
        options["workers"] = workers
    return options


class StageClock:
    """Seconds spent in the pipeline's functions, seen from the writing process, by wrapping them.

    Best effort: a function the pipeline no longer has is left out of the table.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def wrap_call(self, owner: Any, name: str, stage: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - started)

        setattr(owner, name, timed)

    def wrap_generator(self, owner: Any, name: str, stage: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            iterator = iter(original(*args, **kwargs))
            while True:
                started = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.add(stage, time.perf_counter() - started)
                    return
                self.add(stage, time.perf_counter() - started)
                yield item

        setattr(owner, name, timed)


def instrument(clock: StageClock) -> None:
    import kg.pipeline as pipeline
    from kg.store import KnowledgeStore

    clock.wrap_generator(pipeline, "read_inputs", "ingest (read files)")
    runner = getattr(pipeline, "_Runner", None)
    if runner is not None:
        clock.wrap_generator(runner, "run", "clean -> graph (workers)")
    for name in ("write_graphs", "remove_graphs", "replace_graph"):
        clock.wrap_call(KnowledgeStore, name, "store writes")
    clock.wrap_call(pipeline, "_build_into", "_inside")


def child_build(args: Result) -> None:
    """A full build into a fresh store: the report, triples in the store, stage times, peaks."""
    from kg.pipeline import build
    from kg.store import KnowledgeStore

    clock = StageClock()
    instrument(clock)
    store = KnowledgeStore(Path(args["store"]))
    report = build([Path(args["corpus"])], store, **build_options(args["workers"], full=True))
    inside = clock.seconds.pop("_inside", None)
    if inside is not None:
        clock.add("setup + commit (generation switch)", report.seconds - inside)
        timed = sum(v for k, v in clock.seconds.items() if not k.startswith("setup"))
        clock.add("other (digests, parsing quads, manifest)", max(0.0, inside - timed))
    emit(
        {
            "seconds": report.seconds,
            "articles": report.articles,
            "article_triples": report.triples,
            "store_triples": store.count(),
            "problems": len(report.problems),
            "facts_by_type": report.facts_by_type,
            "stage_seconds": getattr(report, "stage_seconds", None),
            "clock": clock.seconds,
            "options": build_options(args["workers"], full=True),
            "fingerprint": fingerprint(),
            "store_mib": folder_mib(Path(args["store"])),
        }
        | own_peaks_mib()
    )


def child_stage_sample(args: Result) -> None:
    """Per-article seconds of clean, extract, resolve and graph, in this process, on a sample."""
    import kg.resolve as resolve_module
    from kg.clean import CleanError, clean
    from kg.extract import extract
    from kg.graph import article_quads
    from kg.ingest import read_inputs
    from kg.model import RawDocument

    resolve_one = getattr(resolve_module, "resolve_article", None)
    files = article_files(Path(args["corpus"]))[: args["sample"]] or [Path(args["corpus"])]
    docs = (doc for doc in read_inputs(files) if isinstance(doc, RawDocument))
    raws = list(itertools.islice(docs, args["sample"]))
    seconds = {"clean": 0.0, "extract": 0.0, "resolve": 0.0, "graph": 0.0}
    for raw in raws:
        started = time.perf_counter()
        try:
            article = clean(raw)
        except CleanError:
            continue
        cleaned = time.perf_counter()
        extracted = extract(article)
        extracted_at = time.perf_counter()
        resolved = resolve_one(extracted) if resolve_one else resolve_module.resolve([extracted])[0]
        resolved_at = time.perf_counter()
        article_quads(resolved)
        done = time.perf_counter()
        spans = (cleaned - started, extracted_at - cleaned, resolved_at - extracted_at, done - resolved_at)
        for stage, spent in zip(seconds, spans, strict=True):
            seconds[stage] += spent
    emit(
        {"sample": len(raws), "per_article_ms": {k: 1000 * v / max(1, len(raws)) for k, v in seconds.items()}}
    )


def child_rebuild(args: Result) -> None:
    """Change CHANGED articles, then build again without `full`: the whole corpus, then the files alone."""
    from kg.pipeline import build
    from kg.store import KnowledgeStore

    files = article_files(Path(args["corpus"]))
    first, second = files[:CHANGED], files[CHANGED : 2 * CHANGED]
    originals = {path: path.read_bytes() for path in first + second}
    store = KnowledgeStore(Path(args["store"]))
    options = build_options(args["workers"], full=False)
    try:
        change(first)
        report = build([Path(args["corpus"])], store, **options)
        whole = {
            "seconds": report.seconds,
            "articles": report.articles,
            "unchanged": getattr(report, "unchanged", None),
        }
        change(second)
        report = build(second, store, **options)
        alone = {"seconds": report.seconds, "articles": report.articles}
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    emit({"whole": whole, "alone": alone, "fingerprint": fingerprint()} | own_peaks_mib())


def change(paths: list[Path]) -> None:
    """Add a sentence with a new figure to each article (before the closing lines of a text or page)."""
    sentence = "Hingga akhir 2025, sebanyak 1.234 pekerja rentan telah terdaftar sebagai peserta."
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = text.replace("</div>\n</article>", f"<p>{sentence}</p>\n</div>\n</article>", 1)
        else:
            text = text.replace("\nBerita Terkait\n", f"\n{sentence}\n\nBerita Terkait\n", 1)
        path.write_text(text, encoding="utf-8")


# --- child: queries, exports, F1 -------------------------------------------------------------------


def first_page(sparql: str) -> str:
    """The query limited to its first page (a LIMIT of its own is kept)."""
    return sparql if "LIMIT" in sparql.upper().split("}")[-1] else f"{sparql.rstrip()}\nLIMIT {FIRST_PAGE}"


def count_rows(store: Any, sparql: str) -> int:
    """Run a query and read every value of every row, as `kg query` and the endpoint do."""
    count = 0
    for row in store.query(sparql):
        tuple(row)
        count += 1
    return count


def latencies(run: Callable[[], int], repeat: int, budget: float) -> tuple[list[float], int]:
    """Seconds of up to `repeat` runs, stopping once `budget` seconds are spent; and the row count."""
    times: list[float] = []
    rows = 0
    while len(times) < repeat and sum(times) < budget:
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return times, rows


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def definitions() -> dict[str, str]:
    """Each saved query's definition: the same question asked of the data, which it sorts or groups
    whole (ontology/queries/definitions; the saved queries read the store's summary graph)."""
    from kg.queries import ONTOLOGY_DIR

    folder = ONTOLOGY_DIR / "queries" / "definitions"
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.rq"))}


def child_read(args: Result) -> None:
    """Saved queries and their definitions (whole and first page), exports, and the F1 of the facts."""
    from kg.queries import saved_queries
    from kg.store import KnowledgeStore

    store = KnowledgeStore(Path(args["store"]), read_only=True)
    defined = definitions()
    for query in saved_queries():
        row: Result = {"query": query.name}
        asked = [("whole", query.sparql), ("page", first_page(query.sparql))]
        if query.name in defined:
            asked += [("defined", defined[query.name]), ("defined page", first_page(defined[query.name]))]
        for label, sparql in asked:
            times, rows = latencies(partial(count_rows, store, sparql), args["repeat"], args["budget"])
            row[label] = {
                "p50": statistics.median(times),
                "p99": percentile(times, 0.99),
                "runs": len(times),
                "rows": rows,
            }
        emit(row)
    exports(store, Path(args["work"]), Path(args["gold"]))
    emit(own_peaks_mib())


def exports(store: Any, work: Path, gold: Path) -> None:
    from kg.evaluate import evaluate, load_facts
    from kg.export.publish import render_to

    for name, fmt, file_name in (
        ("N-Quads", "nquads", "graph.nq"),
        ("Turtle", "turtle", "graph.ttl"),
        ("facts (JSON Lines)", "facts", "facts.jsonl"),
    ):
        target = work / file_name
        started = time.perf_counter()
        with open(target, "wb") as file:
            render_to(store, fmt, file)
        seconds = time.perf_counter() - started
        emit({"export": name, "seconds": seconds, "mib": target.stat().st_size / 2**20})
    result = evaluate(load_facts(work / "facts.jsonl"), load_facts(gold))
    by_type = {kind: [s.gold, s.produced, s.matched, s.f1] for kind, s in result.by_type.items()}
    total = result.total
    emit(
        {
            "f1": total.f1,
            "precision": total.precision,
            "recall": total.recall,
            "attrs": total.attrs,
            "by_type": by_type,
        }
    )


# --- child: rdflib ----------------------------------------------------------------------------------


class StepTimeout(BaseException):
    """An rdflib step ran past its time limit (a BaseException: library code that catches
    Exception must not swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (rdflib is pure Python, so a signal stops it cleanly)."""

    def stop(signum: int, frame: Any) -> None:
        raise StepTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rdflib_step(name: str, action: Callable[[], Result], budget: float) -> None:
    """Time one rdflib step; one that runs past `budget` seconds is stopped and reported as such."""
    started = time.perf_counter()
    try:
        with time_limit(budget):
            extra = action()
    except StepTimeout:
        emit({"step": name, "stopped": budget})
        return
    emit({"step": name, "rdflib": time.perf_counter() - started} | extra)


def rdflib_rows(dataset: Any, sparql: str, prefixes: dict[str, str]) -> Result:
    return {"rows": len(list(dataset.query(sparql, initNs=prefixes)))}


def child_rdflib(args: Result) -> None:
    """The N-Quads export loaded by Oxigraph (in memory) and by rdflib, queried, written as Turtle.

    Each result is printed as soon as it is known, so that a step past its time limit still
    leaves the earlier ones; each query and the Turtle export get `step_budget` seconds.
    """
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.namespaces import PREFIXES

    nquads = Path(args["nquads"])
    budget = float(args.get("step_budget", 120.0))
    started = time.perf_counter()
    oxi = ox.Store()
    oxi.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    emit({"step": "load", "oxigraph": time.perf_counter() - started})
    del oxi
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nquads), format="nquads")
    emit({"step": "load", "rdflib": time.perf_counter() - started, "triples": len(dataset)})
    for name, sparql in definitions().items():  # the export holds the data, not the summary graph
        rdflib_step(f"query {name}", partial(rdflib_rows, dataset, sparql, PREFIXES), budget)
    rdflib_step("Turtle", lambda: {"mib": len(dataset.serialize(format="turtle")) / 2**20}, budget)


CHILDREN: dict[str, Callable[[Result], None]] = {
    "build": child_build,
    "stages": child_stage_sample,
    "rebuild": child_rebuild,
    "read": child_read,
    "rdflib": child_rdflib,
}


# --- the parent: run and print ---------------------------------------------------------------------


def table(title: str, header: list[str], rows: list[list[Any]], note: str = "") -> None:
    """An aligned table: first column left, the others right."""
    cells = [header, *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{title}")
    for number, row in enumerate(cells):
        print(
            "  "
            + "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if number == 0:
            print("  " + "  ".join("-" * w for w in widths))
    if note:
        print(f"  {note}")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def measure(size: int, args: argparse.Namespace) -> None:
    """Every measurement of one corpus size, each step in a child process."""
    corpus, gold, generated = corpus_for(size, args.seed, args.format, args.cache)
    print(f"\n=== {size:,} articles ({args.format}, seed {args.seed}): {corpus}")
    print("  corpus " + (f"generated in {generated:.1f} s" if generated else "reused from the cache"))
    work = Path(tempfile.mkdtemp(prefix=f"kg-bench-{size}-", dir=args.cache))
    try:
        store = work / "store"
        built = child_result("build", {"corpus": str(corpus), "store": str(store), "workers": args.workers})
        print_build(built)
        stages = child_result("stages", {"corpus": str(corpus), "sample": SAMPLE})
        print_stages(built, stages)
        if args.build_only:
            return
        read = list(
            run_child(
                "read",
                {
                    "store": str(store),
                    "work": str(work),
                    "gold": str(gold),
                    "repeat": args.repeat,
                    "budget": args.query_budget,
                },
            )
        )
        print_read(read)
        rdflib_args = {"nquads": str(work / "graph.nq"), "step_budget": args.rdflib_step_budget}
        if size <= args.rdflib_max:
            print_rdflib(read, run_child("rdflib", rdflib_args, args.rdflib_budget), args)
        else:
            print(f"\nrdflib: skipped above --rdflib-max {args.rdflib_max:,} articles (slow at this size)")
        if args.incremental:  # last: it changes the store (and, for its duration, 20 articles)
            rebuilt = child_result(
                "rebuild", {"corpus": str(corpus), "store": str(store), "workers": args.workers}
            )
            print_rebuild(built, rebuilt)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_build(built: Result) -> None:
    seconds = built["seconds"]
    rows = [
        ["articles built", built["articles"]],
        ["seconds", seconds],
        ["articles/s", built["articles"] / seconds],
        ["article triples/s", built["article_triples"] / seconds],
        ["article triples", built["article_triples"]],
        ["store triples (merged graph)", built["store_triples"]],
        ["inputs left out (problems)", built["problems"]],
        ["store on disk (MiB)", built["store_mib"]],
        ["peak RSS, build process (MiB)", built["self_peak_mib"]],
        ["peak RSS, one worker (MiB)", built["children_peak_mib"]],
        ["peak RSS, process tree summed (MiB, sampled)", built["_tree_peak_mib"]],
    ]
    options = ", ".join(f"{k}={v}" for k, v in built["options"].items())
    table(f"build, end to end (fresh on-disk store; {options})", ["", "value"], rows)


def print_stages(built: Result, stages: Result) -> None:
    total = built["seconds"]
    if built.get("stage_seconds"):
        rows = [[k, v, 100 * v / total] for k, v in built["stage_seconds"].items()]
        table("time per stage (BuildReport.stage_seconds)", ["stage", "seconds", "% of build"], rows)
    else:
        rows = [[k, v, 100 * v / total] for k, v in built["clock"].items()]
        table(
            "time per stage, as the writing process sees it",
            ["stage", "seconds", "% of build"],
            rows,
            "BuildReport has no stage_seconds: measured by wrapping kg.pipeline's functions",
        )
    per = stages["per_article_ms"]
    total_ms = sum(per.values()) or 1.0
    rows = [[k, v, 100 * v / total_ms] for k, v in per.items()]
    table(
        f"the worker stage per article, in one process ({stages['sample']} txt/html articles)",
        ["stage", "ms/article", "%"],
        rows,
    )


def print_rebuild(built: Result, rebuilt: Result) -> None:
    full = built["seconds"]
    whole, alone = rebuilt["whole"], rebuilt["alone"]
    rows = [
        [
            f"whole corpus again, {CHANGED} changed",
            whole["seconds"],
            whole["articles"],
            100 * whole["seconds"] / full,
        ],
        [
            f"the {CHANGED} changed files alone",
            alone["seconds"],
            alone["articles"],
            100 * alone["seconds"] / full,
        ],
    ]
    note = f"unchanged articles kept: {whole['unchanged']:,}" if whole.get("unchanged") is not None else ""
    if rebuilt.get("fingerprint") != built.get("fingerprint"):
        note += "; the builder's rules changed since the full build (kg/ edited meanwhile): all rebuilt"
    table(
        "incremental rebuild (without full)",
        ["build", "seconds", "articles built", "% of full build"],
        rows,
        note,
    )
    print(
        f"  rebuild: peak RSS {rebuilt['self_peak_mib']:,.0f} MiB (process), "
        f"{rebuilt['_tree_peak_mib']:,.0f} MiB (tree, sampled)"
    )


def print_read(lines: list[Result]) -> None:
    queries = [line for line in lines if "query" in line]
    rows = []
    for q in queries:
        whole, page = q["whole"], q["page"]
        defined, defined_page = q.get("defined", {}), q.get("defined page", {})
        rows.append(
            [
                q["query"],
                whole["rows"],
                whole["p50"] * 1000,
                whole["p99"] * 1000,
                whole["runs"],
                page["p50"] * 1000,
                page["p99"] * 1000,
                defined.get("p50", 0.0) * 1000,
                defined_page.get("p50", 0.0) * 1000,
            ]
        )
    table(
        "saved queries (Oxigraph; the saved query reads the summary graph, its definition the data)",
        ["query", "rows", "p50 ms", "p99 ms", "runs", f"LIMIT {FIRST_PAGE} p50", "p99", "defined", "page"],
        rows,
    )
    exported = [[e["export"], e["mib"], e["seconds"]] for e in lines if "export" in e]
    table("exports", ["format", "MiB", "seconds"], exported)
    score = next(line for line in lines if "f1" in line)
    rows = [[kind, *values] for kind, values in score["by_type"].items()]
    rows.append(["all", "", "", "", score["f1"]])
    table(
        "facts against the generator's gold (synthetic text: a sanity check, not an accuracy claim)",
        ["type", "gold", "made", "hit", "F1"],
        rows,
        f"precision {score['precision']:.3f} recall {score['recall']:.3f} attrs {score['attrs'] or 0:.3f}",
    )
    peaks = next(line for line in lines if "_tree_peak_mib" in line)
    print(f"  queries + exports: peak RSS {peaks['_tree_peak_mib']:,.0f} MiB (sampled)")


def rdflib_row(line: Result, oxigraph: float) -> list[Any]:
    """A step's row: seconds and ratio, or a lower bound of both for a step stopped at its limit."""
    if "stopped" in line:
        return [
            line["step"],
            oxigraph,
            f"> {line['stopped']:.0f}",
            f"> {line['stopped'] / max(oxigraph, 1e-6):,.0f}",
        ]
    return [line["step"], oxigraph, line["rdflib"], line["rdflib"] / max(oxigraph, 1e-6)]


def print_rdflib(read: list[Result], lines: Iterator[Result], args: argparse.Namespace) -> None:
    oxigraph = {f"query {q['query']}": (q.get("defined") or q["whole"])["p50"] for q in read if "query" in q}
    oxigraph["Turtle"] = next(e["seconds"] for e in read if e.get("export") == "Turtle")
    rows, last = [], {}
    for line in lines:
        last = line
        if line.get("step") == "load" and "oxigraph" in line:
            oxigraph["load"] = line["oxigraph"]
        elif "rdflib" in line or "stopped" in line:
            rows.append(rdflib_row(line, oxigraph.get(line["step"], 0.0)))
    note = "Oxigraph: in-memory bulk load, the definitions' p50 from the table above, kg's Turtle export"
    if last.get("_timeout"):
        note += f"; rdflib stopped after {args.rdflib_budget:.0f} s: the steps not listed did not finish"
    table(
        "rdflib on the same graph (N-Quads export)",
        ["step", "Oxigraph s", "rdflib s", "rdflib / Oxigraph"],
        rows,
        note,
    )
    print(f"  rdflib child: peak RSS {last.get('_tree_peak_mib', 0):,.0f} MiB (sampled)")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](json.loads(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000], help="corpus sizes in articles (default 1000)"
    )
    parser.add_argument("--workers", type=int, help="build workers (default: the pipeline's own default)")
    parser.add_argument(
        "--format", choices=make_corpus.FORMATS, default="mixed", help="corpus format (default mixed)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="runs per query (default 20)")
    parser.add_argument(
        "--query-budget", type=float, default=20.0, help="seconds of runs per query at most (default 20)"
    )
    parser.add_argument(
        "--rdflib-max", type=int, default=10000, help="largest size also run through rdflib (default 10000)"
    )
    parser.add_argument(
        "--rdflib-budget", type=float, default=1800.0, help="seconds for all rdflib steps (default 1800)"
    )
    parser.add_argument(
        "--rdflib-step-budget",
        type=float,
        default=120.0,
        help="seconds per rdflib query or export (default 120)",
    )
    parser.add_argument("--no-incremental", dest="incremental", action="store_false", help="skip the rebuild")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="only the build and its stages (for 100k: exports need GiBs)",
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-scale", help="corpus cache"
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    for size in args.sizes:
        measure(size, args)


if __name__ == "__main__":
    main()
