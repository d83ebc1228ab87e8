"""What every extraction must satisfy, whatever the input: checked by the tests and the fuzzer.

A fact's evidence is a mention: its text is the article's text at its offsets, and it
lies inside the one sentence it names (`kg validate` rejects a mention that does not,
and the graph links each mention to that sentence).
"""

from __future__ import annotations

import math
from dataclasses import fields

from kg.model import ExtractedArticle, Fact


def mention_problems(extracted: ExtractedArticle) -> list[str]:
    """Every way the facts of an article break the invariants, one line each (none: all hold)."""
    problems = _sentence_problems(extracted)
    for fact in extracted.facts:
        problems += [f"{type(fact).__name__} {fact.evidence}: {p}" for p in _fact_problems(extracted, fact)]
    return problems


def _sentence_problems(extracted: ExtractedArticle) -> list[str]:
    article = extracted.article
    problems = []
    previous_end = 0
    for index, sentence in enumerate(article.sentences):
        if sentence.index != index or sentence.text != article.text[sentence.start : sentence.end]:
            problems.append(f"sentence {index} does not index the text")
        if sentence.start < previous_end or sentence.start >= sentence.end or "\n" in sentence.text:
            problems.append(f"sentence {index} overlaps another, is empty or spans a line break")
        previous_end = sentence.end
    return problems


def _fact_problems(extracted: ExtractedArticle, fact: Fact) -> list[str]:
    article, evidence = extracted.article, fact.evidence
    problems = []
    if not 0 <= evidence.sentence < len(article.sentences):
        return [f"names sentence {evidence.sentence}, which does not exist"]
    sentence = article.sentences[evidence.sentence]
    if evidence.doc_id != article.doc_id:
        problems.append("belongs to another article")
    if evidence.text != article.text[evidence.start : evidence.end]:
        problems.append("anchor text differs from the text at its offsets")
    if not sentence.start <= evidence.start < evidence.end <= sentence.end:
        problems.append(f"lies outside its sentence {sentence.start}-{sentence.end}")
    for field in fields(fact):
        value = getattr(fact, field.name)
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(f"{field.name} is {value}")
        if isinstance(value, str) and (not value.strip() or value != " ".join(value.split())):
            problems.append(f"{field.name} {value!r} is empty or has stray white space")
    return problems
