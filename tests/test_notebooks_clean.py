"""The notebooks are committed clean: no outputs, no execution counts, a `parameters` cell first,
the project's kernel, and thin code (calls into kuanalys, no logic)."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from conftest import sample_sections

SECTIONS = sample_sections()

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
PARAMETERS = {"year", "tertial", "data_dir", "output_dir"}


def test_sample_sections_are_the_planned_ones(sample_ds):
    """conftest writes out the sample's T2 2019 sections (so collecting loads no data): as planned."""
    from kuanalys.periods import Tertial
    from kuanalys.report.sections import report_sections

    assert report_sections(sample_ds, Tertial(2019, 2)) == SECTIONS


def test_every_section_has_a_notebook():
    assert {p.stem for p in NOTEBOOKS} >= {s.notebook.removesuffix(".ipynb") for s in SECTIONS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {i} har utdata; rensa före commit"
            assert cell.execution_count is None, f"{path.name}: cell {i} har körnummer"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_tagged_parameters(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), f"{path.name}: första kodcellen saknar taggen parameters"
    assigned = {t.id for node in ast.parse(first.source).body if isinstance(node, ast.Assign) for t in node.targets}
    assert PARAMETERS <= assigned
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_the_project_kernel(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "kuanalys"


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if p.stem in {s.notebook.removesuffix(".ipynb") for s in SECTIONS}],
    ids=lambda p: p.name,
)
def test_section_notebooks_are_thin(path):
    """After the setup cell, each code cell is one call (show(...)) and no loops or definitions."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"][2:]
    for cell in code:
        tree = ast.parse(cell.source)
        assert len(tree.body) == 1, f"{path.name}: {cell.source!r} ska vara ett enda anrop"
        assert isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Call)
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    # A chapter heading in Markdown, or (kapitel.ipynb) headings from the data, shown with show(...)
    headings = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
    assert headings or any("goal_chapter" in c.source for c in code)
    assert any(w in markdown for w in (" och ", " är ", " för "))  # Swedish narrative
