"""Benchmark: clean and extract, on real articles and on single articles of growing size.

First the articles of the given folders (the seeds and the dev corpus by default) are
cleaned and extracted over and over for a few seconds: articles per second. Then one
article is made of the seed articles, concatenated with their numbers varied, cut to
0.25, 0.5, 1 and 4 MB, and each is cleaned and extracted once: the seconds per MB stay
flat when extraction is linear in the article's size.

    .venv/bin/python benchmarks/bench_extract.py
    .venv/bin/python benchmarks/bench_extract.py --sizes 0.25 1 --seconds 5
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import time
from pathlib import Path

from kg.clean import CleanError, clean
from kg.extract import extract
from kg.ingest import read_inputs
from kg.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "corpus"]
YEAR = re.compile(r"(?:19|20)\d\d")
MB = 1_000_000


def articles(paths: list[Path]) -> list[RawDocument]:
    return [doc for doc in read_inputs(paths) if isinstance(doc, RawDocument)]


def throughput(docs: list[RawDocument], seconds: float) -> tuple[int, float]:
    """How many articles were cleaned and extracted in about `seconds`, and the time taken."""
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for doc in docs:
            with contextlib.suppress(CleanError):
                extract(clean(doc))
            done += 1
    return done, time.perf_counter() - started


def big_article(seeds: list[str], size: int, rng: random.Random) -> str:
    """Seed articles one after another, each number replaced by another of its length (years kept)."""

    def vary(match: re.Match[str]) -> str:
        digits = match.group(0)
        if YEAR.fullmatch(digits):
            return digits
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    parts: list[str] = []
    length = 0
    while length < size:
        part = re.sub(r"\d+", vary, rng.choice(seeds))
        parts.append(part)
        length += len(part) + 1
    return "\n".join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="folders of articles (default: seeds and dev corpus)"
    )
    parser.add_argument(
        "--sizes", nargs="+", type=float, default=[0.25, 0.5, 1, 4], help="article sizes in MB"
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to run the throughput part")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    docs = articles([p for p in (args.paths or CORPORA) if p.exists()])
    extract(clean(docs[0]))  # the gazetteer and lexicons are loaded once per process, not timed
    done, took = throughput(docs, args.seconds)
    print(f"{len(docs)} articles, {done} cleaned and extracted in {took:.2f} s: {done / took:.1f} articles/s")

    seeds = [doc.text or "" for doc in articles([ROOT / "seeds"])]
    rng = random.Random(args.seed)
    print(f"{'MB':>6} {'sentences':>10} {'facts':>7} {'clean s':>8} {'extract s':>10} {'extract s/MB':>13}")
    for size in args.sizes:
        raw = RawDocument(
            doc_id=f"big-{size}", source="benchmark", text=big_article(seeds, int(size * MB), rng)
        )
        started = time.perf_counter()
        article = clean(raw)
        cleaned = time.perf_counter()
        facts = extract(article).facts
        finished = time.perf_counter()
        extracting = finished - cleaned
        print(
            f"{size:>6} {len(article.sentences):>10} {len(facts):>7} {cleaned - started:>8.2f}"
            f" {extracting:>10.2f} {extracting / size:>13.2f}"
        )


if __name__ == "__main__":
    main()
