"""Checks across the rows of a parsed sheet that name their cells: dates far from the rest.

Parsed frames still carry their source columns (`_file`, `_sheet`, `_row`), so each warning
names the file, sheet, Excel row and column.
"""

from __future__ import annotations

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import where_of
from kuanalys.periods import far_dates
from kuanalys.spec import INPUT_KINDS


def date_columns(kind: str) -> dict[str, str]:
    """Return the date columns of an input kind: tidy key → Swedish header."""
    return {c.key: c.header for sheet in INPUT_KINDS[kind].sheets for c in sheet.columns if c.type == "date"}


def far_date_problems(frame: pd.DataFrame, kind: str) -> list[Problem]:
    """Warn, once per distinct date, about dates far from the rest of their column (`far_dates`).

    Such a date is most likely a mistyped year; it is kept (the warning names the cell) but it
    never chooses the report's default period.
    """
    problems: list[Problem] = []
    if frame is None or frame.empty or "_row" not in frame:
        return problems
    for key, header in date_columns(kind).items():
        if key not in frame:
            continue
        dates = pd.to_datetime(frame[key], errors="coerce")
        far = far_dates(dates)
        if not far.any():
            continue
        rest = dates[~far].dropna()
        span = f"{rest.min():%Y-%m-%d}–{rest.max():%Y-%m-%d}"
        positions = [i for i, f in enumerate(far.to_numpy()) if f]
        for value, group in pd.Series(positions, index=dates.iloc[positions].to_numpy()).groupby(level=0):
            more = f" (och {len(group) - 1} rader till med samma datum)" if len(group) > 1 else ""
            problems.append(
                Problem(
                    **where_of(frame, int(group.iloc[0]), header),
                    message=f"Datumet {pd.Timestamp(value):%Y-%m-%d} ligger långt från övriga datum i kolumnen "
                    f"({span}); kontrollera årtalet{more}. Det används inte för att välja rapportens standardperiod.",
                    severity="varning",
                )
            )
    return problems
