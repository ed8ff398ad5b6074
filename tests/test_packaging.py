"""The installable package: a wheel built from pyproject.toml carries the code and its data, and its
`upr-monitor` command runs the same verbs as `python3 -m upr_sheets` from any directory.

The wheel is built offline with the pinned setuptools (no build isolation) from a copy of the project, so
the checkout gets no build/ or egg-info folders; it is installed into a throw-away virtual environment that
sees the already installed dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ("upr_sheets/sources/demo.xlsx", "upr_sheets/checks/codes.toml",
              "upr_sheets/core/locale/messages.pot", "upr_sheets/core/locale/km/LC_MESSAGES/messages.po",
              "upr_sheets/core/locale/fr/LC_MESSAGES/messages.po",
              "upr_sheets/outputs/reports/templates/report.html.j2", "upr_sheets/authoring/suggest_rules/en.toml")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the project, built from a copy of pyproject.toml, README.md and upr_sheets/."""
    work = tmp_path_factory.mktemp("build")
    project = work / "project"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copy(ROOT / "README.md", project)
    shutil.copytree(ROOT / "upr_sheets", project / "upr_sheets", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "--wheel-dir", str(work / "dist"), str(project)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    (built,) = (work / "dist").glob("upr_monitor-*.whl")
    return built


def test_the_wheel_holds_every_module_and_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "upr_sheets").rglob("*.py")}
    assert modules - names == set()
    assert set(DATA_FILES) - names == set()
    assert not [n for n in names if n.startswith(("tests/", "pages/", "benchmarks/"))]


def test_the_wheel_declares_the_console_command(wheel: Path) -> None:
    (entry_points,) = [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith("entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]" in text and "upr-monitor = upr_sheets.cli:main" in text


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `upr-monitor` command of the wheel, installed into a fresh virtual environment."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return env_dir / "bin" / "upr-monitor"


def _run(command: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPR_MONITOR_")}
    env["PYTHONPATH"] = ""  # the installed copy, not the checkout
    return subprocess.run([str(command), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_installed_command_works_from_another_directory(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    shutil.copy(ROOT / "config" / "settings.toml", tmp_path / "config" / "settings.toml")
    done = _run(installed, "summary", "demo", "--cycle", "2", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["recommendations"], figures["by_response"]["Accepted"], figures["by_response"]["Noted"]) == (
        205, 163, 42)
    where = _run(installed.parent / "python", "-c", "import upr_sheets; print(upr_sheets.__file__)", cwd=tmp_path)
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout


def test_the_installed_command_says_when_it_has_no_settings(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, "check", "demo", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"Settings error: {tmp_path / 'config' / 'settings.toml'}: settings file not found"
