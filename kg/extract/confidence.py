"""A fact's confidence: the measured precision of the rule that made it.

kg/data/rule_precision.csv holds each extraction rule's precision on labelled real
articles (written by tools/calibrate.py). A rule the table does not know keeps the
confidence its extractor stated.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from kg.lexicon import rows
from kg.model import Fact


@cache
def rule_confidence() -> dict[str, float]:
    """Rule name -> its measured precision."""
    return {row["rule"]: float(row["confidence"]) for row in rows("rule_precision.csv")}


def calibrated(fact: Fact) -> Fact:
    """The fact with its rule's measured precision as its confidence."""
    measured = rule_confidence().get(fact.rule)
    return fact if measured is None else replace(fact, confidence=measured)
