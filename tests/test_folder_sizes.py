"""Issue 27: every report folder is at most 6 MB (README: "Hela mappen är högst 6 MB"), measured
on real report runs of the bundled sample: T2 2019, T3 2024 and the annual report 2024 (the
session's shared runs, without the PDF), and the annual report, the biggest, once more with --pdf
(a PDF run costs a minute).
Also: the executed notebooks are written as compact JSON, still valid notebooks."""

import json

import nbformat
import pytest
from conftest import _report_run

pytestmark = pytest.mark.slow  # three report runs, shared by the session (conftest)

LIMIT = 6_000_000  # bytes: 6 MB


def folder_size(folder) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("fixture", ["t2_2019_report", "t3_2024_report", "annual_2024_report"])
def test_report_folder_is_at_most_6_mb(fixture, request):
    folder = request.getfixturevalue(fixture)
    sizes = sorted(((p.stat().st_size, p.name) for p in folder.iterdir() if p.is_file()), reverse=True)
    assert folder_size(folder) <= LIMIT, f"{folder.name}: {folder_size(folder):,} byte; störst: {sizes[:5]}"


def test_annual_report_folder_with_pdf_is_at_most_6_mb(tmp_path_factory):
    folder = _report_run(tmp_path_factory, "2024-pdf", ["--year", "2024", "--helar", "--jobs", "2", "--pdf"]) / (
        "reports/2024"
    )
    assert (folder / "verksamhetsberattelse-2024.pdf").is_file()
    sizes = sorted(((p.stat().st_size, p.name) for p in folder.iterdir() if p.is_file()), reverse=True)
    assert folder_size(folder) <= LIMIT, f"{folder.name}: {folder_size(folder):,} byte; störst: {sizes[:5]}"


def test_executed_notebooks_are_compact_and_valid(annual_2024_report):
    for path in annual_2024_report.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "\n " not in text, f"{path.name} är indenterad"
        nbformat.validate(nbformat.reads(text, as_version=4))
        assert json.loads(text)["cells"]
