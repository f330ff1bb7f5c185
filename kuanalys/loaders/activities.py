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
    without_repeats,
)
from kuanalys.schemas import Activities
from kuanalys.spec import ACTIVITIES, ACTIVITY_STATUSES

SHEET = ACTIVITIES.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}
_KEYS = ["year", "tertial", "area", "activity"]
_OTHERS = ["status", "text"]


def collect_activities(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one activities workbook and its problems."""
    return collect_single_sheet(path, SHEET)


def finish_activities(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy activities (schema `Activities`) in the workbook's order, or None on errors.

    An activity is listed once per tertial and area (texts compared without case, spacing and
    punctuation): a repeat with another status or comment is an error, an exact repeat a warning
    and listed once.
    """
    problems += duplicate_problems(
        parsed,
        _KEYS,
        lambda r: f"Aktiviteten '{r['activity']}' för tertial {r['tertial']} {r['year']}",
        compare=_OTHERS,
        identical="varning",
    )
    if any(p.severity == "fel" for p in problems):
        return None
    parsed = without_repeats(parsed, _KEYS, _OTHERS)
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
