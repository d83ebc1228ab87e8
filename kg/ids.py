"""Identifiers as IRI path segments, and the check that two ids never share one IRI.

Every IRI the graph mints is the resource base plus slugs (kg/graph.py), so what a
slug folds together becomes one node. The slug keeps what tells names apart (letters
and digits of any script) and drops only what cannot be written plainly in an IRI.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Code points RFC 3987 allows unescaped in an IRI path (ucschar); other scripts' letters are
# all inside, but a few marks (variation selectors past U+E0100) are not.
UCSCHAR = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)
MODIFIERS = (0x02B0, 0x02FF)  # spacing modifier letters: apostrophes, tone and length marks
SEPARATORS = re.compile(r"[^a-z0-9.\u00a0-\U0010ffff]+")


def slug(text: str) -> str:
    """A readable, stable IRI segment: lower-case words joined by hyphens.

    Latin letters lose their accents ("Sémarang" -> "semarang", as a writer without
    accents would spell it) and other scripts keep their letters, so "Москва" and
    "東京" stay apart instead of both becoming "x". ASCII names give the same slug as
    they always did, so published IRIs do not move.
    """
    folded = ""
    for ch in unicodedata.normalize("NFKC", text):
        folded += _fold(ch, folded[-1:])
    return SEPARATORS.sub("-", folded.lower().replace("'", "")).strip("-.") or "x"


def _fold(ch: str, before: str) -> str:
    """A character as the slug writes it: ASCII as is, accented Latin as its ASCII letters.

    A character with no ASCII in its decomposition is kept when it is a letter, digit or
    mark that an IRI may hold, and dropped otherwise (typographic quotes, symbols). A
    mark is kept only on a kept letter of another script: on a Latin letter or a space
    it is an accent, which the ASCII spelling leaves out. Apostrophe-like modifier
    letters (U+02B0-U+02FF) go too, so "Maʼruf" and "Ma’ruf" are one name.
    """
    if ch.isascii():
        return ch
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    if plain:
        return plain
    category = unicodedata.category(ch)
    if category[0] == "M":
        return ch if before and not before.isascii() else ""
    if category[0] not in ("L", "N") or MODIFIERS[0] <= ord(ch) <= MODIFIERS[1]:
        return ""
    return ch if _in_iri(ch) else ""


def _in_iri(ch: str) -> bool:
    return any(low <= ord(ch) <= high for low, high in UCSCHAR)


@dataclass
class IdClaims:
    """The document ids read so far, by the slug their IRIs are made of.

    Two ids with one slug ("Berita A", "berita-a") would be one article node in the graph,
    the second silently merged into the first; the first one read keeps the IRI.
    """

    owners: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (doc id, source)

    def claim(self, doc_id: str, source: str) -> str | None:
        """None when the id's IRI is free (it is now taken), else why the id cannot be used."""
        key = slug(doc_id)
        if key not in self.owners:
            self.owners[key] = (doc_id, source)
            return None
        first_id, first_source = self.owners[key]
        if first_id == doc_id:
            return f"duplicate document id {doc_id!r} (first read from {first_source})"
        return f"document id {doc_id!r} would share its IRI with {first_id!r} from {first_source}"
