"""The report's documents, rendered from the `Report` alone: html, docx (the Word draft),
xlsx (tabeller.xlsx) and pdf. `write_documents` is what the runner calls."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from kuanalys.dataset import Dataset
from kuanalys.errors import KuanalysError
from kuanalys.report.model import report_from_runs
from kuanalys.report.sections import SectionRun


def write_documents(staging: Path, runs: list[SectionRun], dataset: Dataset, period, provenance, pdf: bool) -> bool:
    """Build the Report from the executed notebooks (items read from their outputs, never from HTML),
    render HTML, tabeller.xlsx, the Word draft (and with pdf the PDF) into staging; return False if the
    PDF failed. Prints its own progress lines in Swedish."""
    from kuanalys.report.chapters import cover
    from kuanalys.report.provenance import write_checksums
    from kuanalys.report.render.chart_images import start_chart_images
    from kuanalys.report.render.docx import write_report_word
    from kuanalys.report.render.html import combined_name, write_site
    from kuanalys.report.render.xlsx import write_workbook

    staging = Path(staging)
    report = report_from_runs(runs, cover(dataset, period))
    for run in runs:
        if run.ok:
            write_compact(Path(run.notebook))
    # The Word draft's chart images: the browser works while the HTML and Excel are written.
    with tempfile.TemporaryDirectory(prefix="kuanalys-diagram-") as folder:
        images = start_chart_images([c.spec for c in report.charts()], Path(folder))
        try:
            print("Skriver HTML, tabeller.xlsx och Word …", flush=True)
            write_site(staging, report, provenance, period)
            write_workbook(staging / "tabeller.xlsx", report)
            write_checksums(staging, provenance)
            for line in write_report_word(staging, report, period, provenance, images):
                print(line, flush=True)
        finally:
            images.stop()
    if not pdf or not all(run.ok for run in runs):
        return True
    from kuanalys.report.render.pdf import print_pdf

    print("Skriver PDF med headless Chromium …", flush=True)
    html_path = staging / combined_name(period)
    try:
        print_pdf(report, period, provenance, html_path, html_path.with_suffix(".pdf"))
    except KuanalysError as exc:
        print(f"FEL: PDF kunde inte skrivas: {exc}", file=sys.stderr)
        return False
    return True


def write_compact(notebook: Path) -> None:
    """Rewrite an executed notebook of the report folder as compact JSON. nbformat indents every line
    of every output, and the charts' and tables' data made the notebooks some 40 % of the folder's size
    (the annual report's: 1,5 MB indented, 0,9 MB compact); it stays the same valid notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    text = json.dumps(nb, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    notebook.write_text(text + "\n", encoding="utf-8")
