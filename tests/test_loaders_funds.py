import pytest
from conftest import AVAILABLE_ROWS, BUDGET_ROWS, RESULT_ROWS, D, write_xlsx

from kuanalys import load_funds
from kuanalys.errors import InputError


def test_valid_funds(tmp_path):
    t = load_funds(
        write_xlsx(
            tmp_path / "medel.xlsx",
            {"Disponibla medel": AVAILABLE_ROWS, "Budget": BUDGET_ROWS, "Resultat": RESULT_ROWS},
        )
    )
    a = t.available.set_index("area")
    assert a.loc["Ledning och stab", "closing_funds"] == -124825
    assert a.loc["Ledning och stab", "added_region"] == 0  # blank financier → 0
    assert a.loc["Kurs och konferens", "opening_funds"] == 1563970
    assert len(t.available) == 2  # the Summa row is not data
    assert t.budget["budget"].tolist() == [4000000]
    assert t.income_statement["outcome"].tolist() == [20000000, -18700000]
    assert t.available.attrs["warnings"] == []


def test_optional_sheets_and_missing_financier_columns(tmp_path):
    rows = [
        ["Rapportdatum", "Område", "Ingående medel", "Tillförda medel kommunerna", "Disponerade medel"],
        [D(2019, 8, 31), "FoUrum utbildning", 4198097, 4198097, 1129117],
    ]
    t = load_funds(write_xlsx(tmp_path / "medel.xlsx", {"Disponibla medel": rows}))
    assert t.available.loc[0, "added_eu"] == 0 and t.available.loc[0, "earmarked_state_funds"] == 0
    assert t.available.loc[0, "closing_funds"] == 3068980
    assert t.budget.empty and t.budget["budget"].dtype.name == "Int64"
    assert t.income_statement.empty and str(t.income_statement["reporting_date"].dtype) == "datetime64[ns]"


def test_stated_closing_and_opening_mismatch_are_warnings(tmp_path):
    rows = [
        AVAILABLE_ROWS[0],
        [D(2019, 8, 31), "Miljösamverkan", 1079139, 912472, 66664, None, None, 100000, 632713, 446000, None],
    ]
    t = load_funds(write_xlsx(tmp_path / "medel.xlsx", {"Disponibla medel": rows}))
    w = t.available.attrs["warnings"]
    assert any("Utgående medel (446 000)" in x and "rad 2" in x for x in w)
    assert any("Ingående medel (1 079 139)" in x and "skillnad 3" in x for x in w)
    assert t.available.loc[0, "closing_funds"] == 446426


def test_summa_row_mismatch_names_row_and_column(tmp_path):
    rows = [
        *AVAILABLE_ROWS[:3],
        ["Summa", None, 5606789, 3390738, 360080, 14288, None, 1841683, 5959905, -353116, None],
    ]
    rows[3][3] = 3390000
    with pytest.raises(InputError) as exc:
        load_funds(write_xlsx(tmp_path / "medel.xlsx", {"Disponibla medel": rows}))
    (err,) = exc.value.problems.errors
    assert (err.row, err.column) == (4, "Tillförda medel kommunerna")
    assert "3 390 000" in err.message and "3 390 738" in err.message


def test_negative_financier_amount(tmp_path):
    rows = [AVAILABLE_ROWS[0], [D(2019, 8, 31), "X", 10, -10, None, None, None, None, 0, None, None]]
    with pytest.raises(InputError) as exc:
        load_funds(write_xlsx(tmp_path / "medel.xlsx", {"Disponibla medel": rows}))
    assert "negativt" in exc.value.problems.errors[0].message
