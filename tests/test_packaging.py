"""The wheel a user installs works on its own: ontology, shapes and saved queries ship inside it.

The wheel is built from this checkout without the network (no build isolation) and installed
into a fresh virtual environment, whose dependencies come from the running one through a
.pth line, so the test needs no package index. Commands run outside the checkout, so only
the installed copy of the package can be imported.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding the wheel of this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("kg_jamsostek-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    return env_dir / "bin"


def _kg(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "kg"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_installed_package_is_the_wheels(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import kg, kg.ontology; print(kg.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(installed.parent))


def test_saved_queries_and_shapes_work_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    built = _kg(installed, tmp_path, "build", str(ROOT / "seeds"), "--store", "kg", "-q")
    assert built.returncode == 0, built.stderr
    listed = _kg(installed, tmp_path, "queries")
    assert listed.returncode == 0 and "awards-by-year" in listed.stdout
    awards = _kg(installed, tmp_path, "query", "awards-by-year", "--store", "kg", "-f", "csv")
    assert awards.returncode == 0, awards.stderr
    assert "Paritrana Award" in awards.stdout
    validated = _kg(installed, tmp_path, "validate", "--store", "kg")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "conforms" in validated.stdout
