"""A fact states the measured precision of the rule that made it."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import extract
from kg.extract.confidence import calibrated, rule_confidence
from kg.model import Evidence, RawDocument, RegionFact


def test_every_measured_rule_states_a_probability() -> None:
    table = rule_confidence()
    assert table and all(0.0 < value < 1.0 for value in table.values())


@pytest.mark.parametrize("rule", sorted(rule_confidence()))
def test_a_measured_rule_sets_the_confidence(rule: str) -> None:
    fact = RegionFact(code="72.71", evidence=Evidence("t", 0, 0, 4, "Palu"), rule=rule, confidence=0.5)
    assert calibrated(fact).confidence == rule_confidence()[rule]


def test_an_unmeasured_rule_keeps_its_extractors_confidence() -> None:
    evidence = Evidence("t", 0, 0, 4, "Palu")
    fact = RegionFact(code="72.71", evidence=evidence, rule="region.new-rule", confidence=0.42)
    assert calibrated(fact).confidence == 0.42


def test_extraction_states_measured_confidences() -> None:
    article = clean(RawDocument(doc_id="t", source="test", text="Wali Kota Palu Hadianto Rasyid hadir."))
    for fact in extract(article).facts:
        assert fact.confidence == rule_confidence().get(fact.rule, fact.confidence)
        assert fact.rule in rule_confidence(), fact.rule
