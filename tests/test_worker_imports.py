"""The notebook workers only orchestrate kernels and export HTML: they must not pay for pandas
and pandera at start-up (about 0,9 s of CPU each, measured for issue 7, figure 3)."""

from __future__ import annotations

import subprocess
import sys


def test_a_notebook_worker_imports_neither_pandas_nor_pandera():
    code = (
        "import sys\n"
        "from kuanalys.report.execute import skip_slow_optional_imports, run_section\n"
        "skip_slow_optional_imports()\n"
        "import papermill, nbformat\n"
        "from kuanalys.report.export import warm_up_exporter, notebook_fragment\n"
        "from kuanalys.report.output_meta import table_names\n"
        "warm_up_exporter()\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('# Rubrik')])\n"
        "notebook_fragment(nb, 'x'); table_names(nb)\n"
        "print(sorted(m for m in ('pandas', 'pandera') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
