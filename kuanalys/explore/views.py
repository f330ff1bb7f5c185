"""Views with controls for JupyterLab (ipywidgets), and the export of a view to offline HTML.

`AttendanceExplorer` and `SurveyExplorer` hold a chart (plotly's FigureWidget) and its table,
and redraw both when a control changes. `save_html` writes a figure or a view as one standalone
HTML file with plotly.js inline, no code and no request to the network.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from kuanalys.atomic import write_atomic
from kuanalys.errors import KuanalysError
from kuanalys.explore import attendance as ex
from kuanalys.explore import figures as fg
from kuanalys.explore.survey import survey_shares
from kuanalys.formatting import format_count, format_percent, format_percentage_points
from kuanalys.organisations import KOMMUNER
from kuanalys.spec import NETWORK_TYPES

ALL = "Alla"
_BY = ("network", "network_type", "organisation", "side", "meeting_format", "all")


def _wide(trend: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return the trend as the chart's table: one row per group, one column per period, Swedish text."""
    fmt = format_percent if measure in ("rate", "pooled_rate") else format_count
    table = trend.pivot_table(index="group", columns="period", values=measure, aggfunc="first", sort=False)
    table = table[list(dict.fromkeys(trend["period"]))] if len(trend) else table
    return table.apply(lambda col: col.map(fmt)).rename_axis(index="", columns=None).reset_index()


def _table_html(table: pd.DataFrame) -> str:
    return table.to_html(index=False, escape=True, na_rep="–", border=0, classes="ku-explore-table")


def _replace_figure(widget: go.FigureWidget, fig: go.Figure) -> None:
    """Show `fig` in the FigureWidget (one message to the browser)."""
    with widget.batch_update():
        widget.data = ()
        widget.add_traces(list(fig.data))
        widget.layout = fig.layout


class _View:
    """A chart, its table and an export button; subclasses build the controls and `redraw`."""

    title = "Vy"

    def __init__(self, controls: list[w.Widget], out_name: str) -> None:
        self.figure = go.FigureWidget()
        self.table = w.HTML()
        self.path = w.Text(value=out_name, description="Fil:", layout=w.Layout(width="360px"))
        self.export = w.Button(description="Spara som HTML", icon="download", tooltip="En fristående fil utan kod")
        self.message = w.HTML()
        self.export.on_click(lambda _: self._export())
        for c in controls:
            c.observe(lambda _: self.redraw(), names="value")
        self.widget = w.VBox(
            [
                w.HBox(controls[:3]),
                w.HBox(controls[3:]),
                self.figure,
                self.table,
                w.HBox([self.path, self.export]),
                self.message,
            ]
        )
        self.frame = pd.DataFrame()
        self.redraw()

    def redraw(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def static_figure(self) -> go.Figure:
        """Return the current chart as a plain figure (static output, export)."""
        return go.Figure(self.figure)

    def _export(self) -> None:
        try:
            path = save_html(self, self.path.value)
            self.message.value = f"Sparad: {html.escape(str(path))}"
        except (OSError, KuanalysError) as exc:
            self.message.value = f"<b>Kunde inte spara:</b> {html.escape(str(exc))}"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class AttendanceExplorer(_View):
    """Attendance over a span, per group, with controls for span, type, network, kommun, measure and grouping."""

    title = "Närvaro"

    def __init__(
        self,
        history: pd.DataFrame,
        *,
        by: str = "network",
        measure: str = "rate",
        start: str | None = None,
        end: str | None = None,
        network_type: str | None = None,
        network: str | None = None,
        kommun: str | None = None,
        target: float | None = None,
    ) -> None:
        self.history = history
        self.target = target
        periods = list(dict.fromkeys(history.sort_values("meeting_date")["period"]))
        self.span = w.SelectionRangeSlider(
            options=periods or ["–"],
            index=(periods.index(start) if start else 0, periods.index(end) if end else max(len(periods) - 1, 0)),
            description="Period:",
            layout=w.Layout(width="520px"),
        )
        types = [t for t in NETWORK_TYPES if t in set(history["network_type"].dropna().astype(str))]
        self.network_type = w.Dropdown(options=[ALL, *types], value=network_type or ALL, description="Typ:")
        self.network = w.Dropdown(
            options=[ALL, *sorted(history["network"].dropna().unique())], value=network or ALL, description="Nätverk:"
        )
        self.kommun = w.Dropdown(options=[ALL, *sorted(KOMMUNER.values())], value=kommun or ALL, description="Kommun:")
        self.measure = w.Dropdown(
            options=[(label, key) for key, label in fg.MEASURE_LABELS.items()], value=measure, description="Mått:"
        )
        self.by = w.Dropdown(options=[(fg.GROUP_LABELS[k], k) for k in _BY], value=by, description="Per:")
        controls = [self.span, self.measure, self.by, self.network_type, self.network, self.kommun]
        super().__init__(controls, "narvaro.html")

    def filters(self) -> dict:
        """Return the current controls as arguments of `explore.trend`."""
        start, end = self.span.value
        pick = {"network_type": self.network_type.value, "network": self.network.value, "kommun": self.kommun.value}
        return {"start": start, "end": end, **{k: v for k, v in pick.items() if v != ALL}}

    def redraw(self) -> None:
        """Recompute the trend for the controls and show it in the chart and the table."""
        self.frame = ex.trend(self.history, self.by.value, **self.filters())
        fig = fg.trend_figure(self.frame, self.measure.value, by=self.by.value, target=self.target)
        _replace_figure(self.figure, fig)
        self.table.value = _table_html(_wide(self.frame, self.measure.value))


class SurveyExplorer(_View):
    """The share mycket nöjda over the years, per network type or network, for one question or all."""

    title = "Utvärderingsenkäten"

    def __init__(self, history: pd.DataFrame, *, question_id: str | None = None, group: str = "network_type") -> None:
        self.history = history
        questions = history.drop_duplicates("question_id").sort_values("question_id")
        options = [
            (ALL, ALL),
            *((f"{q}: {str(t)[:60]}", q) for q, t in zip(questions["question_id"], questions["question"])),
        ]
        self.question = w.Dropdown(
            options=options, value=question_id or ALL, description="Fråga:", layout=w.Layout(width="520px")
        )
        self.group = w.Dropdown(
            options=[("Typ av nätverk", "network_type"), ("Nätverk", "network")], value=group, description="Per:"
        )
        super().__init__([self.question, self.group], "enkat.html")

    def redraw(self) -> None:
        """Recompute the shares for the controls and show them in the chart and the table."""
        q = self.question.value
        rows = self.history if q == ALL else self.history[self.history["question_id"] == q]
        self.frame = survey_shares(rows, by=(self.group.value,))
        fig = fg.survey_figure(self.frame, self.group.value)
        if q != ALL:
            fig.update_layout(title_text=f"{fig.layout.title.text}, fråga {q}")
        _replace_figure(self.figure, fig)
        table = self.frame.assign(
            share=self.frame["share"].map(format_percent),
            change=self.frame["change"].map(lambda v: format_percentage_points(v, 0)),
        )
        names = {
            "year": "År",
            "network_type": "Typ av nätverk",
            "network": "Nätverk",
            "respondents": "Svarande",
            "very_satisfied": "Mycket nöjda",
            "share": "Andel mycket nöjda",
            "change": "Förändring",
        }
        self.table.value = _table_html(table.rename(columns=names))


def save_html(view: go.Figure | _View, path: str | Path) -> Path:
    """Write a figure, or a view's chart and table, as one standalone HTML file (plotly.js inline,
    no code, no request to the network); return the path. The file is written atomically."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise KuanalysError(f"Mappen {path.parent} finns inte: välj en befintlig mapp för {path.name}.")
    fig = view.static_figure() if isinstance(view, _View) else go.Figure(view)
    body = fig.to_html(include_plotlyjs=True, include_mathjax=False, full_html=False, config={"displaylogo": False})
    table = view.table.value if isinstance(view, _View) else ""
    title = html.escape(str(fig.layout.title.text or "Utforska"))
    page = (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:{fg.charts.FONT};margin:2em}}"
        "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}</style></head>"
        f"<body>{body}{table}</body></html>\n"
    )
    return write_atomic(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
