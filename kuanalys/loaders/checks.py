"""Checks across the rows of a parsed sheet that name their cells: dates far from the rest, first
and last years in order, rows that repeat another for overlapping years.

Parsed frames still carry their source columns (`_file`, `_sheet`, `_row`), so each warning
names the file, sheet, Excel row and column.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import where_of
from kuanalys.parsing import is_blank
from kuanalys.periods import far_dates
from kuanalys.spec import INPUT_KINDS, header_key


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


def _year(value: object) -> int | None:
    return None if is_blank(value) else int(value)


def year_span(first: object, last: object) -> str:
    """Return a span of years in words: '2022–2024', 'från 2022', 'till och med 2021', 'alla år'."""
    a, b = _year(first), _year(last)
    if a is None and b is None:
        return "alla år"
    if a is None:
        return f"till och med {b}"
    if b is None:
        return f"från {a}"
    return str(a) if a == b else f"{a}–{b}"


def year_order_problems(frame: pd.DataFrame, first: str, last: str, headers: dict[str, str]) -> list[Problem]:
    """Return one error per row whose first year (`first`) is after its last year (`last`): such a
    row applies to no year. It is the row's only year error; later checks skip it
    (`inverted_rows`)."""
    return [
        Problem(
            **where_of(frame, i, headers[last]),
            message=f"{headers[first]} ({a}) är senare än {headers[last]} ({b}), så raden gäller inget år. "
            f"Byt plats på åren eller rätta det som är fel.",
            value=b,
        )
        for i in inverted_rows(frame, first, last)
        for a, b in [(_year(frame[first].iat[i]), _year(frame[last].iat[i]))]
    ]


def inverted_rows(frame: pd.DataFrame, first: str, last: str) -> list[int]:
    """Return the positions of rows whose first year is after their last year."""
    if frame is None or frame.empty or first not in frame or last not in frame:
        return []
    return [
        i
        for i, (a, b) in enumerate(zip(frame[first], frame[last]))
        if not is_blank(a) and not is_blank(b) and int(a) > int(b)
    ]


def overlap_problems(
    frame: pd.DataFrame, keys: list[str], first: str, last: str, describe: Callable[[pd.Series], str]
) -> list[Problem]:
    """Return an error for each row that repeats an earlier row's `keys` (compared without case and
    spacing) for years that overlap the earlier row's (blank first year = from the start, blank
    last year = until further notice). Rows with inverted years are skipped (`year_order_problems`)."""
    problems: list[Problem] = []
    if frame is None or frame.empty:
        return problems
    skip = set(inverted_rows(frame, first, last))
    seen: dict[tuple, list[int]] = {}
    for i in range(len(frame)):
        if i in skip:
            continue
        key = tuple("" if is_blank(frame[k].iat[i]) else header_key(frame[k].iat[i]) for k in keys)
        lo, hi = year_bounds(frame[first].iat[i], frame[last].iat[i])
        for j in seen.get(key, []):
            lo2, hi2 = year_bounds(frame[first].iat[j], frame[last].iat[j])
            if lo <= hi2 and lo2 <= hi:
                problems.append(
                    Problem(
                        **where_of(frame, i),
                        message=f"{describe(frame.iloc[i])} finns redan på rad {int(frame['_row'].iat[j])} för "
                        f"{year_span(frame[first].iat[j], frame[last].iat[j])}, och åren överlappar (den här raden: "
                        f"{year_span(frame[first].iat[i], frame[last].iat[i])}). Ta bort den ena raden eller "
                        "ändra Första år/Sista år så att varje år bara finns på en rad.",
                    )
                )
                break
        seen.setdefault(key, []).append(i)
    return problems


# A blank first year is "from the start", a blank last year "until further notice".
OPEN_SPAN = (-1, 10_000)


def year_bounds(first: object, last: object) -> tuple[int, int]:
    """Return (first, last) years as numbers, blanks as the open ends of `OPEN_SPAN`."""
    a, b = _year(first), _year(last)
    return (OPEN_SPAN[0] if a is None else a, OPEN_SPAN[1] if b is None else b)


def bounds_span(bounds: tuple[int, int]) -> str:
    """Return `year_span` of bounds from `year_bounds`."""
    return year_span(*(None if y in OPEN_SPAN else y for y in bounds))
