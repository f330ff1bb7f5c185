"""tabeller.xlsx: one sheet per table, real numbers with formats, text never a formula."""

from __future__ import annotations

import openpyxl
import pandas as pd

from kuanalys.report.model import Chapter, Cover, Report, Table
from kuanalys.report.render.xlsx import INDEX_SHEET, sheet_title, write_workbook


def _report(*tables: Table) -> Report:
    return Report(
        Cover("Tertialrapport", "Tertial 2 2019", "Kommunal utveckling"), [Chapter.of("x", "x", list(tables))]
    )


def _recorded(name: str, title: str, frame: pd.DataFrame, formats: dict, **kw) -> Table:
    return Table(name, title, frame, formats, cell_formats=kw.get("cell_formats", {}))


def test_workbook_numbers_formats_and_injection(tmp_path):
    frame = pd.DataFrame(
        {
            "Projekt": ['=HYPERLINK("http://x")', "+46", "-1", "@SUM(A1)", "\tflik", "Vanligt"],
            "Sökt belopp": pd.array([1563970, 0, None, 5, 6, 7], dtype="Int64"),
            "Andel": [0.79, 0.5, None, 0.1, 0.2, 0.3],
        }
    )
    path = write_workbook(
        tmp_path / "tabeller.xlsx",
        _report(
            _recorded(
                "a",
                "Ansökningar, januari–augusti 2019",
                frame,
                {"Projekt": "text", "Sökt belopp": "kr", "Andel": "procent"},
            ),
        ),
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == INDEX_SHEET
    # The sheet is named by the table's number in the report; its first row has the full title.
    assert wb.sheetnames[1] == "Tabell 1"
    ws = wb["Tabell 1"]
    assert ws["A1"].value == "Tabell 1 Ansökningar, januari–augusti 2019"
    assert [c.value for c in ws[2]] == ["Projekt", "Sökt belopp", "Andel"]
    assert ws.freeze_panes == "A3"
    for row in ws.iter_rows(min_row=3):
        assert row[0].data_type == "s"  # text, never a formula
    assert ws["A3"].value.startswith("=")
    assert ws["B3"].value == 1563970 and isinstance(ws["B3"].value, int)
    assert "kr" in ws["B3"].number_format
    assert ws["C3"].value == 0.79 and "%" in ws["C3"].number_format
    assert ws["B5"].value is None
    assert ws.column_dimensions["A"].width >= 10
    # The raw XML has no formula element at all.
    import zipfile

    with zipfile.ZipFile(path) as z:
        assert all("<f>" not in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_per_cell_formats_and_index_links(tmp_path):
    frame = pd.DataFrame({"Nyckeltal": ["Närvaro", "Belopp"], "Värde": pd.Series([0.79, 250000], dtype="object")})
    path = write_workbook(
        tmp_path / "t.xlsx",
        _report(
            _recorded(
                "k",
                "Nyckeltal",
                frame,
                {"Nyckeltal": "text", "Värde": "text"},
                cell_formats={"Värde": ["procent", "kr"]},
            ),
        ),
    )
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    assert "%" in ws["B3"].number_format and "kr" in ws["B4"].number_format
    assert wb[INDEX_SHEET]["A2"].hyperlink.location.startswith("'")


def test_sheet_titles_valid_and_unique():
    used: set[str] = {INDEX_SHEET}
    names = [sheet_title("3 Närvaro per nätverk jämfört med tidigare perioder: [test]/?", used) for _ in range(3)]
    assert len(set(names)) == 3
    assert all(len(n) <= 31 and not set("[]:*?/\\") & set(n) for n in names)


def test_sheets_named_by_the_reports_numbers(tmp_path):
    """Tables and charts' data are named as Word, the HTML and the PDF number them; a goal's summary
    (not numbered) by its chapter's number and title, so that no two sheets look alike."""
    from kuanalys.report.model import Chart, GoalSummary

    frame = pd.DataFrame({"Nätverk": ["PKS"], "Närvaro": [0.9]})
    formats = {"Nätverk": "text", "Närvaro": "procent"}
    data = _recorded("d", "Närvaro", frame, formats)
    chart = Chart("c", {"data": [], "layout": {"title": {"text": "Närvaro"}}}, data)
    goal = GoalSummary("g", "ej bedömt", "Regeln.", {"uppfyllt": 0, "ej bedömt": 2})
    items = [_recorded("a", "Första", frame, formats), chart, goal, _recorded("b", "Andra", frame, formats)]
    report = Report(Cover("T", "P", "O"), [Chapter.of("x", "x", list(items))])
    report.chapters[0].title = "3 Vi stärker kompetensen"
    wb = openpyxl.load_workbook(write_workbook(tmp_path / "t.xlsx", report))
    assert wb.sheetnames[1:] == ["Tabell 1", "Diagram 1", "3 Målet som helhet ej bedömt", "Tabell 2"]
    assert wb["Tabell 2"]["A1"].value == "Tabell 2 Andra"
    assert wb["Diagram 1"]["A1"].value == "Diagram 1 Närvaro"
