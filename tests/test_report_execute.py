"""One section notebook with papermill (`execute.run_notebook`): a new kernel for each notebook,
a failure names its cell, a hung cell is stopped, and a TMPDIR of 150 characters works."""

from __future__ import annotations

import os
import subprocess
import sys

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


def _printed(path) -> list[str]:
    out = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in out.cells for o in c.get("outputs", [])).split()


def test_each_notebook_gets_a_new_kernel_with_its_own_parameters(tmp_path):
    probe = _notebook(
        tmp_path / "in.ipynb", "import os, sys\nprint(os.getpid(), x, 'left' in globals(), sys.executable)\nleft = 1"
    )
    assert execute.run_notebook(probe, tmp_path / "a.ipynb", {"x": 5}, 60) is None
    assert execute.run_notebook(probe, tmp_path / "b.ipynb", {"x": 6}, 60) is None
    (pid_a, x_a, left_a, python), (pid_b, x_b, left_b, _) = (
        _printed(tmp_path / "a.ipynb"),
        _printed(tmp_path / "b.ipynb"),
    )
    assert pid_a != pid_b and (x_a, x_b) == ("5", "6") and left_a == left_b == "False"
    assert python == sys.executable  # the kernel is this interpreter


def test_failing_cell_is_named_with_its_code(tmp_path):
    source = _notebook(tmp_path / "in.ipynb", "y = 2", 'raise KeyError("participants")')
    error = execute.run_notebook(source, tmp_path / "out.ipynb", {}, 60)
    assert error == "cell 3 (In [3]) misslyckades: KeyError: 'participants'\n    raise KeyError(\"participants\")"


def test_timeout_names_the_cell_that_ran(tmp_path):
    source = _notebook(tmp_path / "in.ipynb", "import time\ntime.sleep(60)", "z = 3")
    error = execute.run_notebook(source, tmp_path / "out.ipynb", {}, 2)
    assert error.startswith("cell 2 (In [2]) misslyckades: cellen tog längre tid än 2 s och stoppades")
    assert "KUANALYS_CELL_TIMEOUT" in error and "import time" in error


def test_a_150_character_tmpdir_works(tmp_path):
    # Kernels on the ipc transport put their sockets under TMPDIR; a Unix socket path is limited
    # to 107 bytes ("ZMQError: File name too long"). papermill's TCP transport has no such limit.
    tmpdir = tmp_path / ("t" * (150 - len(str(tmp_path)) - 1))
    tmpdir.mkdir()
    assert len(str(tmpdir)) == 150
    source = _notebook(tmp_path / "in.ipynb", "import tempfile\nprint(len(tempfile.gettempdir()))")
    code = (
        "import sys\nfrom kuanalys.report.execute import run_notebook\n"
        f"sys.exit(run_notebook({str(source)!r}, {str(tmp_path / 'out.ipynb')!r}, {{}}, 60) or 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(tmpdir)}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert _printed(tmp_path / "out.ipynb") == ["150"]
