"""Reading workbooks: raw sheets with true Excel row numbers, header rows and total rows.

Sheets are read with python-calamine and every cell comes back as Excel stored it, exactly as
pandas' calamine engine gives it with `header=None, dtype=object` (a whole-number float is an
int, a date a datetime, an empty cell ""). The raw frame's index is the Excel row number
(1-based) and its columns are 0-based column positions; `column_letter` turns a position into
"A", "B", …

Calamine is asked for the full area from A1 (`skip_empty_area=False`), so leading empty rows
are kept and row numbers are true Excel row numbers; tests/test_excel.py checks that. Calamine
also reports merged ranges; formulas without a stored value (which calamine reads as empty) are
found in the sheet XML (`uncached_formulas`), only for sheets that hold a formula at all.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path

import defusedxml.ElementTree as SafeET
import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, coordinate_to_tuple
from python_calamine import CalamineWorkbook, SheetTypeEnum

from kuanalys import config, safety
from kuanalys.errors import Problem
from kuanalys.parsing import BLANK_CHARS, clean_text, is_blank
from kuanalys.spec import PERSONAL_HEADERS, TOTAL_LABELS, TOTAL_WORDS, Sheet, header_key

# Sheets that templates add for people; loaders skip them without a word.
HELPER_SHEETS = ("instruktioner", "listor", "instruktion", "anvisningar")
# How far down a sheet a header row is looked for (title rows may come first).
HEADER_SCAN_ROWS = 30

_PERSONAL_KEYS = {header_key(h) for h in PERSONAL_HEADERS}
# Parts of headers that mark personal data: "E-postadress", "Mejladress", "Mobilnummer",
# "Deltagarens namn", "Kontaktperson", "Personnr".
_PERSONAL_RE = re.compile(
    r"e-?post|e-?mail|mejl|\bmail|telefon|mobil|personn(umme)?r|kontaktperson|förnamn|efternamn|\bnamn\b|deltagarnamn"
)
TOTAL_KEYS = {header_key(h) for h in TOTAL_LABELS}
TOTAL_FIRST_WORDS = {header_key(w) for w in TOTAL_WORDS}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class RawSheet:
    """One sheet as read: cells as objects, index = Excel row, columns = 0-based positions.

    `merged` lists merged ranges ("B1:C1"), `uncached_formulas` the cells ("D3") whose formula
    has no stored value, and `last_row` the last Excel row that holds a cell (also beyond the
    rows read, see `read_workbook`).
    """

    name: str
    cells: pd.DataFrame
    hidden: bool = False
    merged: tuple[str, ...] = ()
    uncached_formulas: tuple[str, ...] = ()
    last_row: int = field(default=0, compare=False)

    @cached_property
    def values(self) -> np.ndarray:
        """The cells as a 2-D object array: row `r - 1` is Excel row r."""
        return self.cells.to_numpy(dtype=object)

    @cached_property
    def blank(self) -> np.ndarray:
        """A boolean array shaped like `values`: True for blank cells (`parsing.is_blank`)."""
        return np.vectorize(is_blank, otypes=[bool])(self.values)


@dataclass
class MatchedSheet:
    """A sheet whose header row was found and matched against a `spec.Sheet`.

    `positions` maps a spec column key to its 0-based column position; `headers` maps the key
    to the header as written. `data_rows` are the Excel rows below the header that hold data;
    `total_rows` are rows labelled Summa/Totalt.
    """

    file: str
    sheet: str
    header_row: int
    positions: dict[str, int]
    headers: dict[str, str]
    data_rows: list[int]
    total_rows: list[int]
    problems: list[Problem] = field(default_factory=list)


def column_letter(position: int) -> str:
    """Return the Excel column letter of a 0-based position (0 → 'A', 27 → 'AB')."""
    return get_column_letter(position + 1)


def parse_ref(ref: str) -> tuple[int, int]:
    """Return (Excel row, 0-based column position) of a cell reference: 'C12' → (12, 2)."""
    letters, row = coordinate_from_string(ref)
    return row, column_index_from_string(letters) - 1


def range_ref(corners: tuple[tuple[int, int], tuple[int, int]]) -> str:
    """Return the reference of a range given by calamine's 0-based corners: ((2, 2), (2, 3)) → 'C3:D3'."""
    (r0, c0), (r1, c1) = corners
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


def read_workbook(path: Path) -> list[RawSheet]:
    """Return every worksheet of a workbook as a `RawSheet`, in workbook order.

    Reads with python-calamine, at most `config.MAX_ROWS + HEADER_SCAN_ROWS + 1` rows per sheet
    into Python, so a sheet over the limit is seen (`RawSheet.last_row`) without converting all
    of it. Run `safety.preflight` first. The file is closed on return.
    """
    max_rows = config.MAX_ROWS + HEADER_SCAN_ROWS + 1
    formulas = uncached_formulas(path)
    errors = error_values(path)
    sheets: list[RawSheet] = []
    with open(path, "rb") as handle:  # as pandas opens it, so calamine's errors are the same
        book = CalamineWorkbook.from_filelike(handle)
    try:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False, nrows=max_rows)
            for (r, c), code in errors.get(str(meta.name), {}).items():
                if r <= len(rows) and c < len(rows[r - 1]):
                    rows[r - 1][c] = ExcelError(code)
            sheets.append(
                RawSheet(
                    name=str(meta.name),
                    cells=sheet_cells(rows),
                    hidden=str(meta.visible).rsplit(".", 1)[-1].casefold() != "visible",
                    merged=tuple(range_ref(corners) for corners in sheet.merged_cell_ranges or ()),
                    uncached_formulas=formulas.get(str(meta.name), ()),
                    last_row=sheet.end[0] + 1 if sheet.end else 0,
                )
            )
    finally:
        book.close()
    return sheets


def sheet_cells(rows: list[list[object]]) -> pd.DataFrame:
    """Return calamine's rows as the raw object frame (index = Excel row from 1, columns =
    0-based positions), cells converted as pandas' calamine reader converts them (`excel_cell`)."""
    width = max(map(len, rows), default=0)
    values = np.empty((len(rows) if width else 0, width), dtype=object)
    values.fill("")  # ragged rows (calamine gives none) are padded with empty cells
    for i, row in enumerate(rows if width else ()):
        values[i, : len(row)] = [excel_cell(v) for v in row]
    return pd.DataFrame(values, index=pd.RangeIndex(1, len(values) + 1), columns=pd.RangeIndex(width), dtype=object)


def excel_cell(value: object) -> object:
    """Return a calamine cell value as pandas' calamine reader gives it: a whole-number float as
    int, a date (without time) as a datetime at midnight, anything else unchanged."""
    if type(value) is float:
        return int(value) if value.is_integer() else value
    if type(value) is date:
        return datetime(value.year, value.month, value.day)
    return value


# A formula element, with or without a namespace prefix; only a quick test before parsing.
_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")


class ExcelError(str):
    """An Excel error value in a cell (#DIV/0!, #REF!, #N/A, …): named as such, never read as
    empty or as text. Readers give such cells as empty; `error_values` finds them in the XML."""


def error_values(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Return sheet name → {(Excel row, 0-based column): error code} for cells of error type
    (`t="e"`). Only sheets whose XML holds such a cell are parsed (with defusedxml)."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in safety.sheet_parts(zf).items():
            xml = zf.read(part)
            if b't="e"' not in xml and b"t='e'" not in xml:
                continue
            cells = {}
            for _, cell in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
                if _local(cell.tag) == "c" and cell.get("t") == "e" and cell.get("r"):
                    value = next((c.text for c in cell if _local(c.tag) == "v"), None) or "#FEL"
                    row, col = coordinate_to_tuple(cell.get("r").upper())
                    cells[(row, col - 1)] = value
                if _local(cell.tag) == "c":
                    cell.clear()
            found[name] = cells
    return found


def uncached_formulas(path: Path) -> dict[str, tuple[str, ...]]:
    """Return sheet name → cells ("D3") holding a formula with no stored value (a reader sees
    them as empty). Only sheets whose XML holds a formula element are parsed (with defusedxml)."""
    found: dict[str, tuple[str, ...]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in safety.sheet_parts(zf).items():
            xml = zf.read(part)
            if any(tag in xml for tag in _FORMULA_TAGS):
                found[name] = tuple(formula_cells_without_value(xml))
    return found


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def formula_cells_without_value(xml: bytes) -> Iterator[str]:
    """Yield the references of cells with a formula and no stored value: no `<v>`, or an empty
    one on a cell that is not of string type (Excel stores an empty text result as `t="str"`
    with an empty `<v>`)."""
    for _, cell in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
        if _local(cell.tag) != "c":
            continue
        children = {_local(child.tag): child for child in cell}
        value = children.get("v")
        has_value = value is not None and bool((value.text or "").strip())
        empty_text = value is not None and cell.get("t") == "str"
        if "f" in children and not has_value and not empty_text and cell.get("r"):
            yield cell.get("r").upper()
        cell.clear()


def is_helper_sheet(name: str) -> bool:
    """True for sheets such as Instruktioner and Listor that templates add for people."""
    return header_key(name) in HELPER_SHEETS


def first_text(values: list[object]) -> str | None:
    """Return the first cell of a row that is text containing a letter, or None."""
    for v in values:
        if isinstance(v, str) and _LETTER.search(v):
            return v
    return None


def is_total_row(values: list[object]) -> bool:
    """True when the row's first text cell is a total label (Summa, Totalt, …) or starts with a
    total word (`spec.TOTAL_WORDS`: "Summa 2019", "Delsumma", "Totalt alla områden", "Sammanlagt")."""
    text = first_text(values)
    if text is None:
        return False
    key = text_key(text)
    return key in TOTAL_KEYS or key.split(" ", 1)[0] in TOTAL_FIRST_WORDS


@lru_cache(maxsize=8192)
def text_key(text: str) -> str:
    """`spec.header_key` of a text, remembered: headers and labels repeat across rows and sheets."""
    return header_key(text)


def is_personal_header(text: object) -> bool:
    """True for headers that carry personal data (names, e-mail, phone)."""
    return _is_personal_key(text_key(str(text)))


@lru_cache(maxsize=4096)
def _is_personal_key(key: str) -> bool:
    return key in _PERSONAL_KEYS or bool(_PERSONAL_RE.search(key))


def header_lookup(sheet: Sheet) -> dict[str, str]:
    """Return header key → column key for a spec sheet: headers first, then synonyms."""
    return dict(_header_lookup(sheet))


@lru_cache(maxsize=64)
def _header_lookup(sheet: Sheet) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for col in sheet.columns:
        for syn in col.synonyms:
            lookup.setdefault(header_key(syn), col.key)
    for col in sheet.columns:  # a column's own header wins over another column's synonym
        lookup[header_key(col.header)] = col.key
    return lookup


def find_header_row(cells: pd.DataFrame, sheet: Sheet) -> int | None:
    """Return the Excel row of the header row: among the first rows, the one that matches the
    most known headers (ties: the first). With no match, the first row with at least two text
    cells. None when the sheet has no such row.
    """
    lookup = _header_lookup(sheet)
    best_row, best_hits = None, 0
    fallback = None
    for row_no, values in _head_rows(cells):
        texts = [v for v in values if isinstance(v, str) and v.strip(BLANK_CHARS)]  # text that is not blank
        hits = len({lookup[k] for k in map(text_key, texts) if k in lookup})
        if hits > best_hits:
            best_row, best_hits = row_no, hits
        if fallback is None and len(texts) >= 2:
            fallback = row_no
    return best_row if best_row is not None else fallback


def _hits(cells: pd.DataFrame, row_no: int, sheet: Sheet) -> int:
    """Number of the sheet's columns whose header (or synonym) is written in Excel row `row_no`."""
    lookup = _header_lookup(sheet)
    texts = [v for v in cells.loc[row_no].tolist() if isinstance(v, str) and v.strip(BLANK_CHARS)]
    return len({lookup[k] for k in map(text_key, texts) if k in lookup})


def header_row_below_scan(cells: pd.DataFrame, sheet: Sheet) -> int | None:
    """Return the first Excel row below the searched rows that holds at least two of the sheet's
    headers (a header row pushed down by blank or title rows), or None."""
    for row_no in cells.index[HEADER_SCAN_ROWS : HEADER_SCAN_ROWS + 1000]:
        if _hits(cells, int(row_no), sheet) >= 2:
            return int(row_no)
    return None


def _head_rows(cells: pd.DataFrame):
    head = cells.iloc[:HEADER_SCAN_ROWS]
    for row_no, values in zip(head.index, head.to_numpy(dtype=object).tolist()):
        yield int(row_no), values


def describe_empty_sheet(blank: np.ndarray) -> str | None:
    """Return a Swedish reason when a sheet is empty or holds only a title, else None.

    `blank` is the sheet's `RawSheet.blank`.
    """
    filled = (~blank).sum(axis=1)
    filled = filled[filled > 0]
    if not len(filled):
        return "Bladet är tomt."
    if len(filled) <= 3 and (filled[:HEADER_SCAN_ROWS] <= 1).all():
        return "Bladet innehåller bara en rubrik, inga kolumnrubriker eller data."
    return None


def match_headers(
    file: str, raw: RawSheet, header_row: int, sheet: Sheet
) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Match the headers on `header_row` with the spec's columns: return column key → position,
    column key → header as written, and the problems (a column given twice, personal data,
    missing required columns with the closest header written, unknown columns)."""
    problems: list[Problem] = []
    lookup = header_lookup(sheet)
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unmatched: dict[str, int] = {}
    header_values = list(raw.cells.loc[header_row])
    for pos, value in enumerate(header_values):
        if is_blank(value):
            continue
        text = clean_text(value)
        key = header_key(text)
        col_key = lookup.get(key)
        if col_key is not None:
            if col_key in positions:
                problems.append(
                    Problem(
                        file,
                        f"Kolumnen '{sheet.column(col_key).header}' finns två gånger "
                        f"(kolumn {column_letter(positions[col_key])} '{headers[col_key]}' och kolumn {column_letter(pos)} '{text}').",
                        sheet=raw.name,
                        row=header_row,
                        column=text,
                    )
                )
                continue
            positions[col_key], headers[col_key] = pos, text
        elif is_personal_header(text):
            problems.append(
                Problem(
                    file,
                    "Kolumnen innehåller personuppgifter och läses inte in.",
                    sheet=raw.name,
                    row=header_row,
                    column=text,
                    severity="varning",
                )
            )
        else:
            unmatched[text] = pos
    problems += unmatched_header_problems(file, raw.name, header_row, sheet, positions, unmatched)
    return positions, headers, problems


def unmatched_header_problems(
    file: str, sheet_name: str, header_row: int, sheet: Sheet, positions: dict[str, int], unmatched: dict[str, int]
) -> list[Problem]:
    """Return errors for required columns that are missing (with the closest unmatched header
    as a suggestion) and warnings for the other unmatched headers (`unmatched`: text → position)."""
    problems: list[Problem] = []
    suggested: set[str] = set()
    for col in sheet.columns:
        if col.key in positions or not col.required:
            continue
        close = difflib.get_close_matches(header_key(col.header), [header_key(t) for t in unmatched], n=1, cutoff=0.6)
        written = next((t for t in unmatched if close and header_key(t) == close[0]), None)
        hint = f" Menade du '{written}'?" if written else ""
        if written:
            suggested.add(written)
        problems.append(
            Problem(
                file,
                f"Kolumnen '{col.header}' saknas.{hint}",
                sheet=sheet_name,
                row=header_row,
                column=written,
            )
        )
    for text, pos in unmatched.items():
        if text in suggested:
            continue
        problems.append(
            Problem(
                file,
                f"Okänd kolumn '{text}' (kolumn {column_letter(pos)}) läses inte in.",
                sheet=sheet_name,
                row=header_row,
                column=text,
                severity="varning",
            )
        )
    return problems


def match_sheet(file: str, raw: RawSheet, sheet: Sheet) -> MatchedSheet | None:
    """Find and match the header row of `raw` against `sheet`; return None if the sheet is
    empty or has no header row (the reason is in the returned problems via `sheet_problems`).

    Problems: missing required columns (error, with the closest header written), personal-data
    columns (warning; dropped), unknown columns (warning), a column given twice (error),
    merged cells and formulas without stored values (errors, see `layout_problems`),
    too many rows (error).
    """
    empty = describe_empty_sheet(raw.blank)
    if empty:
        return MatchedSheet(file, raw.name, 0, {}, {}, [], [], [Problem(file, empty, sheet=raw.name)])
    header_row = find_header_row(raw.cells, sheet)
    if header_row is None or not _hits(raw.cells, header_row, sheet):
        below = header_row_below_scan(raw.cells, sheet)
        if below is not None:
            msg = (
                f"Rubrikraden står på rad {below}, men rubriker söks bara bland de första {HEADER_SCAN_ROWS} raderna. "
                "Ta bort de tomma raderna eller textraderna ovanför rubrikerna."
            )
            return MatchedSheet(file, raw.name, 0, {}, {}, [], [], [Problem(file, msg, sheet=raw.name, row=below)])
    if header_row is None:
        msg = "Hittar ingen rubrikrad. Rubrikerna ska vara: " + ", ".join(c.header for c in sheet.columns) + "."
        return MatchedSheet(file, raw.name, 0, {}, {}, [], [], [Problem(file, msg, sheet=raw.name)])
    positions, headers, problems = match_headers(file, raw, header_row, sheet)
    problems += layout_problems(file, raw, header_row)
    data_rows, total_rows, limit_problem = split_rows(file, raw, header_row)
    if limit_problem:
        problems.append(limit_problem)
    return MatchedSheet(file, raw.name, header_row, positions, headers, data_rows, total_rows, problems)


MERGED_HEADER_MESSAGE = (
    "Rubrikcellerna {ref} är sammanfogade. Dela upp dem (Start → Sammanfoga och centrera → "
    "Dela upp celler) så att varje kolumn har en egen rubrik på samma rad."
)
MERGED_DATA_MESSAGE = (
    "Cellerna {ref} är sammanfogade, så bara den första har ett värde. Dela upp dem och fyll i varje cell."
)
UNCACHED_FORMULA_MESSAGE = "Cellen innehåller en formel utan sparat värde. Öppna filen i Excel och spara den igen."
# At most this many merged ranges or formula cells are listed per sheet; the rest are counted.
MAX_CELL_PROBLEMS = 20


def layout_problems(file: str, raw: RawSheet, header_row: int) -> list[Problem]:
    """Return errors for cells that would be read wrongly: merged ranges that reach the header
    row or the data below it, and formulas without a stored value (a reader sees them empty).

    Each names the sheet, the Excel row and the column's header (or its letter).
    """
    header = list(raw.cells.loc[header_row]) if header_row in raw.cells.index else []

    def column_name(position: int, row: int) -> str:
        if row >= header_row and position < len(header) and not is_blank(header[position]):
            return clean_text(header[position])
        return column_letter(position)

    problems: list[Problem] = []
    merged = []
    for ref in raw.merged:
        first, _, last = ref.partition(":")
        (row, pos), (last_row, _) = parse_ref(first), parse_ref(last or first)
        if last_row >= header_row:
            template = MERGED_HEADER_MESSAGE if row <= header_row else MERGED_DATA_MESSAGE
            merged.append(
                Problem(file, template.format(ref=ref), sheet=raw.name, row=row, column=column_name(pos, row))
            )
    formulas = []
    for ref in raw.uncached_formulas:
        row, pos = parse_ref(ref)
        formulas.append(Problem(file, UNCACHED_FORMULA_MESSAGE, sheet=raw.name, row=row, column=column_name(pos, row)))
    for found, what in ((merged, "sammanfogade områden"), (formulas, "formler utan sparat värde")):
        problems += found[:MAX_CELL_PROBLEMS]
        if len(found) > MAX_CELL_PROBLEMS:
            problems.append(
                Problem(file, f"… och {len(found) - MAX_CELL_PROBLEMS} {what} till på bladet.", sheet=raw.name)
            )
    return problems


def split_rows(file: str, raw: RawSheet, header_row: int) -> tuple[list[int], list[int], Problem | None]:
    """Return (data rows, total rows, row-limit problem) below the header row; empty rows skipped."""
    first = max(header_row, 0)  # 0-based position of the first row below the header
    filled = ~raw.blank[first:].all(axis=1)
    total = np.array([is_total_row(row) for row in raw.values[first:].tolist()], dtype=bool) & filled
    data_rows = (np.flatnonzero(filled & ~total) + first + 1).tolist()
    total_rows = (np.flatnonzero(total) + first + 1).tolist()
    problem = None
    if len(data_rows) > config.MAX_ROWS or len(raw.cells) > config.MAX_ROWS + HEADER_SCAN_ROWS:
        problem = Problem(
            file,
            f"Bladet '{raw.name}' har fler än {config.MAX_ROWS} rader, gränsen för en indatafil. Dela upp filen.",
            sheet=raw.name,
        )
    return data_rows, total_rows, problem


def pick_sheets(raws: list[RawSheet], sheets: tuple[Sheet, ...], only_one_expected: bool) -> list[RawSheet | None]:
    """Return the visible raw sheet that holds each spec sheet of a kind (None where there is none).

    Exact names come first (case and spacing aside); a synonym counts only for a spec sheet that
    no raw sheet names exactly, and only among raw sheets not named exactly as another spec sheet,
    so the result is the same in any sheet order. With `only_one_expected`, a required sheet that
    is found neither way is the only visible non-helper sheet of the workbook.
    """
    visible = [r for r in raws if not r.hidden]
    exact = {header_key(s.name): i for i, s in enumerate(sheets)}
    picked: list[RawSheet | None] = [None] * len(sheets)
    for raw in visible:
        i = exact.get(header_key(raw.name))
        if i is not None and picked[i] is None:
            picked[i] = raw
    taken = {id(r) for r in picked if r is not None}
    for i, sheet in enumerate(sheets):
        if picked[i] is None:
            synonyms = {header_key(s) for s in sheet.synonyms}
            picked[i] = next((r for r in visible if id(r) not in taken and header_key(r.name) in synonyms), None)
            taken |= {id(picked[i])} if picked[i] is not None else set()
    candidates = [r for r in visible if not is_helper_sheet(r.name)]
    for i, sheet in enumerate(sheets):
        if picked[i] is None and only_one_expected and sheet.required and len(candidates) == 1:
            picked[i] = candidates[0]
    return picked
