"""Courses (Kurs och konferens) and uppdrag: participants, totals, comparisons, cost reduction.

Definitions (the published T2 2019 report, section 2.1, 6.2 and Bilaga 2):

* **Period.** Year to date: 1 January through the tertial's end (`Tertial.in_year_to_date`),
  by `course_date`. (The report calls T1–T2 "första halvåret".) A tertial the courses table does
  not cover (`coverage.has_year_to_date_data`: no course in the year to date, or the tertial starts
  after the last course) has no result: NA and empty frames, never 0.
* **Held** = not cancelled. Courses held counts courses *and* uppdrag ("78 kurser/event").
* **Participants of a course** = the sum of its rows in the participants table when it has any,
  otherwise its `participants_total` (uppdrag usually have only a total), otherwise 0.
* **Per-organisation table** (Bilaga 2) = held courses of kind "kurs" arranged by
  Kurs och konferens, participants summed per organisation; percentages to one decimal by
  largest-remainder rounding so that the printed column sums to exactly 100,0
  (`largest_remainder_percentages`).
* **Digital share** = held courses with `digital` ÷ held courses.
* **Change vs last year** = (this year − last year) ÷ last year, for the same year-to-date span.
* **Cost reduction per course** (Tabell 1) = (external fee − fee via Kommunal utveckling) ×
  participants; in per cent = (external fee − fee) ÷ external fee.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from kuanalys.metrics.coverage import has_year_to_date_data
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS, is_kommun
from kuanalys.periods import Tertial

KURS_OCH_KONFERENS = "Kurs och konferens"


def largest_remainder_round(values: Sequence[float], total: float = 100.0, decimals: int = 1) -> list[float]:
    """Round shares of `total` so that the rounded figures sum to exactly `total`.

    Hamilton's largest-remainder method: each value's exact share of `total` is cut down to
    `decimals` digits; the units still missing are given one each to the values with the largest
    cut-off remainders (ties: the larger value first, then the earlier one).

    Args:
        values: non-negative counts (e.g. participants per organisation).
        total: what the rounded shares must sum to (100 for per cent).
        decimals: digits after the decimal point of each share.

    Returns:
        The rounded shares, in the order of `values`; all zeros when the values sum to 0.

    Examples:
        >>> largest_remainder_round([1, 1, 1], decimals=1)
        [33.4, 33.3, 33.3]
    """
    vals = [float(v) for v in values]
    if any(v < 0 or math.isnan(v) for v in vals):
        raise ValueError("Andelar kan bara räknas av tal som är 0 eller större.")
    s = sum(vals)
    if not vals:
        return []
    if s == 0:
        return [0.0] * len(vals)
    scale = 10**decimals
    units_total = round(Decimal(str(total)) * scale)
    exact = [Decimal(repr(v)) * units_total / Decimal(repr(s)) for v in vals]
    floors = [int(e) for e in exact]  # exact >= 0, so int() is floor
    missing = int(units_total) - sum(floors)
    order = sorted(range(len(vals)), key=lambda i: (-(exact[i] - floors[i]), -vals[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return [f / scale for f in floors]


def _ytd(courses: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the course rows of the year to date; no rows when the table does not cover the tertial."""
    if courses.empty or not has_year_to_date_data(courses["course_date"], tertial):
        return courses.iloc[0:0]
    return courses.loc[tertial.in_year_to_date(pd.to_datetime(courses["course_date"]))]


def _held_ytd(courses: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the held (not cancelled) courses and uppdrag of the year to date."""
    c = _ytd(courses, tertial)
    return c[~c["cancelled"].astype(bool)]


def course_participants(courses: pd.DataFrame, participants: pd.DataFrame) -> pd.Series:
    """Return the number of participants per course, indexed like `courses`.

    participants = sum of the course's rows in the participants table when there are any,
    else `participants_total`, else 0.

    Args:
        courses: tidy courses frame (`schemas.Courses`).
        participants: tidy course participants frame (`schemas.CourseParticipants`).

    Returns:
        An Int64 Series aligned with `courses.index`.
    """
    per = (
        participants.groupby(participants["course_id"].astype(str))["participants"].sum()
        if len(participants)
        else pd.Series(dtype="Int64")
    )
    from_rows = courses["course_id"].astype(str).map(per)
    total = courses["participants_total"] if "participants_total" in courses else pd.Series(pd.NA, index=courses.index)
    return from_rows.fillna(total).fillna(0).astype("Int64")


def participants_by_organisation(
    courses: pd.DataFrame,
    participants: pd.DataFrame,
    tertial: Tertial,
    organiser: str | None = KURS_OCH_KONFERENS,
    kind: str = "kurs",
) -> pd.DataFrame:
    """Return participants per organisation for the held courses of the year to date (Bilaga 2).

    percent = the organisation's participants ÷ all participants × 100, rounded to one decimal by
    largest remainder so the column sums to exactly 100,0; `share` is the unrounded fraction.

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.
        organiser: only courses of this organiser (None = all organisers).
        kind: only this kind ("kurs"; None = courses and uppdrag).

    Returns:
        Columns `org_code`, `organisation`, `is_kommun`, `participants`, `share`, `percent`;
        one row per organisation in `ORGANISATION_ORDER` (zeros included). When the courses
        table does not cover the tertial, `participants`, `share` and `percent` are NA.
    """
    covered = not _ytd(courses, tertial).empty
    c = _held_ytd(courses, tertial)
    if organiser is not None:
        c = c[c["organiser"].astype(str) == organiser]
    if kind is not None:
        c = c[c["kind"].astype(str) == kind]
    ids = set(c["course_id"].astype(str))
    p = participants[participants["course_id"].astype(str).isin(ids)]
    per = p.groupby(p["org_code"].astype(str))["participants"].sum()
    counts = [int(per.get(code, 0)) for code in ORGANISATION_ORDER]
    total = sum(counts)
    out = pd.DataFrame(
        {
            "org_code": ORGANISATION_ORDER,
            "organisation": [ORGANISATIONS[code] for code in ORGANISATION_ORDER],
            "is_kommun": [is_kommun(code) for code in ORGANISATION_ORDER],
            "participants": pd.array(counts if covered else [pd.NA] * len(counts), dtype="Int64"),
            "share": pd.array([n / total if total else pd.NA for n in counts], dtype="Float64"),
            "percent": largest_remainder_round(counts, 100, 1) if total else [pd.NA] * len(counts),
        }
    )
    out["percent"] = out["percent"].astype("Float64")
    return out


def course_totals(courses: pd.DataFrame, participants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the year-to-date totals of courses and uppdrag.

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.

    Returns:
        One row: `period` (label), `courses_held` (kurs + uppdrag not cancelled), `kurs_held`,
        `uppdrag_held`, `cancelled`, `participants` (of held courses and uppdrag),
        `participants_kurs`, `participants_uppdrag`, `digital_held`, `digital_share`
        (NA when nothing was held). Every figure is NA when the courses table does not cover the
        tertial (no result, never 0).
    """
    c = _ytd(courses, tertial)
    if c.empty:
        counts = (
            "courses_held",
            "kurs_held",
            "uppdrag_held",
            "cancelled",
            "participants",
            "participants_kurs",
            "participants_uppdrag",
            "digital_held",
        )
        return pd.DataFrame(
            {
                "period": [tertial.ytd_label()],
                **{k: pd.array([pd.NA], dtype="Int64") for k in counts},
                "digital_share": pd.array([pd.NA], dtype="Float64"),
            }
        )
    n = course_participants(c, participants)
    cancelled = c["cancelled"].astype(bool)
    held = ~cancelled
    is_kurs = c["kind"].astype(str) == "kurs"
    digital = c["digital"].astype(bool)
    n_held = int(held.sum())
    return pd.DataFrame(
        {
            "period": [tertial.ytd_label()],
            "courses_held": pd.array([n_held], dtype="Int64"),
            "kurs_held": pd.array([int((held & is_kurs).sum())], dtype="Int64"),
            "uppdrag_held": pd.array([int((held & ~is_kurs).sum())], dtype="Int64"),
            "cancelled": pd.array([int(cancelled.sum())], dtype="Int64"),
            "participants": pd.array([int(n[held].sum())], dtype="Int64"),
            "participants_kurs": pd.array([int(n[held & is_kurs].sum())], dtype="Int64"),
            "participants_uppdrag": pd.array([int(n[held & ~is_kurs].sum())], dtype="Int64"),
            "digital_held": pd.array([int((held & digital).sum())], dtype="Int64"),
            "digital_share": pd.array([(held & digital).sum() / n_held if n_held else pd.NA], dtype="Float64"),
        }
    )


def courses_held(courses: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the number of courses and uppdrag held in the year to date (None if no course rows at all).

    Args:
        courses: tidy courses frame.
        tertial: the year to date through this tertial.

    Returns:
        The count, or None when the courses table does not cover the tertial.
    """
    if _ytd(courses, tertial).empty:
        return None
    return float(len(_held_ytd(courses, tertial)))


def participants_total(courses: pd.DataFrame, participants: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the participants of held courses and uppdrag in the year to date (None if no course rows).

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.

    Returns:
        The number of participants, or None when the courses table does not cover the tertial.
    """
    n = course_totals(courses, participants, tertial)["participants"].iloc[0]
    return None if pd.isna(n) else float(n)


def digital_share(courses: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the share of held courses and uppdrag that were digital (None if none was held).

    Args:
        courses: tidy courses frame.
        tertial: the year to date through this tertial.

    Returns:
        The share as a fraction, or None.
    """
    held = _held_ytd(courses, tertial)
    if held.empty:
        return None
    return float(held["digital"].astype(bool).mean())


def course_comparison(courses: pd.DataFrame, participants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the year-to-date totals against the same period last year.

    change_pct = (this year − last year) ÷ last year (a fraction; NA when last year is 0 or
    missing). For `digital_share`, `change` is the difference of the shares.

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.

    Returns:
        Columns `measure` (courses_held, participants, cancelled, digital_share), `value`,
        `value_last_year`, `change`, `change_pct`.
    """
    now = course_totals(courses, participants, tertial).iloc[0]
    last = course_totals(courses, participants, tertial.same_period_last_year()).iloc[0]
    rows = []
    for m in ("courses_held", "participants", "cancelled", "digital_share"):
        v, lv = now[m], last[m]
        change = v - lv if not (pd.isna(v) or pd.isna(lv)) else pd.NA
        pct = change / lv if (m != "digital_share" and not pd.isna(change) and lv != 0) else pd.NA
        rows.append({"measure": m, "value": v, "value_last_year": lv, "change": change, "change_pct": pct})
    out = pd.DataFrame(rows)
    for c in ("value", "value_last_year", "change", "change_pct"):
        out[c] = pd.array(out[c].tolist(), dtype="Float64")
    return out


def uppdrag_by_organiser(courses: pd.DataFrame, participants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the held uppdrag of the year to date per organiser (the report's second table in Bilaga 2).

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.

    Returns:
        Columns `organiser`, `participants`, `uppdrag` (count); sorted by organiser as first seen.
    """
    c = _held_ytd(courses, tertial)
    c = c[c["kind"].astype(str) == "uppdrag"]
    n = course_participants(c, participants)
    frame = pd.DataFrame({"organiser": c["organiser"].astype(str), "participants": n, "uppdrag": 1})
    out = (
        frame.groupby("organiser", sort=False)
        .agg(participants=("participants", "sum"), uppdrag=("uppdrag", "sum"))
        .reset_index()
    )
    out["participants"] = out["participants"].astype("Int64")
    out["uppdrag"] = out["uppdrag"].astype("Int64")
    return out


def cost_reduction(courses: pd.DataFrame, participants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the cost reduction of each held course with both fees given (Tabell 1).

    reduction = (external fee − fee via Kommunal utveckling) × participants;
    reduction_pct = (external fee − fee) ÷ external fee.

    Args:
        courses: tidy courses frame.
        participants: tidy course participants frame.
        tertial: the year to date through this tertial.

    Returns:
        Columns `course_id`, `title`, `course_date`, `fee`, `participants`, `external_fee`,
        `reduction`, `reduction_pct`; in course order.
    """
    c = _held_ytd(courses, tertial)
    c = c[c["fee_per_participant"].notna() & c["external_fee_per_participant"].notna()]
    n = course_participants(c, participants)
    fee = c["fee_per_participant"].astype("Int64")
    ext = c["external_fee_per_participant"].astype("Int64")
    out = pd.DataFrame(
        {
            "course_id": c["course_id"].astype(str),
            "title": c["title"].astype(str),
            "course_date": pd.to_datetime(c["course_date"]),
            "fee": fee,
            "participants": n,
            "external_fee": ext,
            "reduction": ((ext - fee) * n).astype("Int64"),
            "reduction_pct": ((ext - fee) / ext.where(ext > 0)).astype("Float64"),
        }
    )
    return out.reset_index(drop=True)
