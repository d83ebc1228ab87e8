"""The published exports: every format from one call, and exports/ kept up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export.publish import PUBLISHED_FILES, publish, render
from kg.store import KnowledgeStore

EXPORTS = Path(__file__).resolve().parents[2] / "exports"


def test_publish_writes_every_format(seed_store: KnowledgeStore, tmp_path: Path) -> None:
    written = publish(seed_store, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(PUBLISHED_FILES.values())
    assert all(p.stat().st_size > 1000 for p in written)


@pytest.mark.parametrize(("fmt", "name"), sorted(PUBLISHED_FILES.items()))
def test_the_published_file_is_what_the_builder_makes_of_the_seeds(
    seed_store: KnowledgeStore, fmt: str, name: str
) -> None:
    published = EXPORTS / name
    assert published.is_file(), f"exports/{name} is missing: run `kg publish seeds/ --out exports/`"
    assert published.read_bytes() == render(seed_store, fmt), (
        f"exports/{name} is stale: run `kg publish seeds/ --out exports/`"
    )


def test_an_unknown_format_is_refused(seed_store: KnowledgeStore) -> None:
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        render(seed_store, "docx")
