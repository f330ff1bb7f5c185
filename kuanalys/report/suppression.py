"""The minimum cell size (`config.MIN_CELL_SIZE`): small counts of people hidden as ".." in
tables, and the matching bars of charts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pandas as pd

from kuanalys import config
from kuanalys.report.model import Chart, Table

SUPPRESSED = ".."


def suppression_note(n: int) -> str:
    """The footnote of a table with hidden cells."""
    return f"{SUPPRESSED} = färre än {n}; värdet visas inte av integritetsskäl."


def is_suppressed(value: object) -> bool:
    """True for a cell hidden by the minimum cell size."""
    return isinstance(value, str) and value == SUPPRESSED


def min_cell_size() -> int:
    """The configured minimum cell size (KUANALYS_MIN_CELL_SIZE; 0 = off)."""
    return int(config.MIN_CELL_SIZE or 0)


def suppressed_rows(table: Table, n: int | None = None) -> list[int]:
    """Return the rows (positions) whose counts are hidden at minimum cell size `n`.

    A count c is hidden when 0 < c < n (no one is identified by a zero). The total row is never
    hidden. With a total row, a column with exactly one hidden count would give it away
    (total − the others), so the smallest other non-zero count is hidden too (complementary
    suppression).
    """
    n = min_cell_size() if n is None else n
    if n <= 0 or not table.suppress or table.frame.empty:
        return []
    last = len(table.frame) - 1 if table.total_row else None
    hidden: set[int] = set()
    for column in table.suppress:
        values = pd.to_numeric(table.frame[column], errors="coerce")
        small = [i for i, v in enumerate(values) if i != last and pd.notna(v) and 0 < v < n]
        hidden.update(small)
    if table.total_row and hidden:
        for column in table.suppress:
            values = pd.to_numeric(table.frame[column], errors="coerce")
            in_column = [i for i in hidden if pd.notna(values.iloc[i]) and values.iloc[i] > 0]
            if len(in_column) == 1:
                others = [
                    (v, i) for i, v in enumerate(values) if i != last and i not in hidden and pd.notna(v) and v > 0
                ]
                if others:
                    hidden.add(min(others)[1])
    return sorted(hidden)


def apply_min_cell_size(table: Table, n: int | None = None) -> Table:
    """Return the table with small counts (and the columns derived from them) shown as `..`.

    Off (the table itself) when the minimum cell size is 0 or the table declares no `suppress`
    columns. The hidden cells hold the text `..` in the frame, so the HTML, the notebook's
    text/plain and tabeller.xlsx all show `..`; the footnote is added to the table's note.
    """
    n = min_cell_size() if n is None else n
    rows = suppressed_rows(table, n)
    if not rows:
        return table
    frame = table.frame.copy()
    columns = [*table.suppress, *table.suppress_also]
    formats = {c: table.kind_of(c) for c in table.frame.columns}
    for column in columns:
        values = frame[column].astype("object")
        for i in rows:
            values.iloc[i] = SUPPRESSED
        frame[column] = values
    note = " ".join(x for x in (table.note, suppression_note(n)) if x)
    return replace(table, frame=frame, formats=formats, note=note)


def mask_figure(fig: Any, categories: Iterable[object]) -> Any:
    """Return a copy of `fig` where the points of `categories` carry no value (text `..`)."""
    hidden = {str(c) for c in categories}
    if not hidden:
        return fig
    fig = type(fig)(fig)
    for trace in fig.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        cats = trace.y if horizontal else trace.x
        if cats is None:
            continue
        positions = [i for i, c in enumerate(cats) if str(c) in hidden]
        if not positions:
            continue
        value_attr = "x" if horizontal else "y"
        current = getattr(trace, value_attr)
        values = [] if current is None else list(current)
        for i in positions:
            if i < len(values):
                values[i] = None
        setattr(trace, value_attr, values)
        for attr in ("text", "hovertext"):
            current = getattr(trace, attr, None)
            if current is not None and not isinstance(current, str):
                texts = list(current)
                for i in positions:
                    if i < len(texts):
                        texts[i] = SUPPRESSED
                setattr(trace, attr, texts)
        if getattr(trace, "customdata", None) is not None:
            data = [list(row) if isinstance(row, (list, tuple)) else row for row in trace.customdata]
            for i in positions:
                if i < len(data):
                    data[i] = [None] * len(data[i]) if isinstance(data[i], list) else None
            trace.customdata = data
    return fig


def apply_min_cell_size_chart(chart: Chart, n: int | None = None) -> Chart:
    """Return the chart with its data table and the matching bars/points suppressed."""
    table = apply_min_cell_size(chart.data, n)
    if table is chart.data:
        return chart
    figure = chart.figure
    if chart.suppress_by:
        rows = suppressed_rows(chart.data, n)
        figure = mask_figure(figure, chart.data.frame[chart.suppress_by].iloc[rows].tolist())
    return Chart(chart.name, figure, table, chart.suppress_by)
