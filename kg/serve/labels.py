"""Readable names of the nodes a reader meets: award conferrals, figures, posts, articles, mentions.

The builder labels such nodes for machines ("Paritrana Award 2025", "14000 persons",
"Wali Kota (Maidi)") or not at all (an article's IRI ends in a hash). A reader needs what
tells one from the next: who, what, when. kg.serve.nodes reads the parts from the store;
these functions only put them together, so a node reads the same wherever it is shown
(entity pages, search results, the explorer).

Parts are keyed by the local name of the property they come from ("editionYear",
"recipient"); a linked node's part is already its label.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

Parts = Mapping[str, Sequence[str]]
UNIT_SIGNS = {"percent": "%"}
PERSONS = "pekerja"  # what an unsegmented head count counts, in the articles' own words
WORKER_KINDS = frozenset({"formal", "informal"})  # segments that qualify workers rather than name them
SENTENCE_CHARS = 90


def number_text(value: str) -> str:
    """A decimal as Indonesian writes it: "17487" -> "17.487", "48.50" -> "48,5"; other text unchanged."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    whole, _, fraction = format(number.normalize(), "f").partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    grouped = f"{int(digits):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def figure_value(parts: Parts) -> str:
    """A figure's number with its unit: "±14.000 pekerja", "48% pekerja informal", "17.487 pekerja rentan"."""
    value = _first(parts, "value")
    if not value:
        return ""
    approximate = "±" if _first(parts, "approximate") == "true" else ""
    sign = UNIT_SIGNS.get(_first(parts, "unit"), "")
    segment = _first(parts, "segment")
    if segment.casefold() in WORKER_KINDS:
        segment = f"{PERSONS} {segment}"
    counted = segment or (PERSONS if not sign else "")
    return f"{approximate}{number_text(value)}{sign}" + (f" {counted}" if counted else "")


def conferral_label(parts: Parts) -> str:
    """ "Paritrana Award 2025 · Kota Jambi (nominee)"; a winner's rank as "(winner #2)"."""
    head = " ".join(p for p in (_first(parts, "award"), _first(parts, "editionYear")) if p)
    result = " ".join(p for p in (_first(parts, "result"), _prefixed("#", _first(parts, "rank"))) if p)
    recipient = _first(parts, "recipient")
    return _joined(head, recipient) + (f" ({result})" if result else "")


def figure_label(parts: Parts) -> str:
    """ "Kota Mojokerto · 48% (2020)", "Kota X · 17.487 pekerja rentan (2023, target)"."""
    modality = _first(parts, "modality")
    notes = [p for p in (_first(parts, "refYear"), "" if modality in ("", "asserted") else modality) if p]
    return _joined(_first(parts, "subject"), figure_value(parts)) + (
        f" ({', '.join(notes)})" if notes else ""
    )


def post_label(parts: Parts) -> str:
    """ "Wali Kota · Kota Madiun"; a post in no place names its holder instead."""
    return _joined(_first(parts, "roleLabel"), _first(parts, "postIn") or _first(parts, "holder"))


def article_label(parts: Parts) -> str:
    """Its title; else outlet and date; else the name of the file it was read from (never its hash IRI)."""
    title = _first(parts, "title")
    if title:
        return title
    dated = _joined(_first(parts, "outlet"), _first(parts, "date"))
    return dated or PurePosixPath(_first(parts, "sourceFile")).name


def regulation_label(parts: Parts) -> str:
    """ "Perwal Nomor 46 Tahun 2017 · Kota Jambi": the builder's label and the issuer."""
    return _joined(_first(parts, "label"), _first(parts, "issuer"))


def mention_label(parts: Parts) -> str:
    anchor = _first(parts, "anchorText")
    return f"“{anchor}”" if anchor else ""


def sentence_label(parts: Parts) -> str:
    text = " ".join(_first(parts, "text").split())
    return text if len(text) <= SENTENCE_CHARS else text[: SENTENCE_CHARS - 1].rstrip() + "…"


COMPOSERS: dict[str, Callable[[Parts], str]] = {
    "AwardConferral": conferral_label,
    "CoverageFigure": figure_label,
    "Post": post_label,
    "Article": article_label,
    "Regulation": regulation_label,
    "Mention": mention_label,
    "Sentence": sentence_label,
}


def readable_label(cls: str, parts: Parts, fallback: str) -> str:
    """The label of a node of class `cls` (a local name): composed when the class asks for it."""
    composer = COMPOSERS.get(cls)
    return (composer(parts) if composer else "") or fallback


def _first(parts: Parts, name: str) -> str:
    found = parts.get(name)
    return min(found) if found else ""


def _prefixed(prefix: str, text: str) -> str:
    return prefix + text if text else ""


def _joined(*texts: str) -> str:
    return " · ".join(text for text in texts if text)
