"""Tests cannot vanish: no test module skips itself when an import fails."""

import re
from pathlib import Path

TESTS = Path(__file__).parent
PATTERN = re.compile(r"allow_module_level\s*=\s*True|importorskip\(|except\s+ImportError")


def test_no_module_level_skips_on_import_errors():
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PATTERN.search(line)
    ]
    assert not found, "Tester som hoppas över när en import misslyckas:\n" + "\n".join(found)
