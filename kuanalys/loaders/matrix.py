"""The närvaromatris: one sheet per network (the sheet name is the network), first column
Datum, optionally a Mötesform column, then one column per organisation. Cells x/1/Ja mean
present, blank/0/Nej absent, and "-" not a member (no row). A header with a trailing number
("Region Jönköpings län 2") is a further seat of that organisation.

Cells are parsed once per distinct value of a column; problems are reported row by row, as
a reader goes through the sheet.
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
    RawSheet,
    column_letter,
    header_lookup,
    is_personal_header,
    layout_problems,
    split_rows,
    text_key,
)
from kuanalys.loaders.common import (
    MAX_PROBLEMS_PER_COLUMN,
    SOURCE_COLUMNS,
    empty_parsed,
    fmt_int,
    shown_value,
    used_codes,
)
from kuanalys.organisations import ORGANISATIONS, resolve_organisation
from kuanalys.parsing import ParseError, clean_text, is_blank, object_array, parse_choice, parse_text, plausible_dates
from kuanalys.spec import ATTENDANCE_LONG, MATRIX_ABSENT, MATRIX_NOT_MEMBER, MATRIX_PRESENT, MEETING_FORMATS

SHEET = ATTENDANCE_LONG
_LOOKUP = header_lookup(SHEET)
DATE_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_date"}
_FORMAT_KEYS = {k for k, v in _LOOKUP.items() if v == "meeting_format"}
_NOTE_KEYS = {"kommentar", "kommentarer", "anteckning", "anteckningar", "notering", "noteringar", "övrigt", "plats"}
_COUNT_KEYS = TOTAL_KEYS | {"antal närvarande", "antal", "summa närvarande"}
_SEAT_RE = re.compile(r"^(.*?\S)\s*\(?\s*(\d{1,2})\s*\)?$")
_PARSED_KEYS = [*SOURCE_COLUMNS, *(c.key for c in SHEET.columns)]
_PARSED_COLUMNS = pd.Index(_PARSED_KEYS)  # made once: a parsed frame's columns
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


def _meeting_formats(values: list[object]) -> list[str | None | ParseError]:
    return [_attempt(lambda v: None if is_blank(v) else parse_choice(v, MEETING_FORMATS), v) for v in values]


def _matrix_cells(values: list[object]) -> list[bool | None | ParseError]:
    return [_attempt(parse_matrix_cell, v) for v in values]


def _attempt(parser: Callable[[object], object], value: object) -> object:
    try:
        return parser(value)
    except ParseError as exc:
        return exc


class _Cells:
    """The cells of some columns on the data rows, parsed once per distinct value by
    `parse_all` (a result or a ParseError per value): `values` (None where a cell failed),
    `failed`, and for närvaromatris cells `marked` (True) and `member` (not None); all shaped
    (data rows, columns)."""

    def __init__(
        self,
        raw: RawSheet,
        positions: np.ndarray,
        columns: list[int],
        parse_all: Callable[[list[object]], list[object]],
    ):
        self.columns = columns
        self.codes = raw.codes[np.ix_(positions, columns)]
        used = used_codes(self.codes.ravel(), len(raw.distinct))
        results = np.full(len(raw.distinct), None, dtype=object)
        self.reasons: dict[int, str] = {}
        for u, outcome in zip(used, parse_all([raw.distinct[u] for u in used])):
            if isinstance(outcome, ParseError):
                self.reasons[u] = outcome.reason
            else:
                results[u] = outcome
        self.values = results[self.codes]
        self.failed = np.isin(self.codes, list(self.reasons))
        self.marked = np.array([r is True for r in results], dtype=bool)[self.codes]
        self.member = np.array([r is not None for r in results], dtype=bool)[self.codes]

    def reason(self, i: int, j: int) -> str:
        """The Swedish reason why the cell on data row `i` in column `j` failed."""
        return self.reasons[int(self.codes[i, j])]


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
    positions = np.asarray(data_rows, dtype=np.intp) - 1
    dates = _Cells(raw, positions, [special["date"]], plausible_dates)
    formats = _Cells(raw, positions, [special["format"]], _meeting_formats) if special["format"] is not None else None
    cells = _Cells(raw, positions, list(seats), _matrix_cells)
    problems += _cell_problems(file, raw, headers, data_rows, dates, formats, cells)
    dated = ~dates.failed[:, 0]  # a row without a valid date is skipped after its date is reported
    problems += _matrix_total_problems(
        file,
        raw,
        headers,
        list(seats),
        special["count"],
        data_rows,
        total_rows,
        dated,
        cells.marked & dated[:, None],
    )
    rows, columns = np.nonzero(cells.member & dated[:, None])
    codes, seat_numbers = (object_array(list(v)) for v in zip(*seats.values())) if seats else (object_array([]),) * 2
    columns_by_key = {
        "_file": file,
        "_sheet": raw.name,
        "_row": object_array(data_rows)[rows],
        "meeting_date": dates.values[rows, 0],
        "network": clean_text(raw.name),
        "organisation": codes[columns],
        "present": cells.values[rows, columns],
        "seat": seat_numbers[columns],
        "meeting_format": formats.values[rows, 0] if formats is not None else None,
        "gender": None,
    }
    table = np.empty((len(rows), len(_PARSED_KEYS)), dtype=object)
    for j, key in enumerate(_PARSED_KEYS):
        table[:, j] = columns_by_key[key]
    return pd.DataFrame(table, columns=_PARSED_COLUMNS, dtype=object)


def _cell_problems(
    file: str,
    raw: RawSheet,
    headers: dict[int, str],
    data_rows: list[int],
    dates: _Cells,
    formats: _Cells | None,
    cells: _Cells,
) -> list[Problem]:
    """Return the problems of unreadable cells row by row: a date (the row's other cells are
    then not read), a Mötesform, the organisations' cells; at most `MAX_PROBLEMS_PER_COLUMN`
    per column, then a count of the rest."""
    problems: list[Problem] = []
    reported: dict[int, int] = {}

    def report(block: _Cells, i: int, j: int) -> None:
        pos = block.columns[j]
        reported[pos] = reported.get(pos, 0) + 1
        if reported[pos] <= MAX_PROBLEMS_PER_COLUMN:
            problems.append(
                Problem(
                    file,
                    block.reason(i, j),
                    sheet=raw.name,
                    row=data_rows[i],
                    column=headers.get(pos, column_letter(pos)),
                    value=shown_value(raw.values[data_rows[i] - 1, pos]),
                )
            )

    blocks = [b for b in (formats, cells) if b is not None]
    failing = dates.failed.any(axis=1)
    for block in blocks:
        failing |= block.failed.any(axis=1)
    for i in np.flatnonzero(failing).tolist():
        if dates.failed[i, 0]:
            report(dates, i, 0)
            continue
        for block in blocks:
            for j in np.flatnonzero(block.failed[i]).tolist():
                report(block, i, j)
    for pos, n in reported.items():
        if n > MAX_PROBLEMS_PER_COLUMN:
            problems.append(
                Problem(
                    file,
                    f"… och {n - MAX_PROBLEMS_PER_COLUMN} rader till med fel i samma kolumn.",
                    sheet=raw.name,
                    column=headers.get(pos),
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

    def stated(row: int, pos: int) -> int | None:
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

    counts = marked.sum(axis=1)
    if count_pos is not None:
        for i in np.flatnonzero(dated).tolist():
            n, counted = stated(data_rows[i], count_pos), int(counts[i])
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
    rows = np.asarray(data_rows, dtype=np.int64)
    previous = 0
    for total_row in total_rows:
        block = dated & (rows > previous) & (rows < total_row)
        for j, pos in enumerate(seat_positions):
            n = stated(total_row, pos)
            counted = int(marked[block, j].sum())
            if n is not None and n != counted:
                problems.append(
                    Problem(
                        file,
                        f"Summaraden anger {fmt_int(n)} närvarotillfällen men kolumnen har {fmt_int(counted)} markeringar ovanför.",
                        sheet=raw.name,
                        row=total_row,
                        column=headers.get(pos),
                        value=n,
                    )
                )
        previous = total_row
    return problems
