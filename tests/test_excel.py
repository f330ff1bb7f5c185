import openpyxl
from conftest import write_xlsx

from kuanalys import config
from kuanalys.excel import column_letter, find_header_row, match_sheet, read_workbook
from kuanalys.spec import GRANTS

SHEET = GRANTS.sheets[0]


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_calamine_keeps_true_excel_row_numbers(tmp_path):
    # Data starting at C3 (two empty rows, two empty columns above/left of it) and an empty row 5.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad"
    ws["C3"], ws["D3"] = "Datum", "Belopp"
    ws["C4"], ws["D4"] = "2019-01-01", 1
    ws["C6"], ws["D6"] = "2019-01-02", 2
    wb.save(tmp_path / "a.xlsx")
    (raw,) = read_workbook(tmp_path / "a.xlsx")
    assert raw.cells.at[3, 2] == "Datum"
    assert raw.cells.at[6, 3] == 2
    assert raw.name == "Blad" and not raw.hidden


def test_text_na_is_not_turned_into_missing(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", {"A": [["Projekt", "Finansiär"], ["NA", "N/A"]]})
    (raw,) = read_workbook(tmp_path / "a.xlsx")
    assert raw.cells.at[2, 0] == "NA" and raw.cells.at[2, 1] == "N/A"


def test_hidden_sheets_are_flagged(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", {"A": [["x"]], "B": [["y"]]}, hidden=("B",))
    raws = read_workbook(tmp_path / "a.xlsx")
    assert [r.hidden for r in raws] == [False, True]


def _raw(tmp_path, rows):
    write_xlsx(tmp_path / "a.xlsx", {"Ansökningar": rows})
    return read_workbook(tmp_path / "a.xlsx")[0]


HEADER = ["Projekt", "Finansiär", "Sökt belopp", "Inskickad", "Beslut"]


def test_header_row_below_title_rows(tmp_path):
    raw = _raw(tmp_path, [["Ansökningar om externa medel 2019"], [], HEADER, ["P", "F", 1, "2019-01-01", "väntar"]])
    assert find_header_row(raw.cells, SHEET) == 3
    m = match_sheet("a.xlsx", raw, SHEET)
    assert m.header_row == 3 and m.data_rows == [4]
    assert not m.problems


def test_headers_match_with_case_spacing_units_and_synonyms(tmp_path):
    raw = _raw(tmp_path, [["  PROJEKT ", "Bidragsgivare", "Sökt  belopp (kr)", "Ansökningsdatum", "status"]])
    m = match_sheet("a.xlsx", raw, SHEET)
    assert set(m.positions) == {"project", "funder", "amount_applied", "submitted_date", "decision"}
    assert not [p for p in m.problems if p.severity == "fel"]


def test_misspelt_header_suggests_the_written_one(tmp_path):
    raw = _raw(tmp_path, [["Projekt", "Finansiär", "Sökt belop", "Inskickad", "Beslut"]])
    m = match_sheet("a.xlsx", raw, SHEET)
    errors = [p for p in m.problems if p.severity == "fel"]
    assert len(errors) == 1
    assert errors[0].message == "Kolumnen 'Sökt belopp' saknas. Menade du 'Sökt belop'?"
    assert errors[0].row == 1 and errors[0].sheet == "Ansökningar"


def test_extra_column_warns_and_personal_column_is_dropped(tmp_path):
    raw = _raw(
        tmp_path,
        [[*HEADER, "Handläggare", "E-post", "Namn"], ["P", "F", 1, "2019-01-01", "väntar", "x", "a@b.se", "Anna"]],
    )
    m = match_sheet("a.xlsx", raw, SHEET)
    assert all(p.severity == "varning" for p in m.problems)
    messages = {p.column: p.message for p in m.problems}
    assert "Okänd kolumn 'Handläggare'" in messages["Handläggare"]
    assert "personuppgifter" in messages["E-post"] and "personuppgifter" in messages["Namn"]
    assert 5 not in m.positions.values() and 6 not in m.positions.values()
    assert all("a@b.se" not in str(p) and "Anna" not in str(p) for p in m.problems)


def test_column_given_twice_is_an_error(tmp_path):
    raw = _raw(tmp_path, [[*HEADER, "Belopp"]])
    m = match_sheet("a.xlsx", raw, SHEET)
    assert any("finns två gånger" in p.message for p in m.problems)


def test_empty_sheet_and_title_only(tmp_path):
    assert match_sheet("a.xlsx", _raw(tmp_path, []), SHEET).problems[0].message == "Bladet är tomt."
    m = match_sheet("a.xlsx", _raw(tmp_path, [["Ansökningar 2019"]]), SHEET)
    assert "bara en rubrik" in m.problems[0].message


def test_total_rows_and_empty_rows_are_split_off(tmp_path):
    raw = _raw(tmp_path, [HEADER, ["P", "F", 1, "2019-01-01", "väntar"], [], ["Summa", None, 1], ["Totalt:", None, 1]])
    m = match_sheet("a.xlsx", raw, SHEET)
    assert m.data_rows == [2] and m.total_rows == [4, 5]


def test_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "MAX_ROWS", 3)
    raw = _raw(tmp_path, [HEADER] + [["P", "F", 1, "2019-01-01", "väntar"]] * 5)
    m = match_sheet("a.xlsx", raw, SHEET)
    assert any("fler än 3 rader" in p.message and p.sheet == "Ansökningar" for p in m.problems)
