"""Personalmått: staff measures per year (e.g. the share satisfied with the work environment),
each under a metric key that the indicators read (``staff.work_environment``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    empty_parsed,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import StaffMeasures
from kuanalys.spec import STAFF_MEASURES

SHEET = STAFF_MEASURES.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}
PREFIX = "staff."


def collect_staff(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one staff-measure workbook (with source columns) and its problems."""
    return collect_single_sheet(path, SHEET, allow_blank=("description",))


def finish_staff(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy staff measures (schema `StaffMeasures`), or None on errors. Keys start with
    ``staff.``; a measure has one value per year."""
    parsed = parsed.assign(metric=[m if is_blank(m) else str(m).strip() for m in parsed["metric"]])
    for i, m in enumerate(parsed["metric"]):
        if not is_blank(m) and (not m.startswith(PREFIX) or len(m) == len(PREFIX)):
            problems.append(
                Problem(
                    **where_of(parsed, i, HEADERS["metric"]),
                    value=m,
                    message=f"Måttets nyckel ska börja med '{PREFIX}', t.ex. staff.work_environment.",
                )
            )
    problems += duplicate_problems(parsed, ["year", "metric"], lambda r: f"Måttet '{r['metric']}' år {r['year']}")
    if any(p.severity == "fel" for p in problems):
        return None
    frame = parsed.sort_values(["year", "metric"], kind="stable")
    valid = validate_model(
        frame[[*SOURCE_COLUMNS, *StaffMeasures.to_schema().columns]], StaffMeasures, HEADERS, problems
    )
    return None if valid is None else finish_frame(valid)


def empty_staff() -> pd.DataFrame:
    """Return an empty staff-measure frame with the schema's columns and dtypes."""
    return finish_staff(empty_parsed(SHEET), [])


def load_staff(path: str | Path) -> pd.DataFrame:
    """Return the staff measures of one workbook (schema `StaffMeasures`); raises InputError on errors."""
    parsed, problems = collect_staff(Path(path))
    frame = finish_staff(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
