"""The built package runs its report outside a checkout: a wheel installed in a fresh venv
(dependencies from requirements/lock.txt) finds its notebooks and templates as package data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)


def test_installed_wheel_runs_the_report_outside_a_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ROOT)
    (wheel,) = wheels.glob("kuanalys-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "-r", ROOT / "requirements" / "lock.txt")
    _run(python, "-m", "pip", "install", "-q", "--no-deps", wheel)

    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "data" / "raw", work / "raw")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUANALYS_", "JUPYTER_", "PYTHON"))}
    result = subprocess.run(
        [str(venv / "bin" / "kuanalys"), "report", "--data", "raw", "--out", "reports", "--jobs", "2"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    (page,) = (work / "reports").glob("*/tertialrapport-*.html")  # the latest tertial in the data
    assert (page.parent / "tabeller.xlsx").exists()
    where = "import kuanalys, pathlib; print(pathlib.Path(kuanalys.__file__).parent)"
    installed = _run(python, "-c", where, cwd=work, env=env).stdout
    assert str(ROOT) not in installed  # the installed copy ran, not the checkout
