"""Staffing: årsarbetare per tertial by employment form, activity and financing; staff measures."""

from __future__ import annotations

import pandas as pd

from kuanalys.periods import Tertial
from kuanalys.spec import STAFF_DIMENSIONS


def staff_at(staff: pd.DataFrame, tertial: Tertial, dimension: str) -> dict[str, float] | None:
    """Return {category: årsarbetare} of one split at the tertial's end, or None when not given."""
    rows = staff[
        (staff["year"].astype("Int64") == tertial.year)
        & (staff["tertial"].astype("Int64") == tertial.number)
        & (staff["dimension"].astype(str) == dimension)
    ]
    if rows.empty:
        return None
    values = dict(zip(rows["category"].astype(str), rows["fte"].astype(float)))
    return {c: values.get(c, 0.0) for c in STAFF_DIMENSIONS[dimension]}


def total_fte(staff: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return all årsarbetare at the tertial's end (the sum of any split given), or None."""
    for dimension in STAFF_DIMENSIONS:
        split = staff_at(staff, tertial, dimension)
        if split is not None:
            return round(sum(split.values()), 2)
    return None


def staff_measure(measures: pd.DataFrame, key: str, year: int) -> float | None:
    """Return a yearly staff measure (e.g. staff.work_environment) for the year, or None."""
    rows = measures[(measures["metric"].astype(str) == key) & (measures["year"].astype("Int64") == year)]
    return None if rows.empty else float(rows["value"].iloc[0])
