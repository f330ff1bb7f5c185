"""Plotly figures of the tertial report, built from the result frames in `kuanalys.metrics`.

Conventions, the same in every chart:

* Swedish labels, and Swedish numbers: `separators=", "` (decimal comma, space between
  thousands), so axes and hovers read `1 563 970 kr` and `79 %`.
* One fixed colour per organisation (`ORGANISATION_COLOURS`), and the Region and
  "kommunerna" keep their colours in every chart where they appear.
* Titles say the period ("tertial 2 2019", "januari–augusti 2019").
* Status is never told by colour alone: target-reached bars are dark with a ✓ in their label,
  the others light with a dark outline (lightness, not hatching: diagonal hatching made the
  Word images several times larger), decision statuses differ in lightness and two carry a
  sparse pattern, and every chart's data also goes
  into a table beside it (`kuanalys.report.display`).

Each function returns a `plotly.graph_objects.Figure` and leaves its input frame unchanged.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from kuanalys.formatting import format_count, format_decimal, format_out_of, format_percent, format_tkr
from kuanalys.organisations import KOMMUNER, ORGANISATION_ORDER, ORGANISATIONS, REGION_CODE
from kuanalys.periods import Tertial, Year

# --- colours ---------------------------------------------------------------------------------
# One colour per organisation, in ORGANISATION_ORDER (kommuner A–Ö, Region, externa). Picked to
# be told apart on screen and in greyscale print together with labels; never the only cue. No
# red or green: those are the status colours (target reached / not), never an identity; nor
# the orange of the kommuner together (KOMMUNERNA_COLOUR).
_PALETTE = [
    "#1f77b4",
    "#b6992d",
    "#9467bd",
    "#6b5a3a",
    "#c2439a",
    "#0f8b9c",
    "#393b79",
    "#7b4173",
    "#5254a3",
    "#8c6d31",
    "#3b6ea5",
    "#a55194",
    "#636363",
]
ORGANISATION_COLOURS: dict[str, str] = {
    **{code: _PALETTE[i] for i, code in enumerate(c for c in ORGANISATION_ORDER if c in KOMMUNER)},
    REGION_CODE: "#00558c",  # Region Jönköpings län
    "EXT": "#7f7f7f",
}
KOMMUNERNA_COLOUR = "#e07b00"  # the 13 kommuner together
REGION_COLOUR = ORGANISATION_COLOURS[REGION_CODE]
NEUTRAL_COLOUR = "#5b6b7f"
LAST_YEAR_COLOUR = "#1d2633"
TARGET_COLOUR = "#b42318"
REACHED_COLOUR = "#1b7a3a"
NOT_REACHED_COLOUR = "#c3cdd9"

FINANCIER_COLOURS: dict[str, str] = {
    "kommunerna": KOMMUNERNA_COLOUR,
    "regionen": REGION_COLOUR,
    "EU-bidrag": "#6a3d9a",
    "staten": "#33a02c",
    "övriga": "#a6a6a6",
}
FINANCIER_COLUMNS: dict[str, str] = {
    "added_municipalities": "kommunerna",
    "added_region": "regionen",
    "added_eu": "EU-bidrag",
    "added_state": "staten",
    "added_other": "övriga",
}
# Decision statuses: colour and pattern (so they differ in greyscale too).
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "beviljad": ("#1b7a3a", ""),
    "delvis beviljad": ("#7fbf7b", ""),
    "väntar": ("#f2b701", "."),
    "avslag": ("#b42318", "-"),
    "återtagen": ("#8a99ad", ""),
}
STATUS_ORDER = tuple(STATUS_STYLE)

FONT = "Segoe UI, system-ui, -apple-system, Roboto, Helvetica Neue, Arial, Liberation Sans, sans-serif"


def organisation_colour(code: str) -> str:
    """Return the fixed colour of an organisation code (grey for unknown codes)."""
    return ORGANISATION_COLOURS.get(str(code), NEUTRAL_COLOUR)


# The narrowest screen a chart must fit (a phone, CSS px) and the characters of a title line there
# (17 px type in the some 360 px a phone leaves the chart).
PHONE_WIDTH = 390
TITLE_LINE = 36


def _title_lines(title: str, width: int = TITLE_LINE) -> list[str]:
    """Return a title broken into lines at its commas (never inside a period such as "tertial 2 2019"),
    then between words, so it is never cut off on a phone."""
    lines: list[str] = []
    for part in title.split(", "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += f", {part}"
        else:
            if lines:
                lines[-1] += ","
            lines += textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [part]
    return lines


def _legend_rows(fig: go.Figure, width: int = PHONE_WIDTH - 40) -> int:
    """Return how many rows the horizontal legend takes at phone width (about 7 px a character, 40 px a symbol)."""
    names = [str(t.name) for t in fig.data if t.name and t.showlegend is not False]
    if len(names) < 2 and not any(t.showlegend for t in fig.data):
        return 0
    rows, used = 1, 0
    for name in names:
        w = 7 * len(name) + 40
        if used and used + w > width:
            rows, used = rows + 1, 0
        used += w
    return rows


def _layout(fig: go.Figure, title: str, *, subtitle: str | None = None, height: int = 480, **extra) -> go.Figure:
    """Apply the report's layout: Swedish separators, fonts, a title broken into lines that fit a phone,
    white theme. The top margin holds the title's and subtitle's lines; plotly places the rest so that
    nothing covers another at any width: the legend sits at the foot of the figure below the axis
    titles (`legend.yref="container"` reserves its room) and the axes make room for their labels
    (`automargin`). The figure grows by the rows the title, subtitle and legend take on a phone."""
    title_lines = _title_lines(title)
    sentences = [x if x.endswith(".") else f"{x}." for x in subtitle.rstrip(".").split(". ")] if subtitle else []
    # a sentence a line, and a long one broken between words (12 px type: some 52 characters on a phone)
    sub_lines = [
        line for x in sentences for line in textwrap.wrap(x, 52, break_long_words=False, break_on_hyphens=False) or [x]
    ]
    top = 30 + 24 * len(title_lines) + 18 * len(sub_lines) + 12
    extra_rows = 24 * (len(title_lines) - 1) + 18 * len(sub_lines) + 24 * _legend_rows(fig)
    fig.update_layout(
        template="plotly_white",
        separators=", ",
        font={"family": FONT, "size": 13, "color": "#1d2633"},
        title={
            "text": "<br>".join(title_lines),
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 20},  # kaleido's fonts stand taller: at 12 the first line's top was cut in Word
            "font": {"size": 17},
            **(
                {"subtitle": {"text": "<br>".join(sub_lines), "font": {"size": 12, "color": "#4f5b6b"}}}
                if subtitle
                else {}
            ),
        },
        height=height + extra_rows,
        # minimum margins: plotly widens them for the title, the legend and the axes' labels
        margin={"l": 10, "r": 30, "t": top, "b": 10},
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
            "title": {"text": ""},
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT}},
        # Value labels never shrink below 11 px; one that does not fit inside its bar is shown outside.
        uniformtext={"minsize": 11, "mode": "show"},
        **extra,
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _pct_label(value: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_percent(float(value))


PCT_SUFFIX = "\u00a0%"


def _pct(values: pd.Series) -> pd.Series:
    """Shares (0,79) as per cent (79.0) for plotting with a ' %' suffix (d3's '%' writes '79%')."""
    return values.astype("Float64").astype(float) * 100


def _pct_axis(**extra) -> dict:
    return {"ticksuffix": PCT_SUFFIX, "tickformat": ".0f", **extra}


def _upright_ticks(labels: list[str], width: int = 16) -> dict:
    """Return axis settings that break long category labels between words (<br>): on the x axis they
    stand upright where they fit (rotated, they take most of the chart's height at A4 width); on the
    y axis they leave a phone room for the bars."""
    text = ["<br>".join(textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False)) or s for s in labels]
    return {"tickmode": "array", "tickvals": labels, "ticktext": text}


def _row_px(axis: dict, minimum: int) -> int:
    """Return the height (px) a horizontal bar's row needs for its label: `minimum`, or more for a
    label broken into lines by `_upright_ticks` (17 px a line), so that no line sits on the next label."""
    lines = max((str(t).count("<br>") + 1 for t in axis.get("ticktext", [])), default=1)
    return max(minimum, 17 * lines + 12)


def _kr_axis(values: pd.Series | list[float], count: int = 3) -> dict:
    """Return axis settings for kronor: about `count` round ticks written short in Swedish
    ("5 mnkr", "500 tkr"), so they stay level and apart on a phone; hovers keep whole kronor."""
    known = [float(v) for v in values if not pd.isna(v)]
    top, bottom = max(known + [0.0]), min(known + [0.0])  # a deficit goes below 0
    if top - bottom <= 0:
        return {"tickformat": ",.0f"}
    raw = (top - bottom) / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [i * step for i in range(math.floor(bottom / step), int(top // step) + 2)]
    million = max(top, -bottom) >= 2_000_000
    text = [
        f"{format_decimal(v / 1_000_000, 0 if v % 1_000_000 == 0 else 1)}\u00a0mnkr"
        if million
        else f"{format_decimal(v / 1_000, 0)}\u00a0tkr"
        for v in ticks
    ]
    return {"tickmode": "array", "tickvals": ticks, "ticktext": text}


def _target_line(fig: go.Figure, target: float | None, *, horizontal_bars: bool) -> None:
    """Draw the dashed target line (none when there is no target: ej bedömt)."""
    if target is None or pd.isna(target):
        return
    label = f"Målvärde {_pct_label(target)}"
    target = target * 100
    line = {"color": TARGET_COLOUR, "dash": "dash", "width": 2}
    if horizontal_bars:  # the label sits above the plot area, clear of the bars
        fig.add_vline(
            x=target,
            line=line,
            annotation_text=label,
            annotation_position="top",
            annotation_font={"color": TARGET_COLOUR, "size": 12},
        )
    else:
        # Across vertical bars a label inside the plot would cover a bar or a marker: the line
        # is named in the legend instead (an empty trace that only draws its legend entry).
        fig.add_hline(y=target, line=line)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=line, name=label, hoverinfo="skip")


# --- attendance --------------------------------------------------------------------------------
# The kommun × nätverk grid's narrowest width (px): its 13 columns of squares and the networks' names.
# Narrower screens (a phone) scroll it sideways in its box (the page reads `layout.meta.min_width`);
# A4's 688 px and Word's 900 px image are wider.
GRID_MIN_WIDTH = 620


def kommun_network_grid(matrix: pd.DataFrame, title: str) -> go.Figure:
    """Return the kommun × network matrix (`explore.kommun_network_matrix`) as squares coloured by the
    kommun's attendance, its value in per cent written in each; no square where the kommun was not
    invited. Sized for `GRID_MIN_WIDTH`: squares of 26 px, values without the unit (the colour scale
    says per cent), names broken between words, kommuner at an angle, the colour scale below.

    A scatter, not a heatmap: the report's plotly.js bundle (plotly-basic) draws bars and scatters
    only, on the pages and in Word's images alike."""
    networks = sorted(matrix["network"].astype(str).unique())
    kommuner = [k for k in KOMMUNER.values() if k in set(matrix["organisation"].astype(str))]
    cells = matrix[matrix["rate"].notna()]
    values = (cells["rate"].astype(float) * 100).round().tolist()
    fig = go.Figure(
        go.Scatter(
            x=cells["organisation"].astype(str).tolist(),
            y=cells["network"].astype(str).tolist(),
            mode="markers+text",
            marker={
                "symbol": "square",
                "size": 26,
                "color": values,
                "colorscale": "Blues",
                "cmin": 0,
                "cmax": 100,
                "showscale": True,
                "colorbar": {
                    "title": {"text": "Närvaro", "side": "top"},
                    "ticksuffix": PCT_SUFFIX,
                    "orientation": "h",
                    "thickness": 12,
                    "len": 0.6,
                    "x": 0,
                    "xanchor": "left",
                    "y": 0,
                    "yref": "container",
                    "yanchor": "bottom",
                },
                "line": {"width": 0},
            },
            text=[f"{v:.0f}" for v in values],
            textfont={"size": 11, "color": ["#ffffff" if v >= 60 else "#1d2633" for v in values]},
            customdata=[format_percent(v / 100) for v in values],
            hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=kommuner, side="top", showgrid=False, tickangle=-45
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=networks,
        autorange="reversed",
        showgrid=False,
        **_upright_ticks(networks, 22),
    )
    _layout(
        fig,
        title,
        subtitle="Närvaro i procent. Tom ruta: kommunen var inte inbjuden.",
        height=230 + 34 * len(networks),
        meta={"min_width": GRID_MIN_WIDTH},
    )
    return fig.update_layout(margin={"b": 80})


def attendance_by_network(rates: pd.DataFrame, tertial: Tertial, target: float | None = None) -> go.Figure:
    """Return horizontal bars of each network's attendance, sorted, with the target line.

    Args:
        rates: `metrics.attendance.attendance_rate_by_network` (columns `network`, `rate`,
            `meetings`, `target_reached`); networks without meetings are left out.
        tertial: the period (title).
        target: the attendance target all networks share, for the line (None = no line; each
            network's own target is in `target_reached`).

    Returns:
        A figure: networks that reached the target are dark green with a ✓ label, the others
        light grey with a dark outline; the dashed line marks the target.
    """
    df = rates[rates["rate"].notna()].sort_values(["rate", "network"], ascending=[True, False])
    reached = df["target_reached"].fillna(False).astype(bool).tolist()
    assessed = int(df["target_reached"].notna().sum())
    labels = [f"{'✓ ' if r else ''}{_pct_label(v)}" for r, v in zip(reached, df["rate"])]
    goal = f" ({_pct_label(target)})" if target is not None else ""
    fig = go.Figure()
    for flag, name in ((True, f"Når målvärdet{goal}"), (False, "Når inte målvärdet" if assessed else "Ej bedömt")):
        part = df.iloc[[i for i, r in enumerate(reached) if r == flag]]
        part_labels = [lab for lab, r in zip(labels, reached) if r == flag]
        fig.add_bar(
            x=_pct(part["rate"]),
            y=part["network"].astype(str),
            orientation="h",
            name=name,
            text=part_labels,
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": "#ffffff" if flag else "#1d2633"},
            marker={
                "color": REACHED_COLOUR if flag else NOT_REACHED_COLOUR,
                "line": {"color": "#1d2633", "width": 0.5 if flag else 1.5},
            },
            customdata=part["meetings"].astype("Int64").fillna(0).astype(int) if "meetings" in part else None,
            hovertemplate="%{y}<br>Närvaro %{x:.0f}\u00a0%<br>Möten: %{customdata}<extra></extra>",
        )
    _target_line(fig, target, horizontal_bars=True)
    # ticks every 50 %: they stay level on a phone, where the bars get some 150 px
    fig.update_xaxes(title_text="Genomsnittlig närvaro", range=[0, 112], dtick=50, **_pct_axis())
    # long names broken between words, so that the names leave the bars room on a phone
    names = _upright_ticks(df["network"].astype(str).tolist(), 20)
    fig.update_yaxes(
        title_text="",
        categoryorder="array",
        categoryarray=df["network"].astype(str).tolist(),
        automargin=True,
        **names,
    )
    n_reached = sum(reached)
    if not assessed:
        verdict = "Inget målvärde för närvaron, ej bedömt."
    elif target is not None:
        verdict = f"{n_reached} av {assessed} nätverk når målvärdet {_pct_label(target)}."
    else:
        verdict = f"{n_reached} av {assessed} nätverk når sitt målvärde."
    return _layout(
        fig,
        f"Närvaro per nätverk, {tertial.label()}",
        subtitle=f"{verdict} Genomsnitt av mötenas närvaro.",
        height=max(380, 110 + _row_px(names, 28) * len(df)),
        barmode="overlay",
        bargap=0.25,
    )


def attendance_by_kommun(organisations: pd.DataFrame, tertial: Tertial, target: float | None = None) -> go.Figure:
    """Return each kommun's attendance this tertial against the same period last year.

    Args:
        organisations: `metrics.attendance.compare_organisations` (columns `org_code`,
            `organisation`, `is_kommun`, `rate`, `rate_same_period_last_year`).
        tertial: the period.
        target: the attendance target (fraction), drawn as the dashed line (None: no line,
            ej bedömt). The report passes `scorecard.attendance_target`, as the scorecard uses.

    Returns:
        A figure: one bar per kommun in its own colour for this tertial, and a black diamond
        for the same period last year. The value labels sit at the foot of the bars, clear
        of the diamonds and the target line.
    """
    df = organisations[organisations["org_code"].astype(str).isin(KOMMUNER)]
    last = tertial.same_period_last_year()
    names = df["organisation"].astype(str).tolist()
    fig = go.Figure()
    # Horizontal bars, a kommun a row: the names stand level and each label "85 %" has its bar's
    # length, at a phone's width too (13 upright bars there were some 20 px wide).
    fig.add_bar(
        x=_pct(df["rate"]),
        y=names,
        orientation="h",
        name=tertial.label().capitalize(),
        marker={"color": [organisation_colour(c) for c in df["org_code"].astype(str)]},
        text=[_pct_label(v) for v in df["rate"]],
        textposition="inside",
        insidetextanchor="start",
        textangle=0,
        textfont={"color": "#ffffff", "size": 11},
        showlegend=False,
        hovertemplate="%{y}<br>" + tertial.label() + ": %{x:.0f}\u00a0%<extra></extra>",
    )
    fig.add_scatter(
        x=_pct(df["rate_same_period_last_year"]),
        y=names,
        mode="markers",
        name=last.label().capitalize(),
        marker={"symbol": "diamond", "size": 12, "color": LAST_YEAR_COLOUR, "line": {"color": "#ffffff", "width": 1.5}},
        hovertemplate="%{y}<br>" + last.label() + ": %{x:.0f}\u00a0%<extra></extra>",
    )
    _target_line(fig, target, horizontal_bars=True)
    fig.update_xaxes(title_text="Närvaro", range=[0, 112], dtick=25, **_pct_axis())
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=names, autorange="reversed")
    return _layout(
        fig,
        f"Närvaro per kommun, {tertial.label()} och {last.label()}",
        subtitle=f"Stapel: {tertial.label()} · ◆: {last.label()}"
        + (f" · streckad linje: målvärdet {_pct_label(target)}" if target is not None and not pd.isna(target) else "")
        + ". Andel besatta platser på alla möten.",
        height=max(380, 110 + 30 * len(df)),
        bargap=0.25,
    )


def region_groups(groups: pd.DataFrame, tertial: Tertial, target: float | None = None) -> go.Figure:
    """Return kommun vs Region representatives' attendance in each collaboration group.

    Args:
        groups: `metrics.attendance.region_group_attendance` (columns `network`,
            `kommun_rate`, `region_rate`).
        tertial: the period.
        target: the attendance target (fraction; None = no line).

    Returns:
        Grouped bars per group: kommunerna (their light orange) and Region Jönköpings län (the
        Region's dark blue, with a dark outline), with the target line.
    """
    fig = go.Figure()
    names = groups["network"].astype(str).tolist()
    for column, name, colour, outline in (
        ("kommun_rate", "Kommunernas representanter", KOMMUNERNA_COLOUR, 0),
        ("region_rate", "Regionens representanter", REGION_COLOUR, 1.5),
    ):
        # Horizontal bars, a group a row: the names stand level and the labels have the bars' length.
        fig.add_bar(
            x=_pct(groups[column]),
            y=names,
            orientation="h",
            name=name,
            marker={"color": colour, "line": {"color": "#1d2633", "width": outline}},
            text=[_pct_label(v) for v in groups[column]],
            # at the foot of the bar: a label at its end would meet the target line
            textposition="inside",
            insidetextanchor="start",
            textangle=0,
            textfont={"color": "#ffffff"},
            hovertemplate="%{y}<br>" + name + ": %{x:.0f}\u00a0%<extra></extra>",
        )
    _target_line(fig, target, horizontal_bars=True)
    fig.update_xaxes(title_text="Närvaro", range=[0, 112], dtick=50, **_pct_axis())  # level on a phone
    labels = _upright_ticks(names, 20)
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=names, autorange="reversed", **labels)
    return _layout(
        fig,
        f"Kommun och region i samverkansgrupperna, {tertial.label()}",
        subtitle="Genomsnittlig närvaro bland kommunernas och bland regionens representanter.",
        barmode="group",
        height=max(300, 110 + 2 * _row_px(labels, 26) * len(groups)),
        bargap=0.25,
    )


def attendance_trend(trend: pd.DataFrame, *, group: str, title: str, target: float | None = None) -> go.Figure:
    """Return attendance over tertials as lines, one per `group` value (exploration notebook).

    Args:
        trend: columns `period` (label such as '2019-T2', in time order), `group` and `rate`.
        group: the column naming the lines (e.g. "network" or "organisation").
        title: the chart title (say the span of years).
        target: the attendance target (None = no line).

    Returns:
        A line chart with markers and the target line.
    """
    fig = go.Figure()
    for name, part in trend.groupby(group, sort=False, observed=True):
        colour = None
        if group == "organisation":
            codes = {v: k for k, v in ORGANISATIONS.items()}
            colour = organisation_colour(codes.get(str(name), ""))
        fig.add_scatter(
            x=part["period"].astype(str),
            y=_pct(part["rate"]),
            mode="lines+markers",
            name=str(name),
            line={"color": colour} if colour else None,
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.0f}}\u00a0%<extra></extra>",
        )
    _target_line(fig, target, horizontal_bars=False)
    fig.update_yaxes(title_text="Närvaro", range=[0, 105], dtick=20, **_pct_axis())
    fig.update_xaxes(title_text="Tertial", type="category")
    return _layout(fig, title, height=520)


# --- courses ---------------------------------------------------------------------------------
def course_participants(participants: pd.DataFrame, tertial: Tertial) -> go.Figure:
    """Return course participants per organisation (year to date), one colour per organisation.

    Args:
        participants: `metrics.courses.participants_by_organisation` (columns `org_code`,
            `organisation`, `participants`, `percent`).
        tertial: the year to date through this tertial.

    Returns:
        Horizontal bars in organisation order with the count and share as labels.
    """
    df = participants[participants["org_code"].astype(str) != "TOTAL"]
    df = df.iloc[::-1]  # first organisation at the top
    labels = [
        f"{format_count(n)} ({format_percent(p / 100, 1)})" if "percent" in df and not pd.isna(p) else format_count(n)
        for n, p in zip(df["participants"], df["percent"] if "percent" in df else [None] * len(df))
    ]
    fig = go.Figure(
        go.Bar(
            x=df["participants"].astype(float),
            y=df["organisation"].astype(str),
            orientation="h",
            marker={"color": [organisation_colour(c) for c in df["org_code"].astype(str)]},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}<br>%{x:,.0f} deltagare<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="Antal deltagare", tickformat=",.0f")
    fig.update_yaxes(title_text="", automargin=True)
    total = int(df["participants"].sum())
    fig = _layout(
        fig,
        f"Kursdeltagare per organisation, {tertial.ytd_label()}",
        subtitle=f"Kurser som Kurs och konferens arrangerat. Totalt {format_count(total)} deltagare.",
        height=max(420, 80 + 28 * len(df)),
    )
    # labels outside the bars: the right margin holds the longest, so "112 (23,9 %)" is never clipped
    fig.update_layout(margin={"r": 20 + 8 * max((len(x) for x in labels), default=0)})
    return fig


# --- grants ----------------------------------------------------------------------------------
def grant_status_table(applications: pd.DataFrame) -> pd.DataFrame:
    """Return applications counted and summed per funder and status (long form).

    Args:
        applications: `metrics.grants.grants_year_to_date` (columns `funder`, `status`,
            `amount_applied`).

    Returns:
        Columns `funder`, `status`, `count`, `amount_applied`; statuses in decision order,
        funders by total amount applied for (largest first).
    """
    df = applications.assign(funder=applications["funder"].astype(str), status=applications["status"].astype(str))
    out = (
        df.groupby(["funder", "status"], sort=False)
        .agg(count=("amount_applied", "size"), amount_applied=("amount_applied", "sum"))
        .reset_index()
    )
    totals = out.groupby("funder")["amount_applied"].sum().sort_values(ascending=False)
    order = {f: i for i, f in enumerate(totals.index)}
    out["_f"] = out["funder"].map(order)
    out["_s"] = out["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    out = out.sort_values(["_f", "_s"]).drop(columns=["_f", "_s"]).reset_index(drop=True)
    out["count"] = out["count"].astype("Int64")
    out["amount_applied"] = out["amount_applied"].astype("Int64")
    return out


def _statuses_in_order(table: pd.DataFrame) -> list[str]:
    """Return the statuses found in a `grant_status_table`: decision order, then unknown ones sorted."""
    return [s for s in STATUS_ORDER if s in set(table["status"])] + sorted(set(table["status"]) - set(STATUS_ORDER))


def _status_marker(status: str) -> dict:
    """Return the bar marker of a decision status: its colour and pattern (grey, plain if unknown)."""
    colour, pattern = STATUS_STYLE.get(status, (NEUTRAL_COLOUR, ""))
    return {
        "color": colour,
        "pattern": {"shape": pattern, "fgcolor": "#1d2633", "size": 10, "solidity": 0.15},
        "line": {"color": "#ffffff", "width": 0.5},
    }


def grants_by_status(applications: pd.DataFrame, tertial: Tertial) -> go.Figure:
    """Return the applications per funder, stacked by decision status: kronor and counts.

    Args:
        applications: `metrics.grants.grants_year_to_date`.
        tertial: the year to date through this tertial.

    Returns:
        Two panels, one above the other (sought amount in kr, number of applications), one
        colour (and for some a sparse pattern) per status.
    """
    from plotly.subplots import make_subplots

    table = grant_status_table(applications)
    funders = list(dict.fromkeys(table["funder"]))[::-1]
    # One panel above the other: each gets the full width, so the axis titles never meet on a phone.
    labels = _upright_ticks(funders, 22)
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.16)
    for status in _statuses_in_order(table):
        part = table[table["status"] == status]
        marker = _status_marker(status)
        fig.add_bar(
            x=part["amount_applied"].astype(float),
            y=part["funder"],
            orientation="h",
            name=status.capitalize(),
            legendgroup=status,
            marker=marker,
            row=1,
            col=1,
            hovertemplate="%{y}<br>" + status + ": %{x:,.0f} kr<extra></extra>",
        )
        fig.add_bar(
            x=part["count"].astype(float),
            y=part["funder"],
            orientation="h",
            name=status.capitalize(),
            legendgroup=status,
            showlegend=False,
            marker=marker,
            row=2,
            col=1,
            hovertemplate="%{y}<br>" + status + ": %{x} ansökningar<extra></extra>",
        )
    amounts = table.groupby("funder")["amount_applied"].sum()
    counts = table.groupby("funder")["count"].sum()
    fig.update_xaxes(title_text="Sökt belopp", **_kr_axis(amounts), row=1, col=1)
    fig.update_xaxes(title_text="Antal ansökningar", dtick=1 if counts.max() <= 8 else None, row=2, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=funders, automargin=True, **labels)
    fig = _layout(
        fig,
        f"Ansökningar om externa medel per finansiär och status, {tertial.ytd_label()}",
        subtitle=f"Status som den var känd vid {'årets' if isinstance(tertial, Year) else 'tertialets'} slut.",
        height=max(480, 220 + 2 * 34 * len(funders)),
        barmode="stack",
    )
    return fig


# --- funds -----------------------------------------------------------------------------------
def funds_by_financier(available: pd.DataFrame, tertial: Tertial) -> go.Figure:
    """Return each area's added funds stacked by financier (Tabell 3/4 as a chart).

    Args:
        available: `metrics.funds.available_funds` (columns `area`, `added_municipalities`,
            `added_region`, `added_eu`, `added_state`, `added_other`, `is_total`).
        tertial: the period (its reporting date).

    Returns:
        Horizontal stacked bars per area (total row left out), one colour per financier.
    """
    df = available[~available.get("is_total", pd.Series(False, index=available.index)).astype(bool)].iloc[::-1]
    fig = go.Figure()
    for column, name in FINANCIER_COLUMNS.items():
        if column not in df:
            continue
        fig.add_bar(
            x=df[column].astype(float),
            y=df["area"].astype(str),
            orientation="h",
            name=name.capitalize() if name != "EU-bidrag" else name,
            marker={"color": FINANCIER_COLOURS[name], "line": {"color": "#ffffff", "width": 0.5}},
            hovertemplate="%{y}<br>" + name + ": %{x:,.0f} kr<extra></extra>",
        )
    totals = df[[c for c in FINANCIER_COLUMNS if c in df]].astype(float).sum(axis=1)
    fig.update_xaxes(title_text="Tillförda medel", **_kr_axis(totals))
    areas = _upright_ticks(df["area"].astype(str).tolist(), 22)
    fig.update_yaxes(title_text="", automargin=True, **areas)
    when = ""
    if "reporting_date" in available and len(available):
        when = f" per {pd.Timestamp(available['reporting_date'].iloc[0]):%Y-%m-%d}"
    return _layout(
        fig,
        f"Tillförda medel per område och finansiär{when or ', ' + tertial.label()}",  # year to date: its date
        subtitle="Disponibla medel, fördelade på finansiärer.",
        barmode="stack",
        height=max(400, 110 + _row_px(areas, 34) * len(df)),
    )


def budget_vs_outcome(budget: pd.DataFrame, tertial: Tertial) -> go.Figure:
    """Return budget for the year against outcome to date per activity.

    Args:
        budget: `metrics.funds.budget_vs_outcome` (columns `area`, `budget`, `outcome`,
            `is_total`, `reporting_date`).
        tertial: the period.

    Returns:
        Grouped horizontal bars (budget light with a dark outline, outcome dark), total row left out.
    """
    df = budget[~budget.get("is_total", pd.Series(False, index=budget.index)).astype(bool)].iloc[::-1]
    when = ""
    if "reporting_date" in budget and len(budget):
        when = f"{pd.Timestamp(budget['reporting_date'].iloc[0]):%Y-%m-%d}"
    fig = go.Figure()
    fig.add_bar(
        x=df["outcome"].astype(float),
        y=df["area"].astype(str),
        orientation="h",
        name=f"Utfall t.o.m. {when}" if when else "Utfall",
        marker={"color": REGION_COLOUR},
        hovertemplate="%{y}<br>Utfall: %{x:,.0f} kr<extra></extra>",
    )
    fig.add_bar(
        x=df["budget"].astype(float),
        y=df["area"].astype(str),
        orientation="h",
        name=f"Budget {tertial.year}",
        marker={
            "color": "#c9d3df",
            "line": {"color": "#1d2633", "width": 1.5},
        },
        hovertemplate="%{y}<br>Budget: %{x:,.0f} kr<extra></extra>",
    )
    fig.update_xaxes(title_text="Kostnader", **_kr_axis(pd.concat([df["outcome"], df["budget"]]).astype(float)))
    areas = _upright_ticks(df["area"].astype(str).tolist(), 22)
    fig.update_yaxes(title_text="", automargin=True, **areas)
    fig = _layout(
        fig,
        f"Budget och utfall per verksamhet{f' per {when}' if when else ', ' + tertial.label()}",  # year to date: its date
        subtitle=(
            "Årets budgeterade kostnader mot årets redovisade kostnader."
            if when and when.endswith("-12-31")
            else "Årets budgeterade kostnader mot redovisade kostnader hittills i år."
        ),
        barmode="group",
        height=max(400, 110 + _row_px(areas, 44) * len(df)),
    )
    fig.update_layout(legend={"traceorder": "reversed"})
    return fig


def survey_shares(results: pd.DataFrame, year: int) -> go.Figure:
    """Return horizontal bars of the share mycket nöjda per question, this year and the year before.

    Args:
        results: `metrics.annual.survey_per_goal` (columns `question_id`, `indicator_text`,
            `share`, `share_last_year`).
        year: the survey year (title and legend).

    Returns:
        A figure with two bars per question (the year before in dark grey, this year in colour).
    """
    df = results.iloc[::-1]
    labels = question_labels(df["question_id"], df["indicator_text"])
    fig = go.Figure()
    for column, name, colour in (
        ("share_last_year", str(year - 1), LAST_YEAR_COLOUR),
        ("share", str(year), _PALETTE[0]),
    ):
        fig.add_bar(
            x=_pct(df[column]),
            y=labels,
            orientation="h",
            name=name,
            marker={"color": colour},
            text=[_pct_label(v) for v in df[column]],
            textposition="outside",
            hovertemplate="%{y}<br>" + name + ": %{x:.0f}\u00a0%<extra></extra>",
        )
    fig.update_layout(barmode="group", xaxis=_pct_axis(range=[0, 100], title="Andel mycket nöjda"))
    return _layout(
        fig,
        f"Andel mycket nöjda per fråga, utvärderingsenkäten {year} och {year - 1}",
        height=max(360, 70 * len(df) + 200),
    )


def question_labels(ids: pd.Series, texts: pd.Series, width: int = 28) -> list[str]:
    """Return short axis labels for survey questions: the id and what tells the question apart, its
    words after the opening most questions share ("F05 … att synliggöra medborgarnas erfarenheter"),
    broken into lines; the full text stays in the chart's data table. The opening is the leading
    words found in at least half the questions and in at least two of them, compared by their first
    five letters (so "Andelen"/"Andel" and the like count as one)."""
    words = [str(t).rstrip(".").split() for t in texts]

    def stem(word: str) -> str:
        return word.lower()[:5]

    seen: dict[str, int] = {}
    for w in words:
        for s in {stem(x) for x in w}:
            seen[s] = seen.get(s, 0) + 1
    common_stems = {s for s, n in seen.items() if n >= 2 and n * 2 >= len(words)}
    out = []
    for q, w in zip(ids, words):
        skip = 0
        while skip < len(w) - 1 and stem(w[skip]) in common_stems:
            skip += 1
        rest = " ".join(w[skip:])
        room = 4 * width if len(words) == 1 else 2 * width  # one question: nothing to tell apart, say it all
        short = rest if len(rest) <= room else rest[: room - 1].rsplit(" ", 1)[0] + " …"
        lines = textwrap.wrap(f"{q} {'… ' if skip else ''}{short}", width, break_long_words=False)
        out.append("<br>".join(lines))
    return out


def tertials_side_by_side(values: pd.DataFrame, title: str, unit: str | None = "%") -> go.Figure:
    """Return grouped bars of a measure in each tertial of a year and the year before.

    Args:
        values: `metrics.annual.tertial_values` (columns `year`, `tertial`, `value`), with an optional
            column `of`: a count's Y, labelled "2 av 4" as the mätetal reads.
        title: the chart's title.
        unit: "%" for shares, "kr" for amounts (labels and axis in tkr/mnkr), else counts.

    Returns:
        A figure with one group per tertial and one bar per year.
    """
    fig = go.Figure()
    years = sorted(values["year"].unique())
    # Horizontal bars, a tertial a row: each label stands level beside its bar, at a phone's width too.
    for i, y in enumerate(years):
        part = values[values["year"] == y]
        xs = _pct(part["value"]) if unit == "%" else part["value"].astype("Float64").astype(float)
        fig.add_bar(
            x=xs,
            y=[f"Tertial {n}" for n in part["tertial"]],
            orientation="h",
            name=str(y),
            marker={"color": LAST_YEAR_COLOUR if i < len(years) - 1 else _PALETTE[0]},
            text=[
                _tertial_label(v, unit) if pd.isna(v) or pd.isna(o) else format_out_of(v, o)
                for v, o in zip(part["value"], part["of"] if "of" in part else [pd.NA] * len(part))
            ],
            textposition="outside",
            cliponaxis=False,
        )
    if unit == "%":
        axis = _pct_axis(range=[0, 118], dtick=25)
    elif unit == "kr":
        axis = _kr_axis(values["value"], count=2)  # few ticks: "−1 000 tkr" stays level on a phone
        low, high = float(values["value"].min(skipna=True)), float(values["value"].max(skipna=True))
        if low < 0:  # a deficit's bar points left: room for its label before the tertials' names
            span = max(high, 0.0) - low
            axis["range"] = [low - 0.9 * span, max(high, 0.0) + 0.05 * span]  # "−1 049 tkr" at 390 px
    else:  # counts: whole steps
        axis = {"tickformat": ",d", "dtick": 1} if values["value"].max(skipna=True) <= 10 else {"tickformat": ",d"}
    fig.update_layout(barmode="group", xaxis=axis, yaxis={"autorange": "reversed"}, bargap=0.3)
    fig = _layout(fig, title, height=220)  # two charts with their data tables on a printed page
    # room on the right for the labels beside the longest bars ("11 600 tkr"); a deficit's label is on the left
    right = [t for d in fig.data for t, x in zip(d.text, d.x) if not (x is not None and x == x and x < 0)]
    return fig.update_layout(margin={"r": 20 + 8 * max((len(t) for t in right), default=0)})


def _tertial_label(value: object, unit: str | None) -> str:
    """Return a bar's label: "80 %", "11 600 tkr", "12"; "–" without a result."""
    if pd.isna(value):
        return "–"
    if unit == "%":
        return _pct_label(value)
    return format_tkr(float(value)) if unit == "kr" else format_count(float(value))


def survey_trend(by_year: pd.DataFrame) -> go.Figure:
    """Return one line per question of the share mycket nöjda over the survey years.

    Args:
        by_year: `metrics.survey.survey_by_year` (columns `question_id`, `indicator_text`, `year`, `share`).
    """
    fig = go.Figure()
    for i, (qid, part) in enumerate(by_year.groupby("question_id", sort=False)):
        fig.add_scatter(
            x=part["year"].astype(int),
            y=_pct(part["share"]),
            mode="lines+markers",
            name=str(qid),
            line={"color": _PALETTE[i % len(_PALETTE)]},
            hovertemplate=f"{qid}: {str(part['indicator_text'].iloc[0])[:60]}<br>%{{x}}: %{{y:.0f}}\u00a0%<extra></extra>",
        )
    fig.update_layout(yaxis=_pct_axis(range=[0, 100], title="Andel mycket nöjda"), xaxis={"dtick": 1})
    return _layout(fig, "Andel mycket nöjda per fråga och år, utvärderingsenkäten")
