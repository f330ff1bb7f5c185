"""Helpers shared by the loaders: reading a workbook safely, parsing a matched sheet into
values and Problems, checking Summa rows, and validating with pandera with Excel rows kept.

Frames passed between these helpers carry three source columns, `_file`, `_sheet` and `_row`
(the Excel row), so every later check can name the cell it is about. `finish_frame` drops them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from defusedxml import DefusedXmlException

from kuanalys import config, safety
from kuanalys.errors import InputError, Problem, Problems, UnknownOrganisationError
from kuanalys.errors import shown as shown_text
from kuanalys.excel import (
    ExcelError,
    MatchedSheet,
    RawSheet,
    is_helper_sheet,
    is_personal_header,
    match_sheet,
    pick_sheets,
    read_workbook,
)
from kuanalys.formatting import format_message_number, format_plain
from kuanalys.organisations import resolve_organisation
from kuanalys.parsing import (
    ParseError,
    check_plausible_date,
    is_blank,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_kronor,
    parse_number,
    parse_percent,
    parse_tertial,
    parse_text,
    parse_year,
)
from kuanalys.spec import Column, Sheet, header_key

SOURCE_COLUMNS = ["_file", "_sheet", "_row"]
# Full names written in a row's name columns (Namn, Förnamn + Efternamn …), which are never read
# as data: kept on the parsed frame only so that free text can be checked against them
# (loaders/freetext.py), dropped with the source columns.
PERSON_COLUMN = "_person"
_NAME_HEADER = re.compile(r"namn\b|\bnamn|representant|kontaktperson")

# After this many problems in one column of one sheet, the rest are summarised in one line.
MAX_PROBLEMS_PER_COLUMN = 20
NUMERIC_TYPES = ("amount", "signed_amount", "integer")


def open_workbook(path: Path) -> tuple[list[RawSheet], list[Problem]]:
    """Return the raw sheets of a workbook after the checks of `safety.preflight` and the row
    limit, or the problems that stop it from being read (never raises for a bad file).
    """
    path = Path(path)
    problems = safety.preflight(path)
    if problems:
        return [], problems
    try:
        raws = read_workbook(path)
    except Exception as exc:  # calamine's errors for broken files have no common base class
        return [], [reader_error_problem(str(path), exc)]
    too_long = [safety.row_limit_problem(str(path), r.name, r.last_row) for r in raws if r.last_row > config.MAX_ROWS]
    if not raws:  # every file in the folder is read or named
        return [], [
            Problem(
                str(path), "Arbetsboken har inga kalkylblad (bara diagramblad eller inga blad), så inget kan läsas."
            )
        ]
    return ([], too_long) if too_long else (raws, [])


def reader_error_problem(file: str, exc: BaseException) -> Problem:
    """Return the Swedish error for an exception a workbook reader raised on `file`.

    defusedxml's refusals (which openpyxl raises, wrapped in a ValueError, for a DOCTYPE or
    entity declaration) become the XML-bomb message; anything else is reported as a file that
    cannot be read, with the reader's first line for the curious.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return Problem(file, safety.XML_BOMB_MESSAGE)
        seen = seen.__cause__ or seen.__context__
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return Problem(file, f"Filen kan inte läsas som Excel-arbetsbok ({reason}). Spara om den från Excel som .xlsx.")


def hidden_sheet_warnings(file: str, raws: list[RawSheet]) -> list[Problem]:
    """Return one warning per hidden sheet: hidden sheets are not read."""
    return [
        Problem(
            file,
            "Bladet är dolt och läses inte in. Visa bladet i Excel om det ska läsas.",
            sheet=r.name,
            severity="varning",
        )
        for r in raws
        if r.hidden
    ]


def missing_sheet_problem(file: str, raws: list[RawSheet], sheet: Sheet) -> Problem:
    """Return the error for a required sheet that is not in the workbook, or that is hidden
    (hidden sheets are not read)."""
    keys = {header_key(sheet.name), *(header_key(s) for s in sheet.synonyms)}
    hidden = [r for r in raws if r.hidden and (header_key(r.name) in keys or not is_helper_sheet(r.name))]
    if hidden and not any(header_key(r.name) in keys for r in raws if not r.hidden):
        names = ", ".join(f"'{r.name}'" for r in hidden)
        return Problem(
            file,
            f"Bladet '{sheet.name}' saknas bland de synliga bladen; dolda blad läses inte in ({names} är dolt). "
            "Visa bladet i Excel (högerklicka på en bladflik → Ta fram) och spara igen.",
            sheet=hidden[0].name,
        )
    names = ", ".join(f"'{r.name}'" for r in raws) or "inga"
    return Problem(file, f"Bladet '{sheet.name}' saknas. Bladen i filen: {names}.")


def cell_parser(col: Column) -> Callable[[object], object]:
    """Return the parser of a column's type; it raises ParseError with a Swedish reason."""
    t = col.type
    if t == "date":
        return lambda v: check_plausible_date(parse_date(v))
    if t in ("text", "network"):
        return parse_text
    if t == "amount":
        return parse_kronor
    if t == "signed_amount":
        return lambda v: parse_kronor(v, allow_negative=True)
    if t == "integer":
        return lambda v: parse_integer(v, minimum=1 if col.key == "seat" else 0)
    if t == "bool":
        return parse_bool
    if t == "organisation":
        return parse_organisation
    if t == "choice":
        return lambda v: parse_choice(v, col.choices)
    if t == "percent":
        return parse_percent
    if t == "decimal":
        return parse_decimal
    if t == "year":
        return parse_year
    if t == "tertial":
        return parse_tertial
    raise ValueError(f"unknown column type {t!r}")


def parse_organisation(value: object) -> str:
    """Return the organisation code of a written name; unknown names raise ParseError with suggestions."""
    if is_blank(value):
        raise ParseError("Värde saknas.")
    try:
        return resolve_organisation(value)
    except UnknownOrganisationError as exc:
        hint = f" Menade du: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        raise ParseError(f"Okänd organisation.{hint}") from None


def shown_value(value: object) -> object:
    """Return a cell value as a problem shows it: None for a blank cell, dates as 'YYYY-MM-DD'
    (a time of day kept if there is one), anything else unchanged."""
    if is_blank(value):
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        stamp = pd.Timestamp(value)
        return f"{stamp:%Y-%m-%d}" if stamp == stamp.normalize() else f"{stamp:%Y-%m-%d %H:%M}"
    return value


def parse_column(
    values: Sequence[object] | np.ndarray,
    rows: list[int],
    parser: Callable[[object], object],
    *,
    parse_blank: bool,
    blank_is_error: bool,
    where: Callable[[int], dict],
    problems: list[Problem],
) -> tuple[np.ndarray, set[int]]:
    """Parse one column's values (one per data row). Returns the parsed values as an object
    array (None for blank cells unless `parse_blank`) and the set of rows whose cell failed.
    Problems name the first `MAX_PROBLEMS_PER_COLUMN` failing rows, then count the rest.
    """
    out = np.full(len(values), None, dtype=object)
    failed: list[int] = []
    for i, value in enumerate(values):
        try:
            if isinstance(value, ExcelError):
                raise ParseError(
                    f"Cellen har Excels felvärde {value} (en formel som inte gick att räkna ut), inget värde."
                )
            if is_blank(value) and not parse_blank:
                if blank_is_error:
                    raise ParseError("Värde saknas.")
                continue
            out[i] = parser(value)
        except ParseError as exc:
            failed.append(i)
            if len(failed) <= MAX_PROBLEMS_PER_COLUMN:
                problems.append(Problem(**where(rows[i]), message=exc.reason, value=shown_value(value)))
    if len(failed) > MAX_PROBLEMS_PER_COLUMN:
        extra = len(failed) - MAX_PROBLEMS_PER_COLUMN
        problems.append(
            Problem(**{**where(rows[0]), "row": None}, message=f"… och {extra} rader till med fel i samma kolumn.")
        )
    return out, {rows[i] for i in failed}


def parse_matched(
    file: str,
    raw: RawSheet,
    matched: MatchedSheet,
    sheet: Sheet,
    problems: list[Problem],
    allow_blank: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Return the matched sheet's data rows parsed by column type, with source columns.

    Blank cells: booleans are False, optional columns and `allow_blank` keys are None, required
    columns are an error. Summa rows are checked against the parsed data (see `check_totals`).
    """
    rows = matched.data_rows
    positions = np.asarray(rows, dtype=np.intp) - 1
    data: dict[str, Sequence[object]] = {"_file": [file] * len(rows), "_sheet": [raw.name] * len(rows), "_row": rows}
    failed_by_key: dict[str, set[int]] = {}
    factors: dict[str, int] = {}
    for col in sheet.columns:
        if col.key not in matched.positions:
            continue
        pos = matched.positions[col.key]
        header = matched.headers[col.key]
        parse_blank = col.type == "bool"
        blank_is_error = col.required and col.key not in allow_blank and not parse_blank

        def where(row: int, header: str = header) -> dict:
            return {"file": file, "sheet": raw.name, "row": row, "column": header}

        parser = cell_parser(col)
        unit = header_unit(header)
        if unit is not None:
            parser, refusal = unit_parser(col, unit)
            if refusal:
                problems.append(
                    Problem(file, refusal, sheet=raw.name, row=matched.header_row, column=header, value=header)
                )
                continue
            factors[col.key] = UNIT_FACTORS.get(unit, 1)
        parsed, failed = parse_column(
            raw.values[positions, pos],
            rows,
            # Remembered per column: inputs repeat a few distinct values (dates, networks, Ja/Nej).
            functools.lru_cache(maxsize=None, typed=True)(parser),
            parse_blank=parse_blank,
            blank_is_error=blank_is_error,
            where=where,
            problems=problems,
        )
        data[col.key] = parsed
        failed_by_key[col.key] = failed
    names = person_names(raw, matched, positions)
    if names is not None:
        data[PERSON_COLUMN] = names
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})
    problems.extend(check_totals(file, raw, matched, sheet, frame, failed_by_key, factors))
    return frame


def person_names(raw: RawSheet, matched: MatchedSheet, positions: np.ndarray) -> list[str | None] | None:
    """Return the full name each data row holds in the sheet's name columns (headers such as Namn,
    Deltagarens namn, Förnamn and Efternamn, read as personal data and never as a column), or None
    when the sheet has no name column. Only names of two words or more count: a lone first name
    cannot be told from an ordinary word ("Per", "Hugo")."""
    used = set(matched.positions.values())
    columns = [
        pos
        for pos, header in enumerate(raw.cells.loc[matched.header_row])
        if pos not in used
        and not is_blank(header)
        and is_personal_header(header)
        and _NAME_HEADER.search(header_key(header))
    ]
    if not columns:
        return None
    out: list[str | None] = []
    for values in raw.values[positions][:, columns] if len(positions) else []:
        words = " ".join(str(v).strip() for v in values if not is_blank(v) and isinstance(v, str)).split()
        out.append(" ".join(words) if len(words) >= 2 and all(len(w) >= 2 for w in words) else None)
    return out


# Units a header may declare, "Sökt belopp (tkr)": applied to amount columns, refused elsewhere.
UNIT_FACTORS = {"kr": 1, "sek": 1, "kronor": 1, "tkr": 1000, "mkr": 1_000_000}
_UNIT = re.compile(r"(?:\(\s*(kr|sek|kronor|tkr|mkr|%|st)\s*\)|\b(kr|sek|kronor|tkr|mkr)\.?)\s*$", re.IGNORECASE)


def header_unit(header: str) -> str | None:
    """Return the unit a header declares at its end ('(tkr)', 'kr', '(%)'), lower case, or None."""
    m = _UNIT.search(str(header))
    return None if m is None else (m.group(1) or m.group(2)).casefold()


def unit_parser(col: Column, unit: str) -> tuple[Callable[[object], object], str | None]:
    """Return the parser of a column whose header declares `unit`, or a Swedish refusal.

    Amount columns take kr, tkr and mkr (values are multiplied to whole kronor); other columns
    take the unit that is already theirs (% for shares, st for counts); anything else is refused.
    """
    amount = col.type in ("amount", "signed_amount")
    if amount and unit in UNIT_FACTORS:
        factor = UNIT_FACTORS[unit]

        def scaled(value: object) -> int:
            if factor == 1:
                return cell_parser(col)(value)
            x = parse_number(value) * factor
            if abs(x - round(x)) > 1e-6:
                raise ParseError(f"Beloppet blir inte hela kronor i {unit} ({format_message_number(x)} kr).")
            return parse_kronor(int(round(x)), allow_negative=col.type == "signed_amount")

        return scaled, None
    if (unit == "%" and col.type == "percent") or (unit == "st" and col.type == "integer"):
        return cell_parser(col), None
    return cell_parser(col), (
        f"Rubriken anger enheten '{unit}', som inte passar kolumnen {col.header} "
        f"({'belopp i kronor' if amount else col.type}). Ta bort enheten eller flytta värdena till rätt kolumn."
    )


def check_totals(
    file: str,
    raw: RawSheet,
    matched: MatchedSheet,
    sheet: Sheet,
    frame: pd.DataFrame,
    failed_by_key: dict[str, set[int]],
    factors: dict[str, int] | None = None,
) -> list[Problem]:
    """Return errors for Summa/Totalt rows whose numeric cells disagree with the data rows.

    A total row is compared with the rows since the previous total row, and if that differs,
    with all data rows above it (a grand total after subtotals); it is accepted if either agrees.
    """
    problems: list[Problem] = []
    previous = matched.header_row
    for total_row in matched.total_rows:
        for col in sheet.columns:
            if col.type not in NUMERIC_TYPES or col.key not in matched.positions:
                continue
            header = matched.headers[col.key]
            value = raw.cells.at[total_row, matched.positions[col.key]]
            if is_blank(value):
                continue
            try:
                stated = parse_kronor(value, allow_negative=True)
                stated *= (factors or {}).get(col.key, 1)
            except ParseError as exc:
                problems.append(
                    Problem(
                        file, f"Summaraden: {exc.reason}", sheet=raw.name, row=total_row, column=header, value=value
                    )
                )
                continue
            above = frame[frame["_row"] < total_row]
            block = above[above["_row"] > previous]
            if failed_by_key.get(col.key, set()) & set(above["_row"]):
                continue  # cells that did not parse are reported already
            block_sum = int(pd.Series(block[col.key], dtype="Int64").fillna(0).sum())
            all_sum = int(pd.Series(above[col.key], dtype="Int64").fillna(0).sum())
            if stated not in (block_sum, all_sum):
                problems.append(
                    Problem(
                        file,
                        f"Summaraden anger {format_plain(stated)} men raderna ovanför summerar till {format_plain(block_sum)} "
                        f"(skillnad {format_plain(stated - block_sum)}).",
                        sheet=raw.name,
                        row=total_row,
                        column=header,
                        value=value,
                    )
                )
        previous = total_row
    return problems


def read_sheet(
    file: str,
    raws: list[RawSheet],
    raw: RawSheet | None,
    sheet: Sheet,
    problems: list[Problem],
    *,
    allow_blank: tuple[str, ...] = (),
) -> pd.DataFrame | None:
    """Match and parse one spec sheet of a workbook, held by `raw` (`pick_sheets`; None when no
    sheet holds it). Returns the parsed frame (with source columns), or None when the sheet is
    missing or unusable (an error is added if it is required).
    """
    if raw is None:
        if sheet.required:
            problems.append(missing_sheet_problem(file, raws, sheet))
        return None
    matched = match_sheet(file, raw, sheet)
    problems.extend(matched.problems)
    if matched.header_row == 0 or any(p.severity == "fel" for p in matched.problems):
        return None
    if not matched.data_rows:
        problems.append(
            Problem(
                file,
                "Bladet har rubriker men inga rader med data, så inget läses härifrån.",
                sheet=raw.name,
                row=matched.header_row,
                severity="varning",
            )
        )
    return parse_matched(file, raw, matched, sheet, problems, allow_blank=allow_blank)


def unread_sheet_warnings(file: str, raws: list[RawSheet], read: list[str]) -> list[Problem]:
    """Warn about each visible sheet with data that is not read (every sheet with data is read
    or named). Hidden sheets are warned about by `hidden_sheet_warnings`, helper sheets skipped."""
    names = ", ".join(f"'{n}'" for n in read) or "inga"
    return [
        Problem(
            file,
            f"Bladet har data men läses inte: kuanalys läser bladen {names} i den här filen. Flytta raderna dit "
            "eller ta bort bladet.",
            sheet=raw.name,
            severity="varning",
        )
        for raw in raws
        if raw.name not in read and not raw.hidden and not is_helper_sheet(raw.name) and not raw.blank.all()
    ]


def collect_sheets(
    path: Path,
    sheets: tuple[Sheet, ...],
    *,
    allow_blank: tuple[str, ...] = (),
) -> tuple[list[pd.DataFrame], list[Problem]]:
    """Return the parsed rows (with source columns) of each spec sheet of a workbook, in the order
    given, and the workbook's problems. A one-sheet kind also accepts a lone sheet of another name."""
    file = str(path)
    raws, problems = open_workbook(Path(path))
    if not raws:
        return [empty_parsed(sheet) for sheet in sheets], problems
    problems += hidden_sheet_warnings(file, raws)
    # A kind with one required sheet also accepts a lone sheet of another name as that sheet,
    # unless the workbook's sheets are named as the kind's optional ones.
    by_name = pick_sheets(raws, sheets, only_one_expected=False)
    only_one = sum(sheet.required for sheet in sheets) == 1 and not any(
        raw is not None for raw, sheet in zip(by_name, sheets) if not sheet.required
    )
    picked = pick_sheets(raws, sheets, only_one_expected=True) if only_one else by_name
    parsed = [
        read_sheet(file, raws, raw, sheet, problems, allow_blank=allow_blank) for raw, sheet in zip(picked, sheets)
    ]
    problems += unread_sheet_warnings(file, raws, [raw.name for raw in picked if raw is not None])
    return [concat_parsed([frame], sheet) for frame, sheet in zip(parsed, sheets)], problems


def collect_single_sheet(
    path: Path,
    sheet: Sheet,
    *,
    allow_blank: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows (with source columns) of a one-sheet workbook kind, and its problems."""
    (parsed,), problems = collect_sheets(path, (sheet,), allow_blank=allow_blank)
    return parsed, problems


def empty_parsed(sheet: Sheet) -> pd.DataFrame:
    """Return an empty parsed frame with the source columns and every spec column of `sheet`."""
    return pd.DataFrame({c: [] for c in [*SOURCE_COLUMNS, *(col.key for col in sheet.columns)]}, dtype=object)


def with_defaults(frame: pd.DataFrame, sheet: Sheet, defaults: dict[str, object] | None = None) -> pd.DataFrame:
    """Return a copy of `frame` with every spec column present: missing ones get the default
    from `defaults` (or None; False for booleans), and None cells in defaulted keys are filled.
    """
    defaults = defaults or {}
    out = frame.copy()
    for col in sheet.columns:
        fill = defaults.get(col.key, False if col.type == "bool" else None)
        if col.key not in out.columns:
            out[col.key] = pd.Series([fill] * len(out), index=out.index, dtype=object)
        elif col.key in defaults:
            out[col.key] = pd.Series([fill if is_blank(v) else v for v in out[col.key]], index=out.index, dtype=object)
    return out


def concat_parsed(frames: list[pd.DataFrame], sheet: Sheet) -> pd.DataFrame:
    """Return parsed frames stacked, with all spec columns (an empty frame if none)."""
    frames = [f for f in frames if f is not None]
    if not frames:
        return empty_parsed(sheet)
    keys = {col.key for col in sheet.columns}
    return pd.concat([f if keys <= set(f.columns) else with_defaults(f, sheet) for f in frames], ignore_index=True)


def where_of(frame: pd.DataFrame, i: int, column: str | None = None) -> dict:
    """Return Problem location keywords for position `i` of a frame with source columns."""
    return {
        "file": frame["_file"].iat[i],
        "sheet": frame["_sheet"].iat[i],
        "row": int(frame["_row"].iat[i]),
        "column": column,
    }


def repeated_rows(
    frame: pd.DataFrame, keys: list[str], compare: list[str] | None = None
) -> list[tuple[int, int, bool]]:
    """Return (position, position of the first row with the same keys, whether they conflict)
    for each row that repeats an earlier row's `keys`, in frame order.

    Text is compared as network names are (`header_key`: case, spacing and punctuation aside),
    in `keys` and in `compare`; a row conflicts with the earlier one when a `compare` column
    differs. A row with a blank key (e.g. a date that could not be read, an error of its own)
    repeats nothing.
    """
    out: list[tuple[int, int, bool]] = []
    first_seen: dict[tuple, int] = {}
    for pos, row in enumerate(frame[keys].itertuples(index=False, name=None)):
        key = tuple(_comparable(v) for v in row)
        if any(k is None for k in key):
            continue
        if key not in first_seen:
            first_seen[key] = pos
            continue
        first = first_seen[key]
        conflict = any(_comparable(frame[c].iat[first]) != _comparable(frame[c].iat[pos]) for c in compare or [])
        out.append((pos, first, conflict))
    return out


def duplicate_problems(
    frame: pd.DataFrame,
    keys: list[str],
    describe: Callable[[pd.Series], str],
    compare: list[str] | None = None,
    identical: str = "fel",
) -> list[Problem]:
    """Return a problem for each row that repeats an earlier row's `keys` (`repeated_rows`).

    With `compare`, a repeat that differs in those columns is an error naming the conflict; a
    repeat without differences is a duplicate row, of severity `identical` ("varning" where the
    caller keeps one of the rows, `without_repeats`). Each message names the earlier row, and
    how its keys are written there when they are written otherwise.
    """
    if frame.empty:
        return []
    frame = frame.reset_index(drop=True)
    problems: list[Problem] = []
    for pos, first_pos, conflict in repeated_rows(frame, keys, compare):
        row, first = frame.iloc[pos], frame.iloc[first_pos]
        other = f"rad {int(first['_row'])}"
        if first["_sheet"] != row["_sheet"] or first["_file"] != row["_file"]:
            other += f" på bladet '{first['_sheet']}'"
        if first["_file"] != row["_file"]:
            other += f" i {Path(first['_file']).name}"
        spelt = [f"'{_short(first[k])}'" for k in keys if isinstance(first[k], str) and first[k] != row[k]]
        if spelt:
            other += f" (skrivet {', '.join(spelt)})"
        if conflict:
            msg, severity = f"{describe(row)} finns redan på {other} med andra uppgifter (motstridiga rader).", "fel"
        elif identical == "varning":
            msg = f"Dubblettrad: {describe(row)} finns redan på {other} med samma uppgifter; raden räknas en gång."
            severity = identical
        else:
            msg, severity = f"Dubblettrad: {describe(row)} finns redan på {other}.", "fel"
        problems.append(Problem(**where_of(frame, pos), message=msg, severity=severity))
    return problems


def without_repeats(frame: pd.DataFrame, keys: list[str], compare: list[str]) -> pd.DataFrame:
    """Return `frame` without the rows that repeat an earlier row exactly (`repeated_rows`
    without a conflict): such a row is counted once."""
    drop = [pos for pos, _, conflict in repeated_rows(frame.reset_index(drop=True), keys, compare) if not conflict]
    return frame.reset_index(drop=True).drop(index=drop).reset_index(drop=True)


def _short(text: str, limit: int = 60) -> str:
    """Return `text`, cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _comparable(v: object) -> object:
    """Return a cell value as duplicates compare it: None when blank, text by `header_key`."""
    if is_blank(v):
        return None
    return header_key(v) if isinstance(v, str) else v


_CHECK_MESSAGES = {
    "isin": "Värdet är inte tillåtet.",
    "not_nullable": "Värde saknas.",
    "field_uniqueness": "Värdet förekommer flera gånger men ska vara unikt.",
    "multiple_fields_uniqueness": "Raden förekommer flera gånger.",
    "coerce_dtype": "Värdet har fel typ.",
    "dtype": "Kolumnen har fel typ.",
}
# Pandera's bound checks: (is the bound a minimum, does the bound itself pass).
_BOUNDS = {
    "greater_than_or_equal_to": (True, True),
    "greater_than": (True, False),
    "less_than_or_equal_to": (False, True),
    "less_than": (False, False),
}


def column_types(headers: dict[str, str]) -> dict[str, str]:
    """Return the spec column types (`Column.type`) of a loader's headers (tidy key → header):
    those of the spec sheet whose columns the headers name."""
    from kuanalys.spec import INPUT_KINDS

    for kind in INPUT_KINDS.values():
        for sheet in kind.sheets:
            columns = {c.key: c for c in sheet.columns}
            if all(k in columns and columns[k].header == h for k, h in headers.items()):
                return {k: columns[k].type for k in headers}
    return {}


def check_message(check: str, column_type: str | None, value: object) -> tuple[str, object]:
    """Return the Swedish message and the shown value for one pandera failure case.

    `check` is pandera's name of the check ('less_than_or_equal_to(1)') or a dataframe check's
    own Swedish error text; `column_type` the spec type of the column ('percent' shows shares as
    percentages). Pandera's rule text and numpy's value repr never reach the user: a check
    without a Swedish message here gets a plain one."""
    unit = "%" if column_type == "percent" else None
    name, _, arg = check.partition("(")
    if isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_)) and not is_blank(value):
        shown = format_message_number(value, unit)
    else:
        shown = value
    if name in _BOUNDS:
        try:
            bound = float(arg.rstrip(")"))
        except ValueError:
            return "Värdet ligger utanför det tillåtna.", shown
        minimum, inclusive = _BOUNDS[name]
        limit = format_message_number(bound, unit)
        what = "Andelen" if unit else "Värdet"
        if not inclusive:
            return f"{what} {shown} måste vara {'större' if minimum else 'mindre'} än {limit}.", shown
        if minimum and bound == 0:
            return f"{what} {shown} är {'negativ' if unit else 'negativt'}; lägsta möjliga är {limit}.", shown
        if minimum:
            return f"{what} {shown} är under {limit}, som är det lägsta tillåtna.", shown
        if unit and bound == 1:
            return f"{what} {shown} är över 100 %, som är det högsta möjliga för en andel.", shown
        return f"{what} {shown} är över {limit}, som är det högsta tillåtna.", shown
    if name == "column_in_schema":
        return f"Kolumnen '{value}' hör inte till tabellen.", None
    if name == "column_in_dataframe":
        return f"Kolumnen '{value}' saknas.", None
    if name == "in_range":
        return f"Värdet {shown} ligger utanför det tillåtna intervallet.", shown
    if name in _CHECK_MESSAGES:
        return _CHECK_MESSAGES[name], shown
    if check.endswith(".") and "(" not in check:  # a dataframe check's own Swedish text
        return check, shown
    return "Värdet är inte tillåtet i kolumnen.", shown


def schema_failure_text(exc: pa.errors.SchemaError | pa.errors.SchemaErrors) -> str:
    """Return a short Swedish description of a pandera failure outside the loaders (a processed
    table): the first failing column, row and rule in the words of `check_message`, and how many
    more there are. Pandera's own text never reaches the user."""
    cases = getattr(exc, "failure_cases", None)
    if not isinstance(cases, pd.DataFrame) or cases.empty:
        return "tabellen har inte de kolumner och typer den ska ha"
    first = cases.iloc[0]
    column, index = first.get("column"), first.get("index")
    row_check = first.get("schema_context") == "DataFrameSchema"
    message, value = check_message(str(first.get("check", "")), None, first.get("failure_case"))
    where = "tabellen" if row_check or not isinstance(column, str) else f"kolumnen '{column}'"
    if index is not None and not is_blank(index):
        where += f", rad {int(index) + 1}"
    shown = "" if row_check or value is None or str(value) in message else f" (värde: {shown_text(value)})"
    more = f"; och {len(cases) - 1} fel till" if len(cases) > 1 else ""
    return f"{where}: {message.rstrip('.')}{shown}{more}"


def validate_model(
    frame: pd.DataFrame,
    model: type[pa.DataFrameModel],
    headers: dict[str, str],
    problems: list[Problem],
) -> pd.DataFrame | None:
    """Return `frame` (with source columns) validated and coerced by the pandera `model`.

    Pandera's failure cases become Problems at the source cell; None is returned when there
    were any. Source columns are kept on the result.
    """
    frame = frame.reset_index(drop=True)
    tidy = frame.drop(columns=SOURCE_COLUMNS)
    try:
        out = model.validate(tidy, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(_failure_problems(exc.failure_cases, frame, headers))
        return None
    except pa.errors.SchemaError as exc:  # non-lazy failures (e.g. strictness) as a fallback
        problems.append(Problem(frame["_file"].iat[0] if len(frame) else "", f"Tabellen är ogiltig: {exc}"))
        return None
    for c in SOURCE_COLUMNS:
        out[c] = frame[c].to_numpy()
    return out


def _failure_problems(cases: pd.DataFrame, frame: pd.DataFrame, headers: dict[str, str]) -> list[Problem]:
    """Return one Problem per pandera failure case, at its source cell, in Swedish (`check_message`).
    A check on the whole row (a dataframe check) fails once per column in pandera; it is one
    problem per row here."""
    problems: list[Problem] = []
    file0 = frame["_file"].iat[0] if len(frame) else ""
    types = column_types(headers)
    seen_rows: set[tuple[str, int]] = set()
    for case in cases.itertuples(index=False):
        check = str(getattr(case, "check", ""))
        key = getattr(case, "column", None)
        message, value = check_message(check, types.get(key) if isinstance(key, str) else None, case.failure_case)
        column = headers.get(key, key) if isinstance(key, str) else None
        index = getattr(case, "index", None)
        located = index is not None and not is_blank(index) and 0 <= int(index) < len(frame)
        if getattr(case, "schema_context", None) == "DataFrameSchema" and located:
            if (check, int(index)) in seen_rows:
                continue
            seen_rows.add((check, int(index)))
            column, value = None, None
        if located:
            problems.append(Problem(**where_of(frame, int(index), column), message=message, value=value))
        else:
            problems.append(Problem(file0, message, column=column, value=value))
    return problems


def finish_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` without source columns (nor names) and with a fresh RangeIndex."""
    drop = [c for c in (*SOURCE_COLUMNS, PERSON_COLUMN) if c in frame.columns]
    return frame.drop(columns=drop).reset_index(drop=True)


def raise_or_warn(problems: list[Problem] | Problems, *frames: pd.DataFrame) -> None:
    """Raise InputError if any problem is an error; else attach the warnings' text to each
    frame's `attrs["warnings"]`.
    """
    problems = problems if isinstance(problems, Problems) else Problems(list(problems))
    if problems.has_errors():
        raise InputError(problems)
    for frame in frames:
        frame.attrs["warnings"] = [str(p) for p in problems.warnings]
