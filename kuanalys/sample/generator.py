"""The sample as a validated `Dataset` and as the input workbooks of `kuanalys.spec`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kuanalys.dataset import Dataset
from kuanalys.sample import plan2022, structure
from kuanalys.sample.attendance import attendance_frame, history_years
from kuanalys.sample.courses import courses_frames
from kuanalys.sample.funds import budget_frame, funds_frame, income_statement_frame
from kuanalys.sample.grants import grants_frame
from kuanalys.sample.indicators import indicator_frames
from kuanalys.sample.layouts import write_attendance_long, write_attendance_matrix
from kuanalys.sample.networks import NetworkDef, networks_frame, networks_with_copies
from kuanalys.sample.workbook import new_workbook, save_deterministic, write_table
from kuanalys.schemas import TIDY_SCHEMAS
from kuanalys.spec import (
    ACTIVITIES,
    COMMENTS,
    COURSES,
    FUNDS,
    GRANTS,
    INDICATORS,
    NETWORKS,
    PROJECTS,
    SETTINGS,
    STAFF,
    SURVEY,
    Sheet,
)

DEFAULT_SEED = 2019


def sample_dataset(seed: int = DEFAULT_SEED, scale: int = 1, years: int = 1) -> Dataset:
    """Return the sample as a validated `Dataset` (the same for the same seed, scale and years).

    `years > 1` adds `years − 1` generated years of attendance before 2018 (years=20: 1999–2017);
    the 2018–2019 rows and every other table are the same as with `years=1`.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    attendance, networks = attendance_frame(seed, scale, years)
    courses, participants = courses_frames(seed)
    indicators, targets = indicator_frames()
    tables = {
        "attendance": attendance,
        "networks": networks_frame(networks),
        "courses": courses,
        "course_participants": participants,
        "grants": grants_frame(),
        "funds_available": funds_frame(),
        "budget": budget_frame(),
        "income_statement": income_statement_frame(),
        "indicators": indicators,
        "targets": targets,
        "comments": structure.comments_frame(),
        "plan_goals": structure.plan_goals_frame(),
        "settings": structure.settings_frame(),
        "staff": structure.staff_frame(),
        "staff_measures": structure.staff_measures_frame(),
        "activities": structure.activities_frame(),
    }
    tables = plan2022.extend_tables(tables, seed)
    validated = {
        name: TIDY_SCHEMAS[name].validate(frame) if name in TIDY_SCHEMAS else frame for name, frame in tables.items()
    }
    return Dataset(**validated)


def _blank_zero_financiers(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the funds frame with 0 kr in the optional financier columns as blanks, as tabell 3 prints them."""
    out = frame.copy()
    for col in (
        "added_municipalities",
        "added_region",
        "added_eu",
        "added_state",
        "added_other",
        "earmarked_state_funds",
    ):
        out[col] = out[col].mask(out[col] == 0)
    return out


def write_sample(out_dir: Path | str, seed: int = DEFAULT_SEED, scale: int = 1, years: int = 1) -> list[Path]:
    """Write the sample workbooks to `out_dir`; return the written paths in writing order.

    `years > 1` also writes one long-layout workbook per generated year, narvaro_<år>.xlsx
    (narvaro_1999.xlsx … narvaro_2017.xlsx for years=20), after natverk.xlsx.
    """
    out = Path(out_dir)
    data = sample_dataset(seed=seed, scale=scale, years=years)
    networks, _ = networks_with_copies(scale)
    written: list[Path] = []

    wb = new_workbook()
    registry, former = NETWORKS.sheets
    write_table(wb, registry, data.networks, ["network", "network_type", "area", "with_region"])
    write_table(wb, former, data.network_former_names, [c.key for c in former.columns])
    written.append(save_deterministic(wb, out / "natverk.xlsx"))

    written += _write_attendance(out, data.attendance, networks, years)

    parts = data.course_participants.copy()
    parts["organisation"] = parts["organisation"].astype(str)
    written.append(_write_workbook(out / "kurser.xlsx", COURSES.sheets, (data.courses, parts)))
    written.append(_write_workbook(out / "ansokningar.xlsx", GRANTS.sheets, (data.grants,)))
    funds = (_blank_zero_financiers(data.funds_available), data.budget, data.income_statement)
    written.append(_write_workbook(out / "medel.xlsx", FUNDS.sheets, funds))
    indicators = (data.indicators, data.targets, data.plan_goals)
    written.append(_write_workbook(out / "matetal.xlsx", INDICATORS.sheets, indicators))
    written.append(_write_workbook(out / "kommentarer.xlsx", COMMENTS.sheets, (data.comments,)))

    for kind, name, tables in (
        (SETTINGS, "installningar.xlsx", (data.settings,)),
        (STAFF, "medarbetare.xlsx", (data.staff, data.staff_measures)),
        (ACTIVITIES, "aktiviteter.xlsx", (data.activities,)),
    ):
        written.append(_write_workbook(out / name, kind.sheets, tables))

    responses, _, scale, questions = SURVEY.sheets
    survey = (data.survey_responses, data.survey_scale, data.survey_questions)
    written.append(_write_workbook(out / "utvarderingsenkat.xlsx", (responses, scale, questions), survey))
    written.append(_write_workbook(out / "projekt.xlsx", PROJECTS.sheets, (data.projects,)))
    return written


def _write_workbook(path: Path, sheets: Sequence[Sheet], frames: Sequence[pd.DataFrame]) -> Path:
    """Return `path` after writing each frame to its sheet (every column of the sheet) in a new workbook."""
    wb = new_workbook()
    for sheet, frame in zip(sheets, frames):
        write_table(wb, sheet, frame, [c.key for c in sheet.columns])
    return save_deterministic(wb, path)


def _write_attendance(out: Path, attendance: pd.DataFrame, networks: list[NetworkDef], years: int) -> list[Path]:
    """Return the paths of the attendance workbooks written to `out`: generated years, 2018–2019, the plan's years."""
    written: list[Path] = []
    att = plan2022.names_as_held(attendance)
    year = att["meeting_date"].dt.year
    by_name = {n.name: n for n in networks}
    matrix_names = [n.name for n in networks if n.layout_2019 == "matrix"]
    is_matrix = att["network"].astype(str).isin(matrix_names)
    for generated in history_years(years):
        written.append(write_attendance_long(out / f"narvaro_{generated}.xlsx", att[year == generated]))
    written.append(write_attendance_long(out / "narvaro_2018.xlsx", att[year == 2018]))
    written.append(write_attendance_long(out / "narvaro_2019.xlsx", att[(year == 2019) & ~is_matrix]))
    written.append(
        write_attendance_matrix(
            out / "narvaro_matris_2019.xlsx", att[(year == 2019) & is_matrix], [by_name[n] for n in matrix_names]
        )
    )
    for plan_year in plan2022.YEARS:
        written.append(write_attendance_long(out / f"narvaro_{plan_year}.xlsx", att[year == plan_year]))
    return written
