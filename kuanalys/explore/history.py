"""Tidy histories across all years: attendance, courses and the survey, one frame each.

The loaders already spell every renamed network with its current name (natverk.xlsx, sheet
Tidigare namn), so `network` is the network's stable id through its renames. Every frame keeps
the period columns `year`, `tertial` and `period` ("2019-T2") of its date.
"""

from __future__ import annotations

import pandas as pd

from kuanalys.dataset import Dataset
from kuanalys.metrics import attendance as att
from kuanalys.metrics import survey as srv
from kuanalys.organisations import ORGANISATIONS, REGION_CODE, is_kommun
from kuanalys.periods import Tertial, tertial_of
from kuanalys.spec import MEETING_FORMATS, NETWORK_TYPES

# The organisation's side of a meeting: the 13 kommuner, the Region, or external participants.
SIDES = ("kommun", "region", "extern")

ATTENDANCE_COLUMNS = {
    "network": "string",
    "network_type": pd.CategoricalDtype(NETWORK_TYPES),
    "area": "string",
    "with_region": "boolean",
    "org_code": "string",
    "organisation": "string",
    "side": pd.CategoricalDtype(SIDES),
    "meeting_date": "datetime64[ns]",
    "year": "Int64",
    "tertial": "Int64",
    "period": "string",
    "meeting_format": pd.CategoricalDtype(MEETING_FORMATS),
    "seats_invited": "Int64",
    "seats_present": "Int64",
}


def _periods(dates: pd.Series) -> dict[str, pd.Series]:
    """Return the period columns (`year`, `tertial`, `period`) of a date column."""
    d = pd.to_datetime(dates)
    return {
        "year": d.dt.year.astype("Int64"),
        "tertial": ((d.dt.month - 1) // 4 + 1).astype("Int64"),
        "period": tertial_of(d).astype("string"),
    }


def _side(code: str) -> str:
    return "region" if code == REGION_CODE else "kommun" if is_kommun(code) else "extern"


def attendance_history(ds: Dataset) -> pd.DataFrame:
    """Return one row per meeting and invited organisation, over every year in the data.

    A meeting is one network on one date (as in `metrics.attendance`); its format is the
    meeting's first recorded format (`metrics.attendance.meeting_rates`).

    Returns:
        Columns and dtypes of `ATTENDANCE_COLUMNS`: `network` (current name: the stable id),
        its `network_type`, `area`, `with_region`; `org_code`, `organisation`, `side` (kommun,
        region, extern); `meeting_date`, `year`, `tertial`, `period`; `meeting_format`;
        `seats_invited`, `seats_present`. Sorted by date, network and organisation.
    """
    a = ds.attendance
    if a.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in ATTENDANCE_COLUMNS.items()})
    keys = [a["network"].astype("string"), a["meeting_date"], a["org_code"].astype("string")]
    present = a["present"].astype(bool).groupby(keys, sort=False)
    out = pd.DataFrame({"seats_invited": present.size(), "seats_present": present.sum()})
    out = out.rename_axis(["network", "meeting_date", "org_code"]).reset_index()
    formats = att.meeting_rates(a)[["network", "meeting_date", "meeting_format"]]
    out = out.merge(formats, on=["network", "meeting_date"], how="left")
    reg = ds.networks[["network", "network_type", "area", "with_region"]].astype({"network": "string"})
    out = out.merge(reg, on="network", how="left")
    sides = {c: _side(c) for c in out["org_code"].dropna().unique()}
    out = out.assign(
        organisation=out["org_code"].map(ORGANISATIONS),
        side=out["org_code"].map(sides),
        **_periods(out["meeting_date"]),
    )
    out = out[list(ATTENDANCE_COLUMNS)].astype(ATTENDANCE_COLUMNS)
    return out.sort_values(["meeting_date", "network", "org_code"], ignore_index=True)


COURSE_COLUMNS = {
    "course_id": "string",
    "title": "string",
    "course_date": "datetime64[ns]",
    "year": "Int64",
    "tertial": "Int64",
    "period": "string",
    "organiser": "string",
    "kind": "string",
    "digital": "boolean",
    "cancelled": "boolean",
    "org_code": "string",
    "organisation": "string",
    "participants": "Int64",
}


def course_history(ds: Dataset) -> pd.DataFrame:
    """Return one row per course and participating organisation, over every year in the data.

    A course without participant rows keeps one row with `org_code` and `participants` NA (never 0).

    Returns:
        Columns and dtypes of `COURSE_COLUMNS`, sorted by date and course.
    """
    c = ds.courses[["course_id", "title", "course_date", "organiser", "kind", "digital", "cancelled"]]
    p = ds.course_participants[["course_id", "org_code", "participants"]]
    out = c.astype({"course_id": "string"}).merge(
        p.astype({"course_id": "string", "org_code": "string"}), on="course_id", how="left"
    )
    out = out.assign(organisation=out["org_code"].map(ORGANISATIONS), **_periods(out["course_date"]))
    out = out[list(COURSE_COLUMNS)].astype(COURSE_COLUMNS)
    return out.sort_values(["course_date", "course_id", "org_code"], ignore_index=True)


SURVEY_COLUMNS = {
    "year": "Int64",
    "network": "string",
    "network_type": "string",
    "question_id": "string",
    "question": "string",
    "option": "string",
    "very_satisfied": "boolean",
    "respondents": "Int64",
}


def survey_history(ds: Dataset) -> pd.DataFrame:
    """Return the survey counts of every year with the network's type, the question's text and
    whether the option counts as mycket nöjd (the Svarsskala sheet, as `metrics.survey` reads it).

    Returns:
        Columns and dtypes of `SURVEY_COLUMNS`; a network missing from the register has type "övrigt".
    """
    r = ds.survey_responses
    if r is None or r.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SURVEY_COLUMNS.items()})
    flagged = srv._with_flags(r, ds.survey_scale, ds.networks)
    texts = dict(zip(ds.survey_questions["question_id"].astype(str), ds.survey_questions["question"].astype(str)))
    out = flagged.assign(question=flagged["question_id"].astype(str).map(texts))
    return out[list(SURVEY_COLUMNS)].astype(SURVEY_COLUMNS).reset_index(drop=True)


def tertials(history: pd.DataFrame) -> list[Tertial]:
    """Return the tertials of a history frame, in time order."""
    pairs = history[["year", "tertial"]].drop_duplicates().dropna()
    return sorted(Tertial(int(y), int(t)) for y, t in zip(pairs["year"], pairs["tertial"]))
