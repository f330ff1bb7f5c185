"""Section notebooks in a worker: its kernel talks over the `ipc` transport (no TCP port to
clash with a kernel started at the same moment), is kept for the worker's next notebook and
replaced after a failure, and a failure names the cell."""

from __future__ import annotations

import os

import nbformat
import pytest

from kuanalys.report import execute

pytestmark = pytest.mark.slow


def _notebook(path, *sources: str):
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, *(nbformat.v4.new_code_cell(s) for s in sources)])
    nbformat.write(nb, path)
    return path


@pytest.fixture()
def kernel_dir(tmp_path):
    folder = tmp_path / "k"
    folder.mkdir()
    execute.init_worker(str(execute.write_kernelspec(folder)))
    yield folder
    execute.stop_kernel()


def _printed(path) -> str:
    out = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in out.cells for o in c.get("outputs", []))


def test_kernel_uses_ipc_sockets_in_the_private_folder(tmp_path, kernel_dir):
    source = _notebook(
        tmp_path / "in.ipynb",
        "from ipykernel.connect import get_connection_info\ninfo = get_connection_info(unpack=True)\n"
        "print(info['transport'], info['ip'])",
    )
    result = execute.execute_notebook("k1", source, tmp_path / "out.ipynb", {"x": 2}, kernel_dir=kernel_dir)
    assert result.ok, result.error
    name = f"kernel-{os.getpid()}"  # one kernel per worker process
    assert _printed(tmp_path / "out.ipynb").split() == ["ipc", str(kernel_dir / name)]
    execute.stop_kernel()
    assert list(kernel_dir.glob(f"{name}*")) == []  # sockets and connection file removed with the kernel


def test_worker_keeps_its_kernel_and_replaces_it_after_a_failure(tmp_path, kernel_dir):
    show_pid = _notebook(tmp_path / "pid.ipynb", "import os\nprint(os.getpid(), x, 'leaked' in globals())\nleaked = 1")
    failing = _notebook(tmp_path / "fail.ipynb", "import os\nprint(os.getpid())", "1 / 0")

    def kernel_pid(name: str, notebook, x: int = 1) -> tuple[bool, str]:
        result = execute.execute_notebook(name, notebook, tmp_path / f"{name}.ipynb", {"x": x}, kernel_dir=kernel_dir)
        return result.ok, _printed(tmp_path / f"{name}.ipynb").split()

    ok1, (first, x1, _seen) = kernel_pid("a", show_pid, 5)
    ok2, (second, x2, seen) = kernel_pid("b", show_pid, 6)
    assert ok1 and ok2 and first == second  # the second notebook ran in the same kernel
    assert (x1, x2) == ("5", "6")  # with its own parameters
    assert seen == "False"  # and without the names the first one left
    ok3, (third,) = kernel_pid("c", failing)
    assert not ok3 and third == first
    ok4, (fourth, _x, _seen) = kernel_pid("d", show_pid)
    assert ok4 and fourth != first  # the failed notebook took its kernel along


def test_kernel_started_ahead_runs_the_first_notebook_with_the_modules_imported(tmp_path, kernel_dir):
    execute.start_kernel(kernel_dir, tmp_path)  # the runner's first task for each worker
    probe = _notebook(
        tmp_path / "probe.ipynb",
        "import os, sys\nprint(os.getpid(), 'kuanalys.report.chapters' in sys.modules, "
        "sorted(n for n in globals() if not n.startswith('_') and n not in ('In', 'Out', 'exit', 'quit', 'get_ipython', 'open', 'os', 'sys', 'x')))",
    )
    started = execute.worker_kernel(kernel_dir)
    assert started.has_kernel
    result = execute.execute_notebook("p", probe, tmp_path / "p.ipynb", {"x": 3}, kernel_dir=kernel_dir)
    assert result.ok, result.error
    pid, imported, names = _printed(tmp_path / "p.ipynb").split(maxsplit=2)
    assert int(pid) == started.provisioner.process.pid  # papermill used the kernel started ahead
    assert imported == "True" and names.strip() == "[]"  # modules there, no name bound in the namespace


def test_failing_cell_is_named(tmp_path, kernel_dir):
    source = _notebook(tmp_path / "in.ipynb", "y = 2", 'raise KeyError("participants")')
    result = execute.execute_notebook("k2", source, tmp_path / "out.ipynb", {}, kernel_dir=kernel_dir)
    assert not result.ok
    assert result.error == "KeyError: 'participants'" and result.cell_number == 3
    assert "out.ipynb: cell 3" in result.describe_failure()  # named by the executed notebook (the section key)


def test_timeout_names_the_cell_that_ran(tmp_path, kernel_dir):
    source = _notebook(tmp_path / "in.ipynb", "import time\ntime.sleep(60)", "z = 3")
    result = execute.execute_notebook("k3", source, tmp_path / "out.ipynb", {}, kernel_dir=kernel_dir, cell_timeout=2)
    assert not result.ok and result.cell_number == 2
    assert "cellen tog längre tid än 2 s" in result.error
