"""The items a report notebook shows (`display.show`): tables, charts, key figures, comments.

The HTML, Excel and Word outputs are built from these; a new kind of item is documented in
docs/report.md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kuanalys.report import formats as fm

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,60}$")


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


@dataclass
class Heading:
    """A heading emitted by a notebook (level 1 chapter, 2 section, 3 sub-heading), for chapters
    whose headings come from the data (one notebook run once per strategic goal)."""

    level: int
    text: str


@dataclass
class Cover:
    """The report's cover: title, period, organisation, Dnr, author and address lines."""

    lines: list[tuple[str, str]]
