"""Measure each extraction rule's precision and write it as the confidence the rule states.

    .venv/bin/python tools/calibrate.py          # writes kg/data/rule_precision.csv
    .venv/bin/python tools/calibrate.py --check  # prints the tables, writes nothing

A fact's confidence is the precision its rule reaches on real articles the rules were not
tuned on, so that `--min-confidence 0.9` keeps facts that are right about nine times in
ten. The training set is split in two (tools/eval_sets.py): rules were tuned on `tune`,
where they look better than they are; `held` was never read for errors, so it shows what
new text does to them. A rule's confidence is its precision on `held`, pulled towards a
prior when `held` saw few of its facts: the rule's tuned precision, lowered by the gap
between `tune` and `held` for the rule's fact type.

The extraction itself is not changed by this (the same facts are made); only the
confidence they state. Because `held` sets the confidences, a calibration table on `held`
would be in-sample: `--check` prints an honest one instead, by cross-fitting (the
confidences made from one half of `held` are checked on the other half, and back).
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_sets import KG, ROOT, _gold_lines, _sets

from kg.evaluate import CALIBRATION_EDGES, Evaluation, FactDict, evaluate, load_facts, rule_scores

OUT = ROOT / "kg" / "data" / "rule_precision.csv"
PRIOR_WEIGHT = 4  # facts' worth of the prior mixed into a rule's own count
FLOOR, CEILING = 0.05, 0.98
HEADER = (
    "# each extraction rule's confidence: its precision on held-out real articles, pulled towards\n"
    "# its precision on the tuned articles (lowered by its fact type's tuned-to-held gap) when few;\n"
    "# made by tools/calibrate.py\n"
)

Facts = dict[str, list[FactDict]]


@dataclass(frozen=True)
class Labelled:
    """A set's produced facts and its gold, per article."""

    made: Facts
    gold: Facts

    def only(self, docs: set[str]) -> Labelled:
        made = {d: f for d, f in self.made.items() if d in docs}
        return Labelled(made, {d: f for d, f in self.gold.items() if d in docs})


def labelled(name: str, work: Path) -> Labelled:
    """Build one set's articles and read its facts and gold."""
    corpus, gold, docs = _sets()[name]
    assert docs is not None
    inputs = sorted(str(p) for p in corpus.iterdir() if p.stem in docs)
    store, facts, subset = work / f"{name}-store", work / f"{name}.jsonl", work / f"{name}.gold.jsonl"
    quiet = {"check": True, "capture_output": True}
    subprocess.run([str(KG), "build", *inputs, "--store", str(store), "-q", "--full"], **quiet)  # type: ignore[call-overload]
    subprocess.run([str(KG), "facts", "--store", str(store), "-o", str(facts)], **quiet)  # type: ignore[call-overload]
    lines = _gold_lines(gold)
    subset.write_text("".join(lines[d] + "\n" for d in sorted(lines) if d in docs), "utf-8")
    return Labelled(load_facts(facts), load_facts(subset))


def _precision(result: Evaluation, kind: str) -> float | None:
    score = result.by_type[kind]
    return score.matched / score.produced if score.produced else None


def _smoothed(right: int, facts: int, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (facts + PRIOR_WEIGHT)


def confidences(tune: Evaluation, held: Evaluation) -> dict[str, float]:
    """Each rule's confidence from its held-out precision, with its tuned precision as the prior."""
    tuned = {s.rule: s for s in rule_scores(tune)}
    seen = {s.rule: s for s in rule_scores(held)}
    table = {}
    for rule in sorted(set(tuned) | set(seen)):
        kind = (tuned.get(rule) or seen[rule]).kind
        on_tune, on_held = _precision(tune, kind), _precision(held, kind)
        prior = on_tune if on_tune is not None else (on_held if on_held is not None else 0.5)
        if rule in tuned:
            prior = _smoothed(tuned[rule].right, tuned[rule].facts, prior)
        if on_tune and on_held is not None:
            prior *= min(1.0, on_held / on_tune)  # new text: the type's tuned-to-held gap
        own = seen.get(rule)
        value = _smoothed(own.right, own.facts, prior) if own else prior
        table[rule] = round(min(CEILING, max(FLOOR, value)), 2)
    return table


def stated(fact: FactDict, table: dict[str, float]) -> float | None:
    """The confidence a fact states: the best of its rules' (as the export takes the highest mention's)."""
    known = [table[r] for r in fact.get("rules") or [] if r in table]
    return max(known) if known else None


def cross_fitted(tune: Evaluation, held: Labelled) -> list[tuple[float, bool]]:
    """(stated, right) for every held-out fact, each stated by confidences made without its half."""
    docs = sorted(held.gold)
    halves = [set(docs[0::2]), set(docs[1::2])]
    judged = []
    for fit, check in (halves, halves[::-1]):
        table = confidences(tune, evaluate(*_pair(held.only(fit))))
        for fact, right in evaluate(*_pair(held.only(check))).verdicts:
            confidence = stated(fact, table)
            if confidence is not None:
                judged.append((confidence, right))
    return judged


def _pair(data: Labelled) -> tuple[Facts, Facts]:
    return data.made, data.gold


def calibration_lines(judged: list[tuple[float, bool]]) -> list[str]:
    lines = [f"{'confidence':<12}{'facts':>6}{'right':>6}{'stated':>8}{'measured':>9}"]
    for low, high in itertools.pairwise(CALIBRATION_EDGES):
        inside = [(c, ok) for c, ok in judged if low <= c < high]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            right = sum(ok for _, ok in inside)
            measured = right / len(inside)
            span = f"{low:.2f}-{min(high, 1.0):.2f}"
            lines.append(f"{span}  {len(inside):>6}{right:>6}{mean:>8.2f}{measured:>9.2f}")
    return lines


def render(tune: Evaluation, held: Evaluation) -> str:
    table = confidences(tune, held)
    tuned = {s.rule: s for s in rule_scores(tune)}
    seen = {s.rule: s for s in rule_scores(held)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["rule", "tuned_facts", "tuned_right", "held_facts", "held_right", "confidence"])
    for rule, confidence in table.items():
        t, h = tuned.get(rule), seen.get(rule)
        counts = [t.facts if t else 0, t.right if t else 0, h.facts if h else 0, h.right if h else 0]
        writer.writerow([rule, *counts, confidence])
    return HEADER + buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="Print the tables; write nothing.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        tune, held = labelled("tune", Path(work)), labelled("held", Path(work))
    tuned, checked = evaluate(*_pair(tune)), evaluate(*_pair(held))
    text = render(tuned, checked)
    if options.check:
        print(text, end="")
        print("\ncross-fitted calibration on the held-out articles:")
        print("\n".join(calibration_lines(cross_fitted(tuned, held))))
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
