"""What a section notebook's outputs tell the runner, read from the executed notebook.

Kept free of pandas: the notebook workers, which only orchestrate kernels and export HTML,
read it after each notebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

# Key in an output's metadata that names the recorded table (`display.record_table`).
META_KEY = "kuanalys"


def table_names(notebook: Path | nbformat.NotebookNode) -> list[str]:
    """Return the names of the tables a notebook showed, in order (no duplicates)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else notebook
    names: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get(META_KEY, {}).get("table")
            if name and name not in names:
                names.append(name)
    return names
