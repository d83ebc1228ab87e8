"""Extraction work grows linearly with an article's length.

Time is too noisy on a shared machine to assert on (benchmarks/bench_extract.py
measures it); the number of Python lines executed is exact. A paragraph that every
extractor reads something from is repeated: twice the copies must cost about twice
the lines, where a look-up that re-scans every sentence or mention per match would
cost four times as many.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

import pytest
from support import PARAGRAPH

from kg.clean import clean
from kg.extract import extract
from kg.model import Article, AwardFact, FigureFact, PersonFact, ProgramFact, RawDocument, RegulationFact

LINEAR = 2.2  # lines(2n) / lines(n): 2 plus a margin for work done once per article


def article(copies: int) -> Article:
    return clean(RawDocument(doc_id="long", source="test", text="\n".join([PARAGRAPH] * copies)))


def lines_executed(copies: int) -> int:
    """How many Python lines extracting the article of `copies` paragraphs runs."""
    doc = article(copies)
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        extract(doc)
    finally:
        sys.settrace(None)
    return count


def test_the_paragraph_exercises_every_extractor() -> None:
    kinds = {type(fact) for fact in extract(article(1)).facts}
    assert {AwardFact, FigureFact, PersonFact, ProgramFact, RegulationFact} <= kinds


@pytest.mark.parametrize("copies", [10, 20])
def test_twice_the_text_costs_twice_the_work(copies: int) -> None:
    extract(article(1))  # lexicons, patterns and the gazetteer are built once per process
    assert lines_executed(2 * copies) / lines_executed(copies) < LINEAR
