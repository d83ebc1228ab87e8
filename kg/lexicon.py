"""Loading of the data files under kg/data (lexicons, gazetteer, patterns).

Rules are fed by these files so that a new title, regulation kind or alias is a row
of data, not a change of code. Each file is read once per process.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path


def data_text(name: str) -> str:
    """The text of a file in kg/data."""
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def data_file(name: str) -> Path:
    """The path of a file in kg/data, for a reader that opens files itself (a model's weights)."""
    return Path(str(resources.files("kg").joinpath("data", name)))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV file in kg/data, as dicts; lines starting with '#' are comments."""
    lines = [line for line in data_text(name).splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    parsed = []
    for row in reader:
        if None in row:
            raise ValueError(f"kg/data/{name}: line {reader.line_num}: more fields than the header names")
        parsed.append({key: (value or "").strip() for key, value in row.items()})
    return tuple(parsed)


@cache
def words(name: str) -> frozenset[str]:
    """The non-empty, non-comment lines of a word-list file in kg/data."""
    return frozenset(
        line.strip() for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")
    )
