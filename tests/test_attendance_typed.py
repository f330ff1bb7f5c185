"""The attendance fast path (loaders/attendance_typed.py) must give exactly what the general
path gives, and hand over to it whenever a value does not fit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ATTENDANCE_LONG_ROWS, ATTENDANCE_MATRIX_ROWS, D, write_xlsx

from kuanalys import load_attendance
from kuanalys.errors import InputError
from kuanalys.loaders import attendance, attendance_typed

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _both_paths(parsed: pd.DataFrame, monkeypatch) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list, list]:
    fast_problems, general_problems = [], []
    assert attendance_typed.typed_attendance(parsed) is not None
    fast = attendance.finish_attendance(parsed.copy(), fast_problems)
    with monkeypatch.context() as m:
        m.setattr(attendance, "typed_attendance", lambda parsed: None)
        general = attendance.finish_attendance(parsed.copy(), general_problems)
    return fast, general, fast_problems, general_problems


@pytest.mark.parametrize("name", ["narvaro_2018.xlsx", "narvaro_2019.xlsx", "narvaro_matris_2019.xlsx"])
def test_fast_and_general_paths_give_identical_frames(name, monkeypatch):
    parsed, problems = attendance.collect_attendance(RAW / name)
    assert not [p for p in problems if p.severity == "fel"]
    fast, general, fast_problems, general_problems = _both_paths(parsed, monkeypatch)
    pd.testing.assert_frame_equal(fast, general, check_exact=True)
    assert fast_problems == general_problems == []


def test_layouts_and_repeats_give_the_general_paths_problems(tmp_path, monkeypatch):
    long = write_xlsx(tmp_path / "narvaro.xlsx", {"Närvaro": ATTENDANCE_LONG_ROWS + ATTENDANCE_LONG_ROWS[1:3]})
    parsed, _ = attendance.collect_attendance(long)
    fast, general, fast_problems, general_problems = _both_paths(parsed, monkeypatch)
    assert fast is None and general is None
    assert [str(p) for p in fast_problems] == [str(p) for p in general_problems]
    assert len(fast_problems) == 2 and "Dubblettrad" in fast_problems[0].message
    matrix = load_attendance(write_xlsx(tmp_path / "narvaro_matris.xlsx", {"Reko": ATTENDANCE_MATRIX_ROWS}))
    assert len(matrix) == 6


def test_a_seat_the_schema_refuses_goes_through_pandera(tmp_path):
    rows = [["Datum", "Habo", "Habo 0"], [D(2019, 3, 5), "x", "x"]]  # "Habo 0" reads as seat 0
    with pytest.raises(InputError) as exc:
        load_attendance(write_xlsx(tmp_path / "narvaro.xlsx", {"PKS": rows}))
    (error,) = exc.value.problems.errors
    assert (error.sheet, error.row, error.column) == ("PKS", 2, "Plats")
    assert error.message == "Värdet är för litet (negativt)."
