"""Tertials: T1 January–April, T2 May–August, T3 September–December.

A `Tertial` is a small immutable value: `Tertial(2019, 2)`. It knows its dates, its
year-to-date span, the previous tertial (T1's previous is T3 of the year before), the same
period last year, and its Swedish labels.

Examples:
    >>> t = Tertial(2019, 2)
    >>> t.label()
    'tertial 2 2019'
    >>> t.ytd_label()
    'januari–augusti 2019'
    >>> Tertial(2019, 1).previous()
    Tertial(year=2018, number=3)
    >>> t.same_period_last_year()
    Tertial(year=2018, number=2)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from kuanalys.errors import KuanalysError

# First month of each tertial.
_START_MONTH = {1: 1, 2: 5, 3: 9}


@dataclass(frozen=True, order=True)
class Tertial:
    """One tertial of one year; `number` is 1, 2 or 3."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3):
            raise KuanalysError(f"Tertial måste vara 1, 2 eller 3, inte {self.number}.")
        if not 1900 <= self.year <= 2200:
            raise KuanalysError(f"Orimligt år för en tertial: {self.year}.")

    # --- dates -------------------------------------------------------------------------
    @property
    def start(self) -> pd.Timestamp:
        """First day of the tertial."""
        return pd.Timestamp(self.year, _START_MONTH[self.number], 1)

    @property
    def end(self) -> pd.Timestamp:
        """Last day of the tertial (inclusive)."""
        return self.start + pd.DateOffset(months=4) - pd.Timedelta(days=1)

    @property
    def ytd_start(self) -> pd.Timestamp:
        """1 January of the tertial's year: the start of the year-to-date span."""
        return pd.Timestamp(self.year, 1, 1)

    def contains(self, when: date | pd.Timestamp) -> bool:
        """Return True if the date falls within this tertial."""
        ts = pd.Timestamp(when)
        return self.start <= ts <= self.end

    def in_period(self, dates: pd.Series) -> pd.Series:
        """Return a boolean mask of the dates that fall within this tertial."""
        return dates.between(self.start, self.end)

    def in_year_to_date(self, dates: pd.Series) -> pd.Series:
        """Return a boolean mask of the dates from 1 January through the end of this tertial."""
        return dates.between(self.ytd_start, self.end)

    # --- neighbours --------------------------------------------------------------------
    def previous(self) -> Tertial:
        """The tertial before this one; T1's previous is T3 of the year before."""
        if self.number == 1:
            return Tertial(self.year - 1, 3)
        return Tertial(self.year, self.number - 1)

    def next(self) -> Tertial:
        """The tertial after this one."""
        if self.number == 3:
            return Tertial(self.year + 1, 1)
        return Tertial(self.year, self.number + 1)

    def same_period_last_year(self) -> Tertial:
        """The same tertial one year earlier."""
        return Tertial(self.year - 1, self.number)

    # --- labels ------------------------------------------------------------------------
    def label(self) -> str:
        """Swedish label: 'tertial 2 2019'."""
        return f"tertial {self.number} {self.year}"

    def short_label(self) -> str:
        """Compact label used in file names and sheet names: '2019-T2'."""
        return f"{self.year}-T{self.number}"

    def ytd_label(self) -> str:
        """Swedish label of the year-to-date span, by its months: 'januari–augusti 2019'."""
        return f"januari–{('april', 'augusti', 'december')[self.number - 1]} {self.year}"

    def months_label(self) -> str:
        """Swedish month span: 'maj–augusti 2019'."""
        names = {1: "januari–april", 2: "maj–augusti", 3: "september–december"}
        return f"{names[self.number]} {self.year}"

    def __str__(self) -> str:
        return self.label()

    # --- construction ------------------------------------------------------------------
    @classmethod
    def of(cls, when: date | pd.Timestamp) -> Tertial:
        """The tertial a date falls in."""
        ts = pd.Timestamp(when)
        return cls(ts.year, (ts.month - 1) // 4 + 1)

    @classmethod
    def parse(cls, text: str) -> Tertial:
        """Parse '2019-T2', '2019 T2', 'T2 2019' or 'tertial 2 2019'."""
        s = text.strip().lower()
        m = re.fullmatch(r"(\d{4})\s*[-/ ]?\s*t(?:ertial)?\s*([123])", s) or None
        if m:
            return cls(int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"t(?:ertial)?\s*([123])\s*[-/ ]?\s*(\d{4})", s)
        if m:
            return cls(int(m.group(2)), int(m.group(1)))
        raise KuanalysError(f"Kan inte tolka {text!r} som en tertial (skriv t.ex. 2019-T2).")


def tertial_of(dates: pd.Series) -> pd.Series:
    """Return the tertial label ('2019-T2') of each date, as a string Series."""
    d = pd.to_datetime(dates)
    return d.dt.year.astype("string") + "-T" + ((d.dt.month - 1) // 4 + 1).astype("string")


def latest_complete_tertial(dates: Iterable[date | pd.Timestamp]) -> Tertial:
    """Return the latest tertial that any of the dates falls in (outlying dates left out, see `far_dates`)."""
    stamps = pd.Series([pd.Timestamp(d) for d in dates if not pd.isna(d)], dtype="datetime64[ns]")
    if stamps.empty:
        raise KuanalysError("Det finns inga datum i indata, så ingen tertial kan väljas.")
    return Tertial.of(stamps[~far_dates(stamps)].max())


# --- choosing the report's period ---------------------------------------------------------------
# A date separated from all other dates by more than this gap, together with at most
# `FAR_SHARE` of the dates (at least one), lies far from the rest: most likely a mistyped year.
FAR_GAP = pd.Timedelta(days=366)
FAR_SHARE = 0.05

# The tables and date columns that mark activity, and so the span of the data.
ACTIVITY_DATES: tuple[tuple[str, str], ...] = (
    ("attendance", "meeting_date"),
    ("courses", "course_date"),
    ("grants", "submitted_date"),
    ("funds_available", "reporting_date"),
    ("budget", "reporting_date"),
)


def far_dates(dates: pd.Series) -> pd.Series:
    """Return a boolean mask (aligned with `dates`) of the dates that lie far from the rest.

    Rule: sort the dates; where two neighbours are more than `FAR_GAP` (a year) apart, the dates
    on the smaller side of the gap are far from the rest when they are few: at most
    `FAR_SHARE` (5 %) of all dates, and at least one. So one meeting typed 2029 among 2018–2019
    is far; a register with a pause of a year between two busy periods is not. Missing dates are
    never far.
    """
    original = pd.Series(dates)
    values = pd.to_datetime(original, errors="coerce").to_numpy(dtype="datetime64[ns]")
    present = np.sort(values[~np.isnat(values)])
    far = np.zeros(len(values), dtype=bool)
    if len(present) >= 3:
        limit = max(1, int(len(present) * FAR_SHARE))
        gaps = np.flatnonzero(np.diff(present) > FAR_GAP.to_timedelta64()) + 1  # first index after a gap
        if len(gaps) and len(present) - gaps[-1] <= limit:
            far |= values >= present[gaps[-1]]
        if len(gaps) and gaps[0] <= limit:
            far |= values <= present[gaps[0] - 1]
    return pd.Series(far, index=original.index)


def data_dates(dataset) -> pd.Series:
    """Return every date in the data that marks activity (meetings, courses, grants, funds)."""
    parts = [
        pd.to_datetime(frame[column]).dropna()
        for name, column in ACTIVITY_DATES
        if (frame := getattr(dataset, name, None)) is not None and column in frame and len(frame)
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.Series(dtype="datetime64[ns]")
    return pd.concat(parts, ignore_index=True)


def choose_period(dataset, year: int | None = None, tertial: int | None = None) -> Tertial:
    """Return the tertial to report, or raise KuanalysError (Swedish) before any notebook starts.

    - Year and tertial given: that tertial, unless it ends before the first record in the data
      (refused: there is nothing to report). A tertial after the last record is allowed: its
      sections say that nothing was registered.
    - Only a year: the latest tertial of that year in the data; only a tertial: that tertial in
      the latest year that has it; neither: the latest tertial in the data.
    Dates far from the rest (`far_dates`, e.g. one meeting typed years ahead) never choose the
    default period; the loaders warn about them with their cell.
    """
    dates = data_dates(dataset)
    dates = dates[~far_dates(dates)]
    if dates.empty:
        raise KuanalysError(
            "Det finns inga daterade poster i indata (möten, kurser, ansökningar eller ekonomi), "
            "så det finns ingen period att rapportera."
        )
    first = dates.min()
    if year is not None and tertial is not None:
        wanted = Tertial(year, tertial)
        if wanted.end < first:
            raise KuanalysError(
                f"{wanted.label().capitalize()} ligger före den första posten i indata ({first:%Y-%m-%d}), så det "
                f"finns inget att rapportera. Välj {Tertial.of(first).label()} eller senare."
            )
        return wanted
    present = {Tertial.of(d) for d in dates}
    if year is not None:
        present = {t for t in present if t.year == year}
    if tertial is not None:
        present = {t for t in present if t.number == tertial}
    if not present:
        asked = " ".join(x for x in (f"tertial {tertial}" if tertial else "", f"år {year}" if year else "") if x)
        span = f"{Tertial.of(first).label()}–{Tertial.of(dates.max()).label()}"
        raise KuanalysError(
            f"Det finns inga poster för {asked} i indata (data finns för {span}). "
            "Ange både --year och --tertial för en period utan poster."
        )
    return max(present)


def resolve_period(dataset, year: int | None, tertial: int | None, annual: bool = False) -> Tertial:
    """Return the tertial to report (`choose_period`), or with `annual` the whole year (`Year`; the
    year of the latest tertial when not given, and it must have records, as for a tertial)."""
    return Year(choose_period(dataset, year, None).year) if annual else choose_period(dataset, year, tertial)


def reported_year(tertial: Tertial) -> int:
    """Return the year a yearly measure (the evaluation survey, the project register, staff
    measures) reports in a tertial: the tertial's own year in tertial 3, when the year's survey
    has been answered; the year before in tertials 1 and 2 (the latest completed year).

    >>> reported_year(Tertial(2024, 3)), reported_year(Tertial(2024, 1))
    (2024, 2023)
    """
    return tertial.year if tertial.number == 3 else tertial.year - 1


@dataclass(frozen=True, order=True)
class Year(Tertial):
    """A whole calendar year as a report period (the annual report, verksamhetsberättelsen).

    It behaves as tertial 3 of the year whose period starts on 1 January: a measure per tertial
    (attendance) is computed over the whole year's meetings, a year-to-date measure (courses,
    grants) is its value through tertial 3, a measure at a reporting date takes the year's last,
    and a yearly measure (survey, projects, staff) reports the year itself. Its previous period
    and its same period last year are both the year before.
    """

    number: int = 3

    @property
    def start(self) -> pd.Timestamp:
        """1 January."""
        return pd.Timestamp(self.year, 1, 1)

    @property
    def end(self) -> pd.Timestamp:
        """31 December."""
        return pd.Timestamp(self.year, 12, 31)

    def previous(self) -> Year:
        return Year(self.year - 1)

    def next(self) -> Year:
        return Year(self.year + 1)

    def same_period_last_year(self) -> Year:
        return Year(self.year - 1)

    def label(self) -> str:
        """Swedish label: 'år 2024'."""
        return f"år {self.year}"

    def short_label(self) -> str:
        """'2024' (file and sheet names)."""
        return str(self.year)

    def ytd_label(self) -> str:
        return self.label()

    def months_label(self) -> str:
        return f"januari–december {self.year}"

    def tertials(self) -> tuple[Tertial, Tertial, Tertial]:
        """The year's three tertials."""
        return (Tertial(self.year, 1), Tertial(self.year, 2), Tertial(self.year, 3))
