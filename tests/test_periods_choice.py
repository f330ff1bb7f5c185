"""Choosing the report's period: any tertial from the first record on, never chosen by an outlier."""

from datetime import datetime as D

import pandas as pd
import pytest
from conftest import ATTENDANCE_LONG_ROWS, write_xlsx

from kuanalys.errors import KuanalysError
from kuanalys.loaders import load_all, read_all
from kuanalys.periods import Tertial, choose_period, far_dates


def _dates(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(texts)))


def test_one_date_years_ahead_is_far_and_a_pause_is_not():
    bulk = [f"2019-{m:02d}-10" for m in range(1, 12)] * 3
    assert far_dates(_dates(*bulk, "2026-03-01")).tolist() == [False] * 33 + [True]
    assert far_dates(_dates("2003-05-01", *bulk)).tolist() == [True] + [False] * 33
    paused = [*bulk, *(d.replace("2019", "2022") for d in bulk)]  # two busy periods, a long pause
    assert not far_dates(_dates(*paused)).any()
    assert not far_dates(_dates("2019-01-01", "2025-01-01")).any()  # too few to tell


def test_the_default_period_stays_with_the_bulk_and_the_cell_is_named(valid_dir):
    rows = [*ATTENDANCE_LONG_ROWS, [D(2026, 3, 1), "Reko", "Habo", "x", "fysiskt"]]
    write_xlsx(valid_dir / "narvaro_lang.xlsx", {"Närvaro": rows})
    ds, problems = read_all(valid_dir)
    (warning,) = [p for p in problems if "långt från övriga datum" in p.message]
    assert warning.severity == "varning" and warning.row == len(rows) and warning.column == "Datum"
    assert "Datumet 2026-03-01 ligger långt från övriga datum i kolumnen (2019-02-01–2019-05-14)" in warning.message
    assert choose_period(ds) == Tertial(2019, 2)


def test_a_period_before_any_record_is_refused_and_one_after_is_allowed(valid_dir):
    ds = load_all(valid_dir)
    with pytest.raises(KuanalysError, match=r"Tertial 3 2017 ligger före den första posten i indata \(2019-02-01\)"):
        choose_period(ds, 2017, 3)
    assert choose_period(ds, 2031, 1) == Tertial(2031, 1)
    with pytest.raises(KuanalysError, match="Det finns inga poster för år 2031 i indata"):
        choose_period(ds, 2031, None)


def test_the_report_command_refuses_an_early_period_before_any_notebook(valid_dir, tmp_path, capsys):
    from kuanalys.cli import main

    assert (
        main(["report", "--data", str(valid_dir), "--out", str(tmp_path / "ut"), "--year", "2001", "--tertial", "1"])
        == 1
    )
    err = capsys.readouterr().err
    assert "Tertial 1 2001 ligger före den första posten" in err and "Traceback" not in err
    assert not any((tmp_path / "ut").glob("2001-T1*"))
