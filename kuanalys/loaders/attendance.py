"""Närvaro (attendance): the long layout and the närvaromatris give the same tidy frame.

Long layout: a sheet (usually Närvaro) with one row per meeting and invited organisation.
Närvaromatris: one sheet per network, a row per meeting and a column per organisation (see
`loaders.matrix`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.excel import RawSheet, find_header_row, header_lookup, is_helper_sheet, match_sheet, text_key
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    concat_parsed,
    duplicate_problems,
    empty_parsed,
    finish_frame,
    hidden_sheet_warnings,
    open_workbook,
    parse_matched,
    raise_or_warn,
    validate_model,
)
from kuanalys.loaders.matrix import DATE_KEYS, parse_matrix, seat_header
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS, organisation_dtype, organisation_name_dtype
from kuanalys.parsing import is_blank
from kuanalys.schemas import Attendance
from kuanalys.spec import ATTENDANCE_LONG, GENDERS, MEETING_FORMATS, header_key

SHEET = ATTENDANCE_LONG
HEADERS = {c.key: c.header for c in SHEET.columns}
TIDY_COLUMNS = list(Attendance.to_schema().columns)
_LOOKUP = header_lookup(SHEET)


def collect_attendance(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed attendance rows of one workbook (with source columns) and its problems.

    Each visible sheet is read in the layout its headers show; helper sheets (Instruktioner)
    are skipped and other sheets give a warning.
    """
    file = str(path)
    raws, problems = open_workbook(Path(path))
    if not raws:
        return empty_parsed(SHEET), problems
    problems += hidden_sheet_warnings(file, raws)
    frames: list[pd.DataFrame] = []
    layouts = 0
    for raw in raws:
        if raw.hidden or is_helper_sheet(raw.name):
            continue
        layout, header_row = detect_layout(raw)
        if layout == "long":
            layouts += 1
            matched = match_sheet(file, raw, SHEET)
            problems += matched.problems
            if matched.header_row and not any(p.severity == "fel" for p in matched.problems):
                frames.append(parse_matched(file, raw, matched, SHEET, problems))
        elif layout == "matrix":
            layouts += 1
            frames.append(parse_matrix(file, raw, header_row, problems))
        else:
            problems.append(
                Problem(
                    file,
                    "Bladet är varken en närvarolista (Datum, Nätverk, Organisation, Närvarande) eller en "
                    "närvaromatris (Datum och en kolumn per organisation) och läses inte in.",
                    sheet=raw.name,
                    severity="varning",
                )
            )
    if layouts == 0 and not any(p.severity == "fel" for p in problems):
        problems.append(
            Problem(
                file,
                "Filen har inget närvaroblad: varken ett blad 'Närvaro' med kolumnerna Datum, Nätverk, "
                "Organisation och Närvarande, eller en närvaromatris med Datum och en kolumn per organisation.",
            )
        )
    parsed = concat_parsed(frames, SHEET)
    parsed["seat"] = pd.Series([1 if is_blank(s) else s for s in parsed["seat"]], index=parsed.index, dtype=object)
    return parsed, problems


def detect_layout(raw: RawSheet) -> tuple[str | None, int]:
    """Return ("long" | "matrix" | None, header row) for a sheet, judged by its headers.

    Long: a header row with Nätverk and Organisation (or the sheet is named Närvaro).
    Matrix: a row whose first cell is Datum and where another cell names an organisation.
    """
    header_row = find_header_row(raw.cells, SHEET)
    if header_row:
        keys = {_LOOKUP.get(text_key(v)) for v in raw.values[header_row - 1].tolist() if isinstance(v, str)}
        if {"network", "organisation"} <= keys:
            return "long", header_row
    for row_no, values in enumerate(raw.values[:30].tolist(), start=1):
        cells = [v for v in values if not is_blank(v)]
        if not cells or not isinstance(cells[0], str) or text_key(cells[0]) not in DATE_KEYS:
            continue
        if any(seat_header(v) is not None for v in cells[1:] if isinstance(v, str)):
            return "matrix", row_no
    named_long = header_key(raw.name) in {header_key(SHEET.name), *(header_key(s) for s in SHEET.synonyms)}
    if named_long:
        return "long", header_row or 0
    return None, 0


def finish_attendance(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy attendance frame (schema `Attendance`) from parsed rows of one or more
    sheets and files, or None when there are errors.

    Duplicates (same date, network, organisation and seat) are errors: conflicting presence
    and exact repeats alike. Rows are sorted by date, network, organisation order and seat.
    """
    problems += duplicate_problems(
        parsed,
        ["meeting_date", "network", "organisation", "seat"],
        _describe_meeting,
        compare=["present"],
    )
    if any(p.severity == "fel" for p in problems):
        return None
    order = {code: i for i, code in enumerate(ORGANISATION_ORDER)}
    frame = (
        parsed.assign(
            org_code=parsed["organisation"],
            organisation=[ORGANISATIONS[c] for c in parsed["organisation"]],
            _org_order=[order[c] for c in parsed["organisation"]],
        )
        .sort_values(["meeting_date", "network", "_org_order", "seat"], kind="stable")
        .drop(columns="_org_order")
    )
    valid = validate_model(frame[[*SOURCE_COLUMNS, *TIDY_COLUMNS]], Attendance, HEADERS, problems)
    if valid is None:
        return None
    return attendance_dtypes(finish_frame(valid))


def attendance_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the attendance frame with its fixed categorical dtypes (networks sorted by name)."""
    out = frame.copy()
    out["network"] = out["network"].astype(str).astype(pd.CategoricalDtype(sorted(out["network"].astype(str).unique())))
    out["org_code"] = out["org_code"].astype(str).astype(organisation_dtype())
    out["organisation"] = out["organisation"].astype(str).astype(organisation_name_dtype())
    out["meeting_format"] = out["meeting_format"].astype(object).astype(pd.CategoricalDtype(list(MEETING_FORMATS)))
    out["gender"] = out["gender"].astype(object).astype(pd.CategoricalDtype(list(GENDERS)))
    out["meeting_date"] = out["meeting_date"].astype("datetime64[ns]")
    out["seat"] = out["seat"].astype("Int64")
    out["present"] = out["present"].astype(bool)
    return out[TIDY_COLUMNS]


def _describe_meeting(row: pd.Series) -> str:
    org = ORGANISATIONS.get(row["organisation"], row["organisation"])
    seat = f" plats {row['seat']}" if row["seat"] != 1 else ""
    date = row["meeting_date"]
    when = f"{date:%Y-%m-%d}" if not is_blank(date) else "utan giltigt datum"
    return f"Mötet {when} i '{row['network']}' för {org}{seat}"


def load_attendance(path: str | Path) -> pd.DataFrame:
    """Return the attendance of one workbook, long layout or närvaromatris, as a tidy frame
    (schema `Attendance`). Raises InputError listing every problem if any is an error;
    warnings are in `df.attrs["warnings"]`.
    """
    parsed, problems = collect_attendance(Path(path))
    frame = finish_attendance(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
