"""Mätetal: the indicators of the business plan (sheet Mätetal) and their targets per year
(sheet Målvärden, kept as raw text for the scorecard to interpret)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import IndicatorTables
from kuanalys.errors import Problem
from kuanalys.loaders.checks import overlap_problems, year_order_problems
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
from kuanalys.schemas import Indicators, PlanGoals, Targets
from kuanalys.spec import COMPARISONS, DIRECTIONS, INDICATORS, UNITS

INDICATOR_SHEET, TARGET_SHEET, GOAL_SHEET = INDICATORS.sheets
INDICATOR_HEADERS = {c.key: c.header for c in INDICATOR_SHEET.columns}
TARGET_HEADERS = {c.key: c.header for c in TARGET_SHEET.columns}
GOAL_HEADERS = {c.key: c.header for c in GOAL_SHEET.columns}


def collect_indicators(path: Path) -> tuple[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], list[Problem]]:
    """Return the parsed Mätetal, Målvärden and Mål rows of one workbook and its problems."""
    (indicators, targets, goals), problems = collect_sheets(
        path, (INDICATOR_SHEET, TARGET_SHEET, GOAL_SHEET), allow_blank=("area",)
    )
    return (indicators, targets, goals), problems


def _describe_goal(row: pd.Series) -> str:
    if is_blank(row["area"]):
        return f"Målet '{row['goal']}'"
    return f"Området '{row['area']}' under målet '{row['goal']}'"


def goal_checks(goals: pd.DataFrame) -> list[Problem]:
    """Return the sheet Mål's row problems: years in order, and no goal or area on two rows for
    overlapping years."""
    return [
        *year_order_problems(goals, "first_year", "last_year", GOAL_HEADERS),
        *overlap_problems(goals, ["goal", "area"], "first_year", "last_year", _describe_goal),
    ]


def finish_goals(goals: pd.DataFrame, problems: list[Problem], checked: bool = False) -> pd.DataFrame | None:
    """Return the tidy plan goals and areas (schema `PlanGoals`) in the sheet's order, or None on
    errors. `checked`: `goal_checks` has run already."""
    if not checked:
        problems += goal_checks(goals)
    if any(p.severity == "fel" for p in problems):
        return None
    valid = validate_model(goals[[*SOURCE_COLUMNS, *PlanGoals.to_schema().columns]], PlanGoals, GOAL_HEADERS, problems)
    return None if valid is None else finish_frame(valid)


def finish_indicators(
    indicators: pd.DataFrame, targets: pd.DataFrame, goals_or_problems, problems: list[Problem] | None = None
) -> IndicatorTables | None:
    """Return the tidy IndicatorTables, or None on errors. Ids must be unique, each target must
    name a known indicator, and an indicator has at most one target per year. `goals` (the sheet
    Mål) may be left out: `finish_indicators(indicators, targets, problems)`."""
    if problems is None:
        goals, problems = None, goals_or_problems
    else:
        goals = goals_or_problems
    problems += duplicate_problems(indicators, ["indicator_id"], lambda r: f"Mätetalet '{r['indicator_id']}'")
    problems += year_order_problems(indicators, "first_year", "last_year", INDICATOR_HEADERS)
    problems += duplicate_problems(
        targets, ["indicator_id", "year"], lambda r: f"Målvärdet för '{r['indicator_id']}' år {r['year']}"
    )
    known = set(indicators["indicator_id"].dropna())
    for i, iid in enumerate(targets["indicator_id"]):
        if not is_blank(iid) and iid not in known:
            problems.append(
                Problem(
                    **where_of(targets, i, TARGET_HEADERS["indicator_id"]),
                    value=iid,
                    message=f"Id '{iid}' finns inte i bladet '{INDICATOR_SHEET.name}'.",
                )
            )
    if goals is not None:
        problems += goal_checks(goals)
    if any(p.severity == "fel" for p in problems):
        return None
    plan_goals = finish_goals(goals, problems, checked=True) if goals is not None else None
    valid_ind = validate_model(
        indicators[[*SOURCE_COLUMNS, *Indicators.to_schema().columns]], Indicators, INDICATOR_HEADERS, problems
    )
    targets = targets.sort_values(["indicator_id", "year"], kind="stable")
    valid_tgt = validate_model(
        targets[[*SOURCE_COLUMNS, *Targets.to_schema().columns]], Targets, TARGET_HEADERS, problems
    )
    if valid_ind is None or valid_tgt is None or (goals is not None and plan_goals is None):
        return None
    out = finish_frame(valid_ind)
    for col, choices in (("unit", UNITS), ("direction", DIRECTIONS), ("comparison", COMPARISONS)):
        out[col] = out[col].astype(object).astype(pd.CategoricalDtype(list(choices)))
    return IndicatorTables(out, finish_frame(valid_tgt), plan_goals)


def load_indicators(path: str | Path) -> IndicatorTables:
    """Return the indicators and their targets of one workbook as IndicatorTables (schemas
    `Indicators`, `Targets`; thresholds left empty where not given). Raises InputError on errors.
    """
    (indicators, targets, goals), problems = collect_indicators(Path(path))
    tables = finish_indicators(indicators, targets, goals, problems)
    raise_or_warn(problems, *(t for t in (tables or ()) if t is not None))
    return tables
