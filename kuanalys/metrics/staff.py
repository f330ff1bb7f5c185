"""Staff measures (personalmått) per year, e.g. the share satisfied with the work environment.

A measure is read by its key (``staff.work_environment``); a tertial reports the latest completed
year (`periods.reported_year`). Values are fractions of 1.
"""

from __future__ import annotations

import pandas as pd


def staff_value(staff: pd.DataFrame, key: str, year: int) -> float | None:
    """Return a staff measure's value for a year (None when it is not given)."""
    if staff is None or staff.empty:
        return None
    rows = staff[(staff["metric"].astype(str) == key) & (staff["year"].astype("Int64") == year)]
    return None if rows.empty else float(rows["value"].iloc[0])
