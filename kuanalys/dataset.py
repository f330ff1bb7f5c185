"""Containers for loaded inputs: named groups of tidy frames.

These are plain typed tuples and one dataclass; they hold frames and carry no logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from kuanalys.errors import Problems

# The tidy tables of a Dataset, in the order they are written and documented.
TABLE_NAMES: tuple[str, ...] = (
    "attendance",
    "networks",
    "network_former_names",
    "courses",
    "course_participants",
    "grants",
    "funds_available",
    "budget",
    "income_statement",
    "indicators",
    "targets",
    "comments",
    "survey_responses",
    "survey_scale",
    "survey_questions",
    "projects",
    "plan_goals",
    "settings",
    "staff",
    "staff_measures",
    "activities",
)
# Tables of optional inputs added later: a Dataset made without them gets them empty.
OPTIONAL_TABLES: tuple[str, ...] = (
    "plan_goals",
    "settings",
    "staff",
    "staff_measures",
    "activities",
    "network_former_names",
    "survey_responses",
    "survey_scale",
    "survey_questions",
    "projects",
)


class CourseTables(NamedTuple):
    """`load_courses` result: one row per course, and one row per course and organisation."""

    courses: pd.DataFrame
    participants: pd.DataFrame


class FundTables(NamedTuple):
    """`load_funds` result: available funds (tabell 3), budget (tabell 2/5), income statement (tabell 1)."""

    available: pd.DataFrame
    budget: pd.DataFrame
    income_statement: pd.DataFrame


class IndicatorTables(NamedTuple):
    """`load_indicators` result: the indicator list, targets per indicator and year (raw text),
    and the plan's goals and areas in report order (empty when the workbook has no sheet Mål)."""

    indicators: pd.DataFrame
    targets: pd.DataFrame
    plan_goals: pd.DataFrame | None = None


class StaffTables(NamedTuple):
    """`load_staff` result: årsarbetare per tertial, and yearly staff measures."""

    staff: pd.DataFrame
    measures: pd.DataFrame


class NetworkTables(NamedTuple):
    """`load_networks_with_history` result: the registry, and the former names of its networks."""

    networks: pd.DataFrame
    former_names: pd.DataFrame


class SurveyTables(NamedTuple):
    """`load_survey` result: counts per year, network, question and option; the scale; the questions."""

    responses: pd.DataFrame
    scale: pd.DataFrame
    questions: pd.DataFrame


@dataclass(frozen=True)
class InputFile:
    """One input file that was read: its path, kind and sha256 (for report provenance)."""

    path: Path
    kind: str
    sha256: str


@dataclass
class Dataset:
    """Everything `load_all` found in a data folder, as tidy frames."""

    attendance: pd.DataFrame
    networks: pd.DataFrame
    courses: pd.DataFrame
    course_participants: pd.DataFrame
    grants: pd.DataFrame
    funds_available: pd.DataFrame
    budget: pd.DataFrame
    income_statement: pd.DataFrame
    indicators: pd.DataFrame
    targets: pd.DataFrame
    comments: pd.DataFrame
    plan_goals: pd.DataFrame | None = None
    settings: pd.DataFrame | None = None
    staff: pd.DataFrame | None = None
    staff_measures: pd.DataFrame | None = None
    activities: pd.DataFrame | None = None
    network_former_names: pd.DataFrame | None = None
    survey_responses: pd.DataFrame | None = None
    survey_scale: pd.DataFrame | None = None
    survey_questions: pd.DataFrame | None = None
    projects: pd.DataFrame | None = None
    files: list[InputFile] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)

    def __post_init__(self) -> None:
        for name in OPTIONAL_TABLES:
            if getattr(self, name) is None:
                from kuanalys.schemas import TIDY_SCHEMAS, empty_frame

                setattr(self, name, empty_frame(TIDY_SCHEMAS[name]))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tidy tables by name (what `kuanalys ingest` writes as Parquet)."""
        return {name: getattr(self, name) for name in TABLE_NAMES}
