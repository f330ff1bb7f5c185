"""bench/: the plain-Python baseline runs the same shown items as the report, and the results
are written in Swedish with every missed target marked. (The timings themselves are never
asserted: `make bench` measures them.)"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from test_report_runner import build_sample_report

from kuanalys import config

BENCH = config.PROJ_ROOT / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_plain_baseline_shows_what_the_report_shows(tmp_path_factory):
    report = build_sample_report(tmp_path_factory)
    shown = sum(
        1
        for path in sorted(report.glob("[0-9]*.ipynb"))
        for cell in nbformat.read(str(path), as_version=4).cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "display_data"
    )
    proc = subprocess.run(
        [sys.executable, str(BENCH / "plain_report.py"), str(config.RAW_DATA_DIR), "2019", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{shown} visade delar"
    assert shown > 20


def test_results_mark_missed_targets_and_use_swedish_numbers(tmp_path):
    run = _module("run")
    figures = [
        run.Figure(1, "Inläsning", [("a", "1,00 s (0,90–1,10)")], 1.234, 1.3),
        run.Figure(3, "Parallellt", [("b", "2,00 s (2,00–2,00)")], 0.71, 0.65),
        run.Figure(7, "Minne", [("c", "243 MB (240–250)")], 243.4, 1024, unit="MB RSS"),
    ]
    inputs = run.Inputs({}, Path("x"), Path("y"), {"stor arbetsbok": 200_000}, (18, 60, 14))
    text = run.render(figures, inputs, 5, 125.0, "make bench")
    assert "| 1 | Inläsning | 1,23 × | ≤ 1,30 × | ja |" in text
    assert "| 3 | Parallellt | 0,71 × | ≤ 0,65 × | NEJ |" in text
    assert "| 7 | Minne | 243 MB | ≤ 1 024 MB | ja |" in text
    assert "| stor arbetsbok | 200 000 |" in text
    assert "2,1 min" in text

    results = tmp_path / "RESULTS.md"
    results.write_text(
        "gammalt\n<!-- Under denna rad skrivs inget om av bench/run.py. -->\nFöre och efter\n", encoding="utf-8"
    )
    run.write_results(text, results)
    written = results.read_text(encoding="utf-8")
    assert written.startswith("# Prestandamätning") and written.endswith("Före och efter\n")
    assert "gammalt" not in written

    readme = tmp_path / "README.md"
    readme.write_text("A\n<!-- prestanda:start -->\ngammal tabell\n<!-- prestanda:slut -->\nB\n", encoding="utf-8")
    run.update_readme(run.summary(figures, "make bench"), readme)
    new = readme.read_text(encoding="utf-8")
    assert new.startswith("A\n<!-- prestanda:start -->\nSenaste mätningen") and new.endswith(
        "<!-- prestanda:slut -->\nB\n"
    )
    assert "gammal tabell" not in new and "0,71 × (missat)" in new


def test_cpu_timeline_attributes_cpu_to_the_main_process_and_its_children():
    # A parent that waits while its child burns CPU: the child's time must land in the
    # children's column, the parent's in the main process's, and the summary must be written.
    child = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.6: pass"
    parent = (
        "import subprocess, sys, time; t = time.process_time()\nwhile time.process_time() - t < 0.4: pass\n"
        f"subprocess.run([sys.executable, '-c', {child!r}])"
    )
    proc = subprocess.run(
        [sys.executable, str(BENCH / "cpu_timeline.py"), "--step", "0.05", "--", sys.executable, "-c", parent],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [
        [float(v) for v in line.split()]
        for line in proc.stdout.splitlines()[1:]
        if line.strip() and line.split()[0][0].isdigit()
    ]
    steps = [b[0] - a[0] for a, b in zip([[0.0]] + rows, rows)]
    main_seconds = sum(r[2] * dt for r, dt in zip(rows, steps))
    child_seconds = sum(r[3] * dt for r, dt in zip(rows, steps))
    assert 0.25 < main_seconds < 0.8 and 0.4 < child_seconds < 1.0, (main_seconds, child_seconds)
    assert "Väggtid" in proc.stdout and "Slutkod 0." in proc.stdout
