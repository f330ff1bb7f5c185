"""Reading with python-calamine must give the cells pandas' calamine engine gives; parsing a
column reports its problems in row order, capped per column.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
from conftest import write_xlsx
from openpyxl.chart import BarChart, Reference

from kuanalys.excel import RawSheet, excel_cell, match_sheet, read_workbook
from kuanalys.loaders.common import parse_column
from kuanalys.parsing import ParseError, parse_bool, parse_integer
from kuanalys.spec import GRANTS


def _odd_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blandat"
    row = [
        "Rubrik",
        1.0,
        2.5,
        dt.datetime(2019, 5, 14),
        dt.datetime(2019, 5, 14, 13, 30),
        dt.date(2019, 5, 15),
        dt.time(13, 30),
        dt.timedelta(hours=30),
        True,
        False,
        10**15,
        1e20,
        -0.0,
        "  ",
        "\u00a0x\u00a0",
        "NA",
        "",
    ]
    for col, value in enumerate(row, start=3):
        ws.cell(row=3, column=col, value=value)  # two empty rows and two empty columns first
    ws["C5"], ws["D5"], ws["E5"] = 123456789012, 0.1 + 0.2, -3
    ws["C8"] = "Summa"
    wb.create_sheet("Tomt")
    data = wb.create_sheet("Data")
    for i in range(1, 6):
        data.append([i, i * 2.0, "x" if i % 2 else None])
    chart = wb.create_chartsheet("Diagram")  # no cells: not read, as pandas does not list it
    bars = BarChart()
    bars.add_data(Reference(data, min_col=1, min_row=1, max_row=5))
    chart.add_chart(bars)
    hidden = wb.create_sheet("Dolt")
    hidden["B2"] = 5
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_cells_are_as_pandas_calamine_reader_gives_them(tmp_path):
    path = _odd_workbook(tmp_path / "a.xlsx")
    raws = read_workbook(path)
    expected = pd.read_excel(
        path, sheet_name=None, header=None, dtype=object, keep_default_na=False, na_values=[], engine="calamine"
    )
    assert [r.name for r in raws] == list(expected) == ["Blandat", "Tomt", "Data", "Dolt"]
    assert [r.hidden for r in raws] == [False, False, False, True]
    for raw in raws:
        want = expected[raw.name]
        assert raw.cells.shape == want.shape
        assert list(raw.cells.index) == list(range(1, len(want) + 1))  # Excel row numbers
        assert list(raw.cells.columns) == list(range(want.shape[1]))
        assert all(c is object or c == object for c in raw.cells.dtypes)  # noqa: E721
        for got, exp in zip(raw.cells.to_numpy().ravel().tolist(), want.to_numpy().ravel().tolist()):
            assert type(got) is type(exp) and got == exp, (raw.name, got, exp)
    assert raws[0].cells.at[3, 3] == 1 and type(raws[0].cells.at[3, 3]) is int


def test_excel_cell_converts_as_pandas():
    assert type(excel_cell(1.0)) is int and excel_cell(-0.0) == 0 and excel_cell(1e20) == 10**20
    assert excel_cell(2.5) == 2.5
    assert (
        excel_cell(dt.date(2019, 5, 15)) == dt.datetime(2019, 5, 15)
        and type(excel_cell(dt.date(2019, 5, 15))) is dt.datetime
    )
    for same in (dt.datetime(2019, 5, 14, 13, 30), dt.time(13, 30), dt.timedelta(hours=1), True, "x", 3):
        assert excel_cell(same) is same


def test_blank_cells():
    raw = RawSheet("s", pd.DataFrame([["", "  ", None, float("nan"), "x", 0, False]], dtype=object))
    assert raw.blank.tolist() == [[True] * 4 + [False] * 3]


def _parse(values, parser, **kwargs):
    problems = []
    where = lambda row: {"file": "f.xlsx", "sheet": "Blad", "row": row, "column": "Kolumn"}  # noqa: E731
    rows = list(range(2, len(values) + 2))
    parsed, failed = parse_column(
        np.array(values, dtype=object), rows, parser, where=where, problems=problems, **kwargs
    )
    return parsed.tolist(), failed, problems


def test_parse_column_reports_in_row_order():
    values = ["3", 1, "x", "3", True, 1, "", "x", " "]
    parsed, failed, problems = _parse(values, parse_integer, parse_blank=False, blank_is_error=True)
    assert parsed == [3, 1, None, 3, None, 1, None, None, None]
    assert failed == {4, 6, 8, 9, 10}
    not_a_number = "Väntade ett tal, t.ex. 1 563 970 eller 0,7."
    assert [(p.row, p.message, p.value) for p in problems] == [
        (4, not_a_number, "x"),
        (6, "Väntade ett tal, fick ett sanningsvärde.", True),
        (8, "Värde saknas.", None),
        (9, not_a_number, "x"),
        (10, "Värde saknas.", None),
    ]


def test_parse_column_blank_cells_and_problems_are_capped():
    parsed, failed, problems = _parse(["", "x", "  ", None], parse_bool, parse_blank=True, blank_is_error=False)
    assert parsed == [False, True, False, False] and not failed and not problems

    def strict(value):
        raise ParseError("Nej.")

    parsed, failed, problems = _parse(list(range(25)), strict, parse_blank=False, blank_is_error=True)
    assert parsed == [None] * 25 and len(failed) == 25
    assert [p.row for p in problems] == [*range(2, 22), None]
    assert problems[-1].message == "… och 5 rader till med fel i samma kolumn."


def test_total_rows_are_rows_whose_first_text_is_a_total_label(tmp_path):
    header = ["Projekt", "Finansiär", "Sökt belopp", "Inskickad", "Beslut"]
    rows = [
        header,
        ["P", "F", 1, "2019-01-01", "väntar"],
        [None, "Summa", 1],
        [5, "Totalt:", 1],
        ["Not", "Summa", 1],
        [None, None, None],
        ["x", None, 2],
        ["S:a", None, 1],
    ]
    write_xlsx(tmp_path / "a.xlsx", {"Ansökningar": rows})
    m = match_sheet("a.xlsx", read_workbook(tmp_path / "a.xlsx")[0], GRANTS.sheets[0])
    assert m.data_rows == [2, 5, 7] and m.total_rows == [3, 4, 8]
