"""HTML of the report items: escaped tables (one Jinja template), chart containers with the
figure as JSON for the page's plotly.js, key-figure cards and comments."""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

from kuanalys.report import formats as fm
from kuanalys.report.items import Chart, Comments, KeyFigures, Table
from kuanalys.report.suppression import SUPPRESSED, is_suppressed


def esc(value: object) -> str:
    """HTML-escape any value (quotes too)."""
    return html.escape(str(value), quote=True)


TEMPLATES_DIR = Path(__file__).parent / "templates"


@functools.cache
def _table_template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
    return env.get_template("table.html.j2")


def _cell(table: Table, column: str, row: int, value: object, first: bool) -> dict:
    kind = table.cell_kind(column, row)
    numeric = fm.is_numeric_kind(kind)
    text = SUPPRESSED if is_suppressed(value) and numeric else fm.display_value(value, kind)
    tag = "th" if first and not numeric else "td"
    return {"tag": tag, "cls": "num" if numeric else "txt", "text": text, "label": str(column)}


# Tables with this many columns or more read as cards on a phone (each row a card, each cell
# labelled with its header through `data-label`); narrower tables scroll inside their own box.
CARDS_FROM_COLUMNS = 6
# Tables with this many columns or more are set in smaller type (report.css `.ku-wide`), so that
# they fit a laptop's screen and A4's text width.
WIDE_FROM_COLUMNS = 7


def table_html(table: Table, *, caption: bool = True) -> str:
    """Return the table as escaped HTML with Swedish number formatting (template table.html.j2)."""
    columns = [c for c in table.frame.columns if c != table.group_by]
    groups = table.frame[table.group_by].tolist() if table.group_by else None
    rows = []
    for i, record in enumerate(table.frame[columns].itertuples(index=False, name=None)):
        new_group = groups is not None and (i == 0 or groups[i] != groups[i - 1])
        rows.append(
            {
                "group": fm.display_value(groups[i]) if new_group else None,
                "total": table.total_row and i == len(table.frame) - 1,
                "cells": [_cell(table, c, i, v, j == 0) for j, (c, v) in enumerate(zip(columns, record))],
            }
        )
    return _table_template().render(
        name=table.name,
        caption=table.title if caption else None,
        columns=[{"text": c, "cls": "num" if fm.is_numeric_kind(table.kind_of(c)) else "txt"} for c in columns],
        rows=rows,
        note=table.note,
        cards=len(columns) >= CARDS_FROM_COLUMNS,
        wide=len(columns) >= WIDE_FROM_COLUMNS,
    )


def _script_json(text: str) -> str:
    """Make JSON safe inside a <script> element (no '</script>', no '<!--')."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Plotly config of every chart: only the "save as PNG" button (for pasting into Word).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtons": [["toImage"]],
    "locale": "sv",
}


def figure_spec(fig: Any, name: str) -> dict:
    """Return the figure as plotly JSON (data, layout, config) ready for Plotly.newPlot."""
    spec = json.loads(fig.to_json())
    spec["config"] = {**PLOTLY_CONFIG, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}
    return spec


def figure_title(fig: Any) -> str:
    """Return the plain text of a figure's title (for aria-label and text/plain)."""
    text = fig.layout.title.text or ""
    return re.sub(r"<[^>]+>", " ", text).strip()


def chart_html(chart: Chart) -> str:
    """Return the chart container (figure JSON for the page's plotly.js) and its data table."""
    spec = figure_spec(chart.figure, chart.name)
    title = figure_title(chart.figure) or chart.data.title
    height = int(chart.figure.layout.height or 450)
    return (
        f'<figure class="ku-chart" id="diagram-{esc(chart.name)}">'
        f'<div class="ku-plot" data-ku-chart="{esc(chart.name)}" role="img" aria-label="{esc(title)}" '
        f'style="min-height:{height}px"></div>'
        f'<script type="application/json" class="ku-figure-json">{_script_json(json.dumps(spec))}</script>'
        f"</figure>"
    )


def details_html(table: Table) -> str:
    """Return the chart's data as a collapsed <details> table."""
    return (
        f'<details class="ku-chart-data"><summary>Diagrammets data som tabell: {esc(table.title)}</summary>'
        f"{table_html(table, caption=False)}</details>"
    )


def key_figures_html(figures: KeyFigures) -> str:
    """Return the key figures as a row of cards (a description list)."""
    cards = "".join(
        f'<div class="ku-kpi"><dt>{esc(k.label)}</dt><dd>{esc(fm.display_value(k.value, k.kind))}</dd>'
        + (f'<dd class="ku-kpi-note">{esc(k.note)}</dd>' if k.note else "")
        + "</div>"
        for k in figures.items
    )
    return (
        f'<section class="ku-kpis" aria-label="{esc(figures.title)}" data-ku-table="{esc(figures.name)}">'
        f"<dl>{cards}</dl></section>"
    )


def comments_html(comments: Comments) -> str:
    """Return the analysts' comments as escaped paragraphs ('' when there are none)."""
    texts = [t for t in comments.texts if t and str(t).strip()]
    if not texts:
        return ""
    paragraphs = "".join(
        f"<p>{esc(p.strip())}</p>" for t in texts for p in re.split(r"\n\s*\n|\r\n\s*\r\n", str(t)) if p.strip()
    )
    return f'<aside class="ku-analys"><h4>{esc(comments.title)}</h4>{paragraphs}</aside>'
