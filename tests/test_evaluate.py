"""Scoring produced facts against gold: the development loop's measure."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.evaluate import GoldFileError, evaluate, keys, load_facts, table
from kg.facts import read_facts
from kg.store import KnowledgeStore

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.mark.parametrize(
    ("gold", "produced"),
    [
        ({"type": "region", "name": "Kota Madiun"}, {"type": "region", "name": "Pemkot Madiun"}),
        (
            {"type": "person", "name": "Ika Puspitasari", "aliases": ["Ning Ita"]},
            {"type": "person", "name": "Ning Ita"},
        ),
        ({"type": "person", "name": "Maidi"}, {"type": "person", "name": "Dr. H. Maidi"}),
        (
            {"type": "regulation", "kind": "Perwal", "number": "93", "year": 2020},
            {"type": "regulation", "kind": "Peraturan Wali Kota", "number": "93", "year": "2020"},
        ),
        (
            {"type": "award", "award": "Paritrana Award", "year": 2023, "recipient": "Kota Madiun"},
            {
                "type": "award",
                "award": "Paritrana Awards",
                "year": 2023,
                "recipient": "Pemerintah Kota Madiun",
            },
        ),
        (
            {"type": "figure", "subject": "Kabupaten Sleman", "value": 14000, "unit": "persons"},
            {"type": "figure", "subject": "Kab. Sleman", "value": 14000.0, "unit": "persons"},
        ),
    ],
)
def test_facts_written_differently_still_match(gold: dict[str, object], produced: dict[str, object]) -> None:
    assert keys(gold) & keys(produced)
    result = evaluate({"a": [produced]}, {"a": [gold]})
    assert result.total.f1 == 1.0


def test_a_missed_a_spurious_and_a_wrong_field_are_each_reported() -> None:
    gold = [
        {"type": "person", "name": "Sudirman", "role": "Sekretaris Daerah"},
        {"type": "region", "name": "Provinsi Jambi", "level": "provinsi"},
    ]
    produced = [
        {"type": "person", "name": "Sudirman", "role": "Bupati"},
        {"type": "region", "name": "Kota Jambi"},
    ]
    result = evaluate({"a": produced}, {"a": gold})
    assert sorted(e.kind for e in result.errors) == ["field", "missed", "spurious"]
    assert result.by_type["person"].attrs == 0.0
    assert result.total.precision == result.total.recall == 0.5


def test_a_repeated_fact_counts_once_and_a_missing_document_is_all_missed() -> None:
    fact = {"type": "region", "name": "Kota Blitar"}
    result = evaluate({"a": [fact, dict(fact)]}, {"a": [fact], "b": [fact]})
    assert (result.total.produced, result.total.matched, result.total.gold) == (1, 1, 2)
    assert table(result).splitlines()[-1] == "facts F1 0.667 attrs 0.000"


@pytest.mark.parametrize(
    ("content", "message"),
    [("{bad\n", "b.jsonl:1: not JSON"), ("[1, 2]\n", "b.jsonl:1: expected an object")],
)
def test_a_bad_facts_file_is_named_with_its_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFileError, match=message):
        load_facts(path)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the project")
def test_the_seed_scores_agree_with_the_shared_scorer(seed_store: KnowledgeStore, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = Path(__file__).parent / "data" / "seeds.gold.jsonl"
    produced = tmp_path / "facts.jsonl"
    produced.write_text("".join(json.dumps(r) + "\n" for r in read_facts(seed_store)), encoding="utf-8")
    counts, _ = scorer.score(scorer.load(produced), scorer.load(gold))
    ours = evaluate(load_facts(produced), load_facts(gold))
    assert {k: (c["gold"], c["produced"], c["matched"]) for k, c in counts.items()} == {
        k: (s.gold, s.produced, s.matched) for k, s in ours.by_type.items()
    }


def test_calibration_sets_stated_confidence_against_measured_precision() -> None:
    from kg.evaluate import calibration, calibration_table

    gold = {"a": [{"type": "region", "name": f"Kota {n}"} for n in ("Palu", "Bitung", "Ambon")]}
    made = {
        "a": [
            {"type": "region", "name": "Kota Palu", "confidence": 0.95},
            {"type": "region", "name": "Kota Bitung", "confidence": 0.92},
            {"type": "region", "name": "Kota Tual", "confidence": 0.55},
            {"type": "region", "name": "Kota Ambon", "confidence": 0.58},
        ]
    }
    bins = {(b.low, b.facts, b.right) for b in calibration(evaluate(made, gold)) if b.facts}
    assert bins == {(0.9, 2, 2), (0.5, 2, 1)}
    assert "0.50-0.60       2     1    0.56     0.50" in calibration_table(evaluate(made, gold))


def test_each_rule_is_scored_by_the_facts_it_made() -> None:
    from kg.evaluate import rule_scores, rule_table

    gold = {"a": [{"type": "region", "name": "Kota Palu"}, {"type": "region", "name": "Kota Bitung"}]}
    made = {
        "a": [
            {"type": "region", "name": "Kota Palu", "rules": ["region.cue", "region.name"]},
            {"type": "region", "name": "Kota Bitung", "rules": ["region.name"]},
            {"type": "region", "name": "Kota Tual", "rules": ["region.name"]},
        ]
    }
    scores = {(s.rule, s.facts, s.right) for s in rule_scores(evaluate(made, gold))}
    assert scores == {("region.cue", 1, 1), ("region.name", 3, 2)}
    assert "region.name                    3     2      0.67" in rule_table(evaluate(made, gold))
