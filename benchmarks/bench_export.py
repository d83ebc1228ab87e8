"""Exports at scale: time and peak memory of `kg export` per format and of `kg publish`.

Why: an export of a large store must not need memory in proportion to the graph. Each command
runs as users run it, in a process of its own, and its peak resident memory is the kernel's
account of that process (wait4's ru_maxrss), so neither the benchmark nor another command counts.

    .venv/bin/python benchmarks/make_corpus.py /tmp/qcorpus --articles 3000
    .venv/bin/kg build /tmp/qcorpus --store /tmp/qstore
    .venv/bin/python benchmarks/bench_export.py /tmp/qstore --publish /tmp/qcorpus

`--formats` picks the formats of `kg export` (default: the line-based ones and Turtle and TriG);
`--publish CORPUS` also times `kg publish CORPUS` (an in-memory build, then every format).
`--streamed` also writes each format straight into a file through kg.export.publish.render_to, the
way `kg publish` writes them (`kg export` takes the export as bytes before writing it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = Path(sys.executable).parent / "kg"
STREAM = (
    "import sys; from pathlib import Path; from kg.export.atomic import open_atomic;"
    " from kg.export.publish import render_to; from kg.store import KnowledgeStore;"
    " store = KnowledgeStore(Path(sys.argv[1]), read_only=True)\n"
    "with open_atomic(Path(sys.argv[3])) as file: render_to(store, sys.argv[2], file)"
)
SUFFIX = {
    "ntriples": "nt",
    "nquads": "nq",
    "turtle": "ttl",
    "trig": "trig",
    "jsonld": "jsonld",
    "rdfxml": "rdf",
}


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one command, in a process of its own."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        message = child.stderr.read().decode() if child.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed: {message}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def size_mib(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) / 2**20
    return path.stat().st_size / 2**20


def report(label: str, written: Path, seconds: float, peak: float) -> None:
    """One line of the table; the file (or folder) written is then removed."""
    print(f"{label:<40}{size_mib(written):>9,.1f}{seconds:>10,.1f}{peak:>14,.0f}", flush=True)
    if written.is_dir():
        shutil.rmtree(written)
    else:
        written.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path, help="a built store")
    parser.add_argument("--formats", nargs="*", default=["ntriples", "nquads", "turtle", "trig"])
    parser.add_argument("--publish", type=Path, metavar="CORPUS", help="also time kg publish CORPUS")
    parser.add_argument("--streamed", action="store_true", help="also write each format through render_to")
    parser.add_argument("--work", type=Path, help="folder for the files written (default: a temporary one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-export-", dir=args.work))
    print(f"{'command':<40}{'MiB':>9}{'seconds':>10}{'peak RSS MiB':>14}")
    try:
        for fmt in args.formats:
            target = work / f"graph.{SUFFIX[fmt]}"
            command = [str(KG), "export", "-f", fmt, "-o", str(target), "--store", str(args.store)]
            report(f"kg export -f {fmt}", target, *run(command))
            if args.streamed:
                command = [sys.executable, "-c", STREAM, str(args.store), fmt, str(target)]
                report(f"render_to({fmt})", target, *run(command))
        if args.publish is not None:
            out = work / "published"
            report("kg publish", out, *run([str(KG), "publish", str(args.publish), "--out", str(out)]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
