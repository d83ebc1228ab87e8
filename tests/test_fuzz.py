"""The fuzzer's first cases, in CI: mutated seed articles break nothing (tools/fuzz.py runs 500 nightly)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "fuzz.py"
CASES = 40


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_fuzz", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kg_fuzz"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_the_first_cases_find_nothing(fuzz: ModuleType) -> None:
    report = fuzz.fuzz(range(CASES), seed=0)
    assert fuzz.summary(report, 0).endswith("findings: 0 (0 distinct)")
    assert report.cases == CASES
    assert report.outcomes["built"] >= CASES // 2  # most mutants go through every stage
    assert not report.build.startswith("crashed")


def test_a_case_depends_only_on_the_seed_and_its_number(fuzz: ModuleType) -> None:
    seeds = sorted(fuzz.SEEDS.glob("*.txt"))
    first, again, other = (fuzz.make_case(s, 7, seeds) for s in (0, 0, 1))
    assert first == again
    assert first != other


def test_a_crash_is_a_finding(fuzz: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The checks are live: an extractor that raises, or a mention out of its sentence, is reported."""
    case = fuzz.make_case(0, 0, sorted(fuzz.SEEDS.glob("*.txt")))

    def broken(article: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(fuzz, "extract", broken)
    outcome, findings = fuzz.run_case(case, tmp_path, timeout=20)
    assert outcome == "finding"
    assert [(f.stage, f.kind) for f in findings] == [("extract", "RuntimeError")]


def test_an_invalid_literal_is_a_finding(fuzz: ModuleType) -> None:
    from rdflib import Literal
    from rdflib.namespace import XSD

    assert fuzz.literal_problems(Literal("12.5", datatype=XSD.decimal)) == []
    assert fuzz.literal_problems(Literal("Infinity.0", datatype=XSD.decimal))
    assert fuzz.literal_problems(Literal("2024-02-30", datatype=XSD.date))
    assert fuzz.literal_problems(Literal("bel\x07l", lang="id"))
