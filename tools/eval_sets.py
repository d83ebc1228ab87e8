"""Score the builder on every labelled set: seeds, dev, the training set split in two, the probes.

    .venv/bin/python tools/eval_sets.py                 # every set, the scorer's tables
    .venv/bin/python tools/eval_sets.py tune --errors   # one set, with every miss listed

The training set (../shared/eval/train) is split once and for all by position: of its
articles in sorted order, every third one (index % 3 == 2) is held out. Rules are tuned
on `tune` (about two thirds); `held` is scored but its errors are not read, so its score
stays an honest estimate of the builder on articles it has not seen. `--errors` refuses
to list the held-out set's errors.

The probes (tests/data/probe, probe2, probe3) are articles written for this project and
annotated before the builder first ran on them; probe3's gold lists awards only, so only the
award facts made are scored there.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
KG = ROOT / ".venv" / "bin" / "kg"
SCORER = EVAL / "score.py"


def held_out(docs: list[str]) -> set[str]:
    """The held-out third of the training set: every third article in sorted order."""
    return {doc for index, doc in enumerate(sorted(docs)) if index % 3 == 2}


def _gold_lines(path: Path) -> dict[str, str]:
    return {json.loads(line)["doc"]: line for line in path.read_text(encoding="utf-8").splitlines() if line}


def _sets() -> dict[str, tuple[Path, Path, set[str] | None]]:
    train_gold = EVAL / "train" / "gold.jsonl"
    held = held_out(list(_gold_lines(train_gold)))
    tune = set(_gold_lines(train_gold)) - held
    probes = ROOT / "tests" / "data"
    return {
        "seeds": (ROOT / "seeds", EVAL / "gold" / "seeds.jsonl", None),
        "dev": (EVAL / "dev" / "corpus", EVAL / "dev" / "gold.jsonl", None),
        "tune": (EVAL / "train" / "corpus", train_gold, tune),
        "held": (EVAL / "train" / "corpus", train_gold, held),
        "probe": (probes / "probe", probes / "probe.gold.jsonl", None),
        "probe2": (probes / "probe2", probes / "probe2.gold.jsonl", None),
        "probe3": (probes / "probe3", probes / "probe3.gold.jsonl", None),
        "probe4": (probes / "probe4", probes / "probe4.gold.jsonl", None),
        "probe5": (probes / "probe5", probes / "probe5.gold.jsonl", None),
        "probe6": (probes / "probe6", probes / "probe6.gold.jsonl", None),
        "probe7": (probes / "probe7", probes / "probe7.gold.jsonl", None),
        "probe8": (probes / "probe8", probes / "probe8.gold.jsonl", None),
        "probe9": (probes / "probe9", probes / "probe9.gold.jsonl", None),
        "probe10": (probes / "probe10", probes / "probe10.gold.jsonl", None),
        "probe11": (probes / "probe11", probes / "probe11.gold.jsonl", None),
        "probe12": (probes / "probe12", probes / "probe12.gold.jsonl", None),
        "probe13": (probes / "probe13", probes / "probe13.gold.jsonl", None),
        "probe14": (probes / "probe14", probes / "probe14.gold.jsonl", None),
        "probe15": (probes / "probe15", probes / "probe15.gold.jsonl", None),
        "probe16": (probes / "probe16", probes / "probe16.gold.jsonl", None),
        "probe17": (probes / "probe17", probes / "probe17.gold.jsonl", None),
        "probe18": (probes / "probe18", probes / "probe18.gold.jsonl", None),
        "probe19": (probes / "probe19", probes / "probe19.gold.jsonl", None),
        "probe20": (probes / "probe20", probes / "probe20.gold.jsonl", None),
        "probe21": (probes / "probe21", probes / "probe21.gold.jsonl", None),
        "probe22": (probes / "probe22", probes / "probe22.gold.jsonl", None),
        "probe23": (probes / "probe23", probes / "probe23.gold.jsonl", None),
        "probe24": (probes / "probe24", probes / "probe24.gold.jsonl", None),
        "probe25": (probes / "probe25", probes / "probe25.gold.jsonl", None),
        "probe26": (probes / "probe26", probes / "probe26.gold.jsonl", None),
        "probe27": (probes / "probe27", probes / "probe27.gold.jsonl", None),
        "probe28": (probes / "probe28", probes / "probe28.gold.jsonl", None),
        "probe29": (probes / "probe29", probes / "probe29.gold.jsonl", None),
        "probe30": (probes / "probe30", probes / "probe30.gold.jsonl", None),
        "probe31": (probes / "probe31", probes / "probe31.gold.jsonl", None),
    }


#: sets whose gold lists only some fact types: the other types made are left out before scoring
ONLY_TYPES = {
    "probe3": {"award"},
    "probe4": {"person", "organization"},
    "probe5": {"award"},
    "probe6": {"organization"},
    "probe7": {"figure"},
    "probe8": {"award"},
    "probe9": {"person", "organization"},
    "probe10": {"award"},
    "probe11": {"figure", "regulation", "program"},
    "probe12": {"award"},
    "probe13": {"organization"},
}


def score(name: str, errors: bool, work: Path) -> str:
    """Build one set's articles, export their facts and run the shared scorer on them."""
    corpus, gold, docs = _sets()[name]
    inputs = [corpus] if docs is None else sorted(p for p in corpus.iterdir() if p.stem in docs)
    store, facts, subset = work / f"{name}-store", work / f"{name}.facts.jsonl", work / f"{name}.gold.jsonl"
    subprocess.run(
        [str(KG), "build", *map(str, inputs), "--store", str(store), "-q", "--full"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(KG), "facts", "--store", str(store), "-o", str(facts)], check=True, capture_output=True
    )
    if name in ONLY_TYPES:
        records = [json.loads(line) for line in facts.read_text(encoding="utf-8").splitlines() if line]
        for record in records:
            record["facts"] = [f for f in record["facts"] if f.get("type") in ONLY_TYPES[name]]
        facts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    lines = _gold_lines(gold)
    subset.write_text("".join(lines[d] + "\n" for d in sorted(lines) if docs is None or d in docs), "utf-8")
    command = [sys.executable, str(SCORER), str(facts), str(subset)] + (["--show-errors"] if errors else [])
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sets", nargs="*", help=f"any of {', '.join(_sets())} (default: all)")
    parser.add_argument("--errors", action="store_true", help="List every miss (not for the held-out set).")
    options = parser.parse_args()
    options.sets = options.sets or list(_sets())
    if unknown := set(options.sets) - set(_sets()):
        parser.error(f"unknown set {', '.join(sorted(unknown))}: choose from {', '.join(_sets())}")
    if options.errors and "held" in options.sets:
        parser.error("the held-out set is scored, not read: leave it out of --errors")
    with tempfile.TemporaryDirectory() as work:
        for name in options.sets:
            print(f"== {name}")
            print(score(name, options.errors, Path(work)), flush=True)


if __name__ == "__main__":
    main()
