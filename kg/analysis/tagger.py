"""A learned name tagger: a CRF over token features that marks persons' and organisations' names.

The rule chunkers (kg/analysis/names.py) find a name from a head word or a title; a name
that has neither ("Sinode Gereja Kristen Injili", "Keripik Ubi Mustika") is out of their
reach. The tagger reads the same analysis (tokens, lexicon spans) and labels each token
B-/I-PER, B-/I-ORG, B-/I-ROLE (a person's post written beside the name) or O, by a
linear-chain CRF whose weights were trained by tools/train_tagger.py on the annotated real
articles and ship with the package (kg/data/tagger.crfsuite). Tagging is deterministic and
offline. Only stretches of text no rule has read are tagged (`unread_stretches`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kg.analysis.document import Analysis
from kg.lexicon import data_file, words

#: the analysis spans a token's features name ("B-title", "I-region")
LABELS = (
    "title",
    "org_head",
    "region",
    "acting",
    "award_cue",
    "figure_cue",
    "regulation_kind",
    "year",
    "number",
)
MODEL = "tagger.crfsuite"
WINDOW = 5  # tokens tagged on either side of a capitalised run no reader took


@dataclass(frozen=True)
class TaggedName:
    """A span the tagger found: tokens [start, end), PER, ORG or ROLE, and its least sure token's marginal."""

    start: int
    end: int
    kind: str
    confidence: float


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    return {
        "honorific": frozenset(w.replace(".", "").casefold() for w in words("honorifics.txt")),
        "org_word": frozenset(w.casefold() for w in words("org_words.txt")),
        "non_name": frozenset(w.casefold() for w in words("non_name_words.txt")),
        "stop": frozenset(w.casefold() for w in words("stopwords_id.txt")),
        "given_name": frozenset(w.casefold() for w in words("given_names.txt")),
    }


def _shape(text: str) -> str:
    shape: list[str] = []
    for char in text[:6]:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)


def _lexicon_marks(analysis: Analysis, start: int, end: int) -> list[list[str]]:
    marks: list[list[str]] = [[] for _ in range(start, end)]
    for label in LABELS:
        for span in analysis.spans_in(label, max(0, start - 8), end):
            for position in range(max(span.start, start), min(span.end, end)):
                marks[position - start].append(("B-" if position == span.start else "I-") + label)
    return marks


@lru_cache(maxsize=1 << 16)
def _word_features(text: str, offset: int) -> tuple[str, ...]:
    """What a word says of itself, seen from `offset` tokens away; a word's features are the same
    wherever it stands, so each is made once per process."""
    lower = text.casefold()
    undotted = lower.replace(".", "")
    own = [f"w={lower}", f"shape={_shape(text)}"]
    own.extend(f"in:{name}" for name, listed in _word_lists().items() if {undotted, lower} & listed)
    if text[:1].isupper():
        own.append("title")
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        own.append("upper")
    if offset == 0:
        own.extend((f"suf3={lower[-3:]}", f"pre3={lower[:3]}"))
    return tuple(f"{offset}:{item}" for item in own)


def features(analysis: Analysis, start: int = 0, end: int | None = None) -> list[list[str]]:
    """Each token's features in [start, end) (a sentence): its own, its lexicon spans, and those of
    two tokens either side, as crfsuite's binary features ("-1:w=bupati")."""
    end = len(analysis.tokens) if end is None else end
    tokens = analysis.tokens[start:end]
    text = analysis.text
    situated = _lexicon_marks(analysis, start, end)
    for index, token in enumerate(tokens):
        if "\n" in text[max(0, token.start - 2) : token.start]:
            situated[index].append("line_start")
        if not situated[index] and token.kind == "word" and token.is_title and index > 0:
            situated[index].append("unclaimed_title")  # capitalised mid-sentence, no lexicon span
    result = []
    for index in range(len(tokens)):
        feature = ["bias"]
        for offset in (-2, -1, 0, 1, 2):
            at = index + offset
            if 0 <= at < len(tokens):
                feature.extend(_word_features(tokens[at].text, offset))
                feature.extend(f"{offset}:{item}" for item in situated[at])
            else:
                feature.append(f"{offset}:edge")
        result.append(feature)
    return result


def unread_stretches(analysis: Analysis, covered: set[int]) -> list[tuple[int, int]]:
    """The stretches worth tagging: around each run of capitalised words past a sentence's first
    word that no other reader has taken (`covered`: token positions of known names and spans),
    WINDOW tokens either side within the sentence, overlapping stretches joined."""
    found: list[tuple[int, int]] = []
    tokens = analysis.tokens
    for start, end in analysis.sentences:
        for position in range(start + 1, end - 1):
            pair = (tokens[position], tokens[position + 1])
            if (
                all(t.kind == "word" and t.is_title for t in pair)
                and position not in covered
                and position + 1 not in covered
            ):
                first, last = max(start, position - WINDOW), min(end, position + 2 + WINDOW)
                if found and found[-1][1] >= first and found[-1][0] >= start:
                    found[-1] = (found[-1][0], max(found[-1][1], last))
                else:
                    found.append((first, last))
    return found


@cache
def _tagger() -> Any:
    import pycrfsuite

    path: Path = data_file(MODEL)
    if not path.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag(
    analysis: Analysis, sentences: Iterable[tuple[int, int]] | None = None, model: Any = None
) -> list[TaggedName]:
    """The names the model (the shipped one by default) marks in the given sentences (all by
    default), each with the least marginal probability of its tokens."""
    tagger = model if model is not None else _tagger()
    if tagger is None:
        return []
    found: list[TaggedName] = []
    for first, last in analysis.sentences if sentences is None else sentences:
        if last <= first:
            continue
        labels = tagger.tag(features(analysis, first, last))
        start: int | None = None
        for index, label in enumerate([*labels, "O"]):
            if start is not None and not (label.startswith("I-") and label[2:] == labels[start][2:]):
                sure = min(tagger.marginal(labels[i], i) for i in range(start, index))
                found.append(TaggedName(first + start, first + index, labels[start][2:], sure))
                start = None
            if label.startswith("B-"):
                start = index
    return found
