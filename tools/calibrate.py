"""Measure each extraction rule's precision and write it as the confidence the rule states.

    .venv/bin/python tools/calibrate.py          # writes kg/data/rule_precision.csv
    .venv/bin/python tools/calibrate.py --check  # prints the table, writes nothing

A fact's confidence is the precision its rule reaches on labelled real articles, so that
`--min-confidence 0.9` keeps facts that are right about nine times in ten. The rules are
measured on the tuning part of the training set (tools/eval_sets.py): the seeds and dev
articles were tuned until every rule is right on them, which says nothing of new text, and
the held-out third stays the check that the stated confidences hold (`kg eval` prints the
calibration table). A rule seen on few facts is pulled towards its fact type's precision.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_sets import KG, ROOT, _gold_lines, _sets

from kg.evaluate import evaluate, load_facts, rule_scores

OUT = ROOT / "kg" / "data" / "rule_precision.csv"
PRIOR_WEIGHT = 4  # facts' worth of the type's precision mixed into each rule's own count
FLOOR, CEILING = 0.05, 0.95  # no rule is surer than this on text it was not tuned on
HEADER = (
    "# each extraction rule's confidence: its precision on the training set's tuning part,\n"
    f"# (right + {PRIOR_WEIGHT} x the type's precision) / (facts + {PRIOR_WEIGHT});\n"
    "# made by tools/calibrate.py\n"
)


def measure(work: Path) -> list[dict[str, object]]:
    """Build the tuning articles, score their facts, and smooth each rule's precision."""
    corpus, gold, docs = _sets()["tune"]
    assert docs is not None
    inputs = sorted(str(p) for p in corpus.iterdir() if p.stem in docs)
    store, facts, subset = work / "store", work / "facts.jsonl", work / "gold.jsonl"
    quiet = {"check": True, "capture_output": True}
    subprocess.run([str(KG), "build", *inputs, "--store", str(store), "-q", "--full"], **quiet)  # type: ignore[call-overload]
    subprocess.run([str(KG), "facts", "--store", str(store), "-o", str(facts)], **quiet)  # type: ignore[call-overload]
    lines = _gold_lines(gold)
    subset.write_text("".join(lines[d] + "\n" for d in sorted(lines) if d in docs), "utf-8")
    result = evaluate(load_facts(facts), load_facts(subset))
    by_type = result.by_type
    rows = []
    for score in rule_scores(result):
        typed = by_type[score.kind]
        prior = typed.matched / typed.produced if typed.produced else 0.5
        smoothed = (score.right + PRIOR_WEIGHT * prior) / (score.facts + PRIOR_WEIGHT)
        confidence = round(min(CEILING, max(FLOOR, smoothed)), 2)
        rows.append(
            {"rule": score.rule, "facts": score.facts, "right": score.right, "confidence": confidence}
        )
    return rows


def render(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["rule", "facts", "right", "confidence"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return HEADER + buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="Print the table; write nothing.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        text = render(measure(Path(work)))
    if options.check:
        print(text, end="")
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
