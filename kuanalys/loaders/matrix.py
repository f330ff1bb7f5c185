"""The närvaromatris: one sheet per network (the sheet name is the network), first column
Datum, optionally a Mötesform column, then one column per organisation. Cells x/1/Ja mean
present, blank/0/Nej absent, and "-" not a member (no row). A header with a trailing number
("Region Jönköpings län 2") is a further seat of that organisation.

Rows are read one by one and problems reported in that order, as a reader goes through the sheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from kuanalys.errors import Problem, UnknownOrganisationError
from kuanalys.excel import (
    TOTAL_KEYS,
    ExcelError,
    RawSheet,
    column_letter,
    header_lookup,
    is_personal_header,
    layout_problems,
    split_rows,
    text_key,
)
from kuanalys.formatting import format_plain
from kuanalys.loaders.common import (
    MAX_PROBLEMS_PER_COLUMN,
    SOURCE_COLUMNS,
    empty_parsed,
    shown_value,
)
from kuanalys.organisations import ORGANISATIONS, resolve_organisation
from kuanalys.parsing import (
    ParseError,
    check_plausible_date,
    clean_text,
    is_blank,
    parse_choice,
    parse_date,
    parse_text,
)
from kuanalys.spec import ATTENDANCE_LONG, MATRIX_ABSENT, MATRIX_NOT_MEMBER, MATRIX_PRESENT, MEETING_FORMATS

SHEET = ATTENDANCE_LONG
_LOOKUP = header_lookup(SHEET)
DATE_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_date"}
_FORMAT_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_format"}
_NOTE_KEYS = {"kommentar", "kommentarer", "anteckning", "anteckningar", "notering", "noteringar", "övrigt", "plats"}
_COUNT_KEYS = TOTAL_KEYS | {"antal närvarande", "antal", "summa närvarande"}
_SEAT_RE = re.compile(r"^(.*?\S)\s*\(?\s*(\d{1,2})\s*\)?$")
_PARSED_COLUMNS = [*SOURCE_COLUMNS, *(c.key for c in SHEET.columns)]
_MATRIX_HINT = "använd x, 1 eller Ja för närvarande, tomt, 0 eller Nej för frånvarande och - för ej medlem."


@lru_cache(maxsize=4096)
def seat_header(text: str) -> tuple[str, int] | None:
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


def parse_meeting_format(value: object) -> str | None:
    """Return the Mötesform of a närvaromatris row (None when blank)."""
    return None if is_blank(value) else parse_choice(value, MEETING_FORMATS)


def parse_meeting_date(value: object) -> pd.Timestamp:
    """Return the plausible meeting date of a närvaromatris row."""
    return check_plausible_date(parse_date(value))


class _CellProblems:
    """Problems of unreadable cells of one sheet: at most `MAX_PROBLEMS_PER_COLUMN` per column,
    then (`summaries`) a count of the rest."""

    def __init__(self, file: str, raw: RawSheet, headers: dict[int, str], problems: list[Problem]):
        self.file, self.raw, self.headers, self.problems = file, raw, headers, problems
        self.counts: dict[int, int] = {}

    def parse(self, parser: Callable[[object], object], row: int, pos: int) -> tuple[bool, object]:
        """Return (True, parsed value) of the cell at Excel `row` and column `pos`, or (False,
        None) after noting its problem."""
        value = self.raw.values[row - 1, pos]
        try:
            if isinstance(value, ExcelError):
                raise ParseError(
                    f"Cellen har Excels felvärde {value} (en formel som inte gick att räkna ut), inget värde."
                )
            return True, parser(value)
        except ParseError as exc:
            self.counts[pos] = self.counts.get(pos, 0) + 1
            if self.counts[pos] <= MAX_PROBLEMS_PER_COLUMN:
                column = self.headers.get(pos, column_letter(pos))
                self.problems.append(
                    Problem(
                        self.file, exc.reason, sheet=self.raw.name, row=row, column=column, value=shown_value(value)
                    )
                )
            return False, None

    def summaries(self) -> list[Problem]:
        """Return one line per column with more problems than were listed."""
        return [
            Problem(
                self.file,
                f"… och {n - MAX_PROBLEMS_PER_COLUMN} rader till med fel i samma kolumn.",
                sheet=self.raw.name,
                column=self.headers.get(pos),
            )
            for pos, n in self.counts.items()
            if n > MAX_PROBLEMS_PER_COLUMN
        ]


def _header_columns(
    file: str,
    raw: RawSheet,
    header_row: int,
    problems: list[Problem],
) -> tuple[dict[str, int | None], dict[int, tuple[str, int]], dict[int, str]]:
    """Return the positions of the Datum, Mötesform and count columns, the seats by position
    and the headers by position; warnings and errors about headers go to `problems`."""
    special: dict[str, int | None] = {"date": None, "format": None, "count": None}
    seats: dict[int, tuple[str, int]] = {}
    seen: dict[tuple[str, int], int] = {}
    headers: dict[int, str] = {}
    for pos, value in enumerate(raw.values[header_row - 1].tolist()):
        if is_blank(value):
            continue
        text = clean_text(value)
        key = text_key(text)
        headers[pos] = text
        where = {"file": file, "sheet": raw.name, "row": header_row, "column": text}
        if special["date"] is None and key in DATE_KEYS:
            special["date"] = pos
        elif key in _FORMAT_KEYS and special["format"] is None:
            special["format"] = pos
        elif key in _COUNT_KEYS and special["count"] is None:
            special["count"] = pos
        elif is_personal_header(text):
            problems.append(
                Problem(**where, message="Kolumnen innehåller personuppgifter och läses inte in.", severity="varning")
            )
        elif key in _NOTE_KEYS or "%" in text or "andel" in key:
            problems.append(
                Problem(
                    **where, message=f"Kolumnen '{text}' är ingen organisation och läses inte in.", severity="varning"
                )
            )
        else:
            seat = seat_header(text)
            if seat is None:
                try:
                    resolve_organisation(text)
                except UnknownOrganisationError as exc:
                    hint = f" Menade du: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
                    problems.append(Problem(**where, message=f"Okänd organisation i kolumnrubriken.{hint}"))
                continue
            if seat in seen:
                problems.append(
                    Problem(
                        **where,
                        message=f"{ORGANISATIONS[seat[0]]} plats {seat[1]} finns redan i kolumn {column_letter(seen[seat])}.",
                    )
                )
                continue
            seen[seat] = pos
            seats[pos] = seat
    return special, seats, headers


def parse_matrix(file: str, raw: RawSheet, header_row: int, problems: list[Problem]) -> pd.DataFrame:
    """Return the parsed rows of one närvaromatris sheet (network = sheet name)."""
    special, seats, headers = _header_columns(file, raw, header_row, problems)
    problems += layout_problems(file, raw, header_row)
    data_rows, total_rows, limit = split_rows(file, raw, header_row)
    if limit:
        problems.append(limit)
        return empty_parsed(SHEET)
    network = clean_text(raw.name)
    cell_problems = _CellProblems(file, raw, headers, problems)
    records: list[tuple] = []
    dated = np.zeros(len(data_rows), dtype=bool)
    marked = np.zeros((len(data_rows), len(seats)), dtype=bool)  # a readable x-mark on a dated row
    for i, row in enumerate(data_rows):
        dated[i], date = cell_problems.parse(parse_meeting_date, row, special["date"])
        if not dated[i]:
            continue  # a row without a valid date is skipped after its date is reported
        meeting_format = None
        if special["format"] is not None:
            meeting_format = cell_problems.parse(parse_meeting_format, row, special["format"])[1]
        for j, (pos, (code, seat)) in enumerate(seats.items()):
            ok, present = cell_problems.parse(parse_matrix_cell, row, pos)
            marked[i, j] = present is True
            if ok and present is not None:
                records.append((file, raw.name, row, date, network, code, present, seat, meeting_format, None))
    problems += cell_problems.summaries()
    problems += _dropped_problems(file, raw, header_row, headers, data_rows, dated, records)
    problems += _matrix_total_problems(
        file, raw, headers, list(seats), special["count"], data_rows, total_rows, dated, marked
    )
    return pd.DataFrame(records, columns=_PARSED_COLUMNS, dtype=object)


def _dropped_problems(
    file: str,
    raw: RawSheet,
    header_row: int,
    headers: dict[int, str],
    data_rows: list[int],
    dated: np.ndarray,
    records: list[tuple],
) -> list[Problem]:
    """Nothing is dropped from a matrix without a located message: marks in a column without a
    header (error: whose attendance is it?), and a dated meeting row where no organisation was
    invited (every cell '-': warning, the meeting does not count)."""
    problems: list[Problem] = []
    if not data_rows:
        return problems
    rows = np.asarray(data_rows, dtype=np.intp) - 1
    block = raw.values[rows]
    for pos in range(block.shape[1]):
        if pos in headers:
            continue
        marks = [i for i, v in enumerate(block[:, pos].tolist()) if not is_blank(v)]
        if marks:
            problems.append(
                Problem(
                    file,
                    f"Kolumnen saknar rubrik men har {len(marks)} ifyllda celler, som inte kan läsas: skriv "
                    "organisationens namn i rubriken (rad " + str(header_row) + ") eller töm kolumnen.",
                    sheet=raw.name,
                    row=data_rows[marks[0]],
                    column=column_letter(pos),
                    value=shown_value(block[marks[0], pos]),
                )
            )
    counted = {r[2] for r in records}
    for i in np.flatnonzero(dated).tolist():
        if data_rows[i] not in counted:
            problems.append(
                Problem(
                    file,
                    "Mötet har ingen inbjuden organisation (alla celler är '-' eller tomma för ej medlem), "
                    "så det räknas inte i närvaron.",
                    sheet=raw.name,
                    row=data_rows[i],
                    severity="varning",
                )
            )
    return problems


def _matrix_total_problems(
    file: str,
    raw: RawSheet,
    headers: dict[int, str],
    seat_positions: list[int],
    count_pos: int | None,
    data_rows: list[int],
    total_rows: list[int],
    dated: np.ndarray,
    marked: np.ndarray,
) -> list[Problem]:
    """Return errors where a count column (Summa/Antal närvarande) or a Summa row disagrees
    with the number of x-marks it counts. `marked[i, j]`: data row i (with a valid date) has a
    readable x-mark in seat column j."""
    problems: list[Problem] = []
    if count_pos is not None:
        problems += _count_column_problems(file, raw, headers, count_pos, data_rows, dated, marked)
    problems += _total_row_problems(file, raw, headers, seat_positions, data_rows, total_rows, dated, marked)
    return problems


def _stated_total(
    file: str, raw: RawSheet, headers: dict[int, str], row: int, pos: int, problems: list[Problem]
) -> int | None:
    """Return the whole number in a Summa cell, or None when blank or (error to `problems`) not a whole number."""
    v = raw.values[row - 1, pos]
    if is_blank(v):
        return None
    try:
        return int(parse_text(v)) if not isinstance(v, (int, float)) else int(v)
    except (ParseError, ValueError):
        problems.append(
            Problem(file, "Summan är inget heltal.", sheet=raw.name, row=row, column=headers.get(pos), value=v)
        )
        return None


def _count_column_problems(
    file: str,
    raw: RawSheet,
    headers: dict[int, str],
    count_pos: int,
    data_rows: list[int],
    dated: np.ndarray,
    marked: np.ndarray,
) -> list[Problem]:
    """Return the errors of the count column, row by row: not a whole number, or not the row's number of x-marks."""
    problems: list[Problem] = []
    counts = marked.sum(axis=1)
    for i in np.flatnonzero(dated).tolist():
        n, counted = _stated_total(file, raw, headers, data_rows[i], count_pos, problems), int(counts[i])
        if n is not None and n != counted:
            problems.append(
                Problem(
                    file,
                    f"Summan anger {n} närvarande men raden har {counted} markeringar.",
                    sheet=raw.name,
                    row=data_rows[i],
                    column=headers.get(count_pos),
                    value=n,
                )
            )
    return problems


def _total_row_problems(
    file: str,
    raw: RawSheet,
    headers: dict[int, str],
    seat_positions: list[int],
    data_rows: list[int],
    total_rows: list[int],
    dated: np.ndarray,
    marked: np.ndarray,
) -> list[Problem]:
    """Return the errors of the Summa rows' cells: not a whole number, or not the x-marks of the block above."""
    problems: list[Problem] = []
    rows = np.asarray(data_rows, dtype=np.int64)
    previous = 0
    for total_row in total_rows:
        block = dated & (rows > previous) & (rows < total_row)
        for j, pos in enumerate(seat_positions):
            n = _stated_total(file, raw, headers, total_row, pos, problems)
            counted = int(marked[block, j].sum())
            if n is not None and n != counted:
                problems.append(
                    Problem(
                        file,
                        f"Summaraden anger {format_plain(n)} närvarotillfällen men kolumnen har {format_plain(counted)} markeringar ovanför.",
                        sheet=raw.name,
                        row=total_row,
                        column=headers.get(pos),
                        value=n,
                    )
                )
        previous = total_row
    return problems
