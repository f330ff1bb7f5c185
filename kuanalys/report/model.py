"""The report as one document: `Report` → `Chapter` → `Section` → items.

The chapter functions (chapters.py, content.py, annual.py) build the items once; a section
notebook shows them with `display.show`, which also hands them over as data (`ITEMS_MIMETYPE`,
the items' `to_json`). `report_from_runs` reads them back from the executed notebooks (never
from rendered HTML) and the renderers in `render/` write HTML, Word, tabeller.xlsx and the PDF
from the `Report` alone. Every item is a dataclass with `to_json` and a `from_json` that give
back an equal item (a plain dict: JSON types only).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from kuanalys.report import formats as fm

# The output of a section notebook that carries its items as data (`display.show`).
ITEMS_MIMETYPE = "application/vnd.kuanalys.items+json"
# Tags of cells whose outputs never reach the report (papermill's error banner, parameters, notes).
HIDDEN_TAGS = frozenset({"papermill-error-cell-tag", "parameters", "injected-parameters", "hide"})

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,60}$")


# --- cells of a table ------------------------------------------------------------------------
def _cell_json(value: object) -> object:
    """Return a table cell as a JSON value: numbers, text, bool, None, or {"datum": ISO date}."""
    value = fm.plain(value)
    if fm.is_missing(value):
        return None
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return {"datum": pd.Timestamp(value).isoformat()}
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _cell_value(value: object) -> object:
    return pd.Timestamp(value["datum"]) if isinstance(value, dict) else value


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


# --- the items -------------------------------------------------------------------------------
@dataclass
class Heading:
    """A heading: level 1 chapter, 2 section, 3 sub-heading."""

    level: int
    text: str
    kind: ClassVar[str] = "heading"

    def to_json(self) -> dict:
        return {"type": self.kind, "level": self.level, "text": self.text}

    @classmethod
    def from_json(cls, d: dict) -> Heading:
        return cls(int(d["level"]), d["text"])


@dataclass
class Paragraph:
    """A paragraph of text; line breaks in it part paragraphs (HTML) or break lines (Word).

    `missing` marks the place of an analyst text not yet written, naming in words which text it is
    (the Word draft asks for it there); `note` marks a note (set smaller under what it explains).
    `lead` is a generated sentence (set as the section's lead), not the notebook's own prose.
    `draft` marks a sentence drafted from the figures for the analyst to keep or rewrite (shown
    after the visible mark `DRAFT_MARK`).
    """

    text: str
    missing: str | None = None
    note: bool = False
    lead: bool = True
    draft: bool = False
    kind: ClassVar[str] = "paragraph"

    def to_json(self) -> dict:
        return {
            "type": self.kind,
            "text": self.text,
            "missing": self.missing,
            "note": self.note,
            "lead": self.lead,
            "draft": self.draft,
        }

    @classmethod
    def from_json(cls, d: dict) -> Paragraph:
        return cls(d["text"], d.get("missing"), bool(d.get("note")), bool(d.get("lead", True)), bool(d.get("draft")))


def missing_mark(what: str) -> str:
    """Return the one mark of an analyst text not yet written, naming it in words:
    "[Text saknas: viktiga händelser]" (the same in the HTML and the Word draft)."""
    return f"[Text saknas: {what.strip().rstrip('.')}]"


def missing_text(what: str) -> Paragraph:
    """Return the paragraph marking where the analyst text `what` (in words, never a file or sheet) is to be written."""
    return Paragraph(missing_mark(what), missing=what)


# The mark before a drafted sentence (`Paragraph.draft`), in the HTML and the Word draft.
DRAFT_MARK = "[Utkast – behåll eller skriv om]"


@dataclass
class Table:
    """A table as shown in the report: Swedish headers, raw values, a format per column.

    `formats` maps a header to a kind in `formats.KINDS` (text, kr, tkr, procent, procent1, heltal
    (count), decimal1, decimal2, datum); missing headers: text, or heltal for integer columns and
    decimal1 for float columns. `cell_formats` overrides the kind of single cells of one column
    (row by row), for tables such as key figures.
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
    kind: ClassVar[str] = "table"

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

    def to_json(self) -> dict:
        """Return the table as a plain dict: every column's kind declared, cells as JSON values."""
        columns = [str(c) for c in self.frame.columns]
        return {
            "type": self.kind,
            "name": self.name,
            "title": self.title,
            "columns": columns,
            "formats": {c: self.kind_of(c) for c in self.frame.columns},
            "rows": [[_cell_json(v) for v in row] for row in self.frame.itertuples(index=False, name=None)],
            "note": self.note,
            "total_row": self.total_row,
            "cell_formats": self.cell_formats,
            "group_by": self.group_by,
        }

    @classmethod
    def from_json(cls, d: dict) -> Table:
        rows = [[_cell_value(v) for v in row] for row in d["rows"]]
        frame = pd.DataFrame(rows, columns=d["columns"], dtype=object)
        return cls(
            d["name"],
            d["title"],
            frame,
            d["formats"],
            note=d.get("note"),
            total_row=bool(d.get("total_row")),
            cell_formats=d.get("cell_formats") or {},
            group_by=d.get("group_by"),
        )


@dataclass
class ScoreTable(Table):
    """The mätetal table of an area: Status, Mätetal, Målvärde, Resultat, Trend, Beskrivning av
    resultat (the rule of a relative target in the description); `statuses` holds each row's
    status word, which the goal summary counts."""

    statuses: list[str] = field(default_factory=list)
    kind: ClassVar[str] = "score_table"

    def to_json(self) -> dict:
        return {**super().to_json(), "statuses": self.statuses}

    @classmethod
    def from_json(cls, d: dict) -> ScoreTable:
        table = Table.from_json(d)
        return cls(**{f.name: getattr(table, f.name) for f in fields(table)}, statuses=list(d.get("statuses", [])))


@dataclass
class ActivityTable(Table):
    """The activities of an area in the period: Aktiviteter, Status (symbol and word), Kommentar."""

    kind: ClassVar[str] = "activity_table"

    @classmethod
    def from_json(cls, d: dict) -> ActivityTable:
        table = Table.from_json(d)
        return cls(**{f.name: getattr(table, f.name) for f in fields(table)})


@dataclass
class Chart:
    """A plotly figure and the table of its data (shown collapsed beside it).

    `figure` is a plotly Figure where a chapter function builds it, and its JSON (data, layout,
    config: `figure_spec`) once shown. `suppress_by` names the data table's column that
    holds the figure's categories (e.g. "Organisation"): where the minimum cell size hides a row
    of the table, the figure's bar or point for that category is hidden too. `key` gives in words
    the full text of labels the figure shortens ("F05: …"): the Word draft, which has no data
    table, prints it under the chart.
    """

    name: str
    figure: Any
    data: Table
    suppress_by: str | None = None
    key: str | None = None
    kind: ClassVar[str] = "chart"

    @property
    def spec(self) -> dict:
        """The figure as plotly JSON with the report's config."""
        return self.figure if isinstance(self.figure, dict) else figure_spec(self.figure, self.name)

    @property
    def title(self) -> str:
        """The plain text of the figure's title (or the data table's)."""
        title = (self.spec.get("layout") or {}).get("title") or {}
        text = title.get("text", "") if isinstance(title, dict) else str(title)
        return re.sub(r"<[^>]+>", " ", text or "").strip() or self.data.title

    def to_json(self) -> dict:
        return {"type": self.kind, "name": self.name, "figure": self.spec, "data": self.data.to_json(), "key": self.key}

    @classmethod
    def from_json(cls, d: dict) -> Chart:
        return cls(d["name"], d["figure"], Table.from_json(d["data"]), key=d.get("key"))


@dataclass
class KeyFigure:
    """One key figure: a label, a value with its format kind, and an optional note."""

    label: str
    value: object
    kind: str = "heltal"
    note: str | None = None


@dataclass
class KeyFigures:
    """A row of key figures, in tabeller.xlsx as a table named `name`."""

    name: str
    title: str
    items: list[KeyFigure]
    kind: ClassVar[str] = "key_figures"

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

    def to_json(self) -> dict:
        figures = [{"label": k.label, "value": _cell_json(k.value), "kind": k.kind, "note": k.note} for k in self.items]
        return {"type": self.kind, "name": self.name, "title": self.title, "items": figures}

    @classmethod
    def from_json(cls, d: dict) -> KeyFigures:
        figures = [KeyFigure(k["label"], _cell_value(k["value"]), k["kind"], k.get("note")) for k in d["items"]]
        return cls(d["name"], d["title"], figures)


@dataclass
class Comments:
    """Analysts' comments for one section or indicator under a title; none: the Word draft asks
    for them (the page shows nothing)."""

    texts: list[str]
    title: str = "Analys"
    kind: ClassVar[str] = "comments"

    def to_json(self) -> dict:
        return {"type": self.kind, "texts": [str(t) for t in self.texts], "title": self.title}

    @classmethod
    def from_json(cls, d: dict) -> Comments:
        return cls(list(d["texts"]), d["title"])


@dataclass
class Note:
    """A note about the section itself: with `error`, what stopped part of it from being made."""

    text: str
    error: bool = False
    kind: ClassVar[str] = "note"

    def to_json(self) -> dict:
        return {"type": self.kind, "text": self.text, "error": self.error}

    @classmethod
    def from_json(cls, d: dict) -> Note:
        return cls(d["text"], bool(d.get("error")))


@dataclass
class GoalSummary:
    """A strategic goal's status as a whole, from its mätetal: the status, the rule that gives it,
    and the number of mätetal per status (in the scorecard's order).

    It renders as its `parts` (a paragraph and a note) and, in tabeller.xlsx, as its `table`: the
    renderers know composite items, not this kind."""

    name: str  # of its table in tabeller.xlsx
    status: str
    rule: str
    counts: dict[str, int]
    kind: ClassVar[str] = "goal_summary"

    def to_json(self) -> dict:
        # Pairs, not an object: nbformat sorts a notebook's keys, and the statuses keep their order.
        counts = [[status, n] for status, n in self.counts.items()]
        return {"type": self.kind, "name": self.name, "status": self.status, "rule": self.rule, "counts": counts}

    @classmethod
    def from_json(cls, d: dict) -> GoalSummary:
        return cls(d["name"], d["status"], d["rule"], {status: n for status, n in d["counts"]})

    def parts(self) -> list[Item]:
        """'Målet som helhet: delvis uppfyllt (3 uppfyllt, 1 ej uppfyllt).' and the rule as a note (when it has one:
        the report states the rule under its first goal only)."""
        status = Paragraph(f"Målet som helhet: {self.status} ({self.counts_text()}).")
        return [status, Paragraph(self.rule, note=True)] if self.rule else [status]  # the rule is said once

    def counts_text(self) -> str:
        """Return the number of mätetal per status: '3 uppfyllt, 1 ej uppfyllt'."""
        from kuanalys.formatting import format_count

        return ", ".join(f"{format_count(n)} {status}" for status, n in self.counts.items() if n)

    def table(self) -> Table:
        """The summary as a table (tabeller.xlsx): one row per status with its number of mätetal."""
        frame = pd.DataFrame({"Status": list(self.counts), "Antal mätetal": list(self.counts.values())})
        return Table(
            self.name, f"Målet som helhet: {self.status}", frame, {"Antal mätetal": "heltal"}, note=self.rule or None
        )


@dataclass
class Cover:
    """The report's cover, from the settings read once at validation (installningar.xlsx)."""

    title: str
    period: str
    organisation: str
    dnr: str = ""
    author: str = ""
    address: str = ""
    copyright: str = ""
    template: str | None = None  # the organisation's Word reference document (absolute path)
    # True when the year has no Dnr: `dnr` then names what is missing ("diarienummer för 2025") and the
    # renderers show it with the missing-text mark, as the analysts' missing texts.
    dnr_missing: bool = False
    kind: ClassVar[str] = "cover"

    def to_json(self) -> dict:
        return {"type": self.kind, **{f.name: getattr(self, f.name) for f in fields(self)}}

    @classmethod
    def from_json(cls, d: dict) -> Cover:
        return cls(**{k: v for k, v in d.items() if k != "type"})


Item = Heading | Paragraph | Table | Chart | KeyFigures | Comments | Note | GoalSummary
# Every kind of item (and the cover) by its `kind`, for `item_from_json` and `display.show`.
KINDS: dict[str, type] = {
    c.kind: c
    for c in (
        Heading,
        Paragraph,
        Table,
        ScoreTable,
        ActivityTable,
        Chart,
        KeyFigures,
        Comments,
        Note,
        GoalSummary,
        Cover,
    )
}


def item_from_json(d: dict) -> Item | Cover:
    """Return the item a `to_json` dict describes."""
    return KINDS[d["type"]].from_json(d)


# --- the document ----------------------------------------------------------------------------
@dataclass
class Section:
    """A part of a chapter under one heading (None: the chapter's opening, before any heading)."""

    heading: Heading | None
    items: list[Item] = field(default_factory=list)


@dataclass
class Chapter:
    """One section notebook's part of the report: its key ('03_mal2'), anchor, title and sections."""

    key: str
    anchor: str
    title: str
    sections: list[Section]
    failed: bool = False

    @property
    def items(self) -> list[Item]:
        """Every item in order, section headings included (the title heading too)."""
        out: list[Item] = []
        for section in self.sections:
            if section.heading is not None:
                out.append(section.heading)
            out.extend(section.items)
        return out

    def chart_data_shown(self, numbers: dict[int, str]) -> dict[int, str]:
        """Return, by `id(chart)`, the number ("Tabell 10", from `Report.numbers`) of a table in this
        chapter that holds the chart's data (the same table, or one of the same name), so that the chart
        points to it instead of printing the same figures again."""
        tables = {}
        for item in self.items:
            if isinstance(item, Table) and id(item) in numbers:
                tables.setdefault(item.name, numbers[id(item)])
        return {
            id(item): tables[item.data.name]
            for item in self.items
            if isinstance(item, Chart) and item.data.name in tables
        }

    @classmethod
    def of(cls, key: str, anchor: str, items: list[Item], failed: bool = False) -> Chapter:
        """Return the chapter of a flat list of items: split at level-1 and level-2 headings;
        the title is the first level-1 heading (or the first heading, or the key)."""
        sections = [Section(None)]
        for item in items:
            if isinstance(item, Heading) and item.level <= 2:
                sections.append(Section(item))
            else:
                sections[-1].items.append(item)
        if not sections[0].items:
            sections = sections[1:]
        headings = [s.heading for s in sections if s.heading is not None]
        first = next((h for h in headings if h.level == 1), headings[0] if headings else None)
        return cls(key, anchor, first.text if first else key, sections, failed)


@dataclass
class Report:
    """The whole report: the cover and the chapters in order."""

    cover: Cover
    chapters: list[Chapter]

    def to_json(self) -> dict:
        return {
            "cover": self.cover.to_json(),
            "chapters": [
                {"key": c.key, "anchor": c.anchor, "failed": c.failed, "items": [i.to_json() for i in c.items]}
                for c in self.chapters
            ],
        }

    @classmethod
    def from_json(cls, d: dict) -> Report:
        chapters = [
            Chapter.of(c["key"], c["anchor"], [item_from_json(i) for i in c["items"]], c["failed"])
            for c in d["chapters"]
        ]
        return cls(Cover.from_json(d["cover"]), chapters)

    def numbers(self) -> dict[int, str]:
        """Return every numbered item's label by `id(item)`, in report order: "Tabell 5" for a table
        or key figures, "Diagram 2" for a chart. The one numbering Word, the HTML, the PDF and
        tabeller.xlsx all show (a table shown twice, such as Bilaga 2's, is numbered each time)."""
        labels: dict[int, str] = {}
        counts = {"Tabell": 0, "Diagram": 0}
        for chapter in self.chapters:
            for item in chapter.items:
                kind = (
                    "Diagram"
                    if isinstance(item, Chart)
                    else "Tabell"
                    if isinstance(item, (Table, KeyFigures))
                    else None
                )
                if kind is not None:
                    counts[kind] += 1
                    labels[id(item)] = f"{kind} {counts[kind]}"
        return labels

    def tables(self) -> list[tuple[Table, str, str | None]]:
        """Every table the report shows, with its chapter's title and its number ("Tabell 5"; a chart's
        data "Diagram 2"; None for a table not numbered in the report, such as a goal's summary), in
        order, each name once (tabeller.xlsx: Bilaga 2 repeats chapter 6's participants)."""
        numbers = self.numbers()
        out: list[tuple[Table, str, str | None]] = []
        seen: set[str] = set()
        for chapter in self.chapters:
            for item in chapter.items:
                table = _table_of(item)
                if table is not None and table.name not in seen:
                    seen.add(table.name)
                    out.append((table, chapter.title, numbers.get(id(item))))
        return out

    def charts(self) -> list[Chart]:
        """Every chart in order."""
        return [i for c in self.chapters for i in c.items if isinstance(i, Chart)]


def _table_of(item: Item) -> Table | None:
    if isinstance(item, Table):
        return item
    if isinstance(item, Chart):
        return item.data
    if isinstance(item, KeyFigures):
        return item.as_table()
    return item.table() if hasattr(item, "table") else None


# --- from the executed notebooks ---------------------------------------------------------------
def _markdown_items(source: str) -> list[Item]:
    """Return a markdown cell's headings and paragraphs (the notebook's own prose)."""
    import mistune

    def text(nodes: list[dict]) -> str:
        out = []
        for node in nodes:
            if node.get("type") in ("softbreak", "linebreak"):
                out.append(" ")
            elif "raw" in node:
                out.append(node["raw"])
            if node.get("children"):
                out.append(text(node["children"]))
        return "".join(out)

    items: list[Item] = []
    for node in mistune.create_markdown(renderer="ast")(source):
        if node.get("type") == "heading":
            items.append(Heading(min(3, int(node["attrs"]["level"])), text(node.get("children", []))))
        elif node.get("type") == "paragraph":
            items.append(Paragraph(text(node.get("children", [])), lead=False))
        elif node.get("type") == "list":
            for entry in node.get("children", []):
                items.append(Paragraph(f"• {text(entry.get('children', []))}", lead=False))
    return items


def notebook_items(notebook: Path) -> tuple[list[Item], Cover | None]:
    """Return the items an executed section notebook showed (markdown cells as headings and
    paragraphs, `show`'s items, errors as notes), in order, and the cover it showed, if any."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    items: list[Item] = []
    cover = None
    for cell in nb.cells:
        if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            items += _markdown_items(cell.source)
            continue
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                items.append(Note(f"{output.get('ename', 'Fel')}: {output.get('evalue', '')}", error=True))
            elif ITEMS_MIMETYPE in output.get("data", {}):
                for d in output["data"][ITEMS_MIMETYPE]["items"]:
                    item = item_from_json(d)
                    if isinstance(item, Cover):
                        cover = item
                    else:
                        items.append(item)
    return items, cover


def report_from_runs(runs: list, default_cover: Cover) -> Report:
    """Return the Report of the executed section notebooks (`sections.SectionRun`s, in order).

    A notebook that failed keeps what it showed, and a note says what stopped it (when the
    notebook does not show the error itself: a cell timeout, a dead kernel)."""
    cover = default_cover
    chapters = []
    for run in runs:
        items: list[Item] = []
        error = run.error
        try:
            items, shown = notebook_items(Path(run.notebook))
            cover = shown or cover
        except Exception as exc:  # noqa: BLE001 - no notebook, or a broken one: the section says why
            error = error or f"Notebooken {Path(run.notebook).name} kunde inte läsas: {exc}"
        # The runner's reason is added unless the notebook shows that same error itself (a cell
        # timeout shows only the interrupt; the reason names the limit).
        if error and not any(isinstance(i, Note) and i.error and i.text.strip() in error for i in items):
            items.append(Note(error, error=True))
        chapters.append(Chapter.of(run.section.key, run.section.anchor, items, failed=error is not None))
    return Report(cover, chapters)
