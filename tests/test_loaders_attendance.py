import pandas as pd
import pytest
from conftest import ATTENDANCE_LONG_ROWS, ATTENDANCE_MATRIX_ROWS, D, write_xlsx

from kuanalys import load_attendance
from kuanalys.errors import InputError


def errors_of(exc: pytest.ExceptionInfo) -> list:
    return exc.value.problems.errors


def test_long_and_matrix_layouts_give_identical_frames(tmp_path):
    long = load_attendance(write_xlsx(tmp_path / "narvaro_lang.xlsx", {"Närvaro": ATTENDANCE_LONG_ROWS}))
    matrix = load_attendance(write_xlsx(tmp_path / "narvaro_matris.xlsx", {"Reko": ATTENDANCE_MATRIX_ROWS}))
    pd.testing.assert_frame_equal(long, matrix)
    assert list(long.columns) == [
        "meeting_date",
        "network",
        "org_code",
        "organisation",
        "seat",
        "present",
        "meeting_format",
        "gender",
    ]
    assert long["present"].tolist() == [False, True, True, True, False, True]  # Habo, Jönköping, Region per date
    assert str(long["meeting_date"].dtype) == "datetime64[ns]"
    assert long["org_code"].dtype.name == "category" and long["seat"].dtype.name == "Int64"
    assert long["gender"].isna().all()


def test_matrix_seats_not_members_and_title_rows(tmp_path):
    rows = [
        ["Närvaro PKS 2019"],
        ["Datum", "Jönköping", "Region Jönköpings län", "Region Jönköpings län 2", "Habo", "Summa"],
        [D(2019, 3, 5), "x", "x", "Ja", "-", 3],
        ["2019-04-02", "", "x", 0, "-", 1],
        ["Summa", 1, 2, 1, None],
    ]
    df = load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"PKS": rows, "Instruktioner": [["Läs mig"]]}))
    assert len(df) == 6  # Habo is not a member: no rows
    region = df[df["org_code"] == "06"]
    assert region["seat"].tolist() == [1, 2, 1, 2]
    assert region["present"].tolist() == [True, True, True, False]
    assert df["meeting_format"].isna().all()
    assert (df["network"] == "PKS").all()


def test_matrix_summa_mismatch_is_an_error(tmp_path):
    rows = [["Datum", "Jönköping", "Habo", "Summa"], [D(2019, 3, 5), "x", "x", 1], ["Summa", 1, 0]]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"PKS": rows}))
    messages = [(p.row, p.column, p.message) for p in errors_of(exc)]
    assert (2, "Summa", "Summan anger 1 närvarande men raden har 2 markeringar.") in messages
    assert any(r == 3 and c == "Habo" and "Summaraden anger 0" in m for r, c, m in messages)


def test_unknown_organisation_lists_close_names(tmp_path):
    rows = [*ATTENDANCE_LONG_ROWS, [D(2019, 5, 14), "Reko", "Jönkping", "x", "digitalt"]]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": rows}))
    (err,) = errors_of(exc)
    assert (err.sheet, err.row, err.column, err.value) == ("Närvaro", 8, "Organisation", "Jönkping")
    assert "Okänd organisation" in err.message and "Jönköping" in err.message


def test_unknown_organisation_in_matrix_header(tmp_path):
    rows = [["Datum", "Jönköping", "Hab0"], [D(2019, 3, 5), "x", "x"]]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"PKS": rows}))
    (err,) = errors_of(exc)
    assert err.row == 1 and err.column == "Hab0" and "Habo" in err.message


def test_conflicting_and_exact_duplicates_name_both_rows(tmp_path):
    rows = [
        *ATTENDANCE_LONG_ROWS,
        [D(2019, 2, 1), "Reko", "Jönköpings kommun", "Nej", "fysiskt"],  # conflicts with row 2
        [D(2019, 2, 1), "Reko", "Habo", "", "fysiskt"],  # exact repeat of row 3
    ]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": rows}))
    errs = {e.row: e.message for e in errors_of(exc)}
    assert "rad 2" in errs[8] and "motstridiga" in errs[8]
    assert errs[9].startswith("Dubblettrad") and "rad 3" in errs[9]


def test_rows_with_unreadable_dates_are_not_called_duplicates(tmp_path):
    # Two meetings with the same impossible date: each row gets its date error, and no
    # duplicate message (nor a crash while describing the date).
    rows = [
        ATTENDANCE_LONG_ROWS[0],
        [D(1999, 2, 1), "Reko", "Habo", "Ja", "fysiskt"],
        [D(1999, 2, 1), "Reko", "Habo", "Nej", "fysiskt"],
    ]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": rows}))
    messages = [e.message for e in errors_of(exc)]
    assert len(messages) == 2 and all("Orimligt datum" in m for m in messages), messages


def test_matrix_bad_cell_and_implausible_date(tmp_path):
    rows = [["Datum", "Jönköping", "Habo"], [D(2019, 3, 5), "kanske", "x"], [D(1999, 3, 5), "x", "x"]]
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Reko": rows}))
    errs = {(e.row, e.column): e.message for e in errors_of(exc)}
    assert "närvaromatrisen" in errs[(2, "Jönköping")]
    assert "Orimligt datum" in errs[(3, "Datum")]


def test_long_layout_optional_columns_and_personal_data(tmp_path):
    rows = [
        ["Datum", "Nätverk", "Kommun", "Deltog", "Kön", "Namn", "E-post"],
        ["14 maj 2019", "Reko", "JÖNKÖPING ", "x", "Kvinna", "Anna Andersson", "anna@example.se"],
    ]
    df = load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": rows}))
    assert df["gender"].tolist() == ["kvinna"] and df["meeting_format"].isna().all() and df["seat"].tolist() == [1]
    text = df.to_csv() + repr(df.attrs)
    assert "Anna" not in text and "anna@example.se" not in text
    assert sum("personuppgifter" in w for w in df.attrs["warnings"]) == 2


def test_rows_are_sorted_by_date_network_organisation_seat(tmp_path):
    rows = [ATTENDANCE_LONG_ROWS[0], *reversed(ATTENDANCE_LONG_ROWS[1:])]
    df = load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": rows}))
    assert df["meeting_date"].is_monotonic_increasing
    assert df["organisation"].tolist()[:3] == ["Habo", "Jönköping", "Region Jönköpings län"]


def test_file_without_attendance_sheet(tmp_path):
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"Blad1": [["Hej", "då"], [1, 2]]}))
    assert any("inget närvaroblad" in e.message for e in errors_of(exc))


def test_not_an_excel_file(tmp_path):
    path = tmp_path / "narvaro.xlsx"
    path.write_text("Datum;Nätverk\n2019-01-01;Reko\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_attendance(path)
    assert "ingen Excel-arbetsbok" in errors_of(exc)[0].message
