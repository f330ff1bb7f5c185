"""Run one section notebook with papermill, in a worker process of `kuanalys report`.

papermill starts a new kernel for the notebook (its default transport, TCP: nothing under TMPDIR,
so a TMPDIR of any length works) and shuts it down afterwards. A worker ignores SIGINT (Ctrl-C
reaches the whole process group; the main process stops the run with SIGTERM, on which nbclient
shuts the kernel down). On Linux a worker dies with the main process (PR_SET_PDEATHSIG), and its
kernel follows within a second (ipykernel exits when its parent is gone).
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from kuanalys import config

INJECTED_TAG = "injected-parameters"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def init_worker() -> None:
    """Set up a worker process: SIGINT ignored, killed with the main process (Linux), and
    papermill's and nbclient's log quiet (the runner reports failures itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    for name in ("traitlets", "papermill", "nbclient", "NotebookClient"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def kernel_name() -> str:
    """Return `kuanalys` (the venv's kernelspec, `make venv`) when it runs this interpreter, else
    `python3` (ipykernel's own kernel: this interpreter too)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv = KernelSpecManager().get_kernel_spec(config.KERNEL_NAME).argv
    except NoSuchKernel:
        return "python3"
    return config.KERNEL_NAME if argv[:1] == [sys.executable] else "python3"


def run_notebook(source: Path, output: Path, parameters: dict, cell_timeout: int) -> str | None:
    """Execute `source` into `output` with papermill in a new kernel; return None, or the Swedish
    error naming the failed cell. `cell_timeout`: the most seconds a cell may run (0: no limit)."""
    import papermill as pm

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
        where, code = failing_cell(Path(output))
        return f"{where} misslyckades: {_reason(exc, cell_timeout)}" + (f"\n    {code}" if code else "")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # nbclient's handlers stood in while it ran
    return None


def failing_cell(output: Path) -> tuple[str, str]:
    """Return ("cell 4 (In [3])", its first line of code): the cell with an error, else the last
    cell papermill started (stopped by a timeout or a dead kernel); the cell is numbered in the
    source notebook."""
    import nbformat

    try:
        cells = nbformat.read(str(output), as_version=4).cells
    except Exception:  # noqa: BLE001 - no output notebook: the kernel never started
        return "okänd cell", ""
    position, found = 0, None
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "papermill-error-cell-tag" in tags:
            continue
        position += INJECTED_TAG not in tags
        pm = cell.get("metadata", {}).get("papermill", {})
        if cell.get("cell_type") == "code" and pm.get("start_time"):
            found = (position, cell)
            if pm.get("exception") or any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                break
    if found is None:
        return "okänd cell", ""
    number, cell = found
    count = f" (In [{cell.execution_count}])" if cell.get("execution_count") else ""
    return f"cell {number}{count}", (cell.get("source", "").strip().splitlines() or [""])[0]


def _reason(exc: Exception, cell_timeout: int) -> str:
    """Return "KeyError: 'x'", or the cell timeout in Swedish."""
    if type(exc).__name__ == "CellTimeoutError":
        return (
            f"cellen tog längre tid än {cell_timeout} s och stoppades; notebooken kan ha hängt sig "
            "(gränsen per cell ändras med KUANALYS_CELL_TIMEOUT)"
        )
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", (str(exc).strip().splitlines() or [""])[-1])
    return f"{ename}: {evalue}"
