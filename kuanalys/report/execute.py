"""Run one section notebook with papermill, in a worker process of `kuanalys report`.

A worker keeps one kernel for the notebooks it runs: its first task (`start_kernel`) starts it
and imports the notebooks' modules while the runner validates the input, and papermill (nbclient)
gets it for each notebook (its `km`), so the report pays a kernel's start and imports once per
worker, not once per section. After each notebook the
kernel's namespace is reset (imported modules stay), so a notebook sees only the names it sets
itself, as in JupyterLab. A notebook that fails takes its kernel along (it may be stuck in a
cell), and a kernel that died is replaced: the next notebook starts a new one. The kernel is
this interpreter (`sys.executable -m ipykernel_launcher`, from a kernelspec the runner writes to
its private folder, found through `JUPYTER_PATH`), so a fresh venv never meets "No such kernel"
and another checkout's `kuanalys` kernel never runs.
Kernels talk to the worker over the `ipc` transport: Unix sockets in the run's private folder,
so kernels started at the same moment never compete for a TCP port.

A worker ignores SIGINT (Ctrl-C reaches the whole process group; the main process stops the
run). On SIGTERM (the main process stopping the run), and when the main process is gone however
it ended, the worker kills its kernel and exits. While a notebook runs, nbclient's own handlers
stand in (they shut the kernel down); the worker's are put back after each notebook.
"""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kuanalys import config

INJECTED_TAG = "injected-parameters"
# The modules the section notebooks import, imported by a kernel started ahead (leaving no name).
KERNEL_IMPORTS = "import kuanalys.report.annual, kuanalys.report.chapters, kuanalys.report.display\ndel kuanalys"


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
    charts: list[dict] = field(default_factory=list)  # figures shown (plotly JSON), for the Word draft's images

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


# --- the worker process ------------------------------------------------------------------------
def write_kernelspec(folder: Path, name: str = config.KERNEL_NAME) -> Path:
    """Write a kernelspec `name` that runs this interpreter under `folder`; return `folder`,
    the directory to put first on JUPYTER_PATH."""
    spec_dir = Path(folder) / "kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
            "--HistoryManager.hist_file=:memory:",  # as nbclient does: parallel kernels share no history file
        ],
        "display_name": "kuanalys (Python 3)",
        "language": "python",
        "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return Path(folder)


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing its optional IRI checker `rfc3987_syntax` in this process.

    nbformat (so papermill and nbconvert) imports jsonschema, whose format module imports
    `rfc3987_syntax` if it is installed (it comes with jupyterlab's dependencies); that module
    builds some 35 Lark parsers at import: 1,16 s of the 1,9 s that `import papermill` took here,
    and 3–5 s of 4–6 s on a loaded machine. No notebook schema uses the `iri` formats; marking
    the module as absent makes jsonschema skip it (its import is in a `suppress(ImportError)`).
    Upstream: python-jsonschema/jsonschema#1428.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


# "km": this worker's kernel manager, kept for its next notebook; "clients": the kernel clients
# papermill opened for the running notebook (closed after it); "worker": set in a notebook worker
_running: dict[str, Any] = {}


def init_worker(jupyter_path: str) -> None:
    """Set up a notebook worker: the run's kernelspec first on JUPYTER_PATH, SIGINT ignored,
    SIGTERM and the main process's end stop the kernel and the worker."""
    skip_slow_optional_imports()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (jupyter_path, os.environ.get("JUPYTER_PATH")) if p)
    _worker_signals()
    _running["worker"] = True
    atexit.register(stop_kernel)  # the pool is shut down: the worker's kernel ends with it
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_stop_with_parent, args=(parent.sentinel,), daemon=True).start()
    for name in ("traitlets", "papermill", "nbclient", "NotebookClient"):
        # nbclient logs timeouts and papermill its progress; the runner reports failures itself.
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _worker_signals() -> None:
    """SIGINT ignored, SIGTERM stops the kernel and the worker. Set again after each notebook:
    nbclient puts its own handlers in while a notebook runs and removes them afterwards."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: _stop())  # noqa: ARG005


def _stop_with_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    _stop()


def _stop() -> None:
    """Kill this worker's kernel, then end the worker at once."""
    km = _running.get("km")
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None:
        process.kill()
        process.wait()
    os._exit(1)


def stop_kernel() -> None:
    """Shut down this worker's kernel (after a failed notebook, and when the worker ends)."""
    from jupyter_core.utils import run_sync

    _close_clients()
    km = _running.pop("km", None)
    if km is not None and km.has_kernel:
        run_sync(km.shutdown_kernel)(now=True)


def _close_clients() -> None:
    for kc in _running.pop("clients", []):
        kc.stop_channels()


def worker_kernel(kernel_dir: Path):
    """Return this worker's kernel manager: the one its last notebook used if its kernel is
    alive, else a new one (papermill starts its kernel)."""
    from jupyter_core.utils import run_sync

    km = _running.get("km")
    if km is not None and km.has_kernel and not run_sync(km.is_alive)():
        stop_kernel()  # it died (out of memory, killed): the next notebook gets a new one
        km = None
    return km or _running.setdefault("km", kernel_manager(kernel_dir, f"kernel-{os.getpid()}"))


def start_kernel(kernel_dir: Path, cwd: Path) -> None:
    """Start this worker's kernel now, in `cwd`: the runner's first task for each worker, so the
    kernels start while the main process validates the input. A kernel that fails to start is
    left to the first notebook, which tries again and names the error."""
    from jupyter_core.utils import run_sync

    km = worker_kernel(kernel_dir)
    if km.has_kernel:
        return
    try:
        run_sync(km.start_kernel)(cwd=str(cwd))
        kc = km.client()
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)
        run_sync(kc.execute_interactive)(KERNEL_IMPORTS, silent=True, timeout=60, output_hook=lambda msg: None)
    except Exception:  # noqa: BLE001 - papermill starts it for the first notebook and reports why not
        stop_kernel()
    _close_clients()


def reset_namespace() -> bool:
    """Clear the kernel's names after a notebook (its imported modules stay), through the client
    papermill opened, and close the notebook's clients; return False if the kernel did not answer."""
    from jupyter_core.utils import run_sync

    clients = _running.get("clients", [])
    try:
        reply = run_sync(clients[-1].execute_interactive)(
            "get_ipython().reset(new_session=False)", store_history=False, timeout=60, output_hook=lambda msg: None
        )
        ok = reply["content"]["status"] == "ok"
    except Exception:  # noqa: BLE001 - a kernel that cannot be reset is replaced
        ok = False
    _close_clients()
    return ok


def kernel_manager(kernel_dir: Path, key: str):
    """Return a kernel manager for the `ipc` transport, its connection file and sockets in
    `kernel_dir` under the name `key`; it remembers the clients papermill opens (`_running`)."""
    from jupyter_client.manager import AsyncKernelManager

    class WorkerKernelManager(AsyncKernelManager):
        def client(self, **kwargs: Any):
            kc = super().client(**kwargs)
            _running.setdefault("clients", []).append(kc)
            return kc

    base = Path(kernel_dir) / key
    # The async manager, as nbclient would make: with a blocking one, its cell timeout never fires.
    return WorkerKernelManager(
        kernel_name=config.KERNEL_NAME, transport="ipc", ip=str(base), connection_file=f"{base}.json"
    )


# --- one notebook ------------------------------------------------------------------------------
def _failing_cell(output: Path) -> tuple[int | None, int | None, str | None]:
    """Return (1-based source cell number, execution count, source) of the failed cell: the cell
    with an error, else the last cell papermill started (stopped by a timeout or a dead kernel)."""
    import nbformat

    try:
        nb = nbformat.read(str(output), as_version=4)
    except Exception:  # the output notebook may not exist if the kernel never started
        return None, None, None
    position = 0
    last_started = None
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "papermill-error-cell-tag" in tags:
            continue
        if INJECTED_TAG not in tags:
            position += 1
        if cell.get("cell_type") != "code":
            continue
        found = (position, cell.get("execution_count"), cell.get("source"))
        pm = cell.get("metadata", {}).get("papermill", {})
        if pm.get("exception") or any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return found
        if pm.get("start_time"):
            last_started = found
    return last_started or (None, None, None)


def _failure(exc: Exception, cell_timeout: int) -> str:
    """Return the one-line error of a failed notebook: "KeyError: 'x'", or the timeout in Swedish."""
    if type(exc).__name__ == "CellTimeoutError":
        return (
            f"{type(exc).__name__}: cellen tog längre tid än {cell_timeout} s och stoppades; notebooken kan ha "
            "hängt sig (gränsen per cell ändras med KUANALYS_CELL_TIMEOUT)"
        )
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", (str(exc).strip().splitlines() or [""])[-1])
    return f"{ename}: {evalue}"


def execute_notebook(
    key: str,
    source: Path,
    output: Path,
    parameters: dict,
    *,
    kernel_dir: Path,
    cell_timeout: int = config.NOTEBOOK_CELL_TIMEOUT,
) -> NotebookResult:
    """Execute `source` into `output` with papermill; never raises for a failing notebook.

    `cell_timeout` is the most seconds one cell may run (`KUANALYS_CELL_TIMEOUT`, default 600;
    0 or less: no limit); a cell that runs longer fails the notebook with a Swedish message.
    The kernel's connection file and sockets go to `kernel_dir`.
    """
    import papermill as pm

    started = time.perf_counter()
    km = worker_kernel(kernel_dir)
    try:
        pm.execute_notebook(
            str(source),
            str(output),
            parameters=parameters,
            kernel_name=config.KERNEL_NAME,
            language="python",
            execution_timeout=cell_timeout if cell_timeout > 0 else None,
            progress_bar=False,
            cwd=str(Path(source).parent),
            km=km,
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes a named result
        number, count, code = _failing_cell(Path(output))
        if not Path(output).exists():
            code = code or "".join(traceback.format_exception_only(exc)).strip()
        seconds = time.perf_counter() - started
        stop_kernel()
        return NotebookResult(
            key, Path(source), Path(output), False, seconds, _failure(exc, cell_timeout), number, count, code
        )
    finally:
        if _running.get("worker"):
            _worker_signals()
    seconds = time.perf_counter() - started
    if not reset_namespace():
        stop_kernel()
    return NotebookResult(key, Path(source), Path(output), True, seconds)


def run_section(
    key: str,
    source: Path,
    output: Path,
    parameters: dict,
    anchor: str,
    *,
    kernel_dir: Path,
    cell_timeout: int = config.NOTEBOOK_CELL_TIMEOUT,
) -> NotebookResult:
    """Execute one section notebook and turn it into its HTML fragment, in the worker.

    Returns the NotebookResult with `fragment` (or `fragment_error`), the names of the tables
    the notebook recorded and the figures it showed.
    """
    import nbformat

    from kuanalys.report.export import notebook_fragment
    from kuanalys.report.output_meta import chart_specs, table_names

    result = execute_notebook(key, source, output, parameters, kernel_dir=kernel_dir, cell_timeout=cell_timeout)
    if result.output.exists():
        try:
            nb = nbformat.read(str(result.output), as_version=4)
            result.tables = table_names(nb)
            result.charts = chart_specs(nb)
            result.fragment = notebook_fragment(nb, anchor)
        except Exception as exc:  # noqa: BLE001 - shown in the report as the section's error
            result.fragment_error = f"HTML kunde inte skapas: {exc}"
    return result
