"""Kurser: courses and uppdrag (sheet Kurser) with participants per organisation (sheet Deltagare)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import CourseTables
from kuanalys.errors import Problem
from kuanalys.formatting import format_plain
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_sheets,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
)
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS, organisation_dtype, organisation_name_dtype
from kuanalys.parsing import is_blank
from kuanalys.schemas import CourseParticipants, Courses
from kuanalys.spec import COURSE_KINDS, COURSES

COURSE_SHEET, PARTICIPANT_SHEET = COURSES.sheets
COURSE_HEADERS = {c.key: c.header for c in COURSE_SHEET.columns}
PARTICIPANT_HEADERS = {c.key: c.header for c in PARTICIPANT_SHEET.columns}


def collect_courses(path: Path) -> tuple[tuple[pd.DataFrame, pd.DataFrame], list[Problem]]:
    """Return the parsed Kurser and Deltagare rows of one workbook (with source columns) and its problems."""
    (courses, participants), problems = collect_sheets(path, (COURSE_SHEET, PARTICIPANT_SHEET))
    courses = courses.assign(
        digital=[bool(v) if not is_blank(v) else False for v in courses["digital"]],
        cancelled=[bool(v) if not is_blank(v) else False for v in courses["cancelled"]],
    )
    return (courses, participants), problems


def course_problems(courses: pd.DataFrame, participants: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Check courses against participants; return courses with participants_total filled in and the problems.

    participants_total is the sum of the course's Deltagare rows when there are any (a different
    stated total is an error); a course that is not cancelled needs one or the other. Deltagare
    rows must name a course in Kurser.
    """
    problems: list[Problem] = []
    problems += duplicate_problems(courses, ["course_id"], lambda r: f"Kurs-id '{r['course_id']}'")
    problems += duplicate_problems(
        participants,
        ["course_id", "organisation"],
        lambda r: (
            f"Deltagare för kurs '{r['course_id']}' och {ORGANISATIONS.get(r['organisation'], r['organisation'])}"
        ),
    )
    known = set(courses["course_id"].dropna())
    # With no courses at all (Kurser missing or unreadable, reported already), every Deltagare
    # row would be "unknown": say nothing more.
    for i, cid in enumerate(participants["course_id"] if known else []):
        if not is_blank(cid) and cid not in known:
            problems.append(
                Problem(
                    **where_of(participants, i, PARTICIPANT_HEADERS["course_id"]),
                    value=cid,
                    message=f"Kurs-id '{cid}' finns inte i bladet '{COURSE_SHEET.name}'.",
                )
            )
    valid = participants.dropna(subset=["course_id", "participants"])
    sums = valid.groupby("course_id")["participants"].agg(lambda s: int(sum(s))).to_dict()
    totals: list[object] = []
    for i, row in enumerate(courses.itertuples(index=False)):
        stated = None if is_blank(row.participants_total) else row.participants_total
        summed = sums.get(row.course_id)
        if summed is not None and stated is not None and summed != stated:
            problems.append(
                Problem(
                    **where_of(courses, i, COURSE_HEADERS["participants_total"]),
                    value=stated,
                    message=f"Antal deltagare ({format_plain(stated)}) stämmer inte med summan i bladet '{PARTICIPANT_SHEET.name}' ({format_plain(summed)}).",
                )
            )
        if summed is None and stated is None and not row.cancelled and not is_blank(row.course_id):
            problems.append(
                Problem(
                    **where_of(courses, i, COURSE_HEADERS["participants_total"]),
                    message=f"Kursen har varken rader i bladet '{PARTICIPANT_SHEET.name}' eller ett antal i kolumnen "
                    f"'{COURSE_HEADERS['participants_total']}'.",
                )
            )
        totals.append(summed if summed is not None else stated)
    return courses.assign(participants_total=pd.Series(totals, index=courses.index, dtype=object)), problems


def finish_courses(courses: pd.DataFrame, participants: pd.DataFrame, problems: list[Problem]) -> CourseTables | None:
    """Return the tidy CourseTables from parsed rows of one or more files, or None on errors."""
    courses, more = course_problems(courses, participants)
    problems += more
    if any(p.severity == "fel" for p in problems):
        return None
    courses = courses.sort_values(["course_date", "course_id"], kind="stable")
    valid_courses = validate_model(
        courses[[*SOURCE_COLUMNS, *Courses.to_schema().columns]], Courses, COURSE_HEADERS, problems
    )
    order = {c: i for i, c in enumerate(ORGANISATION_ORDER)}
    course_order = {c: i for i, c in enumerate(courses["course_id"])}
    participants = (
        participants.assign(
            org_code=participants["organisation"],
            organisation=[ORGANISATIONS[c] for c in participants["organisation"]],
            _o=[(course_order[c], order[o]) for c, o in zip(participants["course_id"], participants["organisation"])],
        )
        .sort_values("_o", kind="stable")
        .drop(columns="_o")
    )
    valid_participants = validate_model(
        participants[[*SOURCE_COLUMNS, *CourseParticipants.to_schema().columns]],
        CourseParticipants,
        PARTICIPANT_HEADERS,
        problems,
    )
    if valid_courses is None or valid_participants is None:
        return None
    out_courses = finish_frame(valid_courses)
    out_courses["organiser"] = (
        out_courses["organiser"]
        .astype(str)
        .astype(pd.CategoricalDtype(sorted(out_courses["organiser"].astype(str).unique())))
    )
    out_courses["kind"] = out_courses["kind"].astype(str).astype(pd.CategoricalDtype(list(COURSE_KINDS)))
    out_participants = finish_frame(valid_participants)
    out_participants["org_code"] = out_participants["org_code"].astype(str).astype(organisation_dtype())
    out_participants["organisation"] = out_participants["organisation"].astype(str).astype(organisation_name_dtype())
    return CourseTables(out_courses, out_participants)


def load_courses(path: str | Path) -> CourseTables:
    """Return the courses and participants of one workbook as CourseTables (schemas `Courses`,
    `CourseParticipants`). Raises InputError listing every problem if any is an error.
    """
    (courses, participants), problems = collect_courses(Path(path))
    tables = finish_courses(courses, participants, problems)
    raise_or_warn(problems, *(tables or ()))
    return tables
