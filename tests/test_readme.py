"""The README's two commands are the ones CI runs, word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The indented command lines of the README's "Two commands" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (\S.*)$", section, flags=re.M)


def test_the_readme_gives_two_commands_install_and_build_then_test() -> None:
    install, test = readme_commands()
    assert install.startswith("python3 -m venv .venv && ") and "kg build seeds/" in install
    assert "pip install --upgrade" not in install and "pytest" in test


def test_ci_runs_the_readme_commands_as_written_before_anything_else() -> None:
    lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert lines[:2] == readme_commands()
