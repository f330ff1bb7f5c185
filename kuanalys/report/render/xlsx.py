"""tabeller.xlsx: every table shown in the report, one sheet per table, in report order.

Each sheet is named by the table's number in the report ("Tabell 5", or "Diagram 2" for a chart's
data: `Report.numbers`, the numbering Word, the HTML and the PDF show); a table the report does not
number (a goal's summary) is named by its chapter's number and its title. The sheet's first row holds
the number and the full title, the second the column headings.

The tables are the `Report`'s (`Report.tables`: tables, charts' data, key figures, goal
summaries) with their raw values. Cells hold real numbers with number formats, headers are Swedish, the header row is frozen.
Strings are always written as text, so a value such as "=SUMMA(A1)" from a spreadsheet can
never become a formula (OWASP formula injection): the cell's type is forced to a string and
strings that begin with =, +, -, @, tab, CR or LF also get Excel's quote prefix.
Cells hidden by the minimum cell size (`display.SUPPRESSED`) are written as the text `..`; the
footnote is in the table's note (column Not of the index sheet).
"""

from __future__ import annotations

import re
from pathlib import Path

from kuanalys.atomic import write_atomic
from kuanalys.report import formats as fm
from kuanalys.report.model import Report, Table
from kuanalys.report.suppression import SUPPRESSED, is_suppressed, min_cell_size, suppression_note

# Characters that make a spreadsheet program read a string as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
INDEX_SHEET = "Innehåll"


def sheet_title(label: str, used: set[str]) -> str:
    """Return a unique, valid sheet name (≤ 31 characters) from `label`, such as 'Tabell 5' or
    '3 Målet som helhet ej bedömt' (cut between words; '(2)' added when it is taken)."""
    clean = _SHEET_FORBIDDEN.sub(" ", label).replace("'", " ")
    base = re.sub(r"\s+", " ", clean).strip()
    if len(base) > 31:
        cut = base[:31]
        base = cut[: cut.rfind(" ")] if " " in cut else cut
    base = base.rstrip(" ,–-")
    name, n = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def sheet_label(table: Table, section: str, number: str | None) -> str:
    """Return what a table's sheet is named after: its number in the report ('Tabell 5'), or for a
    table without one its chapter's number and title ('3 Målet som helhet: ej bedömt')."""
    if number:
        return number
    chapter = re.match(r"\d+", section)
    return f"{chapter.group(0)} {table.title}" if chapter else table.title


def _set_text(cell, value: str) -> None:
    """Write a string as text, never as a formula.

    Control characters that XML cannot hold (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F)
    become U+FFFD instead of making openpyxl refuse the whole workbook.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def _write_value(cell, value: object, kind: str) -> None:
    if is_suppressed(value):  # hidden by the minimum cell size: the text "..", right-aligned
        from openpyxl.styles import Alignment

        _set_text(cell, SUPPRESSED)
        cell.alignment = Alignment(horizontal="right")
        return
    stored = fm.excel_value(value, kind)
    if stored is None:
        cell.value = None
        return
    if isinstance(stored, str):
        _set_text(cell, stored)
        return
    cell.value = stored
    cell.number_format = fm.EXCEL_FORMATS.get(kind, "General")


def _width(texts: list[str]) -> float:
    longest = max((len(t) for t in texts), default=8)
    return float(min(max(longest + 2, 8), 60))


def _styles() -> dict:
    from openpyxl.styles import Border, Font, PatternFill, Side

    return {
        "bold": Font(bold=True),
        "head_fill": PatternFill("solid", fgColor="E8EDF3"),
        "rule": Border(bottom=Side(style="medium", color="1D2633")),
        "total_rule": Border(top=Side(style="thin", color="1D2633")),
    }


# The sheet's rows: the number and title first, then the column headings, then the data.
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3


def _write_table_sheet(ws, table: Table, style: dict, number: str | None = None) -> None:
    """Fill one table's sheet: the number and full title, bold header row, typed cells, column
    widths, page setup."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = list(table.frame.columns)
    heading = ws.cell(TITLE_ROW, 1)
    _set_text(heading, f"{number} {table.title}" if number else table.title)
    heading.font = Font(bold=True, size=12)
    for j, column in enumerate(columns, start=1):
        c = ws.cell(HEADER_ROW, j)
        _set_text(c, str(column))
        c.font, c.fill, c.border = style["bold"], style["head_fill"], style["rule"]
        numeric = fm.is_numeric_kind(table.kind_of(column))
        c.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="right" if numeric else "left")
    last = len(table.frame)
    for i, record in enumerate(table.frame.itertuples(index=False, name=None)):
        for j, (column, value) in enumerate(zip(columns, record), start=1):
            c = ws.cell(FIRST_ROW + i, j)
            _write_value(c, value, table.cell_kind(column, i))
            if table.total_row and i == last - 1:
                c.font, c.border = style["bold"], style["total_rule"]
    for j, column in enumerate(columns, start=1):
        values = table.frame[column].tolist()
        texts = [str(column)] + [
            SUPPRESSED if is_suppressed(v) else fm.display_value(v, table.cell_kind(column, k))
            for k, v in enumerate(values)
        ]
        ws.column_dimensions[get_column_letter(j)].width = _width(texts)
    if any(is_suppressed(v) for column in columns for v in table.frame[column].tolist()):
        foot = ws.cell(FIRST_ROW + last + 1, 1)
        _set_text(foot, suppression_note(min_cell_size()))
        foot.font = Font(italic=True)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.oddHeader.center.text = (f"{number} {table.title}" if number else table.title).replace("&", "&&")
    ws.page_setup.orientation = "landscape" if len(columns) > 5 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _index_row(index, row: int, name: str, table: Table, section: str) -> None:
    """Write one line of the index sheet: a link to the table's sheet, its title, section and note."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    link = index.cell(row, 1)
    _set_text(link, name)
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
    link.font = Font(color="00558C", underline="single")
    _set_text(index.cell(row, 2), table.title)
    _set_text(index.cell(row, 3), section)
    if table.note:
        _set_text(index.cell(row, 4), table.note)


def write_workbook(path: Path, report: Report) -> Path:
    """Write tabeller.xlsx: an index sheet, then one sheet per table of the report. Returns the path."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    style = _styles()
    wb = Workbook()
    index = wb.active
    index.title = INDEX_SHEET
    for col, header in enumerate(("Blad", "Tabell", "Avsnitt", "Not"), start=1):
        c = index.cell(1, col)
        _set_text(c, header)
        c.font, c.fill, c.border = style["bold"], style["head_fill"], style["rule"]
    used: set[str] = {INDEX_SHEET}
    for i, (table, section, number) in enumerate(report.tables(), start=1):
        name = sheet_title(sheet_label(table, section, number), used)
        _write_table_sheet(wb.create_sheet(name), table, style, number)
        _index_row(index, i + 1, name, table, section)
    for j, width in enumerate((32, 70, 28, 50), start=1):
        index.column_dimensions[get_column_letter(j)].width = width
    index.freeze_panes = "A2"
    return write_atomic(path, wb.save)
