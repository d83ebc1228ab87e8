"""The probe: twelve articles unlike the seeds and the development set, with hand-made gold.

tests/data/probe/ holds news written in the styles of outlets across Indonesia (plain
text with datelines and bylines, HTML pages with navigation, tags and related links, a
JSON Lines file of two records), from Aceh to Papua: kabupaten and kota that share a
name, acting and abbreviated titles, regulations in their many written forms, Paritrana
results at provincial and national rounds, figures among targets. Its gold
(tests/data/probe.gold.jsonl) was annotated by FACTS.md and gold/NOTES.md before the builder was run on
it, so the score says how the rules generalise beyond the articles they were tuned on.
The floors sit a little below the current score: a drop means a rule lost ground.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import Evaluation, evaluate, load_facts, table
from kg.facts import read_facts
from kg.pipeline import build
from kg.store import KnowledgeStore

PROBE = Path(__file__).resolve().parent / "data" / "probe"
GOLD = PROBE.parent / "probe.gold.jsonl"
MIN_F1 = 0.96
MIN_ATTRS = 0.97


@pytest.fixture(scope="module")
def probe_result(tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    """The probe's folder built and scored against its gold."""
    store = KnowledgeStore(tmp_path_factory.mktemp("probe") / "kg")
    report = build([PROBE], store)
    assert report.articles == 12 and not report.problems
    produced = {r["doc"]: r["facts"] for r in read_facts(store)}
    return evaluate(produced, load_facts(GOLD))


def test_the_probe_meets_its_floor(probe_result: Evaluation) -> None:
    assert probe_result.total.f1 >= MIN_F1, table(probe_result)
    assert (probe_result.total.attrs or 0) >= MIN_ATTRS, table(probe_result)


def test_every_probe_article_is_scored(probe_result: Evaluation) -> None:
    assert probe_result.total.gold == sum(len(facts) for facts in load_facts(GOLD).values())
