"""Display helpers for the report notebooks: tables, charts, key figures and comments.

Each helper shows its item in the notebook and, when the section was opened with an
`output_dir`, records the raw table there for tabeller.xlsx. Everything that came from a
spreadsheet is HTML-escaped before it is shown.

Charts keep JupyterLab's native plotly rendering: the display bundle carries plotly's own
mimetype (`application/vnd.plotly.v1+json`, drawn by JupyterLab) and an HTML container with
the figure as JSON (drawn in the exported report by one inline copy of plotly.js).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kuanalys.report.items import Chart, Comments, Cover, Heading, KeyFigure, KeyFigures, Table  # noqa: F401
from kuanalys.report.markup import (  # noqa: F401 - the report's HTML, used by notebooks and exports through here
    PLOTLY_CONFIG,
    chart_html,
    comments_html,
    details_html,
    esc,
    figure_spec,
    figure_title,
    key_figures_html,
    table_html,
)
from kuanalys.report.output_meta import META_KEY, PLOTLY_MIMETYPE
from kuanalys.report.recording import TABLES_SUBDIR, record_table, recorded_dir, set_output_dir  # noqa: F401
from kuanalys.report.suppression import (  # noqa: F401
    SUPPRESSED,
    apply_min_cell_size,
    apply_min_cell_size_chart,
    is_suppressed,
    mask_figure,
    min_cell_size,
    suppressed_rows,
    suppression_note,
)


# --- section context ----------------------------------------------------------------------
def open_section(
    *,
    year: int,
    tertial: int,
    data_dir: str | Path,
    output_dir: str | Path | None = None,
    snapshot_dir: str | Path | None = None,
    annual: bool = False,
):
    """Load the data and set where tables are recorded; return (Dataset, Tertial), or with
    `annual` (the annual report, verksamhetsberättelsen) (Dataset, periods.Year(year)).

    The first code cell after a notebook's parameters calls this, so the same notebook runs in
    JupyterLab (output_dir and snapshot_dir None: the workbooks are read, nothing recorded) and
    under the report runner, which passes `snapshot_dir`: the input it validated, as Parquet.
    `data_dir` is a folder of workbooks or a processed folder from `kuanalys ingest`.
    """
    from kuanalys.periods import Tertial, Year
    from kuanalys.processed import load_dataset, load_processed

    set_output_dir(output_dir)
    # The run wrote and validated the snapshot seconds earlier: its schema check is not repeated.
    dataset = load_processed(Path(snapshot_dir), validate=False) if snapshot_dir else load_dataset(Path(data_dir))
    from kuanalys.scorecard import for_year

    period = Year(int(year)) if annual else Tertial(int(year), int(tertial))
    return for_year(dataset, period.year), period


# --- showing in the notebook -----------------------------------------------------------------
def _publish(data: dict[str, Any], table_name: str | None = None, **meta: str) -> None:
    """Publish one output; `table_name` and `meta` go to its metadata under META_KEY, where
    the Excel and Word writers read them (table, text="lead"/"analys", title, missing_text)."""
    from IPython.display import display

    if table_name:
        meta = {"table": table_name, **meta}
    display(data, raw=True, metadata={META_KEY: meta} if meta else {})


def _plain(table: Table) -> str:
    return f"{table.title}\n{table.frame.to_string(index=False)}"


def show_table(table: Table) -> None:
    """Show a table (escaped HTML, Swedish numbers) and record it for tabeller.xlsx."""
    table = apply_min_cell_size(table)
    record_table(table)
    _publish({"text/html": table_html(table), "text/plain": _plain(table)}, table.name)


def show_chart(chart: Chart) -> None:
    """Show a chart (JupyterLab: native plotly; report: offline HTML) and its data table."""
    chart = apply_min_cell_size_chart(chart)
    spec = figure_spec(chart.figure, chart.name)
    _publish(
        {
            PLOTLY_MIMETYPE: spec,
            "text/html": chart_html(chart),
            "text/plain": figure_title(chart.figure) or chart.data.title,
        }
    )
    record_table(chart.data)
    _publish({"text/html": details_html(chart.data), "text/plain": _plain(chart.data)}, chart.data.name)


def show_key_figures(figures: KeyFigures) -> None:
    """Show key figures as cards and record them as a table."""
    table = figures.as_table()
    record_table(table)
    _publish({"text/html": key_figures_html(figures), "text/plain": _plain(table)}, table.name)


def show_comments(comments: Comments) -> None:
    """Show analysts' comments. Where there are none the page shows nothing, and the output
    only marks the place (metadata `missing_text`) where the Word draft asks for the text."""
    body = comments_html(comments)
    if body:
        _publish({"text/html": body, "text/plain": "\n\n".join(comments.texts)}, text="analys", title=comments.title)
    else:
        _publish({"text/html": "<!-- text saknas -->", "text/plain": ""}, missing_text=comments.title or "Analys")


def show_text(text: str) -> None:
    """Show a generated sentence or paragraph (escaped) as part of the narrative."""
    if text and text.strip():
        _publish({"text/html": f'<p class="ku-lead">{esc(text.strip())}</p>', "text/plain": text}, text="lead")


def show_heading(heading: Heading) -> None:
    """Show a heading as HTML <h1>–<h3> (and Markdown), so the exports see it like a Markdown heading."""
    level = min(max(int(heading.level), 1), 3)
    _publish(
        {
            "text/html": f"<h{level}>{esc(heading.text)}</h{level}>",
            "text/markdown": f"{'#' * level} {heading.text}",
            "text/plain": heading.text,
        },
    )


def show_cover(cover: Cover) -> None:
    """Show the cover block: one line per (kind, text), the first as the title."""
    lines = "".join(f'<p class="ku-cover-{esc(kind)}">{esc(text)}</p>' for kind, text in cover.lines if text)
    _publish(
        {"text/html": f'<header class="ku-cover">{lines}</header>', "text/plain": "\n".join(t for _, t in cover.lines)}
    )


def show(*items: object) -> None:
    """Show one or more report items (Table, Chart, KeyFigures, Comments, str) in order."""
    for item in items:
        if item is None:
            continue
        if isinstance(item, Heading):
            show_heading(item)
        elif isinstance(item, Cover):
            show_cover(item)
        elif isinstance(item, Chart):
            show_chart(item)
        elif isinstance(item, Table):
            show_table(item)
        elif isinstance(item, KeyFigures):
            show_key_figures(item)
        elif isinstance(item, Comments):
            show_comments(item)
        elif isinstance(item, str):
            show_text(item)
        elif isinstance(item, Iterable):
            show(*item)
        else:
            raise TypeError(f"Kan inte visa {type(item).__name__} i rapporten.")
