"""The report, in three layers:

* the model (`model`: Report → Chapter → Section → items) and its building: the chapter
  functions (`chapters`, `content`, `annual`, `structure`) and the sections (`sections`);
* the running: `runner`, `execute`, `signals`, `folders` (papermill on each section notebook,
  whose `display.show` hands its items over as data);
* the rendering (`render`: html, docx, xlsx, pdf), from the Report alone.

`run_report` is what `kuanalys report` calls; notebooks use `kuanalys.report.display`.
"""

from __future__ import annotations


def run_report(**kwargs) -> int:
    """Run the whole report; see `kuanalys.report.runner.run_report`. Returns the exit code."""
    from kuanalys.report.runner import run_report as _run

    return _run(**kwargs)


__all__ = ["run_report"]
