"""Compare produced facts with gold facts (both in the facts interchange format).

The development loop's measure: per fact type, how many gold facts were found
(recall), how many produced facts are right (precision), and how often the graded
fields of a matched fact agree. Matching follows the interchange format's rules:
two facts match when one of their normalised keys is shared (a person by any of
their names, a regulation by kind, number and year, a figure by subject, value and
unit); each gold fact takes the first unused produced fact that shares a key.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.lexicon import words

FactDict = dict[str, Any]
Key = str | tuple[Any, ...]
TYPES = ("region", "person", "organization", "regulation", "program", "award", "figure")
GRADED: dict[str, tuple[str, ...]] = {
    "region": ("level",),
    "person": ("role", "org"),
    "organization": (),
    "regulation": ("title", "issuer"),
    "program": ("operator",),
    "award": ("result", "rank", "level", "category"),
    "figure": ("segment", "year"),
}
ENTITY_FIELDS = ("issuer", "operator", "org", "level")
REGION_PREFIXES = (
    (r"^(?:pemerintah kabupaten|pemkab|kab|kabupaten)\b", "kabupaten"),
    (r"^(?:pemerintah kota|pemkot|kotamadya|kota)\b", "kota"),
    (r"^(?:pemerintah provinsi|pemprov|prov|propinsi|provinsi)\b", "provinsi"),
)
REGULATION_KINDS = {
    "undang undang": "uu",
    "peraturan pemerintah": "pp",
    "peraturan presiden": "perpres",
    "instruksi presiden": "inpres",
    "peraturan menteri": "permen",
    "keputusan menteri": "kepmen",
    "peraturan gubernur": "pergub",
    "peraturan bupati": "perbup",
    "peraturan wali kota": "perwal",
    "peraturan walikota": "perwal",
    "perwali": "perwal",
    "peraturan daerah": "perda",
    "surat edaran": "se",
}
# Honorifics the gold leaves out of names, beyond the lexicon's: ranks and forms of address.
EXTRA_HONORIFICS = {"k", "hm", "ny", "tn", "kombes", "pol", "brigjen", "mayjen", "letjen", "jenderal"}


class GoldFileError(ValueError):
    """A facts file that cannot be read: names the file and line."""


@dataclass
class TypeScore:
    gold: int = 0
    produced: int = 0
    matched: int = 0
    fields_graded: int = 0
    fields_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attrs(self) -> float | None:
        return self.fields_right / self.fields_graded if self.fields_graded else None

    def add(self, other: TypeScore) -> None:
        self.gold += other.gold
        self.produced += other.produced
        self.matched += other.matched
        self.fields_graded += other.fields_graded
        self.fields_right += other.fields_right


@dataclass(frozen=True)
class Error:
    """One missed or spurious fact, or one wrong field of a matched fact."""

    doc: str
    kind: str  # "missed", "spurious" or "field"
    fact: FactDict
    field: str | None = None
    produced: Any = None


@dataclass
class Evaluation:
    by_type: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in TYPES})
    errors: list[Error] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # each made fact: (confidence, right)
    verdicts: list[tuple[FactDict, bool]] = field(default_factory=list)  # each made fact, and whether right

    @property
    def total(self) -> TypeScore:
        total = TypeScore()
        for score in self.by_type.values():
            total.add(score)
        return total


def norm(text: object) -> str:
    """Lower case, Unicode folded, punctuation to spaces, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    folded = folded.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    folded = re.sub(r"[-/]", " ", folded)
    return " ".join(re.sub(r"[^\w\s']", " ", folded).split())


def _honorifics() -> set[str]:
    return {norm(w).replace(" ", "") for w in words("honorifics.txt")} | EXTRA_HONORIFICS


def norm_person(name: object) -> str:
    raw = unicodedata.normalize("NFKC", str(name)).lower()
    raw = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", raw)
    raw = re.sub(r"(?<=\w)\.(?=\w)", "", raw)
    honorifics = _honorifics()
    return " ".join(t for t in norm(raw).split() if t.strip("'") not in honorifics)


def norm_entity(name: object) -> str:
    """A region's or organisation's name; "Pemkot Madiun" and "Kota Madiun" meet."""
    text = norm(name).replace("daerah istimewa yogyakarta", "di yogyakarta")
    for pattern, canonical in REGION_PREFIXES:
        text = re.sub(pattern, canonical, text)
    return " ".join(text.split())


def as_number(value: object) -> int | float | None:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else round(number, 3)


def _names(fact: FactDict, normalise: Callable[[object], str]) -> set[Key]:
    return {normalise(v) for v in [fact.get("name"), *(fact.get("aliases") or [])] if v}


def keys(fact: FactDict) -> set[Key]:
    """A fact's normalised keys; two facts match when their sets meet."""
    kind = fact.get("type")
    if kind == "region":
        return {norm_entity(fact.get("name", ""))}
    if kind == "person":
        return _names(fact, norm_person)
    if kind in ("organization", "program"):
        return _names(fact, norm)
    if kind == "regulation":
        regulation_kind = norm(fact.get("kind", ""))
        return {
            (
                REGULATION_KINDS.get(regulation_kind, regulation_kind),
                norm(fact.get("number", "")),
                as_number(fact.get("year", "")),
            )
        }
    if kind == "award":
        award = norm(fact.get("award", ""))
        award = "paritrana award" if "paritrana" in award else award
        return {(award, as_number(fact.get("year", "")), norm_entity(fact.get("recipient", "")))}
    if kind == "figure":
        subject = norm_entity(fact.get("subject", ""))
        return {(subject, as_number(fact.get("value", "")), norm(fact.get("unit", "")))}
    return set()


def same_value(name: str, gold: object, produced: object) -> bool:
    """Whether a graded field agrees: equal once normalised, or one's words within the other's."""
    if produced is None:
        return False
    if name in ("rank", "year"):
        return as_number(gold) == as_number(produced)
    normalise = norm_entity if name in ENTITY_FIELDS else norm
    gold_n, produced_n = normalise(gold), normalise(produced)
    if gold_n == produced_n:
        return True
    gold_words, produced_words = set(gold_n.split()), set(produced_n.split())
    nested = gold_words <= produced_words or produced_words <= gold_words
    return bool(gold_words) and nested and len(gold_words & produced_words) >= 2


def _unique(facts: list[FactDict]) -> list[FactDict]:
    """Facts with a key seen before count once: a graph holds a fact once."""
    unique: list[FactDict] = []
    seen: list[set[Key]] = []
    for fact in facts:
        fact_keys = keys(fact)
        if not any(fact_keys & s for s in seen):
            seen.append(fact_keys)
            unique.append(fact)
    return unique


def _match(gold: list[FactDict], produced: list[FactDict]) -> list[tuple[FactDict, FactDict]]:
    used: set[int] = set()
    pairs = []
    for gold_fact in gold:
        gold_keys = keys(gold_fact)
        for i, fact in enumerate(produced):
            if i not in used and gold_keys & keys(fact):
                used.add(i)
                pairs.append((gold_fact, fact))
                break
    return pairs


def evaluate(produced: dict[str, list[FactDict]], gold: dict[str, list[FactDict]]) -> Evaluation:
    """Score the documents of `gold`; a gold document missing from `produced` is all missed."""
    result = Evaluation()
    for doc, gold_facts in gold.items():
        for kind in TYPES:
            wanted = [f for f in gold_facts if f.get("type") == kind]
            made = _unique([f for f in produced.get(doc, []) if f.get("type") == kind])
            _score_type(result, doc, kind, wanted, made)
    return result


def _score_type(
    result: Evaluation, doc: str, kind: str, wanted: list[FactDict], made: list[FactDict]
) -> None:
    pairs = _match(wanted, made)
    score = result.by_type[kind]
    score.gold += len(wanted)
    score.produced += len(made)
    score.matched += len(pairs)
    for gold_fact, fact in pairs:
        for name in GRADED[kind]:
            if name in gold_fact:
                score.fields_graded += 1
                if same_value(name, gold_fact[name], fact.get(name)):
                    score.fields_right += 1
                else:
                    result.errors.append(Error(doc, "field", gold_fact, name, fact.get(name)))
    matched_gold = {id(g) for g, _ in pairs}
    matched_made = {id(p) for _, p in pairs}
    for fact in made:
        result.verdicts.append((fact, id(fact) in matched_made))
        if isinstance(fact.get("confidence"), int | float):
            result.judged.append((float(fact["confidence"]), id(fact) in matched_made))
    result.errors += [Error(doc, "missed", f) for f in wanted if id(f) not in matched_gold]
    result.errors += [Error(doc, "spurious", f) for f in made if id(f) not in matched_made]


def load_facts(path: Path) -> dict[str, list[FactDict]]:
    """A facts file as {doc: facts}; a line that is not a JSON object is a GoldFileError."""
    docs: dict[str, list[FactDict]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFileError(f"{path}: cannot read: {error}") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldFileError(f"{path}:{number}: not JSON: {error.msg}") from error
        if not isinstance(record, dict) or "doc" not in record:
            raise GoldFileError(f"{path}:{number}: expected an object with a 'doc' and its 'facts'")
        docs[str(record["doc"])] = [f for f in record.get("facts", []) if isinstance(f, dict)]
    return docs


def describe(error: Error) -> str:
    """One line per error, as the development loop reads them."""
    fact = json.dumps(error.fact, ensure_ascii=False)
    if error.kind == "field":
        wanted = error.fact.get(error.field or "")
        return f"{error.doc} wrong    {error.field}: gold={wanted!r} got={error.produced!r} in {fact}"
    return f"{error.doc} {error.kind:<8} {fact}"


def table(result: Evaluation) -> str:
    """The per-type table and the closing `facts F1 ... attrs ...` line."""
    lines = [f"{'type':<13}{'gold':>6}{'made':>6}{'hit':>6}{'P':>7}{'R':>7}{'F1':>7}{'attrs':>7}"]
    rows = [*result.by_type.items(), ("all", result.total)]
    for kind, s in rows:
        attrs = "-" if s.attrs is None else f"{s.attrs:.2f}"
        lines.append(
            f"{kind:<13}{s.gold:>6}{s.produced:>6}{s.matched:>6}"
            f"{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}{attrs:>7}"
        )
    total = result.total
    lines.append(f"facts F1 {total.f1:.3f} attrs {total.attrs or 0.0:.3f}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Bin:
    """Made facts whose stated confidence lies in [low, high): how often they were right."""

    low: float
    high: float
    facts: int
    right: int
    stated: float  # their mean stated confidence

    @property
    def measured(self) -> float:
        return self.right / self.facts if self.facts else 0.0


CALIBRATION_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
CALIBRATION_TOLERANCE = 0.05  # stated and measured precision should agree this closely ...
CALIBRATION_MIN_FACTS = 20  # ... in every bin that holds at least this many facts


def calibration(result: Evaluation, edges: tuple[float, ...] = CALIBRATION_EDGES) -> list[Bin]:
    """Stated confidence against measured precision, per bin of confidence."""
    bins = []
    for low, high in itertools.pairwise(edges):
        inside = [(c, ok) for c, ok in result.judged if low <= c < high]
        stated = sum(c for c, _ in inside) / len(inside) if inside else 0.0
        bins.append(Bin(low, min(high, 1.0), len(inside), sum(ok for _, ok in inside), stated))
    return bins


def calibration_table(result: Evaluation) -> str:
    """The calibration table `kg eval` prints: a `--min-confidence` is worth what its bin measures."""
    lines = [f"{'confidence':<12}{'facts':>6}{'right':>6}{'stated':>8}{'measured':>9}  "]
    for b in calibration(result):
        if not b.facts:
            continue
        off = abs(b.stated - b.measured) > CALIBRATION_TOLERANCE and b.facts >= CALIBRATION_MIN_FACTS
        lines.append(
            f"{b.low:.2f}-{b.high:.2f}  {b.facts:>6}{b.right:>6}{b.stated:>8.2f}{b.measured:>9.2f}"
            + ("  off by more than 0.05" if off else "")
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class RuleScore:
    """How often the facts one extraction rule made were right."""

    kind: str
    rule: str
    facts: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.facts if self.facts else 0.0


def rule_scores(result: Evaluation) -> list[RuleScore]:
    """Measured precision per extraction rule (a fact made by several rules counts for each)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for fact, right in result.verdicts:
        for rule in fact.get("rules") or ["(none)"]:
            tally = counts.setdefault((str(fact.get("type")), str(rule)), [0, 0])
            tally[0] += 1
            tally[1] += int(right)
    return [RuleScore(kind, rule, n, ok) for (kind, rule), (n, ok) in sorted(counts.items())]


def rule_table(result: Evaluation) -> str:
    """The per-rule table `kg eval --rules` prints: which paths to trust, which to mend."""
    lines = [f"{'rule':<26}{'facts':>6}{'right':>6}{'precision':>10}"]
    for score in rule_scores(result):
        lines.append(f"{score.rule:<26}{score.facts:>6}{score.right:>6}{score.precision:>10.2f}")
    return "\n".join(lines)


__all__ = [
    "Bin",
    "Evaluation",
    "GoldFileError",
    "RuleScore",
    "TypeScore",
    "calibration",
    "calibration_table",
    "describe",
    "evaluate",
    "keys",
    "load_facts",
    "rule_scores",
    "rule_table",
    "table",
]
