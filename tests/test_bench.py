"""bench/: the results are written in Swedish with every missed target marked, the memory figure
sees the memory of a command's child processes, and the stock-tools side runs every section of
the report. (The timings themselves are never asserted: `make bench` measures them.)"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kuanalys import config

BENCH = config.PROJ_ROOT / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_results_mark_missed_targets_and_use_swedish_numbers(tmp_path):
    run = _module("run")
    figures = [
        run.Figure(2, "Mot standardverktygen", [("b", "40,0 s")], 0.51, 0.5),
        run.Figure(3, "20 år", [("a", "12,0 s (11,0–13,0)")], 1.234, 1.5),
        run.Figure(4, "load_processed", [("c", "0,140 s")], 0.1404, 0.5, unit="s"),
        run.Figure(6, "Minne", [("d", "1 243 MB")], 1243.4, 1024, unit="MB"),
        run.Figure(8, "Storlek", [("e", "1,62 MB")], 1.62, 2.0, unit="MB"),
    ]
    text = run.render(figures, {"20 år": 45_123}, 3, 125.0, "make bench")
    assert "| 2 | Mot standardverktygen | 0,51 × | ≤ 0,5 × | NEJ |" in text
    assert "| 3 | 20 år | 1,23 × | ≤ 1,5 × | ja |" in text
    assert "| 4 | load_processed | 0,140 s | < 0,5 s | ja |" in text
    assert "| 6 | Minne | 1 243 MB | ≤ 1 024 MB | NEJ |" in text
    assert "| 8 | Storlek | 1,62 MB | ≤ 2 MB | ja |" in text
    assert "| 20 år | 45 123 |" in text and "2,1 min" in text

    results = tmp_path / "RESULTS.md"
    results.write_text(f"gammalt\n{run.MARKER}\nFöre och efter\n", encoding="utf-8")
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
    assert "gammal tabell" not in new and "0,51 × (missat)" in new and "1,23 × |" in new


def test_peak_memory_counts_the_commands_child_processes():
    # The parent stays small; a child holds 200 MB for a moment: the figure must see it.
    run = _module("run")
    child = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(0.6)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    seconds, peak, largest = run.run_process([sys.executable, "-c", parent], memory=True)
    assert 200 * run.MB < largest <= peak < 600 * run.MB, (largest / run.MB, peak / run.MB)
    assert seconds > 0.5
    assert run.run_process([sys.executable, "-c", "pass"])[1:] == (0, 0)  # not sampled unless asked
    with pytest.raises(SystemExit, match="avslutades med 3"):
        run.run_process([sys.executable, "-c", "import sys; sys.exit(3)"])


def test_stock_tools_run_every_section_notebook_then_convert_each(tmp_path, sample_ds):
    from kuanalys.periods import choose_period
    from kuanalys.report.sections import report_sections

    run = _module("run")
    commands = run.stock_commands(config.RAW_DATA_DIR, tmp_path)
    dataset = sample_ds
    sections = report_sections(dataset, choose_period(dataset, run.YEAR, run.TERTIAL))
    papermill, nbconvert = commands[: len(sections)], commands[len(sections) :]
    assert len(sections) > 5 and len(nbconvert) == len(sections)
    for s, pm, nb in zip(sections, papermill, nbconvert, strict=True):
        assert Path(pm[0]).name == "papermill" and Path(pm[1]).is_file() and Path(pm[1]).name == s.notebook
        params = json.loads(pm[4])
        assert params["year"] == 2019 and params["tertial"] == 2 and params.items() >= s.parameters.items()
        assert nb[1:] == ["nbconvert", "--to", "html", "--no-input", pm[2]]


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
