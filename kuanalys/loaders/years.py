"""Years nobody meant: every År and date column checked against today's year and the plan.

- A year after next year (`parsing.current_date()`'s year + 1) is an error: nothing in the inputs can
  have happened then, and the row would drop out of every report without a word. A target
  (Målvärden) may also be for any year up to the plan's last Sista år: a plan is set in advance.
- A year more than one after the last year of the plan (matetal.xlsx: Målvärden, Första år and
  Sista år) and of the attendance is a warning; so is a year before the plan's first year.

One problem per column and year, at the first row that has it, counting the other rows. The
plan's own spans (Första år, Sista år, a former network name's years) and a project's planned end
are not records of something done, so they are not checked here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import shown_value, where_of
from kuanalys.spec import Sheet

NOT_CHECKED = frozenset({"first_year", "last_year", "from_year", "to_year", "planned_end"})
TARGET_SHEET = "Målvärden"


@dataclass(frozen=True)
class YearLimits:
    """The years the inputs' rows are checked against (None where the inputs give none)."""

    latest: int  # today's year + 1: any later year is an error
    first_plan: int | None  # the plan's first year: an earlier year is a warning
    last_known: int | None  # the last year of the plan or the attendance: more than one later is a warning
    plan_end: int | None = None  # the plan's last Sista år: targets up to it are no error

    def latest_for(self, sheet: Sheet) -> int:
        """Return the last year that is no error in `sheet`."""
        if sheet.name == TARGET_SHEET and self.plan_end is not None:
            return max(self.latest, self.plan_end)
        return self.latest


def year_limits(today: dt.date, plan: tuple[pd.DataFrame, ...], attendance: pd.DataFrame) -> YearLimits:
    """Return the limits from today's date, the parsed plan (Mätetal, Målvärden, Mål) and the parsed
    attendance. Years beyond the error limit do not count as the plan's or the attendance's."""
    latest = today.year + 1

    def years(keys: tuple[str, ...]) -> list[int]:
        return [
            int(y)
            for frame in plan
            for key in keys
            if key in frame
            for y in pd.to_numeric(frame[key], errors="coerce").dropna()
        ]

    plan_end = max(years(("last_year",)), default=None)
    plan_years = [y for y in years(("year", "first_year", "last_year")) if y <= max(latest, plan_end or latest)]
    dates = pd.to_datetime(attendance.get("meeting_date", pd.Series(dtype=object)), errors="coerce").dropna()
    attended = [int(y) for y in dates.dt.year if y <= latest]
    known = plan_years + attended
    return YearLimits(latest, min(plan_years, default=None), max(known, default=None), plan_end)


def checked_columns(sheet: Sheet) -> dict[str, tuple[str, str]]:
    """Return the År and date columns of a spec sheet that are checked: key → (header, type)."""
    return {c.key: (c.header, c.type) for c in sheet.columns if c.type in ("year", "date") and c.key not in NOT_CHECKED}


def year_problems(frame: pd.DataFrame, sheet: Sheet, limits: YearLimits) -> list[Problem]:
    """Return the year problems of a parsed frame (with source columns) of `sheet`."""
    problems: list[Problem] = []
    if frame is None or frame.empty or "_row" not in frame:
        return problems
    for key, (header, kind) in checked_columns(sheet).items():
        if key not in frame:
            continue
        values = frame[key]
        years = (
            pd.to_datetime(values, errors="coerce").dt.year
            if kind == "date"
            else pd.to_numeric(values, errors="coerce")
        )
        for (_, _, year), group in years.groupby([frame["_file"], frame["_sheet"], years], sort=True):
            first = int(group.index[0])
            i = frame.index.get_loc(first)
            message, severity = _judged(int(year), values.loc[first], kind, limits, limits.latest_for(sheet))
            if message is None:
                continue
            n = len(group) - 1
            more = f" Samma år står på {n} {'rad' if n == 1 else 'rader'} till i kolumnen." if n else ""
            problems.append(
                Problem(
                    **where_of(frame, i, header),
                    message=message + more,
                    value=shown_value(values.loc[first]),
                    severity=severity,
                )
            )
    return problems


def _judged(year: int, value: object, kind: str, limits: YearLimits, latest: int) -> tuple[str | None, str]:
    """Return the message and severity for a year (None when it is plausible); `latest` is the
    last year that is no error."""
    what = f"Datumet {pd.Timestamp(value):%Y-%m-%d}" if kind == "date" else f"Året {year}"
    if year > latest:
        if latest > limits.latest:
            return f"{what} ligger efter nästa år och efter planens sista år ({latest}). Rätta årtalet.", "fel"
        return f"{what} ligger efter nästa år ({limits.latest}) och kan inte stämma. Rätta årtalet.", "fel"
    if limits.last_known is not None and year > limits.last_known + 1:
        return (
            f"{what} ligger mer än ett år efter det sista året i verksamhetsplanen och närvaron "
            f"({limits.last_known}). Kontrollera årtalet.",
            "varning",
        )
    if limits.first_plan is not None and year < limits.first_plan:
        return f"{what} ligger före verksamhetsplanens första år ({limits.first_plan}). Kontrollera årtalet.", "varning"
    return None, "varning"
