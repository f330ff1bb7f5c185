"""Display helpers for the report notebooks: tables, charts, key figures and comments.

Each helper shows its item in the notebook and, when the section was opened with an
`output_dir`, records the raw table there for tabeller.xlsx. Everything that came from a
spreadsheet is HTML-escaped before it is shown.

Charts keep JupyterLab's native plotly rendering: the display bundle carries plotly's own
mimetype (`application/vnd.plotly.v1+json`, drawn by JupyterLab) and an HTML container with
the figure as JSON (drawn in the exported report by one inline copy of plotly.js).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kuanalys import config
from kuanalys.report import formats as fm
from kuanalys.report.output_meta import META_KEY

# Folder under output_dir where the raw tables are recorded for tabeller.xlsx.
TABLES_SUBDIR = ".tabeller"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,60}$")

_state: dict[str, Any] = {"output_dir": None}


# --- items -----------------------------------------------------------------------------------
@dataclass
class Table:
    """A table as shown in the report: Swedish headers, raw values, a format per column.

    `formats` maps a header to a kind in `formats.KINDS` (missing headers: text, or heltal
    for integer columns and decimal1 for float columns). `cell_formats` overrides the kind
    of single cells of one column (row by row), for tables such as key figures.
    """

    name: str
    title: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    note: str | None = None
    total_row: bool = False
    cell_formats: dict[str, list[str]] = field(default_factory=dict)
    group_by: str | None = None  # HTML: rows grouped under a heading row per value (kept as a column in Excel)
    # Minimum cell size (config.MIN_CELL_SIZE): count columns of people whose small values are
    # hidden, and columns derived from them (hidden in the same rows). See `apply_min_cell_size`.
    suppress: list[str] = field(default_factory=list)
    suppress_also: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not _NAME_RE.match(self.name):
            raise ValueError(f"Tabellnamnet {self.name!r} får bara ha a–z, 0–9 och _.")
        unknown = {k for k in self.formats.values() if k not in fm.KINDS}
        if unknown:
            raise ValueError(f"Okända kolumnformat {sorted(unknown)}; välj bland {', '.join(fm.KINDS)}.")
        missing = [c for c in [*self.suppress, *self.suppress_also] if c not in self.frame.columns]
        if missing:
            raise ValueError(f"Kolumnerna {missing} finns inte i tabellen {self.name!r}.")

    def kind_of(self, column: str) -> str:
        """Return the format kind of a column (declared, or guessed from its dtype)."""
        if column in self.formats:
            return self.formats[column]
        dtype = self.frame[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            return "text"
        if pd.api.types.is_integer_dtype(dtype):
            return "heltal"
        if pd.api.types.is_float_dtype(dtype):
            return "decimal1"
        if pd.api.types.is_datetime64_any_dtype(dtype):
            return "datum"
        return "text"

    def cell_kind(self, column: str, row: int) -> str:
        """Return the format kind of one cell."""
        per_row = self.cell_formats.get(column)
        return per_row[row] if per_row is not None else self.kind_of(column)


@dataclass
class Chart:
    """A plotly figure and the table of its data (shown collapsed beside it).

    `suppress_by` names the data table's column that holds the figure's categories (e.g.
    "Organisation"): where the minimum cell size hides a row of the table, the figure's bar or
    point for that category is hidden too.
    """

    name: str
    figure: Any  # plotly.graph_objects.Figure
    data: Table
    suppress_by: str | None = None


# --- minimum cell size -------------------------------------------------------------------------
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
    return Table(
        table.name,
        table.title,
        frame,
        formats,
        note=note,
        total_row=table.total_row,
        cell_formats=table.cell_formats,
        group_by=table.group_by,
        suppress=table.suppress,
        suppress_also=table.suppress_also,
    )


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


@dataclass
class KeyFigure:
    """One key figure: a label, a value with its format kind, and an optional note."""

    label: str
    value: object
    kind: str = "heltal"
    note: str | None = None


@dataclass
class KeyFigures:
    """A row of key figures, recorded for Excel as a table named `name`."""

    name: str
    title: str
    items: list[KeyFigure]

    def as_table(self) -> Table:
        """Return the key figures as a two-column table (per-cell formats on Värde)."""
        frame = pd.DataFrame(
            {
                "Nyckeltal": [k.label for k in self.items],
                "Värde": pd.Series([k.value for k in self.items], dtype="object"),
                "Kommentar": [k.note or "" for k in self.items],
            }
        )
        return Table(self.name, self.title, frame, cell_formats={"Värde": [k.kind for k in self.items]})


@dataclass
class Comments:
    """Analysts' comments for one section or indicator (empty: nothing is shown)."""

    texts: list[str]
    title: str = "Analys"


# --- section context ----------------------------------------------------------------------
def open_section(
    *,
    year: int,
    tertial: int,
    data_dir: str | Path,
    output_dir: str | Path | None = None,
    snapshot_dir: str | Path | None = None,
):
    """Load the data and set where tables are recorded; return (Dataset, Tertial).

    The first code cell after a notebook's parameters calls this, so the same notebook runs in
    JupyterLab (output_dir and snapshot_dir None: the workbooks are read, nothing recorded) and
    under the report runner, which passes `snapshot_dir`: the input it validated, as Parquet.
    `data_dir` is a folder of workbooks or a processed folder from `kuanalys ingest`.
    """
    from kuanalys.periods import Tertial
    from kuanalys.processed import load_dataset, load_processed

    set_output_dir(output_dir)
    # The run wrote and validated the snapshot seconds earlier: its schema check is not repeated.
    dataset = load_processed(Path(snapshot_dir), validate=False) if snapshot_dir else load_dataset(Path(data_dir))
    return dataset, Tertial(int(year), int(tertial))


def set_output_dir(output_dir: str | Path | None) -> Path | None:
    """Record tables under `output_dir` from now on (None: show only). Returns the folder."""
    _state["output_dir"] = Path(output_dir) if output_dir not in (None, "") else None
    return _state["output_dir"]


def recorded_dir(output_dir: Path) -> Path:
    """Return the folder where tables recorded for `output_dir` are stored."""
    return Path(output_dir) / TABLES_SUBDIR


def record_table(table: Table, output_dir: Path | None = None) -> Path | None:
    """Store the raw table and its formats for the Excel export; return the pickle path."""
    target = output_dir or _state["output_dir"]
    if target is None:
        return None
    folder = recorded_dir(Path(target))
    folder.mkdir(parents=True, exist_ok=True)
    table.frame.to_pickle(folder / f"{table.name}.pkl")
    meta = {
        "name": table.name,
        "title": table.title,
        "formats": {c: table.kind_of(c) for c in table.frame.columns},
        "cell_formats": table.cell_formats,
        "note": table.note,
        "total_row": table.total_row,
    }
    (folder / f"{table.name}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return folder / f"{table.name}.pkl"


# --- HTML ----------------------------------------------------------------------------------
def esc(value: object) -> str:
    """HTML-escape any value (quotes too)."""
    return html.escape(str(value), quote=True)


# Tables with this many columns or more read as cards on a phone (each row a card, each cell
# labelled with its header through `data-label`); narrower tables scroll inside their own box.
CARDS_FROM_COLUMNS = 6


def table_html(table: Table, *, caption: bool = True) -> str:
    """Return the table as escaped HTML with Swedish number formatting."""
    columns = [c for c in table.frame.columns if c != table.group_by]
    cards = len(columns) >= CARDS_FROM_COLUMNS
    head = "".join(
        f'<th scope="col" class="{"num" if fm.is_numeric_kind(table.kind_of(c)) else "txt"}">{esc(c)}</th>'
        for c in columns
    )
    rows = []
    last = len(table.frame) - 1
    groups = table.frame[table.group_by].tolist() if table.group_by else None
    for i, record in enumerate(table.frame[columns].itertuples(index=False, name=None)):
        if groups is not None and (i == 0 or groups[i] != groups[i - 1]):
            rows.append(
                f'<tr class="ku-group"><th scope="rowgroup" colspan="{len(columns)}">{esc(fm.display_value(groups[i]))}</th></tr>'
            )
        cells = []
        for j, (column, value) in enumerate(zip(columns, record)):
            kind = table.cell_kind(column, i)
            text = (
                SUPPRESSED if is_suppressed(value) and fm.is_numeric_kind(kind) else esc(fm.display_value(value, kind))
            )
            cls = "num" if fm.is_numeric_kind(kind) else "txt"
            tag = "th" if j == 0 and not fm.is_numeric_kind(kind) else "td"
            scope = ' scope="row"' if tag == "th" else ""
            label = f' data-label="{esc(column)}"' if cards else ""
            cells.append(f'<{tag}{scope} class="{cls}"{label}>{text}</{tag}>')
        row_cls = ' class="ku-total"' if table.total_row and i == last else ""
        rows.append(f"<tr{row_cls}>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(table.title)}</caption>" if caption else ""
    note = f'<p class="ku-note">{esc(table.note)}</p>' if table.note else ""
    wrap = "ku-table-wrap ku-cards" if cards else "ku-table-wrap"
    return (
        f'<div class="{wrap}"><table class="ku-table" data-ku-table="{esc(table.name)}">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{note}"
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
        _publish({"text/html": "<!-- text saknas -->", "text/plain": ""}, missing_text=comments.title)


def show_text(text: str) -> None:
    """Show a generated sentence or paragraph (escaped) as part of the narrative."""
    if text and text.strip():
        _publish({"text/html": f'<p class="ku-lead">{esc(text.strip())}</p>', "text/plain": text}, text="lead")


def show(*items: object) -> None:
    """Show one or more report items (Table, Chart, KeyFigures, Comments, str) in order."""
    for item in items:
        if item is None:
            continue
        if isinstance(item, Chart):
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
