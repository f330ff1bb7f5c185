"""Run one section notebook with papermill, in a worker process.

The kernel is the project's own: a kernelspec named `kuanalys` that starts *this*
interpreter (`sys.executable -m ipykernel_launcher`), written to a private folder that is put
first on `JUPYTER_PATH`. So a fresh venv or CI never meets "No such kernel", and a `kuanalys`
kernelspec installed by another checkout can never run the wrong code.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kuanalys import config

INJECTED_TAG = "injected-parameters"


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing its optional IRI checker `rfc3987_syntax` in this process.

    nbformat (so papermill and nbconvert) imports jsonschema, whose format module imports
    `rfc3987_syntax` if it is installed (it comes with jupyterlab's dependencies); that module
    builds some 35 Lark parsers at import and took 1,16 s of the 1,9 s that `import papermill`
    took here (python -X importtime). No notebook schema uses the `iri` formats, so the checker
    is never needed; marking the module as absent makes jsonschema skip it (its import is in a
    `suppress(ImportError)`). Upstream: python-jsonschema/jsonschema#1428.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def warm_up(jupyter_path: Path | None = None, snapshot_dir: Path | None = None) -> None:
    """Get a notebook worker ready ahead of its first notebook, while the main process is still
    reading the input: start its first kernel, import papermill and build nbconvert's exporter.

    `snapshot_dir` is where the run writes its processed copy of the input; the kernels inherit
    it (config.DATASET_SNAPSHOT_ENV) and read it instead of the workbooks.
    """
    skip_slow_optional_imports()
    use_jupyter_path(jupyter_path)
    if snapshot_dir is not None:
        os.environ[config.DATASET_SNAPSHOT_ENV] = str(snapshot_dir)
    start_spare_kernel()
    import papermill  # noqa: F401

    from kuanalys.report.export import warm_up_exporter

    warm_up_exporter()


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
    fragment: Any = None  # export.Fragment of the executed notebook (made in the worker)
    fragment_error: str | None = None
    tables: list[str] = field(default_factory=list)  # tables recorded for tabeller.xlsx, in order

    def describe_failure(self) -> str:
        """Swedish one-paragraph description naming the notebook and the failing cell."""
        where = f"cell {self.cell_number}" if self.cell_number else "okänd cell"
        if self.execution_count:
            where += f" (In [{self.execution_count}])"
        first_line = (self.cell_source or "").strip().splitlines()[:1]
        code = f"\n    {first_line[0]}" if first_line else ""
        # the executed notebook's name is the section's key: kapitel.ipynb runs once per goal
        name = Path(self.output).name if self.output else self.source.name
        return f"{name}: {where} misslyckades: {self.error}{code}\n    Körd notebook: {self.output}"


# Imported by the runner's kernels as they start (IPKernelApp.exec_lines, not stored in the
# history and without output), so that a kernel started ahead of its notebook has done the
# imports of the notebooks' first cell before that cell runs.
KERNEL_WARM_IMPORTS = (
    "kuanalys.report.content",
    "kuanalys.report.display",
    "kuanalys.processed",
    "pyarrow.parquet",
    "plotly.graph_objects",
)


def write_kernelspec(folder: Path, name: str = config.KERNEL_NAME) -> Path:
    """Write a kernelspec `name` that runs this interpreter; return the JUPYTER_PATH folder."""
    spec_dir = Path(folder) / "kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    warm = "; ".join(f"__import__({m!r})" for m in KERNEL_WARM_IMPORTS)
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
            f"--IPKernelApp.exec_lines=[{json.dumps(warm)}]",
        ],
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
_KERNEL_START_MESSAGES = (
    "Kernel died before replying to kernel_info",
    "Address already in use",
    "Kernel didn't respond in",
)


def is_kernel_start_failure(exc: BaseException) -> bool:
    """Return True for a failure to start the kernel (port clash), as opposed to a failing cell."""
    text = f"{type(exc).__name__}: {exc}"
    return any(m in text for m in _KERNEL_START_MESSAGES)


# --- kernels started ahead of their notebooks (one spare per worker) -------------------------
_spare: dict[str, Any] = {}


def use_jupyter_path(jupyter_path: Path | None) -> None:
    """Put the runner's private kernelspec folder first on JUPYTER_PATH (once)."""
    if jupyter_path is None:
        return
    paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    if str(jupyter_path) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(jupyter_path), *paths) if p)


def start_spare_kernel(kernel_name: str = config.KERNEL_NAME) -> None:
    """Start a kernel now for this worker's next notebook, unless one is waiting already.

    Starting returns at once; the kernel boots (and does its warm imports) while the worker does
    other work: the main process reads the input, or the worker's current notebook runs. A
    spare kernel left at the end is shut down when the worker exits.
    """
    if "km" in _spare:
        return
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # The async manager, as nbclient makes its own: with a blocking one, nbclient's cell timeout
    # never fires (seen here with nbclient 0.11).
    km = AsyncKernelManager(kernel_name=kernel_name)
    run_sync(km.start_kernel)()
    _spare["km"] = km
    if not _spare.get("atexit"):
        import atexit

        atexit.register(_shutdown_spare)
        _spare["atexit"] = True


def _shutdown(km) -> None:
    """Stop a kernel at once (it has nothing left to do)."""
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        run_sync(km.shutdown_kernel)(now=True)


def _shutdown_spare() -> None:
    km = _spare.pop("km", None)
    if km is not None:
        _shutdown(km)


def _take_kernel(kernel_name: str, start_next: bool):
    """Return the spare kernel if it is alive (else a new one); with `start_next`, start the
    next spare at once, to boot while this notebook runs."""
    from jupyter_core.utils import run_sync

    km = _spare.pop("km", None)
    if km is None or not run_sync(km.is_alive)():
        if km is not None:
            _shutdown(km)
        start_spare_kernel(kernel_name)
        km = _spare.pop("km")
    if start_next:
        start_spare_kernel(kernel_name)
    return km


def execute_notebook(
    key: str,
    source: Path,
    output: Path,
    parameters: dict,
    *,
    jupyter_path: Path | None = None,
    kernel_name: str = config.KERNEL_NAME,
    cell_timeout: int = config.NOTEBOOK_CELL_TIMEOUT,
    prestarted: bool = False,
    start_next: bool = False,
) -> NotebookResult:
    """Execute `source` into `output` with papermill; never raises for a failing notebook.

    `cell_timeout` is the most seconds one cell may run (`KUANALYS_CELL_TIMEOUT`, default 600;
    0 or less: no limit). A cell that runs longer fails the notebook with a Swedish message that
    names the limit; `NotebookResult.describe_failure` adds the notebook and the cell. With
    `prestarted`, the notebook runs in the worker's spare kernel (started ahead, see
    `start_spare_kernel`), and with `start_next` the next spare is started at once; otherwise
    papermill starts its own kernel.
    """
    import papermill as pm

    from kuanalys.report import engine

    use_jupyter_path(jupyter_path)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # nbclient logs "Timeout waiting for execute reply" and the kernel logs a traceback when it
    # is shut down mid-cell; the runner reports every failure itself, in Swedish.
    import logging

    for name in ("traitlets", "papermill", "nbclient", "NotebookClient"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    started = time.perf_counter()
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            km = _take_kernel(kernel_name, start_next) if prestarted else None
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
                    engine_name=engine.register(),
                    **({"km": km} if km is not None else {}),
                )
                break
            except Exception as exc:  # noqa: BLE001
                if attempt == KERNEL_START_ATTEMPTS or not is_kernel_start_failure(exc):
                    raise
                time.sleep(0.2 * attempt + random.random() * 0.3)
            finally:
                if km is not None:
                    _shutdown(km)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a named result
        seconds = time.perf_counter() - started
        number, count, code = _failing_cell(Path(output))
        ename = getattr(exc, "ename", type(exc).__name__)
        evalue = getattr(exc, "evalue", str(exc).strip().splitlines()[-1:] or [""])
        if isinstance(evalue, list):
            evalue = evalue[0] if evalue else ""
        if type(exc).__name__ == "CellTimeoutError":
            evalue = (
                f"cellen tog längre tid än {cell_timeout} s och stoppades; notebooken kan ha hängt sig "
                "(gränsen per cell ändras med KUANALYS_CELL_TIMEOUT)"
            )
        if not Path(output).exists():
            code = code or "".join(traceback.format_exception_only(exc)).strip()
        return NotebookResult(
            key, Path(source), Path(output), False, seconds, f"{ename}: {evalue}", number, count, code
        )
    return NotebookResult(key, Path(source), Path(output), True, time.perf_counter() - started)


def run_section(
    key: str,
    source: Path,
    output: Path,
    parameters: dict,
    anchor: str,
    *,
    jupyter_path: Path | None = None,
    cell_timeout: int = config.NOTEBOOK_CELL_TIMEOUT,
    start_next: bool = False,
) -> NotebookResult:
    """Execute one section notebook and turn it into its HTML fragment, in the worker.

    With `start_next`, a kernel for this worker's next notebook starts booting at once. Returns the NotebookResult with `fragment` (or `fragment_error`) and the names
    of the tables the notebook recorded.
    """
    from kuanalys.report.export import notebook_fragment
    from kuanalys.report.output_meta import table_names

    result = execute_notebook(
        key,
        source,
        output,
        parameters,
        jupyter_path=jupyter_path,
        cell_timeout=cell_timeout,
        prestarted=True,
        start_next=start_next,
    )
    if result.output.exists():
        try:
            import nbformat

            nb = nbformat.read(str(result.output), as_version=4)
            result.fragment = notebook_fragment(nb, anchor)
            result.tables = table_names(nb)
        except Exception as exc:  # noqa: BLE001 - shown in the report as the section's error
            result.fragment_error = f"HTML kunde inte skapas: {exc}"
    return result
