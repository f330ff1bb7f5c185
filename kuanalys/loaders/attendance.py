"""Närvaro (attendance): the long layout and the närvaromatris give the same tidy frame.

Long layout: a sheet (usually Närvaro) with one row per meeting and invited organisation.
Närvaromatris: one sheet per network (the sheet name is the network), first column Datum,
optionally a Mötesform column, then one column per organisation. Cells x/1/Ja mean present,
blank/0/Nej absent, and "-" not a member (no row). A header with a trailing number
("Region Jönköpings län 2") is a further seat of that organisation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem, UnknownOrganisationError
from kuanalys.excel import (
    RawSheet, column_letter, find_header_row, header_lookup, is_helper_sheet, is_personal_header,
    layout_problems, match_sheet, split_rows, TOTAL_KEYS,
)
from kuanalys.loaders.common import (
    MAX_PROBLEMS_PER_COLUMN, SOURCE_COLUMNS, concat_parsed, duplicate_problems, empty_parsed, finish_frame, fmt_int,
    hidden_sheet_warnings, open_workbook, parse_matched, raise_or_warn, shown_value, validate_model,
)
from kuanalys.organisations import (
    ORGANISATION_ORDER, ORGANISATIONS, organisation_dtype, organisation_name_dtype, resolve_organisation,
)
from kuanalys.parsing import (
    ParseError, check_plausible_date, clean_text, is_blank, parse_choice, parse_date, parse_text,
)
from kuanalys.schemas import Attendance
from kuanalys.spec import (
    ATTENDANCE_LONG, GENDERS, MATRIX_ABSENT, MATRIX_NOT_MEMBER, MATRIX_PRESENT, MEETING_FORMATS, header_key,
)

SHEET = ATTENDANCE_LONG
HEADERS = {c.key: c.header for c in SHEET.columns}
TIDY_COLUMNS = list(Attendance.to_schema().columns)
_LOOKUP = header_lookup(SHEET)
_DATE_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_date"}
_FORMAT_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_format"}
_NOTE_KEYS = {"kommentar", "kommentarer", "anteckning", "anteckningar", "notering", "noteringar", "övrigt", "plats"}
_COUNT_KEYS = TOTAL_KEYS | {"antal närvarande", "antal", "summa närvarande"}
_SEAT_RE = re.compile(r"^(.*?\S)\s*\(?\s*(\d{1,2})\s*\)?$")
_MATRIX_HINT = (
    "använd x, 1 eller Ja för närvarande, tomt, 0 eller Nej för frånvarande och - för ej medlem."
)


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
            problems.append(Problem(
                file, "Bladet är varken en närvarolista (Datum, Nätverk, Organisation, Närvarande) eller en "
                "närvaromatris (Datum och en kolumn per organisation) och läses inte in.",
                sheet=raw.name, severity="varning",
            ))
    if layouts == 0 and not any(p.severity == "fel" for p in problems):
        problems.append(Problem(
            file, "Filen har inget närvaroblad: varken ett blad 'Närvaro' med kolumnerna Datum, Nätverk, "
            "Organisation och Närvarande, eller en närvaromatris med Datum och en kolumn per organisation.",
        ))
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
        keys = {_LOOKUP.get(header_key(v)) for v in raw.cells.loc[header_row] if isinstance(v, str)}
        if {"network", "organisation"} <= keys:
            return "long", header_row
    for row_no, values in zip(raw.cells.index[:30], raw.cells.iloc[:30].itertuples(index=False, name=None)):
        cells = [v for v in values if not is_blank(v)]
        if not cells or not isinstance(cells[0], str) or header_key(cells[0]) not in _DATE_KEYS:
            continue
        if any(_seat_header(v) is not None for v in cells[1:] if isinstance(v, str)):
            return "matrix", int(row_no)
    named_long = header_key(raw.name) in {header_key(SHEET.name), *(header_key(s) for s in SHEET.synonyms)}
    if named_long:
        return "long", header_row or 0
    return None, 0


def _seat_header(text: object) -> tuple[str, int] | None:
    """Return (org code, seat) for a matrix header like 'Habo' or 'Region Jönköpings län 2', else None."""
    try:
        return resolve_organisation(text), 1
    except UnknownOrganisationError:
        pass
    m = _SEAT_RE.match(clean_text(text))
    if m:
        try:
            return resolve_organisation(m.group(1)), int(m.group(2))
        except UnknownOrganisationError:
            return None
    return None


def parse_matrix_cell(value: object) -> bool | None:
    """Return True (present), False (absent) or None (not a member) for a närvaromatris cell."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise ParseError("Okänt värde i närvaromatrisen; " + _MATRIX_HINT)
    key = clean_text(value).casefold()
    if key in MATRIX_NOT_MEMBER:
        return None
    if key in MATRIX_PRESENT:
        return True
    if key in MATRIX_ABSENT:
        return False
    raise ParseError("Okänt värde i närvaromatrisen; " + _MATRIX_HINT)


def parse_matrix(file: str, raw: RawSheet, header_row: int, problems: list[Problem]) -> pd.DataFrame:
    """Return the parsed rows of one närvaromatris sheet (network = sheet name)."""
    network = clean_text(raw.name)
    header = list(raw.cells.loc[header_row])
    date_pos = format_pos = count_pos = None
    seats: dict[int, tuple[str, int]] = {}
    seen: dict[tuple[str, int], int] = {}
    headers: dict[int, str] = {}
    for pos, value in enumerate(header):
        if is_blank(value):
            continue
        text = clean_text(value)
        key = header_key(text)
        headers[pos] = text
        where = {"file": file, "sheet": raw.name, "row": header_row, "column": text}
        if date_pos is None and key in _DATE_KEYS:
            date_pos = pos
        elif key in _FORMAT_KEYS and format_pos is None:
            format_pos = pos
        elif key in _COUNT_KEYS and count_pos is None:
            count_pos = pos
        elif is_personal_header(text):
            problems.append(Problem(**where, message="Kolumnen innehåller personuppgifter och läses inte in.", severity="varning"))
        elif key in _NOTE_KEYS or "%" in text or "andel" in key:
            problems.append(Problem(**where, message=f"Kolumnen '{text}' är ingen organisation och läses inte in.", severity="varning"))
        else:
            seat = _seat_header(text)
            if seat is None:
                try:
                    resolve_organisation(text)
                except UnknownOrganisationError as exc:
                    hint = f" Menade du: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
                    problems.append(Problem(**where, message=f"Okänd organisation i kolumnrubriken.{hint}"))
                continue
            if seat in seen:
                problems.append(Problem(
                    **where, message=f"{ORGANISATIONS[seat[0]]} plats {seat[1]} finns redan i kolumn {column_letter(seen[seat])}.",
                ))
                continue
            seen[seat] = pos
            seats[pos] = seat
    problems += layout_problems(file, raw, header_row)
    data_rows, total_rows, limit = split_rows(file, raw, header_row)
    if limit:
        problems.append(limit)
        return empty_parsed(SHEET)
    records: list[dict] = []
    present_by_row: dict[int, dict[int, bool | None]] = {}
    cache: dict[tuple[str, object], tuple[bool, object]] = {}
    reported: dict[int, int] = {}

    def report(pos: int, row: int, message: str, value: object) -> None:
        reported[pos] = reported.get(pos, 0) + 1
        if reported[pos] <= MAX_PROBLEMS_PER_COLUMN:
            problems.append(Problem(
                file, message, sheet=raw.name, row=row, column=headers.get(pos, column_letter(pos)), value=shown_value(value),
            ))

    for row in data_rows:
        values = raw.cells.loc[row]
        try:
            date = check_plausible_date(parse_date(values[date_pos]))
        except ParseError as exc:
            report(date_pos, row, exc.reason, values[date_pos])
            continue
        meeting_format = None
        if format_pos is not None and not is_blank(values[format_pos]):
            try:
                meeting_format = parse_choice(values[format_pos], MEETING_FORMATS)
            except ParseError as exc:
                report(format_pos, row, exc.reason, values[format_pos])
        present_by_row[row] = {}
        for pos, (code, seat) in seats.items():
            value = values[pos]
            key = (type(value).__name__, None if is_blank(value) else value)
            if key not in cache:
                try:
                    cache[key] = (True, parse_matrix_cell(value))
                except ParseError as exc:
                    cache[key] = (False, exc.reason)
            ok, result = cache[key]
            if not ok:
                report(pos, row, result, value)
                continue
            present_by_row[row][pos] = result
            if result is None:
                continue
            records.append({
                "_file": file, "_sheet": raw.name, "_row": row, "meeting_date": date, "network": network,
                "organisation": code, "present": result, "seat": seat, "meeting_format": meeting_format, "gender": None,
            })
    for pos, n in reported.items():
        if n > MAX_PROBLEMS_PER_COLUMN:
            problems.append(Problem(file, f"… och {n - MAX_PROBLEMS_PER_COLUMN} rader till med fel i samma kolumn.", sheet=raw.name, column=headers.get(pos)))
    problems += _matrix_total_problems(file, raw, headers, seats, count_pos, data_rows, total_rows, present_by_row)
    frame = pd.DataFrame(records, columns=[*SOURCE_COLUMNS, *(c.key for c in SHEET.columns)], dtype=object)
    return frame


def _matrix_total_problems(
    file: str, raw: RawSheet, headers: dict[int, str], seats: dict[int, tuple[str, int]], count_pos: int | None,
    data_rows: list[int], total_rows: list[int], present_by_row: dict[int, dict[int, bool | None]],
) -> list[Problem]:
    """Return errors where a count column (Summa/Antal närvarande) or a Summa row disagrees
    with the number of x-marks it counts."""
    problems: list[Problem] = []

    def stated(row: int, pos: int) -> int | None:
        v = raw.cells.at[row, pos]
        if is_blank(v):
            return None
        try:
            return int(parse_text(v)) if not isinstance(v, (int, float)) else int(v)
        except (ParseError, ValueError):
            problems.append(Problem(file, "Summan är inget heltal.", sheet=raw.name, row=row, column=headers.get(pos), value=v))
            return None

    if count_pos is not None:
        for row, marks in present_by_row.items():
            n = stated(row, count_pos)
            counted = sum(1 for v in marks.values() if v)
            if n is not None and n != counted:
                problems.append(Problem(
                    file, f"Summan anger {n} närvarande men raden har {counted} markeringar.",
                    sheet=raw.name, row=row, column=headers.get(count_pos), value=n,
                ))
    previous = 0
    for total_row in total_rows:
        block = [r for r in present_by_row if previous < r < total_row]
        for pos in seats:
            n = stated(total_row, pos)
            counted = sum(1 for r in block if present_by_row[r].get(pos))
            if n is not None and n != counted:
                problems.append(Problem(
                    file, f"Summaraden anger {fmt_int(n)} närvarotillfällen men kolumnen har {fmt_int(counted)} markeringar ovanför.",
                    sheet=raw.name, row=total_row, column=headers.get(pos), value=n,
                ))
        previous = total_row
    return problems


def finish_attendance(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy attendance frame (schema `Attendance`) from parsed rows of one or more
    sheets and files, or None when there are errors.

    Duplicates (same date, network, organisation and seat) are errors: conflicting presence
    and exact repeats alike. Rows are sorted by date, network, organisation order and seat.
    """
    problems += duplicate_problems(
        parsed, ["meeting_date", "network", "organisation", "seat"], _describe_meeting, compare=["present"],
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
