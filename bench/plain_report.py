"""The report's analyses and figures as one plain Python process: the baseline of figure 4.

Usage: python bench/plain_report.py DATA_DIR YEAR TERTIAL

Reads and validates the input once (as `kuanalys report` does), then runs the code cells of
every section notebook in this process, in a fresh namespace per notebook, with no kernel, no
papermill and no HTML export. `open_section` returns the dataset read once, and each shown
item (tables as HTML, charts as plotly JSON) is built exactly as in the report but kept in a
list instead of being sent to a notebook. Prints the number of items shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def notebook_code(path: Path) -> list[str]:
    """Return the source of the code cells of a notebook, without its parameters cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        source = cell["source"]
        cells.append("".join(source) if isinstance(source, list) else source)
    return cells


def main(data_dir: str, year: int, tertial: int) -> int:
    from kuanalys import config
    from kuanalys.loaders.folder import read_all
    from kuanalys.periods import Tertial
    from kuanalys.report import display
    from kuanalys.report.plan import report_sections

    dataset, problems = read_all(Path(data_dir))
    if dataset is None:
        print(problems.report(), file=sys.stderr)
        return 1
    period = Tertial(year, tertial)
    shown: list[dict] = []
    display._publish = lambda data, table_name=None: shown.append(data)  # keep, don't send
    display.open_section = lambda **kwargs: (dataset, period)
    for section in report_sections(dataset, period):
        namespace = {
            "year": year,
            "tertial": tertial,
            "data_dir": data_dir,
            "output_dir": None,
            "snapshot_dir": None,
            **section.parameters,
        }
        for code in notebook_code(config.NOTEBOOKS_DIR / section.notebook):
            exec(compile(code, f"{section.key}.ipynb", "exec"), namespace)  # noqa: S102 - our own notebooks
    print(f"{len(shown)} visade delar")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
