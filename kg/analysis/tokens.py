"""Tokens with character offsets: the unit every pattern of the analysis layer matches on.

Indonesian news writes numbers with dots for thousands and commas for decimals
("1.234", "55,5"), names with apostrophes and hyphens ("Ma'ruf", "JKK-JKM", "non-ASN"),
and abbreviations with dots ("Drs.", "S.H."). A token is a number (digits with inner
separators), a word (letters and digits, with inner apostrophes, hyphens and dots when
the dots stand between single letters or close an initial), or one punctuation mark.
The tokenizer is one regular expression: linear in the text, and fast enough that the
whole analysis layer stays well inside the extract stage's budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<number>\d+(?:[.,]\d+)*)(?![^\W\d_])         # 1.234 | 55,5 | 2023 (not the start of 2nd)
  | (?P<word>(?:[^\W\d_]\.){2,}                      # S.H. | M.M. | T.B.
           | [^\W\d_]+(?:['’\-][^\W_]+)*           # Ma'ruf | JKK-JKM | non-ASN | Rp (in Rp1,5)
           | [^\W_]+)                               # 2nd | 3G
  | (?P<punct>[^\w\s])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Token:
    """One token of the text; `start` and `end` index the text it came from.

    Not frozen: an article of a megabyte has some 200,000 tokens, and a frozen dataclass
    is made several times slower. Nothing changes a token once it is made.
    """

    index: int
    text: str
    start: int
    end: int
    kind: str  # number, word or punct
    lower: str  # case-folded once: every phrase and pattern compares it
    is_title: bool  # starts with a capital letter (Madiun, BPJS, Dinas); set once, read everywhere

    @property
    def is_upper(self) -> bool:
        """All capitals, as acronyms are written (BPJS, OPD), at least two letters."""
        return self.text.isupper() and sum(c.isalpha() for c in self.text) >= 2

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_punct(self) -> bool:
        return self.kind == "punct"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`; with `offset`, their offsets index a larger text `text` was cut from."""
    tokens = []
    for index, found in enumerate(_TOKEN.finditer(text)):
        kind = found.lastgroup or "punct"
        text_ = found.group()
        tokens.append(
            Token(
                index,
                text_,
                found.start() + offset,
                found.end() + offset,
                kind,
                text_.casefold(),
                text_[:1].isupper(),
            )
        )
    return tokens
