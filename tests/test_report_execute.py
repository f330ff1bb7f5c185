"""One section notebook in a worker: its kernel talks over the `ipc` transport (no TCP port to
clash with a kernel started at the same moment), and a failure names the cell."""

from __future__ import annotations

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
    return folder


def test_kernel_uses_ipc_sockets_in_the_private_folder(tmp_path, kernel_dir):
    source = _notebook(
        tmp_path / "in.ipynb",
        "from ipykernel.connect import get_connection_info\ninfo = get_connection_info(unpack=True)\n"
        "print(info['transport'], info['ip'])",
    )
    result = execute.execute_notebook("k1", source, tmp_path / "out.ipynb", {"x": 2}, kernel_dir=kernel_dir)
    assert result.ok, result.error
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in out.cells for o in c.get("outputs", []))
    assert printed.split() == ["ipc", str(kernel_dir / "k1")]
    assert list(kernel_dir.glob("k1*")) == []  # sockets and connection file removed with the kernel


def test_failing_cell_is_named(tmp_path, kernel_dir):
    source = _notebook(tmp_path / "in.ipynb", "y = 2", 'raise KeyError("participants")')
    result = execute.execute_notebook("k2", source, tmp_path / "out.ipynb", {}, kernel_dir=kernel_dir)
    assert not result.ok
    assert result.error == "KeyError: 'participants'" and result.cell_number == 3
    assert "out.ipynb: cell 3" in result.describe_failure()  # the executed notebook, named by the section key


def test_timeout_names_the_cell_that_ran(tmp_path, kernel_dir):
    source = _notebook(tmp_path / "in.ipynb", "import time\ntime.sleep(60)", "z = 3")
    result = execute.execute_notebook("k3", source, tmp_path / "out.ipynb", {}, kernel_dir=kernel_dir, cell_timeout=2)
    assert not result.ok and result.cell_number == 2
    assert "cellen tog längre tid än 2 s" in result.error
