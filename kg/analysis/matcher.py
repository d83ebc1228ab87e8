"""Two matchers over tokens, fed by data: phrases from lexicons, and token patterns.

`PhraseMatcher` finds the phrases of lexicons (titles, organisation heads, award names,
cue words, ...) and turns them into typed `Span`s, longest first. `TokenMatcher` runs
token patterns written as spaCy's Matcher takes them, a list of token specs each with
attributes and an optional operator:

    [{"SPAN": "title"}, {"SPAN": "region", "OP": "?"}, {"LOWER": ","},
     {"IS_TITLE": true, "OP": "+", "NAME": "holder"}]

Attributes: LOWER and TEXT (a string, or {"IN": [...]}), IS_TITLE, IS_UPPER, IS_NUMBER,
IS_PUNCT (booleans), REGEX (on the token's text), SPAN (a typed span of that label: the
spec then consumes the whole span). OP is "?", "*", "+" or "!" (one token that does not
match). NAME captures the tokens its spec matched, so a rule can say which part of a
match is the holder, the title or the organisation. A pattern's match is the longest
one from its first token; matching is memoised on (spec, token), so it stays linear in
the text for the patterns the project writes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.analysis.tokens import Token, tokenize

SPEC_KEYS = {"LOWER", "TEXT", "IS_TITLE", "IS_UPPER", "IS_NUMBER", "IS_PUNCT", "REGEX", "SPAN", "OP", "NAME"}
OPS = {"?", "*", "+", "!", "1"}


@dataclass(frozen=True)
class Span:
    """A typed stretch of tokens: [start, end) token indices, with character offsets and a payload."""

    label: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    data: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Match:
    """A token pattern's match: the tokens [start, end) and its named parts."""

    label: str
    start: int
    end: int
    groups: Mapping[str, tuple[int, int]]


class PatternError(ValueError):
    """A token pattern in a data file that cannot be used; the message names it."""


# --- phrases -------------------------------------------------------------------------------------


def _key(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.lower for t in tokens)


def _same_words(lowers: list[str], start: int, words: tuple[str, ...]) -> bool:
    """Whether the text's words from `start` are `words` (the first is known to be): most
    candidates differ at their second word, so no slice is made to find that out."""
    return all(lowers[start + k] == word for k, word in enumerate(words) if k)


class PhraseMatcher:
    """Phrases of lexicons, found case-insensitively (or with the case of their first letter)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, dict[str, str], bool]]] = defaultdict(list)

    def add(self, label: str, phrase: str, data: dict[str, str] | None = None, cased: bool = False) -> None:
        """Add one phrase; `cased` requires its first letter as written (a title's capital)."""
        tokens = tokenize(phrase)
        if not tokens:
            return
        entry = (_key(tokens), label, dict(data or {}), cased)
        self._by_first[tokens[0].lower].append(entry)
        self._by_first[tokens[0].lower].sort(key=lambda e: -len(e[0]))

    def __call__(self, tokens: Sequence[Token], text: str) -> list[Span]:
        """Every phrase found, longest first at each token; phrases of one label do not overlap."""
        found: list[Span] = []
        taken: dict[str, int] = {}  # label -> first token free again
        lowers = [t.lower for t in tokens]
        for token in tokens:
            for words, label, data, cased in self._by_first.get(token.lower, ()):
                if token.index < taken.get(label, 0):
                    continue
                end = token.index + len(words)
                if end > len(tokens) or not _same_words(lowers, token.index, words):
                    continue
                if cased and not token.is_title:
                    continue
                last = tokens[end - 1]
                found.append(
                    Span(label, token.index, end, token.start, last.end, text[token.start : last.end], data)
                )
                taken[label] = end
        return found


# --- token patterns ------------------------------------------------------------------------------

Check = Callable[[Token], bool]


@dataclass(frozen=True)
class _Spec:
    op: str
    name: str | None
    span: str | None
    words: frozenset[str] | None  # the LOWER test's words, which tell where a match may start
    check: Check  # every test of the spec but SPAN, compiled into one call


def _test(key: str, value: Any) -> Check:
    if key == "LOWER":
        return lambda token: token.lower in value
    if key == "TEXT":
        return lambda token: token.text in value
    if key == "REGEX":
        return lambda token: value.search(token.text) is not None
    attribute = {
        "IS_TITLE": "is_title",
        "IS_UPPER": "is_upper",
        "IS_NUMBER": "is_number",
        "IS_PUNCT": "is_punct",
    }
    name = attribute[key]
    return lambda token: getattr(token, name) == value


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda token: True
    if len(checks) == 1:
        return checks[0]
    return lambda token: all(check(token) for check in checks)


def _compile_spec(spec: Mapping[str, Any], where: str) -> _Spec:
    unknown = set(spec) - SPEC_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown token attribute {', '.join(sorted(unknown))}")
    op = spec.get("OP", "1")
    if op not in OPS:
        raise PatternError(f"{where}: unknown OP {op!r} (use ?, *, +, !)")
    checks: list[Check] = []
    words: frozenset[str] | None = None
    for key in ("LOWER", "TEXT"):
        if key in spec:
            value = spec[key]
            allowed = frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value])
            if key == "LOWER":
                words = allowed = frozenset(v.casefold() for v in allowed)
            checks.append(_test(key, allowed))
    for key in ("IS_TITLE", "IS_UPPER", "IS_NUMBER", "IS_PUNCT"):
        if key in spec:
            checks.append(_test(key, bool(spec[key])))
    if "REGEX" in spec:
        checks.append(_test("REGEX", re.compile(spec["REGEX"])))
    return _Spec(op, spec.get("NAME"), spec.get("SPAN"), words, _all(checks))


class _Spans:
    """The spans a matcher reads, indexed by (label, start) for its steps and by label for its starts."""

    def __init__(self, spans: Iterable[Span], labels: set[str]):
        self.ends: dict[tuple[str, int], list[int]] = defaultdict(list)
        starts: dict[str, list[int]] = defaultdict(list)
        for span in spans:
            if span.label in labels:
                self.ends[span.label, span.start].append(span.end)
                starts[span.label].append(span.start)
        self.starts = {label: sorted(set(found)) for label, found in starts.items()}

    def starting(self, label: str, lo: int, hi: int) -> list[int]:
        found = self.starts.get(label, [])
        return found[bisect_left(found, lo) : bisect_left(found, hi)]


class TokenMatcher:
    """Token patterns by label; `__call__` gives every label's longest match from each token."""

    def __init__(self) -> None:
        self.patterns: list[tuple[str, tuple[_Spec, ...]]] = []
        self.span_labels: set[str] = set()  # the span labels the patterns read; other spans are ignored
        # the patterns whose first spec is a required word list, by those words: one look-up per
        # token finds where each of them may start, instead of a pass over the window per pattern
        self._by_first_word: dict[str, list[int]] = defaultdict(list)

    def add(self, label: str, pattern: Sequence[Mapping[str, Any]], where: str = "") -> None:
        where = where or label
        if not pattern:
            raise PatternError(f"{where}: an empty pattern")
        specs = tuple(_compile_spec(s, f"{where}[{i}]") for i, s in enumerate(pattern))
        if _word_led(specs):
            for word in specs[0].words or ():
                self._by_first_word[word].append(len(self.patterns))
        self.patterns.append((label, specs))
        self.span_labels.update(spec.span for spec in specs if spec.span is not None)

    def __call__(self, tokens: Sequence[Token], spans: Iterable[Span] = ()) -> list[Match]:
        return self.in_window(tokens, _Spans(spans, self.span_labels), 0, len(tokens))

    def in_window(self, tokens: Sequence[Token], spans: _Spans, lo: int, hi: int) -> list[Match]:
        """The matches inside tokens[lo:hi], in the positions of `tokens`: no match or span crosses `hi`."""
        word_starts: dict[int, list[int]] = defaultdict(list)
        for position in range(lo, hi):
            for pattern in self._by_first_word.get(tokens[position].lower, ()):
                word_starts[pattern].append(position)
        matches: list[Match] = []
        for number, (label, specs) in enumerate(self.patterns):
            if _word_led(specs):
                starts: Sequence[int] = word_starts.get(number, ())
            else:
                starts = _possible_starts(specs, tokens, spans, lo, hi)
            if not starts:
                continue
            if len(specs) == 1 and specs[0].op in ("1", "!") and specs[0].span is None:
                # a one-token pattern matches exactly where it may start: no run to make
                name = specs[0].name
                matches.extend(Match(label, p, p + 1, {name: (p, p + 1)} if name else {}) for p in starts)
                continue
            run = _Run(tokens, specs, spans.ends, hi)
            for start in starts:
                found = run.longest(start)
                if found is not None:
                    end, groups = found
                    matches.append(Match(label, start, end, groups))
        return matches


def _word_led(specs: tuple[_Spec, ...]) -> bool:
    first = specs[0]
    return first.words is not None and first.span is None and first.op in ("1", "+")


def _possible_starts(
    specs: tuple[_Spec, ...], tokens: Sequence[Token], spans: _Spans, lo: int, hi: int
) -> Sequence[int]:
    """The positions in tokens[lo:hi] a match can start at, or all of them when the pattern cannot say.

    A match starts where one of its leading optional specs, or its first required one,
    holds; a pattern of optional specs only may start anywhere. Most patterns begin with a
    span or a word list, so most tokens are ruled out at once.
    """
    starts: set[int] = set()
    for spec in specs:
        if spec.span is not None:
            starts.update(spans.starting(spec.span, lo, hi))
        elif spec.words is not None and spec.op != "!":
            words = spec.words
            starts.update(p for p in range(lo, hi) if tokens[p].lower in words)
        else:  # one test per token here is far cheaper than a full match attempt at each
            negated = spec.op == "!"
            check = spec.check
            starts.update(p for p in range(lo, hi) if check(tokens[p]) != negated)
        if spec.op in ("1", "+"):
            return sorted(starts)
    return range(lo, hi)


class _Run:
    """One pattern over one token window: which ends each (spec, token) can reach, memoised."""

    def __init__(
        self,
        tokens: Sequence[Token],
        specs: tuple[_Spec, ...],
        spans: Mapping[tuple[str, int], list[int]],
        hi: int,
    ):
        self.tokens, self.specs, self.spans, self.hi = tokens, specs, spans, hi
        self.memo: dict[tuple[int, int], tuple[int, dict[str, tuple[int, int]]] | None] = {}

    def longest(self, start: int) -> tuple[int, dict[str, tuple[int, int]]] | None:
        return self._from(0, start)

    def _steps(self, spec: _Spec, at: int) -> list[int]:
        """The token positions one application of `spec` at `at` can end at."""
        if spec.span is not None:
            return [end for end in self.spans.get((spec.span, at), ()) if end <= self.hi]
        if at >= self.hi:
            return []
        return [at + 1] if spec.check(self.tokens[at]) != (spec.op == "!") else []

    def _from(self, index: int, at: int) -> tuple[int, dict[str, tuple[int, int]]] | None:
        """The longest match of specs[index:] from token `at`, with its named parts."""
        if index == len(self.specs):
            return at, {}
        key = (index, at)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None  # a cycle (an empty repetition) finds nothing new
        spec = self.specs[index]
        best: tuple[int, dict[str, tuple[int, int]]] | None = None
        for end in self._ends(spec, at):
            rest = self._from(index + 1, end)
            if rest is not None and (best is None or rest[0] > best[0]):
                groups = dict(rest[1])
                if spec.name and end > at:
                    groups[spec.name] = (at, end)
                best = (rest[0], groups)
        self.memo[key] = best
        return best

    def _ends(self, spec: _Spec, at: int) -> list[int]:
        if spec.op in ("1", "!"):
            return self._steps(spec, at)
        ends = [at] if spec.op in ("?", "*") else []
        frontier = self._steps(spec, at)
        while frontier:
            ends.extend(frontier)
            if spec.op == "?":
                break
            frontier = [step for end in frontier for step in self._steps(spec, end) if step > end]
        return sorted(set(ends), reverse=True)


@cache
def load_patterns(text: str, source: str) -> TokenMatcher:
    """A TokenMatcher from JSON Lines of {"label": ..., "pattern": [...]}; errors name the line."""
    import json

    matcher = TokenMatcher()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(f"{where}: not JSON: {error.msg}") from error
        if not isinstance(entry, dict) or "label" not in entry or "pattern" not in entry:
            raise PatternError(f"{where}: each line is an object with a label and a pattern")
        matcher.add(entry["label"], entry["pattern"], where)
    return matcher


def match_in_windows(
    matcher: TokenMatcher,
    tokens: Sequence[Token],
    spans: Iterable[Span],
    windows: Iterable[tuple[int, int]],
) -> list[Match]:
    """The matcher's matches inside each token window (a sentence, a clause), in the text's positions.

    Most of an article holds no cue for a given reader, so readers run their patterns only
    in the windows that may hold one. The spans inside a window are found by bisection, so
    the cost stays linear in the article however many windows and spans it has.
    """
    indexed = _Spans(spans, matcher.span_labels)
    found = []
    for start, end in windows:
        found.extend(matcher.in_window(tokens, indexed, start, end))
    return found
