"""Reading workbooks: raw sheets with true Excel row numbers, header rows and total rows.

Sheets are read with python-calamine (as pandas' calamine engine with `header=None,
dtype=object` would read them, without its per-cell overhead), so every cell comes back as
Excel stored it. The raw frame's index is the Excel row number (1-based) and
its columns are 0-based column positions; `column_letter` turns a position into "A", "B", …

Calamine keeps leading empty rows (pandas asks it for the full area from A1), so row
numbers are true Excel row numbers; tests/test_excel.py checks that.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from kuanalys import config, safety
from kuanalys.errors import Problem
from kuanalys.parsing import clean_text, is_blank
from kuanalys.spec import PERSONAL_HEADERS, TOTAL_LABELS, Sheet, header_key

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


@dataclass
class RawSheet:
    """One sheet as read: cells as objects, index = Excel row, columns = 0-based positions.

    `merged` lists merged ranges ("B1:C1") and `uncached_formulas` the cells ("D3") whose
    formula has no stored value; both come from `safety.scan_sheet`.
    """

    name: str
    cells: pd.DataFrame
    hidden: bool = False
    merged: tuple[str, ...] = ()
    uncached_formulas: tuple[str, ...] = ()


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
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_ref(ref: str) -> tuple[int, int]:
    """Return (Excel row, 0-based column position) of a cell reference: 'C12' → (12, 2)."""
    m = re.fullmatch(r"([A-Za-z]{1,3})(\d+)", ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    position = 0
    for ch in m.group(1).upper():
        position = position * 26 + ord(ch) - 64
    return int(m.group(2)), position - 1


def read_workbook(path: Path, scans: dict[str, safety.SheetScan] | None = None) -> list[RawSheet]:
    """Return every sheet of a workbook as a `RawSheet`, in workbook order.

    Reads with python-calamine, at most `config.MAX_ROWS + HEADER_SCAN_ROWS + 1` rows per sheet,
    so a sheet over the limit is seen without reading all of it. `scans` (from
    `safety.inspect_workbook`, which the loaders run first) adds merged cells and formulas
    without stored values. The file is closed on return.
    """
    from python_calamine import CalamineWorkbook

    max_rows = config.MAX_ROWS + HEADER_SCAN_ROWS + 1
    scans = scans or {}
    sheets: list[RawSheet] = []
    with open(path, "rb") as handle:
        book = CalamineWorkbook.from_filelike(handle)
        hidden = _hidden_sheets(book)
        for name in book.sheet_names:
            with paused_gc():
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=max_rows)
                cells = cells_frame(rows)
                del rows
            scan = scans.get(str(name), safety.SheetScan())
            sheets.append(RawSheet(
                name=str(name), cells=cells, hidden=name in hidden, merged=scan.merged,
                uncached_formulas=scan.uncached_formulas,
            ))
    return sheets


@contextlib.contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector for a bulk step that makes millions of small,
    acyclic objects (cells, rows): the collector would otherwise scan them again and again
    (0,7 s of a 200 000-row load here). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cells_frame(rows: list[list[object]]) -> pd.DataFrame:
    """Return calamine's rows as the raw object frame: index = Excel row (from 1), columns =
    0-based positions. Cells are as pandas' calamine reader gives them: a whole-number float
    becomes int, a date becomes a datetime at midnight, an empty cell is "".
    """
    # Dates and numbers repeat down a column: each distinct one is converted once. Only floats
    # and dates are looked up, so no two keys of `seen` can be equal across types.
    seen: dict[object, object] = {}

    def convert(value: object) -> object:
        seen[value] = _cell(value)
        return seen[value]

    converted = [
        [v if (t := type(v)) is not float and t is not date else (seen[v] if v in seen else convert(v)) for v in row]
        for row in rows
    ]
    width = max((len(r) for r in converted), default=0)
    frame = pd.DataFrame(converted, columns=pd.RangeIndex(width), dtype=object)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _cell(value: object) -> object:
    kind = type(value)
    if kind is str:
        return value
    if kind is float:
        return int(value) if value.is_integer() else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


def _hidden_sheets(book) -> set[str]:
    try:
        return {m.name for m in book.sheets_metadata if str(m.visible).rsplit(".", 1)[-1].casefold() != "visible"}
    except AttributeError:  # an older python-calamine
        return set()


def is_helper_sheet(name: str) -> bool:
    """True for sheets such as Instruktioner and Listor that templates add for people."""
    return header_key(name) in HELPER_SHEETS


def first_text(values: list[object]) -> str | None:
    """Return the first cell of a row that is text containing a letter, or None."""
    for v in values:
        if isinstance(v, str) and re.search(r"[^\W\d_]", v):
            return v
    return None


def is_total_row(values: list[object]) -> bool:
    """True when the row's first text cell is a total label (Summa, Totalt, …)."""
    text = first_text(values)
    return text is not None and header_key(text) in TOTAL_KEYS


def is_personal_header(text: object) -> bool:
    """True for headers that carry personal data (names, e-mail, phone)."""
    key = header_key(text)
    return key in _PERSONAL_KEYS or bool(_PERSONAL_RE.search(key))


def header_lookup(sheet: Sheet) -> dict[str, str]:
    """Return header key → column key for a spec sheet: headers first, then synonyms."""
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
    lookup = header_lookup(sheet)
    best_row, best_hits = None, 0
    fallback = None
    for row_no, values in _head_rows(cells):
        texts = [v for v in values if isinstance(v, str) and not is_blank(v)]
        hits = len({lookup[header_key(t)] for t in texts if header_key(t) in lookup})
        if hits > best_hits:
            best_row, best_hits = row_no, hits
        if fallback is None and len(texts) >= 2:
            fallback = row_no
    return best_row if best_row is not None else fallback


def _head_rows(cells: pd.DataFrame):
    head = cells.iloc[:HEADER_SCAN_ROWS]
    for row_no, values in zip(head.index, head.itertuples(index=False, name=None)):
        yield int(row_no), list(values)


def _flags(column: pd.Series, *tests) -> list[pd.Series]:
    """Return one boolean Series per test: True where `test(value)` holds. Each distinct value
    is tested once (values equal across types, such as 1 and True, are tested as one: the tests
    here, blankness and total labels, cannot tell them apart)."""
    import numpy as np

    codes, distinct = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    return [pd.Series(np.array([bool(test(u)) for u in distinct], dtype=bool)[codes], index=column.index)
            if len(distinct) else pd.Series(False, index=column.index, dtype=bool) for test in tests]


def blank_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Return a boolean frame like `cells`: True for blank cells (`parsing.is_blank`)."""
    return pd.DataFrame({c: _flags(cells[c], is_blank)[0] for c in cells.columns}, index=cells.index,
                        columns=cells.columns, dtype=bool)


def _is_total_label(value: object) -> bool:
    return isinstance(value, str) and header_key(value) in TOTAL_KEYS


def describe_empty_sheet(cells: pd.DataFrame) -> str | None:
    """Return a Swedish reason when a sheet is empty or holds only a title, else None."""
    filled = (~blank_cells(cells)).sum(axis=1)
    non_empty = filled[filled > 0]
    if non_empty.empty:
        return "Bladet är tomt."
    if (non_empty.iloc[:HEADER_SCAN_ROWS] <= 1).all() and len(non_empty) <= 3:
        return "Bladet innehåller bara en rubrik, inga kolumnrubriker eller data."
    return None


def match_sheet(file: str, raw: RawSheet, sheet: Sheet) -> MatchedSheet | None:
    """Find and match the header row of `raw` against `sheet`; return None if the sheet is
    empty or has no header row (the reason is in the returned problems via `sheet_problems`).

    Problems: missing required columns (error, with the closest header written), personal-data
    columns (warning; dropped), unknown columns (warning), a column given twice (error),
    merged cells and formulas without stored values (errors, see `layout_problems`),
    too many rows (error).
    """
    cells = raw.cells
    problems: list[Problem] = []
    empty = describe_empty_sheet(cells)
    if empty:
        return MatchedSheet(file, raw.name, 0, {}, {}, [], [], [Problem(file, empty, sheet=raw.name)])
    header_row = find_header_row(cells, sheet)
    if header_row is None:
        msg = "Hittar ingen rubrikrad. Rubrikerna ska vara: " + ", ".join(c.header for c in sheet.columns) + "."
        return MatchedSheet(file, raw.name, 0, {}, {}, [], [], [Problem(file, msg, sheet=raw.name)])
    lookup = header_lookup(sheet)
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unmatched: dict[str, int] = {}
    header_values = list(cells.loc[header_row])
    for pos, value in enumerate(header_values):
        if is_blank(value):
            continue
        text = clean_text(value)
        key = header_key(text)
        col_key = lookup.get(key)
        if col_key is not None:
            if col_key in positions:
                problems.append(Problem(
                    file, f"Kolumnen '{sheet.column(col_key).header}' finns två gånger "
                    f"(kolumn {column_letter(positions[col_key])} '{headers[col_key]}' och kolumn {column_letter(pos)} '{text}').",
                    sheet=raw.name, row=header_row, column=text,
                ))
                continue
            positions[col_key], headers[col_key] = pos, text
        elif is_personal_header(text):
            problems.append(Problem(
                file, "Kolumnen innehåller personuppgifter och läses inte in.",
                sheet=raw.name, row=header_row, column=text, severity="varning",
            ))
        else:
            unmatched[text] = pos
    suggested: set[str] = set()
    for col in sheet.columns:
        if col.key in positions or not col.required:
            continue
        close = difflib.get_close_matches(header_key(col.header), [header_key(t) for t in unmatched], n=1, cutoff=0.6)
        written = next((t for t in unmatched if close and header_key(t) == close[0]), None)
        hint = f" Menade du '{written}'?" if written else ""
        if written:
            suggested.add(written)
        problems.append(Problem(
            file, f"Kolumnen '{col.header}' saknas.{hint}", sheet=raw.name, row=header_row, column=written,
        ))
    for text, pos in unmatched.items():
        if text in suggested:
            continue
        problems.append(Problem(
            file, f"Okänd kolumn '{text}' (kolumn {column_letter(pos)}) läses inte in.",
            sheet=raw.name, row=header_row, column=text, severity="varning",
        ))
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
            merged.append(Problem(file, template.format(ref=ref), sheet=raw.name, row=row, column=column_name(pos, row)))
    formulas = []
    for ref in raw.uncached_formulas:
        row, pos = parse_ref(ref)
        formulas.append(Problem(file, UNCACHED_FORMULA_MESSAGE, sheet=raw.name, row=row, column=column_name(pos, row)))
    for found, what in ((merged, "sammanfogade områden"), (formulas, "formler utan sparat värde")):
        problems += found[:MAX_CELL_PROBLEMS]
        if len(found) > MAX_CELL_PROBLEMS:
            problems.append(Problem(file, f"… och {len(found) - MAX_CELL_PROBLEMS} {what} till på bladet.", sheet=raw.name))
    return problems


def split_rows(file: str, raw: RawSheet, header_row: int) -> tuple[list[int], list[int], Problem | None]:
    """Return (data rows, total rows, row-limit problem) below the header row; empty rows skipped."""
    body = raw.cells.loc[header_row + 1 :]
    filled = pd.Series(False, index=body.index)
    # A total row's first text cell is a total label, so only rows holding one are looked at.
    label = pd.Series(False, index=body.index)
    for c in body.columns:
        blank, is_label = _flags(body[c], is_blank, _is_total_label)
        filled |= ~blank
        label |= is_label
    totals = {int(r) for r in body.index[filled & label] if is_total_row(list(body.loc[r]))}
    data_rows = [int(r) for r in body.index[filled] if int(r) not in totals]
    total_rows = sorted(totals)
    problem = None
    if len(data_rows) > config.MAX_ROWS or len(raw.cells) > config.MAX_ROWS + HEADER_SCAN_ROWS:
        problem = Problem(
            file, f"Bladet '{raw.name}' har fler än {config.MAX_ROWS} rader, gränsen för en indatafil. Dela upp filen.",
            sheet=raw.name,
        )
    return data_rows, total_rows, problem


def pick_sheet(raws: list[RawSheet], sheet: Sheet, only_one_expected: bool) -> RawSheet | None:
    """Return the raw sheet that holds `sheet`: by name or synonym (case- and space-tolerant);
    if none is named so and `only_one_expected`, the only visible non-helper sheet.
    """
    keys = {header_key(sheet.name), *(header_key(s) for s in sheet.synonyms)}
    for raw in raws:
        if header_key(raw.name) in keys and not raw.hidden:
            return raw
    candidates = [r for r in raws if not r.hidden and not is_helper_sheet(r.name)]
    if only_one_expected and len(candidates) == 1:
        return candidates[0]
    return None
