"""Plotly figures of the exploration frames, with Swedish labels and the report's style.

Each function takes a frame of `explore.attendance` or `explore.survey` and returns a new
`plotly.graph_objects.Figure`; none changes its input.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kuanalys import charts
from kuanalys.explore.attendance import ShiftShare
from kuanalys.formatting import format_count, format_percent, format_percentage_points
from kuanalys.organisations import KOMMUNER

# Swedish names of the groupings and measures (axis titles, legends, the notebooks' controls).
GROUP_LABELS = {
    "network": "Nätverk",
    "network_type": "Typ av nätverk",
    "area": "Område",
    "organisation": "Organisation",
    "side": "Sida",
    "meeting_format": "Mötesform",
    "all": "Alla",
}
MEASURE_LABELS = {
    "rate": "Närvaro",
    "pooled_rate": "Andel besatta platser",
    "meetings": "Antal möten",
    "seats_invited": "Inbjudna platser",
    "seats_present": "Besatta platser",
}
_SHARES = ("rate", "pooled_rate")


def _values(frame: pd.DataFrame, measure: str) -> pd.Series:
    """Return the plotted values: shares as per cent (79.0), counts as they are; NA as None."""
    v = frame[measure].astype("Float64")
    return (v * 100 if measure in _SHARES else v).astype(object).where(v.notna(), None)


def _text(value: object, measure: str) -> str:
    return format_percent(value) if measure in _SHARES else format_count(value)


def trend_figure(
    trend: pd.DataFrame, measure: str = "rate", *, by: str = "network", target: float | None = None
) -> go.Figure:
    """Return one line per group of a measure over the periods of `explore.trend`'s frame."""
    label = MEASURE_LABELS[measure]
    suffix = charts.PCT_SUFFIX if measure in _SHARES else ""
    fig = go.Figure()
    periods = list(dict.fromkeys(trend["period"].astype(str)))
    for name, part in trend.groupby("group", sort=True):
        fig.add_scatter(
            x=part["period"].astype(str),
            y=_values(part, measure),
            mode="lines+markers",
            name=str(name),
            hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}}{suffix}<extra></extra>",
        )
    if measure in _SHARES:
        charts._target_line(fig, target, horizontal_bars=False)
        fig.update_yaxes(range=[0, 105], **charts._pct_axis())
    fig.update_yaxes(title_text=label)
    fig.update_xaxes(title_text="Period", type="category", categoryorder="array", categoryarray=periods)
    span = f"{periods[0]}–{periods[-1]}" if periods else "inga möten"
    fig = charts._layout(fig, f"{label} per {GROUP_LABELS[by].lower()}, {span}", height=520)
    return fig


def shift_share_figure(result: ShiftShare, top: int = 12) -> go.Figure:
    """Return horizontal bars of the groups' contributions to the change (within and mix stacked),
    largest first, in procentenheter."""
    g = result.groups.head(top).iloc[::-1]
    names = g["group"].astype(str).tolist()
    fig = go.Figure()
    for col, name, colour in (
        ("within", "Förändring inom gruppen", charts.NEUTRAL_COLOUR),
        ("mix", "Förändrad sammansättning", charts.KOMMUNERNA_COLOUR),
    ):
        pp = g[col].astype("Float64") * 100
        fig.add_bar(
            y=names,
            x=pp.astype(object).where(pp.notna(), None),
            orientation="h",
            name=name,
            marker_color=colour,
            text=[format_percentage_points(v, 1) for v in g[col]],
            hovertemplate="%{y}<br>" + name + ": %{text}<extra></extra>",
        )
    fig.update_xaxes(title_text="Bidrag till förändringen, procentenheter", ticksuffix="")
    fig.update_layout(barmode="relative")
    change = format_percentage_points(result.change, 1) if result.change is not None else "–"
    title = (
        f"{MEASURE_LABELS[result.rate]} {result.period_a}–{result.period_b}: "
        f"{format_percent(result.total_a)} → {format_percent(result.total_b)} ({change})"
    )
    return charts._layout(
        fig, title, subtitle=f"Bidrag per {GROUP_LABELS[result.by].lower()}", height=140 + 32 * len(g)
    )


def matrix_figure(matrix: pd.DataFrame, value: str = "rate", title: str | None = None) -> go.Figure:
    """Return the kommun × network heatmap of `explore.kommun_network_matrix`: the kommun's
    attendance (value="rate") or the meetings it missed (value="meetings_missed")."""
    wide = matrix_wide(matrix, value).set_index("network")
    share = value == "rate"
    z = wide.astype("Float64") * (100 if share else 1)
    text = [[_text(v, value) if pd.notna(v) else "" for v in row] for row in wide.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=z.astype(object).where(z.notna(), None).to_numpy().tolist(),
            x=list(wide.columns),
            y=list(wide.index),
            text=text,
            texttemplate="%{text}",
            colorscale="Blues" if share else "Oranges",
            zmin=0,
            zmax=100 if share else None,
            colorbar={"title": {"text": "Närvaro" if share else "Missade möten"}},
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    default = "Kommunernas närvaro per nätverk" if share else "Möten som kommunen missade, per nätverk"
    return charts._layout(fig, title or default, height=160 + 28 * len(wide))


def matrix_wide(matrix: pd.DataFrame, value: str = "rate") -> pd.DataFrame:
    """Return the matrix as the chart's data table: one row per network (`network`), one column per
    kommun in the order of `organisations.KOMMUNER`; NA where the kommun was not invited."""
    wide = matrix.pivot_table(index="network", columns="organisation", values=value, aggfunc="first", observed=True)
    order = [k for k in KOMMUNER.values() if k in wide.columns]
    dtype = "Float64" if value == "rate" else "Int64"
    return wide[order].astype(dtype).rename_axis(columns=None).reset_index()


def survey_figure(shares: pd.DataFrame, group: str = "network_type", question_id: str | None = None) -> go.Figure:
    """Return the share mycket nöjda over the years, one line per `group` value (for one question,
    or the frame as given)."""
    df = shares if question_id is None else shares[shares["question_id"] == question_id]
    fig = go.Figure()
    for name, part in df.groupby(group, sort=True):
        fig.add_scatter(
            x=part["year"].astype(int),
            y=_values(part, "share"),
            mode="lines+markers",
            name=str(name),
            text=[format_percent(v) for v in part["share"]],
            hovertemplate=f"{name}<br>%{{x}}: %{{text}}<extra></extra>",
        )
    fig.update_layout(yaxis=charts._pct_axis(range=[0, 100], title="Andel mycket nöjda"), xaxis={"dtick": 1})
    about = f", fråga {question_id}" if question_id else ""
    return charts._layout(fig, f"Andel mycket nöjda per år och {GROUP_LABELS.get(group, 'fråga').lower()}{about}")


# Swedish headers of the exploration frames' columns (`swedish_table`).
COLUMN_LABELS = {
    "period": "Period",
    "year": "År",
    "tertial": "Tertial",
    "group": "Grupp",
    "network": "Nätverk",
    "network_type": "Typ av nätverk",
    "org_code": "Kommunkod",
    "organisation": "Organisation",
    "side": "Sida",
    "meeting_format": "Mötesform",
    "networks": "Nätverk (antal)",
    "meetings": "Möten",
    "meetings_invited": "Möten inbjuden",
    "meetings_missed": "Missade möten",
    "seats_invited": "Inbjudna platser",
    "seats_present": "Besatta platser",
    "rate": "Närvaro",
    "pooled_rate": "Andel besatta platser",
    "rate_a": "Närvaro före",
    "rate_b": "Närvaro efter",
    "weight_a": "Vikt före",
    "weight_b": "Vikt efter",
    "networks_a": "Nätverk före",
    "networks_b": "Nätverk efter",
    "seats_invited_a": "Inbjudna platser före",
    "seats_invited_b": "Inbjudna platser efter",
    "within": "Inom gruppen, procentenheter",
    "mix": "Sammansättning, procentenheter",
    "contribution": "Bidrag, procentenheter",
    "missed_in_row": "Missade i rad",
    "first_missed": "Första missade",
    "last_missed": "Senaste missade",
    "ongoing": "Pågår",
    "tertials_below": "Tertial under målvärdet i rad",
    "first_period": "Från",
    "last_period": "Till",
    "last_rate": "Senaste närvaro",
    "last_target": "Målvärde",
    "question_id": "Fråga",
    "question": "Frågetext",
    "respondents": "Svarande",
    "very_satisfied": "Mycket nöjda",
    "share": "Andel mycket nöjda",
    "change": "Förändring, procentenheter",
}
_PERCENT = {"rate", "pooled_rate", "rate_a", "rate_b", "weight_a", "weight_b", "last_rate", "last_target", "share"}
_POINTS = {"within", "mix", "contribution", "change"}


def swedish_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return an exploration frame for reading: Swedish headers, shares as "79 %", changes in
    procentenheter with one decimal ("−2,1"), counts with Swedish spacing, dates as 2019-05-10,
    yes/no as ja/nej and missing values as "–"."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        s = frame[col]
        if col in _PERCENT:
            text = s.map(format_percent)
        elif col in _POINTS:
            text = s.map(lambda v: format_percentage_points(v, 1, signed=True).removesuffix("\u00a0procentenheter"))
        elif str(s.dtype).startswith("datetime"):
            text = s.dt.strftime("%Y-%m-%d").fillna("–")
        elif str(s.dtype) == "boolean":
            text = s.map(lambda v: "–" if pd.isna(v) else "ja" if v else "nej")
        elif str(s.dtype) in ("Int64", "int64"):
            text = s.map(format_count)
        else:
            text = s.astype("string").fillna("–")
        out[COLUMN_LABELS.get(col, col)] = text.astype("string")
    return out.reset_index(drop=True)
