"""Robustness of `kuanalys report`, tested with real processes:

* two runs started together on one output folder: one builds the report, the other stops at
  once with "En annan rapportkörning pågår …"; the final folder is a complete report;
* a TMPDIR of 150 characters (kernels on the ipc transport failed beyond 107 bytes);
* SIGINT (Ctrl-C to the whole process group) and SIGTERM while notebooks execute: exit
  130/143 with "Avbrutet …", the previous good report byte-identical, no temporary folder and
  no kernel left running;
* a hanging cell is stopped by KUANALYS_CELL_TIMEOUT, with notebook and cell named, exit 1;
* SIGKILL: the workers and kernels die with the run, and the next run cleans up;
* a period without any records is published with one warning line.

The runs use tiny stand-in notebooks (KUANALYS_ROOT points at a folder whose notebooks/ has one
small notebook per section), so a run takes a few seconds.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import openpyxl
import pytest
from conftest import sample_sections

from kuanalys import config
from kuanalys.atomic import FolderLocked, folder_lock

T2 = "2019-T2"
COMBINED = f"tertialrapport-{T2}.html"
KUANALYS = [sys.executable, "-c", "import sys; from kuanalys.cli import main; sys.exit(main())"]

pytestmark = pytest.mark.slow
SECTIONS = sample_sections()


def write_tiny_notebooks(root: Path, *, sleep_in: str | None = None, sleep_s: float = 120) -> Path:
    """Write one small notebook per section under root/notebooks; one may hang in cell 4."""
    folder = root / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    for stem in sorted({s.notebook.removesuffix(".ipynb") for s in SECTIONS}):
        params = nbformat.v4.new_code_cell('year = 2019\ntertial = 2\ndata_dir = ""\noutput_dir = ""\ngoal = 0')
        params.metadata["tags"] = ["parameters"]
        cells = [
            params,
            nbformat.v4.new_code_cell(
                "import pandas as pd\nfrom kuanalys.report.display import show\nfrom kuanalys.report.model import Table"
            ),
            nbformat.v4.new_markdown_cell(f"# Avsnitt {stem}"),
            nbformat.v4.new_code_cell(
                f'show(Table(f"t_{stem}_{{goal}}", "Tabell {stem}", pd.DataFrame({{"Kommun": ["Habo"], "Antal": [3]}})))'
            ),
        ]
        if stem == sleep_in:
            cells.insert(3, nbformat.v4.new_code_cell(f"import time\ntime.sleep({sleep_s})"))
        nb = nbformat.v4.new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{stem}.ipynb")
    return root


def _env(root: Path | None, tmpdir: Path, **extra: str) -> dict:
    env = {**os.environ, "TMPDIR": str(tmpdir), **extra}
    if root is not None:
        env["KUANALYS_ROOT"] = str(root)
    return env


def _start(out: Path, env: dict, period: tuple[str, str] = ("2019", "2"), **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *KUANALYS,
            "report",
            "--data",
            str(config.RAW_DATA_DIR),
            "--out",
            str(out),
            "--year",
            period[0],
            "--tertial",
            period[1],
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _kernels_of(root: Path) -> list[int]:
    """Kernel processes started for a run with KUANALYS_ROOT=root (read from /proc)."""
    marker = f"KUANALYS_ROOT={root}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"ipykernel" in (entry / "cmdline").read_bytes() and marker in (entry / "environ").read_bytes().split(
                b"\0"
            ):
                if (entry / "stat").read_text().split(") ")[1][:1] != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


# --- lock ------------------------------------------------------------------------------------
def test_lock_refuses_second_run_and_leaves_nothing(tmp_path):
    with folder_lock(tmp_path):
        with pytest.raises(FolderLocked, match=r"En annan rapportkörning pågår redan i .*Vänta tills den är klar"):
            with folder_lock(tmp_path):
                pass
    assert list(tmp_path.iterdir()) == []
    with folder_lock(tmp_path):  # free again
        pass


def test_concurrent_runs_on_one_folder(tmp_path):
    """Two `kuanalys report` processes on the same --out, started together."""
    out = tmp_path / "reports"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    root = write_tiny_notebooks(tmp_path / "root")
    procs = [_start(out, _env(root, tmpdir)) for _ in range(2)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in procs]
    codes = sorted(r[2] for r in results)
    # Validation takes a few seconds and the run after it longer, so the runs always overlap.
    assert codes == [0, 1], results
    for _stdout, stderr, code in results:
        assert "Traceback" not in stderr
        if code == 1:
            assert "En annan rapportkörning pågår redan" in stderr, stderr
    # The run that lost stopped at the lock; the folder holds one complete, consistent report.
    assert sorted(p.name for p in out.iterdir()) == [T2]
    report = out / T2
    names = {p.name for p in report.iterdir()}
    for s in SECTIONS:
        assert {f"{s.key}.html", f"{s.key}.ipynb"} <= names
    assert {COMBINED, "tabeller.xlsx"} <= names
    html = (report / COMBINED).read_text(encoding="utf-8")
    shown = set(re.findall(r'<table[^>]*\sdata-ku-table="([a-z0-9_]+)"', html))
    assert len(openpyxl.load_workbook(report / "tabeller.xlsx").sheetnames) - 1 == len(shown)
    assert list(tmpdir.iterdir()) == []


# --- signals ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def good_report(tmp_path_factory) -> Path:
    """A complete report from the tiny notebooks, made with a TMPDIR of 150 characters: the
    'last good report' of the signal tests."""
    base = tmp_path_factory.mktemp("good")
    root = write_tiny_notebooks(base / "root")
    tmpdir = base / ("t" * (150 - len(str(base)) - 1))
    tmpdir.mkdir()
    assert len(str(tmpdir)) == 150
    proc = _start(base / "reports", _env(root, tmpdir))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Error" not in err and list(tmpdir.iterdir()) == []
    return base / "reports" / T2


def test_a_150_character_tmpdir_gives_a_whole_report(good_report):
    assert {f"{s.key}.ipynb" for s in SECTIONS} <= {p.name for p in good_report.iterdir()}


def _start_hanging_run(tmp_path: Path, good_report: Path):
    """Copy the last good report into a fresh output folder, start a run whose 01_inledning hangs,
    and wait until its notebooks execute (papermill has written an output notebook to staging).

    Returns (out folder, hashes of the good report before, the running process).
    """
    import shutil

    out = tmp_path / "reports"
    shutil.copytree(good_report, out / T2)
    before = _hashes(out / T2)
    root = write_tiny_notebooks(tmp_path / "root", sleep_in="inledning")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    proc = _start(out, _env(root, tmpdir), start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.glob(f".{T2}.staging-*/01_inledning.ipynb")):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "notebookarna startade inte"
        time.sleep(0.1)
    return out, before, proc


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_run_keeps_last_good_report(tmp_path, good_report, signum):
    out, before, proc = _start_hanging_run(tmp_path, good_report)
    root, tmpdir = tmp_path / "root", tmp_path / "tmp"  # as made by _start_hanging_run
    time.sleep(2)
    with pytest.raises(FolderLocked):
        with folder_lock(out):
            pass
    sent = time.monotonic()
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the whole group
    else:
        proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    took = time.monotonic() - sent
    assert proc.returncode == (130 if signum == signal.SIGINT else 143), stderr
    assert "Avbrutet" in stderr and "orörd" in stderr
    assert "Traceback" not in stderr, stderr
    assert took < 15, f"avbrottet tog {took:.1f} s"
    # The last good report is byte-identical; nothing else is left in the output folder.
    assert _hashes(out / T2) == before
    assert sorted(p.name for p in out.iterdir()) == [T2]
    assert list(tmpdir.iterdir()) == [], "tillfälliga mappar finns kvar"
    deadline = time.monotonic() + 5
    while _kernels_of(root) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _kernels_of(root) == [], "kärnor lever kvar efter avbrottet"


# --- hung notebook ---------------------------------------------------------------------------
def test_hung_cell_is_stopped_by_timeout(tmp_path):
    out = tmp_path / "reports"
    root = write_tiny_notebooks(tmp_path / "root", sleep_in="bilagor", sleep_s=300)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    started = time.monotonic()
    # 20 s: far below the hung cell's 300 s, and far above what an ordinary cell (import pandas) takes
    # on a busy machine (3 s stopped those too, with two test runs sharing two cores)
    proc = _start(out, _env(root, tmpdir, KUANALYS_CELL_TIMEOUT="20"))
    stdout, stderr = proc.communicate(timeout=240)
    took = time.monotonic() - started
    assert proc.returncode == 1, stderr
    assert took < 200  # stopped, not waited out (300 s)
    assert "90_bilagor.ipynb: cell 4" in stderr, stderr
    assert "cellen tog längre tid än 20 s och stoppades" in stderr and "KUANALYS_CELL_TIMEOUT" in stderr
    assert "time.sleep(300)" in stderr or "import time" in stderr  # the cell's code is shown
    assert "Traceback" not in stderr
    partial = out / f"{T2}-ofullstandig"
    assert (partial / "01_inledning.html").exists() and (partial / "90_bilagor.ipynb").exists()
    assert "cellen tog längre tid än 20 s" in (partial / COMBINED).read_text(encoding="utf-8")
    assert not (out / T2).exists()
    assert sorted(p.name for p in out.iterdir()) == [f"{T2}-ofullstandig"]
    assert list(tmpdir.iterdir()) == []
    assert _kernels_of(root) == []


def test_killed_run_takes_workers_along_and_next_run_cleans_up(tmp_path, good_report):
    """SIGKILL cannot be caught: the workers die with the main process (PR_SET_PDEATHSIG), their
    kernels follow (ipykernel watches its parent), and the next run removes the staging folder."""
    out, before, proc = _start_hanging_run(tmp_path, good_report)
    root, tmpdir = tmp_path / "root", tmp_path / "tmp"  # as made by _start_hanging_run
    time.sleep(2)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while _kernels_of(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _kernels_of(root) == [], "kärnor lever kvar efter SIGKILL"
    assert _hashes(out / T2) == before
    assert list(out.glob(f".{T2}.staging-*")), "SIGKILL lämnar arbetsmappen (den städas av nästa körning)"
    # The next run cleans up and publishes.
    again = _start(out, _env(write_tiny_notebooks(tmp_path / "root2"), tmpdir))
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert sorted(p.name for p in out.iterdir()) == [T2]


def test_signals_held_delivers_a_signal_after_the_block_whichever_thread_it_reaches():
    import signal as sig
    import threading

    from kuanalys.report.signals import signals_held

    got: list[int] = []
    previous = sig.signal(sig.SIGTERM, lambda signum, frame: got.append(signum))
    try:
        with signals_held():
            sender = threading.Thread(target=os.kill, args=(os.getpid(), sig.SIGTERM))
            sender.start()
            sender.join()
            for _ in range(100):  # bytecode boundaries where a pending handler would run
                pass
            assert got == []
        assert got == [sig.SIGTERM]
    finally:
        sig.signal(sig.SIGTERM, previous)


def test_a_period_without_records_is_published_with_one_warning(tmp_path):
    out = tmp_path / "reports"
    root = write_tiny_notebooks(tmp_path / "root")
    proc = _start(out, _env(root, tmp_path), period=("2026", "1"))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("Varning:")]
    assert warnings == [
        "Varning: tertial 1 2026 (januari–april 2026) har inga poster i indata: inga möten, kurser, ansökningar "
        "eller ekonomiuppgifter och inget mätetal med resultat. Rapporten publiceras med tomma avsnitt; "
        "kontrollera perioden (--year, --tertial) och indatafilerna."
    ]
    assert (out / "2026-T1").is_dir()
