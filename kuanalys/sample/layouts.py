"""Attendance workbooks in the two layouts of `kuanalys.spec`: long (one row per seat) and närvaromatris."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kuanalys.organisations import (
    KOMMUNER,
    ORGANISATION_ORDER,
    ORGANISATIONS,
)
from kuanalys.sample.networks import KOMMUN_CODES, NetworkDef
from kuanalys.sample.workbook import DATE_FORMAT, add_sheet, new_workbook, save_deterministic, write_table
from kuanalys.spec import (
    ATTENDANCE_LONG,
)


def write_attendance_long(path: Path | str, frame: pd.DataFrame) -> Path:
    """Write attendance in the long layout (sheet Närvaro, one row per meeting and seat); return the path.

    `frame` is a tidy attendance frame (the columns of `kuanalys.schemas.Attendance`) or any
    subset of its rows, written in the frame's order with the headers of `spec.ATTENDANCE_LONG`.
    The workbook is written atomically with fixed properties and zip timestamps, so the same
    frame always gives the same bytes.
    """
    out = frame.copy()
    out["organisation"] = out["organisation"].astype(str)
    wb = new_workbook()
    write_table(wb, ATTENDANCE_LONG, out, [c.key for c in ATTENDANCE_LONG.columns])
    return save_deterministic(wb, Path(path))


def _matrix_header(org: str, seat: int) -> str:
    return ORGANISATIONS[org] if seat == 1 else f"{ORGANISATIONS[org]} {seat}"


def write_attendance_matrix(path: Path | str, frame: pd.DataFrame, networks: Sequence[NetworkDef | str]) -> Path:
    """Write attendance as a närvaromatris; return the path.

    One sheet per network of `networks` (in that order; the sheet name is the network, so it
    must be a valid sheet name: at most 31 characters, none of : \\ / ? * [ ]), one row per
    meeting date and one column per seat: x present, blank absent, "-" not invited to that
    meeting. Every kommun has a column; the Region, external participants and further seats
    have one where the frame has them. `frame` is a tidy attendance frame or any subset of its
    rows; networks without rows in it get no sheet. Gender is not written (the matrix has no
    place for it). Raises ValueError if no network has rows or a name cannot be a sheet name.
    """
    names = [n.name if isinstance(n, NetworkDef) else str(n) for n in networks]
    network_of = frame["network"].astype(str)
    wb = new_workbook()
    for name in names:
        sub = frame[network_of == name]
        if sub.empty:
            continue
        if len(name) > 31 or any(ch in name for ch in ":\\/?*[]"):
            raise ValueError(f"{name!r} cannot be a sheet name (at most 31 characters, none of : \\ / ? * [ ])")
        seats = sorted(
            {(o, s) for o, s in zip(sub["org_code"].astype(str), sub["seat"].astype(int))},
            key=lambda x: (ORGANISATION_ORDER.index(x[0]), x[1]),
        )
        columns = [(code, 1) for code in KOMMUN_CODES]
        columns += [seat for seat in seats if seat[0] not in KOMMUNER]
        columns += [seat for seat in seats if seat[0] in KOMMUNER and seat[1] > 1]
        columns.sort(key=lambda x: (ORGANISATION_ORDER.index(x[0]), x[1]))
        headers = ["Datum", "Mötesform"] + [_matrix_header(o, s) for o, s in columns]
        rows = []
        for date, meeting in sub.groupby("meeting_date", sort=True):
            present = {
                (o, int(s)): bool(p)
                for o, s, p in zip(meeting["org_code"].astype(str), meeting["seat"], meeting["present"])
            }
            fmt = meeting["meeting_format"].iloc[0]
            cells = ["-" if seat not in present else ("x" if present[seat] else None) for seat in columns]
            rows.append([date, None if pd.isna(fmt) else str(fmt), *cells])
        add_sheet(wb, name, headers, rows, {0: DATE_FORMAT})
    if not wb.sheetnames:
        raise ValueError("no attendance rows for the given networks")
    return save_deterministic(wb, Path(path))
