"""What a report notebook calls: `open_section` loads the data, `show` shows the items.

`show` displays each item for a person in JupyterLab (escaped HTML; a chart also in plotly's
own mimetype, which JupyterLab draws) and hands all of them over as data in one output of the
report's own mimetype (`model.ITEMS_MIMETYPE`, the items' JSON), which is what the report is
built from. Nothing is recorded beside the notebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from kuanalys.report import model as m
from kuanalys.report.suppression import apply_min_cell_size, apply_min_cell_size_chart

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


def open_section(
    *,
    year: int,
    tertial: int,
    data_dir: str | Path,
    output_dir: str | Path | None = None,
    snapshot_dir: str | Path | None = None,
    annual: bool = False,
):
    """Load the data; return (Dataset, Tertial), or with `annual` (the annual report,
    verksamhetsberättelsen) (Dataset, periods.Year(year)).

    The first code cell after a notebook's parameters calls this, so the same notebook runs in
    JupyterLab (snapshot_dir None: the workbooks are read) and under the report runner, which
    passes `snapshot_dir`: the input it validated, as Parquet. `data_dir` is a folder of
    workbooks or a processed folder from `kuanalys ingest`. `output_dir` is not used (kept so
    that older runners' parameters still fit).
    """
    from kuanalys.periods import Tertial, Year
    from kuanalys.processed import load_dataset, load_processed
    from kuanalys.scorecard import for_year

    # The run wrote and validated the snapshot seconds earlier: its schema check is not repeated.
    dataset = load_processed(Path(snapshot_dir), validate=False) if snapshot_dir else load_dataset(Path(data_dir))
    period = Year(int(year)) if annual else Tertial(int(year), int(tertial))
    return for_year(dataset, period.year), period


def _flatten(items: Iterable[object]) -> list:
    """Return the report items in order: strings become paragraphs, lists are opened, None left out."""
    out: list = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            if item.strip():
                out.append(m.Paragraph(item.strip()))
        elif isinstance(item, m.Chart):  # the figure as JSON once (plotly's to_json is slow)
            chart = apply_min_cell_size_chart(item)
            out.append(replace(chart, figure=chart.spec))
        elif isinstance(item, m.Table):
            out.append(apply_min_cell_size(item))
        elif isinstance(item, tuple(m.KINDS.values())):
            out.append(item)
        elif isinstance(item, Iterable):
            out += _flatten(item)
        else:
            raise TypeError(f"Kan inte visa {type(item).__name__} i rapporten.")
    return out


def show(*items: object) -> None:
    """Show report items (Heading, Paragraph or str, Table, Chart, KeyFigures, Comments, Note,
    GoalSummary, Cover, or lists of them) in order, and hand them over as data."""
    from IPython.display import display

    from kuanalys.report.render.html import details_html, item_html

    shown = _flatten(items)
    for item in shown:
        if isinstance(item, m.Chart):  # JupyterLab draws plotly's mimetype; the data table below it
            # No text/html beside it: chart_html is a container for the report page's plotly.js, which a
            # notebook does not load; it only held the figure's JSON a third time (report folder size).
            display({PLOTLY_MIMETYPE: item.spec, "text/plain": item.title}, raw=True)
            display({"text/html": details_html(item.data), "text/plain": ""}, raw=True)
        elif body := item_html(item):
            display({"text/html": body, "text/plain": ""}, raw=True)
    if shown:
        display({m.ITEMS_MIMETYPE: {"items": [i.to_json() for i in shown]}, "text/plain": ""}, raw=True)
