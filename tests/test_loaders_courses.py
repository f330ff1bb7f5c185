import pytest
from conftest import COURSE_ROWS, PARTICIPANT_ROWS, D, write_xlsx

from kuanalys import load_courses
from kuanalys.errors import InputError


def load(tmp_path, courses=COURSE_ROWS, participants=PARTICIPANT_ROWS):
    sheets = {"Kurser": courses}
    if participants is not None:
        sheets["Deltagare"] = participants
    return load_courses(write_xlsx(tmp_path / "kurser.xlsx", sheets))


def errors(tmp_path, **kw):
    with pytest.raises(InputError) as exc:
        load(tmp_path, **kw)
    return exc.value.problems.errors


def test_valid_courses(tmp_path):
    tables = load(tmp_path)
    c = tables.courses.set_index("course_id")
    assert c.loc["K1", "participants_total"] == 16  # sum of Deltagare rows
    assert c.loc["U1", "participants_total"] == 159  # uppdrag with only a total
    assert c.loc["K2", "cancelled"] and not c.loc["K1", "digital"]
    assert c.loc["K1", "fee_per_participant"] == 3550
    p = tables.participants
    assert p["org_code"].tolist() == ["0643", "0680", "EXT"]
    assert p["participants"].dtype.name == "Int64"


def test_stated_total_differs_from_participant_rows(tmp_path):
    courses = [COURSE_ROWS[0], [*COURSE_ROWS[1][:-1], 20], *COURSE_ROWS[2:]]
    (err,) = errors(tmp_path, courses=courses)
    assert err.row == 2 and err.column == "Antal deltagare" and "(20)" in err.message and "(16)" in err.message


def test_course_with_neither_participants_nor_total(tmp_path):
    courses = [*COURSE_ROWS, ["K3", "Ny kurs", D(2019, 5, 1), "CHANGE", "kurs", "", "", None, None, None]]
    (err,) = errors(tmp_path, courses=courses)
    assert err.row == 5 and "varken" in err.message


def test_participants_of_unknown_course(tmp_path):
    (err,) = errors(tmp_path, participants=[*PARTICIPANT_ROWS, ["K9", "Habo", 2]])
    assert err.sheet == "Deltagare" and err.row == 5 and "K9" in err.message


def test_duplicate_course_id_and_participant_row(tmp_path):
    errs = errors(tmp_path, courses=[*COURSE_ROWS, COURSE_ROWS[2]], participants=[*PARTICIPANT_ROWS, ["K1", "Habo", 1]])
    assert {(e.sheet, e.row) for e in errs} >= {("Kurser", 5), ("Deltagare", 5)}


def test_missing_kurser_sheet(tmp_path):
    with pytest.raises(InputError) as exc:
        load_courses(write_xlsx(tmp_path / "kurser.xlsx", {"Deltagare": PARTICIPANT_ROWS}))
    assert "Bladet 'Kurser' saknas" in exc.value.problems.errors[0].message


def test_deltagare_sheet_is_optional(tmp_path):
    courses = [COURSE_ROWS[0], [*COURSE_ROWS[1][:-1], 16], *COURSE_ROWS[2:]]
    tables = load(tmp_path, courses=courses, participants=None)
    assert tables.participants.empty and list(tables.participants.columns) == [
        "course_id",
        "org_code",
        "organisation",
        "participants",
    ]
