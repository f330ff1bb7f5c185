"""Medarbetare: årsarbetare per tertial split three ways, and yearly staff measures (optional input).

Each split (anställningsform, verksamhet, finansiering) given for a tertial must add up to the
same number of årsarbetare; a category must belong to its split.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import StaffTables
from kuanalys.errors import Problem
from kuanalys.formatting import format_decimal
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_sheets,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import Staff, StaffMeasures
from kuanalys.spec import STAFF, STAFF_CATEGORIES, STAFF_DIMENSIONS, STAFF_MEASURES

STAFF_SHEET, MEASURE_SHEET = STAFF.sheets
STAFF_HEADERS = {c.key: c.header for c in STAFF_SHEET.columns}
MEASURE_HEADERS = {c.key: c.header for c in MEASURE_SHEET.columns}


def collect_staff(path: Path) -> tuple[tuple[pd.DataFrame, pd.DataFrame], list[Problem]]:
    """Return the parsed Årsarbetare and Medarbetarmått rows of one workbook and its problems."""
    (staff, measures), problems = collect_sheets(path, (STAFF_SHEET, MEASURE_SHEET))
    return (staff, measures), problems


def category_problems(staff: pd.DataFrame) -> list[Problem]:
    """Return an error for each row whose category does not belong to its split."""
    out = []
    for i, (dim, cat) in enumerate(zip(staff["dimension"], staff["category"])):
        if is_blank(dim) or is_blank(cat) or cat in STAFF_DIMENSIONS.get(dim, ()):
            continue
        allowed = ", ".join(STAFF_DIMENSIONS[dim])
        out.append(
            Problem(
                **where_of(staff, i, STAFF_HEADERS["category"]),
                value=cat,
                message=f"Kategorin '{cat}' hör inte till indelningen '{dim}' (välj {allowed}).",
            )
        )
    return out


def sum_problems(staff: pd.DataFrame) -> list[Problem]:
    """Return an error at the first row of each split whose total differs from the tertial's first split."""
    out = []
    rows = staff.dropna(subset=["year", "tertial", "dimension", "fte"]).reset_index(drop=True)
    for (year, tertial), group in rows.groupby(["year", "tertial"], sort=False):
        totals = group.groupby("dimension", sort=False)["fte"].sum()
        first_dim, first_total = totals.index[0], float(totals.iloc[0])
        for dim, total in totals.items():
            if abs(float(total) - first_total) > 0.005:
                i = int(group.index[group["dimension"] == dim][0])
                out.append(
                    Problem(
                        **where_of(rows, i, STAFF_HEADERS["fte"]),
                        message=(
                            f"Årsarbetarna per {dim} summerar till {format_decimal(total, 2)} för tertial {tertial} "
                            f"{year}, men per {first_dim} till {format_decimal(first_total, 2)}; alla indelningar "
                            "ska summera till samma antal."
                        ),
                    )
                )
    return out


def finish_staff(staff: pd.DataFrame, measures: pd.DataFrame, problems: list[Problem]) -> StaffTables | None:
    """Return the tidy StaffTables, or None on errors."""
    problems += duplicate_problems(
        staff,
        ["year", "tertial", "dimension", "category"],
        lambda r: f"Årsarbetare för {r['category']} tertial {r['tertial']} {r['year']}",
        compare=["fte"],
    )
    problems += duplicate_problems(
        measures, ["year", "metric"], lambda r: f"Måttet {r['metric']} år {r['year']}", compare=["value"]
    )
    problems += category_problems(staff)
    if not any(p.severity == "fel" for p in problems):
        problems += sum_problems(staff)
    if any(p.severity == "fel" for p in problems):
        return None
    valid_s = validate_model(staff[[*SOURCE_COLUMNS, *Staff.to_schema().columns]], Staff, STAFF_HEADERS, problems)
    valid_m = validate_model(
        measures[[*SOURCE_COLUMNS, *StaffMeasures.to_schema().columns]], StaffMeasures, MEASURE_HEADERS, problems
    )
    if valid_s is None or valid_m is None:
        return None
    out_s, out_m = finish_frame(valid_s), finish_frame(valid_m)
    # an empty categorical loses its categories in Parquet: empty frames keep the plain empty dtype
    if len(out_s):
        out_s["dimension"] = out_s["dimension"].astype(object).astype(pd.CategoricalDtype(list(STAFF_DIMENSIONS)))
        out_s["category"] = out_s["category"].astype(object).astype(pd.CategoricalDtype(list(STAFF_CATEGORIES)))
    if len(out_m):
        out_m["metric"] = out_m["metric"].astype(object).astype(pd.CategoricalDtype(list(STAFF_MEASURES)))
    return StaffTables(out_s, out_m)


def load_staff(path: str | Path) -> StaffTables:
    """Return the staff tables of one workbook (schemas `Staff`, `StaffMeasures`); raises InputError on errors."""
    (staff, measures), problems = collect_staff(Path(path))
    tables = finish_staff(staff, measures, problems)
    raise_or_warn(problems, *(tables or ()))
    return tables
