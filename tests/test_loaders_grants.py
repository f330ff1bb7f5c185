import pytest
from conftest import GRANT_ROWS, D, write_xlsx

from kuanalys import load_grants
from kuanalys.errors import InputError

HEADER = GRANT_ROWS[0]


def load(tmp_path, rows):
    return load_grants(write_xlsx(tmp_path / "ansokningar.xlsx", {"Ansökningar": [HEADER, *rows]}))


def problems(tmp_path, rows, severity="fel"):
    try:
        df = load(tmp_path, rows)
    except InputError as exc:
        return [p for p in exc.problems if p.severity == severity]
    assert severity == "varning"
    return df.attrs["warnings"]


def test_valid_grants(tmp_path):
    df = load_grants(write_xlsx(tmp_path / "ansokningar.xlsx", {"Ansökningar": GRANT_ROWS}))
    assert df["amount_applied"].tolist() == [7157872, 455165, 1000000]
    assert df["amount_granted"].dtype.name == "Int64" and df["decision"].dtype.name == "category"
    assert df["decision"].tolist() == ["avslag", "delvis beviljad", "väntar"]
    assert str(df["decision_date"].iloc[1].date()) == "2019-06-14"
    assert df.attrs["warnings"] == []


def test_granted_above_applied(tmp_path):
    (err,) = problems(tmp_path, [["P", "F", None, 100, D(2019, 2, 1), "beviljad", 200, D(2019, 3, 1)]])
    assert (err.row, err.column) == (2, "Beviljat belopp")
    assert "större än sökt belopp" in err.message


def test_granted_decision_without_amount(tmp_path):
    (err,) = problems(tmp_path, [["P", "F", None, 100, D(2019, 2, 1), "Delvis beviljad", None, D(2019, 3, 1)]])
    assert "beviljat belopp saknas" in err.message and err.row == 2


def test_decision_without_date_is_a_warning(tmp_path):
    (w,) = problems(tmp_path, [["P", "F", None, 100, D(2019, 2, 1), "avslag", None, None]], severity="varning")
    assert "beslutsdatum saknas" in w and "rad 2" in w


def test_amount_on_waiting_application_is_a_warning(tmp_path):
    (w,) = problems(tmp_path, [["P", "F", None, 100, D(2019, 2, 1), "väntar", 50, None]], severity="varning")
    assert "väntar" in w and "beviljat belopp" in w


@pytest.mark.parametrize(
    "amount,needle",
    [("-100", "negativt"), ("−100", "negativt"), ("100,50", "hela kronor"), ("mycket", "Väntade ett tal")],
)
def test_bad_amounts(tmp_path, amount, needle):
    (err,) = problems(tmp_path, [["P", "F", None, amount, D(2019, 2, 1), "väntar", None, None]])
    assert needle in err.message and err.column == "Sökt belopp" and err.value == amount


def test_unknown_decision_suggests(tmp_path):
    (err,) = problems(tmp_path, [["P", "F", None, 100, D(2019, 2, 1), "bevilad", 100, D(2019, 3, 1)]])
    assert "Menade du 'beviljad'" in err.message


def test_missing_required_values_and_implausible_date(tmp_path):
    errs = problems(tmp_path, [[None, "F", None, 100, D(2035, 2, 1), "väntar", None, None]])
    assert {(e.column, e.message.split(":")[0]) for e in errs} >= {("Projekt", "Värde saknas.")}
    assert any(e.column == "Inskickad" and "Orimligt datum" in e.message for e in errs)


def test_summa_row_is_checked_and_not_counted(tmp_path):
    rows = [
        ["P1", "F", None, 100, D(2019, 2, 1), "väntar", None, None],
        ["P2", "F", None, 200, D(2019, 2, 1), "väntar", None, None],
    ]
    df = load(tmp_path, [*rows, ["Summa", None, None, 300]])
    assert len(df) == 2
    errs = problems(tmp_path, [*rows, ["Summa", None, None, "310 kr"]])
    assert len(errs) == 1 and errs[0].row == 4 and errs[0].column == "Sökt belopp"
    assert "310" in errs[0].message and "300" in errs[0].message


def test_all_problems_are_collected(tmp_path):
    rows = [
        ["P1", "F", None, "x", D(2019, 2, 1), "väntar", None, None],
        ["P2", "F", None, 100, "inte ett datum", "väntar", None, None],
        ["P3", "F", None, 100, D(2019, 2, 1), "kanske", None, None],
    ]
    errs = problems(tmp_path, rows)
    assert [(e.row, e.column) for e in errs] == [(2, "Sökt belopp"), (3, "Inskickad"), (4, "Beslut")]


def test_duplicate_application(tmp_path):
    row = ["P", "F", None, 100, D(2019, 2, 1), "väntar", None, None]
    (err,) = problems(tmp_path, [row, row])
    assert err.row == 3 and "Dubblettrad" in err.message and "rad 2" in err.message


def test_sheet_named_otherwise_is_used_when_alone(tmp_path):
    df = load_grants(write_xlsx(tmp_path / "ansokningar.xlsx", {"Blad1": GRANT_ROWS}))
    assert len(df) == 3
