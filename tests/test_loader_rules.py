"""Rules for the loaders' shapes of mistake that are right figures, not refusals."""

import copy

from conftest import GRANT_ROWS, write_xlsx

from kuanalys.loaders import load_all


def test_a_unit_declared_in_the_header_is_applied(valid_dir):
    rows = copy.deepcopy(GRANT_ROWS)
    rows[0][3] = "Sökt belopp (tkr)"
    rows[1][3], rows[2][3], rows[3][3] = "7 157,872", 455.165, 1000
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": rows})
    ds = load_all(valid_dir)
    assert sorted(ds.grants["amount_applied"].tolist()) == [455_165, 1_000_000, 7_157_872]


def test_an_error_value_in_a_matrix_cell_is_named(valid_dir):
    from conftest import ATTENDANCE_MATRIX_ROWS

    from kuanalys.loaders import read_all

    rows = copy.deepcopy(ATTENDANCE_MATRIX_ROWS)
    rows[1][2] = "#N/A"
    (valid_dir / "narvaro_lang.xlsx").unlink()  # the same meetings in long form
    write_xlsx(valid_dir / "narvaro_matris.xlsx", {"Reko": rows})
    _, problems = read_all(valid_dir)
    (error,) = [p for p in problems.errors if p.column == "Jönköping"]
    assert (error.row, error.column) == (2, "Jönköping")
    assert "Excels felvärde #N/A" in error.message
