"""Layers point down: reading and checking the inputs never imports report code."""

import subprocess
import sys


def test_loaders_and_validation_import_no_report_code(tmp_path):
    code = (
        "import sys\n"
        "from kuanalys.loaders import read_all\n"
        f"read_all({str(tmp_path)!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith('kuanalys.report')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
