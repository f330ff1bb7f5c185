"""Aktiviteter: the plan's activities with their status per tertial (optional input)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
)
from kuanalys.schemas import Activities
from kuanalys.spec import ACTIVITIES, ACTIVITY_STATUSES

SHEET = ACTIVITIES.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}


def collect_activities(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one activities workbook and its problems."""
    return collect_single_sheet(path, SHEET)


def finish_activities(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy activities (schema `Activities`) in the workbook's order, or None on errors.

    An activity is listed at most once per tertial and area.
    """
    problems += duplicate_problems(
        parsed,
        ["year", "tertial", "area", "activity"],
        lambda r: f"Aktiviteten '{r['activity']}' för tertial {r['tertial']} {r['year']}",
        compare=["status", "text"],
    )
    if any(p.severity == "fel" for p in problems):
        return None
    valid = validate_model(parsed[[*SOURCE_COLUMNS, *Activities.to_schema().columns]], Activities, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    if len(out):  # an empty categorical loses its categories in Parquet; keep empty frames alike
        out["status"] = out["status"].astype(object).astype(pd.CategoricalDtype(list(ACTIVITY_STATUSES)))
    return out


def load_activities(path: str | Path) -> pd.DataFrame:
    """Return the activities of one workbook (schema `Activities`); raises InputError on errors."""
    parsed, problems = collect_activities(Path(path))
    frame = finish_activities(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
