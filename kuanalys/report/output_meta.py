"""What a section notebook's outputs tell the documents, read from the executed notebook:
the tables it recorded and the figures it showed (`render.write_documents`, in the main process)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

# Key in an output's metadata that names the recorded table (`display.record_table`).
META_KEY = "kuanalys"
# plotly's own mimetype: a chart's figure (data and layout) in its display bundle (`display.show_chart`).
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
# Tags of cells whose outputs never reach the report (`export.HIDDEN_TAGS`).
HIDDEN = {"papermill-error-cell-tag", "parameters", "injected-parameters", "hide"}


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


def chart_specs(notebook: nbformat.NotebookNode) -> list[dict]:
    """Return the figures (plotly JSON) a notebook showed, in order: what the Word draft's chart
    images are made from (`word_items` finds the same charts; the Word writer checks they match)."""
    return [
        dict(output["data"][PLOTLY_MIMETYPE])
        for cell in notebook.cells
        if cell.get("cell_type") == "code" and not HIDDEN & set(cell.get("metadata", {}).get("tags", []))
        for output in cell.get("outputs", [])
        if output.get("output_type") in ("display_data", "execute_result") and PLOTLY_MIMETYPE in output.get("data", {})
    ]
