import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuanalys import formatting as f
from kuanalys.formatting import MINUS, NA_TEXT, NBSP


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_kr_uses_no_break_spaces():
    assert f.format_kr(1563970) == f"1{NBSP}563{NBSP}970{NBSP}kr"
    assert " " not in f.format_kr(1563970)


def test_kr_rounds_to_whole_kronor_half_up():
    assert plain(f.format_kr(1563969.5)) == "1 563 970 kr"
    assert plain(f.format_kr(2.5)) == "3 kr"
    assert plain(f.format_kr(0)) == "0 kr"


def test_negatives_use_unicode_minus():
    assert plain(f.format_kr(-228291)) == f"{MINUS}228 291 kr"
    assert plain(f.format_kr(-228291, minus="-")) == "-228 291 kr"
    assert plain(f.format_decimal(-0.4)) == "0"  # never "−0"
    assert plain(f.format_percent(-0.16)) == f"{MINUS}16 %"


def test_tkr():
    assert plain(f.format_tkr(1563970)) == "1 564 tkr"
    assert plain(f.format_tkr(-18_700_000, unit=False)) == f"{MINUS}18 700"
    assert plain(f.format_tkr(9_220_000, unit=False)) == "9 220"


def test_percent():
    assert f.format_percent(0.79) == f"79{NBSP}%"
    assert plain(f.format_percent(0.785)) == "79 %"  # half up, not half even
    assert plain(f.format_percent(0.0085, decimals=1)) == "0,9 %"
    assert plain(f.format_percent(1)) == "100 %"
    assert plain(f.format_percent(4 / 469, decimals=1)) == "0,9 %"


def test_decimal_and_count():
    assert f.format_decimal(51.2, 2) == "51,20"
    assert f.format_decimal(2.675, 2) == "2,68"
    assert plain(f.format_decimal(1234567.891, 1)) == "1 234 567,9"
    assert plain(f.format_count(2726)) == "2 726"
    assert plain(f.format_count(9, "st")) == "9 st"
    assert plain(f.format_count(np.int64(3746))) == "3 746"
    assert plain(f.format_decimal(Decimal("51.20"), 2)) == "51,20"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, np.nan])
def test_missing_values(missing):
    assert f.format_kr(missing) == NA_TEXT
    assert f.format_percent(missing) == NA_TEXT
    assert f.format_decimal(missing, 2) == NA_TEXT
    assert f.format_count(missing, "st") == NA_TEXT
    assert f.format_tkr(missing) == NA_TEXT
    assert f.format_kr(missing, na="") == ""


def test_percentage_points():
    assert plain(f.format_percentage_points(0.09)) == "+9 procentenheter"
    assert plain(f.format_percentage_points(-0.02)) == f"{MINUS}2 procentenheter"
    assert plain(f.format_percentage_points(0.0)) == "0 procentenheter"


def test_format_value_by_unit():
    assert plain(f.format_value(0.67, "%")) == "67 %"
    assert plain(f.format_value(250000, "kr")) == "250 000 kr"
    assert plain(f.format_value(78, "st")) == "78"
    assert f.format_value(None, "%") == NA_TEXT


def test_excel_formats_are_invariant_syntax():
    assert f.EXCEL_KR == '#,##0 "kr"'
    assert f.EXCEL_PERCENT == "0 %"
    assert f.EXCEL_PERCENT_1 == "0.0 %"
    assert f.EXCEL_DECIMAL_2 == "#,##0.00"
    assert f.EXCEL_TKR.startswith("#,##0,")


def test_infinity_is_rejected():
    with pytest.raises(ValueError):
        f.format_decimal(math.inf)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouping_round_trips(n):
    text = f.format_count(n)
    assert " " not in text
    back = int(text.replace(NBSP, "").replace(MINUS, "-"))
    assert back == n


def test_numpy_scalars_format_like_python_numbers():
    assert f.format_kr(np.float64(1563970)) == f"1{NBSP}563{NBSP}970{NBSP}kr"
    assert f.format_percent(np.float64(0.79)) == f"79{NBSP}%"
    assert f.format_kr(np.int64(-228291)) == f.format_kr(-228291)
