"""Train the name tagger (kg/analysis/tagger.py) from the annotated real articles.

    .venv/bin/python tools/train_tagger.py                    # writes kg/data/tagger.crfsuite
    .venv/bin/python tools/train_tagger.py --cross-validate   # what the tagger adds, by threshold
    .venv/bin/python tools/train_tagger.py --check            # mention scores on the held-out third

Training reads the seeds, the development set and the tuned two thirds of the training set
(tools/eval_sets.py keeps every third training article out), and the two probe corpora of
tests/data. The gold facts name persons and organisations but not where they stand, so each
name and alias is found in the article's cleaned text and its tokens are labelled B-/I-PER or
B-/I-ORG (the longest name wins where two overlap), a person's role B-/I-ROLE where it is
written within a few tokens of the name; every other token is O. Each sentence is one
sequence. The CRF is trained by L-BFGS with fixed settings: the same articles give the same
weights.

`--cross-validate` trains on four fifths of those articles and tags the fifth, five times, and
counts the persons the tagger adds to the rules' at each threshold: those that are a gold
person the rules missed, and those that are no gold person. kg/extract/persons.py TAGGER_MIN is
chosen from that table, never from the held-out third.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))

from eval_sets import EVAL, held_out  # noqa: E402

from kg.analysis.document import Analysis  # noqa: E402
from kg.analysis.tagger import MODEL, features, tag  # noqa: E402
from kg.clean import clean  # noqa: E402
from kg.extract.base import Document  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.lexicon import data_file  # noqa: E402
from kg.model import RawDocument  # noqa: E402

Facts = list[dict[str, object]]
ROLE_REACH = 8  # tokens between a role and the name it belongs to ("Kepala Dinas X Kabupaten Y, Budi")
SETTINGS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
FOLDS = 5
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)


def _gold(path: Path) -> dict[str, Facts]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {record["doc"]: record["facts"] for record in map(json.loads, filter(None, lines))}


def corpora(held: bool) -> Iterator[tuple[Path, dict[str, Facts], set[str] | None]]:
    """(articles, gold, the documents to take) of each labelled set: training sets, or the held third."""
    train_gold = _gold(EVAL / "train" / "gold.jsonl")
    kept_out = held_out(list(train_gold))
    if held:
        yield EVAL / "train" / "corpus", train_gold, kept_out
        return
    yield ROOT / "seeds", _gold(EVAL / "gold" / "seeds.jsonl"), None
    yield EVAL / "dev" / "corpus", _gold(EVAL / "dev" / "gold.jsonl"), None
    yield EVAL / "train" / "corpus", train_gold, set(train_gold) - kept_out
    for probe in ("probe", "probe2"):
        yield ROOT / "tests" / "data" / probe, _gold(ROOT / "tests" / "data" / f"{probe}.gold.jsonl"), None


def articles(held: bool) -> Iterator[tuple[Document, Facts]]:
    for folder, gold, docs in corpora(held):
        for raw in read_inputs([folder], topic_filter=False):
            if not isinstance(raw, RawDocument) or raw.doc_id not in gold:
                continue
            if docs is None or raw.doc_id in docs:
                yield Document(clean(raw)), gold[raw.doc_id]


def _names(facts: Facts) -> list[tuple[str, str]]:
    found = []
    for fact in facts:
        kind = {"person": "PER", "organization": "ORG"}.get(str(fact.get("type")))
        if kind is None:
            continue
        aliases = fact.get("aliases") or []
        for name in [fact.get("name"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str) and name.strip():
                found.append((name.strip(), kind))
    return sorted(set(found), key=lambda item: -len(item[0]))  # longest first: it wins an overlap


def labels(analysis: Analysis, facts: Facts) -> list[str]:
    """B-/I- labels where a gold name is written in the text (on whole tokens), O elsewhere; a
    person's role is labelled ROLE where it is written within a few tokens of the person's name."""
    tags = ["O"] * len(analysis.tokens)

    def put(first: int, last: int, kind: str) -> None:
        if all(tag == "O" for tag in tags[first:last]):
            tags[first:last] = [f"B-{kind}"] + [f"I-{kind}"] * (last - first - 1)

    for name, kind in _names(facts):
        for first, last in _written(analysis, name):
            put(first, last, kind)
    for fact in facts:
        role, name, aliases = fact.get("role"), fact.get("name"), fact.get("aliases") or []
        if fact.get("type") != "person" or not isinstance(role, str) or not isinstance(aliases, list):
            continue
        names = [span for alias in [name, *aliases] for span in _written(analysis, str(alias))]
        for first, last in _written(analysis, role):
            before = (-ROLE_REACH <= start - last <= 2 for start, _ in names)
            after = (0 <= first - end <= ROLE_REACH for _, end in names)
            if any(before) or any(after):
                put(first, last, "ROLE")
    return tags


def _written(analysis: Analysis, name: str) -> Iterator[tuple[int, int]]:
    """The token ranges where a name is written, on whole tokens."""
    text, tokens = analysis.text, analysis.tokens
    at = text.find(name) if name else -1
    while at >= 0:
        first, last = analysis.tokens_between(at, at + len(name))
        if last > first and tokens[first].start == at and tokens[last - 1].end == at + len(name):
            yield first, last
        at = text.find(name, at + len(name))


def train(pool: list[tuple[Document, Facts]], target: Path) -> Counter[str]:
    """Train a model on the articles, write it to `target`; the mentions it learnt from, by label."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    counts: Counter[str] = Counter()
    for doc, facts in pool:
        analysis = doc.analysis()
        tags = labels(analysis, facts)
        counts.update(t[2:] for t in tags if t.startswith("B-"))
        for start, end in analysis.sentences:
            if end > start:
                trainer.append(features(analysis, start, end), tags[start:end])
    trainer.set_params(SETTINGS)
    trainer.train(str(target))
    return counts


def cross_validate(pool: list[tuple[Document, Facts]]) -> None:
    """Per threshold: the persons the tagger adds that the rules missed, right and wrong, over five folds."""
    import pycrfsuite
    import score

    from kg.extract.persons import find_persons, tagged_persons

    right, wrong = Counter[float](), Counter[float]()
    with tempfile.TemporaryDirectory() as work:
        for fold in range(FOLDS):
            model_path = Path(work) / f"fold{fold}.crfsuite"
            train([item for n, item in enumerate(pool) if n % FOLDS != fold], model_path)
            model = pycrfsuite.Tagger()
            model.open(str(model_path))
            for doc, facts in (item for n, item in enumerate(pool) if n % FOLDS == fold):
                gold = [score.keys(f) for f in facts if f.get("type") == "person"]
                rules = find_persons(doc, tagged=False)
                found = [score.keys({"type": "person", "name": p.name}) for p in rules]
                missed = [g for g in gold if not any(g & f for f in found)]
                for least in THRESHOLDS:
                    added = {
                        frozenset(score.keys({"type": "person", "name": p.name}))
                        for p in tagged_persons(doc, rules, model, least)
                    }
                    right[least] += sum(1 for key in added if any(key & g for g in missed))
                    wrong[least] += sum(1 for key in added if not any(key & g for g in gold))
    print("least marginal  added right  added wrong")
    for least in THRESHOLDS:
        print(f"{least:>13}  {right[least]:>11}  {wrong[least]:>11}")


def check() -> None:
    """Mention-level precision and recall of the shipped model on the held-out third (whole names)."""
    found = Counter[str]()
    for doc, facts in articles(held=True):
        analysis = doc.analysis()
        gold = set(_spans(labels(analysis, facts)))
        made = {((t.start, t.end), t.kind) for t in tag(analysis)}
        for kind in ("PER", "ORG", "ROLE"):
            found[f"{kind} gold"] += sum(1 for _, k in gold if k == kind)
            found[f"{kind} made"] += sum(1 for _, k in made if k == kind)
            found[f"{kind} hit"] += sum(1 for _, k in gold & made if k == kind)
    for kind in ("PER", "ORG", "ROLE"):
        gold_n, made_n, hit = found[f"{kind} gold"], found[f"{kind} made"], found[f"{kind} hit"]
        precision, recall = hit / max(made_n, 1), hit / max(gold_n, 1)
        print(f"{kind}: gold {gold_n} made {made_n} hit {hit}  P {precision:.2f} R {recall:.2f}")


def _spans(tags: list[str]) -> Iterator[tuple[tuple[int, int], str]]:
    start = None
    for index, tag_ in enumerate([*tags, "O"]):
        if start is not None and not (tag_.startswith("I-") and tag_[2:] == tags[start][2:]):
            yield (start, index), tags[start][2:]
            start = None
        if tag_.startswith("B-"):
            start = index


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cross-validate", action="store_true", help="what the tagger adds, by threshold")
    parser.add_argument("--check", action="store_true", help="score the shipped model on the held-out third")
    options = parser.parse_args()
    if options.check:
        check()
    elif options.cross_validate:
        cross_validate(list(articles(held=False)))
    else:
        target = data_file(MODEL)
        counts = train(list(articles(held=False)), target)
        learnt = f"{counts['PER']} person, {counts['ORG']} organisation, {counts['ROLE']} role mentions"
        print(f"trained on {learnt} -> {target}")


if __name__ == "__main__":
    main()
