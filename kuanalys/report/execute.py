"""Run one section notebook with papermill in a worker process of `kuanalys report`: a new
kernel each (papermill's default, over TCP: nothing under TMPDIR, whatever its length). A worker
ignores SIGINT (the main process stops the run with SIGTERM, on which nbclient shuts the kernel
down) and, on Linux, dies with the main process; its kernel then exits within a second."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill as pm
from jupyter_client.kernelspec import find_kernel_specs, get_kernel_spec

from kuanalys import config

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def init_worker(tmpdir: str) -> None:
    """Set up a worker: temporary files (kernels' connection files too) in the run's scratch folder
    `tmpdir`, SIGINT ignored, killed with the main process, papermill's and nbclient's log quiet."""
    os.environ["TMPDIR"] = tempfile.tempdir = tmpdir
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    for name in ("traitlets", "papermill", "nbclient"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def kernel_name() -> str:
    """Return `kuanalys` (the venv's kernelspec, `make venv`) when it runs this interpreter, else
    `python3` (ipykernel's own kernel: this interpreter too)."""
    ours = config.KERNEL_NAME in find_kernel_specs() and get_kernel_spec(config.KERNEL_NAME).argv[0] == sys.executable
    return config.KERNEL_NAME if ours else "python3"


def run_notebook(source: Path, output: Path, parameters: dict, cell_timeout: int) -> str | None:
    """Execute `source` into `output` with papermill in a new kernel; return None, or the Swedish
    error naming the failed cell. `cell_timeout`: the most seconds a cell may run (0: no limit)."""
    try:
        pm.execute_notebook(
            str(source),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name(),
            language="python",
            execution_timeout=cell_timeout if cell_timeout > 0 else None,
            progress_bar=False,
            cwd=str(Path(source).parent),
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # not its warning on TCP without keys
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes a named error
        last = (str(exc).strip().splitlines() or [""])[-1]
        reason = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', last)}"
        if type(exc).__name__ == "CellTimeoutError":
            reason = (
                f"cellen tog längre tid än {cell_timeout} s och stoppades; notebooken kan ha hängt sig "
                "(gränsen per cell ändras med KUANALYS_CELL_TIMEOUT)"
            )
        where, code = failing_cell(Path(output))
        return f"{where} misslyckades: {reason}" + "".join(f"\n    {line}" for line in code)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # nbclient's handlers stood in while it ran
    return None


def failing_cell(output: Path) -> tuple[str, list[str]]:
    """Return ("cell 4 (In [3])", [its first line of code]): the cell with an error, else the last
    cell papermill started (a timeout, a dead kernel), numbered as in the source notebook."""
    try:
        cells = nbformat.read(str(output), as_version=4).cells
    except Exception:  # noqa: BLE001 - no output notebook: the kernel never started
        cells = []
    position, found = 0, None
    for cell in (c for c in cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])):
        position += "injected-parameters" not in cell.metadata.get("tags", [])
        if cell.cell_type == "code" and cell.metadata.get("papermill", {}).get("start_time"):
            found = (position, cell)
            if cell.metadata.papermill.get("exception") or any(o.output_type == "error" for o in cell.outputs):
                break
    if found is None:
        return "okänd cell", []
    count = f" (In [{found[1].execution_count}])" if found[1].execution_count else ""
    return f"cell {found[0]}{count}", found[1].source.strip().splitlines()[:1]
