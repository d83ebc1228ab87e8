"""Fuzzer: mutated seed articles through every stage, checking that bad input never breaks a build.

Each case takes a seed article (seeds/), applies a few mutations drawn with a fixed
seed (byte flips, truncation anywhere including inside a UTF-8 sequence, direction and
zero-width marks, Unicode line separators, control characters, duplicated and shuffled
paragraphs, huge numbers, unbalanced brackets and quotes, very long tokens and lines,
odd case folding, stray sentence marks) and writes the mutant as a text, HTML or JSON
Lines file. The file then goes through ingest -> clean -> extract -> resolve -> graph,
and these must hold:

- no exception but the clean stage's CleanError (an input ingest rejects is a Problem);
- every mention's anchor is the text at its offsets and lies inside its sentence
  (kg/extract/invariants.py);
- every literal of the article's graph is valid for its datatype and every IRI parses;
- no case takes longer than `--timeout` seconds (a regex that backtracks without end).

Finally the whole folder of mutants is built with kg.pipeline.build into an in-memory
store. Case i depends only on the seed and i, so `--cases 40` runs the first 40 cases
of the nightly 500 and `--case 123` replays one.

    .venv/bin/python tools/fuzz.py                    # 500 cases, seed 0
    .venv/bin/python tools/fuzz.py --cases 2000 --seed 7
    .venv/bin/python tools/fuzz.py --case 123 --keep /tmp/mutants
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import FrameType

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD

from kg.clean import CleanError, clean
from kg.extract import extract
from kg.extract.invariants import mention_problems
from kg.graph import article_quads
from kg.ingest import read_inputs
from kg.model import RawDocument
from kg.resolve import resolve
from kg.store import to_rdflib

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

MARKS = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROLS = [chr(c) for c in [*range(0x01, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]]
SPACES = ["\t", "\u00a0", "\u2009", "\u202f", "\u3000", "  ", " \t "]
BRACKETS = list("()[]{}\"'“”‘’«»")
LOOKALIKES = {"s": "ſ", "i": "İ", "k": "\u212a", "a": "ａ", "K": "\u212a", "I": "ı"}
STOPS = [". ", ", ", ": ", "; ", "? ", "! ", " - ", "... "]


# -- mutations --------------------------------------------------------------------------------

TextMutation = Callable[[random.Random, str], str]


def _at(rng: random.Random, text: str) -> int:
    return rng.randrange(len(text) + 1)


def _insert(rng: random.Random, text: str, pieces: list[str], count: int) -> str:
    for _ in range(count):
        at = _at(rng, text)
        text = text[:at] + rng.choice(pieces) + text[at:]
    return text


def marks(rng: random.Random, text: str) -> str:
    """Direction marks, zero-width characters, soft hyphens and BOMs, anywhere."""
    return _insert(rng, text, list(MARKS), rng.randint(1, 30))


def line_breaks(rng: random.Random, text: str) -> str:
    """Line separators of every kind: in place of spaces (inside names) or inside words."""
    spaces = [m.start() for m in re.finditer(" ", text)]
    for at in sorted(rng.sample(spaces, min(len(spaces), rng.randint(1, 12))), reverse=True):
        text = text[:at] + rng.choice(BREAKS) + text[at + 1 :]
    return _insert(rng, text, BREAKS, rng.randint(0, 3))


def controls(rng: random.Random, text: str) -> str:
    return _insert(rng, text, CONTROLS, rng.randint(1, 20))


def spaces(rng: random.Random, text: str) -> str:
    """Tabs, no-break and thin spaces, runs of spaces in place of single ones."""
    return re.sub(" ", lambda m: rng.choice(SPACES) if rng.random() < 0.3 else " ", text)


def duplicated(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(lines))
        lines.insert(at, lines[rng.randrange(len(lines))])
    return "\n".join(lines)


def shuffled(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def huge_numbers(rng: random.Random, text: str) -> str:
    """Numbers of hundreds of digits, with thousands separators, multipliers and percent signs."""

    def huge(_: re.Match[str]) -> str:
        digits = rng.randint(16, 2000)
        return rng.choice(
            [
                "9" * digits,
                "1" + ".000" * (digits // 3),
                f"{'7' * digits},{'5' * rng.randint(1, 50)}",
                f"{'9' * digits} triliun",
                f"{'9' * digits} persen",
                "0" * digits,
            ]
        )

    return re.sub(r"\d+(?:[.,]\d+)*", lambda m: huge(m) if rng.random() < 0.3 else m.group(0), text)


def unbalanced(rng: random.Random, text: str) -> str:
    """Brackets and quotes opened and never closed, closed and never opened, or removed."""
    if rng.random() < 0.3:
        text = re.sub(r"[)\]”’]", lambda m: "" if rng.random() < 0.5 else m.group(0), text)
    return _insert(rng, text, BRACKETS, rng.randint(1, 20))


def long_tokens(rng: random.Random, text: str) -> str:
    """A token of thousands of characters: letters, a repeated word, dots, hyphens, digits."""
    unit = rng.choice(["a", "Kabupaten", "A.", "-", ".", "1", "(", "Kota-", "JKK-", "Dr."])
    at = _at(rng, text)
    return text[:at] + unit * (rng.randint(1000, 20000) // len(unit)) + text[at:]


def one_line(rng: random.Random, text: str) -> str:
    """Every line joined into one: a page whose line breaks were lost."""
    return text.replace("\n", rng.choice([" ", "", ". "]))


def lookalikes(rng: random.Random, text: str) -> str:
    """Letters that Unicode case folding equates with ASCII ones ("ſ" ~ "s", "İ" ~ "i"), or all capitals."""
    if rng.random() < 0.3:
        return text.upper()
    return "".join(LOOKALIKES[c] if c in LOOKALIKES and rng.random() < 0.1 else c for c in text)


def stops(rng: random.Random, text: str) -> str:
    """Sentence and clause marks in the middle of names and citations."""
    spaces = [m.start() for m in re.finditer(" ", text)]
    for at in sorted(rng.sample(spaces, min(len(spaces), rng.randint(1, 15))), reverse=True):
        text = text[:at] + rng.choice(STOPS) + text[at + 1 :]
    return text


def deleted(rng: random.Random, text: str) -> str:
    start = _at(rng, text)
    return text[:start] + text[start + rng.randint(1, 400) :]


TEXT_MUTATIONS: dict[str, TextMutation] = {
    f.__name__: f
    for f in (
        marks,
        line_breaks,
        controls,
        spaces,
        duplicated,
        shuffled,
        huge_numbers,
        unbalanced,
        long_tokens,
        one_line,
        lookalikes,
        stops,
        deleted,
    )
}


def flipped(rng: random.Random, data: bytes) -> bytes:
    """Random bits of random bytes flipped."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def truncated(rng: random.Random, data: bytes) -> bytes:
    """Cut at any byte, inside a UTF-8 sequence too (at a non-ASCII character when there is one)."""
    inside = [i for i, byte in enumerate(data) if byte >= 0x80]
    if inside and rng.random() < 0.5:
        return data[: rng.choice(inside)]
    return data[: rng.randrange(len(data) + 1)]


# -- cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    """One mutant: where it came from, what was done to it, and its file."""

    number: int
    seed_file: str
    mutations: list[str]
    name: str
    content: bytes


def make_case(seed: int, number: int, seeds: list[Path]) -> Case:
    """Case `number` of a run: depends only on the seed and the number."""
    rng = random.Random(f"{seed}:{number}")
    source = rng.choice(seeds)
    text = source.read_text(encoding="utf-8")
    names = rng.sample(sorted(TEXT_MUTATIONS), rng.randint(1, 3))
    for name in names:
        text = TEXT_MUTATIONS[name](rng, text)
    kind = rng.choices(["txt", "html", "jsonl"], weights=[8, 1, 1])[0]
    content = _encoded(rng, kind, text, f"case-{number:04d}")
    if kind == "txt" and rng.random() < 0.25:
        mutation = rng.choice([flipped, truncated])
        names.append(mutation.__name__)
        content = mutation(rng, content)
    return Case(number, source.name, names, f"case-{number:04d}.{kind}", content)


def _encoded(rng: random.Random, kind: str, text: str, doc_id: str) -> bytes:
    """The mutant as a file of its kind; text sometimes with a BOM or in UTF-16."""
    if kind == "html":
        title, _, body = text.partition("\n")
        paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
        page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
        return (page + "</article></body></html>").encode("utf-8", "surrogatepass")
    if kind == "jsonl":
        title = text.split("\n", 1)[0]
        record = {"id": doc_id, "text": text, "title": title, "date": title[:40], "source": title[-30:]}
        record["url"] = f"https://contoh.id/{doc_id}"
        if rng.random() < 0.2:  # a link with stray text in it: ingest's to judge
            record["url"] += text[rng.randrange(len(text) + 1) :][:60]
        return (json.dumps(record, ensure_ascii=rng.random() < 0.5) + "\n").encode("utf-8")
    encoding = rng.choices(["utf-8", "utf-8-sig", "utf-16"], weights=[8, 1, 1])[0]
    return text.encode(encoding, "surrogatepass")


# -- checks -----------------------------------------------------------------------------------

LEXICAL = {
    str(XSD.integer): re.compile(r"[+-]?\d+"),
    str(XSD.decimal): re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    str(XSD.boolean): re.compile(r"true|false|1|0"),
    str(XSD.date): re.compile(r"\d{4}-\d{2}-\d{2}"),
}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0
LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def literal_problems(term: Literal) -> list[str]:
    """Why a literal is not valid: its lexical form for its datatype, characters, language tag."""
    value, problems = str(term), []
    if NOT_XML.search(value):
        problems.append(f"literal {value[:60]!r} holds a character XML and most formats cannot carry")
    pattern = LEXICAL.get(str(term.datatype)) if term.datatype else None
    if pattern is not None and not pattern.fullmatch(value):
        problems.append(f"literal {value[:60]!r} is no valid {term.datatype}")
    elif term.datatype == XSD.date:
        try:
            date.fromisoformat(value)
        except ValueError:
            problems.append(f"literal {value!r} is no date")
    if term.language and not LANGUAGE.fullmatch(term.language):
        problems.append(f"language tag {term.language!r}")
    return problems


def graph_problems(quads: list[ox.Quad]) -> list[str]:
    """Invalid literals (an IRI that does not parse fails in the graph stage, as the store would)."""
    problems: list[str] = []
    for quad in quads:
        if isinstance(quad.object, ox.Literal):
            problems += literal_problems(to_rdflib(quad.object))  # type: ignore[arg-type]
    return problems


# -- running ----------------------------------------------------------------------------------


class Timeout(Exception):
    """A case ran longer than the limit."""


@dataclass(frozen=True)
class Finding:
    """Something that must not happen, met in one case."""

    case: int
    stage: str
    kind: str
    detail: str


@dataclass
class Report:
    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    slowest: tuple[float, int] = (0.0, -1)
    build: str = ""


@dataclass
class Run:
    """One case under way: the stage it is in, how it ended, what went wrong."""

    case: Case
    stage: str = "ingest"
    outcome: str = "built"
    findings: list[Finding] = field(default_factory=list)

    def found(self, kind: str, detail: str) -> None:
        self.findings.append(Finding(self.case.number, self.stage, kind, detail))


def run_case(case: Case, folder: Path, timeout: float) -> tuple[str, list[Finding]]:
    """Write the mutant and take it through every stage; its outcome and what went wrong."""
    path = folder / case.name
    path.write_bytes(case.content)
    run = Run(case)
    with _time_limit(timeout):
        try:
            items = list(read_inputs([path]))
            documents = [item for item in items if isinstance(item, RawDocument)]
            if not documents:  # a Problem only; one that comes with its document is a notice
                run.outcome = "rejected by ingest"
            for document in documents:
                _stages(run, document)
        except Timeout:
            run.found("timeout", f"over {timeout:g} s")
        except Exception as error:  # every exception is a finding: that is what the fuzzer looks for
            run.found(type(error).__name__, _where(error))
    return ("finding" if run.findings else run.outcome), run.findings


def _stages(run: Run, raw: RawDocument) -> None:
    """clean -> extract -> resolve -> graph for one document, with the invariants checked."""
    run.stage = "clean"
    try:
        article = clean(raw)
    except CleanError:
        run.outcome = "clean error"
        return
    run.stage = "extract"
    extracted = extract(article)
    for problem in mention_problems(extracted):
        run.found("invariant", problem)
    run.stage = "resolve"
    (resolved,) = resolve([extracted])
    run.stage = "graph"
    for problem in graph_problems(article_quads(resolved)):
        run.found("invalid term", problem)


def _where(error: Exception) -> str:
    """The message and the innermost project frame of an exception."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/kg/" in f.filename]
    place = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno} {frames[-1].name}" if frames else ""
    return f"{str(error)[:200]}{place}"


class _time_limit:
    """Raise Timeout in the main thread after `seconds` (SIGALRM; no limit where there is none)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.usable = hasattr(signal, "setitimer") and seconds > 0

    def __enter__(self) -> None:
        if self.usable:
            signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *_: object) -> None:
        if self.usable:
            signal.setitimer(signal.ITIMER_REAL, 0)

    @staticmethod
    def _expired(signum: int, frame: FrameType | None) -> None:
        raise Timeout


def fuzz(
    numbers: Iterable[int] = range(500),
    seed: int = 0,
    timeout: float = 20.0,
    keep: Path | None = None,
    build: bool = True,
) -> Report:
    """Run the cases of these numbers for `seed`, then build their folder; what happened."""
    seeds = sorted(SEEDS.glob("*.txt"))
    report = Report()
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as temporary:
        folder = keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            case = make_case(seed, number, seeds)
            started = time.perf_counter()
            outcome, findings = run_case(case, folder, timeout)
            took = time.perf_counter() - started
            report.cases += 1
            report.outcomes[outcome] += 1
            report.findings += findings
            report.slowest = max(report.slowest, (took, number))
        if build:
            report.build = _build_all(folder, report)
    return report


def _build_all(folder: Path, report: Report) -> str:
    """kg.pipeline.build over every mutant, into an in-memory store."""
    from kg.pipeline import build
    from kg.store import KnowledgeStore

    try:
        built = build([folder], KnowledgeStore(None))
    except Exception as error:  # a crash of the build itself is the worst finding
        report.findings.append(Finding(-1, "build", type(error).__name__, _where(error)))
        return "crashed"
    return f"{built.articles} articles, {built.triples} triples, {len(built.problems)} problems"


def summary(report: Report, seed: int) -> str:
    lines = [f"fuzz: {report.cases} cases, seed {seed}"]
    lines += [f"  {count:5d} {outcome}" for outcome, count in sorted(report.outcomes.items())]
    took, number = report.slowest
    lines.append(f"  slowest case: {number} ({took:.2f} s)")
    if report.build:
        lines.append(f"  build of the folder: {report.build}")
    kinds: dict[tuple[str, str, str], list[int]] = {}
    for finding in report.findings:
        key = (finding.stage, finding.kind, re.sub(r"\d+", "N", finding.detail)[:160])
        kinds.setdefault(key, []).append(finding.case)
    lines.append(f"  findings: {len(report.findings)} ({len(kinds)} distinct)")
    for (stage, kind, detail), cases in sorted(kinds.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(map(str, sorted(set(cases))[:8]))
        lines.append(f"  {len(cases):5d} {stage} {kind}: {detail}  (cases {shown})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cases", type=int, default=500, help="how many cases (default 500, the nightly size)"
    )
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--case", type=int, help="run only this case number")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one case may take")
    parser.add_argument("--keep", type=Path, help="write the mutants to this folder and keep them")
    parser.add_argument("--no-build", action="store_true", help="skip the build of the whole folder")
    args = parser.parse_args(argv)
    numbers = [args.case] if args.case is not None else range(args.cases)
    report = fuzz(numbers, args.seed, args.timeout, args.keep, not args.no_build)
    print(summary(report, args.seed))
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
