"""The tertial report: display helpers for the notebooks, the papermill runner, the offline
HTML export, the Excel tables and the PDF.

`run_report` is what `kuanalys report` calls; notebooks use `kuanalys.report.display`.
"""

from __future__ import annotations


def run_report(**kwargs) -> int:
    """Run the whole report; see `kuanalys.report.runner.run_report`. Returns the exit code."""
    from kuanalys.report.runner import run_report as _run

    return _run(**kwargs)


__all__ = ["run_report"]
