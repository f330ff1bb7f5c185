"""Uppdrag och projekt: the register of uppdrag and projects, one row per project and year."""

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
    where_of,
    without_repeats,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import Projects
from kuanalys.spec import GOALS_MET, PROJECT_KINDS, PROJECT_STATUSES, PROJECTS, YES_NO

SHEET = PROJECTS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}
_KEYS = ["project", "year"]
_OTHERS = [c.key for c in SHEET.columns if c.key not in _KEYS]
_CHOICES = {
    "kind": PROJECT_KINDS,
    "status": PROJECT_STATUSES,
    "within_budget": YES_NO,
    "according_to_plan": YES_NO,
    "goals_met": GOALS_MET,
}


def collect_projects(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one project register (with source columns) and its problems."""
    return collect_single_sheet(path, SHEET)


def end_problems(parsed: pd.DataFrame) -> list[Problem]:
    """Return an error for each row whose planned end is before its start."""
    problems = []
    for i, (start, end) in enumerate(zip(parsed["start_date"], parsed["planned_end"])):
        if not is_blank(start) and not is_blank(end) and end < start:
            problems.append(
                Problem(
                    **where_of(parsed, i, HEADERS["planned_end"]),
                    value=end,
                    message="Planerat slut är före start.",
                )
            )
    return problems


def finish_projects(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy register (schema `Projects`) sorted by year and project, or None on errors.
    A project has one row per year (names compared without case, spacing and punctuation): a
    repeat with other values is an error, an exact repeat a warning and counted once."""
    problems += duplicate_problems(
        parsed,
        _KEYS,
        lambda r: f"Uppdraget/projektet '{r['project']}' år {r['year']}",
        compare=_OTHERS,
        identical="varning",
    )
    problems += end_problems(parsed)
    if any(p.severity == "fel" for p in problems):
        return None
    frame = without_repeats(parsed, _KEYS, _OTHERS).sort_values(["year", "project"], kind="stable")
    valid = validate_model(frame[[*SOURCE_COLUMNS, *Projects.to_schema().columns]], Projects, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    if out.empty:  # no register: categories as Parquet gives them back (none)
        return out
    for col, choices in _CHOICES.items():
        out[col] = out[col].astype(object).astype(pd.CategoricalDtype(list(choices)))
    out["area"] = out["area"].astype(object).astype(pd.CategoricalDtype(sorted(out["area"].dropna().unique())))
    return out


def load_projects(path: str | Path) -> pd.DataFrame:
    """Return the project register of one workbook (schema `Projects`); raises InputError on errors."""
    parsed, problems = collect_projects(Path(path))
    frame = finish_projects(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
