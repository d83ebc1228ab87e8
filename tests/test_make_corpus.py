"""The synthetic corpus generator (benchmarks/make_corpus.py): deterministic, complete, readable.

The scale benchmark trusts it to give the same corpus for the same seed, to name every
province early, to write valid JSON Lines, and to state facts of every type in sentences
the builder reads; these tests hold it to that on small corpora, in a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from kg.evaluate import evaluate, load_facts
from kg.facts import facts_jsonl
from kg.pipeline import build
from kg.store import KnowledgeStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import make_corpus

TYPES = {"region", "person", "organization", "regulation", "program", "award", "figure"}


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def gold_facts(path: Path) -> list[dict[str, object]]:
    return [
        fact for line in path.read_text(encoding="utf-8").splitlines() for fact in json.loads(line)["facts"]
    ]


@pytest.mark.parametrize("fmt", ["mixed"])
def test_same_seed_same_bytes(tmp_path: Path, fmt: str) -> None:
    first = make_corpus.generate(tmp_path / "a", 60, seed=7, fmt=fmt, gold=tmp_path / "a.gold")
    make_corpus.generate(tmp_path / "b", 60, seed=7, fmt=fmt, gold=tmp_path / "b.gold")
    assert first.by_format == {"txt": 20, "html": 20, "jsonl": 20}
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert (tmp_path / "a.gold").read_bytes() == (tmp_path / "b.gold").read_bytes()


def test_another_seed_another_corpus(tmp_path: Path) -> None:
    make_corpus.generate(tmp_path / "a", 20, seed=1, fmt="txt")
    make_corpus.generate(tmp_path / "b", 20, seed=2, fmt="txt")
    assert digest(tmp_path / "a") != digest(tmp_path / "b")


def test_every_province_within_the_first_articles(tmp_path: Path) -> None:
    provinces = {r.canonical for r in make_corpus.gazetteer().regions if r.level == "provinsi"}
    assert len(provinces) == 38
    make_corpus.generate(tmp_path / "c", 40, seed=3, fmt="txt", gold=tmp_path / "gold.jsonl")
    named = {f["name"] for f in gold_facts(tmp_path / "gold.jsonl") if f["type"] == "region"}
    assert provinces <= named


def test_every_region_in_one_round_of_the_visiting_order() -> None:
    order = make_corpus.visiting_order(1)
    assert {r.code for r in order} == {r.code for r in make_corpus.gazetteer().regions}


def test_officials_are_distinct_people() -> None:
    names = {
        make_corpus.person_name(slot, year, office, seed=1)
        for slot in range(len(make_corpus.gazetteer().regions))
        for year in make_corpus.YEARS
        for office in make_corpus.OFFICES
    }
    assert len(names) == len(make_corpus.gazetteer().regions) * len(make_corpus.YEARS) * len(
        make_corpus.OFFICES
    )


def test_json_lines_shards_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(make_corpus, "SHARD", 25)
    make_corpus.generate(tmp_path / "j", 60, seed=1, fmt="jsonl")
    shards = sorted((tmp_path / "j" / "jsonl").glob("*.jsonl"))
    records = [json.loads(line) for path in shards for line in path.read_text(encoding="utf-8").splitlines()]
    assert [len(p.read_text(encoding="utf-8").splitlines()) for p in shards] == [25, 25, 10]
    assert len({r["id"] for r in records}) == 60
    assert all(r["text"].strip() and r["title"] and r["date"] for r in records)


def test_a_small_corpus_builds_with_facts_of_every_type(tmp_path: Path) -> None:
    make_corpus.generate(tmp_path / "corpus", 30, seed=1, fmt="mixed", gold=tmp_path / "gold.jsonl")
    store = KnowledgeStore(tmp_path / "store")
    report = build([tmp_path / "corpus"], store, full=True)
    assert report.articles == 30 and not report.problems
    assert {k for k, n in report.facts_by_type.items() if n} >= TYPES
    produced = tmp_path / "facts.jsonl"
    produced.write_text(facts_jsonl(store), encoding="utf-8")
    store.close()
    assert {f["type"] for f in gold_facts(tmp_path / "gold.jsonl")} == TYPES
    result = evaluate(load_facts(produced), load_facts(tmp_path / "gold.jsonl"))
    assert all(score.matched for score in result.by_type.values())
    assert result.total.f1 >= 0.9
