"""Run one section notebook with papermill, in a worker process.

The kernel is the project's own: a kernelspec named `kuanalys` that starts *this*
interpreter (`sys.executable -m ipykernel_launcher`), written to a private folder that is put
first on `JUPYTER_PATH`. So a fresh venv or CI never meets "No such kernel", and a `kuanalys`
kernelspec installed by another checkout can never run the wrong code.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from kuanalys import config

INJECTED_TAG = "injected-parameters"


@dataclass
class NotebookResult:
    """What happened to one notebook: output path, time taken, and where it failed."""

    key: str
    source: Path
    output: Path
    ok: bool
    seconds: float
    error: str | None = None  # "KeyError: 'x'"
    cell_number: int | None = None  # 1-based position in the source notebook
    execution_count: int | None = None
    cell_source: str | None = None

    def describe_failure(self) -> str:
        """Swedish one-paragraph description naming the notebook and the failing cell."""
        where = f"cell {self.cell_number}" if self.cell_number else "okänd cell"
        if self.execution_count:
            where += f" (In [{self.execution_count}])"
        first_line = (self.cell_source or "").strip().splitlines()[:1]
        code = f"\n    {first_line[0]}" if first_line else ""
        return f"{self.source.name}: {where} misslyckades: {self.error}{code}\n    Körd notebook: {self.output}"


def write_kernelspec(folder: Path, name: str = config.KERNEL_NAME) -> Path:
    """Write a kernelspec `name` that runs this interpreter; return the JUPYTER_PATH folder."""
    spec_dir = Path(folder) / "kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "kuanalys (Python 3)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return Path(folder)


def _failing_cell(output: Path) -> tuple[int | None, int | None, str | None]:
    """Return (1-based source cell number, execution count, source) of the failed cell."""
    import nbformat

    try:
        nb = nbformat.read(str(output), as_version=4)
    except Exception:  # the output notebook may not exist if the kernel never started
        return None, None, None
    position = 0
    candidate = None
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "papermill-error-cell-tag" in tags:
            continue
        if INJECTED_TAG not in tags:
            position += 1
        pm = cell.get("metadata", {}).get("papermill", {})
        if cell.get("cell_type") != "code":
            continue
        if pm.get("exception") or any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return position, cell.get("execution_count"), cell.get("source")
        if pm.get("status") == "running" and candidate is None:
            candidate = (position, cell.get("execution_count"), cell.get("source"))
    return candidate or (None, None, None)


# Kernels started at the same moment in parallel processes can pick the same free TCP port
# (jupyter_client finds a port, releases it, then the kernel binds it): the kernel dies before it
# answers kernel_info with "Address already in use". Such a start is retried; no cell has run yet.
KERNEL_START_ATTEMPTS = 3
_KERNEL_START_MESSAGES = ("Kernel died before replying to kernel_info", "Address already in use",
                          "Kernel didn't respond in")


def is_kernel_start_failure(exc: BaseException) -> bool:
    """Return True for a failure to start the kernel (port clash), as opposed to a failing cell."""
    text = f"{type(exc).__name__}: {exc}"
    return any(m in text for m in _KERNEL_START_MESSAGES)


def execute_notebook(
    key: str,
    source: Path,
    output: Path,
    parameters: dict,
    *,
    jupyter_path: Path | None = None,
    kernel_name: str = config.KERNEL_NAME,
    cell_timeout: int = config.NOTEBOOK_CELL_TIMEOUT,
) -> NotebookResult:
    """Execute `source` into `output` with papermill; never raises for a failing notebook.

    `cell_timeout` is the most seconds one cell may run (`KUANALYS_CELL_TIMEOUT`, default 600;
    0 or less: no limit). A cell that runs longer fails the notebook with a Swedish message that
    names the limit; `NotebookResult.describe_failure` adds the notebook and the cell.
    """
    import papermill as pm

    if jupyter_path is not None:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            p for p in (str(jupyter_path), os.environ.get("JUPYTER_PATH", "")) if p
        )
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # nbclient logs "Timeout waiting for execute reply" and the kernel logs a traceback when it
    # is shut down mid-cell; the runner reports every failure itself, in Swedish.
    import logging

    for name in ("traitlets", "papermill", "nbclient", "NotebookClient"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    started = time.perf_counter()
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                pm.execute_notebook(
                    str(source),
                    str(output),
                    parameters=parameters,
                    kernel_name=kernel_name,
                    execution_timeout=cell_timeout if cell_timeout and cell_timeout > 0 else None,
                    progress_bar=False,
                    log_output=False,
                    cwd=str(Path(source).parent),
                )
                break
            except Exception as exc:  # noqa: BLE001
                if attempt == KERNEL_START_ATTEMPTS or not is_kernel_start_failure(exc):
                    raise
                time.sleep(0.2 * attempt + random.random() * 0.3)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a named result
        seconds = time.perf_counter() - started
        number, count, code = _failing_cell(Path(output))
        ename = getattr(exc, "ename", type(exc).__name__)
        evalue = getattr(exc, "evalue", str(exc).strip().splitlines()[-1:] or [""])
        if isinstance(evalue, list):
            evalue = evalue[0] if evalue else ""
        if type(exc).__name__ == "CellTimeoutError":
            evalue = (f"cellen tog längre tid än {cell_timeout} s och stoppades; notebooken kan ha hängt sig "
                      "(gränsen per cell ändras med KUANALYS_CELL_TIMEOUT)")
        if not Path(output).exists():
            code = code or "".join(traceback.format_exception_only(exc)).strip()
        return NotebookResult(key, Path(source), Path(output), False, seconds,
                              f"{ename}: {evalue}", number, count, code)
    return NotebookResult(key, Path(source), Path(output), True, time.perf_counter() - started)
