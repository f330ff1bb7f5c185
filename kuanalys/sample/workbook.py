"""A general, deterministic xlsx writer: spec sheets from tidy frames, fixed properties and zip timestamps."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from kuanalys.atomic import write_atomic
from kuanalys.spec import (
    Sheet,
)

# Fixed workbook properties and zip timestamps, so that a given seed gives byte-identical files.
FIXED_TIMESTAMP = datetime(2019, 9, 15, 8, 0, 0)
AUTHOR = "Kommunal utveckling, exempeldata"
AMOUNT_FORMAT = "#,##0"  # shown as "# ##0" (1 563 970) by Excel with Swedish settings
DATE_FORMAT = "yyyy-mm-dd"


def _cell_value(value: object) -> object:
    """Return a value openpyxl can write: None for missing, datetime for timestamps, int for ints."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _display_width(value: object) -> int:
    """Return the number of characters a cell value shows as (dates as yyyy-mm-dd, amounts with spaces)."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 10
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return len(str(value))


def _yes_no(value: object) -> str:
    return "Ja" if bool(value) else "Nej"


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: dict[int, str] | None = None,
) -> None:
    """Add a sheet with a bold, frozen header row, column widths and number formats per column index."""
    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [len(str(h)) for h in headers]
    formats = formats or {}
    r = 1  # counted here: ws.max_row scans every cell, which made big sheets quadratic
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        r += 1
        for i, value in enumerate(values):
            if i in formats and value is not None:
                ws.cell(row=r, column=i + 1).number_format = formats[i]
            widths[i] = max(widths[i], _display_width(value))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)


def _formats(sheet: Sheet, keys: Sequence[str]) -> dict[int, str]:
    """Return number formats by column index for the spec columns `keys`."""
    out = {}
    for i, key in enumerate(keys):
        kind = sheet.column(key).type
        if kind in ("amount", "signed_amount"):
            out[i] = AMOUNT_FORMAT
        elif kind == "date":
            out[i] = DATE_FORMAT
    return out


def save_deterministic(wb: Workbook, path: Path) -> Path:
    """Write a workbook atomically (`atomic.write_atomic`) with fixed zip timestamps; return the path."""
    buffer = io.BytesIO()
    # Stored, not deflated: the members are compressed once, when they are copied with fixed timestamps.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, lambda tmp: Path(tmp).write_bytes(out.getvalue()))


def _sheet_rows(sheet: Sheet, frame: pd.DataFrame, keys: Sequence[str]) -> list[list[object]]:
    """Return the rows of a tidy frame for the spec sheet columns `keys`, booleans as Ja/Nej."""
    is_bool = [sheet.column(key).type == "bool" for key in keys]
    rows = []
    for record in frame[list(keys)].itertuples(index=False):
        row = []
        for boolean, value in zip(is_bool, record):
            if boolean:
                row.append(_yes_no(value))
            elif isinstance(value, float) and np.isnan(value):
                row.append(None)
            else:
                row.append(None if pd.isna(value) else value)
        rows.append(row)
    return rows


def write_table(wb: Workbook, sheet: Sheet, frame: pd.DataFrame, keys: Sequence[str]) -> None:
    """Add a spec sheet filled from a tidy frame."""
    headers = [sheet.column(k).header for k in keys]
    add_sheet(wb, sheet.name, headers, _sheet_rows(sheet, frame, keys), _formats(sheet, keys))
