"""The documents of a report run: HTML pages, tabeller.xlsx, the Word draft and the PDF.

`write_documents` is the seam between the runner and the document side (docs/architecture.md).
This body adapts the output functions of main 6fd54ee: it reads each executed notebook once, in
the main process (its HTML fragment, the tables it recorded, the figures it showed). The
document-model branch replaces it with renderers of the `Report` model.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

from kuanalys.errors import KuanalysError
from kuanalys.report.sections import SectionRun


def _say(text: str) -> None:
    print(text, flush=True)


def _read(path: Path):
    """Return the executed notebook, or None where the run left none (or a broken one)."""
    import nbformat

    try:
        return nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - the section is then shown as failed, with its error
        return None


def _fragment(run: SectionRun, nb):
    """Return the section's HTML fragment, with an error box where its notebook failed."""
    from kuanalys.report.export import error_fragment, notebook_fragment

    fragment, reason = None, None
    if nb is not None:
        try:
            fragment = notebook_fragment(nb, run.section.anchor)
        except Exception as exc:  # noqa: BLE001 - shown in the report as the section's error
            reason = f"HTML kunde inte skapas: {exc}"
    if fragment is None or not fragment.headings:
        return error_fragment(
            run.section.key, reason or run.error or "Notebooken gav inget innehåll.", run.section.anchor
        )
    shown = (run.error or "").split("misslyckades: ", 1)[-1].splitlines()[0] if run.error else ""
    if not run.ok and html.escape(shown) not in fragment.html:  # a failure the notebook does not show itself
        fragment.html += (
            '<div class="ku-error" role="alert"><strong>Avsnittet kunde inte tas fram helt.</strong> '
            f"{html.escape(run.error or '')}</div>"
        )
    return fragment


def write_documents(staging: Path, runs: list[SectionRun], dataset, period, provenance, pdf: bool) -> bool:
    """Write the pages, tabeller.xlsx, the Word draft and (with `pdf`, when every section ran)
    the PDF into `staging` from the executed notebooks; return False if the PDF failed."""
    from kuanalys.report.chart_images import start_chart_images
    from kuanalys.report.combine import SectionOutput, combined_name, write_site
    from kuanalys.report.excel_tables import load_recorded, write_workbook
    from kuanalys.report.output_meta import chart_specs, table_names
    from kuanalys.report.recording import recorded_dir
    from kuanalys.report.word import write_report_word
    from kuanalys.scratch import make_scratch

    notebooks = [_read(r.notebook) for r in runs]
    scratch = make_scratch()
    # The Word draft's chart images: made in a child process while the HTML and Excel are written.
    images = start_chart_images([c for nb in notebooks if nb is not None for c in chart_specs(nb)], scratch / "diagram")
    try:
        _say("Skriver HTML, tabeller.xlsx och Word …")
        outputs = [
            SectionOutput(r.section.key, r.section.anchor, _fragment(r, nb), failed=not r.ok)
            for r, nb in zip(runs, notebooks)
        ]
        write_site(staging, outputs, provenance, period)
        tables, seen = [], set()  # one sheet per table, also when the report shows it twice
        for output, nb in zip(outputs, notebooks):
            for name in table_names(nb) if nb is not None else []:
                if name not in seen and (recorded_dir(staging) / f"{name}.parquet").is_file():
                    seen.add(name)
                    tables.append(load_recorded(staging, name, output.fragment.title))
        write_workbook(staging / "tabeller.xlsx", tables)
        data_dir = Path(dataset.files[0].path).parent if dataset.files else staging  # the settings' folder
        keys = [r.section.key for r in runs]
        for line in write_report_word(staging, keys, data_dir, period, provenance, images, {t.name: t for t in tables}):
            _say(line)
    finally:
        images.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(recorded_dir(staging), ignore_errors=True)
    if not pdf or not all(r.ok for r in runs):
        return True
    from kuanalys.report.pdf import print_pdf

    _say("Skriver PDF med headless Chromium …")
    html_path = staging / combined_name(period)
    try:
        print_pdf(html_path, html_path.with_suffix(".pdf"))
    except KuanalysError as exc:
        print(f"FEL: PDF kunde inte skrivas: {exc}", file=sys.stderr)
        return False
    return True
